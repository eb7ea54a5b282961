"""Process records (过程性记录): honours, activities, inspections and incidents; and appeals
(申诉) against a subject's result.

Records are what a school's counts and tallies are made of: the annual summary counts honours by
level and rank, evaluation schemes award bonus points for them, and an ethics incident can veto
a teacher's excellence for the year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs

from schoolwork.levels import Level
from schoolwork.scheme import RaterGroup


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


class Provenance(StrEnum):
    """Where a record comes from, in a workspace modelled on a source document (a seed).

    The bundled workspaces mark every row, so that a reader can tell the school's stated facts
    from what was made up to fill the sample; a school's own records leave it empty.
    """

    SEED = "seed"  # 原文: the source document states it
    INFERRED = "inferred"  # 推断: the source implies it; a detail it leaves open is filled in
    INVENTED = "invented"  # 虚构: made up for the sample; the source says nothing of it


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
    provenance: Provenance | None = None


@attrs.frozen
class Activity:
    """Something the school held or took part in: a research activity, a drill, a festival."""

    id: str
    type: str
    title: str
    date: date
    unit: str | None = None
    participants: tuple[str, ...] = ()
    provenance: Provenance | None = None


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
    provenance: Provenance | None = None


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
    provenance: Provenance | None = None


@attrs.frozen
class Ballot:
    """One rater's ballot (民主测评) on one subject's indicator of one scheme.

    The rater is anonymised by ``token``: one token votes once for a subject's indicator. No
    report or explanation shows a token or says which ballot was whose. ``id`` names the row,
    as every record's does (a serial number is enough: ``B0001``).
    """

    id: str
    token: str
    scheme: str
    subject: str
    indicator: str
    group: RaterGroup
    score: Decimal
    date: date
    provenance: Provenance | None = None


Day = date
"""A date, under a name a model with a field called ``date`` can still annotate with."""


class AppealDecision(StrEnum):
    """Where an appeal stands: not yet heard, or heard and decided either way."""

    PENDING = "pending"  # 待处理
    UPHELD = "upheld"  # 成立
    REJECTED = "rejected"  # 不成立


@attrs.frozen
class Appeal:
    """An appeal (申诉) against one subject's result in one scheme, and how it was decided.

    ``disputed`` names what is disputed: an indicator of the scheme (its input value), a rule
    (a bonus or veto rule's id, a band's name) or a record (its id). ``corrected`` is the input
    value the appeal asks for, on an indicator only; when the appeal is upheld it replaces the
    value of the values file in every evaluation, without rewriting that file. A rule or a
    record that was wrong is put right where it is kept, and the appeal keeps why.
    """

    id: str
    subject: str
    scheme: str
    date: date
    disputed: str
    claim: str = ""
    corrected: Decimal | None = None
    decision: AppealDecision = AppealDecision.PENDING
    reason: str = ""
    decided: Day | None = None
    provenance: Provenance | None = None


SCHOOL_OWNER = "*school*"
"""The owner a record names when it belongs to the school as a whole (a school honour)."""

Owners = Callable[[Any], Iterable[str | None]]
"""Who one record belongs to: subject ids (persons or units), or :data:`SCHOOL_OWNER`."""


def owned_by(*fields: str) -> Owners:
    """Owners read from the record's fields; a field may hold one id or a tuple of ids."""

    def owners(record: Any) -> Iterable[str | None]:
        for name in fields:
            value = getattr(record, name)
            if isinstance(value, tuple):
                yield from value
            else:
                yield value

    return owners


def _honour_owners(honour: Honour) -> Iterable[str | None]:
    if honour.recipient.kind is RecipientKind.SCHOOL:
        return (SCHOOL_OWNER,)
    return (honour.recipient.ref,)


@attrs.frozen
class RecordKind:
    """A kind of record a workspace keeps as a CSV file, ``records/<file>.csv``.

    The core's kinds are declared this way, and so is any kind a plugin owns (through
    the ``schoolwork_record_kinds`` hook): the core reads, checks and locates errors in each
    the same way, schemes count them (``source = { kind = NAME }``) and veto on them.

    :param name: the singular name schemes use: ``honour``.
    :param file: the file's name without ``.csv``, under ``records/``: ``honours``.
    :param model: a frozen attrs class with a ``date`` field; each row becomes one.
    :param columns: the columns a file may have, in the order they are written.
    :param required: the columns every file must have.
    :param owners: who a record belongs to, for evaluating subjects on their own records.
    """

    name: str
    file: str
    model: type[Any]
    columns: tuple[str, ...]
    required: tuple[str, ...]
    owners: Owners = attrs.field(default=owned_by(), eq=False, repr=False)


