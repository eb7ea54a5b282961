"""Checks of evaluation schemes, from ``schemes.toml`` or from plugins.

A scheme that passes these checks is monotonic by construction: a better raw value never earns
fewer points, and no aggregation lets a raised value lower a dimension, except ``mode``, which
is allowed (so that every Moodle aggregation has a counterpart) and warned about; and every
condition compares a record's field with a value of the field's type. Warnings
(:func:`scheme_warnings`) name what a sound scheme still lets its data decide against the
rule's plain reading: a force into a band with a quota, ordinal ranks with a quota, a mode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from schoolwork.calendar import parse_school_year_name
from schoolwork.checks.conditions import clause_problem
from schoolwork.checks.ids import id_problem
from schoolwork.conditions import Condition
from schoolwork.converter import did_you_mean, label_hint
from schoolwork.errors import Problem, WorkspaceError
from schoolwork.labels import has_label, label
from schoolwork.levels import Level
from schoolwork.records import CORE_KINDS, AwardRank, RecordKind
from schoolwork.scheme import (
    DENOMINATED,
    HUNDRED,
    Aggregate,
    BonusRule,
    Combine,
    Dimension,
    Direction,
    Indicator,
    Method,
    PointsRule,
    RankKey,
    RaterGroup,
    Raters,
    RuleKind,
    Scheme,
    TiePolicy,
    VetoEffect,
)
from schoolwork.values import SUFFIXES, VALUES_DIR
from schoolwork.workspace import LoadedWorkspace, subjects_for

ZERO = Decimal(0)

MakeProblem = Callable[[str, str, object, str | None], Problem]
"""Makes a problem from a key below the scheme, what was expected, what was found, and what was
expected in Chinese."""

# Which optional fields each points rule reads; any other set field is a mistake.
_RULE_FIELDS = {
    RuleKind.LINEAR: {"floor", "ceiling"},
    RuleKind.THRESHOLDS: {"steps"},
    RuleKind.COUNT: {"each", "cap"},
    RuleKind.RATIO: {"target", "cap"},
}
_RULE_REQUIRED = {
    RuleKind.LINEAR: ("floor", "ceiling"),
    RuleKind.THRESHOLDS: ("steps",),
    RuleKind.COUNT: ("each",),
    RuleKind.RATIO: ("target",),
}


def check_schemes(loaded: LoadedWorkspace) -> Iterable[Problem]:
    """Every scheme the workspace can evaluate: its own (located in ``schemes.toml``) and the
    plugins' (named by plugin), each id used once."""
    file = loaded.file("schemes")
    seen: dict[str, str] = {}
    index = 0
    for source in loaded.schemes:
        scheme = source.scheme
        own = source.origin == file
        at = f"schemes[{index}]" if own else ""
        where = at or source.origin
        if scheme.id in seen:
            yield Problem(
                file if own else source.origin,
                f"{at}.id" if own else "id",
                "an id no other scheme has",
                f"{scheme.id!r}, the id of {seen[scheme.id]} too",
                expected_zh="与其他考核方案都不相同的编号",
            )
        seen.setdefault(scheme.id, where)
        yield from scheme_problems(scheme, source.origin, at, loaded.kinds)
        index += own


def check_warnings(loaded: LoadedWorkspace) -> Iterable[Problem]:
    """What every scheme of the workspace (its own and the plugins') should be warned about,
    located like :func:`check_schemes`; see :func:`scheme_warnings`."""
    file = loaded.file("schemes")
    index = 0
    for source in loaded.schemes:
        own = source.origin == file
        yield from scheme_warnings(source.scheme, source.origin, f"schemes[{index}]" if own else "")
        index += own


def check_values(loaded: LoadedWorkspace) -> Iterable[Problem]:
    """Every values file: named for a scheme, and every cell a number for a known subject.

    A scheme that declares an indicator id twice has no one column for it: its values file is
    checked once the scheme is fixed, so the scheme's mistake is not blamed on the file too.
    """
    schemes = [source.scheme for source in loaded.schemes]
    for scheme in schemes:
        if _duplicate_indicator_ids(scheme):
            continue
        subjects = [s.id for s in subjects_for(scheme.subject, loaded.workspace)]
        try:
            loaded.values.read(loaded.root, scheme, subjects)
        except WorkspaceError as exc:
            yield from exc.problems
    values_dir = loaded.root / VALUES_DIR
    if values_dir.is_dir():
        ids = [s.id for s in schemes]
        for path in sorted(p for p in values_dir.iterdir() if p.suffix.lower() in SUFFIXES):
            if path.stem not in ids:
                hint, hint_zh = did_you_mean(path.stem, ids)
                yield Problem(
                    str(path),
                    "",
                    f"the id of a scheme (of schemes.toml or a plugin) as the file name{hint}",
                    repr(path.stem),
                    expected_zh=f"以考核方案（schemes.toml 或插件中）的编号为文件名{hint_zh}",
                )


