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


def test_every_public_exception_class_pickles_whole() -> None:
    # A new exception class of the public face fails here until it is given an example: one
    # that does not pickle by itself would break a county job's worker the way WorkspaceError
    # did, and only a fresh interpreter (no tblib) shows it.
    out = _fresh(
        """
        import pickle, sys
        import schoolwork, schoolwork.testing
        from schoolwork.sample import sample_path
        assert "distributed" not in sys.modules and "tblib" not in sys.modules

        def scheme():
            return schoolwork.open(sample_path(), installed=False).scheme("teacher-2023")

        examples = {
            "WorkspaceError": lambda c: c([schoolwork.Problem("f.csv", "row 2", "a number", "x")]),
            "SchemeError": lambda c: c("scheme 's': no dimensions"),
            "UnknownIdError": lambda c: c("no scheme 'x' (known: a, b)"),
            "PluginError": lambda c: c("p", "schoolwork_checks", ValueError("no")),
            "UsageError": lambda c: c("not a school year: '2023'"),
            "MissingExtraError": lambda c: c("pip install 'schoolwork[reports]'"),
            "TransitionError": lambda c: c("a closed project cannot start"),
            "HandoverError": lambda c: c("no one to hand over to"),
            "FairnessError": lambda c: c(scheme(), {"order": "a story"}),
        }
        faces = (schoolwork, schoolwork.testing)
        classes = {
            name: getattr(face, name)
            for face in faces
            for name in face.__all__
            if isinstance(getattr(face, name), type)
            and issubclass(getattr(face, name), BaseException)
        }
        assert set(classes) == set(examples), sorted(set(classes) ^ set(examples))
        for name, cls in sorted(classes.items()):
            error = examples[name](cls)
            back = pickle.loads(pickle.dumps(error))
            state = {k: v for k, v in vars(error).items() if k != "error"}
            same = {k: v for k, v in vars(back).items() if k != "error"}
            assert type(back) is cls and str(back) == str(error) and same == state, name
            print(name)
        """
    )
    assert len(out.splitlines()) == 9
