"""The workspace checks (``checks/``) called on workspaces built in memory, with every problem
compared whole (file, path, what was expected, what was found), and each limit tried on both of
its sides: what is allowed exactly at a boundary, and what is one step past it.
See benchmarks/README.md.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from schoolwork.calendar import Holiday, SchoolCalendar, SchoolYear, Semester
from schoolwork.checks import calendar as calendar_checks
from schoolwork.checks import duties, organisation
from schoolwork.checks import goals as goal_checks
from schoolwork.checks.records import check_records
from schoolwork.checks.schemes import (
    check_schemes,
    check_values,
    check_warnings,
    scheme_problems,
    scheme_warnings,
)
from schoolwork.conditions import Clause, Condition, Op
from schoolwork.errors import Problem
from schoolwork.goals import DevelopmentPlan, Goal, GoalIndicator, Phase
from schoolwork.grid import Cell, Duty, Grid
from schoolwork.levels import Level
from schoolwork.organisation import Person, Role, RoleKind, School, Unit, UnitKind
from schoolwork.plans import Budget, Plan5W2H, When
from schoolwork.projects import Project, ProjectState, Review, SourceDocument
from schoolwork.records import (
    CORE_KINDS,
    Activity,
    Honour,
    Incident,
    Inspection,
    Recipient,
    RecipientKind,
    RecordBook,
    RecordKind,
    Severity,
)
from schoolwork.scheme import (
    Aggregate,
    Band,
    BonusRule,
    Dimension,
    Direction,
    Indicator,
    Method,
    PointsRule,
    Ranking,
    RecordSource,
    RuleKind,
    Scheme,
    SchemeSource,
    Split,
    SubjectKind,
    Threshold,
    TiePolicy,
    VetoEffect,
    VetoRule,
)
from schoolwork.workspace import LoadedWorkspace, Workspace

D = Decimal
SCHOOL = "ws/school.toml"


@attrs.frozen
class Drill:
    """A plugin's kind of record."""

    date: date
    unit: str


def loaded(**fields: Any) -> LoadedWorkspace:
    return LoadedWorkspace(Workspace(School("s1", "一中"), **fields), Path("ws"), {})


def problems_of(check: Any, **fields: Any) -> list[Problem]:
    return list(check(loaded(**fields)))


# -- the calendar --------------------------------------------------------------------------------


def year(name: str, start: date, end: date, *semesters: Semester) -> SchoolYear:
    return SchoolYear(name, start, end, semesters)


def test_a_calendar_at_every_limit_is_sound() -> None:
    years = (
        # listed out of order, and each year ends the day before the next begins
        year(
            "2024-2025",
            date(2024, 9, 1),
            date(2025, 8, 31),
            Semester("一", date(2024, 9, 1), date(2025, 1, 20)),
            Semester("二", date(2025, 1, 21), date(2025, 8, 31)),
        ),
        year("2023-2024", date(2023, 9, 1), date(2024, 8, 31)),
        year("2025-2026", date(2025, 9, 1), date(2025, 9, 1)),  # one day long
    )
    holidays = (
        Holiday("整年", date(2023, 9, 1), date(2024, 8, 31)),
        Holiday("一天", date(2025, 9, 1), date(2025, 9, 1)),
    )
    calendar = SchoolCalendar(years, holidays)
    assert problems_of(calendar_checks.check_calendar, calendar=calendar) == []


def test_every_problem_of_a_calendar() -> None:
    years = (
        year("2023", date(2023, 9, 1), date(2024, 7, 1)),
        year("2024-2025", date(2023, 9, 1), date(2023, 8, 1)),
        year(
            "2024-2025",
            date(2024, 9, 1),
            date(2025, 7, 1),
            Semester("一", date(2024, 9, 1), date(2025, 1, 20)),
            Semester("二", date(2025, 1, 20), date(2025, 7, 2)),
            Semester("三", date(2025, 6, 2), date(2025, 6, 1)),
        ),
        year("2024-2025", date(2025, 7, 1), date(2026, 7, 1)),
    )
    holidays = (
        Holiday("暑假", date(2026, 7, 2), date(2026, 8, 1)),
        Holiday("反了", date(2024, 10, 7), date(2024, 10, 1)),
    )
    found = problems_of(calendar_checks.check_calendar, calendar=SchoolCalendar(years, holidays))
    assert {p.file for p in found} == {SCHOOL}
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("calendar.years[0].name", "a school year such as '2023-2024'", "'2023'"),
        # misnamed: told at the name, which must agree with the start; no duplicate besides
        (
            "calendar.years[1].name",
            "'2023-2024', the school year that starts on 2023-09-01",
            "'2024-2025'",
        ),
        ("calendar.years[1].end", "a date on or after the start (2023-09-01)", "2023-08-01"),
        (
            "calendar.years[2].semesters[1]",
            "a semester inside 2024-2025 (2024-09-01 to 2025-07-01)",
            "2025-01-20 to 2025-07-02",
        ),
        (
            "calendar.years[2].semesters[1].start",
            "a date after the previous semester's end (2025-01-20)",
            "2025-01-20",
        ),
        (
            "calendar.years[2].semesters[2].end",
            "a date on or after the start (2025-06-02)",
            "2025-06-01",
        ),
        (
            "calendar.years[2].semesters[2].start",
            "a date after the previous semester's end (2025-07-02)",
            "2025-06-02",
        ),
        (
            "calendar.years[3].name",
            "'2025-2026', the school year that starts on 2025-07-01",
            "'2024-2025'",
        ),
        # years that overlap, in the order of their starts
        ("calendar.years[1].start", "a date after 2023 ends (2024-07-01)", "2023-09-01"),
        ("calendar.years[3].start", "a date after 2024-2025 ends (2025-07-01)", "2025-07-01"),
        ("calendar.holidays[0]", "a holiday inside one school year", "2026-07-02 to 2026-08-01"),
        ("calendar.holidays[1].end", "a date on or after the start (2024-10-07)", "2024-10-01"),
    ]


# -- grids and projects --------------------------------------------------------------------------

PEOPLE = (
    Person("p1", "张"),
    Person("p2", "李"),
    Person("p3", "王", active=False),
)
OFFICES = (
    Unit("o1", UnitKind.OFFICE, "教务处"),
    Unit("o2", UnitKind.OFFICE, "德育处"),
    Unit("g1", UnitKind.GRADE, "一年级"),
)


