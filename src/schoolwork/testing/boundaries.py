"""Where a scheme's rules change, worked out from the scheme alone.

Unfairness hides where a rule changes: a cliff at 60, a cap that bites, a tie at the last
place of a quota. Every rule names those places itself: a linear rule's floor and ceiling, a
threshold table's steps, the count at which a count rule reaches its cap, the value at which a
ratio reaches its cap, the bands' lines. The fairness kit probes at and around each of them,
deterministically, and the strategies draw values there more often than chance would.

Records are built here too: :func:`matching_record` makes a record of any kind (the core's or a
plugin's) that belongs to a subject and matches a condition, so that vetoes fire and counted
indicators count.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

import attrs

from schoolwork.conditions import Clause, Condition, Op
from schoolwork.levels import Level
from schoolwork.records import (
    SCHOOL_OWNER,
    Activity,
    Honour,
    Incident,
    Inspection,
    Recipient,
    RecipientKind,
    RecordKind,
    Severity,
)
from schoolwork.results import Subject
from schoolwork.scheme import (
    HUNDRED,
    BonusRule,
    Direction,
    Indicator,
    RankKey,
    RuleKind,
    Scheme,
    SubjectKind,
)

__all__ = [
    "around",
    "best_honour",
    "count_breakpoints",
    "kinds_of",
    "ladder",
    "matching_record",
    "recipient",
    "renamed",
    "value_breakpoints",
    "value_for_points",
]

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
NEAR = (ONE, CENT)
"""How far on either side of a breakpoint the probes go: a whole unit and a hundredth."""


def _cap(indicator: Indicator) -> Decimal:
    return HUNDRED if indicator.points.cap is None else indicator.points.cap


def value_breakpoints(indicator: Indicator) -> tuple[Decimal, ...]:
    """The raw values where ``indicator``'s rule changes, smallest first, none below 0.

    A linear rule's floor and ceiling; each step of a threshold table; 0 and the count where a
    count rule reaches its cap (or, lower-is-better, runs out); 0 and the value where a ratio
    reaches its cap.
    """
    rule = indicator.points
    found: list[Decimal] = []
    if rule.rule is RuleKind.LINEAR:
        found += [v for v in (rule.floor, rule.ceiling) if v is not None]
    elif rule.rule is RuleKind.THRESHOLDS:
        found += [step.at for step in rule.steps]
    elif rule.rule is RuleKind.COUNT:
        if rule.each is not None and rule.each > 0:
            found += [ZERO, _cap(indicator) / rule.each]
    elif rule.target is not None and rule.target > 0:
        cap = _cap(indicator)
        if indicator.direction is Direction.HIGHER:
            found += [ZERO, cap * rule.target / HUNDRED]
        elif cap > 0:
            found += [ZERO, HUNDRED * rule.target / cap]
    return tuple(sorted({_tidy(v) for v in found if v >= 0}))


def around(values: Iterable[Decimal], near: Sequence[Decimal] = NEAR) -> tuple[Decimal, ...]:
    """Each value with its neighbours at each distance of ``near``, none below 0, sorted."""
    found = set()
    for value in values:
        found.add(value)
        for step in near:
            found.update(v for v in (value - step, value + step) if v >= 0)
    return tuple(sorted(found))


def value_for_points(indicator: Indicator, points: Decimal) -> Decimal:
    """A raw value that earns ``points`` (0 to 100) under ``indicator``'s rule: the worst such
    value where the rule is continuous, the step's own value for a threshold table.

    Values are rounded to hundredths towards the better side, so they earn at least ``points``
    where the rule can give them at all.
    """
    rule = indicator.points
    higher = indicator.direction is Direction.HIGHER
    wanted = min(max(points, ZERO), HUNDRED)
    value: Decimal
    if rule.rule is RuleKind.LINEAR and rule.floor is not None and rule.ceiling is not None:
        span = rule.ceiling - rule.floor
        if higher:
            value = rule.floor + wanted * span / HUNDRED
        else:
            value = rule.ceiling - wanted * span / HUNDRED
    elif rule.rule is RuleKind.THRESHOLDS and rule.steps:
        ats = sorted(step.at for step in rule.steps)
        if wanted == 0:
            value = max(ats[0] - ONE, ZERO) if higher else ats[-1] + ONE
        else:
            enough = [s.at for s in rule.steps if s.points >= wanted]
            if higher:
                value = min(enough) if enough else ats[-1]
            else:
                value = max(enough) if enough else ats[0]
    elif rule.rule is RuleKind.COUNT and rule.each is not None and rule.each > 0:
        cap = _cap(indicator)
        earned = min(wanted, cap)
        value = earned / rule.each if higher else (cap - earned) / rule.each
    elif rule.rule is RuleKind.RATIO and rule.target is not None and rule.target > 0:
        cap = _cap(indicator)
        if higher:
            value = min(wanted, cap) * rule.target / HUNDRED
        else:
            value = HUNDRED * rule.target / max(min(wanted, cap), ONE)
    else:
        value = wanted  # a rule the checks refuse; any number will do
    rounding = ROUND_CEILING if higher else ROUND_FLOOR
    return _tidy(max(value, ZERO).quantize(CENT, rounding=rounding))


def ladder(indicator: Indicator, points: Iterable[Decimal] = ()) -> tuple[Decimal, ...]:
    """Raw values of ``indicator`` from the worst to the best, for a sweep: a value for every
    second point from 0 to 100, for each of ``points``, and each breakpoint with its
    neighbours (:func:`around`); a little beyond the last breakpoint too."""
    targets = [Decimal(p) for p in range(0, 101, 2)]
    targets += [min(max(p, ZERO), HUNDRED) for p in points]
    found = {value_for_points(indicator, p) for p in targets}
    breaks = value_breakpoints(indicator)
    found.update(around(breaks))
    if breaks:
        found.add(_tidy(breaks[-1] * Decimal("1.2") + 2))
    ordered = sorted(found)
    return tuple(ordered if indicator.direction is Direction.HIGHER else reversed(ordered))


def count_breakpoints(indicator: Indicator, most: int = 24) -> tuple[int, ...]:
    """Record counts to try for a counted ``indicator``: from 0 up to the last breakpoint of its
    rule and two beyond, at most ``most``."""
    breaks = value_breakpoints(indicator)
    top = max((int(b.to_integral_value(rounding=ROUND_CEILING)) for b in breaks), default=0)
    return tuple(range(min(top + 2, most) + 1))


def best_honour(rule: BonusRule) -> tuple[Level, RankKey, Decimal] | None:
    """The level and rank (or ``title``) that ``rule``'s table prices highest, and its points."""
    priced = [
        (points, Level(level), RankKey(rank))
        for level, row in rule.table.items()
        if level in {lv.value for lv in Level}
        for rank, points in row.items()
        if rank in {rk.value for rk in RankKey}
    ]
    if not priced:
        return None
    points, level, rank = max(priced, key=lambda item: (item[0], item[1].value, item[2].value))
    return level, rank, points


