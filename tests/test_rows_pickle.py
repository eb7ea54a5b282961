"""A partition's rows travel from a worker process to the main one by columns, unchanged.

:class:`partitions.Rows` pickles its numbers as one string; what comes out must be the very
rows that went in: every Decimal as written (``1.0`` is not ``1.00``), missing dimensions,
vetoes, keys, and the key items that were the row's own score and dimension objects.
"""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoolwork.evaluation import partitions
from schoolwork.evaluation.partitions import Row, Rows
from schoolwork.results import Veto
from schoolwork.scheme import (
    Dimension,
    Indicator,
    PointsRule,
    Ranking,
    RuleKind,
    Scheme,
    SubjectKind,
    VetoEffect,
)
from schoolwork.testing import strategies as sw
from schoolwork.values import Values

D = Decimal
numbers = st.decimals(allow_nan=False, allow_infinity=False)
VETO = Veto("ethics", "师德: incident x1", (VetoEffect.CANCEL_EXCELLENCE,), record="x1")


def back(rows: Rows) -> Rows:
    """``rows`` as a worker sends them and the main process receives them."""
    return pickle.loads(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))  # type: ignore[no-any-return]


@st.composite
def rows(draw: st.DrawFn) -> Rows:
    """Rows of one partition: the same number of dimensions and key items in every row (or,
    sometimes, not), any Decimals, missing dimensions, vetoes; keys that are the row's own
    objects (as the engine makes them) or numbers of their own."""
    width = draw(st.integers(0, 4))
    size = draw(st.integers(1, 3))
    own_keys = draw(st.booleans())
    made = []
    for n in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 9)) == 0:  # now and then a row of another shape
            width, size = draw(st.integers(0, 4)), draw(st.integers(1, 3))
        dimensions = tuple(draw(st.none() | numbers) for _ in range(width))
        score = draw(numbers)
        own = [d for d in dimensions if d is not None]
        mixed = tuple(draw(numbers) for _ in range(size))
        key = (score, *own[: size - 1]) if own_keys else mixed
        school = draw(st.sampled_from(["", "a", "学校"]))
        local = f"T{n:03}"
        made.append(
            Row(
                partitions.qualify(school, local),
                local,
                school,
                draw(sw.names()),
                dimensions,
                draw(numbers),
                draw(numbers),
                score,
                draw(st.sampled_from([(), (VETO,)])),
                key,
            )
        )
    return Rows(made)


@given(rows())
def test_rows_come_back_as_they_went(sent: Rows) -> None:
    received = back(sent)
    assert type(received) is Rows
    # repr, not ==: Decimal("1.0") == Decimal("1.00"), but a score is shown as it was written.
    assert repr(tuple(received)) == repr(tuple(sent))


def scored() -> Rows:
    linear = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
    dimensions = tuple(
        Dimension(f"d{n}", f"维度{n}", D(1), (Indicator(f"i{n}", "指标", linear),))
        for n in range(2)
    )
    scheme = Scheme(
        "s",
        "方案",
        SubjectKind.TEACHER,
        "2023-2024",
        dimensions,
        ranking=Ranking(tie_breakers=("d1",)),
    )
    people = sw.subjects(3)
    values: Values = {
        "T001": {"i0": D("70.5"), "i1": D(80)},
        "T002": {"i0": D(90)},  # d1 missing: its tie-breaker is the floor, not its own
        "T003": {"i0": D(60), "i1": D("65.25")},
    }
    return partitions.score_partition(scheme, people, values=values, school="s1")


def test_a_partitions_numbers_travel_as_text() -> None:
    sent = scored()
    data = pickle.dumps(sent)
    # Not one Decimal pickled on its own (its class and digits each time): the numbers are
    # one string, read back in one pass.
    assert b"Decimal" not in data
    assert back(sent) == sent
    assert back(sent)[1].dimensions[1] is None


def test_keys_made_by_the_engine_share_the_rows_objects_again() -> None:
    sent = scored()
    sent = Rows(row for row in sent if row.dimensions[1] is not None)
    received = back(sent)
    for row in received:
        assert row.key[0] is row.score
        assert row.key[1] is row.dimensions[1]
    assert pickle.dumps(sent).count(b"65.25") == 1  # written once, not again for the key


def test_rows_of_several_shapes_still_travel() -> None:
    one = Row("a/1", "1", "a", "甲", (D(1),), D(1), D(0), D(1), (), (D(1),))
    two = Row("a/2", "2", "a", "乙", (D(1), D(2)), D(1), D(0), D(1), (VETO,), (D(1), D(2)))
    sent = Rows([one, two])
    assert repr(tuple(back(sent))) == repr((one, two))
    assert back(Rows()) == Rows()


def test_rows_whose_dimensions_alone_differ_in_number_still_travel() -> None:
    one = Row("a/1", "1", "a", "甲", (D(1),), D(1), D(0), D(1), (), (D(1),))
    two = Row("a/2", "2", "a", "乙", (D(1), D(2)), D(1), D(0), D(1), (), (D(1),))
    assert repr(tuple(back(Rows([one, two])))) == repr((one, two))
    keyless = Row("a/3", "3", "a", "丙", (D(3),), D(3), D(0), D(3), (), ())
    assert repr(tuple(back(Rows([keyless, keyless])))) == repr((keyless, keyless))


def test_the_numbers_kept_for_reading_rows_back_are_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(partitions, "_KEPT_NUMBERS", 2)
    monkeypatch.setattr(partitions, "_NUMBERS", partitions._Numbers())
    # Three texts in all (1.5 twice): the third is one too many for two kept.
    row = Row("a/1", "1", "a", "甲", (D("1.5"),), D("2.5"), D("1.5"), D("3.5"), (), (D("3.5"),))
    assert back(Rows([row])) == Rows([row])
    assert len(partitions._NUMBERS) <= 2