def test_a_sound_grid_with_a_backup_and_a_load_at_its_limit() -> None:
    grid = Grid(
        "safe",
        "安全网格",
        "safety",
        "p1",
        ("一年级",),
        (Duty("d1", "上下学"), Duty("d2", "隐患排查")),
        (Cell("一年级", "d1", "p1", backup="p2"), Cell("一年级", "d2", "p1")),
        load_limit=2,
    )
    assert problems_of(duties.check_grids, people=PEOPLE, grids=(grid,)) == []


def test_every_problem_of_a_grid() -> None:
    grid = Grid(
        "safe",
        "安全网格",
        "safety",
        "p3",
        ("一年级", "二年级"),
        (Duty("d1", "上下学"), Duty("d2", "隐患排查")),
        (
            Cell("一年级", "d1", "p1", backup="p1"),
            Cell("一年级", "d1", "p2", backup="p9"),
            Cell("三年级", "d2", "p9"),
            Cell("一年级", "d9", "p1"),
            Cell("二年级", "d2", "p1", backup="p3"),
        ),
        load_limit=2,
    )
    other = Grid("safe", "又一个", "publicity", "p9", (), (Duty("d1", "x"), Duty("d1", "y")))
    found = problems_of(duties.check_grids, people=PEOPLE, grids=(grid, other))
    assert {p.file for p in found} == {"ws/grids.toml"}
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("grids[1].id", "an id no other grid has", "'safe', the id of grids[0] too"),
        ("grids[0].leader", "a person still at the school", "'p3', who left"),
        ("grids[0].cells[0].backup", "someone other than the owner", "'p1'"),
        ("grids[0].cells[1].backup", "the id of a person", "'p9', which no entry has"),
        ("grids[0].cells[2].scope", "one of the grid's scopes: 一年级, 二年级", "'三年级'"),
        ("grids[0].cells[2].owner", "the id of a person", "'p9', which no entry has"),
        ("grids[0].cells[3].duty", "one of the grid's duties: d1, d2", "'d9'"),
        ("grids[0].cells[4].backup", "a person still at the school", "'p3', who left"),
        ("grids[0].cells", "an owner for 一年级 / 隐患排查 (分工到人)", "nothing"),
        ("grids[0].cells", "an owner for 二年级 / 上下学 (分工到人)", "nothing"),
        ("grids[0].cells", "one owner for 一年级 / 上下学", "several: p1, p2"),
        ("grids[0].cells", "at most 2 cells for one person (load_limit)", "3 for p1"),
        ("grids[1].leader", "the id of a person", "'p9', which no entry has"),
        (
            "grids[1].duties[1].id",
            "an id no other duty of the grid has",
            "'d1', the id of grids[1].duties[0] too",
        ),
    ]


def test_every_problem_of_a_project() -> None:
    sources = (
        SourceDocument("doc1", "县教体局", "1号", date(2023, 9, 1), "通知"),
        SourceDocument("doc1", "县教体局", "2号", date(2023, 9, 2), "又一个"),
    )
    complete = Plan5W2H(
        what="读书节",
        why="书香校园",
        owner="p1",
        participants=("p2", "p7"),
        when=When(on=date(2024, 4, 23)),
        where="操场",
        how=("筹备", "举办"),
        budget=Budget(Decimal(100)),
        source="doc9",
    )
    projects = (
        Project("x1", "a", source="doc9"),
        Project("x1", "b", state=ProjectState.CLAIMED),
        Project("x3", "c", state=ProjectState.CLAIMED, lead="g1", collaborators=("o2", "o9")),
        Project("x4", "d", state=ProjectState.PLANNED, lead="o1"),
        Project("x5", "e", state=ProjectState.IN_PROGRESS, lead="o1", plan=Plan5W2H(owner="p3")),
        Project("x6", "f", state=ProjectState.CLOSED, lead="o1", plan=complete),
        Project(
            "x7",
            "g",
            lead="o1",
            plan=Plan5W2H(when=When(start=date(2024, 5, 1), deadline=date(2024, 4, 1))),
        ),
    )
    found = problems_of(
        duties.check_projects, people=PEOPLE, units=OFFICES, sources=sources, projects=projects
    )
    assert {p.file for p in found} == {"ws/projects.toml"}
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("sources[1].id", "an id no other source document has", "'doc1', the id of sources[0] too"),
        ("projects[1].id", "an id no other project has", "'x1', the id of projects[0] too"),
        ("projects[0].source", "the id of a source document", "'doc9', which no entry has"),
        ("projects[1].lead", "the office that claimed this claimed project", "nothing"),
        ("projects[2].lead", "the id of an office", "'g1', a grade, not an office"),
        ("projects[2].collaborators[1]", "the id of an office", "'o9', which no entry has"),
        ("projects[3].plan", "a 5W2H plan for a planned project", "nothing"),
        (
            "projects[4].plan",
            "a complete 5W2H plan",
            "missing What, Why, When, Where, How, How much",
        ),
        ("projects[4].plan.owner", "a person still at the school", "'p3', who left"),
        ("projects[5].plan.participants[1]", "the id of a person", "'p7', which no entry has"),
        ("projects[5].plan.source", "the id of a source document", "'doc9', which no entry has"),
        ("projects[5].review", "a review (outcome, lessons) to close the loop", "nothing"),
        (
            "projects[6].plan.when",
            "a deadline on or after the start",
            "a schedule that cannot be used",
        ),
    ]


def test_a_sound_project_at_each_state() -> None:
    plan = Plan5W2H(
        what="读书节",
        why="书香校园",
        owner="p1",
        participants=("p2",),
        when=When(on=date(2024, 4, 23)),
        where="操场",
        how=("筹备",),
        budget=Budget(Decimal(100)),
    )
    review = Review("办成了", "早筹备")
    projects = tuple(
        Project(
            f"x{n}",
            "a",
            state=state,
            lead="o1",
            collaborators=("o2",),
            plan=plan,
            review=review if state is ProjectState.CLOSED else None,
        )
        for n, state in enumerate(ProjectState)
        if state is not ProjectState.UNCLAIMED
    )
    projects = (*projects, Project("u", "b"))
    assert problems_of(duties.check_projects, people=PEOPLE, units=OFFICES, projects=projects) == []


# -- schemes -------------------------------------------------------------------------------------

LIN = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))


