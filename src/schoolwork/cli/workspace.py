"""``schoolwork init`` and ``schoolwork validate``."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.cli.common import (
    WORKSPACE_DIR,
    UsageProblem,
    open_session,
    option,
    reported,
    run_lang,
    warn,
)
from schoolwork.cli.localised import command
from schoolwork.job import init_workspace
from schoolwork.labels import label
from schoolwork.reports.listings import summary


@command(
    zh="""在 DIRECTORY 中建立工作区：一份空白骨架，或自带的示例学校。

    已有文件的文件夹不会被写入，除非加 --force；加了之后，同名文件被替换，其余文件保留。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
@option(
    "--sample",
    is_flag=True,
    help="Copy the bundled sample school instead.",
    zh="改为复制自带的示例学校。",
)
@option(
    "--force",
    is_flag=True,
    help="Write into a folder that is not empty.",
    zh="写入不为空的文件夹。",
)
def init(directory: Path, sample: bool, force: bool) -> None:
    """Create a workspace in DIRECTORY: an empty skeleton, or the bundled sample school.

    A folder that already holds files is refused unless --force is given; with it, files of
    the same name are replaced and others are left alone.
    """
    lang = run_lang()
    if directory.exists() and not directory.is_dir():
        raise UsageProblem(label("cli.init.file", lang, path=directory))
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise UsageProblem(label("cli.init.not_empty", lang, path=directory))
    with reported(writing=True):
        written = init_workspace(directory, sample=sample, force=force)
    for path in written:
        click.echo(label("cli.wrote", lang, path=path))
    click.echo(label("cli.init.next", lang, path=directory))


@command(
    zh="""检查 DIRECTORY 中的工作区：没有问题时显示概况，否则列出每一处问题并以状态 2 退出。

    警告（考核方案让数据作出与字面不同的判断之处）写到标准错误，开头为“警告：”，不影响检查结果。"""
)
@click.argument("directory", type=WORKSPACE_DIR)
def validate(directory: Path) -> None:
    """Check the workspace in DIRECTORY; print a summary, or every problem and exit 2.

    Warnings (what a scheme lets its data decide against its plain reading) go to stderr as
    ``warning: ...`` and do not fail the check.
    """
    lang = run_lang()
    session = open_session(directory)
    for warning in session.warnings:
        warn(warning)
    # Not wrapped: its long lines name files and folders, which must copy whole.
    click.echo(summary(session.loaded, lang, values=session.values_files()))
    click.echo(label("cli.validate.ok", lang))
