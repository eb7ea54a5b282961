"""Part 二 and 三 drafts of evaluations: the subjects in a scheme's failing band, where they
lost their points, and every veto that fired."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from schoolwork.reports.drafts import Context, Draft, Finding, Topic
from schoolwork.reports.notes import fixed, veto_effects
from schoolwork.results import Evaluation, SubjectResult
from schoolwork.scheme import Band, Scheme, SubjectKind

PASS_LINE = Decimal(60)
"""A band whose floor is below this is a failing band (不合格, 待改进): its members are named."""


def failing_band(scheme: Scheme) -> Band | None:
    """The scheme's lowest band when it lies below the pass line (不合格, 待改进)."""
    if len(scheme.bands) < 2 or scheme.bands[-1].min_score >= PASS_LINE:
        return None
    return scheme.bands[-1]


def results(context: Context, evaluations: Sequence[tuple[Scheme, Evaluation]]) -> Draft | None:
    """The subjects each scheme put in its failing band, and where they lost their points."""
    findings = []
    for scheme, evaluation in evaluations:
        band = failing_band(scheme)
        if band is None:
            continue
        low = [r for r in evaluation.results if r.band == band.name]
        if low:
            findings.append(_result_finding(context, scheme, band, low, evaluation.results))
    return Draft(Topic.RESULTS, tuple(findings)) if findings else None


def _result_finding(
    context: Context,
    scheme: Scheme,
    band: Band,
    low: Sequence[SubjectResult],
    everyone: Sequence[SubjectResult],
) -> Finding:
    say = context.say
    subjects = say(f"count.{scheme.subject.value}", count=len(low))
    persons = scheme.subject is SubjectKind.TEACHER
    if persons and not context.named:
        who = ""
    elif context.named:
        who = say(
            "draft.who",
            names=context.joined(
                say("draft.scored", name=r.subject.name, score=fixed(r.score, scheme.places))
                for r in low
            ),
        )
    else:
        scores = sorted(r.score for r in low)
        who = say(
            "draft.who_range",
            names=context.joined(r.subject.name for r in low),
            low=fixed(scores[0], scheme.places),
            high=fixed(scores[-1], scheme.places),
        )
    weakest = _weakest(low, everyone, scheme.quantum)
    where = ""
    if weakest is not None:
        name, mine, overall = weakest
        where = say("draft.results.where", dimension=name, mean=mine, overall=overall)
    problem = (
        say(
            "draft.results",
            scheme=scheme.name,
            subjects=subjects,
            band=band.name,
            who=who,
            count=len(low),
        )
        + where
        + say("draft.end")
    )
    step = say(
        "step.results",
        band=band.name,
        subjects=subjects,
        dimension=weakest[0] if weakest else say("step.results.every"),
    )
    return Finding(problem, step)


def _weakest(
    low: Sequence[SubjectResult], everyone: Sequence[SubjectResult], quantum: Decimal
) -> tuple[str, str, str] | None:
    """The dimension where the failing band trails everyone most: name, its mean, everyone's,
    the means to the scheme's places, as the report's other means are."""
    best: tuple[Decimal, str, str, str] | None = None
    for index, dimension in enumerate(everyone[0].dimensions if everyone else ()):
        mine = _mean(r.dimensions[index].score for r in low)
        overall = _mean(r.dimensions[index].score for r in everyone)
        if mine is None or overall is None:
            continue
        gap = overall - mine
        if best is None or gap > best[0]:
            best = (
                gap,
                dimension.name,
                f"{mine.quantize(quantum):f}",
                f"{overall.quantize(quantum):f}",
            )
    if best is None or best[0] <= 0:
        return None
    return best[1], best[2], best[3]


def _mean(values: Iterable[Decimal | None]) -> Decimal | None:
    found = [v for v in values if v is not None]
    return sum(found, Decimal(0)) / len(found) if found else None


def vetoes(context: Context, evaluations: Sequence[tuple[Scheme, Evaluation]]) -> Draft | None:
    """Each veto that fired, by scheme and rule: how many it struck and what it did."""
    say = context.say
    findings = []
    for scheme, evaluation in evaluations:
        rules = {r.id: r for r in scheme.vetoes}
        struck: dict[str, list[SubjectResult]] = defaultdict(list)
        for result in evaluation.results:
            for rule_id in dict.fromkeys(v.rule for v in result.vetoes):
                struck[rule_id].append(result)
        for rule_id, results_ in struck.items():
            veto = next(v for v in results_[0].vetoes if v.rule == rule_id)
            rule = rules.get(rule_id)
            name = rule.name if rule is not None else veto.reason or rule_id
            effects = veto_effects(scheme, veto.effects, veto.band, veto.dimension, context.lang)
            persons = scheme.subject is SubjectKind.TEACHER
            who = ""
            if context.named or not persons:
                who = say("draft.who", names=context.joined(r.subject.name for r in results_))
            subjects = say(f"count.{scheme.subject.value}", count=len(results_))
            findings.append(
                Finding(
                    say(
                        "draft.veto",
                        scheme=scheme.name,
                        subjects=subjects,
                        rule=name,
                        effects=effects,
                        who=who,
                    ),
                    say("step.veto", rule=name),
                )
            )
    return Draft(Topic.VETOES, tuple(findings)) if findings else None
