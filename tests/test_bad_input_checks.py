"""Bad input that the converter and the checks must refuse, each told once, at its cause.

Every case is a copy of the sample workspace with one edit, validated through the command line:
exit 2, no traceback, and the whole located problem (file, place, what was expected, what was
found) compared as one line. Where the edit sits at a limit, both sides of it are tried. The
Chinese of a problem (``Problem.text("zh")``, what ``--lang zh`` prints) is checked the same way.
"""

from __future__ import annotations

import ast
import typing
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner, Result
from test_mutation_kills_checks import broken_scheme, sound_scheme

import schoolwork
from schoolwork import WorkspaceError, converter
from schoolwork.calendar import Holiday, SchoolCalendar, SchoolYear, Semester
from schoolwork.checks import calendar as calendar_checks
from schoolwork.checks import duties, organisation
from schoolwork.checks import goals as goal_checks
from schoolwork.checks.conditions import clause_problem
from schoolwork.checks.ids import MAX_ID_LENGTH, check_id_syntax
from schoolwork.checks.records import check_records
from schoolwork.checks.schemes import check_schemes, scheme_problems, scheme_warnings
from schoolwork.cli import cli
from schoolwork.conditions import Clause, Condition, Op
from schoolwork.errors import Problem
from schoolwork.goals import DevelopmentPlan, Goal, GoalDirection, GoalIndicator, Phase
from schoolwork.grid import Cell, Duty, Grid
from schoolwork.levels import Level
from schoolwork.organisation import Person, Role, RoleKind, School, Tier, Unit, UnitKind
from schoolwork.plans import Budget, Plan5W2H, Quantity, When
from schoolwork.projects import Project, ProjectState, SourceDocument
from schoolwork.records import (
    Activity,
    AwardRank,
    Honour,
    Incident,
    Inspection,
    Recipient,
    RecipientKind,
    RecordBook,
    Severity,
)
from schoolwork.scheme import (
    Aggregate,
    Band,
    BonusRule,
    Dimension,
    Indicator,
    Method,
    PointsRule,
    Ranking,
    RuleKind,
    Scheme,
    SchemeSource,
    SubjectKind,
    TiePolicy,
    VetoEffect,
    VetoRule,
)
from schoolwork.workspace import LoadedWorkspace, Workspace

