"""The one cattrs converter that reads and writes every model, and its translation of errors.

Hooks are strict on purpose: a TOML file written by hand must not have ``5`` silently become
``"5"`` or a string silently become a list of characters. Numbers that matter are ``Decimal``;
TOML and JSON are parsed with ``parse_float=Decimal`` so nothing passes through binary floats.

Structuring first runs a converter without detailed validation (fast); only when that fails is
the input structured again with detailed validation to name every problem with its path.
"""

from __future__ import annotations

import difflib
import enum
import functools
import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any, TypeVar

import attrs
import cattrs
import tomli
import tomli_w
from cattrs.cols import (
    is_namedtuple,
    namedtuple_dict_structure_factory,
    namedtuple_dict_unstructure_factory,
)
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from schoolwork.errors import Problem, WorkspaceError, describe
from schoolwork.labels import has_label, label
from schoolwork.records import CORE_KINDS, RecordBook
from schoolwork.scheme import PointsRule

T = TypeVar("T")


class Mismatch(TypeError):
    """Raised by a structure hook: the value is not of the expected shape.

    ``expected`` says so in English, ``expected_zh`` in Chinese (see :class:`Problem`).
    """

    def __init__(self, expected: str, expected_zh: str) -> None:
        super().__init__(expected)
        self.expected = expected
        self.expected_zh = expected_zh


_CLOSE = 0.6
"""How close (difflib's ratio) a choice must be to be offered as what was meant."""
_DIGITS = re.compile(r"\d+")


def did_you_mean(word: object, choices: Iterable[str]) -> tuple[str, str]:
    """A hint naming the choice that ``word`` most likely misspells, in English and Chinese:
    ``(" (did you mean 'name'?)", "（是不是 'name'？）")``; two empty texts when none is close.

    Closeness is difflib's ratio (0.6 or more, as ``get_close_matches``), so a hint is offered
    only for a plausible typo, and only when one choice is closer than every other. A choice
    with another number in the same place is no typo but another entry (``grade-9`` is not a
    misspelt ``grade-1``), so it is never offered (``mean2`` still points to ``mean``).
    """
    if not isinstance(word, str):
        return "", ""
    letters, numbered = _DIGITS.sub("", word), _DIGITS.search(word) is not None
    matcher = difflib.SequenceMatcher(b=word)
    scores: dict[float, list[str]] = {}
    for choice in dict.fromkeys(choices):
        other_number = choice != word and _DIGITS.search(choice) is not None
        if numbered and other_number and _DIGITS.sub("", choice) == letters:
            continue
        matcher.set_seq1(choice)
        scores.setdefault(matcher.ratio(), []).append(choice)
    best = max(scores, default=0.0)
    if best < _CLOSE or len(scores[best]) > 1:
        return "", ""
    return f" (did you mean {scores[best][0]!r}?)", f"（是不是 {scores[best][0]!r}？）"


def expected_for(tp: Any) -> str:
    """How a type is named to the author of a workspace file."""
    if tp is str:
        return "text"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number"
    if tp is Decimal:
        return "a number"
    if tp is date:
        return "a date (YYYY-MM-DD)"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(repr(m.value) for m in tp)
    if attrs.has(tp):
        return f"a table of {tp.__name__} fields"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        real = [a for a in args if a is not type(None)]
        named = " or ".join(expected_for(a) for a in real)
        return named if len(real) == len(args) else f"{named}, or nothing"
    if origin is tuple and args:
        return f"a list of {_plural(expected_for(args[0]))}"
    if origin in (dict, Mapping):
        return f"a table of {_plural(expected_for(args[1]))}" if args else "a table"
    return getattr(tp, "__name__", str(tp))


