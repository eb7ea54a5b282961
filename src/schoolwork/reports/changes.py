"""A comparison with frozen results as text, JSON or CSV: what ``schoolwork diff`` writes.

The text says the causes first (inputs, rules), then a line per subject that changed: its
score, rank and band before and after, and its own values and vetoes that changed, or that it
moved with the others. JSON carries the same, numbers as strings; CSV a row per subject.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from schoolwork.evaluation.changes import (
    WITHOUT_APPEALS,
    Comparison,
    InputChange,
    SubjectChange,
    ValueChange,
)
from schoolwork.labels import Lang, label
from schoolwork.scheme import Scheme

FORMATS = ("text", "json", "csv")


def _n(value: Decimal | None) -> str:
    return "—" if value is None else str(value)


def _signed(value: Decimal) -> str:
    return f"+{value}" if value > 0 else str(value)


def _from_to(before: object, after: object) -> str:
    return f"{'—' if before is None else before} → {'—' if after is None else after}"


def _aside(text: str, lang: Lang) -> str:
    # Chinese takes full-width brackets with no space before them.
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _comma(lang: Lang) -> str:
    return "，" if lang == "zh" else ", "


def _input_text(change: InputChange, lang: Lang) -> str:
    what = label(f"changes.{change.change.value}", lang)
    if change.before is not None or change.after is not None:
        return f"{change.name} {_from_to(change.before, change.after)}"
    return change.name + _aside(what, lang)


def _value_text(change: ValueChange, lang: Lang, names: Mapping[str, str]) -> str:
    parts = []
    if change.value_before != change.value_after:
        parts.append(
            label("changes.value", lang, values=_from_to(change.value_before, change.value_after))
        )
    if change.points_before != change.points_after:
        moved = _from_to(change.points_before, change.points_after)
        parts.append(label("changes.points", lang, values=moved))
    if change.status_before != change.status_after:
        parts.append(_from_to(change.status_before, change.status_after))
    text = f"{names.get(change.indicator, change.indicator)} {_comma(lang).join(parts)}"
    if change.appeal is not None:
        return label("changes.appeal", lang, id=change.appeal, change=text)
    return text


def subject_line(change: SubjectChange, lang: Lang, names: Mapping[str, str] | None = None) -> str:
    """One subject's change in one line; ``names`` gives indicators their names (Chinese
    lines name indicators, English lines their ids)."""
    head = f"{change.id} {change.name}{'：' if lang == 'zh' else ': '}"
    before, after = change.before, change.after
    if before is None or after is None:
        return head + label(f"changes.subject_{change.change.value}", lang)
    parts = []
    if change.score_delta:
        delta = _signed(change.score_delta)
        parts.append(label("changes.score", lang, values=_from_to(before.score, after.score)))
        parts[-1] += _aside(delta, lang)
    if change.rank_delta:
        rank = label("changes.rank", lang, values=_from_to(before.rank, after.rank))
        parts.append(rank + _aside(_signed(change.rank_delta), lang))
    if change.band_moved:
        parts.append(label("changes.band", lang, values=_from_to(before.band, after.band)))
    causes = [_value_text(v, lang, names or {}) for v in change.values]
    causes += [label("changes.veto_added", lang, rule=v) for v in change.vetoes_added]
    causes += [label("changes.veto_removed", lang, rule=v) for v in change.vetoes_removed]
    if not causes:
        causes.append(label("changes.with_others", lang))
    separator = "；" if lang == "zh" else "; "
    said = _comma(lang).join(parts) or label("changes.detail", lang)
    return head + separator.join([said, *causes])


def changes_text(comparison: Comparison, lang: Lang = "zh", scheme: Scheme | None = None) -> str:
    """The comparison as lines of text; ``no change`` when nothing changed. With the
    ``scheme``, Chinese lines name its indicators (师德考核得分) instead of their ids."""
    names = indicator_names(scheme) if scheme is not None and lang == "zh" else {}
    heading = (
        "changes.heading_appeals" if comparison.against == WITHOUT_APPEALS else "changes.heading"
    )
    lines = [
        label(
            heading,
            lang,
            scheme=comparison.scheme,
            period=comparison.period,
            against=comparison.against,
        )
    ]
    if comparison.unchanged:
        return "\n".join([*lines, label("changes.none", lang)]) + "\n"
    if comparison.inputs:
        found = _comma(lang).join(_input_text(c, lang) for c in comparison.inputs)
        lines.append(label("changes.inputs", lang, found=found))
    if comparison.rules:
        found = _comma(lang).join(
            f"{label(f'changes.rule.{r.kind}', lang)} {r.id}"
            + _aside(label(f"changes.{r.change}", lang), lang)
            for r in comparison.rules
        )
        lines.append(label("changes.rules", lang, found=found))
    lines.append(
        label(
            "changes.count",
            lang,
            changed=len(comparison.subjects),
            moved=len(comparison.moved),
        )
    )
    lines += [subject_line(s, lang, names) for s in comparison.subjects]
    return "\n".join(lines) + "\n"


def indicator_names(scheme: Scheme) -> dict[str, str]:
    """Each indicator's name by its id."""
    return {i.id: i.name for d in scheme.dimensions for i in d.indicators}


