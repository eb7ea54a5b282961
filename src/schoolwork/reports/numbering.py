"""How the report numbers things: parts 一、 and sections （一） (1. and 1.1 in English), tables
and figures (表1, 图1), and how it writes the 落款 date."""

from __future__ import annotations

from datetime import date

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


_CAPTIONS = {"table": ("表", "Table"), "figure": ("图", "Figure")}


def caption(kind: str, index: int, title: str, lang: str) -> str:
    """``表1　按级别统计`` or ``Table 1. By level``; ``kind`` is table or figure."""
    zh, en = _CAPTIONS[kind]
    return f"{zh}{index}\u3000{title}" if lang == "zh" else f"{en} {index}. {title}"


def signing_date(day: date | None, lang: str) -> str:
    """The 落款 date as a Chinese document writes it, ``2024年7月5日`` (GB/T 9704: Arabic
    numerals, no leading zeros), or blanks to fill in by hand when there is no date."""
    if day is None:
        return "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日" if lang == "zh" else ""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day:%d %B %Y}".lstrip("0")
