"""Part 二 and 三 drafts of the year's goals: each goal that fell short, with the indicators
and sub-goals behind it, and the step that closes its gap."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from schoolwork.goals import (
    Goal,
    GoalDirection,
    GoalIndicator,
    GoalStatus,
    GoalTree,
    achievements,
    depth_first,
    indicator_achievement,
    period_bounds,
)
from schoolwork.reports.drafts import Context, Draft, Finding, Topic, quoted
from schoolwork.reports.notes import number
from schoolwork.reports.numbering import chinese_number
from schoolwork.reports.outcomes import Outcome, falls_short, outcome


def goals(context: Context) -> Draft | None:
    """Each goal of the year that fell short, with the indicators and sub-goals behind it."""
    ws = context.workspace
    chosen = tuple(g for g in ws.goals if g.period.split("/")[0] == context.year)
    if not chosen:
        return None
    tree = GoalTree(chosen, ws.plans)
    day = context.judged_on
    found = achievements(tree, day, ws.calendar)
    states: dict[str, Outcome | GoalStatus] = {
        g.id: outcome(found[g.id][0]) if context.over else found[g.id][2] for g in chosen
    }
    names = context.unit_names()
    findings = []
    for _, goal in depth_first(tree):
        value, pace, _ = found[goal.id]
        state = states[goal.id]
        if not falls_short(state) or (state is GoalStatus.NO_DATA and pace == 0):
            continue
        owner = names.get(goal.owner) or context.person(goal.owner)
        short = [c for c in tree.children(goal.id) if falls_short(states[c.id])]
        child_owners = [names.get(c.owner) or context.person(c.owner) for c in short]
        children = context.joined(
            context.say("draft.goal.child", owner=o, state=context.word(states[c.id]))
            for o, c in zip(child_owners, short, strict=True)
        )
        bar = Decimal(1) if context.over else pace
        lagging = [i for i in goal.indicators if _lags(i, day, tree.cap(goal), bar)]
        findings.append(
            Finding(
                _goal_problem(context, goal, owner, value, pace, state, lagging, children),
                _goal_step(context, goal, owner, lagging, context.joined(child_owners), state),
            )
        )
    if not findings:
        return None
    return Draft(Topic.GOALS, tuple(findings), _goal_lead(context, states), _next_phase(context))


def _lags(indicator: GoalIndicator, day: date, cap: Decimal, bar: Decimal) -> bool:
    reached = indicator_achievement(indicator, day, cap)
    return reached is None or reached < bar


def _titled(goal: Goal, owner: str) -> str:
    # Titles often start with their owner (教务处：…); the owner is not said twice.
    return quoted(goal.title) if goal.title.startswith(owner) else f"{owner}{quoted(goal.title)}"


def _achieved(value: Decimal) -> str:
    # As the goals table shows it, so the two never disagree (75.0%, not 75%).
    return f"{value * 100:.1f}%"


def _goal_problem(
    context: Context,
    goal: Goal,
    owner: str,
    value: Decimal | None,
    pace: Decimal,
    state: Outcome | GoalStatus,
    lagging: Sequence[GoalIndicator],
    children: str,
) -> str:
    say = context.say
    titled = _titled(goal, owner)
    if value is None:
        text = say("draft.goal.no_data" if context.over else "draft.goal.no_data_yet", goal=titled)
    elif context.over:
        text = say("draft.goal", goal=titled, achieved=_achieved(value), state=context.word(state))
    else:
        text = say(
            "draft.goal.pace",
            goal=titled,
            achieved=_achieved(value),
            pace=_achieved(pace),
            state=context.word(state),
        )
    gaps = [_gap(context, i) for i in lagging if value is not None]
    if gaps:
        text += say("draft.goal.gaps", gaps=context.joined(gaps))
    if children:
        text += say("draft.goal.children", children=children)
    return text + say("draft.end")


def _gap(context: Context, indicator: GoalIndicator) -> str:
    """Where an indicator stands against its target: 公开课2节，目标3节."""
    say = context.say
    value = indicator.value_at(context.judged_on)
    name, unit = indicator.name, indicator.unit
    if value is None:
        return say("gap.no_value", name=name)
    if indicator.direction is GoalDirection.DONE:
        return say("gap.done", name=name)
    if indicator.direction is GoalDirection.BAND:
        return say(
            "gap.band",
            name=name,
            value=number(value),
            unit=unit,
            bounds=_bounds(context, indicator),
        )
    return say(
        "gap.target",
        name=name,
        value=number(value),
        unit=unit,
        target=number(indicator.target or Decimal(0)),
    )


def _bounds(context: Context, indicator: GoalIndicator) -> str:
    low, high, unit = indicator.low, indicator.high, indicator.unit
    if low is not None and high is not None:
        return context.say("bounds.between", low=number(low), high=number(high), unit=unit)
    if high is not None:
        return context.say("bounds.at_most", high=number(high), unit=unit)
    return context.say("bounds.at_least", low=number(low or Decimal(0)), unit=unit)


def _step_gap(context: Context, indicator: GoalIndicator) -> str:
    """What closing an indicator's gap takes: 公开课尚差1节."""
    say = context.say
    value = indicator.value_at(context.judged_on)
    name, unit = indicator.name, indicator.unit
    if value is None:
        return say("step.gap.no_value", name=name)
    if indicator.direction is GoalDirection.DONE:
        return say("step.gap.done", name=name)
    if indicator.direction is GoalDirection.BAND:
        return say("step.gap.band", name=name, bounds=_bounds(context, indicator))
    target = indicator.target or Decimal(0)
    if indicator.direction is GoalDirection.LOWER:
        return say("step.gap.less", name=name, amount=number(value - target), unit=unit)
    return say("step.gap.more", name=name, amount=number(target - value), unit=unit)


