"""The fairness kit's ballots (民主测评) and baselines (增值评价), one part at a time: the probe
populations made for them, the ballot_order, trimmed and baseline properties, the search of a
scheme with gains, and the small helpers they lean on, each story compared whole.

Fast enough to run for every mutant of ``testing/fairness.py`` (``benchmarks/mutation.sh``);
``test_fairness_power.py`` proves the same properties end to end.
"""

from __future__ import annotations

import pickle
import time
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from test_fairness_power import FirstRemaining, standing_in
from test_fairness_units import COUNTED, LINEAR, Cliff, Watch, people, sweep_of, with_counted
from test_fairness_units import context as units_context
from test_fairness_units import scheme as units_scheme

import schoolwork
from schoolwork import (
    Adjustment,
    Aggregate,
    Ballot,
    Band,
    Clause,
    Combine,
    Condition,
    Dimension,
    Direction,
    Evaluation,
    Gain,
    GainKind,
    Indicator,
    Method,
    MissingBaseline,
    Op,
    PointsRule,
    RaterGroup,
    Raters,
    RaterWeight,
    RecordBook,
    RecordSource,
    RuleKind,
    Scheme,
    School,
    SchoolCalendar,
    SchoolYear,
    Subject,
    SubjectKind,
    SubjectResult,
    VetoEffect,
    VetoRule,
    hookimpl,
)
from schoolwork.record_files import record_kinds
from schoolwork.testing import fairness
from schoolwork.testing.fairness import _Case, _Context
from schoolwork.workspace import Workspace

D = Decimal
DAY = date(2024, 3, 1)
START, END = date(2023, 9, 1), date(2024, 8, 31)  # the school year 2023-2024 by default
PEERS = RaterWeight(RaterGroup.PEERS, D("0.6"), Combine.TRIMMED_MEAN, trim=1, min_ballots=3)
LEADERS = RaterWeight(RaterGroup.LEADERS, D("0.4"))
REVIEW = Indicator("review", "师德测评", LINEAR, raters=Raters((PEERS, LEADERS)))
CARE = Indicator(
    "care",
    "关爱学生",
    LINEAR,
    raters=Raters(
        (RaterWeight(RaterGroup.STUDENTS, D(1), Combine.MEDIAN, min_ballots=2),),
        scale=(D(1), D(5)),
    ),
)
GAIN = Indicator(
    "pass_gain",
    "合格率增幅",
    PointsRule(RuleKind.LINEAR, floor=D(-10), ceiling=D(10)),
    gain=Gain("last-year:pass_gain"),
)
HOMEWORK = Indicator("homework", "作业检查", LINEAR)


def rated(
    ethics: tuple[Indicator, ...] = (REVIEW,), results: tuple[Indicator, ...] = (GAIN, HOMEWORK)
) -> Scheme:
    """师德 rated by peers (trimmed, at least 3) and leaders; 业绩 a gain and a typed-in value."""
    dimensions = [Dimension("ethics", "师德", D(1), ethics)] if ethics else []
    dimensions.append(Dimension("results", "业绩", D(1), results))
    return Scheme(
        "rated",
        "测评与增值",
        SubjectKind.TEACHER,
        "2023-2024",
        tuple(dimensions),
        bands=(Band("优秀", D(85)), Band("合格", D(60))),
    )


def context(
    the_scheme: Scheme | None = None, *plugins: object, workspace: Workspace | None = None
) -> _Context:
    host = schoolwork.plugin_host({f"p{n}": p for n, p in enumerate(plugins)}, installed=False)
    return _Context(the_scheme or rated(), host, workspace, tuple(record_kinds(host)))


def stand_in(plugin: object, replaced: str = "schoolwork.raters") -> _Context:
    """A context whose host has ``plugin`` in the place of the core's plugin ``replaced``."""
    host = standing_in(replaced, plugin)
    return _Context(rated(), host, None, tuple(record_kinds(host)))


def teachers(count: int) -> tuple[Subject, ...]:
    return tuple(Subject(f"T00{n}", f"教师{n}", SubjectKind.TEACHER) for n in range(1, count + 1))


def ballots(
    subject: str,
    group: RaterGroup,
    *scores: str,
    indicator: str = "review",
    scheme: str = "rated",
    day: date = DAY,
) -> list[Ballot]:
    return [
        Ballot(
            f"{subject}-{indicator}-{group.value}-{scheme}-{day}-{n}",
            f"k{n}",
            scheme,
            subject,
            indicator,
            group,
            D(score),
            day,
        )
        for n, score in enumerate(scores)
    ]


def book(*groups: list[Ballot]) -> RecordBook:
    return RecordBook.of(ballot=[b for group in groups for b in group])


def planted(evaluation: Evaluation, subject: str, indicator: str, value: Any) -> Evaluation:
    """``evaluation`` with one subject's value of one indicator replaced: a defect planted."""

    def change(result: SubjectResult) -> SubjectResult:
        dimensions = tuple(
            d._replace(
                indicators=tuple(
                    i._replace(value=value) if i.id == indicator else i for i in d.indicators
                )
            )
            for d in result.dimensions
        )
        return attrs.evolve(result, dimensions=dimensions)

    results = tuple(change(r) if r.subject.id == subject else r for r in evaluation.results)
    return attrs.evolve(evaluation, results=results)


def replaced(evaluation: Evaluation, subject: str, **changes: Any) -> Evaluation:
    results = tuple(
        attrs.evolve(r, **changes) if r.subject.id == subject else r for r in evaluation.results
    )
    return attrs.evolve(evaluation, results=results)


