"""The converter (``converter.py``) strict at every edge: what each type is called, what each
hook refuses ("NaN", a datetime for a date, a bool for a number, a string for a list), and where
each problem is located. See benchmarks/README.md.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

import attrs
import pytest
from cattrs.errors import IterableValidationError, IterableValidationNote

from schoolwork import converter
from schoolwork.conditions import Clause, Op
from schoolwork.converter import Mismatch
from schoolwork.errors import Problem, WorkspaceError
from schoolwork.levels import Level
from schoolwork.organisation import Unit, UnitKind
from schoolwork.records import Honour, Recipient, RecipientKind, RecordBook
from schoolwork.results import IndicatorScore, ValueStatus
from schoolwork.scheme import PointsRule, RuleKind
from schoolwork.workspace import SchoolDocument, Workspace

D = Decimal


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"


class Size(enum.IntEnum):
    SMALL = 1
    LARGE = 2


class Shape(enum.Enum):
    """An enum of neither text nor whole numbers."""

    ROUND = "round"
    SQUARE = "square"


@attrs.frozen
class Probe:
    """Every kind of field the converter reads."""

    text: str = ""
    flag: bool = False
    count: int = 0
    amount: Decimal = Decimal(0)
    day: date = date(2024, 1, 1)
    colour: Colour = Colour.RED
    size: Size = Size.SMALL
    names: tuple[str, ...] = ()
    amounts: tuple[Decimal, ...] = ()
    maybe: int | None = None
    either: date | int | None = None
    table: dict[str, Decimal] = attrs.Factory(dict)
    shape: Shape = Shape.ROUND
    choice: int | str = 0
    pair: tuple[str, int] = ("", 0)
    colours: tuple[Colour, ...] = ()


@pytest.fixture(autouse=True)
def _fresh_module_converters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here reads and writes through converters built afresh by make_converter.

    The module's own converters are built once, at import, and cattrs caches each hook it makes
    from a factory; fresh converters run make_converter and every hook factory again.
    """
    monkeypatch.setattr(converter, "converter", converter.make_converter(detailed=False))
    monkeypatch.setattr(converter, "_detailed", converter.make_converter(detailed=True))


def problems(data: Any, cls: type = Probe) -> list[tuple[str, str, str | None]]:
    with pytest.raises(WorkspaceError) as caught:
        converter.structure(data, cls, file="f.toml")
    assert {p.file for p in caught.value.problems} == {"f.toml"}
    return [(p.path, p.expected, p.found) for p in caught.value.problems]


# -- names of types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tp", "name"),
    [
        (str, "text"),
        (bool, "true or false"),
        (int, "a whole number"),
        (Decimal, "a number"),
        (date, "a date (YYYY-MM-DD)"),
        (Colour, "one of 'red', 'blue'"),
        (Size, "one of 1, 2"),
        (Probe, "a table of Probe fields"),
        (int | None, "a whole number, or nothing"),
        (int | str, "a whole number or text"),
        (Decimal | str | None, "a number or text, or nothing"),
        (tuple[str, ...], "a list of text"),
        (tuple[Decimal, ...], "a list of items: a number"),
        (dict[str, Decimal], "a table of items: a number"),
        (Mapping[str, str], "a table of text"),
        (dict, "dict"),
        (float, "float"),
    ],
)
def test_what_each_type_is_called(tp: Any, name: str) -> None:
    assert converter.expected_for(tp) == name


def test_a_bare_mapping_is_a_table() -> None:
    import typing

    assert converter.expected_for(typing.Dict) == "a table"  # noqa: UP006
    assert converter.expected_for(typing.Any) == "Any"


# -- what each hook takes and refuses ----------------------------------------------------------


def test_every_field_read_as_written() -> None:
    data = {
        "text": "甲",
        "flag": True,
        "count": 3,
        "amount": "12.50 ",
        "day": "2024-03-01",
        "colour": "blue",
        "size": 2,
        "names": ["a", "b"],
        "amounts": [D("1.5"), 2],
        "maybe": None,
        "either": 7,
        "table": {"x": D(1)},
    }
    assert converter.structure(data, Probe, file="f.toml") == Probe(
        "甲",
        True,
        3,
        D("12.50"),
        date(2024, 3, 1),
        Colour.BLUE,
        Size.LARGE,
        ("a", "b"),
        (D("1.5"), D(2)),
        None,
        7,
        {"x": D(1)},
    )
    assert converter.structure({"either": date(2024, 1, 2)}, Probe, file="f") == Probe(
        either=date(2024, 1, 2)
    )
    assert converter.structure({"amount": 5, "day": date(2024, 5, 1)}, Probe, file="f") == Probe(
        amount=D(5), day=date(2024, 5, 1)
    )


