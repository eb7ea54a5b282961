"""``schoolwork template``: the fill-in workbook (数据填报表) of a scheme's raw values."""

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
    warn,
)
from schoolwork.job import write_files
from schoolwork.labels import LANGS, Lang
from schoolwork.values import VALUES_DIR, values_files

SUFFIX = ".xlsx"


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--scheme", "scheme_id", required=True, help="The id of the scheme.")
@click.option("--year", help="The school year, such as 2023-2024 (default: the scheme's own).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The .xlsx file to write; DIR/values/SCHEME.xlsx is where the workspace reads it.",
)
@click.option(
    "--blank",
    is_flag=True,
    help="Leave every value empty instead of filling in the values the workspace holds.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    help="The language of the workbook (default: the global --lang, else zh).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def template(
    directory: Path,
    scheme_id: str,
    year: str | None,
    output: Path,
    blank: bool,
    lang: Lang | None,
    force: bool,
) -> None:
    """Write a fill-in workbook for the raw values of scheme SCHEME.

    One row per teacher or class with the name beside the id, a column per indicator headed
    with its Chinese name, each cell checked against the indicator's range, and a sheet of
    instructions (说明). Save it filled in as DIR/values/SCHEME.xlsx and run evaluate.
    """
    zh = run_lang() == "zh"
    if output.suffix.lower() != SUFFIX:
        raise UsageProblem(
            f"{output}：填报表是 Excel 工作簿，文件名应以 {SUFFIX} 结尾"
            if zh
            else f"{output}: the fill-in workbook is an Excel file; expected a name ending {SUFFIX}"
        )
    session = open_session(directory)
    with reported():
        data = session.values_template(
            scheme_id, year=year, lang=document_lang(lang), prefill=not blank
        )
    with reported(writing=True):
        write_files(output.parent, {output.name: data}, force=force)
    click.echo(f"已写入 {output}" if zh else f"wrote {output}")
    others = [p for p in values_files(session.root, scheme_id) if p.suffix.lower() != SUFFIX]
    target = session.root / VALUES_DIR / f"{scheme_id}{SUFFIX}"
    if others and output.resolve() == target.resolve():
        warn(
            f"{others[0]} 仍在；填好工作簿后请删除或移走它（两个文件同时存在时会报错）"
            if zh
            else f"{others[0]} is still there; remove it once the workbook is filled in "
            "(both at once are refused)"
        )
