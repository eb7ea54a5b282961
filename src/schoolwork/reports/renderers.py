"""Output formats as renderers, and the core's own: a built-in plugin of ``schoolwork_renderers``.

A report renderer turns the annual summary into a file (Markdown, HTML, Word, PDF); a scores
renderer turns evaluations into one (an Excel workbook, CSV, JSON, a terminal table). Word and
Excel need the ``reports`` extra, PDF the ``pdf`` extra and Parquet the ``arrow`` extra; asking
for them without it is a clear error, not a traceback. Every renderer gives the same bytes for
the same input.

A scores renderer may also *stream*: given ``write``, it writes the file into an open binary
stream a subject at a time, so that a province's scores never sit in memory twice; the core's
CSV, JSON and Parquet do. ``render`` (bytes) stays the form every renderer has, so a plugin
that returns bytes keeps working unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import BinaryIO

import attrs

from schoolwork.errors import UsageError
from schoolwork.evaluation import output
from schoolwork.labels import Lang
from schoolwork.plugins import hookimpl
from schoolwork.reports import arrow, docx, html, markdown, pdf, xlsx
from schoolwork.reports.layout import Layout
from schoolwork.reports.model import Report
from schoolwork.results import Evaluation
from schoolwork.scheme import Scheme

Scored = Sequence[tuple[Scheme, Evaluation]]
"""Evaluated schemes, each with its evaluation, as scores renderers take them."""


@attrs.frozen
class ReportRenderer:
    """Writes the annual summary as one file.

    :param name: the format's name, as ``--format`` and :meth:`schoolwork.Session.export`
        take it: ``docx``.
    :param suffix: the file name's ending: ``.docx``.
    :param render: the report to the file's bytes.
    :param needs: the extra it needs, if any, named in the error when it is missing.
    :param laid_out: the report and the workspace's :class:`~schoolwork.reports.layout.Layout`
        (its templates, the 落款 date) to the file's bytes; used instead of ``render`` when
        given, for a format that a school can lay out itself.
    """

    name: str
    suffix: str
    render: Callable[[Report], bytes] = attrs.field(eq=False, repr=False)
    needs: str | None = None
    laid_out: Callable[[Report, Layout], bytes] | None = attrs.field(
        default=None, eq=False, repr=False
    )

    def draw(self, report: Report, layout: Layout | None = None) -> bytes:
        """The file's bytes of ``report``, in ``layout`` where the format takes one."""
        if self.laid_out is not None:
            return self.laid_out(report, layout or Layout())
        return self.render(report)


Write = Callable[[Scored, Lang, BinaryIO], None]
"""What a streaming scores renderer does: write the evaluations, in a language, to a stream."""


@attrs.frozen
class ScoresRenderer:
    """Writes evaluations as one file; ``render`` takes the evaluations and the language.

    :param name: the format's name: ``csv``.
    :param suffix: the file name's ending: ``.csv``.
    :param render: the evaluations and the language to the file's bytes.
    :param needs: the extra it needs, if any, named in the error when it is missing.
    :param write: the evaluations, the language and an open binary stream: writes the file
        into the stream piece by piece. When given, files and the terminal get the output
        this way, and ``render`` is only used where bytes are asked for; see
        :meth:`streamed`.
    :param binary: the file is not text (a workbook, Parquet): the command line refuses to
        print it, and asks for ``-o``.
    """

    name: str
    suffix: str
    render: Callable[[Scored, Lang], bytes] = attrs.field(eq=False, repr=False)
    needs: str | None = None
    write: Write | None = attrs.field(default=None, eq=False, repr=False)
    binary: bool = False

    @classmethod
    def streamed(
        cls, name: str, suffix: str, write: Write, *, needs: str | None = None, binary: bool = False
    ) -> ScoresRenderer:
        """A renderer that only streams: its bytes, when asked for, are what ``write`` writes."""

        def render(scored: Scored, lang: Lang) -> bytes:
            buffer = io.BytesIO()
            write(scored, lang, buffer)
            return buffer.getvalue()

        return cls(name, suffix, render, needs=needs, write=write, binary=binary)

    def write_to(self, stream: BinaryIO, scored: Scored, lang: Lang) -> None:
        """Write the file of ``scored`` into ``stream``: streamed where the format can be."""
        if self.write is not None:
            self.write(scored, lang, stream)
        else:
            stream.write(self.render(scored, lang))


Renderer = ReportRenderer | ScoresRenderer


def _one(scored: Scored, fmt: str) -> tuple[Scheme, Evaluation]:
    if len(scored) != 1:
        raise UsageError(
            f"the {fmt} format holds one scheme; got {len(scored)}: choose one, or use xlsx"
        )
    return scored[0]


def _csv(scored: Scored, lang: Lang, stream: BinaryIO) -> None:
    scheme, evaluation = _one(scored, "csv")
    output.write_csv(stream, evaluation, scheme)


def _json(scored: Scored, lang: Lang, stream: BinaryIO) -> None:
    _, evaluation = _one(scored, "json")
    output.write_json(stream, evaluation)


def _parquet(scored: Scored, lang: Lang, stream: BinaryIO) -> None:
    scheme, evaluation = _one(scored, "parquet")
    arrow.write_parquet(stream, evaluation, scheme)


def _table(scored: Scored, lang: Lang) -> bytes:
    return "\n".join(output.as_table(e, s) for s, e in scored).encode("utf-8")


@hookimpl(trylast=True)
def schoolwork_renderers() -> list[Renderer]:
    """The core's formats; a plugin's renderer of the same name is used instead."""
    return [
        ReportRenderer("md", ".md", lambda r: markdown.render_markdown(r).encode("utf-8")),
        ReportRenderer(
            "html",
            ".html",
            lambda r: html.render_html(r).encode("utf-8"),
            laid_out=lambda r, layout: html.render_html(r, layout).encode("utf-8"),
        ),
        ReportRenderer(
            "docx",
            ".docx",
            lambda r: docx.render_docx(r),
            needs="reports",
            laid_out=lambda r, layout: docx.render_docx(r, layout),
        ),
        ReportRenderer(
            "pdf",
            ".pdf",
            lambda r: pdf.render_pdf(r),
            needs="pdf",
            laid_out=lambda r, layout: pdf.render_pdf(r, layout),
        ),
        ScoresRenderer("xlsx", ".xlsx", xlsx.score_sheets, needs="reports", binary=True),
        ScoresRenderer.streamed("csv", ".csv", _csv),
        ScoresRenderer.streamed("json", ".json", _json),
        ScoresRenderer.streamed("parquet", ".parquet", _parquet, needs="arrow", binary=True),
        ScoresRenderer("table", ".txt", _table),
    ]