def expected_zh_for(tp: Any) -> str:
    """How a type is named, in Chinese, to the author of a workspace file: the same
    expectation as :func:`expected_for`, with each named value's Chinese label."""
    simple = {
        str: "文本",
        bool: "true 或 false",
        int: "整数",
        Decimal: "数字",
        date: "日期（YYYY-MM-DD）",
    }
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "以下之一：" + "、".join(_member_zh(m) for m in tp)
    if attrs.has(tp):
        return f"含 {tp.__name__} 各字段的表"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        real = [a for a in args if a is not type(None)]
        named = " 或 ".join(expected_zh_for(a) for a in real)
        return named if len(real) == len(args) else f"{named}，或不填"
    if origin is tuple and args:
        return f"由{expected_zh_for(args[0])}组成的列表"
    if origin in (dict, Mapping):
        return f"表（每项为{expected_zh_for(args[1])}）" if args else "表"
    return getattr(tp, "__name__", str(tp))


def _member_zh(member: enum.Enum) -> str:
    """``'county'（县级）``: the value to write, with its Chinese label when it has one."""
    if has_label(member):
        return f"{member.value!r}（{label(member, 'zh')}）"
    return repr(member.value)


def _mismatch(tp: Any) -> Mismatch:
    return Mismatch(expected_for(tp), expected_zh_for(tp))


def _plural(noun: str) -> str:
    for article in ("a ", "an "):
        if noun.startswith(article):
            return "items: " + noun
    return noun


def _structure_str(value: Any, tp: type) -> Any:
    if tp is str:
        if value.__class__ is str:
            return value
        raise _mismatch(str)
    # A StrEnum: singledispatch finds this hook through the enum's MRO.
    return _enum_hook(tp)(value, tp)


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise _mismatch(bool)
    return value


def _structure_int(value: Any, tp: type) -> Any:
    if tp is not int:  # an IntEnum
        return _enum_hook(tp)(value, tp)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _mismatch(int)
    return value


def _structure_decimal(value: Any, _: type) -> Decimal:
    if value.__class__ is Decimal:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise _mismatch(Decimal) from None
        if number.is_finite():
            return number
    raise _mismatch(Decimal)


def _structure_date(value: Any, _: type) -> date:
    if isinstance(value, datetime):
        raise Mismatch("a date (YYYY-MM-DD) without a time", "不带时间的日期（YYYY-MM-DD）")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _mismatch(date)


_SCALAR_HOOKS: dict[type, Callable[[Any, type], Any]] = {
    str: _structure_str,
    bool: _structure_bool,
    int: _structure_int,
    Decimal: _structure_decimal,
    date: _structure_date,
}


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


@functools.cache
def _enum_hook(tp: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    by_value = {member.value: member for member in tp}
    expected, expected_zh = expected_for(tp), expected_zh_for(tp)
    values = [str(v) for v in by_value]

    def structure(value: Any, _: type) -> enum.Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):
            hint, hint_zh = label_hint(value, tp, values)
            raise Mismatch(expected + hint, expected_zh + hint_zh) from None

    return structure


