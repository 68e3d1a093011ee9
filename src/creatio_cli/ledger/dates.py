"""Dates in ledger cells and title rows: Excel serials, date objects, and the usual written forms."""

from __future__ import annotations

import datetime as dt
import math
import re

from creatio_cli.ledger.tokens import fold as _fold

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000  # 1954-10-03 … 2119-01-09
# 2022年6月30日, or 2022.6.30 / 2022/6/30 / 2022-6-30 with one separator throughout: "2022年1-6月" (January to
# June) is no date of 6 January.
_DATE_BODY = r"(\d{4})\s*(?:年|(?P<sep>[./-]))\s*(\d{1,2})\s*(?(sep)(?P=sep)|月)\s*(\d{1,2})\s*[日号]?"
_DATE_FULL = re.compile(rf"{_DATE_BODY}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATE_SERIAL = re.compile(r"\d{5}(?:\.\d*)?")
_DATE_SEARCH = re.compile(rf"(?<!\d){_DATE_BODY}")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "O": 0, "o": 0}
_CN = "一二三四五六七八九十"
_CN_DATE = re.compile(rf"([〇零Oo一二三四五六七八九]{{4}})年([{_CN}]{{1,2}})月([{_CN}]{{1,3}})日")
# A period written in a title, "2022年1月1日至2022年6月30日" or "…至6月30日": the ledger is as of its end.
_RANGE_TO = re.compile(
    r"\s*(?:至|到|~|～|—+|－|-)\s*(?:"
    r"(?:(?P<y1>\d{4})\s*年\s*)?(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号]?"  # …至2022年6月30日 / …至6月30日
    r"|(?:(?P<y2>\d{4})\s*(?P<sep>[./-])\s*(?P<m2>\d{1,2})\s*(?P=sep)|(?P<m3>\d{1,2})\s*[./-])\s*(?P<d2>\d{1,2}))"
)  # the end's separators agree as in _DATE_BODY: "至2022年1-6月" is no day
_RANGE_START = re.compile(r"\s*(?:至|到|~|～|—+)")
_DATE_CUE = re.compile(r"(截至|截止|截止到|截止日期|填报日期|填表日期|统计日期|日期)\s*[:：]?\s*$")


def _serial_to_date(v: float) -> dt.date | None:
    """Excel 1900-system serial (fraction = time of day, dropped); None outside 20000–80000."""
    if _SERIAL_MIN <= v <= _SERIAL_MAX:
        return _EXCEL_EPOCH + dt.timedelta(days=math.floor(v))
    return None


