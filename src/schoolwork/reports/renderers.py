"""Output formats as renderers, and the core's own: a built-in plugin of ``schoolwork_renderers``.

A report renderer turns the annual summary into a file (Markdown, HTML, Word, PDF); a scores
renderer turns evaluations into one (an Excel workbook, CSV, JSON, a terminal table). Word and
Excel need the ``reports`` extra and PDF the ``pdf`` extra; asking for them without it is a
clear error, not a traceback. Every renderer gives the same bytes for the same input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from schoolwork.evaluation import output
from schoolwork.labels import Lang
from schoolwork.plugins import hookimpl
from schoolwork.reports import docx, html, markdown, pdf, xlsx
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


@attrs.frozen
class ScoresRenderer:
    """Writes evaluations as one file; ``render`` takes the evaluations and the language."""

    name: str
    suffix: str
    render: Callable[[Scored, Lang], bytes] = attrs.field(eq=False, repr=False)
    needs: str | None = None


Renderer = ReportRenderer | ScoresRenderer


def _one(scored: Scored, fmt: str) -> tuple[Scheme, Evaluation]:
    if len(scored) != 1:
        raise ValueError(f"the {fmt} format holds one scheme; got {len(scored)} (use xlsx)")
    return scored[0]


def _csv(scored: Scored, lang: Lang) -> bytes:
    scheme, evaluation = _one(scored, "csv")
    return output.as_csv(evaluation, scheme).encode("utf-8")


def _json(scored: Scored, lang: Lang) -> bytes:
    _, evaluation = _one(scored, "json")
    return output.as_json(evaluation).encode("utf-8")


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
        ScoresRenderer("xlsx", ".xlsx", xlsx.score_sheets, needs="reports"),
        ScoresRenderer("csv", ".csv", _csv),
        ScoresRenderer("json", ".json", _json),
        ScoresRenderer("table", ".txt", _table),
    ]
