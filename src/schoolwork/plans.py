"""5W2H plans and their schedules.

A plan answers What, Why, Who, When, Where, How and How much (5W2H). *When* is a date, a date
range with a deadline, or a recurrence written as an RFC 5545 RRULE (``FREQ=MONTHLY``) and
expanded with python-dateutil; :meth:`Plan5W2H.occurrences` lists the dates in a range and, by
default, skips the school calendar's holidays and vacations.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import attrs
from dateutil.rrule import rrulestr

from schoolwork.calendar import SchoolCalendar


@attrs.frozen
class When:
    """When: ``on`` a day; from ``start`` to a ``deadline``; or by ``rrule`` from ``start``."""

    on: date | None = None
    start: date | None = None
    deadline: date | None = None
    rrule: str | None = None

    def problem(self) -> str | None:
        """Why this schedule is not usable, or ``None``."""
        found = self.problems()
        return None if found is None else found[0]

    def problems(self) -> tuple[str, str] | None:
        """Why this schedule is not usable, in English and in Chinese, or ``None``."""
        forms = [self.on is not None, self.deadline is not None, self.rrule is not None]
        if sum(forms) != 1:
            return (
                "exactly one of on, deadline (with start) or rrule (with start)",
                "on、deadline（配 start）、rrule（配 start）三者恰好其一",
            )
        if self.rrule is not None:
            if self.start is None:
                return "a start date for the rrule", "rrule 的开始日期 start"
            try:
                _rule(self.rrule, self.start)
            except (ValueError, TypeError) as exc:
                return (
                    f"an RFC 5545 RRULE such as FREQ=MONTHLY;BYMONTHDAY=15 ({exc})",
                    f"RFC 5545 格式的重复规则，如 FREQ=MONTHLY;BYMONTHDAY=15（{exc}）",
                )
        if self.deadline is not None and self.start is not None and self.deadline < self.start:
            return "a deadline on or after the start", "不早于 start 的截止日期 deadline"
        return None


def _rule(text: str, start: date):  # type: ignore[no-untyped-def]
    return rrulestr(text, dtstart=datetime.combine(start, time()))


@attrs.frozen
class Budget:
    """How much it costs: an exact amount and its currency."""

    amount: Decimal
    currency: str = "CNY"


@attrs.frozen
class Quantity:
    """How many of something: 20 场, 1000 份."""

    name: str
    amount: Decimal
    unit: str = ""


PARTS = ("What", "Why", "Who", "When", "Where", "How", "How much")


@attrs.frozen
class Plan5W2H:
    """A plan written with the 5W2H method."""

    what: str = ""
    why: str = ""  # the purpose
    goal: str | None = None  # the goal it serves
    source: str | None = None  # the upper-level document it answers
    owner: str | None = None  # who is responsible
    participants: tuple[str, ...] = ()
    when: When | None = None
    where: str = ""
    how: tuple[str, ...] = ()  # the steps, in order
    budget: Budget | None = None
    quantities: tuple[Quantity, ...] = ()

    def missing(self) -> list[str]:
        """Each of the seven parts that is missing, by its 5W2H name."""
        present = {
            "What": bool(self.what.strip()),
            "Why": bool(self.why.strip()) or self.goal is not None or self.source is not None,
            "Who": self.owner is not None,
            "When": self.when is not None and self.when.problem() is None,
            "Where": bool(self.where.strip()),
            "How": bool(self.how),
            "How much": self.budget is not None or bool(self.quantities),
        }
        return [part for part in PARTS if not present[part]]

    def occurrences(
        self,
        start: date,
        end: date,
        calendar: SchoolCalendar | None = None,
        skip_closed: bool = True,
    ) -> list[date]:
        """The dates from ``start`` to ``end`` (inclusive) on which the work happens, in order.

        With a ``calendar`` and ``skip_closed``, dates outside its semesters or inside a holiday
        are left out: a monthly drill does not happen in the summer vacation.
        """
        when = self.when
        if when is None or when.problem() is not None:
            return []
        if when.on is not None:
            found = [when.on]
        elif when.rrule is not None:
            assert when.start is not None
            rule = _rule(when.rrule, when.start)
            first, last = datetime.combine(start, time()), datetime.combine(end, time())
            found = [moment.date() for moment in rule.between(first, last, inc=True)]
        else:
            found = sorted({d for d in (when.start, when.deadline) if d is not None})
        found = [d for d in found if start <= d <= end]
        if calendar is not None and skip_closed:
            found = [d for d in found if calendar.in_session(d)]
        return sorted(set(found))
