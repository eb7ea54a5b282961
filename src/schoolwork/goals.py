"""Goal hierarchies (目标导向机制): a development plan decomposed down the school's units.

A development plan spans school years, one phase (theme and aim) per year. Goals are owned by
the school, an office, a grade, a group (or a person), hold for a period, and have a parent:
处室目标 → 级部目标 → 教研组目标. Indicators measure a goal; check-ins record their values
through the year. The formulas (see ``docs/goals.md``):

- indicator achievement at a date uses the latest check-in on or before it; with baseline ``b``
  (0 when not given), target ``t`` and value ``v``:
  higher is better ``(v − b) / (t − b)``; lower is better ``(b − v) / (b − t)``; when ``b = t``,
  1 if ``v`` meets the target and 0 if not; a band is 1 inside ``[low, high]`` and 0 outside;
  done is 1 when ``v ≥ 1``. The result is clipped to ``[0, cap]`` (the plan's cap: 1, or more to
  let over-achievement count) and rounded half up to 4 places.
- a goal's achievement counts each of its indicators and each of its children once, the
  children's goal weights applying among the children: ``(Σ aᵢ + k × Σ wⱼcⱼ / Σ wⱼ) / (n + k)``
  over the ``n`` indicators and ``k`` children that have an achievement.
- status compares it with the expected pace, the share of the goal's period that has passed:
  on track at or above the pace, at risk within 0.15 below it, off track further below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

import attrs

from schoolwork.calendar import SchoolCalendar, period_span

ONE = Decimal(1)
ZERO = Decimal(0)
PLACES = Decimal("0.0001")
AT_RISK_MARGIN = Decimal("0.15")


class GoalDirection(StrEnum):
    """How an indicator's value is judged."""

    HIGHER = "higher"
    LOWER = "lower"
    BAND = "band"  # keep within [low, high]
    DONE = "done"  # 1 once done, 0 until then


@attrs.frozen
class CheckIn:
    """A dated value of an indicator, with a note and the record that evidences it."""

    date: date
    value: Decimal
    note: str = ""
    evidence: str = ""


@attrs.frozen
class GoalIndicator:
    """A measurable target of a goal."""

    id: str
    name: str
    target: Decimal | None = None
    baseline: Decimal | None = None
    direction: GoalDirection = GoalDirection.HIGHER
    unit: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    additive: bool = False  # children's targets add up to this one
    checkins: tuple[CheckIn, ...] = ()

    def value_at(self, as_of: date) -> Decimal | None:
        """The latest checked-in value on or before ``as_of``."""
        found = [c for c in self.checkins if c.date <= as_of]
        return max(found, key=lambda c: c.date).value if found else None


@attrs.frozen
class Phase:
    """One school year of a development plan: its theme and its aim."""

    year: str
    theme: str
    aim: str = ""


@attrs.frozen
class DevelopmentPlan:
    """A multi-year development plan (发展规划), one phase per school year."""

    id: str
    name: str
    phases: tuple[Phase, ...]
    cap: Decimal = (
        ONE  # the most an achievement may count: 1.2 lets over-achievement count to 120 %
    )


@attrs.frozen
class Goal:
    """A goal owned by a unit (or the school, or a person) for a school year or a semester.

    ``period`` is a school year (``2023-2024``) or a semester of one (``2023-2024/第二学期``).
    """

    id: str
    title: str
    owner: str
    period: str
    weight: Decimal = ONE
    parent: str | None = None
    plan: str | None = None
    indicators: tuple[GoalIndicator, ...] = ()


