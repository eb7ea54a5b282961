"""Conditions declared as data (field, operator, value), never as text to evaluate.

A condition is matched against one record: its clauses in ``all`` must all hold and, if ``any``
is not empty, at least one of its clauses must hold. Ordered enums (severity, level, rank)
compare by their order, so ``severity >= serious`` means serious or severe.
"""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation
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
    """Whether one clause holds for ``record``; a missing field never holds."""
    actual = getattr(record, clause.field, None)
    if actual is None:
        return False
    if clause.op is Op.IN:
        options = clause.value if isinstance(clause.value, tuple) else (clause.value,)
        return any(_key(actual, option) == _key(actual, actual) for option in options)
    left, right = _key(actual, actual), _key(actual, clause.value)
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


def _key(actual: Any, value: Any) -> Any:
    """Bring ``value`` to the comparable form of ``actual``'s type."""
    if isinstance(actual, enum.Enum):
        member = value if isinstance(value, enum.Enum) else type(actual)(value)
        order = getattr(member, "order", None)
        # Without an order, enums compare by value (equality is all that makes sense).
        return order if order is not None else member.value
    if isinstance(actual, bool):
        return bool(value)
    if isinstance(actual, int | Decimal):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return value
    return value


def field_value_error(clause: Clause, record_type: type) -> str | None:
    """Why ``clause`` cannot apply to records of ``record_type``, or ``None`` if it can."""
    fields = {f.name: f for f in attrs.fields(record_type)}
    if clause.field not in fields:
        return f"a field of {record_type.__name__} ({', '.join(fields)})"
    tp = fields[clause.field].type
    inner = [t for t in getattr(tp, "__args__", (tp,)) if t is not type(None)]
    enum_type = next((t for t in inner if isinstance(t, type) and issubclass(t, enum.Enum)), None)
    if enum_type is not None:
        values = clause.value if isinstance(clause.value, tuple) else (clause.value,)
        known = [m.value for m in enum_type]
        if any(v not in known for v in values):
            return "one of " + ", ".join(repr(v) for v in known)
        if clause.op in (Op.GE, Op.GT, Op.LE, Op.LT) and not hasattr(enum_type, "order"):
            return f"eq, ne or in for {clause.field} (its values have no order)"
    return None
