"""One path for every feature: the public face, the job as a library call, hooks through pluggy.

These tests take the paths a plugin author and a new user take: plugins installed through an
entry point, the documented test call, the fairness kit, and the command line.
"""

from __future__ import annotations

import ast
import datetime
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork import hookimpl
from schoolwork.cli import cli
from schoolwork.testing import check_scheme, write_plugin

SRC = Path(schoolwork.__file__).parent


def _scheme(scheme_id: str = "plugin-teacher", period: str = "2023-2024") -> schoolwork.Scheme:
    attendance = schoolwork.Indicator(
        "attendance",
        "出勤",
        schoolwork.PointsRule(schoolwork.RuleKind.LINEAR, floor=D(0), ceiling=D(100)),
    )
    reading = schoolwork.Indicator(
        "reading",
        "读书",
        schoolwork.PointsRule(schoolwork.RuleKind.LINEAR, floor=D(0), ceiling=D(10)),
    )
    return schoolwork.Scheme(
        scheme_id,
        "插件方案",
        schoolwork.SubjectKind.TEACHER,
        period,
        (schoolwork.Dimension("work", "工作", D(1), (attendance, reading)),),
        bands=(schoolwork.Band("优秀", D(90)), schoolwork.Band("合格", D(0))),
    )


TEACHERS = (
    schoolwork.Subject("T1", "王老师", schoolwork.SubjectKind.TEACHER),
    schoolwork.Subject("T2", "李老师", schoolwork.SubjectKind.TEACHER),
)


# -- the public face -------------------------------------------------------------------------


def test_every_name_of_the_face_is_importable_and_listed_once() -> None:
    assert len(schoolwork.__all__) == len(set(schoolwork.__all__))
    for name in schoolwork.__all__:
        assert hasattr(schoolwork, name), name


def test_every_type_a_hook_receives_or_returns_is_on_the_face() -> None:
    tree = ast.parse((SRC / "hookspecs.py").read_text(encoding="utf-8"))
    named = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("schoolwork.")
        for alias in node.names
    }
    assert named, "hookspecs names its types"
    assert named <= set(schoolwork.__all__), named - set(schoolwork.__all__)


def test_no_function_level_import_of_schoolwork_modules() -> None:
    """A late import is how a cycle hides; only optional extras may be imported late."""
    late = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                        "schoolwork"
                    ):
                        late.append(f"{path.relative_to(SRC)}:{inner.lineno}")
    assert late == []


# -- hooks through pluggy: attribution, checks, wrappers --------------------------------------


class Reading:
    """Computes the reading indicator from nothing but the subject: a visible, simple rule."""

    @hookimpl
    def schoolwork_indicator_values(self, scheme, subject):  # type: ignore[no-untyped-def]
        return {"reading": D(8) if subject.id == "T1" else D(4)}


def test_the_documented_test_call_runs_indicator_values() -> None:
    host = schoolwork.plugin_host({"reading": Reading()}, installed=False)
    values = {"T1": {"attendance": D(90)}, "T2": {"attendance": D(90)}}
    evaluation = schoolwork.evaluate(_scheme(), TEACHERS, values=values, host=host)
    first = evaluation.result("T1").dimension("work").indicators[1]
    assert (first.value, first.source) == (D(8), "plugin:reading")
    assert evaluation.result("T1").score > evaluation.result("T2").score


def test_the_fairness_kit_runs_indicator_values() -> None:
    calls: list[str] = []

    class Spy:
        @hookimpl
        def schoolwork_indicator_values(self, subject):  # type: ignore[no-untyped-def]
            calls.append(subject.id)

    check_scheme(_scheme(), plugins={"spy": Spy()}, max_examples=5, properties=["bounded"])
    assert calls


class Misspelt:
    @hookimpl
    def schoolwork_adjust_result(self, scheme, subjcet):  # type: ignore[no-untyped-def]
        return []


