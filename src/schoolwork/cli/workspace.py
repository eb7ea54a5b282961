"""``schoolwork init`` and ``schoolwork validate``."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import click

from schoolwork.atomic import write_text
from schoolwork.cli.common import WORKSPACE_DIR, UsageProblem, open_session
from schoolwork.organisation import RoleKind, UnitKind
from schoolwork.sample import copy_sample
from schoolwork.skeleton import skeleton_text
from schoolwork.workspace import LoadedWorkspace


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--sample", is_flag=True, help="Copy the bundled sample school instead.")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def init(directory: Path, sample: bool, force: bool) -> None:
    """Create a workspace in DIRECTORY: an empty skeleton, or the bundled sample school.

    A folder that already holds files is refused unless --force is given; with it, files of
    the same name are replaced and others are left alone.
    """
    if directory.exists() and not directory.is_dir():
        raise UsageProblem(f"{directory} is a file; expected a folder")
    if directory.exists() and any(directory.iterdir()) and not force:
        raise UsageProblem(f"{directory} is not empty; choose a new folder or add --force")
    if sample:
        written = copy_sample(directory)
    else:
        target = directory / "school.toml"
        write_text(target, skeleton_text(date.today()))
        written = [target]
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: schoolwork validate {directory}")


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
def validate(directory: Path) -> None:
    """Check the workspace in DIRECTORY; print a summary, or every problem and exit 2."""
    loaded = open_session(directory).loaded
    click.echo(summary(loaded))


def summary(loaded: LoadedWorkspace) -> str:
    """A one-screen account of a sound workspace."""
    ws = loaded.workspace
    where = ", ".join(part for part in (ws.school.city, ws.school.county) if part)
    units = Counter(u.kind for u in ws.units)
    active = [p for p in ws.people if p.active]
    roles = Counter(role.kind for person in active for role in person.roles)
    lines = [
        f"school:   {ws.school.name}" + (f" ({where})" if where else ""),
        f"files:    {', '.join(sorted(p.name for p in loaded.files.values()))} in {loaded.root}",
        f"units:    {len(ws.units)}"
        + _counts(", ".join(f"{kind.value} {units[kind]}" for kind in UnitKind if units[kind])),
        f"people:   {len(active)} active, {len(ws.people) - len(active)} left",
    ]
    lines += [f"  {kind.value:<16} {roles[kind]}" for kind in RoleKind if roles[kind]]
    years = ", ".join(y.name for y in ws.calendar.years) or "none"
    lines.append(f"calendar: {years}; {len(ws.calendar.holidays)} holidays")
    lines.append("ok: no problems found")
    return "\n".join(lines)


def _counts(text: str) -> str:
    return f" ({text})" if text else ""
