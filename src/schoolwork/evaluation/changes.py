"""What changed between frozen results and a re-evaluation, subject by subject, and why.

A change has two kinds of cause: the evaluation's inputs (a file whose fingerprint changed,
a plugin of another version, another schoolwork) and its rules (a dimension, indicator, bonus
or veto rule of the scheme defined otherwise). Per subject the diff names the indicators whose
raw value or points changed and the vetoes that appeared or vanished; a subject with none of
these moved only because others did (a rank shared or lost, a quota band filled).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs

from schoolwork.evaluation.frozen import Frozen, FrozenSubject, FrozenValue

WITHOUT_APPEALS = "without appeals"
"""What a comparison of the evaluation with the upheld appeals' corrections against the one
without them names as its other side (:meth:`schoolwork.Session.compare_appeals`)."""


class Change(StrEnum):
    """How one input, rule or subject differs from what was frozen."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@attrs.frozen
class InputChange:
    """An input of the evaluation that is not what was frozen: a file (by its path in the
    workspace), a plugin (``plugin:NAME``) or the library (``schoolwork``), with both
    versions where there are versions."""

    name: str
    change: Change
    before: str | None = None
    after: str | None = None


@attrs.frozen
class RuleChange:
    """A rule of the scheme that is not what was frozen: ``kind`` is ``scheme`` (a setting of
    the whole scheme, ``id`` its key: ``bands``, ``ranking``, ``places``...), ``dimension``,
    ``indicator``, ``bonus`` or ``veto``, ``id`` the rule's id."""

    kind: str
    id: str
    change: Change


@attrs.frozen
class ValueChange:
    """An indicator of one subject whose raw value, points or status changed."""

    dimension: str
    indicator: str
    value_before: Decimal | None
    value_after: Decimal | None
    points_before: Decimal | None
    points_after: Decimal | None
    status_before: str | None
    status_after: str | None
    appeal: str | None = None  # the upheld appeal whose correction is the value now


@attrs.frozen
class SubjectChange:
    """One subject whose result is not what was frozen.

    ``before`` is ``None`` for a subject that was not evaluated then, ``after`` for one that is
    not now. ``values`` and the vetoes say which of its own inputs moved it; when both are
    empty, it moved with the others.
    """

    id: str
    name: str
    before: FrozenSubject | None
    after: FrozenSubject | None
    values: tuple[ValueChange, ...] = ()
    vetoes_added: tuple[str, ...] = ()
    vetoes_removed: tuple[str, ...] = ()

    @property
    def change(self) -> Change:
        """Whether the subject was added, removed or changed."""
        if self.before is None:
            return Change.ADDED
        if self.after is None:
            return Change.REMOVED
        return Change.CHANGED

    @property
    def score_delta(self) -> Decimal | None:
        """The new score less the frozen one (``None`` for an added or removed subject)."""
        if self.before is None or self.after is None:
            return None
        return self.after.score - self.before.score

    @property
    def rank_delta(self) -> Decimal | None:
        """Places moved: positive is up (rank 5 → 3 is +2)."""
        if self.before is None or self.after is None:
            return None
        return self.before.rank - self.after.rank

    @property
    def band_moved(self) -> bool:
        """Whether the subject's band is not the frozen one."""
        if self.before is None or self.after is None:
            return True
        return self.before.band != self.after.band

    @property
    def own_cause(self) -> bool:
        """Whether one of the subject's own values or vetoes changed (else it moved with
        the others)."""
        return bool(self.values or self.vetoes_added or self.vetoes_removed)


@attrs.frozen
class Comparison:
    """A re-evaluation against its frozen results: the causes, then the subjects that changed:
    first those whose own values or vetoes changed, then those that moved with them, each in
    the new rank order (removed subjects last)."""

    scheme: str
    period: str
    against: str  # the frozen file, or what stood in for it
    inputs: tuple[InputChange, ...]
    rules: tuple[RuleChange, ...]
    subjects: tuple[SubjectChange, ...]

    @property
    def unchanged(self) -> bool:
        """True when nothing changed: no input, no rule, no subject's result."""
        return not (self.inputs or self.rules or self.subjects)

    @property
    def moved(self) -> tuple[SubjectChange, ...]:
        """The subjects whose band or rank changed."""
        return tuple(s for s in self.subjects if s.band_moved or s.rank_delta)


def compare(
    frozen: Frozen,
    now: Frozen,
    *,
    against: str,
    appeals: Mapping[tuple[str, str], str] | None = None,
) -> Comparison:
    """What differs between ``frozen`` and ``now`` (the re-evaluation, frozen the same way).

    ``appeals`` are the upheld appeals whose corrections ``now`` was evaluated with, by
    (subject id, indicator id): a value they changed names its appeal as its cause.
    """
    appeals = appeals or {}
    subjects: list[SubjectChange] = []
    for after in now.results:
        before = frozen.subject(after.id)
        if before != after:
            subjects.append(_subject_change(before, after, appeals))
    current = {s.id for s in now.results}
    subjects += [_subject_change(b, None, appeals) for b in frozen.results if b.id not in current]
    # Those whose own values or vetoes changed come first: they are why the others moved.
    subjects.sort(key=lambda s: not s.own_cause)
    return Comparison(
        scheme=now.scheme,
        period=now.period,
        against=against,
        inputs=tuple(_input_changes(frozen, now)),
        rules=tuple(rule_changes(frozen.rules, now.rules)),
        subjects=tuple(subjects),
    )


