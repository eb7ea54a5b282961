"""Hypothesis strategies for schoolwork's models, valid by construction.

Each strategy takes knobs for size, so a test can ask for a small school while it shrinks and a
large one when it measures. ``workspaces()`` ties the parts together: every reference resolves,
the unit tree has no cycle and the calendar's dates make sense, so the result passes
``schoolwork validate``.
"""

from __future__ import annotations

from collections.abc import Callable
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
    "ballots_for",
    "baselines_for",
    "calendars",
    "conditions",
    "decimals",
    "gains_of",
    "ids",
    "inputs_for",
    "names",
    "nearly_valid_workspaces",
    "organisations",
    "people_for",
    "points_rules",
    "rater_sets",
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
        attrs.evolve(
            # No gains (a baseline names a scheme the workspace would need), no raters: small draws.
            draw(schemes(max_dimensions=2, max_indicators=3, raters=False, gains=False)),
            id=f"scheme-{n + 1}",
        )
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

from schoolwork.calendar import period_span  # noqa: E402
from schoolwork.conditions import Clause, Condition, Op  # noqa: E402
from schoolwork.records import (  # noqa: E402
    CORE_KINDS,
    Activity,
    AwardRank,
    Ballot,
    Honour,
    Incident,
    Inspection,
    RecordBook,
    RecordKind,
    Severity,
)
from schoolwork.results import Subject  # noqa: E402
from schoolwork.scheme import (  # noqa: E402
    DENOMINATED,
    AbsentGroup,
    Aggregate,
    Band,
    BonusRule,
    Combine,
    Dimension,
    Direction,
    Gain,
    GainKind,
    Indicator,
    Method,
    Missing,
    MissingBaseline,
    Part,
    PointsRule,
    QuotaRounding,
    Ranking,
    RankKey,
    RaterGroup,
    Raters,
    RaterWeight,
    RecordSource,
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
from schoolwork.testing import boundaries  # noqa: E402

Values = dict[str, dict[str, Decimal | None]]
"""Raw values by subject id and indicator id, as :func:`schoolwork.evaluate` takes them."""


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
def aggregates(draw: st.DrawFn, size: int, modes: bool = True) -> tuple[Aggregate, bool]:
    """An aggregation for ``size`` indicators, and whether it needs equal weights; with
    ``modes``, sometimes a ``mode`` (allowed, but not monotonic)."""
    method = draw(st.sampled_from([m for m in Method if modes or m is not Method.MODE]))
    drop = draw(st.integers(0, max(size - 1, 0)))
    keep = draw(st.one_of(st.none(), st.integers(1, size)))
    cap = draw(decimals(10, 100, 0)) if method is Method.SUM and draw(st.booleans()) else None
    ties = draw(st.sampled_from(TieOrder))
    rule = Aggregate(method, drop_lowest=drop, keep_highest=keep, cap=cap, ties=ties)
    return rule, method is Method.WEIGHTED_MEAN and (drop > 0 or keep is not None)


BASELINE_SCHEME = "last-year"
"""The scheme id that the gains of :func:`schemes` name as their baseline's."""


@st.composite
def rater_sets(draw: st.DrawFn) -> Raters:
    """Sound raters (民主测评): one to three groups whose weights (in tenths) sum to 1, each
    combining its ballots by mean, median or a trimmed mean with a minimum that the trim
    leaves a ballot of."""
    groups = draw(st.lists(st.sampled_from(RaterGroup), min_size=1, max_size=3, unique=True))
    extra = len(groups) - 1
    cuts = sorted(draw(st.lists(st.integers(1, 9), min_size=extra, max_size=extra, unique=True)))
    tenths = [b - a for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]
    rules = []
    for group, share in zip(groups, tenths, strict=True):
        combine = draw(st.sampled_from(Combine))
        trim = draw(st.integers(1, 2)) if combine is Combine.TRIMMED_MEAN else 0
        least = draw(st.integers(2 * trim + 1, 2 * trim + 3))
        rules.append(RaterWeight(group, Decimal(share).scaleb(-1), combine, trim, least))
    return Raters(tuple(rules), absent=draw(st.sampled_from(AbsentGroup)))


def gains_of(indicator_id: str) -> st.SearchStrategy[Gain]:
    """A value-added rule for ``indicator_id``, its baseline the same indicator of
    :data:`BASELINE_SCHEME`: absolute or relative, a missing baseline excluded or, declared,
    a gain of 0."""
    return st.builds(
        Gain,
        st.just(f"{BASELINE_SCHEME}:{indicator_id}"),
        st.sampled_from(GainKind),
        st.sampled_from(MissingBaseline),
    )


RECORD_KINDS_OF = {
    SubjectKind.TEACHER: ("honour", "activity", "incident"),
    SubjectKind.CLASS: ("honour", "activity", "inspection"),
    SubjectKind.GRADE: ("honour", "activity", "inspection"),
    SubjectKind.OFFICE: ("honour", "activity", "inspection"),
    SubjectKind.SCHOOL: ("honour",),
}
"""The core's record kinds that belong to each kind of subject."""

ACTIVITY_TYPES = ("教研活动", "公开课", "读书笔记", "家访")
INSPECTION_TYPES = ("文明班级", "安全检查", "卫生检查")
INCIDENT_KINDS = ("ethics", "safety")
CATEGORIES = ("教学", "育人", "科研")


@st.composite
def conditions(draw: st.DrawFn, kind: str) -> Condition | None:
    """A condition on records of the core's ``kind``, in the words generated records use (so
    that they match often), or ``None`` (every record of the kind)."""
    clauses: list[Clause]
    if kind == "incident":
        clauses = [Clause("severity", Op.GE, draw(st.sampled_from(Severity)).value)]
        if draw(st.booleans()):
            clauses.append(Clause("kind", Op.EQ, draw(st.sampled_from(INCIDENT_KINDS))))
    elif kind == "honour":
        clauses = [
            draw(
                st.sampled_from(
                    [
                        Clause("category", Op.EQ, draw(st.sampled_from(CATEGORIES))),
                        Clause("level", Op.IN, ("national", "province")),
                        Clause("rank", Op.LE, draw(st.sampled_from(AwardRank)).value),
                    ]
                )
            )
        ]
    elif kind == "activity":
        clauses = [Clause("type", Op.EQ, draw(st.sampled_from(ACTIVITY_TYPES)))]
    elif kind == "inspection":
        clauses = [Clause("type", Op.EQ, draw(st.sampled_from(INSPECTION_TYPES)))]
        extra = draw(st.sampled_from(["", "passed", "score"]))
        if extra == "passed":
            clauses.append(Clause("passed", Op.EQ, draw(st.booleans())))
        elif extra == "score":
            clauses.append(Clause("score", Op.GE, draw(decimals(50, 90, 0))))
    else:
        return None
    shape = draw(st.sampled_from(["all", "all", "any", "none"]))
    if shape == "none":
        return None
    if shape == "any":
        return Condition(any=tuple(clauses))
    return Condition(all=tuple(clauses))


@st.composite
def schemes(
    draw: st.DrawFn,
    max_dimensions: int = 4,
    max_indicators: int = 4,
    subject: SubjectKind = SubjectKind.TEACHER,
    vetoes: bool = True,
    bonuses: bool = True,
    counted: bool = True,
    max_vetoes: int = 3,
    raters: bool = True,
    gains: bool = True,
    extra_credit: bool = True,
    modes: bool = True,
) -> Scheme:
    """A sound scheme: positive weights, monotonic rules, ordered bands, feasible quotas.

    With ``raters``, some indicators are scored by ballots (:func:`rater_sets`); with
    ``gains``, some are value-added (:func:`gains_of`, baselines from
    :data:`BASELINE_SCHEME`); with ``extra_credit``, a mean or weighted mean that keeps every
    value sometimes has an extra-credit indicator (and a cap); with ``modes``, a dimension is
    sometimes aggregated by ``mode``, which is not monotonic (``check_scheme`` leaves it out
    of its monotonic property). With ``counted``, some indicators count the subject's records
    (``source``); with ``vetoes``, up to ``max_vetoes`` veto rules on the subject's records,
    with every effect (``cancel_excellence``, ``cancel_awards``, ``force_band`` into any band,
    ``zero_dimension``) alone or together; with ``bonuses``, a bonus table for honours.
    """
    kinds = RECORD_KINDS_OF[subject]
    dimensions = []
    serial = 0
    for d in range(draw(st.integers(1, max_dimensions))):
        size = draw(st.integers(1, max_indicators))
        aggregate, equal = draw(aggregates(size, modes))
        shared = draw(weights())
        items = []
        for _ in range(size):
            serial += 1
            direction = draw(st.sampled_from(Direction))
            source = None
            rated: Raters | None = None
            gained: Gain | None = None
            way = draw(st.integers(0, 11))
            if counted and way < 3:
                kind = draw(st.sampled_from(kinds))
                source = RecordSource(kind, draw(conditions(kind)))
            elif raters and way in (3, 4):
                rated = draw(rater_sets())
            elif gains and way == 5:
                gained = draw(gains_of(f"i{serial}"))
            items.append(
                Indicator(
                    f"i{serial}",
                    f"指标{serial}",
                    draw(points_rules(direction)),
                    direction=direction,
                    weight=shared if equal else draw(weights()),
                    part=draw(st.sampled_from(Part)),
                    source=source,
                    raters=rated,
                    gain=gained,
                )
            )
        keeps_all = aggregate.drop_lowest == 0 and aggregate.keep_highest is None
        denominated = aggregate.method in DENOMINATED and keeps_all
        if extra_credit and size > 1 and denominated and draw(st.integers(0, 2)) == 0:
            items[-1] = attrs.evolve(items[-1], extra_credit=True)
            cap = draw(st.one_of(st.none(), decimals(50, 100, 0)))
            aggregate = attrs.evolve(aggregate, cap=cap)
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
    ids = [d.id for d in dimensions]
    veto_rules: list[VetoRule] = []
    effects = [e for e in VetoEffect if bands or e is not VetoEffect.FORCE_BAND]
    for n in range(draw(st.integers(0, max_vetoes)) if vetoes else 0):
        kind = draw(st.sampled_from(kinds))
        chosen = tuple(draw(st.lists(st.sampled_from(effects), min_size=1, unique=True)))
        band = draw(st.sampled_from(bands)).name if VetoEffect.FORCE_BAND in chosen else None
        zeroed = draw(st.sampled_from(ids)) if VetoEffect.ZERO_DIMENSION in chosen else None
        when = draw(conditions(kind)) or Condition()
        veto_rules.append(
            VetoRule(f"veto{n + 1}", f"否决{n + 1}", kind, when, chosen, band, zeroed)
        )
    return Scheme(
        id="scheme",
        name="考核方案",
        subject=subject,
        period="2023-2024",
        dimensions=tuple(dimensions),
        bands=bands,
        bonuses=bonus_rules,
        bonus_cap=draw(decimals(0, 20, 0)) if bonus_rules else Decimal(0),
        vetoes=tuple(veto_rules),
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


def _cell(indicator: Indicator, missing: bool) -> st.SearchStrategy[Decimal | None]:
    """A raw value of ``indicator``: from 0 to 120 in tenths, or (one time in four) at or next
    to one of its rule's breakpoints, or (one time in six, with ``missing``) none.

    One integer is drawn per value (generating and shrinking many values stays cheap); it
    shrinks towards a missing value, or 0 without ``missing``.
    """
    near = boundaries.around(boundaries.value_breakpoints(indicator))

    def value(n: int) -> Decimal | None:
        kind, rest = n % 12, n // 12
        if kind < 2:
            return None if missing else Decimal(rest).scaleb(-1)
        if kind < 5 and near:
            return near[rest % len(near)]
        return Decimal(rest).scaleb(-1)

    return st.integers(0, 12 * 1201 - 1).map(value)


def _twins(people: tuple[Subject, ...], twins: bool) -> st.SearchStrategy[dict[str, str]]:
    """Which subjects copy an earlier subject (subject id → the id it copies)."""
    if not twins or len(people) < 2:
        return st.just({})
    picks = st.lists(st.integers(0, 3 * len(people)), min_size=len(people), max_size=len(people))

    def copies(drawn: list[int]) -> dict[str, str]:
        found: dict[str, str] = {}
        for n, subject in enumerate(people):
            # One subject in four copies an earlier one.
            if n and drawn[n] % 4 == 0:
                original = people[drawn[n] // 4 % n].id
                found[subject.id] = found.get(original, original)
        return found

    return picks.map(copies)


def _value_table(
    scheme: Scheme, people: tuple[Subject, ...], missing: bool
) -> Callable[[st.DrawFn, dict[str, str]], Values]:
    """A function that draws the raw values of ``people``, copying those of the twins."""
    given = [i for d in scheme.dimensions for i in d.indicators if i.source is None]
    cells = [(i.id, _cell(i, missing)) for i in given]

    def table(draw: st.DrawFn, copies: dict[str, str]) -> Values:
        found: Values = {}
        for subject in people:
            if subject.id in copies:
                found[subject.id] = dict(found[copies[subject.id]])
            else:
                found[subject.id] = {key: draw(cell) for key, cell in cells}
        return found

    return table


def values_for(
    scheme: Scheme,
    people: tuple[Subject, ...],
    missing: bool = True,
    twins: bool = True,
) -> st.SearchStrategy[Values]:
    """Raw values for every given indicator of ``scheme`` (those without a record ``source``)
    and every subject, some missing, often at or next to a rule's breakpoint.

    With ``twins``, a subject may copy an earlier subject's values exactly, so that ties, the
    hardest case for ranks and quotas, come up often.
    """
    table = _value_table(scheme, people, missing)
    copies = _twins(people, twins)

    @st.composite
    def draw_values(draw: st.DrawFn) -> Values:
        return table(draw, draw(copies))

    return draw_values()


def _dates(scheme: Scheme | None) -> st.SearchStrategy[date]:
    """A day in the scheme's school year (2023-2024 without one), or, one time in eight, on
    either edge of it or just outside (one integer drawn per day)."""
    start, end = (
        period_span(scheme.period, SchoolCalendar())
        if scheme is not None
        else (date(2023, 9, 1), date(2024, 8, 31))
    )
    days = (end - start).days + 1
    edges = [start - timedelta(days=1), start, end, end + timedelta(days=1)]

    def day(n: int) -> date:
        if n % 8 == 0:
            return edges[n // 8 % len(edges)]
        return start + timedelta(days=n // 8 % days)

    return st.integers(0, 8 * days - 1).map(day)


def _plain_records(
    kind: str, subject: Subject, days: st.SearchStrategy[date]
) -> st.SearchStrategy[Any]:
    """Records of one of the core's kinds, in the words generated conditions use; their ids
    are set by whoever draws them."""
    if kind == "honour":
        return st.builds(
            Honour,
            st.just(""),
            st.just("荣誉"),
            st.sampled_from(Level),
            st.just(boundaries.recipient(subject)),
            days,
            st.one_of(st.none(), st.sampled_from(AwardRank)),
            category=st.sampled_from(CATEGORIES),
        )
    if kind == "activity":
        return st.builds(
            Activity,
            st.just(""),
            st.sampled_from(ACTIVITY_TYPES),
            st.just("活动"),
            days,
            participants=st.just((subject.id,)),
        )
    if kind == "inspection":
        return st.builds(
            Inspection,
            st.just(""),
            st.sampled_from(INSPECTION_TYPES),
            days,
            st.just(subject.id),
            score=st.one_of(st.none(), decimals(0, 100, 0)),
            passed=st.one_of(st.none(), st.booleans()),
        )
    return st.builds(
        Incident,
        st.just(""),
        st.just(subject.id),
        days,
        st.sampled_from(Severity),
        kind=st.sampled_from(INCIDENT_KINDS),
    )


def _triggers(scheme: Scheme | None) -> list[tuple[str, Condition | None, int]]:
    """The record conditions ``scheme`` reads: (kind, condition, most records to draw); a veto
    gets one record (drawn one time in four), a counted indicator up to past its breakpoints."""
    if scheme is None:
        return []
    found: list[tuple[str, Condition | None, int]] = [
        (rule.record, rule.when, 1) for rule in scheme.vetoes
    ]
    for dimension in scheme.dimensions:
        for indicator in dimension.indicators:
            if indicator.source is not None:
                most = boundaries.count_breakpoints(indicator, most=12)[-1]
                found.append((indicator.source.kind, indicator.source.where, most))
    return found


def _own_records(
    subject: Subject,
    scheme: Scheme | None,
    kinds: tuple[RecordKind, ...],
    max_each: int,
) -> st.SearchStrategy[list[Any]]:
    """One subject's records: of each core kind that belongs to its kind of subject, and of
    every kind the scheme counts or vetoes on, matching the scheme's conditions."""
    days = _dates(scheme)
    plain = [(name, _plain_records(name, subject, days)) for name in RECORD_KINDS_OF[subject.kind]]
    by_name = {k.name: k for k in kinds}
    vetoed = st.integers(0, 3).map(lambda n: n // 3)  # a veto fires one time in four
    triggers = [
        (t, by_name[name], condition, vetoed if most == 1 else st.integers(0, most))
        for t, (name, condition, most) in enumerate(_triggers(scheme))
        if name in by_name
    ]
    counts = st.integers(0, max_each)
    rated = [(scheme, i) for i in _rated(scheme) if scheme is not None and "ballot" in by_name]

    @st.composite
    def draw_records(draw: st.DrawFn) -> list[Any]:
        found: list[Any] = []
        for of, indicator in rated:
            found += draw(ballots_for(of, indicator, subject, days))
        for name, records in plain:
            for n in range(draw(counts)):
                found.append(attrs.evolve(draw(records), id=f"{name}-{subject.id}-{n}"))
        for t, kind, condition, count in triggers:
            for n in range(draw(count)):
                serial = f"{kind.name}-{subject.id}-t{t}-{n}"
                record = boundaries.matching_record(kind, condition, subject, draw(days), serial)
                if record is not None:
                    found.append(record)
        return found

    return draw_records()


def _rated(scheme: Scheme | None) -> list[Indicator]:
    if scheme is None:
        return []
    return [i for d in scheme.dimensions for i in d.indicators if i.raters is not None]


@st.composite
def ballots_for(
    draw: st.DrawFn,
    scheme: Scheme,
    indicator: Indicator,
    subject: Subject,
    days: st.SearchStrategy[date] | None = None,
) -> list[Ballot]:
    """Ballots on ``subject``'s ``indicator`` (declared with raters): for each group, from none
    to two more than its minimum (so groups are absent at times), each within the scale, one
    token each, listed in the order drawn (never sorted)."""
    raters = indicator.raters
    if raters is None:
        return []
    low, high = (int(x) for x in raters.scale)
    when = days if days is not None else _dates(scheme)
    found = []
    for rule in raters.groups:
        for n in range(draw(st.integers(0, rule.min_ballots + 2))):
            tag = f"{indicator.id}-{rule.group.value}-{subject.id}-{n}"
            score = draw(decimals(low, high, 0))
            day = draw(when)
            found.append(
                Ballot(
                    f"ballot-{tag}",
                    f"k-{tag}",
                    scheme.id,
                    subject.id,
                    indicator.id,
                    rule.group,
                    score,
                    day,
                )
            )
    return found


def baselines_for(
    scheme: Scheme, people: tuple[Subject, ...]
) -> st.SearchStrategy[dict[str, Values]]:
    """Baselines for the value-added indicators of ``scheme``: by baseline scheme id, the raw
    values by subject and indicator, each missing one time in three and 0 (no relative gain)
    one time in six, so that the missing-baseline rule is tried."""
    wanted = [
        (i.gain.reference, i) for d in scheme.dimensions for i in d.indicators if i.gain is not None
    ]
    if not wanted:
        return st.just({})

    def value(n: int) -> Decimal | None:
        kind, rest = n % 6, n // 6
        if kind < 2:
            return None
        if kind == 2:
            return Decimal(0)
        return Decimal(rest).scaleb(-1)

    cell = st.integers(0, 6 * 1001 - 1).map(value)

    @st.composite
    def draw_baselines(draw: st.DrawFn) -> dict[str, Values]:
        found: dict[str, Values] = {}
        for (base, column), _ in wanted:
            table = found.setdefault(base, {})
            for subject in people:
                table.setdefault(subject.id, {})[column] = draw(cell)
        return found

    return draw_baselines()


def _book(records: list[Any], kinds: tuple[RecordKind, ...]) -> RecordBook:
    by_model = {k.model: k.name for k in kinds}
    grouped: dict[str, list[Any]] = {}
    for record in records:
        grouped.setdefault(by_model.get(type(record), type(record).__name__), []).append(record)
    return RecordBook.of(**grouped)


def records_for(
    people: tuple[Subject, ...],
    max_each: int = 3,
    scheme: Scheme | None = None,
    kinds: tuple[RecordKind, ...] = CORE_KINDS,
) -> st.SearchStrategy[RecordBook]:
    """Records of ``people``: honours, activities, inspections (of units) and incidents (of
    teachers), dated in the school year 2023-2024 or at its edges.

    With ``scheme``, also records that its vetoes and counted indicators read, of any kind of
    ``kinds`` (a plugin's too), built to match their conditions: vetoes fire for some subjects,
    and counted indicators range from 0 past their rules' breakpoints.
    """
    each = [_own_records(subject, scheme, kinds, max_each) for subject in people]
    return st.tuples(*each).map(lambda drawn: _book([r for rs in drawn for r in rs], kinds))


def inputs_for(
    scheme: Scheme,
    people: tuple[Subject, ...],
    missing: bool = True,
    twins: bool = True,
    kinds: tuple[RecordKind, ...] = CORE_KINDS,
    max_each: int = 2,
) -> st.SearchStrategy[tuple[Values, RecordBook]]:
    """Raw values (:func:`values_for`) and records (:func:`records_for`) for an evaluation of
    ``people`` under ``scheme``.

    With ``twins``, a subject may copy an earlier subject: the same values and the same records
    (its own copies), so that whatever tells them apart is not what they did.
    """
    table = _value_table(scheme, people, missing)
    copies = _twins(people, twins)
    own = {subject.id: _own_records(subject, scheme, kinds, max_each) for subject in people}

    @st.composite
    def draw_inputs(draw: st.DrawFn) -> tuple[Values, RecordBook]:
        twin_of = draw(copies)
        values = table(draw, twin_of)
        records: dict[str, list[Any]] = {}
        for subject in people:
            original = twin_of.get(subject.id)
            if original is None:
                records[subject.id] = draw(own[subject.id])
            else:
                records[subject.id] = [
                    boundaries.renamed(r, original, subject.id) for r in records[original]
                ]
        return values, _book([r for rs in records.values() for r in rs], kinds)

    return draw_inputs()


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


# -- by type ------------------------------------------------------------------------------------

BY_TYPE: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Scheme: schemes,
    Workspace: workspaces,
    School: schools,
    SchoolCalendar: calendars,
    SchoolYear: school_years,
    GoalTree: goal_trees,
    GoalIndicator: goal_indicators,
}
"""What ``st.from_type`` draws for each model: the strategy that draws a *valid* value (a scheme
the checks accept), where hypothesis would otherwise build an instance field by field."""


def _by_type(make: Callable[[], st.SearchStrategy[Any]]) -> Callable[[type], Any]:
    # Resolved when a test asks, not at import: hypothesis warns about strategies evaluated
    # while it is loading its plugins.
    return lambda _model: make()


def register_types() -> None:
    """Register :data:`BY_TYPE` with hypothesis; done once when this module is imported."""
    for model, make in BY_TYPE.items():
        st.register_type_strategy(model, _by_type(make))


register_types()


# -- frozen results (issue 16) --------------------------------------------------------------

from schoolwork.evaluation.engine import evaluate  # noqa: E402
from schoolwork.evaluation.frozen import Frozen, freeze  # noqa: E402
from schoolwork.job import plugin_host  # noqa: E402
from schoolwork.plugins import PluginHost  # noqa: E402


@attrs.frozen
class FrozenCase:
    """A scheme, its subjects and their raw values, and the evaluation of them frozen."""

    scheme: Scheme
    subjects: tuple[Subject, ...]
    values: Values
    frozen: Frozen


@st.composite
def frozen_cases(draw: st.DrawFn, max_subjects: int = 6) -> FrozenCase:
    """A sound scheme (no record counts, vetoes or bonuses: the inputs are the raw values),
    2 to ``max_subjects`` subjects with raw values, and their evaluation frozen as
    :meth:`schoolwork.Session.freeze` keeps it (by the core's plugins only)."""
    scheme = draw(schemes(counted=False, vetoes=False, bonuses=False, raters=False, gains=False))
    people = subjects(draw(st.integers(2, max_subjects)))
    values = draw(values_for(scheme, people))
    evaluation = evaluate(scheme, people, values=values, host=_frozen_host())
    frozen = freeze(scheme, evaluation, inputs={}, plugins={}, library="under test")
    return FrozenCase(scheme, people, values, frozen)


def _frozen_host() -> PluginHost:
    return plugin_host(installed=False)
