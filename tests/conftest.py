from __future__ import annotations

import pytest
from click.testing import CliRunner

# The sample school, plugin hosts and temporary workspaces come from schoolwork's own pytest
# plugin (schoolwork.testing.pytest_plugin), as they do for any project that installs
# schoolwork[testing]; nothing here repeats them.


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