def broken_scheme() -> Scheme:
    """A scheme with one of every problem the scheme checks find."""
    rules = [
        PointsRule(RuleKind.LINEAR, floor=D(60), ceiling=D(60)),  # floor = ceiling
        PointsRule(RuleKind.LINEAR, floor=D(60)),
        # steps a linear rule does not use are refused as such, not checked as steps
        PointsRule(
            RuleKind.LINEAR, floor=D(0), ceiling=D(10), each=D(1), steps=(Threshold(D(1), D(101)),)
        ),
        PointsRule(
            RuleKind.THRESHOLDS,
            steps=(
                Threshold(D(1), D(-1)),
                Threshold(D(1), D(50)),
                Threshold(D(3), D(40)),
                Threshold(D(4), D(101)),
            ),
        ),
        PointsRule(RuleKind.THRESHOLDS),
        PointsRule(RuleKind.COUNT, each=D(0), cap=D(0)),
        PointsRule(RuleKind.RATIO, target=D(0), cap=D("100.01")),
    ]
    falling = PointsRule(
        RuleKind.THRESHOLDS, steps=(Threshold(D(1), D(50)), Threshold(D(2), D(60)))
    )
    first = (
        *(Indicator(f"i{n}", f"i{n}", r) for n, r in enumerate(rules)),
        Indicator("low", "low", falling, direction=Direction.LOWER),
        Indicator("i0", "dup", LIN, weight=D(0)),
    )
    unequal = (Indicator("w1", "w1", LIN), Indicator("w2", "w2", LIN, weight=D(2)))
    wrong = Condition(all=(Clause("severity", Op.EQ, "awful"),), any=(Clause("nope", Op.EQ, "x"),))
    counted = (
        Indicator("s1", "s1", LIN, source=RecordSource("homework")),
        Indicator("s2", "s2", LIN, source=RecordSource("incident", wrong)),
    )
    dims = (
        Dimension("d", "d", D(0), first),
        Dimension("d", "d2", D(-1), ()),
        Dimension("e", "e", D(1), unequal, Aggregate(drop_lowest=-1, keep_highest=0, cap=D(50))),
        Dimension("f", "f", D(1), counted, Aggregate(Method.SUM, cap=D(0))),
    )
    bands = (
        Band("A", D(90), quota=D("1.01")),  # more than 100 %
        Band("B", D(90), quota=D(0)),  # the same threshold as the band above
        Band("A", D(95)),
        Band("C", D(-1)),
        Band("D", D(-2)),
        Band("E", D(111)),
    )
    table = {"galaxy": {"first": D(1)}, "county": {"gold": D(1), "first": D(-1)}}
    return Scheme(
        "s",
        "s",
        SubjectKind.TEACHER,
        "2023",
        dims,
        bands=bands,
        bonuses=(BonusRule("b", "b", table, cap=D(-1), category_cap=D(-1)),),
        bonus_cap=D(-1),
        vetoes=(
            VetoRule("v", "v", "incident", Condition(), (), band="Z"),
            VetoRule(
                "w",
                "w",
                "crime",
                Condition(),
                (VetoEffect.FORCE_BAND, VetoEffect.ZERO_DIMENSION),
                band="Z",
                dimension="zz",
            ),
        ),
        ranking=Ranking(TiePolicy.ORDINAL, ("zz",)),
        split=Split(D(0), D(-1)),
        places=7,
    )


def test_every_problem_of_a_scheme() -> None:
    found = scheme_problems(broken_scheme(), "schemes.toml", "schemes[1]")
    assert {p.file for p in found} == {"schemes.toml"}
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("schemes[1].period", "a school year such as '2023-2024'", "'2023'"),
        ("schemes[1].places", "a number of decimal places from 0 to 6", "7"),
        ("schemes[1].bonus_cap", "a number of at least 0", "-1"),
        ("schemes[1].split.process", "a weight above 0", "0"),
        ("schemes[1].split.result", "a weight above 0", "-1"),
        ("schemes[1].dimensions[0].weight", "a weight above 0", "0"),
        (
            "schemes[1].dimensions[0].indicators[0].points.ceiling",
            "a value above the floor (60)",
            "60",
        ),
        (
            "schemes[1].dimensions[0].indicators[1].points.ceiling",
            "a value (linear rules need ceiling)",
            "nothing",
        ),
        (
            "schemes[1].dimensions[0].indicators[2].points.steps",
            "nothing (linear rules do not use steps)",
            "(Threshold(at=Decimal('1'), points=Decimal('101')),)",
        ),
        (
            "schemes[1].dimensions[0].indicators[2].points.each",
            "nothing (linear rules do not use each)",
            "1",
        ),
        (
            "schemes[1].dimensions[0].indicators[3].points.steps[0].points",
            "points from 0 to 100",
            "-1",
        ),
        (
            "schemes[1].dimensions[0].indicators[3].points.steps[1].at",
            "steps in rising order of `at`",
            "1",
        ),
        (
            "schemes[1].dimensions[0].indicators[3].points.steps[2].points",
            "points that do not fall as the value gets better (higher is better)",
            "40",
        ),
        (
            "schemes[1].dimensions[0].indicators[3].points.steps[3].points",
            "points from 0 to 100",
            "101",
        ),
        (
            "schemes[1].dimensions[0].indicators[4].points.steps",
            "a value (thresholds rules need steps)",
            "nothing",
        ),
        ("schemes[1].dimensions[0].indicators[5].points.each", "points above 0", "0"),
        ("schemes[1].dimensions[0].indicators[5].points.cap", "a cap above 0 and at most 100", "0"),
        ("schemes[1].dimensions[0].indicators[6].points.target", "a target above 0", "0"),
        (
            "schemes[1].dimensions[0].indicators[6].points.cap",
            "a cap above 0 and at most 100",
            "100.01",
        ),
        (
            "schemes[1].dimensions[0].indicators[7].points.steps[1].points",
            "points that do not fall as the value gets better (lower is better)",
            "60",
        ),
        (
            "schemes[1].dimensions[0].indicators[8].id",
            "an indicator id used once in the scheme",
            "'i0'",
        ),
        ("schemes[1].dimensions[0].indicators[8].weight", "a weight above 0", "0"),
        ("schemes[1].dimensions[1].id", "a dimension id used once", "'d'"),
        ("schemes[1].dimensions[1].weight", "a weight above 0", "-1"),
        ("schemes[1].dimensions[1].indicators", "at least one indicator", "none"),
        ("schemes[1].dimensions[2].aggregate.drop_lowest", "a count of at least 0", "-1"),
        ("schemes[1].dimensions[2].aggregate.keep_highest", "a count of at least 1", "0"),
        (
            "schemes[1].dimensions[2].aggregate.cap",
            "no cap (only a sum, or a mean with extra credit, is capped)",
            "50",
        ),
        (
            "schemes[1].dimensions[2].aggregate.method",
            "equal indicator weights when a weighted mean drops or keeps values",
            "unequal weights",
        ),
        ("schemes[1].dimensions[3].aggregate.cap", "a cap above 0 and at most 100", "0"),
        (
            "schemes[1].dimensions[3].indicators[0].source.kind",
            "a record kind: honour, activity, inspection, incident, ballot, appeal",
            "'homework'",
        ),
        (
            "schemes[1].dimensions[3].indicators[1].source.where.all[0]",
            "one of 'minor', 'moderate', 'serious', 'severe'",
            "severity eq 'awful'",
        ),
        (
            "schemes[1].dimensions[3].indicators[1].source.where.any[0]",
            "a field of Incident (id, person, date, severity, kind, description, provenance)",
            "nope eq 'x'",
        ),
        ("schemes[1].bands[0].quota", "a share above 0 and at most 1 (0.2 for 20 %)", "1.01"),
        (
            "schemes[1].bands[1].min_score",
            "a threshold below the band above it (90); bands must not overlap",
            "90",
        ),
        ("schemes[1].bands[1].quota", "a share above 0 and at most 1 (0.2 for 20 %)", "0"),
        ("schemes[1].bands[2].name", "a band name used once", "'A'"),
        (
            "schemes[1].bands[2].min_score",
            "a threshold below the band above it (90); bands must not overlap",
            "95",
        ),
        ("schemes[1].bands[3].min_score", "a score from 0 to 99", "-1"),
        ("schemes[1].bands[4].min_score", "a score from 0 to 99", "-2"),
        (
            "schemes[1].bands[5].min_score",
            "a threshold below the band above it (-2); bands must not overlap",
            "111",
        ),
        ("schemes[1].bands[5].min_score", "a score from 0 to 99", "111"),
        ("schemes[1].ranking.tie_breakers[0]", "a dimension of the scheme (d, e, f)", "'zz'"),
        (
            "schemes[1].bonuses[0].table.galaxy",
            "a level: city, county, national, province, school",
            "'galaxy'",
        ),
        (
            "schemes[1].bonuses[0].table.county.gold",
            "a rank: special, first, second, third, excellent, title",
            "'gold'",
        ),
        ("schemes[1].bonuses[0].table.county.first", "points of at least 0", "-1"),
        ("schemes[1].bonuses[0].cap", "a cap of at least 0", "-1"),
        ("schemes[1].bonuses[0].category_cap", "a cap of at least 0", "-1"),
        ("schemes[1].vetoes[0].effects", "at least one effect", "none"),
        (
            "schemes[1].vetoes[1].record",
            "a record kind: honour, activity, inspection, incident, ballot, appeal",
            "'crime'",
        ),
        ("schemes[1].vetoes[1].band", "a band of the scheme: A, B, A, C, D, E", "'Z'"),
        ("schemes[1].vetoes[1].dimension", "a dimension of the scheme", "'zz'"),
    ]


