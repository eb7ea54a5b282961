"""What every command shares: loading a workspace and reporting its problems."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import click

from schoolwork import workspace
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


def load_workspace(root: Path) -> workspace.LoadedWorkspace:
    """Load and validate ``root`` or exit 2 listing every problem."""
    try:
        return workspace.load(root)
    except WorkspaceError as exc:
        raise ProblemsFound(exc.problems) from None
