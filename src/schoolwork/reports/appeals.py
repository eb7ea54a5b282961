"""Appeals (申诉) in the report and on the score slips: what was disputed, how it was decided
and why, and what it changed.

The internal edition lists every appeal of a scheme right after its results (公示) table: the
teacher, what was disputed, the decision, its reason and the score it made. The bureau edition
names no teacher: it says only how many appeals there were and how they were decided.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from schoolwork.evaluation.appeals import AppealOutcome
from schoolwork.labels import Lang, label
from schoolwork.records import AppealDecision
from schoolwork.reports.model import Edition, PartKind, Section, Table, Text
from schoolwork.scheme import Scheme

_TALLIED = (AppealDecision.UPHELD, AppealDecision.REJECTED, AppealDecision.PENDING)
"""The decisions in the order a tally says them: decided first."""


def _n(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:f}"


def disputed_words(outcome: AppealOutcome, scheme: Scheme, lang: Lang) -> str:
    """What the appeal disputes, by the scheme's name for it: an indicator with its value as
    typed, a rule, a band or a record."""
    disputed = outcome.appeal.disputed
    for dimension in scheme.dimensions:
        for indicator in dimension.indicators:
            if indicator.id == disputed:
                return label(
                    "appeals.disputed.indicator",
                    lang,
                    name=indicator.name,
                    value=_n(outcome.value_before),
                )
    names = {r.id: r.name for r in scheme.bonuses} | {r.id: r.name for r in scheme.vetoes}
    if disputed in names:
        return label("appeals.disputed.rule", lang, name=names[disputed])
    if any(band.name == disputed for band in scheme.bands):
        return label("appeals.disputed.band", lang, name=disputed)
    return label("appeals.disputed.record", lang, id=disputed)


def change_words(outcome: AppealOutcome, places: int, lang: Lang) -> str:
    """What the appeal changed: its correction and the score it made, or that it changed
    nothing."""
    appeal = outcome.appeal
    if not outcome.applied:
        if appeal.decision is AppealDecision.PENDING and appeal.corrected is not None:
            return label("appeals.change.asked", lang, value=_n(appeal.corrected))
        return label("appeals.change.none", lang)
    before, after = outcome.before, outcome.after
    scored = ""
    if before is not None and after is not None:
        scored = label(
            "appeals.change.score",
            lang,
            before=_fixed(before.score, places),
            after=_fixed(after.score, places),
            rank_before=f"{before.rank.normalize():f}",
            rank_after=f"{after.rank.normalize():f}",
        )
    return (
        label(
            "appeals.change.value",
            lang,
            before=_n(outcome.value_before),
            after=_n(outcome.value_after),
        )
        + scored
    )


def _fixed(value: Decimal, places: int) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}"


def decision_words(outcome: AppealOutcome, lang: Lang) -> str:
    """The decision, with its date and reason."""
    appeal = outcome.appeal
    said = label(appeal.decision, lang)
    if appeal.decided is not None:
        said += f"（{appeal.decided}）" if lang == "zh" else f" ({appeal.decided})"
    if appeal.reason:
        said += ("：" if lang == "zh" else ": ") + appeal.reason
    return said


def appeals_table(scheme: Scheme, found: Sequence[AppealOutcome], lang: Lang) -> Table:
    """A row per appeal: its id and date, the subject, what was disputed and claimed, the
    decision with its reason, and what it changed."""
    rows = tuple(
        (
            o.appeal.id,
            str(o.appeal.date),
            o.subject or o.appeal.subject,
            disputed_words(o, scheme, lang),
            o.appeal.claim or "—",
            decision_words(o, lang),
            change_words(o, scheme.places, lang),
        )
        for o in found
    )
    return Table(
        tuple(
            label(f"appeals.column.{c}", lang)
            for c in ("id", "date", "subject", "disputed", "claim", "decision", "change")
        ),
        rows,
    )


def tally(found: Iterable[AppealOutcome], lang: Lang) -> str:
    """How many appeals, and how many of each decision: ``申诉 3 件：成立 1 件，…``."""
    counts = Counter(o.appeal.decision for o in found)
    parts = [
        label("appeals.tally.part", lang, decision=label(d, lang), count=counts[d])
        for d in _TALLIED
        if counts[d]
    ]
    separator = "，" if lang == "zh" else ", "
    return label("appeals.tally", lang, count=sum(counts.values()), parts=separator.join(parts))


def appeals_sections(
    evaluated: Iterable[Scheme], outcomes: Mapping[str, Sequence[AppealOutcome]], lang: Lang
) -> Iterable[Section]:
    """For each scheme with appeals: the list of them after its results table (internal
    edition), and their tally after its summary (bureau edition)."""
    for scheme in evaluated:
        found = outcomes.get(scheme.id, ())
        if not found:
            continue
        title = label("appeals.title", lang, scheme=scheme.name)
        yield Section(
            f"appeals-{scheme.id}",
            title,
            PartKind.HIGHLIGHTS,
            (Text(tally(found, lang)), appeals_table(scheme, found, lang)),
            after=f"ranking-{scheme.id}",
            edition=Edition.INTERNAL,
        )
        yield Section(
            f"appeals-{scheme.id}",
            title,
            PartKind.HIGHLIGHTS,
            (Text(tally(found, lang)),),
            after=f"evaluation-{scheme.id}",
            edition=Edition.BUREAU,
        )


def slip_lines(found: Sequence[AppealOutcome], scheme: Scheme, lang: Lang) -> tuple[str, ...]:
    """One subject's appeals as the lines of its slip: each with what was disputed, the
    decision and reason, and what it changed."""
    return tuple(
        label(
            "appeals.slip",
            lang,
            id=o.appeal.id,
            date=o.appeal.date,
            disputed=disputed_words(o, scheme, lang),
            decision=decision_words(o, lang),
            change=change_words(o, scheme.places, lang),
        )
        for o in found
    )
