"""The plugin host: finding plugins, registering them, and calling hooks through pluggy.

Plugins come from the ``schoolwork`` entry-point group; schoolwork's own features are plugins
too (``schoolwork.*``, registered first), so every extension point has one path. Hooks are
called through pluggy, so ``tryfirst``/``trylast``, ``firstresult`` and wrapper
implementations (``wrapper=True`` or ``hookwrapper=True``) behave as pluggy documents them.

Every result is attributed to the plugin that returned it, and checked in one place
(:meth:`PluginHost.call`): a wrong result, or an exception, becomes a :class:`PluginError`
naming the plugin and the hook.

Environment variables, read where a host loads installed plugins:

- ``SCHOOLWORK_LOAD_PLUGINS``: a comma-separated list of plugin names to load; set but empty
  loads none.
- ``SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD``: any non-empty value loads no entry-point plugin
  (as pytest's ``PYTEST_DISABLE_PLUGIN_AUTOLOAD``).
- ``SCHOOLWORK_TRACE_PLUGINS=1``: print every hook call, and what each plugin returned, to
  stderr.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any, NamedTuple

import attrs
import pluggy

from schoolwork import hookspecs
from schoolwork.errors import PluginError

GROUP = "schoolwork"
hookimpl = pluggy.HookimplMarker(GROUP)
"""Mark a function of a plugin as a hook implementation."""

SCHOOLS_ATTRIBUTE = "schoolwork_schools"
"""A plugin that sets this module attribute to school ids serves only those schools."""


@attrs.frozen
class PluginFailure:
    """A plugin that could not be loaded, and why."""

    plugin: str
    reason: str


@attrs.frozen
class PluginInfo:
    """A plugin: its name, distribution and version, its hooks, and what it serves.

    ``builtin`` marks schoolwork's own features; ``schools`` is ``None`` for a plugin that
    serves every school; ``active`` is false for one that does not serve the school at hand.
    """

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    builtin: bool = False
    schools: tuple[str, ...] | None = None
    active: bool = True


class Answer(NamedTuple):
    """What one plugin returned from one hook call, checked.

    A named tuple: hooks are called once per subject, and this is made for every answer.
    """

    plugin: str
    value: Any
    builtin: bool = False


@attrs.frozen
class Returns:
    """What a hook must return: an iterable of ``types``, or with ``keyed`` a mapping from
    strings to ``types``. ``None`` as a whole result always means "nothing from me"."""

    types: tuple[type, ...]
    keyed: bool = False

    def describe(self) -> str:
        names = " or ".join(t.__name__ for t in self.types)
        return f"a mapping of str to {names}" if self.keyed else f"an iterable of {names}"


def returns(*types: type, keyed: bool = False) -> Returns:
    """The shape of a hook's result; see :class:`Returns`."""
    return Returns(types, keyed)


# What each implementation returned, as it returns: pluggy hands back only the merged list, and
# a wrapper may change it, so attribution is recorded at the source. Entries are (plugin,
# value, whether the plugin is a wrapper); wrappers are recorded as they finish, inner first.
_RECORDED: contextvars.ContextVar[list[tuple[str, object, bool]] | None] = contextvars.ContextVar(
    "schoolwork_recorded", default=None
)


def _record(plugin: str, value: object, wrapper: bool) -> None:
    recorded = _RECORDED.get()
    if recorded is not None and value is not None:
        recorded.append((plugin, value, wrapper))


@contextlib.contextmanager
def _naming(plugin: str, hook: str) -> Iterator[None]:
    """Raise any exception of the block as a :class:`PluginError` naming ``plugin`` and ``hook``
    (one already named by an implementation inside passes through)."""
    try:
        yield
    except PluginError:
        raise
    except Exception as exc:
        raise PluginError(plugin, hook, exc) from exc


def _recording(function: Callable[..., Any], plugin: str, hook: str) -> Callable[..., Any]:
    def record(*args: Any, **kwargs: Any) -> Any:
        # _naming and _record written out: this runs once per implementation for every subject.
        try:
            result = function(*args, **kwargs)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(plugin, hook, exc) from exc
        if result is not None:
            recorded = _RECORDED.get()
            if recorded is not None:
                recorded.append((plugin, result, False))
        return result

    return record


