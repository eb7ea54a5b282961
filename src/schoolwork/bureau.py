"""The batch job of a bureau: one scheme over many schools' workspaces, on any executor.

A county or province bureau (县教体局, 市教育局) evaluates every school under it with one scheme.
Each school's workspace is read and validated the usual way (:func:`schoolwork.open`), so a bad
input is the usual located error naming that school's file. Schools are scored in tasks of at
least :data:`SUBJECTS_PER_TASK` subjects (a task's overhead, about a millisecond on Dask, is then
nothing beside its work) into compact rows (:mod:`schoolwork.evaluation.partitions`); ranks,
bands and quotas over the whole population are then decided once from the rows' small keys.

The one scheme: every school's workspace must offer the scheme id, defined identically (its own
``schemes.toml`` or a plugin's); a school whose definition differs is refused, naming both
origins. Ids are qualified by the school: ``school-id/T003``.

The executor is serial, a local process pool (the default: one worker per core) or a Dask
``distributed.Client`` (the ``scale`` extra), never a scheduler of our own.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from schoolwork.atomic import atomic_writer
from schoolwork.errors import MissingExtraError, SchemeError, UsageError
from schoolwork.evaluation import collector, output, partitions
from schoolwork.evaluation.partitions import Rows
from schoolwork.job import PLUGIN_SOURCE, Session, open_workspace
from schoolwork.job import plugin_host as build_host
from schoolwork.plugins import PluginHost
from schoolwork.records import RecordKind
from schoolwork.results import Subject, SubjectResult
from schoolwork.scheme import Scheme
from schoolwork.values import VALUES_DIR


def _distributed() -> Any:
    """Dask's ``distributed`` (the scale extra), imported when the Dask executor is chosen:
    importing it takes longer than importing all of schoolwork, and most runs never need it."""
    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise MissingExtraError(_NO_DASK) from None


def _is_client(executor: object) -> bool:
    """Whether ``executor`` is a ``distributed.Client``; it can only be one once the caller
    has imported distributed."""
    loaded = sys.modules.get("distributed")
    return loaded is not None and isinstance(executor, loaded.Client)


SCHOOL_FILES = ("school.toml", "school.json")
"""A folder holding one of these is a school's workspace."""

SUBJECTS_PER_TASK = 1000
"""At least this many subjects (by estimate) go to one task: whole schools, batched."""

EXECUTORS = ("serial", "process", "dask")

Progress = Callable[[int, int, int], None]
"""Told after each task: schools done, schools in all, subjects scored so far."""

Installed = bool | tuple[str, ...]


@attrs.frozen
class SchoolPart:
    """One school's scored partition: where it came from, its scheme and its rows."""

    root: Path
    school: str
    scheme: Scheme
    origin: str  # the file (or plugin) the scheme was read from
    rows: partitions.Rows  # pickled by columns, from a worker to the main process


@attrs.frozen
class CountyEvaluation:
    """Every school's subjects under one scheme, ranked and banded together.

    ``results`` are compact (:class:`~schoolwork.evaluation.partitions.Decided`), in rank
    order; :meth:`result` rebuilds one subject's full explanation from its school's files.
    """

    scheme: Scheme
    schools: tuple[tuple[str, Path], ...]  # school id and workspace folder, in the given order
    results: tuple[partitions.Decided, ...]
    installed: Installed = True
    year: str | None = None

    def result(self, subject_id: str) -> SubjectResult:
        """The full result of the subject ``school-id/T003``, every point explained."""
        decided = next((d for d in self.results if d.row.id == subject_id), None)
        if decided is None:
            raise UsageError(f"no subject {subject_id!r} in this evaluation")
        root = dict(self.schools)[decided.row.school]

        def rebuild(scheme: Scheme, subjects: Sequence[Subject], **inputs: Any) -> SubjectResult:
            subject = next(s for s in subjects if s.id == decided.row.local)
            return partitions.rebuild(scheme, subject, decided, **inputs)

        session = open_workspace(root, installed=self.installed)
        return session.score_with(self.scheme.id, rebuild, year=self.year)[2]

    def explain(self, subject_id: str) -> str:
        """Every point of one subject's score, as text."""
        return output.explain(self.result(subject_id), self.scheme)

    def write(self, output: str | Path, *, force: bool = False) -> Path:
        """Write the results to ``output`` (``.csv`` with a byte-order mark, or ``.json``),
        row by row and atomically; an existing file is replaced only with ``force``."""
        path = Path(output)
        writer = WRITERS.get(path.suffix.lower())
        if writer is None:
            raise UsageError(f"{path}: write .csv or .json, not {path.suffix or 'no extension'}")
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        if os.path.lexists(path) and not force:
            raise FileExistsError(17, "File exists", str(path))
        with atomic_writer(path) as out:
            writer(self, out)
        return path


