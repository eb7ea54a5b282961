"""``schoolwork goals``: the goal tree with achievement and status per goal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from schoolwork.cli.common import WORKSPACE_DIR, open_session, option, reported, run_lang
from schoolwork.cli.localised import Day, command
from schoolwork.cli.table import format_fitted, output_width, wrap_line
from schoolwork.labels import label
from schoolwork.reports.listings import goal_table


@command(
    zh="显示目标树：每个目标的达成度、时间进度和状态；学年（或学期）已结束的目标显示完成情况。"
)
@click.argument("directory", type=WORKSPACE_DIR)
@option(
    "--as-of",
    "as_of",
    type=Day(),
    help="The date to judge at (default: today, within the plan's years).",
    zh="评估日期（默认：今天，限定在规划的年份内）。",
)
@option(
    "--plan",
    "plan_id",
    help="Show only the goals of this plan.",
    zh="只显示这个规划的目标。",
)
def goals(directory: Path, as_of: date | None, plan_id: str | None) -> None:
    """Print the goal tree with each goal's achievement, expected pace and status.

    A goal whose year (or semester) has ended shows its outcome: done, mostly or not_done.
    """
    lang = run_lang()
    session = open_session(directory)
    with reported():
        listing = goal_table(session.workspace, as_of, plan_id, lang=lang)
    room = output_width()
    for plan in listing.plans:
        click.echo(wrap_line(label("cli.goals.plan", lang, name=plan.name, id=plan.id), room))
        for phase in plan.phases:
            line = f"  {phase.year}  {phase.theme}  {phase.aim}".rstrip()
            click.echo(wrap_line(line, room, hang=len(f"  {phase.year}  ")))
    click.echo(listing.table.caption)
    click.echo(format_fitted(listing.table.columns, listing.table.rows, room))
