"""沂源县第二实验小学's plugin: the seed's figures in its summary, and its scheme's fairness."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import schoolwork_yiyuan
from click.testing import CliRunner
from hypothesis import given, settings
from schoolwork_yiyuan import sections

import schoolwork
from schoolwork.cli import cli
from schoolwork.testing import check_scheme
from schoolwork.testing import strategies as sw

ENV = {"SCHOOLWORK_LOAD_PLUGINS": "yiyuan-exp2"}
PLUGINS = {"yiyuan": schoolwork_yiyuan}
TEACHER = schoolwork_yiyuan.TEACHER_SCHEME


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("yiyuan")
    result = CliRunner().invoke(cli, ["demo", str(out), "--school", "yiyuan-exp2"], env=ENV)
    assert result.exit_code == 0, result.output
    assert "evaluated yiyuan-teacher-2023: 49 subjects" in result.output
    return (out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def school() -> schoolwork.Session:
    return schoolwork.open(schoolwork_yiyuan.workspace_path(), plugins=PLUGINS, installed=False)


def test_the_plugin_is_found_through_its_entry_point() -> None:
    result = CliRunner().invoke(cli, ["plugins"], env=ENV)
    assert "yiyuan-exp2 (schoolwork-yiyuan-exp2 1.0.0); serves yiyuan-exp2" in result.output
    for hook in (
        "schoolwork_adjust_result",
        "schoolwork_report_sections",
        "schoolwork_schemes",
        "schoolwork_workspaces",
    ):
        assert f"  {hook}" in result.output


def test_the_summary_carries_the_seeds_figures(summary: str) -> None:
    assert summary.startswith(
        "# 2023-2024学年工作总结\n\n**沂源县第二实验小学**\n\n> **示例数据**："
    )
    assert "其中学校集体荣誉19项" in summary
    assert (
        "本学期推送学生作品12件，其中县一等奖8件、县二等奖2件、市一等奖1件、市二等奖1件" in summary
    )
    assert "本学期大教研组开展活动8次，组织级部检查4次" in summary
    assert "本学年承办县级教研活动3次" in summary
    assert "### （三）“三驾马车”驱动引领" in summary
    assert "加强四支队伍建设" in summary
    assert "考核优秀之争" in summary


def test_the_disputes_section_counts_the_evaluated_teachers(summary: str) -> None:
    scheme = schoolwork_yiyuan.teacher_scheme()
    top = scheme.bands[0]
    places = schoolwork.quota_places(top, 49)
    assert f"（49人中至多{places}人）" in summary
    assert f"“{top.name}”以{top.min_score}分为线" in summary


def test_the_scheme_is_read_once_from_its_file() -> None:
    scheme = schoolwork_yiyuan.teacher_scheme()
    assert scheme is schoolwork_yiyuan.teacher_scheme()
    assert (scheme,) == schoolwork.read_schemes(schoolwork_yiyuan.scheme_path())
    assert scheme.id == TEACHER


def test_the_school_evaluates_the_plugins_scheme(school: schoolwork.Session) -> None:
    (source,) = [s for s in school.schemes if s.scheme.id == TEACHER]
    assert source.origin == "plugin:yiyuan"
    assert source.scheme == schoolwork_yiyuan.teacher_scheme()
    assert school.default_year() == "2023-2024"


def test_the_plugin_leaves_other_schools_alone(schoolwork_sample_dir: Path) -> None:
    sample = schoolwork.open(schoolwork_sample_dir, installed=["yiyuan-exp2"])
    assert TEACHER not in {s.scheme.id for s in sample.schemes}
    assert all(not s.origin.startswith("plugin:") for s in sample.schemes)
    (info,) = [p for p in sample.host.plugins() if p.name == "yiyuan-exp2"]
    assert not info.active
    assert info.schools == ("yiyuan-exp2",)


def test_the_veto_dominates_and_the_scheme_is_fair() -> None:
    check_scheme(schoolwork_yiyuan.teacher_scheme(), plugins=PLUGINS, max_examples=20)


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
    for result in schoolwork.evaluate(scheme, PEOPLE, values=values).results:
        for dimension in result.dimensions:
            parts = {i.part for i in dimension.indicators}
            if parts == {schoolwork.Part.PROCESS, schoolwork.Part.RESULT}:
                assert dimension.process is not None
                assert dimension.result is not None
                assert dimension.score is not None
                mix = share * dimension.process + (1 - share) * dimension.result
                assert abs(dimension.score - mix) <= Decimal("0.005")
                low_part = min(dimension.process, dimension.result)
                high_part = max(dimension.process, dimension.result)
                assert low_part <= dimension.score <= high_part


def test_indicator_scores_carry_the_parts_the_scheme_declares(school: schoolwork.Session) -> None:
    scheme, evaluation = school.evaluate(TEACHER)
    declared = {i.id: i.part for d in scheme.dimensions for i in d.indicators}
    for result in evaluation.results:
        for dimension in result.dimensions:
            for indicator in dimension.indicators:
                assert indicator.part is declared[indicator.id]


def test_steady_work_is_rewarded_and_explained(school: schoolwork.Session) -> None:
    _, evaluation = school.evaluate(TEACHER)
    steady = [r for r in evaluation.results if any(a.rule == "steady-work" for a in r.adjustments)]
    assert steady
    assert all(schoolwork_yiyuan.is_steady(r) for r in steady)
    adjustment = next(a for a in steady[0].adjustments if a.rule == "steady-work")
    assert adjustment.source == "plugin:yiyuan"
    assert adjustment.points == schoolwork_yiyuan.STEADY_BONUS
    assert "不让老实人吃亏" in adjustment.reason
    unsteady = [r for r in evaluation.results if r not in steady]
    assert unsteady
    assert not any(schoolwork_yiyuan.is_steady(r) for r in unsteady if not r.vetoes)


def test_steadiness_reads_the_part_of_each_indicator_score(school: schoolwork.Session) -> None:
    _, evaluation = school.evaluate(TEACHER)
    result = next(r for r in evaluation.results if schoolwork_yiyuan.is_steady(r))
    # A result indicator below the floor does not matter; the same score as a process one does.
    dimension = result.dimension("ethics")
    review = next(i for i in dimension.indicators if i.part is schoolwork.Part.RESULT)
    low = review._replace(points=Decimal(10))
    indicators = tuple(low if i.id == review.id else i for i in dimension.indicators)
    lowered = attrs.evolve(
        result,
        dimensions=tuple(
            d._replace(indicators=indicators) if d.id == "ethics" else d for d in result.dimensions
        ),
    )
    assert schoolwork_yiyuan.is_steady(lowered)
    as_process = tuple(
        low._replace(part=schoolwork.Part.PROCESS) if i.id == review.id else i for i in indicators
    )
    changed = attrs.evolve(
        result,
        dimensions=tuple(
            d._replace(indicators=as_process) if d.id == "ethics" else d for d in result.dimensions
        ),
    )
    assert not schoolwork_yiyuan.is_steady(changed)


def test_the_terms_figures_count_the_term_and_the_years_the_year(
    school: schoolwork.Session,
) -> None:
    """本学期 is the year's second semester: a research activity or a pushed work of the first
    semester is counted in the year's table, not in the term's sentence."""
    workspace = school.workspace
    term = sections.this_term(workspace, "2023-2024")
    assert (term.start, term.end, term.word) == (date(2024, 2, 19), date(2024, 7, 5), "本学期")
    autumn = date(2023, 10, 18)
    book = workspace.records
    moved = schoolwork.RecordBook(
        {
            **book.records,
            "activity": tuple(
                attrs.evolve(a, date=autumn) if a.id == "A001" else a for a in book.activities
            ),
            "honour": tuple(
                attrs.evolve(h, date=autumn) if h.id == "H031" else h for h in book.honours
            ),
        }
    )
    found = {
        s.id: s for s in sections.all_sections(attrs.evolve(workspace, records=moved), "2023-2024")
    }
    checks = found["teaching-checks"].blocks[0]
    assert isinstance(checks, schoolwork.Text)
    assert checks.markdown.startswith("本学期大教研组开展活动7次，组织级部检查4次")
    reading, table = found["three-carriages"].blocks[1:]
    assert isinstance(reading, schoolwork.Text)
    assert isinstance(table, schoolwork.Table)
    assert "本学期推送学生作品11件，其中县一等奖8件、县二等奖2件、市一等奖1件。" in reading.markdown
    assert table.rows[0] == ("书润童心", "推送作品获奖12件")


def test_a_year_without_semesters_is_counted_whole_and_called_so(
    school: schoolwork.Session,
) -> None:
    workspace = school.workspace
    years = tuple(attrs.evolve(y, semesters=()) for y in workspace.calendar.years)
    plain = attrs.evolve(workspace, calendar=attrs.evolve(workspace.calendar, years=years))
    term = sections.this_term(plain, "2023-2024")
    assert (term.start, term.end, term.word) == (date(2023, 9, 1), date(2024, 8, 31), "本学年")
    (checks,) = sections.teaching_and_checks(plain, term.start, term.end, term).blocks
    assert isinstance(checks, schoolwork.Text)
    assert checks.markdown.startswith("本学年大教研组开展活动8次")
