"""Scores as an Arrow table or a Parquet file (the ``arrow`` extra), for analysts' tools.

DuckDB, Polars and pandas read Parquet directly; an Arrow table goes to them without a copy.
One row per subject, in rank order:

``id``, ``name``, ``kind``
    who was evaluated (text).
``rank``
    a whole number; a ``decimal128(12, 1)`` under the ``fractional`` tie policy (``2.5``).
one column per dimension, by the dimension's id
    its score, or null when every value was missing.
``weighted``, ``adjustments``, ``score``
    the weighted total, the adjustments kept, and the final score.
``band``
    the band's name, or null.
``vetoes``
    the rules of the vetoes that fired (a list of text, empty for none).

Scores are ``decimal128`` with the scheme's ``places`` as scale, so every digit the scheme
shows arrives exactly, never through a float; the precision is 18 (16 digits before the point
at two places). The schema's metadata names the scheme (``schoolwork.scheme``), its period
(``schoolwork.period``) and places (``schoolwork.places``).

Rows are converted a batch at a time, and a Parquet file is written a row group per batch, so
writing holds one batch beside the evaluation, never a second copy of it. The same evaluation
gives the same Parquet bytes with the same pyarrow (the file names the writer's version, and
holds no date).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from schoolwork.errors import MissingExtraError
from schoolwork.evaluation.output import adjusted
from schoolwork.results import Evaluation
from schoolwork.scheme import Scheme, TiePolicy

PRECISION = 18
"""Digits of every score column: fits Parquet's 64-bit decimals, and any score with room."""
MAX_PRECISION = 38  # decimal128's own limit
BATCH = 16_384
"""Subjects converted at a time: a Parquet row group each."""
FIXED = ("id", "name", "kind", "rank")
TOTALS = ("weighted", "adjustments", "score", "band", "vetoes")


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise MissingExtraError(
            f"Arrow and Parquet output need the arrow extra: pip install 'schoolwork[arrow]' "
            f"({exc})"
        ) from None
    return pyarrow


def _parquet() -> Any:
    _pyarrow()
    import pyarrow.parquet

    return pyarrow.parquet


def columns(scheme: Scheme) -> list[str]:
    """The table's column names, in order."""
    names = [*FIXED, *(d.id for d in scheme.dimensions), *TOTALS]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise ValueError(
            f"scheme {scheme.id!r}: dimension {', '.join(doubled)} has the name of a column "
            "of the table; rename the dimension to export it as Arrow"
        )
    return names


def schema(scheme: Scheme) -> Any:
    """The Arrow schema of ``scheme``'s scores (see the module)."""
    pa = _pyarrow()
    score = pa.decimal128(max(PRECISION, min(MAX_PRECISION, scheme.places + 8)), scheme.places)
    rank = pa.decimal128(12, 1) if scheme.ranking.ties is TiePolicy.FRACTIONAL else pa.int64()
    types = {
        "id": pa.string(),
        "name": pa.string(),
        "kind": pa.string(),
        "rank": rank,
        **{d.id: score for d in scheme.dimensions},
        "weighted": score,
        "adjustments": score,
        "score": score,
        "band": pa.string(),
        "vetoes": pa.list_(pa.string()),
    }
    metadata = {
        "schoolwork.scheme": scheme.id,
        "schoolwork.period": scheme.period,
        "schoolwork.places": str(scheme.places),
    }
    # Only a dimension without values and a subject without a band are ever null.
    nullable = {"band", *(d.id for d in scheme.dimensions)}
    fields = [pa.field(name, types[name], nullable=name in nullable) for name in columns(scheme)]
    return pa.schema(fields, metadata=metadata)


def batches(evaluation: Evaluation, scheme: Scheme, size: int = BATCH) -> Iterator[Any]:
    """``evaluation`` as Arrow record batches of ``size`` subjects, in rank order."""
    pa = _pyarrow()
    shape = schema(scheme)
    names = shape.names
    fractional = scheme.ranking.ties is TiePolicy.FRACTIONAL
    dimensions = [d.id for d in scheme.dimensions]
    results = evaluation.results
    for start in range(0, len(results), size):
        data: dict[str, list[Any]] = {name: [] for name in names}
        for result in results[start : start + size]:
            data["id"].append(result.subject.id)
            data["name"].append(result.subject.name)
            data["kind"].append(result.subject.kind.value)
            data["rank"].append(result.rank if fractional else int(result.rank))
            for dimension_id, dimension in zip(dimensions, result.dimensions, strict=True):
                data[dimension_id].append(dimension.score)
            data["weighted"].append(result.weighted)
            data["adjustments"].append(adjusted(result, scheme))
            data["score"].append(result.score)
            data["band"].append(result.band)
            data["vetoes"].append([v.rule for v in result.vetoes])
        arrays = [pa.array(data[f.name], type=f.type) for f in shape]
        yield pa.RecordBatch.from_arrays(arrays, schema=shape)


def scores_table(scheme: Scheme, evaluation: Evaluation) -> Any:
    """``evaluation`` of ``scheme`` as a :class:`pyarrow.Table`, one row per subject.

    For analysts: ``duckdb.sql("select band, count(*) from t group by band")``,
    ``polars.from_arrow(t)``, ``t.to_pandas()``. Needs the ``arrow`` extra
    (:class:`~schoolwork.MissingExtraError` otherwise). See :mod:`schoolwork.reports.arrow`
    for the columns.
    """
    pa = _pyarrow()
    return pa.Table.from_batches(list(batches(evaluation, scheme)), schema=schema(scheme))


def write_parquet(stream: BinaryIO, evaluation: Evaluation, scheme: Scheme) -> None:
    """Write ``evaluation`` into ``stream`` as a Parquet file, a row group per batch."""
    pq = _parquet()
    with pq.ParquetWriter(stream, schema(scheme), compression="zstd") as writer:
        for batch in batches(evaluation, scheme):
            writer.write_batch(batch)
