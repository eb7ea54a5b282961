"""What the summary's numbers mean, said beside them: a scheme's rules and what 达成度 is.

A reader at the county bureau sees a band count or an achievement figure without the workspace
behind it; these notes say, in a paragraph, how the figure was made: the scheme's dimensions and
weights, its bands with their quotas, its bonus cap and vetoes; how a goal's achievement is
computed and what 完成, 基本完成 and 未完成 mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from schoolwork.evaluation.banding import quota_places
from schoolwork.goals import AT_RISK_MARGIN, DevelopmentPlan
from schoolwork.labels import Lang, label
from schoolwork.reports.model import Text
from schoolwork.scheme import Band, Scheme, VetoEffect, VetoRule

HUNDRED = Decimal(100)


def number(value: Decimal) -> str:
    """A decimal as a person writes it: ``20``, ``2.5``, never ``20.00`` or ``2E+1``."""
    return f"{value.normalize():f}"


def fixed(value: Decimal, places: int) -> str:
    """A score as its scheme shows it, with ``places`` decimals: ``0.00``, ``85.40``.

    Never rounded: the engine rounds a score once, by the scheme's rule; a zero it set (a
    dimension a veto zeroed) has no places, and a plugin's score with more digits keeps them.
    """
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        return f"{value:f}"
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}"


def percent(share: Decimal, places: int = 1) -> str:
    """A share (0.2) as a percentage with at most ``places`` decimals and no trailing zeros."""
    value = (share * HUNDRED).quantize(Decimal(1).scaleb(-places))
    return f"{number(value)}%"


def _joined(items: Sequence[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def scheme_note(scheme: Scheme, subjects: int, lang: Lang) -> Text:
    """The scheme in one paragraph: dimensions with their share of the total, the split of
    process and result, the bonus cap, the bands with their quotas, the vetoes."""
    total = sum((d.weight for d in scheme.dimensions), Decimal(0))
    dimensions = [
        label("note.scheme.dimension", lang, name=d.name, share=percent(d.weight / total))
        for d in scheme.dimensions
    ]
    sentences = [
        label(
            "note.scheme.dimensions",
            lang,
            scheme=scheme.name,
            count=len(dimensions),
            dimensions=_joined(dimensions, lang),
        )
    ]
    if scheme.split is not None:
        sentences.append(
            label(
                "note.scheme.split",
                lang,
                process=percent(scheme.split.process),
                result=percent(scheme.split.result),
            )
        )
    if scheme.bonuses and scheme.bonus_cap > 0:
        names = _joined([f"“{b.name}”" for b in scheme.bonuses], lang)
        sentences.append(
            label("note.scheme.bonus", lang, names=names, cap=number(scheme.bonus_cap))
        )
    if scheme.bands:
        bands = [
            _band(band, index, scheme, subjects, lang) for index, band in enumerate(scheme.bands)
        ]
        sentences.append(label("note.scheme.bands", lang, bands=_joined_clauses(bands, lang)))
    if scheme.vetoes:
        vetoes = [_veto(rule, scheme, lang) for rule in scheme.vetoes]
        sentences.append(label("note.scheme.vetoes", lang, vetoes=_joined_clauses(vetoes, lang)))
    return Text(label("note.scheme.lead", lang) + ("" if lang == "zh" else " ").join(sentences))


def _joined_clauses(clauses: Sequence[str], lang: Lang) -> str:
    return ("；" if lang == "zh" else "; ").join(clauses)


def _band(band: Band, index: int, scheme: Scheme, subjects: int, lang: Lang) -> str:
    last = index == len(scheme.bands) - 1
    if last and band.min_score <= 0:
        text = label("note.scheme.band_rest", lang, name=band.name)
    else:
        text = label("note.scheme.band", lang, name=band.name, min=number(band.min_score))
    if band.quota is not None:
        places = quota_places(band, subjects)
        text += label(
            "note.scheme.quota",
            lang,
            share=percent(band.quota),
            subjects=label(f"count.{scheme.subject.value}", lang, count=subjects),
            places=places,
            measure=label(f"measure.{scheme.subject.value}", lang),
            rounding=label(band.quota_rounding, lang),
        )
    return text


def _veto(rule: VetoRule, scheme: Scheme, lang: Lang) -> str:
    effects = veto_effects(scheme, rule.effects, rule.band, rule.dimension, lang)
    return label("note.scheme.veto", lang, name=rule.name, effects=effects)


def veto_effects(
    scheme: Scheme,
    effects: Sequence[VetoEffect],
    band: str | None,
    dimension: str | None,
    lang: Lang,
) -> str:
    """What a veto does, in words: 不得评为“优秀”、取消评优资格，不计加分."""
    top = scheme.bands[0].name if scheme.bands else ""
    names = {d.id: d.name for d in scheme.dimensions}
    dimension_name = names.get(dimension or "", dimension or "")
    return _joined(
        [
            label(effect, lang, top=top, band=band or "", dimension=dimension_name)
            for effect in effects
        ],
        lang,
    )


def achievement_note(plans: Sequence[DevelopmentPlan], year_end: bool, lang: Lang) -> Text:
    """What 达成度 means, how it rolls up, and the words the table uses for it."""
    cap = max((p.cap for p in plans), default=Decimal(1))
    sentences = [label("note.achieved", lang)]
    if cap > 1:
        sentences.append(label("note.achieved_cap", lang, cap=percent(cap, 0)))
    margin = percent(Decimal(1) - AT_RISK_MARGIN, 0)
    if year_end:
        sentences.append(label("note.outcomes", lang, mostly=margin))
    else:
        sentences.append(label("note.pace", lang, margin=percent(AT_RISK_MARGIN, 0)))
    return Text(label("note.achieved.lead", lang) + ("" if lang == "zh" else " ").join(sentences))
