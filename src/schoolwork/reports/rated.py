"""民主测评 and 增值评价 in the report: how an indicator's ballots were combined, and what a
value-added indicator measured.

Both editions get aggregates only. For a rated indicator: each group's weight, rule and
minimum, how many ballots it cast in all, for how many subjects it counted and its mean group
score — never a token, never which ballot was whose. For a gain: how many subjects had a
baseline, the mean baseline, current value and gain, and how many rose, held or fell. The
internal edition adds each subject's baseline, current value and gain.

A gain's current value is read from the result when it is another indicator of the scheme
(its raw value there), and its baseline is then current − gain, exactly, for an absolute gain.
A relative gain or a gain on its own column shows the gain alone: its baseline is not in the
result, and a baseline worked back from a rounded percentage would not be the one read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from schoolwork.evaluation.raters import group_scores
from schoolwork.labels import Lang, label
from schoolwork.records import Ballot
from schoolwork.reports.model import Edition, PartKind, Section, Table, Text
from schoolwork.reports.notes import fixed, number
from schoolwork.results import Evaluation, IndicatorScore, SubjectResult
from schoolwork.scheme import Combine, Gain, GainKind, Indicator, RaterWeight, Scheme

ZERO = Decimal(0)


def combine_words(rule: RaterWeight, lang: Lang) -> str:
    """How a group's ballots are combined, in words: 中位数, 去掉1个最高分和1个最低分后平均."""
    if rule.combine is Combine.TRIMMED_MEAN:
        return label("rated.trimmed", lang, trim=rule.trim)
    return label(rule.combine, lang)


def _indicators(scheme: Scheme) -> list[Indicator]:
    found: dict[str, Indicator] = {}
    for dimension in scheme.dimensions:
        for indicator in dimension.indicators:
            found.setdefault(indicator.id, indicator)
    return list(found.values())


def _score(result: SubjectResult, indicator_id: str) -> IndicatorScore | None:
    for dimension in result.dimensions:
        for score in dimension.indicators:
            if score.id == indicator_id:
                return score
    return None


def _mean(values: Sequence[Decimal], places: int) -> str:
    if not values:
        return "—"
    # A mean is the report's own figure, not a score the engine rounded: rounded here, half up.
    mean = sum(values, ZERO) / len(values)
    return fixed(mean.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), places)


def rated_sections(
    scheme: Scheme, evaluation: Evaluation, ballots: Sequence[Ballot], lang: Lang
) -> Iterable[Section]:
    """One section per indicator of ``scheme`` scored by raters: how each group's ballots
    were combined, with counts and mean group scores over the evaluated subjects."""
    subjects = [r.subject.id for r in evaluation.results]
    for indicator in _indicators(scheme):
        raters = indicator.raters
        if raters is None:
            continue
        mine = [b for b in ballots if b.scheme == scheme.id and b.indicator == indicator.id]
        by_subject: dict[str, list[Ballot]] = {s: [] for s in subjects}
        for ballot in mine:
            if ballot.subject in by_subject:
                by_subject[ballot.subject].append(ballot)
        groups = {
            subject: group_scores(raters, cast, scheme.quantum, scheme.rounding.mode)
            for subject, cast in by_subject.items()
        }
        rows = []
        for index, rule in enumerate(raters.groups):
            found = [g[index] for g in groups.values()]
            present = [g.score for g in found if g.score is not None]
            how = combine_words(rule, lang)
            rows.append(
                (
                    label(rule.group, lang),
                    number(rule.weight),
                    how,
                    str(rule.min_ballots),
                    str(sum(g.count for g in found)),
                    label("rated.counted", lang, present=len(present), total=len(found)),
                    _mean(present, scheme.places),
                )
            )
        values = [
            s.value
            for s in (_score(r, indicator.id) for r in evaluation.results)
            if s is not None and s.value is not None
        ]
        note = label(
            "rated.note",
            lang,
            name=indicator.name,
            ballots=len([b for b in mine if b.subject in by_subject]),
            subjects=label(f"count.{scheme.subject.value}", lang, count=len(subjects)),
            absent=label(raters.absent, lang),
            scored=len(values),
            mean=_mean(values, scheme.places),
        )
        columns = tuple(
            label(f"rated.column.{key}", lang)
            for key in ("group", "weight", "rule", "minimum", "ballots", "counted", "mean")
        )
        yield Section(
            f"rated-{scheme.id}-{indicator.id}",
            label("rated.title", lang, name=indicator.name),
            PartKind.HIGHLIGHTS,
            (Text(note), Table(columns, tuple(rows), caption=label("rated.caption", lang))),
        )


