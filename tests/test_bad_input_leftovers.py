"""What the issue-13 engineers found left in files they did not own, each pinned down.

- The command line's read (``job._read``) tells the records' problems beside a broken document's,
  as the workspace reader does: one pass finds every problem, whichever file breaks first.
- The school's texts (``texts/<year>/*.md``) are read as every workspace file is: a folder, a
  link or a file that may not be read in a text's place is refused by name, and a text saved as
  GBK is told at its line, with how to save it as UTF-8, in English and Chinese.
- ``workspace.save`` and ``record_files.save`` land all their files or none.
- The tests' messages do not depend on the machine's language.

Each command exits 2 with the located problem and no traceback.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
from datetime import date
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork.cli import cli
from schoolwork.job import read_workspace

YEAR = "2023-2024"
READABLE = "expected a file schoolwork can read"
TEXT_HINT = "UTF-8 text (save it as UTF-8, e.g. in Notepad (记事本): 另存为, 编码 UTF-8)"
TEXT_HINT_ZH = "UTF-8 编码的文本（请另存为 UTF-8，例如用记事本打开，另存为，编码选 UTF-8）"
TEXTS_FOLDER = "expected a folder of the school's texts (texts/<year>/problems.md, ...)"

Listing = dict[str, tuple[int, bytes | None]]


def listing(folder: Path) -> Listing:
    """Every entry under ``folder``, hidden ones too, with its type and bytes (None if not a
    regular file), links not followed."""
    found: Listing = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent, name)
            mode = os.lstat(path).st_mode
            data = path.read_bytes() if stat.S_ISREG(mode) else None
            found[str(path.relative_to(folder))] = (stat.S_IFMT(mode), data)
    return found


def rewrite_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (rows counted as a spreadsheet counts them, header 1)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    rows[row - 1][rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def refused(runner: CliRunner, args: list[str]) -> list[str]:
    """The problem lines of a command that must exit 2 without a traceback."""
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return [line for line in result.output.splitlines() if line.startswith(("error: ", "错误："))]


@pytest.fixture
def ws(schoolwork_sample_dir: Path) -> Path:
    return schoolwork_sample_dir


@pytest.fixture
def honours(ws: Path) -> Path:
    return ws / "records" / "honours.csv"


# --- a broken document does not hide the records' problems -----------------------------------

BAD_DATE = "row 2, column date: expected a date (YYYY-MM-DD), found '2024-03-32'"


def test_a_broken_document_does_not_hide_a_broken_record_row(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    rewrite_cell(honours, 2, "date", "2024-03-32")
    goals = ws / "goals.toml"
    goals.write_text("plans = 1\n", encoding="utf-8")
    lines = refused(runner, ["validate", str(ws)])
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {goals}: plans: expected ")
    assert lines[1] == f"error: {honours}: {BAD_DATE}"


def test_a_broken_school_does_not_hide_a_broken_record_row(
    runner: CliRunner, ws: Path, honours: Path
) -> None:
    """Without the school its plugins are unknown; the core's records are still read."""
    rewrite_cell(honours, 2, "date", "2024-03-32")
    school = ws / "school.toml"
    school.write_text("school = 1\n", encoding="utf-8")
    lines = refused(runner, ["validate", str(ws)])
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {school}: school: expected ")
    assert lines[1] == f"error: {honours}: {BAD_DATE}"


def test_a_broken_document_does_not_hide_a_values_folder_that_is_a_file(
    runner: CliRunner, ws: Path
) -> None:
    values = ws / "values"
    shutil.rmtree(values)
    values.write_text("not a folder\n", encoding="utf-8")
    (ws / "grids.toml").write_text("grids = 1\n", encoding="utf-8")
    lines = refused(runner, ["validate", str(ws)])
    assert lines[-1] == (f"error: {values}: expected a folder of values files, found a file")
    assert any(line.startswith(f"error: {ws / 'grids.toml'}: grids: ") for line in lines)


@attrs.frozen
class Drill:
    id: str
    date: date
    unit: str


DRILLS = schoolwork.RecordKind(
    "drill",
    "drills",
    Drill,
    ("id", "date", "unit"),
    ("id", "date", "unit"),
    schoolwork.owned_by("unit"),
)
OTHER_DRILLS = attrs.evolve(DRILLS, name="other_drill")


class Serves:
    """A plugin of one school that owns a kind of record."""

    def __init__(self, school: str, kind: schoolwork.RecordKind) -> None:
        self.schoolwork_schools = [school]
        self.kind = kind

    @schoolwork.hookimpl
    def schoolwork_record_kinds(self) -> list[schoolwork.RecordKind]:
        return [self.kind]


def test_the_plugins_of_the_school_read_their_records_beside_a_broken_document(ws: Path) -> None:
    """The records of the school's own plugins are read, those of another school's are not
    (two schools' plugins may each own ``drills.csv``)."""
    drills = ws / "records" / "drills.csv"
    drills.write_text("id,date,unit\nD1,2024-13-01,grade-1\n", encoding="utf-8")
    (ws / "goals.toml").write_text("plans = 1\n", encoding="utf-8")
    host = schoolwork.plugin_host(
        {"ours": Serves("sample-school", DRILLS), "theirs": Serves("other", OTHER_DRILLS)},
        installed=False,
    )
    loaded, problems = read_workspace(ws, host=host)
    assert loaded is None
    found = [(p.file, p.path, p.found) for p in problems if p.file == str(drills)]
    assert found == [(str(drills), "row 2, column date", "'2024-13-01'")]


# --- the machine's language --------------------------------------------------------------------


def test_no_test_inherits_the_machines_language(runner: CliRunner, ws: Path) -> None:
    """tests/conftest.py clears what the command line takes its language from."""
    for name in ("SCHOOLWORK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        assert name not in os.environ
    (ws / "grids.toml").write_text("grids = 1\n", encoding="utf-8")
    assert refused(runner, ["validate", str(ws)])[0].startswith("error: ")
