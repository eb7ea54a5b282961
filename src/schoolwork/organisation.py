"""The school, its units as one tree, and its people.

The tree's root is the school itself: a unit whose ``parent`` is empty hangs directly under the
school. Ids are the school's own (``grade-4``, ``T017``); they only need to be unique within
their kind and are what every other file of the workspace refers to.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from schoolwork.levels import Level


@attrs.frozen
class School:
    """The school everything in a workspace belongs to.

    ``sample_note`` is set by a workspace that is sample data, not a school's own: every
    report built from it prints the note under its title.
    """

    id: str
    name: str
    county: str = ""
    city: str = ""
    province: str = ""
    sample_note: str = ""


class UnitKind(StrEnum):
    """What kind of unit a node of the school's tree is."""

    OFFICE = "office"  # 处室: 教务处, 德育处, 总务处, 办公室, …
    GRADE = "grade"  # 级部 / 年级
    CLASS = "class"  # 班级
    RESEARCH_GROUP = "research_group"  # 教研组
    PREP_GROUP = "prep_group"  # 备课组


@attrs.frozen
class Unit:
    """An office, grade, class or group, placed in the tree by ``parent``."""

    id: str
    kind: UnitKind
    name: str
    parent: str | None = None
    leader: str | None = None
    supervisor: str | None = None  # 分管/包级领导: the school leader in charge of this unit
    subject: str | None = None


class RoleKind(StrEnum):
    """A post a person holds; posts other than principal and teacher are held in a unit or area."""

    PRINCIPAL = "principal"  # 校长
    PARTY_SECRETARY = "party_secretary"  # 书记
    VICE_PRINCIPAL = "vice_principal"  # 分管校长: in charge of an area
    OFFICE_DIRECTOR = "office_director"  # 处室主任
    GRADE_DIRECTOR = "grade_director"  # 级部主任
    HEAD_TEACHER = "head_teacher"  # 班主任
    GROUP_LEADER = "group_leader"  # 教研组长 / 备课组长
    TEACHER = "teacher"
    STAFF = "staff"  # 职工: logistics, finance, …


# Which unit kind a post is held in; a post missing here is held in no unit.
ROLE_UNIT_KINDS: dict[RoleKind, frozenset[UnitKind]] = {
    RoleKind.OFFICE_DIRECTOR: frozenset({UnitKind.OFFICE}),
    RoleKind.GRADE_DIRECTOR: frozenset({UnitKind.GRADE}),
    RoleKind.HEAD_TEACHER: frozenset({UnitKind.CLASS}),
    RoleKind.GROUP_LEADER: frozenset({UnitKind.RESEARCH_GROUP, UnitKind.PREP_GROUP}),
}


@attrs.frozen
class Role:
    """One post: its kind, the unit it is held in, and for a vice principal the area in charge."""

    kind: RoleKind
    unit: str | None = None
    area: str | None = None


class Tier(StrEnum):
    """The teacher development ladder (梯队), lowest first."""

    NEW = "new"  # 新教师
    YOUNG = "young"  # 青年教师
    TEACHING_EXPERT = "teaching_expert"  # 教学能手
    BACKBONE = "backbone"  # 骨干教师
    SUBJECT_LEADER = "subject_leader"  # 学科带头人
    MASTER = "master"  # 名师


@attrs.frozen
class Person:
    """A member of staff. People who left stay in the workspace so that old records resolve."""

    id: str
    name: str
    roles: tuple[Role, ...] = ()
    units: tuple[str, ...] = ()
    subject: str | None = None
    tier: Tier | None = None
    tier_level: Level | None = None  # who recognised the tier: a county or a city backbone teacher
    mentor: str | None = None  # 青蓝工程: the person guiding this one
    active: bool = True

    def holds(self, kind: RoleKind) -> bool:
        """Whether any of this person's posts is of ``kind``."""
        return any(role.kind is kind for role in self.roles)
