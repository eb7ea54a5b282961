"""``schoolwork report``, ``schoolwork export`` and the main job, ``schoolwork demo``."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import click

from schoolwork.atomic import write_bytes
from schoolwork.cli.common import (
    WORKSPACE_DIR,
    UsageProblem,
    check_year,
    load_workspace,
    plugin_host,
    reported,
)
from schoolwork.evaluation.assess import assess
from schoolwork.evaluation.results import Evaluation
from schoolwork.evaluation.scheme import Scheme
from schoolwork.labels import LANGS, Lang
from schoolwork.reports.build import build_report, evaluate_year
from schoolwork.reports.model import Report
from schoolwork.sample import copy_sample
from schoolwork.workspace import LoadedWorkspace

FORMATS = ("md", "html", "docx")
LANG = click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
FORCE = click.option("--force", is_flag=True, help="Replace output files that already exist.")


def render(report: Report, fmt: str) -> bytes:
    """``report`` in ``fmt`` as bytes; Word needs the ``reports`` extra."""
    if fmt == "md":
        from schoolwork.reports.markdown import render_markdown

        return render_markdown(report).encode("utf-8")
    if fmt == "html":
        from schoolwork.reports.html import render_html

        return render_html(report).encode("utf-8")
    try:
        from schoolwork.reports.docx import render_docx

        return render_docx(report)
    except ImportError as exc:
        raise UsageProblem(
            f"Word output needs the reports extra: pip install 'schoolwork[reports]' ({exc})"
        ) from None


def write_output(path: Path, data: bytes, force: bool) -> None:
    """Write ``data`` to ``path`` atomically; an existing file is replaced only with ``force``."""
    if path.exists() and not force:
        raise UsageProblem(f"{path} exists; add --force to replace it (nothing was written)")
    if path.is_dir():
        raise UsageProblem(f"{path} is a folder; expected a file name")
    write_bytes(path, data)
    click.echo(f"wrote {path}")


def default_year(loaded: LoadedWorkspace) -> str:
    """The school year most of the workspace's schemes are for, else its latest calendar year."""
    periods = Counter(s.period for s in loaded.workspace.schemes)
    if periods:
        return max(periods, key=lambda p: (periods[p], p))
    years = [y.name for y in loaded.workspace.calendar.years]
    if not years:
        raise UsageProblem("the workspace has no school year; give --year")
    return max(years)


def _evaluations(loaded: LoadedWorkspace, year: str) -> list[tuple[Scheme, Evaluation]]:
    with reported():
        return evaluate_year(loaded, year, plugin_host())


def _report(
    loaded: LoadedWorkspace, year: str, lang: Lang, evaluations: list[tuple[Scheme, Evaluation]]
) -> Report:
    with reported():
        return build_report(loaded, year, lang=lang, host=plugin_host(), evaluations=evaluations)


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--year", help="The school year, such as 2023-2024 (default: the schemes' year).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="The file to write."
)
@LANG
@FORCE
def report(
    directory: Path, year: str | None, fmt: str, output: Path, lang: Lang, force: bool
) -> None:
    """Write the annual work summary of the workspace in DIRECTORY."""
    check_year(year)
    loaded = load_workspace(directory)
    year = year or default_year(loaded)
    built = _report(loaded, year, lang, _evaluations(loaded, year))
    write_output(output, render(built, fmt), force)


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option(
    "--scheme",
    "scheme_ids",
    multiple=True,
    help="A scheme to export (repeatable; default: all of the year).",
)
@click.option("--year", help="The school year (default: the schemes' year).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The .xlsx file to write.",
)
@LANG
@FORCE
def export(
    directory: Path,
    scheme_ids: tuple[str, ...],
    year: str | None,
    output: Path,
    lang: Lang,
    force: bool,
) -> None:
    """Write score sheets (one sheet per scheme) to an Excel workbook."""
    check_year(year)
    loaded = load_workspace(directory)
    if scheme_ids:
        with reported(lookups=True):
            evaluations = [
                assess(loaded, scheme_id, plugin_host(), year) for scheme_id in scheme_ids
            ]
    else:
        evaluations = _evaluations(loaded, year or default_year(loaded))
    write_output(output, _sheets(evaluations, lang), force)


def _sheets(evaluations: list[tuple[Scheme, Evaluation]], lang: Lang) -> bytes:
    try:
        from schoolwork.spreadsheets import score_sheets

        return score_sheets(evaluations, lang)
    except ImportError as exc:
        raise UsageProblem(
            f"Excel output needs the reports extra: pip install 'schoolwork[reports]' ({exc})"
        ) from None


def shipped_workspaces() -> dict[str, tuple[str, Path]]:
    """Workspaces offered by plugins: name → (plugin, folder)."""
    found: dict[str, tuple[str, Path]] = {}
    for plugin, offered in plugin_host().call("schoolwork_workspaces"):
        for name, folder in offered.items():
            if name in found:
                raise UsageProblem(
                    f"workspace {name!r} is offered by both {found[name][0]} and {plugin}"
                )
            found[name] = (plugin, Path(folder))
    return found


@click.command()
@click.argument(
    "outdir", type=click.Path(file_okay=False, path_type=Path), default="schoolwork-demo"
)
@click.option("--school", help="Run on a workspace an installed plugin ships.")
@click.option("--year", help="The school year (default: the schemes' year).")
@LANG
@FORCE
def demo(outdir: Path, school: str | None, year: str | None, lang: Lang, force: bool) -> None:
    """The main job on the bundled sample school (or a plugin's): validate, evaluate, report.

    Copies the workspace into OUTDIR/workspace, validates it, evaluates every scheme of the
    year, and writes report.md, report.html, report.docx and scores.xlsx into OUTDIR.
    """
    check_year(year)
    source: Path | None = None
    if school is not None:
        offered = shipped_workspaces()
        if school not in offered:
            known = ", ".join(sorted(offered)) or "none; install a school's plugin"
            raise UsageProblem(f"no installed plugin ships a workspace {school!r} (known: {known})")
        source = offered[school][1]
    outputs = [outdir / name for name in ("report.md", "report.html", "report.docx", "scores.xlsx")]
    existing = [p for p in (outdir / "workspace", *outputs) if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise UsageProblem(
            f"{names} already exist; add --force to replace them (nothing was written)"
        )
    workspace_dir = outdir / "workspace"
    staging = outdir / ".workspace.new"
    shutil.rmtree(staging, ignore_errors=True)
    if source is None:
        copy_sample(staging)
    else:
        shutil.copytree(source, staging, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    loaded = load_workspace(staging)
    click.echo(f"validated {loaded.workspace.school.name}: no problems")
    year = year or default_year(loaded)
    evaluations = _evaluations(loaded, year)
    for scheme, evaluation in evaluations:
        bands = Counter(r.band for r in evaluation.results)
        summary = ", ".join(f"{b.name} {bands[b.name]}" for b in scheme.bands if bands[b.name])
        click.echo(f"evaluated {scheme.id}: {len(evaluation.results)} subjects ({summary})")
    built = _report(loaded, year, lang, evaluations)
    rendered = [render(built, fmt) for fmt in FORMATS] + [_sheets(evaluations, lang)]
    # Everything is rendered before anything is written: a failure above leaves OUTDIR as it was.
    if workspace_dir.exists():
        shutil.rmtree(workspace_dir)
    staging.rename(workspace_dir)
    click.echo(f"wrote {workspace_dir}/ (the workspace, to look at and edit)")
    for path, data in zip(outputs, rendered, strict=True):
        write_output(path, data, force=True)
