"""The fill-in workbook (``schoolwork template``) and values read back from it.

The acceptance path: ``schoolwork template`` → filled in with openpyxl, as an office would in
Excel → ``schoolwork evaluate`` reads the values back and scores them exactly as from CSV.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.errors import WorkspaceError
from schoolwork.job import open_workspace
from schoolwork.plugins import hookimpl
from schoolwork.reports.fill_in import input_bounds, rule_words, values_workbook
from schoolwork.results import Evaluation, IndicatorScore, Subject
from schoolwork.scheme import (
    Dimension,
    Direction,
    Gain,
    Indicator,
    PointsRule,
    RaterGroup,
    Raters,
    RaterWeight,
    RuleKind,
    Scheme,
    SubjectKind,
    Threshold,
)
from schoolwork.values import read_values_xlsx

openpyxl = pytest.importorskip("openpyxl")

SCHEME = "teacher-2023"
# Not ethics_review (民主测评: from the ballots) nor attainment_gain (增值: its current value is
# attainment's column, asked once; the baseline is last year's values).
INDICATORS = [
    "ethics_study",
    "lesson_plans",
    "homework",
    "observed_lessons",
    "attainment",
    "research_sessions",
    "reflections",
    "open_lessons",
    "absences",
    "late",
    "class_quality",
    "duties",
    "mentoring",
]


# Every indicator of the scheme, as the values reader names them when a key is unknown.
ALL_INDICATORS = [
    "ethics_review",
    *INDICATORS[:4],
    "attainment",
    "attainment_gain",
    *INDICATORS[5:],
]


def template(runner: CliRunner, workspace: Path, target: Path, *args: str) -> None:
    result = runner.invoke(
        cli, ["template", str(workspace), "--scheme", SCHEME, "-o", str(target), *args]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def csv_values(workspace: Path) -> dict[str, dict[str, str]]:
    with (workspace / "values" / f"{SCHEME}.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    return {row[0]: dict(zip(rows[0][1:], row[1:], strict=True)) for row in rows[1:]}


def fill_in(blank: Path, values: dict[str, dict[str, str]], target: Path) -> None:
    """Type every value into the blank workbook by its key row, as an office would."""
    book = openpyxl.load_workbook(blank)
    sheet = book["填报"]
    keys = [cell.value for cell in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        given = values[row[0].value]
        for cell, key in zip(row, keys, strict=True):
            if key not in ("subject", "name") and given[key]:
                cell.value = float(given[key])
    book.save(target)


def test_template_fill_in_and_evaluate_reads_the_values_back(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    ws = schoolwork_sample_dir
    args = ["evaluate", str(ws), "--scheme", SCHEME, "--format", "csv"]
    from_csv = runner.invoke(cli, args)
    assert from_csv.exit_code == 0, from_csv.output
    blank = tmp_path / "blank.xlsx"
    template(runner, ws, blank, "--blank")
    fill_in(blank, csv_values(ws), ws / "values" / f"{SCHEME}.xlsx")
    (ws / "values" / f"{SCHEME}.csv").unlink()

    from_excel = runner.invoke(cli, args)

    assert from_excel.exit_code == 0, from_excel.output
    assert from_excel.output == from_csv.output
    session = open_workspace(ws, installed=False)
    top = session.evaluate(SCHEME)[1].results[0]
    # 87.43 since the sample's 师德 is rated and its pass rate has a gain (tests/test_one_path.py)
    assert (top.subject.name, top.score) == ("孙桂婷", Decimal("87.43"))


def test_the_fill_in_sheet_names_ids_checks_ranges_and_prints(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "values.xlsx"
    template(runner, schoolwork_sample_dir, target, "--blank")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["填报", "说明"]
    sheet = book["填报"]
    labels = [c.value for c in sheet[1]]
    assert labels[:5] == ["工号", "姓名", "师德学习与承诺", "备课检查", "作业批改"]
    assert [c.value for c in sheet[2]] == ["subject", "name", *INDICATORS]
    assert sheet.row_dimensions[2].hidden
    # Names beside ids, in grey: the school's people, in the order school.toml lists them.
    assert [sheet["A3"].value, sheet["B3"].value] == ["T002", "郑佳晨"]
    assert sheet["B3"].fill.fgColor.rgb.endswith("F2F2F2")
    assert sheet.max_row == 2 + 49
    assert all(cell.value is None for row in sheet.iter_rows(min_row=3, min_col=3) for cell in row)
    assert sheet.freeze_panes == "C3"
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # One range check per indicator column, on every subject's cell, in Chinese.
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert len(checks) == len(INDICATORS)
    lesson_plans = checks["D3:D51"]
    assert (lesson_plans.type, lesson_plans.operator) == ("decimal", "between")
    assert (lesson_plans.formula1, lesson_plans.formula2) == ("0", "100")
    assert lesson_plans.allow_blank
    assert lesson_plans.errorStyle == "stop"
    assert lesson_plans.promptTitle == "备课检查"
    assert lesson_plans.prompt == "填 0～100 的数字，不知道就留空"
    assert lesson_plans.error == "“备课检查”应为 0～100 之间的数字（可以留空）。"


def test_the_instructions_say_what_to_fill_and_where_it_goes(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "values.xlsx"
    template(runner, schoolwork_sample_dir, target)
    sheet = openpyxl.load_workbook(target)["说明"]
    text = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert text[0] == "沂源县第二实验小学教师年度考核（2023-2024）原始数据填报说明"
    joined = "\n".join(map(str, text))
    assert "共49名教师" in joined
    assert "文件名为 teacher-2023.xlsx" in joined
    assert "teacher-2023.csv 要删除或移走" in joined
    assert "空格不计入该维度" in joined  # the scheme's missing = "exclude"
    header = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "维度")
    assert header == ("维度", "指标", "指标编号", "计分规则", "可填范围")
    rows = {r[2]: r for r in sheet.iter_rows(values_only=True) if r[2] in INDICATORS}
    assert rows["lesson_plans"] == (
        "教学",
        "备课检查",
        "lesson_plans",
        "60及以下得0分，100及以上得满分，之间按比例",
        "0～100",
    )
    assert rows["absences"][3] == "满分100分，每个扣10分"
    assert rows["observed_lessons"][3] == "实际值÷20×100，最多100分"


def test_the_workspace_values_are_filled_in_unless_blank(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "values.xlsx"
    template(runner, schoolwork_sample_dir, target)
    sheet = openpyxl.load_workbook(target)["填报"]
    row = {key.value: cell.value for key, cell in zip(sheet[2], sheet[3], strict=True)}
    assert row["subject"] == "T002"
    assert row["lesson_plans"] == pytest.approx(84.7)
    assert row["mentoring"] is None  # empty in the CSV, empty here


def test_the_filled_in_workbook_reads_back_exactly(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    """A prefilled template read back gives the CSV's values, digit for digit."""
    ws = schoolwork_sample_dir
    session = open_workspace(ws, installed=False)
    scheme = session.scheme(SCHEME)
    from_csv = session.evaluate(SCHEME)[1]
    template(runner, ws, ws / "values" / f"{SCHEME}.xlsx")
    (ws / "values" / f"{SCHEME}.csv").unlink()
    again = open_workspace(ws, installed=False)
    # A cell holds the number 96, not the text "96.0": equal values, but a gain's note shows
    # its current value as read ("current 96" for "current 96.0"). Everything else is equal.
    assert _unnoted(again.evaluate(SCHEME)[1]) == _unnoted(from_csv)
    assert scheme == again.scheme(SCHEME)


