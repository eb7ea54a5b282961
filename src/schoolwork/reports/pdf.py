"""The report as PDF (the ``pdf`` extra): the A4 HTML typeset by WeasyPrint.

WeasyPrint embeds (a subset of) every font it uses, so the PDF shows Chinese on any machine; it
takes the page size, margins and page numbers from the HTML's ``@page`` rules. The PDF carries
no creation date, so the same report gives the same bytes.
"""

from __future__ import annotations

from schoolwork.reports.html import render_html
from schoolwork.reports.layout import Layout
from schoolwork.reports.model import Report


def render_pdf(report: Report, layout: Layout | None = None) -> bytes:
    """The whole report as the bytes of a PDF file, typeset from its HTML in ``layout``."""
    from weasyprint import HTML

    document = HTML(string=render_html(report, layout))
    # a fixed file identifier, and no <meta> dates in the HTML: the same report, the same bytes
    data: bytes = document.write_pdf(pdf_identifier=b"schoolwork")
    return data
