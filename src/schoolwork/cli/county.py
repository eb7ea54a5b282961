"""``schoolwork county``: one scheme over a folder of schools, ranked and banded together."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.bureau import EXECUTORS, evaluate_schools
from schoolwork.cli.common import FORCE, option, reported, run_lang
from schoolwork.cli.localised import command
from schoolwork.cli.lookup import school_year
from schoolwork.cli.output import output_option
from schoolwork.labels import label


@command(
    zh="""按考核方案 SCHEME 一起评估 FOLDER 中各学校的工作区（或一个工作区）。

    全县（全市、全省）统一排名、定等次、按比例限额；对象的 id 前加学校 id，
    如 school-id/T003。每所学校的工作区都须有同一个方案（定义完全相同）。
    结果逐行写入 -o 文件（.csv 或 .json）；进度写到标准错误。"""
)
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@option(
    "--scheme",
    "scheme",
    required=True,
    help="The id of the scheme every school holds.",
    zh="每所学校都有的考核方案的 id。",
)
@option(
    "--year",
    help="Evaluate for this school year instead of the scheme's own (2023-2024).",
    zh="按这个学年（如 2023-2024）评估，而不是方案自身的学年。",
)
@output_option(
    "Write the results to this file, .csv or .json.",
    "把结果写入这个文件（.csv 或 .json）。",
    required=True,
)
@option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="process",
    show_default=True,
    help="Score the schools serially, on a local process pool, or on Dask (the scale extra).",
    zh="逐个评估、用本机进程池评估，或用 Dask 评估（需要 scale 扩展）。",
)
@option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --executor dask: the address of a running Dask scheduler (tcp://host:8786).",
    zh="与 --executor dask 一起用：正在运行的 Dask 调度器地址（tcp://host:8786）。",
)
@option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes on this machine (default: one per core).",
    zh="本机的工作进程数（默认：每个核一个）。",
)
@FORCE
def county(
    folder: Path,
    scheme: str,
    year: str | None,
    output: Path,
    executor: str,
    scheduler: str | None,
    workers: int | None,
    force: bool,
) -> None:
    """Evaluate scheme SCHEME over every school's workspace in FOLDER (or the one there).

    Ranks, bands and quotas are the county's (or province's) over every subject; ids are
    qualified by the school, as school-id/T003. Every school must hold the same scheme.
    The results are written row by row to -o (.csv or .json); progress goes to stderr.
    """
    lang = run_lang()
    school_year(year)
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")

    def progress(done: int, total: int, subjects: int) -> None:
        text = label("cli.county.progress", lang, done=done, total=total, subjects=subjects)
        click.echo(f"\r{text}", err=True, nl=done == total)

    with reported(writing=True):
        evaluation = evaluate_schools(
            folder,
            scheme,
            year=year,
            executor=executor,
            workers=workers,
            scheduler=scheduler,
            progress=progress,
        )
        evaluation.write(output, force=force)
    click.echo(label("cli.wrote", lang, path=output))
