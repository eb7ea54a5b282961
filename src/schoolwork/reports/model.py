"""The report model: three parts made of sections, each section made of blocks.

Renderers only read this model, so a section a plugin adds appears in every format the same way
as the core's own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

import attrs

from schoolwork.errors import UsageError
from schoolwork.labels import Lang


class Edition(StrEnum):
    """Who a report is for, and which report a section belongs to.

    A report is built as one edition: ``bureau`` (上报版, sent to the county bureau: aggregates
    only, no teacher's name beside a score) or ``internal`` (校内公示版: names, ranks and each
    subject's detail). A section is marked ``both`` (the default), ``internal`` or ``bureau``.
    """

    BOTH = "both"
    INTERNAL = "internal"
    BUREAU = "bureau"


class PartKind(StrEnum):
    """The three parts of an annual work summary, in order."""

    HIGHLIGHTS = "highlights"  # 重点工作开展情况及特色亮点
    PROBLEMS = "problems"  # 存在问题
    NEXT_STEPS = "next_steps"  # 下一步打算


@attrs.frozen
class Text:
    """Prose in Markdown: paragraphs, lists, **bold** and *emphasis*."""

    markdown: str


@attrs.frozen
class Table:
    """A table of text cells; the first row of ``rows`` follows ``columns``."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@attrs.frozen
class Series:
    """One named row of numbers of a chart."""

    name: str
    values: tuple[Decimal, ...]


@attrs.frozen
class Chart:
    """A bar chart: ``labels`` along the axis, one bar per label in each series.

    A chart draws numbers that a table of the same section also shows: formats that cannot
    draw (Markdown, or HTML and Word without the ``reports`` extra) rely on that table.
    """

    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    horizontal: bool = False


Block = Text | Table | Chart


@attrs.frozen
class Section:
    """A titled piece of a part.

    ``after`` places the section right after the section with that id (a plugin's way to put
    its section where it belongs); ``source`` says who made it: ``core``, ``workspace`` for
    text the school wrote, or ``plugin:NAME``. ``edition`` says which edition of the report
    carries it: ``both`` (the default), ``internal`` only or ``bureau`` only (a string is read
    as an :class:`Edition`).
    """

    id: str
    title: str
    part: PartKind
    blocks: tuple[Block, ...]
    after: str | None = None
    source: str = "core"
    edition: Edition = attrs.field(default=Edition.BOTH, converter=Edition)

    def belongs_to(self, edition: Edition) -> bool:
        """Whether the report of ``edition`` carries this section."""
        return self.edition in (Edition.BOTH, edition)


@attrs.frozen
class Report:
    """A school's annual work summary for one school year.

    ``sample_note``, when not empty, says the report was built from sample data; every format
    prints it on the first page, under the title. ``edition`` is who the report is for: the
    bureau (上报版, the default) or the school itself (校内公示版). ``as_of`` is the day its
    goals are judged at: the year's last day once the year is over, the day it was built while
    the year runs (``None``: the year's last day).
    """

    title: str
    school: str
    year: str
    lang: Lang
    sections: tuple[Section, ...]
    sample_note: str = ""
    edition: Edition = attrs.field(default=Edition.BUREAU, converter=Edition)
    as_of: date | None = None

    @edition.validator
    def _one_edition(self, _: object, value: Edition) -> None:
        if value is Edition.BOTH:
            raise UsageError("a report is one edition: internal or bureau, not both")

    @property
    def sample_note_head(self) -> tuple[str, str]:
        """The note as its lead (``示例数据``), which renderers set in bold, and the rest from
        the colon on; the lead is empty when the note has none."""
        note = self.sample_note.strip()
        for colon in ("：", ":"):
            head, found, rest = note.partition(colon)
            if found and head and len(head) <= 12:
                return head, found + rest
        return "", note

    def part(self, kind: PartKind) -> tuple[Section, ...]:
        """The sections of one part, in order."""
        return tuple(s for s in self.sections if s.part is kind)

    def section(self, section_id: str) -> Section:
        """The section called ``section_id``."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"no section {section_id!r} in the report")
