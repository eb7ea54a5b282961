"""A large evaluation in partitions: each scored alone, ranks and bands decided once for all.

A county or a province is evaluated in parts (a school, or a batch of schools). Each part is
scored by :func:`score_partition`, a pure function of its own inputs, into compact
:class:`Row` objects: the numbers that are shown and the small key that ranking needs, with no
per-indicator explanation kept. :func:`decide` then works out what crosses the parts, ranks
over every subject, bands, vetoes on bands and quotas over the whole population, from the keys
alone (id, score, tie-breaker dimension scores, vetoes); :func:`apply` gives each row its rank,
band and band moves. The result is the one :func:`schoolwork.evaluate` gives for the same
subjects in one piece, whatever the split and the order of the parts.

Ids are qualified by their school (:func:`qualify`: ``school-id/T003``), so two schools' T003
stay two subjects; a subject's full explanation is rebuilt on demand by scoring that one
subject again (:func:`rebuild`), so nothing grows with the number of explanations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from itertools import repeat
from typing import NamedTuple

import attrs

from schoolwork.evaluation import banding, engine, ranking
from schoolwork.evaluation.output import adjusted
from schoolwork.plugins import PluginHost
from schoolwork.records import RecordBook, RecordKind
from schoolwork.results import BandMove, DimensionScore, Subject, SubjectResult, Veto
from schoolwork.scheme import Scheme
from schoolwork.values import Values
from schoolwork.workspace import Workspace

SEPARATOR = "/"
"""Between a school's id and a subject's own id in a qualified id: ``school-id/T003``."""


def qualify(school: str, subject_id: str) -> str:
    """The id of ``subject_id`` of ``school`` across partitions; without a school, the id."""
    return f"{school}{SEPARATOR}{subject_id}" if school else subject_id


class Row(NamedTuple):
    """One subject's scores without their explanation: what output, ranks and bands need.

    ``id`` is qualified (:func:`qualify`), ``local`` the id inside the school's own files.
    ``dimensions`` are the dimension scores in the scheme's order, ``adjusted`` the points
    the adjustments added or took off (as shown), ``key`` what ranks are made of: the score,
    then each tie-breaker's dimension score.
    """

    id: str
    local: str
    school: str
    name: str
    dimensions: tuple[Decimal | None, ...]
    weighted: Decimal
    adjusted: Decimal
    score: Decimal
    vetoes: tuple[Veto, ...]
    key: ranking.Key


class Rows(tuple[Row, ...]):
    """One partition's rows, as a tuple; pickled by columns (:func:`_columns`).

    A partition scored in a worker process is pickled there and unpickled in the main one.
    Pickled one by one, each Decimal writes its class and its digits and is parsed again on
    the other side: at 100,000 subjects that cost the workers 1.5 s and the main process
    0.4 s, more than deciding ranks and bands. By columns, a partition's numbers travel as
    one string, parsed in one pass; the rows that come out are equal to those that went in.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Callable[..., Rows], tuple[object, ...]]:
        columns = _columns(self)
        if columns is None:  # rows of more than one shape: each pickled as it is
            return Rows, (tuple(self),)
        return _unpacked, columns


def _columns(rows: Sequence[Row]) -> tuple[object, ...] | None:
    """``rows`` as columns for :func:`_unpacked`; ``None`` unless every row has as many
    dimensions and key items as the first.

    Each row's numbers are its dimensions (a missing one written 0 and listed apart), weighted
    total, adjustment and score, then its key. When every row's key items are its own score
    and dimension objects, at the same places (as the engine makes keys), only those places
    are written, so that each is one object again after unpickling.
    """
    if not rows:
        return ((), (), (), (), "", 0, 0, None, (), {})
    width, size = len(rows[0].dimensions), len(rows[0].key)
    if any(len(row.dimensions) != width or len(row.key) != size for row in rows):
        return None
    layout = _key_layout(rows)
    numbers: list[str] = []
    missing: list[tuple[int, int]] = []
    for index, row in enumerate(rows):
        for place, score in enumerate(row.dimensions):
            if score is None:
                missing.append((index, place))
            numbers.append("0" if score is None else str(score))
        numbers += (str(row.weighted), str(row.adjusted), str(row.score))
        if layout is None:
            numbers += map(str, row.key)
    return (
        [row.id for row in rows],
        [row.local for row in rows],
        [row.school for row in rows],
        [row.name for row in rows],
        " ".join(numbers),
        width,
        0 if layout else size,
        layout,
        missing,
        {index: row.vetoes for index, row in enumerate(rows) if row.vetoes},
    )


