"""Checks of evaluation schemes, from ``schemes.toml`` or from plugins.

A scheme that passes these checks is monotonic by construction: a better raw value never earns
fewer points, and no aggregation lets a raised value lower a dimension; and every condition
compares a record's field with a value of the field's type. Warnings
(:func:`scheme_warnings`) name what a sound scheme still lets its data decide against the
rule's plain reading: a force into a band with a quota, ordinal ranks with a quota.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from schoolwork.calendar import parse_school_year_name
from schoolwork.conditions import Condition, field_value_error
from schoolwork.errors import Problem, WorkspaceError
from schoolwork.levels import Level
from schoolwork.records import CORE_KINDS, RecordKind
from schoolwork.scheme import (
    HUNDRED,
    Aggregate,
    Direction,
    Indicator,
    Method,
    PointsRule,
    RankKey,
    RuleKind,
    Scheme,
    TiePolicy,
    VetoEffect,
)
from schoolwork.values import SUFFIXES, VALUES_DIR, read_scheme_values
from schoolwork.workspace import LoadedWorkspace, subjects_for

ZERO = Decimal(0)

MakeProblem = Callable[[str, str, object], Problem]
"""Makes a problem from a key below the scheme, what was expected and what was found."""

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
    """Every values file: named for a scheme, and every cell a number for a known subject."""
    schemes = [source.scheme for source in loaded.schemes]
    for scheme in schemes:
        subjects = [s.id for s in subjects_for(scheme.subject, loaded.workspace)]
        try:
            read_scheme_values(loaded.root, scheme, subjects)
        except WorkspaceError as exc:
            yield from exc.problems
    values_dir = loaded.root / VALUES_DIR
    if values_dir.is_dir():
        ids = {s.id for s in schemes}
        for path in sorted(p for p in values_dir.iterdir() if p.suffix.lower() in SUFFIXES):
            if path.stem not in ids:
                yield Problem(
                    str(path),
                    "",
                    "the id of a scheme (of schemes.toml or a plugin) as the file name",
                    repr(path.stem),
                )


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
    - a ``cancel_excellence`` veto in a scheme with fewer than two bands: it cannot do anything.
    """
    return list(_warnings(scheme, file, at))


def _warnings(scheme: Scheme, file: str, at: str) -> Iterator[Problem]:
    def warning(key: str, expected: str, found: object) -> Problem:
        return Problem(file, _join(at, key), expected, str(found))

    names = [band.name for band in scheme.bands]
    quotas = [band for band in scheme.bands if band.quota is not None]
    for v_index, veto in enumerate(scheme.vetoes):
        here = f"vetoes[{v_index}]"
        if VetoEffect.FORCE_BAND in veto.effects and veto.band in names:
            index = names.index(veto.band)
            band = scheme.bands[index]
            if band.quota is not None:
                below = names[index + 1] if index + 1 < len(names) else "no band"
                share = f"{band.quota * 100:f}".rstrip("0").rstrip(".")
                yield warning(
                    f"{here}.band",
                    f"a band without a quota to force into: {band.name} holds at most {share} % "
                    f"of the subjects, and the quota outranks the force (forced subjects take "
                    f"its places first, in rank order; those beyond them fall to {below})",
                    repr(veto.band),
                )
        if VetoEffect.CANCEL_EXCELLENCE in veto.effects and len(names) < 2:
            yield warning(
                f"{here}.effects",
                "at least two bands for cancel_excellence (with one band there is no "
                "excellence to cancel; it does nothing)",
                f"{len(names)} band{'s' if len(names) != 1 else ''}",
            )
    if scheme.ranking.ties is TiePolicy.ORDINAL and quotas:
        yield warning(
            "ranking.ties",
            "a tie policy that keeps ties together (competition, modified, dense or "
            f"fractional) when a band has a quota: with ordinal, subjects tied at the last "
            f"place of the quota of {', '.join(b.name for b in quotas)} are separated by "
            "subject id",
            repr(scheme.ranking.ties.value),
        )


def _join(at: str, key: str) -> str:
    return f"{at}.{key}" if at else key


