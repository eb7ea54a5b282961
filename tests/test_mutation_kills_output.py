"""Every line of an explanation and every cell of the tables (``evaluation/output.py``), for a
result made by hand with each corner in it: a dimension without a value, a split dimension with
one part, a zeroed dimension, missing and dropped values, a deduction, a veto of two effects,
a move that kept a subject and one that left it without a band. See benchmarks/README.md.
"""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest

from schoolwork.evaluation import output
from schoolwork.results import (
    Adjustment,
    BandMove,
    DimensionScore,
    Evaluation,
    IndicatorScore,
    Subject,
    SubjectResult,
    ValueStatus,
    Veto,
)
from schoolwork.scheme import (
    Dimension,
    Indicator,
    PointsRule,
    RuleKind,
    Scheme,
    SubjectKind,
    VetoEffect,
)

D = Decimal
RULE = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
SCHEME = Scheme(
    "t",
    "教师考核",
    SubjectKind.TEACHER,
    "2023-2024",
    tuple(
        Dimension(d, d, D(1), (Indicator(f"{d}1", f"{d}1", RULE),))
        for d in ("教学", "育人", "研修")
    ),
)
LINEAR = "linear 0→0, 100→100"

FIRST = SubjectResult(
    subject=Subject("T1", "王老师", SubjectKind.TEACHER),
    dimensions=(
        DimensionScore(
            "教学",
            "教学工作",
            D(2),
            D("80.00"),
            "mean, drop lowest 1",
            (
                IndicatorScore("a", "备课", D(80), D("80.00"), LINEAR, "input", ValueStatus.USED),
                IndicatorScore(
                    "b", "上课", D(60), D("60.00"), LINEAR, "input", ValueStatus.DROPPED
                ),
                IndicatorScore("c", "作业", None, None, LINEAR, "no value", ValueStatus.MISSING),
            ),
            process=D("80.00"),
            result=None,
        ),
        DimensionScore("育人", "育人工作", D(1), None, "weighted mean", ()),
        DimensionScore(
            "研修",
            "教研",
            D(1),
            D(0),
            "weighted mean",
            (IndicatorScore("d", "听课", D(10), D("10.00"), LINEAR, "input", ValueStatus.USED),),
            process=None,
            result=D("10.00"),
            note="zeroed by veto late: 迟到",
        ),
    ),
    weighted=D("53.33"),
    adjustments=(
        Adjustment(D(2), "县级表彰", "honours", "h1", "scheme", D("2.00")),
        Adjustment(D(-3), "迟到扣分", "late", None, "plugin:attendance", D("-3.00")),
        Adjustment(D(0), "无分", "honours", "h2", "scheme", D("0.00")),
    ),
    vetoes=(
        Veto(
            "late",
            "迟到",
            (VetoEffect.ZERO_DIMENSION, VetoEffect.CANCEL_AWARDS),
            dimension="研修",
            source="plugin:attendance",
        ),
    ),
    score=D("52.33"),
    rank=D("1.5"),
    band=None,
    moves=(
        BandMove("良好", "良好", "tie at 52.33 with T2 broken by id for the last 良好 place: kept"),
        BandMove("良好", None, "quota of 良好 is 1 of 2"),
    ),
)
SECOND = SubjectResult(
    Subject("T2", "李老师", SubjectKind.TEACHER),
    tuple(
        DimensionScore(d, d, D(1), D("50.00"), "weighted mean", ())
        for d in ("教学", "育人", "研修")
    ),
    D("50.00"),
    (Adjustment(D(1), "plugin's own", "p", None, "plugin:x", None),),
    (),
    D("50.00"),
    D(3),
    "合格",
)
EVALUATION = Evaluation("t", "2023-2024", (FIRST, SECOND))


