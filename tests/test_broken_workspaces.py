"""Every broken workspace under tests/workspaces/broken fails validation with a clear message.

Each case is a folder beside a ``<case>.expected`` file whose lines must all appear in the output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolwork.cli import cli

BROKEN = Path(__file__).parent / "workspaces" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_there_are_at_least_fifteen_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES)
def test_validate_names_file_and_path(runner: CliRunner, case: str) -> None:
    before = snapshot(BROKEN / case)
    result = runner.invoke(cli, ["validate", str(BROKEN / case)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for line in (BROKEN / f"{case}.expected").read_text(encoding="utf-8").splitlines():
        assert line in result.output
    # Input files are never modified, not even rewritten with the same bytes.
    assert snapshot(BROKEN / case) == before


def test_problems_go_to_stderr(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", str(BROKEN / "wrong-type")])
    assert result.stdout == ""
    assert "school.toml: school.id" in result.stderr