def label_hint(
    word: object, members: Iterable[enum.Enum], values: Iterable[str]
) -> tuple[str, str]:
    """:func:`did_you_mean` among ``values``, except that a label of one of ``members``
    (县级, County) points to that member's value, which is what a file must say."""
    for member in members:
        if has_label(member) and word in (label(member, "zh"), label(member, "en")):
            return f" (did you mean {member.value!r}?)", f"（是不是 {member.value!r}？）"
    return did_you_mean(word, values)


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(
    tp: Any, converter: cattrs.Converter
) -> Callable[[Any, type], tuple[Any, ...]]:
    inner = typing.get_args(tp)[0]
    inner_hook = converter.get_structure_hook(inner)

    if not converter.detailed_validation:
        # The fast pass only needs to succeed or fail; the detailed pass locates problems.
        ready = _ready_types(inner)

        def fast(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _mismatch(tp)
            # Values that parsing already typed (Decimals from parse_float, text) need no hook
            # per item; checking their types with C-level map and set is much cheaper.
            if ready and set(map(type, value)) <= ready:
                return tuple(value)
            return tuple([inner_hook(item, inner) for item in value])

        return fast

    def structure(value: Any, _: type) -> tuple[Any, ...]:
        # A string is iterable; letting it through would make "abc" the list ["a", "b", "c"].
        if not isinstance(value, list | tuple):
            raise _mismatch(tp)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(inner_hook(item, inner))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {tp} @ index {index}", index, inner),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return tuple(items)

    return structure


def _ready_types(tp: Any) -> frozenset[type]:
    """Types a parsed value may already have to stand for ``tp`` unchanged; empty if none."""
    members = typing.get_args(tp) if _is_optional(tp) else (tp,)
    if all(m in (str, Decimal, bool, type(None)) for m in members):
        return frozenset(members)
    return frozenset()


def _is_optional(tp: Any) -> bool:
    args = typing.get_args(tp)
    return (
        typing.get_origin(tp) in (types.UnionType, typing.Union)
        and len(args) == 2
        and type(None) in args
    )


def _optional_hook(tp: Any, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    # cattrs' own optional hook dispatches on the inner type at every call; resolve it once.
    inner = next(a for a in typing.get_args(tp) if a is not type(None))
    inner_hook = converter.get_structure_hook(inner)

    def structure(value: Any, _: type) -> Any:
        return None if value is None else inner_hook(value, inner)

    return structure


_PLAIN = (str, bool, Decimal, int, date)


def _is_plain_union(tp: Any) -> bool:
    """A union of scalars (and lists of text) that cattrs cannot tell apart on its own."""
    if typing.get_origin(tp) not in (types.UnionType, typing.Union):
        return False
    members = [a for a in typing.get_args(tp) if a is not type(None)]
    return len(members) > 1 and all(m in _PLAIN or _is_homogeneous_tuple(m) for m in members)


def _plain_union_hook(tp: Any, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    members = [a for a in typing.get_args(tp) if a is not type(None)]

    def structure(value: Any, _: type) -> Any:
        # Pick the member by the value's own type: TOML and JSON already typed it.
        if value is None and type(None) in typing.get_args(tp):
            return None
        for member in members:
            if member is bool and isinstance(value, bool):
                return value
            if (
                member in (Decimal, int)
                and isinstance(value, int | Decimal)
                and not isinstance(value, bool)
            ):
                return converter.structure(value, member)
            if member is str and isinstance(value, str):
                return value
            if member is date and isinstance(value, date):
                return converter.structure(value, date)
            if _is_homogeneous_tuple(member) and isinstance(value, list | tuple):
                return converter.structure(value, member)
        raise _mismatch(tp)

    return structure


def _unstructure_enum(member: enum.Enum) -> Any:
    return member.value


def make_converter(*, detailed: bool) -> cattrs.Converter:
    """Build the converter; ``detailed`` adds the validation notes that locate problems."""
    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed
    )
    for scalar, hook in _SCALAR_HOOKS.items():
        converter.register_structure_hook(scalar, hook)
    converter.register_structure_hook_factory(_is_enum, _enum_hook)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
    converter.register_structure_hook_factory(_is_optional, _optional_hook)
    converter.register_structure_hook_factory(_is_plain_union, _plain_union_hook)
    # Named tuples (used for per-value results) read and write as tables, not as lists.
    converter.register_structure_hook_factory(is_namedtuple, namedtuple_dict_structure_factory)
    converter.register_unstructure_hook_factory(is_namedtuple, namedtuple_dict_unstructure_factory)
    converter.register_unstructure_hook_func(_is_enum, _unstructure_enum)
    converter.register_unstructure_hook(date, lambda d: d)
    converter.register_unstructure_hook(Decimal, lambda d: d)
    # A record book is a table of record lists by kind; the core's kinds have known models.
    lists: dict[str, Any] = {
        kind.name: types.GenericAlias(tuple, (kind.model, ...)) for kind in CORE_KINDS
    }
    converter.register_unstructure_hook(
        RecordBook,
        lambda book: {
            name: [converter.unstructure(r) for r in found] for name, found in book.records.items()
        },
    )

    def structure_book(data: Mapping[str, Any], _: type) -> RecordBook:
        return RecordBook(
            {name: converter.structure(found, lists[name]) for name, found in data.items()}
        )

    converter.register_structure_hook(RecordBook, structure_book)
    # Equal points rules read from files are one object: a scheme repeats a few rules over its
    # indicators, and each school of a county reads its own copy of the scheme, so the
    # engine's memos and the checks, which look rules up for every indicator of every
    # evaluation, find them by identity instead of comparing their fields.
    read_rule = converter.get_structure_hook(PointsRule)
    converter.register_structure_hook(PointsRule, lambda data, cls: _shared(read_rule(data, cls)))
    return converter


@functools.lru_cache(maxsize=256)  # bounds the rules kept, should files hold many different ones
def _shared(rule: PointsRule) -> PointsRule:
    """The first rule read that equals ``rule``."""
    return rule


converter = make_converter(detailed=False)
"""The converter for every model: ``converter.unstructure(model)`` gives TOML-ready data."""

_detailed = make_converter(detailed=True)


def structure(data: Any, cls: type[T], *, file: str) -> T:
    """Structure ``data`` into ``cls``; raise :class:`WorkspaceError` naming every problem."""
    try:
        return converter.structure(data, cls)
    except Exception:
        pass
    try:
        result = _detailed.structure(data, cls)
    except Exception as exc:
        problems: list[Problem] = []
        _collect(exc, [], data, file, cls, problems)
        raise WorkspaceError(problems) from None
    # The fast converter failed where the detailed one passed; trust the detailed one.
    return result


def unstructure(model: Any) -> Any:
    """Plain data (dicts, lists, dates, Decimals) for ``model``, defaults left out."""
    return converter.unstructure(model)


@attrs.frozen
class _NotFinite:
    """A ``nan`` or ``inf`` as the file wrote it, kept in place until its path is known."""

    text: str


class _Exact:
    """``parse_float`` and ``parse_constant``: exact Decimals, noting whether a ``nan`` or
    ``inf`` was seen, so that only a file that has one is walked to find where."""

    def __init__(self) -> None:
        self.not_finite = False

    def number(self, text: str) -> Decimal | _NotFinite:
        number = Decimal(text)
        return number if number.is_finite() else self.constant(text)

    def constant(self, text: str) -> _NotFinite:
        self.not_finite = True
        return _NotFinite(text)


def _not_finite_places(data: Any) -> Iterator[tuple[list[str | int], _NotFinite]]:
    """Each ``nan`` or ``inf`` in parsed ``data`` with the path to it, in the file's order.

    Walked with a stack, not recursion: a file nested deeper than Python's recursion limit
    is for the parser to refuse, never for this walk to crash on.
    """
    stack: list[tuple[list[str | int], Any]] = [([], data)]
    while stack:
        segments, value = stack.pop()
        if isinstance(value, _NotFinite):
            yield segments, value
        elif isinstance(value, dict):
            stack.extend((([*segments, k], v) for k, v in reversed(value.items())))
        elif isinstance(value, list):
            stack.extend((([*segments, i], v) for i, v in reversed(list(enumerate(value)))))


def loads(text: str, fmt: str, *, file: str) -> Any:
    """Parse TOML or JSON text; syntax errors become a problem naming the line.

    Every number with a fraction becomes an exact Decimal; ``nan`` and ``inf`` are refused,
    each named by its path, so no score can ever be compared with NaN.
    """
    exact = _Exact()
    try:
        if fmt == "toml":
            data = tomli.loads(text, parse_float=exact.number)
        elif fmt == "json":
            # Decimal itself as parse_float keeps the conversion in C; JSON's NaN and Infinity
            # arrive through parse_constant instead.
            data = json.loads(text, parse_float=Decimal, parse_constant=exact.constant)
        else:
            raise ValueError(f"unknown format {fmt!r}; expected 'toml' or 'json'")
    except tomli.TOMLDecodeError as exc:
        problem = Problem(file, "", "valid TOML", str(exc), expected_zh="正确的 TOML 语法")
        raise WorkspaceError([problem]) from None
    except json.JSONDecodeError as exc:
        found = f"{exc.msg} (at line {exc.lineno}, column {exc.colno})"
        problem = Problem(file, "", "valid JSON", found, expected_zh="正确的 JSON 语法")
        raise WorkspaceError([problem]) from None
    if not exact.not_finite:
        return data
    raise WorkspaceError(
        [
            Problem(
                file,
                _format_path(segments),
                "a finite number (not nan or inf)",
                repr(marker.text),
                expected_zh="有限的数字（不能是 nan 或 inf）",
            )
            for segments, marker in _not_finite_places(data)
        ]
    )


def dumps(model: Any, fmt: str) -> str:
    """Write ``model`` as TOML or JSON text that :func:`loads` and :func:`structure` read back."""
    data = unstructure(model)
    if fmt == "toml":
        return str(tomli_w.dumps(data))
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    raise ValueError(f"unknown format {fmt!r}; expected 'toml' or 'json'")


def format_of(path: PurePath) -> str:
    """``toml`` or ``json`` from a file name."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("toml", "json"):
        raise ValueError(f"{path.name}: expected a .toml or .json file")
    return suffix


def _json_default(value: object) -> str:
    # Decimals are written as strings so that no digit is lost to a binary float on reading.
    if isinstance(value, Decimal | date):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _format_path(segments: list[str | int]) -> str:
    text = ""
    for segment in segments:
        text += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if text else segment)
    return text


_MISSING = object()


def _lookup(data: Any, segments: list[str | int]) -> Any:
    for segment in segments:
        try:
            data = data[segment]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return data


def _collect(
    exc: BaseException,
    segments: list[str | int],
    raw: Any,
    file: str,
    tp: Any,
    out: list[Problem],
) -> None:
    path = _format_path(segments)
    if isinstance(exc, ClassValidationError):
        with_notes, others = exc.group_exceptions()
        for sub, note in with_notes:
            _collect_attribute(sub, note, segments, raw, file, out)
        for sub in others:
            _collect(sub, segments, raw, file, tp, out)
        return
    if isinstance(exc, IterableValidationError):
        with_notes_i, others_i = exc.group_exceptions()
        inner = typing.get_args(tp)[0] if typing.get_args(tp) else Any
        for sub, inote in with_notes_i:
            _collect(sub, [*segments, inote.index], raw, file, inote.type or inner, out)
        for sub in others_i:
            _collect(sub, segments, raw, file, tp, out)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        names = [a.name for a in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            hint, hint_zh = did_you_mean(key, names)
            out.append(
                Problem(
                    file,
                    _format_path([*segments, key]),
                    f"one of the known keys ({', '.join(names)}){hint}",
                    "unknown key",
                    expected_zh=f"已知的键之一（{'、'.join(names)}）{hint_zh}",
                )
            )
        return
    found = _lookup(raw, segments)
    found_text = "nothing" if found is _MISSING else describe(found)
    if isinstance(exc, Mismatch):
        out.append(Problem(file, path, exc.expected, found_text, expected_zh=exc.expected_zh))
        return
    if isinstance(exc, ExceptionGroup):
        for sub in exc.exceptions:
            _collect(sub, segments, raw, file, tp, out)
        return
    out.append(Problem(file, path, expected_for(tp), found_text, expected_zh=expected_zh_for(tp)))


def _collect_attribute(
    exc: BaseException,
    note: AttributeValidationNote,
    segments: list[str | int],
    raw: Any,
    file: str,
    out: list[Problem],
) -> None:
    here = [*segments, note.name]
    if isinstance(exc, KeyError) and _lookup(raw, here) is _MISSING:
        out.append(
            Problem(
                file,
                _format_path(here),
                f"{expected_for(note.type)} (required)",
                "nothing",
                expected_zh=f"{expected_zh_for(note.type)}（必填）",
            )
        )
        return
    _collect(exc, here, raw, file, note.type, out)
