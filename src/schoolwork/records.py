"""Process records (过程性记录): honours, activities, inspections and incidents.

Records are what a school's counts and tallies are made of: the annual summary counts honours by
level and rank, evaluation schemes award bonus points for them, and an ethics incident can veto
a teacher's excellence for the year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

import attrs

from schoolwork.levels import Level


class AwardRank(StrEnum):
    """The prize of an award, highest first; an honorary title has no rank."""

    SPECIAL = "special"  # 特等奖
    FIRST = "first"  # 一等奖
    SECOND = "second"  # 二等奖
    THIRD = "third"  # 三等奖
    EXCELLENT = "excellent"  # 优秀奖

    @property
    def order(self) -> int:
        """0 for a special prize, rising as the prize falls."""
        return list(AwardRank).index(self)


class RecipientKind(StrEnum):
    """Who an honour went to."""

    SCHOOL = "school"
    PERSON = "person"  # a member of staff: ``ref`` is a person id
    STUDENT = "student"  # students are not modelled; ``name`` says who
    CLASS = "class"  # ``ref`` is a class unit id
    GROUP = "group"  # a unit other than a class (a research group, a club): ``ref`` is its id


@attrs.frozen
class Recipient:
    """The school, a person, a student, a class or a group."""

    kind: RecipientKind
    ref: str | None = None
    name: str = ""


@attrs.frozen
class Honour:
    """An honour or award (荣誉/奖项) won by the school or one of its members."""

    id: str
    title: str
    level: Level
    recipient: Recipient
    date: date
    rank: AwardRank | None = None
    place: int | None = None  # a placing in a competition: 1 for 冠军, 2 for 亚军, …
    category: str = ""
    issuer: str = ""


@attrs.frozen
class Activity:
    """Something the school held or took part in: a research activity, a drill, a festival."""

    id: str
    type: str
    title: str
    date: date
    unit: str | None = None
    participants: tuple[str, ...] = ()


@attrs.frozen
class Inspection:
    """A check of a unit (级部检查, 文明班级 check, safety inspection) and its result."""

    id: str
    type: str
    date: date
    unit: str
    inspector: str | None = None
    score: Decimal | None = None
    passed: bool | None = None
    note: str = ""


class Severity(StrEnum):
    """How grave an incident is, mildest first (情节轻微 … 情节严重)."""

    MINOR = "minor"
    MODERATE = "moderate"
    SERIOUS = "serious"
    SEVERE = "severe"

    @property
    def order(self) -> int:
        """0 for minor, rising with gravity; compare severities by this."""
        return list(Severity).index(self)


@attrs.frozen
class Incident:
    """A breach recorded against a person, e.g. of teachers' professional ethics (师德)."""

    id: str
    person: str
    date: date
    severity: Severity
    kind: str = "ethics"
    description: str = ""
