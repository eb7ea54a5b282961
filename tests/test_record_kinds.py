"""Record kinds: how a CSV cell becomes a field by the model's type, and how a record book
sorts records out by owner and period. The core's kinds and a plugin's take this one path."""

from __future__ import annotations

import datetime
from decimal import Decimal as D
from enum import StrEnum
from pathlib import Path

import attrs
import pytest

import schoolwork
from schoolwork.record_files import parse, read

DAY = datetime.date


class Weather(StrEnum):
    SUNNY = "sunny"
    RAINY = "rainy"


@attrs.frozen
class Drill:
    id: str
    date: datetime.date
    unit: str
    held: bool
    pupils: int | None = None
    weather: Weather | None = None
    leaders: tuple[str, ...] = ()
    score: D | None = None


COLUMNS = ("id", "date", "unit", "held", "pupils", "weather", "leaders", "score")
DRILLS = schoolwork.RecordKind(
    "drill", "drills", Drill, COLUMNS, ("id", "date", "unit", "held"), schoolwork.owned_by("unit")
)


def rows(*lines: str) -> str:
    return "\n".join([",".join(COLUMNS), *lines]) + "\n"


def test_cells_become_fields_by_the_models_types() -> None:
    text = rows(
        "d1,2024-03-01,grade-1,TRUE,45,rainy,T1; T2 ;,90.50",
        "d2,2024-03-02,grade-2,否,,,,",
        "d3,2024-03-03,grade-3,1,7,sunny,T3,",
    )
    records, numbers, problems = parse(text, DRILLS, "drills.csv")
    assert problems == []
    assert numbers == (2, 3, 4)
    assert records == (
        Drill("d1", DAY(2024, 3, 1), "grade-1", True, 45, Weather.RAINY, ("T1", "T2"), D("90.50")),
        Drill("d2", DAY(2024, 3, 2), "grade-2", False),
        Drill("d3", DAY(2024, 3, 3), "grade-3", True, 7, Weather.SUNNY, ("T3",)),
    )


def test_every_bad_cell_is_named_by_row_and_column_with_what_was_found() -> None:
    text = rows(
        "d1,2024-03-01,grade-1,maybe,many,foggy,,x",
        "d2,2024-03-02,grade-2,true,3,,,,extra",
        "d3,2024-02-30,grade-3,true,,,,",
    )
    _, numbers, problems = parse(text, DRILLS, "drills.csv")
    assert numbers == ()
    assert [str(p) for p in problems] == [
        "drills.csv: row 2, column held: expected true or false, found 'maybe'",
        "drills.csv: row 2, column pupils: expected a whole number, found 'many'",
        "drills.csv: row 2, column weather: expected one of 'sunny', 'rainy', found 'foggy'",
        "drills.csv: row 2, column score: expected a number, found 'x'",
        "drills.csv: row 3: expected 8 cells like the header, found more",
        "drills.csv: row 4, column date: expected a date (YYYY-MM-DD), found '2024-02-30'",
    ]


def test_blank_and_short_rows_are_read_and_later_rows_kept() -> None:
    text = rows("d1,2024-03-01,grade-1,true", ",,,,,,,", "", "d2,2024-03-02,grade-2,false")
    records, numbers, problems = parse(text, DRILLS, "drills.csv")
    assert problems == []
    assert [r.id for r in records] == ["d1", "d2"]
    assert numbers == (2, 5)


def test_a_core_enum_reads_its_english_label_and_its_value() -> None:
    honours = next(k for k in schoolwork.CORE_KINDS if k.name == "honour")
    header = "id,title,level,recipient_kind,date"
    for level in ("County", "county", "县级"):
        records, _, problems = parse(f"{header}\nh1,t,{level},school,2024-01-01\n", honours, "h")
        assert problems == []
        assert records[0].level is schoolwork.Level.COUNTY


