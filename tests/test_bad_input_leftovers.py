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
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolwork.cli import cli

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


# --- the machine's language --------------------------------------------------------------------


def test_no_test_inherits_the_machines_language(runner: CliRunner, ws: Path) -> None:
    """tests/conftest.py clears what the command line takes its language from."""
    for name in ("SCHOOLWORK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        assert name not in os.environ
    (ws / "grids.toml").write_text("grids = 1\n", encoding="utf-8")
    assert refused(runner, ["validate", str(ws)])[0].startswith("error: ")
