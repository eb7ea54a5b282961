"""Where a command's output goes, and in which format: one rule for every command that writes.

- The format follows the ``-o`` file's extension (``report -o r.docx`` writes Word). ``--format``
  may name it too, and must then agree with the extension; a file whose extension no format
  writes is refused. Without ``-o`` the output goes to the terminal in ``--format`` (or the
  command's default).
- An output that exists is replaced only with ``--force``; the output is written atomically,
  and a failed run leaves nothing behind (:func:`schoolwork.job.write_files`).
- A CSV file starts with a UTF-8 byte-order mark, so that Excel on Chinese Windows reads it
  as UTF-8; what goes to the terminal or a pipe has none.
- A format that streams (the core's CSV, JSON and Parquet) is written into the output's
  temporary file, or to the terminal, a piece at a time; nothing holds the whole of it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import click

from schoolwork.cli.common import UsageProblem, option, plugin_host_of_run, reported, run_lang
from schoolwork.job import renderers_of, write_files, write_streamed
from schoolwork.labels import label
from schoolwork.reports.renderers import Renderer, ScoresRenderer

F = TypeVar("F", bound=Callable[..., Any])

BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte-order mark that CSV files start with."""
CSV_SUFFIX = ".csv"


def output_option(help: str, zh: str, *, required: bool = False) -> Callable[[F], F]:
    """``-o/--output FILE``; a folder there is refused when writing, in the run's language."""
    return option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        metavar="FILE",
        required=required,
        help=help,
        zh=zh,
    )


def choose_format(
    output: Path | None,
    given: str | None,
    offered: Mapping[str, Renderer],
    *,
    default: str | None = None,
) -> str:
    """The format to write: ``given`` (``--format``) or the one ``output``'s extension names.

    ``offered`` are the formats the command can write, by name. An unknown ``given``, a
    ``given`` whose extension is not ``output``'s, an extension no format writes and one that
    several write (unless ``given`` chooses) are each refused in one line, in the run's
    language. Without ``output``, ``given`` or else ``default``.
    """
    lang = run_lang()
    names = label("listing.list", lang).join(offered)
    if given is not None and given not in offered:
        raise UsageProblem(label("cli.format.unknown", lang, format=given, known=names))
    if output is None:
        chosen = given if given is not None else default
        if chosen is None:
            raise ValueError("choose_format needs a default for output to the terminal")
        return chosen
    suffix = output.suffix.lower()
    suffixes = label("listing.list", lang).join(dict.fromkeys(r.suffix for r in offered.values()))
    if given is not None:
        wanted = offered[given].suffix
        if wanted.lower() != suffix:
            raise UsageProblem(
                label("cli.format.mismatch", lang, format=given, suffix=wanted, output=output)
            )
        return given
    matching = [name for name, r in offered.items() if r.suffix.lower() == suffix]
    if not matching:
        raise UsageProblem(label("cli.format.suffix", lang, output=output, suffixes=suffixes))
    if len(matching) > 1:
        same = [name for name in matching if f".{name}" == suffix]
        if len(same) != 1:
            many = label("listing.list", lang).join(matching)
            raise UsageProblem(
                label("cli.format.several", lang, suffix=suffix, formats=many, output=output)
            )
        return same[0]
    return matching[0]


def run_renderers() -> dict[str, Renderer]:
    """Every format of this run's plugins (the core's among them), by name."""
    with reported():
        return renderers_of(plugin_host_of_run())


def formats_of(
    found: Mapping[str, Renderer], kind: type, names: Sequence[str] | None = None
) -> dict[str, Renderer]:
    """The renderers of ``found`` that are of ``kind`` (and among ``names`` when given)."""
    return {
        name: r
        for name, r in found.items()
        if isinstance(r, kind) and (names is None or name in names)
    }


def for_excel(data: bytes, output: Path) -> bytes:
    """``data`` as written to ``output``: a CSV file gets its byte-order mark."""
    if output.suffix.lower() == CSV_SUFFIX and not data.startswith(BOM):
        return BOM + data
    return data


def write_output(output: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``output`` atomically, replacing it only with ``force``; say so."""
    with reported(writing=True):
        write_files(output.parent, {output.name: for_excel(data, output)}, force=force)
    click.echo(label("cli.wrote", run_lang(), path=output))


def echo_data(data: bytes, fmt: str) -> None:
    """Print ``data`` as text, or refuse a binary format that needs ``-o``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem(label("cli.format.binary", run_lang(), format=fmt)) from None
    click.echo(text, nl=False)


def write_streamed_output(output: Path, write: Callable[[BinaryIO], None], *, force: bool) -> None:
    """Write ``output`` atomically through ``write``, a piece at a time (a CSV file after its
    byte-order mark), replacing it only with ``force``; say so."""

    def written(stream: BinaryIO) -> None:
        if output.suffix.lower() == CSV_SUFFIX:
            stream.write(BOM)
        write(stream)

    with reported(writing=True):
        write_streamed(output, written, force=force)
    click.echo(label("cli.wrote", run_lang(), path=output))


def echo_streamed(write: Callable[[BinaryIO], None], renderer: ScoresRenderer) -> None:
    """Write to the terminal through ``write``, a piece at a time; a binary format needs
    ``-o`` and is refused before anything is written."""
    if renderer.binary:
        raise UsageProblem(label("cli.format.binary", run_lang(), format=renderer.name))
    sys.stdout.flush()  # what was printed as text goes first
    stream = sys.stdout.buffer
    with reported():
        write(stream)
    stream.flush()