def _recording_wrapper(function: Callable[..., Any], plugin: str, hook: str) -> Callable[..., Any]:
    """A new-style wrapper (``wrapper=True``) that records what it hands back, and names
    itself when its own code fails."""

    def record(*args: Any, **kwargs: Any) -> Any:
        with _naming(plugin, hook):
            result = yield from function(*args, **kwargs)
        _record(plugin, result, True)
        return result

    return record


def _recording_hookwrapper(
    function: Callable[..., Any], plugin: str, hook: str
) -> Callable[..., Any]:
    """An old-style ``hookwrapper=True`` implementation that records the result it leaves, and
    names itself when its own code fails."""

    def record(*args: Any, **kwargs: Any) -> Any:
        with _naming(plugin, hook):
            inner = function(*args, **kwargs)
            outcome = yield next(inner)
            try:
                inner.send(outcome)
            except StopIteration:
                pass
            else:  # pluggy reports a second yield the same way for any hookwrapper
                raise RuntimeError(f"hookwrapper of plugin {plugin!r} has a second yield")
        if outcome.exception is None:
            _record(plugin, outcome.get_result(), True)

    return record


_FIRSTRESULT = frozenset(
    name
    for name in dir(hookspecs)
    if name.startswith("schoolwork_")
    and getattr(getattr(hookspecs, name), "schoolwork_spec", {}).get("firstresult")
)


