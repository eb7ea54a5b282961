"""Bad input at the level of files: what cannot be read is a located problem, never a traceback.

Each test breaks one file of a fresh copy of the sample school the way a school's files break
(a folder or a link in place of a file, a file that may not be read, a huge cell, a quote left
open, deep nesting, GBK from Chinese Excel, an empty file, a misspelt column) and runs
``schoolwork validate`` on it: exit 2, no traceback, the exact located problem, the files
untouched. The limits and encodings are documented in docs/workspace-format.md, "Files:
encodings, sizes, folders and links".
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork import sources
from schoolwork.cli import cli
from schoolwork.errors import WorkspaceError
from schoolwork.workspace import read

HONOURS_COLUMNS = (
    "id, title, level, rank, place, category, recipient_kind, recipient, recipient_name, date, "
    "issuer, provenance"
)
CLASS_INDICATORS = (
    "hygiene, discipline, exercises, safety_checks, civilized_weeks, festivals, sports, reading"
)
READABLE = "expected a file schoolwork can read"
EXCEL_HINT = (
    "UTF-8 text (in Excel: 另存为 › CSV UTF-8(逗号分隔); in WPS or any other program: open it in "
    "Notepad (记事本), 另存为, 编码 UTF-8)"
)
TEXT_HINT = "UTF-8 text (save it as UTF-8, e.g. in Notepad (记事本): 另存为, 编码 UTF-8)"
OPEN_QUOTE = 'a cell that opens with a quote (") to close with one'
CLOSING_QUOTE = (
    'a cell that opens with a quote (") to end at its closing quote '
    '(a quote inside it is written twice: "")'
)

Snapshot = dict[str, tuple[int, int, int, bytes | None]]


def snapshot(folder: Path) -> Snapshot:
    """Every entry under ``folder`` as it stands, without following links or blocking."""
    found: Snapshot = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = os.path.join(parent, name)
            status = os.lstat(path)
            data = None
            if stat.S_ISREG(status.st_mode) and os.access(path, os.R_OK):
                data = Path(path).read_bytes()
            found[path] = (status.st_mode, status.st_size, status.st_mtime_ns, data)
    return found


def refused(runner: CliRunner, folder: Path) -> str:
    """The output of validating ``folder``: exit 2, no traceback, and no file touched."""
    before = snapshot(folder)
    result = runner.invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert snapshot(folder) == before
    return result.output


def problem_lines(output: str) -> list[str]:
    return [line.removeprefix("error: ") for line in output.splitlines() if ": expected " in line]


def rewrite_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (rows counted as a spreadsheet counts them, header 1)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    rows[row - 1][rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def rewrite_line(path: Path, line: int, change: Callable[[str], str]) -> None:
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    lines[line - 1] = change(lines[line - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def cannot_drop_permission(path: Path) -> bool:
    """Whether this process reads ``path`` whatever its mode says (root, or no POSIX modes)."""
    return os.access(path, os.R_OK)


@pytest.fixture
def ws(schoolwork_sample_dir: Path) -> Path:
    return schoolwork_sample_dir


@pytest.fixture
def honours(ws: Path) -> Path:
    return ws / "records" / "honours.csv"


# --- a CSV cell over the limit, a quote left open ---------------------------------------------


def test_a_huge_cell_is_refused_at_its_row_and_column(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    rewrite_cell(honours, 3, "title", "长" * (sources.MAX_CELL_CHARS + 1))
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 3, column title: expected a cell of at most 131,072 characters, "
        "found a longer cell on line 3"
    ]


def test_a_cell_of_exactly_the_limit_is_read(runner: CliRunner, ws: Path, honours: Path) -> None:
    rewrite_cell(honours, 3, "title", "长" * sources.MAX_CELL_CHARS)
    result = runner.invoke(cli, ["validate", str(ws)])
    assert result.exit_code == 0, result.output


def test_a_quote_left_open_is_refused_where_it_opens(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    rewrite_line(honours, 4, lambda line: line.replace(",沂源县", ',"沂源县', 1))
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 4, column title: expected {OPEN_QUOTE}, "
        "found a quote opened on line 4 and left open to the end of the file"
    ]


def test_a_quote_left_open_that_runs_over_the_limit_names_where_it_opened(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    rewrite_line(honours, 4, lambda line: line.replace(",沂源县", ',"沂源县', 1))
    padding = "".join(
        f"H{n},县级荣誉{n:05},县级,,,德育,school,,,2024-01-01,,原文\n" for n in range(4000)
    )
    text = honours.read_text(encoding="utf-8") + padding
    honours.write_text(text, encoding="utf-8")
    # The open cell holds everything after its quote, so it passes the limit on this line:
    after_quote = text[text.index('"沂源县') + 1 :]
    last = 4 + after_quote[: sources.MAX_CELL_CHARS].count("\n")
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 4, column title: expected a cell of at most 131,072 characters, "
        f"found a longer cell on lines 4 to {last} (is a quote left open?)"
    ]


def test_text_after_a_closing_quote_is_refused_at_its_cell(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    rewrite_line(
        honours,
        3,
        lambda line: line.replace(",沂源县十佳“家长驿站”学校,", ',"十佳"家长驿站学校,', 1),
    )
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 3, column title: expected {CLOSING_QUOTE}, "
        "found text after the closing quote on line 3"
    ]


def test_rows_are_counted_as_a_spreadsheet_shows_them_after_a_cell_of_two_lines(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    rewrite_cell(honours, 2, "title", "第一行\n第二行")
    # Row 4 of the sheet now starts on line 5 of the file.
    rewrite_line(honours, 5, lambda line: line.replace(",沂源县", ',"沂源县"x', 1))
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 4, column title: expected {CLOSING_QUOTE}, "
        "found text after the closing quote on line 5"
    ]


def test_a_huge_cell_in_a_values_file_is_refused_at_its_column(runner: CliRunner, ws: Path) -> None:
    values = ws / "values" / "class-2023.csv"
    rewrite_cell(values, 2, "reading", "9" * (sources.MAX_CELL_CHARS + 1))
    assert problem_lines(refused(runner, ws)) == [
        f"{values}: row 2, column reading: expected a cell of at most 131,072 characters, "
        "found a longer cell on line 2"
    ]


def test_a_cell_over_the_limit_is_refused_even_if_csv_allows_more(honours: Path) -> None:
    # Another library may raise csv's limit for the whole process; ours still holds.
    rewrite_cell(honours, 3, "title", "长" * (sources.MAX_CELL_CHARS + 1))
    text = honours.read_text(encoding="utf-8")
    limit = csv.field_size_limit(sources.MAX_CELL_CHARS * 4)
    try:
        with pytest.raises(WorkspaceError) as caught:
            sources.sheet_rows(text, "honours.csv")
    finally:
        csv.field_size_limit(limit)
    assert [str(p) for p in caught.value.problems] == [
        "honours.csv: row 3, column title: expected a cell of at most 131,072 characters, "
        "found a cell of 131,073 characters"
    ]


# --- nesting -----------------------------------------------------------------------------------


def test_toml_nested_thousands_deep_is_refused(runner: CliRunner, ws: Path) -> None:
    goals = ws / "goals.toml"
    with goals.open("a", encoding="utf-8") as handle:
        handle.write("\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    assert problem_lines(refused(runner, ws)) == [
        f"{goals}: expected tables and lists nested at most 32 levels deep, found deeper nesting"
    ]


def test_json_nested_thousands_deep_is_refused(runner: CliRunner, ws: Path) -> None:
    (ws / "goals.toml").unlink()
    goals = ws / "goals.json"
    goals.write_text('{"goals": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert problem_lines(refused(runner, ws)) == [
        f"{goals}: expected tables and lists nested at most 32 levels deep, found deeper nesting"
    ]


def test_nesting_just_over_the_limit_is_refused_where_it_passes_it(
    runner: CliRunner, ws: Path
) -> None:
    goals = ws / "goals.toml"
    goals.write_text("x = " + "[" * 32 + "]" * 32 + "\n" + goals.read_text("utf-8"), "utf-8")
    # The file is level 1, x level 2, and the 31st list inside x is level 33.
    assert problem_lines(refused(runner, ws)) == [
        f"{goals}: x{'[0]' * 31}: expected tables and lists nested at most 32 levels deep, "
        "found deeper nesting"
    ]


def test_nesting_at_the_limit_is_read_to_the_next_check(runner: CliRunner, ws: Path) -> None:
    goals = ws / "goals.toml"
    goals.write_text("x = " + "[" * 31 + "]" * 31 + "\n" + goals.read_text("utf-8"), "utf-8")
    assert problem_lines(refused(runner, ws)) == [
        f"{goals}: x: expected one of the known keys (plans, goals), found unknown key"
    ]


# --- what is at a file's path ------------------------------------------------------------------


def test_a_folder_in_place_of_goals_toml_is_a_problem(runner: CliRunner, ws: Path) -> None:
    goals = ws / "goals.toml"
    goals.unlink()
    goals.mkdir()
    assert problem_lines(refused(runner, ws)) == [f"{goals}: {READABLE}, found a folder"]


def test_a_folder_in_place_of_a_records_file_is_a_problem(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    honours.unlink()
    honours.mkdir()
    assert problem_lines(refused(runner, ws)) == [f"{honours}: {READABLE}, found a folder"]


@pytest.mark.skipif(sys.platform == "win32", reason="links need privileges on Windows")
def test_a_records_file_that_links_to_itself_is_a_problem(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    honours.unlink()
    honours.symlink_to("honours.csv")
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: {READABLE}, found a link that loops back on itself"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="links need privileges on Windows")
def test_a_link_that_leads_nowhere_is_a_problem(runner: CliRunner, ws: Path) -> None:
    grids = ws / "grids.toml"
    grids.unlink()
    grids.symlink_to("grids-2024.toml")
    assert problem_lines(refused(runner, ws)) == [
        f"{grids}: {READABLE}, found a link to grids-2024.toml, which does not exist"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="links need privileges on Windows")
def test_a_link_to_a_file_is_followed(runner: CliRunner, ws: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-honours.csv"
    (ws / "records" / "honours.csv").rename(shared)
    (ws / "records" / "honours.csv").symlink_to(shared)
    result = runner.invoke(cli, ["validate", str(ws)])
    assert result.exit_code == 0, result.output
    assert len(schoolwork.open(ws).workspace.honours) == 56


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_in_place_of_a_file_is_refused_without_waiting(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    honours.unlink()
    os.mkfifo(honours)
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: {READABLE}, found a pipe, not a file"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused_without_reading_it(runner: CliRunner, ws: Path) -> None:
    grids = ws / "grids.toml"
    grids.unlink()
    grids.symlink_to("/dev/zero")
    assert problem_lines(refused(runner, ws)) == [
        f"{grids}: {READABLE}, found a device, not a file"
    ]


def test_a_file_in_place_of_the_records_folder_is_a_problem(runner: CliRunner, ws: Path) -> None:
    records = ws / "records"
    for path in records.iterdir():
        path.unlink()
    records.rmdir()
    records.write_text("honours\n", encoding="utf-8")
    assert problem_lines(refused(runner, ws)) == [
        f"{records}: expected a folder of CSV files of records, found a file"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="links need privileges on Windows")
def test_a_values_folder_that_loops_is_told_once(runner: CliRunner, ws: Path) -> None:
    values = ws / "values"
    for path in values.iterdir():
        path.unlink()
    values.rmdir()
    values.symlink_to("values")
    assert problem_lines(refused(runner, ws)) == [
        f"{values}: expected a folder of values files, found a link that loops back on itself"
    ]


def test_a_folder_in_place_of_a_values_file_is_a_problem(runner: CliRunner, ws: Path) -> None:
    values = ws / "values" / "class-2023.csv"
    values.unlink()
    values.mkdir()
    assert problem_lines(refused(runner, ws)) == [f"{values}: {READABLE}, found a folder"]


@pytest.mark.skipif(sys.platform == "win32", reason="links need privileges on Windows")
def test_a_workspace_that_is_a_file_or_a_broken_link_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    file = tmp_path / "school.toml"
    file.write_text("[school]\n", encoding="utf-8")
    link = tmp_path / "my-school"
    link.symlink_to("elsewhere")
    assert problem_lines(refused(runner, file)) == [
        f"{file}: expected a folder of workspace files, found a file"
    ]
    assert problem_lines(refused(runner, link)) == [
        f"{link}: expected a folder of workspace files, found a link to elsewhere, "
        "which does not exist"
    ]


# --- files that may not be read ----------------------------------------------------------------


def test_a_file_that_may_not_be_read_is_a_problem(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    honours.chmod(0)
    try:
        if cannot_drop_permission(honours):
            pytest.skip("this process reads files whatever their mode (root)")
        assert problem_lines(refused(runner, ws)) == [
            f"{honours}: {READABLE}, found a file schoolwork may not read (permission denied)"
        ]
    finally:
        honours.chmod(0o644)


def test_a_folder_that_may_not_be_read_is_a_problem(runner: CliRunner, ws: Path) -> None:
    records = ws / "records"
    records.chmod(0)
    try:
        if cannot_drop_permission(records):
            pytest.skip("this process reads folders whatever their mode (root)")
        assert problem_lines(refused(runner, ws)) == [
            f"{records}: expected a folder of CSV files of records, "
            "found a folder schoolwork may not read (permission denied)"
        ]
    finally:
        records.chmod(0o755)


def test_a_refused_open_is_a_problem_naming_the_file(
    runner: CliRunner, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the operating system says when the mode forbids reading, even where this process
    # (root) would be let through: the same problem, whatever the platform.
    goals = ws / "goals.toml"
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path) == goals:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    assert problem_lines(refused(runner, ws)) == [
        f"{goals}: {READABLE}, found a file schoolwork may not read (permission denied)"
    ]


# --- sizes -------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    runner: CliRunner, ws: Path
) -> None:
    projects = ws / "projects.toml"
    with projects.open("r+b") as handle:  # sparse: no 32 MiB written to disk
        handle.truncate(sources.MAX_FILE_BYTES + 1)
    assert problem_lines(refused(runner, ws)) == [
        f"{projects}: expected a file of at most 33,554,432 bytes (32 MiB), found 33,554,433 bytes"
    ]


def test_a_records_file_over_the_size_limit_is_refused(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    with honours.open("r+b") as handle:
        handle.truncate(40 * 1024 * 1024)
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: expected a file of at most 33,554,432 bytes (32 MiB), found 41,943,040 bytes"
    ]


# --- encodings ---------------------------------------------------------------------------------


def test_utf8_with_and_without_a_bom_and_crlf_are_read(runner: CliRunner, ws: Path) -> None:
    school = ws / "school.toml"
    school.write_bytes(codecs.BOM_UTF8 + school.read_bytes().replace(b"\n", b"\r\n"))
    honours = ws / "records" / "honours.csv"
    honours.write_bytes(honours.read_bytes().removeprefix(codecs.BOM_UTF8))
    result = runner.invoke(cli, ["validate", str(ws)])
    assert result.exit_code == 0, result.output
    assert len(schoolwork.open(ws).workspace.honours) == 56


def test_a_sheet_saved_as_gbk_is_refused_at_its_row_and_column_with_the_fix(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    honours.write_bytes(honours.read_text(encoding="utf-8-sig").encode("gb18030"))
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 2, column title: expected {EXCEL_HINT}, "
        "found the byte 0xD7, which is not UTF-8 (the file looks saved as GBK/GB18030)"
    ]


def test_a_bad_byte_after_a_cell_of_two_lines_names_its_row_and_line(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    rewrite_cell(honours, 2, "title", "第一行\n第二行")
    data = honours.read_bytes()
    # The first byte of row 4's issuer (line 5 of the file) no longer UTF-8.
    line5 = data.split(b"\n")[4]
    at = data.index(line5) + line5.index("沂源县教育".encode())
    honours.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 4, column issuer: expected {EXCEL_HINT}, "
        "found the byte 0xFF, which is not UTF-8, on line 5"
    ]


def test_a_bad_byte_in_a_file_with_a_bom_is_named_as_it_stands(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    data = honours.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    at = data.index("德育".encode())  # row 2, column category
    honours.write_bytes(data[:at] + b"\xfe" + data[at + 1 :])
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 2, column category: expected {EXCEL_HINT}, "
        "found the byte 0xFE, which is not UTF-8"
    ]


def test_a_toml_file_saved_as_gbk_is_refused_at_its_line(runner: CliRunner, ws: Path) -> None:
    school = ws / "school.toml"
    school.write_bytes(school.read_text(encoding="utf-8").encode("gb18030"))
    text = school.read_bytes()
    first_bad = next(i for i, byte in enumerate(text) if byte >= 0x80)
    line = text.count(b"\n", 0, first_bad) + 1
    assert problem_lines(refused(runner, ws)) == [
        f"{school}: line {line}: expected {TEXT_HINT}, found the byte 0x{text[first_bad]:02X}, "
        "which is not UTF-8 (the file looks saved as GBK/GB18030)"
    ]


def test_utf16_from_excel_unicode_text_is_refused(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    honours.write_bytes(honours.read_text(encoding="utf-8-sig").encode("utf-16"))
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: line 1: expected {EXCEL_HINT}, found UTF-16 text (Excel's 'Unicode 文本')"
    ]


# --- empty files -------------------------------------------------------------------------------


def test_an_empty_school_toml_says_it_is_empty(runner: CliRunner, ws: Path) -> None:
    school = ws / "school.toml"
    school.write_bytes(b"")
    assert problem_lines(refused(runner, ws)) == [
        f"{school}: expected the keys school, calendar, units, people, found an empty file"
    ]


def test_a_goals_file_of_only_a_bom_and_blanks_is_empty(runner: CliRunner, ws: Path) -> None:
    goals = ws / "goals.toml"
    goals.write_bytes(codecs.BOM_UTF8 + b" \r\n\t\n")
    assert problem_lines(refused(runner, ws)) == [
        f"{goals}: expected the keys plans, goals (or no such file, if there are none), "
        "found an empty file"
    ]


def test_a_goals_file_of_only_comments_means_no_goals(runner: CliRunner, ws: Path) -> None:
    (ws / "goals.toml").write_text("# no goals yet\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(ws)])
    assert result.exit_code == 0, result.output


def test_an_empty_records_file_says_what_it_should_hold(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    honours.write_bytes(codecs.BOM_UTF8)
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: expected a header row naming the columns ({HONOURS_COLUMNS}), "
        "then a row per record, found an empty file"
    ]


def test_an_empty_values_file_says_it_is_empty(runner: CliRunner, ws: Path) -> None:
    values = ws / "values" / "class-2023.csv"
    values.write_text("\n\n", encoding="utf-8")
    assert problem_lines(refused(runner, ws)) == [
        f"{values}: row 1: expected a header row starting with 'subject', found an empty file"
    ]


# --- headers -----------------------------------------------------------------------------------


def test_a_misspelt_column_is_named_with_the_one_it_may_mean(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    rewrite_line(honours, 1, lambda line: line.replace(",date,", ",dat,"))
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 1, column dat: expected one of the columns {HONOURS_COLUMNS} "
        "(did you mean 'date'?), found an unknown column",
        f"{honours}: row 1: expected a column 'date', found no such column",
    ]


def test_a_column_given_twice_is_a_problem(runner: CliRunner, ws: Path, honours: Path) -> None:
    rewrite_line(honours, 1, lambda line: line.replace(",issuer,", ",title,"))
    assert problem_lines(refused(runner, ws)) == [
        f"{honours}: row 1, column title: expected each column once, "
        "found columns 2 and 11 both named 'title'"
    ]


def test_a_misspelt_indicator_column_is_named_with_the_one_it_may_mean(
    runner: CliRunner, ws: Path
) -> None:
    values = ws / "values" / "class-2023.csv"
    rewrite_line(values, 1, lambda line: line.replace("hygiene", "hygeine"))
    assert problem_lines(refused(runner, ws)) == [
        f"{values}: row 1, column hygeine: expected an indicator of scheme 'class-2023' "
        f"({CLASS_INDICATORS}) (did you mean 'hygiene'?), found 'hygeine'"
    ]


def test_a_misspelt_subject_column_is_named(runner: CliRunner, ws: Path) -> None:
    values = ws / "values" / "class-2023.csv"
    rewrite_line(values, 1, lambda line: line.replace("subject", "subjcet"))
    assert problem_lines(refused(runner, ws)) == [
        f"{values}: row 1, column subjcet: expected the column 'subject' first "
        "(did you mean 'subject'?), found 'subjcet'"
    ]


def test_an_indicator_given_twice_is_a_problem(runner: CliRunner, ws: Path) -> None:
    values = ws / "values" / "class-2023.csv"
    rewrite_line(values, 1, lambda line: line.replace("reading", "sports"))
    assert problem_lines(refused(runner, ws)) == [
        f"{values}: row 1, column sports: expected each indicator in one column, "
        "found columns 8 and 9 both named 'sports'"
    ]


def test_a_misspelt_subject_id_is_suggested_only_when_close(runner: CliRunner, ws: Path) -> None:
    values = ws / "values" / "class-2023.csv"
    rewrite_cell(values, 2, "subject", "clas-1-1")
    rewrite_cell(values, 3, "subject", "class-9-9")
    assert problem_lines(refused(runner, ws)) == [
        f"{values}: row 2, column subject: expected the id of a subject of the scheme "
        "(did you mean 'class-1-1'?), found 'clas-1-1'",
        f"{values}: row 3, column subject: expected the id of a subject of the scheme, "
        "found 'class-9-9'",
    ]


def test_a_values_file_is_not_blamed_for_a_fault_of_its_scheme(runner: CliRunner, ws: Path) -> None:
    # Two indicators of one scheme with the same id: the scheme's fault, told once, there.
    schemes = ws / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    schemes.write_text(text.replace('id = "homework"', 'id = "lesson_plans"', 1), encoding="utf-8")
    values = ws / "values" / "teacher-2023.csv"
    rows = list(csv.reader(io.StringIO(values.read_text(encoding="utf-8"), newline="")))
    gone = rows[0].index("homework")
    values.write_text(
        "".join(",".join(r[:gone] + r[gone + 1 :]) + "\n" for r in rows), encoding="utf-8"
    )
    lines = problem_lines(refused(runner, ws))
    assert [line for line in lines if str(values) in line] == []
    assert len(lines) == 1
    assert str(schemes) in lines[0]


def test_reading_tells_the_records_problems_with_a_broken_file(ws: Path, honours: Path) -> None:
    # A bad row found before another file broke is still told: nothing is lost to the order.
    rewrite_cell(honours, 3, "level", "省市级")
    before = read_problems(ws)
    (ws / "goals.toml").unlink()
    (ws / "goals.toml").mkdir()
    after = read_problems(ws)
    assert before == [
        f"{honours}: row 3, column level: expected one of 'national', 'province', 'city', "
        "'county', 'school', found '省市级'"
    ]
    assert after == [f"{ws / 'goals.toml'}: {READABLE}, found a folder", *before]


def read_problems(folder: Path) -> list[str]:
    with pytest.raises(WorkspaceError) as caught:
        read(folder)
    return [str(p) for p in caught.value.problems]


# --- the reading API, and Chinese ---------------------------------------------------------------


def test_read_schemes_of_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as caught:
        schoolwork.read_schemes(tmp_path / "mine.toml")
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'mine.toml'}: {READABLE}, found no such file"
    ]


def test_every_reading_problem_says_what_was_expected_in_chinese(ws: Path, honours: Path) -> None:
    goals = ws / "goals.toml"
    goals.unlink()
    goals.mkdir()
    (ws / "grids.toml").write_bytes(b"")
    (ws / "projects.toml").write_bytes("名 = 1".encode("gbk"))
    with pytest.raises(WorkspaceError) as caught:
        schoolwork.open(ws)
    files = caught.value.problems
    goals.rmdir()
    (ws / "grids.toml").unlink()
    (ws / "projects.toml").unlink()
    rewrite_line(honours, 1, lambda line: line.replace(",date,", ",dat,"))
    rewrite_line(ws / "records" / "activities.csv", 3, lambda line: line + ',"open')
    rewrite_line(ws / "values" / "class-2023.csv", 1, lambda line: line + ",sport")
    with pytest.raises(WorkspaceError) as caught:
        schoolwork.open(ws)
    sheets = caught.value.problems
    assert (len(files), len(sheets)) == (3, 4)
    assert all(p.expected_zh for p in files + sheets)
    assert files[0].text("zh") == f"{goals}：应为可读取的文件，实为 a folder"
    assert sheets[0].text("zh") == (
        f"{honours}：row 1, column dat：应为以下列名之一：{HONOURS_COLUMNS.replace(', ', '、')}"
        "（是不是 date？），实为 an unknown column"
    )
