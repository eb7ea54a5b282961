"""The cyclic garbage collector, paused while an evaluation builds its results.

Scoring makes a few tuples and Decimals per value of every subject and keeps them all until the
evaluation is returned. CPython's collector runs whenever allocations outnumber deallocations
by its threshold, and every so often walks every live object: over a large evaluation, half the
time went into walks that found nothing, since results hold no reference cycles and are freed
by reference counting alone. Pausing it while scoring costs no memory that would otherwise be
returned.

When the block ends, what it made is handed to the collector as old (its oldest generation),
not young: the results outlive the call, and the collector would otherwise walk each of them
twice more (as it moves objects from young to old) only to find that. That was an eighth of an
evaluation's time, for a county evaluated school by school (benchmarks/bench_evaluate.py).
Cyclic garbage a plugin makes meanwhile is collected by the next full collection
(``gc.collect()`` collects it at once).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector in the block; it is back on after, even on an exception, if
    it was on before (a caller that turned it off keeps it off, and a block inside another
    leaves the collector to the outer one).

    When the block ends without an exception, every object the collector tracks counts as old
    (:func:`_age`); after an exception, what the block made stays young, to be collected soon.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    except BaseException:
        if was_on:
            gc.enable()
        raise
    if was_on:
        _age()
        gc.enable()


def _age() -> None:
    """Move every tracked object into the collector's oldest generation, without a walk.

    ``gc.freeze`` moves every tracked object to the permanent generation and ``gc.unfreeze``
    moves the permanent generation into the oldest one; both join lists, whatever their
    length. Not done when the program has frozen objects of its own (say, before forking
    workers): unfreezing would release those too.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
