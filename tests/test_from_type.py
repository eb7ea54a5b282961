"""``st.from_type`` draws valid models in any test, through hypothesis' entry point."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import entry_points

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schoolwork
from schoolwork.checks.schemes import scheme_problems
from schoolwork.testing import strategies, types

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
"""Drawing whole workspaces is slow on a busy machine; their speed is not what is tested."""


def test_the_entry_point_is_installed() -> None:
    (found,) = [e for e in entry_points(group="hypothesis") if e.module == types.__name__]
    assert found.load() is types._hypothesis_setup_hook


def test_a_plugin_s_test_draws_valid_schemes_by_type_alone() -> None:
    # A fresh interpreter that imports only hypothesis and the public face, as a plugin's
    # test does: the entry point alone must teach hypothesis the models.
    script = textwrap.dedent(
        """
        from hypothesis import HealthCheck, given, settings, strategies as st
        import schoolwork
        from schoolwork.checks.schemes import scheme_problems

        drawn = []

        # Drawing a whole workspace is slow on a busy machine; speed is not what is tested.
        slow = [HealthCheck.too_slow, HealthCheck.data_too_large]

        @settings(max_examples=15, database=None, suppress_health_check=slow)
        @given(st.from_type(schoolwork.Scheme), st.from_type(schoolwork.Workspace))
        def test(scheme, workspace):
            assert scheme_problems(scheme, "scheme") == []
            drawn.append((scheme.id, len(workspace.schemes)))

        test()
        print(len(drawn))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 1


@settings(max_examples=10, database=None, suppress_health_check=SLOW)
@given(st.data())
def test_every_registered_model_is_drawn_as_its_own_type(data: st.DataObject) -> None:
    for model in strategies.BY_TYPE:
        assert isinstance(data.draw(st.from_type(model)), model)


@settings(max_examples=20, database=None, suppress_health_check=SLOW)
@given(st.from_type(schoolwork.Scheme))
def test_drawn_schemes_pass_the_checks(scheme: schoolwork.Scheme) -> None:
    assert scheme_problems(scheme, "scheme") == []
