"""The school calendar: school years (学年), their two semesters, and holidays.

A day is *in session* when it lies inside a semester and outside every holiday; the days of a
school year outside its semesters are its vacations (winter and summer), so vacations never need
to be listed twice.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import attrs

_YEAR_NAME = re.compile(r"^(\d{4})-(\d{4})$")


def school_year_name(day: date, first_month: int = 9) -> str:
    """The conventional name of the school year holding ``day``: ``2023-2024`` for 2024-03-01.

    A school year starts in ``first_month`` (September in China); this needs no calendar, so it
    serves records dated outside every configured year.
    """
    start = day.year if day.month >= first_month else day.year - 1
    return f"{start}-{start + 1}"


def parse_school_year_name(name: str) -> tuple[int, int] | None:
    """``(2023, 2024)`` for ``"2023-2024"``; ``None`` if the name is not two consecutive years."""
    match = _YEAR_NAME.match(name)
    if match is None:
        return None
    first, second = int(match[1]), int(match[2])
    return (first, second) if second == first + 1 else None


@attrs.frozen
class Semester:
    """One term of a school year, both dates inclusive."""

    name: str
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@attrs.frozen
class SchoolYear:
    """A school year such as ``2023-2024``, both dates inclusive, with its semesters in order."""

    name: str
    start: date
    end: date
    semesters: tuple[Semester, ...] = ()

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def semester_of(self, day: date) -> Semester | None:
        """The semester holding ``day``, or ``None`` in a vacation or outside the year."""
        return next((s for s in self.semesters if day in s), None)


@attrs.frozen
class Holiday:
    """Days off inside a semester (National Day, Qingming, …), both dates inclusive."""

    name: str
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@attrs.frozen
class SchoolCalendar:
    """Every school year the workspace knows, and the holidays inside them."""

    years: tuple[SchoolYear, ...] = ()
    holidays: tuple[Holiday, ...] = ()

    def year(self, name: str) -> SchoolYear:
        """The school year called ``name``; ``KeyError`` naming the known years otherwise."""
        for year in self.years:
            if year.name == name:
                return year
        known = ", ".join(y.name for y in self.years) or "none"
        raise KeyError(f"no school year {name!r} in the calendar (known: {known})")

    def year_of(self, day: date) -> SchoolYear | None:
        """The school year holding ``day``, or ``None`` if no configured year does."""
        return next((y for y in self.years if day in y), None)

    def semester_of(self, day: date) -> tuple[SchoolYear, Semester] | None:
        """The school year and semester holding ``day``, or ``None`` outside every semester."""
        year = self.year_of(day)
        if year is None:
            return None
        semester = year.semester_of(day)
        return None if semester is None else (year, semester)

    def holiday_of(self, day: date) -> Holiday | None:
        """The holiday that ``day`` falls in, if any."""
        return next((h for h in self.holidays if day in h), None)

    def in_session(self, day: date) -> bool:
        """Whether school is open on ``day``: inside a semester and outside every holiday.

        Weekends count as in session; recurring plans choose their weekdays themselves.
        """
        return self.semester_of(day) is not None and self.holiday_of(day) is None

    def session_days(self, start: date, end: date) -> list[date]:
        """Every in-session day from ``start`` to ``end`` inclusive, in order."""
        days = (end - start).days + 1
        every = (start + timedelta(days=n) for n in range(max(days, 0)))
        return [day for day in every if self.in_session(day)]


def period_span(period: str, calendar: SchoolCalendar) -> tuple[date, date]:
    """The first and last day of the school year ``period``.

    The calendar's dates win; a year it does not list runs from 1 September to 31 August.
    """
    for year in calendar.years:
        if year.name == period:
            return year.start, year.end
    span = parse_school_year_name(period)
    if span is None:
        raise ValueError(f"period {period!r} is not a school year such as '2023-2024'")
    return date(span[0], 9, 1), date(span[1], 8, 31)
