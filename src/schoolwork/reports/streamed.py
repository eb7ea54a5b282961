"""Scores written one subject at a time, straight into the file: CSV rows and JSON.

A province's evaluation has half a million results; building its output whole (a list of rows,
one joined string, a JSON tree) would hold a second copy of every result. These writers turn
one result at a time into bytes and hand them to the file, so what they hold is one subject's
row, whatever the number of subjects.

- **CSV**: the score table of :func:`schoolwork.evaluation.output.rows`, the same cells, row by
  row (UTF-8, ``\\r\\n`` line ends as spreadsheets expect).
- **JSON**: the same document as :func:`schoolwork.evaluation.output.as_json` —
  ``{"scheme": …, "period": …, "results": […]}``, every result with its full explanation,
  Decimals as exact strings — written compactly by the C encoder, one result per line. A
  reader that parses the whole file gets the same data; a reader that goes line by line finds
  one result on each line between the first and the last.

The same evaluation gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO

from schoolwork import converter
from schoolwork.results import Evaluation, SubjectResult
from schoolwork.scheme import Scheme

FIXED_COLUMNS = ("rank", "id", "name")
TOTAL_COLUMNS = ("weighted", "adjustments", "score", "band", "veto")
"""The score table's columns before and after the one of each dimension."""

_COMPACT = (",", ":")
_BATCH = 256
"""Results encoded before each write: few enough to stay small, enough to spare calls."""


def number(value: Decimal | None) -> str:
    """A shown number as its exact digits, or empty for none."""
    return "" if value is None else f"{value:f}"


def rank_text(value: Decimal) -> str:
    """A rank without trailing zeros: ``3``, or ``2.5`` for a fractional tie."""
    return f"{value.normalize():f}"


def adjusted(result: SubjectResult, scheme: Scheme) -> Decimal:
    """The adjustments a subject's score kept, added up: exact, every term already shown."""
    total = sum((a.applied or Decimal(0) for a in result.adjustments), Decimal(0))
    return total.quantize(scheme.quantum)


def header(scheme: Scheme) -> list[str]:
    """The score table's header: rank, id, name, each dimension, totals, band and vetoes."""
    return [*FIXED_COLUMNS, *(d.id for d in scheme.dimensions), *TOTAL_COLUMNS]


def row(result: SubjectResult, scheme: Scheme) -> list[str]:
    """One subject's line of the score table, as text cells."""
    return [
        rank_text(result.rank),
        result.subject.id,
        result.subject.name,
        *(number(d.score) for d in result.dimensions),
        number(result.weighted),
        number(adjusted(result, scheme)),
        number(result.score),
        result.band or "",
        ",".join(v.rule for v in result.vetoes),
    ]


def write_csv(stream: BinaryIO, evaluation: Evaluation, scheme: Scheme) -> None:
    """Write the score table of ``evaluation`` to ``stream`` as CSV, a row at a time."""
    # The wrapper buffers a few kilobytes of text before it writes; detached at the end so
    # that ``stream`` stays open for whoever owns it.
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        writer = csv.writer(text)
        writer.writerow(header(scheme))
        for result in evaluation.results:
            writer.writerow(row(result, scheme))
        text.flush()
    finally:
        text.detach()


def json_lines(evaluation: Evaluation) -> Iterator[str]:
    """The JSON document of ``evaluation`` in pieces: the head, then one line per result."""
    head = json.dumps(
        {"scheme": evaluation.scheme, "period": evaluation.period},
        ensure_ascii=False,
        separators=_COMPACT,
    )
    yield head[:-1] + ',"results":['
    # No indent and no sort: json.dumps then takes its C encoder, several times faster than
    # the pure-Python one that indent makes it use.
    for n, result in enumerate(evaluation.results):
        data = converter.unstructure(result)
        text = json.dumps(data, ensure_ascii=False, separators=_COMPACT, default=_exact)
        yield ("\n" if n == 0 else ",\n") + text
    yield "\n]}\n"


def write_json(stream: BinaryIO, evaluation: Evaluation) -> None:
    """Write ``evaluation`` to ``stream`` as JSON (see the module), a few results at a time."""
    batch: list[str] = []
    for piece in json_lines(evaluation):
        batch.append(piece)
        if len(batch) >= _BATCH:
            stream.write("".join(batch).encode("utf-8"))
            batch.clear()
    stream.write("".join(batch).encode("utf-8"))


def _exact(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:f}"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
