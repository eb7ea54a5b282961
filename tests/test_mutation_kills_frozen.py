"""Frozen files, written by hand and read back: the bytes written, the fingerprints kept, and
every problem of a bad file located by key path with what was expected in English and Chinese."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from schoolwork import WorkspaceError
from schoolwork.errors import Problem
from schoolwork.evaluation import frozen
from schoolwork.evaluation.frozen import (
    FORMAT,
    Frozen,
    FrozenMove,
    FrozenSubject,
    FrozenValue,
    dumps,
    fingerprint,
    fingerprints,
    frozen_path,
    library_version,
    loads,
)
from schoolwork.results import (
    BandMove,
    DimensionScore,
    IndicatorScore,
    Subject,
    SubjectResult,
    ValueStatus,
)
from schoolwork.scheme import SubjectKind

D = Decimal
FILE = "frozen/s/2023-2024.json"

FROZEN = Frozen(
    scheme="s",
    period="2023-2024",
    library="schoolwork 1.2",
    rules={"id": "s", "places": 2},
    inputs={"values/s.csv": "sha256:ab"},
    plugins={"p": "1.0"},
    results=(
        FrozenSubject(
            id="T1",
            name="甲",
            score=D("81.50"),
            weighted=D("80.00"),
            rank=D(1),
            band="优秀",
            dimensions=(("a", D("90.00")), ("b", None)),
            values=(
                FrozenValue("a", "x", D("93.5"), D("90.00"), "used"),
                FrozenValue("b", "y", None, None, "missing"),
            ),
            vetoes=("v1",),
            moves=(FrozenMove("优秀", None, "quota"), FrozenMove(None, "合格", "rule")),
        ),
    ),
)


def test_a_frozen_file_reads_back_as_it_was_written() -> None:
    again = loads(dumps(FROZEN), FILE)
    assert again == FROZEN
    assert again.rules == FROZEN.rules
    assert again.results[0].name == "甲"
    assert again.format == FORMAT


def test_the_bytes_of_a_frozen_file() -> None:
    data = json.loads(dumps(FROZEN))
    assert data == {
        "format": 1,
        "library": "schoolwork 1.2",
        "scheme": "s",
        "period": "2023-2024",
        "rules": {"id": "s", "places": 2},
        "inputs": {"values/s.csv": "sha256:ab"},
        "plugins": {"p": "1.0"},
        "results": [
            {
                "subject": "T1",
                "name": "甲",
                "score": "81.50",
                "weighted": "80.00",
                "rank": "1",
                "band": "优秀",
                "dimensions": {"a": "90.00", "b": None},
                "values": [
                    {
                        "dimension": "a",
                        "indicator": "x",
                        "value": "93.5",
                        "points": "90.00",
                        "status": "used",
                    },
                    {
                        "dimension": "b",
                        "indicator": "y",
                        "value": None,
                        "points": None,
                        "status": "missing",
                    },
                ],
                "vetoes": ["v1"],
                "moves": [
                    {"from": "优秀", "to": None, "reason": "quota"},
                    {"from": None, "to": "合格", "reason": "rule"},
                ],
            }
        ],
    }
    text = dumps(FROZEN).decode("utf-8")
    assert text.endswith("}\n")
    assert '\n "format": 1,' in text  # one space of indent, keys sorted
    assert text.index('"format"') < text.index('"inputs"') < text.index('"library"')
    assert '"甲"' in text  # Chinese as written, not escaped


def test_a_rule_that_is_no_json_value_cannot_be_written() -> None:
    broken = Frozen("s", "p", "l", {"when": object()}, {}, {}, ())
    with pytest.raises(TypeError, match="cannot write object in a frozen file"):
        dumps(broken)


def test_the_frozen_file_of_a_scheme_and_year(tmp_path: Path) -> None:
    assert frozen_path(tmp_path, "s", "2023-2024") == tmp_path / "frozen" / "s" / "2023-2024.json"
    assert library_version().startswith("schoolwork ")


def test_fingerprints_name_existing_files_by_their_path_in_the_workspace(tmp_path: Path) -> None:
    (tmp_path / "values").mkdir()
    kept = tmp_path / "values" / "s.csv"
    kept.write_bytes(b"subject,x\n")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.csv"
    outside.write_bytes(b"")
    found = fingerprints(tmp_path, [tmp_path / "gone.csv", outside, kept, tmp_path / "values"])
    assert found == {
        str(outside): "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "values/s.csv": fingerprint(kept),
    }
    assert list(found) == sorted(found)
    assert fingerprint(kept).startswith("sha256:")
    assert len(fingerprint(kept)) == len("sha256:") + 64


def _bad(data: Any) -> list[Problem]:
    with pytest.raises(WorkspaceError) as caught:
        loads(json.dumps(data, ensure_ascii=False).encode("utf-8"), FILE)
    return caught.value.problems


def _file(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps(FROZEN))
    data.update(changes)
    return data


def _subject(**changes: Any) -> dict[str, Any]:
    data = _file()
    subject: dict[str, Any] = data["results"][0]
    subject.update(changes)
    return data


def test_missing_keys_are_each_located() -> None:
    data = _file()
    for key in ("scheme", "library", "rules", "inputs", "results"):
        del data[key]
    missing = [(p.path, p.expected, p.found, p.expected_zh) for p in _bad(data)]
    assert missing == [
        (key, "a value (the key is missing)", None, "有值（缺少此项）")
        for key in ("scheme", "library", "rules", "inputs", "results")
    ]


def test_missing_keys_of_a_subject_are_located_under_it() -> None:
    data = _file()
    subject = data["results"][0]
    for key in ("subject", "score", "band", "dimensions", "vetoes", "values"):
        del subject[key]
    del subject["moves"][0]["from"]
    del subject["moves"][1]["reason"]
    assert [p.path for p in _bad(data)] == [
        "results[0].dimensions",
        "results[0].vetoes",
        "results[0].subject",
        "results[0].score",
        "results[0].band",
        "results[0].values",
        "results[0].moves[0].from",
        "results[0].moves[1].reason",
    ]


def test_values_of_the_wrong_type_are_located_with_what_was_expected() -> None:
    long = "x" * 80
    data = _subject(
        subject=7,
        name=None,
        score=81.5,
        weighted="lots",
        rank="NaN",
        band=3,
        dimensions={"a": "Infinity", "b": None},
        vetoes=["v1", 2],
        moves=[{"from": None, "to": None, "reason": ["no"]}, "stray"],
        values=[
            {"dimension": "a", "indicator": "x", "value": None, "points": 1, "status": "lost"},
            {"dimension": "b", "indicator": "y", "value": "1", "points": None, "status": long},
        ],
    )
    data["scheme"] = ["s"]
    data["inputs"] = {"values/s.csv": None, "ok": "sha256:1"}
    data["plugins"] = "p"
    data["rules"] = []
    found = [(p.path, p.expected, p.found, p.expected_zh) for p in _bad(data)]
    assert found == [
        ("scheme", "text", '["s"]', "文本"),
        ("rules", "a table", "[]", "表"),
        ("inputs.values/s.csv", "text", "null", "文本"),
        ("plugins", "a table", '"p"', "表"),
        ("results[0].vetoes[1]", "a veto rule's id", "2", "否决规则的 id"),
        ("results[0].subject", "text", "7", "文本"),
        ("results[0].name", "text", "null", "文本"),
        ("results[0].score", "a number written as text", "81.5", "以文本写出的数"),
        ("results[0].weighted", "a number written as text", '"lots"', "以文本写出的数"),
        ("results[0].rank", "a number written as text", '"NaN"', "以文本写出的数"),
        ("results[0].band", "text", "3", "文本"),
        (
            "results[0].dimensions.a",
            "a number written as text",
            '"Infinity"',
            "以文本写出的数",
        ),
        ("results[0].values[0].points", "a number written as text", "1", "以文本写出的数"),
        (
            "results[0].values[0].status",
            "used or dropped or missing or zero",
            '"lost"',
            "used、dropped、missing、zero",
        ),
        (
            "results[0].values[1].status",
            "used or dropped or missing or zero",
            '"' + "x" * 56 + "...",
            "used、dropped、missing、zero",
        ),
        ("results[0].moves[0].reason", "text", '["no"]', "文本"),
        ("results[0].moves[1]", "a table", '"stray"', "表"),
    ]


def test_lists_and_tables_of_the_wrong_type_are_located() -> None:
    data = _subject(values={"a": 1}, dimensions=["a"], moves=None, vetoes="v1")
    data["results"].append(3)
    found = [(p.path, p.expected, p.found) for p in _bad(data)]
    assert found == [
        ("results[0].dimensions", "a table", '["a"]'),
        ("results[0].vetoes", "a list", '"v1"'),
        ("results[0].values", "a list", '{"a": 1}'),
        ("results[0].moves", "a list", "null"),
        ("results[1]", "a table", "3"),
    ]
    assert [p.path for p in _bad(_file(results={"T1": {}}))] == ["results"]


def test_a_missing_status_or_number_is_one_problem_each() -> None:
    data = _file()
    value = data["results"][0]["values"][0]
    del value["status"]
    del value["value"]
    found = [(p.path, p.expected) for p in _bad(data)]
    assert found == [
        ("results[0].values[0].value", "a value (the key is missing)"),
        ("results[0].values[0].status", "a value (the key is missing)"),
    ]


def test_a_file_of_another_format_says_which_library_wrote_it() -> None:
    (problem,) = _bad(_file(format=2, library="schoolwork 9.0"))
    assert problem == Problem(
        FILE,
        "format",
        "a frozen file of format 1; freeze the evaluation again with this version (--force)"
        " (written by schoolwork 9.0)",
        "2",
        expected_zh="第 1 版格式的冻结文件；请用当前版本重新冻结（--force）"
        " (written by schoolwork 9.0)",
    )
    (problem,) = _bad({"library": 3})
    assert problem.found == "null"
    assert problem.expected.endswith("(--force)")


def test_a_file_that_is_no_table_or_no_json_or_no_utf8_is_located() -> None:
    with pytest.raises(WorkspaceError) as caught:
        loads(b"[1]", FILE)
    assert list(caught.value.problems) == [Problem(FILE, "", "a table", "list", expected_zh="表")]
    with pytest.raises(WorkspaceError) as caught:
        loads(b'{"format":\n  }', FILE)
    assert list(caught.value.problems) == [
        Problem(FILE, "line 2, column 3", "JSON", "Expecting value", expected_zh="JSON 格式")
    ]
    with pytest.raises(WorkspaceError) as caught:
        loads(b'{"a": "\xe7\x94"}', FILE)
    assert list(caught.value.problems) == [
        Problem(FILE, "byte 7", "UTF-8 text", None, expected_zh="UTF-8 文本")
    ]


def test_a_result_is_frozen_with_its_band_moves_and_vetoes() -> None:
    indicator = IndicatorScore("x", "某", D("93.5"), D("90"), "linear", "input", ValueStatus.USED)
    result = SubjectResult(
        subject=Subject("T1", "甲", SubjectKind.TEACHER),
        dimensions=(
            DimensionScore("b", "乙", D(1), None, "weighted", ()),
            DimensionScore("a", "甲", D(1), D("90.00"), "weighted", (indicator,)),
        ),
        weighted=D("80.00"),
        adjustments=(),
        vetoes=(),
        score=D("81.50"),
        rank=D(3),
        band="合格",
        moves=(BandMove("优秀", "良好", "quota"), BandMove("良好", "合格", "veto")),
    )
    assert FrozenSubject.of(result) == FrozenSubject(
        id="T1",
        name="甲",
        score=D("81.50"),
        weighted=D("80.00"),
        rank=D(3),
        band="合格",
        dimensions=(("a", D("90.00")), ("b", None)),
        values=(FrozenValue("a", "x", D("93.5"), D("90"), "used"),),
        vetoes=(),
        moves=(FrozenMove("优秀", "良好", "quota"), FrozenMove("良好", "合格", "veto")),
    )


def test_numbers_and_dates_in_the_rules_are_written_as_text() -> None:
    rules = {"weight": D("0.50"), "from": date(2024, 9, 1)}
    written = json.loads(dumps(Frozen("s", "p", "l", rules, {}, {}, ())))
    assert written["rules"] == {"weight": "0.50", "from": "2024-09-01"}


def test_without_an_installed_package_the_library_is_version_0(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert library_version() == "schoolwork " + metadata.version("schoolwork")

    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(frozen, "version", not_installed)
    assert library_version() == "schoolwork 0.0.0"


def test_zeros_and_an_empty_band_read_back_as_written() -> None:
    data = _subject(score="0", weighted="0.00", rank="0", band=None)
    again = loads(json.dumps(data).encode("utf-8"), FILE).results[0]
    assert (again.score, again.weighted, again.rank, again.band) == (D(0), D("0.00"), D(0), None)
    assert str(again.weighted) == "0.00"


def test_a_null_number_where_one_is_required_is_located() -> None:
    problems = _bad(_subject(score=None, weighted="1"))
    assert [(p.file, p.path, p.found) for p in problems] == [(FILE, "results[0].score", "null")]


def test_problems_of_nested_items_name_their_file_and_full_path() -> None:
    data = _subject(
        values=[
            {"dimension": 1, "points": None, "value": None, "status": "used"},
            "stray",
            {"dimension": "a", "indicator": "x", "value": None, "points": None, "status": "丢失"},
        ],
        moves=["stray", {"from": None, "to": 5, "reason": "r"}],
    )
    data["inputs"] = {"a": 3}
    data["results"][0]["vetoes"] = "v1"
    found = [(p.file, p.path, p.expected, p.found, p.expected_zh) for p in _bad(data)]
    assert found == [
        (FILE, "inputs.a", "text", "3", "文本"),
        (FILE, "results[0].vetoes", "a list", '"v1"', "列表"),
        (FILE, "results[0].values[0].dimension", "text", "1", "文本"),
        (
            FILE,
            "results[0].values[0].indicator",
            "a value (the key is missing)",
            None,
            "有值（缺少此项）",
        ),
        (FILE, "results[0].values[1]", "a table", '"stray"', "表"),
        (
            FILE,
            "results[0].values[2].status",
            "used or dropped or missing or zero",
            '"丢失"',
            "used、dropped、missing、zero",
        ),
        (FILE, "results[0].moves[0]", "a table", '"stray"', "表"),
        (FILE, "results[0].moves[1].to", "text", "5", "文本"),
    ]


@pytest.mark.parametrize(("length", "shown"), [(60, None), (61, 57)])
def test_a_found_value_longer_than_60_characters_is_cut(length: int, shown: int | None) -> None:
    status = "x" * (length - 2)  # with its quotes, `length` characters
    (problem,) = _bad(_subject(values=[{**_file()["results"][0]["values"][0], "status": status}]))
    expected = f'"{status}"' if shown is None else f'"{status}"'[:shown] + "..."
    assert problem.found == expected


def test_a_period_that_is_not_text_is_located_at_the_top() -> None:
    problems = _bad(_file(period=2023, library=None))
    assert [(p.path, p.expected, p.found) for p in problems] == [
        ("period", "text", "2023"),
        ("library", "text", "null"),
    ]
