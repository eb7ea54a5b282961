"""The core's indicator values: indicators declared with a record ``source`` count records.

A built-in plugin of ``schoolwork_indicator_values``, so counted values take the same path as
any plugin's (and a plugin cannot silently give a counted indicator a second value).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from functools import cache

from schoolwork import record_files
from schoolwork.evaluation import appeals, gains, raters
from schoolwork.plugins import PluginHost, hookimpl
from schoolwork.records import RecordBook
from schoolwork.results import IndicatorValue
from schoolwork.scheme import Scheme

NAME = "schoolwork.counted"

CORE_VALUES = frozenset({NAME, raters.NAME, gains.NAME, appeals.NAME})
"""The core's built-in plugins of ``schoolwork_indicator_values``: each answers only for what a
scheme declares (``source``, ``raters``, ``gain``) or, for appeals, a subject's appeals, so the
engine need not ask when there is none of these."""


def silent(scheme: Scheme, appealed: bool) -> frozenset[str]:
    """The core's values plugins (:data:`CORE_VALUES`) with nothing to say for ``scheme`` and
    a subject with appeals or not (``appealed``): counts without a ``source``, ballots without
    ``raters``, gains without a ``gain``, corrections without an appeal. The engine leaves them
    out of its call."""
    every = [i for d in scheme.dimensions for i in d.indicators]
    return frozenset(
        name
        for name, declared in (
            (NAME, any(i.source is not None for i in every)),
            (raters.NAME, any(i.raters is not None for i in every)),
            (gains.NAME, any(i.gain is not None for i in every)),
            (appeals.NAME, appealed),
        )
        if not declared
    )


def counted_values(scheme: Scheme, records: RecordBook) -> dict[str, IndicatorValue] | None:
    """The value of every indicator of ``scheme`` counted from ``records``; ``None`` when the
    scheme counts nothing. (A plain function beside the hook: mutation testing skips decorated
    ones.)"""
    counted = {}
    for dimension in scheme.dimensions:
        for indicator in dimension.indicators:
            source = indicator.source
            if source is None:
                continue
            where = source.where
            found = sum(1 for r in records.kind(source.kind) if where is None or where.matches(r))
            counted[indicator.id] = IndicatorValue(Decimal(found), f"{found} {source.kind} records")
    return counted or None


@hookimpl
def schoolwork_indicator_values(
    scheme: Scheme, records: RecordBook
) -> dict[str, IndicatorValue] | None:
    return counted_values(scheme, records)


def _core_host() -> PluginHost:
    host = PluginHost(trace=False)
    host.register(record_files, "schoolwork.records", builtin=True)
    host.register(sys.modules[__name__], NAME, builtin=True)
    host.register(raters, raters.NAME, builtin=True)
    host.register(gains, gains.NAME, builtin=True)
    host.register(appeals, appeals.NAME, builtin=True)
    return host


core_host = cache(_core_host)
"""A host with the core's record kinds and its own indicator values only (counted, rated,
gained, and corrected by appeals), for evaluations given no host. Shared and never changed
after it is built: the engine only calls it."""
