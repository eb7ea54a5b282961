"""Frozen results under test: re-evaluating unchanged inputs reports no change, and changing one
value changes that subject and only those whose rank or band shift with it.

Standalone properties beside :func:`~schoolwork.testing.check_scheme`: they take the scheme,
the subjects and the raw values a strategy drew (:func:`schoolwork.testing.strategies.frozen_cases`)
and raise :class:`FrozenChangeError` with the story of what went wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from schoolwork.evaluation.changes import Comparison, compare
from schoolwork.evaluation.engine import evaluate
from schoolwork.evaluation.frozen import Frozen, freeze
from schoolwork.job import plugin_host
from schoolwork.plugins import PluginHost
from schoolwork.results import Subject
from schoolwork.scheme import Scheme
from schoolwork.values import Values

AGAINST = "(the first evaluation)"


class FrozenChangeError(AssertionError):
    """A re-evaluation disagreed with its frozen results where it should not have."""


def frozen_of(
    scheme: Scheme,
    subjects: Sequence[Subject],
    values: Values,
    *,
    host: PluginHost | None = None,
    inputs: dict[str, str] | None = None,
) -> Frozen:
    """The evaluation of ``subjects`` under ``scheme`` with ``values``, frozen (by the core's
    plugins only unless ``host`` says otherwise); ``inputs`` stands for the file fingerprints."""
    host = host or plugin_host(installed=False)
    evaluation = evaluate(scheme, subjects, values=values, host=host)
    return freeze(scheme, evaluation, inputs=inputs or {}, plugins={}, library="under test")


def check_unchanged(
    scheme: Scheme,
    subjects: Sequence[Subject],
    values: Values,
    *,
    host: PluginHost | None = None,
) -> Comparison:
    """Freeze, re-evaluate the same inputs and compare: anything but "no change" raises."""
    host = host or plugin_host(installed=False)
    comparison = compare(
        frozen_of(scheme, subjects, values, host=host),
        frozen_of(scheme, subjects, values, host=host),
        against=AGAINST,
    )
    if not comparison.unchanged:
        raise FrozenChangeError(f"unchanged inputs reported changes: {comparison}")
    return comparison


def check_one_value(
    scheme: Scheme,
    subjects: Sequence[Subject],
    values: Values,
    subject: str,
    indicator: str,
    value: Decimal | None,
    *,
    host: PluginHost | None = None,
) -> Comparison:
    """Freeze, set one raw value of one subject, re-evaluate and compare.

    Every other subject the diff names must keep its score, dimension scores, values and
    vetoes (only its rank or band may move with the changed one), and the changed subject
    must be named with that indicator whenever its points or score changed.
    """
    host = host or plugin_host(installed=False)
    before = frozen_of(scheme, subjects, values, host=host)
    changed = {key: dict(row) for key, row in values.items()}
    changed.setdefault(subject, {})[indicator] = value
    comparison = compare(before, frozen_of(scheme, subjects, changed, host=host), against=AGAINST)
    for change in comparison.subjects:
        if change.id == subject:
            if not any(v.indicator == indicator for v in change.values):
                raise FrozenChangeError(f"{subject} changed without its {indicator}: {change}")
            continue
        b, a = change.before, change.after
        if b is None or a is None or b.score != a.score or b.dimensions != a.dimensions:
            raise FrozenChangeError(
                f"setting {subject}'s {indicator} to {value} changed {change.id}'s score: {change}"
            )
        if change.own_cause:
            raise FrozenChangeError(
                f"setting {subject}'s {indicator} to {value} changed {change.id}'s values: {change}"
            )
        if not (change.rank_delta or change.band_moved or b.moves != a.moves):
            raise FrozenChangeError(f"{change.id} is named though nothing of it moved: {change}")
    return comparison