def test_every_line_of_an_explanation() -> None:
    assert output.explain(FIRST, SCHEME) == (
        "王老师 (T1) — 教师考核, 2023-2024\n"
        "score 52.33, rank 1.5, band —\n"
        "rounding: 2 places, half_up; missing values: exclude\n"
        "\n"
        "[教学] 教学工作: 80.00 × weight 2/3  (mean, drop lowest 1); process 80.00, result —\n"
        f"    a 备课: value 80 (input) → 80.00 points by {LINEAR}\n"
        f"    b 上课: value 60 (input) → 60.00 points by {LINEAR}  [dropped]\n"
        f"    c 作业: value missing (no value) → — points by {LINEAR}  [missing]\n"
        "[育人] 育人工作: no value × weight 1/3  (weighted mean)\n"
        "[研修] 教研: 0 × weight 1/3  (weighted mean); process —, result 10.00\n"
        "    zeroed by veto late: 迟到\n"
        f"    d 听课: value 10 (input) → 10.00 points by {LINEAR}\n"
        "weighted total: 53.33\n"
        "adjustment +2.00 from scheme (honours, record h1): 县级表彰\n"
        "adjustment -3.00 from plugin:attendance (late): 迟到扣分\n"
        "adjustment +0.00 from scheme (honours, record h2): 无分\n"
        "veto late from plugin:attendance: 迟到 → zero_dimension, cancel_awards\n"
        "band 良好: tie at 52.33 with T2 broken by id for the last 良好 place: kept\n"
        "band 良好 → —: quota of 良好 is 1 of 2\n"
        "final score: 52.33 (bounds 0 to 100)\n"
    )


def test_an_adjustment_not_yet_applied_is_told_as_zero() -> None:
    moves = (BandMove(None, None, "no band at all"), BandMove(None, "合格", "set by plugin:x"))
    text = output.explain(attrs.evolve(SECOND, moves=moves), SCHEME)
    assert "band —: no band at all\nband — → 合格: set by plugin:x\n" in text
    assert "adjustment +0 from plugin:x (p): plugin's own\n" in text
    assert "score 50.00, rank 3, band 合格\n" in text


HEAD = ("weighted", "adjustments", "score", "band", "veto")


def test_every_cell_of_the_table() -> None:
    assert output.rows(EVALUATION, SCHEME) == [
        [*("rank", "id", "name", "教学", "育人", "研修"), *HEAD],
        ["1.5", "T1", "王老师", "80.00", "", "0", "53.33", "-1.00", "52.33", "", "late"],
        ["3", "T2", "李老师", "50.00", "50.00", "50.00", "50.00", "0.00", "50.00", "合格", ""],
    ]


def test_vetoes_are_listed_with_commas() -> None:
    two = SubjectResult(
        FIRST.subject, (), D(0), (), (*FIRST.vetoes, Veto("x", "y", ())), D(0), D(1), None
    )
    row = output.rows(Evaluation("t", "2023-2024", (two,)), SCHEME)[1]
    assert row[-4:] == ["0.00", "0", "", "late,x"]


def test_the_csv_and_the_terminal_table() -> None:
    csv_text = output.render(EVALUATION, SCHEME, "csv")
    assert csv_text.splitlines()[1] == "1.5,T1,王老师,80.00,,0,53.33,-1.00,52.33,,late"
    assert csv_text.endswith("\r\n")
    table = output.render(EVALUATION, SCHEME, "table")
    assert table.startswith("教师考核 (t), 2023-2024: 2 subjects\nrank  id  name")
    assert table.endswith("\n")


def test_json_is_readable_text_with_exact_numbers() -> None:
    text = output.render(EVALUATION, SCHEME, "json")
    assert text.startswith('{\n  "scheme": "t",\n  "period": "2023-2024",\n')
    assert '"name": "王老师"' in text  # not \\u escapes
    assert text.endswith("}\n")
    data = json.loads(text)
    assert data["results"][0]["score"] == "52.33"
    assert data["results"][0]["rank"] == "1.5"


def test_only_decimals_are_written_as_text() -> None:
    assert output.exact(D("1.50")) == "1.50"
    with pytest.raises(TypeError, match=r"^cannot write object as JSON$"):
        output.exact(object())


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match=r"^unknown format 'xml'; expected one of table, csv, json$"
    ):
        output.render(EVALUATION, SCHEME, "xml")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("87.43", "87.43"),
        ("0.00", "0.00"),
        ("-0.50", "-0.50"),
        ("100", "100"),
        ("1E+1", "10"),  # str() would write the exponent
        ("1.5E+2", "150"),
        ("1E-7", "0.0000001"),
        ("-2.5E-8", "-0.000000025"),
    ],
)
def test_a_number_is_written_as_its_digits_never_with_an_exponent(value: str, text: str) -> None:
    assert output.number(Decimal(value)) == text
    assert output.number(None) == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("3", "3"),
        ("10", "10"),
        ("1E+1", "10"),
        ("2.5", "2.5"),
        ("2.50", "2.5"),
        ("4.0", "4"),
        ("1.0E+2", "100"),
    ],
)
def test_a_rank_is_written_without_trailing_zeros_or_exponent(value: str, text: str) -> None:
    assert output.rank_text(Decimal(value)) == text
