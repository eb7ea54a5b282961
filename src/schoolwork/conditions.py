"""Conditions declared as data (field, operator, value), never as text to evaluate.

A condition is matched against one record: its clauses in ``all`` must all hold and, if ``any``
is not empty, at least one of its clauses must hold. Ordered enums (severity, level, rank)
compare by their order, so ``severity >= serious`` means serious or severe. A clause's value is
compared as the type of the record's field, never coerced: ``"false"`` in quotes is text, not
the value false, and the scheme checks refuse it for a yes/no field.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs


class Op(StrEnum):
    """A comparison of a record's field with a declared value."""

    EQ = "eq"
    NE = "ne"
    GE = "ge"  # at least as high / as grave
    GT = "gt"
    LE = "le"
    LT = "lt"
    IN = "in"  # value is a list


@attrs.frozen
class Clause:
    """``field op value``, e.g. ``severity ge serious``."""

    field: str
    op: Op
    value: str | Decimal | bool | tuple[str, ...]


@attrs.frozen
class Condition:
    """Clauses combined with all/any; an empty condition matches every record."""

    all: tuple[Clause, ...] = ()
    any: tuple[Clause, ...] = ()

    def matches(self, record: object) -> bool:
        """Whether ``record`` satisfies the condition."""
        if not all(holds(clause, record) for clause in self.all):
            return False
        return not self.any or any(holds(clause, record) for clause in self.any)


def holds(clause: Clause, record: object) -> bool:
    """Whether one clause holds for ``record``; a missing field never holds.

    The clause's value is compared as the type of the record's field: a yes/no field with
    ``true`` or ``false``, a number field with a number, a date field with a date (or its ISO
    text), a text field with text, an enum field with one of its values. A value of another
    type raises :class:`TypeError` rather than quietly matching the wrong records (the scheme
    checks refuse such a clause before any evaluation, see :func:`field_value_error`).
    """
    actual = getattr(record, clause.field, None)
    if actual is None:
        return False
    left = _key(clause.field, actual, actual)
    if clause.op is Op.IN:
        options = clause.value if isinstance(clause.value, tuple) else (clause.value,)
        return any(_key(clause.field, actual, option) == left for option in options)
    right = _key(clause.field, actual, clause.value)
    if clause.op is Op.EQ:
        return bool(left == right)
    if clause.op is Op.NE:
        return bool(left != right)
    if clause.op is Op.GE:
        return bool(left >= right)
    if clause.op is Op.GT:
        return bool(left > right)
    if clause.op is Op.LE:
        return bool(left <= right)
    return bool(left < right)


def _key(field: str, actual: Any, value: Any) -> Any:
    """Bring ``value`` to the comparable form of ``actual``'s type, or raise TypeError."""
    if isinstance(actual, enum.Enum):
        if not isinstance(value, enum.Enum | str):
            raise TypeError(f"{field}: expected one of its named values, found {value!r}")
        member = value if isinstance(value, enum.Enum) else type(actual)(value)
        order = getattr(member, "order", None)
        # Without an order, enums compare by value (equality is all that makes sense).
        return order if order is not None else member.value
    if isinstance(actual, bool):
        if not isinstance(value, bool):
            raise TypeError(f"{field}: expected true or false, found {value!r}")
        return value
    if isinstance(actual, int | Decimal):
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"{field}: expected a number, found {value!r}")
        return Decimal(value)
    if isinstance(actual, date):
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            parsed = _iso_date(value)
            if parsed is not None:
                return parsed
        raise TypeError(f"{field}: expected a date such as '2024-03-01', found {value!r}")
    if isinstance(actual, str):
        if not isinstance(value, str):
            raise TypeError(f"{field}: expected text, found {value!r}")
        return value
    raise TypeError(f"{field}: a {type(actual).__name__} cannot be compared with {value!r}")


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


_ORDERED = (Op.GE, Op.GT, Op.LE, Op.LT)


def field_value_error(clause: Clause, record_type: type) -> str | None:
    """Why ``clause`` cannot apply to records of ``record_type``, or ``None`` if it can.

    Besides the field's name, the clause's value must have the field's type: ``true`` or
    ``false`` (without quotes) for a yes/no field, a number (without quotes) for a number field,
    an ISO date for a date field, text for a text field, a named value for an enum field; and a
    list only with ``in``. So ``{ field = "passed", op = "eq", value = "false" }`` is refused
    instead of matching the passed records (the text "false" is not the value false).
    """
    fields = {f.name: f for f in attrs.fields(record_type)}
    if clause.field not in fields:
        return f"a field of {record_type.__name__} ({', '.join(fields)})"
    name = clause.field
    many = isinstance(clause.value, tuple)
    if many and clause.op is not Op.IN:
        return f"one value (a list is for op = 'in'), for {name}"
    if clause.op is Op.IN and not many and not isinstance(clause.value, str):
        return f"a list of values for op = 'in' on {name}"
    values: tuple[object, ...] = (
        clause.value if isinstance(clause.value, tuple) else (clause.value,)
    )
    tp = _field_type(record_type, name)
    if tp is None:
        return None  # a type this check cannot read: the comparison itself refuses a mismatch
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        known = [m.value for m in tp]
        if any(v not in known for v in values):
            return "one of " + ", ".join(repr(v) for v in known)
        if clause.op in _ORDERED and not hasattr(tp, "order"):
            return f"eq, ne or in for {name} (its values have no order)"
        return None
    if tp is bool:
        if clause.op not in (Op.EQ, Op.NE):
            return f"eq or ne for {name} (a yes/no field has no order)"
        if not all(isinstance(v, bool) for v in values):
            return f"true or false without quotes ({name} is a yes/no field)"
        return None
    if tp in (int, Decimal):
        numbers = all(isinstance(v, int | Decimal) and not isinstance(v, bool) for v in values)
        if clause.op is Op.IN or not numbers:
            return f"a number without quotes, with eq, ne, ge, gt, le or lt ({name} is a number)"
        return None
    if tp is date:
        if not all(isinstance(v, date) or (isinstance(v, str) and _iso_date(v)) for v in values):
            return f"a date such as '2024-03-01' ({name} is a date)"
        return None
    if tp is str:
        if not all(isinstance(v, str) for v in values):
            return f"text in quotes ({name} is text)"
        return None
    return (
        f"a field holding text, a number, a date, true or false, or a named value "
        f"({name} holds {getattr(tp, '__name__', tp)!s})"
    )


@functools.cache
def _field_type(record_type: type, name: str) -> Any:
    """The declared type of a record's field without ``None``; ``None`` when it cannot be read
    (a name the model's module does not define) or is a union of several types.

    Cached: models are classes that do not change, and conditions are matched per record.
    """
    try:
        hints = typing.get_type_hints(record_type)
    except (NameError, TypeError, AttributeError):
        return None
    tp = hints.get(name)
    if tp is None:
        return None
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        inner = [t for t in typing.get_args(tp) if t is not type(None)]
        if len(inner) != 1:
            return None
        tp = inner[0]
    return tp
