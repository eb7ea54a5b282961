"""Every label a person reads, in Chinese (the default) and English, kept in one place.

``label(Level.COUNTY)`` gives 县级; ``label(Level.COUNTY, "en")`` gives County. Keys are enum
members or dotted names (``report.honours``). A label missing here is a test failure, never a
silent fallback.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# key → (zh, en)
_LABELS: dict[str, tuple[str, str]] = {
    # levels
    "Level.national": ("国家级", "National"),
    "Level.province": ("省级", "Provincial"),
    "Level.city": ("市级", "City"),
    "Level.county": ("县级", "County"),
    "Level.school": ("校级", "School"),
    # award ranks
    "AwardRank.special": ("特等奖", "Special prize"),
    "AwardRank.first": ("一等奖", "First prize"),
    "AwardRank.second": ("二等奖", "Second prize"),
    "AwardRank.third": ("三等奖", "Third prize"),
    "AwardRank.excellent": ("优秀奖", "Merit award"),
    "rank.title": ("荣誉称号", "Title"),
    "rank.placed": ("名次", "Placing"),
    # recipients
    "RecipientKind.school": ("学校", "School"),
    "RecipientKind.person": ("教师", "Staff"),
    "RecipientKind.student": ("学生", "Student"),
    "RecipientKind.class": ("班级", "Class"),
    "RecipientKind.group": ("团队", "Group"),
    # where a record comes from
    "Provenance.seed": ("原文", "Stated"),
    "Provenance.inferred": ("推断", "Inferred"),
    "Provenance.invented": ("虚构", "Invented"),
    # severities
    "Severity.minor": ("轻微", "Minor"),
    "Severity.moderate": ("一般", "Moderate"),
    "Severity.serious": ("较重", "Serious"),
    "Severity.severe": ("严重", "Severe"),
    # rater groups (民主测评) and how their ballots combine
    "RaterGroup.self": ("自评", "Self"),
    "RaterGroup.peers": ("同事", "Peers"),
    "RaterGroup.students": ("学生", "Students"),
    "RaterGroup.parents": ("家长", "Parents"),
    "RaterGroup.leaders": ("领导", "Leaders"),
    "Combine.mean": ("平均", "mean"),
    "Combine.median": ("中位数", "median"),
    "Combine.trimmed_mean": ("去掉最高分和最低分后平均", "trimmed mean"),
    "AbsentGroup.renormalise": (
        "票数不足的组不计，其余组按权重比例折算",
        "a group with too few ballots is left out, the others' weights scaled up",
    ),
    "AbsentGroup.missing": (
        "任一组票数不足则本项无数值",
        "any group with too few ballots leaves the value missing",
    ),
    "GainKind.absolute": ("增值（本期减基线）", "gain (current − baseline)"),
    "GainKind.relative": ("增幅%（相对基线）", "gain in % of the baseline"),
    "MissingBaseline.exclude": ("无基线则本项无数值", "no baseline: the value is missing"),
    "MissingBaseline.zero": ("无基线则增值计0", "no baseline: the gain counts as 0"),
    # how an appeal (申诉) was decided
    "AppealDecision.pending": ("待处理", "Pending"),
    "AppealDecision.upheld": ("成立", "Upheld"),
    "AppealDecision.rejected": ("不成立", "Rejected"),
    # units and posts
    "UnitKind.office": ("处室", "Office"),
    "UnitKind.grade": ("级部", "Grade"),
    "UnitKind.class": ("班级", "Class"),
    "UnitKind.research_group": ("教研组", "Teaching-research group"),
    "UnitKind.prep_group": ("备课组", "Lesson-preparation group"),
    "RoleKind.principal": ("校长", "Principal"),
    "RoleKind.party_secretary": ("书记", "Party secretary"),
    "RoleKind.vice_principal": ("分管校长", "Vice principal"),
    "RoleKind.office_director": ("处室主任", "Office director"),
    "RoleKind.grade_director": ("级部主任", "Grade director"),
    "RoleKind.head_teacher": ("班主任", "Head teacher"),
    "RoleKind.group_leader": ("组长", "Group leader"),
    "RoleKind.teacher": ("教师", "Teacher"),
    "RoleKind.staff": ("职工", "Staff"),
    "Tier.new": ("新教师", "New teacher"),
    "Tier.young": ("青年教师", "Young teacher"),
    "Tier.teaching_expert": ("教学能手", "Teaching expert"),
    "Tier.backbone": ("骨干教师", "Backbone teacher"),
    "Tier.subject_leader": ("学科带头人", "Subject leader"),
    "Tier.master": ("名师", "Master teacher"),
    # the three parts of an annual summary
    "PartKind.highlights": ("重点工作开展情况及特色亮点", "Key work and highlights"),
    "PartKind.problems": ("存在问题", "Problems"),
    "PartKind.next_steps": ("下一步打算", "Next steps"),
    # report titles and words
    "report.title": ("{year}学年工作总结", "Annual work summary {year}"),
    "report.contents": ("目录", "Contents"),
    "report.overview": ("学校概况", "The school"),
    "report.summary": ("总体情况", "Summary"),
    "report.honours": ("荣誉与奖项", "Honours and awards"),
    "report.honours_by_level": ("按级别与奖次统计", "By level and prize"),
    "report.honours_by_category": ("按类别与获奖对象统计", "By category and recipient"),
    "report.activities": ("活动开展情况", "Activities"),
    "report.activities_by_month": ("按类型与月份统计", "By type and month"),
    "report.activities_by_semester": ("按类型与学期统计", "By type and semester"),
    "report.month": ("{month}月", "Month {month}"),
    "report.in_vacation": ("假期", "Vacation"),
    "report.evaluation": ("考核结果", "Evaluation results"),
    "report.bands": ("等次分布", "Bands"),
    "report.distribution": ("分数分布", "Score distribution"),
    "report.generated_by": ("由 schoolwork 生成", "Generated by schoolwork"),
    "report.none": ("本年度无记录。", "No records this year."),
    "report.goals": ("目标达成情况", "Goals"),
    "report.duties": ("网格覆盖与项目状态", "Grid coverage and project states"),
    "report.grids": ("网格覆盖", "Grid coverage"),
    "report.projects": ("项目状态", "Project states"),
    "report.closed_loop": (
        "已认领项目{claimed}个，其中{closed}个形成工作闭环。",
        "{closed} of {claimed} claimed projects have closed the loop.",
    ),
    "column.goal": ("目标", "Goal"),
    "column.owner": ("责任单位", "Owner"),
    "column.achieved": ("达成度", "Achieved"),
    "column.status": ("状态", "Status"),
    "column.grid": ("网格", "Grid"),
    "column.cells": ("职责格", "Cells"),
    "column.owned": ("已落实到人", "Owned"),
    "column.double": ("多人负责", "Double owners"),
    "column.state": ("状态", "State"),
    "GoalStatus.on_track": ("进度正常", "On track"),
    "GoalStatus.at_risk": ("有风险", "At risk"),
    "GoalStatus.off_track": ("滞后", "Off track"),
    "GoalStatus.no_data": ("暂无数据", "No data"),
    "ProjectState.unclaimed": ("待认领", "Unclaimed"),
    "ProjectState.claimed": ("已认领", "Claimed"),
    "ProjectState.planned": ("已制定方案", "Planned"),
    "ProjectState.in_progress": ("实施中", "In progress"),
    "ProjectState.closed": ("已闭环", "Closed"),
    "column.level": ("级别", "Level"),
    "column.rank": ("奖次", "Prize"),
    "column.total": ("合计", "Total"),
    "column.category": ("类别", "Category"),
    "column.recipient": ("获奖对象", "Recipient"),
    "sheet.none": ("本学年无考核方案", "No scheme for this year"),
    "column.count": ("数量", "Count"),
    "column.type": ("类型", "Type"),
    "column.month": ("月份", "Month"),
    "column.band": ("等次", "Band"),
    "column.share": ("占比", "Share"),
    "column.range": ("分数段", "Range"),
    "column.name": ("姓名/名称", "Name"),
    "column.name.teacher": ("姓名", "Name"),
    "column.name.class": ("班级", "Class"),
    "column.score": ("得分", "Score"),
    "column.position": ("名次", "Rank"),
    "column.subject": ("对象", "Subject"),
    "column.scheme": ("考核方案", "Scheme"),
    "column.item": ("项目", "Item"),
    "column.value": ("数值", "Value"),
    "overview.units": ("内设机构", "Units"),
    "overview.people": ("在岗教职工", "Staff in post"),
    "overview.classes": ("教学班", "Classes"),
    # -- score slips (考核明细): one page per subject with every point, see reports/slips.py --
    "slip.title": ("{scheme}明细", "{scheme}: score slip"),
    "slip.subtitle": ("{school}　{year}学年", "{school}, {year}"),
    "slip.who.teacher": ("姓名", "Name"),
    "slip.who.class": ("班级", "Class"),
    "slip.who.grade": ("级部", "Grade"),
    "slip.who.office": ("处室", "Office"),
    "slip.who.school": ("学校", "School"),
    "slip.who": ("{who}：{name}　　编号：{id}", "{who}: {name}    Id: {id}"),
    "slip.result": (
        "最终得分：{score}分　　名次：{rank}　　等次：{band}",
        "Final score: {score}    Rank: {rank}    Band: {band}",
    ),
    "slip.rank": ("第{rank}名（共{subjects}）", "{rank} of {subjects}"),
    "slip.dimension.weight": ("权重{weight}；", "weight {weight}; "),
    "slip.no_band": ("无", "none"),
    "slip.column.item": ("项目", "Item"),
    "slip.column.value": ("原始值", "Value"),
    "slip.column.rule": ("计分规则", "Rule"),
    "slip.column.points": ("得分", "Points"),
    "slip.column.counts": ("折算分", "Counts"),
    "slip.rule.linear": (
        "线性计分：{floor}及以下得0分，{ceiling}及以上得满分，之间按比例",
        "linear: ≤{floor} gives 0, ≥{ceiling} gives 100, pro rata between",
    ),
    "slip.rule.linear_lower": (
        "线性计分（越少越好）：{floor}及以下得满分，{ceiling}及以上得0分，之间按比例",
        "linear, less is better: ≤{floor} gives 100, ≥{ceiling} gives 0, pro rata between",
    ),
    "slip.rule.thresholds": ("分档计分：{steps}，其余得0分", "steps: {steps}, else 0"),
    "slip.rule.thresholds_lower": (
        "分档计分（越少越好）：{steps}，其余得0分",
        "steps, less is better: {steps}, else 0",
    ),
    "slip.rule.step": ("达到{at}得{points}分", "{points} from {at}"),
    "slip.rule.step_lower": ("不超过{at}得{points}分", "{points} at most {at}"),
    "slip.rule.count": (
        "计数计分：每1个（次）得{each}分，最高{cap}分",
        "count: {each} for each one, at most {cap}",
    ),
    "slip.rule.count_lower": (
        "扣分计分：从{cap}分扣起，每1个（次）扣{each}分，扣完为止",
        "deductions: {each} off {cap} for each one, down to 0",
    ),
    "slip.rule.ratio": (
        "对照目标计分：数值÷{target}×100，最高{cap}分",
        "ratio to target: value ÷ {target} × 100, at most {cap}",
    ),
    "slip.rule.ratio_lower": (
        "对照目标计分（越少越好）：{target}÷数值×100，最高{cap}分，数值为0得{cap}分",
        "ratio to target, less is better: {target} ÷ value × 100, at most {cap}; {cap} at 0",
    ),
    "slip.method.weighted_mean": ("各项按权重平均（{weights}）", "weighted mean ({weights})"),
    "slip.method.indicator_weight": ("{name}×{weight}", "{name} × {weight}"),
    "slip.method.other_weights": ("其余×{weight}", "the rest × {weight}"),
    "slip.method.mean": ("各项平均", "mean of the items"),
    "slip.method.median": ("取各项的中位数", "median of the items"),
    "slip.method.lowest": ("取各项中的最低分", "lowest of the items"),
    "slip.method.highest": ("取各项中的最高分", "highest of the items"),
    "slip.method.mode": (
        "取各项中出现最多的分值（并列时取最高）",
        "the most frequent points of the items (the highest, when several are)",
    ),
    "slip.method.sum": ("各项相加，最高{cap}分", "sum of the items, at most {cap}"),
    "slip.method.drop": ("，去掉最低的{n}项", ", the lowest {n} dropped"),
    "slip.method.keep": ("，只计最高的{n}项", ", only the highest {n} counted"),
    "slip.method.split": (
        "；过程{process}×{process_share}＋结果{result}×{result_share}",
        "; process {process} × {process_share} + result {result} × {result_share}",
    ),
    "slip.method.one_part": (
        "；只有{part}性指标，按其计",
        "; only {part} items, which count alone",
    ),
    "Part.process": ("过程", "process"),
    "Part.result": ("结果", "result"),
    "slip.dimension.zeroed": (
        "因一票否决“{rule}”，本维度计0分",
        "0 by the veto “{rule}”",
    ),
    "slip.dimension.no_value": (
        "本维度无数值，不计入加权合计，其余维度按权重比例计",
        "no value: left out, the other dimensions share its weight",
    ),
    "slip.indicator.dropped": ("；本项按规则去掉，不计入", "; dropped by the rule, not counted"),
    "slip.indicator.missing": ("；无数值，不计入", "; no value, left out"),
    "slip.indicator.zero": ("；无数值，计0分", "; no value, counted as 0"),
    "slip.indicator.counted": ("；数值由 {file} 统计：{ids}", "; counted in {file}: {ids}"),
    "slip.indicator.counted_none": (
        "；数值由 {file} 统计：无相关记录",
        "; counted in {file}: no record",
    ),
    "slip.indicator.plugin": (
        "；数值由插件 {plugin} 提供{note}",
        "; value from plugin {plugin}{note}",
    ),
    "slip.note": ("（{note}）", " ({note})"),
    "slip.indicator.appealed": (
        "；按申诉 {id} 更正，原为 {value}",
        "; corrected by appeal {id}, was {value}",
    ),
    "slip.total": ("加权合计", "Weighted total"),
    "slip.total.rule": (
        "各维度折算分相加得{sum}，保留{places}位小数（{rounding}）",
        "the counts add up to {sum}, shown to {places} places ({rounding})",
    ),
    "slip.total.exact": ("各维度折算分相加", "the counts added up"),
    "slip.bonus": ("{record}，{level}{rank}，计{points}分", "{record}: {level}, {rank}, {points}"),
    "slip.bonus.honour": ("《{title}》（{date}）", "“{title}” ({date})"),
    "slip.bonus.limited": (
        "；受{limits}所限，实加{applied}分",
        "; {applied} given: {limits}",
    ),
    "slip.bonus.vetoed": (
        "；因一票否决，加分不计",
        "; none given: a veto removes every bonus",
    ),
    "slip.bonus.rounded": (
        "；为使各项与合计的四舍五入一致，记为{shown}",
        "; shown as {shown} so the items add up to their rounded total",
    ),
    "slip.limit.category": ("“{category}”类不超过{cap}分", "at most {cap} for “{category}”"),
    "slip.limit.rule": ("本项规则合计不超过{cap}分", "at most {cap} under this rule"),
    "slip.limit.total": ("加分合计不超过{cap}分", "at most {cap} of bonuses in all"),
    "slip.adjustment.bonus": ("加分", "Bonus"),
    "slip.adjustment.deduction": ("扣分", "Deduction"),
    "slip.adjustment.plugin": ("{reason}（插件 {plugin}）", "{reason} (plugin {plugin})"),
    "slip.final": ("最终得分", "Final score"),
    "slip.final.plain": ("即加权合计", "the weighted total"),
    "slip.final.rule": (
        "加权合计{weighted}，加减分{adjusted}",
        "weighted total {weighted}, adjustments {adjusted}",
    ),
    "slip.final.clipped": (
        "，合计{sum}超出0至{max}分的范围，按{score}分计",
        "; {sum} lies outside 0 to {max}, so {score}",
    ),
    "slip.standing.tie": (
        "与另外{others}并列第{rank}名。",
        "Tied at rank {rank} with {others} more. ",
    ),
    "slip.standing.breakers": (
        "得分相同时依次比较{dimensions}的得分。",
        "Equal scores are ordered by {dimensions}. ",
    ),
    "slip.standing.bands": ("等次：{bands}。", "Bands: {bands}."),
    "slip.standing.no_bands": ("本方案不评定等次。", "The scheme has no bands."),
    "slip.decisions.none": (
        "一票否决与等次调整：无，等次按得分确定。",
        "Vetoes and band changes: none; the band follows the score.",
    ),
    "slip.veto": (
        "一票否决：触发“{rule}”（依据：{records}），{effects}。",
        "Veto: “{rule}” ({records}): {effects}.",
    ),
    "slip.veto.plugin": (
        "一票否决：插件 {plugin} 认定“{reason}”{records}，{effects}。",
        "Veto by plugin {plugin}: “{reason}”{records}: {effects}.",
    ),
    "slip.veto.plugin_record": ("（依据：{records}）", " ({records})"),
    "slip.record": ("{file} {id}（{date}{detail}）", "{file} {id} ({date}{detail})"),
    "slip.move.force": (
        "因一票否决“{rule}”，定为“{to}”（按得分为“{natural}”）{over}。",
        "The veto “{rule}” puts this in “{to}” (the score reaches “{natural}”){over}.",
    ),
    "slip.move.force_same": (
        "因一票否决“{rule}”，定为“{to}”{over}。",
        "The veto “{rule}” puts this in “{to}”{over}.",
    ),
    "slip.move.force_over": (
        "；另有{others}，取其中最低的等次",
        "; the lowest band wins over {others}",
    ),
    "slip.move.force_other": ("“{rule}”（定为“{band}”）", "“{rule}” (“{band}”)"),
    "slip.move.cancel": (
        "因一票否决“{rule}”不得评为“{top}”，由“{natural}”调整为“{to}”。",
        "The veto “{rule}” cancels “{top}”: moved from “{natural}” to “{to}”.",
    ),
    "slip.move.void": (
        "“{rule}”要求定为“{band}”，因“{cancel}”不得评为“{band}”，不予执行。",
        "“{rule}” would put this in “{band}”; void, since “{cancel}” cancels “{band}”.",
    ),
    "slip.move.quota": (
        "名额限制：“{band}”名额不超过参评对象的{share}（共{subjects}，至多{places}{measure}，"
        "{rounding}）{forced}，本人排名第{rank}{tie}，超出名额，调整为“{to}”。",
        "Quota: “{band}” takes at most {share} of those evaluated ({places} of {subjects}, "
        "{rounding}){forced}; ranked {rank}{tie}, this falls outside it, into “{to}”.",
    ),
    "slip.move.quota_forced": (
        "，其中{taken}个名额由一票否决定入该等次者优先占用",
        ", {taken} of them taken first by those a veto put there",
    ),
    "slip.move.quota_forced_self": (
        "，一票否决定入该等次者按名次先占名额",
        ", those a veto put there taking the places first, in rank order",
    ),
    "slip.move.quota_tie": (
        "，与另外{others}同分并列，名额容不下全部并列者",
        ", tied with {others} more, and the places cannot hold the whole tie",
    ),
    "slip.move.quota_ordinal": (
        "，与另外{others}同分，按编号先后排序",
        ", tied with {others} more and ordered by id",
    ),
    "slip.move.kept": (
        "名额限制：“{band}”最后的名额处与另外{others}同分，按编号先后排序，本人在名额之内。",
        "Quota: at the last place of “{band}” tied with {others} more, ordered by id; this one "
        "is inside the quota.",
    ),
    "slip.move.plugin": (
        "按学校规则（插件 {plugin}）由“{natural}”调整为“{to}”。",
        "Moved from “{natural}” to “{to}” by the school's rule (plugin {plugin}).",
    ),
    "slip.notes.values": ("原始值见 {file}；", "Raw values come from {file}. "),
    "slip.notes.no_values": ("本方案没有原始值文件；", "The scheme has no values file. "),
    "slip.notes.rounding": (
        "得分保留{places}位小数，{rounding}；{missing}。",
        "Every score is shown to {places} places, {rounding}; {missing}.",
    ),
    "Rounding.half_up": ("四舍五入", "rounded half up"),
    "Rounding.half_even": ("四舍六入五成双", "rounded half to even"),
    "Rounding.down": ("舍去多余位数", "truncated"),
    "Rounding.floor": ("向下舍入", "rounded down"),
    "Rounding.ceiling": ("向上舍入", "rounded up"),
    "Missing.exclude": ("缺少的数值不计入", "a missing value is left out"),
    "Missing.zero": ("缺少的数值计0分", "a missing value counts as 0"),
    "slip.sign.teacher": ("本人核对签字：", "Checked by the teacher:"),
    "slip.sign.class": ("班主任核对签字：", "Checked by the head teacher:"),
    "slip.sign.grade": ("级部主任核对签字：", "Checked by the grade director:"),
    "slip.sign.office": ("处室主任核对签字：", "Checked by the office director:"),
    "slip.sign.school": ("校长核对签字：", "Checked by the principal:"),
    "slip.sign": (
        "{who}＿＿＿＿＿＿＿＿　　日期：\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日",
        "{who} ________________    Date: ____________",
    ),
    # -- the summary's content: editions, year-end outcomes, notes, drafted parts 二 and 三 --
    "Edition.both": ("两版通用", "Both editions"),
    "Edition.internal": ("校内公示版", "Internal edition"),
    "Edition.bureau": ("上报版", "Bureau edition"),
    "report.title_internal": (
        "{year}学年工作总结（校内公示版）",
        "Annual work summary {year} (internal edition)",
    ),
    "report.ranking": ("考核结果公示", "Results in full"),
    "report.ranking.veto": ("{rule}（记录 {record}）", "{rule} (record {record})"),
    "report.ranking.plugin_veto": ("{reason}（插件 {plugin}）", "{reason} (plugin {plugin})"),
    "report.aggregate": (
        "参评{subjects}，平均分{mean}，最高分{high}，最低分{low}。",
        "{subjects} evaluated: mean {mean}, highest {high}, lowest {low}.",
    ),
    "report.plan_year": (
        "本学年是{plan}的第{n}年，年度主题为“{theme}”{aim}。",
        "This is year {n} of {plan}, themed “{theme}”{aim}.",
    ),
    "report.plan_aim": ("，目标是{aim}", "; the aim: {aim}"),
    "report.judged_on": ("以上为截至{day}的情况。", "As of {day}."),
    "report.one_post_two_duties_done": (
        "一岗双责：各岗位负责人均承担安全网格职责。",
        "One post, two duties: every post holder carries a safety duty.",
    ),
    "column.outcome": ("完成情况", "Outcome"),
    "column.adjustments": ("加减分", "Adjustments"),
    "column.note": ("备注", "Note"),
    "Outcome.done": ("完成", "Reached"),
    "Outcome.mostly": ("基本完成", "Mostly reached"),
    "Outcome.not_done": ("未完成", "Not reached"),
    "Outcome.no_data": ("暂无数据", "No data"),
    "count.teacher": ("{count}名教师", "{count} teachers"),
    "count.class": ("{count}个班级", "{count} classes"),
    "count.grade": ("{count}个级部", "{count} grades"),
    "count.office": ("{count}个处室", "{count} offices"),
    "count.school": ("{count}所学校", "{count} schools"),
    "count.teacher.one": ("{count}名教师", "{count} teacher"),
    "count.class.one": ("{count}个班级", "{count} class"),
    "count.grade.one": ("{count}个级部", "{count} grade"),
    "count.office.one": ("{count}个处室", "{count} office"),
    "count.school.one": ("{count}所学校", "{count} school"),
    "QuotaRounding.floor": ("不足一个的部分不计", "rounded down"),
    "QuotaRounding.half_up": ("四舍五入", "rounded half up"),
    "QuotaRounding.ceiling": ("不足一个的按一个计", "rounded up"),
    "VetoEffect.cancel_excellence": ("不得评为“{top}”", "never “{top}”"),
    "VetoEffect.cancel_awards": ("取消评优资格、不计加分", "no awards and no bonus points"),
    "VetoEffect.force_band": ("定为“{band}”", "put in “{band}”"),
    "VetoEffect.zero_dimension": ("“{dimension}”计0分", "“{dimension}” scores 0"),
    "note.scheme.lead": ("**考核方案说明**：", "**The scheme.** "),
    "note.scheme.dimension": ("{name}{share}", "{name} {share}"),
    "note.scheme.dimensions": (
        "{scheme}设{count}个维度，按权重计入总分：{dimensions}。",
        "{scheme} weighs {count} dimensions into the total: {dimensions}.",
    ),
    "note.scheme.split": (
        "每个维度内，过程性评价占{process}，结果性评价占{result}。",
        "Inside each dimension the process counts {process} and the result {result}.",
    ),
    "note.scheme.bonus": (
        "{names}合计不超过{cap}分。",
        "Bonus points ({names}) add at most {cap}.",
    ),
    "note.scheme.bands": ("等次：{bands}。", "Bands: {bands}."),
    "note.scheme.band": ("{min}分及以上为“{name}”", "“{name}” from {min}"),
    "note.scheme.band_rest": ("其余为“{name}”", "“{name}” below that"),
    "note.scheme.quota": (
        "，名额不超过参评对象的{share}（本次参评{subjects}，至多{places}{measure}，{rounding}）",
        ", at most {share} of those evaluated ({places} of {subjects}, {rounding})",
    ),
    "measure.teacher": ("人", ""),
    "measure.class": ("个", ""),
    "measure.grade": ("个", ""),
    "measure.office": ("个", ""),
    "measure.school": ("所", ""),
    "note.scheme.vetoes": ("一票否决：{vetoes}。", "Vetoes: {vetoes}."),
    "note.scheme.veto": ("“{name}”{effects}", "“{name}”: {effects}"),
    "note.achieved.lead": ("**达成度说明**：", "**Achievement.** "),
    "note.achieved": (
        "达成度是目标的完成程度。每项指标以实际值对照目标值计算（从基线算起；越少越好的指标反向计算；"
        "区间型指标在区间内计满；完成型指标完成即计满），一个目标的达成度是其各项指标与下级目标"
        "（下级目标之间按权重）的平均数。",
        "Achievement is how far a goal has come. Each indicator compares its value with its "
        "target (from its baseline; reversed where less is better; full inside a band; full "
        "once done), and a goal averages its indicators and its sub-goals (the sub-goals "
        "weighted among themselves).",
    ),
    "note.achieved_cap": (
        "超额完成的部分最多计至{cap}。",
        "Over-achievement counts up to {cap}.",
    ),
    "note.outcomes": (
        "学年结束时，达成度100%及以上为“完成”，{mostly}至100%为“基本完成”，{mostly}以下为“未完成”。",
        "At the year's end a goal at 100% or more is reached, from {mostly} mostly reached, "
        "below {mostly} not reached.",
    ),
    "note.pace": (
        "学年进行中，达成度对照时间进度（已过时间的比例）：不低于时间进度为“进度正常”，"
        "低于{margin}以内为“有风险”，更低为“滞后”。",
        "While the year runs, achievement is compared with the share of the time gone: at or "
        "above it on track, up to {margin} below at risk, further below off track.",
    ),
    "Topic.goals": ("目标落实", "Goals"),
    "Topic.grids": ("安全网格与一岗双责", "Safety grids and one post, two duties"),
    "Topic.projects": ("项目认领与方案", "Projects and their plans"),
    "Topic.results": ("考核薄弱环节", "Weak evaluation results"),
    "Topic.vetoes": ("一票否决", "Vetoes"),
    "draft.end": ("。", "."),
    "draft.a_teacher": ("教师个人", "a teacher"),
    "draft.who": ("：{names}", ": {names}"),
    "draft.who_range": (
        "：{names}，得分在{low}至{high}分之间",
        ": {names}, scoring {low} to {high}",
    ),
    "draft.scored": ("{name}（{score}分）", "{name} ({score})"),
    "draft.goals.lead": (
        "本学年{total}项目标中，{counts}",
        "Of the year's {total} goals: {counts}",
    ),
    "draft.goals.lead_in_year": (
        "截至{day}，本学年{total}项目标中，{counts}",
        "As of {day}, of the year's {total} goals: {counts}",
    ),
    "draft.goals.count": ("{state}{count}项", "{count} {state}"),
    "draft.goal": ("{goal}达成度{achieved}，{state}", "{goal} reached {achieved}: {state}"),
    "draft.goal.pace": (
        "{goal}达成度{achieved}，时间进度{pace}，{state}",
        "{goal} reached {achieved} with {pace} of the time gone: {state}",
    ),
    "draft.goal.no_data": ("{goal}全年未登记进展数据", "{goal} has no value all year"),
    "draft.goal.no_data_yet": ("{goal}尚未登记进展数据", "{goal} has no value yet"),
    "draft.goal.gaps": ("，其中{gaps}", "; {gaps}"),
    "draft.goal.children": ("；下级目标{children}尚有差距", "; sub-goals short: {children}"),
    "draft.goal.child": ("{owner}（{state}）", "{owner} ({state})"),
    "gap.target": (
        "{name}{value}{unit}（目标{target}{unit}）",
        "{name} {value}{unit} (target {target}{unit})",
    ),
    "gap.band": ("{name}{value}{unit}（应{bounds}）", "{name} {value}{unit} (to be {bounds})"),
    "gap.done": ("{name}尚未完成", "{name} not done"),
    "gap.no_value": ("{name}无数据", "no value for {name}"),
    "bounds.between": ("在{low}至{high}{unit}之间", "between {low} and {high}{unit}"),
    "bounds.at_most": ("不超过{high}{unit}", "at most {high}{unit}"),
    "bounds.at_least": ("不少于{low}{unit}", "at least {low}{unit}"),
    "step.gap.more": ("{name}尚差{amount}{unit}", "{name}: {amount}{unit} more"),
    "step.gap.less": ("{name}需再减少{amount}{unit}", "{name}: {amount}{unit} less"),
    "step.gap.band": ("{name}{bounds}", "{name} {bounds}"),
    "step.gap.done": ("完成{name}", "finish {name}"),
    "step.gap.no_value": ("按时登记{name}", "record {name} on time"),
    "step.goal": (
        "{owner}补齐差距（{gaps}），纳入下学年工作计划，逐月跟踪落实。",
        "{owner} closes the gap ({gaps}) in next year's plan, followed month by month.",
    ),
    "step.goal.in_year": (
        "{owner}在{end}前补齐差距（{gaps}），加快进度。",
        "{owner} closes the gap ({gaps}) before {end}.",
    ),
    "step.goal.children": (
        "{owner}督促{children}补齐差距，按月调度。",
        "{owner} follows up {children} month by month until their gaps close.",
    ),
    "step.goal.pace": (
        "{owner}对照{goal}逐项查找差距，加快进度，按月调度。",
        "{owner} finds where {goal} falls behind and speeds it up, month by month.",
    ),
    "step.goal.no_data": (
        "{owner}按时登记{goal}的进展数据，做到有据可查。",
        "{owner} records the progress of {goal} on time.",
    ),
    "step.goals.next_phase": (
        "下学年是{plan}的第{n}年，主题为“{theme}”，以下差距一并纳入下学年目标。",
        "Next year is year {n} of {plan}, themed “{theme}”; these gaps go into its goals.",
    ),
    "draft.grid.gaps": (
        "“{grid}”有{count}个职责格无人负责：{cells}。",
        "{count} cells of “{grid}” have no owner: {cells}.",
    ),
    "step.grid.gaps": (
        "为“{grid}”中无人负责的{count}个职责格指定责任人和B角，做到分工到人。",
        "Name an owner and a backup for the {count} cells of “{grid}” without one.",
    ),
    "draft.grid.double": (
        "“{grid}”有{count}个职责格由多人负责，责任不清：{cells}。",
        "{count} cells of “{grid}” have several owners: {cells}.",
    ),
    "step.grid.double": (
        "为“{grid}”中多人负责的职责格明确唯一责任人，做到责任到人。",
        "Give each cell of “{grid}” with several owners a single owner.",
    ),
    "draft.grid.overload": (
        "“{grid}”有{count}人承担的职责格超过上限（每人{limit}个）{who}。",
        "In “{grid}” {count} people own more cells than the limit of {limit}{who}.",
    ),
    "step.grid.overload": (
        "调整“{grid}”的分工，每人承担不超过{limit}个职责格。",
        "Share out the cells of “{grid}” so that no one owns more than {limit}.",
    ),
    "draft.safety_duty": (
        "一岗双责落实不到位：{count}名岗位负责人未承担任何安全网格职责（{posts}）。",
        "One post, two duties: {count} post holders carry no safety duty ({posts}).",
    ),
    "step.safety_duty": (
        "将上述{count}名岗位负责人纳入安全网格，每人至少承担一项安全职责，落实一岗双责。",
        "Bring those {count} post holders into a safety grid, each with at least one duty.",
    ),
    "post.in_unit": ("{unit}{post}", "{post} of {unit}"),
    "post.area": ("{post}（{area}）", "{post} ({area})"),
    "post.joiner": ("兼", " and "),
    "post.named": ("{name}：{posts}", "{name}: {posts}"),
    "draft.project.source": (
        "（落实{issuer}《{title}》，{number}）",
        " (from {issuer}, “{title}”, {number})",
    ),
    "draft.project.unclaimed": (
        "{project}{source}尚无处室认领。",
        "No office has claimed {project}{source}.",
    ),
    "step.project.unclaimed": (
        "明确{project}的牵头处室，认领后用5W2H制定方案。",
        "An office claims {project} and plans it with 5W2H.",
    ),
    "draft.project.no_plan": (
        "{project}已由{lead}认领，尚无5W2H方案。",
        "{project}, claimed by {lead}, has no 5W2H plan.",
    ),
    "step.project.no_plan": (
        "{lead}用5W2H为{project}制定方案，明确分工和时限。",
        "{lead} plans {project} with 5W2H: who, when and how.",
    ),
    "draft.project.incomplete": (
        "{project}（{lead}牵头）的5W2H方案缺少{missing}。",
        "The 5W2H plan of {project} (led by {lead}) lacks {missing}.",
    ),
    "step.project.incomplete": (
        "{lead}补齐{project}方案中的{missing}，按方案推进。",
        "{lead} completes the plan of {project} ({missing}) and works to it.",
    ),
    "plan.What": ("做什么（What）", "What"),
    "plan.Why": ("为什么做（Why）", "Why"),
    "plan.Who": ("谁负责（Who）", "Who"),
    "plan.When": ("何时做（When）", "When"),
    "plan.Where": ("在哪里做（Where）", "Where"),
    "plan.How": ("怎么做（How）", "How"),
    "plan.How much": ("投入多少（How much）", "How much"),
    "draft.results": (
        "“{scheme}”中{subjects}为“{band}”{who}",
        "In “{scheme}” {subjects} are “{band}”{who}",
    ),
    "draft.results.one": (
        "“{scheme}”中{subjects}为“{band}”{who}",
        "In “{scheme}” {subjects} is “{band}”{who}",
    ),
    "draft.results.where": (
        "，失分主要在“{dimension}”（平均{mean}分，全体平均{overall}分）",
        "; they lose most in “{dimension}” (mean {mean} against {overall} overall)",
    ),
    "step.results": (
        "对“{band}”的{subjects}逐项分析“{dimension}”等失分项，制定整改措施，下学年跟踪复评。",
        "Go through “{dimension}” and every lost point with the {subjects} in “{band}”, set "
        "out what changes, and review them again next year.",
    ),
    "step.results.every": ("各项", "every dimension"),
    "draft.veto": (
        "“{scheme}”中{subjects}触发“{rule}”，{effects}{who}。",
        "In “{scheme}” the veto “{rule}” struck {subjects} ({effects}){who}.",
    ),
    "step.veto": (
        "针对“{rule}”所涉问题加强教育和日常监督，从源头上防范。",
        "Prevent what “{rule}” sanctions: teach it and watch it day by day.",
    ),
    # -- the command line: listings, explanations, help and messages (schoolwork --lang) --
    "listing.list": ("、", ", "),
    "listing.none": ("无", "none"),
    "listing.school": ("全校", "the school"),
    "listing.unknown": (
        "没有{kind} {given}（已有：{known}）",
        "no {kind} {given} (known: {known})",
    ),
    "listing.did_you_mean": ("；是否想找 {close}？", "; did you mean {close}?"),
    "listing.kind.grid": ("网格", "grid"),
    "listing.kind.plan": ("规划", "plan"),
    "listing.kind.scheme": ("考核方案", "scheme"),
    "listing.kind.workspace": ("插件提供的工作区", "plugin ships a workspace"),
    "listing.not_a_year": (
        "学年 {year!r}：应为形如 2023-2024 的学年",
        "year {year!r}: expected a school year such as 2023-2024",
    ),
    "listing.grid.gap": ("！无人负责", "! gap"),
    "listing.grid.joiner": ("、", " + "),
    "listing.grid.double": ("！{owners}", "! {owners}"),
    "listing.grid.overload": ("{owner}（超出上限）", "{owner} (over load)"),
    "listing.grid.backup": ("{owner}（{backup}）", "{owner} ({backup})"),
    "listing.grid.caption": (
        "{name}（{id}），用途：{purpose}，组长：{leader}",
        "{name} ({id}), purpose {purpose}, leader {leader}",
    ),
    "listing.purpose.safety": ("安全", "safety"),
    "listing.purpose.publicity": ("宣传", "publicity"),
    "listing.w2h.What": ("做什么", "What"),
    "listing.w2h.Why": ("为什么做", "Why"),
    "listing.w2h.Who": ("谁负责", "Who"),
    "listing.w2h.When": ("何时做", "When"),
    "listing.w2h.Where": ("在哪里做", "Where"),
    "listing.w2h.How": ("怎么做", "How"),
    "listing.w2h.How much": ("投入多少", "How much"),
    "listing.w2h.the whole plan": ("整个方案", "the whole plan"),
    "listing.occurrences": ("{first} 至 {last} 的安排", "occurrences from {first} to {last}"),
    "listing.reversed": (
        "最后一天 {last} 早于第一天 {first}",
        "the last day {last} is before the first day {first}",
    ),
    "listing.as_of": ("截至 {day}", "as of {day}"),
    "listing.activities": ("各类活动", "activities by type"),
    "listing.inspections": ("各类检查", "inspections by type"),
    "listing.scores": (
        "{name}（{id}），{period}学年，参评{subjects}",
        "{name} ({id}), {period}: {count} subjects",
    ),
    "listing.scores.one": (
        "{name}（{id}），{period}学年，参评{subjects}",
        "{name} ({id}), {period}: {count} subject",
    ),
    "listing.column.staff_id": ("工号", "id"),
    "listing.column.code": ("编号", "id"),
    "listing.column.person": ("姓名", "name"),
    "listing.column.unit_name": ("名称", "name"),
    "listing.column.posts": ("岗位", "posts"),
    "listing.column.date": ("日期", "date"),
    "listing.column.day": ("星期", "day"),
    "listing.column.project": ("项目", "project"),
    "listing.column.what": ("内容", "what"),
    "listing.column.where": ("地点", "where"),
    "listing.column.goal": ("目标", "goal"),
    "listing.column.owner": ("责任方", "owner"),
    "listing.column.period": ("期间", "period"),
    "listing.column.achieved": ("达成度", "achieved"),
    "listing.column.pace": ("时间进度", "pace"),
    "listing.column.status": ("状态", "status"),
    "listing.column.type": ("类型", "type"),
    "listing.column.count": ("次数", "count"),
    "listing.column.records": ("记录", "records"),
    "listing.column.days": ("天数", "days"),
    "listing.column.passed": ("合格", "passed"),
    "listing.column.rank": ("名次", "rank"),
    "listing.column.adjustments": ("加减分", "+/-"),
    "listing.column.score": ("得分", "score"),
    "listing.column.band": ("等次", "band"),
    "listing.column.veto": ("一票否决", "veto"),
    "listing.summary.school": ("学校：    {name}", "school:   {name}"),
    "listing.summary.where": ("（{where}）", " ({where})"),
    "listing.summary.files": ("文件：    {files}（{root}）", "files:    {files} in {root}"),
    "listing.summary.values": ("指标值：  {files}（{folder}）", "values:   {files} in {folder}"),
    "listing.summary.no_values": ("指标值：  无", "values:   none"),
    "listing.summary.units": ("机构：    {count} 个", "units:    {count}"),
    "listing.summary.unit_kinds": ("（{kinds}）", " ({kinds})"),
    "listing.summary.people": (
        "人员：    在岗 {active} 人，离岗 {left} 人",
        "people:   {active} active, {left} left",
    ),
    "listing.summary.calendar": (
        "校历：    {years}；节假日 {holidays} 个",
        "calendar: {years}; {holidays} holidays",
    ),
    "listing.summary.none": ("无", "none"),
    "explain.head": (
        "{name}（{id}）— {scheme}（{scheme_id}），{period}学年",
        "{name} ({id}) — {scheme} ({scheme_id}), {period}",
    ),
    "explain.score": (
        "得分 {score}，名次 {rank}（共 {total}），等次：{band}",
        "score {score}, rank {rank} of {total}, band {band}",
    ),
    "explain.rounding": (
        "计分：保留 {places} 位小数，{rounding}；{missing}",
        "rounding: {places} places, {rounding}; missing values: {missing}",
    ),
    "explain.rounding.half_up": ("四舍五入", "half_up"),
    "explain.rounding.half_even": ("四舍六入五成双", "half_even"),
    "explain.rounding.down": ("舍去多余位数", "down"),
    "explain.rounding.floor": ("向下取整", "floor"),
    "explain.rounding.ceiling": ("向上取整", "ceiling"),
    "explain.missing.exclude": ("缺少的数值不计入所在维度", "exclude"),
    "explain.missing.zero": ("缺少的数值按 0 分计", "zero"),
    "explain.dimension": (
        "【{name}】{score}，权重 {weight}/{total}，{method}",
        "[{name}] {score} × weight {weight}/{total} ({method})",
    ),
    "explain.points": ("{points} 分", "{points}"),
    "explain.no_value": ("无数据", "no value"),
    "explain.split": (
        "；过程性 {process}，结果性 {result}",
        "; process {process}, result {result}",
    ),
    "explain.method.weighted_mean": ("按权重平均", "weighted mean"),
    "explain.method.mean": ("取平均分", "mean"),
    "explain.method.median": ("取中位数", "median"),
    "explain.method.lowest": ("取最低分", "lowest"),
    "explain.method.highest": ("取最高分", "highest"),
    "explain.method.mode": ("取众数（并列时取最高）", "mode (the highest, when several)"),
    "explain.method.sum": ("各项相加，最高 {cap} 分", "sum capped at {cap}"),
    "explain.drop_lowest": ("，去掉最低的 {count} 项", ", drop lowest {count}"),
    "explain.keep_highest": ("，只取最高的 {count} 项", ", keep highest {count}"),
    "explain.extra_credit": (
        "，{names}为附加分（加入分子、不计入分母），维度最高 {cap} 分",
        ", with extra credit ({names}) capped at {cap}",
    ),
    "explain.status.extra_credit": ("［附加分］", "  [extra credit]"),
    "explain.zeroed": ("因一票否决“{rule}”，本维度计 0 分", "zeroed by veto {rule}"),
    "explain.indicator": (
        "{name}：{value}（{source}）→ {points} 分，{rule}",
        "{name}: value {value} ({source}) → {points} points by {rule}",
    ),
    "explain.missing_value": ("缺少", "missing"),
    "explain.status.dropped": ("［已去掉］", "  [dropped]"),
    "explain.status.missing": ("［缺少，不计入］", "  [missing]"),
    "explain.status.zero": ("［缺少，按 0 分计］", "  [zero]"),
    "explain.source.input": ("录入", "input"),
    "explain.source.none": ("无数据", "no value"),
    "explain.source.records": ("按{kind}记录统计", "counted from {kind} records"),
    "explain.record.honour": ("荣誉", "honour"),
    "explain.record.activity": ("活动", "activity"),
    "explain.record.inspection": ("检查", "inspection"),
    "explain.record.incident": ("事故", "incident"),
    "explain.better.higher": ("越多越好", "higher is better"),
    "explain.better.lower": ("越少越好", "lower is better"),
    "explain.rule.linear": (
        "按线性换算（{floor}→{low} 分，{ceiling}→{high} 分）",
        "linear {floor}→{low}, {ceiling}→{high}",
    ),
    "explain.rule.thresholds": ("按分档（{steps}）", "thresholds {steps}"),
    "explain.rule.count_up": (
        "每次加 {each} 分，最高 {cap} 分（{better}）",
        "count +{each} each, cap {cap} ({better})",
    ),
    "explain.rule.count_down": (
        "从 {cap} 分起每次扣 {each} 分（{better}）",
        "count −{each} each, cap {cap} ({better})",
    ),
    "explain.rule.ratio": (
        "按与目标 {target} 之比计分，最高 {cap} 分（{better}）",
        "ratio to target {target}, cap {cap} ({better})",
    ),
    "explain.weighted": ("加权总分：{score}", "weighted total: {score}"),
    "explain.bonus": ("加分", "bonus"),
    "explain.deduction": ("减分", "deduction"),
    "explain.adjustment": ("{kind} {points}：{why}", "{kind} {points}: {why}"),
    "explain.honour": (
        "{rule}，{title}（{level}{prize}，记录 {record}）",
        "{rule}, {title} ({level} {prize}, record {record})",
    ),
    "explain.from_plugin": ("{reason}（插件 {plugin}）", "{reason} (plugin {plugin})"),
    "explain.vetoed": (
        "（应计 {asked} 分，因一票否决不计）",
        " (asked {asked}; removed by a veto)",
    ),
    "explain.capped": ("（应计 {asked} 分，受加分上限限制）", " (asked {asked}; limited by a cap)"),
    "explain.record": ("记录 {record}", "record {record}"),
    "explain.veto": ("一票否决“{rule}”（{where}）：{effects}", "veto {rule} ({where}): {effects}"),
    "explain.move.tie": (
        "“{band}”最后一个名额处同分，按编号先后确定，保留“{band}”",
        "a tie at the last {band} place, broken by id: kept",
    ),
    "explain.move.veto": (
        "因一票否决“{rule}”，等次由“{start}”调整为“{end}”",
        "veto {rule}: {start} → {end}",
    ),
    "explain.move.quota": (
        "“{band}”名额为{places}{measure}（参评{total}{measure}的{share}，{rounding}），"
        "名次{rank}未进入，等次调整为“{end}”",
        "quota of {band} is {places} of {total} ({share}, {rounding}); ranked {rank}: {end}",
    ),
    "explain.move.other": ("等次由“{start}”调整为“{end}”：{reason}", "{start} → {end}: {reason}"),
    "explain.final": (
        "最终得分：{score}（0 至 {max} 分）",
        "final score: {score} (bounds 0 to {max})",
    ),
    "explain.ambiguous": (
        "{name} 是 {count} 个对象的名字（{ids}）；请改用 id",
        "{name} names {count} subjects ({ids}); give the id",
    ),
    "explain.no_subject": (
        "考核方案 {scheme} 的结果中没有对象 {subject}",
        "no subject {subject} in the evaluation of {scheme}",
    ),
    "cli.prefix.error": ("错误：", "error: "),
    "cli.prefix.warning": ("警告：", "warning: "),
    "cli.wrote": ("已写入 {path}", "wrote {path}"),
    "cli.county.progress": (
        "已评估 {done}/{total} 所学校，{subjects} 个对象",
        "{done}/{total} schools, {subjects} subjects scored",
    ),
    "cli.plugin_not_loaded": (
        "插件 {plugin} 未加载：{reason}",
        "plugin {plugin} not loaded: {reason}",
    ),
    "cli.init.file": ("{path} 是文件，应为文件夹", "{path} is a file; expected a folder"),
    "cli.init.not_empty": (
        "{path} 不是空文件夹；请换一个新文件夹，或加 --force",
        "{path} is not empty; choose a new folder or add --force",
    ),
    "cli.init.next": ("下一步：schoolwork validate {path}", "next: schoolwork validate {path}"),
    "cli.validate.ok": ("通过：没有发现问题", "ok: no problems found"),
    "cli.goals.plan": ("{name}（{id}）", "{name} ({id})"),
    "cli.grid.counts": (
        "无人负责 {gaps} 格，多人负责 {double} 格，超出上限 {overloads} 人",
        "gaps: {gaps}; double owners: {double}; overloads: {overloads}",
    ),
    "cli.grid.overload": (
        "超出上限：{name} 负责 {count} 格（上限 {limit} 格）",
        "overload: {name} owns {count} cells (limit {limit})",
    ),
    "cli.grid.without_safety_duty": (
        "{caption}：{count} 名岗位负责人未承担任何安全网格职责",
        "{caption}: {count} post holders carry no safety duty",
    ),
    "cli.projects.state": ("{state}（{count}）", "{state} ({count})"),
    "cli.projects.no_office": ("尚无处室认领", "no office yet"),
    "cli.projects.incomplete": ("  ［5W2H 方案缺：{missing}］", "  [5W2H incomplete: {missing}]"),
    "cli.projects.closed": (
        "工作闭环：已认领 {claimed} 个项目，其中 {closed} 个已闭环（{share}）",
        "closed loop: {closed} of {claimed} claimed projects ({share})",
    ),
    "cli.projects.by_office": ("各处室认领：{counts}", "claimed by office: {counts}"),
    "cli.calendar.reversed": (
        "--to {last} 早于 --from {first}",
        "--to {last} is before --from {first}",
    ),
    "cli.calendar.count": (
        "{first} 至 {last} 共 {count} 次安排",
        "{count} occurrences from {first} to {last}",
    ),
    "cli.records.all_years": ("全部学年", "all years"),
    "cli.records.counts": (
        "荣誉 {honours} 项，活动 {activities} 次，检查 {inspections} 次，事故 {incidents} 起",
        "honours {honours}, activities {activities}, inspections {inspections}, "
        "incidents {incidents}",
    ),
    "cli.records.by_recipient": ("荣誉按获奖对象：{counts}", "honours by recipient: {counts}"),
    "cli.records.by_category": (
        "荣誉按类别、级别与奖次：",
        "honours by category, level and prize:",
    ),
    "cli.records.category": ("{category}（{total}）：{prizes}", "{category} ({total}): {prizes}"),
    "cli.records.incidents": ("事故按严重程度：{counts}", "incidents by severity: {counts}"),
    "cli.plugins.none": (
        "没有启用的插件（schoolwork plugins --all 会列出内置插件）",
        "no plugins active (schoolwork plugins --all lists the built-in ones)",
    ),
    "cli.plugins.builtin": ("［内置］", " [built-in]"),
    "cli.plugins.serves": ("；服务于 {schools}", "; serves {schools}"),
    "cli.plugins.failed": ("加载失败：{plugin}：{reason}", "failed: {plugin}: {reason}"),
    "cli.plugins.workspace": (
        "工作区 {name}（来自 {plugin}）：schoolwork demo --school {name}",
        "workspace {name} (from {plugin}): schoolwork demo --school {name}",
    ),
    "cli.demo.validated": ("已校验 {school}：没有发现问题", "validated {school}: no problems"),
    "cli.demo.evaluated": (
        "已评估 {scheme}：{subjects} 个对象（{bands}）",
        "evaluated {scheme}: {subjects} subjects ({bands})",
    ),
    "cli.demo.no_scheme": (
        "{year} 学年没有考核方案；总结中没有考核结果",
        "no scheme is for {year}; the report has no evaluation",
    ),
    "cli.format.unknown": (
        "没有格式 {format!r}（可用：{known}）",
        "no format {format!r} (known: {known})",
    ),
    "cli.format.mismatch": (
        "--format {format} 写出 {suffix} 文件，但输出文件是 {output}；"
        "去掉 --format，或把文件名改为以 {suffix} 结尾",
        "--format {format} writes {suffix} files, but the output is {output}; drop --format or "
        "end the file's name in {suffix}",
    ),
    "cli.format.suffix": (
        "无法从文件名 {output} 判断格式：文件名应以 {suffixes} 之一结尾",
        "cannot tell the format of {output} from its name: expected it to end in one of {suffixes}",
    ),
    "cli.format.several": (
        "有多个格式写出 {suffix} 文件（{formats}）；请用 --format 选择一个来写 {output}",
        "several formats write {suffix} files ({formats}); choose one with --format to write "
        "{output}",
    ),
    "cli.format.binary": (
        "{format} 格式是二进制文件，不能显示在终端里；请用 -o 指定文件",
        "the {format} format is a binary file; give -o FILE",
    ),
    "cli.help.usage": ("用法：", "Usage: "),
    "cli.help.options": ("选项", "Options"),
    "cli.help.commands": ("命令", "Commands"),
    "cli.help.options_metavar": ("[选项]", "[OPTIONS]"),
    "cli.help.command_metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "cli.help.help": ("显示本帮助并退出。", "Show this message and exit."),
    "cli.help.default": ("默认：{default}", "default: {default}"),
    "cli.help.required": ("必填", "required"),
    "cli.help.envvar": ("环境变量：{var}", "env var: {var}"),
    "cli.help.try": ("运行 “{command} {option}” 查看帮助。", "Try '{command} {option}' for help."),
    "cli.usage.no_command": ("没有命令 {name!r}", "No such command {name!r}."),
    "cli.usage.no_option": ("没有选项 {name!r}", "No such option {name!r}."),
    "cli.usage.did_you_mean": ("（是否想用 {names}？）", " (Possible options: {names})"),
    "cli.usage.missing_command": ("缺少命令", "Missing command."),
    "cli.usage.missing_option": ("缺少选项 {name}", "Missing option {name}."),
    "cli.usage.missing_argument": ("缺少参数 {name}", "Missing argument {name}."),
    "cli.usage.missing_parameter": ("缺少参数 {name}", "Missing parameter {name}."),
    "cli.usage.bad_param": ("{name} 的值无效：{message}", "Invalid value for {name}: {message}"),
    "cli.usage.bad_value": ("值无效：{message}", "Invalid value: {message}"),
    "cli.usage.needs_value": ("选项 {name!r} 需要一个值", "Option {name!r} requires an argument."),
    "cli.usage.no_value": ("选项 {name!r} 不接受值", "Option {name!r} does not take a value."),
    "cli.usage.extra": ("多余的参数（{args}）", "Got unexpected extra arguments ({args})"),
    "cli.usage.choice": (
        "{value!r} 不是可选值（{choices}）之一",
        "{value!r} is not one of {choices}.",
    ),
    "cli.usage.day": (
        "应为 YYYY-MM-DD 形式的日期，如 2024-03-01，实为 {value!r}",
        "expected a date written YYYY-MM-DD, such as 2024-03-01, found {value!r}",
    ),
    # --- frozen results and their diff (issue 16) ---
    "changes.heading": (
        "{scheme}（{period}）与冻结结果 {against} 相比",
        "{scheme} ({period}) against the frozen results {against}",
    ),
    "changes.heading_appeals": (
        "{scheme}（{period}）按成立的申诉更正后，与更正前相比",
        "{scheme} ({period}) with the corrections of upheld appeals, against without them",
    ),
    "changes.none": ("无变化", "no change"),
    "changes.added": ("新增", "added"),
    "changes.removed": ("删除", "removed"),
    "changes.changed": ("有改动", "changed"),
    "changes.inputs": ("输入有变：{found}", "inputs changed: {found}"),
    "changes.rules": ("规则有变：{found}", "rules changed: {found}"),
    "changes.rule.scheme": ("方案设置", "setting"),
    "changes.rule.dimension": ("维度", "dimension"),
    "changes.rule.indicator": ("指标", "indicator"),
    "changes.rule.bonus": ("加分规则", "bonus"),
    "changes.rule.veto": ("否决规则", "veto"),
    "changes.count": (
        "{changed} 个对象结果有变，其中 {moved} 个名次或等次变动：",
        "{changed} subjects changed, {moved} of them moved rank or band:",
    ),
    "changes.subject_added": ("冻结时未参评", "not evaluated when frozen"),
    "changes.subject_removed": ("现已不参评", "no longer evaluated"),
    "changes.score": ("得分 {values}", "score {values}"),
    "changes.rank": ("名次 {values}", "rank {values}"),
    "changes.band": ("等次 {values}", "band {values}"),
    "changes.value": ("原始值 {values}", "value {values}"),
    "changes.points": ("得分 {values}", "points {values}"),
    "changes.veto_added": ("新触发否决 {rule}", "veto {rule} fired"),
    "changes.veto_removed": ("否决 {rule} 不再触发", "veto {rule} no longer fires"),
    "changes.with_others": (
        "自身数据未变，随他人变动",
        "own data unchanged, moved with the others",
    ),
    "changes.detail": ("明细有变", "details changed"),
    "changes.appeal": ("申诉 {id} 成立：{change}", "appeal {id} upheld: {change}"),
    # --- appeals (申诉, issue 16) in the report and on the slips ---
    "appeals.title": ("申诉及处理：{scheme}", "Appeals and decisions: {scheme}"),
    "appeals.tally": ("共受理申诉 {count} 件：{parts}。", "{count} appeals: {parts}."),
    "appeals.tally.part": ("{decision} {count} 件", "{decision} {count}"),
    "appeals.column.id": ("编号", "No."),
    "appeals.column.date": ("申诉日期", "Filed"),
    "appeals.column.subject": ("申诉对象", "Subject"),
    "appeals.column.disputed": ("申诉事项", "Disputed"),
    "appeals.column.claim": ("申诉理由", "Claim"),
    "appeals.column.decision": ("处理结果", "Decision"),
    "appeals.column.change": ("对结果的影响", "Effect"),
    "appeals.disputed.indicator": (
        "指标“{name}”（原始值 {value}）",
        "indicator {name} (value {value})",
    ),
    "appeals.disputed.rule": ("规则“{name}”", "rule {name}"),
    "appeals.disputed.band": ("等次“{name}”", "band {name}"),
    "appeals.disputed.record": ("记录 {id}", "record {id}"),
    "appeals.change.none": ("未改变结果", "no change to the result"),
    "appeals.change.asked": ("申请更正为 {value}，尚待处理", "asks for {value}, not yet decided"),
    "appeals.change.value": ("原始值 {before} → {after}", "value {before} → {after}"),
    "appeals.change.score": (
        "，得分 {before} → {after}，名次 {rank_before} → {rank_after}",
        "; score {before} → {after}, rank {rank_before} → {rank_after}",
    ),
    "appeals.slip": (
        "申诉 {id}（{date}）：{disputed}；{decision}；{change}。",
        "Appeal {id} ({date}): {disputed}; {decision}; {change}.",
    ),
    # --- 民主测评 and 增值评价 (issue 16) in the report ---
    "rated.title": ("民主测评：{name}", "Ratings (民主测评): {name}"),
    "rated.note": (
        "“{name}”由民主测评产生：共收回选票 {ballots} 张，涉及{subjects}；各组选票先按本组规则"
        "合成，再按权重合成，{absent}。{scored} 人得出测评分，平均 {mean}。报告只列各组票数和"
        "合成结果，不列任何人的投票。",
        "{name} comes from ratings (民主测评): {ballots} ballots on {subjects}; each group's "
        "ballots are combined by its rule, then the groups by their weights ({absent}). "
        "{scored} have a rating, mean {mean}. Only counts and combined scores are shown, "
        "never who voted what.",
    ),
    "rated.caption": ("各测评组的票数与合成", "Ballots and scores by group"),
    "rated.trimmed": (
        "去掉{trim}个最高分和{trim}个最低分后平均",
        "mean after dropping the {trim} highest and {trim} lowest",
    ),
    "rated.counted": ("{present}/{total}", "{present} of {total}"),
    "rated.column.group": ("测评组", "Group"),
    "rated.column.weight": ("权重", "Weight"),
    "rated.column.rule": ("合成方法", "Combined by"),
    "rated.column.minimum": ("最少票数", "Minimum"),
    "rated.column.ballots": ("票数", "Ballots"),
    "rated.column.counted": ("计入人数", "Counted for"),
    "rated.column.mean": ("组得分平均", "Mean group score"),
    "rated.slip": ("；民主测评：{groups}", "; rated (民主测评): {groups}"),
    "rated.slip.group": (
        "{group} {count} 票，{how} {score}（权重 {weight}）",
        "{group} {count} ballots, {how} {score} (weight {weight})",
    ),
    "rated.slip.absent": (
        "{group} {count} 票，少于 {least} 票，不计",
        "{group} {count} ballots, fewer than {least}: left out",
    ),
    "gain.slip": (
        "；增值：基线 {baseline}（{reference}），本期 {current}，增值 {gain}",
        "; value added: baseline {baseline} ({reference}), current {current}, gain {gain}",
    ),
    "gain.slip.gain": ("；增值 {gain}（基线 {baseline}）", "; gain {gain} (baseline {baseline})"),
    "gain.slip.none": (
        "；增值：无基线（{baseline}），本项不计",
        "; value added: no baseline ({baseline}), left out",
    ),
    # the same in a Chinese explanation's line, where the value's source is said in brackets
    "explain.rated": ("民主测评：{groups}", "rated (民主测评): {groups}"),
    "explain.gain": (
        "基线 {baseline}（{reference}），本期 {current}，增值 {gain}",
        "baseline {baseline} ({reference}), current {current}, gain {gain}",
    ),
    "explain.gain.gain": ("增值 {gain}（基线 {baseline}）", "gain {gain} (baseline {baseline})"),
    "explain.gain.none": ("无基线（{baseline}），本项不计", "no baseline ({baseline}), left out"),
    "gain.baseline": ("{scheme}（{period}）的“{name}”", "{name} of {scheme} ({period})"),
    "gain.title": ("增值评价：{name}", "Value added (增值评价): {name}"),
    "gain.title.subjects": ("增值评价明细：{name}", "Value added by subject: {name}"),
    "gain.note": (
        "“{name}”按{kind}计，基线为{baseline}；{missing}。{with_baseline} 人有基线，"
        "{without} 人无基线，不计本项（不按 0 计）。",
        "{name} is a {kind}, the baseline {baseline}; {missing}. {with_baseline} have a "
        "baseline; {without} have none and are left out of it (never counted as 0).",
    ),
    "gain.caption": ("基线、本期与增值（平均）", "Baseline, current value and gain (means)"),
    "gain.row.subjects": ("有基线人数", "With a baseline"),
    "gain.row.rose": ("提高人数", "Rose"),
    "gain.row.held": ("持平人数", "Held"),
    "gain.row.fell": ("下降人数", "Fell"),
    "gain.row.baseline": ("基线平均", "Mean baseline"),
    "gain.row.current": ("本期平均", "Mean current value"),
    "gain.row.gain": ("平均增值", "Mean gain"),
    "gain.column.item": ("项目", "Item"),
    "gain.column.value": ("数值", "Value"),
    "gain.column.name": ("姓名", "Name"),
    "gain.column.baseline": ("基线", "Baseline"),
    "gain.column.current": ("本期", "Current"),
    "gain.column.gain": ("增值", "Gain"),
    "changes.frozen_warning": (
        "{scheme} 的 {period} 结果已冻结（{file}）；与之相比 {changed} 个对象结果有变，"
        "用 schoolwork diff 查看",
        "the {period} results of {scheme} are frozen ({file}); {changed} subjects differ from "
        "them, see schoolwork diff",
    ),
}


def key_of(item: Enum | str) -> str:
    """The table key of an enum member (``Level.county``) or a dotted name as given."""
    if isinstance(item, Enum):
        return f"{type(item).__name__}.{item.value}"
    return item


def label(item: Enum | str, lang: Lang = "zh", **values: object) -> str:
    """The label of ``item`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    English has a singular: with ``count=1``, a label that has a ``.one`` form uses it
    ("1 teacher is", not "1 teachers are"); Chinese needs none.
    """
    key = key_of(item)
    if lang != "zh" and values.get("count") == 1 and f"{key}.one" in _LABELS:
        key = f"{key}.one"
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def has_label(item: Enum | str) -> bool:
    """Whether ``item`` has a label (tests use this to keep the table complete)."""
    return key_of(item) in _LABELS