ID_SYNTAX = (
    "an id of letters, digits, _, - or . (starting with a letter or a digit, at most 64 "
    "characters, no spaces)"
)
ID_SYNTAX_ZH = (
    "由字母（含汉字）、数字、_、- 或 . 组成的编号（以字母或数字开头，不超过 64 个字符，不含空格）"
)


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace the one place ``old`` stands in ``folder/name`` with ``new``."""
    path = folder / name
    text = path.read_text(encoding="utf-8-sig")
    assert text.count(old) == 1, f"{old!r} is not in {name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(runner: CliRunner, folder: Path) -> Result:
    result = runner.invoke(cli, ["validate", str(folder)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def errors(runner: CliRunner, folder: Path) -> list[str]:
    """The problems ``schoolwork validate`` prints, without ``error:``; it must exit 2."""
    result = run(runner, folder)
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    found = [line.removeprefix("error: ") for line in lines if line.startswith("error: ")]
    count = len(found)
    assert lines[-1] == f"{count} problem{'s' if count != 1 else ''} found"
    return found


def the_error(runner: CliRunner, folder: Path) -> str:
    """The one problem of ``folder``: a mistake is told once, at its cause."""
    [line] = errors(runner, folder)
    return line


def warnings(runner: CliRunner, folder: Path) -> list[str]:
    """The warnings of a workspace that validates: exit 0, ``ok`` last."""
    result = run(runner, folder)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "ok: no problems found"
    return [
        line.removeprefix("warning: ")
        for line in result.output.splitlines()
        if line.startswith("warning: ")
    ]


def in_chinese(folder: Path) -> list[str]:
    with pytest.raises(WorkspaceError) as caught:
        schoolwork.open(folder)
    return [problem.text("zh") for problem in caught.value.problems]


@pytest.fixture
def ws(schoolwork_sample_dir: Path) -> Path:
    return schoolwork_sample_dir


def test_the_sample_is_sound(runner: CliRunner, ws: Path) -> None:
    assert warnings(runner, ws) == []


SOURCES = Path(schoolwork.__file__).parent


@pytest.mark.parametrize(
    "module",
    [*sorted((SOURCES / "checks").glob("*.py")), SOURCES / "converter.py"],
    ids=lambda path: path.name,
)
def test_every_problem_made_here_says_what_was_expected_in_chinese(module: Path) -> None:
    if "mutants" in module.parts:
        pytest.skip("mutation testing rewrites the source this test reads")
    tree = ast.parse(module.read_text(encoding="utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Problem"
    ]
    without = [call.lineno for call in calls if "expected_zh" not in {k.arg for k in call.keywords}]
    assert without == []


# -- nan and inf are located ---------------------------------------------------------------------


def test_nan_in_toml_is_named_by_its_key_path(runner: CliRunner, ws: Path) -> None:
    edit(ws, "goals.toml", "target = 15\n", "target = nan\n")
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: goals[0].indicators[0].target: "
        "expected a finite number (not nan or inf), found 'nan'"
    )
    assert in_chinese(ws) == [
        f"{ws / 'goals.toml'}：goals[0].indicators[0].target：应为有限的数字（不能是 nan 或 inf），"
        "实为 'nan'"
    ]


def test_every_inf_in_toml_is_named_in_the_files_order(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "goals.toml",
        "{ date = 2023-12-31, value = 3 },",
        "{ date = 2023-12-31, value = -inf },",
    )
    edit(ws, "goals.toml", "target = 12\nadditive", "target = +inf\nadditive")
    assert errors(runner, ws) == [
        f"{ws / 'goals.toml'}: goals[0].indicators[0].checkins[0].value: "
        "expected a finite number (not nan or inf), found '-inf'",
        f"{ws / 'goals.toml'}: goals[0].indicators[1].target: "
        "expected a finite number (not nan or inf), found '+inf'",
    ]


def test_infinity_in_json_is_named_by_its_key_path(runner: CliRunner, ws: Path) -> None:
    (ws / "projects.toml").unlink()
    (ws / "projects.json").write_text(
        '{"projects": [{"id": "P1", "title": "演练"}, '
        '{"id": "P2", "title": "x", "plan": {"budget": {"amount": Infinity}}}]}',
        encoding="utf-8",
    )
    assert the_error(runner, ws) == (
        f"{ws / 'projects.json'}: projects[1].plan.budget.amount: "
        "expected a finite number (not nan or inf), found 'Infinity'"
    )


def test_nan_in_a_record_cell_is_named_by_row_and_column(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "records/inspections.csv",
        "I002,级部检查,2024-03-08,grade-2,T006,97,",
        "I002,级部检查,2024-03-08,grade-2,T006,NaN,",
    )
    assert the_error(runner, ws) == (
        f"{ws / 'records' / 'inspections.csv'}: row 3, column score: expected a number, found 'NaN'"
    )


# -- a plan has one phase per school year --------------------------------------------------------

PHASE_2024 = (
    '    { year = "2024-2025", theme = "提质增效、打造高地", '
    'aim = "两年内建成县域内一流特色学校" },\n'
)


def test_a_school_year_without_its_phase_is_refused(runner: CliRunner, ws: Path) -> None:
    edit(ws, "goals.toml", PHASE_2024, "")
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: plans[0].phases: expected a phase for 2024-2025 (one per school "
        "year, from the plan's first to its last), found none"
    )
    assert in_chinese(ws) == [
        f"{ws / 'goals.toml'}：plans[0].phases："
        "应为2024-2025 学年的阶段（从规划的第一年到最后一年，每个学年一个），实为 none"
    ]


def test_a_plan_may_cover_fewer_years_than_the_calendar(runner: CliRunner, ws: Path) -> None:
    # The last year dropped leaves 2023-2026's first two years: no gap, no problem.
    edit(
        ws,
        "goals.toml",
        '    { year = "2025-2026", theme = "强势赋能、思行并进", '
        'aim = "三年内建成县域内特色品牌学校" },\n',
        "",
    )
    assert warnings(runner, ws) == []


def test_a_plan_without_phases_is_refused(runner: CliRunner, ws: Path) -> None:
    text = (ws / "goals.toml").read_text(encoding="utf-8")
    start = text.index("phases = [")
    end = text.index("]\n", start) + 2
    (ws / "goals.toml").write_text(text[:start] + "phases = []\n" + text[end:], encoding="utf-8")
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: plans[0].phases: "
        "expected at least one phase (one per school year of the plan), found none"
    )


def test_a_phase_for_a_year_the_calendar_lacks_gets_a_hint(runner: CliRunner, ws: Path) -> None:
    edit(ws, "goals.toml", 'year = "2025-2026"', 'year = "2025-2O26"')
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: plans[0].phases[2].year: expected a school year of the calendar "
        "(did you mean '2025-2026'?), found '2025-2O26', which no entry has"
    )


# -- an indicator has the fields its direction reads ---------------------------------------------


def test_a_band_without_high_is_refused(runner: CliRunner, ws: Path) -> None:
    edit(ws, "goals.toml", "low = 0\nhigh = 7\n", "low = 0\n")
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: goals[3].indicators[2].high: "
        "expected a number (band indicators need high), found nothing"
    )
    assert in_chinese(ws) == [
        f"{ws / 'goals.toml'}：goals[3].indicators[2].high："
        "应为数字（band 指标必须填写 high），实为 nothing"
    ]


def test_a_band_below_its_low_is_refused_and_a_single_value_band_is_not(
    runner: CliRunner, ws: Path
) -> None:
    edit(ws, "goals.toml", "low = 0\nhigh = 7\n", "low = 7\nhigh = 6.99\n")
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: goals[3].indicators[2].high: expected a value at or above low "
        "(7), found 6.99"
    )
    edit(ws, "goals.toml", "high = 6.99\n", "high = 7\n")
    assert warnings(runner, ws) == []


def test_higher_without_target_is_refused(runner: CliRunner, ws: Path) -> None:
    edit(ws, "goals.toml", 'unit = "项"\ntarget = 15\n', 'unit = "项"\n')
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: goals[0].indicators[0].target: "
        "expected a number (higher indicators need target), found nothing"
    )


def test_a_field_the_direction_ignores_is_refused(runner: CliRunner, ws: Path) -> None:
    edit(ws, "goals.toml", 'direction = "done"\n', 'direction = "done"\ntarget = 1\n')
    edit(ws, "goals.toml", "low = 0\nhigh = 7\n", "low = 0\nhigh = 7\nbaseline = 3\n")
    assert errors(runner, ws) == [
        f"{ws / 'goals.toml'}: goals[2].indicators[1].target: "
        "expected nothing (done indicators do not use target), found 1",
        f"{ws / 'goals.toml'}: goals[3].indicators[2].baseline: "
        "expected nothing (band indicators do not use baseline), found 3",
    ]


def test_a_target_on_the_wrong_side_of_its_baseline_is_refused(runner: CliRunner, ws: Path) -> None:
    # accidents: lower is better, from a baseline of 1 to a target of 0
    edit(ws, "goals.toml", "baseline = 1\ntarget = 0\n", "baseline = 1\ntarget = 1.5\n")
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: goals[3].indicators[1].target: expected a target at or below the "
        "baseline (1) for a lower indicator, found 1.5"
    )
    edit(ws, "goals.toml", "target = 1.5\n", "target = 1\n")  # equal: met or not met
    assert warnings(runner, ws) == []


def test_a_higher_target_below_its_baseline_is_refused(runner: CliRunner, ws: Path) -> None:
    edit(
        ws, "goals.toml", 'unit = "项"\ntarget = 15\n', 'unit = "项"\ntarget = 15\nbaseline = 16\n'
    )
    assert the_error(runner, ws) == (
        f"{ws / 'goals.toml'}: goals[0].indicators[0].target: expected a target at or above the "
        "baseline (16) for a higher indicator, found 15"
    )
    edit(ws, "goals.toml", "baseline = 16\n", "baseline = 15\n")  # equal: met or not met
    assert warnings(runner, ws) == []


# -- references: a plan's goal, and an id of the wrong kind ------------------------------------


def test_a_plans_goal_must_exist(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "projects.toml",
        'source = "doc-safety"\nowner = "T009"',
        'goal = "safty"\nowner = "T009"',
    )
    assert the_error(runner, ws) == (
        f"{ws / 'projects.toml'}: projects[0].plan.goal: expected the id of a goal "
        "(did you mean 'safety'?), found 'safty', which no entry has"
    )
    assert in_chinese(ws) == [
        f"{ws / 'projects.toml'}：projects[0].plan.goal：应为目标的编号（是不是 'safety'？），"
        "实为 'safty', which no entry has"
    ]


def test_a_plans_goal_that_exists_passes(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "projects.toml",
        'source = "doc-safety"\nowner = "T009"',
        'goal = "safety"\nowner = "T009"',
    )
    assert warnings(runner, ws) == []


def test_a_unit_of_the_wrong_kind_says_what_it_is(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "projects.toml",
        'lead = "office-safety"\ncollaborators = ["office-moral", "office-logistics"]',
        'lead = "grade-1"\ncollaborators = ["office-moral", "office-logistics"]',
    )
    assert the_error(runner, ws) == (
        f"{ws / 'projects.toml'}: projects[0].lead: expected the id of an office, "
        "found 'grade-1', a grade, not an office"
    )
    assert in_chinese(ws) == [
        f"{ws / 'projects.toml'}：projects[0].lead：应为处室的编号（grade-1 是级部，不是处室），"
        "实为 'grade-1', a grade, not an office"
    ]


def test_a_unit_where_a_person_belongs_says_what_it_is(runner: CliRunner, ws: Path) -> None:
    edit(ws, "projects.toml", 'owner = "T009"', 'owner = "office-safety"')
    assert the_error(runner, ws) == (
        f"{ws / 'projects.toml'}: projects[0].plan.owner: expected the id of a person, "
        "found 'office-safety', an office, not a person"
    )


def test_a_person_where_a_unit_belongs_says_what_it_is(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "records/inspections.csv",
        "I002,级部检查,2024-03-08,grade-2,",
        "I002,级部检查,2024-03-08,T006,",
    )
    assert the_error(runner, ws) == (
        f"{ws / 'records' / 'inspections.csv'}: row 3, column unit: expected the id of a unit, "
        "found 'T006', a person, not a unit"
    )


# -- conditions are checked against the vocabulary, not the data ---------------------------------


def test_a_veto_value_outside_the_vocabulary_is_refused_with_no_incidents(
    runner: CliRunner, ws: Path
) -> None:
    incidents = (ws / "records" / "incidents.csv").read_text(encoding="utf-8-sig")
    assert incidents.strip().count("\n") == 0  # the sample has no incident: only the header
    edit(ws, "schemes.toml", 'op = "ge", value = "moderate"', 'op = "ge", value = "moderat"')
    expected = (
        f"{ws / 'schemes.toml'}: schemes[0].vetoes[0].when.all[1]: expected one of 'minor', "
        "'moderate', 'serious', 'severe' (did you mean 'moderate'?), found severity ge 'moderat'"
    )
    assert the_error(runner, ws) == expected
    assert in_chinese(ws) == [
        f"{ws / 'schemes.toml'}：schemes[0].vetoes[0].when.all[1]：应为以下之一：'minor'（轻微）、"
        "'moderate'（一般）、'serious'（较重）、'severe'（严重）（是不是 'moderate'？），"
        "实为 severity ge 'moderat'"
    ]
    (ws / "records" / "incidents.csv").unlink()
    assert the_error(runner, ws) == expected


def test_a_misspelt_condition_field_gets_a_hint(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "schemes.toml",
        '{ field = "severity", op = "ge", value = "serious" }',
        '{ field = "severty", op = "ge", value = "serious" }',
    )
    assert the_error(runner, ws) == (
        f"{ws / 'schemes.toml'}: schemes[0].vetoes[1].when.all[1]: expected a field of Incident "
        "(id, person, date, severity, kind, description, provenance) (did you mean 'severity'?), "
        "found severty ge 'serious'"
    )


# -- ids, amounts and currencies -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("P 01", "'P 01'"),
        ("P01\\t", "'P01\\t'"),
        ("P01\\u0007", "'P01\\x07'"),
        ("-P01", "'-P01'"),
        ("P01/2", "'P01/2'"),
        ("", "''"),
        ("P" * (MAX_ID_LENGTH + 1), repr("P" * (MAX_ID_LENGTH + 1))[:57] + "..."),
    ],
)
def test_a_malformed_id_is_refused(runner: CliRunner, ws: Path, written: str, found: str) -> None:
    edit(ws, "projects.toml", 'id = "P01"', f'id = "{written}"')
    assert (
        the_error(runner, ws)
        == f"{ws / 'projects.toml'}: projects[0].id: expected {ID_SYNTAX}, found {found}"
    )


@pytest.mark.parametrize("written", ["项目.01", "P_01-a.b", "P" * MAX_ID_LENGTH, "1"])
def test_a_well_formed_id_passes(runner: CliRunner, ws: Path, written: str) -> None:
    edit(ws, "projects.toml", 'id = "P01"', f'id = "{written}"')
    assert warnings(runner, ws) == []


def test_ids_are_checked_in_every_file_that_declares_them(runner: CliRunner, ws: Path) -> None:
    edit(ws, "schemes.toml", 'id = "ethics-breach"', 'id = "ethics breach"')
    edit(
        ws,
        "grids.toml",
        'id = "safety"\nname = "级部安全员网格"',
        'id = "safe ty"\nname = "级部安全员网格"',
    )
    edit(ws, "goals.toml", 'id = "honours"', 'id = "hon ours"')
    edit(ws, "records/honours.csv", "H001,", "H 001,")
    found = errors(runner, ws)
    assert (
        f"{ws / 'goals.toml'}: goals[0].indicators[0].id: expected {ID_SYNTAX}, found 'hon ours'"
        in found
    )
    assert f"{ws / 'grids.toml'}: grids[0].id: expected {ID_SYNTAX}, found 'safe ty'" in found
    assert (
        f"{ws / 'records' / 'honours.csv'}: row 2, column id: expected {ID_SYNTAX}, found 'H 001'"
        in found
    )
    assert (
        f"{ws / 'schemes.toml'}: schemes[0].vetoes[0].id: "
        f"expected {ID_SYNTAX}, found 'ethics breach'" in found
    )
    assert len(found) == 4
    assert (
        f"{ws / 'goals.toml'}：goals[0].indicators[0].id：应为{ID_SYNTAX_ZH}，实为 'hon ours'"
        in in_chinese(ws)
    )


def test_a_negative_budget_is_refused_and_nothing_is_allowed(runner: CliRunner, ws: Path) -> None:
    edit(ws, "projects.toml", "budget = { amount = 5000 }", "budget = { amount = -0.01 }")
    assert the_error(runner, ws) == (
        f"{ws / 'projects.toml'}: projects[2].plan.budget.amount: expected an amount of at "
        "least 0, found -0.01"
    )
    assert in_chinese(ws) == [
        f"{ws / 'projects.toml'}：projects[2].plan.budget.amount：应为不小于 0 的金额，实为 -0.01"
    ]
    edit(ws, "projects.toml", "amount = -0.01", "amount = 0")
    assert warnings(runner, ws) == []


def test_a_negative_quantity_is_refused(runner: CliRunner, ws: Path) -> None:
    edit(ws, "projects.toml", 'name = "例会", amount = 36', 'name = "例会", amount = -1')
    assert the_error(runner, ws) == (
        f"{ws / 'projects.toml'}: projects[1].plan.quantities[0].amount: expected an amount of "
        "at least 0, found -1"
    )
    edit(ws, "projects.toml", 'name = "例会", amount = -1', 'name = "例会", amount = 0')
    assert warnings(runner, ws) == []


CURRENCIES = "CNY, HKD, MOP, TWD, USD, EUR, GBP, JPY, KRW, AUD, CAD, SGD"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("RMB", " (did you mean 'CNY'?)"),
        ("人民币", " (did you mean 'CNY'?)"),
        ("rmb", " (did you mean 'CNY'?)"),
        ("cny", " (did you mean 'CNY'?)"),
        ("USd", " (did you mean 'USD'?)"),
        ("XYZ", ""),
    ],
)
def test_a_currency_is_an_iso_4217_code(
    runner: CliRunner, ws: Path, written: str, hint: str
) -> None:
    edit(ws, "projects.toml", 'currency = "CNY"', f'currency = "{written}"')
    assert the_error(runner, ws) == (
        f"{ws / 'projects.toml'}: projects[0].plan.budget.currency: expected an ISO 4217 "
        f"currency code: {CURRENCIES}{hint}, found {written!r}"
    )


@pytest.mark.parametrize("written", ["USD", "HKD", "SGD"])
def test_a_listed_currency_passes(runner: CliRunner, ws: Path, written: str) -> None:
    edit(ws, "projects.toml", 'currency = "CNY"', f'currency = "{written}"')
    assert warnings(runner, ws) == []


# -- one problem, at its cause -------------------------------------------------------------------


def test_an_unusable_when_is_not_also_a_missing_when(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "projects.toml",
        'rrule = "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20240630"',
        'rrule = "FREQ=MONTHLX"',
    )
    assert the_error(runner, ws) == (
        f"{ws / 'projects.toml'}: projects[0].plan.when: expected an RFC 5545 RRULE such as "
        "FREQ=MONTHLY;BYMONTHDAY=15 (invalid 'FREQ': MONTHLX), found a schedule that cannot be used"
    )
    assert in_chinese(ws) == [
        f"{ws / 'projects.toml'}：projects[0].plan.when：应为RFC 5545 格式的重复规则，如 "
        "FREQ=MONTHLY;BYMONTHDAY=15（invalid 'FREQ': MONTHLX），实为 a schedule that cannot be used"
    ]


def test_a_missing_when_is_still_missing(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "projects.toml",
        'when = { start = 2023-09-15, rrule = "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20240630" }\n',
        "",
    )
    assert the_error(runner, ws) == (
        f"{ws / 'projects.toml'}: projects[0].plan: "
        "expected a complete 5W2H plan, found missing When"
    )


def test_a_semester_moved_out_of_its_year_is_one_problem(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "school.toml",
        "start = 2024-02-19, end = 2024-07-05",
        "start = 2024-02-19, end = 2024-09-05",
    )
    assert the_error(runner, ws) == (
        f"{ws / 'school.toml'}: calendar.years[0].semesters[1]: expected a semester inside "
        "2023-2024 (2023-09-01 to 2024-08-31), found 2024-02-19 to 2024-09-05"
    )


def test_a_goal_outside_its_parents_semester_is_told_while_the_semester_is_sound(
    runner: CliRunner, ws: Path
) -> None:
    # 教务处's goal narrowed to the first semester: its groups' second-semester goals fall out.
    edit(
        ws,
        "goals.toml",
        'period = "2023-2024"\nplan = "plan-2023"\nparent = "school"\nweight = 3',
        'period = "2023-2024/第一学期"\nplan = "plan-2023"\nparent = "school"\nweight = 3',
    )
    found = errors(runner, ws)
    assert found == [
        f"{ws / 'goals.toml'}: goals[{n}].period: expected a period inside the parent goal's "
        "(2023-2024/第一学期), found '2023-2024/第二学期'"
        for n in (11, 12, 13, 14)
    ]
    # With that semester moved out of its year, the calendar is the cause: told there, once.
    edit(
        ws,
        "school.toml",
        '{ name = "第一学期", start = 2023-09-01, end = 2024-01-19 }',
        '{ name = "第一学期", start = 2023-08-01, end = 2024-01-19 }',
    )
    assert the_error(runner, ws) == (
        f"{ws / 'school.toml'}: calendar.years[0].semesters[0]: expected a semester inside "
        "2023-2024 (2023-09-01 to 2024-08-31), found 2023-08-01 to 2024-01-19"
    )


def test_a_misnamed_school_year_is_told_at_its_name(runner: CliRunner, ws: Path) -> None:
    edit(ws, "school.toml", 'name = "2024-2025"', 'name = "2025-2026"')
    found = errors(runner, ws)
    assert found[0] == (
        f"{ws / 'school.toml'}: calendar.years[1].name: expected '2024-2025', the school year "
        "that starts on 2024-09-01, found '2025-2026'"
    )
    assert not any("listed once" in line for line in found)
    assert not any("calendar.years[1].start" in line for line in found)


def test_a_duplicate_indicator_id_is_blamed_on_the_scheme_only(runner: CliRunner, ws: Path) -> None:
    edit(ws, "schemes.toml", 'id = "late"', 'id = "absences"')
    assert the_error(runner, ws) == (
        f"{ws / 'schemes.toml'}: schemes[0].dimensions[3].indicators[1].id: expected an "
        "indicator id used once in the scheme, found 'absences'"
    )
    # The next scheme's values file is still read and checked.
    edit(ws, "values/class-2023.csv", "class-1-1,89.7", "class-1-1,x89.7")
    assert errors(runner, ws)[1] == (
        f"{ws / 'values' / 'class-2023.csv'}: row 2, column hygiene: expected a number or an "
        "empty cell, found 'x89.7'"
    )


def test_a_values_file_named_for_no_scheme_gets_a_hint(runner: CliRunner, ws: Path) -> None:
    (ws / "values" / "class-2023.csv").rename(ws / "values" / "clas-2023.csv")
    assert the_error(runner, ws) == (
        f"{ws / 'values' / 'clas-2023.csv'}: expected the id of a scheme (of schemes.toml or a "
        "plugin) as the file name (did you mean 'class-2023'?), found 'clas-2023'"
    )


# -- did you mean, and the Chinese forms of named values -----------------------------------------


def test_a_misspelt_key_gets_a_hint(runner: CliRunner, ws: Path) -> None:
    edit(
        ws,
        "goals.toml",
        'title = "提质增效、稳中有进：各项工作平稳推进"',
        'titel = "提质增效、稳中有进：各项工作平稳推进"',
    )
    found = errors(runner, ws)
    assert (
        f"{ws / 'goals.toml'}: goals[0].titel: expected one of the known keys (id, title, "
        "owner, period, weight, parent, plan, indicators) (did you mean 'title'?), "
        "found unknown key" in found
    )
    assert f"{ws / 'goals.toml'}: goals[0].title: expected text (required), found nothing" in found


def test_a_misspelt_id_gets_a_hint_and_a_far_one_none(runner: CliRunner, ws: Path) -> None:
    edit(ws, "school.toml", '"一年级一班"\nparent = "grade-1"', '"一年级一班"\nparent = "grade_1"')
    edit(ws, "grids.toml", 'leader = "T003"\nload_limit = 4', 'leader = "nobody"\nload_limit = 4')
    assert errors(runner, ws) == [
        f"{ws / 'school.toml'}: units[6].parent: expected the id of a unit "
        "(did you mean 'grade-1'?), found 'grade_1', which no entry has",
        f"{ws / 'grids.toml'}: grids[0].leader: expected the id of a person, "
        "found 'nobody', which no entry has",
    ]


def test_a_post_held_in_a_misspelt_unit_gets_a_hint_among_units_of_its_kind(
    runner: CliRunner, ws: Path
) -> None:
    edit(
        ws,
        "school.toml",
        '{ kind = "head_teacher", unit = "class-1-1" }',
        '{ kind = "head_teacher", unit = "clas-1-1" }',
    )
    assert the_error(runner, ws) == (
        f"{ws / 'school.toml'}: people[9].roles[1].unit: expected the id of a class "
        "(did you mean 'class-1-1'?), found 'clas-1-1', which no entry has"
    )


def test_a_misspelt_scope_duty_or_lead_gets_a_hint(runner: CliRunner, ws: Path) -> None:
    edit(
        ws, "grids.toml", '{ scope = "grade-1", duty = "order"', '{ scope = "grde-1", duty = "ordr"'
    )
    edit(
        ws,
        "projects.toml",
        'lead = "office-safety"\ncollaborators = ["office-moral", "office-logistics"]',
        'lead = "office-safty"\ncollaborators = ["office-moral", "office-logistics"]',
    )
    found = errors(runner, ws)
    grids, projects = ws / "grids.toml", ws / "projects.toml"
    assert (
        f"{grids}: grids[0].cells[0].scope: expected one of the grid's scopes: grade-1, grade-2, "
        "grade-3, grade-4, grade-5, grade-6 (did you mean 'grade-1'?), found 'grde-1'"
    ) in found
    assert (
        f"{grids}: grids[0].cells[0].duty: expected one of the grid's duties: order, hazards, "
        "drills, education (did you mean 'order'?), found 'ordr'"
    ) in found
    assert (
        f"{projects}: projects[0].lead: expected the id of an office (did you mean "
        "'office-safety'?), found 'office-safty', which no entry has"
    ) in found


def test_another_number_is_no_typo(runner: CliRunner, ws: Path) -> None:
    edit(ws, "school.toml", '"一年级一班"\nparent = "grade-1"', '"一年级一班"\nparent = "grade-9"')
    assert the_error(runner, ws) == (
        f"{ws / 'school.toml'}: units[6].parent: expected the id of a unit, "
        "found 'grade-9', which no entry has"
    )


def test_a_chinese_label_in_toml_points_to_its_value(runner: CliRunner, ws: Path) -> None:
    edit(ws, "school.toml", 'id = "grade-1"\nkind = "grade"', 'id = "grade-1"\nkind = "级部"')
    assert the_error(runner, ws) == (
        f"{ws / 'school.toml'}: units[5].kind: expected one of 'office', 'grade', 'class', "
        "'research_group', 'prep_group' (did you mean 'grade'?), found '级部'"
    )
    assert in_chinese(ws) == [
        f"{ws / 'school.toml'}：units[5].kind：应为以下之一：'office'（处室）、'grade'（级部）、"
        "'class'（班级）、'research_group'（教研组）、'prep_group'（备课组）（是不是 'grade'？），"
        "实为 '级部'"
    ]


def test_bonus_levels_and_ranks_are_listed_in_chinese(runner: CliRunner, ws: Path) -> None:
    edit(ws, "schemes.toml", "county = { special = 2.5,", '"县级" = { "特等" = 2.5,')
    found = in_chinese(ws)
    assert found == [
        f"{ws / 'schemes.toml'}：schemes[0].bonuses[0].table.县级："
        "应为级别之一：'national'（国家级）、'province'（省级）、'city'（市级）、"
        "'county'（县级）、'school'（校级）（是不是 'county'？），实为 '县级'",
        f"{ws / 'schemes.toml'}：schemes[0].bonuses[0].table.县级.特等："
        "应为奖次之一：'special'（特等奖）、"
        "'first'（一等奖）、'second'（二等奖）、'third'（三等奖）、'excellent'（优秀奖）、"
        "'title'（荣誉称号），实为 '特等'",
    ]
    assert errors(runner, ws)[0] == (
        f"{ws / 'schemes.toml'}: schemes[0].bonuses[0].table.县级: expected a level: city, "
        "county, national, province, school (did you mean 'county'?), found '县级'"
    )


# -- warnings: what a scheme says it does and would not ------------------------------------------


def test_bonus_rules_without_a_bonus_cap_are_warned_about(runner: CliRunner, ws: Path) -> None:
    edit(ws, "schemes.toml", "bonus_cap = 5\n", "")
    assert warnings(runner, ws) == [
        f"{ws / 'schemes.toml'}: schemes[0].bonus_cap: expected a bonus_cap above 0 for the "
        "bonus rules (all bonus together is capped by bonus_cap, 0 when not given, so the rules "
        "grant nothing), found 0"
    ]


def test_dropping_as_many_as_there_are_indicators_is_warned_about(
    runner: CliRunner, ws: Path
) -> None:
    # results has three indicators: dropping two is what it says; dropping three is not.
    edit(
        ws,
        "schemes.toml",
        'drop_lowest = 1, ties = "last_declared"',
        'drop_lowest = 2, ties = "last_declared"',
    )
    assert warnings(runner, ws) == []
    edit(
        ws,
        "schemes.toml",
        'drop_lowest = 2, ties = "last_declared"',
        'drop_lowest = 3, ties = "last_declared"',
    )
    assert warnings(runner, ws) == [
        f"{ws / 'schemes.toml'}: schemes[0].dimensions[4].aggregate.drop_lowest: expected a "
        "count below the number of indicators (3): at least one value is always kept, so this "
        "drops 2, not 3, found 3"
    ]


# -- in memory: limits of the calendar, and honours without a recipient ------------------------


def test_semesters_at_the_edges_of_their_year_are_sound_and_their_goals_checked() -> None:
    terms = (
        Semester("一", date(2023, 9, 1), date(2023, 9, 1)),  # one day, on the year's first
        Semester("二", date(2024, 2, 1), date(2024, 8, 31)),  # ends on the year's last day
    )
    calendar = SchoolCalendar(
        (SchoolYear("2023-2024", date(2023, 9, 1), date(2024, 8, 31), terms),)
    )
    goals = (
        Goal("a", "一", "s1", "2023-2024/一"),
        Goal("b", "二", "s1", "2023-2024/二"),
        Goal("c", "一之下", "s1", "2023-2024/二", parent="a"),
        Goal("d", "二之下", "s1", "2023-2024/一", parent="b"),
    )
    assert run_checks(calendar_checks.check_calendar, calendar=calendar) == []
    found = run_checks(goal_checks.check_goals, calendar=calendar, goals=goals)
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("goals[2].period", "a period inside the parent goal's (2023-2024/一)", "'2023-2024/二'"),
        ("goals[3].period", "a period inside the parent goal's (2023-2024/二)", "'2023-2024/一'"),
    ]


def test_an_honour_for_a_person_or_a_class_without_its_id() -> None:
    kind = RecipientKind
    honours = [
        Honour(f"h{n}", "t", Level.CITY, Recipient(k), DAY)
        for n, k in enumerate((kind.PERSON, kind.CLASS))
    ]
    found = run_checks(check_records, records=RecordBook.of(honour=honours))
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("row 2, column recipient", "the id of a person for a person's honour", "nothing"),
        ("row 3, column recipient", "the id of a class for a class's honour", "nothing"),
    ]


def test_a_schedule_says_why_it_cannot_be_used() -> None:
    day = date(2024, 5, 1)
    assert [
        When(on=day, rrule="FREQ=DAILY").problem(),
        When().problem(),
        When(rrule="FREQ=DAILY").problem(),
        When(start=day, deadline=date(2024, 4, 30)).problem(),
        When(start=day, deadline=day).problem(),
        When(on=day).problem(),
    ] == [
        "exactly one of on, deadline (with start) or rrule (with start)",
        "exactly one of on, deadline (with start) or rrule (with start)",
        "a start date for the rrule",
        "a deadline on or after the start",
        None,
        None,
    ]
    assert "When" in Plan5W2H(when=When(rrule="FREQ=DAILY")).missing()


def test_more_problems_of_schemes_with_their_hints() -> None:
    veto = VetoRule("v 1", "v", "honours", Condition(), (VetoEffect.FORCE_BAND,), band="god")
    bare = Scheme(
        "s 1",
        "s",
        SubjectKind.TEACHER,
        "2023-2024",
        (),
        bands=(Band("good", D(80)), Band("fair", D(60))),
        bonuses=(BonusRule("b 1", "b", {"county": {"一等奖": D(1)}}),),
        bonus_cap=D(5),
        vetoes=(veto,),
        ranking=Ranking(tie_breakers=("teaching",)),
    )
    line = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
    dimensions = (
        Dimension("d 1", "d", D(1), (Indicator("i 1", "i", line),)),
        Dimension("teaching", "t", D(1), (Indicator("i2", "i", line),)),
    )
    zero = VetoRule("v2", "v", "incident", Condition(), (VetoEffect.ZERO_DIMENSION,))
    misspelt = Scheme(
        "s2",
        "s",
        SubjectKind.TEACHER,
        "2023-2024",
        dimensions,
        vetoes=(attrs.evolve(zero, dimension="teachin"),),
    )
    found = [
        *scheme_problems(bare, "schemes.toml", "schemes[0]"),
        *scheme_problems(misspelt, "schemes.toml", "schemes[1]"),
    ]
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("schemes[0].id", ID_SYNTAX, "'s 1'"),
        ("schemes[0].dimensions", "at least one dimension", "none"),
        ("schemes[0].ranking.tie_breakers[0]", "a dimension of the scheme (none)", "'teaching'"),
        ("schemes[0].bonuses[0].id", ID_SYNTAX, "'b 1'"),
        (
            "schemes[0].bonuses[0].table.county.一等奖",
            "a rank: special, first, second, third, excellent, title (did you mean 'first'?)",
            "'一等奖'",
        ),
        ("schemes[0].vetoes[0].id", ID_SYNTAX, "'v 1'"),
        (
            "schemes[0].vetoes[0].record",
            "a record kind: honour, activity, inspection, incident, ballot, appeal "
            "(did you mean 'honour'?)",
            "'honours'",
        ),
        (
            "schemes[0].vetoes[0].band",
            "a band of the scheme: good, fair (did you mean 'good'?)",
            "'god'",
        ),
        ("schemes[1].dimensions[0].id", ID_SYNTAX, "'d 1'"),
        ("schemes[1].dimensions[0].indicators[0].id", ID_SYNTAX, "'i 1'"),
        (
            "schemes[1].vetoes[0].dimension",
            "a dimension of the scheme (did you mean 'teaching'?)",
            "'teachin'",
        ),
    ]
    assert [p.expected_zh for p in found] == [
        ID_SYNTAX_ZH,
        "至少一个维度",
        "本方案的维度（无）",
        ID_SYNTAX_ZH,
        "奖次之一：'special'（特等奖）、'first'（一等奖）、'second'（二等奖）、'third'（三等奖）、"
        "'excellent'（优秀奖）、'title'（荣誉称号）（是不是 'first'？）",
        ID_SYNTAX_ZH,
        "记录种类之一：honour、activity、inspection、incident、ballot、appeal（是不是 'honour'？）",
        "本方案的等次之一：good、fair（是不是 'good'？）",
        ID_SYNTAX_ZH,
        ID_SYNTAX_ZH,
        "本方案的维度（是不是 'teaching'？）",
    ]


def test_a_scheme_id_used_twice_is_told_in_both_languages() -> None:
    scheme = sound_scheme()
    sources = (SchemeSource(scheme, "ws/schemes.toml"), SchemeSource(scheme, "ws/schemes.toml"))
    found = list(check_schemes(attrs.evolve(loaded(), schemes=sources)))
    assert [(p.path, p.text("en"), p.text("zh")) for p in found] == [
        (
            "schemes[1].id",
            "ws/schemes.toml: schemes[1].id: expected an id no other scheme has, found 's', the "
            "id of schemes[0] too",
            "ws/schemes.toml：schemes[1].id：应为与其他考核方案都不相同的编号，实为 's', the id of "
            "schemes[0] too",
        )
    ]


def test_a_hint_is_for_one_close_choice_and_never_another_number() -> None:
    assert converter.did_you_mean(5, ["5"]) == ("", "")
    assert converter.did_you_mean("abcde", ["abcxy"]) == (  # a ratio of 0.6 exactly
        " (did you mean 'abcxy'?)",
        "（是不是 'abcxy'？）",
    )
    assert converter.did_you_mean("abcde", ["abxyz"]) == ("", "")  # 0.4
    assert converter.did_you_mean("grade-9", ["grade-1", "grade-x"])[0] == (
        " (did you mean 'grade-x'?)"
    )
    assert converter.did_you_mean("grade-9", ["grade-1", "grade-2"]) == ("", "")
    assert converter.did_you_mean("gradx-1", ["grade-1", "grade-2"])[0] == (
        " (did you mean 'grade-1'?)"
    )
    assert converter.did_you_mean("ab", ["ac", "ad"]) == ("", "")  # a tie is no hint
    assert converter.label_hint("County", Level, ["county"])[0] == " (did you mean 'county'?)"
    assert converter.label_hint("县级", Level, [])[1] == "（是不是 'county'？）"
    assert converter.label_hint("Merit award", AwardRank, [])[0] == " (did you mean 'excellent'?)"


def test_every_type_is_named_in_chinese() -> None:
    assert [
        converter.expected_zh_for(tp)
        for tp in (
            str,
            Role,
            Role | None,
            str | Decimal,
            tuple[str, ...],
            tuple,
            dict[str, Decimal],
            typing.Dict,  # noqa: UP006 - a mapping without its types
            "Unit",
        )
    ] == [
        "文本",
        "含 Role 各字段的表",
        "含 Role 各字段的表，或不填",
        "文本 或 数字",
        "由文本组成的列表",
        "tuple",
        "表（每项为数字）",
        "表",
        "Unit",
    ]


def test_a_toml_syntax_error_is_told_in_chinese() -> None:
    with pytest.raises(WorkspaceError) as caught:
        converter.loads("a = ", "toml", file="x.toml")
    [problem] = caught.value.problems
    assert problem.text("zh").startswith("x.toml：应为正确的 TOML 语法，实为 ")


# -- every problem in Chinese, each check's problems built in memory -----------------------------


def zh(problems: Iterable[Problem]) -> list[str]:
    """Each problem as it is said in Chinese: its file, its place, what was expected and found."""
    return [problem.text("zh") for problem in problems]


def loaded(school: str = "s1", **fields: Any) -> LoadedWorkspace:
    return LoadedWorkspace(Workspace(School(school, "一中"), **fields), Path("ws"), {})


def run_checks(*checks: Any, **fields: Any) -> list[Problem]:
    return [p for check in checks for p in check(loaded(**fields))]


D = Decimal
DAY = date(2024, 1, 1)
UNITS = (Unit("o1", UnitKind.OFFICE, "教务处"), Unit("g1", UnitKind.GRADE, "一年级"))
STAFF = (Person("p1", "张"), Person("p2", "李"), Person("p3", "王", active=False))


def organisation_problems() -> list[Problem]:
    units = (
        Unit("s1", UnitKind.OFFICE, "校"),
        Unit("o1", UnitKind.OFFICE, "教务处", leader="p9", supervisor="p3"),
        Unit("g1", UnitKind.GRADE, "一年级"),
        Unit("c1", UnitKind.CLASS, "一班", parent="o1"),
        Unit("c2", UnitKind.CLASS, "二班"),
        Unit("r1", UnitKind.RESEARCH_GROUP, "语文组", parent="zz"),
        Unit("pg", UnitKind.PREP_GROUP, "备课组", parent="o1"),
        Unit("o1", UnitKind.OFFICE, "dup"),
        Unit("y1", UnitKind.OFFICE, "y1", parent="y1"),
    )
    head, lead = RoleKind.HEAD_TEACHER, RoleKind.GROUP_LEADER
    roles = (
        Role(head),
        Role(head, "g1"),
        Role(lead, "zz"),
        Role(RoleKind.TEACHER, "zz"),
        Role(RoleKind.VICE_PRINCIPAL),
    )
    people = (
        Person("p1", "张", roles=roles, units=("zz",), mentor="p1"),
        Person("p2", "李", mentor="p9"),
        Person("p3", "王", active=False, mentor="s1"),
        Person("p1", "again"),
    )
    checks = (
        organisation.check_ids,
        organisation.check_unit_references,
        organisation.check_unit_tree,
        organisation.check_people,
    )
    return run_checks(*checks, units=units, people=people)


def calendar_problems() -> list[Problem]:
    terms = (
        Semester("一", date(2025, 9, 1), date(2026, 1, 20)),
        Semester("二", date(2026, 1, 20), date(2026, 7, 2)),
    )
    years = (
        SchoolYear("2023", date(2023, 9, 1), date(2024, 7, 1)),
        SchoolYear("2025-2026", date(2024, 9, 1), date(2024, 8, 1)),
        SchoolYear("2025-2026", date(2025, 9, 1), date(2026, 7, 1), terms),
        SchoolYear("2025-2026", date(2025, 10, 1), date(2026, 8, 1)),
    )
    holidays = (Holiday("暑假", date(2027, 7, 2), date(2027, 8, 1)),)
    return run_checks(calendar_checks.check_calendar, calendar=SchoolCalendar(years, holidays))


def goals_problems() -> list[Problem]:
    terms = (
        Semester("一", date(2023, 9, 1), date(2024, 1, 31)),
        Semester("二", date(2024, 2, 1), date(2024, 8, 31)),
    )
    calendar = SchoolCalendar(
        (
            SchoolYear("2023-2024", date(2023, 9, 1), date(2024, 8, 31), terms),
            SchoolYear("2024-2025", date(2024, 9, 1), date(2025, 8, 31)),
            SchoolYear("2025-2026", date(2025, 9, 1), date(2026, 8, 31)),
        )
    )
    phases = (
        Phase("2023-2024", "a"),
        Phase("2023-2024", "b"),
        Phase("2025-2026", "c"),
        Phase("2030-2031", "d"),
    )
    plans = (
        DevelopmentPlan("pl", "规划", phases, cap=D("0.9")),
        DevelopmentPlan("pl", "again", ()),
    )
    band, lower = GoalDirection.BAND, GoalDirection.LOWER
    indicators = (
        GoalIndicator("n", "n", target=D(10), additive=True),
        GoalIndicator("n", "again", target=D(1)),
        GoalIndicator("h", "h"),
        GoalIndicator("b", "b", direction=band, low=D(5), high=D(4), target=D(1)),
        GoalIndicator("l", "l", direction=lower, target=D(3), baseline=D(2), low=D(1)),
        GoalIndicator("u", "u", target=D(1), baseline=D(2)),
    )
    goals = (
        Goal("top", "学校", "s1", "2023-2024", plan="pl", indicators=indicators),
        Goal("a", "教务", "o1", "2023-2024/一", parent="top", indicators=(indicators[1],)),
        Goal("c", "一年级", "g1", "2024-2025", parent="a", weight=D(0)),
        Goal("e", "?", "zz", "2099", parent="top", plan="zz"),
        Goal("f", "孤", "o1", "2023-2024", parent="nope"),
        Goal("x", "x", "o1", "2023-2024", parent="y"),
        Goal("y", "y", "o1", "2023-2024", parent="x"),
        Goal("f", "dup", "o1", "2023-2024"),
        Goal("h", "学校之下", "s1", "2023-2024", parent="a"),
    )
    return run_checks(
        goal_checks.check_goals, calendar=calendar, units=UNITS, plans=plans, goals=goals
    )


def grids_problems() -> list[Problem]:
    cells = (
        Cell("一年级", "d1", "p1", backup="p1"),
        Cell("一年级", "d1", "p2", backup="p9"),
        Cell("三年级", "d2", "o1"),
        Cell("一年级", "d9", "s1"),
        Cell("二年级", "d2", "p1", backup="p3"),
    )
    duties_ = (Duty("d1", "上下学"), Duty("d2", "隐患排查"))
    grid = Grid("safe", "安全网格", "safety", "p3", ("一年级", "二年级"), duties_, cells, 1)
    other = Grid("safe", "又一个", "publicity", "p9", (), (Duty("d1", "x"), Duty("d1", "y")))
    return run_checks(duties.check_grids, people=STAFF, units=UNITS, grids=(grid, other))


def projects_problems() -> list[Problem]:
    sources = (
        SourceDocument("doc1", "县教体局", "1号", DAY, "通知"),
        SourceDocument("doc1", "县教体局", "2号", DAY, "又一个"),
    )
    plan = Plan5W2H(
        what="读书节",
        why="x",
        owner="o1",
        participants=("p2", "p7"),
        when=When(on=DAY, rrule="FREQ=DAILY"),
        where="操场",
        how=("a",),
        budget=Budget(D(-1), "RMB"),
        quantities=(Quantity("场", D(-2)),),
        goal="zz",
        source="docx",
    )
    late = When(start=date(2024, 5, 1), deadline=date(2024, 4, 1))
    state = ProjectState
    projects = (
        Project("x1", "a", source="docx"),
        Project("x1", "b", state=state.CLAIMED),
        Project("x3", "c", state=state.CLAIMED, lead="g1", collaborators=("o9",)),
        Project("x4", "d", state=state.PLANNED, lead="o1"),
        Project("x5", "e", state=state.IN_PROGRESS, lead="o1", plan=Plan5W2H(owner="p3")),
        Project("x6", "f", state=state.CLOSED, lead="o1", plan=plan),
        Project("x7", "g", lead="o1", plan=Plan5W2H(when=late, budget=Budget(D(1), "XYZ"))),
        Project("x8", "g", lead="o1", plan=Plan5W2H(when=When(rrule="FREQ=DAILY"))),
        Project("x9", "g", lead="o1", plan=Plan5W2H(when=When(start=DAY, rrule="FREQ=OFTEN"))),
    )
    return run_checks(
        duties.check_projects, people=STAFF, units=UNITS, sources=sources, projects=projects
    )


def records_problems() -> list[Problem]:
    kind = RecipientKind
    to = (
        Recipient(kind.PERSON, "p9"),
        Recipient(kind.PERSON),
        Recipient(kind.CLASS, "g1"),
        Recipient(kind.CLASS),
        Recipient(kind.GROUP, "zz"),
        Recipient(kind.STUDENT),
    )
    ids = ("h1", "h1", "h 3", "h4", "h5", "h6")
    book = RecordBook.of(
        honour=[Honour(i, "t", Level.CITY, r, DAY) for i, r in zip(ids, to, strict=True)],
        activity=[Activity("a1", "t", "x", DAY, unit="zz", participants=("q9",))],
        inspection=[Inspection("i1", "t", DAY, "p1", inspector="o1")],
        incident=[Incident("x1", "g1", DAY, Severity.MINOR)],
    )
    return run_checks(check_records, units=UNITS, people=STAFF, records=book)


def ids_problems() -> list[Problem]:
    goal = Goal("g 1", "x", "s1", "2023-2024", indicators=(GoalIndicator("i 1", "x"),))
    return run_checks(
        check_id_syntax,
        school="s 1",
        units=(Unit("u 1", UnitKind.OFFICE, "x"),),
        people=(Person("p 1", "x"),),
        plans=(DevelopmentPlan("pl 1", "x", ()),),
        goals=(goal,),
        grids=(Grid("gr 1", "x", "safety", "p1", (), (Duty("d 1", "x"),)),),
        sources=(SourceDocument("s 1", "x", "1", DAY, "x"),),
        projects=(Project("pr 1", "x"),),
    )


def schemes_problems() -> list[Problem]:
    return scheme_problems(broken_scheme(), "schemes.toml", "schemes[1]")


def warnings_problems() -> list[Problem]:
    scheme = sound_scheme()
    force = VetoRule("v", "v", "incident", Condition(), (VetoEffect.FORCE_BAND,), band="B")
    dropping = attrs.evolve(scheme.dimensions[1], aggregate=Aggregate(drop_lowest=2))
    warned = attrs.evolve(
        scheme,
        bands=(Band("A", D(90), D("0.2")), Band("B", D(80), D("0.25")), Band("C", D(0), D(1))),
        vetoes=(force, attrs.evolve(force, band="C")),
        ranking=Ranking(TiePolicy.ORDINAL),
        dimensions=(scheme.dimensions[0], dropping, scheme.dimensions[2]),
        bonuses=(BonusRule("b", "b", {"county": {"first": D(1)}}),),
        bonus_cap=D(0),
    )
    cancel = VetoRule("w", "w", "incident", Condition(), (VetoEffect.CANCEL_EXCELLENCE,))
    lonely = attrs.evolve(scheme, bands=(Band("A", D(0)),), vetoes=(cancel,))
    return [
        *scheme_warnings(warned, "schemes.toml", "schemes[0]"),
        *scheme_warnings(lonely, "schemes.toml", "schemes[1]"),
    ]


def conditions_problems() -> list[Problem]:
    clauses = (
        (Inspection, Clause("passed", Op.GE, True)),
        (Inspection, Clause("passed", Op.EQ, "false")),
        (Inspection, Clause("score", Op.EQ, "90")),
        (Inspection, Clause("date", Op.GE, "2024-13-01")),
        (Inspection, Clause("type", Op.EQ, D(1))),
        (Inspection, Clause("type", Op.EQ, ("a", "b"))),
        (Inspection, Clause("type", Op.IN, D(1))),
        (Honour, Clause("level", Op.GE, "county")),
        (Honour, Clause("level", Op.IN, ("county", "countyy"))),
        (Honour, Clause("recipient", Op.EQ, "x")),
        (Incident, Clause("severty", Op.EQ, "minor")),
        (Incident, Clause("severity", Op.GE, "严重")),
    )
    found = []
    for index, (model, clause) in enumerate(clauses):
        said = clause_problem(clause, model)
        assert said is not None
        found.append(Problem("schemes.toml", f"c[{index}]", said[0], expected_zh=said[1]))
    assert clause_problem(Clause("score", Op.GE, D(90)), Inspection) is None
    return found


def converter_problems() -> list[Problem]:
    data = {
        "name": 1,
        "flag": "yes",
        "count": 1.5,
        "amount": "x",
        "day": "2024-02-30",
        "moment": datetime(2024, 1, 1, 8, 0),
        "level": "县级",
        "method": "mean2",
        "tier": 3,
        "names": "a",
        "table": {"a": "x"},
        "role": {"kind": "teacher", "unti": "x"},
        "either": True,
        "roles": [{"unit": "x"}],
        "nmae": 1,
    }
    with pytest.raises(WorkspaceError) as caught:
        converter.structure(data, Probe, file="f")
    return list(caught.value.problems)


@attrs.frozen
class Probe:
    """A field of every type a workspace file has."""

    name: str = ""
    flag: bool = False
    count: int = 0
    amount: Decimal | None = None
    day: date | None = None
    moment: date | None = None
    level: Level | None = None
    method: Method | None = None
    tier: Tier | None = None
    names: tuple[str, ...] = ()
    table: dict[str, Decimal] = attrs.field(factory=dict)
    role: Role | None = None
    either: str | Decimal | None = None
    roles: tuple[Role, ...] = ()


def test_every_problem_of_organisation_is_said_in_chinese() -> None:
    assert zh(organisation_problems()) == [
        (
            "ws/school.toml：units[7].id：应为与其他单位都不相同的编号，实为 'o1', the id of units["
            "1] too"
        ),
        (
            "ws/school.toml：people[3].id：应为与其他人员都不相同的编号，实为 'p1', the id of peopl"
            "e[0] too"
        ),
        "ws/school.toml：units[0].id：应为与学校编号不同的编号，实为 's1'",
        "ws/school.toml：units[1].leader：应为人员的编号，实为 'p9', which no entry has",
        "ws/school.toml：units[1].supervisor：应为仍在岗的人员，实为 'p3', who left",
        (
            "ws/school.toml：units[3].parent：应为级部（班级须挂在级部之下，o1 是处室），实为 'o1',"
            " an office, not a grade"
        ),
        "ws/school.toml：units[4].parent：应为级部（班级须挂在级部之下），实为 nothing",
        "ws/school.toml：units[5].parent：应为单位的编号，实为 'zz', which no entry has",
        (
            "ws/school.toml：units[6].parent：应为级部或教研组（备课组须挂在级部或教研组之下，o1 是"
            "处室），实为 'o1', an office, not a grade or research_group"
        ),
        (
            "ws/school.toml：units[8].parent：应为最终归于学校的上级链（不能循环），实为 a cycle y1"
            " → y1"
        ),
        "ws/school.toml：people[0].units[0]：应为单位的编号，实为 'zz', which no entry has",
        "ws/school.toml：people[0].roles[0].unit：应为班主任所在的班级，实为 nothing",
        (
            "ws/school.toml：people[0].roles[1].unit：应为班级的编号（g1 是级部，不是班级），实为 '"
            "g1', a grade, not a class"
        ),
        (
            "ws/school.toml：people[0].roles[2].unit：应为备课组或教研组的编号，实为 'zz', which no"
            " entry has"
        ),
        "ws/school.toml：people[0].roles[3].unit：应为单位的编号，实为 'zz', which no entry has",
        (
            "ws/school.toml：people[0].roles[4].area：应为该分管校长分管的领域（如 教学、德育与安全"
            "），实为 nothing"
        ),
        "ws/school.toml：people[0].mentor：应为另一位人员（不能是本人），实为 the person themself",
        "ws/school.toml：people[1].mentor：应为人员的编号，实为 'p9', which no entry has",
        (
            "ws/school.toml：people[2].mentor：应为人员的编号（s1 是处室，不是人员），实为 's1', an"
            " office, not a person"
        ),
    ]


def test_every_problem_of_calendar_is_said_in_chinese() -> None:
    assert zh(calendar_problems()) == [
        "ws/school.toml：calendar.years[0].name：应为形如 '2023-2024' 的学年名称，实为 '2023'",
        (
            "ws/school.toml：calendar.years[1].name：应为学年名称 '2024-2025'（该学年始于 2024-09-0"
            "1），实为 '2025-2026'"
        ),
        (
            "ws/school.toml：calendar.years[1].end：应为不早于开始日（2024-09-01）的日期，实为 2024"
            "-08-01"
        ),
        (
            "ws/school.toml：calendar.years[2].semesters[1]：应为位于 2025-2026 学年之内（2025-09-0"
            "1 至 2026-07-01）的学期，实为 2026-01-20 to 2026-07-02"
        ),
        (
            "ws/school.toml：calendar.years[2].semesters[1].start：应为晚于上一学期结束日（2026-01-"
            "20）的日期，实为 2026-01-20"
        ),
        (
            "ws/school.toml：calendar.years[3].name：应为只列出一次的学年，实为 '2025-2026', also c"
            "alendar.years[2]"
        ),
        (
            "ws/school.toml：calendar.years[3].start：应为晚于 2025-2026 学年结束日（2026-07-01）的"
            "日期，实为 2025-10-01"
        ),
        (
            "ws/school.toml：calendar.holidays[0]：应为位于同一学年之内的假日，实为 2027-07-02 to 2"
            "027-08-01"
        ),
    ]


def test_every_problem_of_goals_is_said_in_chinese() -> None:
    assert zh(goals_problems()) == [
        (
            "ws/goals.toml：plans[1].id：应为与其他规划都不相同的编号，实为 'pl', the id of plans[0"
            "] too"
        ),
        (
            "ws/goals.toml：goals[7].id：应为与其他目标都不相同的编号，实为 'f', the id of goals[4]"
            " too"
        ),
        "ws/goals.toml：plans[0].phases[1].year：应为每个学年一个阶段，实为 '2023-2024' again",
        (
            "ws/goals.toml：plans[0].phases[3].year：应为日历中的学年，实为 '2030-2031', which no e"
            "ntry has"
        ),
        (
            "ws/goals.toml：plans[0].phases：应为2024-2025 学年的阶段（从规划的第一年到最后一年，每"
            "个学年一个），实为 none"
        ),
        "ws/goals.toml：plans[0].cap：应为不小于 1 的上限，实为 0.9",
        "ws/goals.toml：plans[1].phases：应为至少一个阶段（规划的每个学年一个），实为 none",
        (
            "ws/goals.toml：goals[0].indicators[1].id：应为与其他本目标指标都不相同的编号，实为 'n'"
            ", the id of goals[0].indicators[0] too"
        ),
        (
            "ws/goals.toml：goals[0].indicators[2].target：应为数字（higher 指标必须填写 target），"
            "实为 nothing"
        ),
        "ws/goals.toml：goals[0].indicators[3].target：应为不填（band 指标不使用 target），实为 1",
        "ws/goals.toml：goals[0].indicators[3].high：应为不小于 low（5）的值，实为 4",
        "ws/goals.toml：goals[0].indicators[4].low：应为不填（lower 指标不使用 low），实为 1",
        (
            "ws/goals.toml：goals[0].indicators[4].target：应为不高于基线（2）的目标值（lower 指标"
            "），实为 3"
        ),
        (
            "ws/goals.toml：goals[0].indicators[5].target：应为不低于基线（2）的目标值（higher 指标"
            "），实为 1"
        ),
        "ws/goals.toml：goals[2].weight：应为大于 0 的权重，实为 0",
        (
            "ws/goals.toml：goals[2].owner：应为上级目标责任单位（o1）之下的单位，实为 'g1', which "
            "is not under 'o1'"
        ),
        (
            "ws/goals.toml：goals[2].period：应为位于上级目标期间（2023-2024/一）之内的期间，实为 '"
            "2024-2025'"
        ),
        "ws/goals.toml：goals[3].owner：应为学校、单位或人员的编号，实为 'zz', which no entry has",
        "ws/goals.toml：goals[3].plan：应为规划的编号，实为 'zz', which no entry has",
        (
            "ws/goals.toml：goals[3].period：应为日历中的学年，或“学年/学期”，实为 period '2099' is"
            " not a school year such as '2023-2024'"
        ),
        "ws/goals.toml：goals[4].parent：应为目标的编号，实为 'nope', which no entry has",
        (
            "ws/goals.toml：goals[5].parent：应为最终归于顶层目标的上级链（不能循环），实为 a cycle"
            " x → y → x"
        ),
        (
            "ws/goals.toml：goals[8].owner：应为上级目标责任单位（o1）之下的单位，实为 's1', which "
            "is not under 'o1'"
        ),
        (
            "ws/goals.toml：goals[8].period：应为位于上级目标期间（2023-2024/一）之内的期间，实为 '"
            "2023-2024'"
        ),
        (
            "ws/goals.toml：goals[0].indicators[0].target：应为下级目标中 'n' 的目标值之和等于 10，"
            "实为 1 (short by 9)"
        ),
    ]


def test_every_problem_of_grids_is_said_in_chinese() -> None:
    assert zh(grids_problems()) == [
        (
            "ws/grids.toml：grids[1].id：应为与其他网格都不相同的编号，实为 'safe', the id of grids"
            "[0] too"
        ),
        "ws/grids.toml：grids[0].leader：应为仍在岗的人员，实为 'p3', who left",
        "ws/grids.toml：grids[0].cells[0].backup：应为负责人以外的另一人（B角），实为 'p1'",
        "ws/grids.toml：grids[0].cells[1].backup：应为人员的编号，实为 'p9', which no entry has",
        (
            "ws/grids.toml：grids[0].cells[2].scope：应为本网格的范围之一：一年级、二年级，实为 '三"
            "年级'"
        ),
        (
            "ws/grids.toml：grids[0].cells[2].owner：应为人员的编号（o1 是处室，不是人员），实为 'o"
            "1', an office, not a person"
        ),
        "ws/grids.toml：grids[0].cells[3].duty：应为本网格的职责之一：d1、d2，实为 'd9'",
        (
            "ws/grids.toml：grids[0].cells[3].owner：应为人员的编号（s1 是学校，不是人员），实为 's"
            "1', the school, not a person"
        ),
        "ws/grids.toml：grids[0].cells[4].backup：应为仍在岗的人员，实为 'p3', who left",
        "ws/grids.toml：grids[0].cells：应为一年级 / 隐患排查 的负责人（分工到人），实为 nothing",
        "ws/grids.toml：grids[0].cells：应为二年级 / 上下学 的负责人（分工到人），实为 nothing",
        "ws/grids.toml：grids[0].cells：应为一年级 / 上下学 只有一位负责人，实为 several: p1, p2",
        "ws/grids.toml：grids[0].cells：应为每人至多 1 个职责格（load_limit），实为 2 for p1",
        "ws/grids.toml：grids[1].leader：应为人员的编号，实为 'p9', which no entry has",
        (
            "ws/grids.toml：grids[1].duties[1].id：应为与其他本网格职责都不相同的编号，实为 'd1', t"
            "he id of grids[1].duties[0] too"
        ),
    ]


def test_every_problem_of_projects_is_said_in_chinese() -> None:
    assert zh(projects_problems()) == [
        (
            "ws/projects.toml：sources[1].id：应为与其他来源文件都不相同的编号，实为 'doc1', the id"
            " of sources[0] too"
        ),
        (
            "ws/projects.toml：projects[1].id：应为与其他项目都不相同的编号，实为 'x1', the id of p"
            "rojects[0] too"
        ),
        (
            "ws/projects.toml：projects[0].source：应为来源文件的编号（是不是 'doc1'？），实为 'doc"
            "x', which no entry has"
        ),
        (
            "ws/projects.toml：projects[1].lead：应为认领该项目（状态 claimed）的牵头处室，实为 not"
            "hing"
        ),
        (
            "ws/projects.toml：projects[2].lead：应为处室的编号（g1 是级部，不是处室），实为 'g1', "
            "a grade, not an office"
        ),
        (
            "ws/projects.toml：projects[2].collaborators[0]：应为处室的编号，实为 'o9', which no en"
            "try has"
        ),
        "ws/projects.toml：projects[3].plan：应为5W2H 方案（项目状态为 planned），实为 nothing",
        (
            "ws/projects.toml：projects[4].plan：应为完整的 5W2H 方案（做什么、为什么、谁负责、何时"
            "、何地、怎么做、多少），实为 missing What, Why, When, Where, How, How much"
        ),
        "ws/projects.toml：projects[4].plan.owner：应为仍在岗的人员，实为 'p3', who left",
        (
            "ws/projects.toml：projects[5].plan.owner：应为人员的编号（o1 是处室，不是人员），实为 "
            "'o1', an office, not a person"
        ),
        (
            "ws/projects.toml：projects[5].plan.participants[1]：应为人员的编号，实为 'p7', which n"
            "o entry has"
        ),
        "ws/projects.toml：projects[5].plan.goal：应为目标的编号，实为 'zz', which no entry has",
        (
            "ws/projects.toml：projects[5].plan.source：应为来源文件的编号（是不是 'doc1'？），实为"
            " 'docx', which no entry has"
        ),
        (
            "ws/projects.toml：projects[5].plan.when：应为on、deadline（配 start）、rrule（配 start"
            "）三者恰好其一，实为 a schedule that cannot be used"
        ),
        "ws/projects.toml：projects[5].plan.budget.amount：应为不小于 0 的金额，实为 -1",
        (
            "ws/projects.toml：projects[5].plan.budget.currency：应为ISO 4217 货币代码之一：CNY、HK"
            "D、MOP、TWD、USD、EUR、GBP、JPY、KRW、AUD、CAD、SGD（是不是 'CNY'？），实为 'RMB'"
        ),
        "ws/projects.toml：projects[5].plan.quantities[0].amount：应为不小于 0 的数量，实为 -2",
        (
            "ws/projects.toml：projects[5].review：应为总结（outcome 成效、lessons 经验），形成工作"
            "闭环，实为 nothing"
        ),
        (
            "ws/projects.toml：projects[6].plan.when：应为不早于 start 的截止日期 deadline，实为 a "
            "schedule that cannot be used"
        ),
        (
            "ws/projects.toml：projects[6].plan.budget.currency：应为ISO 4217 货币代码之一：CNY、HK"
            "D、MOP、TWD、USD、EUR、GBP、JPY、KRW、AUD、CAD、SGD，实为 'XYZ'"
        ),
        (
            "ws/projects.toml：projects[7].plan.when：应为rrule 的开始日期 start，实为 a schedule t"
            "hat cannot be used"
        ),
        (
            "ws/projects.toml：projects[8].plan.when：应为RFC 5545 格式的重复规则，如 FREQ=MONTHLY;"
            "BYMONTHDAY=15（invalid 'FREQ': OFTEN），实为 a schedule that cannot be used"
        ),
    ]


def test_every_problem_of_records_is_said_in_chinese() -> None:
    assert zh(records_problems()) == [
        (
            "ws/records/honours.csv：row 3, column id：应为与其他记录都不相同的编号，实为 'h1', the"
            " id of row 2 too"
        ),
        (
            "ws/records/honours.csv：row 4, column id：应为由字母（含汉字）、数字、_、- 或 . 组成的"
            "编号（以字母或数字开头，不超过 64 个字符，不含空格），实为 'h 3'"
        ),
        (
            "ws/records/honours.csv：row 2, column recipient：应为人员的编号（教师荣誉），实为 'p9'"
            ", which no entry has"
        ),
        "ws/records/honours.csv：row 3, column recipient：应为获奖教师的编号，实为 nothing",
        (
            "ws/records/honours.csv：row 4, column recipient：应为班级的编号（班级荣誉；g1 是级部，"
            "不是班级），实为 'g1', a grade, not a class"
        ),
        "ws/records/honours.csv：row 5, column recipient：应为获奖班级的编号，实为 nothing",
        (
            "ws/records/honours.csv：row 6, column recipient：应为单位的编号（团队荣誉），实为 'zz'"
            ", which no entry has"
        ),
        "ws/records/honours.csv：row 7, column recipient_name：应为学生姓名，实为 nothing",
        (
            "ws/records/activities.csv：row 2, column unit：应为单位的编号，实为 'zz', which no ent"
            "ry has"
        ),
        (
            "ws/records/activities.csv：row 2, column participants：应为人员或单位的编号，以 ; 分隔"
            "，实为 'q9', which no entry has"
        ),
        (
            "ws/records/inspections.csv：row 2, column unit：应为单位的编号（p1 是人员，不是单位）"
            "，实为 'p1', a person, not a unit"
        ),
        (
            "ws/records/inspections.csv：row 2, column inspector：应为人员的编号（o1 是处室，不是人"
            "员），实为 'o1', an office, not a person"
        ),
        (
            "ws/records/incidents.csv：row 2, column person：应为人员的编号（g1 是级部，不是人员）"
            "，实为 'g1', a grade, not a person"
        ),
    ]


def test_every_problem_of_ids_is_said_in_chinese() -> None:
    assert zh(ids_problems()) == [
        (
            "ws/school.toml：school.id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号（以字母或"
            "数字开头，不超过 64 个字符，不含空格），实为 's 1'"
        ),
        (
            "ws/school.toml：units[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号（以字母"
            "或数字开头，不超过 64 个字符，不含空格），实为 'u 1'"
        ),
        (
            "ws/school.toml：people[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号（以字母"
            "或数字开头，不超过 64 个字符，不含空格），实为 'p 1'"
        ),
        (
            "ws/goals.toml：plans[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号（以字母或"
            "数字开头，不超过 64 个字符，不含空格），实为 'pl 1'"
        ),
        (
            "ws/goals.toml：goals[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号（以字母或"
            "数字开头，不超过 64 个字符，不含空格），实为 'g 1'"
        ),
        (
            "ws/goals.toml：goals[0].indicators[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的"
            "编号（以字母或数字开头，不超过 64 个字符，不含空格），实为 'i 1'"
        ),
        (
            "ws/grids.toml：grids[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号（以字母或"
            "数字开头，不超过 64 个字符，不含空格），实为 'gr 1'"
        ),
        (
            "ws/grids.toml：grids[0].duties[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号"
            "（以字母或数字开头，不超过 64 个字符，不含空格），实为 'd 1'"
        ),
        (
            "ws/projects.toml：sources[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号（以"
            "字母或数字开头，不超过 64 个字符，不含空格），实为 's 1'"
        ),
        (
            "ws/projects.toml：projects[0].id：应为由字母（含汉字）、数字、_、- 或 . 组成的编号（以"
            "字母或数字开头，不超过 64 个字符，不含空格），实为 'pr 1'"
        ),
    ]


def test_every_problem_of_schemes_is_said_in_chinese() -> None:
    assert zh(schemes_problems()) == [
        "schemes.toml：schemes[1].period：应为形如 '2023-2024' 的学年，实为 '2023'",
        "schemes.toml：schemes[1].places：应为0 到 6 位小数，实为 7",
        "schemes.toml：schemes[1].bonus_cap：应为不小于 0 的数，实为 -1",
        "schemes.toml：schemes[1].split.process：应为大于 0 的权重，实为 0",
        "schemes.toml：schemes[1].split.result：应为大于 0 的权重，实为 -1",
        "schemes.toml：schemes[1].dimensions[0].weight：应为大于 0 的权重，实为 0",
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[0].points.ceiling：应为大于 floor（6"
            "0）的值，实为 60"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[1].points.ceiling：应为一个值（linea"
            "r 规则必须填写 ceiling），实为 nothing"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[2].points.steps：应为不填（linear 规"
            "则不使用 steps），实为 (Threshold(at=Decimal('1'), points=Decimal('101')),)"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[2].points.each：应为不填（linear 规"
            "则不使用 each），实为 1"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[3].points.steps[0].points：应为0 到 "
            "100 之间的分值，实为 -1"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[3].points.steps[1].at：应为按 at 从"
            "小到大排列的档次，实为 1"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[3].points.steps[2].points：应为随数"
            "值变好而不减少的分值（越高越好），实为 40"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[3].points.steps[3].points：应为0 到 "
            "100 之间的分值，实为 101"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[4].points.steps：应为一个值（thresho"
            "lds 规则必须填写 steps），实为 nothing"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[5].points.each：应为大于 0 的分值，"
            "实为 0"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[5].points.cap：应为大于 0、不超过 10"
            "0 的上限，实为 0"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[6].points.target：应为大于 0 的目标"
            "值，实为 0"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[6].points.cap：应为大于 0、不超过 10"
            "0 的上限，实为 100.01"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[7].points.steps[1].points：应为随数"
            "值变好而不减少的分值（越低越好），实为 60"
        ),
        (
            "schemes.toml：schemes[1].dimensions[0].indicators[8].id：应为在方案中只用一次的指标编"
            "号，实为 'i0'"
        ),
        "schemes.toml：schemes[1].dimensions[0].indicators[8].weight：应为大于 0 的权重，实为 0",
        "schemes.toml：schemes[1].dimensions[1].id：应为只用一次的维度编号，实为 'd'",
        "schemes.toml：schemes[1].dimensions[1].weight：应为大于 0 的权重，实为 -1",
        "schemes.toml：schemes[1].dimensions[1].indicators：应为至少一个指标，实为 none",
        (
            "schemes.toml：schemes[1].dimensions[2].aggregate.drop_lowest：应为不小于 0 的个数，实"
            "为 -1"
        ),
        (
            "schemes.toml：schemes[1].dimensions[2].aggregate.keep_highest：应为不小于 1 的个数，实"
            "为 0"
        ),
        (
            "schemes.toml：schemes[1].dimensions[2].aggregate.cap：应为不填上限（只有 sum 方法或含"
            "附加分指标的平均有上限），实为 50"
        ),
        (
            "schemes.toml：schemes[1].dimensions[2].aggregate.method：应为加权平均去掉或保留部分指"
            "标时，各指标权重应相等，实为 unequal weights"
        ),
        (
            "schemes.toml：schemes[1].dimensions[3].aggregate.cap：应为大于 0、不超过 100 的上限，"
            "实为 0"
        ),
        (
            "schemes.toml：schemes[1].dimensions[3].indicators[0].source.kind：应为记录种类之一：ho"
            "nour、activity、inspection、incident、ballot、appeal，实为 'homework'"
        ),
        (
            "schemes.toml：schemes[1].dimensions[3].indicators[1].source.where.all[0]：应为以下之一"
            "：'minor'（轻微）、'moderate'（一般）、'serious'（较重）、'severe'（严重），实为 sever"
            "ity eq 'awful'"
        ),
        (
            "schemes.toml：schemes[1].dimensions[3].indicators[1].source.where.any[0]：应为Incident"
            " 的字段之一（id、person、date、severity、kind、description、provenance），实为 nope eq"
            " 'x'"
        ),
        (
            "schemes.toml：schemes[1].bands[0].quota：应为大于 0、不超过 1 的比例（20% 写作 0.2），"
            "实为 1.01"
        ),
        (
            "schemes.toml：schemes[1].bands[1].min_score：应为低于上一等次的分数线（90）；等次不能"
            "重叠，实为 90"
        ),
        (
            "schemes.toml：schemes[1].bands[1].quota：应为大于 0、不超过 1 的比例（20% 写作 0.2），"
            "实为 0"
        ),
        "schemes.toml：schemes[1].bands[2].name：应为只用一次的等次名称，实为 'A'",
        (
            "schemes.toml：schemes[1].bands[2].min_score：应为低于上一等次的分数线（90）；等次不能"
            "重叠，实为 95"
        ),
        "schemes.toml：schemes[1].bands[3].min_score：应为0 到 99 之间的分数，实为 -1",
        "schemes.toml：schemes[1].bands[4].min_score：应为0 到 99 之间的分数，实为 -2",
        (
            "schemes.toml：schemes[1].bands[5].min_score：应为低于上一等次的分数线（-2）；等次不能"
            "重叠，实为 111"
        ),
        "schemes.toml：schemes[1].bands[5].min_score：应为0 到 99 之间的分数，实为 111",
        "schemes.toml：schemes[1].ranking.tie_breakers[0]：应为本方案的维度（d、e、f），实为 'zz'",
        (
            "schemes.toml：schemes[1].bonuses[0].table.galaxy：应为级别之一：'national'（国家级）、"
            "'province'（省级）、'city'（市级）、'county'（县级）、'school'（校级），实为 'galaxy'"
        ),
        (
            "schemes.toml：schemes[1].bonuses[0].table.county.gold：应为奖次之一：'special'（特等奖"
            "）、'first'（一等奖）、'second'（二等奖）、'third'（三等奖）、'excellent'（优秀奖）、'"
            "title'（荣誉称号），实为 'gold'"
        ),
        "schemes.toml：schemes[1].bonuses[0].table.county.first：应为不小于 0 的分值，实为 -1",
        "schemes.toml：schemes[1].bonuses[0].cap：应为不小于 0 的上限，实为 -1",
        "schemes.toml：schemes[1].bonuses[0].category_cap：应为不小于 0 的上限，实为 -1",
        "schemes.toml：schemes[1].vetoes[0].effects：应为至少一种后果，实为 none",
        (
            "schemes.toml：schemes[1].vetoes[1].record：应为记录种类之一：honour、activity、inspect"
            "ion、incident、ballot、appeal，实为 'crime'"
        ),
        "schemes.toml：schemes[1].vetoes[1].band：应为本方案的等次之一：A、B、A、C、D、E，实为 'Z'",
        "schemes.toml：schemes[1].vetoes[1].dimension：应为本方案的维度，实为 'zz'",
    ]


def test_every_problem_of_warnings_is_said_in_chinese() -> None:
    assert zh(warnings_problems()) == [
        (
            "schemes.toml：schemes[0].vetoes[0].band：应为没有名额限制的等次：B 至多容纳 25% 的对象"
            "，名额优先于强制（被强制的对象按排名先占名额，超出者落入 C），实为 'B'"
        ),
        (
            "schemes.toml：schemes[0].vetoes[1].band：应为没有名额限制的等次：C 至多容纳 1% 的对象"
            "，名额优先于强制（被强制的对象按排名先占名额，超出者不属于任何等次），实为 'C'"
        ),
        (
            "schemes.toml：schemes[0].ranking.ties：应为等次有名额时，使用保留并列的名次规则（compe"
            "tition、modified、dense 或 fractional）：用 ordinal 时，在 A、B、C 名额最后一位并列的"
            "对象按编号区分，实为 'ordinal'"
        ),
        (
            "schemes.toml：schemes[0].dimensions[1].aggregate.drop_lowest：应为小于指标个数（2）的"
            "个数：至少保留一个值，实际只去掉 1 个，而不是 2 个，实为 2"
        ),
        (
            "schemes.toml：schemes[0].bonus_cap：应为大于 0 的 bonus_cap（所有加分合计受 bonus_cap "
            "限制，未填写时为 0，加分规则不起作用），实为 0"
        ),
        (
            "schemes.toml：schemes[1].vetoes[0].effects：应为cancel_excellence 需要至少两个等次（只"
            "有一个等次时无优秀可取消，它不起作用），实为 1 band"
        ),
    ]


def test_every_problem_of_conditions_is_said_in_chinese() -> None:
    assert zh(conditions_problems()) == [
        "schemes.toml：c[0]：应为不加引号的 true 或 false，且只用 eq 或 ne（passed 是是非字段）",
        "schemes.toml：c[1]：应为不加引号的 true 或 false，且只用 eq 或 ne（passed 是是非字段）",
        "schemes.toml：c[2]：应为不加引号的数字，配 eq、ne、ge、gt、le 或 lt（score 是数字）",
        "schemes.toml：c[3]：应为形如 '2024-03-01' 的日期（date 是日期）",
        "schemes.toml：c[4]：应为加引号的文本（type 是文本）",
        "schemes.toml：c[5]：应为单个值（列表只用于 op = 'in'），字段 type",
        "schemes.toml：c[6]：应为op = 'in' 时应为值的列表，字段 type",
        "schemes.toml：c[7]：应为eq、ne 或 in（level 的取值没有高低之分）",
        (
            "schemes.toml：c[8]：应为以下之一：'national'（国家级）、'province'（省级）、'city'（市"
            "级）、'county'（县级）、'school'（校级）（是不是 'county'？）"
        ),
        "schemes.toml：c[9]：应为可比较的字段：文本、数字、日期、是非或命名取值（recipient 不是）",
        (
            "schemes.toml：c[10]：应为Incident 的字段之一（id、person、date、severity、kind、descri"
            "ption、provenance）（是不是 'severity'？）"
        ),
        (
            "schemes.toml：c[11]：应为以下之一：'minor'（轻微）、'moderate'（一般）、'serious'（较"
            "重）、'severe'（严重）（是不是 'severe'？）"
        ),
    ]


def test_every_problem_of_converter_is_said_in_chinese() -> None:
    assert zh(converter_problems()) == [
        "f：name：应为文本，实为 1",
        "f：flag：应为true 或 false，实为 'yes'",
        "f：count：应为整数，实为 1.5",
        "f：amount：应为数字，实为 'x'",
        "f：day：应为日期（YYYY-MM-DD），实为 '2024-02-30'",
        (
            "f：moment：应为不带时间的日期（YYYY-MM-DD），实为 datetime.datetime(2024, 1, 1, 8, 0) "
            "(datetime)"
        ),
        (
            "f：level：应为以下之一：'national'（国家级）、'province'（省级）、'city'（市级）、'cou"
            "nty'（县级）、'school'（校级）（是不是 'county'？），实为 '县级'"
        ),
        (
            "f：method：应为以下之一：'weighted_mean'、'mean'、'median'、'lowest'、'highest'、'sum'"
            "、'mode'（是不是 'mean'？），实为 'mean2'"
        ),
        (
            "f：tier：应为以下之一：'new'（新教师）、'young'（青年教师）、'teaching_expert'（教学能"
            "手）、'backbone'（骨干教师）、'subject_leader'（学科带头人）、'master'（名师），实为 3"
        ),
        "f：names：应为由文本组成的列表，实为 'a'",
        "f：table.a：应为数字，实为 'x'",
        "f：role.unti：应为已知的键之一（kind、unit、area）（是不是 'unit'？），实为 unknown key",
        "f：either：应为文本 或 数字，或不填，实为 True",
        (
            "f：roles[0].kind：应为以下之一：'principal'（校长）、'party_secretary'（书记）、'vice_"
            "principal'（分管校长）、'office_director'（处室主任）、'grade_director'（级部主任）、'"
            "head_teacher'（班主任）、'group_leader'（组长）、'teacher'（教师）、'staff'（职工）（"
            "必填），实为 nothing"
        ),
        (
            "f：nmae：应为已知的键之一（name、flag、count、amount、day、moment、level、method、tier"
            "、names、table、role、either、roles）（是不是 'name'？），实为 unknown key"
        ),
    ]
