"""Indicator values from Excel workbooks, with the same row-and-column problems as CSV."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.errors import WorkspaceError
from schoolwork.job import open_workspace

openpyxl = pytest.importorskip("openpyxl")
from schoolwork.values import read_values_xlsx  # noqa: E402


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_values_from_a_workbook(schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    scheme = open_workspace(schoolwork_sample_dir).loaded.workspace.scheme("class-2023")
    path = workbook(
        tmp_path / "v.xlsx",
        [
            ["subject", "hygiene", "civilized_weeks"],
            ["class-1-1", 85.3, 12],
            ["class-1-2", None, 3],
        ],
    )
    table = read_values_xlsx(path, scheme, ["class-1-1", "class-1-2"])
    assert table == {
        "class-1-1": {"hygiene": Decimal("85.3"), "civilized_weeks": Decimal(12)},
        "class-1-2": {"hygiene": None, "civilized_weeks": Decimal(3)},
    }


def test_every_bad_cell_is_reported_by_row_and_column(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    scheme = open_workspace(schoolwork_sample_dir).loaded.workspace.scheme("class-2023")
    path = workbook(
        tmp_path / "v.xlsx",
        [["subject", "hygiene", "nonsense"], ["class-1-1", "很好", 1], ["class-9-9", 80, None]],
    )
    with pytest.raises(WorkspaceError) as caught:
        read_values_xlsx(path, scheme, ["class-1-1"])
    found = [str(p) for p in caught.value.problems]
    assert found == [
        f"{path}: sheet Sheet, row 1, column nonsense: expected an indicator of scheme "
        "'class-2023' (hygiene, discipline, exercises, safety_checks, civilized_weeks, "
        "festivals, sports, reading), found 'nonsense'",
        f"{path}: sheet Sheet, row 2, column hygiene: "
        "expected a number or an empty cell, found '很好'",
        f"{path}: sheet Sheet, row 3, column subject: "
        "expected the id of a subject of the scheme, found 'class-9-9'",
    ]


def test_a_workspace_may_keep_values_in_excel(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    args = ["evaluate", str(schoolwork_sample_dir), "--scheme", "class-2023", "--format", "csv"]
    from_csv = runner.invoke(cli, args).output
    csv_file = schoolwork_sample_dir / "values" / "class-2023.csv"
    rows = [line.split(",") for line in csv_file.read_text(encoding="utf-8").splitlines()]
    workbook(
        schoolwork_sample_dir / "values" / "class-2023.xlsx",
        [rows[0], *[[r[0], *map(Decimal, r[1:])] for r in rows[1:]]],
    )
    both = runner.invoke(cli, ["validate", str(schoolwork_sample_dir)])
    assert both.exit_code == 2
    assert (
        "expected one values file per scheme, found both class-2023.csv and class-2023.xlsx"
        in both.output
    )
    csv_file.unlink()
    from_excel = runner.invoke(cli, args)
    assert from_excel.exit_code == 0, from_excel.output
    assert from_excel.output == from_csv


def test_a_file_that_is_not_a_workbook(schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    scheme = open_workspace(schoolwork_sample_dir).loaded.workspace.scheme("class-2023")
    path = tmp_path / "v.xlsx"
    path.write_text("not a zip")
    with pytest.raises(WorkspaceError, match=r"expected an \.xlsx workbook"):
        read_values_xlsx(path, scheme)
