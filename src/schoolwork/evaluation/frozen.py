"""Frozen results: an evaluation kept in the workspace, to be compared with every later one.

A school publishes its results (公示) and then the data moves on: a late value is typed in, a
rule is re-weighted, an appeal is upheld. A frozen file keeps what was published, so that a
re-evaluation says who moved and why instead of silently replacing it. The file is
``frozen/<scheme id>/<school year>.json`` and holds:

- ``format``: the layout of the file (:data:`FORMAT`); another one is refused, located;
- ``library``: the schoolwork version that wrote it;
- ``scheme`` and ``period``: which evaluation it is;
- ``rules``: the scheme as it was, as plain data (its TOML or JSON, keys sorted);
- ``inputs``: the sha256 of every file that fed the evaluation, by its path in the workspace;
- ``plugins``: the name and version of every active installed plugin;
- ``results``: per subject in rank order, its score, weighted total, rank, band, vetoes, moves,
  and per dimension its score and per indicator its raw value, points and status.

The bytes depend on nothing but these (keys sorted, no date of writing), so freezing the same
evaluation twice writes the same file, and a version-control system shows a real change only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import attrs

from schoolwork.converter import unstructure
from schoolwork.errors import Problem, WorkspaceError
from schoolwork.results import Evaluation, SubjectResult, ValueStatus
from schoolwork.scheme import Scheme

FORMAT = 1
"""The layout of a frozen file; a file of another layout is refused rather than misread."""
FROZEN_DIR = "frozen"


def library_version() -> str:
    """``schoolwork <version>``: the library a frozen file was written by."""
    try:
        return f"schoolwork {version('schoolwork')}"
    except PackageNotFoundError:  # a source tree that was never installed
        return "schoolwork 0.0.0"


def frozen_path(root: Path, scheme_id: str, period: str) -> Path:
    """Where the frozen results of ``scheme_id`` for ``period`` are kept in workspace ``root``."""
    return root / FROZEN_DIR / scheme_id / f"{period}.json"


@attrs.frozen
class FrozenValue:
    """One indicator of one subject as it was frozen."""

    dimension: str
    indicator: str
    value: Decimal | None
    points: Decimal | None
    status: str


@attrs.frozen
class FrozenMove:
    """A band move as it was frozen."""

    from_band: str | None
    to_band: str | None
    reason: str


@attrs.frozen
class FrozenSubject:
    """One subject's result as it was frozen: enough to tell what changed, not to explain it.

    The name is kept for reading the diff and left out of equality: renaming a teacher is not
    a change of result.
    """

    id: str
    name: str = attrs.field(eq=False)
    score: Decimal
    weighted: Decimal
    rank: Decimal
    band: str | None
    dimensions: tuple[tuple[str, Decimal | None], ...]  # sorted by id, as the file keeps them
    values: tuple[FrozenValue, ...]
    vetoes: tuple[str, ...]
    moves: tuple[FrozenMove, ...]

    @classmethod
    def of(cls, result: SubjectResult) -> FrozenSubject:
        """The frozen form of ``result``."""
        return cls(
            id=result.subject.id,
            name=result.subject.name,
            score=result.score,
            weighted=result.weighted,
            rank=result.rank,
            band=result.band,
            dimensions=tuple(sorted((d.id, d.score) for d in result.dimensions)),
            values=tuple(
                FrozenValue(d.id, i.id, i.value, i.points, i.status.value)
                for d in result.dimensions
                for i in d.indicators
            ),
            vetoes=tuple(v.rule for v in result.vetoes),
            moves=tuple(FrozenMove(m.from_band, m.to_band, m.reason) for m in result.moves),
        )


@attrs.frozen
class Frozen:
    """An evaluation as it was frozen, with the rules and a fingerprint of its inputs."""

    scheme: str
    period: str
    library: str
    rules: Mapping[str, Any] = attrs.field(eq=False)
    inputs: Mapping[str, str]
    plugins: Mapping[str, str]
    results: tuple[FrozenSubject, ...]
    format: int = FORMAT

    def subject(self, subject_id: str) -> FrozenSubject | None:
        """The frozen result of ``subject_id``, or ``None``."""
        for result in self.results:
            if result.id == subject_id:
                return result
        return None


def rules_data(scheme: Scheme) -> dict[str, Any]:
    """``scheme`` as the plain JSON data a frozen file keeps (Decimals as strings), without its
    period, which names the file rather than a rule."""
    data: dict[str, Any] = json.loads(json.dumps(unstructure(scheme), default=_plain))
    data.pop("period", None)
    return data


def freeze(
    scheme: Scheme,
    evaluation: Evaluation,
    *,
    inputs: Mapping[str, str],
    plugins: Mapping[str, str],
    library: str,
) -> Frozen:
    """The frozen form of ``evaluation`` of ``scheme``, with the fingerprints of its inputs."""
    return Frozen(
        scheme=evaluation.scheme,
        period=evaluation.period,
        library=library,
        rules=rules_data(scheme),
        inputs=dict(sorted(inputs.items())),
        plugins=dict(sorted(plugins.items())),
        results=tuple(FrozenSubject.of(r) for r in evaluation.results),
    )


def fingerprint(path: Path) -> str:
    """The sha256 of the file at ``path``, as ``sha256:<hex>``."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprints(root: Path, files: Sequence[Path]) -> dict[str, str]:
    """The fingerprint of each of ``files`` that exists, by its path relative to ``root`` with
    forward slashes (so a file frozen on Windows compares on Linux)."""
    found = {}
    for path in files:
        if path.is_file():
            name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            found[name] = fingerprint(path)
    return dict(sorted(found.items()))


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} in a frozen file")


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def dumps(frozen: Frozen) -> bytes:
    """The bytes of the frozen file: UTF-8 JSON, keys sorted, one space of indent."""
    data = {
        "format": frozen.format,
        "library": frozen.library,
        "scheme": frozen.scheme,
        "period": frozen.period,
        "rules": frozen.rules,
        "inputs": dict(frozen.inputs),
        "plugins": dict(frozen.plugins),
        "results": [
            {
                "subject": r.id,
                "name": r.name,
                "score": str(r.score),
                "weighted": str(r.weighted),
                "rank": str(r.rank),
                "band": r.band,
                "dimensions": {d: _number(s) for d, s in r.dimensions},
                "values": [
                    {
                        "dimension": v.dimension,
                        "indicator": v.indicator,
                        "value": _number(v.value),
                        "points": _number(v.points),
                        "status": v.status,
                    }
                    for v in r.values
                ],
                "vetoes": list(r.vetoes),
                "moves": [
                    {"from": m.from_band, "to": m.to_band, "reason": m.reason} for m in r.moves
                ],
            }
            for r in frozen.results
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=_plain)
    return (text + "\n").encode("utf-8")


class _Reader:
    """Reads a frozen file's data, collecting every problem with its key path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, path: str, expected: str, zh: str, found: object) -> None:
        shown = json.dumps(found, ensure_ascii=False)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        self.problems.append(Problem(self.file, path, expected, shown, expected_zh=zh))

    def get(self, data: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in data:
            where = f"{path}.{key}" if path else key
            self.problems.append(
                Problem(
                    self.file, where, "a value (the key is missing)", expected_zh="有值（缺少此项）"
                )
            )
            return None
        return data[key]

    def text(self, data: Mapping[str, Any], key: str, path: str, *, optional: bool = False) -> Any:
        if key not in data:
            self.get(data, key, path)
            return None if optional else ""
        value = data[key]
        if value is None and optional:
            return None
        if not isinstance(value, str):
            self.problem(_join(path, key), "text", "文本", value)
            return ""
        return value

    def number(
        self, data: Mapping[str, Any], key: str, path: str, *, optional: bool = False
    ) -> Decimal | None:
        if key not in data:
            self.get(data, key, path)
            return None
        value = data[key]
        if value is None and optional:
            return None
        if isinstance(value, str):
            try:
                number = Decimal(value)
            except InvalidOperation:
                number = Decimal("NaN")
            if number.is_finite():
                return number
        self.problem(_join(path, key), "a number written as text", "以文本写出的数", value)
        return None

    def table(self, data: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
        value = self.get(data, key, path)
        if not isinstance(value, dict):
            if key in data:
                self.problem(_join(path, key), "a table", "表", value)
            return {}
        return value

    def items(self, data: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = self.get(data, key, path)
        if not isinstance(value, list):
            if key in data:
                self.problem(_join(path, key), "a list", "列表", value)
            return []
        return value

    def texts(self, data: Mapping[str, Any], key: str, path: str) -> dict[str, str]:
        table = self.table(data, key, path)
        for name, value in table.items():
            if not isinstance(value, str):
                self.problem(f"{_join(path, key)}.{name}", "text", "文本", value)
        return {k: v for k, v in table.items() if isinstance(v, str)}

    def each(
        self, data: Mapping[str, Any], key: str, path: str, read: Callable[[Any, str], Any]
    ) -> tuple[Any, ...]:
        found = []
        for index, item in enumerate(self.items(data, key, path)):
            where = f"{_join(path, key)}[{index}]"
            if not isinstance(item, dict):
                self.problem(where, "a table", "表", item)
                continue
            found.append(read(item, where))
        return tuple(found)

    def value(self, data: Mapping[str, Any], path: str) -> FrozenValue:
        return FrozenValue(
            self.text(data, "dimension", path),
            self.text(data, "indicator", path),
            self.number(data, "value", path, optional=True),
            self.number(data, "points", path, optional=True),
            self.status(data, path),
        )

    def status(self, data: Mapping[str, Any], path: str) -> str:
        status = self.text(data, "status", path)
        known = [s.value for s in ValueStatus]
        if status and status not in known:
            self.problem(_join(path, "status"), " or ".join(known), "、".join(known), status)
        return str(status)

    def move(self, data: Mapping[str, Any], path: str) -> FrozenMove:
        return FrozenMove(
            self.text(data, "from", path, optional=True),
            self.text(data, "to", path, optional=True),
            self.text(data, "reason", path),
        )

    def subject(self, data: Mapping[str, Any], path: str) -> FrozenSubject:
        dimensions = self.table(data, "dimensions", path)
        vetoes = self.items(data, "vetoes", path)
        for index, veto in enumerate(vetoes):
            if not isinstance(veto, str):
                self.problem(f"{path}.vetoes[{index}]", "a veto rule's id", "否决规则的 id", veto)
        return FrozenSubject(
            id=self.text(data, "subject", path),
            name=self.text(data, "name", path),
            score=_or_zero(self.number(data, "score", path)),
            weighted=_or_zero(self.number(data, "weighted", path)),
            rank=_or_zero(self.number(data, "rank", path)),
            band=self.text(data, "band", path, optional=True),
            dimensions=tuple(
                sorted(
                    (d, self.number(dimensions, d, f"{path}.dimensions", optional=True))
                    for d in dimensions
                )
            ),
            values=self.each(data, "values", path, self.value),
            vetoes=tuple(str(v) for v in vetoes),
            moves=self.each(data, "moves", path, self.move),
        )


def _or_zero(number: Decimal | None) -> Decimal:
    # Not `number or Decimal(0)`: a score of 0.00 is falsy, and would read back as 0. A None
    # comes with a problem, so its stand-in is never seen.
    return Decimal(0) if number is None else number


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def loads(data: bytes, file: str) -> Frozen:
    """The frozen results in ``data`` (a frozen file's bytes, ``file`` naming it).

    A file that is not JSON, is of another :data:`FORMAT`, or has a key missing or of the wrong
    type raises :class:`~schoolwork.WorkspaceError` with every problem, located by key path
    (``results[3].score``) or, for JSON that does not parse, by line and column.
    """
    try:
        parsed = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise WorkspaceError(
            [Problem(file, f"byte {exc.start}", "UTF-8 text", None, expected_zh="UTF-8 文本")]
        ) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise WorkspaceError(
            [Problem(file, where, "JSON", exc.msg, expected_zh="JSON 格式")]
        ) from None
    if not isinstance(parsed, dict):
        raise WorkspaceError(
            [Problem(file, "", "a table", type(parsed).__name__, expected_zh="表")]
        )
    reader = _Reader(file)
    version = parsed.get("format")
    if version != FORMAT:
        library = parsed.get("library")
        by = f" (written by {library})" if isinstance(library, str) else ""
        raise WorkspaceError(
            [
                Problem(
                    file,
                    "format",
                    f"a frozen file of format {FORMAT}; freeze the evaluation again with "
                    f"this version (--force){by}",
                    json.dumps(version),
                    expected_zh=f"第 {FORMAT} 版格式的冻结文件；请用当前版本重新冻结"
                    f"（--force）{by}",
                )
            ]
        )
    frozen = Frozen(
        scheme=reader.text(parsed, "scheme", ""),
        period=reader.text(parsed, "period", ""),
        library=reader.text(parsed, "library", ""),
        rules=reader.table(parsed, "rules", ""),
        inputs=reader.texts(parsed, "inputs", ""),
        plugins=reader.texts(parsed, "plugins", ""),
        results=reader.each(parsed, "results", "", reader.subject),
    )
    if reader.problems:
        raise WorkspaceError(reader.problems)
    return frozen


def read(path: Path) -> Frozen | None:
    """The frozen results at ``path``, or ``None`` if nothing is frozen there."""
    if not path.exists():
        return None
    return loads(path.read_bytes(), str(path))
