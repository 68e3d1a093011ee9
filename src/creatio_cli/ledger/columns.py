"""Whole-column normalisation: ``parse_cell`` applied to a column, vectorised where the cells allow.

Float/int cells (what calamine returns for numbers and Excel dates) are checked with numpy in one pass;
text cells are parsed once per distinct value. The result is element-wise equal to ``parse_cell``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeGuard

import numpy as np

from creatio_cli.ledger.dates import _SERIAL_MAX, _SERIAL_MIN
from creatio_cli.ledger.normalize import (
    _NUMERIC_KINDS,
    KINDS,
    Parsed,
    display_text,
    parse_cell,
    percent_text_numbers,
)
from creatio_cli.messages import Message
from creatio_cli.status import CELL_INVALID, CELL_MISSING, CELL_NA, CELL_OK


@dataclass(frozen=True)
class NormalizedColumn:
    """A normalised column: typed values, int8 states, the cells as read, warnings and invalid reasons."""

    values: np.ndarray  # float64 (NaN where not OK) for numeric kinds; object (None where not OK) otherwise
    states: np.ndarray  # int8
    cells: Sequence[object]
    warnings: list[tuple[int, Message]]
    # row → catalogue code of why the cell is invalid (a Message when it names other cells)
    reasons: dict[int, str | Message]

    @property
    def raw(self) -> list[str | None]:
        """Each cell as the user sees it (``display_text``), formatted on demand.

        The ledger frame keeps the cells as read and the engine formats only the cells its findings cite:
        formatting all of them was ~1.5 s of a 100,000-row check (bench/README.md, P3).
        """
        return [display_text(c) for c in self.cells]

    def invalidated(self, reasons: dict[int, str] | dict[int, str | Message]) -> NormalizedColumn:
        """This column with the cells at ``reasons``' rows made invalid, each for its reason (a catalogue
        code): no value, and no other warning about a cell that is not used at all."""
        if not reasons:
            return self
        rows = np.fromiter(reasons, dtype=np.intp, count=len(reasons))
        values, states = self.values.copy(), self.states.copy()
        values[rows] = np.nan if values.dtype == np.float64 else None
        states[rows] = CELL_INVALID
        return replace(self, values=values, states=states,
                       reasons=dict(sorted({**self.reasons, **reasons}.items())),
                       warnings=[(i, w) for i, w in self.warnings if i not in reasons])


_FAST_TYPES = frozenset({float, int, np.float64, np.int64})


def _is_fast(cell: object) -> TypeGuard[float]:
    """True for a float or int cell (numpy's too, never a bool): a number as the reader returns it."""
    return type(cell) in _FAST_TYPES


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
        bad["cell.not_date"] = ~ok & ~nan
    else:
        bad["cell.not_finite"] = ~finite & ~nan
        values = np.where(finite, v, np.nan)
        if kind == "yesno":
            bad["cell.not_yesno"] = finite & (v != 0.0) & (v != 1.0)
        else:
            neg = finite & (v < 0) if not (allow_negative and kind == "number") else np.zeros_like(finite)
            bad["cell.negative"] = neg
            rest = finite & ~neg
            if kind == "count":
                bad["cell.not_integer"] = rest & (v != np.floor(np.where(finite, v, 0.0)))
            if kind == "percent":
                frac = rest & (v <= 1.0)
                values[frac] = np.round(v[frac] * 100.0, 10)
                bad["cell.over_100"] = rest & (values > 100.0)
    for mask in bad.values():
        states[mask] = CELL_INVALID
        values[mask] = np.nan if values.dtype == np.float64 else None
    return values, states, bad


def _vector_cells(vals: Sequence[Any], kind: str,
                  allow_negative: bool) -> tuple[np.ndarray, np.ndarray, dict[str, list[int]]]:
    """Float/int cells checked with numpy: values, states, and reason → positions within ``vals``.

    ``vals`` are cells of the ``_FAST_TYPES`` (the callers test ``type(cell)``, which the checker cannot follow).
    """
    try:
        fv = np.asarray(vals, dtype=np.float64)
    except OverflowError:  # ints beyond float range
        fv = np.array([float(x) if abs(x) < 2**1023 else math.inf for x in vals])
    values, states, bad = _check_vector(fv, kind, allow_negative)
    return values, states, {reason: np.flatnonzero(mask).tolist() for reason, mask in bad.items()}


def normalize_column(cells: Sequence[object], kind: str, *, allow_negative: bool = False,
                     allow_na: bool = True, typical_min: float | None = None) -> NormalizedColumn:
    """Normalise a whole column: ``parse_column``, then the rules that need the whole column or the field.

    One such rule: the scale of a percent column (:func:`_flag_scale_outliers`). A bare number ≤ 1 is a
    fraction (0.85 → 85 %) and one above 1 is already per cent — unless the column mixes the two: then
    the clear majority of its bare numbers decides, and the cells that contradict it are ``invalid``
    rather than guessed. Another: without ``allow_na`` (a field that cannot be not applicable, such as the
    households a per-household rule is computed from), a `/` cell is ``invalid`` (``cell.na_refused``). A
    third: with ``typical_min`` (a percent field no community plausibly scores under, such as satisfaction), a
    column of scores out of 10 or 5 is no per cent (:func:`_flag_score_scale`).
    """
    column = parse_column(cells, kind, allow_negative=allow_negative)
    if kind == "percent" and len(column.cells):
        if typical_min is not None:
            column = _flag_score_scale(column)
        column = _flag_scale_outliers(column)
    if not allow_na:
        column = _refuse_na(column, "cell.na_refused_yesno" if kind == "yesno" else "cell.na_refused")
    return column


def _refuse_na(column: NormalizedColumn, reason: str) -> NormalizedColumn:
    """The `/` (not applicable) cells of a field that cannot be not applicable, made invalid for ``reason``."""
    na = np.flatnonzero(column.states == CELL_NA).tolist()
    return column.invalidated(dict.fromkeys(na, reason))


#: Fewer readable cells than this say nothing about a column's scale.
SCORE_SCALE_MIN_CELLS = 3


def _flag_score_scale(column: NormalizedColumn) -> NormalizedColumn:
    """A percent column whose every readable bare number lies in (1, 10] — 9.5, 9.2, 8.8 under 满意度 — is a
    score out of 10 (or 5), not per cents: read as per cents, every community was "short by 80 %". Those
    cells become invalid (``cell.percent_score_scale``); a single low cell among per cents is left alone."""
    bare = _bare_numbers(column.cells)
    ok = (column.states == CELL_OK) & ~np.isnan(bare)
    if int(ok.sum()) < SCORE_SCALE_MIN_CELLS:
        return column
    with np.errstate(invalid="ignore"):
        scored = ok & (bare > 1) & (bare <= 10)
    if not bool((scored == ok).all()):
        return column
    return column.invalidated(dict.fromkeys(np.flatnonzero(scored).tolist(), "cell.percent_score_scale"))


_PLAIN_NUMBER = re.compile(r"\s*\+?(\d+(\.\d*)?|\.\d+)\s*")


def _bare_numbers(cells: Sequence[object]) -> np.ndarray:
    """Each cell's value when it is a bare number (no % sign, no unit); NaN otherwise."""
    if set(map(type, cells)) <= _FAST_TYPES:
        with np.errstate(all="ignore"):
            return np.asarray(cells, dtype=np.float64)
    out = np.full(len(cells), np.nan)
    for i, c in enumerate(cells):
        if _is_fast(c) or (type(c) is str and _PLAIN_NUMBER.fullmatch(c)):
            out[i] = float(c)
    return out


#: The share of a percent column's bare numbers (fractions 0 < v ≤ 1 against per cents 1 < v ≤ 100) that
#: makes a clear majority: 64 fractions and one 92.4 (98 %) is a column of fractions with one outlier; 95, 88
#: and 1 (67 %), or half and half, is no clear majority.
SCALE_MAJORITY = 0.8


def _flag_scale_outliers(column: NormalizedColumn) -> NormalizedColumn:
    """Percent column: the cells that contradict the scale of the column's bare numbers become invalid.

    Only bare numbers (no % sign, no unit) vote; 0 reads the same either way. With fractions (0, 1] and
    per cents (1, 100] both present:

    - at least :data:`SCALE_MAJORITY` of them per cents: each fraction may be 0.8 % or 80 %
      (``cell.percent_ambiguous``);
    - at least :data:`SCALE_MAJORITY` of them fractions: each per cent contradicts the column
      (``cell.percent_not_fraction``): 92.4 among 0.958, 0.977 … may be a typo for 0.924 or a 92.4 %;
    - neither: no scale is guessed; the fractions, the only cells with two readings, are invalid
      (``cell.percent_scale_unclear``), the per cents (92 can only be 92 %) are read.

    Text cells that are not bare numbers and carry no % sign — a lower bound, range or approximation
    (``0.9以上``, ``0.95-0.98``, ``约0.9``) — with numbers ≤ 1 are read as fractions only in a column that is
    clearly fractions (the bare numbers' majority, as above); elsewhere they are invalid, with the reason
    above that fits the column, or ``cell.percent_bound_unclear`` when no bare number votes. ``1以上`` (1 %
    or more? 100 %?) and a range across 1 (``0.5-2``) are invalid in every column.
    """
    bare = _bare_numbers(column.cells)
    ok = column.states == CELL_OK
    with np.errstate(invalid="ignore"):
        fractions = ok & (bare > 0) & (bare <= 1)
        percents = ok & (bare > 1) & (bare <= 100)
    n_frac, n_pct = int(fractions.sum()), int(percents.sum())
    total = n_frac + n_pct
    pct_major = n_pct > 0 and n_pct >= SCALE_MAJORITY * total
    frac_major = n_frac > 0 and n_frac >= SCALE_MAJORITY * total
    flags: dict[int, str] = {}
    if n_frac and n_pct:
        if pct_major:
            flags.update(dict.fromkeys(np.flatnonzero(fractions).tolist(), "cell.percent_ambiguous"))
        elif frac_major:
            flags.update(dict.fromkeys(np.flatnonzero(percents).tolist(), "cell.percent_not_fraction"))
        else:
            flags.update(dict.fromkeys(np.flatnonzero(fractions).tolist(), "cell.percent_scale_unclear"))
    if pct_major:
        text_reason = "cell.percent_ambiguous"
    elif frac_major or not total:
        text_reason = "cell.percent_bound_unclear"
    else:
        text_reason = "cell.percent_scale_unclear"
    read: dict[str, bool | None] = {}  # text → whether it is a fraction read from text, and if so always refused
    for i in np.flatnonzero(ok & np.isnan(bare)).tolist():
        c = column.cells[i]
        if type(c) is not str:
            continue
        if c not in read:
            nums = percent_text_numbers(c)
            if nums is None or nums[0] > 1 or nums[1] <= 0:
                read[c] = None
            else:
                read[c] = nums[0] == 1 or nums[1] > 1
        always = read[c]
        if always is None or (frac_major and not always):
            continue
        flags[i] = "cell.percent_bound_unclear" if always and frac_major else text_reason
    return column.invalidated(flags)


def parse_column(cells: Sequence[object], kind: str, *, allow_negative: bool = False) -> NormalizedColumn:
    """Parse a whole column cell by cell; element-wise equal to ``parse_cell`` on each cell.

    Float/int cells of numeric and date kinds are checked with numpy; every other cell is parsed once
    per distinct value (memoised within the column).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown field kind {kind!r}")
    vector_ok = kind in _NUMERIC_KINDS or kind == "date"
    if vector_ok and set(map(type, cells)) <= _FAST_TYPES:  # all float/int: no per-cell parsing
        values, states, bad = _vector_cells(cells, kind, allow_negative)
        by_row = {i: reason for reason, idx in bad.items() for i in idx}
        return NormalizedColumn(values, states, cells, [], dict(sorted(by_row.items())))
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
    u_vals: np.ndarray
    if kind in _NUMERIC_KINDS:
        u_vals = np.array([np.nan if p.value is None else p.value for p in uniq], dtype=np.float64)
    else:
        u_vals = np.empty(len(uniq), dtype=object)
        u_vals[:] = [p.value for p in uniq]
    values = u_vals[code_arr]
    states = u_states[code_arr]
    reasons: dict[int, str | Message] = {}
    if fast_idx:
        fidx = np.asarray(fast_idx, dtype=np.intp)
        values[fidx], states[fidx], bad = _vector_cells(fast_vals, kind, allow_negative)
        reasons.update((fast_idx[j], reason) for reason, idx in bad.items() for j in idx)
    has_warning = np.array([p.warning is not None for p in uniq])
    has_reason = np.array([p.reason is not None for p in uniq])
    # has_warning / has_reason pick the rows; the walrus only tells the checker what they already know.
    warnings = [(i, w) for i in np.flatnonzero(has_warning[code_arr]).tolist()
                if (w := uniq[codes[i]].warning) is not None]
    reasons.update((i, r) for i in np.flatnonzero(has_reason[code_arr]).tolist()
                   if (r := uniq[codes[i]].reason) is not None)
    return NormalizedColumn(values, states, cells, warnings, dict(sorted(reasons.items())))
