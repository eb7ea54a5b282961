"""Partitions through their public functions only (the module is being reworked): qualified
ids, the scheme check, duplicates refused, rows in rank order with ties by id, and a rebuilt
subject that must still score what its row says."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from schoolwork import hookimpl
from schoolwork.calendar import SchoolCalendar
from schoolwork.errors import SchemeError
from schoolwork.evaluation import engine, partitions
from schoolwork.evaluation.engine import evaluate
from schoolwork.job import plugin_host
from schoolwork.levels import Level
from schoolwork.organisation import School
from schoolwork.records import (
    CORE_KINDS,
    Honour,
    Recipient,
    RecipientKind,
    RecordBook,
    RecordKind,
    owned_by,
)
from schoolwork.results import Evaluation, Subject, SubjectResult, Veto
from schoolwork.scheme import (
    Band,
    Dimension,
    Indicator,
    PointsRule,
    Ranking,
    RecordSource,
    RuleKind,
    Scheme,
    SubjectKind,
    VetoEffect,
)
from schoolwork.testing import strategies as sw
from schoolwork.values import Values
from schoolwork.workspace import Workspace

D = Decimal
PEOPLE = sw.subjects(3)
VALUES: Values = {"T001": {"i": D(50)}, "T002": {"i": D(50)}, "T003": {"i": D(70)}}


def _scheme(rule: PointsRule | None = None) -> Scheme:
    rule = rule or PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
    dimension = Dimension("d", "维度", D(1), (Indicator("i", "指标", rule),))
    return Scheme("s", "方案", SubjectKind.TEACHER, "2023-2024", (dimension,))


def test_an_id_is_qualified_by_its_school_only_when_there_is_one() -> None:
    assert partitions.qualify("", "T001") == "T001"
    assert partitions.qualify("school-a", "T001") == "school-a/T001"
    rows = partitions.score_partition(_scheme(), PEOPLE, values=VALUES)
    assert [(r.id, r.local, r.school) for r in rows] == [
        ("T001", "T001", ""),
        ("T002", "T002", ""),
        ("T003", "T003", ""),
    ]


def test_an_unsound_scheme_is_refused_with_its_problem_located() -> None:
    unsound = _scheme(PointsRule(RuleKind.LINEAR, floor=D(100), ceiling=D(100)))
    message = (
        "scheme: dimensions[0].indicators[0].points.ceiling: expected a value above the floor "
        "(100), found 100"
    )
    with pytest.raises(SchemeError) as caught:
        partitions.score_partition(unsound, PEOPLE, values=VALUES)
    assert str(caught.value) == message


def test_a_subject_twice_in_one_partition_is_refused_by_its_qualified_id() -> None:
    with pytest.raises(ValueError, match="subject 'x/T001' appears twice"):
        partitions.score_partition(_scheme(), [PEOPLE[0], PEOPLE[0]], school="x")


def test_a_row_keeps_the_numbers_shown_and_the_ranking_key() -> None:
    (row, *_) = partitions.score_partition(_scheme(), PEOPLE, values=VALUES, school="a")
    assert row == partitions.Row(
        "a/T001", "T001", "a", PEOPLE[0].name, (D("50.00"),), D("50.00"), D("0.00"),
        D("50.00"), (), (D("50.00"),),
    )  # fmt: skip


def test_decided_rows_come_in_rank_order_ties_by_id_and_rebuild_to_the_same_score() -> None:
    scheme = _scheme()
    rows = partitions.score_partition(scheme, PEOPLE, values=VALUES)
    decided = partitions.apply(list(reversed(rows)), partitions.decide(scheme, rows))
    assert [(d.row.id, d.rank) for d in decided] == [
        ("T003", D(1)),
        ("T001", D(2)),
        ("T002", D(2)),
    ]
    rebuilt = partitions.rebuild(scheme, PEOPLE[0], decided[1], values=VALUES)
    assert (rebuilt.subject.id, rebuilt.rank, rebuilt.score) == ("T001", D(2), D("50.00"))
    changed: Values = {"T001": {"i": D(60)}}
    with pytest.raises(ValueError, match="now scores") as caught:
        partitions.rebuild(scheme, PEOPLE[0], decided[1], values=changed)
    assert str(caught.value) == (
        "subject 'T001' now scores 60.00, not 50.00: its inputs changed since the evaluation"
    )


def test_rows_other_than_those_decided_on_are_refused() -> None:
    scheme = _scheme()
    rows = partitions.score_partition(scheme, PEOPLE, values=VALUES)
    decision = partitions.decide(scheme, rows)
    for other in (rows[:-1], [*rows, rows[0]._replace(id="T009")]):
        with pytest.raises(ValueError, match="decision") as caught:
            partitions.apply(other, decision)
        assert str(caught.value) == "the rows are not those the decision was made on"


class _Watching:
    """Records what ``schoolwork_assign_bands`` receives; moves T001 from 合格 to 优秀."""

    def __init__(self) -> None:
        self.seen: list[SubjectResult] = []

    @hookimpl
    def schoolwork_assign_bands(
        self, scheme: Scheme, results: tuple[SubjectResult, ...]
    ) -> dict[str, str | None]:
        self.seen = list(results)
        return {r.subject.id: "优秀" for r in results if r.subject.id.endswith("/T001")}


def _banded() -> Scheme:
    bands = (Band("优秀", D(60)), Band("合格", D(0)))
    return attrs.evolve(_scheme(), bands=bands)


def test_a_band_plugin_sees_every_subject_summed_up_and_its_moves_stand() -> None:
    scheme = _banded()
    watching = _Watching()
    host = plugin_host({"watching": watching}, installed=False)
    rows = partitions.score_partition(scheme, PEOPLE, values=VALUES, school="a")
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    moved = partitions.plugin_bands(scheme, host, decided)
    seen = [
        (
            r.subject.id, r.subject.name, r.subject.kind, r.score, r.rank, r.band, r.weighted,
            r.vetoes, r.adjustments,
            [(d.id, d.name, d.weight, d.score, d.method, d.indicators) for d in r.dimensions],
        )
        for r in watching.seen
    ]  # fmt: skip
    dimension = ("d", "维度", D(1))
    assert seen == [
        ("a/T003", PEOPLE[2].name, SubjectKind.TEACHER, D("70.00"), D(1), "优秀", D("70.00"),
         (), (), [(*dimension, D("70.00"), "", ())]),
        ("a/T001", PEOPLE[0].name, SubjectKind.TEACHER, D("50.00"), D(2), "合格", D("50.00"),
         (), (), [(*dimension, D("50.00"), "", ())]),
        ("a/T002", PEOPLE[1].name, SubjectKind.TEACHER, D("50.00"), D(2), "合格", D("50.00"),
         (), (), [(*dimension, D("50.00"), "", ())]),
    ]  # fmt: skip
    assert [(d.row.id, d.band) for d in moved] == [
        ("a/T003", "优秀"),
        ("a/T001", "优秀"),
        ("a/T002", "合格"),
    ]
    (move,) = moved[1].moves
    assert (move.from_band, move.to_band, move.reason) == ("合格", "优秀", "set by plugin:watching")
    assert moved[0] is decided[0]  # a subject the plugin left alone is the same object
    assert moved[2] is decided[2]


def test_without_a_band_plugin_nothing_is_summed_up() -> None:
    scheme = _banded()
    rows = partitions.score_partition(scheme, PEOPLE, values=VALUES)
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    host = plugin_host(installed=False)
    assert partitions.plugin_bands(scheme, host, decided) == decided


class _Counting:
    """Gives T001's indicator 40 points plus 10 a record of honour: records and host matter."""

    @hookimpl
    def schoolwork_indicator_values(
        self, scheme: Scheme, subject: Subject, records: RecordBook
    ) -> dict[str, Decimal] | None:
        if subject.id != "T001":
            return None
        return {"i": D(40 + 10 * len(records.honours))}


