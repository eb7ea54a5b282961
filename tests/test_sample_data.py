"""Sample data that says what it is.

The bundled workspaces (the core's sample and the two seed schools' plugins) are modelled on the
seeds, the schools' own work summaries. Every record says whether the seed states it (原文), implies
it (推断) or the sample made it up (虚构); the seeds' figures hold for the records marked as the
seed's; and every report built from a bundled workspace says 示例数据 on its first page.
"""

from __future__ import annotations

import csv
import io
import re
import types
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import schoolwork
from schoolwork import AwardRank, Level, Provenance, RecipientKind
from schoolwork.sample import sample_path

ROOT = Path(__file__).parent.parent
SEED, INFERRED, INVENTED = Provenance.SEED, Provenance.INFERRED, Provenance.INVENTED


def _plugin(name: str) -> types.ModuleType:
    return pytest.importorskip(name, reason=f"the seed plugin {name} is not installed")


def _session(workspace: str) -> schoolwork.Session:
    """A bundled workspace, opened with its own plugin (for the kinds of record it owns)."""
    if workspace == "sample":
        return schoolwork.open(sample_path(), installed=False)
    module = _plugin({"yiyuan": "schoolwork_yiyuan", "huantai": "schoolwork_huantai"}[workspace])
    return schoolwork.open(module.workspace_path(), plugins={workspace: module}, installed=False)


WORKSPACES = ("sample", "yiyuan", "huantai")
FOLDERS = {
    "sample": ROOT / "src" / "schoolwork" / "sample",
    "yiyuan": ROOT / "plugins" / "yiyuan-exp2" / "src" / "schoolwork_yiyuan" / "workspace",
    "huantai": ROOT / "plugins" / "huantai-2" / "src" / "schoolwork_huantai" / "workspace",
}

# How each bundled records file is marked: (原文, 推断, 虚构) rows. Seed 000 (sample, yiyuan):
# 3 of the 19 school honours are invented; monthly drills and parent meetings are inferred from
# 每月…一次 and 多次; the four grade checks are the seed's, their rows per grade and scores are not.
# Seed 003 (huantai): 18 aerospace and 10 programming prize ranks are inferred, and Party days
# and drills from 每月; teachers' reading records, 文明班级 checks and homework days are invented.
# The sample's three appeals (申诉: one upheld, one rejected, one pending) are invented: the seed
# names the dispute (考核优秀之争, §二) and no appeal. Its 1121 ballots (民主测评 on 师德考核,
# 19 to 23 a teacher) are invented too: the seed names the assessment, not its votes.
_SEED_000 = {"honour": (53, 0, 3), "activity": (16, 13, 0), "inspection": (0, 24, 0)}
MARKED = {
    "sample": {**_SEED_000, "appeal": (0, 0, 3), "ballot": (0, 0, 1121)},
    "yiyuan": _SEED_000,
    "huantai": {
        "honour": (47, 28, 0),
        "activity": (0, 20, 1079),
        "inspection": (0, 0, 432),
        "homework": (0, 0, 354),
    },
}


@pytest.fixture(scope="module", params=WORKSPACES)
def bundled(request: pytest.FixtureRequest) -> tuple[str, schoolwork.Session]:
    return request.param, _session(request.param)


def test_every_row_of_every_bundled_records_file_has_a_provenance() -> None:
    labels = {schoolwork.label(p) for p in Provenance} | {p.value for p in Provenance}
    files = sorted(p for folder in FOLDERS.values() for p in (folder / "records").glob("*.csv"))
    assert len(files) == 15
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        assert rows[0][-1] == "provenance", path
        for number, row in enumerate(rows[1:], start=2):
            assert row[-1] in labels, f"{path}: row {number} says {row[-1]!r}"


def test_every_bundled_record_is_read_with_its_provenance(
    bundled: tuple[str, schoolwork.Session],
) -> None:
    name, session = bundled
    for kind in session.loaded.kinds:
        records = session.workspace.records.kind(kind.name)
        assert kind.columns[-1] == "provenance"
        assert all(r.provenance is not None for r in records), kind.name
        found = Counter(r.provenance for r in records)
        expected = MARKED[name].get(kind.name, (0, 0, 0))
        assert (found[SEED], found[INFERRED], found[INVENTED]) == expected, kind.name


def test_the_core_sample_and_yiyuans_workspace_hold_the_same_records() -> None:
    # Appeals and ballots name a scheme by its id, and the two workspaces' schemes differ:
    # only the sample's teacher scheme has the sample's appeals and 民主测评.
    sample, yiyuan = _session("sample"), _session("yiyuan")
    assert yiyuan.workspace.records.appeals == ()
    assert yiyuan.workspace.records.ballots == ()
    own = ("appeal", "ballot")
    kept = {k: v for k, v in sample.workspace.records.records.items() if k not in own}
    assert schoolwork.RecordBook(kept) == yiyuan.workspace.records


# -- seed 000: 沂源县第二实验小学, 2023-2024 ---------------------------------------------------


def _this_term(session: schoolwork.Session) -> Any:
    """本学期 of the summary, written at the end of the year: its second semester."""
    (year,) = [y for y in session.workspace.calendar.years if y.name == "2023-2024"]
    return year.semesters[-1]