def _tidy(value: Decimal) -> Decimal:
    """``value`` without trailing zeros after the point, never in exponent form."""
    if value == value.to_integral_value():
        return value.quantize(ONE)
    return value.normalize()


# -- records that belong to a subject and match a condition ----------------------------------

_RECIPIENTS = {
    SubjectKind.TEACHER: RecipientKind.PERSON,
    SubjectKind.CLASS: RecipientKind.CLASS,
    SubjectKind.GRADE: RecipientKind.GROUP,
    SubjectKind.OFFICE: RecipientKind.GROUP,
    SubjectKind.SCHOOL: RecipientKind.SCHOOL,
}


def recipient(subject: Subject) -> Recipient:
    """The recipient of an honour given to ``subject``."""
    kind = _RECIPIENTS[subject.kind]
    return Recipient(kind, None if kind is RecipientKind.SCHOOL else subject.id)


def _base(kind: RecordKind, owner: Subject, day: date, serial: str) -> Any | None:
    """A plain record of ``kind`` belonging to ``owner``, or ``None`` if one cannot be built."""
    model = kind.model
    if model is Honour:
        return Honour(serial, "荣誉", Level.SCHOOL, recipient(owner), day, category="教学")
    if model is Activity:
        return Activity(serial, "活动", "活动", day, participants=(owner.id,))
    if model is Inspection:
        return Inspection(serial, "检查", day, owner.id)
    if model is Incident:
        return Incident(serial, owner.id, day, Severity.MINOR)
    # A plugin's kind: every text field names the owner (one of them is its owner field).
    hints = _hints(model)
    if hints is None:
        return None
    values: dict[str, Any] = {}
    for field in attrs.fields(model):
        if field.default is not attrs.NOTHING:
            continue
        tp = _plain(hints.get(field.name))
        if field.name == "id":
            values[field.name] = serial
        elif tp is date:
            values[field.name] = day
        elif tp is str:
            values[field.name] = owner.id
        elif tp is bool:
            values[field.name] = False
        elif tp is int:
            values[field.name] = 0
        elif tp is Decimal:
            values[field.name] = ZERO
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            values[field.name] = next(iter(tp))
        elif typing.get_origin(tp) is tuple:
            values[field.name] = ()
        else:
            return None
    try:
        return model(**values)
    except (TypeError, ValueError):
        return None


