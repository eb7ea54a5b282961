"""Goal hierarchies: the formulas by hand, roll-up properties, the command and broken files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from schoolwork.cli import cli
from schoolwork.goals import (
    CheckIn,
    DevelopmentPlan,
    Goal,
    GoalDirection,
    GoalIndicator,
    GoalStatus,
    GoalTree,
    Phase,
    expected_pace,
    indicator_achievement,
    status,
)
from schoolwork.job import open_workspace
from schoolwork.sample import sample_path

D = Decimal
DAY = date(2024, 3, 31)


def ind(
    target: int | None,
    value: str | None,
    direction: GoalDirection = GoalDirection.HIGHER,
    **more: object,
) -> GoalIndicator:
    checkins = () if value is None else (CheckIn(date(2024, 1, 1), D(value)),)
    return GoalIndicator(
        "i",
        "i",
        target=None if target is None else D(target),
        direction=direction,
        checkins=checkins,
        **more,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("indicator", "cap", "expected"),
    [
        (ind(8, "3"), "1", "0.3750"),
        (ind(8, "12"), "1", "1.0000"),
        (ind(8, "12"), "1.2", "1.2000"),
        (ind(8, "9"), "1.2", "1.1250"),
        (ind(8, "-1"), "1", "0.0000"),
        (ind(0, "0", GoalDirection.LOWER, baseline=D(4)), "1", "1.0000"),
        (ind(0, "1", GoalDirection.LOWER, baseline=D(4)), "1", "0.7500"),
        (ind(0, "5", GoalDirection.LOWER, baseline=D(4)), "1", "0.0000"),
        (
            ind(5, "5", GoalDirection.HIGHER, baseline=D(5)),
            "1",
            "1.0000",
        ),  # baseline equals target: met
        (ind(5, "4", GoalDirection.HIGHER, baseline=D(5)), "1", "0.0000"),
        (ind(0, "0", GoalDirection.LOWER, baseline=D(0)), "1", "1.0000"),
        (ind(None, "5", GoalDirection.BAND, low=D(0), high=D(7)), "1", "1.0000"),
        (ind(None, "8", GoalDirection.BAND, low=D(0), high=D(7)), "1", "0.0000"),
        (ind(None, "1", GoalDirection.DONE), "1", "1.0000"),
        (ind(None, "0", GoalDirection.DONE), "1", "0.0000"),
        (ind(15, "7"), "1", "0.4667"),
    ],
)
def test_indicator_formulas(indicator: GoalIndicator, cap: str, expected: str) -> None:
    assert indicator_achievement(indicator, DAY, D(cap)) == D(expected)


def test_no_checkin_yet_means_no_achievement() -> None:
    indicator = GoalIndicator("i", "i", target=D(8), checkins=(CheckIn(date(2024, 5, 1), D(3)),))
    assert indicator_achievement(indicator, DAY) is None
    assert status(None, D("0.5")) is GoalStatus.NO_DATA


def worked_tree() -> GoalTree:
    plan = DevelopmentPlan("p", "规划", (Phase("2023-2024", "提质增效"),), cap=D("1.2"))

    def checked(id_: str, target: int, value: int) -> GoalIndicator:
        return GoalIndicator(
            id_, id_, target=D(target), checkins=(CheckIn(date(2024, 3, 31), D(value)),)
        )

    goals = (
        Goal("school", "学校", "s", "2023-2024", plan="p", indicators=(checked("honours", 15, 7),)),
        Goal(
            "academic",
            "教务处",
            "office-academic",
            "2023-2024",
            D(3),
            "school",
            "p",
            (checked("research", 8, 3),),
        ),
        Goal(
            "moral",
            "德育处",
            "office-moral",
            "2023-2024",
            D(1),
            "school",
            "p",
            (checked("meetings", 4, 2),),
        ),
    )
    return GoalTree(goals, (plan,))


def test_the_worked_example_of_the_docs() -> None:
    tree = worked_tree()
    calendar = open_workspace(sample_path()).loaded.workspace.calendar
    assert tree.achievement("academic", DAY) == D("0.3750")
    assert tree.achievement("moral", DAY) == D("0.5000")
    assert tree.achievement("school", DAY) == D("0.4264")
    pace = expected_pace("2023-2024", DAY, calendar)
    assert pace == D("0.5820")
    assert status(D("0.4264"), pace) is GoalStatus.OFF_TRACK
    assert tree.contribution("school", {"office-academic"}, DAY) == D("0.1875")
    page = (Path(__file__).parent.parent / "docs" / "goals.md").read_text(encoding="utf-8")
    for number in (
        "0.4667",
        "0.3750",
        "0.5000",
        "0.40625",
        "0.4264",
        "0.5820",
        "0.1875",
        "**off track**",
    ):
        assert number in page


@st.composite
def trees(draw: st.DrawFn) -> GoalTree:
    count = draw(st.integers(1, 6))
    goals = []
    for n in range(count):
        parent = (
            draw(st.one_of(st.none(), st.sampled_from([f"g{i}" for i in range(n)]))) if n else None
        )
        indicators = tuple(
            GoalIndicator(
                f"i{k}",
                "x",
                target=D(draw(st.integers(1, 20))),
                baseline=D(draw(st.integers(0, 0))),
                checkins=(CheckIn(date(2024, 1, 1), D(draw(st.integers(0, 30)))),),
            )
            for k in range(draw(st.integers(0, 2)))
        )
        goals.append(
            Goal(
                f"g{n}", "x", "s", "2023-2024", D(draw(st.integers(1, 9))), parent, "p", indicators
            )
        )
    cap = D(draw(st.sampled_from(["1", "1.2", "1.5"])))
    return GoalTree(tuple(goals), (DevelopmentPlan("p", "p", (), cap=cap),))


@settings(max_examples=80, deadline=None)
@given(trees())
def test_achievement_stays_within_zero_and_the_cap(tree: GoalTree) -> None:
    for goal in tree.goals:
        value = tree.achievement(goal.id, DAY)
        assert value is None or 0 <= value <= tree.plans[0].cap


@settings(max_examples=80, deadline=None)
@given(trees(), st.data())
def test_raising_a_checkin_never_lowers_any_ancestor(tree: GoalTree, data: st.DataObject) -> None:
    with_indicators = [g for g in tree.goals if g.indicators]
    if not with_indicators:
        return
    goal = data.draw(st.sampled_from(with_indicators))
    step = D(data.draw(st.integers(1, 10)))
    raised = tuple(
        attrs.evolve(i, checkins=(attrs.evolve(i.checkins[0], value=i.checkins[0].value + step),))
        for i in goal.indicators
    )
    better = GoalTree(
        tuple(attrs.evolve(g, indicators=raised) if g.id == goal.id else g for g in tree.goals),
        tree.plans,
    )
    ancestors, current = [], goal.parent
    while current is not None:
        ancestors.append(current)
        current = tree.goal(current).parent
    for goal_id in [goal.id, *ancestors]:
        before, after = tree.achievement(goal_id, DAY), better.achievement(goal_id, DAY)
        assert after is not None
        assert before is None or after >= before
    lowered = tuple(
        attrs.evolve(i, direction=GoalDirection.LOWER, baseline=i.target + 40)
        for i in goal.indicators
    )  # type: ignore[operator]
    lower = GoalTree(
        tuple(attrs.evolve(g, indicators=lowered) if g.id == goal.id else g for g in tree.goals),
        tree.plans,
    )
    dropped = tuple(
        attrs.evolve(i, checkins=(attrs.evolve(i.checkins[0], value=i.checkins[0].value - step),))
        for i in lowered
    )
    lower_better = GoalTree(
        tuple(attrs.evolve(g, indicators=dropped) if g.id == goal.id else g for g in tree.goals),
        tree.plans,
    )
    for goal_id in [goal.id, *ancestors]:
        before, after = lower.achievement(goal_id, DAY), lower_better.achievement(goal_id, DAY)
        assert before is not None
        assert after is not None
        assert after >= before


@settings(max_examples=60, deadline=None)
@given(trees(), st.integers(2, 7), st.randoms())
def test_scaling_sibling_weights_and_reordering_children_change_nothing(
    tree: GoalTree, factor: int, rnd
) -> None:  # type: ignore[no-untyped-def]
    scaled = GoalTree(
        tuple(attrs.evolve(g, weight=g.weight * factor) for g in tree.goals), tree.plans
    )
    shuffled_goals = list(tree.goals)
    rnd.shuffle(shuffled_goals)
    shuffled = GoalTree(tuple(shuffled_goals), tree.plans)
    for goal in tree.goals:
        assert scaled.achievement(goal.id, DAY) == tree.achievement(goal.id, DAY)
        assert shuffled.achievement(goal.id, DAY) == tree.achievement(goal.id, DAY)


def test_goals_command_and_as_of(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    june = runner.invoke(cli, ["goals", str(schoolwork_sample_dir), "--as-of", "2024-06-30"])
    assert june.exit_code == 0, june.output
    assert "三年发展规划（2023—2026）" in june.output
    assert "2024-2025  提质增效、打造高地" in june.output
    line = next(x for x in june.output.splitlines() if x.startswith("提质增效、稳中有进"))
    assert line.split()[-3:] == ["99.4%", "83%", "on_track"]
    january = runner.invoke(cli, ["goals", str(schoolwork_sample_dir), "--as-of", "2024-01-15"])
    assert january.output != june.output
    assert "  四年级：规范办学，班级常规达标" in june.output
    assert "at_risk" in next(x for x in june.output.splitlines() if "四年级" in x)
