"""Evaluation schemes (考核方案): what is measured, how it becomes points, and how points decide.

Everything here is data, so a scheme written in ``schemes.toml`` and one built in Python are the
same object. The arithmetic that reads these models lives in the modules beside this one; the
formulas are documented in ``docs/evaluation.md``.

All scores are on one scale: an indicator gives 0 to 100 points, a dimension's score is 0 to 100,
the weighted total is 0 to 100, and bonus points may lift the final score up to
``100 + bonus_cap``.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from enum import StrEnum

import attrs

from schoolwork.conditions import Condition

HUNDRED = Decimal(100)


class SubjectKind(StrEnum):
    """What a scheme evaluates."""

    TEACHER = "teacher"
    CLASS = "class"
    GRADE = "grade"
    OFFICE = "office"
    SCHOOL = "school"


class Rounding(StrEnum):
    """Decimal rounding modes a scheme may declare; ``half_up`` is 四舍五入."""

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    DOWN = "down"
    FLOOR = "floor"
    CEILING = "ceiling"

    @property
    def mode(self) -> str:
        """The :mod:`decimal` rounding constant."""
        return _MODES[self]


_MODES = {
    Rounding.HALF_UP: ROUND_HALF_UP,
    Rounding.HALF_EVEN: ROUND_HALF_EVEN,
    Rounding.DOWN: ROUND_DOWN,
    Rounding.FLOOR: ROUND_FLOOR,
    Rounding.CEILING: ROUND_CEILING,
}


class Direction(StrEnum):
    """Whether more of an indicator's raw value is better or worse."""

    HIGHER = "higher"
    LOWER = "lower"


class RuleKind(StrEnum):
    """How an indicator's raw value becomes points."""

    LINEAR = "linear"  # between floor and ceiling
    THRESHOLDS = "thresholds"  # a table of steps
    COUNT = "count"  # each × count, capped
    RATIO = "ratio"  # value against a target


@attrs.frozen
class Threshold:
    """One step of a threshold table: values reaching ``at`` earn ``points``."""

    at: Decimal
    points: Decimal


# The hash is kept: a rule is a key of the engine's and the checks' memos for every indicator
# of every evaluation, and hashing its fields again each time was a tenth of an evaluation's
# set-up.
@attrs.frozen(cache_hash=True)
class PointsRule:
    """The rule that maps a raw value to 0-100 points; which fields it needs depends on ``rule``.

    - ``linear``: ``floor`` and ``ceiling``; higher-is-better gives 0 at or below the floor and 100
      at or above the ceiling, straight in between (lower-is-better mirrors it).
    - ``thresholds``: ``steps``; a value earns the points of the best step it reaches (at least
      ``at`` when higher is better, at most ``at`` when lower is better), else 0.
    - ``count``: ``each`` (and optional ``cap``, default 100); higher-is-better gives
      ``each × value`` up to the cap; lower-is-better deducts it from the cap (扣分制).
    - ``ratio``: ``target`` (and optional ``cap``, default 100); ``100 × value / target`` up to
      the cap (lower-is-better: ``100 × target / value``).
    """

    rule: RuleKind
    floor: Decimal | None = None
    ceiling: Decimal | None = None
    steps: tuple[Threshold, ...] = ()
    each: Decimal | None = None
    target: Decimal | None = None
    cap: Decimal | None = None


class Part(StrEnum):
    """Whether an indicator measures the process of the work or its result (过程 / 结果)."""

    PROCESS = "process"
    RESULT = "result"


@attrs.frozen
class RecordSource:
    """An indicator whose raw value is counted from the subject's records.

    Counts the records of ``kind`` that belong to the subject, are dated inside the scheme's
    period and match ``where``.
    """

    kind: str  # honour | activity | inspection | incident
    where: Condition | None = None


class RaterGroup(StrEnum):
    """Who casts ballots on an indicator scored by raters (民主测评)."""

    SELF = "self"  # 自评
    PEERS = "peers"  # 同事
    STUDENTS = "students"  # 学生
    PARENTS = "parents"  # 家长
    LEADERS = "leaders"  # 领导


class Combine(StrEnum):
    """How one group's ballots become the group's score."""

    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"  # drops ``trim`` highest and ``trim`` lowest (去掉最高分和最低分)


class AbsentGroup(StrEnum):
    """What a group with too few ballots does to an indicator scored by raters."""

    RENORMALISE = "renormalise"  # the present groups' weights are scaled up to sum to 1
    MISSING = "missing"  # the indicator's value is missing


