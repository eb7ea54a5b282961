"""``schoolwork grid``, ``schoolwork projects`` and ``schoolwork calendar``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from schoolwork.cli.common import (
    WORKSPACE_DIR,
    UsageProblem,
    open_session,
    plugin_host_of_run,
    reported,
)
from schoolwork.job import read_workspace
from schoolwork.reports.listings import grid_tables
from schoolwork.terminal import format_table


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--grid", "grid_id", help="Show only this grid.")
def grid(directory: Path, grid_id: str | None) -> None:
    """Show each responsibility grid as a matrix, with gaps, double owners and overloads.

    Cells read owner (backup); `!` marks a gap (no owner) or a cell with several owners.
    The grid is read as it is, so problems are shown rather than refused.
    """
    with reported():
        loaded, problems = read_workspace(directory, host=plugin_host_of_run())
    if loaded is None or problems:
        loaded = open_session(directory).loaded  # reports every problem and exits 2
    with reported():
        found = grid_tables(loaded.workspace, grid_id)
    for shown in found.grids:
        table = shown.table
        click.echo(table.caption)
        click.echo(format_table(table.columns, table.rows, indent="  "))
        click.echo(
            f"  gaps: {len(shown.gaps)}; double owners: {len(shown.double_owners)}; "
            f"overloads: {len(shown.overloads)}"
        )
        for name, count in shown.overloads:
            click.echo(f"  overload: {name} owns {count} cells (limit {shown.grid.load_limit})")
        click.echo("")
    missing = found.without_safety_duty
    click.echo(f"{missing.caption}: {len(missing.rows)} post holders carry no safety duty")
    for person_id, name, posts in missing.rows:
        click.echo(f"  {person_id} {name} ({posts})")


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
def projects(directory: Path) -> None:
    """List projects by state and lead office, marking incomplete 5W2H plans."""
    session = open_session(directory)
    with reported():
        board = session.project_board()
    for state in board.states:
        click.echo(f"{state.state.value} ({state.count})")
        for office in state.offices:
            click.echo(f"  {office.office if office.office is not None else 'no office yet'}")
            for line in office.projects:
                mark = (
                    f"  [5W2H incomplete: {', '.join(line.incomplete)}]" if line.incomplete else ""
                )
                click.echo(f"    {line.project.id} {line.project.title}{mark}")
    share = board.closed_share
    shown = f"{100 * share:.0f}%" if share is not None else "—"
    click.echo(f"closed loop: {board.closed} of {board.claimed} claimed projects ({shown})")
    counts = ", ".join(f"{office} {n}" for office, n in board.by_office)
    click.echo(f"claimed by office: {counts}")


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option(
    "--from",
    "start",
    type=click.DateTime(["%Y-%m-%d"]),
    required=True,
    help="First day (YYYY-MM-DD).",
)
@click.option(
    "--to", "end", type=click.DateTime(["%Y-%m-%d"]), required=True, help="Last day (YYYY-MM-DD)."
)
@click.option(
    "--all-days", is_flag=True, help="Keep occurrences that fall in holidays and vacations."
)
def calendar(directory: Path, start: object, end: object, all_days: bool) -> None:
    """Every occurrence of every project's plan between two dates, in order.

    Occurrences in holidays and vacations are left out unless --all-days is given.
    """
    first: date = start.date()  # type: ignore[attr-defined]
    last: date = end.date()  # type: ignore[attr-defined]
    if last < first:
        raise UsageProblem(f"--to {last} is before --from {first}")
    session = open_session(directory)
    with reported():
        table = session.occurrences(first, last, all_days)
    click.echo(format_table(table.columns, table.rows))
    click.echo(f"{len(table.rows)} occurrences from {first} to {last}")
