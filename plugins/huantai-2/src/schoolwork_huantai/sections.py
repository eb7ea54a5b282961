"""The school's report sections: homework control, 1+1+X, reading cadences, fitness and
science awards, and the ethics record."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from schoolwork import (
    CORE_KINDS,
    AwardRank,
    Edition,
    PartKind,
    Provenance,
    RecipientKind,
    Section,
    SubjectKind,
    Table,
    Text,
    UnitKind,
    Workspace,
    period_span,
)
from schoolwork_huantai import homework
from schoolwork_huantai.reading import CADENCES

AFTER_SCHOOL = (
    ("一年级", "跳绳"),
    ("二年级", "跳跳球"),
    ("三年级", "踢毽子"),
    ("四年级", "篮球"),
    ("五年级", "足球"),
)


def all_sections(workspace: Workspace, year: str) -> list[Section]:
    start, end = period_span(year, workspace.calendar)
    term_start, term_end = last_term(workspace, year)
    return [
        fitness_and_science(workspace, start, end),
        ethics(workspace, start, end),
        reading(workspace, term_start, term_end, Edition.INTERNAL),
        reading(workspace, term_start, term_end, Edition.BUREAU),
        homework_control(workspace, start, end),
        after_school(),
    ]


def last_term(workspace: Workspace, year: str) -> tuple[date, date]:
    """The year's last semester, 本学期 of a summary written at the year's end (the reading
    cadences are owed per spring term); the whole year if the calendar names no semesters."""
    for known in workspace.calendar.years:
        if known.name == year and known.semesters:
            return known.semesters[-1].start, known.semesters[-1].end
    return period_span(year, workspace.calendar)


def invented_note(records: Iterable[Any], what: str) -> Text | None:
    """A line saying how many of the records a figure counts are invented sample data, if any.

    Records of the bundled workspace say where they come from (``provenance``); a school's own
    records say nothing, and get no note.
    """
    found = list(records)
    invented = sum(1 for r in found if r.provenance is Provenance.INVENTED)
    if not invented:
        return None
    share = "均" if invented == len(found) else f"中有{invented}条"
    return Text(f"*示例数据：以上{what}记录{share}为虚构，不代表学校的实际情况。*")


def fitness_and_science(workspace: Workspace, start: date, end: date) -> Section:
    """体质健康达标率 from the school goal, and the aerospace and programming awards."""
    fitness = None
    for goal in workspace.goals:
        for indicator in goal.indicators:
            if indicator.id == "fitness":
                found = [c for c in indicator.checkins if c.date <= end]
                fitness = max(found, key=lambda c: c.date) if found else None
    honours = workspace.records.dated(start, end).honours
    space = Counter(h.rank for h in honours if h.category == "航空航天")
    coding = sum(
        1 for h in honours if h.category == "编程" and h.recipient.kind is RecipientKind.STUDENT
    )
    lines = []
    if fitness is not None:
        # The check-in's note is the seed's own sentence (达到96%以上); a bare value is not.
        lines.append(f"{fitness.note or f'学生体质健康达标率为{fitness.value}%'}。")
    lines.append(
        f"在山东省青少年航空航天科普活动中有{sum(space.values())}人获奖，其中一等奖"
        f"{space[AwardRank.FIRST]}人、二等奖{space[AwardRank.SECOND]}人；"
        f"在市第四届智力运动会编程比赛项目中{coding}人获奖。"
    )
    return Section(
        "fitness-science",
        "体质健康与科技教育",
        PartKind.HIGHLIGHTS,
        (Text("".join(lines)),),
        after="overview",
    )


def ethics(workspace: Workspace, start: date, end: date) -> Section:
    breaches = [i for i in workspace.records.dated(start, end).incidents if i.kind == "ethics"]
    text = (
        "实行师德、师能双重考核：教师出现违反职业道德规范行为的，取消当年内一切评优树先资格，"
        "并视情节严重程度确定其师德考核是否合格。"
        + (
            "本学年学校教师无任何违规现象发生。"
            if not breaches
            else f"本学年记录师德问题{len(breaches)}起。"
        )
    )
    return Section(
        "ethics", "师德建设", PartKind.HIGHLIGHTS, (Text(text),), after="fitness-science"
    )


def reading(
    workspace: Workspace, start: date, end: date, edition: Edition = Edition.INTERNAL
) -> Section:
    """读书富脑: each reading cadence, how many teachers completed it in the term.

    The internal edition names the teachers who did not; the bureau edition only counts them.
    """
    teachers = workspace.subjects(SubjectKind.TEACHER)
    activity = [k for k in CORE_KINDS if k.name == "activity"]
    per_teacher = workspace.records.by_owner(activity, [t.id for t in teachers], start, end)
    kept = [a for a in workspace.records.dated(start, end).activities if a.type in CADENCES]
    rows = []
    for kind, owed in CADENCES.items():
        complete = [
            t
            for t in teachers
            if sum(1 for a in per_teacher[t.id].activities if a.type == kind) >= owed
        ]
        missing = [t.name for t in teachers if t not in complete]
        row = (kind, str(owed), f"{len(complete)}/{len(teachers)}")
        rows.append((*row, "、".join(missing) or "—") if edition is Edition.INTERNAL else row)
    columns = ("阅读常规", "每人应完成", "完成人数")
    if edition is Edition.INTERNAL:
        columns += ("未完成",)
    table = Table(columns, tuple(rows), caption="本学期教师阅读常规")
    lead = Text("每周一页读书笔记，每月一篇精品反思，每学期一份精品案例，每季度一次读书反思。")
    note = invented_note(kept, "阅读常规")
    return Section(
        "reading",
        "读书富脑：阅读常规落实情况",
        PartKind.HIGHLIGHTS,
        (lead, table) if note is None else (lead, table, note),
        after="ethics",
        edition=edition,
    )


def homework_control(workspace: Workspace, start: date, end: date) -> Section:
    """作业总量控制: days over the limit per grade, publication and four-party supervision.

    The days are the school's ``homework`` records (``records/homework.csv``) of the year,
    as the core read and checked them.
    """
    days: tuple[homework.HomeworkDay, ...] = workspace.records.dated(start, end).kind(homework.NAME)
    grades = {u.id: u.name for u in workspace.units if u.kind is UnitKind.GRADE}
    rows = []
    for grade, name in grades.items():
        mine = [d for d in days if d.grade == grade]
        if not mine:
            continue
        rows.append(
            (
                name,
                str(len(mine)),
                f"{homework.limit_for(grade)}分钟",
                str(sum(1 for d in mine if d.over)),
                str(sum(1 for d in mine if not d.published)),
                str(sum(1 for d in mine if not d.fully_supervised)),
            )
        )
    over = sum(1 for d in days if d.over)
    text = Text(
        "级部主任作为第一责任人对作业总量进行调控，班主任每天公示作业，"
        "教导处、级部主任、学生、家长四位一体监督。"
        f"共记录{len(days)}个级部作业日，超出总量控制{over}个。"
    )
    table = Table(
        ("级部", "记录天数", "每日上限", "超量天数", "未公示天数", "监督不全天数"), tuple(rows)
    )
    note = invented_note(days, "作业日")
    blocks = (text, table) if note is None else (text, table, note)
    return Section("homework", "作业总量控制", PartKind.HIGHLIGHTS, blocks, after="reading")


def after_school() -> Section:
    rows = tuple(AFTER_SCHOOL)
    text = Text(
        "第一个“1”为下午两节课后1小时阳光体育大课间；第二个“1”为学生自主作业时间，力求在校内完成基础作业；"
        "“X”为班级特色课程时间。"
    )
    return Section(
        "one-one-x",
        "“1+1+X”课后服务模式",
        PartKind.HIGHLIGHTS,
        (text, Table(("级部", "大课间特色项目"), rows)),
        after="homework",
    )