def sound_scheme(places: int = 0, quota: str = "1") -> Scheme:
    """A scheme at every limit the checks allow: each value exactly at its boundary."""
    rules = (
        PointsRule(RuleKind.LINEAR, floor=D(59), ceiling=D(60)),
        PointsRule(
            RuleKind.THRESHOLDS,
            steps=(Threshold(D(1), D(0)), Threshold(D(2), D(0)), Threshold(D(3), D(100))),
        ),
        PointsRule(RuleKind.COUNT, each=D("0.01"), cap=D(100)),
        PointsRule(RuleKind.RATIO, target=D("0.01"), cap=D("0.01")),
    )
    first = tuple(Indicator(f"i{n}", f"i{n}", r) for n, r in enumerate(rules))
    lower = PointsRule(
        RuleKind.THRESHOLDS, steps=(Threshold(D(1), D(100)), Threshold(D(2), D(100)))
    )
    equal = (Indicator("w1", "w1", LIN, weight=D(2)), Indicator("w2", "w2", LIN, weight=D(2)))
    incident = Condition(any=(Clause("severity", Op.GE, "serious"),))
    dims = (
        Dimension("d", "d", D("0.01"), (*first, Indicator("lo", "lo", lower, Direction.LOWER))),
        Dimension("e", "e", D(1), equal, Aggregate(drop_lowest=1, keep_highest=1)),
        Dimension(
            "f",
            "f",
            D(1),
            (Indicator("s", "s", LIN, source=RecordSource("incident", incident)),),
            Aggregate(Method.SUM, cap=D(100), drop_lowest=0),
        ),
    )
    return Scheme(
        "s",
        "s",
        SubjectKind.TEACHER,
        "2023-2024",
        dims,
        bands=(Band("A", D(100), quota=D(quota)), Band("B", D("99.99")), Band("C", D(0))),
        bonuses=(BonusRule("b", "b", {"county": {"first": D(0)}}, cap=D(0), category_cap=D(0)),),
        bonus_cap=D(0),
        vetoes=(
            VetoRule(
                "v",
                "v",
                "incident",
                incident,
                (VetoEffect.FORCE_BAND, VetoEffect.ZERO_DIMENSION),
                band="B",
                dimension="f",
            ),
        ),
        ranking=Ranking(TiePolicy.COMPETITION, ("e",)),
        split=Split(D("0.01"), D("0.01")),
        places=places,
    )


@pytest.mark.parametrize("places", [0, 6])
def test_a_scheme_at_every_limit_is_sound(places: int) -> None:
    assert scheme_problems(sound_scheme(places), "scheme") == []
    assert scheme_warnings(sound_scheme(places)) == []


def test_warnings_name_the_band_below_or_none() -> None:
    force = VetoRule("v", "v", "incident", Condition(), (VetoEffect.FORCE_BAND,), band="C")
    bands = (Band("A", D(90)), Band("B", D(80), D("0.25")), Band("C", D(0), D("0.5")))
    scheme = attrs.evolve(
        sound_scheme(), bands=bands, vetoes=(force, attrs.evolve(force, band="B"))
    )
    warnings = scheme_warnings(scheme, "schemes.toml", "schemes[0]")
    assert [(w.path, w.expected, w.found) for w in warnings] == [
        (
            "schemes[0].vetoes[0].band",
            "a band without a quota to force into: C holds at most 50 % of the subjects, and the "
            "quota outranks the force (forced subjects take its places first, in rank order; "
            "those beyond them fall to no band)",
            "'C'",
        ),
        (
            "schemes[0].vetoes[1].band",
            "a band without a quota to force into: B holds at most 25 % of the subjects, and the "
            "quota outranks the force (forced subjects take its places first, in rank order; "
            "those beyond them fall to C)",
            "'B'",
        ),
    ]


