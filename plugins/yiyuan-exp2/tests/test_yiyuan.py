"""沂源县第二实验小学's plugin: the seed's figures in its summary, and its scheme's fairness."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import schoolwork_yiyuan
from click.testing import CliRunner
from hypothesis import given, settings

from schoolwork.cli import cli
from schoolwork.evaluation.engine import evaluate
from schoolwork.plugins import build_host
from schoolwork.scheme import Part
from schoolwork.testing import strategies as sw
from schoolwork.testing.fairness import check_scheme
from schoolwork.workspace import load


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("yiyuan")
    result = CliRunner().invoke(
        cli,
        ["demo", str(out), "--school", "yiyuan-exp2"],
        env={"SCHOOLWORK_LOAD_PLUGINS": "yiyuan-exp2"},
    )
    assert result.exit_code == 0, result.output
    assert "evaluated yiyuan-teacher-2023: 49 subjects" in result.output
    return (out / "report.md").read_text(encoding="utf-8")


def test_the_plugin_is_found_through_its_entry_point() -> None:
    result = CliRunner().invoke(cli, ["plugins"], env={"SCHOOLWORK_LOAD_PLUGINS": "yiyuan-exp2"})
    assert "yiyuan-exp2 (schoolwork-yiyuan-exp2 1.0.0)" in result.output
    for hook in (
        "schoolwork_adjust_result",
        "schoolwork_report_sections",
        "schoolwork_schemes",
        "schoolwork_workspaces",
    ):
        assert f"  {hook}" in result.output


def test_the_summary_carries_the_seeds_figures(summary: str) -> None:
    assert "其中学校集体荣誉19项" in summary
    assert "推送学生作品12件，其中县一等奖8件、县二等奖2件、市一等奖1件、市二等奖1件" in summary
    assert "本学期大教研组开展活动8次，组织级部检查4次" in summary
    assert "### （三）“三驾马车”驱动引领" in summary
    assert "加强四支队伍建设" in summary
    assert "考核优秀之争" in summary


def test_the_plugin_leaves_other_schools_alone(schoolwork_sample_dir: Path) -> None:
    host = build_host({"yiyuan": schoolwork_yiyuan}, autoload=False)
    assert host.call("schoolwork_schemes", workspace=load(schoolwork_sample_dir).workspace) == []


def test_the_veto_dominates_and_the_scheme_is_fair() -> None:
    check_scheme(
        schoolwork_yiyuan.teacher_scheme(), plugins={"yiyuan": schoolwork_yiyuan}, max_examples=20
    )


PEOPLE = sw.subjects(3)


@settings(max_examples=40, deadline=None)
@given(sw.values_for(schoolwork_yiyuan.teacher_scheme(), PEOPLE, missing=False))
def test_process_weighting_stays_within_the_schools_bounds(
    values: dict[str, dict[str, Decimal | None]],
) -> None:
    scheme = schoolwork_yiyuan.teacher_scheme()
    low, high = schoolwork_yiyuan.PROCESS_BOUNDS
    assert scheme.split is not None
    share = scheme.split.process / (scheme.split.process + scheme.split.result)
    assert low <= share <= high
    for result in evaluate(scheme, PEOPLE, values=values).results:
        for dimension in result.dimensions:
            parts = {i.part for i in scheme.dimension(dimension.id).indicators}
            if parts == {Part.PROCESS, Part.RESULT}:
                assert dimension.process is not None
                assert dimension.result is not None
                mix = share * dimension.process + (1 - share) * dimension.result
                assert abs(dimension.score - mix) <= Decimal("0.005")  # type: ignore[operator]
                assert (
                    min(dimension.process, dimension.result)
                    <= dimension.score
                    <= max(dimension.process, dimension.result)
                )  # type: ignore[operator]


def test_steady_work_is_rewarded_and_explained(tmp_path: Path) -> None:
    host = build_host({"yiyuan": schoolwork_yiyuan}, autoload=False)
    loaded = load(schoolwork_yiyuan.workspace_path(), host)
    from schoolwork.evaluation.assess import assess

    _, evaluation = assess(loaded, "yiyuan-teacher-2023", host)
    steady = [r for r in evaluation.results if any(a.rule == "steady-work" for a in r.adjustments)]
    assert steady
    adjustment = next(a for a in steady[0].adjustments if a.rule == "steady-work")
    assert adjustment.source == "plugin:yiyuan"
    assert "不让老实人吃亏" in adjustment.reason
