"""Rated values (民主测评): what each group's ballots give, how the explanation says it, and the
scheme's own rounding, pinned down where tests/test_raters_and_gains.py only samples them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from schoolwork.evaluation import raters
from schoolwork.records import Ballot, RecordBook
from schoolwork.scheme import (
    AbsentGroup,
    Combine,
    Dimension,
    Indicator,
    PointsRule,
    RaterGroup,
    Raters,
    RaterWeight,
    Rounding,
    RuleKind,
    Scheme,
    SubjectKind,
)

D = Decimal
LINEAR = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
DAY = date(2024, 6, 1)


def _scheme(rated: Raters, rounding: Rounding = Rounding.HALF_UP) -> Scheme:
    indicator = Indicator("review", "测评", LINEAR, raters=rated)
    dimension = Dimension("d", "维度", D(1), (indicator,))
    return Scheme("s", "方案", SubjectKind.TEACHER, "2023-2024", (dimension,), rounding=rounding)


def _ballots(group: RaterGroup, *scores: str) -> list[Ballot]:
    return [
        Ballot(f"B-{group.value}{i}", f"{group.value}{i}", "s", "T1", "review", group, D(s), DAY)
        for i, s in enumerate(scores)
    ]


def _rated(scheme: Scheme, ballots: list[Ballot]) -> tuple[Decimal | None, str]:
    found = raters.rated_values(scheme, RecordBook.of(ballot=ballots))
    assert found is not None
    value = found["review"]
    return value.value, value.note


def test_the_explanation_of_a_mean_and_a_median_says_nothing_was_dropped() -> None:
    rated = Raters(
        (
            RaterWeight(RaterGroup.PEERS, D("0.5"), Combine.MEAN),
            RaterWeight(RaterGroup.PARENTS, D("0.5"), Combine.MEDIAN),
        )
    )
    ballots = _ballots(RaterGroup.PEERS, "80", "90") + _ballots(
        RaterGroup.PARENTS, "70", "95", "60"
    )
    value, note = _rated(_scheme(rated), ballots)
    # peers (80 + 90) / 2 = 85.00; parents 60 70 95, median 70.00; 0.5 × 85 + 0.5 × 70 = 77.50
    assert value == D("77.50")
    assert (
        note == "peers 2 ballots, mean 85.00 × 0.5; parents 3 ballots, median 70.00 × 0.5 → 77.50"
    )


def test_one_ballot_is_said_in_the_singular_and_a_trimmed_mean_keeps_its_name() -> None:
    rated = Raters(
        (
            RaterWeight(RaterGroup.LEADERS, D("0.5")),
            RaterWeight(RaterGroup.PEERS, D("0.5"), Combine.TRIMMED_MEAN, trim=1, min_ballots=3),
        )
    )
    ballots = _ballots(RaterGroup.LEADERS, "88") + _ballots(RaterGroup.PEERS, "10", "80", "99")
    value, note = _rated(_scheme(rated), ballots)
    assert value == D("84.00")
    assert note == (
        "leaders 1 ballot, mean 88.00 × 0.5; "
        "peers 3 ballots, trimmed mean after dropping the 1 highest and 1 lowest 80.00 × 0.5"
        " → 84.00"
    )


def test_every_absent_group_is_explained_before_the_value() -> None:
    rated = Raters(
        (
            RaterWeight(RaterGroup.PEERS, D("0.3"), min_ballots=3),
            RaterWeight(RaterGroup.PARENTS, D("0.3"), min_ballots=2),
            RaterWeight(RaterGroup.LEADERS, D("0.4")),
        )
    )
    ballots = _ballots(RaterGroup.PEERS, "90", "80") + _ballots(RaterGroup.PARENTS, "70")
    ballots += _ballots(RaterGroup.LEADERS, "91")
    value, note = _rated(_scheme(rated), ballots)
    assert value == D("91.00")
    assert note == (
        "peers 2 ballots, fewer than 3: absent; parents 1 ballot, fewer than 2: absent; "
        "leaders 1 ballot, mean 91.00 × 0.4 → divided by the present weights 0.4: 91.00"
    )


def test_a_missing_value_says_why_by_the_absent_rule() -> None:
    groups = (
        RaterWeight(RaterGroup.PEERS, D("0.5"), min_ballots=2),
        RaterWeight(RaterGroup.LEADERS, D("0.5")),
    )
    none_present = _ballots(RaterGroup.PEERS, "90")
    value, note = _rated(_scheme(Raters(groups)), none_present)
    assert value is None
    assert note == (
        "peers 1 ballot, fewer than 2: absent; leaders 0 ballots, fewer than 1: absent"
        " → missing (no group present)"
    )
    one_absent = _ballots(RaterGroup.LEADERS, "90")
    value, note = _rated(_scheme(Raters(groups, absent=AbsentGroup.MISSING)), one_absent)
    assert value is None
    assert note == (
        "peers 0 ballots, fewer than 2: absent; leaders 1 ballot, mean 90.00 × 0.5"
        " → missing (a group absent)"
    )


def test_with_every_group_present_the_missing_rule_keeps_the_value() -> None:
    groups = (RaterWeight(RaterGroup.PEERS, D("0.5")), RaterWeight(RaterGroup.LEADERS, D("0.5")))
    ballots = _ballots(RaterGroup.PEERS, "80") + _ballots(RaterGroup.LEADERS, "90")
    value, _ = _rated(_scheme(Raters(groups, absent=AbsentGroup.MISSING)), ballots)
    assert value == D("85.00")


def test_group_scores_count_ballots_and_say_what_was_dropped() -> None:
    rated = Raters(
        (
            RaterWeight(RaterGroup.PEERS, D("0.25"), Combine.MEDIAN, min_ballots=2),
            RaterWeight(RaterGroup.PARENTS, D("0.25"), min_ballots=3),
            RaterWeight(RaterGroup.LEADERS, D("0.25"), Combine.TRIMMED_MEAN, trim=2),
            RaterWeight(RaterGroup.SELF, D("0.25")),
        )
    )
    ballots = _ballots(RaterGroup.PEERS, "70", "80", "90") + _ballots(RaterGroup.PARENTS, "60")
    ballots += _ballots(RaterGroup.LEADERS, "1", "2", "50", "98", "99")
    ballots += _ballots(RaterGroup.SELF, "75", "76")
    found = raters.group_scores(rated, ballots, D("0.01"), Rounding.HALF_UP.mode)
    assert [(g.count, g.dropped, g.score) for g in found] == [
        (3, 0, D("80.00")),  # a median drops nothing
        (1, 0, None),  # absent: nothing dropped either
        (5, 2, D("50.00")),
        (2, 0, D("75.50")),  # a mean drops nothing
    ]


def test_a_ballot_on_either_end_of_the_scale_counts() -> None:
    rated = Raters((RaterWeight(RaterGroup.PEERS, D(1)),), scale=(D(0), D(10)))
    ballots = _ballots(RaterGroup.PEERS, "0", "10")
    (found,) = raters.group_scores(rated, ballots, D("0.01"), Rounding.HALF_UP.mode)
    assert (found.count, found.score) == (2, D("5.00"))


@pytest.mark.parametrize(
    ("ballots", "message"),
    [
        (_ballots(RaterGroup.SELF, "50"), "a ballot of group 'self', which the indicator does not"),
        (_ballots(RaterGroup.PEERS, "-1"), "a ballot of -1, outside the scale 0 to 100"),
        (_ballots(RaterGroup.PEERS, "100.5"), "a ballot of 100.5, outside the scale 0 to 100"),
    ],
)
def test_a_ballot_the_checks_would_refuse_is_refused_by_name(
    ballots: list[Ballot], message: str
) -> None:
    rated = Raters((RaterWeight(RaterGroup.PEERS, D(1)),))
    with pytest.raises(ValueError, match=message):
        raters.group_scores(rated, ballots, D("0.01"), Rounding.HALF_UP.mode)


def test_a_trim_that_leaves_nothing_is_refused_naming_the_group() -> None:
    rule = RaterWeight(RaterGroup.PARENTS, D(1), Combine.TRIMMED_MEAN, trim=1)
    with pytest.raises(ValueError, match="no ballot of group 'parents' is left to combine"):
        raters.combine([D(1), D(2)], rule)


@pytest.mark.parametrize(
    ("rounding", "shown"),
    [(Rounding.DOWN, "80.66"), (Rounding.HALF_UP, "80.67"), (Rounding.FLOOR, "80.66")],
)
def test_a_groups_score_rounds_by_the_schemes_mode(rounding: Rounding, shown: str) -> None:
    rated = Raters((RaterWeight(RaterGroup.PEERS, D(1)),))
    # (80 + 81 + 81) / 3 = 80.666…
    value, note = _rated(_scheme(rated, rounding), _ballots(RaterGroup.PEERS, "80", "81", "81"))
    assert note == f"peers 3 ballots, mean {shown} × 1 → {shown}"
    assert value == D(shown)


@pytest.mark.parametrize(
    ("rounding", "shown"),
    [(Rounding.HALF_UP, "80.01"), (Rounding.HALF_EVEN, "80.00"), (Rounding.CEILING, "80.01")],
)
def test_the_weighted_value_rounds_by_the_schemes_mode(rounding: Rounding, shown: str) -> None:
    rated = Raters(
        (RaterWeight(RaterGroup.PEERS, D("0.5")), RaterWeight(RaterGroup.LEADERS, D("0.5")))
    )
    # 0.5 × 80.00 + 0.5 × 80.01 = 80.005: half up 80.01, half even 80.00
    ballots = _ballots(RaterGroup.PEERS, "80") + _ballots(RaterGroup.LEADERS, "80.01")
    value, _ = _rated(_scheme(rated, rounding), ballots)
    assert value == D(shown)