def _goal_step(
    context: Context,
    goal: Goal,
    owner: str,
    lagging: Sequence[GoalIndicator],
    children: str,
    state: Outcome | GoalStatus,
) -> str:
    say = context.say
    if state in (Outcome.NO_DATA, GoalStatus.NO_DATA):
        return say("step.goal.no_data", owner=owner, goal=quoted(goal.title))
    steps = []
    if lagging:
        gaps = context.joined(_step_gap(context, i) for i in lagging)
        if context.over:
            steps.append(say("step.goal", owner=owner, gaps=gaps))
        else:
            end = context.day(period_bounds(goal.period, context.workspace.calendar)[1])
            steps.append(say("step.goal.in_year", owner=owner, gaps=gaps, end=end))
    if children:
        steps.append(say("step.goal.children", owner=owner, children=children))
    if not steps:  # behind the pace as a whole, though no one part of it is
        steps.append(say("step.goal.pace", owner=owner, goal=quoted(goal.title)))
    return ("" if context.lang == "zh" else " ").join(steps)


def _goal_lead(context: Context, states: dict[str, Outcome | GoalStatus]) -> str:
    """How many goals ended (or stand) each way, leaving out the ways none did."""
    counts = Counter(states.values())
    order: Sequence[Outcome | GoalStatus] = list(Outcome) if context.over else list(GoalStatus)
    parts = [
        context.say("draft.goals.count", state=context.word(state), count=counts[state])
        for state in order
        if counts[state]
    ]
    key = "draft.goals.lead" if context.over else "draft.goals.lead_in_year"
    lead = context.say(
        key,
        day=context.day(context.judged_on),
        total=len(states),
        counts=("，" if context.lang == "zh" else ", ").join(parts),
    )
    return lead + context.say("draft.end")


def _next_phase(context: Context) -> str:
    """The next year's phase of the plan the year's goals serve, which the steps feed."""
    if not context.over:
        return ""
    ws = context.workspace
    used = {g.plan for g in ws.goals if g.period.split("/")[0] == context.year}
    for plan in ws.plans:
        if plan.id not in used:
            continue
        years = [p.year for p in plan.phases]
        if context.year in years and years.index(context.year) + 1 < len(years):
            index = years.index(context.year) + 1
            phase = plan.phases[index]
            return context.say(
                "step.goals.next_phase",
                plan=plan.name,
                n=_ordinal(context, index + 1),
                theme=phase.theme,
            )
    return ""


def _ordinal(context: Context, n: int) -> str:
    return chinese_number(n) if context.lang == "zh" else str(n)
