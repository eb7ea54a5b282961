"""Kill tests for the checks of an indicator's raters (民主测评) in ``checks/schemes.py``: each
problem compared whole, in English and Chinese, on both sides of every limit."""

from __future__ import annotations

from decimal import Decimal

import attrs

from schoolwork.checks.schemes import scheme_problems
from schoolwork.scheme import (
    Combine,
    Dimension,
    Indicator,
    PointsRule,
    RaterGroup,
    Raters,
    RaterWeight,
    RuleKind,
    Scheme,
    SubjectKind,
)

D = Decimal
AT = "dimensions[0].indicators[0].raters"
RULE = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))


def _problems(raters: Raters) -> list[tuple[str, str]]:
    indicator = Indicator("ethics", "师德", RULE, raters=raters)
    scheme = Scheme(
        "s", "方案", SubjectKind.TEACHER, "2023-2024", (Dimension("d", "维度", D(1), (indicator,)),)
    )
    return [(p.text("en"), p.text("zh")) for p in scheme_problems(scheme, "scheme")]


def _weight(group: RaterGroup, weight: str, **more: object) -> RaterWeight:
    return RaterWeight(group, D(weight), **more)  # type: ignore[arg-type]


def test_sound_raters_have_no_problem_at_the_edges_of_every_limit() -> None:
    raters = Raters(
        (
            _weight(RaterGroup.PEERS, "0.5", combine=Combine.TRIMMED_MEAN, trim=1, min_ballots=3),
            _weight(RaterGroup.PARENTS, "0.25", min_ballots=1),
            _weight(RaterGroup.LEADERS, "0.25", combine=Combine.MEDIAN),
        ),
        scale=(D(0), D("0.01")),
    )
    assert _problems(raters) == []


def test_every_problem_of_raters_whole_in_both_languages() -> None:
    raters = Raters(
        (
            _weight(RaterGroup.PEERS, "0", combine=Combine.TRIMMED_MEAN, trim=0, min_ballots=0),
            _weight(RaterGroup.PEERS, "0.5", trim=1),
            _weight(
                RaterGroup.STUDENTS, "0.25", combine=Combine.TRIMMED_MEAN, trim=2, min_ballots=4
            ),
        ),
        scale=(D(100), D(100)),
    )
    assert _problems(raters) == [
        (
            f"scheme: {AT}.scale: expected [lowest, highest] with lowest below highest, "
            "found [100, 100]",
            f"scheme：{AT}.scale：应为[最低, 最高]，最低低于最高，实为 [100, 100]",
        ),
        (
            f"scheme: {AT}.groups[0].weight: expected a weight above 0, found 0",
            f"scheme：{AT}.groups[0].weight：应为大于 0 的权重，实为 0",
        ),
        (
            f"scheme: {AT}.groups[0].min_ballots: expected at least 1 ballot, found 0",
            f"scheme：{AT}.groups[0].min_ballots：应为至少 1 票，实为 0",
        ),
        (
            f"scheme: {AT}.groups[0].trim: expected at least 1 ballot dropped from each end for "
            "a trimmed mean, found 0",
            f"scheme：{AT}.groups[0].trim：应为去掉最高分和最低分至少各 1 个，实为 0",
        ),
        (
            f"scheme: {AT}.groups[1].group: expected each group once, found 'peers'",
            f"scheme：{AT}.groups[1].group：应为每个测评组只出现一次，实为 'peers'",
        ),
        (
            f"scheme: {AT}.groups[1].trim: expected no trim except with combine = "
            "'trimmed_mean', found 1",
            f"scheme：{AT}.groups[1].trim：应为只有 combine = 'trimmed_mean' 才去掉最高分和最低分"
            "，实为 1",
        ),
        (
            f"scheme: {AT}.groups[2].min_ballots: expected more than 4 ballots, so that one is "
            "left after dropping the 2 highest and 2 lowest, found 4",
            f"scheme：{AT}.groups[2].min_ballots：应为多于 4 票，"
            "去掉最高分和最低分各 2 个后仍有剩余，实为 4",
        ),
        (
            f"scheme: {AT}.groups: expected weights that sum to 1, found weights that sum to 0.75",
            f"scheme：{AT}.groups：应为权重之和为 1（现为 0.75），实为 weights that sum to 0.75",
        ),
    ]


def test_raters_without_a_group_say_so_once() -> None:
    assert _problems(Raters((), scale=(D(1), D(0)))) == [
        (
            f"scheme: {AT}.scale: expected [lowest, highest] with lowest below highest, "
            "found [1, 0]",
            f"scheme：{AT}.scale：应为[最低, 最高]，最低低于最高，实为 [1, 0]",
        ),
        (
            f"scheme: {AT}.groups: expected at least one group of raters, found none",
            f"scheme：{AT}.groups：应为至少一组测评人，实为 none",
        ),
    ]


def test_a_weight_just_above_zero_and_a_sum_just_off_one() -> None:
    raters = Raters(
        (_weight(RaterGroup.SELF, "0.001"), _weight(RaterGroup.LEADERS, "0.998")),
    )
    assert _problems(attrs.evolve(raters)) == [
        (
            f"scheme: {AT}.groups: expected weights that sum to 1, found weights that sum to 0.999",
            f"scheme：{AT}.groups：应为权重之和为 1（现为 0.999），实为 weights that sum to 0.999",
        )
    ]