class PluginHost:
    """A pluggy plugin manager with schoolwork's hooks, its plugins and attributed calls."""

    def __init__(self, trace: bool | None = None) -> None:
        self.manager = pluggy.PluginManager(GROUP)
        self.manager.add_hookspecs(hookspecs)
        self.failures: list[PluginFailure] = []
        self._dists: dict[str, tuple[str | None, str | None]] = {}
        self._builtin: set[str] = set()
        self._resting: dict[str, tuple[object, tuple[str, ...]]] = {}
        self._subsets: dict[tuple[str, frozenset[str]], Any] = {}
        if _env_flag("SCHOOLWORK_TRACE_PLUGINS") if trace is None else trace:
            self.manager.add_hookcall_monitoring(_trace_before, _trace_after)

    # -- registering -----------------------------------------------------------------------

    def register(
        self,
        plugin: object,
        name: str,
        *,
        dist: tuple[str | None, str | None] = (None, None),
        builtin: bool = False,
        strict: bool = True,
    ) -> bool:
        """Register ``plugin`` as ``name``.

        A plugin that pluggy refuses (a hook that does not exist, an argument the hook does
        not have, a name taken) raises :class:`PluginError` naming it, or with
        ``strict=False`` is recorded in :attr:`failures` and left out; returns whether it was
        registered.
        """
        try:
            self.manager.register(plugin, name=name)
            self.manager.check_pending()
        except (pluggy.PluginValidationError, ValueError) as exc:
            if self.manager.is_registered(plugin):
                self.manager.unregister(plugin)
            reason = " ".join(str(exc).split())  # pluggy's message spans lines
            if strict:
                raise PluginError(name, None, reason) from None
            self.failures.append(PluginFailure(name, reason))
            return False
        for caller in self.manager.get_hookcallers(plugin) or ():
            for impl in caller.get_hookimpls():
                if impl.plugin is not plugin:
                    continue
                # pluggy keeps the function it calls here; recording around it attributes each
                # result (and each exception) to this plugin, whatever wrappers do after.
                if impl.wrapper:
                    recording = _recording_wrapper(impl.function, name, caller.name)
                elif impl.hookwrapper:
                    recording = _recording_hookwrapper(impl.function, name, caller.name)
                else:
                    recording = _recording(impl.function, name, caller.name)
                setattr(impl, "function", recording)  # noqa: B010
        self._dists[name] = dist
        self._subsets.clear()  # a name left out may now be this plugin
        if builtin:
            self._builtin.add(name)
        return True

    def load_entry_points(self, only: Iterable[str] | None = None, *, strict: bool = True) -> None:
        """Register the ``schoolwork`` entry points (all, or those named), by name order.

        A plugin that fails to import or register raises :class:`PluginError`, or with
        ``strict=False`` is recorded in :attr:`failures` so the others keep working.
        """
        wanted = None if only is None else set(only)
        found = sorted(entry_points(group=GROUP), key=lambda ep: ep.name)
        for ep in found:
            if wanted is not None and ep.name not in wanted:
                continue
            dist = (ep.dist.name, ep.dist.version) if ep.dist is not None else (None, None)
            try:
                plugin = ep.load()
            except Exception as exc:  # a broken plugin must not hide which one it was
                reason = f"import failed: {type(exc).__name__}: {exc}"
                if strict:
                    raise PluginError(ep.name, None, reason) from exc
                self.failures.append(PluginFailure(ep.name, reason))
                continue
            self.register(plugin, ep.name, dist=dist, strict=strict)
        for name in sorted((wanted or set()) - {ep.name for ep in found}):
            if strict:
                raise PluginError(name, None, "no installed plugin has this name")
            self.failures.append(PluginFailure(name, "no installed plugin has this name"))

    def serve(self, school: str) -> None:
        """Set aside the plugins that declare schools (``schoolwork_schools``) other than
        ``school``; they stay listed, inactive, and none of their hooks is called."""
        for name, plugin in list(self.manager.list_name_plugin()):
            schools = _schools(plugin)
            if schools is not None and school not in schools:
                self.manager.unregister(plugin)
                self._resting[name] = (plugin, schools)

    def serves_every_school(self) -> bool:
        """Whether no plugin, active or set aside, declares schools: the host is then the same
        whichever school it serves, and one host may serve many schools in turn."""
        plugins = [p for _, p in self.manager.list_name_plugin()]
        return not self._resting and all(_schools(p) is None for p in plugins)

    # -- listing ---------------------------------------------------------------------------

    def plugins(self, *, builtin: bool = False) -> list[PluginInfo]:
        """The registered plugins by name; with ``builtin``, schoolwork's own ones too."""
        infos = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None or (name in self._builtin and not builtin):
                continue
            hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
            infos.append(self._info(name, plugin, tuple(hooks), active=True))
        for name, (plugin, _) in self._resting.items():
            hooks = sorted(
                n
                for n in dir(plugin)
                if n.startswith("schoolwork_") and callable(getattr(plugin, n))
            )
            infos.append(self._info(name, plugin, tuple(hooks), active=False))
        return sorted(infos, key=lambda info: (not info.builtin, info.name))

    def _info(self, name: str, plugin: object, hooks: tuple[str, ...], active: bool) -> PluginInfo:
        dist, version = self._dists.get(name, (None, None))
        return PluginInfo(
            name, dist, version, hooks, name in self._builtin, _schools(plugin), active
        )

    def implements(self, hook: str, besides: Collection[str] = ()) -> bool:
        """Whether any registered plugin implements ``hook``, leaving out the plugins named in
        ``besides``."""
        impls = getattr(self.manager.hook, hook).get_hookimpls()
        return any(impl.plugin_name not in besides for impl in impls)

    # -- calling ---------------------------------------------------------------------------

    def call(
        self,
        hook: str,
        expected: Returns,
        without: frozenset[str] = frozenset(),
        /,
        **kwargs: Any,
    ) -> list[Answer]:
        """Call ``hook`` through pluggy; return each plugin's checked, non-``None`` answer.

        Answers come in pluggy's order (``tryfirst`` first, then the last registered). An
        iterable is read into a tuple and a mapping into a dict, each item checked against
        ``expected``; anything else, or an exception, raises :class:`PluginError` naming the
        plugin and the hook. A result a wrapper put in is attributed to the wrapper.

        ``without`` names plugins that have nothing to say to this call, for a caller that
        knows it: the engine names the core's own values for what a scheme does not declare.
        They are left out through pluggy's subset hook caller, unless a registered plugin is
        unhashable (that caller keeps a set), when they are asked and answer nothing.
        """
        caller = self._caller(hook, without) if without else getattr(self.manager.hook, hook)
        firstresult = hook in _FIRSTRESULT
        recorded: list[tuple[str, object, bool]] = []
        token = _RECORDED.set(recorded)
        try:
            outcome = caller(**kwargs)
        except PluginError:
            raise
        except Exception as exc:  # raised by a wrapper around the implementations
            raise PluginError(self._wrappers(caller), hook, exc) from exc
        finally:
            _RECORDED.reset(token)
        if firstresult:
            outcome = [] if outcome is None else [outcome]
        answers = []
        for value in outcome:
            plugin = _producer(value, recorded, firstresult) or self._wrappers(caller)
            checked = _checked(plugin, hook, value, expected)
            answers.append(_answer(Answer, (plugin, checked, plugin in self._builtin)))
        return answers

    def _caller(self, hook: str, without: frozenset[str]) -> Any:
        # Made once per hook and set of names: the engine asks for one per subject.
        key = (hook, without)
        caller = self._subsets.get(key)
        if caller is None:
            caller = getattr(self.manager.hook, hook)
            plugins = [self.manager.get_plugin(name) for name in without]
            try:
                for impl in caller.get_hookimpls():
                    hash(impl.plugin)
            except TypeError:
                pass  # an attrs class with eq, say: the whole caller, asked as usual
            else:
                removed = [p for p in plugins if p is not None]
                caller = self.manager.subset_hook_caller(hook, removed)
            self._subsets[key] = caller
        return caller

    def _wrappers(self, caller: Any) -> str:
        names = [i.plugin_name for i in caller.get_hookimpls() if i.wrapper or i.hookwrapper]
        return ", ".join(names) or "unknown"


