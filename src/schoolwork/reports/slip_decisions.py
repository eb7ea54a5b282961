"""What decided a subject's rank and band, in plain words, for its score slip (考核明细).

Vetoes (一票否决) with the records that fired them, and every band move: a veto that forces a
band or cancels excellence, a quota (名额限制) that pushed the subject down, a tie at the last
place, a plugin's override. The engine keeps a move's reason in English; a slip says it in the
school's language from the same data instead: the scheme, the evaluation's scores, ranks and
vetoes. Which move is which comes from replaying the engine's own banding
(:func:`schoolwork.evaluation.banding.assign`) on that data: what it gives back are the moves of
vetoes and quotas, in their order; whatever follows them in a result was set by a plugin.

Other subjects are counted, never named: a slip is handed to one teacher.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from schoolwork.evaluation import banding
from schoolwork.evaluation.ranking import Key
from schoolwork.labels import Lang, label
from schoolwork.records import RecordBook
from schoolwork.reports.notes import number, percent, veto_effects
from schoolwork.reports.slip_rules import joined
from schoolwork.results import BandMove, Evaluation, SubjectResult, Veto
from schoolwork.scheme import Scheme, TiePolicy, VetoEffect

PLUGIN_MOVE = "set by plugin:"
"""How the engine marks a band a plugin set (``BandMove.reason``); the plugin's name follows."""

RecordWords = Callable[[Any], str]
"""Says one record in words: its file, id, date and what it was."""


def rank_text(rank: Decimal) -> str:
    """A rank as a person writes it: ``3``, ``2.5`` (a fractional tie)."""
    return f"{rank.normalize():f}"


@attrs.frozen
class Standings:
    """One evaluation's ranks and bands as the engine's banding decided them, replayed once for
    every slip of the evaluation."""

    scheme: Scheme
    evaluation: Evaluation
    keys: dict[str, Key]
    bands: dict[str, str | None]  # the band each subject held before any plugin's override
    moves: dict[str, list[BandMove]]  # the moves of vetoes and quotas, in their order
    forced: dict[str, int | None]  # the band a veto forced each subject into

    @classmethod
    def of(cls, scheme: Scheme, evaluation: Evaluation) -> Standings:
        results = evaluation.results
        breakers = scheme.ranking.tie_breakers
        keys: dict[str, Key] = {
            r.subject.id: (r.score, *(_floor(r.dimension(b).score) for b in breakers))
            for r in results
        }
        ranks = {r.subject.id: r.rank for r in results}
        scores = {r.subject.id: r.score for r in results}
        vetoes = {r.subject.id: r.vetoes for r in results if r.vetoes}
        bands, moves = banding.assign(scheme.bands, scores, ranks, vetoes, keys)
        forced = {r.subject.id: _forced(scheme, r.vetoes) for r in results}
        return cls(scheme, evaluation, keys, bands, moves, forced)

    @property
    def total(self) -> int:
        """How many subjects were evaluated, which is what quotas are shares of."""
        return len(self.evaluation.results)


def _floor(score: Decimal | None) -> Decimal:
    # As the engine ranks: a dimension without a value ranks below any score.
    return Decimal(-1) if score is None else score


def _forced(scheme: Scheme, vetoes: Sequence[Veto]) -> int | None:
    """The band index a veto forces the subject into, as the engine settles it: the lowest
    forced band wins; a cancelling veto voids a force into the top band."""
    names = [b.name for b in scheme.bands]
    cancel = len(names) >= 2 and any(VetoEffect.CANCEL_EXCELLENCE in v.effects for v in vetoes)
    forces = [
        names.index(v.band)
        for v in vetoes
        if VetoEffect.FORCE_BAND in v.effects and v.band is not None and v.band in names
    ]
    forces = [f for f in forces if not (cancel and f == 0)]
    return max(forces) if forces else None


