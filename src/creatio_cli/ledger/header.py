"""Find the header band of a sheet and map its columns to the standard's fields.

Real ledgers put title rows, a 填报单位 row, a 1–3 row header with merged group cells
(``社区综合服务设施`` over ``总面积（㎡）``) and a column-number row (甲、乙、1、2…) above the data.
The band is found by trying every start row and height in the top of the sheet and keeping the one
that maps the most fields (``matcher.py`` scores each column, ``assign.py`` decides, never guessing). A sheet
whose header maps fields but no community column gets one only from its cells (``community_values.py``),
and said so; otherwise it is no ledger sheet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from creatio_cli.ledger.assign import Assignment, assign
from creatio_cli.ledger.community_values import SCORE, community_column, community_columns, same_values
from creatio_cli.ledger.matcher import Candidate, Matcher, Veto
from creatio_cli.ledger.model import ColumnMapping
from creatio_cli.ledger.reader import RawSheet
from creatio_cli.ledger.wording import fold, unit_only
from creatio_cli.messages import Message, msg

SCAN_ROWS = 100  # header bands start within the first rows (a long preamble can push them down)
MAX_BAND = 3
# Rows searched past a good band (≥ 3 fields) before the search stops; a 66-row ledger would otherwise
# match every data cell as a header candidate (half the time of `score` on small files).
_SETTLE_ROWS = 4
_SPACES = re.compile(r"\s+")
_COLUMN_NUMBER = re.compile(r"^(\d{1,3}|[甲乙丙丁戊己庚辛壬癸]|[A-Za-z]|\(\d{1,3}\)|[一二三四五六七八九十]{1,3})$")
# Answers a data row holds and a header row does not.
_ANSWERS = frozenset({"是", "否", "有", "无", "√", "×", "✓", "✗", "已建", "未建", "在建", "/", "—", "-"})

# The label: value pairs of the preamble above a header (填报单位：…, 填报日期：, 制表人：), not 其中：.
_LABEL_VALUE = re.compile(r"^(填报|填表|报送|制表|审核|统计|联系|负责|单位|日期|时间|编制)[^:：]{0,6}[:：]")
_DATE_LIKE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}")

Overrides = Mapping[str, tuple[str | None, str]]
T = TypeVar("T")


def norm(text: object) -> str:
    """Text folded for comparison: NFKC (full → half width), no spaces or line breaks, lower case."""
    folded = unicodedata.normalize("NFKC", str(text or ""))
    return _SPACES.sub("", folded).replace("\u3000", "").lower()


@dataclass(frozen=True)
class Band:
    start: int  # 0-based row index of the first header row
    height: int
    headers: tuple[str, ...]  # joined header text per column, as written ("组/叶")
    mapping: tuple[ColumnMapping, ...]
    skip_after: int  # column-number rows right under the band
    # (field, used letter, used header, other letter, other header): two exact aliases of one field
    competing: tuple[tuple[str, str, str, str, str], ...] = ()
    assignment: Assignment | None = None  # the full answer: ambiguities, near misses, vetoes
    # What the band was mapped from, kept to map it again once its cells have spoken (``remap_band``).
    rows: tuple[tuple[str, ...], ...] = ()
    title: str = ""
    candidates: tuple[tuple[Candidate, ...], ...] = ()  # per column, best first


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def filled_top(sheet: RawSheet, rows: int) -> list[list[str]]:
    """The top ``rows`` rows as text, merged ranges filled with the value they show (``RawSheet.shown_cell``)."""
    width = max((len(r) for r in sheet.rows[:rows]), default=0)
    grid = [[_text(v) for v in row] + [""] * (width - len(row)) for row in sheet.rows[:rows]]
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(grid):
            continue
        value = grid[r0][c0] if c0 < width else ""
        if not value.strip():  # a label written into a middle row of the range
            sr, sc = sheet.shown_cell(r0, c0, r1, c1)
            value = _text(sheet.rows[sr][sc]) if sc < len(sheet.rows[sr]) else ""
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                grid[r][c] = value
    return grid


def is_column_number_row(cells: list[str]) -> bool:
    """甲、乙、1、2、3 … under the header: every non-empty cell is a short enumerator."""
    values = [c for c in cells if c.strip()]
    # Folded lazily: a header or data row fails on its first cell, so it is not folded whole.
    return len(values) >= 3 and all(_COLUMN_NUMBER.match(norm(c)) for c in values)


def is_units_row(cells: Sequence[object]) -> bool:
    """户 人 ㎡ ㎡ 个 % under a header: one or more filled cells, each a unit alone (``wording.unit_only``).

    An office often writes a unit only where the header lacks one (分 under 群众满意度, the rest blank): that
    sparse row is a units row too, or 满意度 over 分 was read as a per cent. A community's row never
    qualifies: its name is no unit."""
    values = [c for c in cells if c is not None and (not isinstance(c, str) or c.strip())]
    return len(values) >= 1 and all(isinstance(c, str) and unit_only(c) is not None for c in values)


def find_band(sheet: RawSheet, matcher: Matcher, header_rows: int | None = None,
              overrides: Overrides | None = None) -> Band | None:
    """The best header band in the first rows of the sheet, or None when no band has a community column.

    Bands are compared by the number of fields they map, then by their rows: a band all of whose rows
    read as header rows is preferred taller (a second header row that maps nothing new is still header,
    not data), any other band shorter (a title row above adds nothing); then the earlier band.
    """
    grid = filled_top(sheet, SCAN_ROWS + MAX_BAND + 2)
    # Without merge information (csv, ods) a group header sits in the first column of its span only.
    spread = not sheet.merged
    heights = [header_rows] if header_rows else list(range(1, MAX_BAND + 1))
    numbered = _Lazy(lambda r: is_column_number_row(grid[r]))  # each row tested once, and only if asked
    headerish = _Lazy(lambda r: header_like(grid[r]))
    # A row holding numbers as numbers (not text) is data: no taller band is tried through it (a header
    # row's years or codes are text; the column-number row 1 2 3 is `numbered`).
    data_row = _Lazy(lambda r: _numbers_in(sheet.rows[r]) >= 2 if r < len(sheet.rows) else False)
    units = _Lazy(lambda r: is_units_row(grid[r]))
    titles = _Lazy(lambda r: fold("".join(dict.fromkeys(c for c in grid[r] if c.strip()))))
    best: tuple[tuple[int, int, int], Band] | None = None
    unnamed: tuple[tuple[int, int, int], Band] | None = None  # the best band without a community header

    def _skip(row: int) -> int:  # column-number rows (甲 乙 1 2 …) right under a band ending at ``row``
        skip = 0
        while row + skip < len(grid) and numbered[row + skip]:
            skip += 1
        return skip

    for start in range(min(SCAN_ROWS, len(grid))):
        if best is not None and best[0][0] >= 3 and (
                start > best[1].start + MAX_BAND + _SETTLE_ROWS
                or (start >= best[1].start + best[1].height + best[1].skip_after and not headerish[start])):
            break  # a header that maps well, followed by rows of data: nothing better lies below
        if not any(c.strip() for c in grid[start]):
            continue
        for height in heights:
            if start + height > len(grid):
                break
            band_rows = grid[start:start + height]
            if header_rows is None and start + height < len(grid) and units[start + height]:
                continue  # a units row under a band is part of it: its 分 or 人 may veto what the words say
            if height > 1 and any(numbered[r] or data_row[r] for r in range(start, start + height)):
                continue
            band_rows = _spread_groups(band_rows) if spread else band_rows
            if height > 1 and any(_spans_all(row, band_rows[-1]) for row in band_rows[:-1]):
                continue  # a title merged (or, in a csv, spread) over every column is no group header
            band = map_band(band_rows, start, matcher, overrides,
                            "".join(titles[r] for r in range(max(0, start - 3), start)))
            fields = {m.field for m in band.mapping}
            all_header = all(headerish[r] for r in range(start, start + height))
            if "community" not in fields:
                # A header row whose community column is worded unknown: kept in case its cells name one.
                if best is None and all_header and len(fields) >= 2 and (
                        unnamed is None or (len(fields), height, -start) > unnamed[0]):
                    unnamed = ((len(fields), height, -start), band)
                continue
            score = (len(fields), height if all_header else -height, -start)
            if best is None or score > best[0]:
                best = (score, replace(band, skip_after=_skip(start + height)))
    if best is None and unnamed is not None:
        band = unnamed[1]
        return _community_by_values(sheet, replace(band, skip_after=_skip(band.start + band.height)))
    return best[1] if best else None


def _community_by_values(sheet: RawSheet, band: Band) -> Band | None:
    """``band`` with its community column found by its cells (``community_values.py``), or None.

    When two headers both name the community (社区 beside 社区名称), only they are looked at: the one whose
    cells are names is read, or the first when both hold the same values; else None (the user chooses)."""
    used = {m.letter for m in band.mapping}
    vetoes = band.assignment.vetoes if band.assignment else {}
    first = band.start + band.height + band.skip_after
    named = next((a.options for a in band.assignment.ambiguous if a.field == "community"), ()) \
        if band.assignment else ()
    if named:
        index = {column_letter(c): c for c in range(len(band.headers))}
        columns = [index[letter] for letter, _h, _s in named]
        found_all = community_columns(sheet.rows, first, [(c, band.headers[c].split("/")[-1]) for c in columns])
        if len(found_all) == 1:
            also = msg("why.community_only_names", letter=column_letter(found_all[0].column),
                       named=found_all[0].named, total=found_all[0].total)
        elif len(found_all) > 1 and same_values(sheet.rows, first, [f.column for f in found_all]):
            also = msg("why.community_same_values")
        else:
            return None
        found = found_all[0]
        others = [f"{letter}「{h}」" for letter, h, _s in named if index[letter] != found.column]
        reasons: tuple[Message, ...] = (msg("why.community_values", named=found.named, total=found.total),
                                        msg("why.community_two_headers", others=others, why=also))
    else:
        candidates = [(c, h.split("/")[-1]) for c, h in enumerate(band.headers) if h and column_letter(c) not in used
                      and not any(v.field == "community" for v in vetoes.get(c, ()))]
        one = community_column(sheet.rows, first, candidates)
        if one is None:
            return None
        found = one
        reasons = (msg("why.community_values", named=found.named, total=found.total),)
    chosen = ColumnMapping("community", column_letter(found.column), band.headers[found.column], reasons, SCORE)
    return replace(band, mapping=(chosen, *band.mapping))


class _Lazy(Generic[T]):
    """``f(i)`` computed on first use and kept (most rows of a sheet are never asked about)."""

    def __init__(self, f: Callable[[int], T]) -> None:
        self._f = f
        self._known: dict[int, T] = {}

    def __getitem__(self, i: int) -> T:
        known = self._known.get(i)
        if known is None:
            known = self._known[i] = self._f(i)
        return known


def _numbers_in(row: Sequence[object]) -> int:
    return sum(1 for v in row if type(v) in (int, float) and v == v)


def header_like(cells: list[str]) -> bool:
    """A row that reads as header: two or more texts, and no number, yes/no answer (which data rows hold)
    or ``标签：值`` pair (the 填报单位 / 填报人 row above a header)."""
    values = [c.strip() for c in cells if c.strip()]
    if len(set(values)) < 2:
        return False  # empty, or one title merged across
    return not any(_is_number(v) or norm(v) in _ANSWERS or _LABEL_VALUE.match(v) or _DATE_LIKE.match(v)
                   for v in values)


def _spans_all(row: list[str], leaves: list[str]) -> bool:
    """One text over (nearly) every column the header's last row names: the sheet's title, not a group.

    A group cell gathers some columns under a shared meaning (社区综合服务设施 over 总面积, 其中居民活动);
    one over all of them says nothing about any column, and read as a group it lends its words (社区,
    台账, the date) to every header — and its 截至 date is lost as the ledger's as-of date.
    """
    named = [c for c, leaf in enumerate(leaves) if leaf.strip()]
    if len(named) < 4:
        return False
    texts = {row[c].strip() for c in named if c < len(row)}
    covered = sum(1 for c in named if c < len(row) and row[c].strip())
    return len(texts - {""}) == 1 and covered >= 0.9 * len(named)


def _spread_groups(rows: list[list[str]]) -> list[list[str]]:
    """Copy a group header rightwards over blank cells that have a leaf header under them.

    ``社区综合服务设施 | (blank)`` over ``总面积 | 其中居民活动`` → the group covers both leaves. A blank
    cell whose left neighbour has nothing under it (a one-column header spanning rows) stays blank.
    """
    out = [list(r) for r in rows]
    for i in range(len(out) - 1):
        upper, lower = out[i], out[i + 1]
        for c in range(1, len(upper)):
            below = lower[c] if c < len(lower) else ""
            left_below = lower[c - 1] if c - 1 < len(lower) else ""
            if not upper[c].strip() and upper[c - 1].strip() and below.strip() and left_below.strip():
                upper[c] = upper[c - 1]
    return out


def map_band(rows: list[list[str]], start: int, matcher: Matcher, overrides: Overrides | None = None,
             title: str = "", refuted: Mapping[tuple[int, str], Message] | None = None) -> Band:
    """Map each column of the band ``rows`` to at most one field (``assign.py``); ``title`` is the folded
    text of the rows just above (the sheet's title), which can rule out a look-alike field. ``refuted``:
    (column, field) pairs the column's cells contradict (``value_evidence.py``), vetoed with their reason."""
    width = max(len(r) for r in rows)
    if any(len(r) < width for r in rows):
        rows = [list(r) + [""] * (width - len(r)) for r in rows]
    columns = []
    for col, cells in enumerate(zip(*rows, strict=True)):
        parts = header_parts(cells)
        candidates, vetoes = matcher.score(parts, title)
        if refuted:
            said = [(c.field, refuted[col, c.field]) for c in candidates if (col, c.field) in refuted]
            candidates = tuple(c for c in candidates if (col, c.field) not in refuted)
            vetoes = (*vetoes, *(Veto(name, why) for name, why in said))
        columns.append(("/".join(parts), parts, candidates, vetoes))
    found = assign(columns, overrides, column_letter, matcher.unit_veto if overrides else None)
    mapping = tuple(ColumnMapping(c.field, column_letter(c.column), c.header, c.reasons, c.score, c.runner_up)
                    for c in found.choices)
    competing = tuple((name, column_letter(used), used_header, column_letter(other), other_header)
                      for name, used, used_header, other, other_header in found.competing)
    return Band(start, len(rows), tuple(c[0] for c in columns), mapping, 0, competing, found,
                tuple(tuple(r) for r in rows), title, tuple(c[2] for c in columns))


def remap_band(band: Band, matcher: Matcher, overrides: Overrides | None,
               refuted: Mapping[tuple[int, str], Message]) -> Band:
    """``band`` mapped again with the ``refuted`` (column, field) pairs vetoed: a field whose best column's
    cells contradict it may then take another column, or none."""
    again = map_band([list(r) for r in band.rows], band.start, matcher, overrides, band.title, refuted)
    found = {m.field for m in again.mapping}
    # The community column found by its cells (``_community_by_values``) is no header's doing: kept.
    kept = tuple(m for m in band.mapping if m.field not in found and m.reasons
                 and m.reasons[0].code == "why.community_values")
    return replace(again, skip_after=band.skip_after, mapping=(*kept, *again.mapping))


def header_parts(cells: tuple[str, ...] | list[str]) -> list[str]:
    """A band column's header texts top → bottom, blanks and repeats (merged groups) left out.

    A cell that is a unit alone (``户``, ``㎡``, ``%`` in a units row under the header) is the unit of the text
    above it: ``常住户数`` over ``户`` reads ``常住户数（户）``, so the unit counts as evidence (and vetoes)."""
    parts: list[str] = []
    for text in cells:
        text = text.strip()
        if parts and text and unit_only(text) is not None:
            parts[-1] = f"{parts[-1]}（{text.strip('()（）')}）"
        elif text and (not parts or parts[-1] != text):
            parts.append(text)
    return parts


def guess_header_row(sheet: RawSheet) -> tuple[int, list[str]] | None:
    """For a sheet with no recognisable header: (Excel row, texts) of the top row richest in text."""
    best: tuple[int, int, list[str]] | None = None
    for r, row in enumerate(filled_top(sheet, SCAN_ROWS)):
        texts = [c.strip() for c in row if c.strip() and not _is_number(c)]
        if len(set(texts)) >= 2 and (best is None or len(set(texts)) > best[0]):
            best = (len(set(texts)), r + 1, texts)
    return (best[1], list(dict.fromkeys(best[2]))) if best else None


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
