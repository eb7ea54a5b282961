from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoolwork.calendar import parse_school_year_name, school_year_name
from schoolwork.job import open_workspace
from schoolwork.sample import sample_path


@pytest.fixture(scope="module")
def calendar():  # type: ignore[no-untyped-def]
    return open_workspace(sample_path(), installed=False).loaded.workspace.calendar


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2023, 9, 1), "2023-2024"),
        (date(2024, 8, 31), "2023-2024"),
        (date(2024, 9, 1), "2024-2025"),
    ],
)
def test_school_year_name(day: date, name: str) -> None:
    assert school_year_name(day) == name


@given(st.dates(min_value=date(1000, 9, 1), max_value=date(9998, 12, 31)))
def test_school_year_name_parses_back(day: date) -> None:
    span = parse_school_year_name(school_year_name(day))
    assert span is not None
    assert date(span[0], 9, 1) <= day < date(span[1], 9, 1)


def test_parse_rejects_non_consecutive_years() -> None:
    assert parse_school_year_name("2023-2025") is None
    assert parse_school_year_name("2023/2024") is None


def test_year_and_semester_of(calendar) -> None:  # type: ignore[no-untyped-def]
    assert calendar.year_of(date(2024, 3, 1)).name == "2023-2024"
    year, semester = calendar.semester_of(date(2024, 3, 1))
    assert (year.name, semester.name) == ("2023-2024", "第二学期")
    assert calendar.semester_of(date(2024, 2, 1)) is None  # winter vacation
    assert calendar.year_of(date(2030, 1, 1)) is None


def test_in_session_skips_holidays_and_vacations(calendar) -> None:  # type: ignore[no-untyped-def]
    assert calendar.in_session(date(2023, 9, 15))
    assert not calendar.in_session(date(2023, 10, 2))  # National Day
    assert not calendar.in_session(date(2024, 7, 20))  # summer vacation
    days = calendar.session_days(date(2023, 9, 28), date(2023, 10, 8))
    assert days == [date(2023, 9, 28), date(2023, 10, 7), date(2023, 10, 8)]


def test_unknown_year_names_the_known_ones(calendar) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyError, match="known: 2023-2024, 2024-2025, 2025-2026"):
        calendar.year("1999-2000")


def test_sample_path_is_a_workspace() -> None:
    assert (Path(sample_path()) / "school.toml").is_file()
