"""``schoolwork slips``: score slips (考核明细), a page per teacher or class with every point."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.cli.common import (
    WORKSPACE_DIR,
    UsageProblem,
    document_lang,
    open_session,
    reported,
    run_lang,
)
from schoolwork.job import write_files
from schoolwork.labels import LANGS, Lang
from schoolwork.reports.slip_files import SLIP_FORMATS


def _format(output: Path) -> str:
    """The format ``-o`` names by its extension: ``docx`` or ``html``; anything else exits 2."""
    fmt = output.suffix.lower().removeprefix(".")
    if fmt in SLIP_FORMATS:
        return fmt
    if run_lang() == "zh":
        message = f"{output}：考核明细只能写成 .docx 或 .html 文件（格式由扩展名决定）"
    else:
        message = f"{output}: score slips are written as .docx or .html (the extension decides)"
    raise UsageProblem(message)


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--scheme", "scheme_id", required=True, help="The id of the scheme.")
@click.option("--subject", help="Only this teacher's or class's slip, by id or by name.")
@click.option("--year", help="Evaluate for this school year instead of the scheme's own.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write; its extension, .docx or .html, is the format.",
)
@click.option(
    "--one-file/--per-subject",
    default=True,
    show_default=True,
    help="One booklet of every slip, or a file per subject named after -o "
    "(slips-T003-孙桂婷.docx beside slips.docx).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    help="The language of the slips (default: the global --lang, else zh).",
)
@click.option("--force", is_flag=True, help="Replace output files that already exist.")
def slips(
    directory: Path,
    scheme_id: str,
    subject: str | None,
    year: str | None,
    output: Path,
    one_file: bool,
    lang: Lang | None,
    force: bool,
) -> None:
    """Write the score slips (考核明细) of scheme SCHEME over the workspace in DIRECTORY.

    A page per teacher or class: every indicator's raw value, rule and points, each
    dimension's weight, every bonus with the record behind it, vetoes and quota moves in
    plain words, and the final score, rank and band.
    """
    fmt = _format(output)
    session = open_session(directory)
    with reported():
        files = session.slips(
            scheme_id,
            fmt,
            subject=subject,
            year=year,
            lang=document_lang(lang),
            per_subject=not one_file,
            name=output.stem,
        )
    with reported(writing=True):
        written = write_files(output.parent, files, force=force)
    wrote = "已写入" if run_lang() == "zh" else "wrote"
    for path in written:
        click.echo(f"{wrote} {path}")