def test_a_partition_and_a_rebuilt_subject_take_the_records_and_the_plugins_given() -> None:
    scheme = _scheme()
    honour = Honour(
        "H1", "优秀教师", Level.COUNTY, Recipient(RecipientKind.PERSON, "T001"), date(2024, 3, 1)
    )
    records = RecordBook({"honour": (honour,)})
    host = plugin_host({"counting": _Counting()}, installed=False)
    whole = evaluate(scheme, PEOPLE, values=VALUES, records=records, host=host)
    rows = partitions.score_partition(scheme, PEOPLE, values=VALUES, records=records, host=host)
    assert [(r.id, r.score) for r in rows] == [
        ("T001", D("50.00")),  # 40 + 10 for the honour, not the 50 typed in by chance
        ("T002", D("50.00")),
        ("T003", D("70.00")),
    ]
    alone = partitions.score_partition(scheme, PEOPLE, values=VALUES, host=host)
    assert alone[0].score == D("40.00")  # no records given: no honour counted
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    t001 = next(d for d in decided if d.row.id == "T001")
    rebuilt = partitions.rebuild(scheme, PEOPLE[0], t001, values=VALUES, records=records, host=host)
    assert rebuilt == whole.result("T001")
    with pytest.raises(ValueError, match=r"now scores 40\.00, not 50\.00"):
        partitions.rebuild(scheme, PEOPLE[0], t001, values=VALUES, host=host)
    with pytest.raises(ValueError, match=r"now scores 50\.00, not 40\.00"):
        partitions.rebuild(scheme, PEOPLE[0], alone_decided(scheme, alone), values=VALUES)