def values_of(evaluation: Evaluation, indicator: str) -> dict[str, Decimal | None]:
    return {r.subject.id: fairness._value_of(r, indicator) for r in evaluation.results}


# -- the probe populations: ballots and baselines --------------------------------------------


def test_the_ballot_scene_gives_each_subject_every_groups_ballots_turned_round() -> None:
    ctx = context(rated(ethics=(REVIEW, CARE)))
    case = fairness._ballot_scene(ctx)
    crowd = teachers(3)
    assert case.people == crowd
    best = {"pass_gain": D(10), "homework": D(100)}
    assert case.values == {"T001": best, "T002": best, "T003": best}
    assert case.baselines == {}
    assert case.thorough
    assert set(case.records.records) == {"ballot"}
    expected = []
    # 5 peers (2 more than their 3), 3 leaders, 4 students: top, bottom, then the middle.
    listed = [
        ("review", RaterGroup.PEERS, ["100", "0", "40", "50", "60"]),
        ("review", RaterGroup.LEADERS, ["100", "0", "40"]),
        ("care", RaterGroup.STUDENTS, ["5", "1", "3", "3"]),
    ]
    turned = {
        "100 0 40 50 60": ["100 0 40 50 60", "0 40 50 60 100", "40 50 60 100 0"],
        "100 0 40": ["100 0 40", "0 40 100", "40 100 0"],
        "5 1 3 3": ["5 1 3 3", "1 3 3 5", "3 3 5 1"],
    }
    for indicator, group, scores in listed:
        for person, order in zip(crowd, turned[" ".join(scores)], strict=True):
            for n, score in enumerate(order.split()):
                tag = f"{indicator}-{group.value}-{person.id}-{n}"
                expected.append(
                    Ballot(
                        f"ballot-{tag}",
                        f"k-{tag}",
                        "rated",
                        person.id,
                        indicator,
                        group,
                        D(score),
                        START,
                    )
                )
    assert list(case.records.ballots) == expected


def test_the_ballot_scene_gives_a_trimmed_group_enough_ballots_to_trim() -> None:
    # An unsound rule (the scheme checks refuse it): a minimum below what the trim needs.
    loose = RaterWeight(RaterGroup.PEERS, D(1), Combine.TRIMMED_MEAN, trim=2, min_ballots=1)
    ctx = context(rated(ethics=(attrs.evolve(REVIEW, raters=Raters((loose,))),)))
    case = fairness._ballot_scene(ctx)
    mine = [b.score for b in case.records.ballots if b.subject == "T001"]
    # 2 × 2 + 1, and 2 more: the highest, the lowest, then 40, 50 and 60 % of the scale again
    assert mine == [D(100), D(0), D(40), D(50), D(60), D(40), D(50)]


def test_the_ballot_scene_stays_inside_the_scale_however_many_ballots() -> None:
    # A minimum of 10 ballots: the middle ones once ran past the top (110, 120, 130), and
    # the raters' plugin refused them, failing check_scheme on a sound scheme.
    many = RaterWeight(RaterGroup.PEERS, D(1), Combine.TRIMMED_MEAN, trim=1, min_ballots=10)
    ctx = context(rated(ethics=(attrs.evolve(REVIEW, raters=Raters((many,))),)))
    case = fairness._ballot_scene(ctx)
    mine = [b.score for b in case.records.ballots if b.subject == "T001"]
    assert len(mine) == 12
    assert all(D(0) <= score <= D(100) for score in mine)
    evaluation = ctx.evaluate(case)  # the raters' plugin takes every ballot
    assert fairness._trimmed(ctx, case, evaluation) is None


def test_the_baseline_scene_gives_each_gain_baselines_present_missing_zero_and_high() -> None:
    relative = Indicator(
        "rise",
        "优秀率增幅",
        LINEAR,
        gain=Gain("entry:excellent", kind=GainKind.RELATIVE),
    )
    level = Indicator("level", "合格率", LINEAR, gain=Gain("last-year:level"))
    ctx = context(rated(results=(GAIN, relative, level, HOMEWORK)))
    case = fairness._baseline_scene(ctx)
    levels = (D(50), None, D(0), D(80))

    def column(name: str) -> dict[str, dict[str, Decimal | None]]:
        return {p.id: {name: v} for p, v in zip(teachers(4), levels, strict=True)}

    last_year = {
        p.id: {"pass_gain": v, "level": v} for p, v in zip(teachers(4), levels, strict=True)
    }
    best = {"pass_gain": D(10), "rise": D(100), "level": D(100), "homework": D(100)}
    assert case == _Case(
        teachers(4),
        {p.id: best for p in teachers(4)},
        baselines={"last-year": last_year, "entry": column("excellent")},
    )
    assert case.records == RecordBook()


def test_the_scenes_end_with_the_ballots_and_the_baselines() -> None:
    ctx = context()
    scenes = list(fairness._scenes(ctx))
    assert scenes[-2:] == [fairness._ballot_scene(ctx), fairness._baseline_scene(ctx)]


# -- evaluations read the case's baselines ----------------------------------------------------


def test_an_evaluation_reads_the_gains_current_values_and_baselines_from_the_case() -> None:
    ctx = context()
    evaluation = ctx.evaluate(fairness._baseline_scene(ctx))
    assert values_of(evaluation, "pass_gain") == {
        "T001": D(-40),
        "T002": None,
        "T003": D(10),
        "T004": D(-70),
    }


