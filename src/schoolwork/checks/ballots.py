"""Checks of what raters (民主测评) and value-added indicators (增值评价) refer to.

Ballots are checked like any record, by row and column of ``records/ballots.csv``: each names
a scheme, one of its subjects and an indicator it scores by raters, a group that indicator
declares, a score within its scale and a date inside the scheme's period; and a token votes
once for a subject's indicator. A gain's baseline names a scheme and one of its indicators.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from schoolwork.calendar import period_span
from schoolwork.checks.references import Directory
from schoolwork.converter import did_you_mean
from schoolwork.errors import Problem, describe
from schoolwork.records import Ballot
from schoolwork.scheme import Indicator, Scheme
from schoolwork.workspace import LoadedWorkspace, subjects_for

FILE = "ballots"


def check_ballots(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws = loaded.workspace
    ballots: tuple[Ballot, ...] = ws.records.ballots
    if not ballots:
        return
    file = loaded.file(FILE)
    schemes = {source.scheme.id: source.scheme for source in reversed(loaded.schemes)}
    subjects = {s.id: {x.id for x in subjects_for(s.subject, ws)} for s in schemes.values()}
    directory = Directory(ws)
    first: dict[tuple[str, str, str, str], int] = {}

    def problem(index: int, column: str, expected: str, found: str, expected_zh: str) -> Problem:
        where = f"{loaded.row(FILE, index)}, column {column}"
        return Problem(file, where, expected, found, expected_zh=expected_zh)

    for index, ballot in enumerate(ballots):
        scheme = schemes.get(ballot.scheme)
        if scheme is None:
            hint, hint_zh = did_you_mean(ballot.scheme, schemes)
            yield problem(
                index,
                "scheme",
                f"the id of a scheme{hint}",
                describe(ballot.scheme),
                f"考核方案的编号{hint_zh}",
            )
            continue
        if ballot.subject not in subjects[scheme.id]:
            where = f"{loaded.row(FILE, index)}, column subject"
            wanted = (f"a {scheme.subject.value} of scheme {scheme.id}", "本方案的考核对象")
            yield directory.wrong(file, where, ballot.subject, wanted, subjects[scheme.id])
        indicator = _indicator(scheme, ballot.indicator)
        if indicator is None or indicator.raters is None:
            rated = [i.id for d in scheme.dimensions for i in d.indicators if i.raters]
            hint, hint_zh = did_you_mean(ballot.indicator, rated)
            named = ", ".join(rated) or "none"
            yield problem(
                index,
                "indicator",
                f"an indicator of scheme {scheme.id} scored by raters ({named}){hint}",
                describe(ballot.indicator)
                + ("" if indicator is None else ", which declares no raters"),
                f"本方案中由测评人打分的指标（{'、'.join(rated) or '无'}）{hint_zh}",
            )
            continue
        raters = indicator.raters
        if raters.group(ballot.group) is None:
            declared = [g.group.value for g in raters.groups]
            yield problem(
                index,
                "group",
                f"a group the indicator {indicator.id} declares: {', '.join(declared)}",
                repr(ballot.group.value),
                f"指标 {indicator.id} 声明的测评组：{'、'.join(declared)}",
            )
        low, high = raters.scale
        if not low <= ballot.score <= high:
            yield problem(
                index,
                "score",
                f"a score from {low} to {high}",
                str(ballot.score),
                f"{low} 到 {high} 之间的分数",
            )
        start, end = period_span(scheme.period, ws.calendar)
        if not start <= ballot.date <= end:
            yield problem(
                index,
                "date",
                f"a date in the scheme's period {scheme.period} ({start} to {end})",
                ballot.date.isoformat(),
                f"方案学年 {scheme.period} 内的日期（{start} 至 {end}）",
            )
        key = (ballot.token, ballot.scheme, ballot.subject, ballot.indicator)
        if key in first:
            earlier = loaded.row(FILE, first[key])
            yield problem(
                index,
                "token",
                "one ballot per token for a subject's indicator",
                f"{ballot.token!r}, which voted on {ballot.subject} {ballot.indicator} in "
                f"{earlier} too",
                "同一测评人（token）对同一对象的同一指标只投一票",
            )
        first.setdefault(key, index)


def check_baselines(loaded: LoadedWorkspace) -> Iterable[Problem]:
    """Every gain's baseline names a known scheme and one of its indicators."""
    schemes = {source.scheme.id: source.scheme for source in reversed(loaded.schemes)}
    file = loaded.file("schemes")
    index = 0
    for source in loaded.schemes:
        own = source.origin == file
        at = f"schemes[{index}]." if own else ""
        yield from _baselines(source.scheme, schemes, source.origin, at)
        index += own


def _baselines(scheme: Scheme, schemes: dict[str, Scheme], file: str, at: str) -> Iterator[Problem]:
    for d_index, dimension in enumerate(scheme.dimensions):
        for i_index, indicator in enumerate(dimension.indicators):
            gain = indicator.gain
            if gain is None:
                continue
            where = f"{at}dimensions[{d_index}].indicators[{i_index}].gain.baseline"
            base_id, indicator_id = gain.reference
            if not base_id or not indicator_id or base_id == scheme.id:
                continue  # the scheme's own check says what is wrong with its form
            base = schemes.get(base_id)
            if base is None:
                others = [s for s in schemes if s != scheme.id]
                hint, hint_zh = did_you_mean(base_id, others)
                yield Problem(
                    file,
                    where,
                    f"'<scheme id>:<indicator id>' naming a known scheme{hint}",
                    f"{gain.baseline!r}, and no scheme is {base_id!r}",
                    expected_zh=f"'<方案编号>:<指标编号>'，方案须已存在{hint_zh}",
                )
            elif _indicator(base, indicator_id) is None:
                ids = [i.id for d in base.dimensions for i in d.indicators]
                hint, hint_zh = did_you_mean(indicator_id, ids)
                yield Problem(
                    file,
                    where,
                    f"an indicator of scheme {base_id}{hint}",
                    f"{gain.baseline!r}, and {base_id} has no indicator {indicator_id!r}",
                    expected_zh=f"方案 {base_id} 中的指标{hint_zh}",
                )


def _indicator(scheme: Scheme, indicator_id: str) -> Indicator | None:
    for dimension in scheme.dimensions:
        for indicator in dimension.indicators:
            if indicator.id == indicator_id:
                return indicator
    return None
