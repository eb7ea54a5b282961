"""The engine against hand-computed expectations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from evaluation_helpers import IDENTITY, D, bands, indicators, one_dimension, teachers

from schoolwork.conditions import Clause, Condition, Op
from schoolwork.evaluation.engine import SchemeError, evaluate
from schoolwork.levels import Level
from schoolwork.records import (
    AwardRank,
    Honour,
    Incident,
    Recipient,
    RecipientKind,
    RecordBook,
    Severity,
)
from schoolwork.results import ValueStatus
from schoolwork.scheme import (
    Aggregate,
    Band,
    BonusRule,
    Dimension,
    Direction,
    Indicator,
    Method,
    Missing,
    Part,
    PointsRule,
    QuotaRounding,
    Ranking,
    RuleKind,
    Scheme,
    Split,
    SubjectKind,
    Threshold,
    TieOrder,
    TiePolicy,
    VetoEffect,
    VetoRule,
)

VALUES = {"t": {"a": D(90), "b": D(70), "c": D(80), "d": D(70)}}


def score_of(scheme: Scheme, values: dict[str, dict[str, Decimal | None]] = VALUES) -> Decimal:
    evaluation = evaluate(scheme, teachers(*values), values=values)
    return evaluation.results[0].score


@pytest.mark.parametrize(
    ("aggregate", "expected"),
    [
        (Aggregate(Method.MEAN), "77.50"),  # (90+70+80+70)/4
        (Aggregate(Method.MEDIAN), "75.00"),  # (70+80)/2
        (Aggregate(Method.LOWEST), "70.00"),
        (Aggregate(Method.HIGHEST), "90.00"),
        (Aggregate(Method.SUM), "100.00"),  # 310 capped at 100
        (Aggregate(Method.SUM, cap=D(100)), "100.00"),
        (Aggregate(Method.MEAN, drop_lowest=1), "80.00"),  # one 70 dropped: (90+80+70)/3
        (Aggregate(Method.MEAN, drop_lowest=2), "85.00"),  # both 70s dropped
        (Aggregate(Method.MEAN, drop_lowest=9), "90.00"),  # at least one value is kept
        (Aggregate(Method.MEAN, keep_highest=2), "85.00"),
        (Aggregate(Method.MEDIAN, keep_highest=3), "80.00"),  # median of 90, 80, 70
        (Aggregate(Method.LOWEST, drop_lowest=2), "80.00"),
    ],
)
def test_aggregation_methods(aggregate: Aggregate, expected: str) -> None:
    assert score_of(one_dimension(aggregate)) == D(expected)


def test_weighted_mean() -> None:
    dimension = Dimension("dim", "dim", D(1), indicators("a", "b", weights=[3, 1]))
    scheme = Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", (dimension,))
    assert score_of(scheme, {"t": {"a": D(90), "b": D(70)}}) == D("85.00")  # (270+70)/4


def test_sum_with_a_cap() -> None:
    scheme = one_dimension(Aggregate(Method.SUM, cap=D(50)), ids=("a", "b"))
    assert score_of(scheme, {"t": {"a": D(20), "b": D(15)}}) == D("35.00")
    assert score_of(scheme, {"t": {"a": D(40), "b": D(15)}}) == D("50.00")


@pytest.mark.parametrize(
    ("ties", "dropped"),
    [(TieOrder.LAST_DECLARED, "d"), (TieOrder.FIRST_DECLARED, "b"), (TieOrder.ID, "d")],
)
def test_which_equal_value_is_dropped_is_declared(ties: TieOrder, dropped: str) -> None:
    scheme = one_dimension(Aggregate(Method.MEAN, drop_lowest=1, ties=ties))
    result = evaluate(scheme, teachers("t"), values=VALUES).results[0]
    statuses = {i.id: i.status for i in result.dimension("dim").indicators}
    assert [i for i, s in statuses.items() if s is ValueStatus.DROPPED] == [dropped]


def test_drop_does_not_depend_on_input_order() -> None:
    scheme = one_dimension(Aggregate(Method.MEAN, drop_lowest=1))
    shuffled = {"t": dict(reversed(list(VALUES["t"].items())))}
    assert evaluate(scheme, teachers("t"), values=VALUES) == evaluate(
        scheme, teachers("t"), values=shuffled
    )


@pytest.mark.parametrize(
    ("missing", "expected", "status"),
    [(Missing.EXCLUDE, "80.00", ValueStatus.MISSING), (Missing.ZERO, "53.33", ValueStatus.ZERO)],
)
def test_missing_value_policy(missing: Missing, expected: str, status: ValueStatus) -> None:
    scheme = one_dimension(ids=("a", "b", "c"), missing=missing, aggregate=Aggregate(Method.MEAN))
    result = evaluate(
        scheme, teachers("t"), values={"t": {"a": D(90), "b": D(70), "c": None}}
    ).results[0]
    assert result.score == D(expected)  # exclude: (90+70)/2; zero: 160/3 = 53.333… → 53.33
    assert result.dimension("dim").indicators[2].status is status


@pytest.mark.parametrize(
    ("rule", "direction", "value", "points"),
    [
        (
            PointsRule(RuleKind.LINEAR, floor=D(60), ceiling=D(100)),
            Direction.HIGHER,
            D(85),
            "62.50",
        ),
        (PointsRule(RuleKind.LINEAR, floor=D(60), ceiling=D(100)), Direction.HIGHER, D(50), "0.00"),
        (PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(10)), Direction.LOWER, D(2), "80.00"),
        (
            PointsRule(
                RuleKind.THRESHOLDS, steps=(Threshold(D(1), D(60)), Threshold(D(3), D(100)))
            ),
            Direction.HIGHER,
            D(2),
            "60.00",
        ),
        (
            PointsRule(
                RuleKind.THRESHOLDS, steps=(Threshold(D(1), D(60)), Threshold(D(3), D(100)))
            ),
            Direction.HIGHER,
            D(0),
            "0.00",
        ),
        (
            PointsRule(
                RuleKind.THRESHOLDS, steps=(Threshold(D(0), D(100)), Threshold(D(2), D(50)))
            ),
            Direction.LOWER,
            D(1),
            "50.00",
        ),
        (PointsRule(RuleKind.COUNT, each=D("12.5")), Direction.HIGHER, D(7), "87.50"),
        (PointsRule(RuleKind.COUNT, each=D("12.5"), cap=D(80)), Direction.HIGHER, D(7), "80.00"),
        (PointsRule(RuleKind.COUNT, each=D(10)), Direction.LOWER, D(3), "70.00"),
        (PointsRule(RuleKind.RATIO, target=D(20)), Direction.HIGHER, D(15), "75.00"),
        (PointsRule(RuleKind.RATIO, target=D(20)), Direction.HIGHER, D(30), "100.00"),
        (PointsRule(RuleKind.RATIO, target=D(2)), Direction.LOWER, D(4), "50.00"),
        (PointsRule(RuleKind.RATIO, target=D(2)), Direction.LOWER, D(0), "100.00"),
    ],
)
def test_points_rules(rule: PointsRule, direction: Direction, value: Decimal, points: str) -> None:
    dimension = Dimension("dim", "dim", D(1), (Indicator("x", "x", rule, direction=direction),))
    scheme = Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", (dimension,))
    assert score_of(scheme, {"t": {"x": value}}) == D(points)


def test_weighted_total_and_rounding_half_up() -> None:
    dims = (
        Dimension("x", "x", D(2), indicators("a")),
        Dimension("y", "y", D(1), indicators("b")),
    )
    scheme = Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", dims, places=1)
    # (2 × 80.05 → 80.1 shown) … indicator points are rounded first: 80.05 → 80.1, 70.0
    # total (2×80.1 + 70.0)/3 = 76.7333… → 76.7
    assert score_of(scheme, {"t": {"a": D("80.05"), "b": D(70)}}) == D("76.7")


def test_process_and_result_split() -> None:
    dimension = Dimension(
        "dim",
        "dim",
        D(1),
        (
            Indicator("p", "p", IDENTITY, part=Part.PROCESS),
            Indicator("r", "r", IDENTITY, part=Part.RESULT),
        ),
    )
    scheme = Scheme(
        "s", "s", SubjectKind.TEACHER, "2023-2024", (dimension,), split=Split(D("0.6"), D("0.4"))
    )
    result = evaluate(scheme, teachers("t"), values={"t": {"p": D(90), "r": D(60)}}).results[0]
    assert result.dimension("dim").process == D("90.00")
    assert result.dimension("dim").result == D("60.00")
    assert result.score == D("78.00")  # 0.6×90 + 0.4×60


def scheme_for_ranks(policy: TiePolicy, breakers: tuple[str, ...] = ()) -> Scheme:
    dims = (Dimension("x", "x", D(1), indicators("a")), Dimension("y", "y", D(1), indicators("b")))
    return Scheme(
        "s", "s", SubjectKind.TEACHER, "2023-2024", dims, ranking=Ranking(policy, breakers)
    )


RANK_VALUES = {  # totals: p 90, q 80, r 80, s 70
    "p": {"a": D(90), "b": D(90)},
    "q": {"a": D(70), "b": D(90)},
    "r": {"a": D(90), "b": D(70)},
    "s": {"a": D(70), "b": D(70)},
}


@pytest.mark.parametrize(
    ("policy", "ranks"),
    [
        (TiePolicy.COMPETITION, ["1", "2", "2", "4"]),
        (TiePolicy.MODIFIED, ["1", "3", "3", "4"]),
        (TiePolicy.DENSE, ["1", "2", "2", "3"]),
        (TiePolicy.FRACTIONAL, ["1", "2.5", "2.5", "4"]),
        (TiePolicy.ORDINAL, ["1", "2", "3", "4"]),
    ],
)
def test_tie_policies(policy: TiePolicy, ranks: list[str]) -> None:
    evaluation = evaluate(scheme_for_ranks(policy), teachers(*RANK_VALUES), values=RANK_VALUES)
    by_id = {r.subject.id: r.rank for r in evaluation.results}
    assert [by_id[s] for s in "pqrs"] == [D(r) for r in ranks]


def test_ordinal_breaks_remaining_ties_by_id_not_input_order() -> None:
    reordered = dict(reversed(list(RANK_VALUES.items())))
    a = evaluate(scheme_for_ranks(TiePolicy.ORDINAL), teachers(*RANK_VALUES), values=RANK_VALUES)
    b = evaluate(scheme_for_ranks(TiePolicy.ORDINAL), teachers(*reordered), values=reordered)
    assert [(r.subject.id, r.rank) for r in a.results] == [
        (r.subject.id, r.rank) for r in b.results
    ]
    assert a.result("q").rank == D(2)


def test_tie_breakers_in_declared_order() -> None:
    evaluation = evaluate(
        scheme_for_ranks(TiePolicy.COMPETITION, ("x",)), teachers(*RANK_VALUES), values=RANK_VALUES
    )
    assert evaluation.result("r").rank == D(2)  # r wins the tie on x (90 against 70)
    assert evaluation.result("q").rank == D(3)
    evaluation = evaluate(
        scheme_for_ranks(TiePolicy.COMPETITION, ("y",)), teachers(*RANK_VALUES), values=RANK_VALUES
    )
    assert evaluation.result("q").rank == D(2)


def test_band_threshold_uses_the_shown_score() -> None:
    scheme = one_dimension(ids=("a",), places=1, bands=bands(("优秀", 80), ("合格", 0)))
    # 79.96 is shown as 80.0, so it is 优秀: a printed 80.0 is never in the band below.
    evaluation = evaluate(scheme, teachers("t"), values={"t": {"a": D("79.96")}})
    assert evaluation.results[0].score == D("80.0")
    assert evaluation.results[0].band == "优秀"


@pytest.mark.parametrize(
    ("rounding", "share", "kept"),
    [
        (QuotaRounding.FLOOR, "0.25", 1),  # 25 % of 7 = 1.75 → 1
        (QuotaRounding.HALF_UP, "0.25", 2),  # → 2
        (QuotaRounding.CEILING, "0.2", 2),  # 20 % of 7 = 1.4 → 2
        (QuotaRounding.HALF_UP, "0.2", 1),  # → 1
    ],
)
def test_quota_with_rounding(rounding: QuotaRounding, share: str, kept: int) -> None:
    top = Band("优秀", D(90), quota=D(share), quota_rounding=rounding)
    scheme = one_dimension(ids=("a",), bands=(top, Band("良好", D(0))))
    values = {f"t{n}": {"a": D(99 - n)} for n in range(7)}  # all seven reach 优秀 by score
    evaluation = evaluate(scheme, teachers(*values), values=values)
    excellent = [r.subject.id for r in evaluation.results if r.band == "优秀"]
    assert excellent == [f"t{n}" for n in range(kept)]
    moved = evaluation.result("t6")
    assert moved.band == "良好"
    assert "quota of 优秀 is" in moved.moves[0].reason
    assert "ranked 7" in moved.moves[0].reason


def test_a_tie_at_the_quota_boundary_moves_down_whole() -> None:
    top = Band("优秀", D(90), quota=D("0.5"))
    scheme = one_dimension(ids=("a",), bands=(top, Band("良好", D(0))))
    values = {"p": {"a": D(99)}, "q": {"a": D(95)}, "r": {"a": D(95)}, "s": {"a": D(91)}}
    evaluation = evaluate(scheme, teachers(*values), values=values)
    assert [r.subject.id for r in evaluation.results if r.band == "优秀"] == ["p"]


ETHICS = Condition(all=(Clause("kind", Op.EQ, "ethics"), Clause("severity", Op.GE, "moderate")))


def veto_scheme(*effects: VetoEffect) -> Scheme:
    table = {"national": {"first": D(50)}}
    return one_dimension(
        ids=("a",),
        bands=bands(("优秀", 90), ("良好", 80), ("不合格", 0)),
        bonuses=(BonusRule("honours", "荣誉", table),),
        bonus_cap=D(50),
        vetoes=(
            VetoRule("ethics", "师德", "incident", ETHICS, effects, band="不合格", dimension="dim"),
        ),
    )


def big_honour(person: str) -> Honour:
    return Honour(
        "h1",
        "全国优秀教师",
        Level.NATIONAL,
        Recipient(RecipientKind.PERSON, person),
        date(2024, 3, 1),
        AwardRank.FIRST,
    )


def incident(person: str, severity: Severity) -> Incident:
    return Incident("i1", person, date(2024, 4, 1), severity)


def test_a_large_bonus_lifts_the_score() -> None:
    evaluation = evaluate(
        veto_scheme(VetoEffect.CANCEL_EXCELLENCE),
        teachers("t"),
        values={"t": {"a": D(60)}},
        records=RecordBook.of(honour=(big_honour("t"),)),
    )
    result = evaluation.results[0]
    assert result.score == D("110.00")
    assert result.band == "优秀"
    assert result.adjustments[0].applied == D("50.00")


def test_a_veto_dominates_a_large_bonus() -> None:
    records = RecordBook.of(honour=(big_honour("t"),), incident=(incident("t", Severity.MODERATE),))
    result = evaluate(
        veto_scheme(VetoEffect.CANCEL_EXCELLENCE, VetoEffect.CANCEL_AWARDS),
        teachers("t"),
        values={"t": {"a": D(95)}},
        records=records,
    ).results[0]
    assert result.adjustments[0].applied == D("0.00")
    assert "removed by veto ethics" in result.adjustments[0].reason
    assert result.score == D("95.00")
    assert result.band == "良好"  # 95 reaches 优秀, but excellence is cancelled
    assert not result.eligible_for_awards
    assert "cancels excellence" in result.moves[0].reason


def test_a_minor_incident_does_not_fire_the_veto() -> None:
    records = RecordBook.of(incident=(incident("t", Severity.MINOR),))
    result = evaluate(
        veto_scheme(VetoEffect.CANCEL_EXCELLENCE),
        teachers("t"),
        values={"t": {"a": D(95)}},
        records=records,
    ).results[0]
    assert result.vetoes == ()
    assert result.band == "优秀"


def test_force_band_and_zero_dimension() -> None:
    records = RecordBook.of(incident=(incident("t", Severity.SEVERE),))
    result = evaluate(
        veto_scheme(VetoEffect.FORCE_BAND, VetoEffect.ZERO_DIMENSION),
        teachers("t"),
        values={"t": {"a": D(95)}},
        records=records,
    ).results[0]
    assert result.score == D("0.00")
    assert result.band == "不合格"
    assert "zeroed by veto ethics" in result.dimension("dim").note


def test_bonus_caps_per_category_rule_and_scheme() -> None:
    table = {"county": {"first": D(2), "title": D("1.5")}, "city": {"second": D(3)}}
    rule = BonusRule("honours", "荣誉", table, category_cap=D(4), cap=D(5))
    scheme = one_dimension(ids=("a",), bonuses=(rule,), bonus_cap=D("4.5"))
    person = Recipient(RecipientKind.PERSON, "t")
    honours = (
        Honour("h1", "A", Level.COUNTY, person, date(2024, 1, 1), AwardRank.FIRST, category="教学"),
        Honour("h2", "B", Level.COUNTY, person, date(2024, 1, 2), AwardRank.FIRST, category="教学"),
        Honour("h3", "C", Level.CITY, person, date(2024, 1, 3), AwardRank.SECOND, category="教学"),
        Honour("h4", "D", Level.COUNTY, person, date(2024, 1, 4), None, category="育人"),
        Honour(
            "h5", "E", Level.COUNTY, person, date(2023, 1, 4), AwardRank.FIRST, category="育人"
        ),  # outside the period
    )
    result = evaluate(
        scheme, teachers("t"), values={"t": {"a": D(80)}}, records=RecordBook.of(honour=honours)
    ).results[0]
    applied = {a.record: a.applied for a in result.adjustments}
    # Best first: h3 3 (教学 3), h1 2 → 1 left in 教学's cap of 4, h2 2 → 0,
    # h4 1.5 → the rule cap of 5 leaves 1;
    # then the scheme's bonus cap of 4.5 allows 3 + 1 + 0 + 0.5.
    assert applied == {"h3": D("3.00"), "h1": D("1.00"), "h2": D("0.00"), "h4": D("0.50")}
    assert result.score == D("84.50")


def test_every_point_is_explained() -> None:
    from schoolwork.evaluation.output import explain

    scheme = veto_scheme(VetoEffect.CANCEL_EXCELLENCE)
    evaluation = evaluate(
        scheme,
        teachers("t"),
        values={"t": {"a": D(60)}},
        records=RecordBook.of(honour=(big_honour("t"),)),
    )
    text = explain(evaluation.results[0], scheme)
    assert "a a: value 60 (input) → 60.00 points by linear 0→0, 100→100" in text
    assert (
        "adjustment +50.00 from scheme (honours, record h1): 全国优秀教师 (national, first)" in text
    )
    assert "final score: 110.00" in text


def test_unsound_scheme_is_refused() -> None:
    bad = attrs.evolve(
        one_dimension(), dimensions=(attrs.evolve(one_dimension().dimensions[0], weight=D(-1)),)
    )
    with pytest.raises(
        SchemeError, match=r"dimensions\[0\]\.weight: expected a weight above 0, found -1"
    ):
        evaluate(bad, teachers("t"), values=VALUES)


def test_duplicate_subjects_are_refused() -> None:
    with pytest.raises(ValueError, match="subject 't' appears twice"):
        evaluate(one_dimension(), teachers("t", "t"), values=VALUES)