def test_a_misspelt_argument_fails_registration_naming_the_plugin() -> None:
    with pytest.raises(schoolwork.PluginError, match=r"plugin 'typo' failed to load: .*subjcet"):
        schoolwork.plugin_host({"typo": Misspelt()}, installed=False)


def test_check_scheme_fails_naming_a_plugin_with_a_misspelt_argument() -> None:
    with pytest.raises(schoolwork.PluginError, match="plugin 'typo'"):
        check_scheme(_scheme(), plugins={"typo": Misspelt()}, max_examples=5)


class Bonus:
    @hookimpl
    def schoolwork_adjust_result(self, result):  # type: ignore[no-untyped-def]
        return [schoolwork.Adjustment(D(2), "加分", rule="bonus")]


class DoubleWrapper:
    """A new-style wrapper that doubles every bonus the others give, and adds one of its own."""

    @hookimpl(wrapper=True)
    def schoolwork_adjust_result(self) -> Iterator[None]:  # type: ignore[misc]
        answers = yield
        doubled = [
            tuple(attrs.evolve(a, points=a.points * 2) for a in answer) for answer in answers
        ]
        return [*doubled, [schoolwork.Adjustment(D(1), "包装", rule="wrapper")]]


class OldWrapper:
    """An old-style hookwrapper that only watches."""

    seen: list[int]

    def __init__(self) -> None:
        self.seen = []

    @hookimpl(hookwrapper=True)
    def schoolwork_adjust_result(self):  # type: ignore[no-untyped-def]
        outcome = yield
        self.seen.append(len(outcome.get_result()))


def test_wrapper_implementations_compose_and_every_point_is_attributed() -> None:
    watcher = OldWrapper()
    host = schoolwork.plugin_host(
        {"bonus": Bonus(), "double": DoubleWrapper(), "watch": watcher}, installed=False
    )
    scheme = attrs.evolve(_scheme(), bonus_cap=D(10))
    values = {"T1": {"attendance": D(80), "reading": D(8)}}
    evaluation = schoolwork.evaluate(scheme, TEACHERS[:1], values=values, host=host)
    adjustments = {(a.source, a.rule, a.applied) for a in evaluation.result("T1").adjustments}
    # The wrapper changed the bonus plugin's answer, so the changed points are the wrapper's;
    # the watching wrapper changed nothing and is named for nothing.
    assert adjustments == {
        ("plugin:double", "bonus", D("4.00")),
        ("plugin:double", "wrapper", D("1.00")),
    }
    assert watcher.seen == [2]


def test_tryfirst_and_trylast_order_the_answers() -> None:
    class Early:
        @hookimpl(tryfirst=True)
        def schoolwork_adjust_result(self):  # type: ignore[no-untyped-def]
            return [schoolwork.Adjustment(D(1), "先", rule="early")]

    class Late:
        @hookimpl(trylast=True)
        def schoolwork_adjust_result(self):  # type: ignore[no-untyped-def]
            return [schoolwork.Adjustment(D(1), "后", rule="late")]

    host = schoolwork.plugin_host({"late": Late(), "early": Early()}, installed=False)
    scheme = attrs.evolve(_scheme(), bonus_cap=D(10))
    values = {"T1": {"attendance": D(80), "reading": D(8)}}
    result = schoolwork.evaluate(scheme, TEACHERS[:1], values=values, host=host).result("T1")
    assert [a.rule for a in result.adjustments] == ["early", "late"]


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        ({"attendance": 85.5}, "expected a mapping of str to Decimal or int"),
        (["attendance"], "expected a mapping of str to"),
        ({"attendance": True}, "expected a Decimal or int"),
        ({"nope": D(1)}, "scheme 'plugin-teacher' has no indicator 'nope'"),
    ],
)
def test_a_wrong_result_names_the_plugin_and_the_hook(returned: Any, expected: str) -> None:
    class Wrong:
        @hookimpl
        def schoolwork_indicator_values(self):  # type: ignore[no-untyped-def]
            return returned

    host = schoolwork.plugin_host({"wrong": Wrong()}, installed=False)
    with pytest.raises(schoolwork.PluginError) as caught:
        schoolwork.evaluate(_scheme(), TEACHERS, host=host)
    assert str(caught.value).startswith(
        "plugin 'wrong' failed in hook schoolwork_indicator_values: "
    )
    assert expected in str(caught.value)


