"""Checks of plans and goals: phases, references, cycles, alignment of units and periods,
weights, indicators complete for their direction, and additive targets that must add up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal

from schoolwork.calendar import SchoolCalendar
from schoolwork.checks.calendar import broken_semesters
from schoolwork.checks.ids import duplicate_ids
from schoolwork.checks.references import Directory
from schoolwork.converter import did_you_mean
from schoolwork.errors import Problem
from schoolwork.goals import DevelopmentPlan, Goal, GoalDirection, GoalIndicator, period_bounds
from schoolwork.workspace import LoadedWorkspace

ZERO = Decimal(0)

# The fields of an indicator each direction reads (docs/goals.md, "Formulas"); a direction
# needs every field marked True, and one it does not read would be silently ignored.
_DIRECTION_FIELDS: dict[GoalDirection, dict[str, bool]] = {
    GoalDirection.HIGHER: {"target": True, "baseline": False},
    GoalDirection.LOWER: {"target": True, "baseline": False},
    GoalDirection.BAND: {"low": True, "high": True},
    GoalDirection.DONE: {},
}
_NUMBERS = ("target", "baseline", "low", "high")


def check_goals(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("goals")
    directory = Directory(ws)
    yield from duplicate_ids(file, "plans", ws.plans, ("plan", "规划"))
    yield from duplicate_ids(file, "goals", ws.goals, ("goal", "目标"))
    for p_index, plan in enumerate(ws.plans):
        yield from _phases(file, f"plans[{p_index}]", plan, ws.calendar)
        if plan.cap < 1:
            yield Problem(
                file,
                f"plans[{p_index}].cap",
                "a cap of at least 1",
                str(plan.cap),
                expected_zh="不小于 1 的上限",
            )
    goals = {g.id: g for g in ws.goals}
    owners = {ws.school.id, *(u.id for u in ws.units), *(p.id for p in ws.people)}
    plans = {p.id for p in ws.plans}
    broken = broken_semesters(ws.calendar)
    index_of = {g.id: i for i, g in reversed(list(enumerate(ws.goals)))}
    for index, goal in enumerate(ws.goals):
        here = f"goals[{index}]"
        if goal.owner not in owners:
            wanted = ("the school, a unit or a person", "学校、单位或人员")
            yield directory.wrong(file, f"{here}.owner", goal.owner, wanted, owners)
        if goal.plan is not None and goal.plan not in plans:
            yield directory.wrong(file, f"{here}.plan", goal.plan, ("a plan", "规划"), plans)
        if goal.weight <= 0:
            yield Problem(
                file,
                f"{here}.weight",
                "a weight above 0",
                str(goal.weight),
                expected_zh="大于 0 的权重",
            )
        bounds: tuple[date, date] | None
        try:
            bounds = period_bounds(goal.period, ws.calendar)
        except ValueError as exc:
            yield Problem(
                file,
                f"{here}.period",
                "a school year or year/semester of the calendar",
                str(exc),
                expected_zh="日历中的学年，或“学年/学期”",
            )
            bounds = None
        yield from duplicate_ids(
            file, f"{here}.indicators", goal.indicators, ("indicator of the goal", "本目标指标")
        )
        for i_index, indicator in enumerate(goal.indicators):
            yield from _indicator(file, f"{here}.indicators[{i_index}]", indicator)
        if goal.parent is None:
            continue
        parent = goals.get(goal.parent)
        if parent is None:
            yield directory.wrong(file, f"{here}.parent", goal.parent, ("a goal", "目标"), goals)
            continue
        if _cycle(goal.id, goals):
            if index == min(index_of[g] for g in _cycle(goal.id, goals)):
                loop = " → ".join([*_cycle(goal.id, goals), goal.id])
                yield Problem(
                    file,
                    f"{here}.parent",
                    "a chain of parents that ends at a top goal",
                    f"a cycle {loop}",
                    expected_zh="最终归于顶层目标的上级链（不能循环）",
                )
            continue
        person_owner = goal.owner in directory.people
        within = (
            person_owner or goal.owner == parent.owner or _within(loaded, goal.owner, parent.owner)
        )
        if not within:
            found = f"{goal.owner!r}, which is not under {parent.owner!r}"
            yield Problem(
                file,
                f"{here}.owner",
                f"a unit under the parent goal's owner ({parent.owner})",
                found,
                expected_zh=f"上级目标责任单位（{parent.owner}）之下的单位",
            )
        # A period on a semester the calendar check refuses is reported there, once.
        if bounds is None or _on(broken, goal.period) or _on(broken, parent.period):
            continue
        start, end = bounds
        try:
            p_start, p_end = period_bounds(parent.period, ws.calendar)
        except ValueError:
            continue
        if start < p_start or end > p_end:
            yield Problem(
                file,
                f"{here}.period",
                f"a period inside the parent goal's ({parent.period})",
                repr(goal.period),
                expected_zh=f"位于上级目标期间（{parent.period}）之内的期间",
            )
    yield from _additive(file, ws.goals)


def _on(broken: set[tuple[str, str]], period: str) -> bool:
    year, _, semester = period.partition("/")
    return (year, semester) in broken


def _phases(
    file: str, here: str, plan: DevelopmentPlan, calendar: SchoolCalendar
) -> Iterator[Problem]:
    """One phase for each school year of the calendar from the plan's first to its last."""
    years = [y.name for y in sorted(calendar.years, key=lambda y: y.start)]
    if not plan.phases:
        yield Problem(
            file,
            f"{here}.phases",
            "at least one phase (one per school year of the plan)",
            "none",
            expected_zh="至少一个阶段（规划的每个学年一个）",
        )
    seen: set[str] = set()
    for ph_index, phase in enumerate(plan.phases):
        at = f"{here}.phases[{ph_index}].year"
        if phase.year in seen:
            yield Problem(
                file,
                at,
                "one phase per school year",
                f"{phase.year!r} again",
                expected_zh="每个学年一个阶段",
            )
        seen.add(phase.year)
        if phase.year not in years:
            hint, hint_zh = did_you_mean(phase.year, years)
            yield Problem(
                file,
                at,
                f"a school year of the calendar{hint}",
                f"{phase.year!r}, which no entry has",
                expected_zh=f"日历中的学年{hint_zh}",
            )
    positions = [years.index(year) for year in seen if year in years]
    if positions:
        for year in years[min(positions) : max(positions) + 1]:
            if year not in seen:
                yield Problem(
                    file,
                    f"{here}.phases",
                    f"a phase for {year} (one per school year, from the plan's first to its last)",
                    "none",
                    expected_zh=f"{year} 学年的阶段（从规划的第一年到最后一年，每个学年一个）",
                )


