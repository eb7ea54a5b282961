"""Fairness checks of a scoring scheme: probes at the scheme's breakpoints, then hypothesis.

``check_scheme(scheme)`` is one call. It evaluates many populations of subjects with the
plugins you give it active, checks each property below on every evaluation, and raises
:class:`FairnessError` telling, in the words of the school (which teacher, which indicator,
which values, which band), the first counterexample found for each broken property.

- **determinism**: the same input gives byte-identical JSON. Checked first: when evaluations
  are not reproducible (a plugin reads a clock or a random source), the other properties are
  not tried.
- **bounded**: every score lies within 0 and the scheme's maximum; every dimension, part and
  indicator within 0–100; bonus points within each bonus rule's caps and the scheme's cap.
- **monotonic**: a better raw value (higher, or lower where lower is better) never lowers a
  subject's score; nor does one more record that a counted indicator counts the better way,
  nor one more honour a bonus table prices.
- **order**: the order in which subjects are listed changes no score, band or rank.
- **equal**: two subjects with the same values and the same records get the same values,
  points and score: who they are changes nothing.
- **veto**: a vetoed subject keeps no bonus point, is never in the top band when its veto
  cancels excellence, is in the band its force names (the lowest, when several do; below it
  only when that band's quota is full), and scores 0 in a dimension its veto zeroes.
- **quota**: no band holds more subjects than its quota allows.
- **ranks**: a subject ahead on score and tie breakers never ranks below, and subjects equal on
  both share a rank (except under the ordinal policy).
- **bands**: bands follow the ranking: a subject ahead on score and tie breakers is never in a
  lower band, and subjects equal on both share a band, unless a veto moved one of them. This
  is what an ``ordinal`` tie at the last place of a quota breaks: the subject id decides.
- **ballot_order**: the order in which ballots (民主测评) are listed changes no rated value,
  score, band or rank: a trimmed mean drops the highest and lowest, not the first and last.
- **trimmed**: a rated value lies within the lowest and the highest ballot that its groups'
  trims leave (each rounded as the scheme rounds): dropping the top and bottom N cannot raise
  a subject above the best remaining ballot, nor sink it below the worst.
- **baseline**: a value-added indicator whose baseline is missing (or 0, for a relative gain)
  has no value unless it declares ``missing = "zero"``: a missing baseline is never counted as
  0 behind the scheme's back.

A dimension aggregated by ``mode`` is not monotonic by its own rule (the checks allow it and
warn): its indicators are left out of the monotonic property and held to all the others.

The search has two parts. The **probes** come from the scheme alone, so the verdict they give
is the same wherever the check runs: every given indicator swept from its worst value to its
best in steps of two points and at and around each of its rule's breakpoints (a linear rule's
floor and ceiling, a threshold table's steps, a count rule's cap, a ratio's cap), with the other
values absent, worst, middling and best; the band lines hit exactly; counted indicators swept
over record counts up to past their caps; honours added one by one past the bonus caps; every
veto fired alone, with a bonus and with the others; populations tied at every quota's last
place. Then **hypothesis** tries ``max_examples`` generated populations (values at and around
breakpoints, records of every kind, twins, vetoes that fire) and shrinks what fails. The search
is derandomized, and hypothesis's habit of seeding its search with number literals of the
modules that happen to be imported is switched off, so a verdict never depends on which test
file runs it; ``seed`` (or pytest's ``--hypothesis-seed``) tries another search.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import hypothesis
import hypothesis.core
from hypothesis import HealthCheck, Phase, Verbosity, given, settings, target
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from schoolwork.calendar import SchoolCalendar, period_span
from schoolwork.checks.schemes import scheme_problems
from schoolwork.errors import PluginError
from schoolwork.evaluation import gains
from schoolwork.evaluation.banding import quota_places
from schoolwork.evaluation.engine import evaluate
from schoolwork.evaluation.output import as_json
from schoolwork.job import plugin_host, record_kinds
from schoolwork.plugins import PluginHost
from schoolwork.records import AwardRank, Ballot, RecordBook, RecordKind
from schoolwork.results import Evaluation, Subject, SubjectResult
from schoolwork.scheme import (
    Band,
    Combine,
    Direction,
    GainKind,
    Indicator,
    Method,
    MissingBaseline,
    RankKey,
    Scheme,
    SubjectKind,
    TiePolicy,
    VetoEffect,
)
from schoolwork.testing import boundaries
from schoolwork.testing import strategies as sw
from schoolwork.workspace import Workspace

PROPERTIES = (
    "determinism",
    "bounded",
    "monotonic",
    "order",
    "equal",
    "veto",
    "quota",
    "ranks",
    "bands",
    "ballot_order",
    "trimmed",
    "baseline",
)
"""Every property :func:`check_scheme` tries, in the order it reports them."""

ZERO = Decimal(0)
HUNDRED = Decimal(100)
LEVELS = (Decimal("0.5"), ZERO, Decimal(1))
"""The levels (shares of each indicator's 100 points) the other values sit at in a sweep."""

Values = dict[str, dict[str, Decimal | None]]


class FairnessError(AssertionError):
    """A scheme broke one or more fairness properties; ``failures`` maps each to its story."""

    def __init__(self, scheme: Scheme, failures: Mapping[str, str]) -> None:
        self.scheme = scheme
        self.failures = dict(failures)
        lines = [f"scheme {scheme.id!r} ({scheme.name}) is not fair:"]
        lines += [f"- {name}: {story}" for name, story in self.failures.items()]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[type[FairnessError], tuple[Scheme, dict[str, str]]]:
        # Pickled by its scheme and stories, not its message: a check run in a worker process
        # (a process pool, pytest-xdist) hands it back whole.
        return (type(self), (self.scheme, self.failures))


def check_scheme(
    scheme: Scheme,
    *,
    plugins: Mapping[str, object] | None = None,
    host: PluginHost | None = None,
    subjects: int = 4,
    max_examples: int = 100,
    properties: Iterable[str] = PROPERTIES,
    workspace: Workspace | None = None,
    seed: int | None = None,
) -> None:
    """Try every fairness property of ``scheme``; raise :class:`FairnessError` if any fails.

    The evaluations take the command line's path: the core's built-in plugins and
    ``plugins`` (name → plugin object) are active, every hook included
    (``schoolwork_indicator_values``, ``schoolwork_adjust_result`` and
    ``schoolwork_assign_bands``), and nothing installed is; or pass a ready ``host``.
    A plugin that cannot register (a misspelt hook or argument) raises
    :class:`~schoolwork.PluginError` naming it; so does a plugin that raises.

    The probes derived from the scheme always run; then hypothesis tries ``max_examples``
    generated populations of ``subjects`` subjects (0 skips it). The search is the same every
    time; ``seed`` (or ``pytest --hypothesis-seed``) makes it another one, and a larger
    ``max_examples`` a longer one. ``workspace`` is what hooks receive as ``workspace``
    (``None`` by default). ``properties`` names the properties to try (:data:`PROPERTIES`).
    """
    wanted = list(properties)
    unknown = [name for name in wanted if name not in PROPERTIES]
    if unknown:
        raise ValueError(f"unknown properties {unknown}; known: {', '.join(PROPERTIES)}")
    host = host or plugin_host(dict(plugins or {}), installed=False)
    if host.failures:
        failure = host.failures[0]
        raise PluginError(failure.plugin, None, failure.reason)
    kinds = tuple(record_kinds(host))
    problems = scheme_problems(scheme, "scheme", kinds=kinds)
    if problems:
        raise FairnessError(scheme, {"sound": "; ".join(str(p) for p in problems)})
    context = _Context(scheme, host, workspace, kinds)
    failures = _probe(context, wanted)
    rest = [name for name in wanted if name not in failures]
    if rest and "determinism" not in failures and max_examples > 0:
        people = sw.subjects(subjects, scheme.subject)
        failures.update(_search(context, rest, people, max_examples, seed))
    if failures:
        raise FairnessError(scheme, {n: failures[n] for n in PROPERTIES if n in failures})


# -- what every evaluation shares ------------------------------------------------------------


@attrs.frozen
class _Case:
    """One evaluation's input: who, in which order, their raw values and their records."""

    people: tuple[Subject, ...]
    values: Values
    records: RecordBook = RecordBook()
    thorough: bool = True  # also check order and determinism (each costs an evaluation)
    # The value-added indicators' baselines: by baseline scheme id, values by subject id.
    baselines: Mapping[str, Values] = attrs.field(factory=dict)


@attrs.frozen
class _Context:
    """What every evaluation of a check shares: the scheme, plugins, workspace, record kinds."""

    scheme: Scheme
    host: PluginHost
    workspace: Workspace | None
    kinds: tuple[RecordKind, ...]

    def evaluate(self, case: _Case) -> Evaluation:
        # A gain reads its current value from the case's values and its baseline from the
        # case's baselines, as the main job reads them from the values files.
        tables = {**case.baselines, self.scheme.id: case.values}
        with gains.values_from(tables) if self.gained else contextlib.nullcontext():
            return evaluate(
                self.scheme,
                case.people,
                values=case.values,
                records=case.records,
                host=self.host,
                workspace=self.workspace,
                kinds=self.kinds,
            )

    @property
    def every(self) -> list[Indicator]:
        return [i for d in self.scheme.dimensions for i in d.indicators]

    @property
    def given(self) -> list[Indicator]:
        """The indicators whose values are given: not counted from records, nor rated by
        ballots (a value-added indicator's given value is its current value)."""
        return [i for i in self.every if i.source is None and i.raters is None]

    @property
    def monotonic(self) -> list[Indicator]:
        """The given indicators held to the monotonic property: all but those of a dimension
        aggregated by ``mode``, which its own rule lets a rising value lower."""
        return [i for i in self.given if i.id not in self.modal]

    @property
    def modal(self) -> set[str]:
        modes = [d for d in self.scheme.dimensions if d.aggregate.method is Method.MODE]
        return {i.id for d in modes for i in d.indicators}

    @property
    def rated(self) -> list[Indicator]:
        return [i for i in self.every if i.raters is not None]

    @property
    def gained(self) -> list[Indicator]:
        return [i for i in self.every if i.gain is not None]

    @property
    def counted(self) -> list[Indicator]:
        return [i for d in self.scheme.dimensions for i in d.indicators if i.source is not None]

    def kind(self, name: str) -> RecordKind | None:
        return next((k for k in self.kinds if k.name == name), None)


def _who(result: SubjectResult) -> str:
    return f"{result.subject.kind.value} {result.subject.id} ({result.subject.name})"


def _indicator(indicator: Indicator) -> str:
    better = "higher" if indicator.direction is Direction.HIGHER else "lower"
    return f"{indicator.name} ({indicator.id}, {better} is better)"


def _text(value: Decimal | None) -> str:
    return "none" if value is None else f"{value:f}"


def _band(result: SubjectResult) -> str:
    return result.band if result.band is not None else "no band"


def _shown(result: SubjectResult, field: str) -> str:
    """The score, band or rank of ``result`` as a school would write it."""
    if field == "band":
        return _band(result)
    if field == "rank":
        return f"{result.rank.normalize():f}"
    return f"{getattr(result, field)}"


def _why(result: SubjectResult) -> str:
    """How the subject got its band, when something moved it: `` (set by plugin:x)``."""
    return f" ({result.moves[-1].reason})" if result.moves else ""


def _key(scheme: Scheme, result: SubjectResult) -> tuple[Decimal, ...]:
    """What ranks are made of: the score, then each tie breaker (a missing one lowest)."""
    breakers = []
    for breaker in scheme.ranking.tie_breakers:
        score = next((d.score for d in result.dimensions if d.id == breaker), None)
        breakers.append(Decimal(-1) if score is None else score)
    return (result.score, *breakers)


def _key_text(scheme: Scheme, result: SubjectResult) -> str:
    breakers = [
        f"{d.name} {_text(d.score)}"
        for b in scheme.ranking.tie_breakers
        for d in result.dimensions
        if d.id == b
    ]
    return f"{result.score}" + (f" ({', '.join(breakers)})" if breakers else "")


# -- the properties, each on one evaluation --------------------------------------------------

Check = Callable[[_Context, _Case, Evaluation], "str | None"]


def _determinism(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    again = context.evaluate(case)
    if again == evaluation:
        return None  # and so the same JSON: it is written from the evaluation alone
    lead = "evaluating the same input twice gave different results: "
    tail = (
        " (something besides the values and records decides: a clock, a random source, a "
        "counter; the other properties were not tried, as they compare evaluations)"
    )
    for first in evaluation.results:
        second = again.result(first.subject.id)
        for d1, d2 in zip(first.dimensions, second.dimensions, strict=True):
            for a, b in zip(d1.indicators, d2.indicators, strict=True):
                if (a.value, a.points, a.source) != (b.value, b.points, b.source):
                    return (
                        f"{lead}{_who(first)} had {a.name} ({a.id}) {_text(a.value)} "
                        f"({a.source}) and then {_text(b.value)} ({b.source}){tail}"
                    )
        for field in ("score", "band", "rank"):
            if getattr(first, field) != getattr(second, field):
                return (
                    f"{lead}{_who(first)} had the {field} {_shown(first, field)} and then "
                    f"{_shown(second, field)}{tail}"
                )
    lines = zip(as_json(evaluation).splitlines(), as_json(again).splitlines(), strict=False)
    one, two = next(((a, b) for a, b in lines if a != b), ("", ""))
    return f"{lead}the explanation read {one.strip()} and then {two.strip()}{tail}"


def _bounded(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    scheme = context.scheme
    honours = {h.id: h for h in case.records.honours}
    for result in evaluation.results:
        who = _who(result)
        if not ZERO <= result.score <= scheme.max_score:
            return f"{who} scored {result.score}, outside 0 to {scheme.max_score}"
        if not ZERO <= result.weighted <= HUNDRED:
            return f"{who} has the weighted total {result.weighted}, outside 0 to 100"
        for dimension in result.dimensions:
            for part, score in (
                ("", dimension.score),
                (" (process part)", dimension.process),
                (" (result part)", dimension.result),
            ):
                if score is not None and not ZERO <= score <= HUNDRED:
                    return f"{who} scored {score} in {dimension.name}{part}, outside 0 to 100"
            for item in dimension.indicators:
                if item.points is not None and not ZERO <= item.points <= HUNDRED:
                    return (
                        f"{who} earned {item.points} points for {item.name} ({item.id}) with "
                        f"{_text(item.value)}, outside 0 to 100"
                    )
        bonus = sum((a.applied or ZERO for a in result.adjustments if (a.applied or 0) > 0), ZERO)
        if bonus > scheme.bonus_cap:
            return (
                f"{who} kept {bonus} bonus points, above the scheme's bonus cap of "
                f"{scheme.bonus_cap}"
            )
        for rule in scheme.bonuses:
            mine = [a for a in result.adjustments if a.source == "scheme" and a.rule == rule.id]
            total = sum((a.applied or ZERO for a in mine), ZERO)
            if rule.cap is not None and total > rule.cap:
                return (
                    f"{who} got {total} points from {rule.name} ({rule.id}), above its cap of "
                    f"{rule.cap}"
                )
            by_category: dict[str, Decimal] = {}
            for a in mine:
                honour = honours.get(a.record or "")
                if honour is not None:
                    by_category[honour.category] = by_category.get(honour.category, ZERO) + (
                        a.applied or ZERO
                    )
            for category, got in by_category.items():
                if rule.category_cap is not None and got > rule.category_cap:
                    return (
                        f"{who} got {got} points from {rule.name} ({rule.id}) for {category} "
                        f"honours, above its cap of {rule.category_cap} per category"
                    )
    return None


def _order(
    context: _Context,
    case: _Case,
    evaluation: Evaluation,
    orders: Sequence[tuple[Subject, ...]] | None = None,
) -> str | None:
    people = case.people
    if orders is None:
        orders = [tuple(reversed(people)), (*people[1:], *people[:1])]
    for shuffled in orders:
        if shuffled == people:
            continue
        other = context.evaluate(attrs.evolve(case, people=shuffled))
        for a in evaluation.results:
            b = other.result(a.subject.id)
            for field in ("score", "band", "rank"):
                if getattr(a, field) != getattr(b, field):
                    listed = ", ".join(s.id for s in people)
                    order = ", ".join(s.id for s in shuffled)
                    return (
                        f"listing the subjects as {order} instead of {listed} changed the "
                        f"{field} of {_who(a)} from {_shown(a, field)} to {_shown(b, field)}"
                    )
    return None


def _signature(context: _Context, case: _Case, subject: Subject) -> tuple[Any, ...]:
    """What an evaluation may know of ``subject``: its values and its own records, with its
    id (and its records' ids) taken out."""
    values = tuple(
        sorted((k, v) for k, v in case.values.get(subject.id, {}).items() if v is not None)
    )
    records = []
    for kind in context.kinds:
        for record in case.records.kind(kind.name):
            if subject.id in set(kind.owners(record)):
                plain = attrs.asdict(record, recurse=True)
                plain.pop("id", None)
                records.append((kind.name, repr(_anonymous(plain, subject.id))))
    baselines = tuple(
        sorted(
            (f"{scheme}:{key}", value)
            for scheme, table in case.baselines.items()
            for key, value in table.get(subject.id, {}).items()
            if value is not None
        )
    )
    # A baseline is known of the subject too, keyed "<scheme>:<column>" (no indicator id has
    # a colon, so it never meets a value's key).
    return (*values, *baselines), tuple(sorted(records))


def _anonymous(value: Any, me: str) -> Any:
    if value == me:
        return "<self>"
    if isinstance(value, dict):
        return {k: _anonymous(v, me) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_anonymous(v, me) for v in value]
    return value


def _difference(a: SubjectResult, b: SubjectResult) -> str | None:
    """The first thing two results that should be equal differ in, in words."""
    for d1, d2 in zip(a.dimensions, b.dimensions, strict=True):
        for x, y in zip(d1.indicators, d2.indicators, strict=True):
            if (x.value, x.points) != (y.value, y.points):
                return (
                    f"{x.name} ({x.id}) is {_text(x.value)} ({x.source}, {_text(x.points)} "
                    f"points) for {a.subject.id} and {_text(y.value)} ({y.source}, "
                    f"{_text(y.points)} points) for {b.subject.id}"
                )
        if d1.score != d2.score:
            return (
                f"{d1.name} is {_text(d1.score)} for {a.subject.id} and {_text(d2.score)} for "
                f"{b.subject.id}"
            )
    vetoes = ([v.rule for v in a.vetoes], [v.rule for v in b.vetoes])
    if vetoes[0] != vetoes[1]:
        return f"the vetoes are {vetoes[0]} for {a.subject.id} and {vetoes[1]} for {b.subject.id}"
    adjust = [sum((x.applied or ZERO for x in r.adjustments), ZERO) for r in (a, b)]
    if adjust[0] != adjust[1]:
        return (
            f"the adjustments add {adjust[0]} for {a.subject.id} and {adjust[1]} for {b.subject.id}"
        )
    if a.score != b.score:
        return f"the scores are {a.score} for {a.subject.id} and {b.score} for {b.subject.id}"
    return None


def _equal(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    seen: dict[tuple[Any, ...], Subject] = {}
    for subject in case.people:
        signature = _signature(context, case, subject)
        twin = seen.setdefault(signature, subject)
        if twin is subject:
            continue
        a, b = evaluation.result(twin.id), evaluation.result(subject.id)
        difference = _difference(a, b)
        if difference is None:
            continue
        # The same difference with the two listed in each other's places is who they are;
        # a difference that follows the places is the order's (see the order property).
        people = [subject if p is twin else twin if p is subject else p for p in case.people]
        swapped = context.evaluate(attrs.evolve(case, people=tuple(people)))
        if _difference(swapped.result(twin.id), a) or _difference(swapped.result(subject.id), b):
            continue
        return (
            f"{_who(a)} and {_who(b)} have the same values and the same records, yet "
            f"{difference}; the scores are {a.score} and {b.score}"
        )
    return None


def _veto(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    bands = context.scheme.bands
    names = [band.name for band in bands]
    top = names[0] if len(names) > 1 else None
    for result in evaluation.results:
        if not result.vetoes:
            continue
        who, first = _who(result), result.vetoes[0]
        kept = [a for a in result.adjustments if (a.applied or 0) > 0]
        if kept:
            return (
                f"{who} has veto {first.rule!r} yet keeps {kept[0].applied} bonus points from "
                f"{kept[0].source} ({kept[0].reason})"
            )
        cancel = next((v for v in result.vetoes if VetoEffect.CANCEL_EXCELLENCE in v.effects), None)
        if cancel is not None and top is not None and result.band == top:
            return (
                f"{who} has veto {cancel.rule!r} (cancel_excellence) but is in the top band "
                f"{top}{_why(result)}"
            )
        forces = [
            (names.index(v.band), v)
            for v in result.vetoes
            if VetoEffect.FORCE_BAND in v.effects and v.band in names
        ]
        if cancel is not None and top is not None:
            forces = [(index, v) for index, v in forces if index != 0]
        if forces:
            index, force = max(forces, key=lambda pair: pair[0])
            at = names.index(result.band) if result.band in names else len(names)
            full = bands[index].quota is not None
            if at < index or (at > index and not full):
                return (
                    f"{who} has veto {force.rule!r} forcing band {force.band} but is in "
                    f"{_band(result)}{_why(result)}"
                )
        for veto in result.vetoes:
            if VetoEffect.ZERO_DIMENSION in veto.effects and veto.dimension:
                zeroed = next((d for d in result.dimensions if d.id == veto.dimension), None)
                if zeroed is not None and zeroed.score != 0:
                    return (
                        f"{who} has veto {veto.rule!r} zeroing {zeroed.name} but scores "
                        f"{_text(zeroed.score)} in it"
                    )
    return None


def _quota(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    total = len(evaluation.results)
    for band in context.scheme.bands:
        places = quota_places(band, total)
        holders = [r for r in evaluation.results if r.band == band.name]
        if places is not None and len(holders) > places:
            who = ", ".join(f"{r.subject.id} ({r.score}){_why(r)}" for r in holders)
            return (
                f"band {band.name} holds {len(holders)} of {total} subjects ({who}); its quota "
                f"of {band.quota} ({band.quota_rounding.value}) allows {places}"
            )
    return None


def _ranks(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    scheme = context.scheme
    ordered = sorted(evaluation.results, key=lambda r: _key(scheme, r), reverse=True)
    shared = scheme.ranking.ties is not TiePolicy.ORDINAL
    for a, b in itertools.pairwise(ordered):
        ahead = _key(scheme, a) > _key(scheme, b)
        if ahead and a.rank >= b.rank:
            return (
                f"{_who(a)} scored {_key_text(scheme, a)} but ranks {a.rank}, not above "
                f"{_who(b)} with {_key_text(scheme, b)} at rank {b.rank}"
            )
        if not ahead and shared and a.rank != b.rank:
            return (
                f"{_who(a)} and {_who(b)} are equal on score and tie breakers "
                f"at {_key_text(scheme, a)} but rank {a.rank} and {b.rank}"
            )
    return None


def _moved_by_veto(result: SubjectResult) -> bool:
    band_effects = (VetoEffect.CANCEL_EXCELLENCE, VetoEffect.FORCE_BAND)
    return any(e in band_effects for v in result.vetoes for e in v.effects)


def _bands(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    scheme = context.scheme
    if not scheme.bands:
        return None
    names = [band.name for band in scheme.bands]

    def place(result: SubjectResult) -> int:
        return names.index(result.band) if result.band in names else len(names)

    free = [r for r in evaluation.results if not _moved_by_veto(r)]
    ordered = sorted(free, key=lambda r: (_key(scheme, r), r.subject.id), reverse=True)
    worst: SubjectResult | None = None  # of those ahead, the one in the lowest band
    for _, group in itertools.groupby(ordered, key=lambda r: _key(scheme, r)):
        tied = sorted(group, key=lambda r: (place(r), r.subject.id))
        upper = tied[0]
        lower = next(r for r in tied if place(r) == place(tied[-1]))
        if place(upper) != place(lower):
            story = (
                f"{_who(upper)} and {_who(lower)} are equal on score and tie breakers "
                f"at {_key_text(scheme, upper)}, yet {upper.subject.id} is in "
                f"{_band(upper)}{_why(upper)} and {lower.subject.id} in {_band(lower)}"
                f"{_why(lower)}"
            )
            if upper.rank != lower.rank and scheme.ranking.ties is TiePolicy.ORDINAL:
                story += ": the ordinal ranks let the subject id decide the place"
            return story
        if worst is not None and place(upper) < place(worst):
            return (
                f"{_who(worst)} scored {_key_text(scheme, worst)} but is in {_band(worst)}"
                f"{_why(worst)}, below {_who(upper)} with {_key_text(scheme, upper)} in "
                f"{_band(upper)}{_why(upper)}"
            )
        if worst is None or place(lower) > place(worst):
            worst = lower
    return None


def _ballot_order(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    listed = case.records.ballots
    if not context.rated or len(listed) < 2:
        return None
    # Reversed, and each subject's own ballots turned half round and reversed, so that the
    # first and last listed of every subject change places.
    mine: dict[str, list[Ballot]] = {}
    for ballot in listed:
        mine.setdefault(ballot.subject, []).append(ballot)
    turned = tuple(
        b for own in mine.values() for b in reversed(own[len(own) // 2 :] + own[: len(own) // 2])
    )
    for order in (tuple(reversed(listed)), turned):
        records = attrs.evolve(case.records, records={**case.records.records, "ballot": order})
        other = context.evaluate(attrs.evolve(case, records=records))
        for a in evaluation.results:
            b = other.result(a.subject.id)
            for d1, d2 in zip(a.dimensions, b.dimensions, strict=True):
                for x, y in zip(d1.indicators, d2.indicators, strict=True):
                    if x.value != y.value:
                        return (
                            f"{_who(a)}: listing the same ballots in another order changed "
                            f"{x.name} ({x.id}) from {_text(x.value)} to {_text(y.value)} "
                            f"({y.source})"
                        )
            for field in ("score", "band", "rank"):
                if getattr(a, field) != getattr(b, field):
                    return (
                        f"{_who(a)}: listing the same ballots in another order changed the "
                        f"{field} from {_shown(a, field)} to {_shown(b, field)}"
                    )
    return None


def _remaining(
    context: _Context, indicator: Indicator, ballots: Sequence[Any]
) -> list[tuple[str, list[Decimal], int]]:
    """Each present group's ballots left after its trim, sorted, with its name and trim."""
    assert indicator.raters is not None
    found = []
    for rule in indicator.raters.groups:
        scores = sorted(b.score for b in ballots if b.group is rule.group)
        if len(scores) < max(rule.min_ballots, 1):
            continue
        trim = rule.trim if rule.combine is Combine.TRIMMED_MEAN else 0
        found.append((rule.group.value, scores[trim : len(scores) - trim], trim))
    return found


def _trimmed(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    scheme = context.scheme
    quantum, mode = scheme.quantum, scheme.rounding.mode
    period = period_span(scheme.period, _calendar(context))
    for result in evaluation.results:
        mine = [
            b
            for b in case.records.ballots
            if b.subject == result.subject.id
            and b.scheme == scheme.id
            and period[0] <= b.date <= period[1]
        ]
        for indicator in context.rated:
            value = _value_of(result, indicator.id)
            groups = _remaining(
                context, indicator, [b for b in mine if b.indicator == indicator.id]
            )
            if value is None or not groups or any(not left for _, left, _ in groups):
                continue
            best = max(left[-1].quantize(quantum, mode) for _, left, _ in groups)
            worst = min(left[0].quantize(quantum, mode) for _, left, _ in groups)
            if worst <= value <= best:
                continue
            told = "; ".join(
                f"{name} {len(left) + 2 * trim} ballots, the {trim} highest and {trim} lowest "
                f"dropped, {_text(left[0])} to {_text(left[-1])} left"
                for name, left, trim in groups
            )
            side = (
                f"above the best remaining ballot {best}"
                if value > best
                else (f"below the worst remaining ballot {worst}")
            )
            return f"{_who(result)} has {_indicator(indicator)} {value}, {side} ({told})"
    return None


def _baseline(context: _Context, case: _Case, evaluation: Evaluation) -> str | None:
    for indicator in context.gained:
        gain = indicator.gain
        assert gain is not None
        if gain.missing is MissingBaseline.ZERO:
            continue
        base_scheme, base_indicator = gain.reference
        table = case.baselines.get(base_scheme, {})
        for result in evaluation.results:
            baseline = table.get(result.subject.id, {}).get(base_indicator)
            none = baseline is None or (gain.kind is GainKind.RELATIVE and baseline == 0)
            value = _value_of(result, indicator.id)
            if none and value is not None:
                said = "missing" if baseline is None else "0, which has no relative gain"
                return (
                    f"{_who(result)} has {_indicator(indicator)} {value} though its baseline "
                    f"({gain.baseline}) is {said}: a missing baseline counted as a value, "
                    f"though the indicator does not declare missing = 'zero'"
                )
    return None


def _value_of(result: SubjectResult, indicator_id: str) -> Decimal | None:
    for dimension in result.dimensions:
        for item in dimension.indicators:
            if item.id == indicator_id:
                return item.value
    return None


def _calendar(context: _Context) -> SchoolCalendar:
    return context.workspace.calendar if context.workspace else SchoolCalendar()


_CHECKS: dict[str, Check] = {
    "determinism": _determinism,
    "bounded": _bounded,
    "order": _order,
    "equal": _equal,
    "veto": _veto,
    "quota": _quota,
    "ranks": _ranks,
    "bands": _bands,
    "ballot_order": _ballot_order,
    "trimmed": _trimmed,
    "baseline": _baseline,
}
_COSTLY = {
    "determinism",
    "order",
    "ballot_order",
}  # each needs evaluations of its own: thorough cases only


# -- monotonic: sweeps from worse to better --------------------------------------------------


@attrs.frozen
class _Sweep:
    """Subjects alike but in one thing, listed from worse to better in it.

    ``what`` names the thing, ``shown`` each subject's amount of it, ``rest`` the rest of
    their input, in words.
    """

    case: _Case
    what: str
    shown: tuple[str, ...]
    rest: str


def _swept(context: _Context, sweep: _Sweep, evaluation: Evaluation) -> str | None:
    """The first step of ``sweep`` that lowers a score, confirmed by evaluating the subject
    alone before and after the step (so only the step differs)."""
    people = sweep.case.people
    scores = {r.subject.id: r.score for r in evaluation.results}
    for k in range(len(people) - 1):
        a, b = people[k], people[k + 1]
        if scores[b.id] >= scores[a.id]:
            continue
        # Told of the sweep's first subject, evaluated alone before and after the step.
        before = _alone(context, sweep.case, a, people[0])
        after = _alone(context, sweep.case, b, people[0])
        if after.score >= before.score:
            continue  # another subject's presence made the difference: not this property's
        return (
            f"{_who(before)}: changing {sweep.what} from {sweep.shown[k]} to "
            f"{sweep.shown[k + 1]} lowered the score from {before.score} to {after.score}"
            f"{_change(before, after)}{sweep.rest}"
        )
    return None


def _alone(context: _Context, case: _Case, source: Subject, as_subject: Subject) -> SubjectResult:
    """``source``'s input evaluated as ``as_subject``'s, with no one else."""
    records = _records_of(context, case.records, source)
    if source != as_subject:
        records = [boundaries.renamed(r, source.id, as_subject.id) for r in records]
    alone = _Case(
        (as_subject,),
        {as_subject.id: dict(case.values.get(source.id, {}))},
        _book(context, records),
        baselines={
            scheme: {as_subject.id: dict(table.get(source.id, {}))}
            for scheme, table in case.baselines.items()
        },
    )
    return context.evaluate(alone).result(as_subject.id)


def _records_of(context: _Context, records: RecordBook, subject: Subject) -> list[Any]:
    return [
        r
        for kind in context.kinds
        for r in records.kind(kind.name)
        if subject.id in set(kind.owners(r))
    ]


def _book(context: _Context, records: Sequence[Any]) -> RecordBook:
    by_model = {k.model: k.name for k in context.kinds}
    grouped: dict[str, list[Any]] = {}
    for record in records:
        grouped.setdefault(by_model[type(record)], []).append(record)
    return RecordBook.of(**grouped)


def _change(before: SubjectResult, after: SubjectResult) -> str:
    """What moved between two results of one subject: dimensions, adjustments, vetoes."""
    parts = [
        f"{d1.name} {_text(d1.score)} → {_text(d2.score)}"
        for d1, d2 in zip(before.dimensions, after.dimensions, strict=True)
        if d1.score != d2.score
    ]
    old = {(a.source, a.reason, a.applied) for a in before.adjustments}
    parts += [
        f"{a.source} {a.applied:+f} ({a.reason})"
        for a in after.adjustments
        if (a.source, a.reason, a.applied) not in old and a.applied
    ]
    fired = {v.rule for v in before.vetoes}
    parts += [f"veto {v.rule} fired" for v in after.vetoes if v.rule not in fired]
    return f" ({'; '.join(parts)})" if parts else ""


def _monotonic_pair(
    context: _Context,
    case: _Case,
    evaluation: Evaluation,
    indicator: Indicator,
    subject: Subject,
    after_value: Decimal,
) -> str | None:
    before_value = case.values.get(subject.id, {}).get(indicator.id)
    if before_value is None:
        return None
    better = {**case.values, subject.id: {**case.values[subject.id], indicator.id: after_value}}
    before = evaluation.result(subject.id)
    after = context.evaluate(attrs.evolve(case, values=better)).result(subject.id)
    if hypothesis.currently_in_test_context():  # steer the search towards larger drops
        target(float(before.score - after.score), label="monotonic: how much a better value lowers")
    if after.score >= before.score:
        return None
    return (
        f"{_who(before)}: changing {_indicator(indicator)} from {before_value} to {after_value} "
        f"lowered the score from {before.score} to {after.score}{_change(before, after)}"
    )


# -- the probes: populations derived from the scheme -----------------------------------------


def _probe(context: _Context, wanted: list[str]) -> dict[str, str]:
    """Every probe population, each evaluated once and checked for each wanted property."""
    scenes = list(_scenes(context))
    sweeps = list(_sweeps(context))
    evaluated = [(case, context.evaluate(case)) for case in scenes]
    evaluated += [(sweep.case, context.evaluate(sweep.case)) for sweep in sweeps]
    failures: dict[str, str] = {}
    if "determinism" in wanted:
        for case, evaluation in evaluated:
            story = _determinism(context, case, evaluation) if case.thorough else None
            if story:
                return {"determinism": story}
    for name in wanted:
        check = _CHECKS.get(name)
        if check is None or name == "determinism":
            continue
        for case, evaluation in evaluated:
            if name in _COSTLY and not case.thorough:
                continue
            story = check(context, case, evaluation)
            if story:
                failures[name] = story
                break
    if "monotonic" in wanted:
        for sweep, (_, evaluation) in zip(sweeps, evaluated[len(scenes) :], strict=True):
            story = _swept(context, sweep, evaluation)
            if story:
                failures["monotonic"] = story
                break
    return failures


def _profile(context: _Context, level: Decimal) -> dict[str, Decimal | None]:
    """Every given value at ``level`` of its indicator's 100 points (0.5: 50 points each)."""
    return {i.id: boundaries.value_for_points(i, level * HUNDRED) for i in context.given}


def _describe(context: _Context, values: Mapping[str, Decimal | None], skip: str = "") -> str:
    shown = [f"{i.name} {values[i.id]}" for i in context.given if i.id != skip and i.id in values]
    return "; the other values: " + ", ".join(shown) if shown else "; no other value given"


def _people(context: _Context, count: int) -> tuple[Subject, ...]:
    return sw.subjects(count, context.scheme.subject)


def _period_day(context: _Context) -> date:
    """The first day of the scheme's period: records dated then count."""
    calendar = context.workspace.calendar if context.workspace else SchoolCalendar()
    start, _ = period_span(context.scheme.period, calendar)
    return start


def _level_for(context: _Context, score: Decimal) -> Decimal | None:
    """The lowest level of :func:`_profile` whose subject scores at least ``score``."""
    subject = _people(context, 1)[0]

    def reaches(level: Decimal) -> bool:
        case = _Case((subject,), {subject.id: _profile(context, level)})
        return context.evaluate(case).results[0].score >= score

    low, high = ZERO, Decimal(1)
    if not reaches(high):
        return None
    if reaches(low):
        return low
    for _ in range(14):
        middle = (low + high) / 2
        low, high = (low, middle) if reaches(middle) else (middle, high)
    return high


def _room(band: Band) -> int:
    """The fewest subjects (2 to 40) of whom ``band``'s quota lets some, but not all, in."""
    for count in range(2, 41):
        places = quota_places(band, count)
        if places is not None and 1 <= places < count:
            return count
    return 2


def _honours(context: _Context, subject: Subject, count: int, spread: bool, tag: str) -> list[Any]:
    """``count`` honours of ``subject`` of the kind the scheme's bonus tables price highest,
    all of one category or (``spread``) of alternating categories."""
    best = [b for b in (boundaries.best_honour(rule) for rule in context.scheme.bonuses) if b]
    kind = context.kind("honour")
    if not best or kind is None:
        return []
    level, rank, _ = max(best, key=lambda b: b[2])
    day = _period_day(context)
    found = []
    for n in range(count):
        honour = boundaries.matching_record(kind, None, subject, day, f"{tag}-{subject.id}-{n}")
        if honour is None:
            return []
        category = sw.CATEGORIES[n % 2] if spread else sw.CATEGORIES[0]
        prize = None if rank is RankKey.TITLE else AwardRank(rank.value)
        found.append(
            attrs.evolve(
                honour,
                title=f"{level.value} {rank.value}",
                level=level,
                rank=prize,
                category=category,
            )
        )
    return found


def _fired(context: _Context, subject: Subject, rules: Sequence[Any], tag: str) -> list[Any]:
    """Records of ``subject`` that fire each veto rule of ``rules``."""
    day = _period_day(context)
    found = []
    for n, rule in enumerate(rules):
        kind = context.kind(rule.record)
        if kind is None:
            continue
        record = boundaries.matching_record(
            kind, rule.when, subject, day, f"{tag}-{n}-{subject.id}"
        )
        if record is not None:
            found.append(record)
    return found


def _scenes(context: _Context) -> Iterator[_Case]:
    """Populations that put the scheme's bands, quotas, bonuses and vetoes to the test."""
    scheme = context.scheme
    best = _profile(context, Decimal(1))
    # Everyone the same at the best values: one tie across every band and quota.
    for count in sorted({4, *(_room(b) for b in scheme.bands if b.quota is not None)}):
        people = _people(context, count)
        yield _Case(people, {p.id: dict(best) for p in people})
    # Everyone the same, just at each band's line: the tie straddles the band's quota.
    for band in scheme.bands:
        level = _level_for(context, band.min_score)
        if level is None or band.min_score <= 0:
            continue
        people = _people(context, _room(band) if band.quota is not None else 3)
        at_line = _profile(context, level)
        yield _Case(people, {p.id: dict(at_line) for p in people})
    # A ladder with twins.
    levels = [Decimal(x) for x in ("1", "1", "0.9", "0.75", "0.75", "0.5", "0.25", "0.25", "0")]
    people = _people(context, len(levels))
    yield _Case(people, {p.id: _profile(context, lv) for p, lv in zip(people, levels, strict=True)})
    # Vetoes: each alone, with a bonus and without; all together; a crowd forced into a band.
    rules = list(scheme.vetoes)
    for n, rule in enumerate(rules):
        people = _people(context, 6)
        a, b, c, d, e, f = people
        records = [
            *_fired(context, a, [rule], f"v{n}"),
            *_honours(context, a, 3, True, f"h{n}"),
            *_honours(context, b, 3, True, f"h{n}"),
            *_fired(context, d, [rule], f"v{n}"),
            *_fired(context, f, [rule], f"v{n}"),
        ]
        table: Values = {
            a.id: dict(best),
            b.id: dict(best),
            c.id: dict(best),
            d.id: _profile(context, Decimal("0.5")),
            e.id: _profile(context, Decimal("0.5")),
            f.id: {},
        }
        yield _Case(people, table, _book(context, records))
    if rules:
        for count in sorted({4, *(_room(b) for b in scheme.bands if b.quota is not None)}):
            people = _people(context, count)
            records = [
                r
                for p in people
                for r in (*_fired(context, p, rules, "all"), *_honours(context, p, 2, True, "h"))
            ]
            yield _Case(people, {p.id: dict(best) for p in people}, _book(context, records))
        for n, rule in enumerate(rules):
            if VetoEffect.FORCE_BAND not in rule.effects:
                continue
            into = next((b for b in scheme.bands if b.name == rule.band), None)
            count = _room(into) if into is not None and into.quota is not None else 4
            people = _people(context, count + 1)
            forced = people[: count // 2 + 2]
            records = [r for p in forced for r in _fired(context, p, [rule], f"f{n}")]
            crowd: Values = {p.id: _profile(context, Decimal("0.75")) for p in people}
            yield _Case(people, crowd, _book(context, records))
    # Ballots listed in several orders; baselines present, missing and 0.
    if context.rated:
        yield _ballot_scene(context)
    if context.gained:
        yield _baseline_scene(context)


def _ballot_scene(context: _Context) -> _Case:
    """Three subjects with the same ballots on every rated indicator, listed in three orders:
    in each group, two more than its minimum, the highest and the lowest first, the others
    bunched in the middle of the scale (so that a trim that keeps the top shows)."""
    people = _people(context, 3)
    day = _period_day(context)
    ballots: list[Ballot] = []
    for indicator in context.rated:
        assert indicator.raters is not None
        low, high = indicator.raters.scale
        for rule in indicator.raters.groups:
            count = max(rule.min_ballots, 2 * rule.trim + 1) + 2
            # At 40, 50 and 60 % of the scale, over and over: inside it however many.
            mids = [low + (high - low) * Decimal(4 + n % 3) / 10 for n in range(count - 2)]
            scores = [high, low, *(m.quantize(Decimal(1)) for m in mids)]
            for k, person in enumerate(people):
                for n, score in enumerate(scores[k:] + scores[:k]):
                    tag = f"{indicator.id}-{rule.group.value}-{person.id}-{n}"
                    ballots.append(
                        Ballot(
                            f"ballot-{tag}",
                            f"k-{tag}",
                            context.scheme.id,
                            person.id,
                            indicator.id,
                            rule.group,
                            score,
                            day,
                        )
                    )
    best = _profile(context, Decimal(1))
    return _Case(people, {p.id: dict(best) for p in people}, _book(context, ballots))


def _baseline_scene(context: _Context) -> _Case:
    """Four subjects alike but in their baselines: 50, missing, 0 (no relative gain), 80."""
    people = _people(context, 4)
    best = _profile(context, Decimal(1))
    levels = (Decimal(50), None, Decimal(0), Decimal(80))
    baselines: dict[str, Values] = {}
    for indicator in context.gained:
        assert indicator.gain is not None
        scheme, column = indicator.gain.reference
        table = baselines.setdefault(scheme, {})
        for person, level in zip(people, levels, strict=True):
            table.setdefault(person.id, {})[column] = level
    return _Case(people, {p.id: dict(best) for p in people}, baselines=baselines)


def _sweeps(context: _Context) -> Iterator[_Sweep]:
    """Sweeps of every given value, counted indicator and bonus rule past its breakpoints."""
    scheme = context.scheme
    lines = [band.min_score for band in scheme.bands]
    lines += [line - scheme.quantum for line in lines]
    for indicator in context.monotonic:
        steps = boundaries.ladder(indicator, lines)
        people = _people(context, len(steps))
        shown = tuple(f"{v}" for v in steps)
        what = _indicator(indicator)
        # Alone, the indicator's dimension is its only one: the total crosses every band line.
        alone: Values = {p.id: {indicator.id: v} for p, v in zip(people, steps, strict=True)}
        yield _Sweep(_Case(people, alone), what, shown, "; no other value given")
        for level in LEVELS:
            base = _profile(context, level)
            values = {p.id: {**base, indicator.id: v} for p, v in zip(people, steps, strict=True)}
            case = _Case(people, values, thorough=False)
            yield _Sweep(case, what, shown, _describe(context, base, indicator.id))
    base = _profile(context, Decimal("0.5"))
    rest = _describe(context, base)
    day = _period_day(context)
    for indicator in context.counted:
        assert indicator.source is not None
        kind = context.kind(indicator.source.kind)
        counts = boundaries.count_breakpoints(indicator)
        if kind is None or indicator.id in context.modal or not _counts_one_way(context, indicator):
            continue
        if indicator.direction is Direction.LOWER:
            counts = tuple(reversed(counts))
        people = _people(context, len(counts))
        records = []
        for person, count in zip(people, counts, strict=True):
            for n in range(count):
                serial = f"{indicator.id}-{person.id}-{n}"
                made = boundaries.matching_record(kind, indicator.source.where, person, day, serial)
                if made is None:
                    break
                records.append(made)
        if not records:
            continue
        case = _Case(people, {p.id: dict(base) for p in people}, _book(context, records))
        what = f"{indicator.name} ({indicator.id}, counted from {kind.name} records)"
        yield _Sweep(case, what, tuple(f"{c} records" for c in counts), rest)
    # (A school's honours belong to every school subject alike: no sweep tells them apart.)
    if (
        scheme.bonuses
        and scheme.subject is not SubjectKind.SCHOOL
        and not _honours_can_hurt(context)
    ):
        for spread in (False, True):
            counts = tuple(range(9))
            people = _people(context, len(counts))
            records = [
                h
                for person, count in zip(people, counts, strict=True)
                for h in _honours(context, person, count, spread, "b")
            ]
            if not records:
                continue
            case = _Case(people, {p.id: dict(base) for p in people}, _book(context, records))
            first = records[0]
            what = f"the number of {first.title} honours ({'mixed' if spread else 'one'} category)"
            yield _Sweep(case, what, tuple(f"{c}" for c in counts), rest)


def _counts_one_way(context: _Context, indicator: Indicator) -> bool:
    """Whether one more record that ``indicator`` counts can only help (or, lower-is-better,
    only hurt): it fires no veto, and no indicator counting it the other way does."""
    assert indicator.source is not None
    kind = context.kind(indicator.source.kind)
    if kind is None:
        return False
    subject = _people(context, 1)[0]
    record = boundaries.matching_record(
        kind, indicator.source.where, subject, _period_day(context), "probe"
    )
    if record is None:
        return False
    if any(
        rule.record == kind.name and rule.when.matches(record) for rule in context.scheme.vetoes
    ):
        return False
    if subject.id not in set(kind.owners(record)):
        return False  # a record of the whole school: every subject would count it
    for other in context.counted:
        assert other.source is not None
        if other.source.kind != kind.name or other.direction is indicator.direction:
            continue
        if other.source.where is None or other.source.where.matches(record):
            return False
    # A lower-is-better count of honours would fight the bonus tables.
    return indicator.source.kind != "honour" or indicator.direction is Direction.HIGHER


def _honours_can_hurt(context: _Context) -> bool:
    """Whether an honour may fire a veto or count against a lower-is-better indicator."""
    if any(rule.record == "honour" for rule in context.scheme.vetoes):
        return True
    modal = [i.source for i in context.counted if i.id in context.modal]
    if any(source is not None and source.kind == "honour" for source in modal):
        return True  # a count in a mode dimension may lower it
    return any(
        i.source is not None and i.source.kind == "honour" and i.direction is Direction.LOWER
        for i in context.counted
    )


# -- the search: hypothesis over generated populations ----------------------------------------


class _Found(AssertionError):
    """A counterexample found by hypothesis; one subclass per property, so that hypothesis
    tells them apart and shrinks each on its own."""

    prop = ""


_FOUND: dict[str, type[_Found]] = {
    name: type(f"{name.capitalize()}Counterexample", (_Found,), {"prop": name})
    for name in PROPERTIES
}


def _search(
    context: _Context,
    wanted: list[str],
    people: tuple[Subject, ...],
    max_examples: int,
    seed: int | None,
) -> dict[str, str]:
    """Hypothesis's search for the ``wanted`` properties; a round per failure found, so that a
    property failing everywhere does not hide the others."""
    found: dict[str, str] = {}
    remaining = [name for name in wanted if name in _CHECKS or name == "monotonic"]
    while remaining:
        try:
            _run(context, remaining, people, max_examples, seed)
        except Flaky as flaky:
            # Only an evaluation that changes from one run to the next makes hypothesis see
            # an example fail and then pass.
            prop, first = _first_found(flaky)
            story = (
                "an example that failed once passed when tried again: evaluating the same input "
                f"does not give the same result (at first: {first})"
            )
            found.setdefault("determinism" if "determinism" in wanted else prop, story)
            return found
        except _Found as exc:
            found[exc.prop] = str(exc)
        except BaseExceptionGroup as group:
            matched, rest = group.split(_Found)
            if matched is None or rest is not None:
                raise  # something else went wrong too: a plugin raised, say
            for leaf in _leaves(matched):
                if isinstance(leaf, _Found):
                    found.setdefault(leaf.prop, str(leaf))
        else:
            return found
        left = [name for name in remaining if name not in found]
        if len(left) == len(remaining):
            return found
        remaining = left
    return found


def _leaves(group: BaseExceptionGroup[Any]) -> Iterator[BaseException]:
    for exc in group.exceptions:
        if isinstance(exc, BaseExceptionGroup):
            yield from _leaves(exc)
        else:
            yield exc


def _first_found(flaky: BaseException) -> tuple[str, str]:
    """The property and story of the counterexample that did not fail again."""
    if isinstance(flaky, BaseExceptionGroup):
        for exc in _leaves(flaky):
            if isinstance(exc, _Found):
                return exc.prop, f"{exc.prop}: {exc}"
    return "determinism", (str(flaky).splitlines() or [type(flaky).__name__])[0]


def _run(
    context: _Context,
    remaining: list[str],
    people: tuple[Subject, ...],
    max_examples: int,
    seed: int | None,
) -> None:
    scheme = context.scheme
    given_ = context.given
    pick = st.tuples(
        st.integers(0, max(len(given_) - 1, 0)),
        st.sampled_from(people),
        sw.decimals(0, 60, 1),
        st.integers(0, 2**16),
    )
    parts: list[st.SearchStrategy[Any]] = [
        sw.inputs_for(scheme, people, kinds=context.kinds),
        st.permutations(people),
        pick,
    ]
    if context.gained:  # (only then: another part would change the search of every scheme)
        parts.append(sw.baselines_for(scheme, people))
    strategy = st.tuples(*parts)

    # The checks that need no evaluation of their own first: shrinking a counterexample
    # replays the body many times, and should not pay for the costly checks each time.
    cheap_first = sorted(remaining, key=lambda name: name in ("monotonic", *_COSTLY))

    def body(case: Any) -> None:
        (values, records), shuffled, (at, subject, step, choice) = case
        this = _Case(people, values, records)
        evaluation = context.evaluate(this)
        for name in cheap_first:
            if name == "monotonic":
                story = _random_step(context, this, evaluation, at, subject, step, choice)
            elif name == "order":
                story = _order(context, this, evaluation, [tuple(shuffled)])
            else:
                story = _CHECKS[name](context, this, evaluation)
            if story:
                raise _FOUND[name](story)

    # A derandomized search is seeded by the source of its test function: ``body`` stays as
    # it was, so the search of a scheme without gains is the one it always was; a scheme with
    # gains draws baselines too and has a body of its own.
    def body_with_baselines(case: Any) -> None:
        (values, records), shuffled, (at, subject, step, choice), baselines = case
        this = _Case(people, values, records, baselines=baselines)
        evaluation = context.evaluate(this)
        for name in cheap_first:
            if name == "monotonic":
                story = _random_step(context, this, evaluation, at, subject, step, choice)
            elif name == "order":
                story = _order(context, this, evaluation, [tuple(shuffled)])
            else:
                story = _CHECKS[name](context, this, evaluation)
            if story:
                raise _FOUND[name](story)

    if seed is None:
        seed = getattr(hypothesis.core, "global_force_seed", None)
    runner = settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=seed is None,  # a check that passes or fails does so every time it runs
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        verbosity=Verbosity.quiet,
        # hypothesis prints a reproduce_failure blob by default when it sees a CI variable;
        # the story already says what failed, and the blob would differ between machines
        print_blob=False,
        suppress_health_check=list(HealthCheck),
    )(given(strategy)(body_with_baselines if context.gained else body))
    if seed is not None:
        runner = hypothesis.seed(seed)(runner)
    with _without_local_constants():
        runner()


def _random_step(
    context: _Context,
    case: _Case,
    evaluation: Evaluation,
    at: int,
    subject: Subject,
    step: Decimal,
    choice: int,
) -> str | None:
    given_ = context.monotonic
    if not given_:
        return None
    indicator = given_[at % len(given_)]
    before = case.values.get(subject.id, {}).get(indicator.id)
    if before is None:
        return None
    higher = indicator.direction is Direction.HIGHER
    near = [
        v
        for v in boundaries.around(boundaries.value_breakpoints(indicator))
        if (v > before if higher else v < before)
    ]
    if near and choice % 2:
        after = near[choice // 2 % len(near)]
    else:
        after = before + step if higher else max(before - step, ZERO)
    if after == before:
        return None
    return _monotonic_pair(context, case, evaluation, indicator, subject, after)


@contextlib.contextmanager
def _without_local_constants() -> Iterator[None]:
    """Hypothesis seeds its search with number literals of the local modules imported so far,
    so the same check would search differently from one test file to another. Switch that off
    for the check's own search (a private hook of hypothesis: if it moves, nothing breaks, the
    search just depends on the imports again)."""
    try:
        from hypothesis.internal import constants_ast
        from hypothesis.internal.conjecture import providers

        getter = providers._get_local_constants
        cache = providers.CONSTANTS_CACHE.cache
        empty = constants_ast.Constants()
    except (ImportError, AttributeError):  # pragma: no cover - another hypothesis
        yield
        return
    providers._get_local_constants = lambda: empty
    cache.clear()
    try:
        yield
    finally:
        providers._get_local_constants = getter
        cache.clear()


__all__ = ["PROPERTIES", "FairnessError", "check_scheme"]
