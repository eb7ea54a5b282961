"""Evaluating a scheme of a loaded workspace: schemes from files and plugins, values, records."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from schoolwork.checks.schemes import scheme_problems
from schoolwork.evaluation.engine import evaluate
from schoolwork.evaluation.results import Evaluation
from schoolwork.evaluation.scheme import Scheme
from schoolwork.evaluation.subjects import RecordBook, subjects_for
from schoolwork.evaluation.values import SUFFIXES, VALUES_DIR, Table, read_values, values_files
from schoolwork.plugins import PluginError, PluginHost
from schoolwork.problems import Problem, WorkspaceError
from schoolwork.workspace import LoadedWorkspace


@attrs.frozen
class SchemeSource:
    """A scheme and where it came from: ``schemes.toml`` or ``plugin:NAME``."""

    scheme: Scheme
    origin: str


def available_schemes(loaded: LoadedWorkspace, host: PluginHost | None) -> list[SchemeSource]:
    """The workspace's schemes, then each plugin's; a clash of ids names the plugin."""
    sources = [SchemeSource(s, loaded.file("schemes")) for s in loaded.workspace.schemes]
    if host is None:
        return sources
    taken = {s.scheme.id: s.origin for s in sources}
    for plugin, provided in host.call("schoolwork_schemes", workspace=loaded.workspace):
        for scheme in provided:
            if not isinstance(scheme, Scheme):
                wrong = TypeError(f"expected Scheme objects, got {type(scheme).__name__}")
                raise PluginError(plugin, "schoolwork_schemes", wrong)
            if scheme.id in taken:
                error = ValueError(
                    f"scheme id {scheme.id!r} is already taken by {taken[scheme.id]}"
                )
                raise PluginError(plugin, "schoolwork_schemes", error)
            taken[scheme.id] = f"plugin:{plugin}"
            sources.append(SchemeSource(scheme, f"plugin:{plugin}"))
    return sources


def find_scheme(loaded: LoadedWorkspace, scheme_id: str, host: PluginHost | None) -> SchemeSource:
    """The scheme called ``scheme_id``; ``KeyError`` naming the known ones otherwise."""
    sources = available_schemes(loaded, host)
    for source in sources:
        if source.scheme.id == scheme_id:
            return source
    known = ", ".join(s.scheme.id for s in sources) or "none"
    raise KeyError(f"no scheme {scheme_id!r} (known: {known})")


def assess(
    loaded: LoadedWorkspace, scheme_id: str, host: PluginHost | None = None, year: str | None = None
) -> tuple[Scheme, Evaluation]:
    """Evaluate scheme ``scheme_id`` over the workspace; ``year`` replaces the scheme's period.

    Raises :class:`WorkspaceError` for an unsound plugin scheme or bad values file.
    """
    source = find_scheme(loaded, scheme_id, host)
    scheme = source.scheme if year is None else attrs.evolve(source.scheme, period=year)
    problems = scheme_problems(scheme, source.origin)
    if problems:
        raise WorkspaceError(problems)
    subjects = subjects_for(scheme.subject, loaded.workspace)
    values = read_scheme_values(loaded.root, scheme, (s.id for s in subjects))
    evaluation = evaluate(
        scheme,
        subjects,
        values=values,
        records=RecordBook.of_workspace(loaded.workspace),
        workspace=loaded.workspace,
        host=host,
    )
    return scheme, evaluation


def read_scheme_values(root: Path, scheme: Scheme, subjects: Iterable[str]) -> Table | None:
    """The values file of ``scheme`` in ``root``, or ``None`` if the workspace has none."""
    found = values_files(root, scheme.id)
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise WorkspaceError(
            [Problem(str(root / VALUES_DIR), "", "one values file per scheme", f"both {names}")]
        )
    return read_values(found[0], scheme, subjects) if found else None


def check_values(loaded: LoadedWorkspace) -> list[Problem]:
    """Problems of every values file of the workspace's own schemes."""
    problems: list[Problem] = []
    schemes = (*loaded.workspace.schemes, *loaded.plugin_schemes)
    for scheme in schemes:
        subjects = [s.id for s in subjects_for(scheme.subject, loaded.workspace)]
        try:
            read_scheme_values(loaded.root, scheme, subjects)
        except WorkspaceError as exc:
            problems.extend(exc.problems)
    values_dir = loaded.root / VALUES_DIR
    if values_dir.is_dir():
        ids = {s.id for s in schemes}
        for path in sorted(p for p in values_dir.iterdir() if p.suffix.lower() in SUFFIXES):
            if path.stem not in ids:
                problems.append(
                    Problem(
                        str(path),
                        "",
                        "the id of a scheme (of schemes.toml or a plugin) as the file name",
                        repr(path.stem),
                    )
                )
    return problems
