"""Every command that writes refuses cleanly when it cannot, and a failed run leaves nothing.

A folder that cannot be written (chmod 555), a disk that fills up in the middle of a run, a
rename that fails after some outputs landed, a folder or a file in the way: each exits 2 with
one line naming the output and what went wrong, never a traceback, and leaves the output folder
exactly as it was (no temporary file, no half-written output, no folder created for nothing).

The permission tests drop root's power to ignore permissions by running the command under
``setpriv`` without CAP_DAC_OVERRIDE; they are skipped only where that is not possible.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork import atomic
from schoolwork.atomic import staged, write_bytes
from schoolwork.cli import cli
from schoolwork.job import init_workspace, write_files

Listing = dict[str, bytes | None]


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the machine's locale; --lang zh still wins where given."""
    monkeypatch.setenv("SCHOOLWORK_LANG", "en")


def listing(folder: Path) -> Listing:
    """Every path under ``folder`` with its bytes (None for a folder), hidden files included."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


# --- running a command where permissions bind -------------------------------------------------


def _unprivileged_prefix() -> list[str] | None:
    """The command prefix under which chmod binds: nothing for a user, ``setpriv`` without
    the capabilities that let root ignore permissions for root, or None if neither works."""
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


def run_unprivileged(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``schoolwork ARGS`` in ``cwd`` where permissions bind; (exit code, all output)."""
    if PREFIX is None:
        pytest.skip("running as root, and setpriv cannot drop the power to ignore permissions")
    if not PREFIX:
        old = Path.cwd()
        os.chdir(cwd)
        try:
            result = CliRunner().invoke(cli, args)
        finally:
            os.chdir(old)
        return result.exit_code, result.output
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run(
        [*PREFIX, sys.executable, "-m", "schoolwork", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write into (mode 555), holding one file of its own."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "mine.txt").write_text("the school's own file", encoding="utf-8")
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (["report", "{ws}", "-o", "locked/summary.md"], "locked/summary.md"),
        (["report", "{ws}", "-o", "locked/new/summary.md"], "locked/new/summary.md"),
        (["export", "{ws}", "-o", "locked/scores.xlsx"], "locked/scores.xlsx"),
        (
            [
                "evaluate",
                "{ws}",
                "--scheme",
                "teacher-2023",
                "--format",
                "csv",
                "-o",
                "locked/t.csv",
            ],
            "locked/t.csv",
        ),
        (["init", "locked/school"], "locked/school/school.toml"),
        (["init", "--sample", "--force", "locked"], "locked/goals.toml"),
        (["demo", "locked"], "locked/workspace"),
    ],
    ids=["report", "report-new-folder", "export", "evaluate", "init", "init-sample", "demo"],
)
def test_a_folder_that_cannot_be_written_is_refused_in_one_line(
    schoolwork_sample_dir: Path, locked: Path, args: list[str], output: str
) -> None:
    before = listing(locked)
    ws = os.path.relpath(schoolwork_sample_dir, locked.parent)
    code, text = run_unprivileged([a.format(ws=ws) for a in args], locked.parent)
    assert code == 2, text
    assert "Traceback" not in text
    problem = f"error: cannot write {output}: permission denied"
    lines = [line for line in text.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, text
    assert lines[0].startswith(problem), text
    assert lines[0].endswith("(nothing was written)"), text
    assert listing(locked) == before


def test_the_refusal_is_in_chinese_with_lang_zh(schoolwork_sample_dir: Path, locked: Path) -> None:
    ws = os.path.relpath(schoolwork_sample_dir, locked.parent)
    code, text = run_unprivileged(
        ["--lang", "zh", "report", ws, "-o", "locked/a.md"], locked.parent
    )
    assert code == 2
    assert "错误：无法写入 locked/a.md：没有权限（未写入任何文件）" in text
    assert "Traceback" not in text


def test_a_folder_that_cannot_be_created_is_named(locked: Path) -> None:
    code, text = run_unprivileged(["init", "locked/a/b"], locked.parent)
    assert code == 2
    assert (
        "error: cannot write locked/a/b/school.toml: permission denied on locked/a "
        "(nothing was written)"
    ) in text


# --- a disk that fills up, a rename that fails: simulated ---------------------------------------


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, number: int, error: OSError
) -> list[int]:
    """Make ``os.<name>`` raise ``error`` on its ``number``-th call; return the call counter."""
    real = getattr(os, name)
    calls = [0]

    def failing(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        if calls[0] == number:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(atomic.os, name, failing)
    return calls


def disk_full() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_at_the_second_report_output_leaves_nothing(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("last year's report", encoding="utf-8")
    session = schoolwork.open(schoolwork_sample_dir, installed=False)
    before = listing(out)
    fail_on_call(monkeypatch, "fsync", 2, disk_full())
    with pytest.raises(OSError, match="No space left") as caught:
        session.export(out, formats=("md", "html"), force=True)
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(out / "report.html")  # the output, not a temporary
    assert listing(out) == before


def test_a_full_disk_in_demo_leaves_no_folder_behind(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on_call(monkeypatch, "fsync", 2, disk_full())
    result = runner.invoke(cli, ["demo", str(tmp_path / "new" / "demo")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert (
        f"error: cannot write {tmp_path / 'new' / 'demo' / 'report.html'}: no space left on the "
        "disk (nothing was written)"
    ) in result.output
    assert listing(tmp_path) == {}  # neither demo nor the folder above it was created


def test_a_rename_that_fails_puts_back_every_output_already_replaced(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "demo"
    (out / "workspace").mkdir(parents=True)
    (out / "workspace" / "school.toml").write_text("# last year's copy", encoding="utf-8")
    for name in ("report.md", "report.html", "report.docx", "scores.xlsx"):
        (out / name).write_bytes(f"last year's {name}".encode())
    before = listing(out)
    # The workspace and report.md land; report.html's rename fails.
    fail_on_call(monkeypatch, "replace", 3, PermissionError(errno.EACCES, "Permission denied"))
    result = runner.invoke(cli, ["demo", str(out), "--force"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"error: cannot write {out / 'report.html'}: permission denied" in result.output
    assert listing(out) == before


def test_init_sample_on_a_full_disk_leaves_the_folder_as_it_was(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    before = listing(tmp_path)
    fail_on_call(monkeypatch, "fsync", 5, disk_full())
    result = runner.invoke(cli, ["init", "--sample", "--force", str(tmp_path)])
    assert result.exit_code == 2
    assert "no space left on the disk (nothing was written)" in result.output
    assert "Traceback" not in result.output
    assert listing(tmp_path) == before  # no records/ or texts/ folder either


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_evaluate_output_keeps_the_old_file_when_it_cannot_write(
    runner: CliRunner,
    schoolwork_sample_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
) -> None:
    target = tmp_path / "scores.csv"
    target.write_text("old scores", encoding="utf-8")
    fail_on_call(monkeypatch, step, 1, disk_full())
    args = ["evaluate", str(schoolwork_sample_dir), "--scheme", "teacher-2023", "--format", "csv"]
    result = runner.invoke(cli, [*args, "-o", str(target), "--force"])
    assert result.exit_code == 2
    assert (
        f"error: cannot write {target}: no space left on the disk (nothing was written)"
        in result.output
    )
    assert target.read_text(encoding="utf-8") == "old scores"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample-school", "scores.csv"]


# --- what stands in the way -------------------------------------------------------------------


def test_an_output_that_is_a_folder_is_refused(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "summary.md").mkdir()
    before = listing(tmp_path / "summary.md")
    for lang, line in [
        ("en", f"error: cannot write {tmp_path / 'summary.md'}: it is a folder, not a file"),
        ("zh", f"错误：无法写入 {tmp_path / 'summary.md'}：这是文件夹，不是文件（未写入任何文件）"),
    ]:
        args = ["--lang", lang, "report", str(schoolwork_sample_dir)]
        result = runner.invoke(cli, [*args, "-o", str(tmp_path / "summary.md")])
        assert result.exit_code == 2
        assert line in result.output
        assert "Traceback" not in result.output
    assert listing(tmp_path / "summary.md") == before


def test_a_file_where_the_output_folder_should_be_is_named(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(
        cli, ["report", str(schoolwork_sample_dir), "-o", str(tmp_path / "out" / "new" / "r.md")]
    )
    assert result.exit_code == 2
    assert (
        f"error: cannot write {tmp_path / 'out' / 'new' / 'r.md'}: {tmp_path / 'out'} is a file, "
        "not a folder (nothing was written)"
    ) in result.output
    assert (tmp_path / "out").read_text(encoding="utf-8") == "not a folder"


def test_demo_refuses_a_file_named_workspace(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "workspace").write_text("a note", encoding="utf-8")
    before = listing(tmp_path)
    result = runner.invoke(cli, ["demo", str(tmp_path), "--force"])
    assert result.exit_code == 2
    assert (
        f"error: cannot write {tmp_path / 'workspace'}: a file stands where a folder should be "
        "(nothing was written)"
    ) in result.output
    assert listing(tmp_path) == before


def test_existing_outputs_are_named_in_the_run_language(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "r.md"
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(
        cli, ["--lang", "zh", "report", str(schoolwork_sample_dir), "-o", str(target)]
    )
    assert result.exit_code == 2
    assert f"错误：{target} 已存在；加 --force 才会替换（未写入任何文件）" in result.output
    assert target.read_text(encoding="utf-8") == "mine"


# --- the library calls under the commands -----------------------------------------------------


def test_write_files_lands_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "b.txt").write_bytes(b"old b")
    before = listing(tmp_path)
    fail_on_call(monkeypatch, "replace", 2, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(OSError, match="Input/output error") as caught:
        write_files(tmp_path, {"a.txt": b"new a", "b.txt": b"new b", "c.txt": b"c"}, force=True)
    assert caught.value.filename == str(tmp_path / "b.txt")
    assert listing(tmp_path) == before


def test_write_files_refuses_existing_outputs_before_writing(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"old b")
    with pytest.raises(FileExistsError) as caught:
        write_files(tmp_path, {"a.txt": b"a", "b.txt": b"b"})
    assert caught.value.filename == str(tmp_path / "b.txt")
    assert listing(tmp_path) == {"b.txt": b"old b"}


def test_a_stage_that_fails_removes_the_folders_it_made(tmp_path: Path) -> None:
    def run() -> None:
        with staged(tmp_path / "a" / "b") as stage:
            stage.write("c/d.txt", b"d")
            stage.write("e.txt", b"e")
            raise RuntimeError("a renderer failed")

    with pytest.raises(RuntimeError, match="a renderer failed"):
        run()
    assert listing(tmp_path) == {}


def test_a_stage_replaces_a_folder_whole_and_keeps_modes(tmp_path: Path) -> None:
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "old.txt").write_text("old", encoding="utf-8")
    (tmp_path / "kept.txt").write_text("old", encoding="utf-8")
    (tmp_path / "kept.txt").chmod(0o640)
    source = tmp_path.parent / f"{tmp_path.name}-source"
    source.mkdir()
    (source / "new.txt").write_text("new", encoding="utf-8")
    with staged(tmp_path) as stage:
        stage.copy_tree("tree", source)
        stage.write("kept.txt", b"new")
    assert listing(tmp_path / "tree") == {"new.txt": b"new"}
    assert stat.S_IMODE((tmp_path / "kept.txt").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt", "tree"]
    shutil.rmtree(source)


def test_write_bytes_names_the_output_not_its_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on_call(monkeypatch, "fsync", 1, disk_full())
    with pytest.raises(OSError, match="No space left") as caught:
        write_bytes(tmp_path / "new" / "x.csv", b"x")
    assert caught.value.filename == str(tmp_path / "new" / "x.csv")
    assert caught.value.filename2 is None
    assert listing(tmp_path) == {}


def test_init_workspace_on_a_full_disk_does_not_create_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on_call(monkeypatch, "fsync", 1, disk_full())
    with pytest.raises(OSError, match="No space left"):
        init_workspace(tmp_path / "school")
    assert listing(tmp_path) == {}
