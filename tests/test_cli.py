from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import schoolwork
from schoolwork.cli import cli
from schoolwork.job import open_workspace


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert schoolwork.__version__ in result.output


def test_init_sample_then_validate(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "s"
    assert runner.invoke(cli, ["init", "--sample", str(target)]).exit_code == 0
    result = runner.invoke(cli, ["validate", str(target)])
    assert result.exit_code == 0, result.output
    assert "沂源县第二实验小学" in result.output
    assert (
        "units:    45 (office 5, grade 6, class 18, research_group 4, prep_group 12)"
        in result.output
    )
    assert "people:   59 active, 2 left" in result.output
    assert "head_teacher     18" in result.output
    assert "ok: no problems found" in result.output


def test_init_skeleton_is_valid(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    loaded = open_workspace(tmp_path / "new").loaded
    assert loaded.workspace.school.id == "my-school"
    assert len(loaded.workspace.calendar.years) == 1


def test_init_refuses_a_folder_with_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = runner.invoke(cli, ["init", "--sample", str(tmp_path)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_init_force_keeps_other_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = runner.invoke(cli, ["init", "--sample", "--force", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "keep.txt").read_text() == "mine"
    assert (tmp_path / "school.toml").is_file()


def test_python_dash_m_runs_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "schoolwork", "validate", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "expected a workspace folder, found nothing" in proc.stderr
    assert "Traceback" not in proc.stderr