def alone_decided(scheme: Scheme, rows: list[partitions.Row]) -> partitions.Decided:
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    return next(d for d in decided if d.row.id == "T001")


def test_a_subject_without_values_is_scored_as_missing_in_a_partition_and_rebuilt() -> None:
    scheme = _scheme()
    some: Values = {"T001": {"i": D(50)}, "T003": {"i": D(70)}}  # nothing typed for T002
    whole = evaluate(scheme, PEOPLE, values=some)
    rows = partitions.score_partition(scheme, PEOPLE, values=some)
    assert [r.score for r in rows] == [r.score for r in sorted_by_id(whole)]
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    t002 = next(d for d in decided if d.row.id == "T002")
    assert partitions.rebuild(scheme, PEOPLE[1], t002, values=some) == whole.result("T002")


def sorted_by_id(whole: Evaluation) -> list[SubjectResult]:
    return sorted(whole.results, key=lambda r: r.subject.id)


def test_the_cross_partition_step_reads_each_row_s_vetoes_and_refuses_an_id_twice() -> None:
    scheme = _banded()
    rows = partitions.score_partition(scheme, PEOPLE, values=VALUES)
    veto = Veto("ethics", "师德一票否决", (VetoEffect.CANCEL_EXCELLENCE,))
    vetoed = [rows[0], rows[1], rows[2]._replace(vetoes=(veto,))]
    decision = partitions.decide(scheme, vetoed)
    assert decision.bands == {"T001": "合格", "T002": "合格", "T003": "合格"}
    assert [(m.from_band, m.to_band) for m in decision.moves["T003"]] == [("优秀", "合格")]
    with pytest.raises(ValueError, match="appears twice") as caught:
        partitions.decide(scheme, [*rows, rows[1]])
    assert str(caught.value) == "subject 'T002' appears twice"


class _SeesWorkspace:
    """Gives every indicator 90 when it is shown a workspace, and nothing when it is not."""

    @hookimpl
    def schoolwork_indicator_values(self, workspace: object) -> dict[str, Decimal] | None:
        return None if workspace is None else {"i": D(90)}


def test_a_partition_and_a_rebuilt_subject_show_plugins_the_workspace_given() -> None:
    scheme = _scheme()
    workspace = Workspace(School("s", "学校"), SchoolCalendar())
    host = plugin_host({"sees": _SeesWorkspace()}, installed=False)
    rows = partitions.score_partition(scheme, PEOPLE, values=VALUES, workspace=workspace, host=host)
    assert [r.score for r in rows] == [D("90.00")] * 3
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    again = partitions.rebuild(
        scheme, PEOPLE[0], decided[0], values=VALUES, workspace=workspace, host=host
    )
    assert again.dimensions[0].indicators[0].source == "plugin:sees"
    blind = partitions.score_partition(scheme, PEOPLE, values=VALUES, host=host)
    assert [r.score for r in blind] == [D("50.00"), D("50.00"), D("70.00")]


def test_a_rebuilt_subject_keeps_its_qualified_id_band_and_moves() -> None:
    bands = (Band("优秀", D(60), quota=D("0.34")), Band("合格", D(0)))
    scheme = attrs.evolve(_scheme(), bands=bands)
    values: Values = {"T001": {"i": D(80)}, "T002": {"i": D(70)}, "T003": {"i": D(90)}}
    rows = partitions.score_partition(scheme, PEOPLE, values=values, school="a")
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    assert [(d.row.id, d.band, len(d.moves)) for d in decided] == [
        ("a/T003", "优秀", 0),
        ("a/T001", "合格", 1),  # over the quota of one place
        ("a/T002", "合格", 1),
    ]
    again = partitions.rebuild(scheme, PEOPLE[0], decided[1], values=values)
    assert (again.subject.id, again.rank, again.band) == ("a/T001", D(2), "合格")
    assert again.moves == decided[1].moves
    assert again.moves[0].reason.startswith("quota of 优秀 is 1 of 3")


