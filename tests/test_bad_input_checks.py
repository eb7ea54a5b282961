"""Bad input that the converter and the checks must refuse, each told once, at its cause.

Every case is a copy of the sample workspace with one edit, validated through the command line:
exit 2, no traceback, and the whole located problem (file, place, what was expected, what was
found) compared as one line. Where the edit sits at a limit, both sides of it are tried. The
Chinese of a problem (``Problem.text("zh")``, what ``--lang zh`` prints) is checked the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import schoolwork
from schoolwork import WorkspaceError
from schoolwork.checks.ids import MAX_ID_LENGTH
from schoolwork.cli import cli

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


CURRENCIES = "CNY, HKD, MOP, TWD, USD, EUR, GBP, JPY, KRW, AUD, CAD, SGD"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("RMB", " (did you mean 'CNY'?)"),
        ("人民币", " (did you mean 'CNY'?)"),
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