def schools_in(where: str | Path | Iterable[str | Path]) -> list[Path]:
    """The workspaces to evaluate: ``where`` itself when it is one, the workspaces among its
    subfolders when it is a folder of schools, or each of several paths given."""
    if isinstance(where, str | Path):
        root = Path(where)
        if _is_workspace(root):
            return [root]
        if not root.is_dir():
            raise UsageError(f"{root}: no such folder")
        found = sorted(p for p in root.iterdir() if _is_workspace(p))
        if not found:
            raise UsageError(f"{root}: no school workspace (school.toml) in it or its folders")
        return found
    found = [Path(p) for p in where]
    if not found:
        raise UsageError("no school workspace given")
    return found


def _is_workspace(folder: Path) -> bool:
    return any((folder / name).is_file() for name in SCHOOL_FILES)


def evaluate_schools(
    where: str | Path | Iterable[str | Path],
    scheme: str,
    *,
    year: str | None = None,
    executor: str | Any = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    subjects_per_task: int = SUBJECTS_PER_TASK,
    progress: Progress | None = None,
    installed: bool | Iterable[str] = True,
) -> CountyEvaluation:
    """Evaluate scheme ``scheme`` over every school of ``where`` (:func:`schools_in`) together.

    ``executor`` is ``"serial"``, ``"process"`` (a local process pool of ``workers``, default
    one per core) or a ``distributed.Client`` (Dask, the ``scale`` extra; ``"dask"`` starts a
    local cluster of ``workers``, or connects to the scheduler at ``scheduler``, such as
    ``tcp://10.0.0.5:8786``). ``progress`` is told after each task. ``installed`` chooses the
    installed plugins, as in :func:`schoolwork.open`. Each school is read and validated as
    :func:`schoolwork.open` does; the first bad school raises its error.
    """
    roots = schools_in(where)
    chosen: Installed = installed if isinstance(installed, bool) else tuple(installed)
    tasks = _batches(roots, scheme, subjects_per_task)
    score = _Scoring(scheme, year, chosen)
    # The collector is paused while the rows come in and are decided on: a province's rows
    # are millions of small objects in no cycle, and each of the collector's walks over them
    # found nothing (a fifth of the run's time, with a process pool, at 100,000 subjects).
    with collector.paused():
        return _evaluate(roots, score, tasks, executor, workers, scheduler, progress)


def _evaluate(
    roots: list[Path],
    score: _Scoring,
    tasks: list[list[Path]],
    executor: str | Any,
    workers: int | None,
    scheduler: str | None,
    progress: Progress | None,
) -> CountyEvaluation:
    try:
        parts = [
            part
            for batch in _run(score, tasks, executor, workers, scheduler, progress)
            for part in batch
        ]
    finally:
        # Run serially, the tasks ran here: what they kept is not kept beyond the job.
        _WORKER.forget()
    # Back in the order of the folders, whichever task finished first (a dict: a province has
    # thousands of schools, and a list's index would make this quadratic).
    order = {root: n for n, root in enumerate(roots)}
    parts.sort(key=lambda p: order[p.root])
    common = _one_scheme(parts)
    _unique_schools(parts)
    rows = [row for part in parts for row in part.rows]
    decided = partitions.apply(rows, partitions.decide(common, rows))
    host = build_host(installed=score.installed)
    # The county's bands are the bureau's: a plugin bound to some schools cannot move the
    # teachers of all the others, so only plugins that serve every school take part here.
    host.serve("")
    decided = partitions.plugin_bands(common, host, decided)
    schools = tuple((p.school, p.root) for p in parts)
    return CountyEvaluation(common, schools, tuple(decided), score.installed, score.year)


