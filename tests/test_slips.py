"""Score slips (考核明细): a page per subject with every point of its score, read back from the
Word XML and the HTML; vetoes, quotas, ties and plugins in plain words; the command line.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.etree import ElementTree

import attrs
import pytest
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.errors import UsageError
from schoolwork.job import Session, open_workspace
from schoolwork.labels import _LABELS
from schoolwork.plugins import hookimpl
from schoolwork.reports.slip_files import file_name
from schoolwork.reports.slips import build_slips, exact
from schoolwork.results import Adjustment, IndicatorValue
from schoolwork.sample import copy_sample

pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BROKEN = Path(__file__).parent / "workspaces" / "broken"
TEACHERS = "teacher-2023"
CLASSES = "class-2023"
COLUMNS_ZH = ["项目", "原始值", "计分规则", "得分", "折算分"]
COLUMNS_EN = ["Item", "Value", "Rule", "Points", "Counts"]


# -- reading a booklet back ---------------------------------------------------------------------


@dataclass
class DocSlip:
    """One slip as the Word file holds it: its paragraphs, its table, and its title's XML."""

    title: ElementTree.Element
    paragraphs: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)  # whether each row's text is bold

    def who(self) -> str:
        return next(p for p in self.paragraphs if "编号" in p or "Id:" in p)

    def row(self, item: str) -> list[str]:
        return next(r for r in self.rows if r[0] == item)