def test_a_cancel_without_bands_is_warned_about_and_ordinal_ranks_with_a_quota() -> None:
    cancel = VetoRule("v", "v", "incident", Condition(), (VetoEffect.CANCEL_EXCELLENCE,))
    scheme = attrs.evolve(sound_scheme(), bands=(), vetoes=(cancel,))
    assert [(w.path, w.found) for w in scheme_warnings(scheme)] == [
        ("vetoes[0].effects", "0 bands")
    ]
    scheme = attrs.evolve(sound_scheme(), ranking=Ranking(TiePolicy.ORDINAL))
    assert [(w.path, w.found) for w in scheme_warnings(scheme)] == [("ranking.ties", "'ordinal'")]
    assert "quota of A are separated" in scheme_warnings(scheme)[0].expected


# -- the unit tree and the people ----------------------------------------------------------------


def test_every_problem_of_units_and_people() -> None:
    units = (
        Unit("s1", UnitKind.OFFICE, "校"),  # the school's own id
        Unit("o1", UnitKind.OFFICE, "教务处", leader="p1", supervisor="p3"),
        Unit("g1", UnitKind.GRADE, "一年级", leader="p9"),
        Unit("c1", UnitKind.CLASS, "一班", parent="g1"),
        Unit("c2", UnitKind.CLASS, "二班", parent="o1"),
        Unit("c3", UnitKind.CLASS, "三班"),
        Unit("r1", UnitKind.RESEARCH_GROUP, "语文组", parent="zz"),
        Unit("pg", UnitKind.PREP_GROUP, "备课组", parent="r1"),
        Unit("pg2", UnitKind.PREP_GROUP, "备课组2", parent="g1"),
        Unit("o1", UnitKind.OFFICE, "dup"),
        Unit("x1", UnitKind.OFFICE, "x1", parent="x3"),
        Unit("x2", UnitKind.OFFICE, "x2", parent="x1"),
        Unit("x3", UnitKind.OFFICE, "x3", parent="x2"),
        Unit("y1", UnitKind.OFFICE, "y1", parent="y1"),
    )
    head = RoleKind.HEAD_TEACHER
    people = (
        Person(
            "p1",
            "张",
            roles=(Role(head), Role(head, "zz"), Role(head, "g1"), Role(head, "c1")),
            units=("o1", "zz"),
            mentor="p1",
        ),
        Person(
            "p2",
            "李",
            roles=(
                Role(RoleKind.TEACHER, "zz"),
                Role(RoleKind.TEACHER, "o1"),
                Role(RoleKind.VICE_PRINCIPAL),
                Role(RoleKind.VICE_PRINCIPAL, area="德育"),
                Role(RoleKind.GROUP_LEADER, "pg"),
                Role(RoleKind.GROUP_LEADER, "o1"),
            ),
            mentor="p9",
        ),
        Person("p3", "王", active=False, mentor="p2"),
        Person("p1", "again"),
    )
    checks = (
        organisation.check_ids,
        organisation.check_unit_references,
        organisation.check_unit_tree,
        organisation.check_people,
    )
    found = [p for check in checks for p in problems_of(check, units=units, people=people)]
    assert {p.file for p in found} == {SCHOOL}
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("units[9].id", "an id no other unit has", "'o1', the id of units[1] too"),
        ("people[3].id", "an id no other person has", "'p1', the id of people[0] too"),
        ("units[0].id", "an id other than the school's", "'s1'"),
        ("units[1].supervisor", "a person still at the school", "'p3', who left"),
        ("units[2].leader", "the id of a person", "'p9', which no entry has"),
        ("units[4].parent", "a grade for a class", "'o1', an office, not a grade"),
        ("units[5].parent", "a grade for a class", "nothing"),
        ("units[6].parent", "the id of a unit", "'zz', which no entry has"),
        (
            "units[10].parent",
            "a chain of parents that ends at the school",
            "a cycle x1 → x3 → x2 → x1",
        ),
        ("units[13].parent", "a chain of parents that ends at the school", "a cycle y1 → y1"),
        ("people[0].units[1]", "the id of a unit", "'zz', which no entry has"),
        ("people[0].roles[0].unit", "the class this post is held in", "nothing"),
        ("people[0].roles[1].unit", "the id of a class", "'zz', which no entry has"),
        ("people[0].roles[2].unit", "the id of a class", "'g1', a grade, not a class"),
        ("people[0].mentor", "another person", "the person themself"),
        ("people[1].roles[0].unit", "the id of a unit", "'zz', which no entry has"),
        ("people[1].roles[2].area", "the area this vice principal is in charge of", "nothing"),
        (
            "people[1].roles[5].unit",
            "the id of a prep_group or research_group",
            "'o1', an office, not a prep_group or research_group",
        ),
        ("people[1].mentor", "the id of a person", "'p9', which no entry has"),
    ]


# -- plans and goals -----------------------------------------------------------------------------

GOAL_CALENDAR = SchoolCalendar(
    (
        SchoolYear(
            "2023-2024",
            date(2023, 9, 1),
            date(2024, 8, 31),
            (
                Semester("一", date(2023, 9, 1), date(2024, 1, 31)),
                Semester("二", date(2024, 2, 1), date(2024, 8, 31)),
            ),
        ),
        SchoolYear("2024-2025", date(2024, 9, 1), date(2025, 8, 31)),
    )
)
GOAL_UNITS = (
    Unit("o1", UnitKind.OFFICE, "教务处"),
    Unit("g1", UnitKind.GRADE, "一年级"),
    Unit("c1", UnitKind.CLASS, "一班", parent="g1"),
    Unit("o2", UnitKind.OFFICE, "德育处"),
)


def target(indicator_id: str, value: int | Decimal | None, additive: bool = False) -> GoalIndicator:
    amount = None if value is None else Decimal(value)
    return GoalIndicator(indicator_id, indicator_id, target=amount, additive=additive)