@pytest.mark.parametrize(
    ("field", "value", "expected", "found"),
    [
        ("text", 5, "text", "5"),
        ("flag", "true", "true or false", "'true'"),
        ("flag", 1, "true or false", "1"),
        ("count", True, "a whole number", "True"),
        ("count", "3", "a whole number", "'3'"),
        ("count", D("1.5"), "a whole number", "Decimal('1.5') (Decimal)"),
        ("amount", "NaN", "a number", "'NaN'"),
        ("amount", "-Infinity", "a number", "'-Infinity'"),
        ("amount", "abc", "a number", "'abc'"),
        ("amount", True, "a number", "True"),
        ("amount", 1.5, "a number", "1.5"),
        ("day", datetime(2024, 3, 1, 8, 0), "a date (YYYY-MM-DD) without a time", None),
        ("day", "2024-13-01", "a date (YYYY-MM-DD)", "'2024-13-01'"),
        ("day", 20240301, "a date (YYYY-MM-DD)", "20240301"),
        ("colour", "green", "one of 'red', 'blue'", "'green'"),
        ("colour", ["red"], "one of 'red', 'blue'", None),
        ("size", 3, "one of 1, 2", "3"),
        ("names", "ab", "a list of text", "'ab'"),
        ("either", "x", "a date (YYYY-MM-DD) or a whole number, or nothing", "'x'"),
        ("either", True, "a date (YYYY-MM-DD) or a whole number, or nothing", None),
        ("table", [], "a table of items: a number", None),
    ],
)
def test_each_hook_refuses_the_wrong_kind_of_value(
    field: str, value: object, expected: str, found: str | None
) -> None:
    [(path, told, shown)] = problems({field: value})
    assert (path, told) == (field, expected)
    if found is not None:
        assert shown == found


def test_a_bad_item_of_a_list_is_located_by_its_index() -> None:
    assert problems({"names": ["a", 5, "c", False]}) == [
        ("names[1]", "text", "5"),
        ("names[3]", "text", "False"),
    ]
    assert problems({"amounts": [D(1), "x"]}) == [("amounts[1]", "a number", "'x'")]


def test_a_condition_value_keeps_the_type_it_was_written_with() -> None:
    def value(raw: object) -> object:
        data = {"field": "f", "op": "eq", "value": raw}
        return converter.structure(data, Clause, file="s.toml").value

    assert value("false") == "false"
    assert value(False) is False
    assert value(3) == D(3)
    assert type(value(3)) is Decimal
    assert value(["a", "b"]) == ("a", "b")
    assert problems({"field": "f", "op": "eq", "value": None}, Clause) == [
        ("value", "text or a number or true or false or a list of text", "None")
    ]
    assert problems({"field": "f", "op": "xx", "value": 1}, Clause)[0][0] == "op"


# -- where problems are ---------------------------------------------------------------------------


def test_missing_and_unknown_keys_and_nested_problems_are_located() -> None:
    data = {"id": "u1", "name": "x", "kind": "galaxy", "colour": 1, "parent": 5}
    assert problems(data, Unit) == [
        ("kind", "one of " + ", ".join(repr(k.value) for k in UnitKind), "'galaxy'"),
        ("parent", "text", "5"),
        (
            "colour",
            "one of the known keys (id, kind, name, parent, leader, supervisor, subject)",
            "unknown key",
        ),
    ]
    assert problems({"name": "x", "kind": "office"}, Unit) == [("id", "text (required)", "nothing")]


def test_a_record_book_reads_and_writes_its_kinds() -> None:
    honour = Honour("h1", "t", Level.CITY, Recipient(RecipientKind.SCHOOL), date(2024, 1, 1))
    book = RecordBook.of(honour=(honour,))
    data = converter.unstructure(book)
    assert data == {
        "honour": [
            {
                "id": "h1",
                "title": "t",
                "level": "city",
                "recipient": {"kind": "school"},
                "date": date(2024, 1, 1),
            }
        ]
    }
    assert converter.structure(data, RecordBook, file="-") == book


