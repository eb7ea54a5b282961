"""Fairness checks of a scoring scheme, each property tried by hypothesis.

``check_scheme(scheme)`` is one call. It runs these properties over generated subjects, values
and records, with the plugins you give it active, and raises :class:`FairnessError` describing
the smallest counterexample hypothesis found, in the words of the school: which teacher, which
indicator, which values.

- **bounded**: every score lies within 0 and the scheme's maximum; every dimension within 0–100.
- **monotonic**: a better raw value (higher, or lower where lower is better) never lowers a
  subject's score.
- **order**: the order in which subjects are listed changes no score, band or rank.
- **veto**: a vetoed subject keeps no bonus point, is never in the top band when its veto
  cancels excellence, and is in the forced band when its veto forces one.
- **quota**: no band holds more subjects than its quota allows.
- **ranks**: a higher score never ranks below a lower one, and subjects equal on score and
  tie-breakers share a rank (except under the ordinal policy).
- **determinism**: the same input gives byte-identical JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoolwork.checks.schemes import scheme_problems
from schoolwork.errors import PluginError
from schoolwork.evaluation.banding import quota_places
from schoolwork.evaluation.engine import evaluate
from schoolwork.evaluation.output import as_json
from schoolwork.job import plugin_host, record_kinds
from schoolwork.plugins import PluginHost
from schoolwork.records import RecordBook, RecordKind
from schoolwork.results import Evaluation, Subject, SubjectResult
from schoolwork.scheme import Direction, Indicator, Scheme, TiePolicy, VetoEffect
from schoolwork.testing import strategies as sw
from schoolwork.workspace import Workspace

PROPERTIES = ("bounded", "monotonic", "order", "veto", "quota", "ranks", "determinism")


class FairnessError(AssertionError):
    """A scheme broke one or more fairness properties; ``failures`` maps each to its story."""

    def __init__(self, scheme: Scheme, failures: Mapping[str, str]) -> None:
        self.scheme = scheme
        self.failures = dict(failures)
        lines = [f"scheme {scheme.id!r} ({scheme.name}) is not fair:"]
        lines += [f"- {name}: {story}" for name, story in self.failures.items()]
        super().__init__("\n".join(lines))


class _Counterexample(AssertionError):
    """Raised inside a property with the story of one counterexample."""


def _who(result: SubjectResult) -> str:
    return f"{result.subject.kind.value} {result.subject.id} ({result.subject.name})"


def _indicator(indicator: Indicator) -> str:
    better = "higher" if indicator.direction is Direction.HIGHER else "lower"
    return f"{indicator.name} ({indicator.id}, {better} is better)"


def check_scheme(
    scheme: Scheme,
    *,
    plugins: Mapping[str, object] | None = None,
    host: PluginHost | None = None,
    subjects: int = 4,
    max_examples: int = 100,
    properties: Iterable[str] = PROPERTIES,
    workspace: Workspace | None = None,
) -> None:
    """Try every fairness property of ``scheme``; raise :class:`FairnessError` if any fails.

    The evaluations take the command line's path: the core's built-in plugins and
    ``plugins`` (name → plugin object) are active, every hook included
    (``schoolwork_indicator_values`` too), and nothing installed is; or pass a ready ``host``.
    A plugin that cannot register (a misspelt hook or argument) raises
    :class:`~schoolwork.PluginError` naming it. ``subjects`` is how many subjects each example
    evaluates; ``workspace`` is what hooks receive as ``workspace`` (``None`` by default).
    """
    host = host or plugin_host(dict(plugins or {}), installed=False)
    if host.failures:
        failure = host.failures[0]
        raise PluginError(failure.plugin, None, failure.reason)
    kinds = record_kinds(host)
    problems = scheme_problems(scheme, "scheme", kinds=kinds)
    if problems:
        raise FairnessError(scheme, {"sound": "; ".join(str(p) for p in problems)})
    people = sw.subjects(subjects, scheme.subject)
    failures: dict[str, str] = {}
    for name in properties:
        check = _PROPERTIES[name]
        context = _Context(host, workspace, kinds)
        try:
            check(scheme, context, people, max_examples)
        except _Counterexample as exc:
            failures[name] = str(exc)
    if failures:
        raise FairnessError(scheme, failures)


def _run(strategy: st.SearchStrategy[Any], max_examples: int, body: Callable[..., None]) -> None:
    runner = settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,  # a check that passes or fails must do so every time it runs
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )(given(strategy)(body))
    runner()


def _inputs(
    scheme: Scheme, people: tuple[Subject, ...], missing: bool = True
) -> st.SearchStrategy[Any]:
    return st.tuples(sw.values_for(scheme, people, missing=missing), sw.records_for(people))


@attrs.frozen
class _Context:
    """What every evaluation of a check shares: the plugins, the workspace, the record kinds."""

    host: PluginHost
    workspace: Workspace | None
    kinds: tuple[RecordKind, ...]


def _evaluate(
    scheme: Scheme, host: _Context, people: tuple[Subject, ...], values: Any, records: RecordBook
) -> Evaluation:
    return evaluate(
        scheme,
        people,
        values=values,
        records=records,
        host=host.host,
        workspace=host.workspace,
        kinds=host.kinds,
    )


def _bounded(scheme: Scheme, host: _Context, people: tuple[Subject, ...], n: int) -> None:
    def body(case: Any) -> None:
        values, records = case
        for result in _evaluate(scheme, host, people, values, records).results:
            if not 0 <= result.score <= scheme.max_score:
                raise _Counterexample(
                    f"{_who(result)} scored {result.score}, outside 0 to {scheme.max_score}"
                )
            for dimension in result.dimensions:
                if dimension.score is not None and not 0 <= dimension.score <= 100:
                    raise _Counterexample(
                        f"{_who(result)} scored {dimension.score} in {dimension.name},"
                        " outside 0 to 100"
                    )

    _run(_inputs(scheme, people), n, body)


def _monotonic(scheme: Scheme, host: _Context, people: tuple[Subject, ...], n: int) -> None:
    indicators = [i for d in scheme.dimensions for i in d.indicators if i.source is None]
    if not indicators:
        return
    strategy = st.tuples(
        _inputs(scheme, people, missing=False),
        st.sampled_from(indicators),
        st.sampled_from(people),
        sw.decimals(1, 60, 1),
    )

    def body(case: Any) -> None:
        (values, records), indicator, subject, step = case
        before_value = values[subject.id][indicator.id]
        after_value = (
            before_value + step if indicator.direction is Direction.HIGHER else before_value - step
        )
        better = {**values, subject.id: {**values[subject.id], indicator.id: after_value}}
        before = _evaluate(scheme, host, people, values, records).result(subject.id)
        after = _evaluate(scheme, host, people, better, records).result(subject.id)
        if after.score < before.score:
            raise _Counterexample(
                f"{_who(before)}: changing {_indicator(indicator)} from {before_value} to "
                f"{after_value} lowered the score from {before.score} to {after.score}"
            )

    _run(strategy, n, body)


def _order(scheme: Scheme, host: _Context, people: tuple[Subject, ...], n: int) -> None:
    strategy = st.tuples(_inputs(scheme, people), st.permutations(people))

    def body(case: Any) -> None:
        (values, records), shuffled = case
        first = _evaluate(scheme, host, people, values, records)
        second = _evaluate(scheme, host, tuple(shuffled), values, records)
        for a in first.results:
            b = second.result(a.subject.id)
            for field in ("score", "band", "rank"):
                if getattr(a, field) != getattr(b, field):
                    order = ", ".join(s.id for s in shuffled)
                    raise _Counterexample(
                        f"listing the subjects as {order} changed the {field} of {_who(a)} "
                        f"from {getattr(a, field)} to {getattr(b, field)}"
                    )

    _run(strategy, n, body)


def _veto(scheme: Scheme, host: _Context, people: tuple[Subject, ...], n: int) -> None:
    top = scheme.bands[0].name if len(scheme.bands) > 1 else None

    def body(case: Any) -> None:
        values, records = case
        for result in _evaluate(scheme, host, people, values, records).results:
            for veto in result.vetoes:
                kept = [a for a in result.adjustments if (a.applied or 0) > 0]
                if kept:
                    raise _Counterexample(
                        f"{_who(result)} has veto {veto.rule!r} yet keeps {kept[0].applied} bonus "
                        f"points from {kept[0].source} ({kept[0].reason})"
                    )
                if VetoEffect.CANCEL_EXCELLENCE in veto.effects and result.band == top:
                    how = f" ({result.moves[-1].reason})" if result.moves else ""
                    raise _Counterexample(
                        f"{_who(result)} has veto {veto.rule!r} (cancel_excellence) but is in "
                        f"the top band {top}{how}"
                    )
                if VetoEffect.FORCE_BAND in veto.effects and veto.band and result.band != veto.band:
                    raise _Counterexample(
                        f"{_who(result)} has veto {veto.rule!r} forcing band {veto.band} but is in "
                        f"{result.band}"
                    )

    _run(_inputs(scheme, people), n, body)


def _quota(scheme: Scheme, host: _Context, people: tuple[Subject, ...], n: int) -> None:
    if not any(b.quota is not None for b in scheme.bands):
        return

    def body(case: Any) -> None:
        values, records = case
        evaluation = _evaluate(scheme, host, people, values, records)
        for band in scheme.bands:
            places = quota_places(band, len(people))
            holders = [r for r in evaluation.results if r.band == band.name]
            if places is not None and len(holders) > places:
                who = ", ".join(f"{r.subject.id} ({r.score})" for r in holders)
                raise _Counterexample(
                    f"band {band.name} holds {len(holders)} of {len(people)} subjects ({who}); its "
                    f"quota of {band.quota} ({band.quota_rounding.value}) allows {places}"
                )

    _run(_inputs(scheme, people), n, body)


def _ranks(scheme: Scheme, host: _Context, people: tuple[Subject, ...], n: int) -> None:
    breakers = scheme.ranking.tie_breakers

    def key(result: SubjectResult) -> tuple[Decimal | None, ...]:
        return (result.score, *(result.dimension(b).score for b in breakers))

    def body(case: Any) -> None:
        values, records = case
        results = _evaluate(scheme, host, people, values, records).results
        for a in results:
            for b in results:
                if a.score > b.score and a.rank >= b.rank:
                    raise _Counterexample(
                        f"{_who(a)} scored {a.score} but ranks {a.rank}, not above "
                        f"{_who(b)} with {b.score} at rank {b.rank}"
                    )
                if (
                    scheme.ranking.ties is not TiePolicy.ORDINAL
                    and key(a) == key(b)
                    and a.rank != b.rank
                ):
                    raise _Counterexample(
                        f"{_who(a)} and {_who(b)} are equal on score and tie-breakers but rank "
                        f"{a.rank} and {b.rank}"
                    )

    _run(_inputs(scheme, people), n, body)


def _determinism(scheme: Scheme, host: _Context, people: tuple[Subject, ...], n: int) -> None:
    def body(case: Any) -> None:
        values, records = case
        first = as_json(_evaluate(scheme, host, people, values, records))
        second = as_json(_evaluate(scheme, host, people, values, records))
        if first != second:
            raise _Counterexample("evaluating the same input twice gave different JSON")

    _run(_inputs(scheme, people), max(n // 4, 1), body)


_PROPERTIES: dict[str, Callable[[Scheme, _Context, tuple[Subject, ...], int], None]] = {
    "bounded": _bounded,
    "monotonic": _monotonic,
    "order": _order,
    "veto": _veto,
    "quota": _quota,
    "ranks": _ranks,
    "determinism": _determinism,
}

__all__ = ["PROPERTIES", "FairnessError", "check_scheme"]