def _scheme(scheme: Scheme, file: str, at: str, kinds: Sequence[RecordKind]) -> Iterator[Problem]:
    def problem(key: str, expected: str, found: object) -> Problem:
        return Problem(file, _join(at, key), expected, str(found))

    if parse_school_year_name(scheme.period) is None:
        yield problem("period", "a school year such as '2023-2024'", repr(scheme.period))
    if not scheme.dimensions:
        yield problem("dimensions", "at least one dimension", "none")
    if not 0 <= scheme.places <= 6:
        yield problem("places", "a number of decimal places from 0 to 6", scheme.places)
    if scheme.bonus_cap < 0:
        yield problem("bonus_cap", "a number of at least 0", scheme.bonus_cap)
    if scheme.split is not None:
        for key in ("process", "result"):
            weight = getattr(scheme.split, key)
            if weight <= 0:
                yield problem(f"split.{key}", "a weight above 0", weight)
    dimension_ids: set[str] = set()
    indicator_ids: set[str] = set()
    for d_index, dimension in enumerate(scheme.dimensions):
        here = f"dimensions[{d_index}]"
        if dimension.id in dimension_ids:
            yield problem(f"{here}.id", "a dimension id used once", repr(dimension.id))
        dimension_ids.add(dimension.id)
        if dimension.weight <= 0:
            yield problem(f"{here}.weight", "a weight above 0", dimension.weight)
        if not dimension.indicators:
            yield problem(f"{here}.indicators", "at least one indicator", "none")
        yield from _aggregate(
            dimension.aggregate, dimension.indicators, problem, f"{here}.aggregate"
        )
        for i_index, indicator in enumerate(dimension.indicators):
            there = f"{here}.indicators[{i_index}]"
            if indicator.id in indicator_ids:
                yield problem(
                    f"{there}.id", "an indicator id used once in the scheme", repr(indicator.id)
                )
            indicator_ids.add(indicator.id)
            if indicator.weight <= 0:
                yield problem(f"{there}.weight", "a weight above 0", indicator.weight)
            yield from _rule(indicator.points, indicator.direction, problem, f"{there}.points")
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
            yield problem(f"{here}.name", "a band name used once", repr(band.name))
        band_names.append(band.name)
        if previous is not None and band.min_score >= previous:
            yield problem(
                f"{here}.min_score",
                f"a threshold below the band above it ({previous}); bands must not overlap",
                band.min_score,
            )
        previous = band.min_score
        if not ZERO <= band.min_score <= scheme.max_score:
            yield problem(
                f"{here}.min_score", f"a score from 0 to {scheme.max_score}", band.min_score
            )
        if band.quota is not None and not ZERO < band.quota <= 1:
            yield problem(
                f"{here}.quota", "a share above 0 and at most 1 (0.2 for 20 %)", band.quota
            )
    for t_index, breaker in enumerate(scheme.ranking.tie_breakers):
        if breaker not in dimension_ids:
            known = ", ".join(sorted(dimension_ids)) or "none"
            yield problem(
                f"ranking.tie_breakers[{t_index}]",
                f"a dimension of the scheme ({known})",
                repr(breaker),
            )
    for r_index, bonus in enumerate(scheme.bonuses):
        here = f"bonuses[{r_index}]"
        levels, ranks = {lv.value for lv in Level}, {rk.value for rk in RankKey}
        for level, row in bonus.table.items():
            if level not in levels:
                yield problem(
                    f"{here}.table.{level}", "a level: " + ", ".join(sorted(levels)), repr(level)
                )
            for rank, points in row.items():
                if rank not in ranks:
                    yield problem(
                        f"{here}.table.{level}.{rank}",
                        "a rank: " + ", ".join(rk.value for rk in RankKey),
                        repr(rank),
                    )
                if points < 0:
                    yield problem(f"{here}.table.{level}.{rank}", "points of at least 0", points)
        for key in ("cap", "category_cap"):
            value = getattr(bonus, key)
            if value is not None and value < 0:
                yield problem(f"{here}.{key}", "a cap of at least 0", value)
    for v_index, veto in enumerate(scheme.vetoes):
        here = f"vetoes[{v_index}]"
        if not veto.effects:
            yield problem(f"{here}.effects", "at least one effect", "none")
        yield from _record_condition(
            veto.record, veto.when, problem, here, kinds, kind_key="record"
        )
        if VetoEffect.FORCE_BAND in veto.effects and veto.band not in band_names:
            yield problem(
                f"{here}.band", "a band of the scheme: " + ", ".join(band_names), repr(veto.band)
            )
        if VetoEffect.ZERO_DIMENSION in veto.effects and veto.dimension not in dimension_ids:
            yield problem(f"{here}.dimension", "a dimension of the scheme", repr(veto.dimension))


