"""Cell normaliser: raw cell values (as python-calamine returns them) → typed values and cell states.

Kinds: number, percent (result in percent units: 13.5 means 13.5 %), yesno (1.0 / 0.0), count (whole
number ≥ 0), date (datetime.date), text (whitespace-collapsed string). States are rules.base.CELL_*:
blank → MISSING (never "no"); `/`, `—`, `-`, `无此项`, `不涉及` … → NA (also for text); unreadable text,
formula errors (`#REF!` …) and out-of-range values → INVALID with a short Chinese reason.

Notes:
- python-calamine 0.9 returns "" for cached formula-error cells, so the reader cannot tell them from
  blanks through calamine; the normaliser recognises error *text* (`#REF!`, from CSV copies or a reader
  that passes the error code through).
- Percent: a bare number ≤ 1 is a fraction (×100, rounded to 10 decimals), > 1 is already percent.
- Parenthesised notes after a number (`320（其中活动用房210）`) are dropped silently; ranges warn.

Timings (normalize_column, 100,000 cells, best of 5, Python 3.11, this dev machine):
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
from creatio_cli.ledger.dates import _SERIAL_MAX, _SERIAL_MIN, find_date_in_text, parse_date
from creatio_cli.ledger.tokens import fold as _fold
from creatio_cli.rules.base import CELL_INVALID, CELL_MISSING, CELL_NA, CELL_OK

__all__ = [
    "KINDS",
    "NormalizedColumn",
    "Parsed",
    "display_text",
    "find_date_in_text",
    "normalize_column",
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
    warning: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class NormalizedColumn:
    """A normalised column: typed values, int8 states, the cells as read, warnings and invalid reasons."""

    values: np.ndarray  # float64 (NaN where not OK) for numeric kinds; object (None where not OK) otherwise
    states: np.ndarray  # int8
    cells: Sequence[object]
    warnings: list[tuple[int, str]]
    reasons: dict[int, str]

    @property
    def raw(self) -> list[str | None]:
        """Each cell as the user sees it (``display_text``), formatted on demand.

        The ledger frame keeps the cells as read and the engine formats only the cells its findings cite:
        formatting all of them was ~1.5 s of a 100,000-row check (bench/README.md, P3).
        """
        return [display_text(c) for c in self.cells]


_MISSING = Parsed(None, CELL_MISSING)
_NA = Parsed(None, CELL_NA)

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
_NOTE_TAIL = re.compile(r"[(\[【]|[,;:，；：]\D")
_YESNO_NOTE = re.compile(r"[(\[【,;:，；：、]")
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
        return _invalid("不是有限数字")
    if kind == "yesno":
        return Parsed(v, CELL_OK) if v in (0.0, 1.0) else _invalid("不是是/否")
    if v < 0 and not (allow_negative and kind == "number"):
        return _invalid("不能为负数")
    if kind == "count" and not v.is_integer():
        return _invalid("不是整数")
    if kind == "percent":
        if not is_pct and v <= 1.0:
            v = float(np.round(v * 100.0, 10))
        if v > 100.0:
            return _invalid("超过100%")
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
    m = _LEAD.match(s)
    if m is None:
        return _invalid("不是数字")
    num, unit = m.group(1), m.group(3)
    rest, warning = s[m.end() :], None
    if rest:
        r = _RANGE_TAIL.fullmatch(rest)
        if r is not None and not num.startswith(("-", "+")):
            unit = unit or r.group(2)
            if r.group(2) is not None and not _unit_ok(r.group(2), kind):
                return _invalid("单位不符")
            if float(r.group(1).replace(",", "")) < float(num.replace(",", "")):
                return _invalid("不是数字")
            warning = f"区间“{shown}”按下限{num.replace(',', '')}计"
        elif not _NOTE_TAIL.match(rest):
            return _invalid("不是数字")
    if not _unit_ok(unit, kind):
        return _invalid("单位不符")
    v = float(num.replace(",", ""))
    parsed = _check_number(v, kind, allow_negative, is_pct=unit == "%")
    if warning and parsed.state == CELL_OK:
        return Parsed(parsed.value, CELL_OK, warning=warning)
    return parsed


def _parse_text(text: str, kind: str, allow_negative: bool) -> Parsed:
    folded = _fold(text)
    if not folded:
        return _MISSING
    key = folded.replace(" ", "").lower()
    if key in T.NA_TOKENS:
        return _NA
    if key.upper() in T.FORMULA_ERRORS:
        return _invalid(f"公式错误 {key.upper()}")
    if kind == "text":
        return Parsed(folded, CELL_OK)
    if kind == "yesno":
        # "有（200㎡）", "是，已挂牌": the answer before a bracketed or comma-separated note counts.
        for candidate in (key, _YESNO_NOTE.split(key, maxsplit=1)[0]):
            if candidate in T.YES_TOKENS:
                return Parsed(1.0, CELL_OK)
            if candidate in T.NO_TOKENS:
                return Parsed(0.0, CELL_OK)
        return _invalid("不是是/否")
    if kind == "date":
        found = parse_date(folded)
        return Parsed(found, CELL_OK) if found else _invalid("不是日期")
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
        return _invalid("是逻辑值，不是数字" if kind != "date" else "不是日期")
    if kind == "date":
        if isinstance(raw, float) and math.isnan(raw):
            return _MISSING
        found = parse_date(raw)
        return Parsed(found, CELL_OK) if found else _invalid("不是日期")
    if isinstance(raw, int | float):
        try:
            return _check_number(float(raw), kind, allow_negative)
        except OverflowError:
            return _invalid("不是有限数字")
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        return _invalid("是日期或时间，不是数字")
    return _invalid("无法识别")


_FAST_TYPES = frozenset({float, int, np.float64, np.int64})


def _check_vector(v: np.ndarray, kind: str, allow_negative: bool) -> tuple[np.ndarray, np.ndarray, dict]:
    """Vectorised ``_check_number`` / float branch of ``parse_date``: values, states, reason → mask."""
    nan = np.isnan(v)
    finite = np.isfinite(v)
    states = np.where(nan, CELL_MISSING, CELL_OK).astype(np.int8)
    bad: dict[str, np.ndarray] = {}
    if kind == "date":
        ok = finite & (v >= _SERIAL_MIN) & (v <= _SERIAL_MAX)
        days = np.floor(np.where(ok, v, _SERIAL_MIN)).astype("timedelta64[D]")
        values = (np.datetime64("1899-12-30") + days).astype(object)
        values[~ok] = None
        bad["不是日期"] = ~ok & ~nan
    else:
        bad["不是有限数字"] = ~finite & ~nan
        values = np.where(finite, v, np.nan)
        if kind == "yesno":
            bad["不是是/否"] = finite & (v != 0.0) & (v != 1.0)
        else:
            neg = finite & (v < 0) if not (allow_negative and kind == "number") else np.zeros_like(finite)
            bad["不能为负数"] = neg
            rest = finite & ~neg
            if kind == "count":
                bad["不是整数"] = rest & (v != np.floor(np.where(finite, v, 0.0)))
            if kind == "percent":
                frac = rest & (v <= 1.0)
                values[frac] = np.round(v[frac] * 100.0, 10)
                bad["超过100%"] = rest & (values > 100.0)
    for mask in bad.values():
        states[mask] = CELL_INVALID
        values[mask] = np.nan if values.dtype == np.float64 else None
    return values, states, bad


def _vector_cells(vals: Sequence[object], kind: str, allow_negative: bool) -> tuple:
    """Float/int cells checked with numpy: values, states, and reason → positions within ``vals``."""
    try:
        fv = np.asarray(vals, dtype=np.float64)
    except OverflowError:  # ints beyond float range
        fv = np.array([float(x) if abs(x) < 2**1023 else math.inf for x in vals])  # type: ignore[arg-type]
    values, states, bad = _check_vector(fv, kind, allow_negative)
    return values, states, {reason: np.flatnonzero(mask).tolist() for reason, mask in bad.items()}


def normalize_column(cells: Sequence[object], kind: str, *, allow_negative: bool = False) -> NormalizedColumn:
    """Normalise a whole column; element-wise equal to ``parse_cell`` on each cell.

    Float/int cells of numeric and date kinds are checked with numpy; every other cell is parsed once
    per distinct value (memoised within the column).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown field kind {kind!r}")
    vector_ok = kind in _NUMERIC_KINDS or kind == "date"
    if vector_ok and set(map(type, cells)) <= _FAST_TYPES:  # all float/int: no per-cell parsing
        values, states, bad = _vector_cells(cells, kind, allow_negative)
        reasons = {i: reason for reason, idx in bad.items() for i in idx}
        return NormalizedColumn(values, states, cells, [], dict(sorted(reasons.items())))
    uniq: list[Parsed] = []
    cache: dict[object, int] = {}
    codes = [0] * len(cells)
    fast_idx: list[int] = []
    fast_vals: list[object] = []
    for i, c in enumerate(cells):
        t = type(c)
        if vector_ok and t in _FAST_TYPES:
            fast_idx.append(i)
            fast_vals.append(c)
            codes[i] = -1
            continue
        key = c if t is str else (t, c)
        try:
            k = cache.get(key)
        except TypeError:  # unhashable cell: parse without memo
            k, key = None, None
        if k is None:
            k = len(uniq)
            uniq.append(parse_cell(c, kind, allow_negative=allow_negative))
            if key is not None:
                cache[key] = k
        codes[i] = k
    uniq.append(Parsed(None, CELL_OK))  # sentinel for vectorised cells (code -1)
    code_arr = np.asarray(codes, dtype=np.intp)
    u_states = np.array([p.state for p in uniq], dtype=np.int8)
    if kind in _NUMERIC_KINDS:
        u_vals = np.array([np.nan if p.value is None else p.value for p in uniq], dtype=np.float64)
    else:
        u_vals = np.empty(len(uniq), dtype=object)
        u_vals[:] = [p.value for p in uniq]
    values = u_vals[code_arr]
    states = u_states[code_arr]
    reasons: dict[int, str] = {}
    if fast_idx:
        fidx = np.asarray(fast_idx, dtype=np.intp)
        values[fidx], states[fidx], bad = _vector_cells(fast_vals, kind, allow_negative)
        reasons.update((fast_idx[j], reason) for reason, idx in bad.items() for j in idx)
    has_warning = np.array([p.warning is not None for p in uniq])
    has_reason = np.array([p.reason is not None for p in uniq])
    warnings = [(i, uniq[codes[i]].warning) for i in np.flatnonzero(has_warning[code_arr]).tolist()]
    for i in np.flatnonzero(has_reason[code_arr]).tolist():
        reasons[i] = uniq[codes[i]].reason  # type: ignore[assignment]
    return NormalizedColumn(values, states, cells, warnings, dict(sorted(reasons.items())))  # type: ignore[arg-type]