@attrs.frozen
class Decisions:
    """Says the vetoes and band moves of one subject in ``lang``."""

    standings: Standings
    lang: Lang
    record_words: RecordWords

    def say(self, key: str | Enum, **values: object) -> str:
        return label(key, self.lang, **values)

    def count(self, n: int) -> str:
        return self.say(f"count.{self.standings.scheme.subject.value}", count=n)

    # -- vetoes ---------------------------------------------------------------------------

    def vetoes(self, result: SubjectResult, records: RecordBook) -> list[str]:
        """Each veto that fired, with the records behind it and what it does."""
        scheme = self.standings.scheme
        rules = {v.id: v for v in scheme.vetoes}
        found = []
        for veto in result.vetoes:
            effects = veto_effects(scheme, veto.effects, veto.band, veto.dimension, self.lang)
            rule = rules.get(veto.rule)
            if veto.source == "scheme" and rule is not None:
                matching = sorted(
                    (r for r in records.kind(rule.record) if rule.when.matches(r)),
                    key=lambda r: str(getattr(r, "id", "")),
                )
                said = joined([self.record_words(r) for r in matching], self.lang)
                found.append(self.say("slip.veto", rule=rule.name, records=said, effects=effects))
                continue
            behind = ""
            if veto.record:
                record = _find(records, veto.record)
                said = self.record_words(record) if record is not None else veto.record
                behind = self.say("slip.veto.plugin_record", records=said)
            found.append(
                self.say(
                    "slip.veto.plugin",
                    plugin=veto.source.removeprefix("plugin:"),
                    reason=veto.reason,
                    records=behind,
                    effects=effects,
                )
            )
        return found

    def veto_name(self, veto: Veto) -> str:
        """The name a slip gives a veto: its rule's name, or a plugin's reason."""
        for rule in self.standings.scheme.vetoes:
            if veto.source == "scheme" and rule.id == veto.rule:
                return rule.name
        return veto.reason

    # -- band moves -----------------------------------------------------------------------

    def moves(self, result: SubjectResult) -> list[str]:
        """Every move of the subject's band, in the order the engine made them."""
        subject = result.subject.id
        own = self.standings.moves.get(subject, [])
        said = self._banding(result, own)
        for move in result.moves[len(own) :]:
            plugin = move.reason[len(PLUGIN_MOVE) :] if move.reason.startswith(PLUGIN_MOVE) else ""
            said.append(
                self.say(
                    "slip.move.plugin",
                    plugin=plugin,
                    natural=self._band(move.from_band),
                    to=self._band(move.to_band),
                )
            )
        return said

    def _band(self, name: str | None) -> str:
        return name if name is not None else self.say("slip.no_band")

    def _banding(self, result: SubjectResult, moves: Sequence[BandMove]) -> list[str]:
        """The moves of vetoes and quotas, told apart as the engine makes them: voided forces
        into the top band, then the one force, then the cancel, then quota moves."""
        scheme = self.standings.scheme
        names = [b.name for b in scheme.bands]
        vetoes = result.vetoes
        cancel = next((v for v in vetoes if VetoEffect.CANCEL_EXCELLENCE in v.effects), None)
        if len(names) < 2:
            cancel = None
        forces = [
            (names.index(v.band), v)
            for v in vetoes
            if VetoEffect.FORCE_BAND in v.effects and v.band is not None and v.band in names
        ]
        said: list[str] = []
        queue = list(moves)
        if cancel is not None:
            for band, veto in forces:
                if band == 0 and queue:
                    queue.pop(0)
                    said.append(
                        self.say(
                            "slip.move.void",
                            rule=self.veto_name(veto),
                            band=names[0],
                            cancel=self.veto_name(cancel),
                        )
                    )
            forces = [(band, veto) for band, veto in forces if band != 0]
        index = banding.natural_band(scheme.bands, result.score)
        if forces and queue:
            lowest, winner = max(forces, key=lambda pair: pair[0])
            move = queue.pop(0)
            others = [
                self.say("slip.move.force_other", rule=self.veto_name(v), band=v.band)
                for band, v in forces
                if band < lowest
            ]
            over = self.say("slip.move.force_over", others=joined(others, self.lang))
            key = "slip.move.force" if move.from_band != move.to_band else "slip.move.force_same"
            said.append(
                self.say(
                    key,
                    rule=self.veto_name(winner),
                    to=self._band(move.to_band),
                    natural=self._band(move.from_band),
                    over=over if others else "",
                )
            )
            index = lowest
        if cancel is not None and index == 0 and queue:
            move = queue.pop(0)
            said.append(
                self.say(
                    "slip.move.cancel",
                    rule=self.veto_name(cancel),
                    top=names[0],
                    natural=self._band(move.from_band),
                    to=self._band(move.to_band),
                )
            )
        for move in queue:
            said.append(self._quota(result, move))
        return said

    def _quota(self, result: SubjectResult, move: BandMove) -> str:
        """A quota move, or a tie at the last place the subject stayed inside."""
        standings = self.standings
        scheme = standings.scheme
        names = [b.name for b in scheme.bands]
        band_name = move.from_band or ""
        index = names.index(band_name) if band_name in names else -1
        me = result.subject.id
        tied = [
            s
            for s, key in standings.keys.items()
            if s != me and key == standings.keys[me] and _touched(standings, s, band_name)
        ]
        if move.from_band == move.to_band:
            return self.say("slip.move.kept", band=band_name, others=self.count(len(tied)))
        if index < 0:  # not a band of the scheme: no quota of its own can have moved it
            return self.say("slip.move.plugin", plugin="", natural=band_name, to=move.to_band)
        band = scheme.bands[index]
        places = banding.quota_places(band, standings.total) or 0
        if standings.forced.get(me) == index:
            forced = self.say("slip.move.quota_forced_self")
        else:
            taken = min(places, sum(1 for f in standings.forced.values() if f == index))
            forced = self.say("slip.move.quota_forced", taken=taken) if taken else ""
        tie = ""
        if tied:
            kept = [s for s in tied if standings.bands.get(s) == band_name]
            ordinal = scheme.ranking.ties is TiePolicy.ORDINAL and kept
            key = "slip.move.quota_ordinal" if ordinal else "slip.move.quota_tie"
            tie = self.say(key, others=self.count(len(tied)))
        return self.say(
            "slip.move.quota",
            band=band_name,
            share=percent(band.quota or Decimal(0)),
            subjects=self.count(standings.total),
            places=places,
            measure=self.say(f"measure.{scheme.subject.value}"),
            rounding=self.say(band.quota_rounding),
            forced=forced,
            rank=rank_text(result.rank),
            tie=tie,
            to=self._band(move.to_band),
        )


