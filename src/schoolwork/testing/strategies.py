"""Hypothesis strategies for schoolwork's models, valid by construction.

Each strategy takes knobs for size, so a test can ask for a small school while it shrinks and a
large one when it measures. ``workspaces()`` ties the parts together: every reference resolves,
the unit tree has no cycle and the calendar's dates make sense, so the result passes
``schoolwork validate``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from schoolwork.calendar import Holiday, SchoolCalendar, SchoolYear, Semester
from schoolwork.levels import Level
from schoolwork.organisation import (
    ROLE_UNIT_KINDS,
    Person,
    Role,
    RoleKind,
    School,
    Tier,
    Unit,
    UnitKind,
)
from schoolwork.workspace import Workspace

__all__ = [
    "aggregates",
    "calendars",
    "decimals",
    "ids",
    "names",
    "nearly_valid_workspaces",
    "organisations",
    "people_for",
    "points_rules",
    "records_for",
    "schemes",
    "school_years",
    "schools",
    "subjects",
    "unit_trees",
    "values_for",
    "weights",
    "workspaces",
]


def names(max_size: int = 12) -> st.SearchStrategy[str]:
    """Names in any script (CJK included), without surrogates or control characters, and never
    blank: a name of spaces is no name."""
    return st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=max_size
    ).filter(str.strip)


def ids() -> st.SearchStrategy[str]:
    """Ids as schools write them: ``grade-4``, ``T017``."""
    return st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,15}", fullmatch=True)


def schools() -> st.SearchStrategy[School]:
    """A school with a name and, sometimes, its county, city and province."""
    optional = st.one_of(st.just(""), names())
    return st.builds(
        School,
        id=ids().map("school-{}".format),
        name=names(),
        county=optional,
        city=optional,
        province=optional,
    )


@st.composite
def school_years(draw: st.DrawFn, first_year: int | None = None) -> SchoolYear:
    """A school year from September to August with two semesters inside it, in order."""
    start_year = first_year if first_year is not None else draw(st.integers(2000, 2090))
    start = date(start_year, 9, 1)
    end = date(start_year + 1, 8, 31)
    # Cut the year into: [gap] semester 1 [winter vacation] semester 2 [summer vacation].
    first_end = start + timedelta(days=draw(st.integers(60, 150)))
    second_start = first_end + timedelta(days=draw(st.integers(1, 40)))
    second_end = second_start + timedelta(days=draw(st.integers(0, (end - second_start).days)))
    return SchoolYear(
        name=f"{start_year}-{start_year + 1}",
        start=start,
        end=end,
        semesters=(
            Semester("第一学期", start, first_end),
            Semester("第二学期", second_start, second_end),
        ),
    )


@st.composite
def calendars(draw: st.DrawFn, max_years: int = 3, max_holidays: int = 4) -> SchoolCalendar:
    """Consecutive school years, with holidays inside their semesters."""
    count = draw(st.integers(0, max_years))
    first = draw(st.integers(2000, 2090))
    years = tuple(draw(school_years(first + offset)) for offset in range(count))
    holidays: list[Holiday] = []
    if years:
        for _ in range(draw(st.integers(0, max_holidays))):
            year = draw(st.sampled_from(years))
            semester = draw(st.sampled_from(year.semesters))
            length = (semester.end - semester.start).days
            offset = draw(st.integers(0, length))
            duration = draw(st.integers(0, min(7, length - offset)))
            day = semester.start + timedelta(days=offset)
            holidays.append(Holiday(draw(names()), day, day + timedelta(days=duration)))
    return SchoolCalendar(years=years, holidays=tuple(holidays))


@st.composite
def unit_trees(
    draw: st.DrawFn, max_offices: int = 4, max_grades: int = 6, max_classes: int = 4
) -> tuple[Unit, ...]:
    """Offices, grades with their classes, and research and preparation groups, as one tree."""
    units: list[Unit] = []
    for n in range(draw(st.integers(0, max_offices))):
        units.append(Unit(f"office-{n + 1}", UnitKind.OFFICE, draw(names())))
    offices = [u.id for u in units]
    grades: list[str] = []
    for g in range(draw(st.integers(0, max_grades))):
        grade = f"grade-{g + 1}"
        grades.append(grade)
        units.append(Unit(grade, UnitKind.GRADE, draw(names())))
        for c in range(draw(st.integers(0, max_classes))):
            units.append(
                Unit(f"class-{g + 1}-{c + 1}", UnitKind.CLASS, draw(names()), parent=grade)
            )
    groups: list[str] = []
    for r in range(draw(st.integers(0, 3))):
        group = f"rg-{r + 1}"
        groups.append(group)
        parent = draw(st.one_of(st.none(), st.sampled_from(offices))) if offices else None
        units.append(Unit(group, UnitKind.RESEARCH_GROUP, draw(names()), parent=parent))
    if groups or grades:
        for p in range(draw(st.integers(0, 4))):
            parent = draw(st.sampled_from(groups + grades))
            units.append(Unit(f"pg-{p + 1}", UnitKind.PREP_GROUP, draw(names()), parent=parent))
    return tuple(units)


@st.composite
def people_for(
    draw: st.DrawFn, units: tuple[Unit, ...], max_people: int = 20
) -> tuple[Person, ...]:
    """Staff whose posts and memberships name units of ``units`` of the right kind."""
    count = draw(st.integers(0, max_people))
    person_ids = [f"T{n + 1:03d}" for n in range(count)]
    unit_ids = [u.id for u in units]
    by_kind = {kind: [u.id for u in units if u.kind is kind] for kind in UnitKind}
    people = []
    for person_id in person_ids:
        roles = []
        for kind in draw(st.lists(st.sampled_from(RoleKind), max_size=3, unique=True)):
            kinds = ROLE_UNIT_KINDS.get(kind)
            if kinds is not None:
                choices = [uid for k in kinds for uid in by_kind[k]]
                if not choices:
                    continue
                roles.append(Role(kind, unit=draw(st.sampled_from(choices))))
            elif kind is RoleKind.VICE_PRINCIPAL:
                roles.append(Role(kind, area=draw(names())))
            else:
                roles.append(Role(kind))
        others = [pid for pid in person_ids if pid != person_id]
        tier = draw(st.one_of(st.none(), st.sampled_from(Tier)))
        people.append(
            Person(
                id=person_id,
                name=draw(names()),
                roles=tuple(roles),
                units=tuple(draw(st.lists(st.sampled_from(unit_ids), unique=True, max_size=3)))
                if unit_ids
                else (),
                subject=draw(
                    st.one_of(st.none(), st.sampled_from(["语文", "数学", "英语", "科学"]))
                ),
                tier=tier,
                tier_level=draw(st.one_of(st.none(), st.sampled_from(Level))) if tier else None,
                mentor=draw(st.one_of(st.none(), st.sampled_from(others))) if others else None,
                active=draw(st.booleans()),
            )
        )
    return tuple(people)


@st.composite
def organisations(
    draw: st.DrawFn, max_grades: int = 6, max_people: int = 20
) -> tuple[tuple[Unit, ...], tuple[Person, ...]]:
    """A unit tree and its people, with unit leaders chosen among the active staff."""
    units = draw(unit_trees(max_grades=max_grades))
    people = draw(people_for(units, max_people=max_people))
    active = [p.id for p in people if p.active]
    led = []
    for unit in units:
        leader = draw(st.one_of(st.none(), st.sampled_from(active))) if active else None
        supervisor = draw(st.one_of(st.none(), st.sampled_from(active))) if active else None
        led.append(
            Unit(unit.id, unit.kind, unit.name, unit.parent, leader, supervisor, unit.subject)
        )
    return tuple(led), people


@st.composite
def workspaces(
    draw: st.DrawFn, max_grades: int = 6, max_people: int = 20, max_schemes: int = 2
) -> Workspace:
    """A whole workspace that passes validation, evaluation schemes included."""
    units, people = draw(organisations(max_grades=max_grades, max_people=max_people))
    count = draw(st.integers(0, max_schemes))
    found = tuple(
        attrs.evolve(draw(schemes(max_dimensions=2, max_indicators=3)), id=f"scheme-{n + 1}")
        for n in range(count)
    )
    school = draw(schools())
    subjects_ = (
        *(Subject(p.id, p.name, SubjectKind.TEACHER) for p in people),
        Subject(school.id, school.name, SubjectKind.SCHOOL),
    )
    records = draw(records_for(subjects_, max_each=2))
    return Workspace(
        school=school,
        calendar=draw(calendars()),
        units=units,
        people=people,
        schemes=found,
        records=records,
    )


# -- Evaluation schemes, subjects, values and records ---------------------------------------

from decimal import Decimal  # noqa: E402

from schoolwork.conditions import Clause, Condition, Op  # noqa: E402
from schoolwork.records import (  # noqa: E402
    AwardRank,
    Honour,
    Incident,
    Recipient,
    RecipientKind,
    RecordBook,
    Severity,
)
from schoolwork.results import Subject  # noqa: E402
from schoolwork.scheme import (  # noqa: E402
    Aggregate,
    Band,
    BonusRule,
    Dimension,
    Direction,
    Indicator,
    Method,
    Missing,
    Part,
    PointsRule,
    QuotaRounding,
    Ranking,
    RankKey,
    RuleKind,
    Scheme,
    Split,
    SubjectKind,
    Threshold,
    TieOrder,
    TiePolicy,
    VetoEffect,
    VetoRule,
)


def decimals(low: int, high: int, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Exact decimals from ``low`` to ``high`` with ``places`` decimal places."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(lambda n: Decimal(n).scaleb(-places))


def weights() -> st.SearchStrategy[Decimal]:
    """Positive weights."""
    return st.integers(1, 1000).map(lambda n: Decimal(n).scaleb(-1))


@st.composite
def points_rules(draw: st.DrawFn, direction: Direction) -> PointsRule:
    """A points rule of any kind that is monotonic for ``direction``."""
    kind = draw(st.sampled_from(RuleKind))
    if kind is RuleKind.LINEAR:
        floor = draw(decimals(0, 90, 1))
        return PointsRule(kind, floor=floor, ceiling=floor + draw(decimals(1, 60, 1)))
    if kind is RuleKind.THRESHOLDS:
        ats = sorted(draw(st.lists(decimals(0, 100, 0), min_size=1, max_size=4, unique=True)))
        points = sorted(draw(st.lists(decimals(0, 100, 0), min_size=len(ats), max_size=len(ats))))
        if direction is Direction.LOWER:
            points.reverse()
        return PointsRule(
            kind, steps=tuple(Threshold(a, p) for a, p in zip(ats, points, strict=True))
        )
    cap = draw(st.one_of(st.none(), decimals(10, 100, 0)))
    if kind is RuleKind.COUNT:
        return PointsRule(kind, each=draw(decimals(1, 50, 1)), cap=cap)
    return PointsRule(kind, target=draw(decimals(1, 100, 0)), cap=cap)


@st.composite
def aggregates(draw: st.DrawFn, size: int) -> tuple[Aggregate, bool]:
    """An aggregation for ``size`` indicators, and whether it needs equal weights."""
    method = draw(st.sampled_from(Method))
    drop = draw(st.integers(0, max(size - 1, 0)))
    keep = draw(st.one_of(st.none(), st.integers(1, size)))
    cap = draw(decimals(10, 100, 0)) if method is Method.SUM and draw(st.booleans()) else None
    ties = draw(st.sampled_from(TieOrder))
    rule = Aggregate(method, drop_lowest=drop, keep_highest=keep, cap=cap, ties=ties)
    return rule, method is Method.WEIGHTED_MEAN and (drop > 0 or keep is not None)


@st.composite
def schemes(
    draw: st.DrawFn,
    max_dimensions: int = 4,
    max_indicators: int = 4,
    subject: SubjectKind = SubjectKind.TEACHER,
    vetoes: bool = True,
    bonuses: bool = True,
) -> Scheme:
    """A sound scheme: positive weights, monotonic rules, ordered bands, feasible quotas."""
    dimensions = []
    serial = 0
    for d in range(draw(st.integers(1, max_dimensions))):
        size = draw(st.integers(1, max_indicators))
        aggregate, equal = draw(aggregates(size))
        shared = draw(weights())
        items = []
        for _ in range(size):
            serial += 1
            direction = draw(st.sampled_from(Direction))
            items.append(
                Indicator(
                    f"i{serial}",
                    f"指标{serial}",
                    draw(points_rules(direction)),
                    direction=direction,
                    weight=shared if equal else draw(weights()),
                    part=draw(st.sampled_from(Part)),
                )
            )
        dimensions.append(
            Dimension(f"d{d + 1}", f"维度{d + 1}", draw(weights()), tuple(items), aggregate)
        )
    thresholds = sorted(
        draw(st.lists(decimals(0, 100, 0), min_size=0, max_size=4, unique=True)), reverse=True
    )
    bands = tuple(
        Band(
            f"band{n + 1}",
            at,
            quota=draw(st.one_of(st.none(), decimals(0, 1, 2).filter(lambda q: q > 0))),
            quota_rounding=draw(st.sampled_from(QuotaRounding)),
        )
        for n, at in enumerate(thresholds)
    )
    bonus_rules: tuple[BonusRule, ...] = ()
    if bonuses and draw(st.booleans()):
        table = {
            level.value: {rank.value: draw(decimals(0, 10, 1)) for rank in RankKey}
            for level in draw(st.lists(st.sampled_from(Level), unique=True, min_size=1))
        }
        bonus_rules = (
            BonusRule(
                "honours",
                "荣誉加分",
                table,
                category_cap=draw(st.one_of(st.none(), decimals(0, 10, 0))),
                cap=draw(st.one_of(st.none(), decimals(0, 20, 0))),
            ),
        )
    veto_rules: tuple[VetoRule, ...] = ()
    if vetoes and draw(st.booleans()):
        severity = draw(st.sampled_from(Severity))
        effects = [VetoEffect.CANCEL_EXCELLENCE, VetoEffect.CANCEL_AWARDS]
        veto_rules = (
            VetoRule(
                "ethics",
                "师德一票否决",
                "incident",
                Condition(all=(Clause("severity", Op.GE, severity.value),)),
                tuple(draw(st.lists(st.sampled_from(effects), min_size=1, unique=True))),
            ),
        )
    ids = [d.id for d in dimensions]
    return Scheme(
        id="scheme",
        name="考核方案",
        subject=subject,
        period="2023-2024",
        dimensions=tuple(dimensions),
        bands=bands,
        bonuses=bonus_rules,
        bonus_cap=draw(decimals(0, 20, 0)) if bonus_rules else Decimal(0),
        vetoes=veto_rules,
        ranking=Ranking(
            draw(st.sampled_from(TiePolicy)),
            tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))),
        ),
        split=draw(st.one_of(st.none(), st.builds(Split, weights(), weights()))),
        missing=draw(st.sampled_from(Missing)),
        places=draw(st.integers(0, 3)),
    )


_SUBJECT_NAMES = {
    SubjectKind.TEACHER: ("T", "教师"),
    SubjectKind.CLASS: ("class-", "班级"),
    SubjectKind.GRADE: ("grade-", "年级"),
    SubjectKind.OFFICE: ("office-", "处室"),
    SubjectKind.SCHOOL: ("school-", "学校"),
}


def subjects(count: int, kind: SubjectKind = SubjectKind.TEACHER) -> tuple[Subject, ...]:
    """``count`` subjects of ``kind`` with ids such as ``T001`` or ``class-001``."""
    prefix, name = _SUBJECT_NAMES[kind]
    return tuple(Subject(f"{prefix}{n + 1:03d}", f"{name}{n + 1}", kind) for n in range(count))


@st.composite
def values_for(
    draw: st.DrawFn,
    scheme: Scheme,
    people: tuple[Subject, ...],
    missing: bool = True,
    twins: bool = True,
) -> dict[str, dict[str, Decimal | None]]:
    """Raw values for every indicator of ``scheme`` and every subject, some missing.

    With ``twins``, a subject may copy an earlier subject's values exactly, so that ties, the
    hardest case for ranks and quotas, come up often.
    """
    ids = [i.id for d in scheme.dimensions for i in d.indicators]
    value = decimals(0, 120, 1)
    cell = st.one_of(st.none(), value) if missing else value
    table: dict[str, dict[str, Decimal | None]] = {}
    for subject in people:
        if twins and table and draw(st.integers(0, 3)) == 0:
            table[subject.id] = dict(table[draw(st.sampled_from(sorted(table)))])
        else:
            table[subject.id] = {i: draw(cell) for i in ids}
    return table


_RECIPIENTS = {
    SubjectKind.TEACHER: RecipientKind.PERSON,
    SubjectKind.CLASS: RecipientKind.CLASS,
    SubjectKind.GRADE: RecipientKind.GROUP,
    SubjectKind.OFFICE: RecipientKind.GROUP,
    SubjectKind.SCHOOL: RecipientKind.SCHOOL,
}


def _ref(subject: Subject) -> str | None:
    return None if subject.kind is SubjectKind.SCHOOL else subject.id


@st.composite
def records_for(draw: st.DrawFn, people: tuple[Subject, ...], max_each: int = 3) -> RecordBook:
    """Honours and (for teachers) ethics incidents of ``people`` in the school year 2023-2024."""
    day = st.dates(min_value=date(2023, 9, 1), max_value=date(2024, 8, 31))
    honours = []
    incidents = []
    for subject in people:
        for n in range(draw(st.integers(0, max_each))):
            honours.append(
                Honour(
                    f"h-{subject.id}-{n}",
                    "荣誉",
                    draw(st.sampled_from(Level)),
                    Recipient(_RECIPIENTS[subject.kind], _ref(subject)),
                    draw(day),
                    draw(st.one_of(st.none(), st.sampled_from(AwardRank))),
                    category=draw(st.sampled_from(["教学", "育人", "科研"])),
                )
            )
        if subject.kind is SubjectKind.TEACHER and draw(st.integers(0, 4)) == 0:
            incidents.append(
                Incident(f"i-{subject.id}", subject.id, draw(day), draw(st.sampled_from(Severity)))
            )
    return RecordBook.of(honour=tuple(honours), incident=tuple(incidents))


# -- Nearly valid workspaces: one defect each -----------------------------------------------

Defect = tuple[Workspace, str]
"""A workspace with one defect, and a piece of the message that validation must give for it."""


def _set(items: tuple[Any, ...], index: int, item: Any) -> tuple[Any, ...]:
    return (*items[:index], item, *items[index + 1 :])


def _duplicate_unit_id(ws: Workspace) -> Defect | None:
    if len(ws.units) < 2 or ws.units[1].kind is UnitKind.CLASS:
        return None
    twin = attrs.evolve(ws.units[1], id=ws.units[0].id)
    return attrs.evolve(
        ws, units=_set(ws.units, 1, twin)
    ), "units[1].id: expected an id no other unit has"


def _unknown_parent(ws: Workspace) -> Defect | None:
    if not ws.units:
        return None
    stray = attrs.evolve(ws.units[0], parent="no-such-unit")
    found = "units[0].parent: expected the id of a unit, found 'no-such-unit'"
    return attrs.evolve(ws, units=_set(ws.units, 0, stray)), found


def _cycle(ws: Workspace) -> Defect | None:
    offices = [i for i, u in enumerate(ws.units) if u.kind is UnitKind.OFFICE]
    if len(offices) < 2:
        return None
    a, b = offices[0], offices[1]
    units = _set(ws.units, a, attrs.evolve(ws.units[a], parent=ws.units[b].id))
    units = _set(units, b, attrs.evolve(units[b], parent=ws.units[a].id))
    return attrs.evolve(
        ws, units=units
    ), "expected a chain of parents that ends at the school, found a cycle"


def _class_under_office(ws: Workspace) -> Defect | None:
    offices = [u.id for u in ws.units if u.kind is UnitKind.OFFICE]
    classes = [i for i, u in enumerate(ws.units) if u.kind is UnitKind.CLASS]
    if not offices or not classes:
        return None
    moved = attrs.evolve(ws.units[classes[0]], parent=offices[0])
    found = f"units[{classes[0]}].parent: expected a grade for a class"
    return attrs.evolve(ws, units=_set(ws.units, classes[0], moved)), found


def _unknown_leader(ws: Workspace) -> Defect | None:
    if not ws.units:
        return None
    led = attrs.evolve(ws.units[0], leader="nobody")
    return attrs.evolve(
        ws, units=_set(ws.units, 0, led)
    ), "units[0].leader: expected the id of a person"


def _duplicate_person(ws: Workspace) -> Defect | None:
    if len(ws.people) < 2:
        return None
    twin = attrs.evolve(ws.people[1], id=ws.people[0].id)
    found = "people[1].id: expected an id no other person has"
    return attrs.evolve(ws, people=_set(ws.people, 1, twin)), found


def _semester_outside_year(ws: Workspace) -> Defect | None:
    if not ws.calendar.years:
        return None
    year = ws.calendar.years[0]
    late = attrs.evolve(year.semesters[1], end=year.end + timedelta(days=10))
    wrong = attrs.evolve(year, semesters=(year.semesters[0], late))
    calendar = attrs.evolve(ws.calendar, years=_set(ws.calendar.years, 0, wrong))
    return attrs.evolve(
        ws, calendar=calendar
    ), "calendar.years[0].semesters[1]: expected a semester inside"


def _zero_weight(ws: Workspace) -> Defect | None:
    if not ws.schemes:
        return None
    scheme = ws.schemes[0]
    dimension = attrs.evolve(scheme.dimensions[0], weight=Decimal(0))
    bad = attrs.evolve(scheme, dimensions=_set(scheme.dimensions, 0, dimension))
    found = "schemes[0].dimensions[0].weight: expected a weight above 0, found 0"
    return attrs.evolve(ws, schemes=_set(ws.schemes, 0, bad)), found


def _overlapping_bands(ws: Workspace) -> Defect | None:
    if not ws.schemes or len(ws.schemes[0].bands) < 2:
        return None
    scheme = ws.schemes[0]
    raised = attrs.evolve(scheme.bands[1], min_score=scheme.bands[0].min_score)
    bad = attrs.evolve(scheme, bands=_set(scheme.bands, 1, raised))
    found = "schemes[0].bands[1].min_score: expected a threshold below the band above it"
    return attrs.evolve(ws, schemes=_set(ws.schemes, 0, bad)), found


DEFECTS = (
    _duplicate_unit_id,
    _unknown_parent,
    _cycle,
    _class_under_office,
    _unknown_leader,
    _duplicate_person,
    _semester_outside_year,
    _zero_weight,
    _overlapping_bands,
)
"""Every defect :func:`nearly_valid_workspaces` can plant, one per workspace."""


@st.composite
def nearly_valid_workspaces(draw: st.DrawFn, max_people: int = 10) -> Defect:
    """A valid workspace with exactly one defect planted, and what validation must say about it.

    Use it to test error handling: ``schoolwork validate`` must exit 2 naming the place.
    """
    ws = draw(workspaces(max_people=max_people))
    applicable = [d for d in (defect(ws) for defect in DEFECTS) if d is not None]
    if not applicable:
        # A bare workspace still has a school; give it a unit whose parent is missing.
        unit = Unit("grade-1", UnitKind.GRADE, "一年级", parent="no-such-unit")
        return attrs.evolve(ws, units=(unit,)), "units[0].parent: expected the id of a unit"
    return draw(st.sampled_from(applicable))


# -- Goals, grids and plans --------------------------------------------------------------------

from schoolwork.goals import (  # noqa: E402
    CheckIn,
    Goal,
    GoalDirection,
    GoalIndicator,
    GoalTree,
)
from schoolwork.grid import Cell, Duty, Grid  # noqa: E402
from schoolwork.plans import Budget, Plan5W2H, When  # noqa: E402


@st.composite
def goal_indicators(draw: st.DrawFn, index: int = 0) -> GoalIndicator:
    """An indicator of any direction with check-ins in 2023-2024."""
    direction = draw(st.sampled_from(GoalDirection))
    day = st.dates(min_value=date(2023, 9, 1), max_value=date(2024, 8, 31))
    checkins = tuple(
        CheckIn(draw(day), draw(decimals(0, 100, 1))) for _ in range(draw(st.integers(0, 3)))
    )
    target = draw(decimals(1, 100, 0))
    if direction is GoalDirection.LOWER:
        return GoalIndicator(
            f"i{index}",
            "指标",
            target=Decimal(0),
            baseline=target,
            direction=direction,
            checkins=checkins,
        )
    if direction is GoalDirection.BAND:
        return GoalIndicator(
            f"i{index}", "指标", direction=direction, low=Decimal(0), high=target, checkins=checkins
        )
    return GoalIndicator(f"i{index}", "指标", target=target, direction=direction, checkins=checkins)


@st.composite
def goal_trees(draw: st.DrawFn, max_goals: int = 8) -> GoalTree:
    """A tree of goals (each parent declared before its children) with indicators and check-ins."""
    goals: list[Goal] = []
    for n in range(draw(st.integers(1, max_goals))):
        parent = (
            draw(st.one_of(st.none(), st.sampled_from([g.id for g in goals]))) if goals else None
        )
        indicators = tuple(draw(goal_indicators(k)) for k in range(draw(st.integers(0, 2))))
        goals.append(
            Goal(f"g{n}", "目标", "school", "2023-2024", draw(weights()), parent, None, indicators)
        )
    return GoalTree(tuple(goals))


@st.composite
def grids(
    draw: st.DrawFn, people: tuple[str, ...] = ("T001", "T002", "T003"), max_scopes: int = 4
) -> Grid:
    """A fully covered grid: every (scope, duty) cell has exactly one owner among ``people``."""
    scopes = tuple(f"grade-{n + 1}" for n in range(draw(st.integers(1, max_scopes))))
    duties = tuple(Duty(f"d{n}", f"职责{n}") for n in range(draw(st.integers(1, 3))))
    cells = tuple(
        Cell(scope, duty.id, draw(st.sampled_from(people))) for scope in scopes for duty in duties
    )
    return Grid("grid", "安全网格", "safety", draw(st.sampled_from(people)), scopes, duties, cells)


@st.composite
def plans(draw: st.DrawFn, complete: bool = True) -> Plan5W2H:
    """A 5W2H plan, complete by default, with one of the three kinds of schedule."""
    start = draw(st.dates(min_value=date(2023, 9, 1), max_value=date(2024, 6, 30)))
    when = draw(
        st.sampled_from(
            [
                When(on=start),
                When(start=start, deadline=start + timedelta(days=30)),
                When(start=start, rrule="FREQ=MONTHLY;COUNT=6"),
                When(start=start, rrule="FREQ=WEEKLY;BYDAY=MO;COUNT=10"),
            ]
        )
    )
    plan = Plan5W2H(
        what=draw(names()),
        why=draw(names()),
        owner="T001",
        when=when,
        where=draw(names()),
        how=tuple(draw(st.lists(names(), min_size=1, max_size=3))),
        budget=Budget(draw(decimals(0, 10000, 2))),
    )
    if complete:
        return plan
    if draw(st.booleans()):
        return attrs.evolve(plan, what="")
    return attrs.evolve(plan, where="")
