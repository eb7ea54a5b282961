"""How the summary judges a goal: at the year's end by what was reached, during it by the pace.

A summary written once the year is over says whether each goal was 完成 (reached: 100 % or
more), 基本完成 (mostly: within the same margin the in-year status allows below the pace, from
85 %) or 未完成 (not reached). "At risk" is a word about pace, and at the year's end there is no
pace left to keep. A summary of a year still under way judges at the day it is built, with the
in-year status (进度正常, 有风险, 滞后) of :func:`schoolwork.goals.status`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from schoolwork.goals import AT_RISK_MARGIN, GoalStatus

ONE = Decimal(1)


class Outcome(StrEnum):
    """A goal at the end of its year."""

    DONE = "done"  # 完成
    MOSTLY = "mostly"  # 基本完成
    NOT_DONE = "not_done"  # 未完成
    NO_DATA = "no_data"  # 暂无数据


def outcome(achievement: Decimal | None) -> Outcome:
    """完成 from 100 %, 基本完成 from 85 %, 未完成 below; 暂无数据 without a value."""
    if achievement is None:
        return Outcome.NO_DATA
    if achievement >= ONE:
        return Outcome.DONE
    return Outcome.MOSTLY if achievement >= ONE - AT_RISK_MARGIN else Outcome.NOT_DONE


def judged_on(year_end: date, today: date) -> date:
    """The day a summary judges its goals at: the year's last day, or today while it runs."""
    return min(year_end, today)


def is_year_end(year_end: date, today: date) -> bool:
    """Whether the year is over, so goals are judged by what was reached, not by pace."""
    return today >= year_end


def falls_short(state: Outcome | GoalStatus) -> bool:
    """Whether a goal's outcome or status is a problem the summary must name."""
    return state not in (Outcome.DONE, GoalStatus.ON_TRACK)