# -- text ------------------------------------------------------------------------------------------


def test_toml_and_json_numbers_are_exact_and_finite() -> None:
    assert converter.loads("a = 0.1", "toml", file="x.toml") == {"a": D("0.1")}
    assert converter.loads('{"a": 0.1, "b": 2}', "json", file="x.json") == {"a": D("0.1"), "b": 2}
    for text, fmt in (("a = nan", "toml"), ("a = -inf", "toml"), ('{"a": NaN}', "json")):
        with pytest.raises(WorkspaceError) as caught:
            converter.loads(text, fmt, file=f"x.{fmt}")
        [problem] = caught.value.problems
        assert (problem.file, problem.path, problem.expected) == (
            f"x.{fmt}",
            "a",
            "a finite number (not nan or inf)",
        )


def test_syntax_errors_name_the_file_and_the_place() -> None:
    with pytest.raises(WorkspaceError) as caught:
        converter.loads("a = ", "toml", file="x.toml")
    assert caught.value.problems[0].expected == "valid TOML"
    with pytest.raises(WorkspaceError) as caught:
        converter.loads('{"a": }', "json", file="x.json")
    assert caught.value.problems == (
        Problem(
            "x.json",
            "",
            "valid JSON",
            "Expecting value (at line 1, column 7)",
            expected_zh="正确的 JSON 语法",
        ),
    )
    with pytest.raises(ValueError, match=r"^unknown format 'yaml'; expected 'toml' or 'json'$"):
        converter.loads("", "yaml", file="x.yaml")


def test_dumps_writes_exact_numbers_and_dates() -> None:
    model = Probe(amount=D("0.10"), day=date(2024, 3, 1), names=("甲",))
    json_text = converter.dumps(model, "json")
    assert '"amount": "0.10"' in json_text
    assert '"day": "2024-03-01"' in json_text
    assert '"names": [\n    "甲"\n  ]' in json_text
    assert json_text.endswith("}\n")
    toml_text = converter.dumps(model, "toml")
    assert "amount = 0.10\n" in toml_text
    assert "day = 2024-03-01\n" in toml_text
    for fmt in ("toml", "json"):
        text = converter.dumps(model, fmt)
        assert converter.structure(converter.loads(text, fmt, file="-"), Probe, file="-") == model
    with pytest.raises(ValueError, match=r"^unknown format 'xml'; expected 'toml' or 'json'$"):
        converter.dumps(model, "xml")
    with pytest.raises(TypeError, match=r"^cannot write object as JSON$"):
        converter._json_default(object())


@pytest.mark.parametrize(("name", "fmt"), [("a.toml", "toml"), ("b.JSON", "json")])
def test_the_format_of_a_file(name: str, fmt: str) -> None:
    assert converter.format_of(PurePath(name)) == fmt


def test_a_file_of_another_format_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^c\.yaml: expected a \.toml or \.json file$"):
        converter.format_of(PurePath("dir/c.yaml"))


def test_op_values_are_written_as_values() -> None:
    assert converter.unstructure(Clause("a", Op.GE, D(1))) == {
        "field": "a",
        "op": "ge",
        "value": D(1),
    }


# -- a converter built afresh ----------------------------------------------------------------------
# The module's converters are built once, at import, and cattrs caches each hook it makes; a new
# converter runs make_converter and every hook factory again.


@pytest.fixture(params=[False, True], ids=["fast", "detailed"])
def fresh(request: pytest.FixtureRequest) -> Any:
    return converter.make_converter(detailed=request.param)


def test_a_fresh_converter_reads_every_kind_of_field(fresh: Any) -> None:
    data = {
        "text": "甲",
        "flag": False,
        "count": 3,
        "amount": "1.5",
        "day": date(2024, 3, 1),
        "colour": "blue",
        "size": 2,
        "names": ["a", "b"],
        "amounts": [D("1.5"), 2],
        "maybe": 4,
        "either": date(2024, 1, 2),
        "table": {"x": D(1)},
    }
    assert fresh.structure(data, Probe) == Probe(
        "甲",
        False,
        3,
        D("1.5"),
        date(2024, 3, 1),
        Colour.BLUE,
        Size.LARGE,
        ("a", "b"),
        (D("1.5"), D(2)),
        4,
        date(2024, 1, 2),
        {"x": D(1)},
    )
    assert fresh.structure({"either": 3, "maybe": None}, Probe) == Probe(either=3)
    assert fresh.structure({"either": None}, Probe) == Probe()