@attrs.frozen
class _Scoring:
    """The task each worker runs: score a batch of schools (picklable, for any executor)."""

    scheme: str
    year: str | None
    installed: Installed

    def __call__(self, roots: Sequence[Path]) -> list[SchoolPart]:
        # A batch job owns its worker: the collector stays paused for the whole task, since
        # reading a school makes as many long-lived objects as scoring it, and none in cycles.
        with collector.paused():
            return _shared_schemes([self.one(root) for root in roots])

    def one(self, root: Path) -> SchoolPart:
        session = _open(root, self.installed)
        school = session.workspace.school.id

        def score(scheme: Scheme, subjects: Sequence[Subject], **inputs: Any) -> Rows:
            kinds = tuple(inputs["kinds"])
            checked = (scheme, kinds) in _WORKER.checked
            rows = partitions.score_partition(
                scheme, subjects, **inputs, school=school, checked=not checked
            )
            if not checked:
                _WORKER.checked.append((scheme, kinds))
            return rows

        source, scheme, rows = session.score_with(self.scheme, score, year=self.year)
        # A file is named as it is; a plugin's scheme by the school it was offered to.
        plugin = source.origin.startswith(PLUGIN_SOURCE)
        origin = f"{session.root}: {source.origin}" if plugin else source.origin
        return SchoolPart(root, school, scheme, origin, rows)


def _shared_schemes(parts: list[SchoolPart]) -> list[SchoolPart]:
    """``parts`` whose equal schemes are one object: a task's result then carries each scheme
    once back to the main process (pickle writes an object seen before as a reference), not
    once a school."""
    kept: list[Scheme] = []
    shared = []
    for part in parts:
        same = next((scheme for scheme in kept if scheme == part.scheme), None)
        if same is None:
            kept.append(part.scheme)
            shared.append(part)
        else:
            shared.append(attrs.evolve(part, scheme=same))
    return shared


@attrs.define
class _Worker:
    """What a process keeps from one school to the next, so that each school costs the
    reading and scoring of its own data only: the plugin host (entry points found and
    plugins registered once, when no plugin is bound to some schools, see
    :meth:`~schoolwork.plugins.PluginHost.serves_every_school`), and the schemes already
    checked with their record kinds (every school's scheme is still compared with them)."""

    hosts: dict[Installed, PluginHost] = attrs.Factory(dict)
    checked: list[tuple[Scheme, tuple[RecordKind, ...]]] = attrs.Factory(list)

    def forget(self) -> None:
        self.hosts.clear()
        self.checked.clear()


_WORKER = _Worker()


def _open(root: Path, installed: Installed) -> Session:
    """The workspace at ``root``, read and validated as :func:`schoolwork.open` does."""
    host = _WORKER.hosts.get(installed)
    if host is None:
        host = build_host(installed=installed)
        if host.serves_every_school():
            _WORKER.hosts[installed] = host
    return open_workspace(root, host=host)


def _batches(roots: Sequence[Path], scheme: str, least: int) -> list[list[Path]]:
    """Whole schools in tasks of at least ``least`` subjects each, by an estimate."""
    tasks: list[list[Path]] = [[]]
    size = 0
    for root in roots:
        if size >= least:
            tasks.append([])
            size = 0
        tasks[-1].append(root)
        size += _estimate(root, scheme)
    return tasks


def _estimate(root: Path, scheme: str) -> int:
    """The subjects of a school, estimated from the lines of its values CSV (one a subject)
    without parsing it; 100 when there is none (Excel values, or values from plugins)."""
    try:
        with open(root / VALUES_DIR / f"{scheme}.csv", "rb") as data:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: data.read(1 << 20), b""))
    except OSError:
        return 100
    return max(lines - 1, 1)


