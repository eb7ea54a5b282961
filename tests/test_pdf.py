"""PDF, the ``pdf`` extra: the A4 HTML typeset by WeasyPrint, its fonts embedded."""

from __future__ import annotations

import contextlib
import re
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.errors import MissingExtraError
from schoolwork.job import Session, open_workspace
from schoolwork.sample import copy_sample

YEAR = "2023-2024"


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    folder = tmp_path_factory.mktemp("pdf") / "school"
    copy_sample(folder)
    return open_workspace(folder)


def test_pdf_is_a_format_of_its_own_extra(session: Session) -> None:
    renderer = session.renderers()["pdf"]
    assert (renderer.suffix, renderer.needs) == (".pdf", "pdf")


def test_without_weasyprint_the_error_names_the_extra(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if the extra were not installed
    with pytest.raises(MissingExtraError, match=r"the pdf format needs the pdf extra: "):
        session.render(session.report(YEAR), "pdf")
    with pytest.raises(MissingExtraError, match=re.escape("pip install 'schoolwork[pdf]'")):
        session.render(session.report(YEAR), "pdf")


def test_the_command_line_says_so_without_a_traceback(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    folder = tmp_path / "school"
    copy_sample(folder)
    target = tmp_path / "r.pdf"
    result = runner.invoke(cli, ["report", str(folder), "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "pip install 'schoolwork[pdf]'" in result.output
    assert not target.exists()


def readable(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated: WeasyPrint keeps most objects, page sizes
    and font descriptors among them, in compressed object streams."""
    inflated = [pdf]
    for found in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            inflated.append(zlib.decompress(found.group(1)))
    return b"\n".join(inflated)


def test_an_a4_pdf_with_its_fonts_embedded_and_equal_bytes(session: Session) -> None:
    pytest.importorskip("weasyprint")
    report = session.report(YEAR)
    data = session.render(report, "pdf")
    assert data.startswith(b"%PDF-")
    objects = readable(data)
    assert re.search(rb"/MediaBox \[\s*0 0 595\.\d* 841\.\d*\s*\]", objects)
    assert b"/FontFile" in objects  # fonts are embedded, not referred to
    assert session.render(session.report(YEAR), "pdf") == data
