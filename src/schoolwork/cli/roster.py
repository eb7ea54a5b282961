"""``schoolwork roster import``: people into ``school.toml`` from a staff roster (花名册)."""

from __future__ import annotations

from pathlib import Path

import attrs
import click

from schoolwork.cli.common import (
    FORCE,
    WORKSPACE_DIR,
    UsageProblem,
    document_lang,
    open_session,
    option,
    plugin_host_of_run,
    reported,
    run_lang,
    warn,
)
from schoolwork.cli.localised import LocalCommand, LocalGroup, choice
from schoolwork.cli.output import output_option
from schoolwork.job import RosterImport, import_roster, write_files
from schoolwork.labels import LANGS, Lang
from schoolwork.roster import Change, field_name


@click.group(cls=LocalGroup, help_zh="让工作区的人员与学校的花名册保持一致。")
def roster() -> None:
    """Keep the workspace's people in step with the school's staff roster (花名册)."""


@roster.command(
    "import",
    cls=LocalCommand,
    help_zh="""按花名册 FILE 新增和更新 DIRECTORY 的 school.toml 中的人员。

    花名册是 .xlsx 或 .csv 文件。列：工号、姓名，必填；岗位、部门、学科、在岗，可选。
    新的工号新增一人，已有的工号按花名册填了的单元格更新；花名册里没有的人员不动。每一处变化都会列出。""",
)
@click.argument("directory", type=WORKSPACE_DIR)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--dry-run",
    is_flag=True,
    help="Show what would change; write nothing.",
    zh="只显示会有哪些变化，不写入任何文件。",
)
@option(
    "--same-name",
    is_flag=True,
    help="A new person who shares a name with someone else is a second person, not a mistake.",
    zh="新增人员与已有人员同名时，当作另一个人，而不是错误。",
)
@option(
    "--rewrite",
    is_flag=True,
    help="Write school.toml whole in schoolwork's layout (without its comments) when its "
    "people cannot be edited line by line.",
    zh="school.toml 中的人员无法逐行修改时，按 schoolwork 的格式整体重写（不保留其中的注释）。",
)
def import_(directory: Path, file: Path, dry_run: bool, same_name: bool, rewrite: bool) -> None:
    """Add and update people in DIRECTORY's school.toml from the roster FILE (.xlsx or .csv).

    Columns: 工号 (id) and 姓名 (name), required; 岗位 (roles), 部门 (units), 学科 (subject),
    在岗 (active). A new 工号 is added, a known one updated from the cells the roster fills;
    people the roster leaves out are not touched. Every change is listed.
    """
    host = plugin_host_of_run()
    with reported(writing=True):
        done = import_roster(
            directory, file, dry_run=dry_run, same_name=same_name, rewrite=rewrite, host=host
        )
    lang = run_lang()
    for change in done.changes:
        click.echo(_change(change, lang))
    click.echo(_summary(done, dry_run, lang))
    if not done.layout_kept and done.written:
        warn(
            f"{done.school_file} 已按 schoolwork 的格式整体重写"
            if lang == "zh"
            else f"{done.school_file} was written whole in schoolwork's layout"
        )


_YES_NO_EN = {"是": "yes", "否": "no"}


@roster.command(
    "export",
    cls=LocalCommand,
    help_zh="""把 DIRECTORY 中的人员写成花名册，修改后可再导入。

    各列就是 roster import 读取的列；原样导入这个文件，什么也不会改变。""",
)
@click.argument("directory", type=WORKSPACE_DIR)
@output_option(
    "The roster to write: a .xlsx workbook or a .csv file.",
    "要写入的花名册：.xlsx 工作簿或 .csv 文件。",
    required=True,
)
@option(
    "--lang",
    type=choice(LANGS),
    help="The language of the column headers (default: the global --lang, else zh).",
    zh="表头的语言（默认：全局 --lang，否则为 zh）。",
)
@FORCE
def export(directory: Path, output: Path, lang: Lang | None, force: bool) -> None:
    """Write the people of DIRECTORY as a roster (花名册) to edit and import back.

    The columns are those roster import reads; importing the file unchanged changes nothing.
    """
    zh = run_lang() == "zh"
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "csv"):
        raise UsageProblem(
            f"{output}：花名册应以 .xlsx 或 .csv 结尾"
            if zh
            else f"{output}: a roster is written as .xlsx or .csv"
        )
    session = open_session(directory)
    with reported():
        data = session.roster(fmt, lang=document_lang(lang))
    with reported(writing=True):
        write_files(output.parent, {output.name: data}, force=force)
    click.echo(f"已写入 {output}" if zh else f"wrote {output}")


def _change(change: Change, lang: Lang) -> str:
    zh = lang == "zh"
    if not zh:
        change = attrs.evolve(
            change,
            fields=tuple(
                (f, _YES_NO_EN.get(old, old), _YES_NO_EN.get(new, new))
                if f == "active"
                else (f, old, new)
                for f, old, new in change.fields
            ),
        )
    if change.action == "add":
        # The name leads the line, and a new person is at the school unless the roster says not.
        fields = [
            f"{field_name(f, lang)} {new}"
            for f, _, new in change.fields
            if new and f != "name" and (f, new) not in (("active", "是"), ("active", "yes"))
        ]
        head = "新增" if zh else "add"
    else:
        fields = [
            f"{field_name(f, lang)} {old or '—'} → {new or '—'}" for f, old, new in change.fields
        ]
        head = "更新" if zh else "update"
    joined = ("；" if zh else "; ").join(fields)
    return f"{head} {change.id} {change.name}{'：' if zh else ': '}{joined}"


def _summary(done: RosterImport, dry_run: bool, lang: Lang) -> str:
    added = sum(c.action == "add" for c in done.changes)
    updated = len(done.changes) - added
    if lang == "zh":
        counts = f"新增 {added} 人，更新 {updated} 人，未变 {done.unchanged} 人"
        if not done.changes:
            return f"没有变化（{counts}），未写入 {done.school_file}"
        if dry_run:
            return f"试运行：{counts}；未写入 {done.school_file}"
        return f"已写入 {done.school_file}：{counts}"
    counts = f"{added} added, {updated} updated, {done.unchanged} unchanged"
    if not done.changes:
        return f"nothing to change ({counts}); {done.school_file} not written"
    if dry_run:
        return f"dry run: {counts}; {done.school_file} not written"
    return f"wrote {done.school_file}: {counts}"
