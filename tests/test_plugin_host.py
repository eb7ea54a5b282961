"""The plugin host itself: registering, loading, listing, tracing, calling and checking.

Each test pins one promise of ``schoolwork.plugins`` that the paths through the engine and the
command line do not show on their own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

import schoolwork
from schoolwork import hookimpl
from schoolwork.plugins import PluginHost, returns
from schoolwork.testing import write_plugin

SECTIONS = returns(schoolwork.Section)
BANDS = returns(str, type(None), keyed=True)


def section(section_id: str) -> schoolwork.Section:
    return schoolwork.Section(section_id, section_id, schoolwork.PartKind.HIGHLIGHTS, ())


class Sections:
    def __init__(self, *ids: str) -> None:
        self.ids = ids

    @hookimpl
    def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
        return [section(i) for i in self.ids]


def host_with(**plugins: object) -> PluginHost:
    host = PluginHost(trace=False)
    for name, plugin in plugins.items():
        host.register(plugin, name)
    return host


def call_sections(host: PluginHost) -> list[tuple[str, tuple[str, ...]]]:
    answers = host.call(
        "schoolwork_report_sections",
        SECTIONS,
        report=None,
        workspace=None,
        root=None,
        evaluations=(),
    )
    return [(a.plugin, tuple(s.id for s in a.value)) for a in answers]


# -- registering -----------------------------------------------------------------------------


class Misspelt:
    @hookimpl
    def schoolwork_checks(self, loded):  # type: ignore[no-untyped-def]
        return []


def test_a_refused_plugin_is_left_out_whole_and_its_reason_is_one_line() -> None:
    host = PluginHost(trace=False)
    plugin = Misspelt()
    assert host.register(plugin, "typo", strict=False) is False
    assert not host.manager.is_registered(plugin)
    [failure] = host.failures
    assert failure.plugin == "typo"
    assert "\n" not in failure.reason
    assert "{'loded'} are declared in the hookimpl but can not be found in the hookspec" in (
        failure.reason
    )
    # The name is free again for a sound plugin.
    assert host.register(Sections("a"), "typo") is True


def test_a_name_taken_twice_is_refused() -> None:
    host = host_with(first=Sections("a"))
    with pytest.raises(schoolwork.PluginError, match="plugin 'first' failed to load"):
        host.register(Sections("b"), "first")
    assert call_sections(host) == [("first", ("a",))]


def test_keyword_arguments_with_defaults_reach_the_implementation() -> None:
    seen: list[Any] = []

    class WithDefault:
        @hookimpl
        def schoolwork_report_sections(self, report, evaluations=None):  # type: ignore[no-untyped-def]
            seen.append((report, evaluations))

    host = host_with(d=WithDefault())
    host.call(
        "schoolwork_report_sections",
        SECTIONS,
        report="R",
        workspace=None,
        root=None,
        evaluations="E",
    )
    assert seen == [("R", "E")]


# -- loading installed plugins ---------------------------------------------------------------

GOOD = """
import schoolwork

@schoolwork.hookimpl
def schoolwork_workspaces():
    return {}
