"""Bands by score threshold, veto effects on bands, and quotas that push subjects down.

A threshold is an inclusive lower bound compared with the score *as shown* (rounded), so a
printed 80.00 is never in the band below 80. The order of veto effects and quotas, settled once
(docs/evaluation.md, "The order of veto effects and quotas"):

1. Each subject starts in the band its score reaches.
2. Forces (``force_band``): the subject goes into the forced band; of several forces the lowest
   band wins. A cancelling veto (``cancel_excellence``) voids every force into the top band.
3. A cancelling veto moves a subject still in the top band into the second band.
4. Quotas, from the top band down: subjects forced into a band take its places first, in rank
   order, then the others in rank order; whoever does not fit falls to the next band, where
   it is an ordinary member. When the last place falls inside a tie, the whole tie falls; so a
   quota is never exceeded, not even by forced subjects. Only ``ordinal`` ranks separate a tie,
   by subject id, and then every subject of the tie is told so.

Nothing ever moves a subject back up, so a cancelling veto dominates every other effect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from schoolwork.evaluation.ranking import Key
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
    # A plain loop, not next() over a generator: this runs once per subject.
    for index, band in enumerate(bands):
        if score >= band.min_score:
            return index
    return None


def assign(
    bands: Sequence[Band],
    scores: Mapping[str, Decimal],
    ranks: Mapping[str, Decimal],
    vetoes: Mapping[str, Sequence[Veto]],
    keys: Mapping[str, Key] | None = None,
) -> tuple[dict[str, str | None], dict[str, list[BandMove]]]:
    """The band of every subject and the moves that put it there.

    ``bands`` are ordered from the highest threshold down; ``scores`` are shown scores;
    ``keys`` what the ranks were made of (the score, then the tie breakers; default: the
    score), to tell a tie that the ranks separated by id from a real difference.
    """
    names = [band.name for band in bands]
    keyed: Mapping[str, Key] = keys if keys is not None else {s: (v,) for s, v in scores.items()}
    place: dict[str, int | None] = {}
    moves: dict[str, list[BandMove]] = {subject: [] for subject in scores}
    forced: dict[str, int] = {}  # the band a veto forced each subject into
    for subject, score in scores.items():
        natural = natural_band(bands, score)
        place[subject], into = _place(names, natural, vetoes.get(subject, ()), moves[subject])
        if into is not None:
            forced[subject] = into
    total = len(scores)
    for index, band in enumerate(bands):
        places = quota_places(band, total)
        if places is None or band.quota is None:
            continue
        members = [s for s, i in place.items() if i == index]
        if len(members) <= places:
            continue
        order = sorted(members, key=lambda s: (ranks[s], s))
        first = [s for s in order if forced.get(s) == index]
        rest = [s for s in order if forced.get(s) != index]
        kept_first, out_first = _fill(first, places, band.name, ranks, keyed, scores, moves)
        taken = len(kept_first)
        _, out_rest = _fill(rest, places - taken, band.name, ranks, keyed, scores, moves)
        target = index + 1 if index + 1 < len(bands) else None
        share = f"{band.quota * 100:f}".rstrip("0").rstrip(".")
        quota = (
            f"quota of {band.name} is {places} of {total} ({share} %, {band.quota_rounding.value})"
        )
        for subject, tie in (*out_first, *out_rest):
            if forced.get(subject) == index:
                why = "; forced subjects take the places first, in rank order"
            else:
                why = f"; {taken} taken by forced subjects" if taken else ""
            reason = f"{quota}{why}; ranked {_rank_text(ranks[subject])}{tie}"
            moves[subject].append(BandMove(band.name, _name(names, target), reason))
            place[subject] = target
    return {s: _name(names, i) for s, i in place.items()}, moves


def _place(
    names: Sequence[str],
    natural: int | None,
    vetoes: Sequence[Veto],
    moves: list[BandMove],
) -> tuple[int | None, int | None]:
    """Steps 1 to 3 for one subject: from the band its score reaches (``natural``) through its
    forces and a cancel; its band, and the band a force put it in (``None`` if none did)."""
    if not vetoes:
        return natural, None
    index, into = natural, None
    cancel = next((v for v in vetoes if VetoEffect.CANCEL_EXCELLENCE in v.effects), None)
    if len(names) < 2:
        cancel = None  # a single band is no excellence to cancel
    forces = [
        (names.index(v.band), v)
        for v in vetoes
        if VetoEffect.FORCE_BAND in v.effects and v.band is not None and v.band in names
    ]
    if cancel is not None:
        for band, veto in forces:
            if band == 0:
                moves.append(
                    BandMove(
                        _name(names, index),
                        _name(names, index),
                        f"veto {veto.rule} would force {names[0]}: void, veto {cancel.rule} "
                        f"cancels excellence: {cancel.reason}",
                    )
                )
        forces = [(band, veto) for band, veto in forces if band != 0]
    if forces:
        lowest, winner = max(forces, key=lambda pair: pair[0])  # the first of the lowest
        reason = f"veto {winner.rule}: {winner.reason}"
        overruled = [f"veto {v.rule} ({v.band})" for band, v in forces if band < lowest]
        if overruled:
            reason += "; the lowest forced band wins over " + ", ".join(overruled)
        moves.append(BandMove(_name(names, index), names[lowest], reason))
        index = into = lowest
    if cancel is not None and index == 0:
        moves.append(
            BandMove(names[0], names[1], f"veto {cancel.rule} cancels excellence: {cancel.reason}")
        )
        index = 1
    return index, into


def _fill(
    group: Sequence[str],
    room: int,
    band: str,
    ranks: Mapping[str, Decimal],
    keys: Mapping[str, Key],
    scores: Mapping[str, Decimal],
    moves: Mapping[str, list[BandMove]],
) -> tuple[list[str], list[tuple[str, str]]]:
    """Fill ``room`` places with ``group`` (in rank order): the subjects kept, and those that
    fall, each with what the explanation says about a tie at the last place."""
    if len(group) <= room:
        return list(group), []
    keep = max(room, 0)
    notes: dict[str, str] = {}
    if keep > 0 and keys[group[keep - 1]] == keys[group[keep]]:
        boundary = keys[group[keep]]
        if ranks[group[keep - 1]] == ranks[group[keep]]:
            # A tie across the boundary falls whole: keep only keys strictly better.
            keep = sum(1 for s in group[:keep] if keys[s] != boundary)
        else:
            # Ordinal ranks separated the tie by subject id: say so to every subject of it.
            tied = [s for s in group if keys[s] == boundary]
            inside = sum(1 for s in group[:keep] if keys[s] == boundary)
            last = f"the last {band} place" if inside == 1 else f"the last {inside} {band} places"
            at = f"{scores[tied[0]]:f}" + (" (tie breakers equal too)" if len(boundary) > 1 else "")
            for subject in tied:
                others = ", ".join(s for s in tied if s != subject)
                notes[subject] = f"tie at {at} with {others} broken by id for {last}"
            for subject in group[:keep]:
                if subject in notes:
                    moves[subject].append(BandMove(band, band, f"{notes[subject]}: kept"))
    fallen = [(s, f"; {notes[s]}" if s in notes else "") for s in group[keep:]]
    return list(group[:keep]), fallen


def _name(names: Sequence[str], index: int | None) -> str | None:
    return None if index is None else names[index]


def _rank_text(rank: Decimal) -> str:
    return f"{rank.normalize():f}"
