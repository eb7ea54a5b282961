"""Listings of a workspace for a person to read: grids, projects, occurrences, goals, records.

Each function reads a :class:`~schoolwork.Workspace` and returns :class:`~schoolwork.Table`
objects, or a small result made of them, that the command line prints as they are
(``schoolwork.terminal.format_table``) and a script can use. Nothing here prints.

Each takes ``lang``: ``"en"`` (the default) gives the workspace format's own words, as a script
and an English reader want them (``on_track``, ``vice_principal``, ``id``); ``"zh"`` gives
Chinese headers, statuses, roles and kinds (有风险, 分管校长, 工号) from :mod:`schoolwork.labels`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs

from schoolwork.calendar import SchoolCalendar, parse_school_year_name, period_span
from schoolwork.errors import UnknownIdError, UsageError
from schoolwork.goals import (
    DevelopmentPlan,
    GoalStatus,
    GoalTree,
    achievements,
    depth_first,
    period_bounds,
    plan_span,
)
from schoolwork.grid import POSTS, Grid, without_safety_duty
from schoolwork.labels import Lang, has_label, label
from schoolwork.organisation import Role, RoleKind, UnitKind
from schoolwork.projects import Project, ProjectState
from schoolwork.records import Activity, Honour, Inspection, RecipientKind, RecordBook, Severity
from schoolwork.reports import sections
from schoolwork.reports.model import Table
from schoolwork.reports.notes import fixed
from schoolwork.reports.outcomes import Outcome, is_year_end, outcome
from schoolwork.results import Adjustment, Evaluation
from schoolwork.scheme import Scheme, SubjectKind
from schoolwork.terminal import width
from schoolwork.values import VALUES_DIR
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


def grid_tables(workspace: Workspace, grid_id: str | None = None, lang: Lang = "en") -> GridTables:
    """Each grid of ``workspace`` (or only ``grid_id``) as a matrix with its problems.

    The grids are read as they are, so a gap or a double owner is shown rather than refused.
    An unknown ``grid_id`` raises :class:`~schoolwork.UnknownIdError` naming the known ones.
    """
    grids = [g for g in workspace.grids if grid_id in (None, g.id)]
    if grid_id is not None and not grids:
        known = [g.id for g in workspace.grids]
        raise UnknownIdError(unknown_id("grid", grid_id, known, lang))
    names = _people(workspace)
    units = _units(workspace)
    return GridTables(
        tuple(_grid_table(g, names, units, lang) for g in grids),
        safety_duty_table(workspace, lang),
    )


def _grid_table(grid: Grid, names: dict[str, str], units: dict[str, str], lang: Lang) -> GridTable:
    overloads = grid.overloads()
    rows = []
    for scope in grid.scopes:
        row = [units.get(scope, scope)]
        for duty in grid.duties:
            owners = grid.owners(scope, duty.id)
            if not owners:
                row.append(label("listing.grid.gap", lang))
                continue
            cell = next(c for c in grid.cells if c.scope == scope and c.duty == duty.id)
            text = label("listing.grid.joiner", lang).join(names.get(o, o) for o in owners)
            if len(owners) > 1:
                text = label("listing.grid.double", lang, owners=text)
            elif cell.owner in overloads:
                text = label("listing.grid.overload", lang, owner=text)
            if cell.backup:
                text = label(
                    "listing.grid.backup",
                    lang,
                    owner=text,
                    backup=names.get(cell.backup, cell.backup),
                )
            row.append(text)
        rows.append(tuple(row))
    leader = names.get(grid.leader, grid.leader)
    purpose = _purpose(grid.purpose, lang)
    caption = label(
        "listing.grid.caption", lang, name=grid.name, id=grid.id, purpose=purpose, leader=leader
    )
    return GridTable(
        grid,
        leader,
        Table(("", *(d.name for d in grid.duties)), tuple(rows), caption),
        tuple(grid.gaps()),
        tuple(grid.double_owners()),
        tuple((names.get(p, p), n) for p, n in overloads.items()),
    )


def _purpose(purpose: str, lang: Lang) -> str:
    key = f"listing.purpose.{purpose}"
    return label(key, lang) if lang == "zh" and has_label(key) else purpose


def safety_duty_table(workspace: Workspace, lang: Lang = "en") -> Table:
    """Active post holders who own no cell of any safety grid (一岗双责): id, name, posts."""
    rows = tuple(
        (holder.id, holder.name, posts(holder.roles, lang))
        for holder in without_safety_duty(workspace.grids, workspace.people)
    )
    columns = tuple(label(f"listing.column.{c}", lang) for c in ("staff_id", "person", "posts"))
    return Table(columns, rows, "一岗双责")


def posts(roles: Sequence[Role], lang: Lang = "en") -> str:
    """The posts among ``roles`` (校长、书记; ``principal, party_secretary`` in English)."""
    found = [r.kind for r in roles if r.kind in POSTS]
    return label("listing.list", lang).join(role_name(kind, lang) for kind in found)


def role_name(kind: RoleKind, lang: Lang = "en") -> str:
    """A role as a person reads it: 分管校长 in Chinese, ``vice_principal`` in English."""
    return label(kind, "zh") if lang == "zh" else kind.value


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


def state_name(state: ProjectState, lang: Lang = "en") -> str:
    """A project's state as a person reads it: 待认领 in Chinese, ``unclaimed`` in English."""
    return label(state, "zh") if lang == "zh" else state.value


