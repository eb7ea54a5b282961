"""Hypothesis strategies for schoolwork's models, valid by construction.

Each strategy takes knobs for size, so a test can ask for a small school while it shrinks and a
large one when it measures. ``workspaces()`` ties the parts together: every reference resolves,
the unit tree has no cycle and the calendar's dates make sense, so the result passes
``schoolwork validate``.
"""

from __future__ import annotations

from datetime import date, timedelta

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
    "calendars",
    "ids",
    "names",
    "organisations",
    "people_for",
    "school_years",
    "schools",
    "unit_trees",
    "workspaces",
]


def names(max_size: int = 12) -> st.SearchStrategy[str]:
    """Non-empty names in any script (CJK included), without surrogates or control characters."""
    return st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=max_size
    )


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
def workspaces(draw: st.DrawFn, max_grades: int = 6, max_people: int = 20) -> Workspace:
    """A whole workspace that passes validation."""
    units, people = draw(organisations(max_grades=max_grades, max_people=max_people))
    return Workspace(school=draw(schools()), calendar=draw(calendars()), units=units, people=people)
