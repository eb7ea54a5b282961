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
import errno
import io
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork import record_files
from schoolwork.cli import cli
from schoolwork.job import read_workspace
from schoolwork.workspace import save

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


# --- the school's texts ------------------------------------------------------------------------


@pytest.fixture
def texts(ws: Path) -> Path:
    return ws / "texts" / YEAR


def report_refused(runner: CliRunner, ws: Path, tmp_path: Path, *lang: str) -> list[str]:
    out = tmp_path / "out" / "report.md"
    lines = refused(runner, [*lang, "report", str(ws), "--year", YEAR, "-o", str(out)])
    assert not (tmp_path / "out").exists()
    return lines


def test_a_folder_in_place_of_a_text_is_refused_not_skipped(
    runner: CliRunner, ws: Path, texts: Path, tmp_path: Path
) -> None:
    highlights = texts / "highlights.md"
    highlights.unlink()
    highlights.mkdir()
    assert report_refused(runner, ws, tmp_path) == [
        f"error: {highlights}: {READABLE}, found a folder"
    ]
    assert report_refused(runner, ws, tmp_path, "--lang", "zh") == [
        f"错误：{highlights}：应为可读取的文件，实为 a folder"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="links need privileges on Windows")
def test_a_link_in_place_of_a_text_is_refused_not_skipped(
    runner: CliRunner, ws: Path, texts: Path, tmp_path: Path
) -> None:
    problems, steps = texts / "problems.md", texts / "next_steps.md"
    problems.unlink()
    problems.symlink_to("problems.md")
    steps.unlink()
    steps.symlink_to("gone.md")
    assert report_refused(runner, ws, tmp_path) == [
        f"error: {problems}: {READABLE}, found a link that loops back on itself",
        f"error: {steps}: {READABLE}, found a link to gone.md, which does not exist",
    ]


def test_a_text_saved_as_gbk_is_told_at_its_line_in_both_languages(
    runner: CliRunner, ws: Path, texts: Path, tmp_path: Path
) -> None:
    path = texts / "problems.md"
    # As WPS saves it: GBK throughout, the first lines plain ASCII, so the first byte that is
    # not UTF-8 is on line 4.
    path.write_bytes("## 2023 - 2024\n\n1.\n存在问题".encode("gbk"))
    found = "the byte 0xB4, which is not UTF-8 (the file looks saved as GBK/GB18030)"
    assert report_refused(runner, ws, tmp_path) == [
        f"error: {path}: line 4: expected {TEXT_HINT}, found {found}"
    ]
    assert report_refused(runner, ws, tmp_path, "--lang", "zh") == [
        f"错误：{path}：line 4：应为{TEXT_HINT_ZH}，实为 {found}"
    ]
    with pytest.raises(schoolwork.WorkspaceError) as raised:
        schoolwork.open(ws, installed=False).report(YEAR)
    (problem,) = raised.value.problems
    assert (problem.file, problem.path, problem.expected_zh) == (str(path), "line 4", TEXT_HINT_ZH)


def test_a_years_folder_that_is_not_one_is_refused_not_skipped(
    runner: CliRunner, ws: Path, texts: Path, tmp_path: Path
) -> None:
    shutil.rmtree(texts)
    texts.write_text("## 亮点\n", encoding="utf-8")
    assert report_refused(runner, ws, tmp_path) == [
        f"error: {texts}: expected a folder of the school's texts of {YEAR}, found a file"
    ]
    assert report_refused(runner, ws, tmp_path, "--lang", "zh") == [
        f"错误：{texts}：应为存放{YEAR} 学年学校文稿的文件夹，实为 a file"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="links need privileges on Windows")
def test_a_texts_folder_that_is_a_looping_link_is_refused_not_skipped(
    runner: CliRunner, ws: Path, tmp_path: Path
) -> None:
    folder = ws / "texts"
    shutil.rmtree(folder)
    folder.symlink_to("texts")
    assert report_refused(runner, ws, tmp_path) == [
        f"error: {folder}: {TEXTS_FOLDER}, found a link that loops back on itself"
    ]


# A process of root ignores file modes; without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH it
# cannot, so the unreadable cases run there under setpriv and are skipped only without it.


def _unprivileged_prefix() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]
    try:
        done = subprocess.run([*prefix, "true"], capture_output=True, timeout=30)
    except OSError:
        return None
    return prefix if done.returncode == 0 else None


PREFIX = _unprivileged_prefix()


