"""桓台县第二小学's plugin: the seed's figures in its summary, its veto, its homework checks."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import schoolwork_huantai
from click.testing import CliRunner
from schoolwork.evaluation.assess import assess

from schoolwork.cli import cli
from schoolwork.plugins import build_host
from schoolwork.scheme import VetoEffect
from schoolwork.testing.fairness import check_scheme
from schoolwork.workspace import load

ENV = {"SCHOOLWORK_LOAD_PLUGINS": "huantai-2"}


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("huantai")
    result = CliRunner().invoke(cli, ["demo", str(out), "--school", "huantai-2"], env=ENV)
    assert result.exit_code == 0, result.output
    return (out / "report.md").read_text(encoding="utf-8")


def host():  # type: ignore[no-untyped-def]
    return build_host({"huantai": schoolwork_huantai}, autoload=False)


def test_listed_with_its_hooks() -> None:
    result = CliRunner().invoke(cli, ["plugins"], env=ENV)
    assert "huantai-2 (schoolwork-huantai-2 1.0.0)" in result.output
    for hook in (
        "schoolwork_checks",
        "schoolwork_indicator_values",
        "schoolwork_report_sections",
        "schoolwork_workspaces",
    ):
        assert f"  {hook}" in result.output


def test_the_summary_carries_the_seeds_figures(summary: str) -> None:
    assert "体质健康达标率达到96.4%（目标96%以上）" in summary
    assert "航空航天科普活动中有24人获奖，其中一等奖2人、二等奖4人" in summary
    assert "编程比赛项目中10人获奖" in summary
    assert "本学年学校教师无任何违规现象发生" in summary
    assert "“1+1+X”课后服务模式" in summary
    assert "| 一年级 | 跳绳 |" in summary


def test_homework_days_over_the_limit(summary: str) -> None:
    days, problems = schoolwork_huantai.homework.read(
        schoolwork_huantai.workspace_path(), {f"grade-{g}" for g in range(1, 7)}
    )
    assert problems == []
    over = sum(1 for d in days if d.over)
    assert f"超出总量控制{over}个" in summary
    assert all(not d.over for d in days if d.grade in ("grade-1", "grade-2"))


def test_bad_homework_rows_are_named(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    shutil.copytree(schoolwork_huantai.workspace_path(), target)
    (target / "homework.csv").write_text(
        "date,grade,minutes,published,supervision\n2021-04-06,grade-9,很多,maybe,校长\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(target)], env=ENV)
    assert result.exit_code == 2
    for column in ("grade", "minutes", "published", "supervision"):
        assert f"homework.csv: row 2, column {column}" in result.output


def test_reading_completeness_comes_from_the_records() -> None:
    loaded = load(schoolwork_huantai.workspace_path(), host())
    _, evaluation = assess(loaded, "huantai-teacher-2021", host())
    values = [r.dimension("knowledge").indicators[1] for r in evaluation.results]
    assert {v.source for v in values} == {"plugin:huantai"}
    assert Decimal(100) in {v.value for v in values}
    assert any(v.value is not None and v.value < 100 for v in values)


def test_the_ethics_veto_dominates_and_decides_by_severity() -> None:
    scheme = load(schoolwork_huantai.workspace_path()).workspace.scheme("huantai-teacher-2021")
    check_scheme(
        scheme,
        plugins={"huantai": schoolwork_huantai},
        max_examples=20,
        properties=["veto", "bounded", "quota"],
    )
    moderate, serious = scheme.vetoes
    assert VetoEffect.CANCEL_AWARDS in moderate.effects
    assert (serious.band, serious.dimension) == ("不合格", "morals")


def test_civilized_classes_are_counted_from_the_weekly_checks() -> None:
    loaded = load(schoolwork_huantai.workspace_path())
    scheme, evaluation = assess(loaded, "huantai-class-2021")
    weeks = {
        c: sum(
            1
            for i in loaded.workspace.inspections
            if i.unit == c and i.type == "文明班级" and i.passed
        )
        for c in {u.id for u in loaded.workspace.units if u.kind.value == "class"}
    }
    for result in evaluation.results:
        indicator = result.dimension("civility").indicators[0]
        assert indicator.value == weeks[result.subject.id]
    assert evaluation.results[0].rank == 1
    assert attrs.has(type(scheme))
