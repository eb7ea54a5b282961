"""``schoolwork template --ballots``: the ballot sheet of 民主测评, written from the workspace
(or blank), checked as it is typed, and read back as ``records/ballots.xlsx`` to the same
ballots and the same scores."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork.cli import cli
from schoolwork.sample import sample_path

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(sample_path(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return root


def _write(ws: Path, *more: str, lang: str = "zh") -> tuple[Path, object]:
    out = ws / "records" / "ballots.xlsx"
    args = ["--lang", lang, "template", str(ws), "--scheme", "teacher-2023", "--ballots"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), *more])
    return out, result


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sheet_reads_back_to_the_same_ballots_and_scores(ws: Path, lang: str) -> None:
    before = schoolwork.open(ws, installed=False)
    out, result = _write(ws, lang=lang)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    # the CSV file is still there, and said to be in the way
    assert "ballots.csv" in result.output  # type: ignore[attr-defined]
    (ws / "records" / "ballots.csv").unlink()
    after = schoolwork.open(ws, installed=False)
    assert after.workspace.records.ballots == before.workspace.records.ballots
    assert after.result("teacher-2023", "T003").score == Decimal("87.43")
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    keys = [c.value for c in sheet[2]]
    assert keys == [
        "id", "token", "scheme", "subject", "indicator", "group", "score", "date", "provenance"
    ]  # fmt: skip
    assert sheet.row_dimensions[2].hidden
    first = [c.value for c in sheet[3]]
    assert first[5] == ("同事" if lang == "zh" else "Peers")
    assert first[8] == "invented"  # the sample's ballots stay marked as invented


def test_the_same_workspace_writes_the_same_bytes(ws: Path, tmp_path: Path) -> None:
    out, _ = _write(ws, "--force")
    first = out.read_bytes()
    out, _ = _write(ws, "--force")
    assert out.read_bytes() == first


def test_a_blank_sheet_checks_what_is_typed(ws: Path) -> None:
    out, result = _write(ws, "--blank")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    book = openpyxl.load_workbook(out)
    sheet, notes = book.worksheets
    assert (sheet.title, notes.title) == ("选票", "说明")
    assert sheet.max_row == 2  # labels and keys, no ballot
    assert [c.value for c in sheet[1]][:3] == ["编号", "测评人代号", "考核方案"]
    checks = {
        str(v.sqref): (v.type, v.formula1, v.formula2)
        for v in sheet.data_validations.dataValidation
    }
    assert checks["C3:C2002"] == ("list", '"teacher-2023"', None)
    assert checks["E3:E2002"] == ("list", '"ethics_review"', None)
    assert checks["F3:F2002"] == ("list", '"同事,学生,家长,领导"', None)
    assert checks["G3:G2002"] == ("decimal", "0", "100")
    assert checks["H3:H2002"] == ("date", "DATE(2023,9,1)", "DATE(2024,8,31)")
    subjects_list = checks["D3:D2002"][1]
    assert subjects_list is not None
    assert subjects_list.startswith("'说明'!$A$")
    column = [row[0] for row in notes.iter_rows(values_only=True)]
    assert column.count("T003") == 1  # the subjects, by id, with their names beside them
    rows = list(notes.iter_rows(values_only=True))
    assert (
        "ethics_review",
        "师德考核得分",
        "同事",
        "0.3",
        "去掉1个最高分和1个最低分后平均",
        5,
    ) in [r[:6] for r in rows]
    # typed in as a school would, then read back: one ballot
    sheet.append(
        ["B1", "P01", "teacher-2023", "T003", "ethics_review", "领导", 90, date(2024, 6, 1)]
    )
    book.save(out)
    (ws / "records" / "ballots.csv").unlink()
    session = schoolwork.open(ws, installed=False)
    (ballot,) = session.workspace.records.ballots
    assert (ballot.token, ballot.group.value, ballot.score) == ("P01", "leaders", Decimal("90"))


def test_a_scheme_without_raters_has_no_ballot_sheet(ws: Path) -> None:
    out = ws / "x.xlsx"
    args = ["--lang", "en", "template", str(ws), "--scheme", "class-2023", "--ballots"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 2
    assert "scheme 'class-2023' has no indicator scored by raters" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