def _duplicate_indicator_ids(scheme: Scheme) -> bool:
    ids = [i.id for d in scheme.dimensions for i in d.indicators]
    return len(set(ids)) < len(ids)


def scheme_problems(
    scheme: Scheme, file: str, at: str = "", kinds: Sequence[RecordKind] = CORE_KINDS
) -> list[Problem]:
    """Every problem of one scheme; ``at`` is its path inside ``file``; ``kinds`` are the
    record kinds it may count and veto on."""
    return list(_scheme(scheme, file, at, kinds))


def scheme_warnings(scheme: Scheme, file: str = "scheme", at: str = "") -> list[Problem]:
    """What a sound scheme lets its data decide against the rule's plain reading: told as a
    warning, never refused (``schoolwork validate`` and ``evaluate`` print it and go on).

    - a ``force_band`` veto into a band with a quota: the quota outranks the force, so when more
      subjects are forced into the band than it has places, the lower-ranked of them fall to
      the band below (docs/evaluation.md, "The order of veto effects and quotas");
    - ``ordinal`` ranks with a quota: subjects tied on the score and every tie breaker at the
      last place are separated by subject id (each is told so in its explanation);
    - a ``cancel_excellence`` veto in a scheme with fewer than two bands: it cannot do anything;
    - a ``drop_lowest`` of as many values as the dimension has indicators, or more: one value
      is always kept, so it drops fewer than it says;
    - bonus rules that grant points, with a ``bonus_cap`` of 0 (the default): all bonus together
      is capped at 0, so the rules grant nothing;
    - a dimension aggregated by ``mode``: a value that rises can lower it (70, 69, 90 has the
      mode 90, the highest of three equally frequent points; 70, 70, 90 has the mode 70).
    """
    return list(_warnings(scheme, file, at))


