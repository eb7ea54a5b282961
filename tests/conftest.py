from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolwork.sample import copy_sample


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A fresh, writable copy of the bundled sample school."""
    target = tmp_path / "sample"
    copy_sample(target)
    return target
