"""Score sheets (``scores.xlsx`` of ``export`` and ``demo``) as an office reads and prints them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.reports.xlsx import score_sheets, sheet_name, unique_sheet_name

openpyxl = pytest.importorskip("openpyxl")

TEACHERS = "教师年度考核2023-2024"
CLASSES = "班级综合考核2023-2024"


def export(runner: CliRunner, workspace: Path, target: Path, *args: str) -> object:
    result = runner.invoke(cli, [*args, "export", str(workspace), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(target)


def test_sheets_are_named_for_people_and_headed_in_chinese(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    book = export(runner, schoolwork_sample_dir, tmp_path / "scores.xlsx")
    assert book.sheetnames == [TEACHERS, CLASSES, "说明"]
    header = [c.value for c in book[TEACHERS][1]]
    assert header == [
        "名次",
        "工号",
        "姓名",
        "师德（20%）",
        "教学（35%）",
        "教研（20%）",
        "出勤（10%）",
        "业绩（15%）",
        "加权总分",
        "加减分",
        "最终得分",
        "等次",
        "一票否决",
        "备注",
    ]
    assert not any(re.search("[A-Za-z]", h) for h in header)
    classes = [c.value for c in book[CLASSES][1]]
    assert classes[:5] == ["名次", "编号", "班级", "常规管理（40%）", "文明班级（30%）"]
    first = [c.value for c in book[TEACHERS][2]]
    assert first[:3] == [1, "T003", "孙桂婷"]
    assert first[10:12] == [87.43, "优秀"]


def test_filter_frozen_header_and_print_setup(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    sheet = export(runner, schoolwork_sample_dir, tmp_path / "scores.xlsx")[TEACHERS]
    assert sheet.auto_filter.ref == "A1:N50"
    assert sheet.freeze_panes == "D2"
    assert sheet.print_title_rows == "$1:$1"
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")  # 9 is A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert sheet.oddHeader.center.text == "教师年度考核（2023-2024）"
    assert sheet["K2"].number_format == "0.00"  # the scheme's two places
    sheet = openpyxl.load_workbook(tmp_path / "scores.xlsx")[CLASSES]
    assert sheet["I1"].value == "最终得分"
    assert sheet["I2"].number_format == "0.0"  # the class scheme's one place


def test_the_notes_sheet_explains_weights_bands_and_quotas(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    sheet = export(runner, schoolwork_sample_dir, tmp_path / "scores.xlsx")["说明"]
    rows = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("考核结果说明",)
    assert ("加权总分", "各维度得分按权重加权平均（Σ 维度得分 × 权重 ÷ 权重之和）") in rows
    assert ("教师年度考核（2023-2024）",) in rows
    assert ("师德", "20%", "师德考核得分、师德学习与承诺") in rows
    assert ("优秀", "85", "20%") in rows
    assert ("不合格", "0", "—") in rows
    assert ("名次", "同分时先比教学、教研得分，仍同分的名次并列，其后名次顺延") in rows
    assert ("最终得分", "保留2位小数（四舍五入）") in rows
    paragraph = next(r[0] for r in rows if r and str(r[0]).startswith("考核方案说明"))
    assert "名额不超过参评对象的20%（本次参评49名教师，至多9人" in paragraph
    assert "“师德一票否决”不得评为“优秀”" in paragraph


def test_vetoes_and_band_moves_are_said_in_words(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    incidents = schoolwork_sample_dir / "records" / "incidents.csv"
    with incidents.open("a", encoding="utf-8") as handle:
        # 丁文文 (T037): 86.70 with no bonus, 优秀 by score (孙桂婷's 87.43 is 84.43 without
        # the bonuses the veto takes away, 良好 by score, so no move would be said for her)
        handle.write("I001,T037,2024-03-01,moderate,ethics,有偿补课,invented\n")
    sheet = export(runner, schoolwork_sample_dir, tmp_path / "scores.xlsx")[TEACHERS]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "T037")
    assert row[11:] == ("良好", "师德一票否决", "由“优秀”调整为“良好”")


def test_byte_identical_between_runs_with_no_clock_inside(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export(runner, schoolwork_sample_dir, first)
    export(runner, schoolwork_sample_dir, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        core = archive.read("docProps/core.xml").decode()
        dates = {info.date_time for info in archive.infolist()}
    assert set(re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z", core)) == {"2000-01-01T00:00:00Z"}
    assert dates == {(1980, 1, 1, 0, 0, 0)}


def test_english_sheets(runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    book = export(runner, schoolwork_sample_dir, tmp_path / "scores.xlsx", "--lang", "en")
    assert book.sheetnames == ["教师年度考核 2023-2024", "班级综合考核 2023-2024", "Notes"]
    header = [c.value for c in book["教师年度考核 2023-2024"][1]]
    assert header[:4] == ["Rank", "Staff ID", "Name", "师德 (20%)"]


def test_a_year_without_schemes_says_so(tmp_path: Path) -> None:
    path = tmp_path / "scores.xlsx"
    path.write_bytes(score_sheets([], "zh"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["说明"]
    assert [c.value for c in book["说明"]["A"] if c.value] == ["考核结果说明", "本学年无考核方案。"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("教师年度考核2023-2024", "教师年度考核2023-2024"),
        ("考核[试行]:教师/班主任*?", "考核_试行__教师_班主任__"),
        ("'引号'", "引号"),
        ("一" * 40, "一" * 31),
    ],
)
def test_sheet_names_excel_accepts(name: str, expected: str) -> None:
    assert sheet_name(name) == expected


def test_sheet_names_are_unique_ignoring_case() -> None:
    assert unique_sheet_name("Scores", ["scores"]) == "Scores（2）"
    assert unique_sheet_name("一" * 31, ["一" * 31, "一" * 28 + "（2）"]) == "一" * 28 + "（3）"
