"""Errors cross processes whole: a county job's worker raises a school's WorkspaceError or a
plugin's PluginError, and the command in the main process prints it as if raised there.

Each round trip runs in a fresh interpreter: importing Dask's ``distributed`` (as the Dask
tests do) installs tblib's pickling of every exception class, which would hide an error that
does not pickle by itself, as WorkspaceError once did."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _fresh(code: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_a_workspace_error_pickles_with_its_problems() -> None:
    out = _fresh(
        """
        import pickle, sys
        import schoolwork
        assert "distributed" not in sys.modules
        problems = [
            schoolwork.Problem(
                "f.csv", "row 3, column x", "a number", "'lots'", expected_zh="数字"
            ),
            schoolwork.Problem("g.toml", "", "valid TOML", None),
        ]
        error = schoolwork.WorkspaceError(problems)
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is schoolwork.WorkspaceError
        assert back.problems == error.problems
        assert str(back) == str(error)
        print(back.text("zh"))
        """
    )
    assert out.splitlines() == [
        "工作区有 2 处问题",
        "  f.csv：row 3, column x：应为数字，实为 'lots'",
        "  g.toml: expected valid TOML",  # no Chinese given: said in English
    ]


def test_a_plugin_error_pickles_with_its_reason_even_when_its_exception_cannot() -> None:
    out = _fresh(
        """
        import pickle, threading
        import schoolwork

        class Unpicklable(Exception):
            def __init__(self):
                super().__init__("broken")
                self.lock = threading.Lock()  # a lock cannot be pickled

        error = schoolwork.PluginError("p", "schoolwork_checks", Unpicklable())
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is schoolwork.PluginError
        print(back.plugin, back.hook, back.reason, sep="|")
        print(back)
        print(pickle.loads(pickle.dumps(schoolwork.PluginError("q", None, "no module q"))))
        """
    )
    assert out.splitlines() == [
        "p|schoolwork_checks|Unpicklable: broken",
        "plugin 'p' failed in hook schoolwork_checks: Unpicklable: broken",
        "plugin 'q' failed to load: no module q",
    ]


def test_a_fairness_error_pickles_with_its_scheme_and_stories() -> None:
    out = _fresh(
        """
        import pickle
        import schoolwork
        from schoolwork.sample import sample_path
        from schoolwork.testing import FairnessError

        scheme = schoolwork.open(sample_path(), installed=False).scheme("teacher-2023")
        error = FairnessError(scheme, {"order": "a story", "quota": "another"})
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is FairnessError
        assert back.scheme == scheme
        print(back.failures)
        print(back)
        """
    )
    assert out.splitlines() == [
        "{'order': 'a story', 'quota': 'another'}",
        "scheme 'teacher-2023' (教师年度考核) is not fair:",
        "- order: a story",
        "- quota: another",
    ]
