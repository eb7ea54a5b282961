"""The core's value-added values (增值评价): indicators declared with ``gain``.

A built-in plugin of ``schoolwork_indicator_values``, like :mod:`schoolwork.evaluation.counted`.
A gain's current value is a column of the scheme's values file and its baseline an earlier
scheme's raw value of an indicator, from that scheme's values file. The hook is not given
values files, so whoever evaluates says where they are read: :func:`values_from` (the main
job reads the workspace's files; a test hands in tables). With no values to read, a gain has
no baseline, and its ``missing`` rule decides.

- ``absolute``: current − baseline, exact.
- ``relative``: (current − baseline) / baseline × 100, in percent, rounded to the scheme's
  places with its rounding mode (the only rounding here). A baseline of 0 has no relative
  gain: it counts as a missing baseline.

A missing baseline (or current value) gives a missing value, or with ``missing = "zero"``
declared a gain of 0; never 0 by default.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal

from schoolwork.plugins import hookimpl
from schoolwork.results import IndicatorValue, Subject
from schoolwork.scheme import Gain, GainKind, MissingBaseline, Scheme

NAME = "schoolwork.gains"
ZERO = Decimal(0)
HUNDRED = Decimal(100)

Values = Mapping[str, Mapping[str, Decimal | None]]
"""Values by subject id, then by indicator id (see :mod:`schoolwork.values`)."""

ValuesOf = Callable[[str], Values | None]
"""The values of the scheme with an id, or ``None`` when it has none."""

_VALUES: contextvars.ContextVar[ValuesOf | None] = contextvars.ContextVar(
    "schoolwork_gain_values", default=None
)


@contextlib.contextmanager
def values_from(values_of: ValuesOf | Mapping[str, Values]) -> Iterator[None]:
    """Within the block, gains read current and baseline values through ``values_of``: a
    function of a scheme id, or a mapping from scheme id to its values."""
    if isinstance(values_of, Mapping):
        table = values_of
        values_of = table.get
    token = _VALUES.set(values_of)
    try:
        yield
    finally:
        _VALUES.reset(token)


def gain_value(
    gain: Gain, current: Decimal | None, baseline: Decimal | None, scheme: Scheme
) -> IndicatorValue:
    """The gain from ``baseline`` to ``current`` under ``gain``, with the explanation's note."""
    said = f"baseline {_text(baseline)} ({gain.baseline}), current {_text(current)}"
    if current is None or baseline is None or (gain.kind is GainKind.RELATIVE and baseline == 0):
        why = "no current value" if current is None else "no baseline"
        if current is not None and baseline is not None:
            why = "a baseline of 0 has no relative gain"
        if gain.missing is MissingBaseline.ZERO:
            return IndicatorValue(ZERO, f"{said}: {why}, counted as a gain of 0 as declared")
        return IndicatorValue(None, f"{said}: {why}, so no value")
    change = current - baseline
    if gain.kind is GainKind.ABSOLUTE:
        return IndicatorValue(change, f"{said}: gain {change}")
    percent = (change * HUNDRED / baseline).quantize(scheme.quantum, scheme.rounding.mode)
    return IndicatorValue(percent, f"{said}: gain {change}, {percent} % of the baseline")


def _text(value: Decimal | None) -> str:
    return "missing" if value is None else str(value)


def _value(values: Values | None, subject: str, indicator: str) -> Decimal | None:
    if values is None:
        return None
    return values.get(subject, {}).get(indicator)


def gained(
    scheme: Scheme, indicator: str, gain: Gain, subject: str, values_of: ValuesOf | None
) -> IndicatorValue:
    """The value of ``indicator`` (declared with ``gain``) for ``subject``."""
    base_scheme, base_indicator = gain.reference
    current = baseline = None
    if values_of is not None:
        current = _value(values_of(scheme.id), subject, gain.current or indicator)
        baseline = _value(values_of(base_scheme), subject, base_indicator)
    return gain_value(gain, current, baseline, scheme)


def gained_values(scheme: Scheme, subject: Subject) -> dict[str, IndicatorValue] | None:
    """The value of every gain indicator of ``scheme`` for ``subject``, read through the
    values :func:`values_from` set; ``None`` when the scheme has none. (A plain function
    beside the hook: mutation testing skips decorated ones.)"""
    # Asked for every subject of any scheme a plugin gives values to: most have no gains.
    gaining = [(i.id, i.gain) for d in scheme.dimensions for i in d.indicators if i.gain]
    if not gaining:
        return None
    values_of = _VALUES.get()
    return {key: gained(scheme, key, gain, subject.id, values_of) for key, gain in gaining}


@hookimpl
def schoolwork_indicator_values(
    scheme: Scheme, subject: Subject
) -> dict[str, IndicatorValue] | None:
    return gained_values(scheme, subject)