def run_unprivileged(args: list[str]) -> tuple[int, str]:
    """``schoolwork ARGS`` where file modes bind: (exit code, everything it printed)."""
    if PREFIX is None:
        pytest.skip("running as root, and setpriv cannot drop the power to ignore file modes")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run(
        [*PREFIX, sys.executable, "-m", "schoolwork", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def locked() -> Iterator[Callable[[Path], None]]:
    """Take every permission from a path for the test; give it back afterwards."""
    taken: list[tuple[Path, int]] = []

    def lock(path: Path) -> None:
        taken.append((path, stat.S_IMODE(path.stat().st_mode)))
        path.chmod(0)

    yield lock
    for path, mode in reversed(taken):
        path.chmod(mode)


@pytest.mark.parametrize(
    ("place", "found"),
    [
        (f"{YEAR}/highlights.md", f"{READABLE}, found a file schoolwork may not read"),
        (
            YEAR,
            f"expected a folder of the school's texts of {YEAR}, found a folder schoolwork "
            "may not read",
        ),
        ("", f"{TEXTS_FOLDER}, found a folder schoolwork may not read"),
    ],
    ids=["text", "year-folder", "texts-folder"],
)
def test_a_text_or_folder_that_may_not_be_read_is_refused_by_name(
    ws: Path, tmp_path: Path, locked: Callable[[Path], None], place: str, found: str
) -> None:
    path = ws / "texts" / place if place else ws / "texts"
    locked(path)
    out = tmp_path / "out" / "report.md"
    code, output = run_unprivileged(
        ["--lang", "en", "report", str(ws), "--year", YEAR, "-o", str(out)]
    )
    assert code == 2, output
    assert "Traceback" not in output
    assert f"error: {path}: {found} (permission denied)\n" in output
    assert not out.parent.exists()


# --- saving: every file or none ----------------------------------------------------------------


@pytest.fixture
def renamed(ws: Path) -> schoolwork.Workspace:
    """The sample school under another name, so that saving it changes school.toml."""
    workspace = schoolwork.open(ws, installed=False).workspace
    return attrs.evolve(workspace, school=attrs.evolve(workspace.school, name="另一所学校"))


def test_a_save_refused_by_its_last_file_leaves_every_file_as_it_was(
    ws: Path, renamed: schoolwork.Workspace
) -> None:
    inspections = ws / "records" / "inspections.csv"
    inspections.unlink()
    inspections.mkdir()
    before = listing(ws)
    with pytest.raises(IsADirectoryError) as raised:
        save(renamed, ws)
    assert raised.value.filename == str(inspections)
    assert listing(ws) == before


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, call: int, error: OSError
) -> None:
    """Make ``module.name`` raise ``error`` on its ``call``-th call (from 1)."""
    real = getattr(module, name)
    calls = 0

    def failing(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == call:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)


def test_a_save_that_fails_while_its_files_land_puts_back_those_already_landed(
    ws: Path, renamed: schoolwork.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = listing(ws)
    fail_on_call(monkeypatch, os, "replace", 4, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(OSError, match="Input/output error"):
        save(renamed, ws)
    monkeypatch.undo()
    assert listing(ws) == before


def test_a_save_whose_disk_fills_up_writes_nothing(
    ws: Path, renamed: schoolwork.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = listing(ws)
    fail_on_call(monkeypatch, os, "fsync", 6, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(OSError, match="No space left on device"):
        save(renamed, ws)
    monkeypatch.undo()
    assert listing(ws) == before


def test_a_failed_save_into_a_new_folder_leaves_no_folder(
    tmp_path: Path, renamed: schoolwork.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new" / "school"
    fail_on_call(monkeypatch, os, "replace", 3, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(OSError, match="Input/output error"):
        save(renamed, target)
    monkeypatch.undo()
    assert not (tmp_path / "new").exists()
    assert save(renamed, target)[0] == target / "school.toml"
    assert schoolwork.open(target, installed=False).workspace.school.name == "另一所学校"


def test_records_land_together_or_not_at_all(ws: Path, honours: Path) -> None:
    book = schoolwork.open(ws, installed=False).workspace.records
    honours.write_text(honours.read_text(encoding="utf-8-sig").splitlines()[0] + "\n", "utf-8")
    activities = ws / "records" / "activities.csv"
    activities.unlink()
    activities.mkdir()
    before = listing(ws)
    with pytest.raises(IsADirectoryError):
        record_files.save(book, ws)
    assert listing(ws) == before
    shutil.rmtree(activities)
    written = record_files.save(book, ws)
    assert [p.relative_to(ws).as_posix() for p in written] == [
        "records/honours.csv",
        "records/activities.csv",
        "records/inspections.csv",
        "records/ballots.csv",  # the sample's 民主测评 ballots
        "records/appeals.csv",
    ]
    assert schoolwork.open(ws, installed=False).workspace.records == book


# --- the machine's language --------------------------------------------------------------------


def test_no_test_inherits_the_machines_language(runner: CliRunner, ws: Path) -> None:
    """tests/conftest.py clears what the command line takes its language from."""
    for name in ("SCHOOLWORK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        assert name not in os.environ
    (ws / "grids.toml").write_text("grids = 1\n", encoding="utf-8")
    assert refused(runner, ["validate", str(ws)])[0].startswith("error: ")


def test_a_rename_that_keeps_failing_never_loses_the_file_it_was_to_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno as errno_codes

    from schoolwork import atomic

    target = tmp_path / "school.toml"
    target.write_text("precious", encoding="utf-8")

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(errno_codes.EIO, "I/O error")

    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(OSError, match=r"school\.toml"):
        atomic.write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "precious"


def test_a_second_output_that_fails_puts_the_first_back_and_keeps_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno as errno_codes

    from schoolwork import atomic

    (tmp_path / "a.md").write_text("old a", encoding="utf-8")
    (tmp_path / "b.md").write_text("old b", encoding="utf-8")
    real = atomic.os.replace
    calls: list[object] = []

    def second_fails(src: object, dst: object) -> None:
        calls.append(dst)
        if str(dst).endswith("b.md") and len(calls) == 2:
            raise OSError(errno_codes.EIO, "I/O error")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", second_fails)

    def both() -> None:
        with atomic.staged(tmp_path) as stage:
            stage.write("a.md", b"new a")
            stage.write("b.md", b"new b")

    with pytest.raises(OSError, match=r"b\.md"):
        both()
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old a"
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]