def _subject_change(
    before: FrozenSubject | None,
    after: FrozenSubject | None,
    appeals: Mapping[tuple[str, str], str],
) -> SubjectChange:
    either = after or before
    assert either is not None
    old = {(v.dimension, v.indicator): v for v in before.values} if before else {}
    new = {(v.dimension, v.indicator): v for v in after.values} if after else {}
    values = []
    for key in [*new, *(k for k in old if k not in new)]:
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        values.append(
            ValueChange(
                key[0],
                key[1],
                was.value if was else None,
                now.value if now else None,
                was.points if was else None,
                now.points if now else None,
                was.status if was else None,
                now.status if now else None,
                _appeal(appeals, either.id, was, now),
            )
        )
    vetoes_before = before.vetoes if before else ()
    vetoes_after = after.vetoes if after else ()
    return SubjectChange(
        id=either.id,
        name=either.name,
        before=before,
        after=after,
        values=tuple(values),
        vetoes_added=tuple(v for v in vetoes_after if v not in vetoes_before),
        vetoes_removed=tuple(v for v in vetoes_before if v not in vetoes_after),
    )


def _appeal(
    appeals: Mapping[tuple[str, str], str],
    subject: str,
    was: FrozenValue | None,
    now: FrozenValue | None,
) -> str | None:
    """The appeal that set the value ``now``, when the value is not what it ``was``."""
    if now is None or (was is not None and was.value == now.value):
        return None
    return appeals.get((subject, now.indicator))


def _input_changes(frozen: Frozen, now: Frozen) -> Iterator[InputChange]:
    if frozen.library != now.library:
        yield InputChange("schoolwork", Change.CHANGED, frozen.library, now.library)
    yield from _keyed_changes(frozen.inputs, now.inputs, "", with_versions=False)
    yield from _keyed_changes(frozen.plugins, now.plugins, "plugin:", with_versions=True)


def _keyed_changes(
    before: Mapping[str, str], after: Mapping[str, str], prefix: str, *, with_versions: bool
) -> Iterator[InputChange]:
    for name in sorted(before.keys() | after.keys()):
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        change = Change.ADDED if was is None else Change.REMOVED if now is None else Change.CHANGED
        if with_versions:
            yield InputChange(prefix + name, change, was, now)
        else:
            yield InputChange(prefix + name, change)


# The keys of a scheme that hold rules with ids of their own; the rest are its settings.
_RULE_LISTS = {"dimensions": "dimension", "bonuses": "bonus", "vetoes": "veto"}


def rule_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterator[RuleChange]:
    """The rules of the scheme data ``after`` that differ from ``before`` (both as
    :func:`~schoolwork.evaluation.frozen.rules_data` gives them): its settings by key, its
    dimensions, indicators, bonus and veto rules by id."""
    for key in sorted(before.keys() | after.keys()):
        if key in _RULE_LISTS or before.get(key) == after.get(key):
            continue
        yield RuleChange("scheme", key, _change_of(key in before, key in after))
    for key, kind in _RULE_LISTS.items():
        old = _by_id(before.get(key))
        new = _by_id(after.get(key))
        for rule_id in [*new, *(r for r in old if r not in new)]:
            was, now = old.get(rule_id), new.get(rule_id)
            if kind != "dimension":
                if was != now:
                    yield RuleChange(kind, rule_id, _change_of(was is not None, now is not None))
                continue
            # A dimension's own settings and its indicators are told apart, so that a
            # re-weighted indicator is named rather than its whole dimension.
            outer_was = {k: v for k, v in (was or {}).items() if k != "indicators"}
            outer_now = {k: v for k, v in (now or {}).items() if k != "indicators"}
            if was is None or now is None or outer_was != outer_now:
                yield RuleChange(kind, rule_id, _change_of(was is not None, now is not None))
            inner_was = _by_id((was or {}).get("indicators"))
            inner_now = _by_id((now or {}).get("indicators"))
            for indicator in [*inner_now, *(i for i in inner_was if i not in inner_now)]:
                a, b = inner_was.get(indicator), inner_now.get(indicator)
                if a != b:
                    yield RuleChange(
                        "indicator", indicator, _change_of(a is not None, b is not None)
                    )


def _by_id(items: Any) -> dict[str, Any]:
    if not isinstance(items, list):
        return {}
    return {str(item.get("id")): item for item in items if isinstance(item, dict)}


def _change_of(before: bool, after: bool) -> Change:
    if not before:
        return Change.ADDED
    if not after:
        return Change.REMOVED
    return Change.CHANGED
