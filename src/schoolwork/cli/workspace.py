"""``schoolwork init`` and ``schoolwork validate``."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.cli.common import WORKSPACE_DIR, open_session, reported, run_lang, warn
from schoolwork.job import init_workspace


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--sample", is_flag=True, help="Copy the bundled sample school instead.")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def init(directory: Path, sample: bool, force: bool) -> None:
    """Create a workspace in DIRECTORY: an empty skeleton, or the bundled sample school.

    A folder that already holds files is refused unless --force is given; with it, files of
    the same name are replaced and others are left alone.
    """
    with reported(writing=True):
        written = init_workspace(directory, sample=sample, force=force)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: schoolwork validate {directory}")


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
def validate(directory: Path) -> None:
    """Check the workspace in DIRECTORY; print a summary, or every problem and exit 2.

    Warnings (what a scheme lets its data decide against its plain reading) go to stderr as
    ``warning: ...`` and do not fail the check.
    """
    session = open_session(directory)
    for warning in session.warnings:
        warn(warning)
    click.echo(session.summary())
    click.echo("通过：没有发现问题" if run_lang() == "zh" else "ok: no problems found")
