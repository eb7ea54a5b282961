"""Where a command's output goes: the format follows the ``-o`` file's extension, ``--format``
must agree with it, an existing output is replaced only with ``--force`` (every command that
writes), and a CSV file starts with a UTF-8 byte-order mark for Excel."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from schoolwork.cli import cli
from schoolwork.cli.common import UsageProblem
from schoolwork.cli.output import choose_format
from schoolwork.reports.renderers import ReportRenderer

BOM = b"\xef\xbb\xbf"


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SCHOOLWORK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def refused(*args: str | Path) -> str:
    """The one line a refused command prints; it exits 2."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    return line


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- the format follows the extension ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("r.docx", b"PK\x03\x04"),
        ("r.html", b"<!DOCTYPE html>"),
        ("r.md", "# 2023-2024学年工作总结".encode()),
    ],
)
def test_the_report_s_format_follows_the_extension(
    schoolwork_sample_dir: Path, tmp_path: Path, name: str, start: bytes
) -> None:
    target = tmp_path / name
    result = run("report", schoolwork_sample_dir, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}\n"
    assert target.read_bytes().startswith(start)
    if name.lower().endswith(".docx"):
        assert "word/document.xml" in zipfile.ZipFile(target).namelist()  # Word, not Markdown


def test_a_format_that_disagrees_with_the_extension_is_refused(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "r.docx"
    line = refused("report", schoolwork_sample_dir, "--format", "md", "-o", target)
    assert line == (
        f"error: --format md writes .md files, but the output is {target}; drop --format or "
        "end the file's name in .md"
    )
    zh = run("--lang", "zh", "report", schoolwork_sample_dir, "--format", "md", "-o", target)
    assert zh.stderr == (
        f"错误：--format md 写出 .md 文件，但输出文件是 {target}；"
        "去掉 --format，或把文件名改为以 .md 结尾\n"
    )
    assert files(tmp_path) == ["sample-school"]


def test_an_extension_no_format_writes_is_refused(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "summary.txt"
    assert refused("report", schoolwork_sample_dir, "-o", target) == (
        f"error: cannot tell the format of {target} from its name: expected it to end in one "
        "of .md, .html, .docx, .pdf"
    )
    bare = tmp_path / "summary"
    assert refused("report", schoolwork_sample_dir, "-o", bare).endswith(
        "expected it to end in one of .md, .html, .docx, .pdf"
    )
    assert refused("report", schoolwork_sample_dir, "--format", "odt", "-o", bare) == (
        "error: no format 'odt' (known: md, html, docx, pdf)"
    )
    sheets = tmp_path / "scores.csv"
    assert refused("export", schoolwork_sample_dir, "-o", sheets) == (
        f"error: cannot tell the format of {sheets} from its name: expected it to end in one "
        "of .xlsx, .parquet"
    )
    assert files(tmp_path) == ["sample-school"]


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("scores.json", lambda data: json.loads(data)["scheme"] == "class-2023"),
        ("scores.xlsx", lambda data: data.startswith(b"PK\x03\x04")),
        ("scores.txt", lambda data: data.decode().startswith("班级综合考核 (class-2023)")),
    ],
)
def test_evaluate_writes_the_format_its_file_names(
    schoolwork_sample_dir: Path, tmp_path: Path, name: str, check: object
) -> None:
    target = tmp_path / name
    result = run("evaluate", schoolwork_sample_dir, "--scheme", "class-2023", "-o", target)
    assert result.exit_code == 0, result.output
    assert callable(check)
    assert check(target.read_bytes())


