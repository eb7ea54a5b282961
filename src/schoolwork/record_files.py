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
import functools
import io
import typing
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

from schoolwork import converter, sources, workbooks
from schoolwork.atomic import staged
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


# Resolving a model's annotations compiles their strings anew on every call: done once per
# model, a sheet's rows cost their cells alone.
@functools.cache
def _field_types(model: object) -> dict[str, Any]:
    return typing.get_type_hints(model)


@functools.cache
def _plain(tp: Any) -> Any:
    """``X`` for ``X | None``; anything else as it is."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if type(None) in typing.get_args(tp) and len(args) == 1:
        return args[0]
    return tp


@functools.cache
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
    types = _field_types(kind.model)  # type: ignore[arg-type]  # a class is hashable
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


Parsed = tuple[tuple[Any, ...], tuple[int, ...], list[Problem]]


def parse(text: str, spec: RecordKind, file: str) -> Parsed:
    """The good records of CSV ``text``, their row numbers, and every bad row's problems.

    Rows are numbered as a spreadsheet numbers them: the header is row 1, and a blank line is
    a row too (``csv.DictReader`` would skip it and shift every number after it). A sheet that
    cannot be read as CSV (a quote left open, a cell too long) gives one problem and no records.
    """
    try:
        lines = sources.sheet_rows(text, file)
    except WorkspaceError as exc:
        return (), (), list(exc.problems)
    return parse_rows(lines, spec, file)


def parse_rows(
    lines: Sequence[Sequence[str]],
    spec: RecordKind,
    file: str,
    *,
    place: str = "",
    first: int = 1,
    odd: Mapping[tuple[int, int], workbooks.OddCell] | None = None,
) -> Parsed:
    """:func:`parse` of rows of cell text, the header first. ``place`` opens every place a
    problem names (``sheet 选票, `` in a workbook), ``first`` is the header's row number, and
    ``odd`` marks a workbook's cells that cannot be read as they show (by row and column)."""
    header = [h.strip() for h in lines[0]] if lines else []
    problems = _header_problems(header, spec, file, place, first)
    if problems:
        return (), (), problems
    records = []
    numbers = []
    for number, cells in enumerate(lines[1:], start=first + 1):
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave blank rows
        strange = [(index, cell) for (row, index), cell in (odd or {}).items() if row == number]
        if strange:
            for index, cell in sorted(strange):
                expected, expected_zh = workbooks.odd_cell_expectation(cell.kind)
                where = f"{place}row {number}, column {sources.column_name(header, index)}"
                problems.append(Problem(file, where, expected, cell.found, expected_zh=expected_zh))
            continue
        if len(cells) > len(header):
            problems.append(
                Problem(
                    file,
                    f"{place}row {number}",
                    f"{len(header)} cells like the header",
                    "more",
                    expected_zh=f"与表头一样的 {len(header)} 个单元格",
                )
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
                    Problem(
                        file,
                        f"{place}row {number}, column {column}",
                        expected,
                        problem.found,
                        expected_zh=problem.expected_zh,
                    )
                )
    return tuple(records), tuple(numbers), problems


def _header_problems(
    header: list[str], spec: RecordKind, file: str, place: str = "", first_row: int = 1
) -> list[Problem]:
    """Unknown columns (with the closest one it may have meant), missing and doubled ones."""
    row = f"{place}row {first_row}"
    problems: list[Problem] = []
    unused = [c for c in spec.columns if c not in header]
    for index, column in enumerate(header):
        if column in spec.columns:
            continue
        hint, hint_zh = sources.suggestion(column, unused)
        problems.append(
            Problem(
                file,
                f"{row}, column {sources.column_name(header, index)}",
                "one of the columns " + ", ".join(spec.columns) + hint,
                "an unknown column" if column else "a column with no name",
                expected_zh="以下列名之一：" + "、".join(spec.columns) + hint_zh,
            )
        )
    for column in spec.required:
        if column not in header:
            problems.append(
                Problem(
                    file,
                    row,
                    f"a column {column!r}",
                    "no such column",
                    expected_zh=f"名为 {column} 的列",
                )
            )
    for index, column in enumerate(header):
        first = header.index(column)
        if column in spec.columns and first < index:
            # A second column of the same name would silently replace the first one's cells.
            problems.append(
                Problem(
                    file,
                    f"{row}, column {column}",
                    "each column once",
                    f"columns {first + 1} and {index + 1} both named {column!r}",
                    expected_zh="每个列名只出现一次",
                )
            )
    return problems


@attrs.frozen
class ReadRecords:
    """What reading the record files gave: the records, the files, the row number of each
    record in its file, and the problems of the rows left out."""

    book: RecordBook
    files: dict[str, Path]
    rows: dict[str, tuple[int, ...]]
    problems: list[Problem]