class GoalStatus(StrEnum):
    """How a goal stands against the expected pace."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


def _q(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def _clip(value: Decimal, cap: Decimal) -> Decimal:
    return _q(min(max(value, ZERO), cap))


def indicator_achievement(
    indicator: GoalIndicator, as_of: date, cap: Decimal = ONE
) -> Decimal | None:
    """How far ``indicator`` has come by ``as_of``, from 0 to ``cap``; ``None`` without a value."""
    value = indicator.value_at(as_of)
    if value is None:
        return None
    if indicator.direction is GoalDirection.DONE:
        return ONE if value >= ONE else ZERO
    if indicator.direction is GoalDirection.BAND:
        low, high = indicator.low, indicator.high
        inside = (low is None or value >= low) and (high is None or value <= high)
        return ONE if inside else ZERO
    target = indicator.target
    if target is None:
        return None
    baseline = ZERO if indicator.baseline is None else indicator.baseline
    higher = indicator.direction is GoalDirection.HIGHER
    if baseline == target:
        met = value >= target if higher else value <= target
        return ONE if met else ZERO
    share = (value - baseline) / (target - baseline)  # the same formula serves both directions
    return _clip(share, cap)


def period_bounds(period: str, calendar: SchoolCalendar) -> tuple[date, date]:
    """First and last day of a school year or of ``year/semester``."""
    year, _, semester = period.partition("/")
    if semester:
        for known in calendar.years:
            if known.name == year:
                for term in known.semesters:
                    if term.name == semester:
                        return term.start, term.end
        raise ValueError(f"no semester {semester!r} of {year} in the calendar")
    return period_span(year, calendar)


def expected_pace(period: str, as_of: date, calendar: SchoolCalendar) -> Decimal:
    """The share of ``period`` that has passed by ``as_of``, from 0 to 1."""
    start, end = period_bounds(period, calendar)
    if as_of < start:
        return ZERO
    if as_of >= end:
        return ONE
    return _q(Decimal((as_of - start).days + 1) / Decimal((end - start).days + 1))


def status(achievement: Decimal | None, pace: Decimal) -> GoalStatus:
    """On track, at risk or off track against ``pace``."""
    if achievement is None:
        return GoalStatus.NO_DATA
    if achievement >= pace:
        return GoalStatus.ON_TRACK
    return GoalStatus.AT_RISK if achievement >= pace - AT_RISK_MARGIN else GoalStatus.OFF_TRACK


@attrs.frozen
class GoalTree:
    """Goals indexed for roll-up: children by parent, and the plan caps."""

    goals: tuple[Goal, ...]
    plans: tuple[DevelopmentPlan, ...] = ()

    def goal(self, goal_id: str) -> Goal:
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise KeyError(f"no goal {goal_id!r}")

    def children(self, goal_id: str | None) -> list[Goal]:
        """The goals whose parent is ``goal_id`` (``None``: the roots), in id order."""
        return sorted((g for g in self.goals if g.parent == goal_id), key=lambda g: g.id)

    def cap(self, goal: Goal) -> Decimal:
        for plan in self.plans:
            if plan.id == goal.plan:
                return plan.cap
        return ONE

    def achievement(
        self, goal_id: str, as_of: date, _seen: frozenset[str] = frozenset()
    ) -> Decimal | None:
        """``(Σ indicator achievements + k × C) / (n + k)``: see :func:`_combine`."""
        parts = self._parts(goal_id, as_of, _seen)
        if parts is None:
            return None
        indicators, children = parts
        return _combine(indicators, [(w, v) for w, v, _ in children], self.cap(self.goal(goal_id)))

    def _parts(
        self, goal_id: str, as_of: date, seen: frozenset[str]
    ) -> tuple[list[Decimal], list[tuple[Decimal, Decimal, str]]] | None:
        if goal_id in seen:  # a cycle, which validation reports; end the recursion here
            return None
        goal = self.goal(goal_id)
        cap = self.cap(goal)
        indicators = [
            value
            for value in (indicator_achievement(i, as_of, cap) for i in goal.indicators)
            if value is not None
        ]
        children = []
        for child in self.children(goal_id):
            value = self.achievement(child.id, as_of, seen | {goal_id})
            if value is not None:
                children.append((child.weight, value, child.id))
        if not indicators and not children:
            return None
        return indicators, children

    def contribution(
        self, goal_id: str, owners: Iterable[str], as_of: date, _seen: frozenset[str] = frozenset()
    ) -> Decimal:
        """How much of ``goal_id``'s achievement comes from goals owned by ``owners``.

        A goal owned by one of ``owners`` contributes all of its achievement; any other goal
        passes on its children's contributions with the share each child has in it (its own
        indicators contribute nothing). "What does grade 3 contribute to the school goal" is
        ``contribution(school_goal, units_under_grade_3, as_of)``.
        """
        owners = frozenset(owners)
        goal = self.goal(goal_id)
        if goal.owner in owners:
            return self.achievement(goal_id, as_of) or ZERO
        parts = self._parts(goal_id, as_of, _seen)
        if parts is None:
            return ZERO
        indicators, children = parts
        shares = [
            (weight, self.contribution(child, owners, as_of, _seen | {goal_id}))
            for weight, _, child in children
        ]
        return _combine([ZERO] * len(indicators), shares, _NO_CAP) or ZERO


_NO_CAP = Decimal(10**9)


def _combine(
    indicators: Sequence[Decimal], children: Sequence[tuple[Decimal, Decimal]], cap: Decimal
) -> Decimal | None:
    """Each indicator and each child counts once; the children's weights apply among them.

    With ``n`` indicator achievements ``aᵢ`` and ``k`` children with achievements ``cⱼ`` and
    weights ``wⱼ``: ``(Σ aᵢ + k × Σ wⱼcⱼ / Σ wⱼ) / (n + k)``. Scaling every child's weight by
    one factor changes nothing, and neither does the order of the children.
    """
    n, k = len(indicators), len(children)
    if n + k == 0:
        return None
    total = sum(indicators, ZERO)
    if k:
        weight = sum((w for w, _ in children), ZERO)
        total += k * sum((w * c for w, c in children), ZERO) / weight
    return _clip(total / (n + k), cap)


def plan_span(plan: DevelopmentPlan, calendar: SchoolCalendar) -> tuple[date, date]:
    """The first and last day of a plan's school years."""
    spans = [period_span(phase.year, calendar) for phase in plan.phases]
    return min(s for s, _ in spans), max(e for _, e in spans)


def achievements(
    tree: GoalTree, as_of: date, calendar: SchoolCalendar
) -> Mapping[str, tuple[Decimal | None, Decimal, GoalStatus]]:
    """Every goal's achievement, expected pace and status at ``as_of``."""
    found = {}
    for goal in tree.goals:
        value = tree.achievement(goal.id, as_of)
        pace = expected_pace(goal.period, as_of, calendar)
        found[goal.id] = (value, pace, status(value, pace))
    return found


def depth_first(tree: GoalTree) -> Sequence[tuple[int, Goal]]:
    """Goals in tree order with their depth, for printing."""
    ordered: list[tuple[int, Goal]] = []
    seen: set[str] = set()

    def visit(goal: Goal, depth: int) -> None:
        if goal.id in seen:
            return
        seen.add(goal.id)
        ordered.append((depth, goal))
        for child in tree.children(goal.id):
            visit(child, depth + 1)

    ids = {g.id for g in tree.goals}
    for root in sorted(
        (g for g in tree.goals if g.parent is None or g.parent not in ids), key=lambda g: g.id
    ):
        visit(root, 0)
    return ordered
