"""Kill tests for ``checks/schemes.py``: how an indicator's value is found (one way only; a
gain's baseline), extra credit, the warnings (mode, drop_lowest, a bonus without a cap) and the
bonus table's level and rank lists, each problem compared whole in English and Chinese."""

from __future__ import annotations

from decimal import Decimal

import attrs

from schoolwork.checks.schemes import scheme_problems, scheme_warnings
from schoolwork.scheme import (
    Aggregate,
    BonusRule,
    Dimension,
    Gain,
    Indicator,
    Method,
    PointsRule,
    RaterGroup,
    Raters,
    RaterWeight,
    RecordSource,
    RuleKind,
    Scheme,
    SubjectKind,
)

D = Decimal
RULE = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
RATERS = Raters((RaterWeight(RaterGroup.PEERS, D(1)),))


def _scheme(*indicators: Indicator, aggregate: Aggregate | None = None, **more: object) -> Scheme:
    dimension = Dimension("d", "维度", D(1), indicators)
    if aggregate is not None:
        dimension = attrs.evolve(dimension, aggregate=aggregate)
    return Scheme("s", "方案", SubjectKind.TEACHER, "2023-2024", (dimension,), **more)  # type: ignore[arg-type]


def _texts(problems: list[object]) -> list[tuple[str, str]]:
    return [(p.text("en"), p.text("zh")) for p in problems]  # type: ignore[attr-defined]


def _problems(scheme: Scheme) -> list[tuple[str, str]]:
    return _texts(scheme_problems(scheme, "f"))  # type: ignore[arg-type]


def _indicator(key: str = "i", **more: object) -> Indicator:
    return Indicator(key, "指标", RULE, **more)  # type: ignore[arg-type]


AT = "f: dimensions[0].indicators[0]"
AT_ZH = "f：dimensions[0].indicators[0]"


def test_a_value_found_two_or_three_ways_is_refused_at_each_way_after_the_first() -> None:
    three = _indicator(source=RecordSource("honour"), raters=RATERS, gain=Gain("t-2022:a"))
    assert _problems(_scheme(three)) == [
        (
            f"{AT}.raters: expected one way to find the value; source is declared already, "
            "found both source and raters",
            f"{AT_ZH}.raters：应为只用一种方式取得数值；已声明 source，实为 both source and raters",
        ),
        (
            f"{AT}.gain: expected one way to find the value; source is declared already, "
            "found both source and gain",
            f"{AT_ZH}.gain：应为只用一种方式取得数值；已声明 source，实为 both source and gain",
        ),
    ]
    two = _indicator(raters=RATERS, gain=Gain("t-2022:a"))
    assert _problems(_scheme(two)) == [
        (
            f"{AT}.gain: expected one way to find the value; raters is declared already, "
            "found both raters and gain",
            f"{AT_ZH}.gain：应为只用一种方式取得数值；已声明 raters，实为 both raters and gain",
        )
    ]
    for one in (
        _indicator(source=RecordSource("honour")),
        _indicator(raters=RATERS),
        _indicator(gain=Gain("t-2022:a")),
        _indicator(),
    ):
        assert _problems(_scheme(one)) == []


def test_a_gain_needs_another_schemes_indicator_as_its_baseline() -> None:
    for baseline in ("t-2022", "t-2022:", ":attainment", ":"):
        gained = _indicator(gain=Gain(baseline))
        assert _problems(_scheme(gained)) == [
            (
                f"{AT}.gain.baseline: expected a baseline written '<scheme id>:<indicator id>', "
                f"found {baseline!r}",
                f"{AT_ZH}.gain.baseline：应为写作 '<方案编号>:<指标编号>' 的基线，"
                f"实为 {baseline!r}",
            )
        ], baseline
    own = _indicator(gain=Gain("s:attainment"))
    assert _problems(_scheme(own)) == [
        (
            f"{AT}.gain.baseline: expected another scheme (an earlier year's) as the baseline, "
            "found 's:attainment'",
            f"{AT_ZH}.gain.baseline：应为另一个（往年的）考核方案作基线，实为 's:attainment'",
        )
    ]


