"""``schoolwork grid``, ``schoolwork projects`` and ``schoolwork calendar``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from schoolwork.cli.common import (
    WORKSPACE_DIR,
    UsageProblem,
    open_session,
    option,
    plugin_host_of_run,
    reported,
    run_lang,
)
from schoolwork.cli.localised import Day, command
from schoolwork.cli.table import format_fitted, output_width, wrap_line
from schoolwork.job import read_workspace
from schoolwork.labels import label
from schoolwork.reports.listings import (
    grid_tables,
    missing_parts,
    occurrences,
    project_board,
    state_name,
)


@command(
    zh="""把每个责任网格显示为矩阵，并标出无人负责、多人负责和超出上限的职责格。

    单元格写作“负责人（B角）”；“！”标出无人负责或多人负责的格。网格按原样读取，所以问题会被显示出来，而不是拒绝执行。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
@option("--grid", "grid_id", help="Show only this grid.", zh="只显示这个网格（按 id）。")
def grid(directory: Path, grid_id: str | None) -> None:
    """Show each responsibility grid as a matrix, with gaps, double owners and overloads.

    Cells read owner (backup); `!` marks a gap (no owner) or a cell with several owners.
    The grid is read as it is, so problems are shown rather than refused.
    """
    lang = run_lang()
    with reported():
        loaded, problems = read_workspace(directory, host=plugin_host_of_run())
    if loaded is None or problems:
        loaded = open_session(directory).loaded  # reports every problem and exits 2
    with reported():
        found = grid_tables(loaded.workspace, grid_id, lang)
    room = output_width()
    for shown in found.grids:
        table = shown.table
        click.echo(wrap_line(table.caption, room))
        click.echo(format_fitted(table.columns, table.rows, room, indent="  "))
        counts = label(
            "cli.grid.counts",
            lang,
            gaps=len(shown.gaps),
            double=len(shown.double_owners),
            overloads=len(shown.overloads),
        )
        click.echo(f"  {counts}")
        for name, count in shown.overloads:
            over = label(
                "cli.grid.overload", lang, name=name, count=count, limit=shown.grid.load_limit
            )
            click.echo(wrap_line(f"  {over}", room, hang=4))
        click.echo("")
    missing = found.without_safety_duty
    head = label(
        "cli.grid.without_safety_duty", lang, caption=missing.caption, count=len(missing.rows)
    )
    click.echo(wrap_line(head, room))
    if missing.rows:
        click.echo(format_fitted(missing.columns, missing.rows, room, indent="  "))


@command(zh="按状态和牵头处室列出项目，并标出 5W2H 方案不完整的项目。")
@click.argument("directory", type=WORKSPACE_DIR)
def projects(directory: Path) -> None:
    """List projects by state and lead office, marking incomplete 5W2H plans."""
    lang = run_lang()
    session = open_session(directory)
    with reported():
        board = project_board(session.workspace)
    room = output_width()
    for state in board.states:
        click.echo(
            label(
                "cli.projects.state", lang, state=state_name(state.state, lang), count=state.count
            )
        )
        for office in state.offices:
            name = (
                office.office
                if office.office is not None
                else label("cli.projects.no_office", lang)
            )
            click.echo(f"  {name}")
            for line in office.projects:
                mark = (
                    label("cli.projects.incomplete", lang, missing=missing_parts(line, lang))
                    if line.incomplete
                    else ""
                )
                text = f"    {line.project.id} {line.project.title}{mark}"
                click.echo(wrap_line(text, room, hang=len(f"    {line.project.id} ")))
    share = board.closed_share
    shown = f"{100 * share:.0f}%" if share is not None else "—"
    closed = label(
        "cli.projects.closed", lang, closed=board.closed, claimed=board.claimed, share=shown
    )
    click.echo(wrap_line(closed, room))
    counts = label("listing.list", lang).join(f"{office} {n}" for office, n in board.by_office)
    click.echo(wrap_line(label("cli.projects.by_office", lang, counts=counts), room, hang=4))


@command(
    zh="""列出两个日期之间每个项目方案的每一次安排，按时间排序。

    落在节假日和寒暑假的安排不列出，除非加 --all-days。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
@option(
    "--from",
    "start",
    type=Day(),
    required=True,
    help="First day (YYYY-MM-DD).",
    zh="第一天（YYYY-MM-DD）。",
)
@option(
    "--to",
    "end",
    type=Day(),
    required=True,
    help="Last day (YYYY-MM-DD).",
    zh="最后一天（YYYY-MM-DD）。",
)
@option(
    "--all-days",
    is_flag=True,
    help="Keep occurrences that fall in holidays and vacations.",
    zh="保留落在节假日和寒暑假的安排。",
)
def calendar(directory: Path, start: date, end: date, all_days: bool) -> None:
    """Every occurrence of every project's plan between two dates, in order.

    Occurrences in holidays and vacations are left out unless --all-days is given.
    """
    lang = run_lang()
    if end < start:
        raise UsageProblem(label("cli.calendar.reversed", lang, first=start, last=end))
    session = open_session(directory)
    with reported():
        table = occurrences(session.workspace, start, end, all_days, lang)
    click.echo(format_fitted(table.columns, table.rows, output_width()))
    click.echo(label("cli.calendar.count", lang, count=len(table.rows), first=start, last=end))