def _aggregate(
    rule: Aggregate, indicators: tuple[Indicator, ...], problem: MakeProblem, at: str
) -> Iterator[Problem]:
    if rule.drop_lowest < 0:
        yield problem(f"{at}.drop_lowest", "a count of at least 0", rule.drop_lowest)
    if rule.keep_highest is not None and rule.keep_highest < 1:
        yield problem(f"{at}.keep_highest", "a count of at least 1", rule.keep_highest)
    if rule.cap is not None:
        if rule.method is not Method.SUM:
            yield problem(f"{at}.cap", "no cap (only the sum method is capped)", rule.cap)
        elif not ZERO < rule.cap <= HUNDRED:
            yield problem(f"{at}.cap", "a cap above 0 and at most 100", rule.cap)
    selects = rule.drop_lowest > 0 or rule.keep_highest is not None
    if rule.method is Method.WEIGHTED_MEAN and selects and len({i.weight for i in indicators}) > 1:
        # Dropping the lowest of unequally weighted values can make a raised value lower the
        # mean (the dropped one changes); refusing it keeps every scheme monotonic.
        yield problem(
            f"{at}.method",
            "equal indicator weights when a weighted mean drops or keeps values",
            "unequal weights",
        )


def _rule(
    rule: PointsRule, direction: Direction, problem: MakeProblem, at: str
) -> Iterator[Problem]:
    for key in _RULE_REQUIRED[rule.rule]:
        value = getattr(rule, key)
        if value is None or value == ():
            yield problem(f"{at}.{key}", f"a value ({rule.rule.value} rules need {key})", "nothing")
    for key in ("floor", "ceiling", "steps", "each", "target", "cap"):
        value = getattr(rule, key)
        if key not in _RULE_FIELDS[rule.rule] and value not in (None, ()):
            yield problem(
                f"{at}.{key}", f"nothing ({rule.rule.value} rules do not use {key})", value
            )
    floor, ceiling = rule.floor, rule.ceiling
    linear = rule.rule is RuleKind.LINEAR
    if linear and floor is not None and ceiling is not None and floor >= ceiling:
        yield problem(f"{at}.ceiling", f"a value above the floor ({floor})", ceiling)
    if rule.rule is RuleKind.THRESHOLDS and rule.steps:
        for s_index, step in enumerate(rule.steps):
            if not ZERO <= step.points <= HUNDRED:
                yield problem(f"{at}.steps[{s_index}].points", "points from 0 to 100", step.points)
            if s_index and step.at <= rule.steps[s_index - 1].at:
                yield problem(f"{at}.steps[{s_index}].at", "steps in rising order of `at`", step.at)
            elif s_index:
                before = rule.steps[s_index - 1].points
                falls = (
                    step.points < before if direction is Direction.HIGHER else step.points > before
                )
                if falls:
                    better = "higher" if direction is Direction.HIGHER else "lower"
                    yield problem(
                        f"{at}.steps[{s_index}].points",
                        f"points that do not fall as the value gets better ({better} is better)",
                        step.points,
                    )
    if rule.rule is RuleKind.COUNT and rule.each is not None and rule.each <= 0:
        yield problem(f"{at}.each", "points above 0", rule.each)
    if rule.rule is RuleKind.RATIO and rule.target is not None and rule.target <= 0:
        yield problem(f"{at}.target", "a target above 0", rule.target)
    if rule.cap is not None and not ZERO < rule.cap <= HUNDRED:
        yield problem(f"{at}.cap", "a cap above 0 and at most 100", rule.cap)


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
        names = ", ".join(k.name for k in kinds)
        yield problem(f"{at}.{kind_key}", "a record kind: " + names, repr(kind))
        return
    if where is None:
        return
    condition_key = "when" if kind_key == "record" else "where"
    for group in ("all", "any"):
        for c_index, clause in enumerate(getattr(where, group)):
            error = field_value_error(clause, record_type)
            if error is not None:
                yield problem(
                    f"{at}.{condition_key}.{group}[{c_index}]",
                    error,
                    f"{clause.field} {clause.op.value} {clause.value!r}",
                )
