"""The internal edition's results table (考核结果公示) and the numbers and words around it.

Every score has its scheme's places (a dimension a veto zeroed is ``0.00``, not ``0``), and a
veto is noted in the report's language from the scheme's words (its rule's name and the record
that fired it), not with the engine's English reason (``师德一票否决: incident E002``). The
Chinese report, in both editions, has no English word but the school's own data.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import schoolwork
from schoolwork.reports.listings import score_table
from schoolwork.reports.markdown import render_markdown
from schoolwork.reports.model import Report, Table
from schoolwork.reports.notes import fixed
from schoolwork.reports.sections import ranking
from schoolwork.results import Veto
from schoolwork.sample import copy_sample
from schoolwork.scheme import VetoEffect

YEAR = "2023-2024"
TEACHERS = "teacher-2023"
INCIDENTS = (
    "E001,T003,2024-03-05,moderate,ethics,家长反映有偿补课，经调查属实,虚构\r\n"
    "E002,T037,2024-04-10,serious,ethics,体罚学生，造成不良影响,虚构\r\n"
)
"""Two ethics incidents: 孙桂婷 (T003) loses excellence and her bonuses; 丁文文 (T037) is put
in 不合格 and her 师德 is zeroed."""

METHOD_WORDS = {"W2H", "Why", "What", "Who", "When", "Where", "How", "much"}
"""5W2H and its parts, which Chinese schools write in English (缺少何时做（When）)."""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def vetoed_sample(folder: Path) -> schoolwork.Session:
    copy_sample(folder)
    with (folder / "records" / "incidents.csv").open("a", encoding="utf-8", newline="") as f:
        f.write(INCIDENTS)
    # 优秀 from 84: 孙桂婷 has 84.43 before the bonuses her veto removes, so the veto still
    # moves her out of 优秀 (at 85 she would be 良好 by score alone)
    edit(folder / "schemes.toml", "min_score = 85\nquota = 0.2\n", "min_score = 84\nquota = 0.2\n")
    return schoolwork.open(folder, installed=False)


@pytest.fixture(scope="module")
def vetoed(tmp_path_factory: pytest.TempPathFactory) -> schoolwork.Session:
    return vetoed_sample(tmp_path_factory.mktemp("internal") / "school")


def results_table(report: Report, scheme: str = TEACHERS) -> Table:
    (table,) = report.section(f"ranking-{scheme}").blocks
    assert isinstance(table, Table)
    return table


def row_of(table: Table, name: str) -> dict[str, str]:
    (row,) = [r for r in table.rows if r[1] == name]
    return dict(zip(table.columns, row, strict=True))


def test_a_zeroed_dimension_and_the_vetoes_in_chinese(vetoed: schoolwork.Session) -> None:
    table = results_table(vetoed.report(YEAR, edition="internal"))
    ding = row_of(table, "丁文文")
    assert ding["师德"] == "0.00"
    # 师德 zeroed: 0.35 × 88.88 (教学) + 0.2 × 78.75 + 0.1 × 95.00 + 0.15 × 72.90 = 67.29
    assert ding["得分"] == "67.29"
    assert ding["等次"] == "不合格"
    assert ding["备注"] == "师德一票否决（记录 E002）；师德考核不合格（记录 E002）；合格→不合格"
    sun = row_of(table, "孙桂婷")
    assert sun["加减分"] == "—"  # the veto removed her bonuses
    assert sun["备注"] == "师德一票否决（记录 E001）；优秀→良好"
    assert (sun["得分"], sun["等次"]) == ("84.43", "良好")
    assert row_of(table, "姜超")["备注"] == "—"


def test_the_english_report_notes_them_in_english(vetoed: schoolwork.Session) -> None:
    table = results_table(vetoed.report(YEAR, lang="en", edition="internal"))
    assert table.columns[-1] == "Note"
    ding = row_of(table, "丁文文")
    assert ding["师德"] == "0.00"
    assert ding["Note"] == "师德一票否决 (record E002); 师德考核不合格 (record E002); 合格→不合格"


def test_every_score_in_the_table_has_the_scheme_s_places(vetoed: schoolwork.Session) -> None:
    session = vetoed
    report = session.report(YEAR, edition="internal")
    for scheme in session.schemes:
        if scheme.scheme.period != YEAR:
            continue  # teacher-2022, last year's scheme (the baseline of 学业增值), is not ranked
        places = scheme.scheme.places
        table = results_table(report, scheme.scheme.id)
        scores = [d.name for d in scheme.scheme.dimensions] + ["得分"]
        shape = re.compile(rf"\d+\.\d{{{places}}}")
        for row in table.rows:
            cells = dict(zip(table.columns, row, strict=True))
            for column in scores:
                assert cells[column] == "—" or shape.fullmatch(cells[column]), (column, row)
            adjusted = cells["加减分"]
            assert adjusted == "—" or re.fullmatch(rf"[+-]\d+\.\d{{{places}}}", adjusted), row


def test_a_scheme_of_three_places_shows_three(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    session = vetoed_sample(folder)
    edit(folder / "schemes.toml", "places = 2\n", "places = 3\n")
    session = schoolwork.open(folder, installed=False)
    report = session.report(YEAR, edition="internal")
    ding = row_of(results_table(report), "丁文文")
    assert ding["师德"] == "0.000"
    assert re.fullmatch(r"\d+\.\d{3}", ding["得分"])
    markdown = render_markdown(report)
    assert re.search(r"最高分\d+\.\d{3}，最低分\d+\.\d{3}。", markdown)
    assert re.search(r"丁文文（\d+\.\d{3}分）", markdown)
    assert "失分主要在“师德”（平均0.000分，全体平均" in markdown


def test_a_plugin_s_veto_is_noted_in_its_words_naming_the_plugin(
    vetoed: schoolwork.Session,
) -> None:
    scheme, evaluation = vetoed.evaluate(TEACHERS)
    plugin_veto = Veto(
        "home-visits", "家访未完成", (VetoEffect.CANCEL_EXCELLENCE,), source="plugin:huantai"
    )
    first = evaluation.results[0]
    changed = attrs.evolve(first, vetoes=(plugin_veto,), moves=())
    evaluation = attrs.evolve(evaluation, results=(changed, *evaluation.results[1:]))
    table = ranking(scheme, evaluation, "zh")
    assert table.rows[0][-1] == "家访未完成（插件 huantai）"
    assert ranking(scheme, evaluation, "en").rows[0][-1] == "家访未完成 (plugin huantai)"


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Decimal(0), 2, "0.00"),
        (Decimal("85.4"), 2, "85.40"),
        (Decimal("85.40"), 2, "85.40"),
        (Decimal("5E+1"), 1, "50.0"),
        (Decimal("29.365"), 2, "29.365"),  # a plugin's more digits are kept, never rounded
        (Decimal(7), 0, "7"),
    ],
)
def test_a_score_is_shown_with_the_places_and_never_rounded(
    value: Decimal, places: int, shown: str
) -> None:
    assert fixed(value, places) == shown


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z0-9]*", text))


def _data_words(session: schoolwork.Session, folder: Path) -> set[str]:
    """The Latin words the school's own data bring: record ids and the sample's note."""
    ids = {
        line.split(",")[0]
        for path in (folder / "records").glob("*.csv")
        for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]
    }
    return {"schoolwork"} | ids | _latin_words(session.workspace.school.sample_note)


@pytest.mark.parametrize("edition", ["internal", "bureau"])
def test_the_chinese_report_has_no_english_word_outside_the_data(
    vetoed: schoolwork.Session, edition: str
) -> None:
    markdown = render_markdown(vetoed.report(YEAR, edition=edition))
    allowed = _data_words(vetoed, vetoed.root) | METHOD_WORDS
    assert sorted(_latin_words(markdown) - allowed) == [], markdown
    assert ": " not in markdown  # the engine's reasons, "name: incident E002", stay out


def test_the_terminal_score_table_shows_a_zeroed_dimension_with_its_places(
    vetoed: schoolwork.Session,
) -> None:
    scheme, evaluation = vetoed.evaluate(TEACHERS)
    table = score_table(scheme, evaluation, "zh")
    (ding,) = [dict(zip(table.columns, r, strict=True)) for r in table.rows if r[2] == "丁文文"]
    assert ding["师德"] == "0.00"
