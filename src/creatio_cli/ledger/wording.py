"""How a header is worded: its concept words and its unit, read the way a person reads them.

``综合服务设施面积（平方米）`` → concept ``综合服务设施面积``, unit *area*; ``其中：活动用房面积(㎡)`` →
``活动用房面积``, *area*; ``参与志愿服务人次`` → ``参与志愿服务人次``, *person-times* (a unit written as the
last word); ``社区（村）名称`` → ``社区村名称`` (a parenthesis in the middle is part of the name). The
header matcher (``matcher.py``) compares these with a field's terms and unit.

Units are evidence and can veto: 户 is not 人, 人次 is neither 人 nor 次, 小时 is not a count of people,
and a percentage is not an area. A unit is read from a trailing parenthesis (``（户）``, ``(m2``, even
unclosed), from a unit glued to the end (``面积㎡``), or from the last word (``户数`` → households,
``人次`` → person-times, ``满意率`` → percent). Points (``（分）``, ``得分``, ``满分10分``) are a unit of their
own: a score on a scale is not a per cent.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Unit category → how offices write it (folded: NFKC, lower case, no spaces). Order matters within the
# suffix table below: longer words first (人次 before 次, 户数 before 户).
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "area": ("平方米", "平米", "平方", "m2", "㎡", "sqm", "平方公尺"),
    "households": ("户",),
    "persons": ("人", "名", "位"),
    # Counts in ten thousands (统计年鉴 style): the same concept at another scale, never a ledger's 人 or 户.
    "persons_10k": ("万人",),
    "households_10k": ("万户",),
    "person_times": ("人次",),
    "times": ("次", "场", "场次", "期", "次/年", "场/年"),
    "things": ("个", "间", "处", "所", "座", "支", "家", "项", "套"),
    "percent": ("%", "百分比", "百分点"),
    # Points on a scale (满意度（分）: 9.6 of 10): never a per cent, whatever the concept words say.
    "points": ("分", "分值", "得分", "评分", "分数", "打分"),
    "hours": ("小时", "h", "时", "小时/周", "h/周"),
    "yesno": ("是/否", "有/无", "√/×", "是否", "有无", "已建/未建", "y/n"),
    "money": ("元", "万元", "千元", "亿元", "万元/年"),
    "length": ("米", "m", "公里", "km", "千米"),
    "land": ("亩", "公顷", "平方公里", "km2"),
    "year": ("年",),
    "days": ("天", "日"),
}
_UNIT_OF: dict[str, str] = {word: kind for kind, words in UNIT_WORDS.items() for word in words}

# The last word of a header often is its unit ("户数", "人次", "满意率"). Checked longest first.
_SUFFIX_UNITS: tuple[tuple[str, str], ...] = tuple(sorted((
    ("人次", "person_times"), ("户数", "households"), ("户", "households"),
    ("人数", "persons"), ("人口", "persons"), ("人口数", "persons"), ("人员", "persons"),
    ("次数", "times"), ("场次", "times"), ("个数", "things"), ("间数", "things"),
    # A number of teams (志愿服务队数, 服务队伍数) counts teams, not their members.
    ("队数", "things"), ("队伍数", "things"), ("支数", "things"),
    ("面积", "area"), ("用房", "area"),
    ("率", "percent"), ("占比", "percent"), ("比例", "percent"), ("比重", "percent"), ("满意度", "percent"),
    ("得分", "points"), ("分值", "points"), ("评分", "points"), ("打分", "points"),
    ("时长", "hours"), ("小时", "hours"), ("工时", "hours"),
    ("金额", "money"), ("经费", "money"), ("资金", "money"), ("收入", "money"), ("投入", "money"),
    ("年份", "year"), ("日期", "date"), ("时间", "date"),
), key=lambda pair: -len(pair[0])))

# What a field's declared unit means (FieldSpec.unit), as a category.
FIELD_UNIT: dict[str, str] = {"㎡": "area", "m2": "area", "平方米": "area", "户": "households", "人": "persons",
                              "人次": "person_times", "次": "times", "场": "times", "个": "things", "间": "things",
                              "%": "percent", "小时": "hours", "元": "money", "万元": "money"}

_SPACES = re.compile(r"\s+")
_CIRCLED = re.compile("[\u2460-\u2473\u2776-\u277f\u24eb-\u24f4]")
# 其中：, #, *, （一）, 1., (2) — and a census form's item code (B56, A12-1) before the words.
_PREFIX = re.compile(r"^(?:其中[:：]?|#|\*|[(（]?[一二三四五六七八九十]{1,3}[)）、.．]|\d{1,2}[、.．)）](?!\d)|[(（]\d{1,2}[)）]"
                     r"|[a-gi-ln-z]\d{1,3}(?:-\d{1,2})?(?=[^\d.a-z]))+")  # not m2 / h5: units
# A leading scope phrase says where a count is kept, not what it counts: 在全国志愿服务信息系统中(的)注册志愿者数.
# (在册 — "on the register" — has no 中/上/里 after it, and stays.)
_SCOPE = re.compile(r"^在[^在，,。;；]{2,20}?[中上里]的?(?=.)")
# A parenthesis telling the person filling the form what to do (（可选）, （必填）, （盖章）, （需说明的情况）): not part of
# the concept, and not a unit.
_INSTRUCTION = re.compile(r"^(?:必填|选填|可选|非必填|可不填|可空|单选|多选|可多选|盖章|签章|签字|签名|签字盖章|[需请如若].{0,12})$")
_TRAILING = re.compile(r"[(（]([^()（）]*)[)）]?$")
_GLUED_UNIT = re.compile(r"(平方米|㎡|m2|%|％)$")
_PUNCT = re.compile(r"[\s:：、,，.。;；'\"‘’“”「」『』《》*＊※·…\-—_/\\|!！?？()（）\[\]【】〔〕{}<>]")
# A stated scale of points: 满分10分, 10分制, 百分制 (a score out of 100 is still a score, not a share).
_POINTS = re.compile(r"^(?:满分|总分)?\d*分制?$|^(?:满分|总分)\d+分?$|^[十百]分制$")
_YESNO = re.compile(r"(是|有|√|y).{0,2}(否|无|×|n)|\d\.?是.*\d\.?否")


@dataclass(frozen=True)
class Wording:
    """A header read: ``core`` (concept words, folded, no punctuation), ``unit`` (a category or None)
    and whether the unit was written (``explicit``) or read from the last word."""

    raw: str
    core: str
    unit: str | None
    explicit: bool
    part: bool = False  # written 其中… (of which): a part of the column before it


def fold(text: object) -> str:
    """NFKC (full → half width, ㎡ stays), circled numbers removed, spaces and line breaks removed, lower case."""
    text = _CIRCLED.sub("", str(text or ""))
    return _SPACES.sub("", unicodedata.normalize("NFKC", text).replace("\u3000", "")).lower()


def read(text: object) -> Wording:
    """The concept and unit of one header cell."""
    folded = fold(text)
    body = _PREFIX.sub("", folded)
    part = folded.startswith("其中")
    unit: str | None = None
    notes: list[str] = []
    for _ in range(3):  # 面积(㎡)(2022年): peel trailing parentheses
        found = _TRAILING.search(body)
        if not found:
            break
        inner = found.group(1)
        kind = _unit_of(inner)
        if found.start() == 0 and kind is None:  # （社区） alone is a name; a leaf （个） under a group is a unit
            break
        if kind is not None:
            unit = unit or kind
        elif _INSTRUCTION.match(inner):
            pass
        else:
            notes.insert(0, inner)  # 行政村(社区): a parenthesis that is part of the name
        body = body[:found.start()]
    if unit is None:
        glued = _GLUED_UNIT.search(body)
        if glued and glued.start() > 0:
            unit = _unit_of(glued.group(1))
            body = body[:glued.start()]
    core = _SCOPE.sub("", _PUNCT.sub("", body + "".join(notes)))
    if unit is not None:
        return Wording(str(text or ""), core, unit, True, part)
    for suffix, kind in _SUFFIX_UNITS:
        if core.endswith(suffix):
            return Wording(str(text or ""), core, kind, False, part)
    return Wording(str(text or ""), core, None, False, part)


def unit_only(text: object) -> str | None:
    """The unit category of a cell that is a unit and nothing else (``户``, ``㎡``, ``（人）``, ``%``): a units
    row under a header gives each column its unit this way. None for any other text."""
    folded = fold(text).strip("()")
    return _UNIT_OF.get(folded) if folded else None


def _unit_of(inner: str) -> str | None:
    """The unit category a parenthesis holds (``平方米``, ``户``, ``是/否``, ``1.是2.否``), or None."""
    word = _PUNCT.sub("", inner) if inner not in _UNIT_OF else inner
    if inner in _UNIT_OF:
        return _UNIT_OF[inner]
    if word in _UNIT_OF:
        return _UNIT_OF[word]
    if _YESNO.search(inner):
        return "yesno"
    if _POINTS.match(word):
        return "points"
    return None
