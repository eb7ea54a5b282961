"""Grids, 5W2H plans with schedules, and project claiming."""

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
from schoolwork.grid import Cell, Duty, Grid, HandoverError, handover, without_safety_duty
from schoolwork.job import open_workspace
from schoolwork.plans import Budget, Plan5W2H, When
from schoolwork.projects import (
    Project,
    ProjectState,
    Review,
    TransitionError,
    claim,
    close,
    plan,
    release,
    start,
)
from schoolwork.sample import sample_path

DUTIES = (Duty("order", "上下学秩序"), Duty("drills", "应急演练"))


def small_grid(cells: tuple[Cell, ...], limit: int | None = None) -> Grid:
    return Grid("g", "安全网格", "safety", "L", ("grade-1", "grade-2"), DUTIES, cells, limit)


FULL = (
    Cell("grade-1", "order", "A"),
    Cell("grade-1", "drills", "A"),
    Cell("grade-2", "order", "B", backup="A"),
    Cell("grade-2", "drills", "B"),
)


def test_queries() -> None:
    grid = small_grid(FULL)
    assert grid.owner_of("grade-2", "order") == "B"
    assert [c.duty for c in grid.cells_of("A")] == ["order", "drills"]
    assert grid.gaps() == []
    assert grid.double_owners() == {}
    assert grid.overloads() == {}


def test_a_gap_a_double_owner_and_an_overload_are_each_reported() -> None:
    grid = small_grid((*FULL[:3], Cell("grade-1", "order", "C")), limit=1)
    assert grid.gaps() == [("grade-2", "drills")]
    assert grid.double_owners() == {("grade-1", "order"): ("A", "C")}
    assert grid.overloads() == {"A": 2}


def test_a_handover_loses_no_cell() -> None:
    grid, changes = handover(small_grid(FULL), "A", "D")
    assert [(c.scope, c.duty, c.owner, c.backup) for c in grid.cells] == [
        ("grade-1", "order", "D", None),
        ("grade-1", "drills", "D", None),
        ("grade-2", "order", "B", "D"),
        ("grade-2", "drills", "B", None),
    ]
    assert [(c.scope, c.duty, c.role) for c in changes] == [
        ("grade-1", "order", "owner"),
        ("grade-1", "drills", "owner"),
        ("grade-2", "order", "backup"),
    ]


def test_a_handover_naming_no_successor_for_a_cell_is_refused() -> None:
    with pytest.raises(HandoverError, match="no successor for grade-1 / drills of A in grid g"):
        handover(small_grid(FULL), "A", {("grade-1", "order"): "D"})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABCDL"), st.sampled_from("EFGH")), max_size=8))
def test_after_any_handovers_every_cell_still_has_exactly_one_owner(
    moves: list[tuple[str, str]],
) -> None:
    grid = small_grid(FULL)
    for leaving, successor in moves:
        grid, _ = handover(grid, leaving, successor)
        assert grid.gaps() == []
        assert grid.double_owners() == {}
        assert len(grid.cells) == len(FULL)


def test_one_post_two_duties_on_the_sample() -> None:
    ws = open_workspace(sample_path()).loaded.workspace
    missing = {p.id for p in without_safety_duty(ws.grids, ws.people)}
    heads = {
        p.id
        for p in ws.people
        if p.holds(p.roles[0].kind) and any(r.kind.value == "head_teacher" for r in p.roles)
    }
    assert missing
    assert not missing & heads  # every head teacher carries a class safety duty


COMPLETE = Plan5W2H(
    what="应急演练",
    why="演练规范化",
    owner="T009",
    when=When(start=date(2023, 9, 15), rrule="FREQ=MONTHLY;BYMONTHDAY=15"),
    where="全校",
    how=("制定方案", "演练", "复盘"),
    budget=Budget(Decimal(1200)),
)


def test_an_incomplete_plan_names_what_is_missing() -> None:
    assert COMPLETE.missing() == []
    assert Plan5W2H(what="家长会", owner="T007").missing() == [
        "Why",
        "When",
        "Where",
        "How",
        "How much",
    ]
    broken = attrs.evolve(COMPLETE, when=When(start=date(2024, 1, 1), rrule="FREQ=SOMETIMES"))
    assert broken.missing() == ["When"]