def _warnings(scheme: Scheme, file: str, at: str) -> Iterator[Problem]:
    def warning(key: str, expected: str, found: object, expected_zh: str) -> Problem:
        return Problem(file, _join(at, key), expected, str(found), expected_zh=expected_zh)

    names = [band.name for band in scheme.bands]
    quotas = [band for band in scheme.bands if band.quota is not None]
    for v_index, veto in enumerate(scheme.vetoes):
        here = f"vetoes[{v_index}]"
        if VetoEffect.FORCE_BAND in veto.effects and veto.band in names:
            index = names.index(veto.band)
            band = scheme.bands[index]
            if band.quota is not None:
                below = names[index + 1] if index + 1 < len(names) else "no band"
                below_zh = (
                    f"落入 {names[index + 1]}" if index + 1 < len(names) else "不属于任何等次"
                )
                share = f"{band.quota * 100:f}".rstrip("0").rstrip(".")
                yield warning(
                    f"{here}.band",
                    f"a band without a quota to force into: {band.name} holds at most {share} % "
                    f"of the subjects, and the quota outranks the force (forced subjects take "
                    f"its places first, in rank order; those beyond them fall to {below})",
                    repr(veto.band),
                    f"没有名额限制的等次：{band.name} 至多容纳 {share}% 的对象，名额优先于强制"
                    f"（被强制的对象按排名先占名额，超出者{below_zh}）",
                )
        if VetoEffect.CANCEL_EXCELLENCE in veto.effects and len(names) < 2:
            yield warning(
                f"{here}.effects",
                "at least two bands for cancel_excellence (with one band there is no "
                "excellence to cancel; it does nothing)",
                f"{len(names)} band{'s' if len(names) != 1 else ''}",
                "cancel_excellence 需要至少两个等次（只有一个等次时无优秀可取消，它不起作用）",
            )
    if scheme.ranking.ties is TiePolicy.ORDINAL and quotas:
        limited = ", ".join(b.name for b in quotas)
        limited_zh = "、".join(b.name for b in quotas)
        yield warning(
            "ranking.ties",
            "a tie policy that keeps ties together (competition, modified, dense or "
            f"fractional) when a band has a quota: with ordinal, subjects tied at the last "
            f"place of the quota of {limited} are separated by subject id",
            repr(scheme.ranking.ties.value),
            "等次有名额时，使用保留并列的名次规则（competition、modified、dense 或 "
            f"fractional）：用 ordinal 时，在 {limited_zh} 名额最后一位并列的对象按编号区分",
        )
    for d_index, dimension in enumerate(scheme.dimensions):
        count, drop = len(dimension.indicators), dimension.aggregate.drop_lowest
        if count and drop >= count:
            yield warning(
                f"dimensions[{d_index}].aggregate.drop_lowest",
                f"a count below the number of indicators ({count}): at least one value is "
                f"always kept, so this drops {count - 1}, not {drop}",
                drop,
                f"小于指标个数（{count}）的个数：至少保留一个值，实际只去掉 {count - 1} 个，"
                f"而不是 {drop} 个",
            )
        if dimension.aggregate.method is Method.MODE:
            yield warning(
                f"dimensions[{d_index}].aggregate.method",
                "an aggregation in which a better value never lowers the dimension: with mode, "
                "a value that rises can change which points are the most frequent (70, 69, 90 "
                "gives 90, the highest of three modes; 70, 70, 90 gives 70)",
                repr(dimension.aggregate.method.value),
                "较好的数值不会降低维度得分的汇总方式：用 mode（众数）时，一个数值提高可能改变"
                "出现最多的分值（70、69、90 取三个众数中最高的 90；70、70、90 取 70）",
            )
    grants = any(
        points > 0 for b in scheme.bonuses for row in b.table.values() for points in row.values()
    )
    if grants and scheme.bonus_cap == ZERO:
        yield warning(
            "bonus_cap",
            "a bonus_cap above 0 for the bonus rules (all bonus together is capped by "
            "bonus_cap, 0 when not given, so the rules grant nothing)",
            scheme.bonus_cap,
            "大于 0 的 bonus_cap（所有加分合计受 bonus_cap 限制，未填写时为 0，加分规则不起作用）",
        )


def _join(at: str, key: str) -> str:
    return f"{at}.{key}" if at else key


