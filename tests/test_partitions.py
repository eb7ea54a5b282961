"""A partitioned evaluation equals the single-machine one, whatever the split and the order.

Subjects, values, records and schemes come from ``schoolwork.testing.strategies`` (every rule,
aggregation, bonus, veto effect and quota); every tie policy and every quota rounding is forced
in turn. The parts are scored alone, in a random order, and only their rows meet in
:func:`partitions.decide`, after a round trip through pickle as from a worker process.
"""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoolwork import hookimpl
from schoolwork.errors import SchemeError
from schoolwork.evaluation import partitions
from schoolwork.evaluation.engine import evaluate
from schoolwork.job import plugin_host
from schoolwork.plugins import PluginHost
from schoolwork.results import Evaluation, Subject, SubjectResult
from schoolwork.scheme import (
    Dimension,
    Indicator,
    PointsRule,
    QuotaRounding,
    RuleKind,
    Scheme,
    SubjectKind,
    TiePolicy,
)
from schoolwork.testing import strategies as sw
from schoolwork.values import Values

PEOPLE = sw.subjects(9)


@st.composite
def splits(draw: st.DrawFn) -> list[list[Subject]]:
    """``PEOPLE`` cut into one to four non-empty parts, each shuffled, in a random order."""
    count = draw(st.integers(1, 4))
    owner = draw(st.lists(st.integers(0, count - 1), min_size=len(PEOPLE), max_size=len(PEOPLE)))
    parts = [[p for p, o in zip(PEOPLE, owner, strict=True) if o == n] for n in range(count)]
    parts = [draw(st.permutations(part)) for part in parts if part]
    return draw(st.permutations(parts))


def forced(scheme: Scheme, ties: TiePolicy, rounding: QuotaRounding) -> Scheme:
    bands = tuple(attrs.evolve(b, quota_rounding=rounding) for b in scheme.bands)
    return attrs.evolve(scheme, ranking=attrs.evolve(scheme.ranking, ties=ties), bands=bands)


def partitioned(
    scheme: Scheme,
    parts: list[list[Subject]],
    values: Values,
    records: object,
    host: PluginHost | None = None,
) -> list[partitions.Decided]:
    rows = []
    for part in parts:
        # Each part sees only its own subjects' values, as a school's workspace would.
        own = {s.id: values[s.id] for s in part if s.id in values}
        scored = partitions.score_partition(
            scheme,
            part,
            values=own,
            records=records,  # type: ignore[arg-type]
            host=host,
        )
        # Pickled and back, as a process pool's worker sends its rows to the main process.
        rows += pickle.loads(pickle.dumps(scored))
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    if host is not None:
        decided = partitions.plugin_bands(scheme, host, decided)
    return decided


def assert_same(whole: Evaluation, decided: list[partitions.Decided], scheme: Scheme) -> None:
    assert [d.row.id for d in decided] == [r.subject.id for r in whole.results]
    for d, r in zip(decided, whole.results, strict=True):
        assert d.row.score == r.score
        assert d.row.weighted == r.weighted
        assert d.row.dimensions == tuple(x.score for x in r.dimensions)
        assert d.row.vetoes == r.vetoes
        assert (d.rank, d.band, d.moves) == (r.rank, r.band, r.moves)
        adjusted = sum((a.applied or Decimal(0) for a in r.adjustments), Decimal(0))
        assert d.row.adjusted == adjusted


@pytest.mark.parametrize("rounding", list(QuotaRounding))
@pytest.mark.parametrize("ties", list(TiePolicy))
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_partitions_equal_one_evaluation(ties: TiePolicy, rounding: QuotaRounding, data) -> None:  # type: ignore[no-untyped-def]
    scheme = forced(data.draw(sw.schemes()), ties, rounding)
    values, records = data.draw(sw.inputs_for(scheme, PEOPLE))
    parts = data.draw(splits())
    try:
        whole = evaluate(scheme, PEOPLE, values=values, records=records)
    except SchemeError:
        with pytest.raises(SchemeError):
            partitioned(scheme, parts, values, records)
        return
    decided = partitioned(scheme, parts, values, records)
    assert_same(whole, decided, scheme)
    # Any subject's full explanation is rebuilt from its own inputs alone.
    chosen = data.draw(st.sampled_from(decided))
    subject = next(s for s in PEOPLE if s.id == chosen.row.id)
    rebuilt = partitions.rebuild(scheme, subject, chosen, values=values, records=records)
    assert rebuilt == whole.result(subject.id)


class Lenient:
    """Moves every subject of the last band whose id ends in an odd digit up to the first."""

    @hookimpl
    def schoolwork_assign_bands(
        self, scheme: Scheme, results: tuple[SubjectResult, ...]
    ) -> dict[str, str | None]:
        if not scheme.bands:
            return {}
        last = scheme.bands[-1].name
        return {
            r.subject.id: scheme.bands[0].name
            for r in results
            if r.band == last and int(r.subject.id[-1]) % 2 and r.dimensions
        }


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_a_band_plugin_sees_the_whole_population_once(data) -> None:  # type: ignore[no-untyped-def]
    scheme = data.draw(sw.schemes(vetoes=False))
    values, records = data.draw(sw.inputs_for(scheme, PEOPLE))
    parts = data.draw(splits())
    host = plugin_host({"lenient": Lenient()}, installed=False)
    whole = evaluate(scheme, PEOPLE, values=values, records=records, host=host)
    assert_same(whole, partitioned(scheme, parts, values, records, host), scheme)


def test_ids_are_qualified_by_school() -> None:
    linear = PointsRule(RuleKind.LINEAR, floor=Decimal(0), ceiling=Decimal(100))
    dimension = Dimension("d", "维度", Decimal(1), (Indicator("i", "指标", linear),))
    scheme = Scheme("s", "方案", SubjectKind.TEACHER, "2023-2024", (dimension,))
    people = sw.subjects(2)
    values: Values = {p.id: {"i": Decimal(50)} for p in people}
    rows = [
        *partitions.score_partition(scheme, people, values=values, school="a"),
        *partitions.score_partition(scheme, people, values=values, school="b"),
    ]
    assert [r.id for r in rows] == ["a/T001", "a/T002", "b/T001", "b/T002"]
    assert [r.local for r in rows] == ["T001", "T002", "T001", "T002"]
    assert len(partitions.decide(scheme, rows).ranks) == 4
    with pytest.raises(ValueError, match="'a/T001' appears twice"):
        partitions.decide(scheme, rows + rows[:1])
