"""Hypothesis properties of the engine over generated sound schemes."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from schoolwork.evaluation.banding import quota_places
from schoolwork.evaluation.engine import evaluate
from schoolwork.evaluation.output import as_json
from schoolwork.scheme import Direction, Scheme, TiePolicy, VetoEffect
from schoolwork.testing import strategies as sw

PEOPLE = sw.subjects(6)


@st.composite
def cases(draw: st.DrawFn, missing: bool = True):  # type: ignore[no-untyped-def]
    scheme = draw(sw.schemes())
    values = draw(sw.values_for(scheme, PEOPLE, missing=missing))
    records = draw(sw.records_for(PEOPLE))
    return scheme, values, records


@settings(max_examples=60, deadline=None)
@given(cases())
def test_scores_stay_within_the_schemes_bounds(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    for result in evaluate(scheme, PEOPLE, values=values, records=records).results:
        assert 0 <= result.score <= scheme.max_score
        for dimension in result.dimensions:
            assert dimension.score is None or 0 <= dimension.score <= 100


@settings(max_examples=80, deadline=None)
@given(cases(missing=False), st.data())
def test_a_better_value_never_lowers_the_score(case, data) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    indicators = [i for d in scheme.dimensions for i in d.indicators]
    indicator = data.draw(st.sampled_from(indicators))
    subject = data.draw(st.sampled_from(PEOPLE)).id
    step = data.draw(sw.decimals(0, 50, 1))
    better = dict(values[subject])
    current = better[indicator.id]
    assert current is not None
    better[indicator.id] = (
        current + step if indicator.direction is Direction.HIGHER else current - step
    )
    before = evaluate(scheme, PEOPLE, values=values, records=records).result(subject)
    after = evaluate(scheme, PEOPLE, values={**values, subject: better}, records=records).result(
        subject
    )
    assert after.score >= before.score


@settings(max_examples=60, deadline=None)
@given(cases(), st.permutations(range(len(PEOPLE))))
def test_subject_order_changes_nothing(case, order) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    shuffled = tuple(PEOPLE[i] for i in order)
    a = evaluate(scheme, PEOPLE, values=values, records=records)
    b = evaluate(scheme, shuffled, values=dict(reversed(list(values.items()))), records=records)
    assert a == b


@settings(max_examples=60, deadline=None)
@given(cases())
def test_a_vetoed_subject_is_never_in_the_top_band(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    if len(scheme.bands) < 2:
        return
    evaluation = evaluate(scheme, PEOPLE, values=values, records=records)
    for result in evaluation.results:
        if any(VetoEffect.CANCEL_EXCELLENCE in v.effects for v in result.vetoes):
            assert result.band != scheme.bands[0].name
        if result.vetoes:
            assert all(a.applied is not None and a.applied <= 0 for a in result.adjustments)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_no_band_exceeds_its_quota(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    evaluation = evaluate(scheme, PEOPLE, values=values, records=records)
    for band in scheme.bands:
        places = quota_places(band, len(PEOPLE))
        if places is not None:
            assert sum(1 for r in evaluation.results if r.band == band.name) <= places


@settings(max_examples=60, deadline=None)
@given(cases())
def test_equal_scores_and_tie_breakers_get_equal_ranks(case) -> None:  # type: ignore[no-untyped-def]
    scheme: Scheme = case[0]
    values, records = case[1], case[2]
    if scheme.ranking.ties is TiePolicy.ORDINAL:
        scheme = attrs.evolve(
            scheme, ranking=attrs.evolve(scheme.ranking, ties=TiePolicy.COMPETITION)
        )
    evaluation = evaluate(scheme, PEOPLE, values=values, records=records)

    def key(result):  # type: ignore[no-untyped-def]
        return (result.score, *(result.dimension(b).score for b in scheme.ranking.tie_breakers))

    for a in evaluation.results:
        for b in evaluation.results:
            if key(a) == key(b):
                assert a.rank == b.rank
            elif a.score > b.score:
                assert a.rank < b.rank


@settings(max_examples=30, deadline=None)
@given(cases())
def test_the_same_input_gives_byte_identical_json(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    first = as_json(evaluate(scheme, PEOPLE, values=values, records=records)).encode()
    second = as_json(evaluate(scheme, PEOPLE, values=values, records=records)).encode()
    assert first == second
    assert Decimal  # JSON carries Decimals as strings; nothing passed through a float