def _two_dimensions(quota: Decimal | None = None) -> Scheme:
    rule = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
    dimensions = tuple(
        Dimension(d, d, D(1), (Indicator(f"i{d}", f"指标{d}", rule),)) for d in ("d1", "d2")
    )
    return Scheme(
        "s",
        "方案",
        SubjectKind.TEACHER,
        "2023-2024",
        dimensions,
        bands=(Band("优秀", D(60), quota=quota), Band("合格", D(0))),
        ranking=Ranking(tie_breakers=("d2",)),
    )


TIED: Values = {"T001": {"id1": D(60), "id2": D(80)}, "T002": {"id1": D(80), "id2": D(60)}}


def test_a_tie_breaker_separates_equal_scores_across_partitions() -> None:
    scheme = _two_dimensions(quota=D("0.5"))
    rows = [
        *partitions.score_partition(scheme, PEOPLE[:1], values=TIED, school="a"),
        *partitions.score_partition(scheme, PEOPLE[1:2], values=TIED, school="b"),
    ]
    assert [r.key for r in rows] == [(D("70.00"), D("80.00")), (D("70.00"), D("60.00"))]
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    assert [(d.row.id, d.rank, d.band) for d in decided] == [
        ("a/T001", D(1), "优秀"),
        ("b/T002", D(2), "合格"),
    ]
    (move,) = decided[1].moves
    assert move.reason == "quota of 优秀 is 1 of 2 (50 %, floor); ranked 2"  # no tie to tell of


class _SeesMoves:
    def __init__(self) -> None:
        self.moves: dict[str, tuple[str, ...]] = {}

    @hookimpl
    def schoolwork_assign_bands(self, results: tuple[SubjectResult, ...]) -> None:
        self.moves = {r.subject.id: tuple(m.reason for m in r.moves) for r in results}


def test_a_band_plugin_sees_the_moves_already_made() -> None:
    scheme = _two_dimensions(quota=D("0.5"))
    rows = partitions.score_partition(scheme, PEOPLE[:2], values=TIED, school="a")
    decided = partitions.apply(rows, partitions.decide(scheme, rows))
    sees = _SeesMoves()
    partitions.plugin_bands(scheme, plugin_host({"sees": sees}, installed=False), decided)
    assert sees.moves == {
        "a/T001": (),
        "a/T002": ("quota of 优秀 is 1 of 2 (50 %, floor); ranked 2",),
    }


# -- what is handed on to scoring: the record kinds, and whether the scheme is checked -------


@attrs.frozen
class Drill:
    """A record of a kind no plugin declares here: only the kinds handed in know it."""

    date: date
    unit: str


DRILLS = RecordKind("drill", "drills", Drill, ("date", "unit"), ("date", "unit"), owned_by("unit"))


def drill_scheme() -> Scheme:
    count = Indicator(
        "drills", "演练", PointsRule(RuleKind.COUNT, each=D(25)), source=RecordSource("drill")
    )
    dimension = Dimension("safety", "安全", D(1), (count,))
    return Scheme("c", "班级考核", SubjectKind.CLASS, "2023-2024", (dimension,))


def test_the_record_kinds_given_are_those_a_partition_and_a_rebuild_use() -> None:
    scheme = drill_scheme()
    records = RecordBook(
        {"drill": (Drill(date(2023, 10, 9), "c1"), Drill(date(2023, 11, 6), "c1"))}
    )
    subject = Subject("c1", "一班", SubjectKind.CLASS)
    kinds = (*CORE_KINDS, DRILLS)
    with pytest.raises(SchemeError, match="drill"):  # unknown without the kinds given
        partitions.score_partition(scheme, [subject], records=records)
    rows = partitions.score_partition(scheme, [subject], records=records, kinds=kinds)
    assert rows[0].score == D("50.00")  # two drills of the class, 25 points each
    decided = partitions.apply(rows, partitions.decide(scheme, rows))[0]
    # Scored again with the same kinds, the class's drills are still its own.
    rebuilt = partitions.rebuild(scheme, subject, decided, records=records, kinds=kinds)
    assert rebuilt.score == D("50.00")
    assert rebuilt.dimensions[0].indicators[0].source == "2 drill records"


def test_a_partition_of_a_checked_scheme_is_not_checked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked: list[Scheme] = []
    monkeypatch.setattr(engine, "check_scheme", lambda scheme, kinds: checked.append(scheme))
    scheme = _scheme()
    partitions.score_partition(scheme, PEOPLE, values=VALUES, checked=False)
    assert checked == []
    partitions.score_partition(scheme, PEOPLE, values=VALUES)
    assert checked == [scheme]