def _scheme(scheme: Scheme, file: str, at: str, kinds: Sequence[RecordKind]) -> Iterator[Problem]:
    def problem(key: str, expected: str, found: object, expected_zh: str | None) -> Problem:
        return Problem(file, _join(at, key), expected, str(found), expected_zh=expected_zh)

    def well_formed(key: str, value: str) -> Iterator[Problem]:
        wrong = id_problem(file, _join(at, key), value)
        if wrong is not None:
            yield wrong

    yield from well_formed("id", scheme.id)
    if parse_school_year_name(scheme.period) is None:
        yield problem(
            "period",
            "a school year such as '2023-2024'",
            repr(scheme.period),
            "形如 '2023-2024' 的学年",
        )
    if not scheme.dimensions:
        yield problem("dimensions", "at least one dimension", "none", "至少一个维度")
    if not 0 <= scheme.places <= 6:
        yield problem(
            "places", "a number of decimal places from 0 to 6", scheme.places, "0 到 6 位小数"
        )
    if scheme.bonus_cap < 0:
        yield problem("bonus_cap", "a number of at least 0", scheme.bonus_cap, "不小于 0 的数")
    if scheme.split is not None:
        for key in ("process", "result"):
            weight = getattr(scheme.split, key)
            if weight <= 0:
                yield problem(f"split.{key}", "a weight above 0", weight, "大于 0 的权重")
    dimension_ids: list[str] = []
    indicator_ids: set[str] = set()
    # What _rule finds in each distinct rule, its paths below the rule: a scheme's indicators
    # repeat a few rules (and equal rules read from files are one object).
    rules: dict[tuple[PointsRule, Direction], tuple[Problem, ...]] = {}
    for d_index, dimension in enumerate(scheme.dimensions):
        here = f"dimensions[{d_index}]"
        yield from well_formed(f"{here}.id", dimension.id)
        if dimension.id in dimension_ids:
            yield problem(
                f"{here}.id", "a dimension id used once", repr(dimension.id), "只用一次的维度编号"
            )
        dimension_ids.append(dimension.id)
        if dimension.weight <= 0:
            yield problem(f"{here}.weight", "a weight above 0", dimension.weight, "大于 0 的权重")
        if not dimension.indicators:
            yield problem(f"{here}.indicators", "at least one indicator", "none", "至少一个指标")
        yield from _aggregate(
            dimension.aggregate, dimension.indicators, problem, f"{here}.aggregate"
        )
        yield from _extra_credit(dimension, problem, here)
        for i_index, indicator in enumerate(dimension.indicators):
            there = f"{here}.indicators[{i_index}]"
            yield from well_formed(f"{there}.id", indicator.id)
            if indicator.id in indicator_ids:
                yield problem(
                    f"{there}.id",
                    "an indicator id used once in the scheme",
                    repr(indicator.id),
                    "在方案中只用一次的指标编号",
                )
            indicator_ids.add(indicator.id)
            if indicator.weight <= 0:
                yield problem(
                    f"{there}.weight", "a weight above 0", indicator.weight, "大于 0 的权重"
                )
            rule = (indicator.points, indicator.direction)
            if rule not in rules:
                rules[rule] = tuple(_rule(*rule, _unplaced, ""))
            for wrong in rules[rule]:
                at_rule = f"{there}.points{wrong.path}"
                yield problem(at_rule, wrong.expected, wrong.found, wrong.expected_zh)
            yield from _valued(scheme, indicator, problem, there)
            if indicator.source is not None:
                yield from _record_condition(
                    indicator.source.kind,
                    indicator.source.where,
                    problem,
                    f"{there}.source",
                    kinds,
                )
    band_names: list[str] = []
    previous: Decimal | None = None
    for b_index, band in enumerate(scheme.bands):
        here = f"bands[{b_index}]"
        if band.name in band_names:
            yield problem(
                f"{here}.name", "a band name used once", repr(band.name), "只用一次的等次名称"
            )
        band_names.append(band.name)
        if previous is not None and band.min_score >= previous:
            yield problem(
                f"{here}.min_score",
                f"a threshold below the band above it ({previous}); bands must not overlap",
                band.min_score,
                f"低于上一等次的分数线（{previous}）；等次不能重叠",
            )
        previous = band.min_score
        if not ZERO <= band.min_score <= scheme.max_score:
            yield problem(
                f"{here}.min_score",
                f"a score from 0 to {scheme.max_score}",
                band.min_score,
                f"0 到 {scheme.max_score} 之间的分数",
            )
        if band.quota is not None and not ZERO < band.quota <= 1:
            yield problem(
                f"{here}.quota",
                "a share above 0 and at most 1 (0.2 for 20 %)",
                band.quota,
                "大于 0、不超过 1 的比例（20% 写作 0.2）",
            )
    for t_index, breaker in enumerate(scheme.ranking.tie_breakers):
        if breaker not in dimension_ids:
            known = ", ".join(sorted(set(dimension_ids))) or "none"
            hint, hint_zh = did_you_mean(breaker, dimension_ids)
            yield problem(
                f"ranking.tie_breakers[{t_index}]",
                f"a dimension of the scheme ({known}){hint}",
                repr(breaker),
                f"本方案的维度（{'、'.join(sorted(set(dimension_ids))) or '无'}）{hint_zh}",
            )
    for r_index, bonus in enumerate(scheme.bonuses):
        yield from _bonus(bonus, problem, f"bonuses[{r_index}]", well_formed)
    for v_index, veto in enumerate(scheme.vetoes):
        here = f"vetoes[{v_index}]"
        yield from well_formed(f"{here}.id", veto.id)
        if not veto.effects:
            yield problem(f"{here}.effects", "at least one effect", "none", "至少一种后果")
        yield from _record_condition(
            veto.record, veto.when, problem, here, kinds, kind_key="record"
        )
        if VetoEffect.FORCE_BAND in veto.effects and veto.band not in band_names:
            hint, hint_zh = did_you_mean(veto.band, band_names)
            yield problem(
                f"{here}.band",
                "a band of the scheme: " + ", ".join(band_names) + hint,
                repr(veto.band),
                "本方案的等次之一：" + "、".join(band_names) + hint_zh,
            )
        if VetoEffect.ZERO_DIMENSION in veto.effects and veto.dimension not in dimension_ids:
            hint, hint_zh = did_you_mean(veto.dimension, dimension_ids)
            yield problem(
                f"{here}.dimension",
                f"a dimension of the scheme{hint}",
                repr(veto.dimension),
                f"本方案的维度{hint_zh}",
            )


