"""``schoolwork template``: the fill-in workbook (数据填报表) of a scheme's raw values."""

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
    warn,
)
from schoolwork.cli.localised import choice, command
from schoolwork.cli.output import output_option
from schoolwork.job import write_files
from schoolwork.labels import LANGS, Lang
from schoolwork.record_files import RECORDS_DIR
from schoolwork.values import VALUES_DIR, values_files

SUFFIX = ".xlsx"


@command(
    zh="""为考核方案 SCHEME 写出原始数据的填报表（Excel 工作簿）。

    每位教师或每个班级一行，姓名列在 id 旁；每个指标一列，表头是指标的中文名称，
    每个单元格按指标的取值范围校验；另有一张“说明”工作表。

    填好后存为 DIR/values/SCHEME.xlsx，再运行 evaluate。

    加 --ballots 则写出民主测评选票登记表：每张选票一行（测评人代号、对象、指标、测评组、
    分数、日期），填好后存为 DIR/records/ballots.xlsx。"""
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
    "--year",
    help="The school year, such as 2023-2024 (default: the scheme's own).",
    zh="学年，如 2023-2024（默认：方案自身的学年）。",
)
@output_option(
    "The .xlsx file to write; DIR/values/SCHEME.xlsx is where the workspace reads it.",
    "要写入的 .xlsx 文件；工作区从 DIR/values/SCHEME.xlsx 读取填好的数据。",
    required=True,
)
@option(
    "--blank",
    is_flag=True,
    help="Leave every value empty instead of filling in the values the workspace holds.",
    zh="所有数值留空，不填入工作区已有的数据。",
)
@option(
    "--ballots",
    is_flag=True,
    help="Write the ballot sheet of the scheme's indicators scored by raters (民主测评) "
    "instead, to be saved as DIR/records/ballots.xlsx.",
    zh="改为写出该方案民主测评指标的选票登记表，填好后存为 DIR/records/ballots.xlsx。",
)
@option(
    "--lang",
    type=choice(LANGS),
    help="The language of the workbook (default: the global --lang, else zh).",
    zh="工作簿的语言（默认：全局 --lang，否则为 zh）。",
)
@FORCE
def template(
    directory: Path,
    scheme_id: str,
    year: str | None,
    output: Path,
    blank: bool,
    ballots: bool,
    lang: Lang | None,
    force: bool,
) -> None:
    """Write a fill-in workbook for the raw values of scheme SCHEME.

    One row per teacher or class with the name beside the id, a column per indicator headed
    with its Chinese name, each cell checked against the indicator's range, and a sheet of
    instructions (说明). Save it filled in as DIR/values/SCHEME.xlsx and run evaluate.

    With --ballots, the ballot sheet of 民主测评 instead: a row per ballot (the rater's token,
    the subject, the indicator, the group, the score, the date), to be saved filled in as
    DIR/records/ballots.xlsx.
    """
    zh = run_lang() == "zh"
    if output.suffix.lower() != SUFFIX:
        raise UsageProblem(
            f"{output}：填报表是 Excel 工作簿，文件名应以 {SUFFIX} 结尾"
            if zh
            else f"{output}: the fill-in workbook is an Excel file; expected a name ending {SUFFIX}"
        )
    session = open_session(directory)
    make = session.ballots_template if ballots else session.values_template
    with reported():
        data = make(scheme_id, year=year, lang=document_lang(lang), prefill=not blank)
    with reported(writing=True):
        write_files(output.parent, {output.name: data}, force=force)
    click.echo(f"已写入 {output}" if zh else f"wrote {output}")
    if ballots:
        others = [session.root / RECORDS_DIR / "ballots.csv"]
        target = session.root / RECORDS_DIR / f"ballots{SUFFIX}"
        others = [p for p in others if p.exists()]
    else:
        others = [p for p in values_files(session.root, scheme_id) if p.suffix.lower() != SUFFIX]
        target = session.root / VALUES_DIR / f"{scheme_id}{SUFFIX}"
    if others and output.resolve() == target.resolve():
        warn(
            f"{others[0]} 仍在；填好工作簿后请删除或移走它（两个文件同时存在时会报错）"
            if zh
            else f"{others[0]} is still there; remove it once the workbook is filled in "
            "(both at once are refused)"
        )
