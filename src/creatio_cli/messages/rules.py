"""Catalogue: what rules say — requirement phrases, titles from templates, basis confidence, placeholders.

A rule kind states its requirement with its own numbers (``rules/text.py``), so every place that says
it — an indicator's title, ``standards show``, a notice — changes when a standard changes the number.
``rule.row.*`` are the phrases a notice uses for one community's shortfall (after "{name}{actual}{unit}，").
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- comparison words (percent fields say 不低于/不高于) -------------------------------------------
    "rule.op.at_least": ("不少于", "at least"),
    "rule.op.more_than": ("多于", "more than"),
    "rule.op.at_most": ("不超过", "at most"),
    "rule.op.less_than": ("少于", "less than"),
    "rule.op.exactly": ("等于", "exactly"),
    "rule.op.not_below": ("不低于", "at least"),
    "rule.op.above": ("高于", "above"),
    "rule.op.not_above": ("不高于", "at most"),
    "rule.op.below": ("低于", "below"),
    # ---- requirement phrases (titles' {requirement}, standards show) --------------------------------
    "rule.compare": ("{word}{value}{unit}", "{word} {value}{unit}"),
    "rule.per_households_unit": ("户", "households"),
    "rule.per_100": ("每百{per}不少于{rate}{unit}", "at least {rate}{unit} per 100 {per}"),
    "rule.per_100_floor": ("每百{per}不少于{rate}{unit}，且不少于{floor}{unit}",
                           "at least {rate}{unit} per 100 {per}, and at least {floor}{unit}"),
    "rule.share": ("不低于{of}的{percent}%", "at least {percent} % of {of}"),
    "rule.prorated": ("不少于{target}{unit}（按序时进度折算）",
                      "at least {target}{unit} over the campaign, pro-rated by schedule"),
    "rule.tiered": ("按{by}分档：{tiers}", "by {by}: {tiers}"),
    "rule.tier_below": ("{by}不足{below}{by_unit}时{requirement}", "{requirement} when {by} is below {below}{by_unit}"),
    "rule.tier_rest": ("其余{requirement}", "{requirement} otherwise"),
    "rule.present": ("应为“是”", "yes"),
    "rule.all_of": ("同时满足：{parts}", "all of: {parts}"),
    "rule.any_of": ("满足其一：{parts}", "any of: {parts}"),
    "rule.describe": ("{field}{requirement}", "{field}: {requirement}"),
    "rule.generic": ("{kind}（{params}）", "{kind} ({params})"),
    # ---- one community's shortfall, as a notice states it -------------------------------------------
    "rule.row.compare": ("应{word}{required}{unit}", "should be {word} {required}{unit}"),
    "rule.row.per_100": ("按每百{per}{rate}{unit}标准应不少于{required}{unit}",
                         "should be at least {required}{unit} at {rate}{unit} per 100 {per}"),
    "rule.row.per_100_floor": ("按每百{per}{rate}{unit}、不少于{floor}{unit}的标准应不少于{required}{unit}",
                               "should be at least {required}{unit} at {rate}{unit} per 100 {per}, "
                               "with a floor of {floor}{unit}"),
    "rule.row.share": ("占{of}的{share}%，应不低于{percent}%（{required}{unit}）",
                       "{share} % of {of}; should be at least {percent} % ({required}{unit})"),
    "rule.row.prorated": ("按序时进度应不少于{required}{unit}", "should be at least {required}{unit} by the schedule"),
    "rule.row.tiered": ("按{by}分档应{word}{required}{unit}", "should be {word} {required}{unit} for its {by} band"),
    "rule.row.own_requirement": ("本次检查要求", "this check's requirement"),
    # ---- titles written as templates of the rule ----------------------------------------------------
    "indicator.title_placeholder_unknown": ("标题“{title}”中的占位符 {names} 不是此规则的参数（可用：{known}），标题改用规则本身：{rule}",
                                            "the title “{title}” names {names}, which this rule does not have (known: {known}); the rule's own words are used: {rule}"),
    "standard.title_bad_template": ("标题中的花括号不成对（占位符写作 {{value}}）",
                                    "unbalanced braces in the title (a placeholder is written {{value}})"),
    "indicator.title_number_not_in_rule": (
        "标题“{title}”中的数字 {numbers} 不是规则的数值（规则：{rule}）；标题中请写规则的占位符，如 {{value}}",
        "the title “{title}” says {numbers}, which its rule does not ({rule}); write the rule's placeholder "
        "instead, e.g. {{value}}"),
    # ---- basis confidence ---------------------------------------------------------------------------
    "confidence.placeholder": ("占位值", "placeholder"),
    "confidence.low": ("低可信度", "low confidence"),
    "confidence.local": ("地方口径", "local norm"),
    "indicator.placeholder_thresholds": (
        "以下{count}项指标的门槛为占位值，尚未经核实，结果仅供参考：{titles}（{indicators}）",
        "{count} indicators have placeholder thresholds, not yet verified; treat their results as provisional: "
        "{titles} ({indicators})"),
    "notices.unassessed_refused": (
        "台账有 {count} 项指标无法评估（{titles}：台账中没有可用的 {fields} 列），整改通知书只写台账反映的问题。"
        "请用 --map “表头={example}” 或 --mapping 文件指定这些列（creatio inspect 列出候选），"
        "或加 --allow-unassessed 照常起草（这些指标在通知中单列为“台账未反映”）",
        "{count} indicators cannot be assessed ({titles}: the ledger has no usable column for {fields}), and a notice "
        "states only what the ledger shows. Map the columns with --map \"HEADER={example}\" or --mapping FILE "
        "(`creatio inspect` lists candidates), or draft anyway with --allow-unassessed (the notice then lists "
        "them apart, as not reflected in the ledger)"),
    "notices.date_before_as_of": (
        "通知的成文日期 {date} 早于台账的截至日期 {as_of}：通知不能早于它所依据的台账。请用 --date 指定成文日期"
        "（不早于 {as_of}），或用 --as-of 核对台账的截至日期",
        "the notices' date {date} is before the ledger's as-of date {as_of}: a notice cannot predate the ledger it "
        "rests on. Give the date with --date (not before {as_of}), or check the ledger's date with --as-of"),
    "notices.placeholder_refused": (
        "未起草任何通知书：以下指标的门槛为占位值，不能作为整改依据引用：{titles}（{indicators}）。"
        "请在继承该标准（extends）的标准中填入本地测评细则的门槛，或确认后加 --allow-placeholder 照样起草",
        "no notice drafted: these indicators' thresholds are placeholders and cannot be cited as the basis of "
        "a rectification: {titles} ({indicators}). Set your office's thresholds in a standard that extends "
        "this one, or add --allow-placeholder to draft anyway"),
}
