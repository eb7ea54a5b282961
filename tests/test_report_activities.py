"""The activities table: a column per semester (or per month, as 9月), never twelve 2023-09s."""

from __future__ import annotations

from datetime import date

from schoolwork import Activity, RecordBook
from schoolwork.calendar import Semester
from schoolwork.reports.sections import activities

FIRST = Semester("第一学期", date(2023, 9, 1), date(2024, 1, 19))
SECOND = Semester("第二学期", date(2024, 2, 19), date(2024, 7, 5))


def book(*days: date) -> RecordBook:
    found = tuple(Activity(f"a{n}", "家长会", "家长会", day) for n, day in enumerate(days))
    return RecordBook({"activity": found})


def table(records: RecordBook, lang: str = "zh", semesters: tuple[Semester, ...] = ()) -> object:
    (section,) = activities(records, date(2023, 9, 1), date(2024, 8, 31), lang, semesters)  # type: ignore[arg-type]
    return section.blocks[0]


def test_a_column_per_semester_and_a_total() -> None:
    found = table(
        book(date(2023, 9, 5), date(2023, 12, 1), date(2024, 3, 1)), semesters=(FIRST, SECOND)
    )
    assert found.columns == ("类型", "第一学期", "第二学期", "合计")  # type: ignore[attr-defined]
    assert found.rows == (("家长会", "2", "1", "3"),)  # type: ignore[attr-defined]
    assert found.caption == "按类型与学期统计"  # type: ignore[attr-defined]


def test_an_activity_in_the_vacation_gets_a_column_of_its_own() -> None:
    found = table(book(date(2023, 9, 5), date(2024, 2, 1)), semesters=(FIRST, SECOND))
    assert found.columns == ("类型", "第一学期", "第二学期", "假期", "合计")  # type: ignore[attr-defined]
    assert found.rows == (("家长会", "1", "0", "1", "2"),)  # type: ignore[attr-defined]


def test_without_semesters_months_are_named_as_a_school_writes_them() -> None:
    found = table(book(date(2023, 9, 5), date(2023, 10, 1), date(2023, 10, 9)))
    assert found.columns == ("类型", "9月", "10月", "合计")  # type: ignore[attr-defined]
    assert found.rows == (("家长会", "1", "2", "3"),)  # type: ignore[attr-defined]
    english = table(book(date(2023, 9, 5)), "en")
    assert english.columns == ("Type", "Month 9", "Total")  # type: ignore[attr-defined]
