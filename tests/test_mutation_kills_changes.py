"""The diff against frozen results, on frozen results written by hand: which inputs, rules and
subjects it names, in which order, and what it says of each subject's move."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from schoolwork.evaluation.changes import (
    Change,
    InputChange,
    RuleChange,
    SubjectChange,
    ValueChange,
    compare,
    rule_changes,
)
from schoolwork.evaluation.frozen import Frozen, FrozenSubject, FrozenValue

D = Decimal


def subject(
    sid: str,
    score: str = "80",
    rank: int = 1,
    band: str | None = "良好",
    values: tuple[FrozenValue, ...] = (),
    vetoes: tuple[str, ...] = (),
) -> FrozenSubject:
    return FrozenSubject(
        id=sid,
        name=f"name {sid}",
        score=D(score),
        weighted=D(score),
        rank=D(rank),
        band=band,
        dimensions=(),
        values=values,
        vetoes=vetoes,
        moves=(),
    )


def value(indicator: str, raw: str | None, points: str | None = None) -> FrozenValue:
    return FrozenValue("d", indicator, None if raw is None else D(raw), D(points or "0"), "given")


def frozen(
    *results: FrozenSubject,
    library: str = "schoolwork 1.0",
    inputs: dict[str, str] | None = None,
    plugins: dict[str, str] | None = None,
    rules: dict[str, Any] | None = None,
) -> Frozen:
    return Frozen(
        scheme="s",
        period="2023-2024",
        library=library,
        rules=rules or {},
        inputs=inputs or {},
        plugins=plugins or {},
        results=results,
    )


def test_unchanged_results_compare_as_unchanged() -> None:
    before = frozen(subject("A", values=(value("x", "1"),)), subject("B", rank=2))
    comparison = compare(before, before, against="frozen/s/2023-2024.json")
    assert comparison.unchanged
    assert comparison.subjects == ()
    assert comparison.moved == ()
    assert (comparison.scheme, comparison.period) == ("s", "2023-2024")
    assert comparison.against == "frozen/s/2023-2024.json"


def test_subjects_with_their_own_cause_come_first_then_those_moved_then_the_removed() -> None:
    before = frozen(
        subject("A", "90", 1, "优秀"),
        subject("B", "85", 2, "良好", values=(value("x", "70", "70"),)),
        subject("C", "60", 3, "合格"),
        subject("R", "50", 4, None),
    )
    now = frozen(
        subject("N", "95", 1, "优秀"),  # added
        subject("A", "90", 2, "优秀"),  # moved with the others
        subject("B", "88", 3, "良好", values=(value("x", "80", "80"),)),  # its own value
        subject("C", "60", 4, "合格"),
    )
    comparison = compare(before, now, against="x")
    assert [(s.id, s.change) for s in comparison.subjects] == [
        ("B", Change.CHANGED),
        ("N", Change.ADDED),
        ("A", Change.CHANGED),
        ("C", Change.CHANGED),
        ("R", Change.REMOVED),
    ]
    found = {s.id: s for s in comparison.subjects}
    assert found["B"].own_cause
    assert not found["A"].own_cause
    assert (found["B"].score_delta, found["B"].rank_delta) == (D(3), D(-1))
    assert (found["A"].score_delta, found["A"].rank_delta) == (D(0), D(-1))
    assert found["A"].band_moved is False
    assert found["N"].score_delta is None
    assert found["N"].rank_delta is None
    assert found["R"].score_delta is None
    assert found["R"].rank_delta is None
    assert found["N"].band_moved
    assert found["R"].band_moved
    assert found["R"].name == "name R"
    assert found["R"].after is None
    assert found["N"].before is None
    assert not comparison.unchanged


def test_moved_are_those_whose_band_or_rank_changed() -> None:
    before = frozen(subject("A", "90", 1, "优秀"), subject("B", "80", 2, "良好"))
    now = frozen(subject("A", "91", 1, "优秀"), subject("B", "80", 2, "合格"))
    comparison = compare(before, now, against="x")
    assert [s.id for s in comparison.subjects] == ["A", "B"]
    assert [s.id for s in comparison.moved] == ["B"]


def test_value_changes_say_both_sides_and_the_appeal_behind_a_new_value() -> None:
    before = frozen(
        subject("A", values=(value("x", "70", "70"), value("y", "5", "5"), value("z", "1")))
    )
    now = frozen(
        subject(
            "A",
            "82",
            values=(value("x", "80", "80"), value("y", "5", "6"), value("w", "3")),
        )
    )
    appeals = {("A", "x"): "A001", ("A", "y"): "A002", ("A", "w"): "A003"}
    (change,) = compare(before, now, against="x", appeals=appeals).subjects
    assert change.values == (
        ValueChange("d", "x", D(70), D(80), D(70), D(80), "given", "given", "A001"),
        # the raw value is what it was: its points moved by a rule, not by the appeal
        ValueChange("d", "y", D(5), D(5), D(5), D(6), "given", "given", None),
        ValueChange("d", "w", None, D(3), None, D(0), None, "given", "A003"),
        ValueChange("d", "z", D(1), None, D(0), None, "given", None, None),
    )
    without = compare(before, now, against="x").subjects[0]
    assert [v.appeal for v in without.values] == [None, None, None, None]


def test_a_removed_value_names_no_appeal_and_a_removed_subject_lists_its_values() -> None:
    before = frozen(subject("A", values=(value("x", "70"),), vetoes=("v1",)))
    now = frozen()
    (change,) = compare(before, now, against="x", appeals={("A", "x"): "A001"}).subjects
    assert change.change is Change.REMOVED
    assert change.values == (ValueChange("d", "x", D(70), None, D(0), None, "given", None),)
    assert (change.vetoes_added, change.vetoes_removed) == ((), ("v1",))
    assert change.own_cause


def test_vetoes_that_appeared_or_vanished_are_each_named() -> None:
    before = frozen(subject("A", vetoes=("v1", "v2")), subject("B", rank=2))
    now = frozen(subject("A", vetoes=("v2", "v3")), subject("B", rank=2, vetoes=("v1",)))
    found = {s.id: s for s in compare(before, now, against="x").subjects}
    assert (found["A"].vetoes_added, found["A"].vetoes_removed) == (("v3",), ("v1",))
    assert (found["B"].vetoes_added, found["B"].vetoes_removed) == (("v1",), ())
    assert found["B"].own_cause
    assert found["B"].values == ()


def test_inputs_plugins_and_the_library_are_named_with_versions_where_they_have_them() -> None:
    before = frozen(
        library="schoolwork 1.0",
        inputs={"values/s.csv": "sha256:a", "records/old.csv": "sha256:b", "same": "sha256:c"},
        plugins={"p": "1.0", "gone": "2.0", "kept": "3.0"},
    )
    now = frozen(
        library="schoolwork 1.1",
        inputs={"values/s.csv": "sha256:z", "records/new.csv": "sha256:d", "same": "sha256:c"},
        plugins={"p": "1.1", "new": "0.1", "kept": "3.0"},
    )
    assert compare(before, now, against="x").inputs == (
        InputChange("schoolwork", Change.CHANGED, "schoolwork 1.0", "schoolwork 1.1"),
        InputChange("records/new.csv", Change.ADDED),
        InputChange("records/old.csv", Change.REMOVED),
        InputChange("values/s.csv", Change.CHANGED),
        InputChange("plugin:gone", Change.REMOVED, "2.0", None),
        InputChange("plugin:new", Change.ADDED, None, "0.1"),
        InputChange("plugin:p", Change.CHANGED, "1.0", "1.1"),
    )
    assert not compare(before, now, against="x").unchanged
    same_library = frozen(library="schoolwork 1.0")
    assert compare(same_library, same_library, against="x").inputs == ()


def test_rules_changed_are_named_by_kind_and_id_and_in_the_comparison() -> None:
    indicator = {"id": "i1", "points": {"rule": "linear"}}
    before = {
        "places": 2,
        "ranking": "competition",
        "gone": 1,
        "dimensions": [
            {"id": "d1", "weight": "1", "indicators": [indicator, {"id": "i2", "w": 1}]},
            {"id": "d2", "weight": "1", "indicators": [{"id": "i3"}]},
            {"id": "d3", "weight": "1", "indicators": []},
        ],
        "bonuses": [{"id": "b1", "points": "1"}, {"id": "b2", "points": "2"}],
        "vetoes": [{"id": "v1"}],
    }
    after = {
        "places": 1,
        "ranking": "competition",
        "new": True,
        "dimensions": [
            {"id": "d1", "weight": "1", "indicators": [indicator, {"id": "i2", "w": 2}]},
            {"id": "d2", "weight": "2", "indicators": [{"id": "i3"}, {"id": "i4"}]},
            {"id": "d4", "weight": "1", "indicators": [{"id": "i5"}]},
        ],
        "bonuses": [{"id": "b1", "points": "3"}, {"id": "b2", "points": "2"}, {"id": "b3"}],
        "vetoes": [],
    }
    expected = [
        RuleChange("scheme", "gone", Change.REMOVED),
        RuleChange("scheme", "new", Change.ADDED),
        RuleChange("scheme", "places", Change.CHANGED),
        RuleChange("indicator", "i2", Change.CHANGED),  # d1 itself is as it was
        RuleChange("dimension", "d2", Change.CHANGED),
        RuleChange("indicator", "i4", Change.ADDED),
        RuleChange("dimension", "d4", Change.ADDED),
        RuleChange("indicator", "i5", Change.ADDED),
        RuleChange("dimension", "d3", Change.REMOVED),
        RuleChange("bonus", "b1", Change.CHANGED),
        RuleChange("bonus", "b3", Change.ADDED),
        RuleChange("veto", "v1", Change.REMOVED),
    ]
    assert list(rule_changes(before, after)) == expected
    comparison = compare(frozen(rules=before), frozen(rules=after), against="x")
    assert list(comparison.rules) == expected
    assert not comparison.unchanged
    assert list(rule_changes(after, after)) == []


def test_a_removed_dimension_names_its_removed_indicators() -> None:
    before = {"dimensions": [{"id": "d1", "indicators": [{"id": "i1"}, {"id": "i2"}]}]}
    assert list(rule_changes(before, {"dimensions": []})) == [
        RuleChange("dimension", "d1", Change.REMOVED),
        RuleChange("indicator", "i1", Change.REMOVED),
        RuleChange("indicator", "i2", Change.REMOVED),
    ]


def test_rule_lists_that_are_not_lists_of_tables_hold_no_rules() -> None:
    before = {"dimensions": "broken", "bonuses": [{"id": "b1"}, "stray", 3]}
    after = {"dimensions": [], "bonuses": [{"id": "b1"}]}
    assert list(rule_changes(before, after)) == []


def test_a_subject_change_of_a_subject_present_on_both_sides_is_changed() -> None:
    a = subject("A")
    assert SubjectChange("A", "a", a, a).change is Change.CHANGED
    assert SubjectChange("A", "a", None, a).change is Change.ADDED
    assert SubjectChange("A", "a", a, None).change is Change.REMOVED
    assert not SubjectChange("A", "a", a, a).own_cause


def test_a_dimension_added_or_removed_is_named_even_with_no_settings_of_its_own() -> None:
    # A frozen file's rules are read as written: a dimension may hold nothing but indicators.
    bare = {"dimensions": [{"indicators": [{"id": "i1"}]}]}
    assert list(rule_changes({}, bare)) == [
        RuleChange("dimension", "None", Change.ADDED),
        RuleChange("indicator", "i1", Change.ADDED),
    ]
    assert list(rule_changes(bare, {})) == [
        RuleChange("dimension", "None", Change.REMOVED),
        RuleChange("indicator", "i1", Change.REMOVED),
    ]
