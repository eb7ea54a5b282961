"""Checks of the school calendar: named years, semesters inside them, holidays inside a year."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date

from schoolwork.calendar import SchoolCalendar, SchoolYear, parse_school_year_name
from schoolwork.errors import Problem
from schoolwork.workspace import LoadedWorkspace


def named_by_start(year: SchoolYear) -> bool:
    """Whether ``year``'s name is a school year's and begins with the year ``start`` falls in."""
    span = parse_school_year_name(year.name)
    return span is not None and span[0] == year.start.year


def broken_semesters(calendar: SchoolCalendar) -> set[tuple[str, str]]:
    """``(year, semester)`` names of semesters the calendar check refuses (backwards, or outside
    their year): what depends on their dates is reported at them, not once more elsewhere."""
    return {
        (year.name, semester.name)
        for year in calendar.years
        for semester in year.semesters
        if semester.end < semester.start or semester.start < year.start or semester.end > year.end
    }


def check_calendar(loaded: LoadedWorkspace) -> Iterable[Problem]:
    calendar, file = loaded.workspace.calendar, loaded.file("school")
    seen: dict[str, int] = {}
    for index, year in enumerate(calendar.years):
        here = f"calendar.years[{index}]"
        span = parse_school_year_name(year.name)
        if span is None:
            yield Problem(
                file,
                f"{here}.name",
                "a school year such as '2023-2024'",
                repr(year.name),
                expected_zh="形如 '2023-2024' 的学年名称",
            )
        elif span[0] != year.start.year:
            # The name is what every other file refers to; the start is the fact it must match.
            first = year.start.year
            yield Problem(
                file,
                f"{here}.name",
                f"'{first}-{first + 1}', the school year that starts on {year.start}",
                repr(year.name),
                expected_zh=f"学年名称 '{first}-{first + 1}'（该学年始于 {year.start}）",
            )
        elif year.name in seen:
            yield Problem(
                file,
                f"{here}.name",
                "a school year listed once",
                f"{year.name!r}, also calendar.years[{seen[year.name]}]",
                expected_zh="只列出一次的学年",
            )
        # A misnamed year does not claim its name: the duplicate is the misnaming's, told there.
        if named_by_start(year):
            seen.setdefault(year.name, index)
        yield from _ordered(file, here, year.start, year.end)
        previous_end: date | None = None
        for s_index, semester in enumerate(year.semesters):
            at = f"{here}.semesters[{s_index}]"
            yield from _ordered(file, at, semester.start, semester.end)
            if semester.start < year.start or semester.end > year.end:
                yield Problem(
                    file,
                    at,
                    f"a semester inside {year.name} ({year.start} to {year.end})",
                    f"{semester.start} to {semester.end}",
                    expected_zh=f"位于 {year.name} 学年之内（{year.start} 至 {year.end}）的学期",
                )
            if previous_end is not None and semester.start <= previous_end:
                yield Problem(
                    file,
                    f"{at}.start",
                    f"a date after the previous semester's end ({previous_end})",
                    str(semester.start),
                    expected_zh=f"晚于上一学期结束日（{previous_end}）的日期",
                )
            previous_end = semester.end
    ordered = sorted(enumerate(calendar.years), key=lambda pair: pair[1].start)
    for (_, before), (index, after) in itertools.pairwise(ordered):
        if after.start <= before.end:
            yield Problem(
                file,
                f"calendar.years[{index}].start",
                f"a date after {before.name} ends ({before.end})",
                str(after.start),
                expected_zh=f"晚于 {before.name} 学年结束日（{before.end}）的日期",
            )
    for index, holiday in enumerate(calendar.holidays):
        here = f"calendar.holidays[{index}]"
        yield from _ordered(file, here, holiday.start, holiday.end)
        if calendar.years and not any(
            y.start <= holiday.start and holiday.end <= y.end for y in calendar.years
        ):
            yield Problem(
                file,
                here,
                "a holiday inside one school year",
                f"{holiday.start} to {holiday.end}",
                expected_zh="位于同一学年之内的假日",
            )


def _ordered(file: str, here: str, start: date, end: date) -> Iterable[Problem]:
    if end < start:
        yield Problem(
            file,
            f"{here}.end",
            f"a date on or after the start ({start})",
            str(end),
            expected_zh=f"不早于开始日（{start}）的日期",
        )
