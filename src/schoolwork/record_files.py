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
import io
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

from schoolwork import converter
from schoolwork.atomic import write_text
from schoolwork.labels import LANGS, label
from schoolwork.levels import Level
from schoolwork.problems import Problem, WorkspaceError
from schoolwork.records import (
    Activity,
    AwardRank,
    Honour,
    Incident,
    Inspection,
    RecipientKind,
    Severity,
)

RECORDS_DIR = "records"
LIST_SEPARATOR = ";"


@attrs.frozen
class RecordFile:
    """One kind of record: its file, its model, the workspace field and its columns."""

    stem: str
    model: type[Any]
    field: str
    columns: tuple[str, ...]
    required: tuple[str, ...]


FILES: tuple[RecordFile, ...] = (
    RecordFile(
        "honours",
        Honour,
        "honours",
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
        ),
        ("id", "title", "level", "recipient_kind", "date"),
    ),
    RecordFile(
        "activities",
        Activity,
        "activities",
        ("id", "type", "title", "date", "unit", "participants"),
        ("id", "type", "title", "date"),
    ),
    RecordFile(
        "inspections",
        Inspection,
        "inspections",
        ("id", "type", "date", "unit", "inspector", "score", "passed", "note"),
        ("id", "type", "date", "unit"),
    ),
    RecordFile(
        "incidents",
        Incident,
        "incidents",
        ("id", "person", "date", "severity", "kind", "description"),
        ("id", "person", "date", "severity"),
    ),
)
"""Every record file a workspace may have."""

# Chinese (and English) labels accepted for fixed values, per column.
_ALIASES: dict[str, dict[str, str]] = {}
for _column, _enum in (
    ("level", Level),
    ("rank", AwardRank),
    ("recipient_kind", RecipientKind),
    ("severity", Severity),
):
    _ALIASES[_column] = {label(member, lang): member.value for member in _enum for lang in LANGS}
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


def _row_data(spec: RecordFile, row: Mapping[str, str]) -> dict[str, Any]:
    """A row's non-empty cells shaped as the model's fields, for the converter."""
    cells = {k: v.strip() for k, v in row.items() if k is not None and v is not None and v.strip()}
    data: dict[str, Any] = {}
    for column, text in cells.items():
        data[column] = _ALIASES.get(column, {}).get(text, text)
    if spec.model is Honour:
        recipient = {
            "kind": data.pop("recipient_kind", None),
            "ref": data.pop("recipient", None),
            "name": data.pop("recipient_name", None),
        }
        data["recipient"] = {k: v for k, v in recipient.items() if v is not None}
    for column in ("place",):
        if column in data:
            data[column] = _int(data[column])
    if "score" in data:
        data["score"] = data["score"]  # the converter reads decimal text exactly
    if "passed" in data:
        data["passed"] = _BOOLEANS.get(data["passed"].lower(), data["passed"])
    if "participants" in data:
        data["participants"] = [
            p.strip() for p in data["participants"].split(LIST_SEPARATOR) if p.strip()
        ]
    return data


def _int(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def _column_of(path: str) -> str:
    """The spreadsheet column a converter path points at."""
    head = path.split(".")[0].split("[")[0]
    if head == "recipient":
        tail = path.split(".")[1] if "." in path else "kind"
        return {"kind": "recipient_kind", "ref": "recipient", "name": "recipient_name"}[tail]
    return head


def parse(
    text: str, spec: RecordFile, file: str
) -> tuple[tuple[Any, ...], tuple[int, ...], list[Problem]]:
    """The good records of CSV ``text``, their row numbers, and every bad row's problems."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
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
    for number, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # spreadsheets leave blank rows
        if None in row:
            problems.append(
                Problem(file, f"row {number}", f"{len(header)} cells like the header", "more")
            )
            continue
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
    """What reading the record files gave: records by workspace field, the files, the row
    number of each record in its file, and the problems of the rows left out."""

    values: dict[str, tuple[Any, ...]]
    files: dict[str, Path]
    rows: dict[str, tuple[int, ...]]
    problems: list[Problem]


def read(root: Path) -> ReadRecords:
    """Every record file under ``root/records``; bad rows are left out and reported."""
    values: dict[str, tuple[Any, ...]] = {}
    files: dict[str, Path] = {}
    rows: dict[str, tuple[int, ...]] = {}
    problems: list[Problem] = []
    for spec in FILES:
        path = root / RECORDS_DIR / f"{spec.stem}.csv"
        if not path.is_file():
            continue
        files[spec.stem] = path
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            found = f"a byte that is not UTF-8 at offset {exc.start} (save the sheet as CSV UTF-8)"
            problems.append(Problem(str(path), "", "UTF-8 text", found))
            continue
        values[spec.field], rows[spec.stem], bad = parse(text, spec, str(path))
        problems.extend(bad)
    return ReadRecords(values, files, rows, problems)


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


_FLATTEN: Mapping[type[Any], Callable[[Any], dict[str, object]]] = {
    Honour: lambda h: {
        **{f.name: getattr(h, f.name) for f in attrs.fields(Honour) if f.name != "recipient"},
        "recipient_kind": h.recipient.kind,
        "recipient": h.recipient.ref,
        "recipient_name": h.recipient.name or None,
    },
}


def _fields(record: Any) -> dict[str, object]:
    return {f.name: getattr(record, f.name) for f in attrs.fields(type(record))}


def dumps(records: Iterable[Any], spec: RecordFile) -> str:
    """CSV text of ``records`` with every column of ``spec``, as Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(spec.columns)
    flatten = _FLATTEN.get(spec.model, _fields)
    for record in records:
        row = flatten(record)
        writer.writerow([_cell(row.get(column)) for column in spec.columns])
    return buffer.getvalue()


def save(workspace: Any, root: Path) -> list[Path]:
    """Write each non-empty kind of record of ``workspace`` to its CSV file (with a BOM)."""
    written = []
    for spec in FILES:
        records = getattr(workspace, spec.field)
        if records:
            path = root / RECORDS_DIR / f"{spec.stem}.csv"
            write_text(path, "\ufeff" + dumps(records, spec))
            written.append(path)
    return written
