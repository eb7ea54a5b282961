"""Score slips (考核明细): one page per teacher or class that shows every point of its score.

The answer to 考核优秀之争 (seed 000 §二): a teacher who disputes a score reads one page that
holds everything the score was made of, in the school's language:

- every indicator with its raw value, its rule in words and its points; a value that was
  dropped, missing or counted from records says so, with the records;
- every dimension with how it combines its indicators, its weight, and what it adds to the
  total (折算分 = score × weight); the weighted total, and how it was rounded;
- every bonus or deduction with its rule and the record behind it, and why less was given
  than the rule asks (a cap, a veto);
- the final score, the rank among how many, the band and how the scheme sets its bands;
- every veto and every band move (名额限制, a veto's force or cancel) in plain words;
- every appeal (申诉) of the subject: what it disputed, the decision and its reason, and what it
  changed; a value an upheld appeal corrected says so, with the value it replaced.

The table's last column adds up down the page: the dimensions' counts make the weighted total,
and the total with the adjustments makes the final score. The slip is built from an
:class:`~schoolwork.Evaluation` and its :class:`~schoolwork.Scheme`, the data
``schoolwork evaluate --explain`` prints, never from that text. Other subjects are counted,
never named, since a slip is handed to one person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

import attrs

from schoolwork.calendar import period_span
from schoolwork.evaluation.appeals import AppealOutcome
from schoolwork.labels import Lang, label
from schoolwork.record_files import path_of
from schoolwork.records import SCHOOL_OWNER, AwardRank, Honour, RecordBook, Severity
from schoolwork.reports.appeals import slip_lines
from schoolwork.reports.notes import number, percent
from schoolwork.reports.rated import gain_words, rated_words
from schoolwork.reports.slip_decisions import Decisions, Standings, band_words, rank_text
from schoolwork.reports.slip_rules import joined, method_words, rule_words, split_words
from schoolwork.reports.widths import display_width
from schoolwork.results import (
    Adjustment,
    DimensionScore,
    Evaluation,
    IndicatorScore,
    SubjectResult,
    ValueStatus,
)
from schoolwork.scheme import BonusRule, Indicator, Scheme, SubjectKind, VetoEffect
from schoolwork.values import values_files
from schoolwork.workspace import LoadedWorkspace

EXTRA_DIGITS = 3
"""A dimension's count (score × weight) is shown exactly when it needs at most this many digits
more than the scheme's places (86.90 × 35% = 30.415), else to that many, marked ≈."""


class LineKind(StrEnum):
    """What a row of a slip's table is."""

    DIMENSION = "dimension"
    INDICATOR = "indicator"
    TOTAL = "total"  # the weighted total
    ADJUSTMENT = "adjustment"  # a bonus or a deduction
    FINAL = "final"  # the final score


@attrs.frozen
class Line:
    """One row of a slip's table, its cells as printed.

    ``counts`` (折算分) is what the row adds to the score: a dimension's share of the weighted
    total, an adjustment's points, or a total; the column adds up down the page.
    """

    kind: LineKind
    item: str
    value: str = ""
    rule: str = ""
    points: str = ""
    counts: str = ""

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        """The row's cells in the order of :attr:`SlipBook.columns`."""
        return (self.item, self.value, self.rule, self.points, self.counts)


@attrs.frozen
class Slip:
    """One subject's page: who, the result, the table of every point, and what decided the
    rank and band."""

    subject_id: str
    subject: str  # the subject's name
    title: str  # 教师年度考核明细
    who: str  # 姓名：孙桂婷　　编号：T003
    result: str  # 最终得分：88.00分　　名次：第1名（共49名教师）　　等次：优秀
    lines: tuple[Line, ...]
    standing: str  # the rank and the band, with how bands are set
    decisions: tuple[str, ...]  # vetoes and band moves, or that there were none
    notes: tuple[str, ...]  # where the raw values come from, rounding, missing values
    sign: str  # the line the subject signs after checking
    appeals: tuple[str, ...] = ()  # the subject's appeals (申诉): decision, reason, effect


