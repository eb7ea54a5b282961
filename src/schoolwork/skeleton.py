"""The empty workspace that ``schoolwork init`` writes: valid as it stands, commented to fill in."""

from __future__ import annotations

from datetime import date

from schoolwork.calendar import school_year_name

_TEMPLATE = """\
# A schoolwork workspace. Fill in your school, then run `schoolwork validate .`
# Every field is described in docs/workspace-format.md; paths in error messages count from 0.

[school]
id = "my-school"        # a short id used in file names and references
name = "我的学校"
county = ""
city = ""

[[calendar.years]]
name = "{year}"
start = {first}-09-01
end = {second}-08-31
semesters = [
    {{ name = "第一学期", start = {first}-09-01, end = {second}-01-20 }},
    {{ name = "第二学期", start = {second}-02-20, end = {second}-07-05 }},
]

# [[calendar.holidays]]
# name = "国庆节"
# start = {first}-10-01
# end = {first}-10-07

# [[units]]             # offices, grades, classes, research and preparation groups
# id = "grade-1"
# kind = "grade"        # office | grade | class | research_group | prep_group
# name = "一年级"
# leader = "T001"       # a person's id

# [[people]]
# id = "T001"
# name = "王老师"
# roles = [{{ kind = "grade_director", unit = "grade-1" }}]
# units = ["grade-1"]
"""


def skeleton_text(today: date) -> str:
    """The text of ``school.toml`` for a new workspace, for the school year holding ``today``."""
    year = school_year_name(today)
    first, second = year.split("-")
    return _TEMPLATE.format(year=year, first=first, second=second)
