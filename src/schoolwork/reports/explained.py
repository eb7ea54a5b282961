"""One subject's score, point by point, in the reader's language (``evaluate --explain``).

In English this is the engine's own trace (:func:`schoolwork.evaluation.output.explain`). In
Chinese each line is said again from the scheme the score came from: every indicator's rule
(线性换算, 分档, 每次扣分), every dimension's weight and how it combines its indicators, every
bonus with the honour behind it, every veto with its effects and every move between bands
(a quota, a veto, a tie at the last place). What the engine knows only as text — a plugin's
note, the reason of a move no rule accounts for — is quoted as it is.

:func:`explanation_data` is the same explanation as data, for ``--format json``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from schoolwork import converter
from schoolwork.errors import UnknownIdError
from schoolwork.evaluation.banding import quota_places
from schoolwork.evaluation.output import explain as explain_in_english
from schoolwork.labels import Lang, label
from schoolwork.records import Honour
from schoolwork.reports.rated import gain_words, rated_words
from schoolwork.results import (
    Adjustment,
    BandMove,
    DimensionScore,
    Evaluation,
    IndicatorScore,
    SubjectResult,
    ValueStatus,
    Veto,
)
from schoolwork.scheme import (
    DENOMINATED,
    HUNDRED,
    Aggregate,
    Dimension,
    Direction,
    Indicator,
    Method,
    PointsRule,
    RuleKind,
    Scheme,
    VetoEffect,
)
from schoolwork.workspace import Workspace


def subject_result(evaluation: Evaluation, subject: str, lang: Lang = "en") -> SubjectResult:
    """The result of the subject with id ``subject``, or else with that name.

    A name two subjects share, or a subject the evaluation does not hold, is an
    :class:`~schoolwork.UnknownIdError` in ``lang``, naming the ids, or the closest names.
    """
    for result in evaluation.results:
        if result.subject.id == subject:
            return result
    named = [r for r in evaluation.results if r.subject.name == subject]
    if len(named) == 1:
        return named[0]
    if named:
        ids = label("listing.list", lang).join(r.subject.id for r in named)
        raise UnknownIdError(
            label("explain.ambiguous", lang, name=repr(subject), count=len(named), ids=ids)
        )
    known = [r.subject.id for r in evaluation.results] + [
        r.subject.name for r in evaluation.results
    ]
    text = label("explain.no_subject", lang, subject=repr(subject), scheme=repr(evaluation.scheme))
    close = difflib.get_close_matches(subject, known, n=1)
    if close:
        text += label("listing.did_you_mean", lang, close=repr(close[0]))
    raise UnknownIdError(text)


def explanation_data(
    result: SubjectResult, scheme: Scheme, evaluation: Evaluation
) -> dict[str, Any]:
    """The explanation as data: the scheme, the year, how many were evaluated, and the subject's
    whole result (every dimension, indicator, adjustment, veto and move), numbers as strings."""
    data: dict[str, Any] = {
        "scheme": scheme.id,
        "scheme_name": scheme.name,
        "period": evaluation.period,
        "subjects": len(evaluation.results),
    }
    data.update(converter.unstructure(result))
    return data


def explanation_json(result: SubjectResult, scheme: Scheme, evaluation: Evaluation) -> str:
    """:func:`explanation_data` as deterministic JSON, numbers as strings as the JSON format
    of an evaluation writes them."""
    data = explanation_data(result, scheme, evaluation)
    return json.dumps(data, ensure_ascii=False, indent=2, default=_decimal) + "\n"


def _decimal(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:f}"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def explanation(
    result: SubjectResult,
    scheme: Scheme,
    evaluation: Evaluation,
    workspace: Workspace,
    lang: Lang = "en",
) -> str:
    """Every point of ``result``'s score as text in ``lang``, one line per rule applied."""
    if lang != "zh":
        return explain_in_english(result, scheme)
    return _Chinese(result, scheme, evaluation, workspace).text()


