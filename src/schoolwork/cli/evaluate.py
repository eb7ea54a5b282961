"""``schoolwork evaluate``: scores, bands and ranks of one scheme, or one subject's full trace."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import click

from schoolwork.cli.common import (
    FORCE,
    WORKSPACE_DIR,
    document_lang,
    open_session,
    option,
    reported,
    run_lang,
    warn,
)
from schoolwork.cli.frozen import warn_if_frozen
from schoolwork.cli.localised import command
from schoolwork.cli.lookup import scheme_id, school_year
from schoolwork.cli.output import (
    choose_format,
    echo_data,
    echo_streamed,
    formats_of,
    output_option,
    run_renderers,
    write_output,
    write_streamed_output,
)
from schoolwork.cli.table import format_fitted, output_width
from schoolwork.reports.explained import explanation, explanation_json, subject_result
from schoolwork.reports.listings import score_table
from schoolwork.reports.renderers import ScoresRenderer

TABLE = "table"
EXPLAIN_FORMATS = (TABLE, "json")
"""What ``--explain`` writes: text (the ``table`` format, ``.txt``) or JSON."""


@command(
    zh="""按考核方案 SCHEME 评估 DIRECTORY 中的工作区：每个对象的得分、等次和名次。

    加 --explain 时改为逐项说明一个对象（工号、编号或姓名）的每一分。
    输出格式取自 -o 文件的扩展名（.txt、.csv、.json、.xlsx、.parquet），
    也可用 --format 指定，但两者须一致。
    工作区的警告写到标准错误，开头为“警告：”，不影响评估。
    结果已冻结（schoolwork freeze）且有变化时，警告会说明有几个对象结果有变；冻结文件不会被改动。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
@option(
    "--scheme",
    "scheme",
    required=True,
    help="The id of the scheme to evaluate.",
    zh="要评估的考核方案的 id。",
)
@option(
    "--year",
    help="Evaluate for this school year instead of the scheme's own (2023-2024).",
    zh="按这个学年（如 2023-2024）评估，而不是方案自身的学年。",
)
@option(
    "--format",
    "fmt",
    help=(
        "table, csv, json, xlsx, parquet, or a format a plugin offers (default: from the "
        "extension of -o, else table)."
    ),
    zh=(
        "table、csv、json、xlsx、parquet，或插件提供的格式（默认：取自 -o 的扩展名，"
        "否则为 table）。"
    ),
)
@option(
    "--explain",
    "subject",
    help=(
        "Print every point of one subject (id or name) instead, as text or, with --format "
        "json, as JSON."
    ),
    zh="改为逐项说明一个对象（id 或姓名）的得分：文本，或加 --format json 输出 JSON。",
)
@output_option(
    "Write to this file; its extension gives the format (.txt, .csv, .json, .xlsx, .parquet).",
    "写入这个文件；格式取自扩展名（.txt、.csv、.json、.xlsx、.parquet）。",
)
@FORCE
def evaluate(
    directory: Path,
    scheme: str,
    year: str | None,
    fmt: str | None,
    subject: str | None,
    output: Path | None,
    force: bool,
) -> None:
    """Evaluate scheme SCHEME over the workspace in DIRECTORY.

    With --explain, every point of one subject (id or name) instead. The format follows the
    extension of -o (.txt, .csv, .json, .xlsx, .parquet); --format may name it too, and must
    agree. CSV, JSON and Parquet are written one subject at a time.
    The workspace's warnings go to stderr as ``warning: ...``; they do not stop the evaluation.
    When the results are frozen (schoolwork freeze) and differ, a warning says how many
    subjects changed; the frozen file is never touched.
    """
    lang = run_lang()
    school_year(year)
    offered = formats_of(run_renderers(), ScoresRenderer, EXPLAIN_FORMATS if subject else None)
    chosen = choose_format(output, fmt, offered, default=TABLE)
    session = open_session(directory)
    for warning in session.warnings:
        warn(warning)
    scheme_id(session, scheme)
    warn_if_frozen(session, scheme, year)
    with reported():
        if subject is not None:
            declared, evaluation = session.evaluate(scheme, year=year)
            result = subject_result(evaluation, subject, lang)
            if chosen == TABLE:
                text = explanation(result, declared, evaluation, session.workspace, lang)
            else:
                text = explanation_json(result, declared, evaluation)
            data_bytes = text.encode("utf-8")
        else:
            scored = session.evaluate(scheme, year=year)
            renderer = offered[chosen]
            if isinstance(renderer, ScoresRenderer) and renderer.write is not None:
                # CSV, JSON, Parquet: written a subject at a time, never built whole.
                def write(stream: BinaryIO) -> None:
                    session.write_scores(stream, [scored], chosen, lang=document_lang(None))

                if output is None:
                    echo_streamed(write, renderer)
                else:
                    write_streamed_output(output, write, force=force)
                return
            if chosen == TABLE:
                table = score_table(*scored, lang)
                room = None if output is not None else output_width()
                text = f"{table.caption}\n{format_fitted(table.columns, table.rows, room)}\n"
                data_bytes = text.encode("utf-8")
            else:
                data_bytes = session.render([scored], chosen, lang=document_lang(None))
    if output is None:
        echo_data(data_bytes, chosen)
        return
    write_output(output, data_bytes, force=force)
