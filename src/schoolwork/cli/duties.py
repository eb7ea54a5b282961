"""``schoolwork grid``, ``schoolwork projects`` and ``schoolwork calendar``."""

from __future__ import annotations

from collections import Counter
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
from schoolwork.grid import POSTS, without_safety_duty
from schoolwork.projects import ProjectState
from schoolwork.terminal import format_table


def _names(loaded_people: object) -> dict[str, str]:
    return {p.id: p.name for p in loaded_people}  # type: ignore[attr-defined]


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
    ws = loaded.workspace
    names = _names(ws.people)
    units = {u.id: u.name for u in ws.units}
    grids = [g for g in ws.grids if grid_id in (None, g.id)]
    if grid_id is not None and not grids:
        raise UsageProblem(
            f"no grid {grid_id!r} (known: {', '.join(g.id for g in ws.grids) or 'none'})"
        )
    for g in grids:
        overloads = g.overloads()
        click.echo(
            f"{g.name} ({g.id}), purpose {g.purpose}, leader {names.get(g.leader, g.leader)}"
        )
        rows = []
        for scope in g.scopes:
            row = [units.get(scope, scope)]
            for duty in g.duties:
                owners = g.owners(scope, duty.id)
                if not owners:
                    row.append("! gap")
                    continue
                cell = next(c for c in g.cells if c.scope == scope and c.duty == duty.id)
                text = " + ".join(names.get(o, o) for o in owners)
                if len(owners) > 1:
                    text = "! " + text
                elif cell.owner in overloads:
                    text += " (over load)"
                if cell.backup:
                    text += f" ({names.get(cell.backup, cell.backup)})"
                row.append(text)
            rows.append(row)
        click.echo(format_table(["", *(d.name for d in g.duties)], rows, indent="  "))
        gaps, doubles = g.gaps(), g.double_owners()
        click.echo(
            f"  gaps: {len(gaps)}; double owners: {len(doubles)}; overloads: {len(overloads)}"
        )
        for person, count in overloads.items():
            click.echo(
                f"  overload: {names.get(person, person)} owns {count} cells (limit {g.load_limit})"
            )
        click.echo("")
    missing = without_safety_duty(ws.grids, ws.people)
    click.echo(f"一岗双责: {len(missing)} post holders carry no safety duty")
    for holder in missing:
        posts = ", ".join(r.kind.value for r in holder.roles if r.kind in POSTS)
        click.echo(f"  {holder.id} {holder.name} ({posts})")


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
def projects(directory: Path) -> None:
    """List projects by state and lead office, marking incomplete 5W2H plans."""
    loaded = open_session(directory).loaded
    ws = loaded.workspace
    units = {u.id: u.name for u in ws.units}
    for state in ProjectState:
        found = [p for p in ws.projects if p.state is state]
        if not found:
            continue
        click.echo(f"{state.value} ({len(found)})")
        for lead in sorted({p.lead or "" for p in found}):
            click.echo(f"  {units.get(lead, lead) if lead else 'no office yet'}")
            for project in (p for p in found if (p.lead or "") == lead):
                missing = project.plan.missing() if project.plan is not None else ["the whole plan"]
                mark = (
                    f"  [5W2H incomplete: {', '.join(missing)}]"
                    if missing and state is not ProjectState.UNCLAIMED
                    else ""
                )
                click.echo(f"    {project.id} {project.title}{mark}")
    claimed = [p for p in ws.projects if p.state is not ProjectState.UNCLAIMED]
    closed = sum(1 for p in claimed if p.state is ProjectState.CLOSED)
    share = f"{100 * closed / len(claimed):.0f}%" if claimed else "—"
    click.echo(f"closed loop: {closed} of {len(claimed)} claimed projects ({share})")
    by_office = Counter(p.lead or "" for p in claimed)
    counts = ", ".join(f"{units.get(o, o)} {n}" for o, n in sorted(by_office.items()))
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
    loaded = open_session(directory).loaded
    ws = loaded.workspace
    events = []
    for project in ws.projects:
        if project.plan is None:
            continue
        for day in project.plan.occurrences(first, last, ws.calendar, skip_closed=not all_days):
            events.append((day, project.id, project.plan.what or project.title, project.plan.where))
    events.sort()
    rows = [
        (d.isoformat(), f"周{'一二三四五六日'[d.weekday()]}", pid, what, where)
        for d, pid, what, where in events
    ]
    click.echo(format_table(["date", "day", "project", "what", "where"], rows))
    click.echo(f"{len(events)} occurrences from {first} to {last}")