CORE_KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        "honour",
        "honours",
        Honour,
        (
            "id",
            "title",
            "level",
            "rank",
            "place",
            "category",
            "recipient_kind",
            "recipient",
            "recipient_name",
            "date",
            "issuer",
            "provenance",
        ),
        ("id", "title", "level", "recipient_kind", "date"),
        _honour_owners,
    ),
    RecordKind(
        "activity",
        "activities",
        Activity,
        ("id", "type", "title", "date", "unit", "participants", "provenance"),
        ("id", "type", "title", "date"),
        owned_by("participants", "unit"),
    ),
    RecordKind(
        "inspection",
        "inspections",
        Inspection,
        ("id", "type", "date", "unit", "inspector", "score", "passed", "note", "provenance"),
        ("id", "type", "date", "unit"),
        owned_by("unit"),
    ),
    RecordKind(
        "incident",
        "incidents",
        Incident,
        ("id", "person", "date", "severity", "kind", "description", "provenance"),
        ("id", "person", "date", "severity"),
        owned_by("person"),
    ),
    RecordKind(
        "ballot",
        "ballots",
        Ballot,
        ("id", "token", "scheme", "subject", "indicator", "group", "score", "date", "provenance"),
        ("id", "token", "scheme", "subject", "indicator", "group", "score", "date"),
        owned_by("subject"),
    ),
    RecordKind(
        "appeal",
        "appeals",
        Appeal,
        (
            "id",
            "subject",
            "scheme",
            "date",
            "disputed",
            "claim",
            "corrected",
            "decision",
            "reason",
            "decided",
            "provenance",
        ),
        ("id", "subject", "scheme", "date", "disputed"),
        owned_by("subject"),
    ),
)
"""The core's record kinds, in the order they are read and listed."""


def _kept(records: Mapping[str, Iterable[Any]]) -> dict[str, tuple[Any, ...]]:
    # Empty kinds are left out, so a book read from files equals one built in memory.
    return {
        name: found if isinstance(found, tuple) else tuple(found)
        for name, found in records.items()
        if found
    }


@attrs.frozen
class RecordBook:
    """Records of every kind, by kind name, that an evaluation or a report may read."""

    records: Mapping[str, tuple[Any, ...]] = attrs.field(factory=dict, converter=_kept)

    @classmethod
    def of(cls, **records: Iterable[Any]) -> RecordBook:
        """A book from keyword arguments by kind name: ``RecordBook.of(honour=[...])``."""
        return cls({name: tuple(found) for name, found in records.items()})

    def kind(self, name: str) -> tuple[Any, ...]:
        """The records of one kind by its name (``honour``, ``incident``, a plugin's kind)."""
        return self.records.get(name, ())

    @property
    def honours(self) -> tuple[Honour, ...]:
        return self.kind("honour")

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self.kind("activity")

    @property
    def inspections(self) -> tuple[Inspection, ...]:
        return self.kind("inspection")

    @property
    def incidents(self) -> tuple[Incident, ...]:
        return self.kind("incident")

    @property
    def ballots(self) -> tuple[Ballot, ...]:
        return self.kind("ballot")

    @property
    def appeals(self) -> tuple[Appeal, ...]:
        return self.kind("appeal")

    def dated(self, start: date, end: date) -> RecordBook:
        """The records dated from ``start`` to ``end``."""
        return RecordBook(
            {
                name: tuple(r for r in found if start <= r.date <= end)
                for name, found in self.records.items()
            }
        )

    def by_owner(
        self, kinds: Iterable[RecordKind], owners: Iterable[str], start: date, end: date
    ) -> dict[str, RecordBook]:
        """Each owner's records dated from ``start`` to ``end``, sorted out in one pass.

        ``owners`` are subject ids, or :data:`SCHOOL_OWNER` for the school's own records.
        A record with several owners is in each of their books once.
        """
        found: dict[str, dict[str, list[Any]]] = {owner: {} for owner in owners}
        for kind in kinds:
            for record in self.kind(kind.name):
                if not start <= record.date <= end:
                    continue
                for owner in set(kind.owners(record)):
                    if owner is not None and owner in found:
                        found[owner].setdefault(kind.name, []).append(record)
        # Most owners have no record in the period: they share one empty (immutable) book.
        empty = RecordBook()
        return {
            owner: RecordBook({name: tuple(rs) for name, rs in books.items()}) if books else empty
            for owner, books in found.items()
        }