def test_an_evaluation_hands_out_records_by_the_contexts_record_kinds() -> None:
    ctx = context()
    case = _Case(
        teachers(1), {"T001": {"homework": D(80)}}, book(ballots("T001", LEADERS.group, "90"))
    )
    assert values_of(ctx.evaluate(case), "review") == {"T001": D("90.00")}
    blind = attrs.evolve(ctx, kinds=tuple(k for k in ctx.kinds if k.name != "ballot"))
    assert values_of(blind.evaluate(case), "review") == {"T001": None}


def test_a_subject_alone_keeps_its_own_baselines_under_the_other_name() -> None:
    ctx = context()
    case = fairness._baseline_scene(ctx)
    alone = fairness._alone(ctx, case, case.people[3], case.people[0])
    assert alone.subject.id == "T001"
    assert fairness._value_of(alone, "pass_gain") == D(-70)  # T004's baseline of 80
    unknown = attrs.evolve(case, baselines={"last-year": {"T002": {"pass_gain": D(5)}}})
    alone = fairness._alone(ctx, unknown, case.people[0], case.people[0])
    assert fairness._value_of(alone, "pass_gain") is None


def test_a_subjects_signature_holds_its_own_present_baselines() -> None:
    ctx = context()
    case = _Case(
        teachers(3),
        {"T001": {"homework": D(80), "pass_gain": None}},
        baselines={
            "last-year": {"T001": {"pass_gain": D(50), "other": None}, "T002": {"pass_gain": D(7)}}
        },
    )
    assert fairness._signature(ctx, case, case.people[0]) == (
        (("homework", D(80)), ("last-year:pass_gain", D(50))),
        (),
    )
    assert fairness._signature(ctx, case, case.people[2]) == ((), ())


def test_the_value_of_an_indicator_is_its_own() -> None:
    ctx = context()
    evaluation = ctx.evaluate(fairness._baseline_scene(ctx))
    assert fairness._value_of(evaluation.results[0], "homework") == D(100)
    assert fairness._value_of(evaluation.results[0], "ghost") is None


# -- ballot_order ----------------------------------------------------------------------------


def test_ballots_listed_in_another_order_change_nothing_in_a_sound_evaluation() -> None:
    ctx = context()
    case = fairness._ballot_scene(ctx)
    assert fairness._ballot_order(ctx, case, ctx.evaluate(case)) is None


def test_a_value_that_follows_the_ballots_order_is_told() -> None:
    ctx = stand_in(FirstRemaining())
    case = fairness._ballot_scene(ctx)
    assert fairness._ballot_order(ctx, case, ctx.evaluate(case)) == (
        "teacher T001 (教师1): listing the same ballots in another order changed 师德测评 "
        "(review) from 100 to 60 (plugin:stand-in)"
    )


def test_ballots_half_turned_round_are_tried_after_reversed_ones() -> None:
    # Listed 50 40 70 30 50, the first left after the trim is 50, and reversed it is 50 too;
    # turned half round (40 50 50 30 70), it is 40.
    ctx = stand_in(FirstRemaining())
    records = book(ballots("T001", RaterGroup.PEERS, "50", "40", "70", "30", "50"))
    case = _Case(teachers(1), {"T001": {"homework": D(80)}}, records)
    evaluation = ctx.evaluate(case)
    assert values_of(evaluation, "review") == {"T001": D(50)}
    assert fairness._ballot_order(ctx, case, evaluation) == (
        "teacher T001 (教师1): listing the same ballots in another order changed 师德测评 "
        "(review) from 50 to 40 (plugin:stand-in)"
    )


def test_each_subjects_ballots_are_turned_half_round_among_others() -> None:
    # Two subjects with the same ballots: each one's own are turned, as if it were alone.
    ctx = stand_in(FirstRemaining())
    scores = ("50", "40", "70", "30", "50")
    records = book(
        ballots("T001", RaterGroup.PEERS, *scores) + ballots("T002", RaterGroup.PEERS, *scores)
    )
    values = {"T001": {"homework": D(80)}, "T002": {"homework": D(80)}}
    case = _Case(teachers(2), values, records)
    evaluation = ctx.evaluate(case)
    assert fairness._ballot_order(ctx, case, evaluation) == (
        "teacher T001 (教师1): listing the same ballots in another order changed 师德测评 "
        "(review) from 50 to 40 (plugin:stand-in)"
    )


def test_ballot_order_tells_a_changed_score_band_or_rank() -> None:
    ctx = context()
    records = book(ballots("T001", RaterGroup.LEADERS, "90", "70"))
    case = _Case(teachers(2), {"T001": {"homework": D(80)}, "T002": {}}, records)
    evaluation = ctx.evaluate(case)
    assert fairness._ballot_order(ctx, case, evaluation) is None
    lead = "teacher T001 (教师1): listing the same ballots in another order changed the "
    score = replaced(evaluation, "T001", score=D(1))
    assert fairness._ballot_order(ctx, case, score) == f"{lead}score from 1 to 80.00"
    band = replaced(evaluation, "T001", band="优秀")
    assert fairness._ballot_order(ctx, case, band) == f"{lead}band from 优秀 to 合格"
    rank = replaced(evaluation, "T001", rank=D(2))
    assert fairness._ballot_order(ctx, case, rank) == f"{lead}rank from 2 to 1"
    value = planted(evaluation, "T001", "review", D(1))
    assert fairness._ballot_order(ctx, case, value) == (
        "teacher T001 (教师1): listing the same ballots in another order changed 师德测评 "
        "(review) from 1 to 80.00 (peers 0 ballots, fewer than 3: absent; leaders 2 ballots, mean "
        "80.00 × 0.4 → divided by the present weights 0.4: 80.00)"
    )