@pytest.mark.parametrize("workspace", ["sample", "yiyuan"])
def test_seed_000s_figures_hold_for_the_records_marked_as_the_seeds(workspace: str) -> None:
    session = _session(workspace)
    term = _this_term(session)
    records = session.workspace.records.dated(term.start, term.end)
    # 本学期，学校先后获得……等19项荣誉称号: 16 named by the seed, 3 invented to make up the count.
    school = [h for h in records.honours if h.recipient.kind is RecipientKind.SCHOOL]
    assert len(school) == 19
    assert Counter(h.provenance for h in school) == {SEED: 16, INVENTED: 3}
    year = session.workspace.records.honours
    assert [h for h in year if h.recipient.kind is RecipientKind.SCHOOL] == school
    # 本学期推送的12件作品，县一等奖8件，二等奖2件，市一等奖1件，二等奖1件
    works = [h for h in records.honours if h.category == "诵读征文"]
    assert {h.provenance for h in works} == {SEED}
    assert Counter((h.level, h.rank) for h in works) == {
        (Level.COUNTY, AwardRank.FIRST): 8,
        (Level.COUNTY, AwardRank.SECOND): 2,
        (Level.CITY, AwardRank.FIRST): 1,
        (Level.CITY, AwardRank.SECOND): 1,
    }
    assert not any("《" in h.title for h in works), "the seed names none of the twelve works"
    # 本学期大教研组开展活动8次……组织级部检查4次
    research = [a for a in records.activities if a.type == "教研活动"]
    assert len(research) == 8
    assert {a.provenance for a in research} == {SEED}
    checks = [i for i in records.inspections if i.type == "级部检查"]
    assert len({i.date for i in checks}) == 4
    assert {i.provenance for i in checks} == {INFERRED}
    assert session.workspace.records.incidents == ()


def test_seed_000s_honours_of_the_term_are_dated_in_the_term() -> None:
    session = _session("sample")
    term = _this_term(session)
    said_this_term = [
        h
        for h in session.workspace.records.honours
        if h.recipient.kind is RecipientKind.SCHOOL or h.category == "诵读征文"
    ]
    assert said_this_term
    assert all(h.date in term for h in said_this_term)


# -- seed 003: 桓台县第二小学, 2021 ---------------------------------------------------------


def test_seed_003s_figures_hold_and_the_rest_says_it_is_inferred_or_invented() -> None:
    session = _session("huantai")
    records = session.workspace.records
    # 本学年在山东省青少年航空航天科普活动中有24人获奖，其中一等奖2人、二等奖4人
    space = [h for h in records.honours if h.category == "航空航天"]
    assert len(space) == 24
    stated = Counter(h.rank for h in space if h.provenance is SEED)
    assert stated == {AwardRank.FIRST: 2, AwardRank.SECOND: 4}
    assert {h.provenance for h in space if h.rank is AwardRank.THIRD} == {INFERRED}
    # 在市第四届智力运动会编程比赛项目中我校10人获奖: no ranks stated
    coding = [
        h
        for h in records.honours
        if h.category == "编程" and h.recipient.kind is RecipientKind.STUDENT
    ]
    assert len(coding) == 10
    assert {h.provenance for h in coding} == {INFERRED}
    # 至今，学校教师无任何违规现象发生
    assert records.incidents == ()
    assert {i.provenance for i in records.inspections} == {INVENTED}
    assert {d.provenance for d in records.kind("homework")} == {INVENTED}


def test_seed_003s_fitness_figure_is_the_seeds_own() -> None:
    session = _session("huantai")
    (fitness,) = [i for g in session.workspace.goals for i in g.indicators if i.id == "fitness"]
    last = max(fitness.checkins, key=lambda c: c.date)
    assert last.value == 96  # 孩子们的体质健康达标率达到96%以上
    assert "96%以上" in last.note


# -- the first page of every report -------------------------------------------------------------


def test_every_bundled_workspace_says_it_is_sample_data(
    bundled: tuple[str, schoolwork.Session],
) -> None:
    _, session = bundled
    assert session.workspace.school.sample_note.startswith("示例数据：")
    assert "虚构" in session.workspace.school.sample_note


def _docx_text(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_note_is_on_the_first_page_of_every_format(
    bundled: tuple[str, schoolwork.Session], lang: schoolwork.Lang
) -> None:
    pytest.importorskip("docx")
    _, session = bundled
    note = session.workspace.school.sample_note
    report = session.report(lang=lang)
    assert report.sample_note == note
    first_part = schoolwork.label(schoolwork.PartKind.HIGHLIGHTS, lang)
    markdown = session.render(report, "md").decode("utf-8")
    head = markdown.split("\n## ", 1)[0]
    assert f"> **示例数据**{note.removeprefix('示例数据')}" in head
    html = session.render(report, "html").decode("utf-8")
    header = html.split("</header>", 1)[0]
    assert '<p class="sample-note" role="note"><strong>示例数据</strong>：' in header
    assert html.index('class="sample-note"') < html.index("<nav>")
    text = _docx_text(session.render(report, "docx"))
    assert text.index(note.removeprefix("示例数据")) < text.index(first_part)
    assert text.startswith(f"{report.title}{report.school}示例数据")
