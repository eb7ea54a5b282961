"""Appeals (申诉) in the evaluation: an upheld correction is the effective input value.

An appeal against an input (its ``disputed`` an indicator, with a ``corrected`` value) that is
upheld (成立) replaces the value of the values file for that subject and indicator, in every
evaluation of the scheme whose period holds the appeal's date: that is what 成立 means. The
values file is never rewritten, so what the school typed and what the appeal decided both
stay on record, and the explanation of the value says ``corrected by appeal A001``.

This module is a built-in plugin of ``schoolwork_indicator_values``, as the core's record
counts are: a correction takes the path of any plugin's value. Appeals that dispute a rule or
a record change nothing by themselves; the rule or record is put right where it is kept, and
the change shows as an input or rule change against frozen results.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

import attrs

from schoolwork.plugins import hookimpl
from schoolwork.records import Appeal, AppealDecision, RecordBook
from schoolwork.results import Evaluation, IndicatorValue, SubjectResult
from schoolwork.scheme import Scheme

NAME = "schoolwork.appeals"
KIND = "appeal"
NOTE = "corrected by appeal {id}"
"""How an explanation names the appeal behind a corrected value."""


def indicator_ids(scheme: Scheme) -> set[str]:
    """The ids of the indicators of ``scheme``."""
    return {i.id for d in scheme.dimensions for i in d.indicators}


def counted_ids(scheme: Scheme) -> set[str]:
    """The ids of the indicators of ``scheme`` counted from records, which no appeal corrects:
    the records are put right instead."""
    return {i.id for d in scheme.dimensions for i in d.indicators if i.source is not None}


def corrects(appeal: Appeal, scheme: Scheme) -> bool:
    """Whether ``appeal`` is an upheld correction of an input value of ``scheme``."""
    return (
        appeal.decision is AppealDecision.UPHELD
        and appeal.scheme == scheme.id
        and appeal.corrected is not None
        and appeal.disputed in indicator_ids(scheme) - counted_ids(scheme)
    )


def corrections(scheme: Scheme, appeals: Iterable[Appeal]) -> dict[tuple[str, str], Appeal]:
    """The upheld corrections among ``appeals`` by (subject id, indicator id). Two upheld
    corrections of one value are told apart by date, then id: the later one stands, as a
    second appeal decides on top of the first."""
    found: dict[tuple[str, str], Appeal] = {}
    for appeal in sorted(appeals, key=lambda a: (a.date, a.id)):
        if corrects(appeal, scheme):
            found[(appeal.subject, appeal.disputed)] = appeal
    return found


def corrected_values(scheme: Scheme, records: RecordBook) -> dict[str, IndicatorValue] | None:
    """The corrected value of each indicator of one subject's ``records`` (its book inside the
    scheme's period) that an upheld appeal corrects; ``None`` when none does. (A plain function
    beside the hook: mutation testing skips decorated ones.)"""
    found = {
        indicator: IndicatorValue(appeal.corrected, NOTE.format(id=appeal.id))
        for (_, indicator), appeal in corrections(scheme, records.kind(KIND)).items()
    }
    return found or None


@hookimpl
def schoolwork_indicator_values(
    scheme: Scheme, records: RecordBook
) -> dict[str, IndicatorValue] | None:
    return corrected_values(scheme, records)


def without_appeals(records: RecordBook) -> RecordBook:
    """``records`` less the appeals: what the evaluation reads when no appeal is to apply."""
    return RecordBook({k: v for k, v in records.records.items() if k != KIND})


def in_period(appeals: Iterable[Appeal], scheme: Scheme, start: date, end: date) -> list[Appeal]:
    """The appeals against ``scheme`` dated from ``start`` to ``end``, by date then id."""
    return sorted(
        (a for a in appeals if a.scheme == scheme.id and start <= a.date <= end),
        key=lambda a: (a.date, a.id),
    )


@attrs.frozen
class AppealOutcome:
    """One appeal and what it changed: the disputed value, and the subject's score, rank and
    band without the upheld corrections (``before``) and with them (``after``).

    For an appeal that corrects nothing (pending, rejected, or about a rule or a record) the
    value pair is the value as evaluated, and ``before`` is ``after`` unless another upheld
    correction of the same subject moved it.
    """

    appeal: Appeal
    subject: str  # the subject's name ('' if it is not evaluated)
    value_before: Decimal | None
    value_after: Decimal | None
    before: SubjectResult | None
    after: SubjectResult | None
    applied: bool  # whether this appeal's correction is the value evaluated

    @property
    def score_delta(self) -> Decimal | None:
        """The subject's score with the corrections less without them."""
        if self.before is None or self.after is None:
            return None
        return self.after.score - self.before.score


def outcomes(
    scheme: Scheme,
    appeals: Sequence[Appeal],
    plain: Evaluation,
    corrected: Evaluation,
) -> tuple[AppealOutcome, ...]:
    """Each of ``appeals`` (against ``scheme``, in its period) with what it changed, from the
    evaluation without appeals (``plain``) and with them (``corrected``)."""
    applied = corrections(scheme, appeals)
    found = []
    for appeal in appeals:
        before = _result(plain, appeal.subject)
        after = _result(corrected, appeal.subject)
        either = after or before
        found.append(
            AppealOutcome(
                appeal=appeal,
                subject=either.subject.name if either is not None else "",
                value_before=_value(before, appeal.disputed),
                value_after=_value(after, appeal.disputed),
                before=before,
                after=after,
                applied=applied.get((appeal.subject, appeal.disputed)) == appeal,
            )
        )
    return tuple(found)


def by_subject(found: Iterable[AppealOutcome]) -> Mapping[str, tuple[AppealOutcome, ...]]:
    """``found`` by subject id, each subject's in date order."""
    grouped: dict[str, list[AppealOutcome]] = {}
    for outcome in found:
        grouped.setdefault(outcome.appeal.subject, []).append(outcome)
    return {subject: tuple(items) for subject, items in grouped.items()}


def _result(evaluation: Evaluation, subject_id: str) -> SubjectResult | None:
    for result in evaluation.results:
        if result.subject.id == subject_id:
            return result
    return None


def _value(result: SubjectResult | None, indicator_id: str) -> Decimal | None:
    if result is None:
        return None
    for dimension in result.dimensions:
        for item in dimension.indicators:
            if item.id == indicator_id:
                return item.value
    return None