def _valued(
    scheme: Scheme, indicator: Indicator, problem: MakeProblem, at: str
) -> Iterator[Problem]:
    """An indicator's value comes one way: typed in, counted, rated or as a gain."""
    ways = [
        key
        for key in ("source", "raters", "gain")
        if getattr(indicator, key) is not None  # one value, one origin
    ]
    for key in ways[1:]:
        yield problem(
            f"{at}.{key}",
            f"one way to find the value; {ways[0]} is declared already",
            f"both {ways[0]} and {key}",
            f"只用一种方式取得数值；已声明 {ways[0]}",
        )
    if indicator.raters is not None:
        yield from _raters(indicator.raters, problem, f"{at}.raters")
    if indicator.gain is not None:
        base_scheme, base_indicator = indicator.gain.reference
        if not base_scheme or not base_indicator:
            yield problem(
                f"{at}.gain.baseline",
                "a baseline written '<scheme id>:<indicator id>'",
                repr(indicator.gain.baseline),
                "写作 '<方案编号>:<指标编号>' 的基线",
            )
        elif base_scheme == scheme.id:
            yield problem(
                f"{at}.gain.baseline",
                "another scheme (an earlier year's) as the baseline",
                repr(indicator.gain.baseline),
                "另一个（往年的）考核方案作基线",
            )


def _raters(raters: Raters, problem: MakeProblem, at: str) -> Iterator[Problem]:
    low, high = raters.scale
    if low >= high:
        yield problem(
            f"{at}.scale",
            "[lowest, highest] with lowest below highest",
            f"[{low}, {high}]",
            "[最低, 最高]，最低低于最高",
        )
    if not raters.groups:
        yield problem(f"{at}.groups", "at least one group of raters", "none", "至少一组测评人")
        return
    seen: set[RaterGroup] = set()
    for index, rule in enumerate(raters.groups):
        here = f"{at}.groups[{index}]"
        if rule.group in seen:
            yield problem(
                f"{here}.group", "each group once", repr(rule.group.value), "每个测评组只出现一次"
            )
        seen.add(rule.group)
        if rule.weight <= 0:
            yield problem(f"{here}.weight", "a weight above 0", rule.weight, "大于 0 的权重")
        if rule.min_ballots < 1:
            yield problem(f"{here}.min_ballots", "at least 1 ballot", rule.min_ballots, "至少 1 票")
        if rule.combine is Combine.TRIMMED_MEAN:
            if rule.trim < 1:
                yield problem(
                    f"{here}.trim",
                    "at least 1 ballot dropped from each end for a trimmed mean",
                    rule.trim,
                    "去掉最高分和最低分至少各 1 个",
                )
            elif rule.min_ballots <= 2 * rule.trim:
                yield problem(
                    f"{here}.min_ballots",
                    f"more than {2 * rule.trim} ballots, so that one is left after dropping the "
                    f"{rule.trim} highest and {rule.trim} lowest",
                    rule.min_ballots,
                    f"多于 {2 * rule.trim} 票，去掉最高分和最低分各 {rule.trim} 个后仍有剩余",
                )
        elif rule.trim != 0:
            yield problem(
                f"{here}.trim",
                "no trim except with combine = 'trimmed_mean'",
                rule.trim,
                "只有 combine = 'trimmed_mean' 才去掉最高分和最低分",
            )
    total = sum((rule.weight for rule in raters.groups), ZERO)
    if total != 1:
        yield problem(
            f"{at}.groups",
            "weights that sum to 1",
            f"weights that sum to {total}",
            f"权重之和为 1（现为 {total}）",
        )


