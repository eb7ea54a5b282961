"""The school's own report sections: 三驾马车, 四支队伍, and the disputes §二 names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from schoolwork import (
    AwardRank,
    Evaluation,
    Level,
    PartKind,
    RoleKind,
    Scheme,
    Section,
    Table,
    Text,
    Tier,
    UnitKind,
    Workspace,
    period_span,
    quota_places,
)

_LEVELS = {Level.CITY: "市", Level.COUNTY: "县"}
_RANKS = {AwardRank.FIRST: "一等奖", AwardRank.SECOND: "二等奖"}


class Term(NamedTuple):
    """The span a sentence counts over, and the word it uses for it (本学期 or 本学年)."""

    start: date
    end: date
    word: str


def this_term(workspace: Workspace, year: str) -> Term:
    """本学期 as a summary written at the end of ``year`` means it: the year's last semester.

    A year whose calendar names no semesters is counted whole, and called 本学年.
    """
    for known in workspace.calendar.years:
        if known.name == year and known.semesters:
            last = known.semesters[-1]
            return Term(last.start, last.end, "本学期")
    start, end = period_span(year, workspace.calendar)
    return Term(start, end, "本学年")


def all_sections(
    workspace: Workspace, year: str, evaluations: Sequence[tuple[Scheme, Evaluation]] = ()
) -> list[Section]:
    start, end = period_span(year, workspace.calendar)
    term = this_term(workspace, year)
    return [
        three_carriages(workspace, start, end, term),
        teaching_and_checks(workspace, start, end, term),
        four_teams(workspace),
        disputes(workspace, evaluations),
    ]


def three_carriages(workspace: Workspace, start: date, end: date, term: Term) -> Section:
    """三驾马车: 书润童心 (reading), 家校共育 (home and school), 社团嘉年华 (clubs).

    The works pushed are counted over the term, as the seed counts them (本学期推送的12件作品);
    the table counts the whole year, and says so.
    """
    records = workspace.records.dated(start, end)
    honours, activities = records.honours, records.activities
    pushed_this_term = workspace.records.dated(term.start, term.end).honours
    works = Counter((h.level, h.rank) for h in pushed_this_term if h.category == "诵读征文")
    parts = [
        f"{_LEVELS[lv]}{_RANKS[rk]}{n}件"
        for lv in (Level.COUNTY, Level.CITY)
        for rk in (AwardRank.FIRST, AwardRank.SECOND)
        if (n := works[(lv, rk)])
    ]
    pushed = sum(works.values())
    pushed_year = sum(1 for h in honours if h.category == "诵读征文")
    meetings = sum(1 for a in activities if a.type == "家长会")
    family = sum(1 for h in honours if h.category == "家校共育")
    clubs = sum(1 for h in honours if h.category in ("艺术", "体育"))
    detail = f"，其中{'、'.join(parts)}" if parts else ""
    reading = Text(f"**书润童心**：{term.word}推送学生作品{pushed}件{detail}。")
    table = Table(
        ("驾马车", "本学年数据"),
        (
            ("书润童心", f"推送作品获奖{pushed_year}件"),
            ("家校共育", f"召开家长会{meetings}次，家校共育荣誉{family}项"),
            ("社团嘉年华", f"艺术、体育类集体荣誉{clubs}项"),
        ),
    )
    lead = Text("学校打造“书润童心、家校共育、社团嘉年华”三驾马车，彰显办学特色。")
    return Section(
        "three-carriages",
        "“三驾马车”驱动引领",
        PartKind.HIGHLIGHTS,
        (lead, reading, table),
        after="overview",
    )


def teaching_and_checks(workspace: Workspace, start: date, end: date, term: Term) -> Section:
    """Research activities and grade checks of the term (本学期), county events hosted in the year.

    A grade check is one day's round of checks, however many grades it covered.
    """
    records = workspace.records.dated(term.start, term.end)
    research = sum(1 for a in records.activities if a.type == "教研活动")
    checks = len({i.date for i in records.inspections if i.type == "级部检查"})
    year = workspace.records.dated(start, end)
    hosted = sum(1 for a in year.activities if a.type == "承办县级教研")
    text = Text(
        f"{term.word}大教研组开展活动{research}次，组织级部检查{checks}次，保障了规范办学。"
        f"本学年承办县级教研活动{hosted}次。"
    )
    return Section(
        "teaching-checks",
        "加大教学管理，提高学业水平",
        PartKind.HIGHLIGHTS,
        (text,),
        after="three-carriages",
    )


def four_teams(workspace: Workspace) -> Section:
    """四支队伍: office managers, grade staff, research-group masters, prep-group backbone."""
    people = [p for p in workspace.people if p.active]
    prep = {u.id for u in workspace.units if u.kind is UnitKind.PREP_GROUP}
    rows = (
        ("教务处管理队伍", str(sum(1 for p in people if "office-academic" in p.units))),
        ("级部教务人员队伍", str(sum(1 for p in people if p.holds(RoleKind.GRADE_DIRECTOR)))),
        (
            "教研组名师队伍",
            str(
                sum(
                    1
                    for p in people
                    if p.holds(RoleKind.GROUP_LEADER)
                    and p.tier
                    in (Tier.BACKBONE, Tier.SUBJECT_LEADER, Tier.MASTER, Tier.TEACHING_EXPERT)
                )
            ),
        ),
        (
            "备课组骨干教师队伍",
            str(sum(1 for p in people if prep & set(p.units) and p.tier is Tier.BACKBONE)),
        ),
    )
    return Section(
        "four-teams",
        "加强四支队伍建设",
        PartKind.NEXT_STEPS,
        (
            Text(
                "加强教务处管理队伍、级部教务人员队伍、教研组名师队伍和备课组骨干教师队伍建设，"
                "细化任务分工。四支队伍现有人数如下。"
            ),
            Table(("队伍", "人数"), rows),
        ),
    )


def disputes(workspace: Workspace, evaluations: Sequence[tuple[Scheme, Evaluation]]) -> Section:
    """§二: the disputes over the excellent band and quotas, answered with the scheme's numbers.

    The teacher scheme and its teachers are the year's evaluation of it when there is one,
    else the scheme as the plugin ships it and the workspace's active teachers.
    """
    from schoolwork_yiyuan import TEACHER_SCHEME, teacher_scheme

    evaluated = [(s, e) for s, e in evaluations if s.id == TEACHER_SCHEME]
    if evaluated:
        scheme, evaluation = evaluated[0]
        teachers = len(evaluation.results)
    else:
        scheme = teacher_scheme()
        teachers = len(workspace.subjects(scheme.subject))
    top = scheme.bands[0]
    places = quota_places(top, teachers)
    share = f"{(top.quota or Decimal(0)) * 100:f}".rstrip("0").rstrip(".")
    text = Text(
        f"考核优秀之争：{scheme.name}的“{top.name}”以{top.min_score}分为线，名额不超过教师数的{share}%"
        f"（{teachers}人中至多{places}人），同分者一并顺延，不以抽签或名单先后决定；"
        "每位教师的每一分都对应方案中的一条规则和一份记录，可逐项说明来源。"
    )
    return Section("disputes", "考核优秀之争", PartKind.PROBLEMS, (text,), after="problems-1")