def test_ballot_order_needs_raters_and_two_ballots() -> None:
    ctx = context()
    one = _Case(teachers(1), {"T001": {}}, book(ballots("T001", RaterGroup.LEADERS, "90")))
    spoilt = replaced(ctx.evaluate(one), "T001", score=D(1))
    assert fairness._ballot_order(ctx, one, spoilt) is None
    unrated = context(rated(ethics=()))
    two = attrs.evolve(one, records=book(ballots("T001", RaterGroup.LEADERS, "90", "80")))
    spoilt = replaced(unrated.evaluate(two), "T001", score=D(1))
    assert fairness._ballot_order(unrated, two, spoilt) is None


# -- trimmed ---------------------------------------------------------------------------------


def trimmed_case() -> _Case:
    """T001: peers 40 (the first day), 50, 60 (the last day), 70, 90, leaders 65, and ballots
    that are not its own: another subject's, another scheme's, another indicator's, one
    dated before the period. T002: peers 10, 20, 30. T003: none."""
    records = book(
        ballots("T001", RaterGroup.PEERS, "40", day=START),
        ballots("T001", RaterGroup.PEERS, "50", "70", "90"),
        ballots("T001", RaterGroup.PEERS, "60", day=END),
        ballots("T001", RaterGroup.LEADERS, "65"),
        ballots("T001", RaterGroup.PEERS, "0", "0", "0", day=date(2023, 8, 31)),
        ballots("T001", RaterGroup.PEERS, "100", "100", "100", scheme="other"),
        ballots("T001", RaterGroup.PEERS, "1", "1", "1", indicator="homework"),
        ballots("T002", RaterGroup.PEERS, "10", "20", "30"),
    )
    values = {p.id: {"homework": D(80)} for p in teachers(3)}
    return _Case(teachers(3), values, records)


def test_rated_values_within_the_remaining_ballots_are_trimmed_fairly() -> None:
    ctx = context()
    case = trimmed_case()
    evaluation = ctx.evaluate(case)
    assert values_of(evaluation, "review") == {"T001": D("62.00"), "T002": D("20.00"), "T003": None}
    assert fairness._trimmed(ctx, case, evaluation) is None
    for at_the_ends in ("50.00", "70.00"):
        assert (
            fairness._trimmed(ctx, case, planted(evaluation, "T001", "review", D(at_the_ends)))
            is None
        )


def test_a_rated_value_above_the_best_remaining_ballot_is_told() -> None:
    ctx = context()
    case = trimmed_case()
    spoilt = planted(ctx.evaluate(case), "T001", "review", D("70.01"))
    assert fairness._trimmed(ctx, case, spoilt) == (
        "teacher T001 (教师1) has 师德测评 (review, higher is better) 70.01, above the best "
        "remaining ballot 70.00 (peers 5 ballots, the 1 highest and 1 lowest dropped, 50 to 70 "
        "left; leaders 1 ballots, the 0 highest and 0 lowest dropped, 65 to 65 left)"
    )


def test_a_rated_value_below_the_worst_remaining_ballot_is_told() -> None:
    ctx = context()
    case = trimmed_case()
    spoilt = planted(ctx.evaluate(case), "T002", "review", D("19.99"))
    assert fairness._trimmed(ctx, case, spoilt) == (
        "teacher T002 (教师2) has 师德测评 (review, higher is better) 19.99, below the worst "
        "remaining ballot 20.00 (peers 3 ballots, the 1 highest and 1 lowest dropped, 20 to 20 "
        "left)"
    )


def test_trimmed_passes_over_values_without_ballots_and_ballots_without_values() -> None:
    ctx = context()
    case = trimmed_case()
    evaluation = ctx.evaluate(case)
    no_ballots = planted(evaluation, "T003", "review", D(99))
    assert fairness._trimmed(ctx, case, no_ballots) is None
    no_value = planted(evaluation, "T001", "review", None)
    assert fairness._trimmed(ctx, case, no_value) is None
    too_few = attrs.evolve(case, records=book(ballots("T001", RaterGroup.PEERS, "10", "20")))
    assert fairness._trimmed(ctx, too_few, planted(evaluation, "T001", "review", D(99))) is None


def test_trimmed_goes_on_to_the_next_rated_indicator() -> None:
    ctx = context(rated(ethics=(CARE, REVIEW)))
    case = trimmed_case()
    evaluation = ctx.evaluate(case)
    spoilt = planted(evaluation, "T001", "review", D(80))
    told = (
        "teacher T001 (教师1) has 师德测评 (review, higher is better) 80, above the best "
        "remaining ballot 70.00 (peers 5 ballots, the 1 highest and 1 lowest dropped, 50 to 70 "
        "left; leaders 1 ballots, the 0 highest and 0 lowest dropped, 65 to 65 left)"
    )
    assert fairness._trimmed(ctx, case, spoilt) == told  # care: no ballots
    care = ballots("T001", RaterGroup.STUDENTS, "3", "4", indicator="care")
    cared = attrs.evolve(case, records=book(list(case.records.ballots), care))
    spoilt = planted(
        planted(ctx.evaluate(cared), "T001", "review", D(80)), "T001", "care", D("3.5")
    )
    assert fairness._trimmed(ctx, cared, spoilt) == told  # care: within 3 to 4