"""
BROKEN = "raise ImportError('missing dependency')\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site"
    for name, source in (
        ("b-good", GOOD),
        ("a-broken", BROKEN),
        ("c-broken", BROKEN),
        ("d-good", GOOD),
    ):
        write_plugin(folder, name, source)
    monkeypatch.syspath_prepend(str(folder))
    return folder


def test_loading_is_strict_by_default_and_names_the_first_broken_plugin(site: Path) -> None:
    host = PluginHost(trace=False)
    with pytest.raises(
        schoolwork.PluginError,
        match="plugin 'a-broken' failed to load: import failed: ImportError: missing dependency",
    ):
        host.load_entry_points(["a-broken", "b-good"])


def test_a_forgiving_load_records_every_broken_plugin_and_keeps_the_others(site: Path) -> None:
    host = PluginHost(trace=False)
    host.load_entry_points(["d-good", "c-broken", "b-good", "a-broken", "nosuch"], strict=False)
    assert [(f.plugin, f.reason) for f in host.failures] == [
        ("a-broken", "import failed: ImportError: missing dependency"),
        ("c-broken", "import failed: ImportError: missing dependency"),
        ("nosuch", "no installed plugin has this name"),
    ]
    infos = host.plugins()
    assert [i.name for i in infos] == ["b-good", "d-good"]
    assert [(i.distribution, i.version) for i in infos] == [("b-good-plugin", "1.0")] * 1 + [
        ("d-good-plugin", "1.0")
    ]


def test_plugins_are_registered_in_name_order(site: Path) -> None:
    host = PluginHost(trace=False)
    host.load_entry_points(["d-good", "b-good"])
    assert [name for name, _ in host.manager.list_name_plugin()] == ["b-good", "d-good"]


# -- listing ---------------------------------------------------------------------------------


class ForOneSchool:
    schoolwork_schools = ("school-a",)

    @hookimpl
    def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
        return [section("mine")]


def test_listing_puts_built_ins_first_and_shows_plugins_set_aside() -> None:
    host = PluginHost(trace=False)
    host.register(Sections("core"), "schoolwork.core", builtin=True)
    host.register(ForOneSchool(), "a-school")
    host.register(Sections("x"), "everyone")
    host.serve("school-b")
    assert call_sections(host) == [("everyone", ("x",)), ("schoolwork.core", ("core",))]
    listed = [(i.name, i.builtin, i.active, i.schools, i.hooks) for i in host.plugins(builtin=True)]
    assert listed == [
        ("schoolwork.core", True, True, None, ("schoolwork_report_sections",)),
        ("a-school", False, False, ("school-a",), ("schoolwork_report_sections",)),
        ("everyone", False, True, None, ("schoolwork_report_sections",)),
    ]
    assert [i.name for i in host.plugins()] == ["a-school", "everyone"]


def test_a_plugin_serving_the_school_at_hand_stays_active() -> None:
    host = host_with(mine=ForOneSchool())
    host.serve("school-a")
    assert call_sections(host) == [("mine", ("mine",))]
    assert [i.active for i in host.plugins()] == [True]


# -- calling: attribution and checks ---------------------------------------------------------


def test_answers_are_attributed_and_marked_built_in() -> None:
    host = PluginHost(trace=False)
    host.register(Sections("core"), "schoolwork.core", builtin=True)
    host.register(Sections("x", "y"), "school")
    answers = host.call(
        "schoolwork_report_sections",
        SECTIONS,
        report=None,
        workspace=None,
        root=None,
        evaluations=(),
    )
    assert [(a.plugin, a.builtin) for a in answers] == [
        ("school", False),
        ("schoolwork.core", True),
    ]


class ForcesBands:
    """An old-style hookwrapper that replaces the first result of a firstresult hook."""

    @hookimpl(hookwrapper=True)
    def schoolwork_assign_bands(self):  # type: ignore[no-untyped-def]
        outcome = yield
        outcome.force_result({"t": "合格"})


class Bands:
    @hookimpl
    def schoolwork_assign_bands(self):  # type: ignore[no-untyped-def]
        return {"t": "优秀"}


def test_a_result_forced_by_an_old_style_wrapper_is_the_wrappers() -> None:
    host = host_with(bands=Bands(), forcer=ForcesBands())
    [answer] = host.call("schoolwork_assign_bands", BANDS, scheme=None, results=())
    assert (answer.plugin, answer.value) == ("forcer", {"t": "合格"})


def test_a_firstresult_passed_on_by_a_wrapper_stays_its_producers() -> None:
    class Passes:
        @hookimpl(wrapper=True)
        def schoolwork_assign_bands(self) -> Iterator[None]:  # type: ignore[misc]
            return (yield)

    host = host_with(bands=Bands(), passes=Passes())
    [answer] = host.call("schoolwork_assign_bands", BANDS, scheme=None, results=())
    assert (answer.plugin, answer.value) == ("bands", {"t": "优秀"})


def test_a_wrapper_that_raises_is_named() -> None:
    class Raises:
        @hookimpl(wrapper=True)
        def schoolwork_report_sections(self) -> Iterator[None]:  # type: ignore[misc]
            yield
            raise LookupError("wrapped badly")

    host = host_with(plain=Sections("a"), raising=Raises())
    with pytest.raises(schoolwork.PluginError) as caught:
        call_sections(host)
    assert str(caught.value) == (
        "plugin 'raising' failed in hook schoolwork_report_sections: LookupError: wrapped badly"
    )
    assert isinstance(caught.value.__cause__, LookupError)


@pytest.mark.filterwarnings("ignore::pluggy.PluggyTeardownRaisedWarning")
def test_an_old_style_wrapper_with_a_second_yield_fails() -> None:
    class Twice:
        @hookimpl(hookwrapper=True)
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            yield
            yield

    host = host_with(plain=Sections("a"), twice=Twice())
    with pytest.raises(
        schoolwork.PluginError, match="hookwrapper of plugin 'twice' has a second yield"
    ):
        call_sections(host)


def test_an_old_style_wrapper_sees_an_exception_and_records_nothing() -> None:
    seen: list[BaseException | None] = []

    class Watches:
        @hookimpl(hookwrapper=True)
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            outcome = yield
            seen.append(outcome.exception)

    class Fails:
        @hookimpl
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            raise ValueError("no")

    host = host_with(fails=Fails(), watches=Watches())
    with pytest.raises(schoolwork.PluginError, match="plugin 'fails' failed"):
        call_sections(host)
    assert isinstance(seen[0], schoolwork.PluginError)


@pytest.mark.parametrize(
    ("returned", "message"),
    [
        ("abc", "expected an iterable of Section, got str 'abc'"),
        ({"a": 1}, "expected an iterable of Section, got dict {'a': 1}"),
        (7, "expected an iterable of Section, got int 7"),
        ([section("a"), "b"], "expected an iterable of Section, got str 'b'"),
    ],
)
def test_a_wrong_iterable_is_named_with_what_was_found(returned: Any, message: str) -> None:
    class Wrong:
        @hookimpl
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            return returned

    with pytest.raises(schoolwork.PluginError) as caught:
        call_sections(host_with(wrong=Wrong()))
    assert (
        str(caught.value) == f"plugin 'wrong' failed in hook schoolwork_report_sections: {message}"
    )


@pytest.mark.parametrize(
    ("returned", "message"),
    [
        (["t"], "expected a mapping of str to str or NoneType, got list ['t']"),
        ({"t": 3}, "expected a mapping of str to str or NoneType, got dict {'t': 3}"),
        ({1: "优秀"}, "expected a mapping of str to str or NoneType, got dict {1: '优秀'}"),
    ],
)
def test_a_wrong_mapping_is_named_with_the_wrong_item(returned: Any, message: str) -> None:
    class Wrong:
        @hookimpl
        def schoolwork_assign_bands(self):  # type: ignore[no-untyped-def]
            return returned

    with pytest.raises(schoolwork.PluginError) as caught:
        host_with(wrong=Wrong()).call("schoolwork_assign_bands", BANDS, scheme=None, results=())
    assert str(caught.value) == f"plugin 'wrong' failed in hook schoolwork_assign_bands: {message}"


def test_a_generator_that_fails_while_it_is_read_is_named() -> None:
    class Lazy:
        @hookimpl
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            yield section("a")
            raise KeyError("later")

    with pytest.raises(schoolwork.PluginError) as caught:
        call_sections(host_with(lazy=Lazy()))
    assert str(caught.value) == (
        "plugin 'lazy' failed in hook schoolwork_report_sections: KeyError: 'later'"
    )
    assert isinstance(caught.value.__cause__, KeyError)


# -- tracing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "trace", "traced"),
    [
        ("1", None, True),
        ("yes", None, True),
        ("0", None, False),
        ("false", None, False),
        ("no", None, False),
        ("", None, False),
        ("1", False, False),
        (None, True, True),
    ],
)
def test_tracing_prints_each_call_and_each_answer(
    env: str | None,
    trace: bool | None,
    traced: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if env is None:
        monkeypatch.delenv("SCHOOLWORK_TRACE_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("SCHOOLWORK_TRACE_PLUGINS", env)
    host = PluginHost(trace=trace)
    host.register(Sections("a"), "first")
    host.register(Sections(), "second")
    call_sections(host)
    err = capsys.readouterr().err
    if not traced:
        assert err == ""
        return
    lines = err.splitlines()
    assert lines[0] == "schoolwork: schoolwork_report_sections -> [second, first]"
    assert lines[1] == "schoolwork: schoolwork_report_sections [second] -> []"
    assert lines[2].startswith("schoolwork: schoolwork_report_sections [first] -> [Section(id='a'")
    assert len(lines) == 3


def test_values_keep_their_exact_decimal_through_the_host() -> None:
    class Values:
        @hookimpl
        def schoolwork_indicator_values(self):  # type: ignore[no-untyped-def]
            return {"a": D("85.30")}

    [answer] = host_with(v=Values()).call(
        "schoolwork_indicator_values",
        returns(D, keyed=True),
        scheme=None,
        subject=None,
        records=None,
        workspace=None,
    )
    assert answer.value == {"a": D("85.30")}
    assert str(answer.value["a"]) == "85.30"


# -- wrappers that take arguments, and several wrappers at once ------------------------------


class PassesBands:
    """A new-style wrapper with arguments (one with a default) that hands the result on."""

    def __init__(self) -> None:
        self.seen: list[Any] = []

    @hookimpl(wrapper=True)
    def schoolwork_assign_bands(self, scheme, results=None):  # type: ignore[no-untyped-def]
        self.seen.append((scheme, results))
        return (yield)


class NewForcer:
    @hookimpl(wrapper=True)
    def schoolwork_assign_bands(self, scheme):  # type: ignore[no-untyped-def]
        yield
        return {"t": f"{scheme}-forced"}


class OldForcer:
    @hookimpl(hookwrapper=True)
    def schoolwork_assign_bands(self, scheme, results=None):  # type: ignore[no-untyped-def]
        outcome = yield
        outcome.force_result({"t": f"{scheme}-{len(results)}"})


@pytest.mark.parametrize(("forcer", "expected"), [(NewForcer(), "S-forced"), (OldForcer(), "S-0")])
def test_the_wrapper_that_changed_a_result_is_named_among_several(
    forcer: object, expected: str
) -> None:
    passes = PassesBands()
    # Registered first, the passing wrapper is the inner one: it finishes before the forcer.
    host = host_with(bands=Bands(), passes=passes, forcer=forcer)
    [answer] = host.call("schoolwork_assign_bands", BANDS, scheme="S", results=())
    assert (answer.plugin, answer.value) == ("forcer", {"t": expected})
    assert passes.seen == [("S", ())]


def test_an_item_added_by_the_outer_wrapper_is_the_outer_wrappers() -> None:
    class Passes:
        @hookimpl(wrapper=True)
        def schoolwork_report_sections(self, report):  # type: ignore[no-untyped-def]
            return (yield)

    class Adds:
        @hookimpl(wrapper=True)
        def schoolwork_report_sections(self, report, root=None):  # type: ignore[no-untyped-def]
            answers = yield
            return [*answers, [section(f"{report}-{root}")]]

    host = host_with(plain=Sections("a"), passes=Passes(), adds=Adds())
    answers = host.call(
        "schoolwork_report_sections", SECTIONS, report="R", workspace=None, root="W", evaluations=()
    )
    assert [(a.plugin, [s.id for s in a.value]) for a in answers] == [
        ("plain", ["a"]),
        ("adds", ["R-W"]),
    ]


def test_a_hook_that_does_not_exist_is_refused_and_not_left_registered() -> None:
    class Unknown:
        @hookimpl
        def schoolwork_nope(self):  # type: ignore[no-untyped-def]
            return 1

    host = PluginHost(trace=False)
    plugin = Unknown()
    assert host.register(plugin, "unknown", strict=False) is False
    assert not host.manager.is_registered(plugin)
    assert "schoolwork_nope" in host.failures[0].reason


MISSPELT = """
import schoolwork

