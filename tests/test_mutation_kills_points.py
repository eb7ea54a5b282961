"""Points rules at their breakpoints: every comparison, cap and guard of ``evaluation/points.py``.

Each case sits where a plausible slip would change the answer (a threshold reached exactly, a
count rule's cap for lower-is-better, the ratio rule's guard against dividing by zero), so a
mutant of the comparison or of the constant fails here. See benchmarks/README.md.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal, localcontext

import pytest

from schoolwork.evaluation.points import compile_rule, describe, points
from schoolwork.scheme import Direction, PointsRule, RuleKind, Threshold

D = Decimal
HIGHER, LOWER = Direction.HIGHER, Direction.LOWER

LINEAR = PointsRule(RuleKind.LINEAR, floor=D(60), ceiling=D(100))
LINEAR_LOW = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(10))
STEPS_UP = PointsRule(RuleKind.THRESHOLDS, steps=(Threshold(D(1), D(60)), Threshold(D(3), D(100))))
STEPS_DOWN = PointsRule(
    RuleKind.THRESHOLDS, steps=(Threshold(D(0), D(100)), Threshold(D(2), D(50)))
)
COUNT = PointsRule(RuleKind.COUNT, each=D("12.5"))
COUNT_CAPPED = PointsRule(RuleKind.COUNT, each=D(10), cap=D(80))
RATIO = PointsRule(RuleKind.RATIO, target=D(20))
RATIO_CAPPED = PointsRule(RuleKind.RATIO, target=D(20), cap=D(80))
RATIO_SMALL = PointsRule(RuleKind.RATIO, target=D("0.2"))


@pytest.mark.parametrize(
    ("rule", "direction", "value", "expected"),
    [
        # linear, higher is better: 0 at or below the floor, 100 at or above the ceiling
        (LINEAR, HIGHER, D(60), "0"),
        (LINEAR, HIGHER, D(59), "0"),
        (LINEAR, HIGHER, D(80), "50"),
        (LINEAR, HIGHER, D(100), "100"),
        (LINEAR, HIGHER, D(120), "100"),
        (PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(8)), HIGHER, D("4.97"), "62.125"),
        # linear, lower is better: mirrored
        (LINEAR_LOW, LOWER, D(0), "100"),
        (LINEAR_LOW, LOWER, D(-5), "100"),
        (LINEAR_LOW, LOWER, D(2), "80"),
        (LINEAR_LOW, LOWER, D(10), "0"),
        (LINEAR_LOW, LOWER, D(20), "0"),
        # thresholds, higher is better: a value exactly at a step reaches it
        (STEPS_UP, HIGHER, D("0.99"), "0"),
        (STEPS_UP, HIGHER, D(1), "60"),
        (STEPS_UP, HIGHER, D(2), "60"),
        (STEPS_UP, HIGHER, D(3), "100"),
        (STEPS_UP, HIGHER, D(9), "100"),
        # thresholds, lower is better: at most `at`; above every step earns nothing
        (STEPS_DOWN, LOWER, D(0), "100"),
        (STEPS_DOWN, LOWER, D(1), "50"),
        (STEPS_DOWN, LOWER, D(2), "50"),
        (STEPS_DOWN, LOWER, D("2.5"), "0"),
        # count, higher is better: each × value up to the cap
        (COUNT, HIGHER, D(0), "0"),
        (COUNT, HIGHER, D(7), "87.5"),
        (COUNT, HIGHER, D(8), "100"),
        (COUNT, HIGHER, D(10), "100"),
        (COUNT_CAPPED, HIGHER, D(7), "70"),
        (COUNT_CAPPED, HIGHER, D(9), "80"),
        # count, lower is better: deducted from the cap (100 unless declared), never below 0
        (PointsRule(RuleKind.COUNT, each=D(10)), LOWER, D(3), "70"),
        (PointsRule(RuleKind.COUNT, each=D(10)), LOWER, D(0), "100"),
        (PointsRule(RuleKind.COUNT, each=D(10)), LOWER, D(12), "0"),
        (COUNT_CAPPED, LOWER, D(0), "80"),
        (COUNT_CAPPED, LOWER, D(3), "50"),
        (COUNT_CAPPED, LOWER, D(9), "0"),
        # ratio, higher is better: 100 × value / target up to the cap
        (RATIO, HIGHER, D(15), "75"),
        (RATIO, HIGHER, D(30), "100"),
        (RATIO_CAPPED, HIGHER, D(15), "75"),
        (RATIO_CAPPED, HIGHER, D(30), "80"),
        # ratio, lower is better: 100 × target / value; nothing at all is the best (the cap)
        (PointsRule(RuleKind.RATIO, target=D(2)), LOWER, D(4), "50"),
        (PointsRule(RuleKind.RATIO, target=D(2)), LOWER, D(0), "100"),
        (PointsRule(RuleKind.RATIO, target=D(2), cap=D(80)), LOWER, D(0), "80"),
        (PointsRule(RuleKind.RATIO, target=D(2), cap=D(80)), LOWER, D(1), "80"),
        (RATIO_SMALL, LOWER, D("0.5"), "40"),  # below 1 but above 0: divided, not the cap
        (RATIO_SMALL, LOWER, D(1), "20"),
    ],
)
def test_points_at_the_breakpoints(
    rule: PointsRule, direction: Direction, value: Decimal, expected: str
) -> None:
    assert points(rule, direction, value) == D(expected)
    assert compile_rule(rule, direction)(value) == D(expected)


def test_points_are_exact_and_not_rounded() -> None:
    # 1/3 of the way from floor to ceiling: the exact quotient, not a rounded one
    third = points(PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(3)), HIGHER, D(1))
    assert third * 3 == pytest.approx(D(100))
    assert third != third.quantize(D("0.01"))


@pytest.mark.parametrize(
    "rule",
    [
        PointsRule(RuleKind.LINEAR, floor=D(0)),
        PointsRule(RuleKind.LINEAR, ceiling=D(100)),
        PointsRule(RuleKind.COUNT),
        PointsRule(RuleKind.RATIO),
    ],
)
def test_a_rule_without_a_field_it_needs_says_so(rule: PointsRule) -> None:
    with pytest.raises(
        ValueError, match=r"^the points rule lacks a field it needs; run the scheme checks$"
    ):
        compile_rule(rule, HIGHER)


@pytest.mark.parametrize(
    ("rule", "direction", "text"),
    [
        (LINEAR, HIGHER, "linear 60→0, 100→100"),
        (LINEAR_LOW, LOWER, "linear 0→100, 10→0"),
        (STEPS_UP, HIGHER, "thresholds ≥1→60, ≥3→100"),
        (STEPS_DOWN, LOWER, "thresholds ≤0→100, ≤2→50"),
        (COUNT, HIGHER, "count +12.5 each, cap 100 (higher is better)"),
        (COUNT_CAPPED, LOWER, "count −10 each, cap 80 (lower is better)"),
        (RATIO, HIGHER, "ratio to target 20, cap 100 (higher is better)"),
        (RATIO_CAPPED, LOWER, "ratio to target 20, cap 80 (lower is better)"),
    ],
)
def test_every_rule_is_described_as_it_counts(
    rule: PointsRule, direction: Direction, text: str
) -> None:
    assert describe(rule, direction) == text


def test_points_stay_within_0_and_100_even_for_a_rule_the_checks_would_refuse() -> None:
    # A cap above 100 (the checks refuse it; a rule built in code skips them): still 100 at most.
    generous = PointsRule(RuleKind.COUNT, each=D(10), cap=D(150))
    assert points(generous, HIGHER, D(20)) == D(100)
    assert points(generous, LOWER, D(20)) == D(0)


@pytest.mark.parametrize(
    ("rule", "direction", "value"),
    [
        (LINEAR, HIGHER, D(60)),  # value - floor is 0
        (LINEAR_LOW, LOWER, D(10)),  # ceiling - value is 0
        (PointsRule(RuleKind.COUNT, each=D(10)), LOWER, D(10)),  # cap - each × value is 0
    ],
)
def test_zero_points_are_never_negative_zero(
    rule: PointsRule, direction: Direction, value: Decimal
) -> None:
    # Under `floor` rounding (a scheme may declare it), x - x is Decimal('-0'): shown "-0.00".
    with localcontext(rounding=ROUND_FLOOR):
        found = points(rule, direction, value)
    assert found == 0
    assert not found.is_signed()
