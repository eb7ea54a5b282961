"""Checks of plans and goals: references, cycles, alignment of units and periods, weights,
and additive targets that must add up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from schoolwork.checks.organisation import duplicate_ids
from schoolwork.errors import Problem, describe
from schoolwork.goals import Goal, period_bounds
from schoolwork.workspace import LoadedWorkspace


def _unknown(value: object) -> str:
    return f"{describe(value)}, which no entry has"


def check_goals(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("goals")
    years = {y.name for y in ws.calendar.years}
    yield from duplicate_ids(file, "plans", ws.plans, "plan")
    yield from duplicate_ids(file, "goals", ws.goals, "goal")
    for p_index, plan in enumerate(ws.plans):
        seen: set[str] = set()
        for ph_index, phase in enumerate(plan.phases):
            at = f"plans[{p_index}].phases[{ph_index}].year"
            if phase.year in seen:
                yield Problem(file, at, "one phase per school year", f"{phase.year!r} again")
            seen.add(phase.year)
            if phase.year not in years:
                yield Problem(file, at, "a school year of the calendar", _unknown(phase.year))
        if plan.cap < 1:
            yield Problem(file, f"plans[{p_index}].cap", "a cap of at least 1", str(plan.cap))
    goals = {g.id: g for g in ws.goals}
    owners = {u.id for u in ws.units} | {ws.school.id} | {p.id for p in ws.people}
    plans = {p.id for p in ws.plans}
    index_of = {g.id: i for i, g in reversed(list(enumerate(ws.goals)))}
    for index, goal in enumerate(ws.goals):
        here = f"goals[{index}]"
        if goal.owner not in owners:
            yield Problem(
                file,
                f"{here}.owner",
                "the id of the school, a unit or a person",
                _unknown(goal.owner),
            )
        if goal.plan is not None and goal.plan not in plans:
            yield Problem(file, f"{here}.plan", "the id of a plan", _unknown(goal.plan))
        if goal.weight <= 0:
            yield Problem(file, f"{here}.weight", "a weight above 0", str(goal.weight))
        bounds: tuple[date, date] | None
        try:
            bounds = period_bounds(goal.period, ws.calendar)
        except ValueError as exc:
            yield Problem(
                file, f"{here}.period", "a school year or year/semester of the calendar", str(exc)
            )
            bounds = None
        yield from duplicate_ids(
            file, f"{here}.indicators", goal.indicators, "indicator of the goal"
        )
        if goal.parent is None:
            continue
        parent = goals.get(goal.parent)
        if parent is None:
            yield Problem(file, f"{here}.parent", "the id of a goal", _unknown(goal.parent))
            continue
        if _cycle(goal.id, goals):
            if index == min(index_of[g] for g in _cycle(goal.id, goals)):
                loop = " → ".join([*_cycle(goal.id, goals), goal.id])
                yield Problem(
                    file,
                    f"{here}.parent",
                    "a chain of parents that ends at a top goal",
                    f"a cycle {loop}",
                )
            continue
        person_owner = goal.owner in {p.id for p in ws.people}
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
            )
        if bounds is not None:
            start, end = bounds
            try:
                p_start, p_end = period_bounds(parent.period, ws.calendar)
            except ValueError:
                continue
            if start < p_start or end > p_end:
                expected = f"a period inside the parent goal's ({parent.period})"
                yield Problem(file, f"{here}.period", expected, repr(goal.period))
    yield from _additive(file, ws.goals)


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
                yield Problem(file, at, expected, f"{total} ({how})")