def test_trimmed_rounds_the_remaining_ballots_as_the_scheme_rounds() -> None:
    ctx = context()
    case = _Case(
        teachers(1),
        {"T001": {}},
        book(ballots("T001", RaterGroup.PEERS, "10", "60.125", "90")),
    )
    evaluation = ctx.evaluate(case)
    assert values_of(evaluation, "review") == {"T001": D("60.13")}  # half up, not half even
    assert fairness._trimmed(ctx, case, evaluation) is None
    assert fairness._trimmed(ctx, case, planted(evaluation, "T001", "review", D("60.12"))) == (
        "teacher T001 (教师1) has 师德测评 (review, higher is better) 60.12, below the worst "
        "remaining ballot 60.13 (peers 3 ballots, the 1 highest and 1 lowest dropped, 60.125 "
        "to 60.125 left)"
    )


def test_trimmed_takes_the_period_from_the_workspaces_calendar() -> None:
    year = SchoolYear("2023-2024", date(2023, 8, 21), date(2024, 7, 15))
    workspace = Workspace(School("s", "实验小学"), calendar=SchoolCalendar((year,)))
    ctx = context(None, workspace=workspace)
    records = book(
        ballots("T001", RaterGroup.PEERS, "40", day=date(2023, 8, 25)),
        ballots("T001", RaterGroup.PEERS, "50", "60"),
    )
    case = _Case(teachers(1), {"T001": {}}, records)
    spoilt = planted(ctx.evaluate(case), "T001", "review", D(55))
    assert fairness._trimmed(ctx, case, spoilt) == (
        "teacher T001 (教师1) has 师德测评 (review, higher is better) 55, above the best "
        "remaining ballot 50.00 (peers 3 ballots, the 1 highest and 1 lowest dropped, 50 to 50 "
        "left)"
    )


def test_trimmed_skips_a_group_whose_trim_leaves_nothing() -> None:
    # An unsound rule (the scheme checks refuse it): 2 ballots, one dropped from each end.
    thin = RaterWeight(RaterGroup.PEERS, D(1), Combine.TRIMMED_MEAN, trim=1, min_ballots=2)
    unsound = context(rated(ethics=(attrs.evolve(REVIEW, raters=Raters((thin,))),)))
    case = _Case(teachers(1), {"T001": {}}, book(ballots("T001", RaterGroup.PEERS, "40", "60")))
    spoilt = planted(context().evaluate(case), "T001", "review", D(99))
    assert fairness._trimmed(unsound, case, spoilt) is None


def test_the_remaining_ballots_of_each_present_group() -> None:
    students = RaterWeight(RaterGroup.STUDENTS, D("0.2"), Combine.MEDIAN, min_ballots=2)
    raters = Raters((PEERS, LEADERS, students))
    review = attrs.evolve(REVIEW, raters=raters)
    ctx = context(rated(ethics=(review,)))
    mine = [
        *ballots("T001", RaterGroup.PEERS, "30", "10", "20"),
        *ballots("T001", RaterGroup.LEADERS, "70"),
        *ballots("T001", RaterGroup.STUDENTS, "80", "60", "70"),
    ]
    assert fairness._remaining(ctx, review, mine) == [
        ("peers", [D(20)], 1),
        ("leaders", [D(70)], 0),
        ("students", [D(60), D(70), D(80)], 0),
    ]
    assert fairness._remaining(ctx, review, mine[3:]) == [
        ("leaders", [D(70)], 0),
        ("students", [D(60), D(70), D(80)], 0),
    ]
    assert fairness._remaining(ctx, review, mine[:2]) == []


def test_only_a_trimmed_mean_trims() -> None:
    # An unsound rule (the scheme checks refuse it): a trim on a plain mean trims nothing.
    odd = RaterWeight(RaterGroup.LEADERS, D(1), Combine.MEAN, trim=1)
    review = attrs.evolve(REVIEW, raters=Raters((odd,)))
    mine = ballots("T001", RaterGroup.LEADERS, "60", "80", "70")
    assert fairness._remaining(context(), review, mine) == [("leaders", [D(60), D(70), D(80)], 0)]


# -- baseline --------------------------------------------------------------------------------

RELATIVE = Indicator(
    "rise",
    "优秀率增幅",
    PointsRule(RuleKind.LINEAR, floor=D(-50), ceiling=D(50)),
    gain=Gain("last-year:excellent", kind=GainKind.RELATIVE),
)
ZEROED = Indicator(
    "kept",
    "巩固率增幅",
    PointsRule(RuleKind.LINEAR, floor=D(-10), ceiling=D(10)),
    gain=Gain("last-year:kept", missing=MissingBaseline.ZERO),
)


def baseline_case() -> tuple[_Context, _Case, Evaluation]:
    """The baseline scene of three gains, the first declaring ``missing = "zero"``."""
    ctx = context(rated(results=(ZEROED, GAIN, RELATIVE)))
    case = fairness._baseline_scene(ctx)
    return ctx, case, ctx.evaluate(case)


def test_gains_without_a_baseline_have_no_value_and_pass() -> None:
    ctx, case, evaluation = baseline_case()
    assert values_of(evaluation, "pass_gain") == {
        "T001": D(-40),
        "T002": None,
        "T003": D(10),
        "T004": D(-70),
    }
    assert values_of(evaluation, "rise") == {
        "T001": D("0.00"),
        "T002": None,
        "T003": None,
        "T004": D("-37.50"),
    }
    assert values_of(evaluation, "kept") == {
        "T001": D(-40),
        "T002": D(0),
        "T003": D(10),
        "T004": D(-70),
    }
    assert fairness._baseline(ctx, case, evaluation) is None