def text_of(element: ElementTree.Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def document_xml(data: bytes) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ElementTree.fromstring(archive.read("word/document.xml"))


def read_slips(data: bytes) -> list[DocSlip]:
    """The slips of a .docx: each starts at a paragraph in the Title style."""
    body = document_xml(data).find(f"{W}body")
    assert body is not None
    slips: list[DocSlip] = []
    for child in body:
        if child.tag == f"{W}p":
            style = child.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") == "Title":
                slips.append(DocSlip(child))
            elif slips and text_of(child):
                slips[-1].paragraphs.append(text_of(child))
        elif child.tag == f"{W}tbl":
            for tr in child.findall(f"{W}tr"):
                slips[-1].rows.append([text_of(tc) for tc in tr.findall(f"{W}tc")])
                slips[-1].bold.append(tr.find(f".//{W}b") is not None)
    return slips


def one_slip(session: Session, subject: str, lang: str = "zh") -> DocSlip:
    files = session.slips(TEACHERS, "docx", subject=subject, lang=lang)  # type: ignore[arg-type]
    (slip,) = read_slips(files["slips.docx"])
    return slip


# -- workspaces -------------------------------------------------------------------------------


def sample_copy(factory: pytest.TempPathFactory, name: str) -> Path:
    folder = factory.mktemp(name) / "school"
    copy_sample(folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_copy(tmp_path_factory, "slips")


@pytest.fixture(scope="module")
def sample(sample_dir: Path) -> Session:
    return open_workspace(sample_dir, installed=False)


@pytest.fixture(scope="module")
def booklet(sample: Session) -> bytes:
    return sample.slips(TEACHERS, "docx")["slips.docx"]


@pytest.fixture(scope="module")
def vetoed(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """The sample with two ethics incidents, 优秀 from 84 and a quota of 3 % (one place of 49):
    孙桂婷 (T003, 84.43 without her bonuses) loses excellence and her bonuses, 丁文文 (T037) is
    forced to 不合格 and her 师德 zeroed, and 郑佳晨 (T002, 84.25), ranked third, falls out of
    the quota. (优秀 from 84, not 85: with 民主测评 and 学业增值 T003 scores 84.43 before her
    bonuses, and only at 84 does the veto still move her out of 优秀.)"""
    folder = sample_copy(tmp_path_factory, "vetoed")
    with (folder / "records" / "incidents.csv").open("a", encoding="utf-8", newline="") as f:
        f.write("E001,T003,2024-03-05,moderate,ethics,家长反映有偿补课，经调查属实,虚构\r\n")
        f.write("E002,T037,2024-04-10,serious,ethics,体罚学生，造成不良影响,虚构\r\n")
    edit(folder / "schemes.toml", "quota = 0.2\n", "quota = 0.03\n")
    edit(
        folder / "schemes.toml", "min_score = 85\nquota = 0.03\n", "min_score = 84\nquota = 0.03\n"
    )
    return open_workspace(folder, installed=False)


def tied_classes(factory: pytest.TempPathFactory, name: str, ties: str) -> Path:
    """The sample's classes with 一年级二班 given 六年级三班's values (a tie at 89.5, the top),
    and a quota of one place for 优秀班级; ranks by ``ties``."""
    folder = sample_copy(factory, name)
    values = folder / "values" / "class-2023.csv"
    rows = values.read_text(encoding="utf-8").splitlines()
    top = next(r for r in rows if r.startswith("class-6-3,"))
    rows = [
        top.replace("class-6-3", "class-1-2") if r.startswith("class-1-2,") else r for r in rows
    ]
    values.write_text("\n".join(rows) + "\n", encoding="utf-8")
    schemes = folder / "schemes.toml"
    edit(schemes, "quota = 0.3\n", "quota = 0.06\n")
    edit(schemes, 'ranking = { ties = "dense"', f'ranking = {{ ties = "{ties}"')
    return folder


# -- one page per subject ----------------------------------------------------------------------


def test_a_booklet_has_a_page_per_subject_in_the_workspaces_order(
    sample: Session, booklet: bytes
) -> None:
    slips = read_slips(booklet)
    teachers = [s.id for s in sample.workspace.subjects(sample.scheme(TEACHERS).subject)]
    assert len(slips) == len(teachers) == 49
    assert [re.search(r"编号：(\S+)", s.who()).group(1) for s in slips] == teachers  # type: ignore[union-attr]
    breaks = [s.title.find(f"{W}pPr/{W}pageBreakBefore") is not None for s in slips]
    assert breaks == [False] + [True] * 48  # every slip but the first starts a new page
    with zipfile.ZipFile(io.BytesIO(booklet)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:pageBreakBefore/>") == 48
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in xml  # A4


def test_a_slip_is_the_teachers_own_page(booklet: bytes) -> None:
    slip = next(s for s in read_slips(booklet) if "T003" in s.who())
    assert text_of(slip.title) == "教师年度考核明细"
    assert slip.paragraphs[:4] == [
        "沂源县第二实验小学\u30002023-2024学年",
        slip.paragraphs[1],  # the sample's note, under the title
        "姓名：孙桂婷\u3000\u3000编号：T003",
        "最终得分：87.43分\u3000\u3000名次：第1名（共49名教师）\u3000\u3000等次：优秀",
    ]
    assert slip.paragraphs[1].startswith("示例数据：")
    assert slip.rows[0] == COLUMNS_ZH
    assert slip.paragraphs[-1].startswith("本人核对签字：")


def test_every_point_is_there_and_adds_up_to_the_score(sample: Session, booklet: bytes) -> None:
    scheme, evaluation = sample.evaluate(TEACHERS)
    by_id = {r.subject.id: r for r in evaluation.results}
    for slip in read_slips(booklet):
        result = by_id[re.search(r"编号：(\S+)", slip.who()).group(1)]  # type: ignore[union-attr]
        rows = slip.rows[1:]
        expected_items = []
        for dimension in result.dimensions:
            expected_items.append(dimension.name)
            expected_items += [i.name for i in dimension.indicators]
        expected_items.append("加权合计")
        expected_items += ["荣誉加分"] * len(result.adjustments)
        expected_items.append("最终得分")
        assert [r[0] for r in rows] == expected_items
        counts = Decimal(0)
        for dimension in result.dimensions:
            row = slip.row(dimension.name)
            assert row[3] == exact(dimension.score, scheme.places)  # type: ignore[arg-type]
            assert row[2].startswith("权重")
            counts += Decimal(row[4])
            for item in dimension.indicators:
                row = slip.row(item.name)
                assert row[1] == ("—" if item.value is None else f"{item.value:f}")
                assert row[3] == ("—" if item.points is None else f"{item.points:f}")
                assert row[2]  # a rule in words
        total = slip.row("加权合计")
        assert counts.quantize(scheme.quantum, ROUND_HALF_UP) == Decimal(total[4])
        assert Decimal(total[4]) == result.weighted
        adjusted = sum((Decimal(r[4]) for r in rows if r[0] == "荣誉加分"), Decimal(0))
        final = slip.row("最终得分")
        assert Decimal(total[4]) + adjusted == Decimal(final[4]) == result.score
        # dimensions, the weighted total and the final score are bold rows; indicators not
        bold = dict(zip((r[0] for r in slip.rows), slip.bold, strict=True))
        assert bold["加权合计"]
        assert bold["最终得分"]
        assert bold[result.dimensions[0].name]
        assert not bold[result.dimensions[0].indicators[0].name]


def test_rules_dropped_values_and_bonuses_in_words(booklet: bytes) -> None:
    slip = next(s for s in read_slips(booklet) if "T003" in s.who())
    assert slip.row("师德") == [
        "师德",
        "",
        "权重20%；各项平均；过程80.00×60%＋结果88.53×40%",
        "83.41",
        "16.682",
    ]
    # 95.41 from T003's 23 ballots (the groups' rules and scores follow on the same line)
    rated = slip.row("师德考核得分")
    assert rated[:2] == ["师德考核得分", "95.41"]
    assert rated[2].startswith("线性计分：60及以下得0分，100及以上得满分，之间按比例；民主测评：")
    assert rated[3:] == ["88.53", ""]
    assert slip.row("师德学习与承诺")[2] == (
        "分档计分：达到12得100分，达到10得80分，达到6得60分，其余得0分"
    )
    assert slip.row("教学")[2].startswith("权重35%；各项按权重平均（备课检查×2、其余×1）")
    assert slip.row("出勤")[2] == "权重10%；取各项中的最低分；只有过程性指标，按其计"
    assert slip.row("缺勤天数")[2] == "扣分计分：从100分扣起，每1个（次）扣10分，扣完为止"
    assert slip.row("听课节数")[2] == "对照目标计分：数值÷20×100，最高100分"
    assert slip.row("青蓝结对成效")[2].endswith("；本项按规则去掉，不计入")
    # 16.682 + 0.35 × 85.57 + 0.2 × 81.00 + 0.1 × 90.00 + 0.15 × 84.00 = 84.4315
    assert slip.row("加权合计")[2] == "各维度折算分相加得84.4315，保留2位小数（四舍五入）"
    bonuses = [r for r in slip.rows if r[0] == "荣誉加分"]
    assert bonuses[0] == [
        "荣誉加分",
        "H034",
        "《沂源县骨干教师》（2024-03-15），县级荣誉称号，计1.5分",
        "+1.50",
        "+1.50",
    ]
    assert slip.row("最终得分")[2] == "加权合计84.43，加减分+3.00"
    assert (
        "等次：85分及以上为“优秀”，名额不超过参评对象的20%（本次参评49名教师，至多9人，"
        in (slip.paragraphs[4])
    )
    assert "一票否决与等次调整：无，等次按得分确定。" in slip.paragraphs
    assert "原始值见 values/teacher-2023.csv；得分保留2位小数，四舍五入；缺少的数值不计入。" in (
        slip.paragraphs
    )


def test_a_missing_value_says_so(sample: Session) -> None:
    slip = one_slip(sample, "T002")  # 郑佳晨 has no 青蓝结对成效
    assert slip.row("青蓝结对成效")[1] == "—"
    assert slip.row("青蓝结对成效")[3] == "—"
    assert slip.row("青蓝结对成效")[2].endswith("；无数值，不计入")


def test_the_slip_never_prints_a_command(booklet: bytes, sample: Session) -> None:
    html = sample.slips(TEACHERS, "html")["slips.html"].decode("utf-8")
    for text in (ElementTree.tostring(document_xml(booklet), encoding="unicode"), html):
        assert "schoolwork evaluate" not in text
        assert "--explain" not in text


# -- vetoes, quotas, ties and plugins in plain words ------------------------------------------


def test_a_veto_that_cancels_excellence_and_its_bonuses(vetoed: Session) -> None:
    slip = one_slip(vetoed, "T003")
    assert slip.paragraphs[3] == (
        "最终得分：84.43分\u3000\u3000名次：第2名（共49名教师）\u3000\u3000等次：良好"
    )
    assert (
        "一票否决：触发“师德一票否决”（依据：records/incidents.csv E001（2024-03-05，一般，"
        "家长反映有偿补课，经调查属实）），不得评为“优秀”、取消评优资格、不计加分。"
    ) in slip.paragraphs
    assert "因一票否决“师德一票否决”不得评为“优秀”，由“优秀”调整为“良好”。" in slip.paragraphs
    for row in (r for r in slip.rows if r[0] == "荣誉加分"):
        assert row[2].endswith("；因一票否决，加分不计")
        assert row[3:] == ["+1.50", "+0.00"]
    assert slip.row("最终得分")[2:] == ["加权合计84.43，加减分+0.00", "", "84.43"]


def test_a_veto_that_forces_a_band_and_zeroes_a_dimension(vetoed: Session) -> None:
    slip = one_slip(vetoed, "丁文文")  # by name
    assert "编号：T037" in slip.who()
    assert slip.row("师德") == [
        "师德",
        "",
        "权重20%；因一票否决“师德考核不合格”，本维度计0分",
        "0.00",
        "0.00",
    ]
    assert "因一票否决“师德考核不合格”，定为“不合格”（按得分为“合格”）。" in slip.paragraphs
    assert (
        "一票否决：触发“师德考核不合格”（依据：records/incidents.csv E002（2024-04-10，较重，"
        "体罚学生，造成不良影响）），定为“不合格”、“师德”计0分。"
    ) in slip.paragraphs


def test_a_quota_move(vetoed: Session) -> None:
    slip = one_slip(vetoed, "T002")
    assert (
        "名额限制：“优秀”名额不超过参评对象的3%（共49名教师，至多1人，不足一个的部分不计），"
        "本人排名第3，超出名额，调整为“良好”。"
    ) in slip.paragraphs
    assert "一票否决与等次调整：无，等次按得分确定。" not in slip.paragraphs


def with_honours(factory: pytest.TempPathFactory, name: str, *rows: str) -> Path:
    """The sample with more honours for 孙桂婷 (T003), who has two county titles (教师梯队)."""
    folder = sample_copy(factory, name)
    with (folder / "records" / "honours.csv").open("a", encoding="utf-8", newline="") as f:
        for row in rows:
            f.write(f"{row},person,T003,,2024-04-01,沂源县教育和体育局,虚构\r\n")
    return folder


def test_each_cap_that_cuts_a_bonus_is_named(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = with_honours(
        tmp_path_factory,
        "caps",
        "H901,淄博市优质课,市级,一等奖,,教学",
        "H902,沂源县优质课,县级,一等奖,,教学",
    )
    slip = one_slip(open_workspace(folder, installed=False), "T003")
    assert [r[1:] for r in slip.rows if r[0] == "荣誉加分"] == [
        ["H901", "《淄博市优质课》（2024-04-01），市级一等奖，计3分", "+3.00", "+3.00"],
        [
            "H902",
            "《沂源县优质课》（2024-04-01），县级一等奖，计2分；受“教学”类不超过4分所限，实加1.00分",
            "+2.00",
            "+1.00",
        ],
        [
            "H034",
            "《沂源县骨干教师》（2024-03-15），县级荣誉称号，计1.5分；受加分合计不超过5分所限，实加1.00分",
            "+1.50",
            "+1.00",
        ],
        [
            "H035",
            "《沂源县教学能手》（2024-03-15），县级荣誉称号，计1.5分；"
            "受本项规则合计不超过6分、加分合计不超过5分所限，实加0.00分",
            "+1.50",
            "+0.00",
        ],
    ]
    assert slip.row("最终得分")[2:] == ["加权合计84.43，加减分+5.00", "", "89.43"]


def test_a_bonus_moved_by_rounding_says_so(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whole points (places = 0) and two school titles of 0.5: the running total shows 1 then
    1, so the first counts 1 and the second 0."""
    folder = with_honours(
        tmp_path_factory,
        "rounding",
        "H901,校级优秀教师,校级,,,荣誉",
        "H902,校级优秀班主任,校级,,,荣誉",
    )
    edit(folder / "schemes.toml", "places = 2\n", "places = 0\n")
    slip = one_slip(open_workspace(folder, installed=False), "T003")
    rows = {r[1]: r for r in slip.rows if r[0] == "荣誉加分"}
    assert rows["H901"][2].endswith("；为使各项与合计的四舍五入一致，记为1")
    assert rows["H901"][3:] == ["+0.5", "+1"]
    assert rows["H902"][2].endswith("；为使各项与合计的四舍五入一致，记为0")
    assert rows["H902"][3:] == ["+0.5", "+0"]


def test_vetoes_and_quotas_in_english(vetoed: Session) -> None:
    slip = one_slip(vetoed, "T002", "en")
    assert slip.rows[0] == COLUMNS_EN
    assert (
        "Quota: “优秀” takes at most 3% of those evaluated (1 of 49 teachers, rounded down); "
        "ranked 3, this falls outside it, into “良好”."
    ) in slip.paragraphs
    slip = one_slip(vetoed, "T003", "en")
    assert "The veto “师德一票否决” cancels “优秀”: moved from “优秀” to “良好”." in slip.paragraphs
    assert slip.row("荣誉加分")[2].endswith("; none given: a veto removes every bonus")
    slip = one_slip(vetoed, "T037", "en")
    assert "The veto “师德考核不合格” puts this in “不合格” (the score reaches “合格”)." in (
        slip.paragraphs
    )


def decisions(folder: Path, subjects: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """What the slips of ``subjects`` say decided their bands."""
    session = open_workspace(folder, installed=False)
    scheme, evaluation = session.evaluate(CLASSES)
    book = build_slips(session.loaded, scheme, evaluation, subjects=subjects)
    return {s.subject_id: s.decisions for s in book.slips}


def test_a_tie_at_the_last_place_falls_together(tmp_path_factory: pytest.TempPathFactory) -> None:
    said = decisions(tied_classes(tmp_path_factory, "tie", "dense"), ["class-1-2", "class-6-3"])
    for subject in ("class-1-2", "class-6-3"):
        assert said[subject] == (
            "名额限制：“优秀班级”名额不超过参评对象的6%（共18个班级，至多1个，四舍五入），"
            "本人排名第1，与另外1个班级同分并列，名额容不下全部并列者，超出名额，调整为“合格班级”。",
        )


def test_an_ordinal_tie_is_ordered_by_id(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tied_classes(tmp_path_factory, "ordinal", "ordinal")
    said = decisions(folder, ["class-1-2", "class-6-3"])
    assert said["class-1-2"] == (
        "名额限制：“优秀班级”最后的名额处与另外1个班级同分，按编号先后排序，本人在名额之内。",
    )
    assert said["class-6-3"] == (
        "名额限制：“优秀班级”名额不超过参评对象的6%（共18个班级，至多1个，四舍五入），"
        "本人排名第2，与另外1个班级同分，按编号先后排序，超出名额，调整为“合格班级”。",
    )


class SchoolRules:
    """A plugin that gives a value, a deduction and a band of its own."""

    @hookimpl
    def schoolwork_indicator_values(self, scheme, subject):  # type: ignore[no-untyped-def]
        if scheme.id == CLASSES and subject.id == "class-4-1":
            return {"reading": IndicatorValue(Decimal(90), "读书卡统计")}
        return None

    @hookimpl
    def schoolwork_adjust_result(self, scheme, subject):  # type: ignore[no-untyped-def]
        if scheme.id == CLASSES and subject.id == "class-4-1":
            return [Adjustment(Decimal(-2), "安全事故扣分", rule="safety")]
        return None

    @hookimpl
    def schoolwork_assign_bands(self, scheme, results):  # type: ignore[no-untyped-def]
        return {"class-4-1": "合格班级"} if scheme.id == CLASSES else None


def test_a_plugins_value_deduction_and_band(sample_dir: Path) -> None:
    session = open_workspace(sample_dir, installed=False, plugins={"rules": SchoolRules()})
    files = session.slips(CLASSES, "docx", subject="class-4-1")
    (slip,) = read_slips(files["slips.docx"])
    assert slip.row("读书创作节")[1:4] == [
        "90",
        "线性计分：60及以下得0分，100及以上得满分，之间按比例；数值由插件 rules 提供（读书卡统计）",
        "75.0",
    ]
    assert slip.row("扣分")[2:] == ["安全事故扣分（插件 rules）", "-2.0", "-2.0"]
    natural = next(p for p in slip.paragraphs if p.startswith("按学校规则"))
    assert natural.startswith("按学校规则（插件 rules）由“")
    assert natural.endswith("”调整为“合格班级”。")
    assert slip.paragraphs[-1].startswith("班主任核对签字：")


# -- HTML -------------------------------------------------------------------------------------


def test_html_has_a_printed_page_per_subject(sample: Session) -> None:
    html = sample.slips(TEACHERS, "html")["slips.html"].decode("utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert html.count('<section class="slip" id="slip-') == 49
    assert ".slip + .slip {{ break-before: page;".replace("{{", "{") in html
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm;" in html
    section = html[html.index('id="slip-T003"') :]
    section = section[: section.index("</section>")]
    assert "<h1>教师年度考核明细</h1>" in section
    assert "<th>计分规则</th>" in section
    # 师德学习与承诺, typed in (师德考核得分 now comes from ballots, its rule cell longer)
    assert (
        '<tr class="indicator"><td>师德学习与承诺</td><td>10</td><td class="rule">分档计分：'
        "达到12得100分，达到10得80分，达到6得60分，其余得0分</td><td>80.00</td><td></td></tr>"
    ) in section
    assert '<tr class="final"><td>最终得分</td>' in section
    assert "<td>87.43</td></tr>" in section
    assert "一票否决与等次调整：无，等次按得分确定。" in section


def test_html_escapes_what_the_school_wrote(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    copy_sample(folder)
    edit(folder / "school.toml", 'name = "孙桂婷"', 'name = "孙<b>桂婷"')
    html = open_workspace(folder, installed=False).slips(TEACHERS, "html", subject="T003")
    text = html["slips.html"].decode("utf-8")
    assert "孙&lt;b&gt;桂婷" in text
    assert "孙<b>桂婷" not in text


# -- equal bytes, formats, files --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_the_same_slips_give_the_same_bytes(sample: Session, fmt: str) -> None:
    first = sample.slips(CLASSES, fmt)
    assert sample.slips(CLASSES, fmt) == first


def test_a_format_slips_are_not_written_in_is_refused(sample: Session) -> None:
    with pytest.raises(UsageError, match="score slips are written as docx or html, not 'pdf'"):
        sample.slips(TEACHERS, "pdf")


def test_a_scheme_without_subjects_has_no_slips_to_write(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_workspace(sample_dir, installed=False)
    scheme, evaluation = session.evaluate(CLASSES)
    empty = (scheme, attrs.evolve(evaluation, results=()))
    monkeypatch.setattr(session, "evaluate", lambda *args, **kwargs: empty)
    with pytest.raises(UsageError, match="scheme 'class-2023' has no class to write a slip for"):
        session.slips(CLASSES, "html")


def test_per_subject_files_are_named_after_the_subject(sample: Session) -> None:
    files = sample.slips(CLASSES, "html", per_subject=True, name="考核明细")
    assert len(files) == 18
    assert "考核明细-class-6-3-六年级三班.html" in files
    assert all(data.count(b'<section class="slip"') == 1 for data in files.values())
    assert file_name("slips", "a/b", 'x:y*"?', "docx") == "slips-a_b-x_y___.docx"


# -- the command line -------------------------------------------------------------------------


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_cli_writes_one_subject_by_name_in_chinese(
    runner: CliRunner, sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "孙桂婷.html"
    code, output = run(
        runner,
        "slips",
        str(sample_dir),
        "--scheme",
        TEACHERS,
        "--subject",
        "孙桂婷",
        "-o",
        str(out),
    )
    assert code == 0, output
    assert str(out) in output
    html = out.read_text(encoding="utf-8")
    assert html.count('<section class="slip"') == 1
    assert "姓名：孙桂婷" in html
    assert "编号：T003" in html
    assert "<th>计分规则</th>" in html


@pytest.mark.parametrize(
    ("before", "after"),
    [([], ["--lang", "en"]), (["--lang", "en"], []), (["--lang", "zh"], ["--lang", "en"])],
)
def test_cli_writes_english_with_either_lang(
    runner: CliRunner, sample_dir: Path, tmp_path: Path, before: list[str], after: list[str]
) -> None:
    out = tmp_path / "slips.docx"
    scheme = ["--scheme", TEACHERS, "--subject", "T003", "-o", str(out)]
    code, output = run(runner, *before, "slips", str(sample_dir), *scheme, *after)
    assert code == 0, output
    (slip,) = read_slips(out.read_bytes())
    assert slip.rows[0] == COLUMNS_EN
    assert text_of(slip.title) == "教师年度考核: score slip"
    assert slip.paragraphs[2] == "Name: 孙桂婷    Id: T003"
    assert slip.paragraphs[3] == "Final score: 87.43    Rank: 1 of 49 teachers    Band: 优秀"
    assert slip.row("Final score")[2] == "weighted total 84.43, adjustments +3.00"


def test_cli_per_subject(runner: CliRunner, sample_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "class.html"
    code, output = run(
        runner, "slips", str(sample_dir), "--scheme", CLASSES, "--per-subject", "-o", str(out)
    )
    assert code == 0, output
    written = sorted(p.name for p in out.parent.iterdir())
    assert len(written) == 18
    assert "class-class-6-3-六年级三班.html" in written
    assert str(out.parent / "class-class-6-3-六年级三班.html") in output
    assert not out.exists()


def test_cli_refuses_to_replace_without_force(
    runner: CliRunner, sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "slips.html"
    out.write_text("mine", encoding="utf-8")
    args = ["slips", str(sample_dir), "--scheme", CLASSES, "-o", str(out)]
    code, output = run(runner, *args)
    assert code == 2
    assert "--force" in output
    assert out.read_text(encoding="utf-8") == "mine"
    code, output = run(runner, *args, "--force")
    assert code == 0, output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--scheme", TEACHERS, "-o", "slips.pdf"],
            "slips.pdf: score slips are written as .docx or .html (the extension decides)",
        ),
        (
            ["--scheme", TEACHERS, "--subject", "王小明", "-o", "slips.html"],
            "no subject '王小明' in the evaluation of 'teacher-2023'",
        ),
        (["--scheme", "nope", "-o", "slips.html"], "no scheme 'nope'"),
    ],
)
def test_cli_refusals_exit_2_and_write_nothing(
    runner: CliRunner,
    sample_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run(runner, "--lang", "en", "slips", str(sample_dir), *args)
    assert code == 2
    assert f"error: {message}" in output
    assert list(tmp_path.iterdir()) == []


def test_cli_in_chinese_refuses_an_extension_in_chinese(
    runner: CliRunner, sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "slips.xlsx"
    code, output = run(
        runner, "--lang", "zh", "slips", str(sample_dir), "--scheme", TEACHERS, "-o", str(out)
    )
    assert code == 2
    assert f"错误：{out}：考核明细只能写成 .docx 或 .html 文件（格式由扩展名决定）" in output


def test_cli_a_broken_workspace_lists_its_problems(runner: CliRunner, tmp_path: Path) -> None:
    code, output = run(
        runner,
        "--lang",
        "en",
        "slips",
        str(BROKEN / "wrong-type"),
        "--scheme",
        TEACHERS,
        "-o",
        str(tmp_path / "s.html"),
    )
    assert code == 2
    assert "school.toml: school.id" in output
    assert not (tmp_path / "s.html").exists()


def test_labels_of_a_slip_say_the_same_in_both_languages() -> None:
    keys: Mapping[str, tuple[str, str]] = {
        k: v for k, v in _LABELS.items() if k.startswith("slip.")
    }
    assert len(keys) > 60
    for key, (zh, en) in keys.items():
        assert zh, key
        assert en, key
        # the same values go in; only Chinese counts places with a measure word (人, 个)
        named_zh = set(re.findall(r"\{(\w+)\}", zh)) - {"measure"}
        assert named_zh == set(re.findall(r"\{(\w+)\}", en)), key
