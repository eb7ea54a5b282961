"""Records: CSV import with row-and-column problems, the seed's tallies, round trips."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.levels import Level
from schoolwork.record_files import dumps, parse
from schoolwork.records import CORE_KINDS as FILES
from schoolwork.records import AwardRank, Provenance, RecipientKind, Severity
from schoolwork.workspace import read, save

HONOURS = next(spec for spec in FILES if spec.file == "honours")
INCIDENTS = next(spec for spec in FILES if spec.file == "incidents")


def test_the_sample_reproduces_seed_000s_tallies(schoolwork_sample) -> None:  # type: ignore[no-untyped-def]
    ws = schoolwork_sample.workspace
    school = [h for h in ws.honours if h.recipient.kind is RecipientKind.SCHOOL]
    assert len(school) == 19
    works = Counter((h.level, h.rank) for h in ws.honours if h.category == "诵读征文")
    assert works == {
        (Level.COUNTY, AwardRank.FIRST): 8,
        (Level.COUNTY, AwardRank.SECOND): 2,
        (Level.CITY, AwardRank.FIRST): 1,
        (Level.CITY, AwardRank.SECOND): 1,
    }
    assert sum(1 for a in ws.activities if a.type == "教研活动") == 8
    assert len({i.date for i in ws.inspections if i.type == "级部检查"}) == 4
    assert ws.incidents == ()


def test_records_command_shows_the_tallies(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    result = runner.invoke(cli, ["records", str(schoolwork_sample_dir), "--year", "2023-2024"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "honours by recipient: 学校 19," in out
    assert "诵读征文 (12): 市级一等奖 1, 市级二等奖 1, 县级一等奖 8, 县级二等奖 2" in out
    assert "  教研活动      8" in out
    assert "  级部检查  24       4     24" in out
    assert "incidents by severity: none" in out
    english = runner.invoke(cli, ["records", str(schoolwork_sample_dir), "--lang", "en"]).output
    assert "By level and prize" in english


def test_every_bad_row_and_cell_is_reported() -> None:
    text = (
        "id,title,level,rank,category,recipient_kind,recipient,date\n"
        "H1,县优质课,县级,一等奖,教学,person,T001,2024-03-01\n"
        "H2,市优质课,provincial,一等奖,教学,person,T001,2024-13-01\n"
        "H3,,市级,头等奖,教学,teacher,T002,2024-04-01\n"
    )
    records, rows, problems = parse(text, HONOURS, "honours.csv")
    assert [h.id for h in records] == ["H1"]
    assert rows == (2,)
    assert [(p.path, p.found) for p in problems] == [
        ("row 3, column level", "'provincial'"),
        ("row 3, column date", "'2024-13-01'"),
        ("row 4, column title", "nothing"),
        ("row 4, column recipient_kind", "'teacher'"),
        ("row 4, column rank", "'头等奖'"),
    ]
    assert problems[2].expected == "text (a required column)"


def test_missing_and_unknown_columns_are_reported_once() -> None:
    _, _, problems = parse(
        "id,person,severity,colour\nX1,T001,严重,red\nX2,T002,轻微,blue\n",
        INCIDENTS,
        "incidents.csv",
    )
    assert [str(p) for p in problems] == [
        "incidents.csv: row 1, column colour: expected one of the columns "
        "id, person, date, severity, kind, description, provenance, found an unknown column",
        "incidents.csv: row 1: expected a column 'date', found no such column",
    ]


def test_chinese_labels_bom_and_crlf(tmp_path: Path) -> None:
    text = "\ufeffid,person,date,severity,kind\r\nX1,T001,2024-03-01,严重,ethics\r\n"
    records, _, problems = parse(text.lstrip("\ufeff"), INCIDENTS, "incidents.csv")
    assert problems == []
    assert records[0].severity is Severity.SEVERE


def test_a_workbook_saved_as_gbk_is_named(
    tmp_path: Path, schoolwork_sample_dir: Path, runner: CliRunner
) -> None:
    path = schoolwork_sample_dir / "records" / "incidents.csv"
    path.write_bytes("id,person,date,severity\nX1,T001,2024-03-01,严重\n".encode("gbk"))
    result = runner.invoke(cli, ["validate", str(schoolwork_sample_dir)])
    assert result.exit_code == 2
    assert "incidents.csv: row 2, column severity: expected UTF-8 text (in Excel: " in result.output
    assert "found the byte 0xD1, which is not UTF-8 (the file looks saved as GBK" in result.output


def test_bad_rows_and_bad_references_come_together(runner: CliRunner) -> None:
    case = Path(__file__).parent / "workspaces" / "broken" / "records-bad-rows"
    result = runner.invoke(cli, ["validate", str(case)])
    assert result.exit_code == 2
    assert "4 problems found" in result.output
    assert "Traceback" not in result.output


def test_records_round_trip_through_csv(schoolwork_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = schoolwork_sample.workspace
    save(ws, tmp_path / "copy")
    assert read(tmp_path / "copy").workspace == ws
    for spec in FILES:
        records = ws.records.kind(spec.name)
        again, _, problems = parse(dumps(records, spec), spec, spec.file)
        assert problems == []
        assert again == records


@pytest.mark.parametrize(
    ("column", "enum"),
    [
        ("level", Level),
        ("rank", AwardRank),
        ("recipient_kind", RecipientKind),
        ("provenance", Provenance),
    ],
)
def test_every_fixed_value_is_read_from_its_chinese_label(column: str, enum: type) -> None:
    from schoolwork.labels import label

    base = {
        "id": "h1",
        "title": "t",
        "level": "county",
        "recipient_kind": "school",
        "date": "2024-01-01",
    }
    for member in enum:
        row = {**base, column: label(member, "zh")}
        if column == "recipient_kind" and member is not RecipientKind.SCHOOL:
            row["recipient"] = "x"
            row["recipient_name"] = "某某"
        text = ",".join(row) + "\n" + ",".join(row.values()) + "\n"
        records, _, problems = parse(text, HONOURS, "honours.csv")
        assert problems == []
        read = records[0]
        value = read.recipient.kind if column == "recipient_kind" else getattr(read, column)
        assert value is member


@pytest.mark.parametrize("spec", FILES, ids=lambda k: k.file)
def test_every_kind_says_where_a_row_comes_from_in_an_optional_last_column(spec) -> None:  # type: ignore[no-untyped-def]
    assert spec.columns[-1] == "provenance"
    assert "provenance" not in spec.required
    rows = {
        "honours": "H1,t,county,school,2024-01-01",
        "activities": "A1,教研活动,t,2024-01-01",
        "inspections": "I1,级部检查,2024-01-01,grade-1",
        "incidents": "X1,T001,2024-01-01,minor",
        "ballots": "B1,k1,teacher-2023,T001,ethics_review,同事,90,2024-06-20",
        "appeals": "P1,T001,teacher-2023,2024-07-01,homework",
    }
    text = ",".join(spec.required) + "\n" + rows[spec.file] + "\n"
    (bare,), _, problems = parse(text, spec, spec.file)
    assert problems == []
    assert bare.provenance is None
    for written, meant in (("seed", Provenance.SEED), ("虚构", Provenance.INVENTED)):
        marked = f"{','.join(spec.required)},provenance\n{rows[spec.file]},{written}\n"
        (record,), _, problems = parse(marked, spec, spec.file)
        assert problems == []
        assert record.provenance is meant
        assert dumps([record], spec).splitlines()[1].endswith(f",{meant.value}")
    wrong = f"{','.join(spec.required)},provenance\n{rows[spec.file]},真的\n"
    _, _, (problem,) = parse(wrong, spec, spec.file)
    assert problem.path == "row 2, column provenance"
    assert "'seed'" in problem.expected
    assert problem.found == "'真的'"