def test_every_problem_of_plans_and_goals() -> None:
    plans = (
        DevelopmentPlan(
            "pl",
            "规划",
            (Phase("2023-2024", "a"), Phase("2023-2024", "b"), Phase("2030-2031", "c")),
            cap=Decimal("0.99"),
        ),
        DevelopmentPlan("pl", "again", (), cap=Decimal(1)),
    )
    top = (target("n", 10, True), target("m", 5, True), target("k", None, True), target("q", 3))
    goals = (
        Goal("top", "学校", "s1", "2023-2024", plan="pl", indicators=(*top, target("n", 1))),
        Goal(
            "a",
            "教务",
            "o1",
            "2023-2024/一",
            parent="top",
            indicators=(target("n", 4), target("m", 9)),
        ),
        Goal(
            "b",
            "德育",
            "o2",
            "2023-2024",
            parent="top",
            indicators=(target("n", 4), target("q", 1)),
        ),
        Goal("c", "一班", "c1", "2024-2025", parent="a", weight=Decimal(0)),
        Goal("d", "人", "p1", "2023-2024", parent="a"),
        Goal("e", "?", "zz", "2099", parent="top", plan="zz"),
        Goal("f", "孤", "o1", "2023-2024", parent="nope"),
        Goal("x", "x", "o1", "2023-2024", parent="y"),
        Goal("y", "y", "o1", "2023-2024", parent="x"),
        Goal("f", "dup", "o1", "2023-2024"),
        Goal("h", "学校之下", "s1", "2023-2024", parent="a"),
        Goal("i", "一班", "c1", "2023-2024/三", parent="top"),
    )
    found = problems_of(
        goal_checks.check_goals,
        calendar=GOAL_CALENDAR,
        units=GOAL_UNITS,
        people=(Person("p1", "张"),),
        plans=plans,
        goals=goals,
    )
    assert {p.file for p in found} == {"ws/goals.toml"}
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("plans[1].id", "an id no other plan has", "'pl', the id of plans[0] too"),
        ("goals[9].id", "an id no other goal has", "'f', the id of goals[6] too"),
        ("plans[0].phases[1].year", "one phase per school year", "'2023-2024' again"),
        (
            "plans[0].phases[2].year",
            "a school year of the calendar",
            "'2030-2031', which no entry has",
        ),
        ("plans[0].cap", "a cap of at least 1", "0.99"),
        ("plans[1].phases", "at least one phase (one per school year of the plan)", "none"),
        (
            "goals[0].indicators[4].id",
            "an id no other indicator of the goal has",
            "'n', the id of goals[0].indicators[0] too",
        ),
        ("goals[0].indicators[2].target", "a number (higher indicators need target)", "nothing"),
        ("goals[3].weight", "a weight above 0", "0"),
        (
            "goals[3].owner",
            "a unit under the parent goal's owner (o1)",
            "'c1', which is not under 'o1'",
        ),
        ("goals[3].period", "a period inside the parent goal's (2023-2024/一)", "'2024-2025'"),
        ("goals[4].period", "a period inside the parent goal's (2023-2024/一)", "'2023-2024'"),
        ("goals[5].owner", "the id of the school, a unit or a person", "'zz', which no entry has"),
        ("goals[5].plan", "the id of a plan", "'zz', which no entry has"),
        (
            "goals[5].period",
            "a school year or year/semester of the calendar",
            "period '2099' is not a school year such as '2023-2024'",
        ),
        ("goals[6].parent", "the id of a goal", "'nope', which no entry has"),
        ("goals[7].parent", "a chain of parents that ends at a top goal", "a cycle x → y → x"),
        (
            "goals[10].owner",
            "a unit under the parent goal's owner (o1)",
            "'s1', which is not under 'o1'",
        ),
        ("goals[10].period", "a period inside the parent goal's (2023-2024/一)", "'2023-2024'"),
        (
            "goals[11].period",
            "a school year or year/semester of the calendar",
            "no semester '三' of 2023-2024 in the calendar",
        ),
        (
            "goals[0].indicators[0].target",
            "children's targets for 'n' adding up to 10",
            "8 (short by 2)",
        ),
        (
            "goals[0].indicators[1].target",
            "children's targets for 'm' adding up to 5",
            "9 (over by 4)",
        ),
    ]


def test_goals_at_every_limit_are_sound() -> None:
    plans = (DevelopmentPlan("pl", "规划", (Phase("2023-2024", "a"),), cap=Decimal(1)),)
    goals = (
        Goal("top", "学校", "s1", "2023-2024", plan="pl", indicators=(target("n", 10, True),)),
        Goal("a", "教务", "o1", "2023-2024", Decimal("0.01"), "top", indicators=(target("n", 4),)),
        Goal("b", "一年级", "g1", "2023-2024/二", parent="top", indicators=(target("n", 6),)),
        Goal("c", "一班", "c1", "2023-2024/二", parent="b"),
        Goal("d", "一年级", "g1", "2023-2024/二", parent="b"),
        Goal("s", "学校", "s1", "2023-2024", parent="top"),
    )
    found = problems_of(
        goal_checks.check_goals,
        calendar=GOAL_CALENDAR,
        units=GOAL_UNITS,
        plans=plans,
        goals=goals,
    )
    assert found == []


# -- records -------------------------------------------------------------------------------------


