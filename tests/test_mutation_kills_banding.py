"""Bands, veto effects and quotas called directly (``evaluation/banding.py``), with the exact
moves and reasons each subject is told: the order of effects in docs/evaluation.md, "The order
of veto effects and quotas", at each of its edges. See benchmarks/README.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import pytest

from schoolwork.evaluation.banding import assign, natural_band, quota_places
from schoolwork.evaluation.ranking import Key, rank
from schoolwork.results import BandMove, Veto
from schoolwork.scheme import Band, QuotaRounding, TiePolicy, VetoEffect

D = Decimal
FORCE, CANCEL = VetoEffect.FORCE_BAND, VetoEffect.CANCEL_EXCELLENCE
THREE = (Band("A", D(90)), Band("B", D(80)), Band("C", D(0)))


def force(rule: str, band: str) -> Veto:
    return Veto(rule, f"{rule} happened", (FORCE,), band=band)


def cancel(rule: str = "ethics") -> Veto:
    return Veto(rule, "an ethics incident", (CANCEL,))


def run(
    bands: Sequence[Band],
    scores: Mapping[str, str],
    vetoes: Mapping[str, Sequence[Veto]] | None = None,
    policy: TiePolicy = TiePolicy.COMPETITION,
    keys: Mapping[str, Key] | None = None,
    pass_keys: bool = True,
) -> tuple[dict[str, str | None], dict[str, list[BandMove]]]:
    shown = {s: D(v) for s, v in scores.items()}
    keyed = dict(keys) if keys is not None else {s: (v,) for s, v in shown.items()}
    ranks = rank(list(keyed.items()), policy)
    return assign(bands, shown, ranks, vetoes or {}, keyed if pass_keys else None)


# -- quota places and natural bands -------------------------------------------------------------


@pytest.mark.parametrize(
    ("quota", "rounding", "subjects", "places"),
    [
        ("0.2", QuotaRounding.FLOOR, 9, 1),
        ("0.2", QuotaRounding.HALF_UP, 8, 2),
        ("0.2", QuotaRounding.HALF_UP, 7, 1),
        ("0.2", QuotaRounding.CEILING, 6, 2),
        ("0.3", QuotaRounding.FLOOR, 10, 3),
    ],
)
def test_quota_places(quota: str, rounding: QuotaRounding, subjects: int, places: int) -> None:
    assert quota_places(Band("A", D(90), D(quota), rounding), subjects) == places


def test_no_quota_no_places_and_below_every_band_no_band() -> None:
    assert quota_places(Band("A", D(90)), 10) is None
    assert natural_band(THREE[:2], D("79.99")) is None
    assert natural_band(THREE, D(80)) == 1


# -- quotas ---------------------------------------------------------------------------------------


def test_a_band_without_a_quota_does_not_stop_the_quotas_below_it() -> None:
    bands = (Band("A", D(90)), Band("B", D(80), D("0.25")), Band("C", D(0)))
    placed, moves = run(bands, {"p": "95", "q": "85", "r": "84", "s": "83"})
    assert placed == {"p": "A", "q": "B", "r": "C", "s": "C"}
    assert moves["r"] == [BandMove("B", "C", "quota of B is 1 of 4 (25 %, floor); ranked 3")]


def test_a_quota_that_holds_does_not_stop_the_quotas_below_it() -> None:
    bands = (Band("A", D(90), D("0.5")), Band("B", D(80), D("0.25")), Band("C", D(0)))
    placed, _ = run(bands, {"p": "95", "q": "85", "r": "84", "s": "83"})
    assert placed == {"p": "A", "q": "B", "r": "C", "s": "C"}


def test_a_quota_on_the_last_band_leaves_the_rest_without_a_band() -> None:
    bands = (Band("A", D(90)), Band("B", D(0), D("0.5")))
    placed, moves = run(bands, {"p": "50", "q": "40", "r": "30", "s": "20"})
    assert placed == {"p": "B", "q": "B", "r": None, "s": None}
    assert moves["s"] == [BandMove("B", None, "quota of B is 2 of 4 (50 %, floor); ranked 4")]


@pytest.mark.parametrize(
    ("quota", "places", "share"), [("0.125", 1, "12.5"), ("0.2", 2, "20"), ("0.1", 1, "10")]
)
def test_the_quota_is_told_as_a_percentage(quota: str, places: int, share: str) -> None:
    bands = (Band("A", D(90), D(quota), QuotaRounding.CEILING), Band("B", D(0)))
    scores = {f"s{n}": str(99 - n) for n in range(8)}
    _, moves = run(bands, scores)
    assert moves["s7"][0].reason.startswith(f"quota of A is {places} of 8 ({share} %, ceiling); ")


def test_a_tie_at_the_last_place_falls_whole_and_the_better_stay() -> None:
    bands = (Band("A", D(90), D("0.3")), Band("B", D(0)))
    scores = {"p": "95", "q": "92", "r": "92", "s": "92", **{f"z{n}": "50" for n in range(6)}}
    placed, moves = run(bands, scores)
    assert [s for s, b in placed.items() if b == "A"] == ["p"]  # 3 places; the tie of 3 falls
    assert moves["q"] == [BandMove("A", "B", "quota of A is 3 of 10 (30 %, floor); ranked 2")]


def test_a_tie_of_two_for_one_place_falls_whole() -> None:
    bands = (Band("A", D(90), D("0.25")), Band("B", D(0)))
    placed, _ = run(bands, {"p": "92", "q": "92", "r": "50", "s": "40"})
    assert placed == {"p": "B", "q": "B", "r": "B", "s": "B"}


# -- ordinal ties at the last place ----------------------------------------------------------------


def test_without_keys_the_scores_are_the_keys() -> None:
    bands = (Band("A", D(90), D("0.25")), Band("B", D(0)))
    placed, moves = run(
        bands,
        {"p": "92", "q": "92", "r": "50", "s": "40"},
        policy=TiePolicy.ORDINAL,
        pass_keys=False,
    )
    assert placed == {"p": "A", "q": "B", "r": "B", "s": "B"}
    note = "tie at 92 with {} broken by id for the last A place"
    assert moves["p"] == [BandMove("A", "A", note.format("q") + ": kept")]
    assert moves["q"] == [
        BandMove("A", "B", "quota of A is 1 of 4 (25 %, floor); ranked 2; " + note.format("p"))
    ]


def test_tie_breakers_that_separate_equal_scores_are_no_tie() -> None:
    bands = (Band("A", D(90), D("0.5")), Band("B", D(0)))
    keys = {"p": (D(92), D(80)), "q": (D(92), D(70))}
    placed, moves = run(bands, {"p": "92", "q": "92"}, policy=TiePolicy.ORDINAL, keys=keys)
    assert placed == {"p": "A", "q": "B"}
    assert moves == {
        "p": [],
        "q": [BandMove("A", "B", "quota of A is 1 of 2 (50 %, floor); ranked 2")],
    }


def test_an_ordinal_tie_across_two_places_names_every_member() -> None:
    bands = (Band("A", D(90), D("0.5")), Band("B", D(0)))
    keys = {s: (D("92.50"), D(60)) for s in "pqr"} | {s: (D(10), D(0)) for s in "xyz"}
    scores = {s: str(k[0]) for s, k in keys.items()}
    placed, moves = run(bands, scores, policy=TiePolicy.ORDINAL, keys=keys)
    assert [s for s, b in placed.items() if b == "A"] == ["p", "q", "r"]
    # six subjects: 3 places, all taken by the tie; with a fourth tied member one falls
    keys["s"] = (D("92.50"), D(60))
    scores["s"] = "92.50"
    placed, moves = run(bands, scores, policy=TiePolicy.ORDINAL, keys=keys)
    assert [s for s, b in placed.items() if b == "A"] == ["p", "q", "r"]
    note = "tie at 92.50 (tie breakers equal too) with {} broken by id for the last 3 A places"
    assert moves["p"] == [BandMove("A", "A", note.format("q, r, s") + ": kept")]
    assert moves["s"] == [
        BandMove(
            "A", "B", "quota of A is 3 of 7 (50 %, floor); ranked 4; " + note.format("p, q, r")
        )
    ]


def test_an_ordinal_tie_below_a_better_subject_keeps_the_better_one_out_of_it() -> None:
    bands = (Band("A", D(90), D("0.5")), Band("B", D(0)))
    scores = {"p": "95", "q": "92", "r": "92", "x": "10"}
    placed, moves = run(bands, scores, policy=TiePolicy.ORDINAL)
    assert placed == {"p": "A", "q": "A", "r": "B", "x": "B"}
    assert moves["p"] == []
    assert moves["q"] == [
        BandMove("A", "A", "tie at 92 with r broken by id for the last A place: kept")
    ]


# -- forced subjects and quotas --------------------------------------------------------------------


def test_forced_subjects_take_the_places_first_and_are_told_so() -> None:
    bands = (Band("A", D(90), D("0.2")), Band("B", D(80)), Band("C", D(0)))
    scores = {"p": "95", "f1": "85", "f2": "82", **{f"z{n}": "50" for n in range(7)}}
    vetoes = {"f1": [force("hero", "A")], "f2": [force("hero", "A")]}
    placed, moves = run(bands, scores, vetoes)
    assert (placed["p"], placed["f1"], placed["f2"]) == ("B", "A", "A")
    assert moves["p"] == [
        BandMove(
            "A", "B", "quota of A is 2 of 10 (20 %, floor); 2 taken by forced subjects; ranked 1"
        )
    ]
    assert moves["f1"] == [BandMove("B", "A", "veto hero: hero happened")]


def test_forced_subjects_beyond_the_quota_fall_in_rank_order() -> None:
    bands = (Band("A", D(90), D("0.2")), Band("B", D(80)), Band("C", D(0)))
    scores = {"f1": "85", "f2": "70", "f3": "70", **{f"z{n}": "50" for n in range(7)}}
    vetoes = {s: [force("hero", "A")] for s in ("f1", "f2", "f3")}
    placed, moves = run(bands, scores, vetoes, policy=TiePolicy.ORDINAL)
    assert (placed["f1"], placed["f2"], placed["f3"]) == ("A", "A", "B")
    note = "tie at 70 with {} broken by id for the last A place"
    assert moves["f2"][-1] == BandMove("A", "A", note.format("f3") + ": kept")
    assert moves["f3"][-1] == BandMove(
        "A",
        "B",
        "quota of A is 2 of 10 (20 %, floor); forced subjects take the places first, "
        "in rank order; ranked 3; " + note.format("f2"),
    )


def test_forced_subjects_that_fill_the_quota_exactly_push_the_rest_out() -> None:
    bands = (Band("A", D(90), D("0.2")), Band("B", D(0)))
    scores = {"p": "95", "q": "95", "f1": "85", "f2": "82", **{f"z{n}": "50" for n in range(6)}}
    vetoes = {"f1": [force("hero", "A")], "f2": [force("hero", "A")]}
    placed, moves = run(bands, scores, vetoes, policy=TiePolicy.ORDINAL)
    assert (placed["p"], placed["q"], placed["f1"], placed["f2"]) == ("B", "B", "A", "A")
    # p and q are tied by score, but no place was left to break the tie for: no tie note
    assert moves["p"] == [
        BandMove(
            "A", "B", "quota of A is 2 of 10 (20 %, floor); 2 taken by forced subjects; ranked 1"
        )
    ]


# -- forces and cancels ----------------------------------------------------------------------------


def test_a_cancel_with_two_bands_moves_the_subject_down() -> None:
    bands = (Band("A", D(90)), Band("B", D(0)))
    placed, moves = run(bands, {"p": "95"}, {"p": [cancel()]})
    assert placed == {"p": "B"}
    assert moves["p"] == [BandMove("A", "B", "veto ethics cancels excellence: an ethics incident")]


def test_a_cancel_with_one_band_does_nothing() -> None:
    placed, moves = run((Band("A", D(0)),), {"p": "95"}, {"p": [cancel()]})
    assert placed == {"p": "A"}
    assert moves == {"p": []}


def test_a_cancel_voids_a_force_into_the_top_band_and_says_so() -> None:
    placed, moves = run(THREE, {"p": "50"}, {"p": [force("hero", "A"), cancel()]})
    assert placed == {"p": "C"}
    assert moves["p"] == [
        BandMove(
            "C",
            "C",
            "veto hero would force A: void, veto ethics cancels excellence: an ethics incident",
        )
    ]


def test_a_cancel_keeps_a_force_into_a_lower_band() -> None:
    placed, moves = run(THREE, {"p": "95"}, {"p": [cancel(), force("late", "C")]})
    assert placed == {"p": "C"}
    assert moves["p"] == [BandMove("A", "C", "veto late: late happened")]
    placed, _ = run(THREE, {"p": "95"}, {"p": [cancel(), force("fair", "B")]})
    assert placed == {"p": "B"}


def test_a_cancel_moves_the_top_band_to_the_second_not_further() -> None:
    placed, moves = run(THREE, {"p": "95"}, {"p": [cancel()]})
    assert placed == {"p": "B"}
    assert moves["p"] == [BandMove("A", "B", "veto ethics cancels excellence: an ethics incident")]


def test_of_several_forces_the_lowest_wins_and_names_the_others() -> None:
    four = (*THREE[:2], Band("C", D(60)), Band("D", D(0)))
    vetoes = [force("one", "A"), force("two", "D"), force("three", "B"), force("four", "D")]
    placed, moves = run(four, {"p": "70"}, {"p": vetoes})
    assert placed == {"p": "D"}
    assert moves["p"] == [
        BandMove(
            "C",
            "D",
            "veto two: two happened; the lowest forced band wins over veto one (A), veto three (B)",
        )
    ]


def test_two_forces_into_the_same_band_are_no_conflict() -> None:
    placed, moves = run(THREE, {"p": "70"}, {"p": [force("one", "B"), force("two", "B")]})
    assert placed == {"p": "B"}
    assert moves["p"] == [BandMove("C", "B", "veto one: one happened")]
