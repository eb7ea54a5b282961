"""The plugin system: entry-point discovery, selection, broken plugins, attribution, tracing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from evaluation_helpers import D, one_dimension, teachers

from schoolwork import hookimpl, hookspecs
from schoolwork.cli import cli
from schoolwork.errors import PluginError
from schoolwork.evaluation.engine import evaluate
from schoolwork.job import plugin_host as build_host
from schoolwork.results import Adjustment, Veto
from schoolwork.scheme import VetoEffect
from schoolwork.testing.installed import write_plugin

BONUS = """
from decimal import Decimal
from schoolwork import hookimpl
from schoolwork.results import Adjustment

@hookimpl
def schoolwork_adjust_result(scheme, subject):
    if scheme.id.startswith("teacher"):
        return [Adjustment(Decimal("1.5"), "加班补贴 (probe)", rule="overtime")]
"""

RAISES = """
from schoolwork import hookimpl

@hookimpl
def schoolwork_adjust_result(scheme, subject):
    raise RuntimeError("the plugin's own bug")
"""

IMPORT_FAILS = """
import a_module_that_does_not_exist
"""

UNKNOWN_HOOK = """
from schoolwork import hookimpl

@hookimpl
def schoolwork_no_such_hook(workspace):
    return None
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on sys.path that plugins are 'installed' into; environment cleared of selections."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    for name in (
        "SCHOOLWORK_LOAD_PLUGINS",
        "SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD",
        "SCHOOLWORK_TRACE_PLUGINS",
    ):
        monkeypatch.delenv(name, raising=False)
    before = set(sys.modules)
    yield folder
    for module in set(sys.modules) - before:
        if module.startswith("schoolwork_test_"):
            del sys.modules[module]


def test_an_installed_plugin_is_listed_with_its_hooks(site: Path, runner: CliRunner) -> None:
    write_plugin(site, "bonus", BONUS, version="2.3")
    result = runner.invoke(cli, ["plugins"])
    assert result.exit_code == 0, result.output
    assert "bonus (bonus-plugin 2.3)" in result.output
    assert "  schoolwork_adjust_result" in result.output