def test_a_gain_with_a_missing_baseline_is_told() -> None:
    ctx, case, evaluation = baseline_case()
    spoilt = planted(evaluation, "T002", "pass_gain", D(10))
    assert fairness._baseline(ctx, case, spoilt) == (
        "teacher T002 (教师2) has 合格率增幅 (pass_gain, higher is better) 10 though its baseline "
        "(last-year:pass_gain) is missing: a missing baseline counted as a value, though the "
        "indicator does not declare missing = 'zero'"
    )


def test_a_relative_gain_over_a_baseline_of_0_is_told() -> None:
    ctx, case, evaluation = baseline_case()
    spoilt = planted(evaluation, "T003", "rise", D(7))
    assert fairness._baseline(ctx, case, spoilt) == (
        "teacher T003 (教师3) has 优秀率增幅 (rise, higher is better) 7 though its baseline "
        "(last-year:excellent) is 0, which has no relative gain: a missing baseline counted as a "
        "value, though the indicator does not declare missing = 'zero'"
    )


def test_a_gain_without_any_baselines_of_its_scheme_is_told() -> None:
    ctx, case, evaluation = baseline_case()
    bare = attrs.evolve(case, baselines={})
    assert [r.subject.id for r in evaluation.results] == ["T003", "T002", "T001", "T004"]
    assert fairness._baseline(ctx, bare, evaluation) == (
        "teacher T003 (教师3) has 合格率增幅 (pass_gain, higher is better) 10 though its "
        "baseline (last-year:pass_gain) is missing: a missing baseline counted as a value, "
        "though the indicator does not declare missing = 'zero'"
    )
    strangers = attrs.evolve(case, baselines={"last-year": {"T009": {"pass_gain": D(1)}}})
    assert fairness._baseline(ctx, strangers, evaluation) == fairness._baseline(
        ctx, bare, evaluation
    )


# -- the search of a scheme with gains -------------------------------------------------------


