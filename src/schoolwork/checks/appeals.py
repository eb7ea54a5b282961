"""Checks of appeals (申诉): each names a scheme, one of its subjects and something in it, and
its decision is consistent with its dates and its corrected value.

Every problem names the appeal's row and column in ``records/appeals.csv``. An appeal that
names an unknown scheme is not checked further: its subject and disputed item have nothing to
be checked against; nor is what it disputes in a scheme that declares an indicator id twice
(the scheme's fault, told once, there, as the values files are spared it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from schoolwork.checks.bounds import input_bounds
from schoolwork.converter import did_you_mean
from schoolwork.errors import Problem, describe
from schoolwork.records import Appeal, AppealDecision
from schoolwork.scheme import Indicator, Scheme
from schoolwork.workspace import LoadedWorkspace

STEM = "appeals"
KIND = "appeal"

_At = Callable[[str], str]
"""Where a column of the appeal's row is: ``row 3, column corrected``."""


def check_appeals(loaded: LoadedWorkspace) -> Iterable[Problem]:
    """Every problem of every appeal, by its row and column."""
    appeals: tuple[Appeal, ...] = loaded.workspace.records.kind(KIND)
    if not appeals:
        return
    schemes = {source.scheme.id: source.scheme for source in loaded.schemes}
    record_ids = {
        str(getattr(record, "id", ""))
        for name, found in loaded.workspace.records.records.items()
        if name != KIND
        for record in found
    }
    file = loaded.file(STEM)
    for index, appeal in enumerate(appeals):
        row = loaded.row(STEM, index)
        yield from _appeal(appeal, file, row, loaded, schemes, record_ids)


def _appeal(
    appeal: Appeal,
    file: str,
    row: str,
    loaded: LoadedWorkspace,
    schemes: dict[str, Scheme],
    record_ids: set[str],
) -> Iterator[Problem]:
    def at(column: str) -> str:
        return f"{row}, column {column}"

    yield from _decision(appeal, file, at)
    scheme = schemes.get(appeal.scheme)
    if scheme is None:
        hint, hint_zh = did_you_mean(appeal.scheme, schemes)
        yield Problem(
            file,
            at("scheme"),
            "the id of a scheme (of schemes.toml or a plugin)" + hint,
            f"{describe(appeal.scheme)}, which no scheme has",
            expected_zh="考核方案（schemes.toml 或插件中）的编号" + hint_zh,
        )
        return
    subjects = [s.id for s in loaded.workspace.subjects(scheme.subject)]
    if appeal.subject not in subjects:
        kind = scheme.subject.value
        hint, hint_zh = did_you_mean(appeal.subject, subjects)
        yield Problem(
            file,
            at("subject"),
            f"the id of a {kind} that scheme {scheme.id} evaluates{hint}",
            f"{describe(appeal.subject)}, which it does not evaluate",
            expected_zh=f"方案 {scheme.id} 所考核对象（{kind}）的编号{hint_zh}",
        )
    ids = [i.id for d in scheme.dimensions for i in d.indicators]
    if len(set(ids)) < len(ids):
        return  # the scheme's fault, told there: no indicator id names one indicator
    indicators = {i.id: i for d in scheme.dimensions for i in d.indicators}
    rules = {r.id for r in scheme.bonuses} | {r.id for r in scheme.vetoes}
    bands = {b.name for b in scheme.bands}
    disputed = appeal.disputed
    if disputed not in indicators and disputed not in rules | bands | record_ids:
        hint, hint_zh = did_you_mean(disputed, [*indicators, *rules, *bands])
        yield Problem(
            file,
            at("disputed"),
            f"an indicator, a bonus or veto rule or a band of scheme {scheme.id}, "
            f"or the id of a record{hint}",
            f"{describe(disputed)}, which none has",
            expected_zh=(
                f"方案 {scheme.id} 的指标、加分或否决规则、等次，或某条记录的编号{hint_zh}"
            ),
        )
        return
    yield from _correction(appeal, file, at, indicators.get(disputed))


def _decision(appeal: Appeal, file: str, at: _At) -> Iterator[Problem]:
    if appeal.decided is None:
        return
    if appeal.decision is AppealDecision.PENDING:
        yield Problem(
            file,
            at("decided"),
            "no date of decision while the appeal is pending (or a decision: upheld, rejected)",
            str(appeal.decided),
            expected_zh="待处理的申诉不填处理日期（或填写处理结果：成立、不成立）",
        )
    elif appeal.decided < appeal.date:
        yield Problem(
            file,
            at("decided"),
            f"a date of decision on or after the appeal's date ({appeal.date})",
            str(appeal.decided),
            expected_zh=f"不早于申诉日期（{appeal.date}）的处理日期",
        )


def _correction(
    appeal: Appeal, file: str, at: _At, indicator: Indicator | None
) -> Iterator[Problem]:
    corrected = appeal.corrected
    if indicator is None:
        if corrected is not None:
            yield Problem(
                file,
                at("corrected"),
                "no corrected value: only an indicator's value is corrected; a rule or a "
                "record is put right where it is kept",
                str(corrected),
                expected_zh="不填更正值：只有指标的原始值可更正，规则或记录应在原处改正",
            )
        return
    if indicator.source is not None:
        if corrected is not None:
            kind = indicator.source.kind
            yield Problem(
                file,
                at("corrected"),
                f"no corrected value: {indicator.id} is counted from {kind} records; "
                "dispute the record and put it right instead",
                str(corrected),
                expected_zh=(
                    f"不填更正值：{indicator.id} 由{kind}记录统计得出，应对记录申诉并改正记录"
                ),
            )
        return
    if corrected is None:
        if appeal.decision is AppealDecision.UPHELD:
            yield Problem(
                file,
                at("corrected"),
                f"the corrected value of {indicator.id}, since the appeal is upheld",
                "nothing",
                expected_zh=f"申诉成立时 {indicator.id} 的更正值",
            )
        return
    low, high = input_bounds(indicator)
    if not low <= corrected <= high:
        yield Problem(
            file,
            at("corrected"),
            f"a value of {indicator.id} from {low:f} to {high:f}",
            str(corrected),
            expected_zh=f"{indicator.id} 的取值，{low:f}～{high:f}",
        )
