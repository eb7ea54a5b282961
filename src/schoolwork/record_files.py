"""Records in spreadsheets: each kind of record is a CSV file under ``records/``.

Schools keep honours, activities, inspections and incidents in spreadsheets; Excel and WPS save
them as CSV in UTF-8 with a byte-order mark, which is read as well as plain UTF-8. The header
row names the columns (any order; see ``docs/records.md``); each row is checked through the
same converter as every other file, and every bad cell is reported by file, row (as the
spreadsheet numbers it, the header being row 1) and column, all rows at once.

Chinese labels are accepted wherever a fixed value is: 县级 for ``county``, 一等奖 for
``first``, 学生 for ``student``, 严重 for ``severe``.
"""

from __future__ import annotations

import csv
import enum
import io
import typing
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

from schoolwork import converter
from schoolwork.atomic import write_text
from schoolwork.errors import PluginError, Problem, WorkspaceError
from schoolwork.labels import LANGS, has_label, label
from schoolwork.plugins import PluginHost, hookimpl, returns
from schoolwork.records import CORE_KINDS, Honour, RecordBook, RecordKind

RECORDS_DIR = "records"
LIST_SEPARATOR = ";"


_BOOLEANS = {
    "true": True,
    "false": False,
    "是": True,
    "否": False,
    "合格": True,
    "不合格": False,
    "1": True,
    "0": False,
}
"""Cells accepted for a true/false column, as schools type them."""

# An honour's recipient is one nested value written as three columns.
_NESTED = {"recipient_kind": "kind", "recipient": "ref", "recipient_name": "name"}


