"""The listings the command line prints, tested as library calls on the bundled sample."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import schoolwork
from schoolwork.job import init_workspace
from schoolwork.reports import listings
from schoolwork.terminal import format_table

YEAR_START, YEAR_END = date(2023, 9, 1), date(2024, 8, 31)


@pytest.fixture
def school(schoolwork_sample_dir: Path) -> schoolwork.Session:
    return schoolwork.open(schoolwork_sample_dir, installed=False)


# Grids


def test_every_grid_of_the_sample_is_a_full_matrix(school: schoolwork.Session) -> None:
    found = school.grid_tables()
    assert [g.grid.id for g in found.grids] == [
        "safety",
        "class-safety",
        "office-safety",
        "publicity",
    ]
    safety = found.grids[0]
    assert safety.table.caption == "级部安全员网格 (safety), purpose safety, leader 孙桂婷"
    assert safety.leader == "孙桂婷"
    assert safety.table.columns == ("", "上下学秩序", "隐患排查", "应急演练", "安全教育")
    assert len(safety.table.rows) == 6
    assert safety.table.rows[0] == ("一年级", *["钟颖 (侯瑞)"] * 4)
    for shown in found.grids:
        assert (shown.gaps, shown.double_owners, shown.overloads) == ((), (), ())
        cells = [cell for row in shown.table.rows for cell in row[1:]]
        assert len(cells) == len(shown.grid.scopes) * len(shown.grid.duties)
        assert not any(cell.startswith("!") for cell in cells)


def test_post_holders_without_a_safety_duty(school: schoolwork.Session) -> None:
    table = school.grid_tables().without_safety_duty
    assert table.caption == "一岗双责"
    assert [row[0] for row in table.rows] == [
        "T001",
        "T002",
        "T004",
        "T029",
        "T033",
        "T038",
        "T044",
    ]
    assert table.rows[0] == ("T001", "薛红芳", "principal, party_secretary")
    assert table.rows[1][2] == "vice_principal, group_leader"
    # The same whichever grid is asked for: it is about every grid.
    assert school.grid_tables("publicity").without_safety_duty == table


def test_a_gap_a_double_owner_and_overloads_are_marked(school: schoolwork.Session) -> None:
    ws = school.workspace
    safety = ws.grids[0]
    order, hazards = safety.duties[0].id, safety.duties[1].id
    dropped = next(c for c in safety.cells if (c.scope, c.duty) == ("grade-1", order))
    second = schoolwork.Cell("grade-1", hazards, safety.owner_of("grade-2", order) or "")
    cells = (*(c for c in safety.cells if c is not dropped), second)
    broken = attrs.evolve(safety, cells=cells, load_limit=3)
    shown = listings.grid_tables(attrs.evolve(ws, grids=(broken,)), "safety").grids[0]
    assert shown.gaps == (("grade-1", order),)
    assert shown.double_owners == (("grade-1", hazards),)
    row = shown.table.rows[0]
    assert row[1] == "! gap"
    assert row[2] == "! 钟颖 + 宋海 (侯瑞)"
    # Every grade director owns 4 cells, above the limit of 3; 钟颖 now owns 3 and 宋海 5.
    assert dict(shown.overloads) == {
        "宋海": 5,
        "余嘉明": 4,
        "段华杰": 4,
        "潘勇强": 4,
        "邱平辉": 4,
    }
    assert row[3] == "钟颖 (侯瑞)"  # 钟颖 is within the limit now
    assert shown.table.rows[1][1] == "宋海 (over load) (夏琳静)"


def test_an_unknown_grid_names_the_known_ones(school: schoolwork.Session) -> None:
    with pytest.raises(schoolwork.UnknownIdError) as caught:
        school.grid_tables("nope")
    assert (
        str(caught.value)
        == "no grid 'nope' (known: safety, class-safety, office-safety, publicity)"
    )
    empty = attrs.evolve(school.workspace, grids=())
    with pytest.raises(schoolwork.UnknownIdError, match=r"\(known: none\)"):
        listings.grid_tables(empty, "safety")


# Projects


def test_the_project_board_of_the_sample(school: schoolwork.Session) -> None:
    board = school.project_board()
    assert [(s.state.value, s.count) for s in board.states] == [
        ("unclaimed", 1),
        ("claimed", 1),
        ("planned", 1),
        ("in_progress", 3),
        ("closed", 1),
    ]
    unclaimed, claimed = board.states[0], board.states[1]
    assert unclaimed.offices[0].office is None
    assert unclaimed.offices[0].projects[0].incomplete == ()  # P07 has no plan, but no owner yet
    p05 = claimed.offices[0].projects[0]
    assert (claimed.offices[0].office, p05.project.id) == ("德育处", "P05")
    assert p05.incomplete == ("Why", "When", "Where", "How", "How much")
    in_progress = board.states[3]
    assert [(o.office, [p.project.id for p in o.projects]) for o in in_progress.offices] == [
        ("德育处", ["P02"]),
        ("安全办公室", ["P01", "P06"]),
    ]
    assert all(not p.incomplete for s in board.states[2:] for o in s.offices for p in o.projects)
    assert (board.closed, board.claimed) == (1, 6)
    assert board.closed_share == Decimal(1) / Decimal(6)
    assert f"{100 * board.closed_share:.0f}%" == "17%"
    assert board.by_office == (("教务处", 1), ("德育处", 3), ("安全办公室", 2))


def test_closing_and_claiming_move_the_closed_loop(school: schoolwork.Session) -> None:
    ws = school.workspace
    projects = {p.id: p for p in ws.projects}
    changed = (
        attrs.evolve(projects["P01"], state=schoolwork.ProjectState.CLOSED),
        attrs.evolve(
            projects["P07"], state=schoolwork.ProjectState.CLAIMED, lead="office-academic"
        ),
        *(p for pid, p in projects.items() if pid not in {"P01", "P07"}),
    )
    board = listings.project_board(attrs.evolve(ws, projects=changed))
    assert (board.closed, board.claimed) == (2, 7)
    assert board.closed_share == Decimal(2) / Decimal(7)
    assert board.by_office == (("教务处", 2), ("德育处", 3), ("安全办公室", 2))
    claimed = next(s for s in board.states if s.state is schoolwork.ProjectState.CLAIMED)
    lines = {p.project.id: p for o in claimed.offices for p in o.projects}
    assert lines["P07"].incomplete == ("the whole plan",)
    nothing = listings.project_board(attrs.evolve(ws, projects=()))
    assert (nothing.states, nothing.claimed, nothing.closed_share) == ((), 0, None)


# Calendar


def test_occurrences_over_the_school_year(school: schoolwork.Session) -> None:
    table = school.occurrences(YEAR_START, YEAR_END)
    every = school.occurrences(YEAR_START, YEAR_END, all_days=True)
    assert table.columns == ("date", "day", "project", "what", "where")
    assert Counter(r[2] for r in table.rows) == {"P02": 37, "P01": 9, "P06": 7, "P04": 2, "P03": 2}
    assert Counter(r[2] for r in every.rows) == {
        "P02": 44,
        "P06": 11,
        "P01": 10,
        "P04": 2,
        "P03": 2,
    }
    assert set(table.rows) < set(every.rows)
    calendar = school.workspace.calendar
    days = [date.fromisoformat(r[0]) for r in table.rows]
    assert days == sorted(days)
    assert all(calendar.in_session(d) for d in days)
    assert not all(calendar.in_session(date.fromisoformat(r[0])) for r in every.rows)
    assert "2024-02-15" not in {r[0] for r in table.rows if r[2] == "P01"}  # winter vacation
    assert table.rows[0] == (
        "2023-09-01",
        "周五",
        "P06",
        "每月第一个周五校长走流程、开展消防检查，隐患排查常态化",
        "全校",
    )
    assert all(r[1] == "周一" for r in table.rows if r[2] == "P02")


def test_occurrences_of_one_day_and_of_a_reversed_span(school: schoolwork.Session) -> None:
    day = date(2023, 9, 15)
    assert [r[2] for r in school.occurrences(day, day).rows] == ["P01"]
    with pytest.raises(schoolwork.UsageError, match="before the first day"):
        school.occurrences(date(2024, 3, 1), date(2024, 1, 31))


# Goals


def test_the_goal_table_as_of_june(school: schoolwork.Session) -> None:
    listing = school.goal_table(date(2024, 6, 30))
    assert listing.as_of == date(2024, 6, 30)
    assert [p.id for p in listing.plans] == ["plan-2023"]
    assert listing.table.columns == ("goal", "owner", "period", "achieved", "pace", "status")
    rows = listing.table.rows
    assert len(rows) == len(school.workspace.goals) == 15
    assert rows[0] == (
        "提质增效、稳中有进：各项工作平稳推进",
        "沂源县第二实验小学",
        "2023-2024",
        "99.4%",
        "83%",
        "on_track",
    )
    assert rows[1][:2] == ("  教务处：加大教学管理，提高学业水平", "教务处")
    assert rows[2][0].startswith("    ")  # a research group's goal, two levels down
    grade_4 = next(r for r in rows if "四年级" in r[0])
    assert grade_4[3:] == ("75.0%", "83%", "at_risk")
    assert school.goal_table(date(2024, 1, 15)).table != listing.table
    assert school.goal_table(date(2024, 6, 30), "plan-2023") == listing


def test_the_default_date_stays_within_the_plans_years(school: schoolwork.Session) -> None:
    ws = school.workspace
    assert listings.default_as_of(ws.plans, ws.calendar, date(2030, 1, 1)) == date(2026, 8, 31)
    assert listings.default_as_of(ws.plans, ws.calendar, date(2020, 1, 1)) == date(2023, 9, 1)
    assert listings.default_as_of(ws.plans, ws.calendar, date(2024, 6, 30)) == date(2024, 6, 30)
    assert listings.default_as_of((), ws.calendar, date(2030, 1, 1)) == date(2030, 1, 1)
    late = listings.goal_table(ws, today=date(2031, 5, 1))
    assert late.as_of == date(2026, 8, 31)
    assert late.table == listings.goal_table(ws, date(2026, 8, 31)).table


def test_an_unknown_plan_names_the_known_ones(school: schoolwork.Session) -> None:
    with pytest.raises(schoolwork.UnknownIdError) as caught:
        school.goal_table(plan_id="nope")
    assert str(caught.value) == "no plan 'nope' (known: plan-2023)"


# Records


def test_the_record_tallies_of_2023_2024(school: schoolwork.Session) -> None:
    tallies = school.record_tallies("2023-2024")
    assert (tallies.school, tallies.year) == ("沂源县第二实验小学", "2023-2024")
    assert (tallies.start, tallies.end) == (YEAR_START, YEAR_END)
    book = tallies.records
    assert [
        len(book.honours),
        len(book.activities),
        len(book.inspections),
        len(book.incidents),
    ] == [
        56,
        29,
        24,
        0,
    ]
    by_level = tallies.honour_tables[0]
    assert by_level.columns == ("级别", "一等奖", "二等奖", "名次", "荣誉称号", "合计")
    assert by_level.rows == (
        ("市级", "1", "1", "2", "7", "11"),
        ("县级", "13", "3", "4", "25", "45"),
        ("合计", "14", "4", "6", "32", "56"),
    )
    assert tallies.by_recipient == (("学校", 19), ("教师", 23), ("学生", 14))
    categories = {c.category: c for c in tallies.by_category}
    assert sum(c.total for c in tallies.by_category) == 56
    assert categories["诵读征文"].total == 12
    assert categories["诵读征文"].prizes == (
        ("市级一等奖", 1),
        ("市级二等奖", 1),
        ("县级一等奖", 8),
        ("县级二等奖", 2),
    )
    assert categories["体育"].prizes[0] == ("市级第5名", 1)
    assert categories["教师梯队"].prizes == (("市级荣誉称号", 4), ("县级荣誉称号", 16))
    assert tallies.activities is not None
    assert dict(tallies.activities.rows)["教研活动"] == "8"
    assert sum(int(n) for _, n in tallies.activities.rows) == 29
    assert tallies.inspections is not None
    assert tallies.inspections.rows == (("级部检查", "24", "4", "24"),)
    assert tallies.incidents == ()


def test_record_tallies_in_english_and_over_all_years(school: schoolwork.Session) -> None:
    english = school.record_tallies(lang="en")
    assert english.year is None
    assert (english.start, english.end) == (date(2023, 9, 8), date(2024, 6, 28))
    assert english.by_recipient == (("School", 19), ("Staff", 23), ("Student", 14))
    assert english.honour_tables[0].caption == "By level and prize"
    works = next(c for c in english.by_category if c.category == "诵读征文")
    assert [n for _, n in works.prizes] == [1, 1, 8, 2]
    assert all(name.startswith(("City", "County")) for name, _ in works.prizes)
    assert "First prize" in works.prizes[2][0]
    sports = next(c for c in english.by_category if c.category == "体育")
    assert sports.prizes[0][0].endswith("place 5")
    assert english.records == school.record_tallies("2023-2024").records  # one year of records


def test_a_year_without_records_and_a_year_that_is_not_one(school: schoolwork.Session) -> None:
    empty = school.record_tallies("2019-2020")
    assert (empty.start, empty.end) == (date(2019, 9, 1), date(2020, 8, 31))
    assert empty.records == schoolwork.RecordBook()
    assert (empty.honour_tables, empty.by_recipient, empty.by_category) == ((), (), ())
    assert (empty.activities, empty.inspections) == (None, None)
    with pytest.raises(schoolwork.UsageError) as caught:
        school.record_tallies("2023")
    assert str(caught.value) == "year '2023': expected a school year such as 2023-2024"


def test_incidents_are_counted_by_severity_mildest_first(school: schoolwork.Session) -> None:
    ws = school.workspace
    severe, minor = schoolwork.Severity.SEVERE, schoolwork.Severity.MINOR
    incidents = (
        schoolwork.Incident("X1", "T010", date(2023, 10, 9), severe),
        schoolwork.Incident("X2", "T011", date(2024, 3, 1), minor),
        schoolwork.Incident("X3", "T012", date(2024, 4, 2), severe),
        schoolwork.Incident("X4", "T012", date(2024, 9, 2), severe),  # the next school year
    )
    records = schoolwork.RecordBook({**ws.records.records, "incident": incidents})
    tallies = listings.record_tallies(attrs.evolve(ws, records=records), "2023-2024")
    assert tallies.incidents == (("轻微", 1), ("严重", 2))
    assert len(tallies.records.incidents) == 3
    everything = listings.record_tallies(attrs.evolve(ws, records=records))
    assert everything.end == date(2024, 9, 2)
    assert everything.incidents == (("轻微", 1), ("严重", 3))


# The workspace


def test_the_summary_of_the_sample(school: schoolwork.Session) -> None:
    lines = school.summary().splitlines()
    assert lines[0] == "school:   沂源县第二实验小学 (淄博市, 沂源县)"
    assert "units:    45 (office 5, grade 6, class 18, research_group 4, prep_group 12)" in lines
    assert "people:   59 active, 2 left" in lines
    assert "  head_teacher     18" in lines
    assert lines[-1] == "calendar: 2023-2024, 2024-2025, 2025-2026; 6 holidays"
    assert not any(line.startswith("ok:") for line in lines)


def test_init_writes_a_skeleton_or_the_sample(tmp_path: Path) -> None:
    written = init_workspace(tmp_path / "new")
    assert written == [tmp_path / "new" / "school.toml"]
    assert schoolwork.open(tmp_path / "new", installed=False).workspace.school.id == "my-school"
    copied = init_workspace(tmp_path / "copy", sample=True)
    assert tmp_path / "copy" / "records" / "honours.csv" in copied
    opened = schoolwork.open(tmp_path / "copy", installed=False)
    assert len(opened.workspace.honours) == 56


def test_init_refuses_a_file_and_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(schoolwork.UsageError, match="a-file is a file; expected a folder"):
        init_workspace(tmp_path / "a-file", force=True)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(schoolwork.UsageError, match="is not empty; choose a new folder"):
        init_workspace(folder, sample=True)
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    written = init_workspace(folder, force=True)
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt", "school.toml"]
    assert written == [folder / "school.toml"]


def test_the_tables_print_as_the_command_line_prints_them(school: schoolwork.Session) -> None:
    table = school.grid_tables("office-safety").grids[0].table
    assert format_table(table.columns, table.rows, indent="  ").splitlines()[1] == (
        "  办公室      梁辉强"
    )


def test_prizes_are_listed_highest_level_then_best_prize_first(school: schoolwork.Session) -> None:
    level, rank = schoolwork.Level, schoolwork.AwardRank
    to_school = schoolwork.Recipient(schoolwork.RecipientKind.SCHOOL)

    def honour(n: int, lv: schoolwork.Level, **more: object) -> schoolwork.Honour:
        return schoolwork.Honour(
            f"H{n}", "奖", lv, to_school, date(2023, 10, n), category="测试", **more
        )  # type: ignore[arg-type]

    honours = (
        honour(1, level.COUNTY, rank=rank.SECOND),
        honour(2, level.COUNTY),
        honour(3, level.COUNTY, place=3),
        honour(4, level.COUNTY, rank=rank.FIRST),
        honour(5, level.COUNTY, place=2),
        honour(6, level.CITY, rank=rank.THIRD),
        honour(7, level.COUNTY, rank=rank.FIRST),
    )
    ws = attrs.evolve(school.workspace, records=schoolwork.RecordBook.of(honour=honours))
    (tally,) = listings.record_tallies(ws).by_category
    assert tally.prizes == (
        ("市级三等奖", 1),
        ("县级一等奖", 2),
        ("县级二等奖", 1),
        ("县级荣誉称号", 1),  # titles, then placings, as the command has always listed them
        ("县级第2名", 1),
        ("县级第3名", 1),
    )
    assert tally.total == 7