@attrs.frozen
class SlipBook:
    """The slips of one scheme: one page per subject, in the workspace's order of subjects."""

    school: str
    scheme: str  # the scheme's id
    year: str
    lang: Lang
    subtitle: str  # the school and the year, under each slip's title
    columns: tuple[str, ...]
    slips: tuple[Slip, ...]
    sample_note: str = ""

    def each(self) -> tuple[SlipBook, ...]:
        """One book per slip, for a file per subject."""
        return tuple(attrs.evolve(self, slips=(slip,)) for slip in self.slips)

    @property
    def sample_note_head(self) -> tuple[str, str]:
        """The sample-data note as its lead (示例数据), set in bold, and the rest."""
        note = self.sample_note.strip()
        for colon in ("：", ":"):
            head, found, rest = note.partition(colon)
            if found and head and len(head) <= 12:
                return head, found + rest
        return "", note


def build_slips(
    loaded: LoadedWorkspace,
    scheme: Scheme,
    evaluation: Evaluation,
    *,
    lang: Lang = "zh",
    subjects: Iterable[str] | None = None,
    appeals: Mapping[str, Sequence[AppealOutcome]] | None = None,
) -> SlipBook:
    """The slips of ``evaluation`` (of ``scheme`` over ``loaded``): every subject's, in the
    workspace's order (staff list, classes), or only those whose ids ``subjects`` gives.
    ``appeals`` are each subject's appeals with what they changed, listed on its slip."""
    builder = _Builder(loaded, scheme, evaluation, lang, appeals or {})
    if subjects is None:
        order = {s.id: n for n, s in enumerate(loaded.workspace.subjects(scheme.subject))}
        chosen = sorted(
            evaluation.results, key=lambda r: (order.get(r.subject.id, len(order)), r.subject.id)
        )
    else:
        chosen = [evaluation.result(s) for s in subjects]
    columns = tuple(
        label(f"slip.column.{c}", lang) for c in ("item", "value", "rule", "points", "counts")
    )
    return SlipBook(
        school=loaded.workspace.school.name,
        scheme=scheme.id,
        year=scheme.period,
        lang=lang,
        subtitle=label(
            "slip.subtitle", lang, school=loaded.workspace.school.name, year=scheme.period
        ),
        columns=columns,
        slips=tuple(builder.slip(r) for r in chosen),
        sample_note=loaded.workspace.school.sample_note or "",
    )


ITEM_CHARS = 8.0
"""The item column is at most this many characters wide: a longer name wraps, so that the
rule's words keep their line."""
RULE_COLUMN = 2


def column_chars(book: SlipBook) -> list[float]:
    """How many characters wide each column's text is, the same on every page: the numbers and
    the item as wide as they need (the item at most :data:`ITEM_CHARS`); the rule's column,
    which takes the rest of the line, gets 0 here."""
    rows = [book.columns, *(line.cells for slip in book.slips for line in slip.lines)]
    widths = [max(display_width(row[c]) for row in rows) for c in range(len(book.columns))]
    widths[0] = min(widths[0], ITEM_CHARS)
    widths[RULE_COLUMN] = 0.0
    return widths


def exact(value: Decimal, places: int) -> str:
    """``value`` with every digit it has, but at least ``places`` decimals (16.78, 29.365); one
    that needs more than :data:`EXTRA_DIGITS` more is cut there and marked ≈."""
    exponent = value.normalize().as_tuple().exponent
    digits = max(places, -exponent if isinstance(exponent, int) else 0)
    if digits <= places + EXTRA_DIGITS:
        return f"{value.quantize(Decimal(1).scaleb(-digits)):f}"
    return "≈" + f"{value.quantize(Decimal(1).scaleb(-(places + EXTRA_DIGITS))):f}"


