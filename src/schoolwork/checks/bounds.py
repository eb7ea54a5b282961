"""The range a typed value of an indicator is checked against.

The fill-in workbook (``schoolwork template``) stops a cell outside it, and an appeal's
corrected value outside it is refused: both are values typed by hand in place of the
values file's, so both are held to the same range.
"""

from __future__ import annotations

from decimal import Decimal

from schoolwork.scheme import Direction, Indicator, RuleKind

HUNDRED = Decimal(100)


def input_bounds(indicator: Indicator) -> tuple[Decimal, Decimal]:
    """The range a typed value is checked against: from 0 (or the rule's lowest number, if
    below) to 100, or, when the rule reaches beyond 100, to twice its reach.

    A rule's reach is where its points stop changing: a linear rule's ceiling, the highest
    step, the count that uses up the cap, the value that meets a ratio's cap. Values past the
    reach are real (26 lessons observed against a target of 20), so only what is far past it,
    more likely a slip of the keyboard (895 for 89.5), is stopped.
    """
    rule = indicator.points
    cap = rule.cap if rule.cap is not None else HUNDRED
    named: list[Decimal] = []
    if rule.rule is RuleKind.LINEAR:
        named = [n for n in (rule.floor, rule.ceiling) if n is not None]
        reach = max(named, default=HUNDRED)
    elif rule.rule is RuleKind.THRESHOLDS:
        named = [step.at for step in rule.steps]
        reach = max(named, default=HUNDRED)
    elif rule.rule is RuleKind.COUNT:
        reach = cap / rule.each if rule.each else HUNDRED
    else:
        target = rule.target if rule.target is not None else HUNDRED
        lower = indicator.direction is Direction.LOWER
        reach = target if lower else target * cap / HUNDRED
    low = min([Decimal(0), *named])
    return low, HUNDRED if reach <= HUNDRED else 2 * reach