def _bonus(
    bonus: BonusRule,
    problem: MakeProblem,
    here: str,
    well_formed: Callable[[str, str], Iterator[Problem]],
) -> Iterator[Problem]:
    yield from well_formed(f"{here}.id", bonus.id)
    levels = [lv.value for lv in Level]
    ranks = [rk.value for rk in RankKey]
    for level, row in bonus.table.items():
        if level not in levels:
            hint, hint_zh = label_hint(level, Level, levels)
            yield problem(
                f"{here}.table.{level}",
                "a level: " + ", ".join(sorted(levels)) + hint,
                repr(level),
                "级别之一：" + "、".join(_named(Level)) + hint_zh,
            )
        for rank, points in row.items():
            if rank not in ranks:
                hint, hint_zh = label_hint(rank, AwardRank, ranks)
                yield problem(
                    f"{here}.table.{level}.{rank}",
                    "a rank: " + ", ".join(ranks) + hint,
                    repr(rank),
                    "奖次之一：" + "、".join(_named(AwardRank)) + "、'title'（荣誉称号）" + hint_zh,
                )
            if points < 0:
                yield problem(
                    f"{here}.table.{level}.{rank}",
                    "points of at least 0",
                    points,
                    "不小于 0 的分值",
                )
    for key in ("cap", "category_cap"):
        value = getattr(bonus, key)
        if value is not None and value < 0:
            yield problem(f"{here}.{key}", "a cap of at least 0", value, "不小于 0 的上限")


def _named(members: Iterable[Level | AwardRank]) -> list[str]:
    """``'county'（县级）`` for each member: the value to write and its Chinese label."""
    return [f"{m.value!r}（{label(m, 'zh')}）" if has_label(m) else repr(m.value) for m in members]


def _aggregate(
    rule: Aggregate, indicators: tuple[Indicator, ...], problem: MakeProblem, at: str
) -> Iterator[Problem]:
    if rule.drop_lowest < 0:
        yield problem(
            f"{at}.drop_lowest", "a count of at least 0", rule.drop_lowest, "不小于 0 的个数"
        )
    if rule.keep_highest is not None and rule.keep_highest < 1:
        yield problem(
            f"{at}.keep_highest", "a count of at least 1", rule.keep_highest, "不小于 1 的个数"
        )
    if rule.cap is not None:
        extra = rule.method in DENOMINATED and any(i.extra_credit for i in indicators)
        if rule.method is not Method.SUM and not extra:
            yield problem(
                f"{at}.cap",
                "no cap (only a sum, or a mean with extra credit, is capped)",
                rule.cap,
                "不填上限（只有 sum 方法或含附加分指标的平均有上限）",
            )
        elif not ZERO < rule.cap <= HUNDRED:
            yield problem(
                f"{at}.cap", "a cap above 0 and at most 100", rule.cap, "大于 0、不超过 100 的上限"
            )
    selects = rule.drop_lowest > 0 or rule.keep_highest is not None
    if rule.method is Method.WEIGHTED_MEAN and selects and len({i.weight for i in indicators}) > 1:
        # Dropping the lowest of unequally weighted values can make a raised value lower the
        # mean (the dropped one changes); refusing it keeps every scheme monotonic.
        yield problem(
            f"{at}.method",
            "equal indicator weights when a weighted mean drops or keeps values",
            "unequal weights",
            "加权平均去掉或保留部分指标时，各指标权重应相等",
        )


def _extra_credit(dimension: Dimension, problem: MakeProblem, here: str) -> Iterator[Problem]:
    """Extra credit stays out of a denominator: only a mean or a weighted mean has one, and it
    needs at least one regular indicator to add to."""
    rule = dimension.aggregate
    extra = [n for n, i in enumerate(dimension.indicators) if i.extra_credit]
    if not extra:
        return
    method = rule.method.value
    for n in extra:
        at = f"{here}.indicators[{n}].extra_credit"
        if rule.method not in DENOMINATED:
            yield problem(
                at,
                f"no extra credit in a dimension aggregated by {method} (only mean and "
                "weighted_mean divide by a count or weight that extra credit stays out of)",
                "true",
                f"以 {method} 汇总的维度不设附加分（只有 mean 与 weighted_mean 有分母，附加分"
                "不计入分母）",
            )
        elif rule.drop_lowest > 0 or rule.keep_highest is not None:
            # Dropping values that can only add, or that tip which values are dropped, would
            # make the dimension hard to read and could lower it when a value rises.
            yield problem(
                at,
                "no extra credit in a dimension that drops or keeps values",
                "true",
                "去掉或保留部分指标的维度不设附加分",
            )
    if len(extra) == len(dimension.indicators):
        yield problem(
            f"{here}.indicators",
            "at least one indicator that is not extra credit (extra credit adds to the others)",
            "only extra credit",
            "至少一个非附加分指标（附加分是加在其他指标之上的）",
        )