@attrs.frozen
class RaterWeight:
    """One group of raters: its weight and how its ballots combine.

    Below ``min_ballots`` ballots (counted before any are trimmed) the group is absent. A
    trimmed mean needs more than ``2 × trim`` ballots; the checks hold ``min_ballots`` to that.
    """

    group: RaterGroup
    weight: Decimal
    combine: Combine = Combine.MEAN
    trim: int = 0
    min_ballots: int = 1


@attrs.frozen
class Raters:
    """An indicator scored by ballots of groups of raters (民主测评); see ``docs/evaluation.md``.

    The weights of ``groups`` sum to 1; each ballot's score lies within ``scale``; ``absent``
    says what a group with too few ballots does. With no group present the value is missing.
    """

    groups: tuple[RaterWeight, ...]
    scale: tuple[Decimal, Decimal] = (Decimal(0), HUNDRED)
    absent: AbsentGroup = AbsentGroup.RENORMALISE

    def group(self, group: RaterGroup) -> RaterWeight | None:
        """The declared group ``group``, or ``None``."""
        for declared in self.groups:
            if declared.group is group:
                return declared
        return None


class GainKind(StrEnum):
    """How a value-added indicator (增值评价) measures the change from its baseline."""

    ABSOLUTE = "absolute"  # current − baseline
    RELATIVE = "relative"  # (current − baseline) / baseline × 100, in percent


class MissingBaseline(StrEnum):
    """What a value-added indicator's value is when its baseline is missing (or, for a
    relative gain, zero)."""

    EXCLUDE = "exclude"  # the value is missing: the scheme's ``missing`` rule decides
    ZERO = "zero"  # the gain is 0: no change is assumed


@attrs.frozen
class Gain:
    """A value-added indicator: its raw value is the change from a baseline.

    The current value is the column ``current`` (default: the indicator's own id) of the
    scheme's values file, so a level and its gain may share one column; the baseline
    is ``baseline``, written ``"<scheme id>:<indicator id>"``: that scheme's (an earlier
    year's) raw value of that indicator, from its values file.
    """

    baseline: str
    kind: GainKind = GainKind.ABSOLUTE
    missing: MissingBaseline = MissingBaseline.EXCLUDE
    current: str | None = None  # the values column of the current value; default: the own id

    @property
    def reference(self) -> tuple[str, str]:
        """The baseline's scheme id and indicator id (the indicator id empty when unsaid)."""
        scheme, _, indicator = self.baseline.partition(":")
        return scheme, indicator


@attrs.frozen
class Indicator:
    """One measured thing in a dimension."""

    id: str
    name: str
    points: PointsRule
    direction: Direction = Direction.HIGHER
    weight: Decimal = Decimal(1)  # used by the weighted_mean aggregation
    part: Part = Part.RESULT
    source: RecordSource | None = None  # None: the value is given (input file or a plugin)
    raters: Raters | None = None  # scored by ballots (民主测评), see :class:`Raters`
    gain: Gain | None = None  # value-added (增值评价): the change from a baseline
    # Extra credit (Moodle's "mean with extra credits"): in a mean or weighted mean, its
    # weight × points add to the numerator and its weight stays out of the denominator.
    extra_credit: bool = False


class Method(StrEnum):
    """How a dimension combines its indicators' points."""

    WEIGHTED_MEAN = "weighted_mean"
    MEAN = "mean"
    MEDIAN = "median"
    LOWEST = "lowest"
    HIGHEST = "highest"
    SUM = "sum"  # added up, then capped at ``cap`` (default 100)
    MODE = "mode"  # the most frequent points; of several, the highest (as Moodle does)


DENOMINATED = frozenset({Method.MEAN, Method.WEIGHTED_MEAN})
"""The methods that divide by a count or a weight sum: the only ones extra credit can add to."""


class TieOrder(StrEnum):
    """Which of equal values drop/keep-N removes first."""

    LAST_DECLARED = "last_declared"  # the one declared later in the scheme goes first
    FIRST_DECLARED = "first_declared"
    ID = "id"  # the one with the larger id (by Unicode order) goes first


@attrs.frozen
class Aggregate:
    """A dimension's aggregation; drop/keep-N always leave at least one value.

    ``cap`` caps a ``sum`` (default 100), or a mean with extra credit (default 100): extra
    credit may lift the mean up to the cap, never past it.
    """

    method: Method = Method.WEIGHTED_MEAN
    drop_lowest: int = 0
    keep_highest: int | None = None
    cap: Decimal | None = None
    ties: TieOrder = TieOrder.LAST_DECLARED


@attrs.frozen
class Split:
    """Weights of the process part and the result part inside each dimension."""

    process: Decimal
    result: Decimal


