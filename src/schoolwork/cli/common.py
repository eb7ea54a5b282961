"""What every command shares: plugins, loading a workspace and reporting its problems."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from schoolwork import workspace
from schoolwork.calendar import parse_school_year_name
from schoolwork.evaluation.engine import SchemeError
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


@contextlib.contextmanager
def reported(lookups: bool = False) -> Iterator[None]:
    """Turn the library's errors into the command line's, without a traceback.

    Problems in the workspace exit 2 listing them, an unsound scheme exits 2, a failing plugin
    exits 1 naming it. With ``lookups``, a ``KeyError`` (an id the user typed that does not
    exist, such as a scheme or subject) exits 2 with its message.
    """
    try:
        yield
    except WorkspaceError as exc:
        raise ProblemsFound(exc.problems) from None
    except SchemeError as exc:
        raise UsageProblem(str(exc)) from None
    except PluginError as exc:
        raise PluginFailed(exc) from None
    except KeyError as exc:
        if not lookups:
            raise
        raise UsageProblem(str(exc.args[0])) from None


def check_year(year: str | None) -> None:
    """Refuse a ``--year`` that is not a school year such as 2023-2024."""
    if year is not None and parse_school_year_name(year) is None:
        raise UsageProblem(f"--year {year!r}: expected a school year such as 2023-2024")


def load_workspace(root: Path) -> workspace.LoadedWorkspace:
    """Load and validate ``root`` (with the plugins' checks) or exit 2 listing every problem."""
    with reported():
        return workspace.load(root, plugin_host())
