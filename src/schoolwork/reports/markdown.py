"""The report as Markdown (GitHub-flavoured tables).

Charts are left out: a chart only draws numbers that a table of its section already holds.
"""

from __future__ import annotations

from schoolwork.labels import label
from schoolwork.reports.model import Block, PartKind, Report, Table, Text
from schoolwork.reports.numbering import part_heading, section_heading


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _quoted(text: str) -> str:
    """Text on the lines of one Markdown block quote."""
    return "\n> ".join(line.strip() for line in text.strip().splitlines())


def table_lines(table: Table) -> list[str]:
    """A Markdown table, with its caption in italics below it."""
    lines = [
        "| " + " | ".join(_cell(c) for c in table.columns) + " |",
        "| " + " | ".join("---" for _ in table.columns) + " |",
        *("| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows),
    ]
    if table.caption:
        lines += ["", f"*{table.caption}*"]
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Text):
        return [block.markdown.strip()]
    if isinstance(block, Table):
        return table_lines(block)
    return []  # a chart repeats numbers a table of its section already shows


def render_markdown(report: Report) -> str:
    """The whole report as Markdown text."""
    lang = report.lang
    lines = [f"# {report.title}", "", f"**{report.school}**", ""]
    if report.sample_note:
        head, rest = report.sample_note_head
        lines += [f"> {f'**{head}**' if head else ''}{_quoted(rest)}", ""]
    for p_index, part in enumerate(PartKind, start=1):
        found = report.part(part)
        if not found:
            continue
        lines += [f"## {part_heading(p_index, label(part, lang), lang)}", ""]
        for s_index, section in enumerate(found, start=1):
            lines += [f"### {section_heading(p_index, s_index, section.title, lang)}", ""]
            for block in section.blocks:
                lines += [*_block(block), ""]
    lines.append(f"<!-- {label('report.generated_by', lang)} -->")
    return "\n".join(lines) + "\n"