def spies(
    monkeypatch: pytest.MonkeyPatch, ctx: _Context, crowd: tuple[Subject, ...], story: str = ""
) -> list[tuple[str, _Case]]:
    """Every check the search calls, replaced by one that notes its name and case after making
    sure it was handed the drawn population, its evaluation and the draw (``story`` to fail)."""
    calls: list[tuple[str, _Case]] = []

    def drawn(case: _Case, evaluation: Evaluation) -> None:
        assert case.people == crowd
        assert isinstance(case.records, RecordBook)
        assert set(case.baselines) == {"last-year"}
        assert evaluation == ctx.evaluate(case)

    def check(name: str) -> Any:
        def spy(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
            assert context is ctx
            drawn(case, evaluation)
            calls.append((name, case))
            return story or None

        return spy

    def order(
        context: _Context, case: _Case, evaluation: Evaluation, orders: Any = None
    ) -> str | None:
        assert context is ctx
        drawn(case, evaluation)
        assert len(orders) == 1
        assert sorted(p.id for p in orders[0]) == [p.id for p in crowd]
        calls.append(("order", case))
        return story or None

    def step(
        context: _Context,
        case: _Case,
        evaluation: Evaluation,
        at: int,
        subject: Subject,
        by: Decimal,
        choice: int,
    ) -> str | None:
        assert context is ctx
        drawn(case, evaluation)
        assert 0 <= at < max(len(ctx.given), 1)
        assert subject in crowd
        assert isinstance(by, Decimal)
        assert 0 <= choice <= 2**16
        calls.append((f"monotonic {at}", case))
        return story or None

    for name in ("quota", "baseline"):
        monkeypatch.setitem(fairness._CHECKS, name, check(name))
    monkeypatch.setattr(fairness, "_order", order)
    monkeypatch.setattr(fairness, "_random_step", step)
    return calls


def test_the_search_of_a_scheme_with_gains_draws_baselines_and_checks_cheap_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = context()
    crowd = teachers(2)
    calls = spies(monkeypatch, ctx, crowd)
    fairness._run(ctx, ["order", "monotonic", "quota", "baseline"], crowd, 12, None)
    names = [name.split()[0] for name, _ in calls]
    assert names == ["quota", "baseline", "order", "monotonic"] * (len(names) // 4)
    assert len(names) >= 4 * 12
    ats = {name for name, _ in calls if name.startswith("monotonic")}
    assert ats == {"monotonic 0", "monotonic 1"}  # 合格率增幅 and 作业检查
    cases = [case for _, case in calls]
    present = [
        v for case in cases for row in case.baselines["last-year"].values() for v in row.values()
    ]
    assert any(v is not None for v in present)
    assert any(v is None for v in present)
    given = [v for case in cases for row in case.values.values() for v in row.values()]
    assert any(v is not None for v in given)
    assert any(case.records.records for case in cases)


def test_the_search_draws_indicators_among_the_given_ones_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = context(rated(results=(GAIN,)))
    crowd = teachers(2)
    calls = spies(monkeypatch, ctx, crowd)
    fairness._run(ctx, ["monotonic"], crowd, 12, None)
    assert {name for name, _ in calls} == {"monotonic 0"}


@pytest.mark.parametrize("prop", ["quota", "order", "monotonic"])
def test_the_search_of_a_scheme_with_gains_raises_what_a_check_found(
    monkeypatch: pytest.MonkeyPatch, prop: str
) -> None:
    ctx = context()
    crowd = teachers(2)
    calls = spies(monkeypatch, ctx, crowd, story=f"{prop} broken")
    with pytest.raises(fairness._FOUND[prop]) as caught:
        fairness._run(ctx, [prop], crowd, 3, None)
    assert str(caught.value) == f"{prop} broken"
    assert getattr(caught.value, "__notes__", []) == []  # quiet: no failing case printed
    assert len(calls) < 20  # found, shrunk, and not explained at length


def test_the_search_has_no_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = context()
    crowd = teachers(2)
    calls = spies(monkeypatch, ctx, crowd)
    spy = fairness._CHECKS["quota"]

    def slow_at_first(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
        if not calls:
            time.sleep(0.3)  # past hypothesis's default deadline of 200 ms
        return spy(context, case, evaluation)

    monkeypatch.setitem(fairness._CHECKS, "quota", slow_at_first)
    fairness._run(ctx, ["quota"], crowd, 2, None)
    assert len(calls) == 2


def test_the_search_is_spared_hypothesiss_health_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = context()
    crowd = teachers(2)
    spies(monkeypatch, ctx, crowd)
    never = st.integers().filter(lambda n: str(n) == "x")
    monkeypatch.setattr(fairness.sw, "inputs_for", lambda *args, **kwargs: never)
    with pytest.raises(Unsatisfiable):  # not a FailedHealthCheck for filtering too much
        fairness._run(ctx, ["quota"], crowd, 2, None)


# -- the honours a sweep may add, and the counts it sweeps -----------------------------------


def in_a_mode_dimension(counted: Indicator) -> Scheme:
    base = units_scheme()
    ethics = base.dimensions[1]
    modal = attrs.evolve(
        ethics, indicators=(*ethics.indicators, counted), aggregate=Aggregate(Method.MODE)
    )
    return attrs.evolve(base, dimensions=(base.dimensions[0], modal))


def test_honours_can_hurt_through_a_count_in_a_mode_dimension() -> None:
    assert fairness._honours_can_hurt(units_context(in_a_mode_dimension(COUNTED)))
    incidents = attrs.evolve(COUNTED, source=RecordSource("incident"))
    assert not fairness._honours_can_hurt(units_context(in_a_mode_dimension(incidents)))


def test_a_count_in_a_mode_dimension_is_not_swept() -> None:
    whats = [s.what for s in fairness._sweeps(units_context(in_a_mode_dimension(COUNTED)))]
    assert whats == [
        *["备课 (prep, higher is better)"] * 4,
        *["上课 (lesson, higher is better)"] * 4,
    ]
    whats = [s.what for s in fairness._sweeps(units_context(with_counted(units_scheme(), COUNTED)))]
    assert "论文 (papers, counted from honour records)" in whats


def test_a_count_that_only_one_subject_can_have_is_not_swept_and_the_others_are() -> None:
    own = Indicator(
        "own",
        "本人事故",
        PointsRule(RuleKind.COUNT, each=D(25), cap=D(100)),
        source=RecordSource("incident", Condition(all=(Clause("person", Op.EQ, "T001"),))),
    )
    duties = attrs.evolve(own, id="duties", name="值班", source=RecordSource("activity"))
    ctx = units_context(with_counted(units_scheme(), own, duties))
    assert fairness._counts_one_way(ctx, own)  # the first subject can have one
    whats = [s.what for s in fairness._sweeps(ctx)][12:]
    assert whats == [
        "值班 (duties, counted from activity records)",
        "the number of city title honours (one category)",
        "the number of city title honours (mixed category)",
    ]


def test_each_record_of_a_counted_sweep_has_an_id_of_its_own() -> None:
    ctx = units_context(with_counted(units_scheme(), COUNTED))
    sweep = next(s for s in fairness._sweeps(ctx) if "papers" in s.what)
    ids = [h.id for h in sweep.case.records.honours]
    assert len(ids) == 15
    assert len(set(ids)) == 15
    assert ids[:2] == ["papers-T002-0", "papers-T003-0"]


def test_a_count_whose_next_record_is_vetoed_by_its_date_does_not_count_one_way() -> None:
    late = Indicator(
        "late",
        "迟到",
        PointsRule(RuleKind.COUNT, each=D(25), cap=D(100)),
        source=RecordSource("incident", Condition(all=(Clause("kind", Op.EQ, "late"),))),
    )
    autumn = VetoRule(
        "autumn",
        "秋季事故",
        "incident",
        Condition(all=(Clause("date", Op.LT, "2024-01-01"),)),
        (VetoEffect.CANCEL_EXCELLENCE,),
    )
    ctx = units_context(with_counted(units_scheme(vetoes=(autumn,)), late))
    assert not fairness._counts_one_way(ctx, late)  # a record of the period's first day
    spring = attrs.evolve(autumn, when=Condition(all=(Clause("date", Op.GE, "2024-01-01"),)))
    assert fairness._counts_one_way(
        units_context(with_counted(units_scheme(vetoes=(spring,)), late)), late
    )


def test_a_count_of_the_schools_own_records_does_not_count_one_way() -> None:
    school = with_counted(units_scheme(subject=SubjectKind.SCHOOL, bonuses=()), COUNTED)
    assert not fairness._counts_one_way(units_context(school), COUNTED)
    assert fairness._counts_one_way(units_context(with_counted(units_scheme(), COUNTED)), COUNTED)


def test_with_nothing_skipped_every_given_value_is_described() -> None:
    odd = Indicator("XXXX", "占位", LINEAR)
    base = units_scheme()
    ctx = units_context(
        attrs.evolve(
            base,
            dimensions=(base.dimensions[0], attrs.evolve(base.dimensions[1], indicators=(odd,))),
        )
    )
    shown = fairness._describe(ctx, {"prep": D(1), "lesson": D(2), "XXXX": D(3)})
    assert shown == "; the other values: 备课 1, 上课 2, 占位 3"


# -- monotonic: random steps and sweeps ------------------------------------------------------


def test_a_random_step_near_a_breakpoint_goes_past_the_value_it_is_at() -> None:
    watch = Watch(0, 1)
    ctx = units_context(None, Cliff(60), watch)
    case = _Case(people(1), {"T1": {"prep": D(70), "lesson": D(99), "conduct": D(70)}})
    evaluation = ctx.evaluate(case)
    watch.seen.clear()
    fairness._random_step(ctx, case, evaluation, 1, case.people[0], D(0), 1)
    assert watch.seen == [D("99.99")]  # not 99 again
    at_60 = attrs.evolve(case, values={"T1": {"prep": D(70), "lesson": D(60), "conduct": D(70)}})
    evaluation = ctx.evaluate(at_60)
    watch.seen.clear()
    fairness._random_step(ctx, at_60, evaluation, 1, case.people[0], D(1), 2)
    assert watch.seen == [D(61)]  # an even choice takes the plain step


def test_a_random_step_down_near_a_breakpoint_goes_below_the_value_it_is_at() -> None:
    lower = Indicator("late", "迟到分", LINEAR, direction=Direction.LOWER)
    watch = Watch()
    only = units_scheme(
        dimensions=(Dimension("d", "考勤", D(1), (lower,)),),
        bonuses=(),
        ranking=schoolwork.Ranking(),
    )
    ctx = units_context(only, watch)
    case = _Case(people(1), {"T1": {"late": D(1)}})
    evaluation = ctx.evaluate(case)
    watch.seen.clear()
    fairness._random_step(ctx, case, evaluation, 0, case.people[0], D(0), 5)
    assert watch.seen == [D(0)]  # of 0 and 0.01 below 1, the third is 0 again; never 1


class Favour:
    """Adds ``points`` to T2's score: who rather than what."""

    def __init__(self, points: str) -> None:
        self.points = D(points)

    @hookimpl
    def schoolwork_adjust_result(self, subject: Subject) -> list[Adjustment]:
        return [Adjustment(self.points, "偏爱")] if subject.id == "T2" else []


def test_a_sweep_passes_over_a_step_the_crowd_scores_the_same() -> None:
    ctx = units_context(None, Favour("3"))
    sweep = sweep_of(ctx, ["60", "50"])
    evaluation = ctx.evaluate(sweep.case)
    assert [r.score for r in evaluation.results] == [D("67.00"), D("67.00")]
    assert fairness._swept(ctx, sweep, evaluation) is None


def test_a_sweep_evaluates_both_sides_of_a_step_as_its_first_subject() -> None:
    ctx = units_context(None, Favour("-5"))
    sweep = sweep_of(ctx, ["60", "50"])
    assert fairness._swept(ctx, sweep, ctx.evaluate(sweep.case)) == (
        "teacher T1 (教师1): changing 上课 from 60 to 50 lowered the score from 67.00 to 64.00 "
        "(教学 65.00 → 60.00); the rest"
    )


@pytest.mark.parametrize(("seed", "derandomized"), [(None, True), (7, False)])
def test_the_search_is_derandomized_unless_seeded(
    monkeypatch: pytest.MonkeyPatch, seed: int | None, derandomized: bool
) -> None:
    # Without a seed the same examples come every run, so a check passes or fails every time;
    # with one (pytest's --hypothesis-seed), the seed decides.
    ctx = context()
    crowd = teachers(2)
    spies(monkeypatch, ctx, crowd)
    chosen: list[Any] = []
    real = fairness.settings

    def noted(*args: Any, **kwargs: Any) -> Any:
        chosen.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(fairness, "settings", noted)
    monkeypatch.setattr(fairness.hypothesis.core, "global_force_seed", None, raising=False)
    fairness._run(ctx, ["quota"], crowd, 2, seed)
    (kwargs,) = chosen
    assert kwargs["derandomize"] is derandomized
    assert kwargs["database"] is None
    assert kwargs["print_blob"] is False


def test_a_found_failure_carries_no_reproduce_blob_where_hypothesis_would_print_one() -> None:
    # hypothesis prints the blob by default where it sees a CI variable (read at its import,
    # so a profile stands in for it here); the error stays the story alone
    ctx = context()
    crowd = teachers(2)
    before = fairness.settings.get_current_profile_name()
    fairness.settings.register_profile("blob-printing", print_blob=True)
    fairness.settings.load_profile("blob-printing")
    try:
        with pytest.MonkeyPatch.context() as patch:
            spies(patch, ctx, crowd, story="quota broken")
            with pytest.raises(fairness._FOUND["quota"]) as caught:
                fairness._run(ctx, ["quota"], crowd, 3, None)
    finally:
        fairness.settings.load_profile(before)
    assert getattr(caught.value, "__notes__", []) == []


def test_a_fairness_error_pickles_whole() -> None:
    # In this process too (tests/test_errors_pickle.py does it in a fresh one): what a worker
    # process hands back is the same error, its scheme and stories included.
    scheme = rated()
    error = fairness.FairnessError(scheme, {"order": "a story", "quota": "another"})
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is fairness.FairnessError
    assert back.scheme == scheme
    assert back.failures == {"order": "a story", "quota": "another"}
    assert str(back) == str(error)
