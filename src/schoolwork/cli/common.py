"""What every command shares: plugins, loading a workspace and reporting its problems."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import click

from schoolwork import workspace
from schoolwork.plugins import PluginError, PluginHost, build_host
from schoolwork.problems import Problem, WorkspaceError

WORKSPACE_DIR = click.Path(file_okay=True, dir_okay=True, path_type=Path)


class ProblemsFound(click.ClickException):
    """Exit 2 after listing every problem; click prints it instead of a traceback."""

    exit_code = 2

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")

    def show(self, file: IO[Any] | None = None) -> None:
        for problem in self.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(self.format_message(), err=True)


class UsageProblem(click.ClickException):
    """A command cannot do what was asked; said in one line, exit 2."""

    exit_code = 2


class PluginFailed(click.ClickException):
    """A plugin failed; the message names the plugin and the hook. Exit 1."""

    exit_code = 1

    def __init__(self, error: PluginError) -> None:
        super().__init__(str(error))


def plugin_host() -> PluginHost:
    """The plugin host of this invocation, built once; ``--strict-plugins`` makes failures fatal."""
    ctx = click.get_current_context()
    root = ctx.find_root()
    root.ensure_object(dict)
    host = root.obj.get("host")
    if host is None:
        host = build_host()
        root.obj["host"] = host
        for failure in host.failures:
            click.echo(f"warning: plugin {failure.plugin!r} not loaded: {failure.reason}", err=True)
        if host.failures and root.obj.get("strict_plugins"):
            raise UsageProblem(f"{len(host.failures)} plugin(s) failed to load (--strict-plugins)")
    assert isinstance(host, PluginHost)
    return host


def load_workspace(root: Path) -> workspace.LoadedWorkspace:
    """Load and validate ``root`` (with the plugins' checks) or exit 2 listing every problem."""
    try:
        return workspace.load(root, plugin_host())
    except WorkspaceError as exc:
        raise ProblemsFound(exc.problems) from None
    except PluginError as exc:
        raise PluginFailed(exc) from None
