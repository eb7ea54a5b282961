"""``schoolwork report``, ``schoolwork export`` and the main job, ``schoolwork demo``."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import click

from schoolwork.cli.common import (
    FORCE,
    WORKSPACE_DIR,
    YEAR,
    document_lang,
    open_session,
    option,
    plugin_host_of_run,
    reported,
    run_lang,
)
from schoolwork.cli.localised import choice, command
from schoolwork.cli.lookup import scheme_id, school_year, shipped
from schoolwork.cli.output import (
    choose_format,
    formats_of,
    output_option,
    run_renderers,
    write_output,
    write_streamed_output,
)
from schoolwork.job import SCORES_FORMAT
from schoolwork.job import demo as run_demo
from schoolwork.labels import LANGS, Lang, label
from schoolwork.reports.model import Edition
from schoolwork.reports.renderers import ReportRenderer, ScoresRenderer

PARQUET = "parquet"
"""The other format ``export`` writes: one scheme's scores for analysts."""

LANG = option(
    "--lang",
    type=choice(LANGS),
    help="The language of the labels written (default: the global --lang, else zh).",
    zh="写入文件的标签所用的语言（默认：全局 --lang，否则为 zh）。",
)


@command(
    zh="""为 DIRECTORY 中的工作区写出学年工作总结。

    格式取自 -o 文件的扩展名：.md、.html、.docx、.pdf，或插件提供的格式；
    也可用 --format 指定，但须与扩展名一致。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
@YEAR
@option(
    "--format",
    "fmt",
    help="md, html, docx, pdf, or a plugin's format (default: from the extension of -o).",
    zh="md、html、docx、pdf，或插件提供的格式（默认：取自 -o 的扩展名）。",
)
@output_option(
    "The file to write; its extension gives the format (.md, .html, .docx, .pdf).",
    "要写入的文件；格式取自扩展名（.md、.html、.docx、.pdf）。",
    required=True,
)
@LANG
@option(
    "--edition",
    type=choice([e.value for e in Edition if e is not Edition.BOTH]),
    default=Edition.BUREAU.value,
    show_default=True,
    help="bureau: the edition sent up, aggregates only; internal: names and ranks (公示).",
    zh="bureau：上报版，只有汇总数据；internal：校内公示版，含姓名和名次。",
)
@FORCE
def report(
    directory: Path,
    year: str | None,
    fmt: str | None,
    output: Path,
    lang: Lang | None,
    edition: str,
    force: bool,
) -> None:
    """Write the annual work summary of the workspace in DIRECTORY.

    The format follows the extension of -o: .md, .html, .docx, .pdf, or a plugin's; --format
    may name it too, and must agree with the extension.
    """
    school_year(year)
    chosen = choose_format(output, fmt, formats_of(run_renderers(), ReportRenderer))
    session = open_session(directory)
    with reported():
        built = session.report(year, lang=document_lang(lang), edition=edition)
        data = session.render(built, chosen)
    write_output(output, data, force=force)


@command(
    zh="把考核结果写入 Excel 工作簿（.xlsx，每个方案一张工作表），"
    "或写入 Parquet 文件（.parquet，一个方案，每个对象一行）。"
)
@click.argument("directory", type=WORKSPACE_DIR)
@option(
    "--scheme",
    "scheme_ids",
    multiple=True,
    help="A scheme to export (repeatable; default: all of the year).",
    zh="要导出的考核方案（可重复；默认：该学年的全部方案）。",
)
@YEAR
@output_option(
    "The .xlsx (or, for one scheme, .parquet) file to write.",
    "要写入的 .xlsx 文件（只有一个方案时也可以是 .parquet）。",
    required=True,
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
    """Write score sheets (one sheet per scheme) to an Excel workbook (.xlsx), or one scheme's
    scores to a Parquet file (.parquet, one row per subject, decimals exact) for analysts."""
    school_year(year)
    chosen = choose_format(
        output, None, formats_of(run_renderers(), ScoresRenderer, (SCORES_FORMAT, PARQUET))
    )
    session = open_session(directory)
    for given in scheme_ids:
        scheme_id(session, given)
    with reported():
        if scheme_ids:
            evaluations = [session.evaluate(s, year=year) for s in scheme_ids]
        else:
            evaluations = session.evaluate_year(year)

    def write(stream: BinaryIO) -> None:
        session.write_scores(stream, evaluations, chosen, lang=document_lang(lang))

    write_streamed_output(output, write, force=force)


@command(
    zh="""在自带的示例学校（或插件提供的学校）上完成整套工作：校验、评估、写总结。

    把工作区复制到 OUTDIR/workspace，校验它，评估该学年的每个考核方案，
    并在 OUTDIR 中写出 report.md、report.html、report.docx 和 scores.xlsx。
    运行失败时 OUTDIR 保持原样。"""
)
@click.argument(
    "outdir", type=click.Path(file_okay=False, path_type=Path), default="schoolwork-demo"
)
@option(
    "--school",
    default="sample",
    show_default=True,
    help="A workspace a plugin ships.",
    zh="插件提供的工作区名称。",
)
@YEAR
@LANG
@FORCE
def demo(outdir: Path, school: str, year: str | None, lang: Lang | None, force: bool) -> None:
    """The main job on the bundled sample school (or a plugin's): validate, evaluate, report.

    Copies the workspace into OUTDIR/workspace, validates it, evaluates every scheme of the
    year, and writes report.md, report.html, report.docx and scores.xlsx into OUTDIR. A run
    that fails leaves OUTDIR as it was.
    """
    words = run_lang()
    school_year(year)
    host = plugin_host_of_run()
    with reported():
        shipped(host, school)
    with reported(writing=True):
        run = run_demo(
            outdir, school=school, year=year, lang=document_lang(lang), force=force, host=host
        )
    click.echo(label("cli.demo.validated", words, school=run.session.workspace.school.name))
    for scheme, subjects, bands in run.band_counts():
        summary = label("listing.list", words).join(f"{band} {count}" for band, count in bands)
        click.echo(
            label("cli.demo.evaluated", words, scheme=scheme.id, subjects=subjects, bands=summary)
        )
    if not run.evaluations:
        click.echo(label("cli.demo.no_scheme", words, year=run.year))
    for path in run.written:
        click.echo(label("cli.wrote", words, path=f"{path}{'/' if path.is_dir() else ''}"))