def test_an_installed_plugin_changes_an_evaluation(
    site: Path, runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    plain = runner.invoke(
        cli,
        ["evaluate", str(schoolwork_sample_dir), "--scheme", "teacher-2023", "--explain", "T010"],
    )
    write_plugin(site, "bonus", BONUS)
    with_plugin = runner.invoke(
        cli,
        ["evaluate", str(schoolwork_sample_dir), "--scheme", "teacher-2023", "--explain", "T010"],
    )
    assert with_plugin.exit_code == 0, with_plugin.output
    assert "plugin:bonus" not in plain.output
    assert "adjustment +1.50 from plugin:bonus (overtime): 加班补贴 (probe)" in with_plugin.output

    def final(text: str) -> Decimal:
        line = next(x for x in text.splitlines() if x.startswith("final score:"))
        return Decimal(line.split()[2])

    assert final(with_plugin.output) == final(plain.output) + Decimal("1.5")


def test_a_plugin_that_raises_fails_the_evaluation_naming_it(
    site: Path, runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    write_plugin(site, "buggy", RAISES)
    result = runner.invoke(
        cli, ["evaluate", str(schoolwork_sample_dir), "--scheme", "teacher-2023"]
    )
    assert result.exit_code == 1
    assert (
        "plugin 'buggy' failed in hook schoolwork_adjust_result: RuntimeError: the plugin's own bug"
        in result.output
    )
    assert "Traceback" not in result.output
    assert "rank" not in result.output  # never a half-scored result


def test_broken_plugins_are_reported_and_the_others_still_work(
    site: Path, runner: CliRunner
) -> None:
    write_plugin(site, "bonus", BONUS)
    write_plugin(site, "noimport", IMPORT_FAILS)
    write_plugin(site, "nohook", UNKNOWN_HOOK)
    result = runner.invoke(cli, ["plugins"])
    assert result.exit_code == 0
    assert "bonus (bonus-plugin 1.0)" in result.output
    assert (
        "failed: noimport: import failed: ModuleNotFoundError: "
        "No module named 'a_module_that_does_not_exist'" in result.output
    )
    assert "failed: nohook:" in result.output
    assert "schoolwork_no_such_hook" in result.output
    assert "warning: plugin 'noimport' not loaded" in result.stderr


def test_strict_plugins_turns_a_broken_plugin_into_a_failure(site: Path, runner: CliRunner) -> None:
    write_plugin(site, "noimport", IMPORT_FAILS)
    result = runner.invoke(cli, ["--strict-plugins", "plugins"])
    assert result.exit_code == 2
    assert "plugin 'noimport' failed to load: import failed" in result.output
    assert "Traceback" not in result.output


def test_load_plugins_selects_by_name(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_plugin(site, "bonus", BONUS)
    write_plugin(site, "buggy", RAISES)
    monkeypatch.setenv("SCHOOLWORK_LOAD_PLUGINS", "bonus")
    assert [p.name for p in build_host().plugins()] == ["bonus"]
    monkeypatch.setenv("SCHOOLWORK_LOAD_PLUGINS", "")
    assert build_host().plugins() == []
    monkeypatch.setenv("SCHOOLWORK_LOAD_PLUGINS", "bonus, nosuch")
    host = build_host(strict=False)
    assert [f.plugin for f in host.failures] == ["nosuch"]
    with pytest.raises(PluginError, match="plugin 'nosuch' failed to load: no installed plugin"):
        build_host()


def test_autoload_can_be_disabled(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_plugin(site, "bonus", BONUS)
    assert "bonus" in [p.name for p in build_host().plugins()]
    monkeypatch.setenv("SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert build_host().plugins() == []
    assert [p.name for p in build_host(installed=["bonus"]).plugins()] == ["bonus"]


def test_trace_prints_every_hook_call(site: Path, schoolwork_sample_dir: Path) -> None:
    write_plugin(site, "bonus", BONUS)
    env = {**os.environ, "PYTHONPATH": str(site), "SCHOOLWORK_TRACE_PLUGINS": "1"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "schoolwork",
            "evaluate",
            str(schoolwork_sample_dir),
            "--scheme",
            "teacher-2023",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        "schoolwork: schoolwork_adjust_result [bonus] -> [Adjustment(points=Decimal('1.5')"
        in proc.stderr
    )


class Deducting:
    """An in-process plugin: a deduction and a veto, attributed to it whatever it claims."""

    @hookimpl
    def schoolwork_adjust_result(self, subject):  # type: ignore[no-untyped-def]
        if subject.id == "t":
            return [
                Adjustment(D(-3), "迟交材料", rule="late", source="someone-else"),
                Veto("late-veto", "材料造假", (VetoEffect.CANCEL_AWARDS,)),
            ]
        return None


def test_every_point_a_plugin_adds_or_removes_is_attributed_to_it() -> None:
    host = build_host({"deducting": Deducting()}, installed=False)
    result = evaluate(
        one_dimension(ids=("a",)), teachers("t"), values={"t": {"a": D(80)}}, host=host
    ).results[0]
    assert result.score == D("77.00")
    assert [(a.source, a.applied) for a in result.adjustments] == [("plugin:deducting", D("-3.00"))]
    assert result.vetoes[0].source == "plugin:deducting"
    assert not result.eligible_for_awards


class Values:
    @hookimpl
    def schoolwork_indicator_values(self, subject):  # type: ignore[no-untyped-def]
        return {"a": D(50)} if subject.id == "t" else {"nope": D(1)}


def test_plugin_values_are_attributed_and_unknown_indicators_name_the_plugin() -> None:
    from schoolwork.organisation import School
    from schoolwork.workspace import Workspace

    host = build_host({"values": Values()}, installed=False)
    ws = Workspace(School("s", "s"))
    result = evaluate(
        one_dimension(ids=("a",)),
        teachers("t"),
        values={"t": {"a": D(80)}},
        host=host,
        workspace=ws,
    )
    item = result.results[0].dimension("dim").indicators[0]
    assert (item.value, item.source) == (D(50), "plugin:values")
    with pytest.raises(
        PluginError,
        match=(
            "plugin 'values' failed in hook schoolwork_indicator_values: "
            "scheme 's' has no indicator 'nope'"
        ),
    ):
        evaluate(one_dimension(ids=("a",)), teachers("u"), values={}, host=host, workspace=ws)


class Bands:
    @hookimpl
    def schoolwork_assign_bands(self, results):  # type: ignore[no-untyped-def]
        return {results[-1].subject.id: "优秀"}


def test_a_plugin_can_override_banding() -> None:
    from evaluation_helpers import bands

    scheme = one_dimension(ids=("a",), bands=bands(("优秀", 90), ("合格", 0)))
    host = build_host({"bands": Bands()}, installed=False)
    values = {"p": {"a": D(95)}, "q": {"a": D(70)}}
    evaluation = evaluate(scheme, teachers("p", "q"), values=values, host=host)
    assert evaluation.result("q").band == "优秀"
    assert evaluation.result("q").moves[-1].reason == "set by plugin:bands"


def test_hookspecs_all_start_with_schoolwork_and_have_docstrings() -> None:
    names = [n for n in dir(hookspecs) if n.startswith("schoolwork_")]
    assert names
    for name in names:
        assert (getattr(hookspecs, name).__doc__ or "").strip(), name
