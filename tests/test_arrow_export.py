"""Scores as Arrow tables and Parquet files: exact decimals, one row per subject, the same bytes
for the same evaluation, and a clear message without the ``arrow`` extra."""

from __future__ import annotations

import io
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork.cli import cli
from schoolwork.job import Session
from schoolwork.reports import arrow
from schoolwork.scheme import Ranking, TiePolicy

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def session(schoolwork_sample_dir: Path) -> Session:
    return schoolwork.open(schoolwork_sample_dir, installed=False)


@pytest.mark.parametrize("scheme_id", ["teacher-2023", "class-2023"])
def test_one_row_per_subject_with_every_score_exact(session: Session, scheme_id: str) -> None:
    scheme, evaluation = session.evaluate(scheme_id)
    table = schoolwork.scores_table(scheme, evaluation)
    dimensions = [d.id for d in scheme.dimensions]
    assert table.column_names == [
        "id",
        "name",
        "kind",
        "rank",
        *dimensions,
        "weighted",
        "adjustments",
        "score",
        "band",
        "vetoes",
    ]
    assert table.schema.field("score").type == pa.decimal128(18, scheme.places)
    assert table.schema.field("rank").type == pa.int64()
    rows = table.to_pylist()
    assert len(rows) == len(evaluation.results)
    for row, result in zip(rows, evaluation.results, strict=True):
        assert row["id"] == result.subject.id
        assert row["name"] == result.subject.name
        assert row["kind"] == result.subject.kind.value
        assert row["rank"] == result.rank
        # the same digits, not only the same value: 85.50 stays 85.50
        assert str(row["score"]) == f"{result.score:f}"
        assert str(row["weighted"]) == f"{result.weighted:f}"
        for dimension in result.dimensions:
            got = row[dimension.id]
            assert (got is None) is (dimension.score is None)
            assert got is None or str(got) == f"{dimension.score:f}"
        kept = sum((a.applied or Decimal(0) for a in result.adjustments), Decimal(0))
        assert row["adjustments"] == kept
        assert row["band"] == result.band
        assert row["vetoes"] == [v.rule for v in result.vetoes]
    metadata = table.schema.metadata
    assert metadata[b"schoolwork.scheme"] == scheme_id.encode()
    assert metadata[b"schoolwork.places"] == str(scheme.places).encode()


def test_a_vetoed_subject_lists_its_vetoes(session: Session) -> None:
    scheme, evaluation = session.evaluate("teacher-2023")
    ethics = schoolwork.Veto("ethics", "师德", (schoolwork.VetoEffect.CANCEL_EXCELLENCE,))
    late = schoolwork.Veto("late", "迟到", (schoolwork.VetoEffect.CANCEL_AWARDS,))
    first, second, *rest = evaluation.results
    vetoed = attrs.evolve(
        evaluation,
        results=(
            attrs.evolve(first, vetoes=(ethics, late)),
            attrs.evolve(second, vetoes=(late,)),
            *rest,
        ),
    )
    rows = schoolwork.scores_table(scheme, vetoed).column("vetoes").to_pylist()
    assert rows[:3] == [["ethics", "late"], ["late"], []]


def test_fractional_ranks_stay_exact(session: Session) -> None:
    scheme, evaluation = session.evaluate("class-2023")
    fractional = attrs.evolve(scheme, ranking=Ranking(ties=TiePolicy.FRACTIONAL))
    halves = attrs.evolve(
        evaluation,
        results=tuple(
            attrs.evolve(r, rank=Decimal(n + 1) + Decimal("0.5"))
            for n, r in enumerate(evaluation.results)
        ),
    )
    table = schoolwork.scores_table(fractional, halves)
    assert table.schema.field("rank").type == pa.decimal128(12, 1)
    assert table.column("rank").to_pylist()[:2] == [Decimal("1.5"), Decimal("2.5")]


def test_batches_make_the_same_table(session: Session) -> None:
    scheme, evaluation = session.evaluate("teacher-2023")
    small = pa.Table.from_batches(list(arrow.batches(evaluation, scheme, size=7)))
    assert small.num_rows == len(evaluation.results)
    assert small.equals(schoolwork.scores_table(scheme, evaluation))


def test_parquet_round_trip_and_the_same_bytes(session: Session, tmp_path: Path) -> None:
    scored = session.evaluate("teacher-2023")
    first, again = io.BytesIO(), io.BytesIO()
    session.write_scores(first, [scored], "parquet")
    session.write_scores(again, [session.evaluate("teacher-2023")], "parquet")
    assert first.getvalue() == again.getvalue()
    assert first.getvalue().startswith(b"PAR1")
    read = pq.read_table(io.BytesIO(first.getvalue()))
    assert read.equals(schoolwork.scores_table(*scored))
    assert read.schema.metadata[b"schoolwork.period"] == b"2023-2024"


def test_parquet_from_the_command_line(schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "results.parquet"
    args = ["evaluate", str(schoolwork_sample_dir), "--scheme", "class-2023", "-o", str(target)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    table = pq.read_table(target)
    assert table.num_rows == 18
    assert table.column("rank").to_pylist()[0] == 1
    printed = CliRunner().invoke(
        cli,
        ["evaluate", str(schoolwork_sample_dir), "--scheme", "class-2023", "--format", "parquet"],
    )
    assert printed.exit_code == 2
    assert printed.stdout == ""
    assert "-o" in printed.output


def test_a_dimension_named_like_a_column_is_refused(session: Session) -> None:
    scheme, evaluation = session.evaluate("class-2023")
    first = attrs.evolve(scheme.dimensions[0], id="score")
    clashing = attrs.evolve(scheme, dimensions=(first, *scheme.dimensions[1:]))
    with pytest.raises(ValueError, match=r"dimension score has the name of a column"):
        schoolwork.scores_table(clashing, evaluation)


def test_without_the_extra_a_clear_message(
    session: Session, schoolwork_sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(schoolwork.MissingExtraError, match=r"pip install 'schoolwork\[arrow\]'"):
        schoolwork.scores_table(*session.evaluate("class-2023"))
    target = tmp_path / "results.parquet"
    args = ["evaluate", str(schoolwork_sample_dir), "--scheme", "class-2023", "-o", str(target)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "the arrow extra: pip install 'schoolwork[arrow]'" in result.output
    assert not target.exists()


def test_export_writes_one_scheme_as_parquet(schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "class.parquet"
    base = ["export", str(schoolwork_sample_dir), "--year", "2023-2024", "-o", str(target)]
    result = CliRunner().invoke(cli, [*base, "--scheme", "class-2023"])
    assert result.exit_code == 0, result.output
    assert pq.read_table(target).num_rows == 18
    both = CliRunner().invoke(cli, [*base, "--force"])
    assert both.exit_code == 2
    assert "Traceback" not in both.output
    assert "the parquet format holds one scheme; got 2: choose one, or use xlsx" in both.output
    assert pq.read_table(target).num_rows == 18  # the file written before is left alone