def test_every_problem_of_records_by_row_and_column() -> None:
    units = (
        Unit("o1", UnitKind.OFFICE, "教务处"),
        Unit("g1", UnitKind.GRADE, "一年级"),
        Unit("c1", UnitKind.CLASS, "一班", parent="g1"),
    )
    kind, day = RecipientKind, date(2024, 1, 1)
    to = [
        Recipient(kind.PERSON, "p9"),
        Recipient(kind.PERSON, "p1"),
        Recipient(kind.CLASS, "g1"),  # a grade, not a class
        Recipient(kind.CLASS, "zz"),
        Recipient(kind.GROUP, "zz"),
        Recipient(kind.GROUP),
        Recipient(kind.STUDENT),
        Recipient(kind.STUDENT, name="小明"),
        Recipient(kind.SCHOOL),
        Recipient(kind.CLASS, "c1"),
        Recipient(kind.GROUP, "o1"),
        Recipient(kind.PERSON, "p1"),
    ]
    ids = ["h1", "h1", *(f"h{n}" for n in range(3, 12)), "h1"]
    honours = tuple(Honour(i, "t", Level.CITY, r, day) for i, r in zip(ids, to, strict=True))
    book = RecordBook.of(
        honour=honours,
        activity=(
            Activity("a1", "t", "x", day, unit="zz", participants=("p1", "o1", "q9")),
            Activity("a2", "t", "x", day),
        ),
        inspection=(
            Inspection("i1", "t", day, "zz", inspector="p9"),
            Inspection("i2", "t", day, "c1", inspector="p1"),
        ),
        incident=(
            Incident("x1", "p9", day, Severity.MINOR),
            Incident("x2", "p1", day, Severity.MINOR),
        ),
    )
    workspace = Workspace(School("s1", "一中"), units=units, people=PEOPLE[:1], records=book)
    rows = {"honours": tuple(range(3, 3 + len(honours)))}  # a blank line above the first
    found = list(check_records(LoadedWorkspace(workspace, Path("ws"), {}, record_rows=rows)))
    assert [(p.file, p.path, p.expected, p.found) for p in found] == [
        (
            "ws/records/honours.csv",
            "row 4, column id",
            "an id no other honour has",
            "'h1', the id of row 3 too",
        ),
        (
            "ws/records/honours.csv",
            "row 14, column id",
            "an id no other honour has",
            "'h1', the id of row 3 too",
        ),
        (
            "ws/records/honours.csv",
            "row 3, column recipient",
            "the id of a person for a person's honour",
            "'p9', which no entry has",
        ),
        (
            "ws/records/honours.csv",
            "row 5, column recipient",
            "the id of a class for a class's honour",
            "'g1', a grade, not a class",
        ),
        (
            "ws/records/honours.csv",
            "row 6, column recipient",
            "the id of a class for a class's honour",
            "'zz', which no entry has",
        ),
        (
            "ws/records/honours.csv",
            "row 7, column recipient",
            "the id of a unit for a group's honour",
            "'zz', which no entry has",
        ),
        ("ws/records/honours.csv", "row 9, column recipient_name", "the student's name", "nothing"),
        (
            "ws/records/activities.csv",
            "row 2, column unit",
            "the id of a unit",
            "'zz', which no entry has",
        ),
        (
            "ws/records/activities.csv",
            "row 2, column participants",
            "ids of people or units, separated by ;",
            "'q9', which no entry has",
        ),
        (
            "ws/records/inspections.csv",
            "row 2, column unit",
            "the id of a unit",
            "'zz', which no entry has",
        ),
        (
            "ws/records/inspections.csv",
            "row 2, column inspector",
            "the id of a person",
            "'p9', which no entry has",
        ),
        (
            "ws/records/incidents.csv",
            "row 2, column person",
            "the id of a person",
            "'p9', which no entry has",
        ),
    ]


def test_a_scheme_without_dimensions_and_an_unequal_mean_that_drops_one() -> None:
    scheme = Scheme(
        "s", "s", SubjectKind.TEACHER, "2023-2024", (), ranking=Ranking(tie_breakers=("x",))
    )
    assert [(p.path, p.expected, p.found) for p in scheme_problems(scheme, "f")] == [
        ("dimensions", "at least one dimension", "none"),
        ("ranking.tie_breakers[0]", "a dimension of the scheme (none)", "'x'"),
    ]
    unequal = (Indicator("a", "a", LIN), Indicator("b", "b", LIN, weight=D(2)))
    dimension = Dimension("d", "d", D(1), unequal, Aggregate(drop_lowest=1))
    scheme = attrs.evolve(scheme, dimensions=(dimension,), ranking=Ranking())
    assert [p.path for p in scheme_problems(scheme, "f")] == ["dimensions[0].aggregate.method"]


def test_a_vetos_condition_is_checked_against_its_record_kind() -> None:
    when = Condition(all=(Clause("passed", Op.EQ, "false"),))
    veto = VetoRule("v", "v", "inspection", when, (VetoEffect.CANCEL_EXCELLENCE,))
    scheme = attrs.evolve(sound_scheme(), vetoes=(veto,))
    assert [(p.path, p.expected, p.found) for p in scheme_problems(scheme, "f")] == [
        (
            "vetoes[0].when.all[0]",
            "true or false without quotes (passed is a yes/no field)",
            "passed eq 'false'",
        )
    ]


def test_only_a_force_is_warned_about_and_a_cancel_needs_two_bands() -> None:
    cancel = VetoRule("v", "v", "incident", Condition(), (VetoEffect.CANCEL_EXCELLENCE,), band="A")
    two = (Band("A", D(90), D("0.5")), Band("B", D(0)))
    scheme = attrs.evolve(sound_scheme(), bands=two, vetoes=(cancel,))
    assert scheme_warnings(scheme) == []
    one = attrs.evolve(scheme, bands=two[:1])
    assert [(w.file, w.path, w.found) for w in scheme_warnings(one)] == [
        ("scheme", "vetoes[0].effects", "1 band")
    ]


def test_ordinal_ranks_are_warned_about_naming_every_band_with_a_quota() -> None:
    bands = (Band("A", D(90), D("0.1")), Band("B", D(80), D("0.3")), Band("C", D(0)))
    scheme = attrs.evolve(
        sound_scheme(), bands=bands, vetoes=(), ranking=Ranking(TiePolicy.ORDINAL)
    )
    assert [w.expected for w in scheme_warnings(scheme)] == [
        "a tie policy that keeps ties together (competition, modified, dense or fractional) when "
        "a band has a quota: with ordinal, subjects tied at the last place of the quota of A, B "
        "are separated by subject id"
    ]


def test_every_scheme_of_a_workspace_is_checked_where_it_comes_from(tmp_path: Path) -> None:
    file = str(tmp_path / "schemes.toml")
    sound = attrs.evolve(sound_scheme(), id="s1")
    drills = Indicator("n", "n", LIN, source=RecordSource("drill"))
    counted = Scheme(
        "s4", "s4", SubjectKind.CLASS, "2023-2024", (Dimension("d", "d", D(1), (drills,)),)
    )
    sources = (
        SchemeSource(sound, file),
        SchemeSource(attrs.evolve(sound, id="s3"), "plugin:x"),
        SchemeSource(sound, "plugin:x"),
        SchemeSource(attrs.evolve(sound, period="2023"), file),
        SchemeSource(attrs.evolve(sound, id="s3"), file),
        SchemeSource(attrs.evolve(sound, id="s2", period="2023"), "plugin:x"),
        SchemeSource(counted, file),
    )
    drill = RecordKind("drill", "drills", Drill, ("date", "unit"), ("date", "unit"))
    loaded = LoadedWorkspace(
        Workspace(School("s1", "一中")),
        tmp_path,
        {"schemes": tmp_path / "schemes.toml"},
        kinds=(*CORE_KINDS, drill),
        schemes=sources,
    )
    found = [(p.file, p.path, p.expected, p.found) for p in check_schemes(loaded)]
    taken = "an id no other scheme has"
    year = "a school year such as '2023-2024'"
    assert found == [
        ("plugin:x", "id", taken, "'s1', the id of schemes[0] too"),
        (file, "schemes[1].id", taken, "'s1', the id of schemes[0] too"),
        (file, "schemes[1].period", year, "'2023'"),
        (file, "schemes[2].id", taken, "'s3', the id of plugin:x too"),
        ("plugin:x", "period", year, "'2023'"),
    ]
    ordinal = attrs.evolve(sound, ranking=Ranking(TiePolicy.ORDINAL))
    loaded = attrs.evolve(
        loaded,
        schemes=(
            SchemeSource(sound, "plugin:x"),
            SchemeSource(ordinal, file),
            SchemeSource(ordinal, "plugin:x"),
            SchemeSource(ordinal, file),
        ),
    )
    assert [(p.file, p.path) for p in check_warnings(loaded)] == [
        (file, "schemes[0].ranking.ties"),
        ("plugin:x", "ranking.ties"),
        (file, "schemes[1].ranking.ties"),
    ]