@pytest.mark.parametrize(
    "data",
    [
        {"text": 5},
        {"flag": 1},
        {"count": True},
        {"amount": "NaN"},
        {"day": datetime(2024, 1, 1, 9, 0)},
        {"colour": "green"},
        {"size": 3},
        {"names": "ab"},
        {"names": ["a", 1]},
        {"amounts": [D(1), "x"]},
        {"maybe": "x"},
        {"either": "x"},
        {"either": True},
        {"unknown": 1},
    ],
)
def test_a_fresh_converter_refuses_what_the_files_may_not_say(fresh: Any, data: Any) -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - the fast pass raises whatever it meets
        fresh.structure(data, Probe)


def test_a_fresh_converter_reads_every_type_of_condition_value(fresh: Any) -> None:
    def value(raw: object) -> object:
        return fresh.structure({"field": "f", "op": "eq", "value": raw}, Clause).value

    assert value(True) is True
    assert value("x") == "x"
    assert type(value(3)) is Decimal
    assert value(D("2.5")) == D("2.5")
    assert value(("a",)) == ("a",)
    with pytest.raises(Exception):  # noqa: B017, PT011
        value(None)


def test_a_fresh_converter_writes_plain_data(fresh: Any) -> None:
    model = Probe(colour=Colour.BLUE, size=Size.LARGE, day=date(2024, 2, 1), amount=D("0.5"))
    # defaults left out; enums as their values; dates and Decimals as they are
    assert fresh.unstructure(model) == {
        "colour": "blue",
        "size": 2,
        "day": date(2024, 2, 1),
        "amount": D("0.5"),
    }
    score = IndicatorScore("a", "备课", D(80), D("80.00"), "rule", "input", ValueStatus.USED)
    data = fresh.unstructure(score)
    assert data == {
        "id": "a",
        "name": "备课",
        "value": D(80),
        "points": D("80.00"),
        "rule": "rule",
        "source": "input",
        "status": "used",
        "part": "result",  # a named tuple's fields are all written
    }
    assert fresh.structure(data, IndicatorScore) == score
    honour = Honour("h1", "t", Level.CITY, Recipient(RecipientKind.SCHOOL), date(2024, 1, 1))
    book = RecordBook.of(honour=(honour,))
    assert fresh.unstructure(book) == {"honour": [converter.unstructure(honour)]}
    assert fresh.structure(fresh.unstructure(book), RecordBook) == book


# -- problems from exceptions the converter did not make -------------------------------------------


def collected(exc: BaseException, segments: list[str | int], raw: Any, tp: Any) -> list[Problem]:
    out: list[Problem] = []
    converter._collect(exc, segments, raw, "f", tp, out)
    return out


def test_foreign_exceptions_are_still_located() -> None:
    raw = {"names": ["a", 5], "n": "x"}
    assert collected(ValueError("bad"), ["n"], raw, int) == [
        Problem("f", "n", "a whole number", "'x'", expected_zh="整数")
    ]
    assert collected(ValueError("bad"), ["gone"], raw, int) == [
        Problem("f", "gone", "a whole number", "nothing", expected_zh="整数")
    ]
    group = ExceptionGroup("two", [Mismatch("text", "文本"), ValueError("x")])
    assert collected(group, ["n"], raw, int) == [
        Problem("f", "n", "text", "'x'", expected_zh="文本"),
        Problem("f", "n", "a whole number", "'x'", expected_zh="整数"),
    ]
    plain = IterableValidationError("no notes", [Mismatch("text", "文本")], tuple[str, ...])
    assert collected(plain, ["n"], raw, tuple[str, ...]) == [
        Problem("f", "n", "text", "'x'", expected_zh="文本")
    ]


def test_an_item_of_a_list_without_a_type_is_named_by_the_lists_type() -> None:
    raw = {"names": ["a", 5]}
    error = ValueError("bad")
    error.__notes__ = [IterableValidationNote("@ index 1", 1, None)]  # type: ignore[arg-type]
    group = IterableValidationError("items", [error], tuple[str, ...])
    assert collected(group, ["names"], raw, tuple[str, ...]) == [
        Problem("f", "names[1]", "text", "5", expected_zh="文本")
    ]
    bare = IterableValidationError("items", [error], list)
    assert collected(bare, ["names"], raw, list) == [
        Problem("f", "names[1]", "Any", "5", expected_zh="Any")
    ]


