"""The evaluation engine: from a scheme, subjects, values and records to explained results.

The order of work, per subject: raw values (given as input, replaced by those of the
``schoolwork_indicator_values`` hook: the core's record counts and the plugins' values) →
indicator points → dimension scores → vetoes that zero a dimension → weighted total → the
scheme's bonus rules → plugins' adjustments and vetoes → caps → final score. Then, over all
subjects: ranks, bands, vetoes on bands (forces, then cancels), quotas (forced subjects first),
and plugins' band overrides; :mod:`schoolwork.evaluation.banding` settles that order.

Every number that is shown is rounded to the scheme's ``places`` with its ``rounding`` where it
is computed, and the rounded number is the one used next; so the explanation of a score adds up
exactly to the score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, localcontext
from functools import lru_cache

import attrs

from schoolwork.calendar import SchoolCalendar, period_span
from schoolwork.checks.schemes import scheme_problems
from schoolwork.errors import PluginError, SchemeError
from schoolwork.evaluation import aggregate as agg
from schoolwork.evaluation import banding, collector, counted, ranking
from schoolwork.evaluation.counted import core_host
from schoolwork.evaluation.points import compile_rule
from schoolwork.evaluation.points import describe as describe_rule
from schoolwork.evaluation.points import rounded as rounded_points
from schoolwork.plugins import PluginHost, returns
from schoolwork.record_files import record_kinds
from schoolwork.records import SCHOOL_OWNER, RecordBook, RecordKind
from schoolwork.results import (
    Adjustment,
    BandMove,
    DimensionScore,
    Evaluation,
    IndicatorScore,
    IndicatorValue,
    Subject,
    SubjectResult,
    ValueStatus,
    Veto,
)
from schoolwork.scheme import (
    Dimension,
    Direction,
    Indicator,
    Method,
    Missing,
    Part,
    PointsRule,
    RankKey,
    Scheme,
    SubjectKind,
    VetoEffect,
)
from schoolwork.values import Values
from schoolwork.workspace import Workspace

_VALUES_HOOK = "schoolwork_indicator_values"
_VALUES = returns(Decimal, int, IndicatorValue, type(None), keyed=True)
_ADJUSTMENTS = returns(Adjustment, Veto)
_BANDS = returns(str, type(None), keyed=True)

ZERO = Decimal(0)
_PRECISION = 28  # digits of working precision: far beyond any score, and the same everywhere


def evaluate(
    scheme: Scheme,
    subjects: Sequence[Subject],
    *,
    values: Values | None = None,
    records: RecordBook | None = None,
    workspace: Workspace | None = None,
    host: PluginHost | None = None,
    kinds: Sequence[RecordKind] | None = None,
) -> Evaluation:
    """Evaluate ``subjects`` under ``scheme``; raise :class:`SchemeError` for an unsound scheme.

    ``values`` are the raw values given as input, by subject id and indicator id; ``records``
    every record, which the engine sorts out by subject and by the scheme's period; ``host``
    the plugins whose hooks take part (:func:`schoolwork.plugin_host`; without one, only the
    core's own). ``kinds`` are the record kinds, for whose records belong to whom (default:
    those the host's plugins declare).

    A plugin that raises makes the whole evaluation fail with
    :class:`~schoolwork.PluginError`; there is never a half-scored result.
    """
    with scoring(
        scheme, subjects, records=records, workspace=workspace, host=host, kinds=kinds
    ) as (scorer, books):
        given = values or {}
        partial = [
            scorer.score(subject, given.get(subject.id, {}), books[subject.id])
            for subject in subjects
        ]
        return scorer.decide(partial)


@contextmanager
def scoring(
    scheme: Scheme,
    subjects: Sequence[Subject],
    *,
    records: RecordBook | None = None,
    workspace: Workspace | None = None,
    host: PluginHost | None = None,
    kinds: Sequence[RecordKind] | None = None,
    shown_id: Callable[[str], str] = str,
    checked: bool = True,
) -> Iterator[tuple[Scorer, dict[str, RecordBook]]]:
    """What every scoring of ``subjects`` starts with, for :func:`evaluate` and a partition of
    a larger evaluation alike: the scheme checked (unless ``checked`` is false, for a scheme
    already checked), ids unique (a duplicate named by ``shown_id``), each subject's records of
    the period, and a :class:`Scorer`; in the block, Decimal arithmetic has the engine's
    precision and the scheme's rounding, and the cyclic collector is paused
    (:mod:`schoolwork.evaluation.collector`)."""
    host = host or core_host()
    if kinds is None:
        kinds = record_kinds(host)
    if checked:
        check_scheme(scheme, kinds)
    duplicate = _first_duplicate(s.id for s in subjects)
    if duplicate is not None:
        raise ValueError(f"subject {shown_id(duplicate)!r} appears twice")
    calendar = workspace.calendar if workspace is not None else SchoolCalendar()
    start, end = period_span(scheme.period, calendar)
    with localcontext() as ctx, collector.paused():
        ctx.prec = _PRECISION
        ctx.rounding = scheme.rounding.mode
        scorer = Scorer(scheme, host, workspace)
        yield scorer, _books(records or RecordBook(), subjects, kinds, start, end)


def check_scheme(scheme: Scheme, kinds: Sequence[RecordKind]) -> None:
    """Raise :class:`SchemeError` for an unsound scheme: every problem, joined."""
    problems = scheme_problems(scheme, "scheme", kinds=kinds)
    if problems:
        raise SchemeError("; ".join(str(p) for p in problems))


def _books(
    records: RecordBook,
    subjects: Sequence[Subject],
    kinds: Sequence[RecordKind],
    start: date,
    end: date,
) -> dict[str, RecordBook]:
    """Each subject's records in the period; the school as a subject gets the school's own."""
    owners = [s.id for s in subjects]
    books = records.by_owner(kinds, [*owners, SCHOOL_OWNER], start, end)
    school = books.pop(SCHOOL_OWNER)
    for subject in subjects:
        if subject.kind is SubjectKind.SCHOOL:
            own = books[subject.id].records
            merged = {k: (*school.kind(k), *own.get(k, ())) for k in {*school.records, *own}}
            books[subject.id] = RecordBook(merged)
    return books


def _first_duplicate(ids: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for subject_id in ids:
        if subject_id in seen:
            return subject_id
        seen.add(subject_id)
    return None


# An indicator ready for scoring: itself, its id and name, its compiled rule and the rule's
# description, its part, its position in its dimension, its weight, whether it counts in the
# process part of a split dimension, the rounded points of raw values already scored by its
# rule (shared by the indicators with an equal rule), and its shared rows (_rows).
_Planned = tuple[
    Indicator,
    str,
    str,
    Callable[[Decimal], Decimal],
    str,
    Part,
    int,
    Decimal,
    bool,
    dict[Decimal, Decimal],
    dict[int, "_Hit"],
]

# A points rule as an indicator reads it (higher or lower is better).
_Rule = tuple[PointsRule, Direction]

# A value's row, its points, and its points times its indicator's weight (None when the
# value is missing and does not count).
_Hit = tuple[IndicatorScore, Decimal | None, Decimal | None]

# Where a dimension's indicators sit in Scorer.columns (from, to), and their weights.
_Columns = tuple[int, int, tuple[Decimal, ...]]

# Raw values repeat (a score out of 100 with one decimal has 1001 of them), so each rule keeps
# the rounded points of the values it has scored: a dictionary look-up instead of the rule's
# arithmetic and rounding. Rounded points depend on the value's number only, never on how it
# is written (73.40 and 73.4 earn the same), so equal values may share an entry, and the memo
# outlives the evaluation (points.rounded): the next school's values find it filled. The
# limit bounds its memory when values do not repeat.
#
# Values read from a file are shared objects too (one per number as written, see
# schoolwork.values), so each indicator also keeps the row (IndicatorScore) of each value object
# it has scored as input, with its points plain and weighted, and every subject with that
# value shares the row: explanations cost one row per distinct value, not one per subject.
# Rows are keyed by the value object's id, not by its number, since 73.40 and 73.4 are shown
# as written; the row holds the object, so its id cannot be reused while the entry lives.
# Like the points, the rows outlive the evaluation (_rows): a county's schools share the
# scheme's indicators and, read from files, their value objects, so the next school finds
# most rows made and makes no more objects for the collector to walk.
#
# What the process keeps, at most: the points of 4096 values for each of 32 rules and the rows
# of 1024 values for each of 64 indicators, about 30 MiB and 34 MiB (measured) when no value
# ever repeats; much less for real schemes, whose values do (a score out of 100 with one
# decimal has 1001 of them, 0.25 MiB of points for the rule that scores them).
_KNOWN_POINTS = 4096
_SHARED_ROWS = 1024


@lru_cache(maxsize=64)  # indicators: see _KNOWN_POINTS
def _rows(
    key: str,
    name: str,
    rule: PointsRule,
    direction: Direction,
    part: Part,
    weight: Decimal,
    quantum: Decimal,
    mode: str,
) -> dict[int, _Hit]:
    """The rows of an indicator's input values, by value object id, shared by every
    evaluation in this process whose indicator reads the same (see _KNOWN_POINTS)."""
    return {}


# The named tuples' own constructor is a Python function; tuple.__new__ with every field builds
# the same object without that frame, once per value (and dimension) of every subject.
# Every field is given, so the defaults of the named tuples do not matter here.
_score = tuple.__new__


@attrs.define
class Scorer:
    """Scores one subject at a time (:meth:`score`), then decides ranks and bands over them
    (:meth:`decide`); made by :func:`scoring`."""

    scheme: Scheme
    host: PluginHost
    workspace: Workspace | None
    # Worked out once per evaluation, not per subject: rule functions and their descriptions.
    plans: dict[str, list[_Planned]] = attrs.field(init=False)
    plans_by_indicator: set[str] = attrs.field(init=False)
    methods: dict[str, str] = attrs.field(init=False)
    # Every indicator's id with its shared rows (_rows), in the scheme's order, and the
    # position of each id there.
    columns: tuple[tuple[str, dict[int, _Hit]], ...] = attrs.field(init=False)
    at: dict[str, int] = attrs.field(init=False)
    # Each dimension with its planned indicators, its shape and its place in the columns, in
    # the scheme's order.
    layout: list[tuple[Dimension, list[_Planned], tuple[bool, bool, Decimal], _Columns]] = (
        attrs.field(init=False)
    )
    # By dimension: whether it drops or keeps values, whether its method is the weighted mean,
    # and its indicators' weight sum; the scheme's split and missing-value policy.
    shapes: dict[str, tuple[bool, bool, Decimal]] = attrs.field(init=False)
    split: bool = attrs.field(init=False)
    missing_zero: bool = attrs.field(init=False)
    quantum: Decimal = attrs.field(init=False)
    mode: str = attrs.field(init=False)
    max_score: Decimal = attrs.field(init=False)
    adjusting: bool = attrs.field(init=False)  # whether any plugin adjusts results
    asking: bool = attrs.field(init=False)  # whether any implementation can give values
    # The core's values plugins left out of the values hook, for a subject without and with
    # appeals: asking them would cost a call each and answer nothing.
    silent: tuple[frozenset[str], frozenset[str]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.quantum = self.scheme.quantum
        self.max_score = self.scheme.max_score
        self.adjusting = self.host.implements("schoolwork_adjust_result")
        # The core's own values (counted, rated, gained) answer nothing for a scheme that
        # declares none of them, and appeals' corrections nothing for a subject without
        # appeals: with no other implementation, asking once per subject would only cost the
        # call. (A subject's appeals are looked at per subject, in _raw_values.)
        every = [i for d in self.scheme.dimensions for i in d.indicators]
        self.silent = (counted.silent(self.scheme, False), counted.silent(self.scheme, True))
        declared = bool(counted.CORE_VALUES - self.silent[False])
        self.asking = declared or self.host.implements(_VALUES_HOOK, besides=counted.CORE_VALUES)
        self.mode = self.scheme.rounding.mode
        self.methods = {
            d.id: agg.describe(d.aggregate, d.indicators) for d in self.scheme.dimensions
        }
        self.shapes = {
            d.id: (
                agg.needs_members(d.aggregate, d.indicators),
                d.aggregate.method is Method.WEIGHTED_MEAN,
                sum((i.weight for i in d.indicators), ZERO),
            )
            for d in self.scheme.dimensions
        }
        self.split = self.scheme.split is not None
        self.missing_zero = self.scheme.missing is Missing.ZERO
        self.plans_by_indicator = {i.id for i in every}
        # Each rule's function, description and known points, looked up once per indicator.
        ruled: dict[_Rule, tuple[Callable[[Decimal], Decimal], str, dict[Decimal, Decimal]]] = {}
        for i in every:
            rule = (i.points, i.direction)
            if rule not in ruled:
                known = rounded_points(*rule, self.quantum, self.mode)
                ruled[rule] = (compile_rule(*rule), describe_rule(*rule), known)
        self.plans = {
            d.id: [
                (
                    i,
                    i.id,
                    i.name,
                    compute,
                    description,
                    i.part,
                    n,
                    i.weight,
                    self.scheme.split is not None and i.part is Part.PROCESS,
                    known,
                    _rows(
                        i.id,
                        i.name,
                        i.points,
                        i.direction,
                        i.part,
                        i.weight,
                        self.quantum,
                        self.mode,
                    ),
                )
                for n, i in enumerate(d.indicators)
                for compute, description, known in (ruled[i.points, i.direction],)
            ]
            for d in self.scheme.dimensions
        }

        ordered = [p for d in self.scheme.dimensions for p in self.plans[d.id]]
        self.columns = tuple((p[1], p[10]) for p in ordered)
        self.at = {p[1]: n for n, p in enumerate(ordered)}
        self.layout = []
        start = 0
        for d in self.scheme.dimensions:
            plans = self.plans[d.id]
            place = (start, start + len(plans), tuple(p[7] for p in plans))
            self.layout.append((d, plans, self.shapes[d.id], place))
            start += len(plans)

    def q(self, value: Decimal) -> Decimal:
        """Round to the shown precision with the scheme's rounding; a zero is never "-0.00"
        (``floor`` rounding makes x - x negative zero, and -0.001 rounds to -0.00)."""
        shown = value.quantize(self.quantum, rounding=self.mode)
        return shown if shown else shown.copy_abs()

    # -- one subject ---------------------------------------------------------------------

    def score(
        self, subject: Subject, given: Mapping[str, Decimal | None], records: RecordBook
    ) -> SubjectResult:
        raw = self._raw_values(subject, given, records)
        vetoes = [*self._scheme_vetoes(records)]
        dimensions = self._dimensions(raw, vetoes, subject.id)
        adjustments = self._bonuses(records)
        if not self.adjusting:
            return self._result(subject, dimensions, adjustments, vetoes)
        preview = self._result(subject, dimensions, adjustments, vetoes)
        answers = self.host.call(
            "schoolwork_adjust_result",
            _ADJUSTMENTS,
            scheme=self.scheme,
            subject=subject,
            result=preview,
            records=records,
        )
        if not any(answer.value for answer in answers):
            return preview  # no plugin changed anything: the preview is the result
        for answer in answers:
            source = f"plugin:{answer.plugin}"
            for item in answer.value:
                if isinstance(item, Adjustment):
                    points: object = item.points  # typed Decimal, but plugins are not checked
                    if not isinstance(points, Decimal):
                        error = f"expected an Adjustment of Decimal points, got {points!r}"
                        raise PluginError(answer.plugin, "schoolwork_adjust_result", error)
                    adjustments.append(attrs.evolve(item, source=source, applied=None))
                else:
                    vetoes.append(attrs.evolve(item, source=source))
        if any(v.source != "scheme" for v in vetoes):
            dimensions = self._dimensions(raw, vetoes, subject.id)
        return self._result(subject, dimensions, adjustments, vetoes)

    def _raw_values(
        self, subject: Subject, given: Mapping[str, Decimal | None], records: RecordBook
    ) -> tuple[Mapping[str, Decimal | None], dict[str, str]]:
        """The subject's raw values and, for those not given as input, where they came from."""
        if not self.asking and not records.appeals:
            return given, {}
        hook = _VALUES_HOOK
        answers = self.host.call(
            hook,
            _VALUES,
            self.silent[bool(records.appeals)],
            scheme=self.scheme,
            subject=subject,
            records=records,
            workspace=self.workspace,
        )
        if not answers:
            return given, {}
        values = dict(given)
        sources: dict[str, str] = {}
        given_by: dict[str, str] = {}  # which plugin gave each value, to refuse a second one
        for answer in answers:
            plugin = answer.plugin
            for indicator_id, returned in answer.value.items():
                if indicator_id not in self.plans_by_indicator:
                    error = f"scheme {self.scheme.id!r} has no indicator {indicator_id!r}"
                    raise PluginError(plugin, hook, error)
                if indicator_id in given_by:
                    other = given_by[indicator_id]
                    error = f"indicator {indicator_id!r} is given by plugin {other!r} too"
                    raise PluginError(plugin, hook, error)
                note = ""
                if isinstance(returned, IndicatorValue):
                    note = returned.note
                    returned = returned.value
                if isinstance(returned, bool | float):
                    error = (
                        f"indicator {indicator_id!r}: expected a Decimal or int, got {returned!r}"
                    )
                    raise PluginError(plugin, hook, error)
                if answer.builtin and note:
                    sources[indicator_id] = note  # the core's counts say only how they counted
                else:
                    sources[indicator_id] = f"plugin:{plugin}" + (f" ({note})" if note else "")
                if returned is not None and not isinstance(returned, Decimal):
                    returned = Decimal(returned)
                if returned is not None and not returned.is_finite():
                    error = f"indicator {indicator_id!r}: expected a finite number, got {returned}"
                    raise PluginError(plugin, hook, error)
                values[indicator_id] = returned
                given_by[indicator_id] = plugin
        return values, sources

    def _dimensions(
        self,
        raw: tuple[Mapping[str, Decimal | None], dict[str, str]],
        vetoes: Sequence[Veto],
        subject_id: str,
    ) -> list[DimensionScore]:
        """Every dimension of one subject, in the scheme's order. One method for all of them,
        not one call each: what does not change from one dimension to the next is looked up
        once per subject, and this runs for every subject."""
        zeroed: dict[str, Veto] = {}
        if vetoes:  # most subjects have none
            zeroed = {
                v.dimension: v
                for v in vetoes
                if VetoEffect.ZERO_DIMENSION in v.effects and v.dimension
            }
        values, sources = raw
        get = values.get
        # Each value's row and points: an input value met before has them shared (_rows), all
        # found in one pass with no loop in Python; a plugin's value, one met for the first
        # time and a missing one are scored by _row.
        shared = [rows.get(id(get(key))) for key, rows in self.columns]
        for key in sources:  # a plugin's value is never an input's shared row, even as one object
            shared[self.at[key]] = None
        dimensions: list[DimensionScore] = []
        for dimension, plans, shape, (start, end, weights) in self.layout:
            found = shared[start:end]
            hits: Sequence[_Hit]
            complete = all(found)
            if complete:
                hits = found  # type: ignore[assignment]  # no None in it
            else:
                hits = [
                    hit or self._row(plan, values, sources, subject_id)
                    for hit, plan in zip(found, plans, strict=True)
                ]
                complete = all(hit[1] is not None for hit in hits)
            if shape[0] or self.split:
                dimensions.append(self._parts(dimension, zeroed, hits, plans))
                continue
            scores, points, weighted = zip(*hits, strict=False)  # all of the same length
            score: Decimal | None
            if complete and shape[1]:
                # The weighted mean of every value: the weights' sum is the dimension's, worked
                # out once, and each value's points times its weight came with its row.
                score = (sum(weighted, ZERO) / shape[2]).quantize(self.quantum, self.mode)
            else:
                score = self._mean(dimension, points, weights)
            dimensions.append(self._shown(dimension, zeroed, score, scores, None, None))
        return dimensions

    def _row(
        self,
        plan: _Planned,
        values: Mapping[str, Decimal | None],
        sources: Mapping[str, str],
        subject_id: str,
    ) -> _Hit:
        """The row and points, plain and weighted, of one indicator's value that has no shared
        row (_rows); they are shared from now on if the value is an input's. The points are
        None for a missing value that does not count (the scheme's ``missing``)."""
        _, key, name, compute, rule, part, _, weight, _, known, rows = plan
        value = values.get(key)
        if value is None:
            source = sources.get(key) or ("input" if key in values else "no value")
            if not self.missing_zero:
                missing = (key, name, None, None, rule, source, ValueStatus.MISSING, part)
                return _score(IndicatorScore, missing), None, None
            zeroed = (key, name, None, ZERO, rule, source, ValueStatus.ZERO, part)
            return _score(IndicatorScore, zeroed), ZERO, ZERO
        source = sources.get(key, "input")
        # Checked where a value is first met; a plugin's were, as it gave them.
        if not value.is_finite():
            raise ValueError(
                f"subject {subject_id!r}, indicator {key!r}: expected a finite number, got {value}"
            )
        points = known.get(value)
        if points is None:
            points = compute(value).quantize(self.quantum, self.mode)
            if len(known) < _KNOWN_POINTS:
                known[value] = points
        fields = (key, name, value, points, rule, source, ValueStatus.USED, part)
        hit = (_score(IndicatorScore, fields), points, points * weight)
        if source == "input" and len(rows) < _SHARED_ROWS:
            rows[id(value)] = hit
        return hit

    def _mean(
        self,
        dimension: Dimension,
        points: Sequence[Decimal | None],
        weights: Sequence[Decimal],
    ) -> Decimal | None:
        """A dimension of one part by its aggregation, over the points of its values that
        count (a missing value's are ``None``); ``None`` when none counts."""
        counted = [(p, w) for p, w in zip(points, weights, strict=True) if p is not None]
        if not counted:
            return None
        mean = agg.combine(dimension.aggregate, [p for p, _ in counted], [w for _, w in counted])
        return mean.quantize(self.quantum, self.mode)

    def _parts(
        self,
        dimension: Dimension,
        zeroed: Mapping[str, Veto],
        hits: Sequence[_Hit],
        plans: Sequence[_Planned],
    ) -> DimensionScore:
        """A dimension split into process and result, or one that drops or keeps values."""
        selects = self.shapes[dimension.id][0]
        # By part, the points and weights of the values that count and, to drop or keep
        # some, the indicators themselves with their positions.
        grouped: dict[Part, tuple[list[Decimal], list[Decimal], list[agg.Scored]]] = {
            Part.PROCESS: ([], [], []),
            Part.RESULT: ([], [], []),
        }
        for (_, points, _), plan in zip(hits, plans, strict=True):
            if points is None:  # a missing value that does not count
                continue
            indicator, declared, weight, in_process = plan[0], plan[6], plan[7], plan[8]
            points_list, weights, members = grouped[Part.PROCESS if in_process else Part.RESULT]
            points_list.append(points)
            weights.append(weight)
            if selects:
                members.append(agg.Scored(indicator, points, declared))
        combined_parts: dict[Part, Decimal] = {}
        dropped: set[str] = set()
        for part, (points_list, weights, members) in grouped.items():
            if not points_list:
                continue
            if selects:
                combined = agg.aggregate(dimension.aggregate, members)
                assert combined is not None
                value = combined.score
                dropped.update(item.indicator.id for item in combined.dropped)
            else:
                value = agg.combine(dimension.aggregate, points_list, weights)
            combined_parts[part] = value.quantize(self.quantum, self.mode)
        scores = [
            scored._replace(status=ValueStatus.DROPPED) if scored.id in dropped else scored
            for scored, _, _ in hits
        ]
        score = self._combine_parts(combined_parts)
        split = self.split
        process = combined_parts.get(Part.PROCESS) if split else None
        result = combined_parts.get(Part.RESULT) if split else None
        return self._shown(dimension, zeroed, score, scores, process, result)

    def _shown(
        self,
        dimension: Dimension,
        zeroed: Mapping[str, Veto],
        score: Decimal | None,
        scores: Sequence[IndicatorScore],
        process: Decimal | None,
        result: Decimal | None,
    ) -> DimensionScore:
        """The dimension's score as shown: zero, with the veto's words, where a veto zeroes
        the dimension (its parts still show what they came to)."""
        veto = zeroed.get(dimension.id) if zeroed else None
        note = ""
        if veto is not None:
            score, note = ZERO, f"zeroed by veto {veto.rule}: {veto.reason}"
        method = self.methods[dimension.id]
        shown = (
            dimension.id,
            dimension.name,
            dimension.weight,
            score,
            method,
            tuple(scores),
            process,
            result,
            note,
        )  # every field, in order
        return _score(DimensionScore, shown)

    def _combine_parts(self, parts: Mapping[Part, Decimal]) -> Decimal | None:
        split = self.scheme.split
        if not parts:
            return None
        if split is None or len(parts) == 1:
            return next(iter(parts.values()))
        weighted = split.process * parts[Part.PROCESS] + split.result * parts[Part.RESULT]
        return self.q(weighted / (split.process + split.result))

    def _weighted(self, dimensions: Sequence[DimensionScore]) -> Decimal:
        total, total_weight = ZERO, ZERO
        for dimension in dimensions:
            if dimension.score is not None:
                total += dimension.weight * dimension.score
                total_weight += dimension.weight
        return ZERO if total_weight == 0 else self.q(total / total_weight)

    def _scheme_vetoes(self, records: RecordBook) -> Iterable[Veto]:
        for rule in self.scheme.vetoes:
            kind = records.kind(rule.record)
            if not kind:  # as for most subjects
                continue
            matching = sorted(
                (r for r in kind if rule.when.matches(r)),
                key=lambda r: getattr(r, "id", ""),
            )
            if matching:
                ids = ", ".join(getattr(r, "id", "?") for r in matching)
                yield Veto(
                    rule.id,
                    f"{rule.name}: {rule.record} {ids}",
                    rule.effects,
                    band=rule.band,
                    dimension=rule.dimension,
                    record=getattr(matching[0], "id", None),
                )

    def _bonuses(self, records: RecordBook) -> list[Adjustment]:
        adjustments: list[Adjustment] = []
        if not records.honours:  # as for most subjects: no rule has anything to price
            return adjustments
        for rule in self.scheme.bonuses:
            eligible = [
                h for h in records.honours if not rule.categories or h.category in rule.categories
            ]
            priced = []
            for honour in eligible:
                key = RankKey.TITLE.value if honour.rank is None else honour.rank.value
                points = rule.table.get(honour.level.value, {}).get(key, ZERO)
                priced.append((points, honour))
            # Best honours count first against the caps; ties by date, then id.
            priced.sort(key=lambda pair: (-pair[0], pair[1].date, pair[1].id))
            by_category: dict[str, Decimal] = {}
            rule_total = ZERO
            for points, honour in priced:
                allowed, notes = points, list[str]()
                if rule.category_cap is not None:
                    room = rule.category_cap - by_category.get(honour.category, ZERO)
                    if allowed > room:
                        allowed, notes = (
                            max(room, ZERO),
                            [*notes, f"category cap {rule.category_cap}"],
                        )
                if rule.cap is not None and allowed > rule.cap - rule_total:
                    allowed, notes = (
                        max(rule.cap - rule_total, ZERO),
                        [*notes, f"rule cap {rule.cap}"],
                    )
                by_category[honour.category] = by_category.get(honour.category, ZERO) + allowed
                rule_total += allowed
                rank = "title" if honour.rank is None else honour.rank.value
                reason = f"{honour.title} ({honour.level.value}, {rank})"
                if notes:
                    reason += "; limited by " + ", ".join(notes)
                adjustments.append(
                    Adjustment(points, reason, rule.id, honour.id, "scheme", allowed)
                )
        return adjustments

    def _result(
        self,
        subject: Subject,
        dimensions: Sequence[DimensionScore],
        adjustments: Sequence[Adjustment],
        vetoes: Sequence[Veto],
    ) -> SubjectResult:
        weighted = self._weighted(dimensions)
        applied: list[Adjustment] = []
        total_adjust = ZERO
        bonus_room = self.scheme.bonus_cap
        # Each sign is rounded as a running total: an item shows the rounded total after it less
        # the rounded total before it. Rounding each item alone would let two 0.5 bonuses show as
        # 1 each at places = 0, two points from a rule capped at one.
        running = {True: ZERO, False: ZERO}
        for item in adjustments:
            wanted = item.points if item.applied is None else item.applied
            if wanted > 0:
                if vetoes:
                    granted = ZERO
                    reason = f"{item.reason}; removed by veto {vetoes[0].rule}"
                else:
                    granted = min(wanted, max(bonus_room, ZERO))
                    reason = (
                        item.reason
                        if granted == wanted
                        else f"{item.reason}; limited by bonus cap {self.scheme.bonus_cap}"
                    )
                    bonus_room -= granted
            else:
                granted, reason = wanted, item.reason
            sign = granted > 0
            before = running[sign]
            running[sign] = before + granted
            shown = self.q(running[sign]) - self.q(before)
            shown = shown if shown else shown.copy_abs()  # x - x is -0 when rounding is floor
            if shown != self.q(granted):
                kind = "bonuses" if sign else "deductions"
                reason += f"; shown as {shown} so the {kind} add up to their rounded total"
            applied.append(
                Adjustment(item.points, reason, item.rule, item.record, item.source, shown)
            )
            total_adjust += shown
        final = self.q(min(max(weighted + total_adjust, ZERO), self.max_score))
        return SubjectResult(
            subject=subject,
            dimensions=tuple(dimensions),
            weighted=weighted,
            adjustments=tuple(applied),
            vetoes=tuple(vetoes),
            score=final,
            rank=ZERO,
            band=None,
        )

    # -- all subjects ----------------------------------------------------------------------

    def decide(self, results: Sequence[SubjectResult]) -> Evaluation:
        key = ranking_key(self.scheme)
        keys = [(r.subject.id, key(r)) for r in results]
        ranks = ranking.rank(keys, self.scheme.ranking.ties)
        scores = {r.subject.id: r.score for r in results}
        vetoes = {r.subject.id: r.vetoes for r in results if r.vetoes}
        bands, moves = banding.assign(self.scheme.bands, scores, ranks, vetoes, dict(keys))
        by_id = {r.subject.id: r for r in results}
        # In the ranks' order, which is rank order with ties by id (ranking.rank), so nothing
        # is sorted; built directly rather than with attrs.evolve: this runs once per subject.
        ranked = [
            SubjectResult(
                r.subject,
                r.dimensions,
                r.weighted,
                r.adjustments,
                r.vetoes,
                r.score,
                rank,
                bands[subject_id],
                tuple(moves[subject_id]),
            )
            for subject_id, rank in ranks.items()
            for r in (by_id[subject_id],)
        ]
        ranked = self._plugin_bands(ranked)
        return Evaluation(self.scheme.id, self.scheme.period, tuple(ranked))

    def _plugin_bands(self, results: list[SubjectResult]) -> list[SubjectResult]:
        return plugin_bands(self.scheme, self.host, results)


def plugin_bands(
    scheme: Scheme, host: PluginHost, results: list[SubjectResult]
) -> list[SubjectResult]:
    """``results`` (in rank order) with the bands the first ``schoolwork_assign_bands``
    answer sets, each change a band move attributed to its plugin."""
    answers = host.call("schoolwork_assign_bands", _BANDS, scheme=scheme, results=tuple(results))
    if not answers:
        return results
    plugin, changes = answers[0].plugin, answers[0].value
    names = {band.name for band in scheme.bands}
    by_id = {r.subject.id: r for r in results}
    for subject_id, band in changes.items():
        if subject_id not in by_id or (band is not None and band not in names):
            error = f"unknown subject {subject_id!r} or band {band!r}"
            raise PluginError(plugin, "schoolwork_assign_bands", error)
        current = by_id[subject_id]
        if current.band != band:
            move = BandMove(current.band, band, f"set by plugin:{plugin}")
            by_id[subject_id] = attrs.evolve(current, band=band, moves=(*current.moves, move))
    return [by_id[r.subject.id] for r in results]


def ranking_key(scheme: Scheme) -> Callable[[SubjectResult], ranking.Key]:
    """What ranks are made of for a result under ``scheme``: its score, then each tie-breaker
    dimension's score (:func:`score_or_floor`); the tie-breakers are found once, by position."""
    at = {d.id: n for n, d in enumerate(scheme.dimensions)}
    breakers = [at[b] for b in scheme.ranking.tie_breakers]

    def key(result: SubjectResult) -> ranking.Key:
        return (result.score, *[score_or_floor(result.dimensions[b].score) for b in breakers])

    def score(result: SubjectResult) -> ranking.Key:
        return (result.score,)

    return key if breakers else score  # most schemes have none: no list to build per subject


def score_or_floor(score: Decimal | None) -> Decimal:
    # A dimension with no value ranks below any score, so missing data never wins a tie.
    return Decimal(-1) if score is None else score


def indicator(scheme: Scheme, indicator_id: str) -> Indicator:
    """The indicator ``indicator_id`` of ``scheme``, wherever it sits."""
    for dimension in scheme.dimensions:
        for item in dimension.indicators:
            if item.id == indicator_id:
                return item
    raise KeyError(f"scheme {scheme.id!r} has no indicator {indicator_id!r}")
