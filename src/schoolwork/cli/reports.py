"""``schoolwork report``, ``schoolwork export`` and the main job, ``schoolwork demo``."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.cli.common import (
    WORKSPACE_DIR,
    YEAR,
    document_lang,
    open_session,
    plugin_host_of_run,
    reported,
)
from schoolwork.job import demo as run_demo
from schoolwork.job import write_files
from schoolwork.labels import LANGS, Lang
from schoolwork.reports.model import Edition

LANG = click.option(
    "--lang",
    type=click.Choice(LANGS),
    help="The language of the labels written (default: the global --lang, else zh).",
)
FORCE = click.option("--force", is_flag=True, help="Replace output files that already exist.")


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@YEAR
@click.option(
    "--format", "fmt", default="md", show_default=True, help="md, html, docx, or a plugin's format."
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="The file to write."
)
@LANG
@click.option(
    "--edition",
    type=click.Choice([e.value for e in Edition if e is not Edition.BOTH]),
    default=Edition.BUREAU.value,
    show_default=True,
    help="bureau: the edition sent up, aggregates only; internal: names and ranks (公示).",
)
@FORCE
def report(
    directory: Path,
    year: str | None,
    fmt: str,
    output: Path,
    lang: Lang | None,
    edition: str,
    force: bool,
) -> None:
    """Write the annual work summary of the workspace in DIRECTORY."""
    session = open_session(directory)
    with reported():
        data = session.render(session.report(year, lang=document_lang(lang), edition=edition), fmt)
    with reported(writing=True):
        write_files(output.parent, {output.name: data}, force=force)
    click.echo(f"wrote {output}")


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option(
    "--scheme",
    "scheme_ids",
    multiple=True,
    help="A scheme to export (repeatable; default: all of the year).",
)
@YEAR
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
    lang: Lang | None,
    force: bool,
) -> None:
    """Write score sheets (one sheet per scheme) to an Excel workbook."""
    session = open_session(directory)
    with reported():
        if scheme_ids:
            evaluations = [session.evaluate(s, year=year) for s in scheme_ids]
        else:
            evaluations = session.evaluate_year(year)
        data = session.render(evaluations, "xlsx", lang=document_lang(lang))
    with reported(writing=True):
        write_files(output.parent, {output.name: data}, force=force)
    click.echo(f"wrote {output}")


@click.command()
@click.argument(
    "outdir", type=click.Path(file_okay=False, path_type=Path), default="schoolwork-demo"
)
@click.option("--school", default="sample", show_default=True, help="A workspace a plugin ships.")
@YEAR
@LANG
@FORCE
def demo(outdir: Path, school: str, year: str | None, lang: Lang | None, force: bool) -> None:
    """The main job on the bundled sample school (or a plugin's): validate, evaluate, report.

    Copies the workspace into OUTDIR/workspace, validates it, evaluates every scheme of the
    year, and writes report.md, report.html, report.docx and scores.xlsx into OUTDIR. A run
    that fails leaves OUTDIR as it was.
    """
    host = plugin_host_of_run()
    with reported(writing=True):
        run = run_demo(
            outdir, school=school, year=year, lang=document_lang(lang), force=force, host=host
        )
    click.echo(f"validated {run.session.workspace.school.name}: no problems")
    for scheme, subjects, bands in run.band_counts():
        summary = ", ".join(f"{band} {count}" for band, count in bands)
        click.echo(f"evaluated {scheme.id}: {subjects} subjects ({summary})")
    if not run.evaluations:
        click.echo(f"no scheme is for {run.year}; the report has no evaluation")
    for path in run.written:
        click.echo(f"wrote {path}{'/' if path.is_dir() else ''}")
