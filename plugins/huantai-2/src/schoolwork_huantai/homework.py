"""Homework control (作业总量控制, seed 003 §五): daily totals per grade against a limit,
daily publication, and four-party supervision (教导处, 级部主任, 学生, 家长).

The school keeps one row per grade and school day in ``homework.csv``: ``date``, ``grade``
(a grade's unit id), ``minutes`` (the day's total written homework), ``published`` (true or
false) and ``supervision`` (the parties that checked it, separated by ``;``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import attrs

from schoolwork.errors import Problem

FILE = "homework.csv"
COLUMNS = ("date", "grade", "minutes", "published", "supervision")
PARTIES = ("教导处", "级部主任", "学生", "家长")
LIMITS = {1: 0, 2: 0, 3: 60, 4: 60, 5: 60, 6: 60}
"""Minutes of written homework a day: none in grades 1 and 2, at most 60 in grades 3 to 6."""


@attrs.frozen
class Day:
    """One grade's homework on one school day."""

    date: date
    grade: str
    minutes: int
    published: bool
    supervision: tuple[str, ...]

    @property
    def limit(self) -> int:
        return LIMITS.get(int(self.grade.rsplit("-", 1)[-1]), 60)

    @property
    def over(self) -> bool:
        return self.minutes > self.limit

    @property
    def fully_supervised(self) -> bool:
        return set(PARTIES) <= set(self.supervision)


def read(root: Path, grades: set[str]) -> tuple[list[Day], list[Problem]]:
    """The days of ``homework.csv`` in ``root`` and every bad cell, by row and column."""
    path = root / FILE
    if not path.is_file():
        return [], []
    file = str(path)
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [Problem(file, "row 1", f"a column {c!r}", "no such column") for c in missing]
    days, problems = [], []
    for number, row in enumerate(reader, start=2):
        found = list(_problems(file, number, row, grades))
        problems += found
        if not found:
            days.append(
                Day(
                    date.fromisoformat(row["date"]),
                    row["grade"],
                    int(row["minutes"]),
                    row["published"].strip().lower() in ("true", "是", "1"),
                    tuple(p for p in row["supervision"].split(";") if p),
                )
            )
    return days, problems


def _problems(file: str, number: int, row: dict[str, str], grades: set[str]) -> Iterator[Problem]:
    def at(column: str) -> str:
        return f"row {number}, column {column}"

    try:
        date.fromisoformat(row["date"])
    except ValueError:
        yield Problem(file, at("date"), "a date (YYYY-MM-DD)", repr(row["date"]))
    if row["grade"] not in grades:
        yield Problem(file, at("grade"), "the id of a grade", repr(row["grade"]))
    if not row["minutes"].isdigit():
        yield Problem(file, at("minutes"), "whole minutes", repr(row["minutes"]))
    if row["published"].strip().lower() not in ("true", "false", "是", "否", "1", "0"):
        yield Problem(file, at("published"), "true or false", repr(row["published"]))
    unknown = [p for p in row["supervision"].split(";") if p and p not in PARTIES]
    if unknown:
        yield Problem(
            file, at("supervision"), "parties among " + "、".join(PARTIES), repr(unknown[0])
        )
