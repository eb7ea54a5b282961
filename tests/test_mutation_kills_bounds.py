"""The range a typed value is held to (the fill-in workbook, an appeal's corrected value), at
the edges of each rule's reach, beyond the examples of tests/test_xlsx_template.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from schoolwork.checks.bounds import input_bounds
from schoolwork.scheme import Direction, Indicator, PointsRule, RuleKind, Threshold

D = Decimal


def bounds(rule: PointsRule, direction: Direction = Direction.HIGHER) -> tuple[Decimal, Decimal]:
    return input_bounds(Indicator("x", "某指标", rule, direction=direction))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # a reach of exactly 100 stops at 100; just past it, at twice the reach
        (PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100)), (0, 100)),
        (PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D("100.5")), (0, 201)),
        # the higher of the two named numbers is the reach, whichever is the floor
        (PointsRule(RuleKind.LINEAR, floor=D(300), ceiling=D(150)), (0, 600)),
        (PointsRule(RuleKind.LINEAR, floor=D(-20), ceiling=D(-10)), (-20, 100)),
        (PointsRule(RuleKind.LINEAR), (0, 100)),
        # steps: the highest step is the reach, the lowest below 0 the low end
        (
            PointsRule(
                RuleKind.THRESHOLDS,
                steps=(Threshold(D(-3), D(10)), Threshold(D(150), D(100)), Threshold(D(60), D(50))),
            ),
            (-3, 300),
        ),
        (PointsRule(RuleKind.THRESHOLDS), (0, 100)),
        # a count: the count that uses up the cap (200 / 0.5 = 400 items)
        (PointsRule(RuleKind.COUNT, each=D("0.5"), cap=D(200)), (0, 800)),
        (PointsRule(RuleKind.COUNT, each=D(2), cap=D(300)), (0, 300)),
        (PointsRule(RuleKind.COUNT), (0, 100)),
        # a ratio without a target reaches its cap as a percentage of 100
        (PointsRule(RuleKind.RATIO, cap=D(300)), (0, 600)),
        (PointsRule(RuleKind.RATIO, target=D(250)), (0, 500)),
    ],
)
def test_the_typed_range_of_each_rule(rule: PointsRule, expected: tuple[int, int]) -> None:
    assert bounds(rule) == (D(expected[0]), D(expected[1]))


def test_a_lower_ratio_reaches_its_target_whatever_its_cap() -> None:
    rule = PointsRule(RuleKind.RATIO, target=D(150), cap=D(50))
    assert bounds(rule, Direction.LOWER) == (D(0), D(300))
    assert bounds(rule, Direction.HIGHER) == (D(0), D(100))  # 150 × 50 % = 75
    assert bounds(PointsRule(RuleKind.RATIO), Direction.LOWER) == (D(0), D(100))