def test_a_table_written_to_a_file_keeps_its_rows_whole(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "teachers.txt"
    args = ("evaluate", schoolwork_sample_dir, "--scheme", "teacher-2023")
    assert run(*args, "-o", target).exit_code == 0
    written = target.read_text(encoding="utf-8").splitlines()
    assert len(written) == 2 + 49  # a title, a header, a line per teacher: nothing wrapped
    assert written[1].split()[:3] == ["rank", "id", "name"]


def test_a_binary_format_needs_a_file(schoolwork_sample_dir: Path) -> None:
    args = ("evaluate", schoolwork_sample_dir, "--scheme", "class-2023", "--format", "xlsx")
    assert refused(*args) == "error: the xlsx format is a binary file; give -o FILE"


def test_explain_writes_text_or_json_only(schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    args = ("evaluate", schoolwork_sample_dir, "--scheme", "teacher-2023", "--explain", "T003")
    assert refused(*args, "--format", "csv") == "error: no format 'csv' (known: json, table)"
    text = tmp_path / "t003.txt"
    assert run(*args, "-o", text).exit_code == 0
    assert text.read_text(encoding="utf-8").startswith("孙桂婷 (T003) — 教师年度考核, 2023-2024")
    as_json = tmp_path / "t003.json"
    assert run(*args, "-o", as_json).exit_code == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["subject"]["id"] == "T003"
    sheet = tmp_path / "t003.xlsx"
    assert refused(*args, "-o", sheet) == (
        f"error: cannot tell the format of {sheet} from its name: expected it to end in one "
        "of .json, .txt"
    )


# --- CSV for Excel ------------------------------------------------------------------------------


def test_a_csv_file_starts_with_a_byte_order_mark(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "classes.csv"
    result = run("evaluate", schoolwork_sample_dir, "--scheme", "class-2023", "-o", target)
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data[:3] == BOM
    assert data[3:].startswith(b"rank,id,name,routine")
    assert data.count(BOM) == 1
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 18
    assert rows[0]["name"] == "六年级三班"


def test_csv_on_the_terminal_has_no_byte_order_mark(schoolwork_sample_dir: Path) -> None:
    result = run("evaluate", schoolwork_sample_dir, "--scheme", "class-2023", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"rank,id,name")


# --- one overwrite rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["report", "{ws}"], "r.md"),
        (["export", "{ws}"], "scores.xlsx"),
        (["evaluate", "{ws}", "--scheme", "class-2023"], "scores.csv"),
        (["evaluate", "{ws}", "--scheme", "class-2023", "--explain", "class-4-3"], "t.txt"),
    ],
    ids=["report", "export", "evaluate", "explain"],
)
def test_an_existing_output_needs_force(
    schoolwork_sample_dir: Path, tmp_path: Path, args: list[str], name: str
) -> None:
    target = tmp_path / name
    target.write_bytes(b"the school's own edits")
    command = [a.replace("{ws}", str(schoolwork_sample_dir)) for a in args]
    assert refused(*command, "-o", target) == (
        f"error: {target} already exist; add --force to replace them (nothing was written)"
    )
    assert target.read_bytes() == b"the school's own edits"
    zh = run("--lang", "zh", *command, "-o", target)
    assert zh.stderr == f"错误：{target} 已存在；加 --force 才会替换（未写入任何文件）\n"
    forced = run(*command, "-o", target, "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() != b"the school's own edits"
    assert files(tmp_path) == sorted(["sample-school", name])


def test_demo_and_init_follow_the_same_rule(tmp_path: Path) -> None:
    (tmp_path / "report.md").write_text("mine", encoding="utf-8")
    line = refused("demo", tmp_path)
    assert line == (
        f"error: {tmp_path / 'report.md'} already exist; add --force to replace them "
        "(nothing was written)"
    )
    assert refused("init", tmp_path) == (
        f"error: {tmp_path} is not empty; choose a new folder or add --force"
    )
    assert files(tmp_path) == ["report.md"]


def test_two_formats_of_one_extension_are_told_apart_by_format() -> None:
    def draw(report: object) -> bytes:
        return b""

    core, county, city = (ReportRenderer(n, ".docx", draw) for n in ("docx", "county", "city"))
    assert choose_format(Path("r.docx"), None, {"docx": core, "county": county}) == "docx"
    assert choose_format(Path("R.DOCX"), None, {"docx": core}) == "docx"  # in any case
    assert choose_format(Path("r.docx"), "county", {"docx": core, "county": county}) == "county"
    with pytest.raises(UsageProblem) as caught:
        choose_format(Path("r.docx"), None, {"county": county, "city": city})
    assert caught.value.message == (
        "several formats write .docx files (county, city); choose one with --format to write r.docx"
    )
    assert choose_format(None, None, {"county": county}, default="county") == "county"


def test_the_format_is_settled_before_the_workspace_is_read(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    assert refused("report", tmp_path / "no-workspace", "-o", target).startswith(
        f"error: cannot tell the format of {target} from its name"
    )