def test_a_values_file_named_for_no_scheme(tmp_path: Path) -> None:
    values = tmp_path / "values"
    values.mkdir()
    for name in ("zz.CSV", "notes.txt", "yy.xlsx"):
        (values / name).write_text("", encoding="utf-8")
    sound = attrs.evolve(sound_scheme(), id="s1")
    loaded = LoadedWorkspace(
        Workspace(School("s1", "一中")), tmp_path, {}, schemes=(SchemeSource(sound, "x"),)
    )
    expected = "the id of a scheme (of schemes.toml or a plugin) as the file name"
    zh = "以考核方案（schemes.toml 或插件中）的编号为文件名"
    assert [(p.file, p.path, p.expected, p.found, p.expected_zh) for p in check_values(loaded)] == [
        (str(values / "yy.xlsx"), "", expected, "'yy'", zh),
        (str(values / "zz.CSV"), "", expected, "'zz'", zh),
    ]
    (values / "s1a.csv").write_text("", encoding="utf-8")
    (hinted,) = [p for p in check_values(loaded) if p.found == "'s1a'"]
    assert hinted.expected_zh == zh + "（是不是 's1'？）"


def test_more_problems_of_units_each_told_in_full() -> None:
    units = (
        Unit("g1", UnitKind.GRADE, "一年级"),
        Unit("o1", UnitKind.OFFICE, "教务处", supervisor="p9"),  # no leader, a missing supervisor
        Unit("pg1", UnitKind.PREP_GROUP, "备课组", parent="o1"),
        Unit("pg2", UnitKind.PREP_GROUP, "备课组"),
        Unit("q2", UnitKind.OFFICE, "q2", parent="q1"),  # a cycle whose first unit is q2
        Unit("q1", UnitKind.OFFICE, "q1", parent="q2"),
    )
    checks = (organisation.check_unit_references, organisation.check_unit_tree)
    found = [p for check in checks for p in problems_of(check, units=units, people=PEOPLE)]
    assert [(p.path, p.expected, p.found) for p in found] == [
        ("units[1].supervisor", "the id of a person", "'p9', which no entry has"),
        (
            "units[2].parent",
            "a grade or research_group for a prep_group",
            "'o1', an office, not a grade or research_group",
        ),
        ("units[3].parent", "a grade or research_group for a prep_group", "nothing"),
        ("units[4].parent", "a chain of parents that ends at the school", "a cycle q2 → q1 → q2"),
    ]


def test_more_problems_of_goals_each_told_in_full() -> None:
    goals = (
        Goal(
            "top",
            "学校",
            "s1",
            "2023-2024",
            indicators=(target("plain", 3), target("n", 10, True)),
        ),
        Goal("a", "教务", "o1", "2023-2024", parent="top", indicators=(target("n", D("10.5")),)),
        Goal("b", "德育", "o2", "1999", parent="nope"),
        Goal("c", "一年级", "g1", "2023-2024", parent="b"),  # under a goal whose parent is unknown
        Goal("d", "一班", "c1", "2023-2024", parent="b"),  # under a goal whose period is unknown
        Goal("e", "?", "zz", "2023-2024"),
    )
    found = problems_of(
        goal_checks.check_goals, calendar=GOAL_CALENDAR, units=GOAL_UNITS, goals=goals
    )
    assert [(p.path, p.found) for p in found] == [
        ("goals[2].period", "period '1999' is not a school year such as '2023-2024'"),
        ("goals[2].parent", "'nope', which no entry has"),
        ("goals[3].owner", "'g1', which is not under 'o2'"),
        ("goals[4].owner", "'c1', which is not under 'o2'"),
        ("goals[5].owner", "'zz', which no entry has"),
        ("goals[0].indicators[1].target", "10.5 (over by 0.5)"),
    ]


def test_two_owners_of_a_duty_the_grid_does_not_have_are_named_by_its_id() -> None:
    cells = (Cell("一年级", "d9", "p1"), Cell("一年级", "d9", "p2"), Cell("一年级", "d1", "p1"))
    grid = Grid("g", "g", "safety", "p1", ("一年级",), (Duty("d1", "上下学"),), cells)
    found = problems_of(duties.check_grids, people=PEOPLE, grids=(grid,))
    assert [(p.path, p.expected, p.found) for p in found][-1] == (
        "grids[0].cells",
        "one owner for 一年级 / d9",
        "several: p1, p2",
    )


def test_a_rule_checked_once_is_still_located_at_every_indicator_that_has_it() -> None:
    # Each distinct rule of a scheme is checked once, but every indicator with a wrong one is
    # named, with what is wrong in its own words.
    bad = PointsRule(RuleKind.LINEAR, floor=D(60), ceiling=D(60))
    again = PointsRule(RuleKind.LINEAR, floor=D(60), ceiling=D(60))  # equal, another object
    sound = sound_scheme()
    dimension = sound.dimensions[0]
    first, *rest = dimension.indicators
    indicators = (
        attrs.evolve(first, points=bad),
        *rest,
        attrs.evolve(first, id="twin", points=again),
    )
    changed = attrs.evolve(dimension, indicators=indicators)
    scheme = attrs.evolve(sound, dimensions=(changed, *sound.dimensions[1:]))
    found = scheme_problems(scheme, "schemes.toml", "schemes[0]")
    last = len(indicators) - 1
    assert [(p.file, p.path, p.expected, p.found, p.expected_zh) for p in found] == [
        (
            "schemes.toml",
            f"schemes[0].dimensions[0].indicators[{n}].points.ceiling",
            "a value above the floor (60)",
            "60",
            "大于 floor（60）的值",
        )
        for n in (0, last)
    ]
