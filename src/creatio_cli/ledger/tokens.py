"""Token tables for the cell normaliser (ledger.normalize).

Every entry is written in *folded* form: NFKC-normalised (full-width → half-width, ㎡ → "m2",
"％" → "%", "／" → "/", "－" → "-"), whitespace removed, Latin letters lower-cased.
"""

from __future__ import annotations

import unicodedata

# fmt: off
# Not applicable. "无此项" / "不涉及" / "不适用" say the item does not apply to this community, so they are
# NA rather than "no"; a bare "无" stays the yes/no answer "no".
NA_TOKENS: frozenset[str] = frozenset(
    {
        "/", "//", "\\", "—", "——", "–", "-", "--", "---", "―", "─", "一一",
        "n/a", "na", "无此项", "不涉及", "不适用", "不适用此项",
    }
)

# Excel formula errors as cached values or as text in CSV copies (upper-case, as Excel writes them).
FORMULA_ERRORS: frozenset[str] = frozenset(
    {
        "#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!",
        "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    }
)

# Yes/no answers. 在建 / 待建 / 筹建 / 拟建 (under construction, planned) are "not yet": no.
YES_TOKENS: frozenset[str] = frozenset(
    {
        "是", "有", "√", "✓", "✔", "☑", "✅", "对",
        "已建", "已建成", "建成", "已建立", "建立", "已成立", "成立",
        "已挂牌", "挂牌", "达标", "已达标", "已完成", "完成", "规范", "已规范",
        "已设立", "设立", "已配备", "配备", "已开展", "开展",
        "y", "yes", "true", "1", "1.0",
    }
)
NO_TOKENS: frozenset[str] = frozenset(
    {
        "否", "无", "没有", "×", "✗", "✘", "✕", "☒", "❌", "x", "不是",
        "未建", "在建", "待建", "筹建", "筹建中", "建设中", "未建立", "未成立",
        "拟建", "拟建中", "待建中", "在建中", "正在建设", "正在建设中", "正在筹建", "规划中",
        "未挂牌", "未达标", "不达标", "未完成", "不规范", "未规范",
        "未设立", "未配备", "未开展",
        "n", "no", "false", "0", "0.0",
    }
)

# A yes with a note (是（在建）, 有，但未挂牌) is not met when the note says "not yet" or holds back:
# - a clause of the note that is one of NOT_YET_TOKENS (是（在建）, 有，正在建设中) → no (a shortfall);
# - any other note holding a YES_QUALIFIERS word (有，但未挂牌, 是（暂无牌子）, 有（部分在建）) → invalid: ask.
# 有（200㎡）, 是，已挂牌 stay yes. 未成年(人) is a word of the facilities' names, not a "not yet".
NOT_YET_TOKENS: frozenset[str] = frozenset(
    {
        "在建", "在建中", "待建", "待建中", "筹建", "筹建中", "拟建", "拟建中", "建设中",
        "正在建设", "正在建设中", "正在筹建", "规划中",
    }
)
YES_QUALIFIERS: tuple[str, ...] = (
    "在建", "筹建", "待建", "拟建", "建设中", "规划", "计划", "正在", "未", "没", "暂", "尚", "但", "不",
)
YES_NOTE_WORDS_NOT_QUALIFIERS: tuple[str, ...] = ("未成年", "将近")
# A yes whose note says the facility is gone (是（已拆除）, 是（原有，现无）, 有（已关闭）) or not there yet
# (是（下半年建）, 是（预计年底建成）), or dates it (是（2023年建成）, 是（6月挂牌）: the ledger's as-of date is not
# known here, so the date may be after it) → invalid (cell.yes_qualified), unless a NOT_YET_TOKENS clause
# already makes it a plain no. The dates are matched by normalize._YES_NOTE_DATE.
YES_GONE_OR_LATER: tuple[str, ...] = (
    "拆", "撤", "停用", "关闭", "取消", "现无", "已无", "被占", "占用", "挪用", "缺", "整改中", "待整改", "待验收",
    "下半年", "年底", "年内", "月底", "预计", "将",
)
# A no whose note says yes (否（已建）, 无（已挂牌）, 否（有活动室）) contradicts itself → invalid
# (cell.no_contradicted), unless the note also says it is gone or not there yet (否（原有，已拆除）,
# 否（计划年底建成）): then it is a plain no. A yes word right after a negation or 原/曾 (没有, 未建成, 原有) is
# not one; normalize._NO_NOTE_YES matches them.
NO_NOTE_YES_WORDS: tuple[str, ...] = ("已建", "已挂牌", "已设", "建成", "有")
NO_NOTE_NOT_YET: tuple[str, ...] = (
    *YES_GONE_OR_LATER, "在建", "筹建", "待建", "拟", "建设中", "规划", "计划",
)

# A number whose note says it includes what is only planned or expected (12次（含计划）, 300（包括拟建50）,
# 8次（计划中）): fewer were held (or less is built) than the number says, and how many fewer is not known →
# invalid (cell.includes_planned). The words after 含 / 包括 / 包含 are the yes/no hold-back words of "not
# yet" (计划, 预计, 拟, 在建 …, as in NO_NOTE_NOT_YET); 不含 / 未含 (excludes) keep the number, and so does a
# note that only reports (12次（已完成）, 290（另有在建50）: the 50 are not in the 290). normalize._PLANNED.
NUMBER_INCLUDES_WORDS: tuple[str, ...] = ("包括", "包含", "含")
NUMBER_PLANNED_WORDS: tuple[str, ...] = (
    "计划", "预计", "拟", "规划", "在建", "待建", "筹建", "建设中", "未完成", "未开展", "将",
)
# A note that is itself "planned" (8次（计划中）, 8次（预计）): the number is not (all) held yet either.
NUMBER_PLANNED_NOTES: tuple[str, ...] = ("计划中", "预计", "拟", "计划")

# Units that may follow a number. Area units appear after NFKC folding (㎡ → m2, m² → m2).
AREA_UNITS: tuple[str, ...] = ("平方米", "平米", "平方", "m2", "米2", "sqm")
COUNT_UNITS: tuple[str, ...] = (
    "场次", "人次", "户", "人", "次", "个", "场", "间", "处", "名", "家", "支", "项", "期", "座", "栋", "套",
)
# Approximation words: read as the number itself ("约200" → 200, "200余" → 200).
APPROX_PREFIXES: tuple[str, ...] = (
    "大约", "约为", "约", "共计", "合计", "共", "计", "超过", "逾", "达", "不少于", "不低于", "至少", "大于", "≥", ">", ">=",
)
# Words that put the value below the number ("近900" is nearly 900, i.e. under it; "不足900", "900以下"): not
# the number itself, and no number to read either — the cell is invalid (cell.below_bound).
BELOW_PREFIXES: tuple[str, ...] = (
    "将近", "接近", "近", "不足", "不到", "少于", "低于", "未满", "不满", "未达", "不超过", "小于", "≤", "<",
)
BELOW_SUFFIXES: tuple[str, ...] = ("以下", "以内", "不到", "不足")
APPROX_SUFFIXES: tuple[str, ...] = ("余", "多", "左右", "以上", "+")
# Of those, the words that make the number a lower bound ("10余次", "200多", "900以上", "超过900"): the cell is read
# as that number, and a verdict its true value could overturn is not given (rules/base.py, numeric_outcome).
# Open bounds (no end: judged up to UNBOUNDED) and the 余 / 多 that end at the next step (10余 < 20).
# 逾 is the written form of 超过 ("逾10次": more than 10).
OPEN_BOUND_WORDS: tuple[str, ...] = ("以上", "+", "超过", "逾", "不少于", "不低于", "至少", "大于", "≥", ">")
LOWER_BOUND_WORDS: tuple[str, ...] = ("余", "多", *OPEN_BOUND_WORDS)
# Of those, the words that make the number approximate ("约5次", "900左右"): the true figure may be above or
# below it, so each rule is also judged at ±10 % of it (bounds.py) and a verdict that flips inside that band
# is not given (cell.approximate). 共计 / 合计 / 共 / 计 / 达 are totals, not approximations: exact.
APPROXIMATE_WORDS: tuple[str, ...] = ("大约", "约为", "约", "左右")
# Separators that make "150-200" a range (read as its lower bound, with a warning).
RANGE_SEPARATORS: tuple[str, ...] = ("-", "~", "至", "到", "—", "–", "〜")
# fmt: on



def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal or in an Excel column: East Asian wide and full-width
    characters count 2, anything else 1 (the one measure for inspect, the filled listings and xlsx)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

def fold(text: str) -> str:
    """The folding these tables assume: NFKC (full-width → half-width), whitespace collapsed, stripped.

    ``str.split()`` splits on exactly the characters ``\\s`` matches (checked over every code point) and
    is 3× faster than the regex on a 100,000-row name column."""
    return " ".join(unicodedata.normalize("NFKC", text).split())
