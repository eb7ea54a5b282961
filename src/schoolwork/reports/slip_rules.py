"""A scheme's rules in the words a teacher reads on a score slip (考核明细).

``linear 60→0, 100→100`` is what the engine's explanation prints; a slip says
线性计分：60及以下得0分，100及以上得满分，之间按比例. Each function reads the scheme's own models
(a points rule, an aggregation, the split of process and result), never the engine's English.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from schoolwork.labels import Lang, label
from schoolwork.reports.notes import number, percent
from schoolwork.scheme import (
    HUNDRED,
    Aggregate,
    Dimension,
    Direction,
    Method,
    Part,
    PointsRule,
    RuleKind,
    Split,
)


def joined(items: Sequence[str], lang: Lang) -> str:
    """Items of a list as a sentence writes them: 、 in Chinese, commas in English."""
    return ("、" if lang == "zh" else ", ").join(items)


def rule_words(rule: PointsRule, direction: Direction, lang: Lang) -> str:
    """How ``rule`` turns a raw value into 0 to 100 points, in a sentence."""
    lower = direction is Direction.LOWER
    suffix = "_lower" if lower else ""
    cap = number(HUNDRED if rule.cap is None else rule.cap)
    if rule.rule is RuleKind.LINEAR:
        floor, ceiling = number(_need(rule.floor)), number(_need(rule.ceiling))
        return label(f"slip.rule.linear{suffix}", lang, floor=floor, ceiling=ceiling)
    if rule.rule is RuleKind.THRESHOLDS:
        # The best step first; a step worth 0 points says nothing the "else 0" does not.
        steps = sorted((s for s in rule.steps if s.points > 0), key=lambda s: -s.points)
        words = [
            label(f"slip.rule.step{suffix}", lang, at=number(s.at), points=number(s.points))
            for s in steps
        ]
        separator = "，" if lang == "zh" else ", "
        return label(f"slip.rule.thresholds{suffix}", lang, steps=separator.join(words))
    if rule.rule is RuleKind.COUNT:
        return label(f"slip.rule.count{suffix}", lang, each=number(_need(rule.each)), cap=cap)
    return label(f"slip.rule.ratio{suffix}", lang, target=number(_need(rule.target)), cap=cap)


def method_words(dimension: Dimension, lang: Lang) -> str:
    """How a dimension combines its items' points: 各项平均，去掉最低的1项."""
    rule: Aggregate = dimension.aggregate
    method = rule.method
    if method is Method.WEIGHTED_MEAN:
        weights = Counter(i.weight for i in dimension.indicators)
        if len(weights) > 1:
            # The usual weight is said once ("the rest × 1"), the others by name.
            usual = weights.most_common(1)[0][0]
            each = [
                label("slip.method.indicator_weight", lang, name=i.name, weight=number(i.weight))
                for i in dimension.indicators
                if i.weight != usual
            ]
            each.append(label("slip.method.other_weights", lang, weight=number(usual)))
            text = label("slip.method.weighted_mean", lang, weights=joined(each, lang))
        else:  # equal weights: a plain mean, said as one
            text = label("slip.method.mean", lang)
    elif method is Method.SUM:
        text = label("slip.method.sum", lang, cap=number(HUNDRED if rule.cap is None else rule.cap))
    else:
        text = label(f"slip.method.{method.value}", lang)
    if rule.drop_lowest:
        text += label("slip.method.drop", lang, n=rule.drop_lowest)
    if rule.keep_highest is not None:
        text += label("slip.method.keep", lang, n=rule.keep_highest)
    return text


def split_words(split: Split, process: Decimal | None, result: Decimal | None, lang: Lang) -> str:
    """How a split dimension's score is made of its process and result parts."""
    if process is None and result is None:
        return ""
    if process is None or result is None:
        part = Part.PROCESS if result is None else Part.RESULT
        return label("slip.method.one_part", lang, part=label(part, lang))
    total = split.process + split.result
    return label(
        "slip.method.split",
        lang,
        process=f"{process:f}",
        result=f"{result:f}",
        process_share=percent(split.process / total),
        result_share=percent(split.result / total),
    )


def _need(value: Decimal | None) -> Decimal:
    if value is None:  # scheme checks make this unreachable for any scheme that was evaluated
        raise ValueError("the points rule lacks a field it needs; run the scheme checks")
    return value