def _touched(standings: Standings, subject: str, band: str) -> bool:
    """Whether ``subject`` stood at the edge of ``band``'s quota: it stayed in the band or
    fell out of it."""
    if standings.bands.get(subject) == band:
        return True
    return any(m.from_band == band for m in standings.moves.get(subject, []))


def _find(records: RecordBook, record_id: str) -> Any:
    for found in records.records.values():
        for record in found:
            if getattr(record, "id", None) == record_id:
                return record
    return None


def band_words(scheme: Scheme, subjects: int, lang: Lang) -> str:
    """The scheme's bands with their floors and quotas: 85分及以上为“优秀”（名额…）；…"""
    said = []
    for index, band in enumerate(scheme.bands):
        last = index == len(scheme.bands) - 1
        if last and band.min_score <= 0:
            text = label("note.scheme.band_rest", lang, name=band.name)
        else:
            text = label("note.scheme.band", lang, name=band.name, min=number(band.min_score))
        if band.quota is not None:
            text += label(
                "note.scheme.quota",
                lang,
                share=percent(band.quota),
                subjects=label(f"count.{scheme.subject.value}", lang, count=subjects),
                places=banding.quota_places(band, subjects),
                measure=label(f"measure.{scheme.subject.value}", lang),
                rounding=label(band.quota_rounding, lang),
            )
        said.append(text)
    return ("；" if lang == "zh" else "; ").join(said)
