"""The cyclic garbage collector, paused while an evaluation builds its results.

Scoring makes a few tuples and Decimals per value of every subject and keeps them all until the
evaluation is returned. CPython's collector runs whenever allocations outnumber deallocations
by its threshold, and every so often walks every live object: over a large evaluation, half the
time went into walks that found nothing, since results hold no reference cycles and are freed
by reference counting alone. Pausing it while scoring costs no memory that would otherwise be
returned; whatever cyclic garbage a plugin makes meanwhile is collected once it is back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector in the block; it is back on after, even on an exception, if
    it was on before (a caller that turned it off keeps it off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
