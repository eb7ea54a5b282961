"""Checks of the school calendar: named years, semesters inside them, holidays inside a year."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date

from schoolwork.calendar import parse_school_year_name
from schoolwork.errors import Problem
from schoolwork.workspace import LoadedWorkspace


def check_calendar(loaded: LoadedWorkspace) -> Iterable[Problem]:
    calendar, file = loaded.workspace.calendar, loaded.file("school")
    seen: dict[str, int] = {}
    for index, year in enumerate(calendar.years):
        here = f"calendar.years[{index}]"
        span = parse_school_year_name(year.name)
        if span is None:
            yield Problem(
                file, f"{here}.name", "a school year such as '2023-2024'", repr(year.name)
            )
        elif year.start.year != span[0]:
            yield Problem(
                file,
                f"{here}.start",
                f"a date in {span[0]}, when {year.name} begins",
                str(year.start),
            )
        if year.name in seen:
            yield Problem(
                file,
                f"{here}.name",
                "a school year listed once",
                f"{year.name!r}, also calendar.years[{seen[year.name]}]",
            )
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
                )
            if previous_end is not None and semester.start <= previous_end:
                yield Problem(
                    file,
                    f"{at}.start",
                    f"a date after the previous semester's end ({previous_end})",
                    str(semester.start),
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
            )
    for index, holiday in enumerate(calendar.holidays):
        here = f"calendar.holidays[{index}]"
        yield from _ordered(file, here, holiday.start, holiday.end)
        if calendar.years and not any(
            y.start <= holiday.start and holiday.end <= y.end for y in calendar.years
        ):
            yield Problem(
                file, here, "a holiday inside one school year", f"{holiday.start} to {holiday.end}"
            )


def _ordered(file: str, here: str, start: date, end: date) -> Iterable[Problem]:
    if end < start:
        yield Problem(file, f"{here}.end", f"a date on or after the start ({start})", str(end))
