"""``schoolwork slips``: score slips (考核明细), a page per teacher or class with every point."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.cli.common import (
    FORCE,
    WORKSPACE_DIR,
    UsageProblem,
    document_lang,
    open_session,
    option,
    reported,
    run_lang,
)
from schoolwork.cli.localised import choice, command
from schoolwork.cli.output import output_option
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


@command(
    zh="""写出考核方案 SCHEME 在 DIRECTORY 工作区的考核明细。

    每位教师或每个班级一页：各指标的原始数据、计分规则和得分，各维度的权重，
    每项加分及其依据的记录，一票否决和名额调整的说明，以及最终得分、名次和等次。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
@option(
    "--scheme",
    "scheme_id",
    required=True,
    help="The id of the scheme.",
    zh="考核方案的 id。",
)
@option(
    "--subject",
    help="Only this teacher's or class's slip, by id or by name.",
    zh="只写这位教师或这个班级的明细（按 id 或姓名）。",
)
@option(
    "--year",
    help="Evaluate for this school year instead of the scheme's own.",
    zh="按这个学年（如 2023-2024）评估，而不是方案自身的学年。",
)
@output_option(
    "The file to write; its extension, .docx or .html, is the format.",
    "要写入的文件；格式取自扩展名（.docx 或 .html）。",
    required=True,
)
@option(
    "--one-file/--per-subject",
    default=True,
    show_default=True,
    help="One booklet of every slip, or a file per subject named after -o "
    "(slips-T003-孙桂婷.docx beside slips.docx).",
    zh="全部明细合成一册，或每个对象一个文件，文件名由 -o 的文件名加上 id 和姓名组成"
    "（slips.docx 旁的 slips-T003-孙桂婷.docx）。",
)
@option(
    "--lang",
    type=choice(LANGS),
    help="The language of the slips (default: the global --lang, else zh).",
    zh="考核明细的语言（默认：全局 --lang，否则为 zh）。",
)
@FORCE
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