def _unplaced(key: str, expected: str, found: object, expected_zh: str | None) -> Problem:
    """A problem of a rule, its path below the rule (:func:`_rule`'s ``at`` is empty)."""
    return Problem("", key, expected, str(found), expected_zh=expected_zh)


def _rule(
    rule: PointsRule, direction: Direction, problem: MakeProblem, at: str
) -> Iterator[Problem]:
    kind = rule.rule.value
    for key in _RULE_REQUIRED[rule.rule]:
        value = getattr(rule, key)
        if value is None or value == ():
            yield problem(
                f"{at}.{key}",
                f"a value ({kind} rules need {key})",
                "nothing",
                f"一个值（{kind} 规则必须填写 {key}）",
            )
    for key in ("floor", "ceiling", "steps", "each", "target", "cap"):
        value = getattr(rule, key)
        if key not in _RULE_FIELDS[rule.rule] and value not in (None, ()):
            yield problem(
                f"{at}.{key}",
                f"nothing ({kind} rules do not use {key})",
                value,
                f"不填（{kind} 规则不使用 {key}）",
            )
    floor, ceiling = rule.floor, rule.ceiling
    linear = rule.rule is RuleKind.LINEAR
    if linear and floor is not None and ceiling is not None and floor >= ceiling:
        yield problem(
            f"{at}.ceiling",
            f"a value above the floor ({floor})",
            ceiling,
            f"大于 floor（{floor}）的值",
        )
    if rule.rule is RuleKind.THRESHOLDS and rule.steps:
        for s_index, step in enumerate(rule.steps):
            if not ZERO <= step.points <= HUNDRED:
                yield problem(
                    f"{at}.steps[{s_index}].points",
                    "points from 0 to 100",
                    step.points,
                    "0 到 100 之间的分值",
                )
            if s_index and step.at <= rule.steps[s_index - 1].at:
                yield problem(
                    f"{at}.steps[{s_index}].at",
                    "steps in rising order of `at`",
                    step.at,
                    "按 at 从小到大排列的档次",
                )
            elif s_index:
                before = rule.steps[s_index - 1].points
                falls = (
                    step.points < before if direction is Direction.HIGHER else step.points > before
                )
                if falls:
                    better, better_zh = (
                        ("higher", "越高越好")
                        if direction is Direction.HIGHER
                        else ("lower", "越低越好")
                    )
                    yield problem(
                        f"{at}.steps[{s_index}].points",
                        f"points that do not fall as the value gets better ({better} is better)",
                        step.points,
                        f"随数值变好而不减少的分值（{better_zh}）",
                    )
    if rule.rule is RuleKind.COUNT and rule.each is not None and rule.each <= 0:
        yield problem(f"{at}.each", "points above 0", rule.each, "大于 0 的分值")
    if rule.rule is RuleKind.RATIO and rule.target is not None and rule.target <= 0:
        yield problem(f"{at}.target", "a target above 0", rule.target, "大于 0 的目标值")
    if rule.cap is not None and not ZERO < rule.cap <= HUNDRED:
        yield problem(
            f"{at}.cap", "a cap above 0 and at most 100", rule.cap, "大于 0、不超过 100 的上限"
        )


def _record_condition(
    kind: str,
    where: Condition | None,
    problem: MakeProblem,
    at: str,
    kinds: Sequence[RecordKind],
    kind_key: str = "kind",
) -> Iterator[Problem]:
    record_type = next((k.model for k in kinds if k.name == kind), None)
    if record_type is None:
        names = [k.name for k in kinds]
        hint, hint_zh = did_you_mean(kind, names)
        yield problem(
            f"{at}.{kind_key}",
            "a record kind: " + ", ".join(names) + hint,
            repr(kind),
            "记录种类之一：" + "、".join(names) + hint_zh,
        )
        return
    if where is None:
        return
    condition_key = "when" if kind_key == "record" else "where"
    for group in ("all", "any"):
        for c_index, clause in enumerate(getattr(where, group)):
            error = clause_problem(clause, record_type)
            if error is not None:
                yield problem(
                    f"{at}.{condition_key}.{group}[{c_index}]",
                    error[0],
                    f"{clause.field} {clause.op.value} {clause.value!r}",
                    error[1],
                )
