"""TEMPORARY minimal normaliser; replaced by the full one (branch normalize)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from creatio_cli.rules.base import CELL_INVALID, CELL_MISSING, CELL_NA, CELL_OK

_NUM = re.compile(r"^[约]?(-?\d+(?:\.\d+)?)")
_YES = {"是", "有", "√", "已建", "达标", "已完成", "已挂牌"}
_NO = {"否", "无", "×", "未建", "在建", "未达标", "未完成", "未挂牌"}
_NA = {"/", "—", "-", "——"}


@dataclass(frozen=True, slots=True)
class Parsed:
    value: float | str | datetime.date | None
    state: int
    warning: str | None = None
    reason: str | None = None


def display_text(raw: object) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def parse_cell(raw: object, kind: str, *, allow_negative: bool = False) -> Parsed:
    text = display_text(raw)
    if text is None:
        return Parsed(None, CELL_MISSING)
    text = text.strip()
    if text in _NA:
        return Parsed(None, CELL_NA)
    if kind == "text":
        return Parsed(text, CELL_OK)
    if kind == "yesno":
        if text in _YES:
            return Parsed(1.0, CELL_OK)
        if text in _NO:
            return Parsed(0.0, CELL_OK)
        return Parsed(None, CELL_INVALID, reason="不是是/否")
    if kind == "date":
        return Parsed(None, CELL_INVALID, reason="不是日期")
    m = _NUM.match(text.replace(",", ""))
    if not m:
        return Parsed(None, CELL_INVALID, reason="不是数字")
    value = float(m.group(1))
    if value < 0 and not allow_negative:
        return Parsed(None, CELL_INVALID, reason="不能为负")
    if kind == "percent" and value <= 1 and "%" not in text:
        value *= 100
    return Parsed(value, CELL_OK)


@dataclass(frozen=True)
class NormalizedColumn:
    values: np.ndarray
    states: np.ndarray
    raw: list[str | None]
    warnings: list[tuple[int, str]] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)


def normalize_column(cells: Sequence[object], kind: str, *, allow_negative: bool = False) -> NormalizedColumn:
    parsed = [parse_cell(c, kind, allow_negative=allow_negative) for c in cells]
    numeric = kind not in ("text", "date")
    values = np.array([p.value if p.value is not None else np.nan for p in parsed], dtype=float) if numeric \
        else np.array([p.value for p in parsed], dtype=object)
    states = np.array([p.state for p in parsed], dtype=np.int8)
    reasons = {i: p.reason for i, p in enumerate(parsed) if p.reason}
    return NormalizedColumn(values, states, [display_text(c) for c in cells], [], reasons)


def find_date_in_text(text: str) -> datetime.date | None:
    m = re.search(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})", text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_date(raw: object) -> datetime.date | None:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    return find_date_in_text(str(raw))
