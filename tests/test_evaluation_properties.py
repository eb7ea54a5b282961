"""Hypothesis properties of the engine over generated sound schemes.

The schemes have every points rule and aggregation, counted indicators, bonus tables, quotas,
every tie policy and vetoes with every effect; the records are of every kind, built so that
vetoes fire and counted indicators run past their caps (``schoolwork.testing.strategies``).
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from schoolwork.evaluation.banding import quota_places
from schoolwork.evaluation.engine import evaluate
from schoolwork.evaluation.output import as_json
from schoolwork.results import Evaluation, SubjectResult
from schoolwork.scheme import Direction, Method, Scheme, SubjectKind, TiePolicy, VetoEffect
from schoolwork.testing import strategies as sw

PEOPLE = sw.subjects(6)
ZERO = Decimal(0)


@st.composite
def cases(draw: st.DrawFn, missing: bool = True):  # type: ignore[no-untyped-def]
    scheme = draw(sw.schemes())
    values, records = draw(sw.inputs_for(scheme, PEOPLE, missing=missing))
    return scheme, values, records


def key(scheme: Scheme, result: SubjectResult) -> tuple[Decimal, ...]:
    breakers = [result.dimension(b).score for b in scheme.ranking.tie_breakers]
    return (result.score, *(Decimal(-1) if s is None else s for s in breakers))


def place(scheme: Scheme, result: SubjectResult) -> int:
    names = [b.name for b in scheme.bands]
    return names.index(result.band) if result.band in names else len(names)


@settings(max_examples=40, deadline=None)
@given(cases())
def test_scores_stay_within_the_schemes_bounds(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    for result in evaluate(scheme, PEOPLE, values=values, records=records).results:
        assert 0 <= result.score <= scheme.max_score
        assert 0 <= result.weighted <= 100
        for dimension in result.dimensions:
            assert dimension.score is None or 0 <= dimension.score <= 100
            for item in dimension.indicators:
                assert item.points is None or 0 <= item.points <= 100
        kept = [a.applied for a in result.adjustments if a.applied is not None and a.applied > 0]
        # Each bonus is rounded after the caps are applied, so with few decimal places the
        # shown bonuses may pass a cap by half a step each: a known engine defect, pinned in
        # tests/test_fairness_power.py (test_bonuses_rounded_after_the_cap_pass_it).
        slack = len(kept) * scheme.quantum / 2
        assert sum(kept, ZERO) <= scheme.bonus_cap + slack


@settings(max_examples=50, deadline=None)
@given(cases(missing=False), st.data())
def test_a_better_value_never_lowers_the_score(case, data) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    # A mode may fall when a value rises (allowed, and warned about); a rated value is the
    # ballots', not the given one.
    given_ = [
        i
        for d in scheme.dimensions
        if d.aggregate.method is not Method.MODE
        for i in d.indicators
        if i.source is None and i.raters is None
    ]
    if not given_:
        return
    indicator = data.draw(st.sampled_from(given_))
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


@settings(max_examples=40, deadline=None)
@given(cases(), st.permutations(range(len(PEOPLE))))
def test_subject_order_changes_nothing(case, order) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    shuffled = tuple(PEOPLE[i] for i in order)
    a = evaluate(scheme, PEOPLE, values=values, records=records)
    b = evaluate(scheme, shuffled, values=dict(reversed(list(values.items()))), records=records)
    assert a == b


@settings(max_examples=50, deadline=None)
@given(cases())
def test_vetoes_take_effect_in_the_settled_order(case) -> None:  # type: ignore[no-untyped-def]
    """docs/evaluation.md, "The order of veto effects and quotas"."""
    scheme, values, records = case
    names = [b.name for b in scheme.bands]
    evaluation = evaluate(scheme, PEOPLE, values=values, records=records)
    for result in evaluation.results:
        if not result.vetoes:
            continue
        assert all((a.applied or 0) <= 0 for a in result.adjustments)  # no bonus kept
        cancel = any(VetoEffect.CANCEL_EXCELLENCE in v.effects for v in result.vetoes)
        if cancel and len(names) > 1:
            assert result.band != names[0]
        forces = [
            names.index(v.band)
            for v in result.vetoes
            if VetoEffect.FORCE_BAND in v.effects and v.band in names
        ]
        if cancel and len(names) > 1:
            forces = [f for f in forces if f != 0]
        if forces:
            forced = max(forces)  # the lowest forced band wins
            at = place(scheme, result)
            assert at == forced or (at > forced and scheme.bands[forced].quota is not None)
        for veto in result.vetoes:
            if VetoEffect.ZERO_DIMENSION in veto.effects and veto.dimension:
                assert result.dimension(veto.dimension).score == 0


@settings(max_examples=40, deadline=None)
@given(cases())
def test_no_band_exceeds_its_quota(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    evaluation = evaluate(scheme, PEOPLE, values=values, records=records)
    for band in scheme.bands:
        places = quota_places(band, len(PEOPLE))
        if places is not None:
            assert sum(1 for r in evaluation.results if r.band == band.name) <= places


@settings(max_examples=40, deadline=None)
@given(cases())
def test_equal_scores_and_tie_breakers_get_equal_ranks(case) -> None:  # type: ignore[no-untyped-def]
    scheme: Scheme = case[0]
    values, records = case[1], case[2]
    if scheme.ranking.ties is TiePolicy.ORDINAL:
        scheme = attrs.evolve(
            scheme, ranking=attrs.evolve(scheme.ranking, ties=TiePolicy.COMPETITION)
        )
    evaluation = evaluate(scheme, PEOPLE, values=values, records=records)
    for a in evaluation.results:
        for b in evaluation.results:
            if key(scheme, a) == key(scheme, b):
                assert a.rank == b.rank
            elif key(scheme, a) > key(scheme, b):
                assert a.rank < b.rank


def band_order_holds(scheme: Scheme, evaluation: Evaluation) -> bool:
    free = [
        r
        for r in evaluation.results
        if not any(
            e in (VetoEffect.CANCEL_EXCELLENCE, VetoEffect.FORCE_BAND)
            for v in r.vetoes
            for e in v.effects
        )
    ]
    for a in free:
        for b in free:
            if key(scheme, a) == key(scheme, b) and a.band != b.band:
                return False
            if key(scheme, a) > key(scheme, b) and place(scheme, a) > place(scheme, b):
                return False
    return True


@settings(max_examples=40, deadline=None)
@given(cases())
def test_bands_follow_the_ranking_unless_ranks_are_ordinal(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    if scheme.ranking.ties is TiePolicy.ORDINAL:
        scheme = attrs.evolve(
            scheme, ranking=attrs.evolve(scheme.ranking, ties=TiePolicy.COMPETITION)
        )
    assert band_order_holds(scheme, evaluate(scheme, PEOPLE, values=values, records=records))


@settings(max_examples=40, deadline=None)
@given(cases())
def test_twins_with_the_same_values_and_records_score_the_same(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    evaluation = evaluate(scheme, PEOPLE, values=values, records=records)
    by_values: dict[str, list[SubjectResult]] = {}
    for result in evaluation.results:
        mine = repr(sorted(values[result.subject.id].items()))
        by_values.setdefault(mine, []).append(result)
    for group in by_values.values():
        counted = [
            tuple(i.value for d in r.dimensions for i in d.indicators if i.source != "input")
            for r in group
        ]
        vetoes = [tuple(v.rule for v in r.vetoes) for r in group]
        bonus = [sum((a.applied or ZERO for a in r.adjustments), ZERO) for r in group]
        for r, c, v, b in zip(group, counted, vetoes, bonus, strict=True):
            if (c, v, b) == (counted[0], vetoes[0], bonus[0]):
                assert r.score == group[0].score


@settings(max_examples=30, deadline=None)
@given(cases())
def test_the_same_input_gives_byte_identical_json(case) -> None:  # type: ignore[no-untyped-def]
    scheme, values, records = case
    first = as_json(evaluate(scheme, PEOPLE, values=values, records=records)).encode()
    second = as_json(evaluate(scheme, PEOPLE, values=values, records=records)).encode()
    assert first == second


def test_the_strategies_reach_every_record_kind_effect_and_count() -> None:
    """What the properties above range over: every veto effect fires, counted indicators
    count past 0, records of every core kind turn up (inspections for units)."""
    fired: set[VetoEffect] = set()
    counted: set[Decimal] = set()
    kinds: set[str] = set()

    @settings(max_examples=80, deadline=None, database=None, derandomize=True)
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        subject = data.draw(st.sampled_from([SubjectKind.TEACHER, SubjectKind.CLASS]))
        people = sw.subjects(4, subject)
        scheme = data.draw(sw.schemes(subject=subject))
        values, records = data.draw(sw.inputs_for(scheme, people))
        kinds.update(name for name, found in records.records.items() if found)
        for result in evaluate(scheme, people, values=values, records=records).results:
            fired.update(e for v in result.vetoes for e in v.effects)
            for d in result.dimensions:
                counted.update(i.value for i in d.indicators if i.source.endswith("records"))

    collect()
    assert fired == set(VetoEffect)
    assert max(v for v in counted if v is not None) >= 3
    assert kinds == {"honour", "activity", "inspection", "incident", "ballot"}
