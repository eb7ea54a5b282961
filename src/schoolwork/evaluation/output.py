"""Evaluation results as a table, CSV or JSON, and one subject's full explanation.

The one place where a result becomes cells and JSON: the single workspace's outputs and the
bureau's (:mod:`schoolwork.bureau`, which adds each subject's school) use :func:`score_cells`,
:func:`header`, :func:`write_table` and :func:`write_document`.

A province's evaluation has half a million results; building its output whole (a list of rows,
one joined string, a JSON tree) would hold a second copy of every result. The writers here turn
one result at a time into bytes and hand them to the file, so what they hold is one subject's
row, whatever the number of subjects:

- **CSV** (:func:`write_csv`): the score table of :func:`rows`, row by row (UTF-8, ``\\r\\n``
  line ends as spreadsheets expect).
- **JSON** (:func:`write_json`): ``{"scheme": …, "period": …, "results": […]}``, every result
  with its full explanation, Decimals as exact strings, written compactly by the C encoder,
  one result per line. A reader that parses the whole file gets the same data as from
  :func:`as_json` (indented, for reading, and for small evaluations); a reader that goes line
  by line finds one result on each line between the first and the last.

The same evaluation gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from schoolwork import converter
from schoolwork.results import Evaluation, SubjectResult, ValueStatus, Veto
from schoolwork.scheme import Scheme
from schoolwork.terminal import format_table

FORMATS = ("table", "csv", "json")

BOM = b"\xef\xbb\xbf"
"""Before a CSV file, so that Excel on Chinese Windows reads it as UTF-8."""

TOTAL_COLUMNS = ("weighted", "adjustments", "score", "band", "veto")
"""The score table's columns after the one of each dimension."""

_COMPACT = (",", ":")
_BATCH = 256
"""Results encoded before each write: few enough to stay small, enough to spare calls."""


def number(value: Decimal | None) -> str:
    """A shown number as its exact digits, or empty for none."""
    if value is None:
        return ""
    # str() writes the same digits as the 'f' format, several times faster (this runs for
    # every number of a province's table), unless it needs an exponent: 1E+1, 1E-7.
    text = str(value)
    return f"{value:f}" if "E" in text else text


def rank_text(value: Decimal) -> str:
    """A rank without trailing zeros: ``3``, or ``2.5`` for a fractional tie."""
    text = str(value)
    if "E" in text or "." in text:
        return f"{value.normalize():f}"
    return text  # a whole rank, as most are: its digits as they are


def adjusted(result: SubjectResult, scheme: Scheme) -> Decimal:
    """The adjustments a subject's score kept, added up: exact, every term already shown."""
    total = sum((a.applied or Decimal(0) for a in result.adjustments), Decimal(0))
    return total.quantize(scheme.quantum)


def header(scheme: Scheme, *, school: bool = False) -> list[str]:
    """The score table's header: rank, id, (the school,) name, each dimension, the totals,
    band and vetoes."""
    who = ("id", "school", "name") if school else ("id", "name")
    return ["rank", *who, *(d.id for d in scheme.dimensions), *TOTAL_COLUMNS]


def score_cells(
    rank: Decimal,
    who: Sequence[str],
    dimensions: Iterable[Decimal | None],
    totals: tuple[Decimal, Decimal, Decimal],
    band: str | None,
    vetoes: Iterable[Veto],
) -> list[str]:
    """One subject's line of the score table as text cells, in :func:`header`'s order:
    ``who`` is the id and name (or id, school and name), ``totals`` the weighted total, the
    adjustments kept and the score."""
    weighted, adjustments, score = totals
    return [
        rank_text(rank),
        *who,
        *map(number, dimensions),
        number(weighted),
        number(adjustments),
        number(score),
        band or "",
        ",".join([v.rule for v in vetoes]) if vetoes else "",
    ]


def row(result: SubjectResult, scheme: Scheme) -> list[str]:
    """One subject's line of the score table."""
    return score_cells(
        result.rank,
        (result.subject.id, result.subject.name),
        (d.score for d in result.dimensions),
        (result.weighted, adjusted(result, scheme), result.score),
        result.band,
        result.vetoes,
    )


def rows(evaluation: Evaluation, scheme: Scheme) -> list[list[str]]:
    """Header and one row per subject: rank, id, name, dimensions, total, bonus, score, band."""
    return [header(scheme), *(row(r, scheme) for r in evaluation.results)]


def as_table(evaluation: Evaluation, scheme: Scheme) -> str:
    """Aligned columns for a terminal; East Asian wide characters count as two columns."""
    head, *body = rows(evaluation, scheme)
    title = f"{scheme.name} ({scheme.id}), {evaluation.period}: {len(evaluation.results)} subjects"
    return f"{title}\n{format_table(head, body)}\n"


def as_csv(evaluation: Evaluation, scheme: Scheme) -> str:
    """The table as CSV text (UTF-8, with ``\\r\\n`` line ends as spreadsheets expect)."""
    buffer = io.BytesIO()
    write_csv(buffer, evaluation, scheme)
    return buffer.getvalue().decode("utf-8")


def write_csv(stream: BinaryIO, evaluation: Evaluation, scheme: Scheme) -> None:
    """Write the score table of ``evaluation`` to ``stream`` as CSV, a row at a time."""
    write_table(stream, header(scheme), (row(r, scheme) for r in evaluation.results))