def _run(
    score: _Scoring,
    tasks: list[list[Path]],
    executor: str | Any,
    workers: int | None,
    scheduler: str | None,
    progress: Progress | None,
) -> Iterator[list[SchoolPart]]:
    total = sum(len(t) for t in tasks)
    counted = _Counter(total, progress)
    if executor == "serial":
        for task in tasks:
            yield counted(score(task))
    elif executor == "process":
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
            pending: set[Future[list[SchoolPart]]] = {pool.submit(score, t) for t in tasks}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield counted(future.result())
    elif executor == "dask":
        client_of = _distributed().Client
        if scheduler is not None:
            with client_of(scheduler) as client:
                yield from _on_dask(client, score, tasks, counted)
            return
        with client_of(n_workers=workers, threads_per_worker=1, dashboard_address=None) as client:
            yield from _on_dask(client, score, tasks, counted)
    elif _is_client(executor):
        yield from _on_dask(executor, score, tasks, counted)
    else:
        known = ", ".join(EXECUTORS)
        raise UsageError(f"unknown executor {executor!r} (known: {known}, or a dask Client)")


_NO_DASK = "the dask executor needs the scale extra: pip install 'schoolwork[scale]'"


def _on_dask(
    client: Any, score: _Scoring, tasks: list[list[Path]], counted: _Counter
) -> Iterator[list[SchoolPart]]:
    futures = client.map(score, tasks, pure=False)
    for future in _distributed().as_completed(futures):
        yield counted(future.result())


@attrs.define
class _Counter:
    total: int
    progress: Progress | None
    schools: int = 0
    subjects: int = 0

    def __call__(self, parts: list[SchoolPart]) -> list[SchoolPart]:
        self.schools += len(parts)
        self.subjects += sum(len(p.rows) for p in parts)
        if self.progress is not None:
            self.progress(self.schools, self.total, self.subjects)
        return parts


def _one_scheme(parts: Sequence[SchoolPart]) -> Scheme:
    first = parts[0]
    for part in parts[1:]:
        if part.scheme != first.scheme:
            raise SchemeError(
                f"{part.origin}: scheme {first.scheme.id!r} differs from the one in "
                f"{first.origin}; every school must hold the same scheme"
            )
    return first.scheme


def _unique_schools(parts: Sequence[SchoolPart]) -> None:
    seen: dict[str, Path] = {}
    for part in parts:
        if part.school in seen:
            raise UsageError(
                f"{part.root}: school id {part.school!r} is also the id of "
                f"{seen[part.school]}; ids of subjects are qualified by it"
            )
        seen[part.school] = part.root


# -- writing, one row at a time --------------------------------------------------------------


def _cells(decided: partitions.Decided) -> list[str]:
    row = decided.row
    return output.score_cells(
        decided.rank,
        (row.id, row.school, row.name),
        row.dimensions,
        (row.weighted, row.adjusted, row.score),
        decided.band,
        row.vetoes,
    )


def _write_csv(evaluation: CountyEvaluation, out: BinaryIO) -> None:
    head = output.header(evaluation.scheme, school=True)
    output.write_table(out, head, map(_cells, evaluation.results), bom=True)


def _write_json(evaluation: CountyEvaluation, out: BinaryIO) -> None:
    scheme = evaluation.scheme
    columns = output.header(scheme, school=True)

    def item(decided: partitions.Decided) -> dict[str, object]:
        cells: dict[str, object] = dict(zip(columns, _cells(decided), strict=True))
        cells["moves"] = [[m.from_band, m.to_band, m.reason] for m in decided.moves]
        return cells

    head = {"scheme": scheme.id, "period": scheme.period, "columns": columns}
    output.write_document(out, head, map(item, evaluation.results))


WRITERS: dict[str, Callable[[CountyEvaluation, BinaryIO], None]] = {
    ".csv": _write_csv,
    ".json": _write_json,
}