def _unnoted(evaluation: Evaluation) -> Evaluation:
    """``evaluation`` with the notes of its gains (attainment_gain) left out."""

    def unnoted(score: IndicatorScore) -> IndicatorScore:
        return score._replace(source="") if score.id == "attainment_gain" else score

    results = tuple(
        attrs.evolve(
            r,
            dimensions=tuple(
                d._replace(indicators=tuple(unnoted(i) for i in d.indicators)) for d in r.dimensions
            ),
        )
        for r in evaluation.results
    )
    return attrs.evolve(evaluation, results=results)


def test_the_same_workspace_gives_the_same_bytes(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    template(runner, schoolwork_sample_dir, first)
    template(runner, schoolwork_sample_dir, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        core = archive.read("docProps/core.xml").decode()
    # No clock in the file: two runs a second apart agree too.
    assert set(re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z", core)) == {"2000-01-01T00:00:00Z"}


def test_english_workbook(runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "values.xlsx"
    template(runner, schoolwork_sample_dir, target, "--lang", "en")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Values", "Instructions"]
    assert [c.value for c in book["Values"][1]][:2] == ["Staff ID", "Name"]


# -- what the office can get wrong -------------------------------------------------------------


@pytest.fixture
def filled(runner: CliRunner, schoolwork_sample_dir: Path) -> Path:
    """The sample school with its teacher values in the fill-in workbook instead of CSV."""
    ws = schoolwork_sample_dir
    template(runner, ws, ws / "values" / f"{SCHEME}.xlsx")
    (ws / "values" / f"{SCHEME}.csv").unlink()
    return ws / "values" / f"{SCHEME}.xlsx"


def evaluate_fails(runner: CliRunner, workspace: Path, *lang: str) -> list[str]:
    result = runner.invoke(cli, [*lang, "evaluate", str(workspace), "--scheme", SCHEME])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if line.startswith(("error", "错误"))]


def test_bad_cells_are_named_by_sheet_row_and_column_label(runner: CliRunner, filled: Path) -> None:
    book = openpyxl.load_workbook(filled)
    sheet = book["填报"]
    sheet["C3"] = "很好"  # text in a number cell
    sheet["A5"] = "T999"  # an id that is no teacher's
    sheet["A6"] = sheet["A7"].value  # the same teacher twice
    sheet["D8"] = 0.853  # 85.3 % typed as a percentage
    sheet["D8"].number_format = "0.0%"
    sheet["E9"] = "=D9*1"  # a formula openpyxl saves without its result
    book.save(filled)
    at = f"{filled}: sheet 填报"
    assert evaluate_fails(runner, filled.parent.parent) == [
        f"error: {at}, row 3, column 师德学习与承诺: expected a number or an empty cell, "
        "found '很好'",
        f"error: {at}, row 5, column 工号: expected the id of a subject of the scheme, "
        "found 'T999'",
        f"error: {at}, row 7, column 工号: expected a subject listed once, found 'T012'",
        f"error: {at}, row 8, column 备课检查: expected a plain number, not a percentage "
        "(type 85.3 for 85.3 %, in a cell not formatted as 百分比), found 0.853 (0.0%)",
        f"error: {at}, row 9, column 作业批改: expected a value, not a formula without a saved "
        "result (open the file in Excel or WPS and save it, or type the value), "
        "found '=D9*1'",
    ]


def test_bad_cells_in_chinese(runner: CliRunner, filled: Path) -> None:
    book = openpyxl.load_workbook(filled)
    book["填报"]["C3"] = "很好"
    book["填报"]["A5"] = "T999"
    book.save(filled)
    at = f"{filled}：sheet 填报"
    assert evaluate_fails(runner, filled.parent.parent, "--lang", "zh") == [
        f"错误：{at}, row 3, column 师德学习与承诺：应为数字或空单元格，实为 '很好'",
        f"错误：{at}, row 5, column 工号：应为方案考核对象的 id，实为 'T999'",
    ]


def test_a_deleted_key_row_is_named(runner: CliRunner, filled: Path) -> None:
    book = openpyxl.load_workbook(filled)
    book["填报"].delete_rows(2)
    book.save(filled)
    lines = evaluate_fails(runner, filled.parent.parent)
    assert lines[0] == (
        f"error: {filled}: sheet 填报, row 1, column 工号: expected the column 'subject' first, "
        "found '工号'"
    )


def test_a_renamed_key_is_named_with_the_closest_indicator(runner: CliRunner, filled: Path) -> None:
    book = openpyxl.load_workbook(filled)
    book["填报"]["D2"] = "lesson_plan"
    book.save(filled)
    lines = evaluate_fails(runner, filled.parent.parent)
    assert lines == [
        f"error: {filled}: sheet 填报, row 2, column lesson_plan: expected an indicator of "
        f"scheme 'teacher-2023' ({', '.join(ALL_INDICATORS)}) (did you mean 'lesson_plans'?), "
        "found 'lesson_plan'"
    ]


def test_a_csv_beside_the_workbook_is_refused_naming_both(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    ws = schoolwork_sample_dir
    template(runner, ws, ws / "values" / f"{SCHEME}.xlsx")
    lines = evaluate_fails(runner, ws)
    assert lines == [
        f"error: {ws / 'values'}: expected one values file per scheme, "
        f"found both {SCHEME}.csv and {SCHEME}.xlsx"
    ]


def test_template_warns_when_the_csv_is_still_there(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    ws = schoolwork_sample_dir
    target = ws / "values" / f"{SCHEME}.xlsx"
    result = runner.invoke(cli, ["template", str(ws), "--scheme", SCHEME, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"warning: {ws / 'values' / f'{SCHEME}.csv'} is still there; remove it once the "
        "workbook is filled in (both at once are refused)\n"
    )


def test_the_output_must_be_a_workbook_and_is_not_replaced_without_force(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    ws = schoolwork_sample_dir
    wrong = runner.invoke(
        cli, ["template", str(ws), "--scheme", SCHEME, "-o", str(tmp_path / "v.csv")]
    )
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        f"error: {tmp_path / 'v.csv'}: the fill-in workbook is an Excel file; "
        "expected a name ending .xlsx\n"
    )
    assert not (tmp_path / "v.csv").exists()
    target = tmp_path / "v.xlsx"
    target.write_bytes(b"old")
    again = runner.invoke(cli, ["template", str(ws), "--scheme", SCHEME, "-o", str(target)])
    assert again.exit_code == 2
    assert "already exist; add --force" in again.stderr
    assert target.read_bytes() == b"old"
    forced = runner.invoke(
        cli, ["template", str(ws), "--scheme", SCHEME, "-o", str(target), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes().startswith(b"PK")


def test_an_unknown_scheme_exits_2(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        cli,
        [
            "template",
            str(schoolwork_sample_dir),
            "--scheme",
            "nope",
            "-o",
            str(tmp_path / "v.xlsx"),
        ],
    )
    assert result.exit_code == 2
    assert (
        result.stderr == "error: no scheme 'nope' (known: teacher-2023, class-2023, teacher-2022)\n"
    )
    assert not (tmp_path / "v.xlsx").exists()


# -- which indicators are asked for, and in what range ------------------------------------------


class GivesMentoring:
    """A plugin that gives every teacher's mentoring value itself."""

    @hookimpl
    def schoolwork_indicator_values(self, scheme, subject, records):  # type: ignore[no-untyped-def]
        return {"mentoring": Decimal(5)} if scheme.id == SCHEME else None


def test_indicators_a_plugin_gives_are_listed_not_asked_for(schoolwork_sample_dir: Path) -> None:
    session = open_workspace(
        schoolwork_sample_dir, installed=False, plugins={"mentor-plugin": GivesMentoring()}
    )
    data = session.values_template(SCHEME)
    path = schoolwork_sample_dir.parent / "v.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    keys = [c.value for c in book["填报"][2]]
    assert keys == ["subject", "name", *INDICATORS[:-1]]
    text = [c.value for row in book["说明"].iter_rows() for c in row if c.value]
    assert "以下指标不需填写，由程序计算：" in text
    assert "青蓝结对成效：由插件 mentor-plugin 提供" in text


def test_rated_and_gained_indicators_are_listed_not_asked_for(
    schoolwork_sample_dir: Path,
) -> None:
    # The sample's 师德考核得分 comes from ballots, and its 学业增值 from the pass rate
    # (attainment, asked once) less last year's: neither is a column of the workbook.
    session = open_workspace(schoolwork_sample_dir, installed=False)
    path = schoolwork_sample_dir.parent / "v.xlsx"
    path.write_bytes(session.values_template(SCHEME))
    book = openpyxl.load_workbook(path)
    keys = [c.value for c in book["填报"][2]]
    assert keys == ["subject", "name", *INDICATORS]
    assert "ethics_review" not in keys
    assert "attainment_gain" not in keys
    text = [c.value for row in book["说明"].iter_rows() for c in row if c.value]
    assert "师德考核得分：由民主测评选票（records/ballots.csv）计算" in text
    assert (
        "学业增值（合格率变化）：增值：本表“学业水平（合格率%）”一栏减去 "
        "teacher-2022:attainment 的值"
    ) in text


def test_a_gain_on_its_own_column_asks_for_the_current_value() -> None:
    rule = PointsRule(RuleKind.LINEAR, floor=Decimal(-5), ceiling=Decimal(5))
    rated = Raters((RaterWeight(RaterGroup.LEADERS, Decimal(1)),))
    scheme = Scheme(
        "s",
        "方案",
        SubjectKind.TEACHER,
        "2023-2024",
        (
            Dimension(
                "d",
                "维度",
                Decimal(1),
                (
                    Indicator("pass", "合格率", rule, gain=Gain("old:pass")),
                    Indicator("review", "测评", rule, raters=rated),
                ),
            ),
        ),
    )
    subjects = [Subject("T1", "甲", SubjectKind.TEACHER)]
    for lang, header, words in (
        ("zh", "合格率（本期值）", "填本期值；程序减去 old:pass 的值得增值，再计分："),
        ("en", "合格率 (current value)", "the current value; the program subtracts old:pass"),
    ):
        book = openpyxl.load_workbook(
            io.BytesIO(values_workbook(scheme, subjects, lang=lang))  # type: ignore[arg-type]
        )
        sheet = book.worksheets[0]
        # The column keeps the indicator's id: the values reader takes it as the current value.
        assert [c.value for c in sheet[2]] == ["subject", "name", "pass"]
        assert sheet["C1"].value == header
        rows = [r for r in book.worksheets[1].iter_rows(values_only=True) if r[2] == "pass"]
        assert rows[0][1] == header
        assert str(rows[0][3]).startswith(words)


def indicator(rule: PointsRule, direction: Direction = Direction.HIGHER) -> Indicator:
    return Indicator("x", "某指标", rule, direction=direction)


@pytest.mark.parametrize(
    ("rule", "direction", "bounds"),
    [
        (PointsRule(RuleKind.LINEAR, floor=Decimal(60), ceiling=Decimal(100)), "higher", (0, 100)),
        (PointsRule(RuleKind.LINEAR, floor=Decimal(0), ceiling=Decimal(10)), "higher", (0, 100)),
        (PointsRule(RuleKind.LINEAR, floor=Decimal(0), ceiling=Decimal(500)), "higher", (0, 1000)),
        (PointsRule(RuleKind.LINEAR, floor=Decimal(-5), ceiling=Decimal(5)), "higher", (-5, 100)),
        (PointsRule(RuleKind.RATIO, target=Decimal(20)), "higher", (0, 100)),
        (PointsRule(RuleKind.RATIO, target=Decimal(80), cap=Decimal(150)), "higher", (0, 240)),
        (PointsRule(RuleKind.RATIO, target=Decimal(300)), "lower", (0, 600)),
        (PointsRule(RuleKind.COUNT, each=Decimal("12.5")), "higher", (0, 100)),
        (PointsRule(RuleKind.COUNT, each=Decimal("0.25")), "lower", (0, 800)),
        (
            PointsRule(RuleKind.THRESHOLDS, steps=(Threshold(Decimal(200), Decimal(100)),)),
            "higher",
            (0, 400),
        ),
    ],
)
def test_input_bounds(rule: PointsRule, direction: str, bounds: tuple[int, int]) -> None:
    low, high = input_bounds(indicator(rule, Direction(direction)))
    assert (low, high) == (Decimal(bounds[0]), Decimal(bounds[1]))


def test_rules_in_words_both_ways() -> None:
    steps = PointsRule(
        RuleKind.THRESHOLDS,
        steps=(Threshold(Decimal(0), Decimal(100)), Threshold(Decimal(3), Decimal(50))),
    )
    assert rule_words(indicator(steps, Direction.LOWER), "zh") == ("不超过0得100分；不超过3得50分")
    assert rule_words(indicator(steps, Direction.LOWER), "en") == "100 at most 0; 50 at most 3"
    linear = PointsRule(RuleKind.LINEAR, floor=Decimal(0), ceiling=Decimal(5))
    assert rule_words(indicator(linear, Direction.LOWER), "zh") == (
        "0及以下得满分，5及以上得0分，之间按比例"
    )


def test_values_read_from_a_workbook_without_a_label_row(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    """A workbook laid out like the CSV file (keys in row 1) is read as before, by sheet."""
    scheme = open_workspace(schoolwork_sample_dir, installed=False).scheme(SCHEME)
    book = openpyxl.Workbook()
    book.active.title = "数据"
    book.active.append(["subject", "name", "ethics_review"])
    book.active.append(["T002", "郑佳晨", "八十"])
    path = tmp_path / "v.xlsx"
    book.save(path)
    with pytest.raises(WorkspaceError) as caught:
        read_values_xlsx(path, scheme, ["T002"])
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: sheet 数据, row 2, column ethics_review: expected a number or an empty cell, "
        "found '八十'"
    ]
    assert [p.expected_zh for p in caught.value.problems] == ["数字或空单元格"]
