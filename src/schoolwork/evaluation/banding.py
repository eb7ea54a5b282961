"""Bands by score threshold, veto effects on bands, and quotas that push subjects down.

A threshold is an inclusive lower bound compared with the score *as shown* (rounded), so a
printed 80.00 is never in the band below 80. Bands are processed from the top: a band whose
quota is full keeps its subjects in rank order and passes the rest to the next band. When the
last place of a quota falls inside a tie, the whole tie moves down, so a quota is never exceeded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from schoolwork.results import BandMove, Veto
from schoolwork.scheme import Band, QuotaRounding, VetoEffect

_QUOTA_MODES = {
    QuotaRounding.FLOOR: ROUND_FLOOR,
    QuotaRounding.HALF_UP: ROUND_HALF_UP,
    QuotaRounding.CEILING: ROUND_CEILING,
}


def quota_places(band: Band, subjects: int) -> int | None:
    """How many subjects ``band`` may hold out of ``subjects``; ``None`` without a quota."""
    if band.quota is None:
        return None
    exact = band.quota * subjects
    return int(exact.quantize(Decimal(1), rounding=_QUOTA_MODES[band.quota_rounding]))


def natural_band(bands: Sequence[Band], score: Decimal) -> int | None:
    """The index of the first band whose threshold ``score`` reaches; ``None`` below all."""
    return next((i for i, band in enumerate(bands) if score >= band.min_score), None)


def assign(
    bands: Sequence[Band],
    scores: Mapping[str, Decimal],
    ranks: Mapping[str, Decimal],
    vetoes: Mapping[str, Sequence[Veto]],
) -> tuple[dict[str, str | None], dict[str, list[BandMove]]]:
    """The band of every subject and the moves that put it there.

    ``bands`` are ordered from the highest threshold down; ``scores`` are shown scores.
    """
    names = [band.name for band in bands]
    place: dict[str, int | None] = {}
    moves: dict[str, list[BandMove]] = {subject: [] for subject in scores}
    fixed: set[str] = set()  # subjects a veto put in a band; quotas do not move them
    for subject, score in scores.items():
        index = natural_band(bands, score)
        for veto in vetoes.get(subject, ()):
            if VetoEffect.FORCE_BAND in veto.effects and veto.band in names:
                forced = names.index(veto.band)
                moves[subject].append(
                    BandMove(_name(names, index), veto.band, f"veto {veto.rule}: {veto.reason}")
                )
                index = forced
                fixed.add(subject)
            elif VetoEffect.CANCEL_EXCELLENCE in veto.effects and index == 0 and len(bands) > 1:
                moves[subject].append(
                    BandMove(
                        names[0], names[1], f"veto {veto.rule} cancels excellence: {veto.reason}"
                    )
                )
                index = 1
        place[subject] = index
    total = len(scores)
    for index, band in enumerate(bands):
        places = quota_places(band, total)
        if places is None or band.quota is None:
            continue
        members = sorted((s for s, i in place.items() if i == index), key=lambda s: (ranks[s], s))
        movable = [s for s in members if s not in fixed]
        room = places - (len(members) - len(movable))
        if len(movable) <= room:
            continue
        keep = max(room, 0)
        # A tie across the boundary moves down whole: keep only ranks strictly better.
        if 0 < keep < len(movable) and ranks[movable[keep - 1]] == ranks[movable[keep]]:
            boundary = ranks[movable[keep]]
            keep = sum(1 for s in movable[:keep] if ranks[s] < boundary)
        target = index + 1 if index + 1 < len(bands) else None
        share = f"{band.quota * 100:f}".rstrip("0").rstrip(".")
        for subject in movable[keep:]:
            reason = (
                f"quota of {band.name} is {places} of {total} ({share} %, "
                f"{band.quota_rounding.value}); ranked {_rank_text(ranks[subject])}"
            )
            moves[subject].append(BandMove(band.name, _name(names, target), reason))
            place[subject] = target
    return {s: _name(names, i) for s, i in place.items()}, moves


def _name(names: Sequence[str], index: int | None) -> str | None:
    return None if index is None else names[index]


def _rank_text(rank: Decimal) -> str:
    return f"{rank.normalize():f}"
