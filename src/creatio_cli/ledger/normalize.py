"""Cell normaliser: raw cell values (as python-calamine returns them) → typed values and cell states.

Kinds: number, percent (result in percent units: 13.5 means 13.5 %), yesno (1.0 / 0.0), count (whole
number ≥ 0), date (datetime.date), text (whitespace-collapsed string). States are rules.base.CELL_*:
blank → MISSING (never "no"); `/`, `—`, `-`, `无此项`, `不涉及` … → NA (also for text); unreadable text,
formula errors (`#REF!` …) and out-of-range values → INVALID with a reason (a catalogue code).

Notes:
- python-calamine 0.9 returns "" for cached formula-error cells, so the reader cannot tell them from
  blanks through calamine; the normaliser recognises error *text* (`#REF!`, from CSV copies or a reader
  that passes the error code through).
- Percent: a bare number ≤ 1 is a fraction (×100, rounded to 10 decimals), > 1 is already percent. In a
  column that mixes the two, the clear majority of its bare numbers decides and the cells that contradict
  it become invalid (``ledger.columns.normalize_column``: the rule needs the whole column). A text cell
  with numbers ≤ 1 and no % sign (``0.9以上``, ``0.95-0.98``) is a fraction only in a column of fractions.
- Parenthesised notes after a number (`320（其中活动用房210）`) are dropped silently; ranges warn.

Whole columns: ledger.columns.normalize_column. Timings (normalize_column, 100,000 cells, best of 5, Python 3.11, this dev machine):
  floats, number/percent ≈ 58 ms (≈ 55 ms of it was building ``raw``, now formatted on demand);
  ints, count ≈ 33 ms; Excel serials, date ≈ 33 ms; strings with 50 distinct values, number ≈ 16 ms;
  yes/no strings ≈ 17 ms; mixed floats/strings ≈ 31 ms; 100,000 distinct number strings ≈ 350 ms.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from creatio_cli.ledger import tokens as T
from creatio_cli.ledger.dates import find_date_in_text, parse_date
from creatio_cli.ledger.tokens import fold as _fold
from creatio_cli.messages import Message
from creatio_cli.status import CELL_INVALID, CELL_MISSING, CELL_NA, CELL_OK

__all__ = [
    "KINDS",
    "Parsed",
    "display_text",
    "find_date_in_text",
    "parse_cell",
    "parse_date",
]

KINDS = ("number", "percent", "yesno", "count", "date", "text")
_NUMERIC_KINDS = frozenset({"number", "percent", "yesno", "count"})


@dataclass(frozen=True, slots=True)
class Parsed:
    """One normalised cell: its typed value (None unless state is CELL_OK), state, warning and reason."""

    value: float | str | dt.date | None
    state: int
    warning: Message | None = None  # e.g. a range read as its lower bound
    # A catalogue code: why the cell is invalid (cell.not_number …); on a readable cell, LOWER_BOUND only.
    reason: str | None = None


#: The reason a readable cell carries when it gives only a lower bound ("10余", "200以上", "150-200"): a rule
#: whose verdict the true value could overturn makes it invalid, with this reason (rules/base.py).
LOWER_BOUND = "cell.lower_bound"
#: The reason a readable cell carries when its number is approximate ("约5次", "900左右"): read as the number,
#: judged again at ±:data:`APPROXIMATE_BAND` of it, and invalid with this reason where the verdicts differ.
APPROXIMATE = "cell.approximate"
#: The band an approximate figure is judged across: ±10 %. Offices round 约 figures to a "round" number, and
#: 10 % covers rounding to the leading digit of two-digit figures (约30 for 27 … 33) without swallowing
#: every verdict of larger ones.
APPROXIMATE_BAND = 0.10


_MISSING = Parsed(None, CELL_MISSING)
_NA = Parsed(None, CELL_NA)
_YES = Parsed(1.0, CELL_OK)
_NO = Parsed(0.0, CELL_OK)

_WS_NOT_BETWEEN_DIGITS = re.compile(r"(?<!\d)\s+|\s+(?!\d)")
_NUM = r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?"


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT = rf"(?:{_alt(T.AREA_UNITS + T.COUNT_UNITS + ('%',))})"
_APPROX = rf"(?:{_alt(T.APPROX_SUFFIXES)})"
_LEAD = re.compile(rf"(?:{_alt(T.APPROX_PREFIXES)})?({_NUM})({_APPROX})?({_UNIT})?{_APPROX}?")
_RANGE_TAIL = re.compile(
    rf"(?:{_alt(T.RANGE_SEPARATORS)})(?:{_alt(T.APPROX_PREFIXES)})?({_NUM})(?:{_APPROX})?({_UNIT})?{_APPROX}?"
)
_BELOW = re.compile(rf"(?:{_alt(T.BELOW_PREFIXES)}){_NUM}|{_NUM}(?:{_UNIT})?(?:{_alt(T.BELOW_SUFFIXES)})")
# A figure written as a sum of parts, "5+2", "3（线上）+4（线下）": which parts count is the office's call, and
# read up to the note it was the first part alone. A + with no number after it ("10+") is a lower bound.
_SUM = re.compile(r"\d.*?(?<!e)\+\d")
_NOTE_TAIL = re.compile(r"[(\[【]|[,;:，；：]\D")
_YESNO_NOTE = re.compile(r"[(\[【,;:，；：、]")
_YESNO_CLAUSE = re.compile(r"[()\[\]【】,;:，；：、。.!！?？]+")
# A date in a yes/no note: a year (2023年, 2023.6, 2023-06) or a month (6月, 十月底).
_YES_NOTE_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:年|[./-]\d)|(?:(?<!\d)\d{1,2}|[一二三四五六七八九十]{1,3})月")
# A note after a number saying it includes planned or expected items (含计划, 包括预计 …, not 不含计划), or a
# note clause that is only "planned" (计划中): tokens.NUMBER_PLANNED_WORDS.
_PLANNED = re.compile(rf"(?<![不未没无])(?:{_alt(T.NUMBER_INCLUDES_WORDS)})[^,;:，；：()\[\]【】]*?"
                      rf"(?:{_alt(T.NUMBER_PLANNED_WORDS)})"
                      rf"|^[(\[【,;:，；：]*(?:{_alt(T.NUMBER_PLANNED_NOTES)})[)\]】]?$")
# The words that make a number a lower bound or approximate, found in the number's own text (one search each:
# every text cell of a 100,000-row column passes here).
_LOWER_WORD = re.compile(_alt(T.LOWER_BOUND_WORDS))
_APPROX_WORD = re.compile(_alt(T.APPROXIMATE_WORDS))
_NO_NOTE_YES = re.compile(rf"(?<![未没不无非尚暂原曾])(?:{_alt(T.NO_NOTE_YES_WORDS)})")
_AREA = frozenset(T.AREA_UNITS)
_COUNT = frozenset(T.COUNT_UNITS)


def _fmt(v: float) -> str:
    return str(int(v)) if v.is_integer() and abs(v) < 1e16 else str(v)


def display_text(raw: object) -> str | None:
    """The cell as the user sees it (None when blank): 420.0 → "420", dates ISO, bools TRUE/FALSE."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip()
        return text or None
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return None if math.isnan(raw) else _fmt(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    return str(raw)


def _invalid(reason: str) -> Parsed:
    return Parsed(None, CELL_INVALID, reason=reason)


def _check_number(v: float, kind: str, allow_negative: bool, is_pct: bool = False) -> Parsed:
    """Kind rules for a finite-or-not float already read from the cell."""
    if math.isnan(v):
        return _MISSING
    if not math.isfinite(v):
        return _invalid("cell.not_finite")
    if kind == "yesno":
        return Parsed(v, CELL_OK) if v in (0.0, 1.0) else _invalid("cell.not_yesno")
    if v < 0 and not (allow_negative and kind == "number"):
        return _invalid("cell.negative")
    if kind == "count" and not v.is_integer():
        return _invalid("cell.not_integer")
    if kind == "percent":
        if not is_pct and v <= 1.0:
            v = float(np.round(v * 100.0, 10))
        if v > 100.0:
            return _invalid("cell.over_100")
    return Parsed(v, CELL_OK)


def _unit_ok(unit: str | None, kind: str) -> bool:
    if unit is None:
        return True
    if kind == "percent":
        return unit == "%"
    if kind == "count":
        return unit in _COUNT
    return unit in _AREA or unit in _COUNT  # number


def _parse_number_text(text: str, kind: str, allow_negative: bool, shown: str) -> Parsed:
    s = _WS_NOT_BETWEEN_DIGITS.sub("", text).lower()
    if "+" in s and _SUM.search(s):
        return _invalid("cell.sum_of_parts")
    if _BELOW.match(s):  # "近900", "不足900", "900以下": below the number, not the number
        return _invalid("cell.below_bound")
    m = _LEAD.match(s)
    if m is None:
        return _invalid("cell.not_number")
    num, unit = m.group(1), m.group(3)
    if "e" in num:  # "1e1": no office types a count that way (a number Excel stores is a float, not this text)
        return _invalid("cell.scientific_text")
    rest, warning = s[m.end() :], None
    if rest:
        r = _RANGE_TAIL.fullmatch(rest)
        if r is not None and not num.startswith(("-", "+")):
            unit = unit or r.group(2)
            if r.group(2) is not None and not _unit_ok(r.group(2), kind):
                return _invalid("cell.unit_mismatch")
            if "e" in r.group(1):
                return _invalid("cell.scientific_text")
            if float(r.group(1).replace(",", "")) < float(num.replace(",", "")):
                return _invalid("cell.not_number")
            warning = Message("cell.range_lower_bound", {"raw": shown, "low": num.replace(",", "")})
        elif not _NOTE_TAIL.match(rest):
            return _invalid("cell.not_number")
        elif _PLANNED.search(rest):  # 12次（含计划）: fewer than 12 were held, how many fewer is not written
            return _invalid("cell.includes_planned")
    if not _unit_ok(unit, kind):
        return _invalid("cell.unit_mismatch")
    v = float(num.replace(",", ""))
    parsed = _check_number(v, kind, allow_negative, is_pct=unit == "%")
    lower = warning is not None or _LOWER_WORD.search(s, 0, m.end()) is not None
    if lower and parsed.state == CELL_OK:
        return Parsed(parsed.value, CELL_OK, warning=warning, reason=LOWER_BOUND)
    # 约 / 左右 before or after the number (not in a trailing note): the number is only about right.
    if parsed.state == CELL_OK and _APPROX_WORD.search(s, 0, m.end()) is not None:
        return Parsed(parsed.value, CELL_OK, warning=warning, reason=APPROXIMATE)
    return parsed


#: The upper end of an open lower bound ("900以上", "超过900"): no figure an office would reach.
UNBOUNDED = 1e9


def upper_bound(raw: object, kind: str) -> float:
    """The top of the values a lower-bound cell (reason :data:`LOWER_BOUND`) allows: a range's second number
    ("150-200" → 200); 余 / 多 the next step of the last non-zero digit ("10余" → 20, "200多" → 300: 200-odd
    is under 300); 以上 / 超过 / + unbounded. A percent never exceeds 100."""
    top = 100.0 if kind == "percent" else UNBOUNDED
    if not isinstance(raw, str):
        return top
    s = _WS_NOT_BETWEEN_DIGITS.sub("", _fold(raw)).lower()
    m = _LEAD.match(s)
    if m is None:
        return top
    low = float(m.group(1).replace(",", ""))
    if r := _RANGE_TAIL.fullmatch(s[m.end():]):
        high = float(r.group(1).replace(",", ""))
        return min(high if kind != "percent" or "%" in s or high > 1 else high * 100, top)
    if any(w in s[: m.end()] for w in T.OPEN_BOUND_WORDS) or not low.is_integer() or low <= 0:
        return top
    step = 1
    while low % (step * 10) == 0:
        step *= 10
    return min(low + step, top)


def percent_text_numbers(text: str) -> tuple[float, float] | None:
    """A percent text cell's lowest and highest number when written without a % sign ("0.95-0.98" → (0.95, 0.98),
    "1以上" → (1, 1), "约0.9" → (0.9, 0.9)); None when it has a % sign or no leading number."""
    s = _WS_NOT_BETWEEN_DIGITS.sub("", _fold(text)).lower()
    m = _LEAD.match(s)
    if m is None or "%" in s:
        return None
    low = high = float(m.group(1).replace(",", ""))
    if r := _RANGE_TAIL.fullmatch(s[m.end():]):
        high = float(r.group(1).replace(",", ""))
    return low, high


def _parse_yesno(key: str) -> Parsed:
    """A yes/no answer; "有（200㎡）", "是，已挂牌": the answer before a bracketed or comma-separated note counts,
    unless the note after a yes says "not yet" (是（在建） → no), holds back, says it is gone or dates it
    (有，但未挂牌, 是（已拆除）, 是（2023年建成） → invalid: ask), or the note after a no says yes
    (否（已建） → invalid)."""
    if key in T.YES_TOKENS:
        return _YES
    if key in T.NO_TOKENS:
        return _NO
    head = _YESNO_NOTE.split(key, maxsplit=1)[0]
    note = key[len(head):]
    if head in T.NO_TOKENS:
        if _NO_NOTE_YES.search(note) and not any(word in note for word in T.NO_NOTE_NOT_YET):
            return _invalid("cell.no_contradicted")
        return _NO
    if head not in T.YES_TOKENS:
        return _invalid("cell.not_yesno")
    if any(clause in T.NOT_YET_TOKENS for clause in _YESNO_CLAUSE.split(note)):
        return _NO
    for word in T.YES_NOTE_WORDS_NOT_QUALIFIERS:
        note = note.replace(word, "")
    if (any(word in note for word in T.YES_QUALIFIERS + T.YES_GONE_OR_LATER)
            or _YES_NOTE_DATE.search(note)
            or any(clause in T.NO_TOKENS for clause in _YESNO_CLAUSE.split(note))):
        return _invalid("cell.yes_qualified")
    return _YES


def _parse_text(text: str, kind: str, allow_negative: bool) -> Parsed:
    folded = _fold(text)
    if not folded:
        return _MISSING
    key = folded.replace(" ", "").lower()
    if key in T.NA_TOKENS:
        return _NA
    if key.upper() in T.FORMULA_ERRORS:
        return _invalid("cell.formula_error")
    if kind == "text":
        return Parsed(folded, CELL_OK)
    if kind == "yesno":
        return _parse_yesno(key)
    if kind == "date":
        found = parse_date(folded)
        return Parsed(found, CELL_OK) if found else _invalid("cell.not_date")
    return _parse_number_text(folded, kind, allow_negative, text.strip())


def parse_cell(raw: object, kind: str, *, allow_negative: bool = False) -> Parsed:
    """Normalise one raw cell for a field of ``kind``; never raises for any cell value."""
    if kind not in KINDS:
        raise ValueError(f"unknown field kind {kind!r}")
    if raw is None:
        return _MISSING
    if isinstance(raw, str):
        return _parse_text(raw, kind, allow_negative)
    if kind == "text":
        shown = display_text(raw)
        return _MISSING if shown is None else Parsed(shown, CELL_OK)
    if isinstance(raw, bool):
        if kind == "yesno":
            return Parsed(1.0 if raw else 0.0, CELL_OK)
        return _invalid("cell.bool_not_number" if kind != "date" else "cell.not_date")
    if kind == "date":
        if isinstance(raw, float) and math.isnan(raw):
            return _MISSING
        found = parse_date(raw)
        return Parsed(found, CELL_OK) if found else _invalid("cell.not_date")
    if isinstance(raw, int | float):
        try:
            return _check_number(float(raw), kind, allow_negative)
        except OverflowError:
            return _invalid("cell.not_finite")
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        return _invalid("cell.datetime_not_number")
    return _invalid("cell.unrecognised")