def _indicator(file: str, at: str, indicator: GoalIndicator) -> Iterator[Problem]:
    """An indicator has the fields its direction reads, and only those, in a usable order."""
    direction = indicator.direction
    fields = _DIRECTION_FIELDS[direction]
    for key in _NUMBERS:
        value = getattr(indicator, key)
        if value is None and fields.get(key):
            yield Problem(
                file,
                f"{at}.{key}",
                f"a number ({direction.value} indicators need {key})",
                "nothing",
                expected_zh=f"数字（{direction.value} 指标必须填写 {key}）",
            )
        elif value is not None and key not in fields:
            yield Problem(
                file,
                f"{at}.{key}",
                f"nothing ({direction.value} indicators do not use {key})",
                str(value),
                expected_zh=f"不填（{direction.value} 指标不使用 {key}）",
            )
    low, high = indicator.low, indicator.high
    if direction is GoalDirection.BAND and low is not None and high is not None and high < low:
        yield Problem(
            file,
            f"{at}.high",
            f"a value at or above low ({low})",
            str(high),
            expected_zh=f"不小于 low（{low}）的值",
        )
    target = indicator.target
    if direction in (GoalDirection.HIGHER, GoalDirection.LOWER) and target is not None:
        baseline = ZERO if indicator.baseline is None else indicator.baseline
        higher = direction is GoalDirection.HIGHER
        # Past the baseline the other way, the formula would count progress as regress.
        if (target < baseline) if higher else (target > baseline):
            side, side_zh = ("at or above", "不低于") if higher else ("at or below", "不高于")
            yield Problem(
                file,
                f"{at}.target",
                f"a target {side} the baseline ({baseline}) for a {direction.value} indicator",
                str(target),
                expected_zh=f"{side_zh}基线（{baseline}）的目标值（{direction.value} 指标）",
            )


def _within(loaded: LoadedWorkspace, unit: str, container: str) -> bool:
    if unit == loaded.workspace.school.id:
        return container == unit
    return loaded.workspace.is_within(unit, container)


def _cycle(goal_id: str, goals: Mapping[str, Goal]) -> list[str]:
    """The goals on a cycle through ``goal_id`` (in order from it), or an empty list."""
    path = [goal_id]
    current = goals[goal_id].parent
    while current is not None and current in goals:
        if current == goal_id:
            return path
        if current in path:
            return []
        path.append(current)
        current = goals[current].parent
    return []


def _additive(file: str, goals: Sequence[Goal]) -> Iterable[Problem]:
    for p_index, parent in enumerate(goals):
        children = [g for g in goals if g.parent == parent.id]
        for i_index, indicator in enumerate(parent.indicators):
            if not indicator.additive or indicator.target is None:
                continue
            parts = [
                ind.target
                for child in children
                for ind in child.indicators
                if ind.id == indicator.id and ind.target is not None
            ]
            total = sum(parts, Decimal(0))
            if parts and total != indicator.target:
                gap = total - indicator.target
                how = f"short by {-gap}" if gap < 0 else f"over by {gap}"
                at = f"goals[{p_index}].indicators[{i_index}].target"
                expected = (
                    f"children's targets for {indicator.id!r} adding up to {indicator.target}"
                )
                yield Problem(
                    file,
                    at,
                    expected,
                    f"{total} ({how})",
                    expected_zh=f"下级目标中 {indicator.id!r} 的目标值之和等于 {indicator.target}",
                )