def test_a_key_error_under_a_key_that_is_there_is_no_missing_key() -> None:
    data = {"school": {"id": "s", "name": "s"}, "records": {"homework": []}}
    problems_found = problems(data, Workspace)
    assert problems_found == [
        ("records", "a table of RecordBook fields", "{'homework': []} (dict)")
    ]


def test_a_mismatch_says_what_was_expected() -> None:
    assert str(Mismatch("a number", "数字")) == "a number"
    assert Mismatch("a number", "数字").expected == "a number"
    assert Mismatch("a number", "数字").expected_zh == "数字"


def test_a_value_that_is_not_finite_is_quoted() -> None:
    for text, fmt, found in (
        ("a = nan", "toml", "'nan'"),
        ('{"a": -Infinity}', "json", "'-Infinity'"),
    ):
        with pytest.raises(WorkspaceError) as caught:
            converter.loads(text, fmt, file="x")
        assert caught.value.problems[0].found == found
    with pytest.raises(WorkspaceError) as caught:
        converter.loads("a = = 1", "toml", file="x.toml")
    assert caught.value.problems[0].path == ""


def test_the_less_common_fields_read_as_written(fresh: Any) -> None:
    data = {"shape": "square", "choice": "x", "pair": ["a", 1]}
    assert fresh.structure(data, Probe) == Probe(shape=Shape.SQUARE, choice="x", pair=("a", 1))
    assert converter.structure({"choice": 5}, Probe, file="f") == Probe(choice=5)
    assert problems({"shape": "oval"}) == [("shape", "one of 'round', 'square'", "'oval'")]


def test_a_date_is_no_value_of_a_condition() -> None:
    data = {"field": "date", "op": "ge", "value": date(2024, 3, 1)}
    assert problems(data, Clause) == [
        (
            "value",
            "text or a number or true or false or a list of text",
            "datetime.date(2024, 3, 1) (date)",
        )
    ]


def test_something_that_is_no_table_at_all() -> None:
    assert problems([1, 2]) == [("", "a table of Probe fields", "[1, 2] (list)")]


def test_names_of_types_without_a_name_and_of_nouns_with_an() -> None:
    assert converter.expected_for("Unit") == "Unit"  # a forward reference
    assert converter._plural("an office") == "items: an office"
    assert converter._plural("a number") == "items: a number"
    assert converter._plural("text") == "text"


def test_an_item_without_a_note_is_named_by_the_lists_type() -> None:
    plain = IterableValidationError("no notes", [ValueError("x")], tuple[str, ...])
    assert collected(plain, ["n"], {"n": "x"}, tuple[str, ...]) == [
        Problem("f", "n", "a list of text", "'x'", expected_zh="由文本组成的列表")
    ]


def test_a_list_holds_tables_not_objects(fresh: Any) -> None:
    unit = Unit("u1", UnitKind.OFFICE, "教务处")
    school = {"id": "s", "name": "一中"}
    table = {"school": school, "units": [converter.unstructure(unit)]}
    assert fresh.structure(table, SchoolDocument).units == (unit,)
    with pytest.raises(Exception):  # noqa: B017, PT011
        fresh.structure({"school": school, "units": [unit]}, SchoolDocument)


def test_a_list_of_named_values_reads_item_by_item(fresh: Any) -> None:
    # No item of a list of enums is ready as parsed: each goes through the enum's hook.
    assert fresh.structure({"colours": ["red", "blue"]}, Probe).colours == (
        Colour.RED,
        Colour.BLUE,
    )


def test_equal_points_rules_read_from_files_are_one_object() -> None:
    linear = {"rule": "linear", "floor": 40, "ceiling": 100}
    first = converter.structure(linear, PointsRule, file="a/schemes.toml")
    second = converter.structure(dict(linear), PointsRule, file="b/schemes.toml")
    assert first is second
    assert first == PointsRule(RuleKind.LINEAR, floor=D(40), ceiling=D(100))
    other = converter.structure({**linear, "floor": 50}, PointsRule, file="a/schemes.toml")
    assert other is not first
    assert other.floor == D(50)
    with pytest.raises(WorkspaceError) as caught:  # still read and located as before
        converter.structure({**linear, "floor": "x"}, PointsRule, file="a/schemes.toml")
    assert "a/schemes.toml: floor" in str(caught.value)
