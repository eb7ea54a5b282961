"""``schoolwork goals``: the goal tree with achievement and status per goal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from schoolwork.cli.common import WORKSPACE_DIR, open_session, reported
from schoolwork.terminal import format_table


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The date to judge at (default: today, within the plan's years).",
)
@click.option("--plan", "plan_id", help="Show only the goals of this plan.")
def goals(directory: Path, as_of: object, plan_id: str | None) -> None:
    """Print the goal tree with each goal's achievement, expected pace and status."""
    day: date | None = as_of.date() if as_of is not None else None  # type: ignore[attr-defined]
    session = open_session(directory)
    with reported():
        listing = session.goal_table(day, plan_id)
    for plan in listing.plans:
        click.echo(f"{plan.name} ({plan.id})")
        for phase in plan.phases:
            click.echo(f"  {phase.year}  {phase.theme}  {phase.aim}")
    click.echo(f"as of {listing.as_of}")
    click.echo(format_table(listing.table.columns, listing.table.rows))