def write_table(
    stream: BinaryIO, head: Sequence[str], lines: Iterable[Sequence[str]], *, bom: bool = False
) -> None:
    """Write ``head`` and ``lines`` to ``stream`` as CSV (UTF-8, after a byte-order mark with
    ``bom``), a row at a time."""
    # The wrapper buffers a few kilobytes of text before it writes; detached at the end so
    # that ``stream`` stays open for whoever owns it.
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        if bom:
            text.write(BOM.decode("utf-8"))
        writer = csv.writer(text)
        writer.writerow(head)
        writer.writerows(lines)
        text.flush()
    finally:
        text.detach()


def as_json(evaluation: Evaluation) -> str:
    """The whole evaluation, explanations included, as deterministic JSON, indented for
    reading (:func:`write_json` writes the same data compactly, a result at a time)."""
    data = converter.unstructure(evaluation)
    return json.dumps(data, ensure_ascii=False, indent=2, default=exact) + "\n"


def write_json(stream: BinaryIO, evaluation: Evaluation) -> None:
    """Write ``evaluation`` to ``stream`` as JSON (see the module), a few results at a time."""
    head = {"scheme": evaluation.scheme, "period": evaluation.period}
    write_document(stream, head, (converter.unstructure(r) for r in evaluation.results))


def json_lines(head: Mapping[str, Any], items: Iterable[Any]) -> Iterator[str]:
    """The JSON document ``{**head, "results": items}`` in pieces: the head, then one line
    per item, Decimals as exact strings."""
    # No indent and no sort: json.dumps then takes its C encoder, several times faster than
    # the pure-Python one that indent makes it use.
    encode = json.JSONEncoder(ensure_ascii=False, separators=_COMPACT, default=exact).encode
    yield encode(dict(head))[:-1] + (',"results":[' if head else '"results":[')
    for n, item in enumerate(items):
        yield ("\n" if n == 0 else ",\n") + encode(item)
    yield "\n]}\n"


def write_document(stream: BinaryIO, head: Mapping[str, Any], items: Iterable[Any]) -> None:
    """Write :func:`json_lines` of ``head`` and ``items`` to ``stream``, a few at a time."""
    batch: list[str] = []
    for piece in json_lines(head, items):
        batch.append(piece)
        if len(batch) >= _BATCH:
            stream.write("".join(batch).encode("utf-8"))
            batch.clear()
    stream.write("".join(batch).encode("utf-8"))


def exact(value: object) -> str:
    """A Decimal as JSON text with every digit it has; anything else JSON cannot write."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def render(evaluation: Evaluation, scheme: Scheme, fmt: str) -> str:
    """``evaluation`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "table":
        return as_table(evaluation, scheme)
    if fmt == "csv":
        return as_csv(evaluation, scheme)
    if fmt == "json":
        return as_json(evaluation)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def explain(result: SubjectResult, scheme: Scheme) -> str:
    """Every point of one subject's score: rule, value and source of each, and every decision."""
    lines = [
        f"{result.subject.name} ({result.subject.id}) — {scheme.name}, {scheme.period}",
        f"score {number(result.score)}, rank {rank_text(result.rank)}, band {result.band or '—'}",
        f"rounding: {scheme.places} places, {scheme.rounding.value}; "
        f"missing values: {scheme.missing.value}",
        "",
    ]
    total_weight = sum((d.weight for d in result.dimensions if d.score is not None), Decimal(0))
    for dimension in result.dimensions:
        head = f"[{dimension.id}] {dimension.name}: {number(dimension.score) or 'no value'}"
        head += f" × weight {dimension.weight}/{total_weight}  ({dimension.method})"
        if dimension.process is not None or dimension.result is not None:
            process, outcome = number(dimension.process), number(dimension.result)
            head += f"; process {process or '—'}, result {outcome or '—'}"
        lines.append(head)
        if dimension.note:
            lines.append(f"    {dimension.note}")
        for item in dimension.indicators:
            value = "missing" if item.value is None else number(item.value)
            points = "—" if item.points is None else number(item.points)
            mark = "" if item.status is ValueStatus.USED else f"  [{item.status.value}]"
            lines.append(
                f"    {item.id} {item.name}: value {value} ({item.source})"
                f" → {points} points by {item.rule}{mark}"
            )
    lines.append(f"weighted total: {number(result.weighted)}")
    for adjustment in result.adjustments:
        record = f", record {adjustment.record}" if adjustment.record else ""
        lines.append(
            f"adjustment {_signed(adjustment.applied)} from {adjustment.source}"
            f" ({adjustment.rule}{record}): {adjustment.reason}"
        )
    for veto in result.vetoes:
        effects = ", ".join(e.value for e in veto.effects)
        lines.append(f"veto {veto.rule} from {veto.source}: {veto.reason} → {effects}")
    for move in result.moves:
        if move.from_band == move.to_band:  # a decision that kept the subject where it was
            lines.append(f"band {move.from_band or '—'}: {move.reason}")
        else:
            lines.append(f"band {move.from_band or '—'} → {move.to_band or '—'}: {move.reason}")
    lines.append(f"final score: {number(result.score)} (bounds 0 to {scheme.max_score})")
    return "\n".join(lines) + "\n"


def _signed(value: Decimal | None) -> str:
    number = Decimal(0) if value is None else value
    return f"+{number:f}" if number >= 0 else f"{number:f}"
