"""Goals (``goals.py``) and grids (``grid.py``) at their boundaries: the at-risk margin, the pace on
the first and the last day, a check-in on the very day asked about, a band's own limits, and
handovers of backups and leaders. See benchmarks/README.md.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from schoolwork.calendar import SchoolCalendar, SchoolYear, Semester
from schoolwork.errors import HandoverError
from schoolwork.goals import (
    AT_RISK_MARGIN,
    CheckIn,
    GoalDirection,
    GoalIndicator,
    GoalStatus,
    expected_pace,
    indicator_achievement,
    period_bounds,
    status,
)
from schoolwork.grid import Cell, Change, Duty, Grid, handover

D = Decimal


@pytest.mark.parametrize(
    ("achievement", "pace", "expected"),
    [
        ("0.5000", "0.5000", GoalStatus.ON_TRACK),  # at the pace
        ("0.4999", "0.5000", GoalStatus.AT_RISK),
        ("0.3500", "0.5000", GoalStatus.AT_RISK),  # exactly the margin below the pace
        ("0.3499", "0.5000", GoalStatus.OFF_TRACK),
        ("0.0000", "0.1500", GoalStatus.AT_RISK),
        ("0.0000", "0.1501", GoalStatus.OFF_TRACK),
    ],
)
def test_the_at_risk_margin_includes_its_boundary(
    achievement: str, pace: str, expected: GoalStatus
) -> None:
    assert D("0.15") == AT_RISK_MARGIN
    assert status(D(achievement), D(pace)) is expected


CALENDAR = SchoolCalendar(
    (
        SchoolYear(
            "2023-2024",
            date(2023, 9, 1),
            date(2024, 6, 30),
            (
                Semester("第一学期", date(2023, 9, 1), date(2024, 1, 20)),
                Semester("第二学期", date(2024, 2, 19), date(2024, 6, 30)),
            ),
        ),
    )
)


@pytest.mark.parametrize(
    ("day", "pace"),
    [
        (date(2023, 8, 31), "0"),  # before the start
        (date(2023, 9, 1), "0.0033"),  # the first day counts as passed: 1 of 304
        (date(2024, 6, 29), "0.9967"),
        (date(2024, 6, 30), "1"),  # the last day
        (date(2024, 7, 1), "1"),
    ],
)
def test_the_pace_on_the_first_and_the_last_day(day: date, pace: str) -> None:
    assert expected_pace("2023-2024", day, CALENDAR) == D(pace)


def test_a_semester_is_a_period_and_an_unknown_one_is_named() -> None:
    assert period_bounds("2023-2024/第二学期", CALENDAR) == (date(2024, 2, 19), date(2024, 6, 30))
    assert period_bounds("2023-2024", CALENDAR) == (date(2023, 9, 1), date(2024, 6, 30))
    with pytest.raises(ValueError, match="no semester '第三学期' of 2023-2024 in the calendar"):
        period_bounds("2023-2024/第三学期", CALENDAR)
    with pytest.raises(ValueError, match="no semester"):
        period_bounds("2024-2025/第一学期", CALENDAR)


def indicator(
    direction: GoalDirection, *checkins: tuple[date, str], **more: object
) -> GoalIndicator:
    return GoalIndicator(
        "i",
        "i",
        direction=direction,
        checkins=tuple(CheckIn(day, D(value)) for day, value in checkins),
        **more,  # type: ignore[arg-type]
    )


def test_the_check_in_of_the_day_itself_counts_and_the_latest_wins() -> None:
    checked = indicator(
        GoalDirection.HIGHER,
        (date(2024, 3, 1), "6"),
        (date(2024, 1, 1), "2"),
        (date(2024, 4, 1), "8"),
        target=D(8),
    )
    assert checked.value_at(date(2024, 3, 1)) == D(6)
    assert checked.value_at(date(2024, 2, 29)) == D(2)
    assert indicator_achievement(checked, date(2024, 3, 1)) == D("0.75")


@pytest.mark.parametrize(
    ("value", "expected"), [("3", "1"), ("7", "1"), ("2.9", "0"), ("7.1", "0")]
)
def test_a_band_includes_its_own_limits(value: str, expected: str) -> None:
    band = indicator(GoalDirection.BAND, (date(2024, 1, 1), value), low=D(3), high=D(7))
    assert indicator_achievement(band, date(2024, 1, 1)) == D(expected)


def test_a_band_open_on_one_side() -> None:
    at_least = indicator(GoalDirection.BAND, (date(2024, 1, 1), "100"), low=D(3))
    at_most = indicator(GoalDirection.BAND, (date(2024, 1, 1), "-5"), high=D(7))
    assert indicator_achievement(at_least, date(2024, 1, 1)) == D(1)
    assert indicator_achievement(at_most, date(2024, 1, 1)) == D(1)


@pytest.mark.parametrize(("value", "expected"), [("1", "1"), ("0.99", "0"), ("2", "1")])
def test_done_is_reaching_one(value: str, expected: str) -> None:
    done = indicator(GoalDirection.DONE, (date(2024, 1, 1), value))
    assert indicator_achievement(done, date(2024, 1, 1)) == D(expected)


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        (GoalDirection.LOWER, "5", "1"),  # lower is better: meeting the target exactly
        (GoalDirection.LOWER, "5.01", "0"),
        (GoalDirection.HIGHER, "5", "1"),
        (GoalDirection.HIGHER, "4.99", "0"),
    ],
)
def test_a_baseline_equal_to_the_target_is_met_at_the_target(
    direction: GoalDirection, value: str, expected: str
) -> None:
    same = indicator(direction, (date(2024, 1, 1), value), target=D(5), baseline=D(5))
    assert indicator_achievement(same, date(2024, 1, 1)) == D(expected)


def test_an_indicator_without_a_target_has_no_achievement() -> None:
    plain = indicator(GoalDirection.HIGHER, (date(2024, 1, 1), "5"))
    assert indicator_achievement(plain, date(2024, 1, 1)) is None


# -- grids -----------------------------------------------------------------------------------------


GRID = Grid(
    "safe",
    "安全",
    "safety",
    "p1",
    ("一年级", "二年级"),
    (Duty("d1", "上下学"),),
    (Cell("一年级", "d1", "p2", backup="p3"), Cell("二年级", "d1", "p3", backup="p2")),
)


def test_a_handover_moves_owner_backup_and_leader_and_lists_each() -> None:
    grid, changes = handover(GRID, "p3", "p4")
    assert grid.cells == (
        Cell("一年级", "d1", "p2", backup="p4"),
        Cell("二年级", "d1", "p4", backup="p2"),
    )
    assert changes == (
        Change("一年级", "d1", "p3", "p4", role="backup"),
        Change("二年级", "d1", "p3", "p4"),
    )
    grid, changes = handover(GRID, "p1", "p4")
    assert (grid.leader, changes) == ("p4", (Change("", "", "p1", "p4", role="leader"),))


def test_a_backup_handed_to_the_owner_is_dropped_not_doubled() -> None:
    grid, _ = handover(GRID, "p3", "p2")
    # 一年级: p2 owns it and was to become its own backup; 二年级: p2 owns and backs it up
    assert grid.cells == (Cell("一年级", "d1", "p2"), Cell("二年级", "d1", "p2"))
    assert grid.double_owners() == {}


def test_a_handover_by_cell_names_the_cell_it_lacks() -> None:
    with pytest.raises(HandoverError, match="no successor for 二年级 / d1 of p3 in grid safe"):
        handover(GRID, "p3", {("一年级", "d1"): "p4"})
    with pytest.raises(HandoverError, match=r"no successor for leader /  of p1"):
        handover(GRID, "p1", {})


def test_gaps_double_owners_and_overloads() -> None:
    grid = Grid(
        "g",
        "g",
        "safety",
        "p1",
        ("一", "二"),
        (Duty("a", "A"), Duty("b", "B")),
        (Cell("一", "a", "p1"), Cell("一", "a", "p2"), Cell("二", "b", "p1")),
        load_limit=1,
    )
    assert grid.gaps() == [("一", "b"), ("二", "a")]
    assert grid.double_owners() == {("一", "a"): ("p1", "p2")}
    assert grid.owner_of("一", "a") is None
    assert grid.owner_of("二", "b") == "p1"
    assert grid.owner_of("二", "a") is None
    assert grid.overloads() == {"p1": 2}
    assert Grid("g", "g", "safety", "p1", (), (), grid.cells, load_limit=2).overloads() == {}
    assert Grid("g", "g", "safety", "p1", (), (), grid.cells).overloads() == {}
    assert grid.cells_of("p1") == (Cell("一", "a", "p1"), Cell("二", "b", "p1"))
