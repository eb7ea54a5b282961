from __future__ import annotations

import pytest
from click.testing import CliRunner

# The sample school, plugin hosts and temporary workspaces come from schoolwork's own pytest
# plugin (schoolwork.testing.pytest_plugin), as they do for any project that installs
# schoolwork[testing]; nothing here repeats them.


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _no_installed_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The core's tests run as if no school's plugin were installed.

    Tests that install plugins of their own choose them by name (SCHOOLWORK_LOAD_PLUGINS).
    """
    monkeypatch.setenv("SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD", "1")
