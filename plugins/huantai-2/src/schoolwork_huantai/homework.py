"""Homework control (作业总量控制, seed 003 §五): daily totals per grade against a limit,
daily publication, and four-party supervision (教导处, 级部主任, 学生, 家长).

The school keeps one row per grade and school day in ``records/homework.csv``: ``date``,
``grade`` (a grade's unit id), ``minutes`` (the day's total written homework), ``published``
(true or false, 是 or 否) and ``supervision`` (the parties that checked it, separated by ``;``);
an optional last column, ``provenance``, says where a row of sample data comes from (the bundled
workspace's days are all 虚构, invented: the seed states the rules, not the minutes).

The file is a record kind the plugin owns (:data:`KIND`): the core reads it, checks each cell
against :class:`HomeworkDay`'s types and reports bad cells by row and column; the plugin only
checks what types cannot (:func:`problems`: the grade is a grade of the school).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum

import attrs

from schoolwork import LoadedWorkspace, Problem, Provenance, RecordKind, UnitKind, owned_by


class Party(StrEnum):
    """Who supervises the day's homework (四位一体监督)."""

    ACADEMIC_OFFICE = "教导处"
    GRADE_DIRECTOR = "级部主任"
    STUDENTS = "学生"
    PARENTS = "家长"


LIMITS = {1: 0, 2: 0, 3: 60, 4: 60, 5: 60, 6: 60}
"""Minutes of written homework a day: none in grades 1 and 2, at most 60 in grades 3 to 6."""
DEFAULT_LIMIT = 60


def limit_for(grade: str) -> int:
    """The daily limit of a grade by its unit id (``grade-3``): 0 for grades 1 and 2, else 60."""
    number = grade.rsplit("-", 1)[-1]
    return LIMITS.get(int(number), DEFAULT_LIMIT) if number.isdigit() else DEFAULT_LIMIT


@attrs.frozen
class HomeworkDay:
    """One grade's homework on one school day."""

    date: date
    grade: str
    minutes: int
    published: bool
    supervision: tuple[Party, ...] = ()
    provenance: Provenance | None = None

    @property
    def limit(self) -> int:
        return limit_for(self.grade)

    @property
    def over(self) -> bool:
        return self.minutes > self.limit

    @property
    def fully_supervised(self) -> bool:
        return set(Party) <= set(self.supervision)


NAME = "homework"
REQUIRED = ("date", "grade", "minutes", "published", "supervision")
COLUMNS = (*REQUIRED, "provenance")
KIND = RecordKind(NAME, "homework", HomeworkDay, COLUMNS, REQUIRED, owned_by("grade"))
"""``records/homework.csv``: one :class:`HomeworkDay` a row, belonging to its grade."""


def problems(loaded: LoadedWorkspace) -> Iterator[Problem]:
    """What the types of a row cannot check: each day's grade is the id of a grade unit."""
    workspace = loaded.workspace
    grades = {u.id for u in workspace.units if u.kind is UnitKind.GRADE}
    file = loaded.file(KIND.file)
    for index, day in enumerate(workspace.records.kind(NAME)):
        if day.grade not in grades:
            where = f"{loaded.row(KIND.file, index)}, column grade"
            yield Problem(
                file,
                where,
                "the id of a grade",
                repr(day.grade),
                expected_zh="某个级部（年级）的 id",
            )
