"""Finding, loading and calling plugins.

Plugins come from the ``schoolwork`` entry-point group. Loading is forgiving: a plugin whose
import fails, or that implements a hook that does not exist, is left out and reported by name
with the reason, so one broken plugin never makes the command line unusable for the others
(``--strict-plugins`` turns such a report into a failure).

Environment variables:

- ``SCHOOLWORK_LOAD_PLUGINS``: a comma-separated list of plugin names to load; set but empty
  loads none.
- ``SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD``: any non-empty value loads no entry-point plugin
  (as pytest's ``PYTEST_DISABLE_PLUGIN_AUTOLOAD``).
- ``SCHOOLWORK_TRACE_PLUGINS=1``: print every hook call, its plugin and its result to stderr.

Hooks are called through :meth:`PluginHost.call`, which calls each implementation itself so
that every result, and every failure, is attributed to the plugin that produced it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from importlib.metadata import entry_points
from typing import Any

import attrs
import pluggy

from schoolwork import hookspecs

GROUP = "schoolwork"
hookimpl = pluggy.HookimplMarker(GROUP)
"""Mark a function of a plugin as a hook implementation."""


@attrs.frozen
class PluginFailure:
    """A plugin that could not be loaded, and why."""

    plugin: str
    reason: str


@attrs.frozen
class PluginInfo:
    """An active plugin: its name, its distribution and version, and the hooks it implements."""

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]


class PluginError(Exception):
    """A plugin failed while a hook was being called; names both."""

    def __init__(self, plugin: str, hook: str, error: BaseException) -> None:
        self.plugin = plugin
        self.hook = hook
        self.error = error
        super().__init__(
            f"plugin {plugin!r} failed in hook {hook}: {type(error).__name__}: {error}"
        )


class PluginHost:
    """A plugin manager with the loaded plugins, the failures, and attributed hook calls."""

    def __init__(self, trace: bool | None = None) -> None:
        self.manager = pluggy.PluginManager(GROUP)
        self.manager.add_hookspecs(hookspecs)
        self.failures: list[PluginFailure] = []
        self._dists: dict[str, tuple[str | None, str | None]] = {}
        self.trace = _env_flag("SCHOOLWORK_TRACE_PLUGINS") if trace is None else trace

    def register(
        self, plugin: object, name: str, dist: tuple[str | None, str | None] = (None, None)
    ) -> bool:
        """Register ``plugin`` as ``name``; on a bad plugin record the failure and return False."""
        try:
            self.manager.register(plugin, name=name)
            self.manager.check_pending()
        except pluggy.PluginValidationError as exc:
            if self.manager.is_registered(plugin):
                self.manager.unregister(plugin)
            self.failures.append(PluginFailure(name, str(exc)))
            return False
        except ValueError as exc:  # already registered under that name
            self.failures.append(PluginFailure(name, str(exc)))
            return False
        self._dists[name] = dist
        return True

    def load_entry_points(self, only: Iterable[str] | None = None) -> None:
        """Load the ``schoolwork`` entry points (all, or those named in ``only``), by name order."""
        wanted = None if only is None else set(only)
        found = sorted(entry_points(group=GROUP), key=lambda ep: ep.name)
        for ep in found:
            if wanted is not None and ep.name not in wanted:
                continue
            dist = (ep.dist.name, ep.dist.version) if ep.dist is not None else (None, None)
            try:
                plugin = ep.load()
            except Exception as exc:  # a broken plugin must not take the others down
                self.failures.append(
                    PluginFailure(ep.name, f"import failed: {type(exc).__name__}: {exc}")
                )
                continue
            self.register(plugin, ep.name, dist)
        if wanted is not None:
            missing = wanted - {ep.name for ep in found}
            for name in sorted(missing):
                self.failures.append(PluginFailure(name, "no installed plugin has this name"))

    def plugins(self) -> list[PluginInfo]:
        """The active plugins, by name."""
        infos = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None:
                continue
            hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
            dist, version = self._dists.get(name, (None, None))
            infos.append(PluginInfo(name, dist, version, tuple(hooks)))
        return sorted(infos, key=lambda info: info.name)

    def implements(self, hook: str) -> bool:
        """Whether any active plugin implements ``hook``."""
        return bool(getattr(self.manager.hook, hook).get_hookimpls())

    def call(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation of ``hook``; return ``(plugin name, result)`` for results.

        Implementations are called in pluggy's order (last registered first, honouring
        ``tryfirst``/``trylast``); ``None`` results are left out. An exception is raised again
        as :class:`PluginError` naming the plugin and the hook.
        """
        caller = getattr(self.manager.hook, hook)
        results: list[tuple[str, Any]] = []
        firstresult = bool(caller.spec and caller.spec.opts.get("firstresult"))
        for impl in reversed(caller.get_hookimpls()):
            args = {name: kwargs[name] for name in impl.argnames}
            try:
                result = impl.function(**args)
            except Exception as exc:
                raise PluginError(impl.plugin_name, hook, exc) from exc
            if self.trace:
                print(f"schoolwork: {hook} [{impl.plugin_name}] -> {result!r}", file=sys.stderr)
            if result is not None:
                results.append((impl.plugin_name, result))
                if firstresult:
                    break
        return results


def build_host(
    plugins: Mapping[str, object] | None = None,
    *,
    autoload: bool | None = None,
    only: Iterable[str] | None = None,
) -> PluginHost:
    """A host with the entry-point plugins the environment allows, plus ``plugins`` by name.

    ``autoload=False`` loads no entry point (what tests usually want); ``None`` follows the
    environment variables. ``only`` restricts the entry points to those names.
    """
    host = PluginHost()
    if only is None and "SCHOOLWORK_LOAD_PLUGINS" in os.environ:
        only = [n.strip() for n in os.environ["SCHOOLWORK_LOAD_PLUGINS"].split(",") if n.strip()]
    if autoload is None:
        autoload = not _env_flag("SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD")
    if autoload and (only is None or list(only)):
        host.load_entry_points(only)
    for name, plugin in (plugins or {}).items():
        host.register(plugin, name)
    return host


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip() not in ("", "0", "false", "no")