def _value_data(change: ValueChange) -> dict[str, Any]:
    return {
        "dimension": change.dimension,
        "indicator": change.indicator,
        "value": [_plain(change.value_before), _plain(change.value_after)],
        "points": [_plain(change.points_before), _plain(change.points_after)],
        "status": [change.status_before, change.status_after],
        "appeal": change.appeal,
    }


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def comparison_data(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON data, numbers as strings, pairs as ``[before, after]``."""
    subjects = []
    for s in comparison.subjects:
        b, a = s.before, s.after
        subjects.append(
            {
                "subject": s.id,
                "name": s.name,
                "change": s.change.value,
                "score": [_plain(b.score if b else None), _plain(a.score if a else None)],
                "rank": [_plain(b.rank if b else None), _plain(a.rank if a else None)],
                "band": [b.band if b else None, a.band if a else None],
                "values": [_value_data(v) for v in s.values],
                "vetoes_added": list(s.vetoes_added),
                "vetoes_removed": list(s.vetoes_removed),
            }
        )
    return {
        "scheme": comparison.scheme,
        "period": comparison.period,
        "against": comparison.against,
        "unchanged": comparison.unchanged,
        "inputs": [
            {"name": c.name, "change": c.change.value, "before": c.before, "after": c.after}
            for c in comparison.inputs
        ],
        "rules": [{"kind": r.kind, "id": r.id, "change": r.change.value} for r in comparison.rules],
        "subjects": subjects,
    }


def changes_json(comparison: Comparison) -> str:
    """The comparison as JSON text."""
    return json.dumps(comparison_data(comparison), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "subject",
    "name",
    "change",
    "score_before",
    "score_after",
    "rank_before",
    "rank_after",
    "band_before",
    "band_after",
    "cause",
)


def changes_csv(comparison: Comparison, lang: Lang = "zh", scheme: Scheme | None = None) -> str:
    """A row per subject that changed; ``cause`` lists its own values and vetoes that changed,
    or says that it moved with the others (indicators by name in Chinese, given the scheme)."""
    names = indicator_names(scheme) if scheme is not None and lang == "zh" else {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in comparison.subjects:
        b, a = s.before, s.after
        causes = [_value_text(v, lang, names) for v in s.values]
        causes += [label("changes.veto_added", lang, rule=v) for v in s.vetoes_added]
        causes += [label("changes.veto_removed", lang, rule=v) for v in s.vetoes_removed]
        writer.writerow(
            [
                s.id,
                s.name,
                s.change.value,
                _n(b.score) if b else "",
                _n(a.score) if a else "",
                _n(b.rank) if b else "",
                _n(a.rank) if a else "",
                (b.band or "") if b else "",
                (a.band or "") if a else "",
                ("；" if lang == "zh" else "; ").join(causes) or label("changes.with_others", lang),
            ]
        )
    return out.getvalue()


def render_changes(
    comparison: Comparison, fmt: str, lang: Lang = "zh", scheme: Scheme | None = None
) -> str:
    """The comparison in ``fmt``: ``text``, ``json`` or ``csv``; the ``scheme`` names its
    indicators in Chinese text and CSV (JSON keeps ids)."""
    if fmt == "json":
        return changes_json(comparison)
    if fmt == "csv":
        return changes_csv(comparison, lang, scheme)
    return changes_text(comparison, lang, scheme)