def _field_types(model: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(model)


def _plain(tp: Any) -> Any:
    """``X`` for ``X | None``; anything else as it is."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if type(None) in typing.get_args(tp) and len(args) == 1:
        return args[0]
    return tp


def _aliases(tp: Any) -> dict[str, str]:
    """Chinese (and English) labels accepted for the members of an enum column."""
    if not (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return {}
    found = {}
    for member in tp:
        found[str(member.value)] = member.value
        for lang in LANGS:
            if has_label(member):
                found[label(member, lang)] = member.value
    return found


def _cell_value(text: str, tp: Any) -> Any:
    """One cell's text shaped as its field's type expects, for the converter to check."""
    tp = _plain(tp)
    if tp is bool:
        return _BOOLEANS.get(text.lower(), text)
    if tp is int:
        return int(text) if text.isdigit() else text
    if typing.get_origin(tp) is tuple:
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    return _aliases(tp).get(text, text)


def _row_data(kind: RecordKind, row: Mapping[str, str | None]) -> dict[str, Any]:
    """A row's non-empty cells shaped as the model's fields, for the converter."""
    types = _field_types(kind.model)
    nested = {}
    if "recipient" in types:
        nested = {column: key for column, key in _NESTED.items() if column in kind.columns}
        recipient_types = _field_types(_plain(types["recipient"]))
    data: dict[str, Any] = {}
    inner: dict[str, Any] = {}
    for column, raw in row.items():
        if column is None or raw is None or not raw.strip():
            continue
        text = raw.strip()
        if column in nested:
            key = nested[column]
            inner[key] = _cell_value(text, recipient_types[key])
        else:
            data[column] = _cell_value(text, types.get(column, str))
    if nested:
        data["recipient"] = inner
    return data


def _column_of(path: str) -> str:
    """The spreadsheet column a converter path points at."""
    head = path.split(".")[0].split("[")[0]
    if head == "recipient":
        tail = path.split(".")[1] if "." in path else "kind"
        return {key: column for column, key in _NESTED.items()}[tail]
    return head


def parse(
    text: str, spec: RecordKind, file: str
) -> tuple[tuple[Any, ...], tuple[int, ...], list[Problem]]:
    """The good records of CSV ``text``, their row numbers, and every bad row's problems.

    Rows are numbered as a spreadsheet numbers them: the header is row 1, and a blank line is
    a row too (``csv.DictReader`` would skip it and shift every number after it).
    """
    lines = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(lines, [])]
    problems: list[Problem] = []
    unknown = [h for h in header if h not in spec.columns]
    for column in unknown:
        problems.append(
            Problem(
                file,
                f"row 1, column {column}",
                "one of the columns " + ", ".join(spec.columns),
                "an unknown column",
            )
        )
    missing = [c for c in spec.required if c not in header]
    for column in missing:
        problems.append(Problem(file, "row 1", f"a column {column!r}", "no such column"))
    if problems:
        return (), (), problems
    records = []
    numbers = []
    for number, cells in enumerate(lines, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave blank rows
        if len(cells) > len(header):
            problems.append(
                Problem(file, f"row {number}", f"{len(header)} cells like the header", "more")
            )
            continue
        row = dict(zip(header, cells, strict=False))
        try:
            records.append(converter.structure(_row_data(spec, row), spec.model, file=file))
            numbers.append(number)
        except WorkspaceError as exc:
            for problem in exc.problems:
                column = _column_of(problem.path)
                expected = problem.expected.replace("(required)", "(a required column)")
                problems.append(
                    Problem(file, f"row {number}, column {column}", expected, problem.found)
                )
    return tuple(records), tuple(numbers), problems


@attrs.frozen
class ReadRecords:
    """What reading the record files gave: the records, the files, the row number of each
    record in its file, and the problems of the rows left out."""

    book: RecordBook
    files: dict[str, Path]
    rows: dict[str, tuple[int, ...]]
    problems: list[Problem]


def path_of(root: Path, kind: RecordKind) -> Path:
    """Where the records of ``kind`` are kept in the workspace ``root``."""
    return root / RECORDS_DIR / f"{kind.file}.csv"


def read(root: Path, kinds: Sequence[RecordKind] = CORE_KINDS) -> ReadRecords:
    """Every record file of ``kinds`` under ``root/records``; bad rows are left out, reported."""
    found: dict[str, tuple[Any, ...]] = {}
    files: dict[str, Path] = {}
    rows: dict[str, tuple[int, ...]] = {}
    problems: list[Problem] = []
    for kind in kinds:
        path = path_of(root, kind)
        if not path.is_file():
            continue
        files[kind.file] = path
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            found_text = (
                f"a byte that is not UTF-8 at offset {exc.start} (save the sheet as CSV UTF-8)"
            )
            problems.append(Problem(str(path), "", "UTF-8 text", found_text))
            continue
        found[kind.name], rows[kind.file], bad = parse(text, kind, str(path))
        problems.extend(bad)
    return ReadRecords(RecordBook(found), files, rows, problems)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def _flat(record: Any) -> dict[str, object]:
    row: dict[str, object] = {f.name: getattr(record, f.name) for f in attrs.fields(type(record))}
    if isinstance(record, Honour):
        recipient = row.pop("recipient")
        for column, key in _NESTED.items():
            row[column] = getattr(recipient, key) or None
    return row


def dumps(records: Iterable[Any], kind: RecordKind) -> str:
    """CSV text of ``records`` with every column of ``kind``, as Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(kind.columns)
    for record in records:
        row = _flat(record)
        writer.writerow([_cell(row.get(column)) for column in kind.columns])
    return buffer.getvalue()


def save(book: RecordBook, root: Path, kinds: Sequence[RecordKind] = CORE_KINDS) -> list[Path]:
    """Write each non-empty kind of record in ``book`` to its CSV file (with a BOM)."""
    written = []
    for kind in kinds:
        records = book.kind(kind.name)
        if records:
            path = path_of(root, kind)
            write_text(path, "\ufeff" + dumps(records, kind))
            written.append(path)
    return written


@hookimpl(tryfirst=True)
def schoolwork_record_kinds() -> tuple[RecordKind, ...]:
    """The core's record kinds: honours, activities, inspections, incidents."""
    return CORE_KINDS


def record_kinds(host: PluginHost) -> tuple[RecordKind, ...]:
    """Every record kind of ``host``'s plugins, the core's first.

    A name or a file taken twice, or a model that is not an attrs class with a ``date`` field,
    is an error naming the plugin.
    """
    hook = "schoolwork_record_kinds"
    kinds: dict[str, str] = {}
    files: dict[str, str] = {}
    found: list[RecordKind] = []
    for answer in host.call(hook, returns(RecordKind)):
        for kind in answer.value:
            taken = kinds.get(kind.name) or files.get(kind.file)
            if taken is not None:
                error = f"record kind {kind.name!r} (file {kind.file}.csv) is taken by {taken!r}"
                raise PluginError(answer.plugin, hook, error)
            if not attrs.has(kind.model) or "date" not in attrs.fields_dict(kind.model):
                error = f"record kind {kind.name!r}: its model is not an attrs class with a date"
                raise PluginError(answer.plugin, hook, error)
            kinds[kind.name] = files[kind.file] = answer.plugin
            found.append(kind)
    return tuple(found)
