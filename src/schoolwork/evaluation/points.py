"""From a raw value to 0-100 points, by an indicator's declared rule.

The formulas are those documented on :class:`~schoolwork.scheme.PointsRule`. Every rule
is monotonic: a better raw value never earns fewer points (checks reject threshold tables that
would break this). Results are exact Decimals, clipped to [0, 100], not yet rounded.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from schoolwork.scheme import HUNDRED, Direction, PointsRule, RuleKind

ZERO = Decimal(0)


def points(rule: PointsRule, direction: Direction, value: Decimal) -> Decimal:
    """The points ``value`` earns under ``rule``; the rule's required fields must be set."""
    return compile_rule(rule, direction)(value)


@lru_cache(maxsize=32)  # rules; the engine bounds each memo (engine._KNOWN_POINTS)
def rounded(
    rule: PointsRule, direction: Direction, quantum: Decimal, rounding: str
) -> dict[Decimal, Decimal]:
    """A memo of the rounded points (to ``quantum`` with ``rounding``) of raw values under
    ``rule``, shared by every evaluation in this process that scores by the same rule.

    The engine fills it, to a limit of its own. Rounded points depend on the value's number
    only, so one memo serves a county of schools evaluated one after another: each school's
    values repeat the others'. The memo holds numbers only, never a subject's data.
    """
    return {}


def compile_rule(rule: PointsRule, direction: Direction) -> Callable[[Decimal], Decimal]:
    """A function from raw value to points for ``rule``, with its constants worked out once.

    The engine calls this once per indicator and evaluation, not once per value.
    """
    higher = direction is Direction.HIGHER
    if rule.rule is RuleKind.LINEAR:
        floor, ceiling = _need(rule.floor), _need(rule.ceiling)
        span = ceiling - floor
        # Multiply before dividing: a result that terminates (62.125) stays exact, so a tie at
        # the shown precision rounds as written, never from 62.12499… after a rounded factor.
        # The clip is written out (as in _clip) rather than called: this runs once per value
        # of every subject, and a second call per value cost more than the arithmetic.
        if higher:

            def rising(value: Decimal) -> Decimal:
                share = (value - floor) * HUNDRED / span
                return ZERO if share <= ZERO else HUNDRED if share > HUNDRED else share

            return rising

        def falling(value: Decimal) -> Decimal:
            share = (ceiling - value) * HUNDRED / span
            return ZERO if share <= ZERO else HUNDRED if share > HUNDRED else share

        return falling
    if rule.rule is RuleKind.THRESHOLDS:
        steps = [(s.at, s.points) for s in rule.steps]
        if higher:
            return lambda value: _clip(max((p for at, p in steps if value >= at), default=ZERO))
        return lambda value: _clip(max((p for at, p in steps if value <= at), default=ZERO))
    cap = HUNDRED if rule.cap is None else rule.cap
    if rule.rule is RuleKind.COUNT:
        each = _need(rule.each)
        if higher:
            return lambda value: _clip(min(each * value, cap))
        return lambda value: _clip(cap - each * value)
    target = _need(rule.target)
    if higher:
        return lambda value: _clip(min(HUNDRED * value / target, cap))
    return lambda value: cap if value <= 0 else _clip(min(HUNDRED * target / value, cap))


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
    # At most 0 (not below 0): under a scheme's `floor` rounding, x - x is -0, which would be
    # shown as "-0.00"; every zero leaves here as ZERO.
    if value <= ZERO:
        return ZERO
    return HUNDRED if value > HUNDRED else value


def _need(value: Decimal | None) -> Decimal:
    if value is None:
        # Scheme checks make this unreachable for validated schemes; a scheme built in code
        # without them fails here with the reason rather than with a TypeError.
        raise ValueError("the points rule lacks a field it needs; run the scheme checks")
    return value