def matching_record(
    kind: RecordKind,
    condition: Condition | None,
    owner: Subject,
    day: date,
    serial: str,
) -> Any | None:
    """A record of ``kind`` dated ``day`` with id ``serial`` that belongs to ``owner`` and
    matches ``condition`` (every ``all`` clause and the first satisfiable ``any`` clause);
    ``None`` when no such record can be built (contradicting clauses, a field of a type this
    cannot fill)."""
    record = _base(kind, owner, day, serial)
    if record is None:
        return None
    hints = _hints(type(record)) or {}
    if condition is not None:
        for clause in condition.all:
            record = _satisfy(record, clause, hints)
            if record is None:
                return None
        for clause in condition.any:
            tried = _satisfy(record, clause, hints)
            if tried is not None and _holds(Condition(any=(clause,)), tried):
                record = tried
                break
    if condition is not None and not _holds(condition, record):
        return None
    try:
        owners = list(kind.owners(record))
    except (AttributeError, TypeError):
        return None
    mine = owner.id in owners or (owner.kind is SubjectKind.SCHOOL and SCHOOL_OWNER in owners)
    return record if mine else None


def _holds(condition: Condition, record: Any) -> bool:
    try:
        return condition.matches(record)
    except (TypeError, ValueError):
        return False


def _hints(model: type) -> dict[str, Any] | None:
    """The model's field types (cached: a model's annotations never change)."""
    found: dict[str, Any] | None = _cached_hints(model)
    return found


@functools.cache
def _cached_hints(model: Any) -> dict[str, Any] | None:
    try:
        return typing.get_type_hints(model)
    except (NameError, TypeError, AttributeError):
        return None


def _plain(tp: Any) -> Any:
    """The type without ``None``: ``Decimal | None`` is ``Decimal``."""
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        inner = [t for t in typing.get_args(tp) if t is not type(None)]
        return inner[0] if len(inner) == 1 else None
    return tp


def _satisfy(record: Any, clause: Clause, hints: dict[str, Any]) -> Any | None:
    """``record`` with ``clause.field`` set so that the clause holds, or ``None``."""
    names = {f.name for f in attrs.fields(type(record))}
    if clause.field not in names:
        return None
    tp = _plain(hints.get(clause.field))
    wanted = clause.value[0] if isinstance(clause.value, tuple) else clause.value
    if not isinstance(clause.value, tuple) and clause.op is Op.IN:
        wanted = clause.value
    value = _value(tp, clause.op, wanted)
    if value is None:
        return None
    try:
        return attrs.evolve(record, **{clause.field: value})
    except (TypeError, ValueError):
        return None


def _value(tp: Any, op: Op, wanted: Any) -> Any | None:
    """A value of type ``tp`` that satisfies ``field op wanted``."""
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            member = wanted if isinstance(wanted, tp) else tp(wanted)
        except ValueError:
            return None
        members = list(tp)
        if hasattr(member, "order"):
            members.sort(key=lambda m: getattr(m, "order", 0))
        at = members.index(member)
        if op in (Op.EQ, Op.GE, Op.LE, Op.IN):
            return member
        if op is Op.NE:
            return next((m for m in members if m is not member), None)
        if op is Op.GT:
            return members[at + 1] if at + 1 < len(members) else None
        return members[at - 1] if at > 0 else None
    if tp is bool:
        if not isinstance(wanted, bool):
            return None
        return (not wanted) if op is Op.NE else wanted
    if tp in (int, Decimal):
        if isinstance(wanted, bool) or not isinstance(wanted, int | Decimal):
            return None
        number = Decimal(wanted)
        shift = {Op.GT: ONE, Op.NE: ONE, Op.LT: -ONE}.get(op, ZERO)
        result = number + shift
        return int(result) if tp is int else result
    if tp is date:
        day = wanted if isinstance(wanted, date) else _iso(wanted)
        if day is None:
            return None
        shift_days = {Op.GT: 1, Op.NE: 1, Op.LT: -1}.get(op, 0)
        return day + timedelta(days=shift_days)
    if tp is str:
        if not isinstance(wanted, str):
            return None
        if op in (Op.NE, Op.GT):
            return wanted + "之外"
        if op is Op.LT:
            return "" if wanted else None
        return wanted
    return None


def _iso(text: object) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def kinds_of(scheme: Scheme) -> set[str]:
    """The record kinds ``scheme`` counts or vetoes on."""
    found = {rule.record for rule in scheme.vetoes}
    found |= {i.source.kind for d in scheme.dimensions for i in d.indicators if i.source}
    return found


def renamed(record: Any, old: str, new: str) -> Any:
    """A copy of ``record`` that names ``new`` wherever it named ``old`` (its owner), with an id
    of its own: the same record, for a subject's twin."""
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name == "id" and isinstance(value, str):
            changes["id"] = f"{value}~{new}"
        elif value == old:
            changes[field.name] = new
        elif isinstance(value, tuple) and old in value:
            changes[field.name] = tuple(new if v == old else v for v in value)
        elif isinstance(value, Recipient) and value.ref == old:
            changes[field.name] = attrs.evolve(value, ref=new)
    return attrs.evolve(record, **changes)
