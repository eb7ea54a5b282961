"""Sections the school writes itself, kept in the workspace as Markdown.

``texts/highlights.md``, ``texts/problems.md`` and ``texts/next_steps.md`` go to the part of the
same name. Each ``## heading`` starts a section; text before the first heading is a section
titled 总体情况 (Summary) that leads its part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from schoolwork.labels import Lang, label
from schoolwork.reports.model import PartKind, Section, Text

TEXTS_DIR = "texts"


def text_sections(root: Path, lang: Lang) -> Iterator[Section]:
    """The school's own sections, part by part, in the order they are written."""
    for part in PartKind:
        path = root / TEXTS_DIR / f"{part.value}.md"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8-sig")
        chunks = re.split(r"^## +(.+?)\s*$", text, flags=re.MULTILINE)
        lead, rest = chunks[0].strip(), chunks[1:]
        if lead:
            title = label("report.summary", lang)
            yield Section(f"{part.value}-summary", title, part, (Text(lead),), source="workspace")
        for number, (title, body) in enumerate(zip(rest[::2], rest[1::2], strict=True), start=1):
            yield Section(
                f"{part.value}-{number}", title, part, (Text(body.strip()),), source="workspace"
            )
