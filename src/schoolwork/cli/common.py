"""What every command shares: opening a workspace with its plugins, and reporting errors.

Commands are thin: they read options, call the library (:mod:`schoolwork.job`) and print.
Every command that reads a workspace prints its problems, one per line, and exits with 2; no
command shows a traceback for bad input or a failing plugin.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from schoolwork.errors import (
    MissingExtraError,
    PluginError,
    Problem,
    SchemeError,
    UnknownIdError,
    UsageError,
    WorkspaceError,
)
from schoolwork.job import Session, open_workspace, plugin_host
from schoolwork.plugins import PluginHost

WORKSPACE_DIR = click.Path(file_okay=True, dir_okay=True, path_type=Path)
YEAR = click.option(
    "--year", help="The school year, such as 2023-2024 (default: the schemes' year)."
)


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


@contextlib.contextmanager
def reported() -> Iterator[None]:
    """Turn the library's errors into the command line's, without a traceback.

    Problems in the workspace exit 2 listing them; an unsound scheme, an unknown id, an unusable
    argument, a missing extra or a file that cannot be written exit 2 in one line; a failing
    plugin exits 1 naming it.
    """
    try:
        yield
    except WorkspaceError as exc:
        raise ProblemsFound(exc.problems) from None
    except (SchemeError, UnknownIdError, UsageError, MissingExtraError) as exc:
        raise UsageProblem(str(exc)) from None
    except PluginError as exc:
        if exc.hook is None:  # could not load: the setup is wrong, not a run
            raise UsageProblem(str(exc)) from None
        raise PluginFailed(str(exc)) from None
    except OSError as exc:  # an output that exists, a folder that cannot be written
        raise UsageProblem(str(exc)) from None


def plugin_host_of_run() -> PluginHost:
    """The plugin host of this invocation, built once; ``--strict-plugins`` makes failures fatal."""
    root = click.get_current_context().find_root()
    root.ensure_object(dict)
    host = root.obj.get("host")
    if host is None:
        strict = bool(root.obj.get("strict_plugins"))
        with reported():
            host = plugin_host(strict=strict)
        for failure in host.failures:
            click.echo(f"warning: plugin {failure.plugin!r} not loaded: {failure.reason}", err=True)
        root.obj["host"] = host
    assert isinstance(host, PluginHost)
    return host


def open_session(directory: Path) -> Session:
    """Open and validate ``directory`` with the run's plugins, or exit 2 listing every problem."""
    with reported():
        return open_workspace(directory, host=plugin_host_of_run())