@attrs.frozen
class Dimension:
    """A weighted area of the evaluation (师德, 教学, 教研, 出勤, 业绩, …)."""

    id: str
    name: str
    weight: Decimal
    indicators: tuple[Indicator, ...]
    aggregate: Aggregate = Aggregate()


class RankKey(StrEnum):
    """A column of a bonus table: a prize, or ``title`` for an honour without one."""

    SPECIAL = "special"
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    EXCELLENT = "excellent"
    TITLE = "title"


@attrs.frozen
class BonusRule:
    """Points for honours (加分): a table by level and rank, with caps.

    ``table`` maps a level (``county``) to its row, a mapping from rank key to points. Honours
    count when their recipient is the subject, their date lies in the scheme's period and their
    category is in ``categories`` (all categories when empty). ``category_cap`` caps the points
    from any one category; ``cap`` caps the rule's total for the period.
    """

    id: str
    name: str
    table: dict[str, dict[str, Decimal]]
    categories: tuple[str, ...] = ()
    category_cap: Decimal | None = None
    cap: Decimal | None = None


class VetoEffect(StrEnum):
    """What a fired veto (一票否决) does."""

    CANCEL_EXCELLENCE = "cancel_excellence"  # never in the top band
    CANCEL_AWARDS = "cancel_awards"  # no award eligibility; bonus points removed
    FORCE_BAND = "force_band"  # put in ``band``
    ZERO_DIMENSION = "zero_dimension"  # ``dimension`` scores 0


@attrs.frozen
class VetoRule:
    """A condition on the subject's records that overrides its score's consequences.

    A veto fires when any record of ``record`` kind belonging to the subject in the period
    matches ``when``. Every fired veto removes all bonus points: a veto dominates any bonus.
    """

    id: str
    name: str
    record: str  # incident | inspection | honour | activity
    when: Condition
    effects: tuple[VetoEffect, ...]
    band: str | None = None
    dimension: str | None = None


class QuotaRounding(StrEnum):
    """How a quota's share of the subjects becomes a whole number of places."""

    FLOOR = "floor"  # 20 % of 12 = 2.4 → 2: never more than the share
    HALF_UP = "half_up"  # → 2; 20 % of 13 = 2.6 → 3
    CEILING = "ceiling"  # → 3


@attrs.frozen
class Band:
    """A band (等次) with its inclusive lower bound on the shown score, and an optional quota."""

    name: str
    min_score: Decimal
    quota: Decimal | None = None  # a share of the subjects, 0.2 for 20 %
    quota_rounding: QuotaRounding = QuotaRounding.FLOOR


class TiePolicy(StrEnum):
    """How equal scores share ranks."""

    COMPETITION = "competition"  # 1, 2, 2, 4
    MODIFIED = "modified"  # 1, 3, 3, 4
    DENSE = "dense"  # 1, 2, 2, 3
    FRACTIONAL = "fractional"  # 1, 2.5, 2.5, 4
    ORDINAL = "ordinal"  # 1, 2, 3, 4; remaining ties go by subject id


@attrs.frozen
class Ranking:
    """The tie policy and the dimensions that break ties, in order."""

    ties: TiePolicy = TiePolicy.COMPETITION
    tie_breakers: tuple[str, ...] = ()


class Missing(StrEnum):
    """What a missing raw value means."""

    EXCLUDE = "exclude"  # left out of its dimension's aggregation
    ZERO = "zero"  # counts as 0 points


@attrs.frozen
class Scheme:
    """A whole evaluation scheme for one kind of subject and one period."""

    id: str
    name: str
    subject: SubjectKind
    period: str  # a school year such as 2023-2024
    dimensions: tuple[Dimension, ...]
    bands: tuple[Band, ...] = ()
    bonuses: tuple[BonusRule, ...] = ()
    bonus_cap: Decimal = Decimal(0)  # the most that all bonus points together may add
    vetoes: tuple[VetoRule, ...] = ()
    ranking: Ranking = Ranking()
    split: Split | None = None
    missing: Missing = Missing.EXCLUDE
    places: int = 2  # decimal places of every shown score
    rounding: Rounding = Rounding.HALF_UP

    @property
    def quantum(self) -> Decimal:
        """The smallest shown step: ``0.01`` for two places."""
        return Decimal(1).scaleb(-self.places)

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension called ``dimension_id``; ``KeyError`` if the scheme has none."""
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(f"scheme {self.id!r} has no dimension {dimension_id!r}")

    @property
    def max_score(self) -> Decimal:
        """The highest final score the scheme allows."""
        return HUNDRED + self.bonus_cap


@attrs.frozen
class SchemeSource:
    """A scheme and where it came from: the workspace's ``schemes.toml`` or ``plugin:NAME``."""

    scheme: Scheme
    origin: str