def test_extra_credit_problems_whole() -> None:
    regular, extra = _indicator("r"), _indicator("x", extra_credit=True)
    median = _scheme(regular, extra, aggregate=Aggregate(Method.MEDIAN))
    assert _problems(median) == [
        (
            "f: dimensions[0].indicators[1].extra_credit: expected no extra credit in a "
            "dimension aggregated by median (only mean and weighted_mean divide by a count or "
            "weight that extra credit stays out of), found true",
            "f：dimensions[0].indicators[1].extra_credit：应为以 median 汇总的维度不设附加分"
            "（只有 mean 与 weighted_mean 有分母，附加分不计入分母），实为 true",
        )
    ]
    dropping = (
        Aggregate(Method.MEAN, drop_lowest=1),
        Aggregate(Method.WEIGHTED_MEAN, keep_highest=2),
    )
    for rule in dropping:
        assert _problems(_scheme(regular, _indicator("q"), extra, aggregate=rule)) == [
            (
                "f: dimensions[0].indicators[2].extra_credit: expected no extra credit in a "
                "dimension that drops or keeps values, found true",
                "f：dimensions[0].indicators[2].extra_credit：应为去掉或保留部分指标的维度不设"
                "附加分，实为 true",
            )
        ], rule
    alone = _scheme(extra, _indicator("y", extra_credit=True), aggregate=Aggregate(Method.MEAN))
    assert _problems(alone) == [
        (
            "f: dimensions[0].indicators: expected at least one indicator that is not extra "
            "credit (extra credit adds to the others), found only extra credit",
            "f：dimensions[0].indicators：应为至少一个非附加分指标（附加分是加在其他指标之上的），"
            "实为 only extra credit",
        )
    ]
    for method in (Method.MEAN, Method.WEIGHTED_MEAN):
        assert _problems(_scheme(regular, extra, aggregate=Aggregate(method))) == []


def test_the_warnings_whole() -> None:
    mode = _scheme(_indicator("a"), _indicator("b"), aggregate=Aggregate(Method.MODE))
    assert _texts(scheme_warnings(mode, "f")) == [  # type: ignore[arg-type]
        (
            "f: dimensions[0].aggregate.method: expected an aggregation in which a better value "
            "never lowers the dimension: with mode, a value that rises can change which points "
            "are the most frequent (70, 69, 90 gives 90, the highest of three modes; 70, 70, 90 "
            "gives 70), found 'mode'",
            "f：dimensions[0].aggregate.method：应为较好的数值不会降低维度得分的汇总方式：用 mode"
            "（众数）时，一个数值提高可能改变出现最多的分值（70、69、90 取三个众数中最高的 90；"
            "70、70、90 取 70），实为 'mode'",
        )
    ]
    dropping = _scheme(_indicator("a"), _indicator("b"), aggregate=Aggregate(Method.MEAN, 3))
    assert _texts(scheme_warnings(dropping, "f", "schemes[1]")) == [  # type: ignore[arg-type]
        (
            "f: schemes[1].dimensions[0].aggregate.drop_lowest: expected a count below the "
            "number of indicators (2): at least one value is always kept, so this drops 1, "
            "not 3, found 3",
            "f：schemes[1].dimensions[0].aggregate.drop_lowest：应为小于指标个数（2）的个数："
            "至少保留一个值，实际只去掉 1 个，而不是 3 个，实为 3",
        )
    ]
    # drop_lowest of one less than the count is not warned about
    fewer = _scheme(_indicator("a"), _indicator("b"), aggregate=Aggregate(Method.MEAN, 1))
    assert scheme_warnings(fewer, "f") == []
    honours = BonusRule("h", "荣誉", {"county": {"first": D(2), "second": D(0)}})
    uncapped = _scheme(_indicator(), bonuses=(honours,))
    assert _texts(scheme_warnings(uncapped, "f")) == [  # type: ignore[arg-type]
        (
            "f: bonus_cap: expected a bonus_cap above 0 for the bonus rules (all bonus together "
            "is capped by bonus_cap, 0 when not given, so the rules grant nothing), found 0",
            "f：bonus_cap：应为大于 0 的 bonus_cap（所有加分合计受 bonus_cap 限制，未填写时为 0，"
            "加分规则不起作用），实为 0",
        )
    ]
    assert scheme_warnings(attrs.evolve(uncapped, bonus_cap=D(5)), "f") == []
    nothing = BonusRule("h", "荣誉", {"county": {"first": D(0)}})
    assert scheme_warnings(_scheme(_indicator(), bonuses=(nothing,)), "f") == []


def test_a_bonus_tables_unknown_level_and_rank_list_the_known_ones_with_their_labels() -> None:
    wrong = BonusRule("h", "荣誉", {"towns": {"fourth": D(1)}})
    (level, rank) = scheme_problems(_scheme(_indicator(), bonuses=(wrong,), bonus_cap=D(5)), "f")
    assert level.expected_zh == (
        "级别之一：'national'（国家级）、'province'（省级）、'city'（市级）、'county'（县级）、"
        "'school'（校级）"
    )
    assert rank.expected_zh == (
        "奖次之一：'special'（特等奖）、'first'（一等奖）、'second'（二等奖）、'third'（三等奖）、"
        "'excellent'（优秀奖）、'title'（荣誉称号）"
    )
