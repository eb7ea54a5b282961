"""Scores written one subject at a time: the same content as the whole-built output, written
into the output's temporary file, never holding a second copy of the evaluation."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path
from typing import BinaryIO

import attrs
import pytest
from click.testing import CliRunner, Result

import schoolwork
from schoolwork.cli import cli
from schoolwork.evaluation import output
from schoolwork.job import Session
from schoolwork.results import Evaluation, Subject

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def session(schoolwork_sample_dir: Path) -> Session:
    return schoolwork.open(schoolwork_sample_dir, installed=False)


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SCHOOLWORK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def written(write: object, *args: object) -> bytes:
    buffer = io.BytesIO()
    assert callable(write)
    write(buffer, *args)
    return buffer.getvalue()


@pytest.mark.parametrize("scheme_id", ["teacher-2023", "class-2023"])
def test_the_csv_has_the_cells_of_the_score_table(session: Session, scheme_id: str) -> None:
    scheme, evaluation = session.evaluate(scheme_id)
    data = written(output.write_csv, evaluation, scheme)
    assert data.decode("utf-8") == output.as_csv(evaluation, scheme)
    assert data.count(b"\r\n") == len(evaluation.results) + 1


@pytest.mark.parametrize("scheme_id", ["teacher-2023", "class-2023"])
def test_the_json_is_the_document_it_was_one_result_a_line(
    session: Session, scheme_id: str
) -> None:
    _, evaluation = session.evaluate(scheme_id)
    data = written(output.write_json, evaluation)
    assert json.loads(data) == json.loads(output.as_json(evaluation))
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == f'{{"scheme":"{scheme_id}","period":"2023-2024","results":['
    assert lines[-1] == "]}"
    assert len(lines) == len(evaluation.results) + 2
    for line, result in zip(lines[1:-1], evaluation.results, strict=True):
        one = json.loads(line.removesuffix(","))
        assert one["subject"]["id"] == result.subject.id
        assert one["score"] == f"{result.score:f}"  # exact, as a string
    assert b'": ' not in data  # compact: the C encoder, no indent


def test_an_evaluation_without_subjects_is_still_a_document(session: Session) -> None:
    scheme, evaluation = session.evaluate("class-2023")
    empty = attrs.evolve(evaluation, results=())
    assert json.loads(written(output.write_json, empty)) == json.loads(output.as_json(empty))
    assert written(output.write_csv, empty, scheme).decode() == output.as_csv(empty, scheme)


class Sink:
    """A file that keeps nothing: it counts what it was given, and the largest write."""

    def __init__(self) -> None:
        self.size = 0
        self.largest = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        self.largest = max(self.largest, len(data))
        return len(data)

    def flush(self) -> None:
        pass

    # what io.TextIOWrapper asks of the stream it wraps
    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    closed = False


def many(evaluation: Evaluation, count: int) -> Evaluation:
    """``count`` results made from the evaluation's, each under its own id."""
    base = evaluation.results
    results = tuple(
        attrs.evolve(
            base[n % len(base)],
            subject=Subject(f"S{n:06d}", f"教师{n}", base[0].subject.kind),
        )
        for n in range(count)
    )
    return attrs.evolve(evaluation, results=results)


