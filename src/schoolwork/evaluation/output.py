"""Evaluation results as a table, CSV or JSON, and one subject's full explanation.

JSON output is deterministic: the same evaluation gives the same bytes, with Decimals written
as strings so that no digit is lost.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from schoolwork import converter
from schoolwork.results import Evaluation, SubjectResult, ValueStatus
from schoolwork.scheme import Scheme
from schoolwork.terminal import format_table

FORMATS = ("table", "csv", "json")


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _rank(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _adjusted(result: SubjectResult, scheme: Scheme) -> Decimal:
    total = sum((a.applied or Decimal(0) for a in result.adjustments), Decimal(0))
    return total.quantize(scheme.quantum)  # a sum of shown numbers: exact, no rounding


def rows(evaluation: Evaluation, scheme: Scheme) -> list[list[str]]:
    """Header and one row per subject: rank, id, name, dimensions, total, bonus, score, band."""
    header = [
        "rank",
        "id",
        "name",
        *(d.id for d in scheme.dimensions),
        "weighted",
        "adjustments",
        "score",
        "band",
        "veto",
    ]
    body = [
        [
            _rank(r.rank),
            r.subject.id,
            r.subject.name,
            *(_number(d.score) for d in r.dimensions),
            _number(r.weighted),
            _number(_adjusted(r, scheme)),
            _number(r.score),
            r.band or "",
            ",".join(v.rule for v in r.vetoes),
        ]
        for r in evaluation.results
    ]
    return [header, *body]


def as_table(evaluation: Evaluation, scheme: Scheme) -> str:
    """Aligned columns for a terminal; East Asian wide characters count as two columns."""
    header, *body = rows(evaluation, scheme)
    title = f"{scheme.name} ({scheme.id}), {evaluation.period}: {len(evaluation.results)} subjects"
    return f"{title}\n{format_table(header, body)}\n"


def as_csv(evaluation: Evaluation, scheme: Scheme) -> str:
    """The table as CSV text (UTF-8, with ``\\r\\n`` line ends as spreadsheets expect)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows(evaluation, scheme))
    return buffer.getvalue()


def as_json(evaluation: Evaluation) -> str:
    """The whole evaluation, explanations included, as deterministic JSON."""
    data = converter.unstructure(evaluation)
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: object) -> str:
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
        f"score {_number(result.score)}, rank {_rank(result.rank)}, band {result.band or '—'}",
        f"rounding: {scheme.places} places, {scheme.rounding.value}; "
        f"missing values: {scheme.missing.value}",
        "",
    ]
    total_weight = sum((d.weight for d in result.dimensions if d.score is not None), Decimal(0))
    for dimension in result.dimensions:
        head = f"[{dimension.id}] {dimension.name}: {_number(dimension.score) or 'no value'}"
        head += f" × weight {dimension.weight}/{total_weight}  ({dimension.method})"
        if dimension.process is not None or dimension.result is not None:
            process, outcome = _number(dimension.process), _number(dimension.result)
            head += f"; process {process or '—'}, result {outcome or '—'}"
        lines.append(head)
        if dimension.note:
            lines.append(f"    {dimension.note}")
        for item in dimension.indicators:
            value = "missing" if item.value is None else _number(item.value)
            points = "—" if item.points is None else _number(item.points)
            mark = "" if item.status is ValueStatus.USED else f"  [{item.status.value}]"
            lines.append(
                f"    {item.id} {item.name}: value {value} ({item.source})"
                f" → {points} points by {item.rule}{mark}"
            )
    lines.append(f"weighted total: {_number(result.weighted)}")
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
    lines.append(f"final score: {_number(result.score)} (bounds 0 to {scheme.max_score})")
    return "\n".join(lines) + "\n"


def _signed(value: Decimal | None) -> str:
    number = Decimal(0) if value is None else value
    return f"+{number:f}" if number >= 0 else f"{number:f}"