def _figures(
    scheme: Scheme, indicator: Indicator, result: SubjectResult
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """A subject's baseline, current value and gain, as far as the result holds them."""
    gain = indicator.gain
    score = _score(result, indicator.id)
    value = None if score is None else score.value
    if gain is None or gain.current in (None, indicator.id):
        return None, None, value
    current_score = _score(result, gain.current or "")
    current = None if current_score is None else current_score.value
    if value is None or current is None or gain.kind is not GainKind.ABSOLUTE:
        return None, current, value
    return current - value, current, value


def baseline_name(gain: Gain, schemes: Sequence[Scheme], lang: Lang) -> str:
    """The baseline as a reader knows it: the earlier scheme's name and period and the
    indicator's name (``教师年度考核（2022-2023）的“学业水平”``); the ids when unknown."""
    scheme_id, indicator_id = gain.reference
    for scheme in schemes:
        if scheme.id != scheme_id:
            continue
        for dimension in scheme.dimensions:
            for indicator in dimension.indicators:
                if indicator.id == indicator_id:
                    return label(
                        "gain.baseline",
                        lang,
                        scheme=scheme.name,
                        period=scheme.period,
                        name=indicator.name,
                    )
    return gain.baseline


def gain_sections(
    scheme: Scheme, evaluation: Evaluation, lang: Lang, schemes: Sequence[Scheme] = ()
) -> Iterable[Section]:
    """For each value-added indicator of ``scheme``: its aggregates (both editions), then
    every subject's baseline, current value and gain (internal edition). ``schemes`` (the
    workspace's) name the baseline."""
    for indicator in _indicators(scheme):
        gain = indicator.gain
        if gain is None:
            continue
        figures = [(r, *_figures(scheme, indicator, r)) for r in evaluation.results]
        gained = [f for f in figures if f[3] is not None]
        gains = [f[3] for f in gained if f[3] is not None]
        baselines = [f[1] for f in gained if f[1] is not None]
        currents = [f[2] for f in gained if f[2] is not None]
        places = scheme.places
        note = label(
            "gain.note",
            lang,
            name=indicator.name,
            baseline=baseline_name(gain, schemes, lang),
            kind=label(gain.kind, lang),
            missing=label(gain.missing, lang),
            with_baseline=len(gained),
            without=len(figures) - len(gained),
        )
        rows = [
            (label("gain.row.subjects", lang), str(len(gained))),
            (label("gain.row.rose", lang), str(sum(1 for g in gains if g > 0))),
            (label("gain.row.held", lang), str(sum(1 for g in gains if g == 0))),
            (label("gain.row.fell", lang), str(sum(1 for g in gains if g < 0))),
        ]
        if baselines:
            rows.append((label("gain.row.baseline", lang), _mean(baselines, places)))
        if currents:
            rows.append((label("gain.row.current", lang), _mean(currents, places)))
        rows.append((label("gain.row.gain", lang), _mean(gains, places)))
        section_id = f"gain-{scheme.id}-{indicator.id}"
        title = label("gain.title", lang, name=indicator.name)
        columns = (label("gain.column.item", lang), label("gain.column.value", lang))
        yield Section(
            section_id,
            title,
            PartKind.HIGHLIGHTS,
            (Text(note), Table(columns, tuple(rows), caption=label("gain.caption", lang))),
        )
        # By name, as the internal edition's ranking names them: an id is the school's own
        # code, not a word for the staff room's notice board.
        each = tuple(
            (
                r.subject.name,
                "—" if baseline is None else f"{baseline:f}",
                "—" if current is None else f"{current:f}",
                "—" if value is None else f"{value:f}",
            )
            for r, baseline, current, value in sorted(
                figures, key=lambda f: (f[3] is None, -(f[3] or ZERO), f[0].subject.id)
            )
        )
        each_columns = tuple(
            label(f"gain.column.{key}", lang) for key in ("name", "baseline", "current", "gain")
        )
        yield Section(
            f"{section_id}-subjects",
            label("gain.title.subjects", lang, name=indicator.name),
            PartKind.HIGHLIGHTS,
            (Table(each_columns, each),),
            edition=Edition.INTERNAL,
        )


def rated_words(
    scheme: Scheme,
    indicator: Indicator,
    ballots: Sequence[Ballot],
    lang: Lang,
    key: str = "rated.slip",
) -> str:
    """How one subject's ``ballots`` gave ``indicator``'s value, group by group, for a score
    slip (or, with ``key="explain.rated"``, an explanation's line): counts, rules and group
    scores, never a token or a single ballot."""
    raters = indicator.raters
    if raters is None:
        return ""
    mine = [b for b in ballots if b.scheme == scheme.id and b.indicator == indicator.id]
    parts = []
    for group in group_scores(raters, mine, scheme.quantum, scheme.rounding.mode):
        rule = group.rule
        how = combine_words(rule, lang)
        name = label(rule.group, lang)
        if group.score is None:
            parts.append(
                label(
                    "rated.slip.absent", lang, group=name, count=group.count, least=rule.min_ballots
                )
            )
            continue
        parts.append(
            label(
                "rated.slip.group",
                lang,
                group=name,
                count=group.count,
                how=how,
                score=fixed(group.score, scheme.places),
                weight=number(rule.weight),
            )
        )
    separator = "；" if lang == "zh" else "; "
    return label(key, lang, groups=separator.join(parts))


def gain_words(
    scheme: Scheme,
    indicator: Indicator,
    result: SubjectResult,
    lang: Lang,
    schemes: Sequence[Scheme] = (),
    key: str = "gain.slip",
) -> str:
    """A gain's baseline, current value and gain for one subject's score slip (or, with
    ``key="explain.gain"``, an explanation's line)."""
    gain = indicator.gain
    if gain is None:
        return ""
    named = baseline_name(gain, schemes, lang)
    baseline, current, value = _figures(scheme, indicator, result)
    if value is None:
        return label(f"{key}.none", lang, baseline=named)
    if baseline is None or current is None:
        return label(f"{key}.gain", lang, baseline=named, gain=f"{value:f}")
    return label(
        key,
        lang,
        reference=named,
        baseline=f"{baseline:f}",
        current=f"{current:f}",
        gain=f"{value:f}",
    )
