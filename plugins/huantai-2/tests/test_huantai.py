"""桓台县第二小学's plugin: the seed's figures in its summary, its veto, its homework records."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import schoolwork_huantai
from click.testing import CliRunner
from schoolwork_huantai.homework import HomeworkDay, Party

import schoolwork
from schoolwork.cli import cli
from schoolwork.testing import check_scheme

ENV = {"SCHOOLWORK_LOAD_PLUGINS": "huantai-2"}
PLUGINS = {"huantai": schoolwork_huantai}
TEACHER = "huantai-teacher-2021"


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("huantai")
    result = CliRunner().invoke(cli, ["demo", str(out), "--school", "huantai-2"], env=ENV)
    assert result.exit_code == 0, result.output
    return (out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def school() -> schoolwork.Session:
    return schoolwork.open(schoolwork_huantai.workspace_path(), plugins=PLUGINS, installed=False)


def test_listed_with_its_hooks_and_its_school() -> None:
    result = CliRunner().invoke(cli, ["plugins"], env=ENV)
    assert "huantai-2 (schoolwork-huantai-2 1.0.0); serves huantai-2" in result.output
    for hook in (
        "schoolwork_checks",
        "schoolwork_indicator_values",
        "schoolwork_record_kinds",
        "schoolwork_report_sections",
        "schoolwork_workspaces",
    ):
        assert f"  {hook}" in result.output


def test_the_summary_carries_the_seeds_figures(summary: str) -> None:
    # The seed's own words: 96 % 以上, not a figure of its own (the workspace once typed 96.4).
    assert "孩子们的体质健康达标率达到96%以上。" in summary
    assert "96.4" not in summary
    assert "航空航天科普活动中有24人获奖，其中一等奖2人、二等奖4人" in summary
    assert "编程比赛项目中10人获奖" in summary
    assert "本学年学校教师无任何违规现象发生" in summary
    assert "*示例数据：以上阅读常规记录均为虚构，不代表学校的实际情况。*" in summary
    assert summary.startswith("# 2020-2021学年工作总结\n\n**桓台县第二小学**\n\n> **示例数据**：")
    assert "作业总量控制" in summary
    assert "“1+1+X”课后服务模式" in summary
    assert "| 一年级 | 跳绳 |" in summary


def test_homework_is_a_record_kind_read_by_the_core(school: schoolwork.Session) -> None:
    assert school.loaded.kind("homework") == schoolwork_huantai.homework.KIND
    assert school.loaded.file("homework").endswith(str(Path("records", "homework.csv")))
    days = school.workspace.records.kind("homework")
    assert len(days) == 354
    assert all(isinstance(d, HomeworkDay) for d in days)
    first = days[0]
    invented = schoolwork.Provenance.INVENTED
    assert first == HomeworkDay(date(2021, 4, 6), "grade-1", 0, True, tuple(Party), invented)
    assert {d.provenance for d in days} == {invented}
    assert days[2].supervision == (Party.GRADE_DIRECTOR, Party.PARENTS)
    assert not (schoolwork_huantai.workspace_path() / "homework.csv").exists()


def test_homework_days_over_the_limit(summary: str, school: schoolwork.Session) -> None:
    days = school.workspace.records.kind("homework")
    over = sum(1 for d in days if d.over)
    assert over > 0
    assert f"共记录{len(days)}个级部作业日，超出总量控制{over}个" in summary
    assert "示例数据：以上作业日记录均为虚构" in summary
    assert all(d.limit == 0 and not d.over for d in days if d.grade in ("grade-1", "grade-2"))
    assert {d.limit for d in days if d.grade not in ("grade-1", "grade-2")} == {60}
    grade_3 = [d for d in days if d.grade == "grade-3"]
    row = (
        f"| 三年级 | {len(grade_3)} | 60分钟 | {sum(1 for d in grade_3 if d.over)} | "
        f"{sum(1 for d in grade_3 if not d.published)} | "
        f"{sum(1 for d in grade_3 if not d.fully_supervised)} |"
    )
    assert row in summary


def test_homework_records_go_to_their_grade() -> None:
    day = HomeworkDay(date(2021, 4, 6), "grade-3", 65, True, (Party.PARENTS,))
    assert list(schoolwork_huantai.homework.KIND.owners(day)) == ["grade-3"]


def test_bad_homework_rows_are_named(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    shutil.copytree(schoolwork_huantai.workspace_path(), target)
    (target / "records" / "homework.csv").write_text(
        "date,grade,minutes,published,supervision\n"
        "2021-04-06,grade-9,30,是,教导处;家长\n"
        "2021-04-07,grade-3,很多,maybe,校长\n",
        encoding="utf-8",
    )
    # The messages below are English: asked for, not left to the machine's locale.
    result = CliRunner().invoke(cli, ["--lang", "en", "validate", str(target)], env=ENV)
    assert result.exit_code == 2, result.output
    for row, column in ((2, "grade"), (3, "minutes"), (3, "published"), (3, "supervision")):
        assert f"homework.csv: row {row}, column {column}" in result.output
    assert "the id of a grade" in result.output
    assert "'grade-9'" in result.output


def test_bad_parties_are_refused_by_the_core_type_check(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    shutil.copytree(schoolwork_huantai.workspace_path(), target)
    (target / "records" / "homework.csv").write_text(
        "date,grade,minutes,published,supervision\n2021-04-06,grade-3,30,true,教导处;校长\n",
        encoding="utf-8",
    )
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(target, plugins=PLUGINS, installed=False)
    (problem,) = caught.value.problems
    assert problem.file.endswith("homework.csv")
    assert problem.path == "row 2, column supervision"
    assert "教导处" in problem.expected


def test_reading_completeness_comes_from_the_records(school: schoolwork.Session) -> None:
    _, evaluation = school.evaluate(TEACHER)
    values = [r.dimension("knowledge").indicators[1] for r in evaluation.results]
    assert {v.id for v in values} == {"reading"}
    assert {v.source for v in values} == {"plugin:huantai"}
    assert Decimal(100) in {v.value for v in values}
    assert any(v.value is not None and v.value < 100 for v in values)


def test_the_ethics_veto_dominates_and_decides_by_severity(school: schoolwork.Session) -> None:
    scheme = school.scheme(TEACHER)
    check_scheme(scheme, plugins=PLUGINS, max_examples=20, properties=["veto", "bounded", "quota"])
    moderate, serious = scheme.vetoes
    assert schoolwork.VetoEffect.CANCEL_AWARDS in moderate.effects
    assert (serious.band, serious.dimension) == ("不合格", "morals")


class Spy:
    """Wraps every plugin's indicator values and keeps what they returned."""

    def __init__(self) -> None:
        self.seen: list[Mapping[str, object]] = []

    @schoolwork.hookimpl(wrapper=True)
    def schoolwork_indicator_values(self):  # type: ignore[no-untyped-def]
        answers = yield
        self.seen.extend(answers)
        return answers


