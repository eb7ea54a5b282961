"""Errors cross processes whole: a county job's worker raises a school's WorkspaceError or a
plugin's PluginError, and the command in the main process prints it as if raised there."""

from __future__ import annotations

import pickle
import threading

import schoolwork


def test_a_workspace_error_pickles_with_its_problems() -> None:
    problems = [
        schoolwork.Problem("f.csv", "row 3, column x", "a number", "'lots'", expected_zh="数字"),
        schoolwork.Problem("g.toml", "", "valid TOML", None),
    ]
    error = schoolwork.WorkspaceError(problems)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is schoolwork.WorkspaceError
    assert back.problems == error.problems
    assert str(back) == str(error)
    assert back.text("zh") == error.text("zh")


def test_a_plugin_error_pickles_with_its_reason_even_when_its_exception_cannot() -> None:
    class Unpicklable(Exception):
        def __init__(self) -> None:
            super().__init__("broken")
            self.lock = threading.Lock()  # a lock cannot be pickled

    error = schoolwork.PluginError("p", "schoolwork_checks", Unpicklable())
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is schoolwork.PluginError
    assert (back.plugin, back.hook, back.reason) == (
        "p",
        "schoolwork_checks",
        "Unpicklable: broken",
    )
    assert (
        str(back)
        == str(error)
        == "plugin 'p' failed in hook schoolwork_checks: Unpicklable: broken"
    )
    loading = pickle.loads(pickle.dumps(schoolwork.PluginError("q", None, "no module q")))
    assert str(loading) == "plugin 'q' failed to load: no module q"
