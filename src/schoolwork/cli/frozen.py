"""``schoolwork freeze`` and ``schoolwork diff``: keep published results, tell what moved since.

``evaluate`` warns, through :func:`warn_if_frozen`, when the results it prints differ from
frozen ones, so that a re-evaluation never passes silently for the published one.
"""

from __future__ import annotations

from pathlib import Path

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
from schoolwork.cli.localised import choice, command
from schoolwork.cli.lookup import scheme_id, school_year
from schoolwork.cli.output import output_option, write_output
from schoolwork.job import Session
from schoolwork.labels import label
from schoolwork.reports.changes import FORMATS, render_changes

SCHEME = option(
    "--scheme",
    "scheme",
    required=True,
    help="The id of the scheme.",
    zh="考核方案的 id。",
)
YEAR = option(
    "--year",
    help="The school year, such as 2023-2024 (default: the scheme's own).",
    zh="学年，如 2023-2024（默认：方案自身的学年）。",
)


@command(
    zh="""把考核方案 SCHEME 的评估结果冻结到工作区：DIRECTORY/frozen/SCHEME/学年.json。

    文件保存每个对象的得分、名次、等次、各维度得分和各指标原始值，当时的方案，
    每个输入文件的 sha256 指纹，插件和 schoolwork 的版本。
    已冻结的结果只有加 --force 才会替换；之后的变化用 schoolwork diff 查看。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
@SCHEME
@YEAR
@option(
    "--force",
    is_flag=True,
    help="Replace results that are frozen already.",
    zh="替换已冻结的结果。",
)
def freeze(directory: Path, scheme: str, year: str | None, force: bool) -> None:
    """Freeze the evaluation of scheme SCHEME into DIRECTORY/frozen/SCHEME/YEAR.json.

    The file keeps each subject's score, rank, band, dimension scores and raw values, the
    scheme as it was, the sha256 of every input file and the versions of the plugins and of
    schoolwork. Frozen results are replaced only with --force; schoolwork diff tells what
    changed since.
    """
    school_year(year)
    session = open_session(directory)
    scheme_id(session, scheme)
    with reported(writing=True):
        path = session.freeze(scheme, year=year, force=force)
    click.echo(f"已冻结 {path}" if run_lang() == "zh" else f"froze {path}")


@command(
    zh="""重新评估考核方案 SCHEME，与冻结的结果比较：哪些输入和规则有变，
    哪些对象的得分、名次、等次有变、变了多少，各因哪个指标、否决规则或成立的申诉。
    没有变化时输出“无变化”。加 --appeals 时比较申诉更正前后。格式为 text、json 或 csv。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
@SCHEME
@YEAR
@option(
    "--format",
    "fmt",
    type=choice(FORMATS),
    default="text",
    help="text, json or csv.",
    zh="text、json 或 csv。",
)
@option(
    "--appeals",
    is_flag=True,
    help="Compare the evaluation with the upheld appeals' corrections against the one "
    "without them, instead of with frozen results (nothing need be frozen).",
    zh="比较按成立的申诉更正后的评估与更正前的评估，而不是与冻结结果比较（无需冻结）。",
)
@output_option("Write to this file.", "写入这个文件。")
@FORCE
def diff(
    directory: Path,
    scheme: str,
    year: str | None,
    fmt: str,
    appeals: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Re-evaluate scheme SCHEME and compare it with its frozen results.

    Tells which inputs and rules changed, and which subjects moved score, rank or band, by how
    much and through which of their indicators, vetoes or upheld appeals; "no change" when
    nothing did. With --appeals, tells what the upheld appeals' corrections change.
    """
    school_year(year)
    session = open_session(directory)
    scheme_id(session, scheme)
    with reported():
        if appeals:
            comparison = session.compare_appeals(scheme, year=year)
        else:
            comparison = session.compare(scheme, year=year)
    lang = document_lang(None) if output else run_lang()
    text = render_changes(comparison, fmt, lang, session.scheme(scheme))
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text.encode("utf-8"), force=force)


def warn_if_frozen(session: Session, scheme: str, year: str | None) -> None:
    """Warn when the results of ``scheme`` are frozen and the evaluation differs from them."""
    with reported():
        if session.frozen(scheme, year=year) is None:
            return
        comparison = session.compare(scheme, year=year)
    if comparison.subjects:
        warn(
            label(
                "changes.frozen_warning",
                run_lang(),
                scheme=scheme,
                period=comparison.period,
                file=comparison.against,
                changed=len(comparison.subjects),
            )
        )
