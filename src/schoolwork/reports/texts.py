"""Sections the school writes itself, kept in the workspace as Markdown, a folder per year.

``texts/<year>/highlights.md``, ``problems.md`` and ``next_steps.md`` go to the part of the
same name in the summary of that year. Each ``## heading`` starts a section; text before the
first heading is a section titled 总体情况 (Summary) that leads its part.

A workspace written before texts had a folder per year keeps them flat (``texts/problems.md``):
such texts were written for one year, taken to be the calendar's first, and are used for that
year only. Once ``texts/`` has a year's folder, a flat text is refused: which year it speaks of
is no longer clear. A folder named after no year of the calendar, a Markdown file named after no
part, and a text that is not UTF-8 are refused too, each named; other files (notes, pictures)
are left alone. Texts are read as every file of a workspace is (:mod:`schoolwork.sources`): a
folder, a link that loops or leads nowhere, or a file that may not be read where a text or a
year's folder should be is refused by name, never skipped as if there were no text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
from markdown_it import MarkdownIt

from schoolwork import sources
from schoolwork.calendar import SchoolCalendar
from schoolwork.errors import Problem, WorkspaceError
from schoolwork.labels import Lang, label
from schoolwork.reports.model import PartKind, Section, Text

TEXTS_DIR = "texts"
FILES = {f"{part.value}.md": part for part in PartKind}
"""The file name of each part's text."""

_MARKDOWN = MarkdownIt("commonmark")


@attrs.frozen
class SchoolText:
    """One part's text as the school wrote it: the lead before any heading, then each ``##``
    section as (title, Markdown body)."""

    part: PartKind
    file: Path
    lead: str
    sections: tuple[tuple[str, str], ...]


def read_texts(
    root: Path, year: str, calendar: SchoolCalendar
) -> tuple[tuple[SchoolText, ...], list[Problem]]:
    """The school's texts for ``year``, part by part, and every problem of the texts folder."""
    folder = root / TEXTS_DIR
    if not sources.exists(folder):
        return (), []
    unusable = sources.folder_problems(
        folder,
        "the school's texts (texts/<year>/problems.md, ...)",
        "学校文稿",
    )
    if unusable:
        return (), unusable
    years = [y.name for y in calendar.years]
    problems: list[Problem] = []
    flat: list[Path] = []
    by_year: dict[str, list[Path]] = {}
    for entry in _entries(folder):
        if entry.name in years:
            # A year's folder that is not one, or cannot be listed, is told, never taken for
            # a year without texts.
            unusable = sources.folder_problems(
                entry, f"the school's texts of {entry.name}", f"{entry.name} 学年学校文稿"
            )
            if unusable:
                problems += unusable
                continue
            by_year[entry.name] = [f for f in _entries(entry) if _is_markdown(f)]
            problems += [_unknown_file(f) for f in by_year[entry.name] if f.name not in FILES]
        elif _is_markdown(entry):
            if entry.name in FILES:
                flat.append(entry)
            else:
                problems.append(_unknown_file(entry))
        elif entry.is_dir():
            problems.append(_unknown_year(entry, years))
    if flat and by_year:
        problems += [_flat_beside_years(f, sorted(by_year)) for f in flat]
    if year in by_year:
        chosen = [f for f in by_year[year] if f.name in FILES]
    elif flat and not by_year and years and year == min(years):
        chosen = flat
    else:
        chosen = []
    found = []
    for path in sorted(chosen, key=lambda p: list(FILES).index(p.name)):
        text, unread = _read(path)
        problems += unread
        if text is not None:
            found.append(_parsed(FILES[path.name], path, text))
    return tuple(found), problems


def text_sections(texts: Sequence[SchoolText], lang: Lang) -> Iterator[Section]:
    """The school's own sections, part by part, in the order they are written."""
    for text in texts:
        part = text.part
        if text.lead:
            title = label("report.summary", lang)
            yield Section(
                f"{part.value}-summary", title, part, (Text(text.lead),), source="workspace"
            )
        for number, (title, body) in enumerate(text.sections, start=1):
            yield Section(f"{part.value}-{number}", title, part, (Text(body),), source="workspace")


def _entries(folder: Path) -> list[Path]:
    # Hidden entries are the machine's (.DS_Store, a .git folder), never the school's texts.
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _is_markdown(path: Path) -> bool:
    # By name only: a folder or a broken link named problems.md is the school's text that
    # cannot be read, and is told as such, never skipped.
    return path.suffix.lower() == ".md"


def _read(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of ``path``, or the problems of reading it (see :mod:`schoolwork.sources`)."""
    try:
        return sources.text(sources.read_bytes(path), str(path)), []
    except WorkspaceError as exc:
        return None, list(exc.problems)


def _parsed(part: PartKind, path: Path, text: str) -> SchoolText:
    """Split ``text`` at its level-two headings, found by a Markdown parser, so a ``##`` inside
    a code block or a heading underlined with dashes is read as Markdown reads it."""
    lines = text.splitlines()
    tokens = _MARKDOWN.parse(text)
    heads = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map is not None:
            heads.append((token.map[0], token.map[1], tokens[index + 1].content.strip()))
    lead = "\n".join(lines[: heads[0][0]] if heads else lines).strip()
    sections = []
    for number, (_, body_start, title) in enumerate(heads):
        body_end = heads[number + 1][0] if number + 1 < len(heads) else len(lines)
        sections.append((title, "\n".join(lines[body_start:body_end]).strip()))
    return SchoolText(part, path, lead, tuple(sections))


def _unknown_file(path: Path) -> Problem:
    names = ", ".join(FILES)
    return Problem(
        str(path),
        "",
        f"a text named after a part of the summary: {names}",
        path.name,
        expected_zh=(
            "以总结的某一部分命名的文稿：highlights.md（重点工作及亮点）、problems.md（存在问题）、"
            "next_steps.md（下一步打算）"
        ),
    )


def _unknown_year(path: Path, years: Sequence[str]) -> Problem:
    known = ", ".join(years) or "none"
    return Problem(
        str(path),
        "",
        f"a folder named after a school year of the calendar in school.toml ({known})",
        path.name,
        expected_zh=f"以 school.toml 校历中某一学年命名的文件夹（{known}）",
    )


def _flat_beside_years(path: Path, years: Sequence[str]) -> Problem:
    where = f"{TEXTS_DIR}/{years[0]}/{path.name}"
    return Problem(
        str(path),
        "",
        f"every text in a year's folder, such as {where}, once texts/ has one",
        f"{TEXTS_DIR}/{path.name} beside {', '.join(f'{TEXTS_DIR}/{y}/' for y in years)}",
        expected_zh=(f"texts 下已按学年分文件夹，每份文稿都应放入某一学年的文件夹，如 {where}"),
    )