def test_a_bad_recipient_is_named_by_its_own_column() -> None:
    honours = next(k for k in schoolwork.CORE_KINDS if k.name == "honour")
    text = "id,title,level,recipient_kind,date\nh1,t,county,alien,2024-01-01\n"
    _, _, problems = parse(text, honours, "honours.csv")
    assert [p.path for p in problems] == ["row 2, column recipient_kind"]


def test_every_file_is_read_even_after_a_bad_one(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "honours.csv").write_bytes("id,title\n第一".encode("gbk"))
    (folder / "incidents.csv").write_text(
        "\ufeffid,person,date,severity\nx1,T1,2024-01-05,严重\n", encoding="utf-8"
    )
    found = read(tmp_path)
    assert [str(p) for p in found.problems] == [
        f"{folder / 'honours.csv'}: row 2, column id: expected UTF-8 text (in Excel: 另存为 › "
        "CSV UTF-8(逗号分隔); in WPS or any other program: open it in Notepad (记事本), 另存为, "
        "编码 UTF-8), found the byte 0xB5, which is not UTF-8 (the file looks saved as GBK/GB18030)"
    ]
    assert [i.severity for i in found.book.incidents] == [schoolwork.Severity.SEVERE]
    assert found.rows == {"incidents": (2,)}


def test_a_book_keeps_tuples_and_drops_empty_kinds() -> None:
    drill = Drill("d1", DAY(2024, 3, 1), "grade-1", True)
    book = schoolwork.RecordBook({"drill": [drill], "honour": []})
    assert book.kind("drill") == (drill,)
    assert book.records == {"drill": (drill,)}
    assert book == schoolwork.RecordBook.of(drill=(drill,))


def test_dating_and_owning_include_both_ends_and_every_record() -> None:
    drills = [
        Drill("before", DAY(2024, 2, 29), "grade-1", True),
        Drill("first", DAY(2024, 3, 1), "grade-1", True),
        Drill("middle", DAY(2024, 3, 15), "grade-2", True),
        Drill("last", DAY(2024, 3, 31), "grade-1", True),
        Drill("after", DAY(2024, 4, 1), "grade-1", True),
        Drill("again", DAY(2024, 3, 20), "grade-1", True),
    ]
    book = schoolwork.RecordBook.of(drill=drills)
    start, end = DAY(2024, 3, 1), DAY(2024, 3, 31)
    assert [d.id for d in book.dated(start, end).kind("drill")] == [
        "first",
        "middle",
        "last",
        "again",
    ]
    owned = book.by_owner([DRILLS], ["grade-1", "grade-2", "grade-9"], start, end)
    assert [d.id for d in owned["grade-1"].kind("drill")] == ["first", "last", "again"]
    assert [d.id for d in owned["grade-2"].kind("drill")] == ["middle"]
    assert owned["grade-9"] == schoolwork.RecordBook()


def test_a_record_with_the_same_owner_twice_is_in_its_book_once() -> None:
    activity = schoolwork.Activity("a1", "教研", "集体备课", DAY(2024, 3, 1), "T1", ("T1", "T2"))
    kinds = [k for k in schoolwork.CORE_KINDS if k.name == "activity"]
    book = schoolwork.RecordBook.of(activity=[activity])
    owned = book.by_owner(kinds, ["T1", "T2"], DAY(2024, 1, 1), DAY(2024, 12, 31))
    assert owned["T1"].activities == (activity,)
    assert owned["T2"].activities == (activity,)


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_written_as_they_are_read(value: bool) -> None:
    from schoolwork.record_files import dumps

    drill = Drill("d1", DAY(2024, 3, 1), "grade-1", value)
    text = dumps([drill], DRILLS)
    assert text.splitlines()[1].split(",")[3] == ("true" if value else "false")
    assert parse(text, DRILLS, "d")[0] == (drill,)


def test_an_empty_file_lacks_every_required_column() -> None:
    _, _, problems = parse("", DRILLS, "drills.csv")
    assert [str(p) for p in problems] == [
        f"drills.csv: row 1: expected a column {column!r}, found no such column"
        for column in ("id", "date", "unit", "held")
    ]