def test_a_monthly_rrule_over_a_school_year_skips_the_vacations() -> None:
    calendar = open_workspace(sample_path()).loaded.workspace.calendar
    days = COMPLETE.occurrences(date(2023, 9, 1), date(2024, 8, 31), calendar)
    assert [d.month for d in days] == [9, 10, 11, 12, 1, 3, 4, 5, 6]  # no February, July, August
    every = COMPLETE.occurrences(date(2023, 9, 1), date(2024, 8, 31), calendar, skip_closed=False)
    assert len(every) == 12


@settings(max_examples=80, deadline=None)
@given(
    st.dates(min_value=date(2023, 1, 1), max_value=date(2025, 12, 31)),
    st.integers(0, 400),
    st.sampled_from(
        [
            "FREQ=WEEKLY;BYDAY=MO",
            "FREQ=MONTHLY;BYMONTHDAY=15",
            "FREQ=DAILY;INTERVAL=3",
            "FREQ=MONTHLY;BYDAY=1FR",
        ]
    ),
    st.booleans(),
)
def test_occurrences_lie_inside_the_range_in_order_without_duplicates(
    first: date, span: int, rule: str, skip: bool
) -> None:
    from datetime import timedelta

    calendar = open_workspace(sample_path()).loaded.workspace.calendar
    plan_ = attrs.evolve(COMPLETE, when=When(start=date(2023, 3, 1), rrule=rule))
    last = first + timedelta(days=span)
    days = plan_.occurrences(first, last, calendar, skip_closed=skip)
    assert all(first <= d <= last for d in days)
    assert days == sorted(set(days))


def test_project_moves() -> None:
    project = Project("P1", "每月应急演练")
    project = claim(project, "office-safety", ["office-moral"])
    with pytest.raises(
        TransitionError,
        match="needs a complete 5W2H plan; missing: Why, When, Where, How, How much",
    ):
        plan(project, Plan5W2H(what="演练", owner="T009"))
    project = start(plan(project, COMPLETE))
    with pytest.raises(TransitionError, match="closes only with a review; missing: lessons"):
        close(project, Review("演练9次", " "))
    project = close(project, Review("演练9次", "提前通知"))
    assert project.state is ProjectState.CLOSED


def test_an_illegal_transition_is_refused_with_a_clear_message() -> None:
    with pytest.raises(TransitionError) as caught:
        start(Project("P2", "课后服务"))
    assert (
        str(caught.value) == "project P2 cannot go from unclaimed to in_progress; allowed: claimed"
    )
    closed = close(
        start(plan(claim(Project("P3", "x"), "office-moral"), COMPLETE)), Review("ok", "ok")
    )
    with pytest.raises(TransitionError, match="allowed: none \\(it is closed\\)"):
        release(closed)


def test_the_commands_on_the_sample(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    grid_out = runner.invoke(cli, ["grid", str(schoolwork_sample_dir)])
    assert grid_out.exit_code == 0, grid_out.output
    assert "级部安全员网格 (safety)" in grid_out.output
    assert "gaps: 0; double owners: 0; overloads: 0" in grid_out.output
    projects_out = runner.invoke(cli, ["projects", str(schoolwork_sample_dir)])
    assert (  # the line wraps to fit 80 columns
        "P05 “一校一品”资助育人品牌 [5W2H incomplete: Why, When, Where, How, How much]"
        in " ".join(projects_out.output.split())
    )
    assert "closed loop: 1 of 6 claimed projects (17%)" in projects_out.output
    calendar_out = runner.invoke(
        cli, ["calendar", str(schoolwork_sample_dir), "--from", "2024-01-01", "--to", "2024-03-31"]
    )
    assert calendar_out.exit_code == 0
    lines = [
        line
        for line in calendar_out.output.splitlines()
        if " P01 " in line or line.startswith("2024-0")
    ]
    assert lines == sorted(lines)
    assert "2024-02-15" not in calendar_out.output  # winter vacation


def test_the_grid_command_marks_gaps_and_overloads(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    path = schoolwork_sample_dir / "grids.toml"
    text = path.read_text(encoding="utf-8")
    first_cell = text.index('    { scope = "grade-1", duty = "order"')
    end = text.index("\n", first_cell)
    path.write_text(text[:first_cell] + text[end + 1 :], encoding="utf-8")
    shown = runner.invoke(cli, ["grid", str(schoolwork_sample_dir), "--grid", "safety"])
    assert "! gap" in shown.output
    assert "gaps: 1;" in shown.output
    checked = runner.invoke(cli, ["validate", str(schoolwork_sample_dir)])
    assert checked.exit_code == 2
    assert (
        "grids.toml: grids[0].cells: "
        "expected an owner for grade-1 / 上下学秩序 (分工到人), found nothing" in checked.output
    )