class _Chinese:
    """The explanation in Chinese, looked up in the scheme and the workspace's records."""

    def __init__(
        self, result: SubjectResult, scheme: Scheme, evaluation: Evaluation, workspace: Workspace
    ) -> None:
        self.result = result
        self.scheme = scheme
        self.evaluation = evaluation
        self.honours: Mapping[str, Honour] = {h.id: h for h in workspace.honours}
        self.workspace = workspace
        self.dimensions: Mapping[str, Dimension] = {d.id: d for d in scheme.dimensions}
        self.measure = label(f"measure.{scheme.subject.value}", "zh")

    def say(self, key: str, **values: object) -> str:
        return label(f"explain.{key}", "zh", **values)

    def text(self) -> str:
        r, s = self.result, self.scheme
        lines = [
            self.say(
                "head",
                name=r.subject.name,
                id=r.subject.id,
                scheme=s.name,
                scheme_id=s.id,
                period=self.evaluation.period,
            ),
            self.say(
                "score",
                score=_n(r.score),
                rank=_rank(r.rank),
                total=len(self.evaluation.results),
                band=r.band or "—",
            ),
            self.say(
                "rounding",
                places=s.places,
                rounding=label(f"explain.rounding.{s.rounding.value}", "zh"),
                missing=label(f"explain.missing.{s.missing.value}", "zh"),
            ),
            "",
        ]
        counted = sum((d.weight for d in r.dimensions if d.score is not None), Decimal(0))
        for dimension in r.dimensions:
            lines += self.dimension(dimension, counted)
        lines.append(self.say("weighted", score=_n(r.weighted)))
        lines += [self.adjustment(a) for a in r.adjustments]
        lines += [self.veto(v) for v in r.vetoes]
        lines += [self.move(m) for m in r.moves]
        lines.append(self.say("final", score=_n(r.score), max=s.max_score))
        return "\n".join(lines) + "\n"

    def dimension(self, scored: DimensionScore, counted: Decimal) -> list[str]:
        declared = self.dimensions.get(scored.id)
        how = (
            self.method(declared.aggregate, declared.indicators)
            if declared is not None
            else scored.method
        )
        score = (
            self.say("no_value")
            if scored.score is None
            else self.say("points", points=_n(scored.score))
        )
        head = self.say(
            "dimension",
            name=scored.name,
            score=score,
            weight=scored.weight,
            total=counted,
            method=how,
        )
        if scored.process is not None or scored.result is not None:
            head += self.say(
                "split", process=_n(scored.process) or "—", result=_n(scored.result) or "—"
            )
        lines = [head]
        if scored.note:
            lines.append("    " + self.note(scored))
        indicators = {i.id: i for i in declared.indicators} if declared is not None else {}
        for item in scored.indicators:
            lines.append("    " + self.indicator(item, indicators.get(item.id)))
        return lines

    def method(self, rule: Aggregate, indicators: Sequence[Indicator] = ()) -> str:
        cap = HUNDRED if rule.cap is None else rule.cap
        if rule.method is Method.SUM:
            text = self.say("method.sum", cap=cap)
        else:
            text = self.say(f"method.{rule.method.value}")
        extra = [i.name for i in indicators if i.extra_credit]
        if extra and rule.method in DENOMINATED:
            text += self.say("extra_credit", names="、".join(extra), cap=cap)
        if rule.drop_lowest:
            text += self.say("drop_lowest", count=rule.drop_lowest)
        if rule.keep_highest is not None:
            text += self.say("keep_highest", count=rule.keep_highest)
        return text

    def note(self, scored: DimensionScore) -> str:
        veto = next((v for v in self.result.vetoes if v.dimension == scored.id), None)
        if veto is not None and VetoEffect.ZERO_DIMENSION in veto.effects:
            return self.say("zeroed", rule=self.veto_name(veto))
        return scored.note

    def indicator(self, item: IndicatorScore, declared: Indicator | None) -> str:
        value = self.say("missing_value") if item.value is None else _n(item.value)
        points = "—" if item.points is None else _n(item.points)
        rule = self.rule(declared.points, declared.direction) if declared is not None else item.rule
        text = self.say(
            "indicator",
            name=item.name,
            value=value,
            source=self.source(item, declared),
            points=points,
            rule=rule,
        )
        if item.status is not ValueStatus.USED:
            text += self.say(f"status.{item.status.value}")
        elif declared is not None and declared.extra_credit:
            text += self.say("status.extra_credit")
        return text

    def source(self, item: IndicatorScore, declared: Indicator | None) -> str:
        if item.source == "input":
            return self.say("source.input")
        if item.source == "no value":
            return self.say("source.none")
        if declared is not None and not item.source.startswith("plugin:"):
            # 民主测评 and 增值 say in Chinese what the engine's note says in English
            if declared.raters is not None:
                me = self.result.subject.id
                ballots = [b for b in self.workspace.records.ballots if b.subject == me]
                return rated_words(self.scheme, declared, ballots, "zh", key="explain.rated")
            if declared.gain is not None:
                schemes = self.workspace.schemes
                return gain_words(
                    self.scheme, declared, self.result, "zh", schemes, key="explain.gain"
                )
        if (
            declared is not None
            and declared.source is not None
            and not item.source.startswith("plugin:")
        ):
            kind = declared.source.kind
            name = label(f"explain.record.{kind}", "zh") if kind in _RECORD_KINDS else kind
            return self.say("source.records", kind=name)
        return item.source

    def rule(self, rule: PointsRule, direction: Direction) -> str:
        higher = direction is Direction.HIGHER
        better = self.say("better.higher" if higher else "better.lower")
        if rule.rule is RuleKind.LINEAR:
            low, high = ("0", "100") if higher else ("100", "0")
            return self.say(
                "rule.linear", floor=rule.floor, low=low, ceiling=rule.ceiling, high=high
            )
        if rule.rule is RuleKind.THRESHOLDS:
            sign = "≥" if higher else "≤"
            steps = "、".join(f"{sign}{s.at}→{s.points}" for s in rule.steps)
            return self.say("rule.thresholds", steps=steps)
        cap = HUNDRED if rule.cap is None else rule.cap
        if rule.rule is RuleKind.COUNT:
            key = "rule.count_up" if higher else "rule.count_down"
            return self.say(key, each=rule.each, cap=cap, better=better)
        return self.say("rule.ratio", target=rule.target, cap=cap, better=better)

    def adjustment(self, item: Adjustment) -> str:
        applied = item.applied if item.applied is not None else item.points
        kind = self.say("bonus" if item.points >= 0 else "deduction")
        signed = f"+{_n(applied)}" if applied >= 0 else _n(applied)
        bonus = next((b for b in self.scheme.bonuses if b.id == item.rule), None)
        honour = self.honours.get(item.record or "")
        if item.source == "scheme" and bonus is not None and honour is not None:
            why = self.say(
                "honour",
                rule=bonus.name,
                title=honour.title,
                level=label(honour.level, "zh"),
                prize=_prize(honour),
                record=honour.id,
            )
        elif item.source.startswith("plugin:"):
            why = self.say(
                "from_plugin", reason=item.reason, plugin=item.source.removeprefix("plugin:")
            )
        else:
            why = item.reason
        text = self.say("adjustment", kind=kind, points=signed, why=why)
        if applied != item.points:
            key = "vetoed" if self.result.vetoes and applied == 0 else "capped"
            text += self.say(key, asked=_n(item.points))
        return text

    def veto_name(self, veto: Veto) -> str:
        rule = next((v for v in self.scheme.vetoes if v.id == veto.rule), None)
        return rule.name if rule is not None else veto.rule

    def veto(self, veto: Veto) -> str:
        bands = [b.name for b in self.scheme.bands]
        effects = []
        for effect in veto.effects:
            dimension = self.dimensions.get(veto.dimension or "")
            effects.append(
                label(
                    effect,
                    "zh",
                    top=bands[0] if bands else "",
                    band=veto.band or "",
                    dimension=dimension.name if dimension is not None else veto.dimension or "",
                )
            )
        where = self.say("record", record=veto.record) if veto.record else ""
        if veto.source.startswith("plugin:"):
            where = self.say(
                "from_plugin", reason=veto.reason, plugin=veto.source.removeprefix("plugin:")
            )
        return self.say("veto", rule=self.veto_name(veto), where=where, effects="，".join(effects))

    def move(self, move: BandMove) -> str:
        bands = {b.name: b for b in self.scheme.bands}
        names = list(bands)
        start, end = move.from_band or "—", move.to_band or "—"
        if move.from_band == move.to_band:
            return self.say("move.tie", band=start)
        for veto in self.result.vetoes:
            if VetoEffect.FORCE_BAND in veto.effects and veto.band == move.to_band:
                return self.say("move.veto", rule=self.veto_name(veto), start=start, end=end)
            if VetoEffect.CANCEL_EXCELLENCE in veto.effects and names[:2] == [
                move.from_band,
                move.to_band,
            ]:
                return self.say("move.veto", rule=self.veto_name(veto), start=start, end=end)
        band = bands.get(move.from_band or "")
        if band is not None and band.quota is not None:
            total = len(self.evaluation.results)
            share = f"{band.quota * 100:f}".rstrip("0").rstrip(".") + "%"
            return self.say(
                "move.quota",
                band=start,
                places=quota_places(band, total),
                total=total,
                measure=self.measure,
                share=share,
                rounding=label(band.quota_rounding, "zh"),
                rank=_rank(self.result.rank),
                end=end,
            )
        return self.say("move.other", start=start, end=end, reason=move.reason)


_RECORD_KINDS = frozenset({"honour", "activity", "inspection", "incident"})


def _n(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _rank(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _prize(honour: Honour) -> str:
    if honour.rank is not None:
        return label(honour.rank, "zh")
    if honour.place is not None:
        return f"第{honour.place}名"
    return label("rank.title", "zh")


__all__ = ["explanation", "explanation_data", "explanation_json", "subject_result"]