def test_reading_names_each_file_and_writing_gives_excel_csv(tmp_path: Path) -> None:
    from schoolwork.record_files import save

    drill = Drill("d1", DAY(2024, 3, 1), "grade-1", True, leaders=("T1", "T2"))
    [path] = save(schoolwork.RecordBook.of(drill=[drill]), tmp_path, [DRILLS])
    assert path == tmp_path / "records" / "drills.csv"
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert data.count(b"\r\n") == 2
    found = read(tmp_path, [DRILLS])
    assert found.files == {"drills": path}
    assert found.book.kind("drill") == (drill,)


def test_the_schools_honours_belong_to_the_school_and_a_persons_to_that_person() -> None:
    kinds = [k for k in schoolwork.CORE_KINDS if k.name == "honour"]
    school = schoolwork.Honour(
        "h1",
        "先进单位",
        schoolwork.Level.COUNTY,
        schoolwork.Recipient(schoolwork.RecipientKind.SCHOOL),
        DAY(2024, 1, 1),
    )
    person = schoolwork.Honour(
        "h2",
        "教学能手",
        schoolwork.Level.CITY,
        schoolwork.Recipient(schoolwork.RecipientKind.PERSON, "T1"),
        DAY(2024, 1, 2),
    )
    book = schoolwork.RecordBook.of(honour=[school, person])
    owners = ["T1", schoolwork.records.SCHOOL_OWNER]
    owned = book.by_owner(kinds, owners, DAY(2024, 1, 1), DAY(2024, 12, 31))
    assert owned["T1"].honours == (person,)
    assert owned[schoolwork.records.SCHOOL_OWNER].honours == (school,)


class Declares:
    def __init__(self, *kinds: schoolwork.RecordKind) -> None:
        self.kinds = kinds

    @schoolwork.hookimpl
    def schoolwork_record_kinds(self):  # type: ignore[no-untyped-def]
        return list(self.kinds)


@attrs.frozen
class Undated:
    id: str


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (attrs.evolve(DRILLS, file="other"), "same name"),
        (attrs.evolve(DRILLS, name="other"), "same file"),
        (
            attrs.evolve(DRILLS, name="honour", file="prizes"),
            "record kind 'honour' (file prizes.csv) is taken by 'schoolwork.records'",
        ),
        (
            schoolwork.RecordKind("undated", "undated", Undated, ("id",), ("id",)),
            "record kind 'undated': its model is not an attrs class with a date",
        ),
        (
            schoolwork.RecordKind("plain", "plain", dict, ("id",), ("id",)),
            "record kind 'plain': its model is not an attrs class with a date",
        ),
    ],
)
def test_a_record_kind_taken_twice_or_without_a_date_names_the_plugin(
    kind: schoolwork.RecordKind, message: str
) -> None:
    from schoolwork.record_files import record_kinds

    if message.startswith("same"):
        # pluggy calls the plugin registered last first: the one called after it is refused.
        plugins = {"first": Declares(DRILLS), "second": Declares(kind)}
        blamed = "first"
        message = "record kind 'drill' (file drills.csv) is taken by 'second'"
    else:
        plugins, blamed = {"second": Declares(kind)}, "second"
    with pytest.raises(schoolwork.PluginError) as caught:
        record_kinds(schoolwork.plugin_host(plugins, installed=False))
    assert str(caught.value) == (
        f"plugin {blamed!r} failed in hook schoolwork_record_kinds: {message}"
    )


def test_the_cores_kinds_come_first_then_each_plugins() -> None:
    from schoolwork.record_files import record_kinds

    host = schoolwork.plugin_host({"drills": Declares(DRILLS)}, installed=False)
    assert [k.name for k in record_kinds(host)] == [
        "honour",
        "activity",
        "inspection",
        "incident",
        "ballot",
        "appeal",
        "drill",
    ]