def test_an_exception_in_a_hook_names_the_plugin_and_keeps_its_cause() -> None:
    class Broken:
        @hookimpl
        def schoolwork_adjust_result(self):  # type: ignore[no-untyped-def]
            raise ZeroDivisionError("oops")

    host = schoolwork.plugin_host({"broken": Broken()}, installed=False)
    with pytest.raises(
        schoolwork.PluginError,
        match="'broken' failed in hook schoolwork_adjust_result: ZeroDivisionError: oops",
    ) as caught:
        schoolwork.evaluate(_scheme(), TEACHERS, host=host)
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_two_plugins_giving_one_indicator_is_an_error_naming_both() -> None:
    host = schoolwork.plugin_host({"a": Reading(), "b": Reading()}, installed=False)
    with pytest.raises(schoolwork.PluginError, match=r"'reading' is given by plugin '[ab]' too"):
        schoolwork.evaluate(_scheme(), TEACHERS, host=host)


def test_the_built_in_plugins_are_listed_with_all(runner: CliRunner) -> None:
    plain = runner.invoke(cli, ["plugins"])
    everything = runner.invoke(cli, ["plugins", "--all"])
    assert plain.exit_code == everything.exit_code == 0
    assert "schoolwork.checks" not in plain.output
    for name, _ in schoolwork.job.BUILTIN_PLUGINS:
        assert f"{name} [built-in]" in everything.output
    assert "schoolwork_renderers" in everything.output
    assert "workspace sample (from schoolwork.sample)" in everything.output


# -- a school's plugin installed through its entry point --------------------------------------

