"""How parts and sections are numbered: 一、（一） in Chinese, 1. and 1.1 in English."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """一 … 九十九 for 1 … 99, the way Chinese documents number their headings."""
    if not 0 < n < 100:
        raise ValueError(f"{n} is outside 1..99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def part_heading(index: int, title: str, lang: str) -> str:
    """``一、存在问题`` or ``2. Problems`` (``index`` from 1)."""
    return f"{chinese_number(index)}、{title}" if lang == "zh" else f"{index}. {title}"


def section_heading(part: int, index: int, title: str, lang: str) -> str:
    """``（一）荣誉与奖项`` or ``1.1 Honours and awards``."""
    return f"（{chinese_number(index)}）{title}" if lang == "zh" else f"{part}.{index} {title}"