def signed_number(value: Decimal, places: int | None = None) -> str:
    """``+1.50`` or ``-2.00``: a bonus or a deduction as the table shows it, with at least
    ``places`` decimals when given."""
    text = f"{value:f}" if places is None else exact(value, places)
    return text if text.startswith(("-", "≈-")) else f"+{text}"


class _Builder:
    """Builds the slips of one evaluation; what every slip shares is worked out once."""

    def __init__(
        self,
        loaded: LoadedWorkspace,
        scheme: Scheme,
        evaluation: Evaluation,
        lang: Lang,
        appeals: Mapping[str, Sequence[AppealOutcome]],
    ) -> None:
        self.loaded = loaded
        self.appeals = appeals
        self.scheme = scheme
        self.evaluation = evaluation
        self.lang = lang
        self.indicators: dict[str, Indicator] = {
            i.id: i for d in scheme.dimensions for i in d.indicators
        }
        self.dimensions = {d.id: d for d in scheme.dimensions}
        self.honours: dict[str, Honour] = {h.id: h for h in loaded.workspace.records.honours}
        self.books = self._books()
        self.decisions = Decisions(Standings.of(scheme, evaluation), lang, self.record_words)
        found = values_files(loaded.root, scheme.id)
        self.values_file = found[0].relative_to(loaded.root).as_posix() if found else None

    def say(self, key: str | Enum, **values: object) -> str:
        return label(key, self.lang, **values)

    def _books(self) -> dict[str, RecordBook]:
        """Each subject's records in the scheme's period, as the engine counts them: the school
        as a subject has the school's own records too."""
        start, end = period_span(self.scheme.period, self.loaded.workspace.calendar)
        owners = [r.subject.id for r in self.evaluation.results]
        books = self.loaded.workspace.records.by_owner(
            self.loaded.kinds, [*owners, SCHOOL_OWNER], start, end
        )
        school = books.pop(SCHOOL_OWNER)
        for result in self.evaluation.results:
            if result.subject.kind is SubjectKind.SCHOOL:
                own = books[result.subject.id].records
                kinds = {*school.records, *own}
                books[result.subject.id] = RecordBook(
                    {k: (*school.kind(k), *own.get(k, ())) for k in kinds}
                )
        return books

    def file_of(self, kind_name: str) -> str:
        """The records file of a kind as the workspace holds it: ``records/honours.csv``."""
        try:
            kind = self.loaded.kind(kind_name)
        except KeyError:
            return kind_name
        return path_of(self.loaded.root, kind).relative_to(self.loaded.root).as_posix()

    def record_words(self, record: Any) -> str:
        """One record in words: its file and id, its date, and what it was."""
        kind = next(
            (k.name for k in self.loaded.kinds if isinstance(record, k.model)),
            type(record).__name__,
        )
        detail = []
        severity = getattr(record, "severity", None)
        if isinstance(severity, Severity):
            detail.append(self.say(severity))
        for field in ("title", "description", "note"):
            text = getattr(record, field, "")
            if isinstance(text, str) and text:
                detail.append(text)
                break
        separator = "，" if self.lang == "zh" else ", "
        return self.say(
            "slip.record",
            file=self.file_of(kind),
            id=getattr(record, "id", ""),
            date=getattr(record, "date", ""),
            detail="".join(separator + d for d in detail),
        )

    # -- one slip ---------------------------------------------------------------------------

    def slip(self, result: SubjectResult) -> Slip:
        subject = result.subject
        records = self.books.get(subject.id, RecordBook())
        lines: list[Line] = []
        scored = [d for d in result.dimensions if d.score is not None]
        total_weight = sum((d.weight for d in scored), Decimal(0))
        counts = Decimal(0)
        appeals = self.appeals.get(subject.id, ())
        corrected = {o.appeal.disputed: o for o in appeals if o.applied}
        for dimension in result.dimensions:
            line, share = self._dimension(result, dimension, total_weight)
            counts += share
            lines.append(line)
            lines.extend(
                self._indicator(item, records, corrected.get(item.id), result)
                for item in dimension.indicators
            )
        lines.append(self._total(result, counts))
        limits = self._limits(result)
        lines.extend(
            self._adjustment(result, a, cut)
            for a, cut in zip(result.adjustments, limits, strict=True)
        )
        lines.append(self._final(result))
        band = result.band if result.band is not None else self.say("slip.no_band")
        rank = self.say(
            "slip.rank",
            rank=rank_text(result.rank),
            subjects=self.decisions.count(len(self.evaluation.results)),
        )
        decisions = [*self.decisions.vetoes(result, records), *self.decisions.moves(result)]
        return Slip(
            subject_id=subject.id,
            subject=subject.name,
            title=self.say("slip.title", scheme=self.scheme.name),
            who=self.say(
                "slip.who",
                who=self.say(f"slip.who.{subject.kind.value}"),
                name=subject.name,
                id=subject.id,
            ),
            result=self.say("slip.result", score=f"{result.score:f}", rank=rank, band=band),
            lines=tuple(lines),
            standing=self._standing(result),
            decisions=tuple(decisions) or (self.say("slip.decisions.none"),),
            notes=self._notes(),
            sign=self.say("slip.sign", who=self.say(f"slip.sign.{subject.kind.value}")),
            appeals=slip_lines(appeals, self.scheme, self.lang),
        )

    def _dimension(
        self, result: SubjectResult, dimension: DimensionScore, total_weight: Decimal
    ) -> tuple[Line, Decimal]:
        """The dimension's row, and what it adds to the weighted total (exactly)."""
        declared = self.dimensions[dimension.id]
        if dimension.score is None:
            rule = self.say("slip.dimension.no_value")
            return Line(LineKind.DIMENSION, dimension.name, rule=rule, points="—"), Decimal(0)
        rule = method_words(declared, self.lang)
        if self.scheme.split is not None:
            rule += split_words(self.scheme.split, dimension.process, dimension.result, self.lang)
        zeroed = [
            v
            for v in result.vetoes
            if VetoEffect.ZERO_DIMENSION in v.effects and v.dimension == dimension.id
        ]
        if zeroed:  # the engine zeroes by the last such veto; each is named here
            names = joined([self.decisions.veto_name(v) for v in zeroed], self.lang)
            rule = self.say("slip.dimension.zeroed", rule=names)
        share = dimension.score * dimension.weight / total_weight
        places = self.scheme.places
        weight = self.say("slip.dimension.weight", weight=percent(dimension.weight / total_weight))
        line = Line(
            LineKind.DIMENSION,
            dimension.name,
            rule=weight + rule,
            points=exact(dimension.score, places),
            counts=exact(share, places),
        )
        return line, share

    def _indicator(
        self,
        item: IndicatorScore,
        records: RecordBook,
        appeal: AppealOutcome | None,
        result: SubjectResult,
    ) -> Line:
        indicator = self.indicators.get(item.id)
        rule = (
            ""
            if indicator is None
            else rule_words(indicator.points, indicator.direction, self.lang)
        )
        rule += self._source(item, indicator, records)
        if indicator is not None:  # 民主测评's groups, a gain's baseline and current value
            rule += rated_words(self.scheme, indicator, records.ballots, self.lang)
            schemes = self.loaded.workspace.schemes
            rule += gain_words(self.scheme, indicator, result, self.lang, schemes)
        if appeal is not None:  # the value is the appeal's correction, not the values file's
            was = "—" if appeal.value_before is None else f"{appeal.value_before:f}"
            rule += self.say("slip.indicator.appealed", id=appeal.appeal.id, value=was)
        if item.status is ValueStatus.DROPPED:
            rule += self.say("slip.indicator.dropped")
        elif item.status is ValueStatus.MISSING:
            rule += self.say("slip.indicator.missing")
        elif item.status is ValueStatus.ZERO:
            rule += self.say("slip.indicator.zero")
        value = "—" if item.value is None else f"{item.value:f}"
        points = "—" if item.points is None else f"{item.points:f}"
        return Line(LineKind.INDICATOR, item.name, value=value, rule=rule, points=points)

    def _source(
        self, item: IndicatorScore, indicator: Indicator | None, records: RecordBook
    ) -> str:
        """Where a value not typed into the values file came from: records, or a plugin."""
        if indicator is not None and indicator.source is not None:
            source = indicator.source
            where = source.where
            matching = [
                str(getattr(r, "id", ""))
                for r in records.kind(source.kind)
                if where is None or where.matches(r)
            ]
            file = self.file_of(source.kind)
            if not matching:
                return self.say("slip.indicator.counted_none", file=file)
            return self.say(
                "slip.indicator.counted", file=file, ids=joined(sorted(matching), self.lang)
            )
        if item.source.startswith("plugin:"):
            plugin, _, note = item.source.removeprefix("plugin:").partition(" (")
            note = note.removesuffix(")")
            return self.say(
                "slip.indicator.plugin",
                plugin=plugin,
                note=self.say("slip.note", note=note) if note else "",
            )
        return ""

    def _total(self, result: SubjectResult, counts: Decimal) -> Line:
        if counts == result.weighted:
            rule = self.say("slip.total.exact")
        else:
            rule = self.say(
                "slip.total.rule",
                sum=exact(counts, self.scheme.places),
                places=self.scheme.places,
                rounding=self.say(self.scheme.rounding),
            )
        return Line(
            LineKind.TOTAL,
            self.say("slip.total"),
            rule=rule,
            counts=f"{result.weighted:f}",
        )

    def _adjustment(
        self, result: SubjectResult, adjustment: Adjustment, limits: Sequence[str]
    ) -> Line:
        applied = adjustment.points if adjustment.applied is None else adjustment.applied
        bonus = self._bonus(adjustment)
        if bonus is not None:
            item = bonus.name
            honour = self.honours.get(adjustment.record or "")
            if honour is not None:
                record = self.say("slip.bonus.honour", title=honour.title, date=honour.date)
                level = self.say(honour.level)
                rank = self.say(honour.rank if isinstance(honour.rank, AwardRank) else "rank.title")
            else:
                record, level, rank = adjustment.record or "", "", ""
            rule = self.say(
                "slip.bonus",
                record=record,
                level=level,
                rank=rank,
                points=number(adjustment.points),
            )
        else:
            kind = "bonus" if adjustment.points >= 0 else "deduction"
            item = self.say(f"slip.adjustment.{kind}")
            rule = self.say(
                "slip.adjustment.plugin",
                reason=adjustment.reason,
                plugin=adjustment.source.removeprefix("plugin:"),
            )
        if applied != adjustment.points:
            if adjustment.points > 0 and result.vetoes:
                rule += self.say("slip.bonus.vetoed")
            elif limits:
                rule += self.say(
                    "slip.bonus.limited", limits=joined(limits, self.lang), applied=f"{applied:f}"
                )
            else:  # only the rounding of a running total moved it
                rule += self.say("slip.bonus.rounded", shown=f"{applied:f}")
        return Line(
            LineKind.ADJUSTMENT,
            item,
            value=adjustment.record or "",
            rule=rule,
            points=signed_number(adjustment.points, self.scheme.places),
            counts=signed_number(applied),
        )

    def _bonus(self, adjustment: Adjustment) -> BonusRule | None:
        """The scheme's bonus rule an adjustment came from; ``None`` for a plugin's."""
        if adjustment.source != "scheme":
            return None
        return next((b for b in self.scheme.bonuses if b.id == adjustment.rule), None)

    def _limits(self, result: SubjectResult) -> list[list[str]]:
        """For each adjustment, the caps that cut it, found as the engine applies them: a
        bonus rule's per-category cap and its own cap, best honours first (the order the
        adjustments are in), then the scheme's cap on all bonuses together."""
        room = self.scheme.bonus_cap
        categories: dict[tuple[str, str], Decimal] = {}  # (rule, category) -> points so far
        totals: dict[str, Decimal] = {}  # rule -> points so far
        found = []
        for adjustment in result.adjustments:
            limits: list[str] = []
            wanted = adjustment.points
            bonus = self._bonus(adjustment)
            if bonus is not None and wanted > 0:
                honour = self.honours.get(adjustment.record or "")
                category = honour.category if honour is not None else ""
                taken = categories.get((bonus.id, category), Decimal(0))
                if bonus.category_cap is not None and wanted > bonus.category_cap - taken:
                    wanted = max(bonus.category_cap - taken, Decimal(0))
                    limits.append(
                        self.say(
                            "slip.limit.category",
                            category=category,
                            cap=number(bonus.category_cap),
                        )
                    )
                total = totals.get(bonus.id, Decimal(0))
                if bonus.cap is not None and wanted > bonus.cap - total:
                    wanted = max(bonus.cap - total, Decimal(0))
                    limits.append(self.say("slip.limit.rule", cap=number(bonus.cap)))
                categories[(bonus.id, category)] = taken + wanted
                totals[bonus.id] = total + wanted
            if wanted > 0 and not result.vetoes:
                granted = min(wanted, max(room, Decimal(0)))
                if granted < wanted:
                    limits.append(self.say("slip.limit.total", cap=number(self.scheme.bonus_cap)))
                room -= granted
            found.append(limits)
        return found

    def _final(self, result: SubjectResult) -> Line:
        adjustments = result.adjustments
        adjusted = sum(
            (a.points if a.applied is None else a.applied for a in adjustments), Decimal(0)
        )
        if not adjustments:
            rule = self.say("slip.final.plain")
        else:
            rule = self.say(
                "slip.final.rule", weighted=f"{result.weighted:f}", adjusted=signed_number(adjusted)
            )
        reached = result.weighted + adjusted
        if reached != result.score:
            rule += self.say(
                "slip.final.clipped",
                sum=f"{reached:f}",
                max=number(self.scheme.max_score),
                score=f"{result.score:f}",
            )
        return Line(LineKind.FINAL, self.say("slip.final"), rule=rule, counts=f"{result.score:f}")

    def _standing(self, result: SubjectResult) -> str:
        """How the rank and band were set: a tie, what breaks ties, and the scheme's bands
        (the rank and band themselves stand at the top of the slip)."""
        said = ""
        tied = sum(1 for r in self.evaluation.results if r.rank == result.rank) - 1
        if tied:
            said += self.say(
                "slip.standing.tie", rank=rank_text(result.rank), others=self.decisions.count(tied)
            )
        breakers = self.scheme.ranking.tie_breakers
        if breakers:
            names = [self.dimensions[b].name for b in breakers if b in self.dimensions]
            said += self.say("slip.standing.breakers", dimensions=joined(names, self.lang))
        if not self.scheme.bands:
            return said + self.say("slip.standing.no_bands")
        bands = band_words(self.scheme, len(self.evaluation.results), self.lang)
        return said + self.say("slip.standing.bands", bands=bands)

    def _notes(self) -> tuple[str, ...]:
        values = (
            self.say("slip.notes.values", file=self.values_file)
            if self.values_file
            else self.say("slip.notes.no_values")
        )
        rounding = self.say(
            "slip.notes.rounding",
            places=self.scheme.places,
            rounding=self.say(self.scheme.rounding),
            missing=self.say(self.scheme.missing),
        )
        return (values + rounding,)