def _key_layout(rows: Sequence[Row]) -> tuple[int, ...] | None:
    """The places every row's key items are taken from, the same in every row: a dimension's
    position, or -1 for the score (the last of :func:`_own`); ``None`` when there are none.
    Every row has as many dimensions and key items as the first (:func:`_columns` saw to it)."""
    first = _own(rows[0])
    found = [next((n for n, o in enumerate(first) if o is item), None) for item in rows[0].key]
    layout = tuple(n - len(first) for n in found if n is not None)  # counted from the end
    if len(layout) != len(found):
        return None
    for row in rows:
        own = _own(row)
        if any(item is not own[n] for item, n in zip(row.key, layout, strict=True)):
            return None
    return layout


def _own(row: Row) -> tuple[Decimal | None, ...]:
    return (*row.dimensions, row.score)


def _unpacked(
    ids: Sequence[str],
    locals_: Sequence[str],
    schools: Sequence[str],
    names: Sequence[str],
    text: str,
    width: int,
    size: int,
    layout: tuple[int, ...] | None,
    missing: Sequence[tuple[int, int]],
    vetoes: Mapping[int, tuple[Veto, ...]],
) -> Rows:
    """The rows that :func:`_columns` wrote, put together column by column: a partition is
    unpickled in the main process while the workers score, on the same cores."""
    count = len(ids)
    numbers = list(map(_NUMBERS.__getitem__, text.split()))
    step = width + 3 + size
    column = [numbers[k::step] for k in range(step)]  # each place's numbers, row by row
    dimensions = _zipped(column[:width], count)
    for index, place in missing:  # written 0
        dimensions[index] = (*dimensions[index][:place], None, *dimensions[index][place + 1 :])
    weighted, adjusted, score = column[width : width + 3]
    if layout is None:
        keys = _zipped(column[width + 3 :], count)
    else:
        own = [*column[:width], score]  # the last is the score: place -1
        keys = _zipped([own[n] for n in layout], count)
    vetoed = map(vetoes.get, range(count), repeat(()))
    numbered = (dimensions, weighted, adjusted, score, vetoed, keys)
    fields = zip(ids, locals_, schools, names, *numbered, strict=True)
    return Rows(map(_new, repeat(Row, count), fields))


class _Numbers(dict[str, Decimal]):
    """Each number's text read back from a worker, parsed once in this process: most of
    unpickling a partition was parsing its numbers, and shown numbers repeat (a score with two
    decimals from 0 to 100 is one of 10,001 texts). Decimals are immutable, so rows share them
    as they share the numbers of a values file."""

    def __missing__(self, text: str) -> Decimal:
        if len(self) >= _KEPT_NUMBERS:  # texts that do not repeat: memory stays bounded
            self.clear()
        number = self[text] = Decimal(text)
        return number


_KEPT_NUMBERS = 65536
_NUMBERS = _Numbers()


def _zipped(columns: Sequence[Sequence[Decimal]], count: int) -> list[tuple[Decimal | None, ...]]:
    """``count`` rows of ``columns`` (empty rows when there is no column)."""
    return list(zip(*columns, strict=True)) if columns else [()] * count


# The named tuples' own constructor is a Python function; tuple.__new__ with every field given
# builds the same object without that frame, once for every subject.
_new = tuple.__new__


class Decided(NamedTuple):
    """A row with what was decided over every partition: its rank, band and band moves."""

    row: Row
    rank: Decimal
    band: str | None
    moves: tuple[BandMove, ...]


@attrs.frozen
class Decision:
    """Ranks, bands and band moves of every subject, by qualified id; ``ranks`` in rank
    order, ties by id (as :func:`~schoolwork.evaluation.ranking.rank` gives them)."""

    ranks: Mapping[str, Decimal]
    bands: Mapping[str, str | None]
    moves: Mapping[str, tuple[BandMove, ...]]


def score_partition(
    scheme: Scheme,
    subjects: Sequence[Subject],
    *,
    values: Values | None = None,
    records: RecordBook | None = None,
    workspace: Workspace | None = None,
    host: PluginHost | None = None,
    kinds: Sequence[RecordKind] | None = None,
    school: str = "",
    checked: bool = True,
) -> Rows:
    """Score one partition's ``subjects`` (ids unique inside it) into rows, ids qualified by
    ``school``; the arguments are those of :func:`schoolwork.evaluate`. ``checked=False``
    skips the check of a scheme already checked (with the same record kinds).

    Each subject is scored exactly as a whole evaluation scores it, and only its row is kept.
    """
    given = values or {}
    key = engine.ranking_key(scheme)
    with engine.scoring(
        scheme,
        subjects,
        records=records,
        workspace=workspace,
        host=host,
        kinds=kinds,
        shown_id=partial(qualify, school),
        checked=checked,
    ) as (scorer, books):
        return Rows(
            _row(
                scorer.score(subject, given.get(subject.id, {}), books[subject.id]),
                school,
                key,
                scheme,
            )
            for subject in subjects
        )


