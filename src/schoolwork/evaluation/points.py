"""From a raw value to 0-100 points, by an indicator's declared rule.

The formulas are those documented on :class:`~schoolwork.evaluation.scheme.PointsRule`. Every rule
is monotonic: a better raw value never earns fewer points (checks reject threshold tables that
would break this). Results are exact Decimals, clipped to [0, 100], not yet rounded.
"""

from __future__ import annotations

from decimal import Decimal

from schoolwork.evaluation.scheme import HUNDRED, Direction, PointsRule, RuleKind

ZERO = Decimal(0)


def points(rule: PointsRule, direction: Direction, value: Decimal) -> Decimal:
    """The points ``value`` earns under ``rule``; the rule's required fields must be set."""
    higher = direction is Direction.HIGHER
    if rule.rule is RuleKind.LINEAR:
        floor, ceiling = _need(rule.floor), _need(rule.ceiling)
        share = (
            (value - floor) / (ceiling - floor) if higher else (ceiling - value) / (ceiling - floor)
        )
        return _clip(HUNDRED * share)
    if rule.rule is RuleKind.THRESHOLDS:
        if higher:
            reached = [s.points for s in rule.steps if value >= s.at]
        else:
            reached = [s.points for s in rule.steps if value <= s.at]
        return _clip(max(reached, default=ZERO))
    cap = HUNDRED if rule.cap is None else rule.cap
    if rule.rule is RuleKind.COUNT:
        earned = _need(rule.each) * value
        return _clip(min(earned, cap) if higher else cap - earned)
    target = _need(rule.target)
    if higher:
        return _clip(min(HUNDRED * value / target, cap))
    return cap if value <= 0 else _clip(min(HUNDRED * target / value, cap))


def describe(rule: PointsRule, direction: Direction) -> str:
    """The rule in a few words, for explanations: ``linear 60→0, 100→100``."""
    better = "higher" if direction is Direction.HIGHER else "lower"
    if rule.rule is RuleKind.LINEAR:
        low, high = ("0", "100") if direction is Direction.HIGHER else ("100", "0")
        return f"linear {rule.floor}→{low}, {rule.ceiling}→{high}"
    if rule.rule is RuleKind.THRESHOLDS:
        sign = "≥" if direction is Direction.HIGHER else "≤"
        steps = ", ".join(f"{sign}{s.at}→{s.points}" for s in rule.steps)
        return f"thresholds {steps}"
    cap = HUNDRED if rule.cap is None else rule.cap
    if rule.rule is RuleKind.COUNT:
        verb = "+" if direction is Direction.HIGHER else "−"
        return f"count {verb}{rule.each} each, cap {cap} ({better} is better)"
    return f"ratio to target {rule.target}, cap {cap} ({better} is better)"


def _clip(value: Decimal) -> Decimal:
    return min(max(value, ZERO), HUNDRED)


def _need(value: Decimal | None) -> Decimal:
    if value is None:
        # Scheme checks make this unreachable for validated schemes; a scheme built in code
        # without them fails here with the reason rather than with a TypeError.
        raise ValueError("the points rule lacks a field it needs; run the scheme checks")
    return value
