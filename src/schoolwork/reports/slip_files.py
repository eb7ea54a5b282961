"""The files score slips are written to: one booklet, or one file per subject.

A booklet (``slips.docx``) holds every slip, a page each, to print in one go; per subject
(``slips-T003-孙桂婷.docx``), each teacher's or class's slip is a file of its own, to send to
that person alone. File names keep the subject's id and name, with the characters Windows
refuses in a name replaced by ``_``.
"""

from __future__ import annotations

import re

from schoolwork.errors import MissingExtraError, UsageError
from schoolwork.reports.slip_docx import render_slips_docx
from schoolwork.reports.slip_html import render_slips_html
from schoolwork.reports.slips import SlipBook

SLIP_FORMATS = ("docx", "html")
"""The formats slips are written in, as file suffixes without the dot."""

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def check_format(fmt: str) -> None:
    """Refuse a format slips are not written in, naming those they are."""
    if fmt not in SLIP_FORMATS:
        known = " or ".join(SLIP_FORMATS)
        raise UsageError(f"score slips are written as {known}, not {fmt!r}")


def render_slips(book: SlipBook, fmt: str) -> bytes:
    """``book`` as the bytes of one file in ``fmt`` (``docx`` or ``html``)."""
    check_format(fmt)
    if fmt == "html":
        return render_slips_html(book).encode("utf-8")
    try:
        return render_slips_docx(book)
    except ImportError as exc:
        raise MissingExtraError(
            f"the docx format needs the reports extra: pip install 'schoolwork[reports]' ({exc})"
        ) from None


def file_name(stem: str, subject_id: str, subject: str, fmt: str) -> str:
    """The file of one subject's slip: ``slips-T003-孙桂婷.docx``."""
    return _UNSAFE.sub("_", f"{stem}-{subject_id}-{subject}") + f".{fmt}"


def slip_files(
    book: SlipBook, fmt: str, *, name: str = "slips", per_subject: bool = False
) -> dict[str, bytes]:
    """File name → bytes: ``name.fmt`` holding every slip, or one file per subject."""
    check_format(fmt)
    if not per_subject:
        return {f"{name}.{fmt}": render_slips(book, fmt)}
    return {
        file_name(name, one.slips[0].subject_id, one.slips[0].subject, fmt): render_slips(one, fmt)
        for one in book.each()
    }