def missing_parts(line: ProjectLine, lang: Lang = "en") -> str:
    """What a project's 5W2H plan lacks: ``Why, When`` or 为什么做、何时做."""
    if lang != "zh":
        return ", ".join(line.incomplete)
    return label("listing.list", lang).join(
        label(f"listing.w2h.{p}", lang) for p in line.incomplete
    )


def occurrences(
    workspace: Workspace, first: date, last: date, all_days: bool = False, lang: Lang = "en"
) -> Table:
    """Every occurrence of every project's plan from ``first`` to ``last``, in order.

    Columns: date, day (周一…周日), project, what, where. Occurrences in holidays and vacations
    are left out unless ``all_days``. ``last`` before ``first`` is a
    :class:`~schoolwork.UsageError`.
    """
    if last < first:
        raise UsageError(label("listing.reversed", lang, first=first, last=last))
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
    columns = tuple(
        label(f"listing.column.{c}", lang) for c in ("date", "day", "project", "what", "where")
    )
    return Table(columns, rows, label("listing.occurrences", lang, first=first, last=last))


# Goals


@attrs.frozen
class GoalListing:
    """The goal tree of some plans at one date.

    ``table`` has a row per goal in tree order (the title indented by depth): goal, owner,
    period, achieved (``—`` without data), pace, status. A goal whose period has ended by
    ``as_of`` shows its outcome (``done``, ``mostly``, ``not_done``: 完成, 基本完成, 未完成)
    instead of a status against a pace that is over.
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
    lang: Lang = "en",
) -> GoalListing:
    """Every goal (or those of ``plan_id``) with its achievement, expected pace and status.

    Without ``as_of`` the goals are judged at :func:`default_as_of`. An unknown ``plan_id``
    raises :class:`~schoolwork.UnknownIdError` naming the known ones.
    """
    plans = tuple(p for p in workspace.plans if plan_id in (None, p.id))
    if plan_id is not None and not plans:
        raise UnknownIdError(unknown_id("plan", plan_id, [p.id for p in workspace.plans], lang))
    chosen = tuple(g for g in workspace.goals if plan_id is None or g.plan == plan_id)
    tree = GoalTree(chosen, workspace.plans)
    day = as_of if as_of is not None else default_as_of(plans, workspace.calendar, today)
    school = label("listing.school", "zh") if lang == "zh" else workspace.school.name
    units = _units(workspace) | {workspace.school.id: school}
    people = _people(workspace)
    found = achievements(tree, day, workspace.calendar)
    rows = []
    for depth, goal in depth_first(tree):
        value, pace, state = found[goal.id]
        ended = is_year_end(period_bounds(goal.period, workspace.calendar)[1], day)
        judged: GoalStatus | Outcome = outcome(value) if ended else state
        rows.append(
            (
                "  " * depth + goal.title,
                units.get(goal.owner) or people.get(goal.owner, goal.owner),
                goal.period,
                "—" if value is None else f"{value * 100:.1f}%",
                f"{pace * 100:.0f}%",
                label(judged, "zh") if lang == "zh" else judged.value,
            )
        )
    columns = tuple(
        label(f"listing.column.{c}", lang)
        for c in ("goal", "owner", "period", "achieved", "pace", "status")
    )
    return GoalListing(
        plans, day, Table(columns, tuple(rows), label("listing.as_of", lang, day=day))
    )


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
    workspace: Workspace, year: str | None = None, lang: Lang = "zh", *, headings: Lang = "en"
) -> RecordTallies:
    """Count the honours, activities, inspections and incidents of ``year`` (default: all).

    ``lang`` is the language of the labels (县级, 一等奖, and the honours' tables, which are
    the report's); ``headings`` that of the activities' and inspections' column headers. A
    ``year`` that is not a school year such as ``2023-2024`` is a
    :class:`~schoolwork.UsageError`.
    """
    if year is not None and parse_school_year_name(year) is None:
        raise UsageError(label("listing.not_a_year", headings, year=year))
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
        activities=_activity_table(activities, headings) if activities else None,
        inspections=_inspection_table(inspections, headings) if inspections else None,
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


def _activity_table(activities: Sequence[Activity], lang: Lang) -> Table:
    types = Counter(a.type for a in activities)
    rows = tuple((kind, str(types[kind])) for kind in sorted(types))
    columns = tuple(label(f"listing.column.{c}", lang) for c in ("type", "count"))
    return Table(columns, rows, label("listing.activities", lang))


def _inspection_table(inspections: Sequence[Inspection], lang: Lang) -> Table:
    rows = []
    for kind in sorted({i.type for i in inspections}):
        found = [i for i in inspections if i.type == kind]
        on_days = len({i.date for i in found})
        passed = sum(1 for i in found if i.passed)
        rows.append((kind, str(len(found)), str(on_days), str(passed)))
    columns = tuple(
        label(f"listing.column.{c}", lang) for c in ("type", "records", "days", "passed")
    )
    return Table(columns, tuple(rows), label("listing.inspections", lang))


# The workspace


def summary(
    loaded: LoadedWorkspace, lang: Lang = "en", *, values: Sequence[Path] | None = None
) -> str:
    """A one-screen account of a workspace: school, files, units, people by role, calendar;
    with ``values`` (the values files validation read), a line naming them after the files."""
    ws = loaded.workspace
    where = label("listing.list", lang).join(p for p in (ws.school.city, ws.school.county) if p)
    units = Counter(u.kind for u in ws.units)
    active = [p for p in ws.people if p.active]
    roles = Counter(role.kind for person in active for role in person.roles)
    joiner = label("listing.list", lang)
    unit_counts = joiner.join(
        f"{_kind(kind, lang)} {units[kind]}" for kind in UnitKind if units[kind]
    )
    files = ", ".join(sorted(p.name for p in loaded.files.values()))
    line = "listing.summary.{}".format
    lines = [
        label(line("school"), lang, name=ws.school.name)
        + (label(line("where"), lang, where=where) if where else ""),
        label(line("files"), lang, files=files, root=loaded.root),
    ]
    if values is not None:
        folder = loaded.root / VALUES_DIR
        if values:
            found = ", ".join(p.name for p in values)
            lines.append(label(line("values"), lang, files=found, folder=folder))
        else:
            lines.append(label(line("no_values"), lang))
    lines += [
        label(line("units"), lang, count=len(ws.units))
        + (label(line("unit_kinds"), lang, kinds=unit_counts) if unit_counts else ""),
        label(line("people"), lang, active=len(active), left=len(ws.people) - len(active)),
    ]
    names = {kind: role_name(kind, lang) for kind in RoleKind}
    pad = max(width(n) for n in names.values()) + (1 if lang == "en" else 0)
    lines += [
        f"  {names[kind]}{' ' * (pad - width(names[kind]))} {roles[kind]}"
        for kind in RoleKind
        if roles[kind]
    ]
    years = label("listing.list", lang).join(y.name for y in ws.calendar.years)
    lines.append(
        label(
            line("calendar"),
            lang,
            years=years or label(line("none"), lang),
            holidays=len(ws.calendar.holidays),
        )
    )
    return "\n".join(lines)


def _kind(kind: UnitKind, lang: Lang) -> str:
    return label(kind, "zh") if lang == "zh" else kind.value


# Scores


def score_table(scheme: Scheme, evaluation: Evaluation, lang: Lang = "en") -> Table:
    """One scheme's results for a terminal: rank, id, name, each dimension, the points added or
    taken off (when any subject has some), score, band and the vetoes (when any fired).

    The weighted total is left out (it is the score less the adjustments); every column of
    every result is in the CSV, JSON and Excel formats, and every point in ``--explain``.
    """
    results = evaluation.results
    adjusted = {r.subject.id: _adjusted(r.adjustments, scheme) for r in results}
    with_adjustments = any(adjusted.values())
    with_vetoes = any(r.vetoes for r in results)
    person = scheme.subject is SubjectKind.TEACHER
    column = "listing.column.{}".format
    columns = [
        label(column("rank"), lang),
        label(column("staff_id" if person else "code"), lang),
        label(column("person" if person else "unit_name"), lang),
        *(d.name if lang == "zh" else d.id for d in scheme.dimensions),
    ]
    if with_adjustments:
        columns.append(label(column("adjustments"), lang))
    columns += [label(column("score"), lang), label(column("band"), lang)]
    if with_vetoes:
        columns.append(label(column("veto"), lang))
    vetoes = {v.id: v.name for v in scheme.vetoes} if lang == "zh" else {}
    rows = []
    for r in results:
        row = [
            f"{r.rank.normalize():f}",
            r.subject.id,
            r.subject.name,
            *("" if d.score is None else fixed(d.score, scheme.places) for d in r.dimensions),
        ]
        if with_adjustments:
            row.append(f"{adjusted[r.subject.id]:f}")
        row += [f"{r.score:f}", r.band or ""]
        if with_vetoes:
            row.append(
                label("listing.list", lang).join(vetoes.get(v.rule, v.rule) for v in r.vetoes)
            )
        rows.append(tuple(row))
    subjects = label(f"count.{scheme.subject.value}", "zh", count=len(results))
    caption = label(
        "listing.scores",
        lang,
        name=scheme.name,
        id=scheme.id,
        period=evaluation.period,
        count=len(results),
        subjects=subjects,
    )
    return Table(tuple(columns), tuple(rows), caption)


def _adjusted(adjustments: Sequence[Adjustment], scheme: Scheme) -> Decimal:
    total = sum((a.applied or Decimal(0) for a in adjustments), Decimal(0))
    return total.quantize(scheme.quantum)  # a sum of shown numbers: exact, no rounding


def unknown_id(kind: str, given: str, known: Sequence[str], lang: Lang = "en") -> str:
    """No ``kind`` called ``given``, naming the known ones and the closest (difflib)."""
    none = label("listing.none", lang)
    text = label(
        "listing.unknown",
        lang,
        kind=label(f"listing.kind.{kind}", lang),
        given=repr(given),
        known=label("listing.list", lang).join(known) or none,
    )
    close = difflib.get_close_matches(given, known, n=1)
    return text + (label("listing.did_you_mean", lang, close=repr(close[0])) if close else "")


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
    "missing_parts",
    "occurrences",
    "posts",
    "project_board",
    "record_span",
    "record_tallies",
    "role_name",
    "safety_duty_table",
    "score_table",
    "state_name",
    "summary",
    "unknown_id",
]
