"""Which rows under a header band are communities, and the values of a column with merged cells filled.

Dropped: the column-number row, 小计/合计/总计 rows (anywhere, also right under the header), the footer
(说明/注/审核人/制表人… and everything after it), rows without a community name. Blank rows are skipped
silently. Street and district written once per group (merged or simply left blank) are filled downward.
"""

from __future__ import annotations

import re

from creatio_cli.ledger.header import Band, norm
from creatio_cli.ledger.normalize import display_text
from creatio_cli.ledger.reader import RawSheet

_TOTAL = re.compile(r"^(小计|合计|总计|共计|累计)|(小计|合计|总计)[:：]?$|^全.{0,4}(合计|总计)")
_FOOTER = re.compile(
    r"^(说明|注|注\d|备注|填表说明|审核人?|制表人?|填表人|填报人|负责人|单位负责人|统计人|制表时间|制表日期"
    r"|填报日期|联系人|联系电话)\s*[:：]"
)
KEY_FIELDS = ("district", "street", "community")


def classify_rows(raw: RawSheet, band: Band) -> tuple[list[int], list[tuple[int, str]]]:
    """(kept 0-based rows, [(Excel row, reason) dropped]) for the rows under ``band``."""
    kept: list[int] = []
    dropped: list[tuple[int, str]] = []
    first = band.start + band.height
    for r in range(first, first + band.skip_after):
        dropped.append((r + 1, "column-number row"))
    community_col = _col(band, "community")
    # 小计/合计 is written in the label columns (序号, 区县, 街道, 社区), never among the figures; looking only
    # there keeps a remark such as "面积已合计" from dropping a community.
    labels = [_col(band, f) for f in KEY_FIELDS]
    label_cols = set(range((community_col or 0) + 1)) | {c for c in labels if c is not None}
    label_list = sorted(label_cols)
    total_memo: dict[str, bool] = {}
    footer_memo: dict[str, bool] = {}
    footer = False
    for r in range(first + band.skip_after, len(raw.rows)):
        row = raw.rows[r]
        # Only the first filled cell and the label cells are looked at: ledgers run to tens of thousands of
        # rows. Only text cells can carry 小计/合计 or a footer word, and each distinct text is folded once.
        first_filled = next((v for v in row if _filled(v)), _NOTHING)
        if footer:
            if first_filled is not _NOTHING:
                dropped.append((r + 1, "footer"))
            continue
        if first_filled is _NOTHING:
            continue  # blank rows are not worth listing
        if any(_is_total(row[c], total_memo) for c in label_list if c < len(row)):
            dropped.append((r + 1, "total row (小计/合计)"))
            continue
        if type(first_filled) is str and _memo_match(first_filled, footer_memo, _FOOTER.match):
            footer = True
            dropped.append((r + 1, "footer"))
            continue
        kept.append(r)
    # A row without a community name (after merged cells are filled) is not a community.
    filled = _filled_column(raw, community_col, kept, first)
    really_kept = []
    for r in kept:
        if filled.get(r):
            really_kept.append(r)
        else:
            dropped.append((r + 1, "no community name"))
    dropped.sort()
    return really_kept, dropped


_NOTHING = object()


def _memo_match(text: str, memo: dict[str, bool], test) -> bool:
    """``test(norm(display_text(text)))`` for a str cell, computed once per distinct text."""
    hit = memo.get(text)
    if hit is None:
        hit = memo[text] = test(norm(display_text(text))) is not None
    return hit


def _is_total(value: object, memo: dict[str, bool]) -> bool:
    """A label cell reading 小计/合计/总计 (a number, date or bool never does)."""
    return type(value) is str and _memo_match(value, memo, _TOTAL.search)


def _filled(value: object) -> bool:
    return value is not None and value != "" and not (isinstance(value, str) and not value.strip())


def _col(band: Band, field_name: str) -> int | None:
    for m in band.mapping:
        if m.field == field_name:
            return letter_index(m.letter)
    return None


def letter_index(letter: str) -> int:
    """A → 0, Z → 25, AA → 26."""
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n - 1


def merged_lookup(raw: RawSheet, first_data: int) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each cell inside a merged range → its top-left cell (vertical data merges).

    Ranges starting above ``first_data`` belong to the header and never spill a header text into data.
    """
    lookup = {}
    for r0, c0, r1, c1 in raw.merged:
        if r0 < first_data:
            continue
        if r1 - r0 > 5000 or c1 - c0 > 200:
            continue  # absurd ranges: ignore rather than blow up memory
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    lookup[(r, c)] = (r0, c0)
    return lookup


def _filled_column(raw: RawSheet, col: int | None, rows: list[int], first_data: int) -> dict[int, object]:
    if col is None:
        return {}
    lookup = merged_lookup(raw, first_data)
    out = {}
    for r in rows:
        src = lookup.get((r, col), (r, col))
        row = raw.rows[src[0]]
        out[r] = display_text(row[src[1]]) if src[1] < len(row) else None
    return out


def merged_columns(lookup: dict[tuple[int, int], tuple[int, int]]) -> frozenset[int]:
    """The columns that have at least one cell inside a merged data range (see :func:`merged_lookup`)."""
    return frozenset(c for _, c in lookup)


def _blank(value: object) -> bool:
    """``display_text(value) is None``, without formatting the common cell types."""
    if value is None:
        return True
    kind = type(value)
    if kind is str:
        return not value.strip()
    if kind is float:
        return value != value  # NaN
    return display_text(value) is None


def column_values(raw: RawSheet, col: int | None, rows: tuple[int, ...], lookup: dict, fill_down: bool,
                  merged_cols: frozenset[int] | None = None) -> list:
    """The cells of column ``col`` in ``rows`` (merged cells read from their top-left; key fields filled down).

    ``merged_cols`` (from :func:`merged_columns`, computed once per sheet) lets a column no merged range
    touches — nearly all of them — be read without a lookup per cell.
    """
    if col is None:
        return [None] * len(rows)
    sheet_rows = raw.rows
    if merged_cols is None:
        merged_cols = merged_columns(lookup)
    if col in merged_cols:
        out: list[object] = []
        for r in rows:
            src_r, src_c = lookup.get((r, col), (r, col))
            row = sheet_rows[src_r]
            out.append(row[src_c] if src_c < len(row) else None)
    else:
        out = [row[col] if col < len(row) else None for row in map(sheet_rows.__getitem__, rows)]
    if fill_down:
        # Street/district are often written once per group (merged or simply left blank below).
        last: object = None
        for i, value in enumerate(out):
            if _blank(value):
                out[i] = last
            else:
                last = value
    return out