def _row(
    result: SubjectResult,
    school: str,
    key: Callable[[SubjectResult], ranking.Key],
    scheme: Scheme,
) -> Row:
    subject = result.subject
    return Row(
        qualify(school, subject.id),
        subject.id,
        school,
        subject.name,
        tuple(d.score for d in result.dimensions),
        result.weighted,
        adjusted(result, scheme),
        result.score,
        result.vetoes,
        key(result),
    )


def decide(scheme: Scheme, rows: Iterable[Row]) -> Decision:
    """Ranks, bands, vetoes on bands and quotas over every row of every partition.

    Only each row's id, key, score and vetoes are read; quotas count the whole population.
    """
    keys: list[tuple[str, ranking.Key]] = []
    scores: dict[str, Decimal] = {}
    vetoes: dict[str, tuple[Veto, ...]] = {}
    for row in rows:
        if row.id in scores:
            raise ValueError(f"subject {row.id!r} appears twice")
        keys.append((row.id, row.key))
        scores[row.id] = row.score
        if row.vetoes:
            vetoes[row.id] = row.vetoes
    ranks = ranking.rank(keys, scheme.ranking.ties)
    bands, moves = banding.assign(scheme.bands, scores, ranks, vetoes, dict(keys))
    return Decision(ranks, bands, {s: tuple(m) for s, m in moves.items()})


def apply(rows: Iterable[Row], decision: Decision) -> list[Decided]:
    """Every row with its rank, band and moves, in rank order (ties by qualified id)."""
    by_id = {row.id: row for row in rows}
    if by_id.keys() != decision.ranks.keys():
        raise ValueError("the rows are not those the decision was made on")
    bands, moves = decision.bands, decision.moves
    # decide's ranks are in that order already (ranking.rank), so nothing is sorted here.
    return [
        _new(Decided, (by_id[subject], rank, bands[subject], moves[subject]))
        for subject, rank in decision.ranks.items()
    ]


def summary(scheme: Scheme, decided: Decided) -> SubjectResult:
    """A subject's result without its indicators' explanation (dimension scores kept), under
    its qualified id: what ``schoolwork_assign_bands`` receives for a whole county."""
    row = decided.row
    dimensions = tuple(
        DimensionScore(d.id, d.name, d.weight, score, "", ())
        for d, score in zip(scheme.dimensions, row.dimensions, strict=True)
    )
    return SubjectResult(
        Subject(row.id, row.name, scheme.subject),
        dimensions,
        row.weighted,
        (),
        row.vetoes,
        row.score,
        decided.rank,
        decided.band,
        decided.moves,
    )


def plugin_bands(scheme: Scheme, host: PluginHost, decided: Sequence[Decided]) -> list[Decided]:
    """Let ``host``'s ``schoolwork_assign_bands`` change bands, once, over every subject.

    The hook receives :func:`summary` results of the whole population in rank order; each
    change is a band move attributed to the plugin, as in a single evaluation. Without an
    implementation, ``decided`` is returned as it is and no summary is built.
    """
    if not host.implements("schoolwork_assign_bands"):
        return list(decided)
    results = [summary(scheme, d) for d in decided]
    changed = engine.plugin_bands(scheme, host, results)
    return [
        d if d.band == r.band and d.moves == r.moves else d._replace(band=r.band, moves=r.moves)
        for d, r in zip(decided, changed, strict=True)
    ]


def rebuild(
    scheme: Scheme,
    subject: Subject,
    decided: Decided,
    *,
    values: Values | None = None,
    records: RecordBook | None = None,
    workspace: Workspace | None = None,
    host: PluginHost | None = None,
    kinds: Sequence[RecordKind] | None = None,
) -> SubjectResult:
    """The full result of one subject (every point explained), scored again from its
    partition's inputs, with the rank, band and moves decided over every partition.

    ``subject`` has its id inside its school; the result carries the qualified id.
    """
    # The scheme was checked when the partition was scored.
    with engine.scoring(
        scheme,
        [subject],
        records=records,
        workspace=workspace,
        host=host,
        kinds=kinds,
        checked=False,
    ) as (scorer, books):
        result = scorer.score(subject, (values or {}).get(subject.id, {}), books[subject.id])
    if result.score != decided.row.score:
        # The inputs changed since the partition was scored: the rank would be another's.
        raise ValueError(
            f"subject {decided.row.id!r} now scores {result.score}, not {decided.row.score}: "
            "its inputs changed since the evaluation"
        )
    return attrs.evolve(
        result,
        subject=attrs.evolve(subject, id=decided.row.id),
        rank=decided.rank,
        band=decided.band,
        moves=decided.moves,
    )
