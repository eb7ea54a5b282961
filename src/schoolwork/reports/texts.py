"""Sections the school writes itself, kept in the workspace as Markdown, a folder per year.

``texts/<year>/highlights.md``, ``problems.md`` and ``next_steps.md`` go to the part of the
same name in the summary of that year. Each ``## heading`` starts a section; text before the
first heading is a section titled 总体情况 (Summary) that leads its part.

A workspace written before texts had a folder per year keeps them flat (``texts/problems.md``):
such texts were written for one year, taken to be the calendar's first, and are used for that
year only. Once ``texts/`` has a year's folder, a flat text is refused: which year it speaks of
is no longer clear. A folder named after no year of the calendar, a Markdown file named after no
part, and a text that cannot be read as UTF-8 are refused too, each named; other files (notes,
pictures) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
from markdown_it import MarkdownIt

from schoolwork.calendar import SchoolCalendar
from schoolwork.errors import Problem, describe
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
    if not folder.exists():
        return (), []
    if not folder.is_dir():
        return (), [
            Problem(
                str(folder),
                "",
                "a folder of the school's texts (texts/<year>/problems.md, ...)",
                "a file",
                expected_zh="存放学校文稿的文件夹（如 texts/2023-2024/problems.md）",
            )
        ]
    years = [y.name for y in calendar.years]
    problems: list[Problem] = []
    flat: list[Path] = []
    by_year: dict[str, list[Path]] = {}
    for entry in _entries(folder):
        if entry.is_dir():
            if entry.name in years:
                by_year[entry.name] = [f for f in _entries(entry) if _is_markdown(f)]
                problems += [_unknown_file(f) for f in by_year[entry.name] if f.name not in FILES]
            else:
                problems.append(_unknown_year(entry, years))
        elif _is_markdown(entry):
            if entry.name in FILES:
                flat.append(entry)
            else:
                problems.append(_unknown_file(entry))
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
        text, problem = _read(path)
        if problem is not None:
            problems.append(problem)
        elif text is not None:
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
    return path.is_file() and path.suffix.lower() == ".md"


def _read(path: Path) -> tuple[str | None, Problem | None]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, Problem(
            str(path),
            "",
            "a file schoolwork can read",
            exc.strerror or type(exc).__name__,
            expected_zh="可以读取的文件（检查文件权限）",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, Problem(
            str(path),
            f"line {line}",
            "UTF-8 text (save the file as UTF-8)",
            describe(data[exc.start : exc.start + 4]),
            expected_zh="UTF-8 编码的文本（请将文件另存为 UTF-8 编码）",
        )


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
