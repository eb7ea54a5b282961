"""English labels with a count say one thing in the singular; Chinese has one form."""

from __future__ import annotations

import pytest

from schoolwork.labels import label


@pytest.mark.parametrize(
    ("count", "en", "zh"),
    [(1, "1 teacher", "1名教师"), (2, "2 teachers", "2名教师"), (0, "0 teachers", "0名教师")],
)
def test_a_count_of_one_is_singular_in_english(count: int, en: str, zh: str) -> None:
    assert label("count.teacher", "en", count=count) == en
    assert label("count.teacher", "zh", count=count) == zh


def test_the_verb_follows_the_count() -> None:
    words = {"scheme": "S", "band": "B", "who": ""}
    one = label("draft.results", "en", subjects="1 class", count=1, **words)
    many = label("draft.results", "en", subjects="3 classes", count=3, **words)
    assert (one, many) == ("In “S” 1 class is “B”", "In “S” 3 classes are “B”")


def test_the_caption_of_a_score_table_counts_one_subject() -> None:
    words = {"name": "N", "id": "i", "period": "p", "subjects": "s"}
    assert label("listing.scores", "en", count=1, **words) == "N (i), p: 1 subject"
    assert label("listing.scores", "en", count=2, **words) == "N (i), p: 2 subjects"
