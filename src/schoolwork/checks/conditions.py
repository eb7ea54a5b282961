"""What a condition's clause must be, said in English and Chinese.

A clause is checked against the record kind's declared fields (their names, types and, for a
field of named values, its vocabulary), never against the records a workspace happens to hold:
a misspelt value is refused while the records file is still empty, not once a record arrives.
The rule itself is :func:`schoolwork.conditions.field_value_error`; this module adds the
Chinese, the Chinese labels of named values, and a "did you mean" (a label such as 严重, which
records accept, points to the value a condition must name: 'severe').
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from schoolwork.conditions import Clause, Op, field_value_error
from schoolwork.converter import did_you_mean, expected_zh_for, label_hint


def clause_problem(clause: Clause, record_type: type) -> tuple[str, str] | None:
    """Why ``clause`` cannot apply to records of ``record_type``, in English and in Chinese;
    ``None`` if it can."""
    expected = field_value_error(clause, record_type)
    if expected is None:
        return None
    fields = [f.name for f in attrs.fields(record_type)]
    name = clause.field
    if name not in fields:
        hint, hint_zh = did_you_mean(name, fields)
        zh = f"{record_type.__name__} 的字段之一（{'、'.join(fields)}）"
        return expected + hint, zh + hint_zh
    many = isinstance(clause.value, tuple)
    if many and clause.op is not Op.IN:
        return expected, f"单个值（列表只用于 op = 'in'），字段 {name}"
    if clause.op is Op.IN and not many and not isinstance(clause.value, str):
        return expected, f"op = 'in' 时应为值的列表，字段 {name}"
    tp = _field_type(record_type, name)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        known = [str(m.value) for m in tp]
        values = clause.value if isinstance(clause.value, tuple) else (clause.value,)
        wrong = [v for v in values if v not in known]
        if wrong:
            hint, hint_zh = label_hint(wrong[0], tp, known)
            return expected + hint, expected_zh_for(tp) + hint_zh
        return expected, f"eq、ne 或 in（{name} 的取值没有高低之分）"
    by_type: dict[Any, str] = {
        bool: f"不加引号的 true 或 false，且只用 eq 或 ne（{name} 是是非字段）",
        int: f"不加引号的数字，配 eq、ne、ge、gt、le 或 lt（{name} 是数字）",
        Decimal: f"不加引号的数字，配 eq、ne、ge、gt、le 或 lt（{name} 是数字）",
        date: f"形如 '2024-03-01' 的日期（{name} 是日期）",
        str: f"加引号的文本（{name} 是文本）",
    }
    return expected, by_type.get(
        tp, f"可比较的字段：文本、数字、日期、是非或命名取值（{name} 不是）"
    )


def _field_type(record_type: type, name: str) -> Any:
    """The declared type of a record's field without ``None``, as the rule reads it."""
    try:
        tp = typing.get_type_hints(record_type).get(name)
    except (NameError, TypeError, AttributeError):
        return None
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        inner = [t for t in typing.get_args(tp) if t is not type(None)]
        return inner[0] if len(inner) == 1 else None
    return tp
