"""How wide things are set, in Word and in HTML alike: a table's columns, sized to what they
hold, and the lines of the 落款."""

from __future__ import annotations

from collections.abc import Sequence


def display_width(text: str) -> float:
    """How wide ``text`` sets, in characters of the font's size: a Chinese character (or a
    full-width sign) is one, a Latin letter or digit about half."""
    return sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in text)


def column_widths(rows: Sequence[Sequence[str]], total: float) -> list[float]:
    """Widths (in characters) for columns holding ``rows`` (the header first) that add up to
    ``total``: each column as wide as its longest cell; when they do not all fit, the widest
    columns are cut to one common width, so that only they wrap and short ones never do."""
    count = max(len(r) for r in rows)
    natural = [max(display_width(r[c]) for r in rows if c < len(r)) + 1.2 for c in range(count)]
    natural = [max(w, 2.5) for w in natural]
    if sum(natural) <= total:
        spare = total - sum(natural)
        return [w + spare * w / sum(natural) for w in natural]
    low, high = 0.0, max(natural)
    for _ in range(40):  # the cut that fills ``total``, by bisection
        cut = (low + high) / 2
        if sum(min(w, cut) for w in natural) > total:
            high = cut
        else:
            low = cut
    return [min(w, low) for w in natural]


def signature_indents(school: str, when: str) -> tuple[float, float]:
    """Right indents (in characters) of the school's name and of the date under it, as GB/T
    9704 sets a 落款 without a seal: the name two characters from the right edge, the date
    starting two characters right of the name's start; a date too long for that sits two
    characters from the edge and pushes the name left."""
    name, day = display_width(school), display_width(when)
    if day + 2 <= name:
        return 2.0, name - day
    return 2.0 + day + 2 - name, 2.0