def _ymd(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def parse_date(raw: object) -> dt.date | None:
    """A date from a cell: date/datetime, Excel serial (20000–80000), or `2022年6月30日`, `2022.6.30`,
    `2022/6/30`, `2022-06-30`, `20220630`. None when the cell is not a date."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        return _serial_to_date(raw) if _SERIAL_MIN <= raw <= _SERIAL_MAX else None
    if not isinstance(raw, str):
        return None
    text = _arabic_dates(_fold(raw))
    if m := _DATE_FULL.fullmatch(text):
        return _ymd(m.group(1), m.group(3), m.group(4))
    if m := _DATE_COMPACT.fullmatch(text):
        return _ymd(*m.groups())
    return _serial_to_date(float(text)) if _DATE_SERIAL.fullmatch(text) else None


def _cn_number(text: str) -> str:
    """一 … 三十一 → "1" … "31"; year digits 二〇二二 → "2022"."""
    if "十" not in text:
        return "".join(str(_CN_DIGITS[c]) for c in text)
    tens, _, ones = text.partition("十")
    return str(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0))


def _arabic_dates(text: str) -> str:
    """Rewrite dates in Chinese numerals (二〇二二年六月三十日, usual in official titles) as 2022年6月30日."""
    if "年" not in text:
        return text
    return _CN_DATE.sub(lambda m: "{}年{}月{}日".format(*map(_cn_number, m.groups())), text)


def find_date_in_text(text: str) -> dt.date | None:
    """The as-of date in a title or 填报日期 line: the end of a period (…至…) or a date after 截至/截止/填报日期
    wins, else the first date.

    "XX区2022年社区创建工作台账（截至2022年6月30日）" → 2022-06-30; "填报日期：2022.6.30" → 2022-06-30;
    "（2022年1月1日至2022年6月30日）" and "（2022年1月1日—6月30日）" → 2022-06-30; a period without days
    ("2022年1-6月", "2022年上半年", "2022年度", "2022年前三季度", "2022年度（第三季度）", "2022年…截至9月底")
    → its last day, or today while it is still running.
    """
    folded = _arabic_dates(_fold(text))
    first = None
    for m in _DATE_SEARCH.finditer(folded):
        found = _ymd(m.group(1), m.group(3), m.group(4))
        if found is None:
            continue
        if end := _range_end(folded, m.end(), found):
            return end
        if _RANGE_START.match(folded, m.end()):  # "2022年1月1日至今", or an end we cannot read: a start, no as-of
            continue
        if _DATE_CUE.search(folded[max(0, m.start() - 8) : m.start()]):
            return found
        first = first or found
    cued = _cue_month(folded)
    if isinstance(cued, _MonthEnd):
        cued = dt.date(cued.year, cued.month, cued.day)  # a period's end, as such subject to the rule below
    elif cued is not None:
        return cued  # 截至9月30日 under a 2022年 title: a day written out is the office's word
    end = cued or _period_end(folded) or first or _year_end(folded)
    if end is not None and end is not first and end > today():
        # A period still running (a 2026年度 or 2026年下半年 ledger filled in during 2026) is as of today,
        # never of its future end: that would judge every community at 100 % of the schedule.
        return today()
    return end


def today() -> dt.date:
    """The clock, for a period still running (one place, so tests can set it)."""
    return dt.date.today()


# A period without a day: 2022年1-6月 / 2022年1月-6月 / 2022年1至6月, 2022年上半年, 2022年第二季度, 2022年6月 — as of
# its last day (a ledger of June is as of 30 June). A full date with 截至 or a range of days is read first.
_MONTHS = re.compile(r"(\d{4})\s*年\s*(?:\d{1,2}\s*月?\s*(?:-|—+|~|～|至|到)\s*)?(\d{1,2})\s*月(?!\s*\d)")
_HALF = re.compile(r"(\d{4})\s*年\s*(?:度\s*)?(上|下)半年")
# 第三季度 / 三季度 / 前三季度 / 前两个季度: the first N quarters end where the Nth does.
_QUARTER_WORD = r"(?:第|前)?\s*([一二两三四1-4])\s*个?\s*季度"
_QUARTER = re.compile(rf"(\d{{4}})\s*年\s*(?:度\s*)?{_QUARTER_WORD}")
_QUARTERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# The same periods written apart from their year, which the title gives once: 2022年度社区台账（第三季度） is
# the third quarter of 2022 (the quarter qualifies the year), 2022年社区台账（1-9月） is as of 30 September.
_LOOSE_QUARTER = re.compile(_QUARTER_WORD)
_LOOSE_HALF = re.compile(r"(上|下)半年")
_LOOSE_MONTHS = re.compile(r"(?<!\d)\d{1,2}\s*月?\s*(?:-|—+|~|～|至|到)\s*(\d{1,2})\s*月(?!\s*\d)")
# The years a title names (2022年, 2022年度): a period without its own year takes the title's only one.
_TITLE_YEARS = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*(?:年|[-—–~至到]\s*(?:19|20)\d\d\s*年))")
# 截至9月底 / 截至9月末 / 截止到10月 / 截至9月30日: a month (or day) without its year, taken from the title
# (清河街道2022年社区台账（数据截至9月底）); a title naming two years gives none.
_CUE_MONTH = re.compile(r"(?:截至|截止)(?:到|至)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|底|末|份)?")


class _MonthEnd(dt.date):
    """A month's last day read from 截至9月底 (a period end, not a day written out)."""


# A whole year: 2022年度, 2022年全年 — as of 31 December, but only when the title has no other date (a bare
# 2022年 names the campaign year of a ledger filled in at any time of it, and stays no date).
_YEAR_PERIOD = re.compile(r"(?<!\d)(\d{4})\s*年\s*(?:度|全年)")


def _year_end(text: str) -> dt.date | None:
    """31 December of a year written as the period (``_YEAR_PERIOD``), or None."""
    m = _YEAR_PERIOD.search(text)
    return dt.date(int(m.group(1)), 12, 31) if m and 1900 <= int(m.group(1)) <= 2200 else None


def _period_end(text: str) -> dt.date | None:
    """The last day of a period written without days (see ``_MONTHS``), or None."""
    if m := _MONTHS.search(text):
        year, month = int(m.group(1)), int(m.group(2))
    elif m := _HALF.search(text):
        year, month = int(m.group(1)), 6 if m.group(2) == "上" else 12
    elif m := _QUARTER.search(text):
        year, month = int(m.group(1)), 3 * _QUARTERS[m.group(2)]
    else:
        return _loose_period_end(text)
    return _month_end(year, month)


def _month_end(year: int, month: int) -> dt.date | None:
    """The last day of ``month`` of ``year`` (None for no month)."""
    if not 1 <= month <= 12:
        return None
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _title_year(text: str) -> int | None:
    """The one year ``text`` names (2022年 / 2022年度), or None for none or several (2021—2022年)."""
    years = set(_TITLE_YEARS.findall(text))
    return int(years.pop()) if len(years) == 1 else None


def _loose_period_end(text: str) -> dt.date | None:
    """The end of a quarter, half or months range written apart from the title's one year, or None."""
    if m := _LOOSE_MONTHS.search(text):
        month = int(m.group(1))
    elif m := _LOOSE_QUARTER.search(text):
        month = 3 * _QUARTERS[m.group(1)]
    elif m := _LOOSE_HALF.search(text):
        month = 6 if m.group(1) == "上" else 12
    else:
        return None
    year = _title_year(text)
    return _month_end(year, month) if year is not None else None


def _cue_month(text: str) -> dt.date | None:
    """截至9月30日 → that day, 截至9月底 / 截至10月 → that month's last day (a ``_MonthEnd``), of the title's
    one year; None without a 截至 month or without one year to put it in."""
    m = _CUE_MONTH.search(text)
    year = _title_year(text) if m else None
    if m is None or year is None:
        return None
    if m.group(2):
        return _ymd(str(year), m.group(1), m.group(2))
    end = _month_end(year, int(m.group(1)))
    return _MonthEnd(end.year, end.month, end.day) if end is not None else None


def names_period(text: str) -> bool:
    """Whether ``text`` writes a period (a quarter, half, months, 截至 a month, a year 年度): its end is the
    ledger's as-of date, before a 填报日期 written after it (``periods.title_date``)."""
    folded = _arabic_dates(_fold(text))
    return (_cue_month(folded) or _period_end(folded) or _year_end(folded)) is not None


def _range_end(text: str, after: int, start: dt.date) -> dt.date | None:
    """The end of a period that starts with the date ending at ``after`` (至 / 到 / — and a later date)."""
    m = _RANGE_TO.match(text, after)
    if m is None:
        return None
    year = m.group("y1") or m.group("y2") or str(start.year)
    end = _ymd(year, m.group("m1") or m.group("m2") or m.group("m3"), m.group("d1") or m.group("d2"))
    return end if end is not None and end >= start else None