def peak_while_writing(write: object, *args: object) -> tuple[int, Sink]:
    sink = Sink()
    assert callable(write)
    tracemalloc.start()
    try:
        write(sink, *args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, sink


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_writing_holds_a_few_subjects_not_all_of_them(session: Session, fmt: str) -> None:
    scheme, evaluation = session.evaluate("teacher-2023")
    small, large = many(evaluation, 1_000), many(evaluation, 8_000)

    def write(stream: BinaryIO, which: Evaluation) -> None:
        if fmt == "csv":
            output.write_csv(stream, which, scheme)
        else:
            output.write_json(stream, which)

    small_peak, small_sink = peak_while_writing(write, small)
    large_peak, large_sink = peak_while_writing(write, large)
    assert large_sink.size > 7 * small_sink.size  # eight times the subjects, written
    # A writer that built its output whole would hold eight times as much; this one holds a
    # batch, whatever the number of subjects.
    assert large_peak < 2 * small_peak
    assert large_peak < large_sink.size / 4
    assert large_sink.largest < large_sink.size / 4


def test_every_writer_gives_the_same_bytes_twice(session: Session) -> None:
    scheme, evaluation = session.evaluate("teacher-2023")
    for fmt in ("csv", "json"):
        first = io.BytesIO()
        again = io.BytesIO()
        session.write_scores(first, [(scheme, evaluation)], fmt)
        session.write_scores(again, [session.evaluate("teacher-2023")], fmt)
        assert first.getvalue() == again.getvalue()
        assert first.getvalue() == session.render([(scheme, evaluation)], fmt)


def test_a_renderer_that_returns_bytes_still_writes(schoolwork_sample_dir: Path) -> None:
    class Plugin:
        @schoolwork.hookimpl
        def schoolwork_renderers(self) -> list[schoolwork.ScoresRenderer]:
            def count(scored: object, lang: str) -> bytes:
                assert isinstance(scored, list)
                return f"{len(scored[0][1].results)} subjects\n".encode()

            return [schoolwork.ScoresRenderer("count", ".count", count)]

    session = schoolwork.open(schoolwork_sample_dir, installed=False, plugins={"c": Plugin()})
    stream = io.BytesIO()
    session.write_scores(stream, [session.evaluate("class-2023")], "count")
    assert stream.getvalue() == b"18 subjects\n"
    renderer = session.renderers()["count"]
    assert isinstance(renderer, schoolwork.ScoresRenderer)
    assert renderer.write is None


def test_a_streamed_renderer_gives_its_bytes_too(session: Session) -> None:
    def write(scored: object, lang: str, stream: BinaryIO) -> None:
        stream.write(b"one ")
        stream.write(lang.encode())

    renderer = schoolwork.ScoresRenderer.streamed("two", ".two", write)
    assert renderer.render([], "en") == b"one en"
    assert written(renderer.write_to, [], "zh") == b"one zh"


def test_cli_files_are_what_the_terminal_shows(schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    for fmt in ("csv", "json"):
        shown = run("evaluate", schoolwork_sample_dir, "--scheme", "teacher-2023", "--format", fmt)
        assert shown.exit_code == 0, shown.output
        target = tmp_path / f"scores.{fmt}"
        result = run("evaluate", schoolwork_sample_dir, "--scheme", "teacher-2023", "-o", target)
        assert result.exit_code == 0, result.output
        data = target.read_bytes()
        assert data.startswith(BOM) is (fmt == "csv")
        assert data.removeprefix(BOM) == shown.stdout_bytes
        again = run(
            "evaluate", schoolwork_sample_dir, "--scheme", "teacher-2023", "-o", target, "--force"
        )
        assert again.exit_code == 0, again.output
        assert target.read_bytes() == data  # byte-identical reruns


def test_a_stream_that_fails_leaves_the_old_file_and_no_leftovers(
    schoolwork_sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "scores.json"
    target.write_bytes(b"before")

    def failing(stream: BinaryIO, evaluation: Evaluation) -> None:
        stream.write(b'{"scheme":')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "write_json", failing)
    args = ("evaluate", schoolwork_sample_dir, "--scheme", "class-2023", "-o", target)
    result = run(*args, "--force")
    assert result.exit_code == 2
    assert "no space left on the disk (nothing was written)" in result.output
    assert str(target) in result.output  # the output, never the temporary file
    assert target.read_bytes() == b"before"
    assert sorted(p.name for p in out.iterdir()) == ["scores.json"]


def test_an_existing_output_needs_force(schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "scores.csv"
    target.write_bytes(b"keep")
    result = run("evaluate", schoolwork_sample_dir, "--scheme", "class-2023", "-o", target)
    assert result.exit_code == 2
    assert target.read_bytes() == b"keep"


def test_export_streams_score_files_beside_the_report(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    class Plugin:
        @schoolwork.hookimpl
        def schoolwork_renderers(self) -> list[schoolwork.ScoresRenderer]:
            def lines(scored: object, lang: str, stream: BinaryIO) -> None:
                assert isinstance(scored, list)
                for scheme, evaluation in scored:
                    stream.write(f"{scheme.id} {len(evaluation.results)}\n".encode())

            return [schoolwork.ScoresRenderer.streamed("lines", ".lines", lines)]

    session = schoolwork.open(schoolwork_sample_dir, installed=False, plugins={"l": Plugin()})
    files = session.export(tmp_path, formats=("lines", "md"), year="2023-2024")
    assert [p.name for p in files] == ["scores.lines", "report.md"]
    assert (tmp_path / "scores.lines").read_bytes() == b"teacher-2023 49\nclass-2023 18\n"
    assert (tmp_path / "report.md").read_bytes() == session.render(
        session.report("2023-2024"), "md"
    )
    # JSON holds one scheme: refused while streaming, and nothing lands
    with pytest.raises(ValueError, match="holds one scheme"):
        session.export(tmp_path / "many", formats=("md", "json"), year="2023-2024")
    assert not (tmp_path / "many").exists()
