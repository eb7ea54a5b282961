"""Records kept in Excel or WPS: ``records/<kind>.xlsx`` in place of the CSV file, read as the
CSV file is (the same columns, the same checks), every problem located by sheet, row and
column. The ballots of 民主测评 are the case in point: a school collects them in a workbook."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import schoolwork
from schoolwork.sample import sample_path

openpyxl = pytest.importorskip("openpyxl")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(sample_path(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return root


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as data:
        return list(csv.reader(data))


def _as_workbook(csv_path: Path, *, titles: int = 0) -> Path:
    """The CSV file saved as a workbook, as Excel saves it: numbers as numbers, dates as
    dates, ``titles`` rows of title and column labels above the key row; the CSV removed."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "选票"
    if titles:
        sheet.append(["民主测评选票（虚构）"])
        sheet.append(["编号", "测评人", "方案", "对象", "指标", "测评组", "分数", "日期", "来源"])
    header, *rows = _rows(csv_path)
    sheet.append(header)
    for row in rows:
        cells: list[object] = list(row)
        cells[header.index("score")] = float(row[header.index("score")])
        cells[header.index("date")] = date.fromisoformat(row[header.index("date")])
        sheet.append(cells)
    target = csv_path.with_suffix(".xlsx")
    book.save(target)
    csv_path.unlink()
    return target


@pytest.mark.parametrize("titles", [0, 2])
def test_ballots_kept_in_a_workbook_evaluate_as_the_csv_file_does(
    tmp_path: Path, titles: int
) -> None:
    before = schoolwork.open(sample_path(), installed=False).result("teacher-2023", "T003")
    root = _copy(tmp_path)
    book = _as_workbook(root / "records" / "ballots.csv", titles=titles)
    session = schoolwork.open(root, installed=False)
    assert len(session.workspace.records.ballots) == 1121
    after = session.result("teacher-2023", "T003")
    assert after.score == before.score == Decimal("87.43")
    assert book.exists()


def test_a_bad_ballot_in_a_workbook_is_located_by_sheet_row_and_column(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    book = _as_workbook(root / "records" / "ballots.csv", titles=2)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["选票"]
    # the key row is row 3; the first ballot is row 4, the second row 5
    sheet["G4"] = "九十"  # a score that is not a number
    sheet["F5"] = "friends"  # a group that does not exist
    sheet["G6"] = 0.95
    sheet["G6"].number_format = "0%"  # a percentage where a plain number belongs
    workbook.save(book)
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    found = [(p.path, p.found) for p in caught.value.problems if p.file == str(book)]
    assert found[:3] == [
        ("sheet 选票, row 4, column score", "'九十'"),
        ("sheet 选票, row 5, column group", "'friends'"),
        ("sheet 选票, row 6, column score", "0.95 (0%)"),
    ]
    zh = caught.value.text("zh")
    assert "选票" in zh
    assert "Traceback" not in zh


def test_a_workbook_beside_its_csv_file_is_refused_naming_both(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    sheet = root / "records" / "ballots.csv"
    kept = sheet.read_bytes()
    _as_workbook(sheet)
    sheet.write_bytes(kept)
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    (both,) = [p for p in caught.value.problems if p.file.endswith("ballots.xlsx")]
    assert both.expected == "the ballots records in one file: ballots.csv or ballots.xlsx, not both"
    assert both.expected_zh == "ballots 记录只放在一个文件中：ballots.csv 或 ballots.xlsx"


def test_a_workbook_without_the_columns_says_what_its_header_lacks(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "records" / "ballots.csv").unlink()
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.active.append(["编号", "分数"])
    book.save(root / "records" / "ballots.xlsx")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    places = [p.path for p in caught.value.problems if p.file.endswith("ballots.xlsx")]
    assert places[0] == "sheet Sheet1, row 1, column 编号"
    assert "sheet Sheet1, row 1" in places