def path_of(root: Path, kind: RecordKind) -> Path:
    """Where the records of ``kind`` are kept in the workspace ``root``: ``records/<file>.csv``,
    or ``records/<file>.xlsx`` when only that is there (a sheet kept in Excel or WPS)."""
    sheet = root / RECORDS_DIR / f"{kind.file}.csv"
    book = sheet.with_suffix(".xlsx")
    return book if not sources.exists(sheet) and sources.exists(book) else sheet


def read(root: Path, kinds: Sequence[RecordKind] = CORE_KINDS) -> ReadRecords:
    """Every record file of ``kinds`` under ``root/records``; bad rows are left out, reported.

    A record file is absent only if nothing is at its path; a folder, a link or a file that
    cannot be read in its place is a problem naming it.
    """
    found: dict[str, tuple[Any, ...]] = {}
    files: dict[str, Path] = {}
    rows: dict[str, tuple[int, ...]] = {}
    problems = sources.folder_problems(root / RECORDS_DIR, "CSV files of records", "记录 CSV 文件")
    if problems:
        return ReadRecords(RecordBook(found), files, rows, problems)
    for kind in kinds:
        path = path_of(root, kind)
        if not sources.exists(path):
            continue
        files[kind.file] = path
        if path.suffix == ".xlsx":
            try:
                found[kind.name], rows[kind.file], bad = _parse_workbook(path, kind)
            except WorkspaceError as exc:
                problems.extend(exc.problems)
                continue
            problems.extend(bad)
            continue
        book = path.with_suffix(".xlsx")
        if sources.exists(book):
            problems.append(
                Problem(
                    str(book),
                    "",
                    f"the {kind.file} records in one file: {path.name} or {book.name}, not both",
                    "both files",
                    expected_zh=f"{kind.file} 记录只放在一个文件中：{path.name} 或 {book.name}",
                )
            )
        try:
            text = sources.text(sources.read_bytes(path), str(path), sheet=True)
        except WorkspaceError as exc:
            problems.extend(exc.problems)
            continue
        if not text.strip():
            columns = ", ".join(kind.columns)
            problems.append(
                sources.empty_file(
                    str(path),
                    f"a header row naming the columns ({columns}), then a row per record",
                    f"第一行是列名（{'、'.join(kind.columns)}），其后每行一条记录",
                )
            )
            continue
        found[kind.name], rows[kind.file], bad = parse(text, kind, str(path))
        problems.extend(bad)
    return ReadRecords(RecordBook(found), files, rows, problems)


def _parse_workbook(path: Path, kind: RecordKind) -> Parsed:
    """The records of a workbook kept in Excel or WPS: its first sheet whose key row (a row
    naming the kind's columns) stands in its first ten rows, rows above it being titles and
    labels for people; without one, the first sheet read from row 1, which says what is wrong
    with its header."""
    sheets = workbooks.read_sheets(path)
    keys = frozenset(kind.columns)
    for sheet in sheets:
        found = workbooks.key_row(sheet, keys)
        if found is not None:
            break
    else:
        sheet, found = sheets[0], 1
    header, *data = sheet.rows[found - 1 :] or [()]
    # A workbook keeps no empty cells at a row's end: pad each row to the header's width.
    lines = [header, *(row + ("",) * (len(header) - len(row)) for row in data)]
    place = f"sheet {sheet.name}, "
    return parse_rows(lines, kind, str(path), place=place, first=found, odd=sheet.odd)


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


def sheets(book: RecordBook, kinds: Sequence[RecordKind] = CORE_KINDS) -> dict[Path, bytes]:
    """Each non-empty kind of record in ``book`` as the bytes of its CSV file, UTF-8 with a BOM
    as Excel opens it, by its path inside the workspace (``records/honours.csv``)."""
    return {
        path_of(Path(), kind): ("\ufeff" + dumps(records, kind)).encode("utf-8")
        for kind in kinds
        if (records := book.kind(kind.name))
    }


def save(book: RecordBook, root: Path, kinds: Sequence[RecordKind] = CORE_KINDS) -> list[Path]:
    """Write each non-empty kind of record in ``book`` to its CSV file; return the files.

    The files land together or not at all (:func:`schoolwork.atomic.staged`): a failure on any
    of them leaves every file under ``root`` as it was.
    """
    files = sheets(book, kinds)
    with staged(root) as stage:
        return [stage.write(name, data) for name, data in files.items()]


@hookimpl(tryfirst=True)
def schoolwork_record_kinds() -> tuple[RecordKind, ...]:
    """The core's record kinds: honours, activities, inspections, incidents, appeals."""
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