ONLY_SCHEMES = """
from decimal import Decimal as D
from pathlib import Path
import schoolwork

schoolwork_schools = ["sample-school"]
CALLS = []
WORKSPACE = Path(__file__).parent / "only-plugin-workspace"


@schoolwork.hookimpl
def schoolwork_workspaces():
    return {"only-plugin": WORKSPACE}


@schoolwork.hookimpl
def schoolwork_schemes(workspace):
    CALLS.append(workspace.school.id)
    attendance = schoolwork.Indicator(
        "attendance",
        "出勤",
        schoolwork.PointsRule(schoolwork.RuleKind.LINEAR, floor=D(0), ceiling=D(100)),
    )
    return [
        schoolwork.Scheme(
            "plugin-teacher",
            "插件的教师考核",
            schoolwork.SubjectKind.TEACHER,
            "2023-2024",
            (schoolwork.Dimension("work", "工作", D(1), (attendance,)),),
        )
    ]


@schoolwork.hookimpl
def schoolwork_indicator_values(scheme, subject):
    return {"attendance": D(90)}
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on sys.path holding a plugin installed as pip would, and its workspace."""
    folder = tmp_path / "site"
    write_plugin(folder, "only-schemes", ONLY_SCHEMES)
    sample = schoolwork.shipped_workspaces(schoolwork.plugin_host(installed=False))["sample"][1]
    target = folder / "only-plugin-workspace"
    shutil.copytree(sample, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    (target / "schemes.toml").unlink()
    shutil.rmtree(target / "values")
    # appeals and 民主测评 ballots name the schemes just removed
    (target / "records" / "appeals.csv").unlink()
    (target / "records" / "ballots.csv").unlink()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv("SCHOOLWORK_LOAD_PLUGINS", "only-schemes")
    monkeypatch.delenv("SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    yield folder
    sys.modules.pop("schoolwork_test_only_schemes", None)


def test_the_default_year_counts_plugin_schemes(site: Path) -> None:
    session = schoolwork.open(site / "only-plugin-workspace")
    assert [s.origin for s in session.schemes] == ["plugin:only-schemes"]
    # The calendar's latest year is 2025-2026; the only scheme is for 2023-2024.
    assert session.default_year() == "2023-2024"


def test_plugin_schemes_are_asked_for_once_per_run(site: Path, tmp_path: Path) -> None:
    session = schoolwork.open(site / "only-plugin-workspace")
    session.export(tmp_path / "out")
    _, evaluation = session.evaluate("plugin-teacher")
    session.explain("plugin-teacher", evaluation.results[0].subject.id)
    module = sys.modules["schoolwork_test_only_schemes"]
    assert module.CALLS == ["sample-school"]


def test_report_picks_the_plugin_schemes_year_and_evaluates_it(
    site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "summary.md"
    result = runner.invoke(cli, ["report", str(site / "only-plugin-workspace"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "2023-2024学年工作总结" in text
    assert "插件的教师考核" in text


def test_demo_on_a_plugin_workspace_picks_its_year(site: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = tmp_path / "demo"
    done = subprocess.run(
        [sys.executable, "-m", "schoolwork", "demo", str(out), "--school", "only-plugin"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "evaluated plugin-teacher:" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "report.docx",
        "report.html",
        "report.md",
        "scores.xlsx",
        "workspace",
    ]


def test_a_plugin_for_another_school_is_set_aside(site: Path, schoolwork_sample_dir: Path) -> None:
    school = schoolwork_sample_dir / "school.toml"
    text = school.read_text(encoding="utf-8")
    school.write_text(
        text.replace('id = "sample-school"', 'id = "other-school"', 1), encoding="utf-8"
    )
    (schoolwork_sample_dir / "goals.toml").unlink()  # its goals name the sample school
    session = schoolwork.open(schoolwork_sample_dir)
    assert session.schemes
    assert all(s.origin != "plugin:only-schemes" for s in session.schemes)
    info = {p.name: p for p in session.host.plugins()}
    assert info["only-schemes"].active is False
    assert info["only-schemes"].schools == ("sample-school",)


def test_a_failing_demo_leaves_nothing_behind(tmp_path: Path) -> None:
    class Failing:
        @hookimpl
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            raise RuntimeError("section broke")

    out = tmp_path / "demo"
    with pytest.raises(schoolwork.PluginError, match="section broke"):
        schoolwork.demo(out, plugins={"failing": Failing()}, installed=False)
    assert not out.exists()
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(schoolwork.PluginError):
        schoolwork.demo(out, plugins={"failing": Failing()}, installed=False)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_the_main_job_as_a_library_call(tmp_path: Path) -> None:
    run = schoolwork.demo(tmp_path / "demo", installed=False)
    session = schoolwork.open(tmp_path / "demo" / "workspace", installed=False)
    assert run.year == session.default_year() == "2023-2024"
    _, evaluation = session.evaluate("teacher-2023")
    first = evaluation.results[0]
    by_name = session.result("teacher-2023", first.subject.name)
    assert by_name == first
    text = session.explain("teacher-2023", first.subject.id)
    assert text.startswith(f"{first.subject.name} ({first.subject.id})")
    written = session.export(tmp_path / "again", formats=("md", "xlsx"))
    assert [p.name for p in written] == ["report.md", "scores.xlsx"]
    assert (tmp_path / "again" / "report.md").read_bytes() == (
        tmp_path / "demo" / "report.md"
    ).read_bytes()


# -- records a plugin owns --------------------------------------------------------------------


@attrs.frozen
class Visit:
    date: datetime.date
    grade: str
    parents: int


class Visits:
    @hookimpl
    def schoolwork_record_kinds(self):  # type: ignore[no-untyped-def]
        return [
            schoolwork.RecordKind(
                "visit",
                "visits",
                Visit,
                ("date", "grade", "parents"),
                ("date", "grade", "parents"),
                schoolwork.owned_by("grade"),
            )
        ]


def test_a_plugin_owned_records_file_is_read_and_checked_like_the_core(
    schoolwork_sample_dir: Path,
) -> None:
    visits = schoolwork_sample_dir / "records" / "visits.csv"
    visits.write_text(
        "date,grade,parents\n2024-03-01,grade-1,12\n2024-03-02,grade-2,many\n", encoding="utf-8"
    )
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(schoolwork_sample_dir, plugins={"visits": Visits()}, installed=False)
    assert [str(p) for p in caught.value.problems] == [
        f"{visits}: row 3, column parents: expected a whole number, found 'many'"
    ]
    visits.write_text("date,grade,parents\n2024-03-01,grade-1,12\n", encoding="utf-8")
    session = schoolwork.open(schoolwork_sample_dir, plugins={"visits": Visits()}, installed=False)
    visit = Visit(datetime.date(2024, 3, 1), "grade-1", 12)
    assert session.workspace.records.kind("visit") == (visit,)


def test_the_documented_test_call_counts_a_plugins_own_records() -> None:
    counted = attrs.evolve(
        _scheme(),
        dimensions=(
            schoolwork.Dimension(
                "work",
                "工作",
                D(1),
                (
                    schoolwork.Indicator(
                        "visits",
                        "家访",
                        schoolwork.PointsRule(schoolwork.RuleKind.COUNT, each=D(10)),
                        source=schoolwork.RecordSource("visit"),
                    ),
                ),
            ),
        ),
    )
    subjects = (schoolwork.Subject("grade-1", "一年级", schoolwork.SubjectKind.GRADE),)
    counted = attrs.evolve(counted, subject=schoolwork.SubjectKind.GRADE)
    day = datetime.date(2024, 3, 1)
    records = schoolwork.RecordBook.of(visit=[Visit(day, "grade-1", 3), Visit(day, "grade-1", 5)])
    host = schoolwork.plugin_host({"visits": Visits()}, installed=False)
    result = schoolwork.evaluate(counted, subjects, records=records, host=host).result("grade-1")
    item = result.dimension("work").indicators[0]
    assert (item.value, item.points, item.source) == (D(2), D("20.00"), "2 visit records")
    with pytest.raises(schoolwork.SchemeError, match="expected a record kind: honour"):
        schoolwork.evaluate(counted, subjects, records=records)


def test_scores_render_from_the_face_without_a_workspace() -> None:
    scheme = _scheme()
    values = {"T1": {"attendance": D(95), "reading": D(9)}, "T2": {"attendance": D(60)}}
    evaluation = schoolwork.evaluate(scheme, TEACHERS, values=values)
    host = schoolwork.plugin_host(installed=False)
    table = schoolwork.render([(scheme, evaluation)], "table", host=host).decode("utf-8")
    assert table.splitlines()[0] == "插件方案 (plugin-teacher), 2023-2024: 2 subjects"
    assert "王老师" in table
    csv_text = schoolwork.render([(scheme, evaluation)], "csv", host=host).decode("utf-8")
    assert csv_text.splitlines()[1].startswith("1,T1,王老师,")
    with pytest.raises(schoolwork.UsageError, match="the md format renders a report"):
        schoolwork.render([(scheme, evaluation)], "md", host=host)
    with pytest.raises(schoolwork.UnknownIdError, match="no format 'odt'"):
        schoolwork.render([(scheme, evaluation)], "odt", host=host)


def test_an_adjustment_of_int_points_names_the_plugin() -> None:
    class IntPoints:
        @hookimpl
        def schoolwork_adjust_result(self):  # type: ignore[no-untyped-def]
            return [schoolwork.Adjustment(-5, "扣分")]  # type: ignore[arg-type]

    host = schoolwork.plugin_host({"ints": IntPoints()}, installed=False)
    with pytest.raises(schoolwork.PluginError) as caught:
        schoolwork.evaluate(_scheme(), TEACHERS, host=host)
    assert str(caught.value) == (
        "plugin 'ints' failed in hook schoolwork_adjust_result: "
        "expected an Adjustment of Decimal points, got -5"
    )
