"""Listings of a workspace for a person to read: grids, projects, occurrences, goals, records.

Each function reads a :class:`~schoolwork.Workspace` and returns :class:`~schoolwork.Table`
objects, or a small result made of them, that the command line prints as they are
(``schoolwork.terminal.format_table``) and a script can use. Nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import attrs

from schoolwork.calendar import SchoolCalendar, parse_school_year_name, period_span
from schoolwork.errors import UnknownIdError, UsageError
from schoolwork.goals import DevelopmentPlan, GoalTree, achievements, depth_first, plan_span
from schoolwork.grid import POSTS, Grid, without_safety_duty
from schoolwork.labels import Lang, label
from schoolwork.organisation import RoleKind, UnitKind
from schoolwork.projects import Project, ProjectState
from schoolwork.records import Activity, Honour, Inspection, RecipientKind, RecordBook, Severity
from schoolwork.reports import sections
from schoolwork.reports.model import Table
from schoolwork.workspace import LoadedWorkspace, Workspace

Key = tuple[str, str]
"""A grid cell: (scope, duty)."""

Tally = tuple[tuple[str, int], ...]
"""Labelled counts in a fixed order, leaving out what counts nothing."""

WEEKDAYS = "一二三四五六日"
NO_PLAN = "the whole plan"
"""What an incomplete 5W2H plan lacks when the project has no plan at all."""


# Grids


@attrs.frozen
class GridTable:
    """One grid as a matrix of scopes × duties, with its gaps, double owners and overloads.

    Each cell of ``table`` reads owner (backup): ``! gap`` marks a cell without an owner,
    a leading ``!`` a cell with several, ``(over load)`` an owner above the load limit.
    ``overloads`` are (name, cells owned) of those above it.
    """

    grid: Grid
    leader: str
    table: Table
    gaps: tuple[Key, ...]
    double_owners: tuple[Key, ...]
    overloads: Tally


@attrs.frozen
class GridTables:
    """Every grid asked for, and the post holders with no safety duty (一岗双责) in any grid."""

    grids: tuple[GridTable, ...]
    without_safety_duty: Table


def grid_tables(workspace: Workspace, grid_id: str | None = None) -> GridTables:
    """Each grid of ``workspace`` (or only ``grid_id``) as a matrix with its problems.

    The grids are read as they are, so a gap or a double owner is shown rather than refused.
    An unknown ``grid_id`` raises :class:`~schoolwork.UnknownIdError` naming the known ones.
    """
    grids = [g for g in workspace.grids if grid_id in (None, g.id)]
    if grid_id is not None and not grids:
        known = ", ".join(g.id for g in workspace.grids) or "none"
        raise UnknownIdError(f"no grid {grid_id!r} (known: {known})")
    names = _people(workspace)
    units = _units(workspace)
    return GridTables(
        tuple(_grid_table(g, names, units) for g in grids),
        safety_duty_table(workspace),
    )


def _grid_table(grid: Grid, names: dict[str, str], units: dict[str, str]) -> GridTable:
    overloads = grid.overloads()
    rows = []
    for scope in grid.scopes:
        row = [units.get(scope, scope)]
        for duty in grid.duties:
            owners = grid.owners(scope, duty.id)
            if not owners:
                row.append("! gap")
                continue
            cell = next(c for c in grid.cells if c.scope == scope and c.duty == duty.id)
            text = " + ".join(names.get(o, o) for o in owners)
            if len(owners) > 1:
                text = "! " + text
            elif cell.owner in overloads:
                text += " (over load)"
            if cell.backup:
                text += f" ({names.get(cell.backup, cell.backup)})"
            row.append(text)
        rows.append(tuple(row))
    leader = names.get(grid.leader, grid.leader)
    caption = f"{grid.name} ({grid.id}), purpose {grid.purpose}, leader {leader}"
    return GridTable(
        grid,
        leader,
        Table(("", *(d.name for d in grid.duties)), tuple(rows), caption),
        tuple(grid.gaps()),
        tuple(grid.double_owners()),
        tuple((names.get(p, p), n) for p, n in overloads.items()),
    )


def safety_duty_table(workspace: Workspace) -> Table:
    """Active post holders who own no cell of any safety grid (一岗双责): id, name, posts."""
    rows = tuple(
        (
            holder.id,
            holder.name,
            ", ".join(r.kind.value for r in holder.roles if r.kind in POSTS),
        )
        for holder in without_safety_duty(workspace.grids, workspace.people)
    )
    return Table(("id", "name", "posts"), rows, "一岗双责")


# Projects


@attrs.frozen
class ProjectLine:
    """A project on the board; ``incomplete`` names what its 5W2H plan lacks once claimed."""

    project: Project
    incomplete: tuple[str, ...] = ()


@attrs.frozen
class OfficeProjects:
    """The projects one office leads; ``office`` is its name, ``None`` before any claims them."""

    office: str | None
    projects: tuple[ProjectLine, ...]


@attrs.frozen
class StateProjects:
    """The projects in one state, by lead office (in the order of the offices' ids)."""

    state: ProjectState
    offices: tuple[OfficeProjects, ...]

    @property
    def count(self) -> int:
        return sum(len(o.projects) for o in self.offices)


@attrs.frozen
class ProjectBoard:
    """Projects by state and lead office, and how many claimed projects closed the loop.

    ``states`` holds the states that have projects, in the order of :class:`ProjectState`;
    ``by_office`` is (office name, claimed projects) in the order of the offices' ids.
    """

    states: tuple[StateProjects, ...]
    claimed: int
    closed: int
    by_office: Tally

    @property
    def closed_share(self) -> Decimal | None:
        """The share of claimed projects that are closed (工作闭环); ``None`` with none claimed."""
        return Decimal(self.closed) / Decimal(self.claimed) if self.claimed else None


def project_board(workspace: Workspace) -> ProjectBoard:
    """The project board of ``workspace``: states, lead offices, incomplete plans, closed loop."""
    units = _units(workspace)
    states = []
    for state in ProjectState:
        found = [p for p in workspace.projects if p.state is state]
        if not found:
            continue
        offices = []
        for lead in sorted({p.lead or "" for p in found}):
            lines = tuple(ProjectLine(p, _incomplete(p)) for p in found if (p.lead or "") == lead)
            offices.append(OfficeProjects(units.get(lead, lead) if lead else None, lines))
        states.append(StateProjects(state, tuple(offices)))
    claimed = [p for p in workspace.projects if p.state is not ProjectState.UNCLAIMED]
    closed = sum(1 for p in claimed if p.state is ProjectState.CLOSED)
    by_office = Counter(p.lead or "" for p in claimed)
    return ProjectBoard(
        tuple(states),
        len(claimed),
        closed,
        tuple((units.get(o, o), n) for o, n in sorted(by_office.items())),
    )


def _incomplete(project: Project) -> tuple[str, ...]:
    if project.state is ProjectState.UNCLAIMED:
        return ()
    return tuple(project.plan.missing()) if project.plan is not None else (NO_PLAN,)


def occurrences(workspace: Workspace, first: date, last: date, all_days: bool = False) -> Table:
    """Every occurrence of every project's plan from ``first`` to ``last``, in order.

    Columns: date, day (周一…周日), project, what, where. Occurrences in holidays and vacations
    are left out unless ``all_days``. ``last`` before ``first`` is a
    :class:`~schoolwork.UsageError`.
    """
    if last < first:
        raise UsageError(f"the last day {last} is before the first day {first}")
    events = []
    for project in workspace.projects:
        if project.plan is None:
            continue
        days = project.plan.occurrences(first, last, workspace.calendar, skip_closed=not all_days)
        for day in days:
            events.append((day, project.id, project.plan.what or project.title, project.plan.where))
    events.sort()
    rows = tuple(
        (d.isoformat(), f"周{WEEKDAYS[d.weekday()]}", pid, what, where)
        for d, pid, what, where in events
    )
    return Table(
        ("date", "day", "project", "what", "where"), rows, f"occurrences from {first} to {last}"
    )


# Goals


@attrs.frozen
class GoalListing:
    """The goal tree of some plans at one date.

    ``table`` has a row per goal in tree order (the title indented by depth): goal, owner,
    period, achieved (``—`` without data), pace, status.
    """

    plans: tuple[DevelopmentPlan, ...]
    as_of: date
    table: Table


def default_as_of(
    plans: Sequence[DevelopmentPlan], calendar: SchoolCalendar, today: date | None = None
) -> date:
    """The date goals are judged at by default: ``today``, kept within the first plan's years."""
    day = today or date.today()
    if plans:
        first, last = plan_span(plans[0], calendar)
        day = min(max(day, first), last)
    return day


def goal_table(
    workspace: Workspace,
    as_of: date | None = None,
    plan_id: str | None = None,
    *,
    today: date | None = None,
) -> GoalListing:
    """Every goal (or those of ``plan_id``) with its achievement, expected pace and status.

    Without ``as_of`` the goals are judged at :func:`default_as_of`. An unknown ``plan_id``
    raises :class:`~schoolwork.UnknownIdError` naming the known ones.
    """
    plans = tuple(p for p in workspace.plans if plan_id in (None, p.id))
    if plan_id is not None and not plans:
        known = ", ".join(p.id for p in workspace.plans) or "none"
        raise UnknownIdError(f"no plan {plan_id!r} (known: {known})")
    chosen = tuple(g for g in workspace.goals if plan_id is None or g.plan == plan_id)
    tree = GoalTree(chosen, workspace.plans)
    day = as_of if as_of is not None else default_as_of(plans, workspace.calendar, today)
    units = _units(workspace) | {workspace.school.id: workspace.school.name}
    people = _people(workspace)
    found = achievements(tree, day, workspace.calendar)
    rows = []
    for depth, goal in depth_first(tree):
        value, pace, state = found[goal.id]
        rows.append(
            (
                "  " * depth + goal.title,
                units.get(goal.owner) or people.get(goal.owner, goal.owner),
                goal.period,
                "—" if value is None else f"{value * 100:.1f}%",
                f"{pace * 100:.0f}%",
                state.value,
            )
        )
    columns = ("goal", "owner", "period", "achieved", "pace", "status")
    return GoalListing(plans, day, Table(columns, tuple(rows), f"as of {day}"))


# Records


@attrs.frozen
class CategoryTally:
    """One category's honours by level and prize (县级一等奖 8, …), the highest level first."""

    category: str
    prizes: Tally

    @property
    def total(self) -> int:
        return sum(n for _, n in self.prizes)


@attrs.frozen
class RecordTallies:
    """The records of a span counted by kind, level, prize, type and severity.

    ``year`` is the school year asked for (``None``: every record, ``start``–``end`` being
    the first and last record's dates); ``records`` the four core kinds' records of the span.
    """

    school: str
    year: str | None
    start: date
    end: date
    records: RecordBook
    honour_tables: tuple[Table, ...]
    by_recipient: Tally
    by_category: tuple[CategoryTally, ...]
    activities: Table | None
    inspections: Table | None
    incidents: Tally


def record_tallies(
    workspace: Workspace, year: str | None = None, lang: Lang = "zh"
) -> RecordTallies:
    """Count the honours, activities, inspections and incidents of ``year`` (default: all).

    A ``year`` that is not a school year such as ``2023-2024`` is a
    :class:`~schoolwork.UsageError`.
    """
    if year is not None and parse_school_year_name(year) is None:
        raise UsageError(f"year {year!r}: expected a school year such as 2023-2024")
    start, end = record_span(workspace, year)
    honours = tuple(h for h in workspace.honours if start <= h.date <= end)
    activities = tuple(a for a in workspace.activities if start <= a.date <= end)
    inspections = tuple(i for i in workspace.inspections if start <= i.date <= end)
    incidents = tuple(i for i in workspace.incidents if start <= i.date <= end)
    book = RecordBook.of(
        honour=honours, activity=activities, inspection=inspections, incident=incidents
    )
    honour_tables: tuple[Table, ...] = ()
    if honours:
        honour_tables = tuple(
            block
            for section in sections.honours(RecordBook.of(honour=honours), start, end, lang)
            for block in section.blocks
            if isinstance(block, Table)
        )
    recipients = Counter(h.recipient.kind for h in honours)
    severities = Counter(i.severity for i in incidents)
    return RecordTallies(
        school=workspace.school.name,
        year=year,
        start=start,
        end=end,
        records=book,
        honour_tables=honour_tables,
        by_recipient=tuple((label(k, lang), recipients[k]) for k in RecipientKind if recipients[k]),
        by_category=_by_category(honours, lang),
        activities=_activity_table(activities) if activities else None,
        inspections=_inspection_table(inspections) if inspections else None,
        incidents=tuple((label(s, lang), severities[s]) for s in Severity if severities[s]),
    )


def record_span(workspace: Workspace, year: str | None = None) -> tuple[date, date]:
    """The days of school year ``year``; without one, the first and last record's dates.

    A workspace without records gives an empty span (``date.max``, ``date.min``).
    """
    if year is not None:
        return period_span(year, workspace.calendar)
    days = [
        *(h.date for h in workspace.honours),
        *(a.date for a in workspace.activities),
        *(i.date for i in workspace.inspections),
        *(i.date for i in workspace.incidents),
    ]
    return (min(days), max(days)) if days else (date.max, date.min)


def _prize(honour: Honour, lang: Lang) -> str:
    if honour.rank is not None:
        return label(honour.rank, lang)
    if honour.place is not None:
        return f"第{honour.place}名" if lang == "zh" else f"place {honour.place}"
    return label("rank.title", lang)


def _by_category(honours: Sequence[Honour], lang: Lang) -> tuple[CategoryTally, ...]:
    found: dict[str, Counter[str]] = {}
    ordered = sorted(
        honours, key=lambda h: (h.level.rank, h.rank.order if h.rank else 9, h.place or 0)
    )
    for h in ordered:
        found.setdefault(h.category or "—", Counter())[
            f"{label(h.level, lang)}{_prize(h, lang)}"
        ] += 1
    return tuple(
        CategoryTally(category, tuple(counts.items())) for category, counts in sorted(found.items())
    )


def _activity_table(activities: Sequence[Activity]) -> Table:
    types = Counter(a.type for a in activities)
    rows = tuple((kind, str(types[kind])) for kind in sorted(types))
    return Table(("type", "count"), rows, "activities by type")


def _inspection_table(inspections: Sequence[Inspection]) -> Table:
    rows = []
    for kind in sorted({i.type for i in inspections}):
        found = [i for i in inspections if i.type == kind]
        on_days = len({i.date for i in found})
        passed = sum(1 for i in found if i.passed)
        rows.append((kind, str(len(found)), str(on_days), str(passed)))
    return Table(("type", "records", "days", "passed"), tuple(rows), "inspections by type")


# The workspace


def summary(loaded: LoadedWorkspace) -> str:
    """A one-screen account of a workspace: school, files, units, people by role, calendar."""
    ws = loaded.workspace
    where = ", ".join(part for part in (ws.school.city, ws.school.county) if part)
    units = Counter(u.kind for u in ws.units)
    active = [p for p in ws.people if p.active]
    roles = Counter(role.kind for person in active for role in person.roles)
    unit_counts = ", ".join(f"{kind.value} {units[kind]}" for kind in UnitKind if units[kind])
    lines = [
        f"school:   {ws.school.name}" + (f" ({where})" if where else ""),
        f"files:    {', '.join(sorted(p.name for p in loaded.files.values()))} in {loaded.root}",
        f"units:    {len(ws.units)}" + (f" ({unit_counts})" if unit_counts else ""),
        f"people:   {len(active)} active, {len(ws.people) - len(active)} left",
    ]
    lines += [f"  {kind.value:<16} {roles[kind]}" for kind in RoleKind if roles[kind]]
    years = ", ".join(y.name for y in ws.calendar.years) or "none"
    lines.append(f"calendar: {years}; {len(ws.calendar.holidays)} holidays")
    return "\n".join(lines)


def _units(workspace: Workspace) -> dict[str, str]:
    return {u.id: u.name for u in workspace.units}


def _people(workspace: Workspace) -> dict[str, str]:
    return {p.id: p.name for p in workspace.people}


__all__ = [
    "CategoryTally",
    "GoalListing",
    "GridTable",
    "GridTables",
    "OfficeProjects",
    "ProjectBoard",
    "ProjectLine",
    "RecordTallies",
    "StateProjects",
    "default_as_of",
    "goal_table",
    "grid_tables",
    "occurrences",
    "project_board",
    "record_span",
    "record_tallies",
    "safety_duty_table",
    "summary",
]