def test_the_fairness_check_runs_the_reading_hook(school: schoolwork.Session) -> None:
    spy = Spy()
    check_scheme(
        school.scheme(TEACHER),
        plugins={**PLUGINS, "spy": spy},
        max_examples=5,
        properties=["bounded"],
    )
    reading = [answer["reading"] for answer in spy.seen if "reading" in answer]
    assert reading
    assert all(isinstance(v, Decimal) and 0 <= v <= 100 for v in reading)


class Broken:
    """The plugin with its reading hook broken: it names an indicator the scheme lacks."""

    schoolwork_schools = schoolwork_huantai.schoolwork_schools

    @schoolwork.hookimpl
    def schoolwork_indicator_values(self, scheme, records):  # type: ignore[no-untyped-def]
        values = schoolwork_huantai.schoolwork_indicator_values(scheme, records)
        return None if values is None else {**values, "no-such-indicator": 1}


def test_a_broken_reading_hook_fails_the_fairness_check_naming_the_plugin(
    school: schoolwork.Session,
) -> None:
    with pytest.raises(schoolwork.PluginError) as caught:
        check_scheme(school.scheme(TEACHER), plugins={"broken": Broken()}, max_examples=5)
    assert caught.value.plugin == "broken"
    assert "no-such-indicator" in str(caught.value)


def test_civilized_classes_are_counted_from_the_weekly_checks(school: schoolwork.Session) -> None:
    scheme, evaluation = school.evaluate("huantai-class-2021")
    workspace = school.workspace
    weeks = {
        c.id: sum(
            1 for i in workspace.inspections if i.unit == c.id and i.type == "文明班级" and i.passed
        )
        for c in workspace.subjects(schoolwork.SubjectKind.CLASS)
    }
    for result in evaluation.results:
        indicator = result.dimension("civility").indicators[0]
        assert indicator.value == weeks[result.subject.id]
    assert evaluation.results[0].rank == 1
    assert attrs.has(type(scheme))


def test_other_schools_do_not_get_the_homework_kind(schoolwork_sample_dir: Path) -> None:
    sample = schoolwork.open(schoolwork_sample_dir, plugins=PLUGINS, installed=False)
    assert "homework" not in {k.name for k in sample.loaded.kinds}
    assert all(not s.origin.startswith("plugin:") for s in sample.schemes)
    (info,) = [p for p in sample.host.plugins() if p.name == "huantai"]
    assert not info.active


def test_only_invented_records_get_the_sample_line() -> None:
    day = HomeworkDay(date(2021, 4, 6), "grade-3", 65, True, (Party.PARENTS,))
    invented = attrs.evolve(day, provenance=schoolwork.Provenance.INVENTED)
    stated = attrs.evolve(day, provenance=schoolwork.Provenance.SEED)
    note = schoolwork_huantai.sections.invented_note
    assert note([day, day], "作业日") is None  # a school's own records say nothing
    assert note([stated], "作业日") is None
    all_invented = note([invented, invented], "作业日")
    assert all_invented is not None
    assert all_invented.markdown == "*示例数据：以上作业日记录均为虚构，不代表学校的实际情况。*"
    some = note([invented, stated, day], "作业日")
    assert some is not None
    assert some.markdown == "*示例数据：以上作业日记录中有1条为虚构，不代表学校的实际情况。*"
