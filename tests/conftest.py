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


@pytest.fixture(autouse=True)
def _no_language_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages are in the language a test asks for, never the machine's.

    The command line takes its language from SCHOOLWORK_LANG, else the locale (LC_ALL,
    LC_MESSAGES, LANG): on a machine set to zh_CN every message a test expects in English
    would come out in Chinese. A test that wants a language sets it itself.
    """
    for name in ("SCHOOLWORK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
