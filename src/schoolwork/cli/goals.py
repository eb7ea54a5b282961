"""``schoolwork goals``: the goal tree with achievement and status per goal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from schoolwork.cli.common import WORKSPACE_DIR, UsageProblem, open_session
from schoolwork.goals import GoalTree, achievements, depth_first, plan_span
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
    loaded = open_session(directory).loaded
    ws = loaded.workspace
    plans = [p for p in ws.plans if plan_id in (None, p.id)]
    if plan_id is not None and not plans:
        raise UsageProblem(
            f"no plan {plan_id!r} (known: {', '.join(p.id for p in ws.plans) or 'none'})"
        )
    chosen = [g for g in ws.goals if plan_id is None or g.plan == plan_id]
    tree = GoalTree(tuple(chosen), ws.plans)
    if as_of is not None:
        day: date = as_of.date()  # type: ignore[attr-defined]
    else:
        day = date.today()
        if plans:
            first, last = plan_span(plans[0], ws.calendar)
            day = min(max(day, first), last)
    for plan in plans:
        click.echo(f"{plan.name} ({plan.id})")
        for phase in plan.phases:
            click.echo(f"  {phase.year}  {phase.theme}  {phase.aim}")
    click.echo(f"as of {day}")
    units = {u.id: u.name for u in ws.units} | {ws.school.id: ws.school.name}
    people = {p.id: p.name for p in ws.people}
    found = achievements(tree, day, ws.calendar)
    rows = []
    for depth, goal in depth_first(tree):
        value, pace, state = found[goal.id]
        shown = "—" if value is None else f"{value * 100:.1f}%"
        owner = units.get(goal.owner) or people.get(goal.owner, goal.owner)
        rows.append(
            (
                "  " * depth + goal.title,
                owner,
                goal.period,
                shown,
                f"{pace * 100:.0f}%",
                state.value,
            )
        )
    click.echo(format_table(["goal", "owner", "period", "achieved", "pace", "status"], rows))