@schoolwork.hookimpl
def schoolwork_checks(loded):
    return []
"""


def test_a_strict_load_refuses_an_installed_plugin_that_cannot_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plugin(tmp_path / "site", "misspelt", MISSPELT)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    with pytest.raises(schoolwork.PluginError, match=r"plugin 'misspelt' failed to load: .*loded"):
        PluginHost(trace=False).load_entry_points(["misspelt"])
    host = PluginHost(trace=False)
    host.load_entry_points(["misspelt"], strict=False)
    assert [f.plugin for f in host.failures] == ["misspelt"]


def test_an_active_plugin_lists_the_schools_it_serves() -> None:
    host = host_with(mine=ForOneSchool())
    host.serve("school-a")
    assert [(i.name, i.schools) for i in host.plugins()] == [("mine", ("school-a",))]


def test_of_two_wrappers_the_one_that_raised_is_named() -> None:
    class Quiet:
        @hookimpl(wrapper=True)
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            return (yield)

    class Loud:
        @hookimpl(hookwrapper=True)
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            raise OSError("before yielding")
            yield

    for order in (("quiet", "loud"), ("loud", "quiet")):
        plugins = {"quiet": Quiet(), "loud": Loud()}
        host = host_with(plain=Sections("a"), **{name: plugins[name] for name in order})
        with pytest.raises(schoolwork.PluginError) as caught:
            call_sections(host)
        assert str(caught.value) == (
            "plugin 'loud' failed in hook schoolwork_report_sections: OSError: before yielding"
        )


# -- calling without some plugins ---------------------------------------------------------------


class Counting(Sections):
    def __init__(self, *ids: str) -> None:
        super().__init__(*ids)
        self.calls = 0

    @hookimpl
    def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
        self.calls += 1
        return [section(i) for i in self.ids]


def test_plugins_named_without_are_not_asked_and_the_others_are() -> None:
    quiet, other = Counting("q"), Counting("o")
    host = host_with(quiet=quiet, other=other)
    kwargs: dict[str, Any] = {"report": None, "workspace": None, "root": None, "evaluations": ()}
    for _ in range(2):  # the second call takes the caller made by the first
        answers = host.call("schoolwork_report_sections", SECTIONS, frozenset({"quiet"}), **kwargs)
        assert [(a.plugin, tuple(s.id for s in a.value)) for a in answers] == [("other", ("o",))]
    assert (quiet.calls, other.calls) == (0, 2)
    assert call_sections(host) == [("other", ("o",)), ("quiet", ("q",))]  # left out once only
    assert quiet.calls == 1


def test_a_plugin_registered_after_a_call_without_another_is_asked() -> None:
    host = host_with(quiet=Counting("q"))
    kwargs: dict[str, Any] = {"report": None, "workspace": None, "root": None, "evaluations": ()}
    assert host.call("schoolwork_report_sections", SECTIONS, frozenset({"quiet"}), **kwargs) == []
    host.register(Counting("late"), "late")
    answers = host.call("schoolwork_report_sections", SECTIONS, frozenset({"quiet"}), **kwargs)
    assert [a.plugin for a in answers] == ["late"]


def test_implements_leaves_out_the_plugins_named_besides() -> None:
    host = host_with(quiet=Counting("q"), other=Counting("o"))
    hook = "schoolwork_report_sections"
    assert host.implements(hook)
    assert host.implements(hook, besides={"quiet"})
    assert not host.implements(hook, besides={"quiet", "other"})
    assert not host.implements("schoolwork_adjust_result")
    assert not host_with().implements(hook)


class Unhashable(Counting):
    __hash__ = None  # type: ignore[assignment]  # as an attrs class with eq=True


def test_with_an_unhashable_plugin_the_named_ones_are_asked_as_usual() -> None:
    # pluggy's subset caller keeps a set of plugins; an unhashable one must not break the call
    quiet, odd = Counting("q"), Unhashable("u")
    host = host_with(quiet=quiet, odd=odd)
    kwargs: dict[str, Any] = {"report": None, "workspace": None, "root": None, "evaluations": ()}
    answers = host.call("schoolwork_report_sections", SECTIONS, frozenset({"quiet"}), **kwargs)
    assert sorted(a.plugin for a in answers) == ["odd", "quiet"]
    assert (quiet.calls, odd.calls) == (1, 1)


class Section2(list):  # type: ignore[type-arg]
    """A list of another type: read once, as any iterable."""


@pytest.mark.parametrize(
    "make",
    [
        lambda: [section("a"), section("b")],
        lambda: (section("a"), section("b")),
        lambda: Section2([section("a"), section("b")]),
        lambda: (s for s in (section("a"), section("b"))),
        lambda: iter([section("a"), section("b")]),
    ],
    ids=["list", "tuple", "list subclass", "generator", "iterator"],
)
def test_any_iterable_of_the_expected_items_is_taken(make: Any) -> None:
    # made afresh for each run: a generator is read once
    class Right:
        @hookimpl
        def schoolwork_report_sections(self):  # type: ignore[no-untyped-def]
            return make()

    assert call_sections(host_with(right=Right())) == [("right", ("a", "b"))]


@pytest.mark.parametrize(
    "returned",
    [{"t": "优秀"}, MappingProxyType({"t": "优秀"}), OrderedDict(t="优秀")],
    ids=["dict", "mapping proxy", "dict subclass"],
)
def test_any_mapping_of_the_expected_items_is_taken(returned: Any) -> None:
    class Right:
        @hookimpl
        def schoolwork_assign_bands(self):  # type: ignore[no-untyped-def]
            return returned

    (answer,) = host_with(right=Right()).call(
        "schoolwork_assign_bands", BANDS, scheme=None, results=()
    )
    assert (answer.plugin, dict(answer.value), answer.builtin) == ("right", {"t": "优秀"}, False)