_answer = tuple.__new__  # every field given: the named tuple's Python constructor skipped


def _producer(
    value: object, recorded: Sequence[tuple[str, object, bool]], firstresult: bool
) -> str | None:
    """Who produced ``value``: the implementation that returned it, else the innermost wrapper
    that handed it on."""
    for plugin, returned, wrapper in recorded:
        if not wrapper and returned is value:
            return plugin
    for plugin, returned, wrapper in recorded:
        handed = [returned] if firstresult else returned
        if wrapper and isinstance(handed, list) and any(item is value for item in handed):
            return plugin
    return None


def _checked(plugin: str, hook: str, value: object, expected: Returns) -> Any:
    # Values hooks are called once per subject: a dict, a list or a tuple (most answers) is
    # known by its type before the abstract base classes are asked.
    kind = type(value)
    if expected.keyed:
        if kind is not dict and not isinstance(value, Mapping):
            raise _wrong(plugin, hook, expected, value)
        for key, item in value.items():  # type: ignore[attr-defined]
            if not isinstance(key, str) or not isinstance(item, expected.types):
                raise _wrong(plugin, hook, expected, {key: item})
        return value
    if kind is list or kind is tuple:
        items = value
    elif isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _wrong(plugin, hook, expected, value)
    else:
        with _naming(plugin, hook):  # a generator may fail while it is read
            items = tuple(value)
    for item in items:  # type: ignore[attr-defined]
        if not isinstance(item, expected.types):
            raise _wrong(plugin, hook, expected, item)
    return items


def _wrong(plugin: str, hook: str, expected: Returns, found: object) -> PluginError:
    return PluginError(
        plugin, hook, f"expected {expected.describe()}, got {type(found).__name__} {found!r:.60}"
    )


def _schools(plugin: object) -> tuple[str, ...] | None:
    declared = getattr(plugin, SCHOOLS_ATTRIBUTE, None)
    if declared is None:
        return None
    if isinstance(declared, str):
        return (declared,)
    return tuple(declared)


def _trace_before(hook: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    names = ", ".join(i.plugin_name for i in reversed(impls))
    print(f"schoolwork: {hook} -> [{names}]", file=sys.stderr)


def _trace_after(outcome: Any, hook: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    for plugin, value, _ in _RECORDED.get() or ():
        print(f"schoolwork: {hook} [{plugin}] -> {value!r:.200}", file=sys.stderr)


def installed_names() -> list[str] | None:
    """The entry-point plugins the environment asks for: ``None`` for all, else the names."""
    if _env_flag("SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD"):
        return []
    if "SCHOOLWORK_LOAD_PLUGINS" in os.environ:
        return [n.strip() for n in os.environ["SCHOOLWORK_LOAD_PLUGINS"].split(",") if n.strip()]
    return None


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip() not in ("", "0", "false", "no")
