"""Which rows under a header band are communities, and the values of a column with merged cells filled.

Dropped: the column-number row, 小计/合计/总计/汇总/全街道 rows (anywhere, also right under the header), statistics
rows (平均/均值/算术平均/社区平均/最大值/最小值/中位数) and the street office's own row (街道本级/本级/机关本级/街道机关,
and in the community column 街道办事处 or the street's name alone, 清河街道), a part of the row above
(其中：老旧小区, #党员 in the community column), a units row
right under the header when the band was read without it, the footer
(说明/注/审核人/制表人… and everything after it), rows without a community name. Blank rows are skipped
silently. Street and district written once per group (merged or simply left blank) are filled downward.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from creatio_cli.ledger.header import Band, column_letter, is_units_row, norm
from creatio_cli.ledger.model import KEY_FIELDS
from creatio_cli.ledger.normalize import display_text
from creatio_cli.ledger.reader import RawSheet

_TOTAL = re.compile(r"^(小计|合计|总计|共计|累计)|(小计|合计|总计)[:：]?$|^全.{0,4}(合计|总计)"
                    # 汇总 and 全街道 as a whole cell, optionally after the street's name (清河街道汇总): 汇丰社区
                    # and 全兴社区 are communities.
                    r"|^(.{0,8}(街道|镇)|全.{0,4}|各社区)?汇总[:：]?$|^全(街道|社区|镇)[:：]?$")
# Whole-cell wordings only (like the totals): 均安社区 or 中心社区 are communities, 平均 / 平均值 is not.
_STATISTIC = re.compile(r"^(全.{0,4}|各社区|社区|算术|.{0,8}(街道|镇))?"
                        r"(平均|平均值|平均数|均值|最大值|最小值|中位数|中位值)[:：]?$")
# The street office's own figures (its 新时代文明实践所, its staff volunteers): real, but no community's.
_OFFICE = re.compile(r"^(.{0,8}(街道|街道办|街道办事处|镇))?(机关)?本级$|^.{0,8}街道(办事处)?机关$")
# In the community column only (the street column rightly holds 清河街道 or 清河街道办事处): the office itself,
# or the street's own name where a community's belongs.
_OFFICE_NAME = re.compile(r"^.{0,8}街道(办|办事处)?[:：]?$")
# Cheap tests before folding: every wording above holds one of these, a community name rarely does.
_TOTAL_CHARS = ("计", "汇", "全")
_STATISTIC_CHARS = ("均", "值", "中位", "最")
_OFFICE_CHARS = ("本级", "机关")
_OFFICE_NAME_CHARS = ("街道",)
# 其中：老旧小区 / #党员 under a community: a part of the row above (as in a header), never a community.
_PART = re.compile(r"^(其中|#)")
_PART_CHARS = ("其中", "#", "＃")
STATISTIC_ROW = "statistics row (平均/最大值…)"
UNITS_ROW = "units row (户 人 ㎡…)"
OFFICE_ROW = "street office row (街道本级)"
PART_ROW = "part of the row above (其中…)"
_FOOTER = re.compile(
    r"^(说明|注|注\d|备注|填表说明|审核人?|制表人?|填表人|填报人|负责人|单位负责人|统计人|制表时间|制表日期"
    r"|填报日期|联系人|联系电话)\s*[:：]"
)


def classify_rows(raw: RawSheet, band: Band, is_header: Callable[[list], bool] | None = None,
                  ) -> tuple[list[int], list[tuple[int, str]]]:
    """(kept 0-based rows, [(Excel row, reason) dropped]) for the rows under ``band``.

    ``is_header(row)`` recognises a header row repeated inside the data (offices stack yearly blocks in
    one sheet, each with its own header); such rows are dropped, not read as a community.
    """
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
    # What each distinct label text is (total, statistics, office row, or nothing), decided once: 100,000 rows
    # read four label cells each, and a dict look-up is all most of them cost.
    label_memo: dict[str, str | None] = {}
    name_memo: dict[str, str | None] = {}
    footer_memo: dict[str, bool] = {}
    footer = False
    # A block's title inside the data, merged over (nearly) every column of the header: filled across, its
    # text would sit in the community column and be read as a community.
    width = max(len(band.headers), 1)
    titles = {r0 for r0, c0, r1, c1 in raw.merged if r0 == r1 and r0 >= first and c1 - c0 + 1 >= 0.9 * width >= 3}
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
        n = len(row)
        kinds: set[str | None] = set()
        for c in label_list:
            if c < n and type(value := row[c]) is str:
                kind = label_memo.get(value, _UNSEEN)
                if kind is _UNSEEN:
                    kind = label_memo[value] = _label_kind(value)
                kinds.add(kind)
        name = row[community_col] if community_col is not None and community_col < n else None
        name_kind = None
        if type(name) is str:
            name_kind = name_memo.get(name, _UNSEEN)
            if name_kind is _UNSEEN:
                name_kind = name_memo[name] = _name_kind(name)
        reason = name_kind
        if kinds and kinds != _NO_KIND:
            reason = next((k for k in _LABEL_ORDER if k in kinds), None) or name_kind
        if reason is not None:
            dropped.append((r + 1, reason))
            continue
        if type(first_filled) is str and _memo_match(first_filled, footer_memo, _FOOTER.match):
            footer = True
            dropped.append((r + 1, "footer"))
            continue
        if r == first + band.skip_after and is_units_row(row):
            dropped.append((r + 1, UNITS_ROW))  # 户 人 ㎡ … under a band read without it (--header-rows 1)
            continue
        if r in titles:  # after the footer test: a merged 说明 line under the data is the footer
            dropped.append((r + 1, "title row"))
            continue
        if is_header is not None and is_header(row):
            dropped.append((r + 1, "repeated header row"))
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
_UNSEEN = "\x00unseen"  # a memo's "not decided yet" (str-typed, unlike _NOTHING)


def _memo_match(text: str, memo: dict[str, bool], test) -> bool:
    """``test(norm(display_text(text)))`` for a str cell, computed once per distinct text."""
    hit = memo.get(text)
    if hit is None:
        hit = memo[text] = test(norm(display_text(text))) is not None
    return hit


TOTAL_ROW = "total row (小计/合计)"
#: Which wins when a row's label cells say several things (合计 beside 平均: a total row).
_LABEL_ORDER = (TOTAL_ROW, STATISTIC_ROW, OFFICE_ROW)
_NO_KIND: set[str | None] = {None}  # the label cells of an ordinary row


# One search for any of the cheap-test characters: most names hold none and cost only this.
_LABEL_HINT = re.compile("|".join(map(re.escape, (*_TOTAL_CHARS, *_STATISTIC_CHARS, *_OFFICE_CHARS))))
_NAME_HINT = re.compile("|".join(map(re.escape, (*_OFFICE_NAME_CHARS, *_PART_CHARS))))


def _label_kind(text: str) -> str | None:
    """What a label cell's text makes its row — a total, a statistics or a street-office row — or None."""
    if _LABEL_HINT.search(text) is None:
        return None
    for reason, chars, pattern in ((TOTAL_ROW, _TOTAL_CHARS, _TOTAL.search),
                                   (STATISTIC_ROW, _STATISTIC_CHARS, _STATISTIC.match),
                                   (OFFICE_ROW, _OFFICE_CHARS, _OFFICE.match)):
        # Every wording holds one of ``chars``, which no folding creates: most names are never folded.
        if any(ch in text for ch in chars) and pattern(norm(display_text(text))) is not None:
            return reason
    return None


def _name_kind(text: str) -> str | None:
    """What a community cell's text makes its row — the office itself (街道办事处, the street's name) or a part of
    the row above (其中…) — or None."""
    if _NAME_HINT.search(text) is None:
        return None
    for reason, chars, pattern in ((OFFICE_ROW, _OFFICE_NAME_CHARS, _OFFICE_NAME.match),
                                   (PART_ROW, _PART_CHARS, _PART.match)):
        if any(ch in text for ch in chars) and pattern(norm(display_text(text))) is not None:
            return reason
    return None


def office_row_text(raw: RawSheet, row: int, community_col: int | None = None) -> str:
    """The label that made Excel row ``row`` the street office's own row (街道本级), for the warning."""
    cells = raw.rows[row - 1]
    for value in cells:
        if type(value) is str and _label_kind(value) == OFFICE_ROW:
            return value.strip()
    name = cells[community_col] if community_col is not None and community_col < len(cells) else None
    if isinstance(name, str):
        return name.strip()  # 街道办事处 / the street's name in the community column
    return ""


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


class MergedCells:
    """The merged ranges that start at or below ``first_data``: for a cell inside one, the cell it shows.

    That is the range's top-left cell, where Excel keeps a merged value. Some ledgers written by other
    programs leave the top-left blank and hold the label in a middle row of the range (a street merged over
    five communities, its name typed in the third); the range then shows its first non-blank cell — the
    merge itself says those rows share it, so nothing is guessed.

    Held per column as sorted row spans, so the cost follows the number of ranges and columns they span,
    never their area (a crafted sheet may merge millions of cells; the guard bounds them as well).
    Ranges starting in the header band are left out: a header text never spills into the data.
    """

    def __init__(self, raw: RawSheet, first_data: int) -> None:
        spans: dict[int, list[tuple[int, int, tuple[int, int]]]] = {}
        ranges: dict[int, list[tuple[int, int, int, int]]] = {}
        for r0, c0, r1, c1 in raw.merged:
            if r0 < first_data:
                continue
            shown = raw.shown_cell(r0, c0, r1, c1)
            for c in range(c0, c1 + 1):
                spans.setdefault(c, []).append((r0, r1, shown))
                if r1 > r0:
                    ranges.setdefault(c, []).append((r0, c0, r1, c1))
        self._spans = {c: sorted(found) for c, found in spans.items()}
        self._ranges = ranges
        self._starts = {c: [span[0] for span in found] for c, found in self._spans.items()}
        #: The columns that have at least one cell inside a merged data range.
        self.columns = frozenset(self._spans)

    def source(self, r: int, c: int) -> tuple[int, int]:
        """The cell whose value ``(r, c)`` shows: its range's shown cell, or itself."""
        starts = self._starts.get(c)
        if starts is None:
            return r, c
        i = bisect_right(starts, r) - 1
        if i >= 0:
            _r0, r1, shown = self._spans[c][i]
            if r <= r1:
                return shown
        return r, c


    def shared(self, c: int, rows: tuple[int, ...]) -> list[tuple[tuple[int, int, int, int], list[int]]]:
        """The ranges of column ``c`` that span two or more of ``rows`` (sorted 0-based sheet rows), each
        with the positions in ``rows`` it covers: one cell shown for several communities."""
        out = []
        for r0, c0, r1, c1 in self._ranges.get(c, ()):
            first, stop = bisect_left(rows, r0), bisect_right(rows, r1)
            if stop - first >= 2:
                out.append(((r0, c0, r1, c1), list(range(first, stop))))
        return out


def _filled_column(raw: RawSheet, col: int | None, rows: list[int], first_data: int) -> dict[int, str | None]:
    if col is None:
        return {}
    merged = MergedCells(raw, first_data)
    out = {}
    for r in rows:
        src = merged.source(r, col)
        row = raw.rows[src[0]]
        out[r] = display_text(row[src[1]]) if src[1] < len(row) else None
    return out


def _blank(value: object) -> bool:
    """``display_text(value) is None``, without formatting the common cell types."""
    if value is None:
        return True
    if type(value) is str:
        return not value.strip()
    if type(value) is float:
        return value != value  # NaN
    return display_text(value) is None


def column_values(raw: RawSheet, col: int | None, rows: tuple[int, ...], merged: MergedCells,
                  fill_down: bool) -> list:
    """The cells of column ``col`` in ``rows`` (merged cells read from their top-left; key fields filled down).

    A column no merged range touches — nearly all of them — is read without a lookup per cell.
    """
    if col is None:
        return [None] * len(rows)
    sheet_rows = raw.rows
    if col in merged.columns:
        out: list[object] = []
        for r in rows:
            src_r, src_c = merged.source(r, col)
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


def _merged_name_rows(merged: MergedCells, col: int, rows: tuple[int, ...]
                      ) -> list[tuple[str, int, list[int]]]:
    """Per community name merged over several of ``rows``: (its range, the position in ``rows`` of its first
    row, the positions of the others)."""
    out = []
    for (r0, c0, r1, c1), positions in merged.shared(col, rows):
        out.append((f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}", positions[0], positions[1:]))
    return out


def merged_names(raw: RawSheet, merged: MergedCells, col: int, rows: tuple[int, ...],
                 figures: dict[str, int]) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    """The rows under a community name merged over several of ``rows`` (0-based sheet rows), after the
    range's first: (Excel row, range, the ``figures`` — field → column — whose cell in that row differs
    from the first row's). A real ledger merges a name over a community's two lines (two
    sites, or a second line of figures): which line is the community's cannot be told from the sheet."""
    out: list[tuple[int, str, tuple[str, ...]]] = []
    for where, first_at, others in _merged_name_rows(merged, col, rows):
        first = rows[first_at]
        for i in others:
            r = rows[i]
            differ = tuple(name for name, c in figures.items()
                           if display_text(_cell(raw, merged, r, c)) != display_text(_cell(raw, merged, first, c)))
            out.append((r + 1, where, differ))
    return tuple(out)


def merged_name_conflicts(raw: RawSheet, merged: MergedCells, col: int, rows: tuple[int, ...],
                          figures: dict[str, int]) -> dict[str, dict[int, tuple[list[str], list[str]]]]:
    """field → {position in ``rows`` of a merged name's first row (the one checked): (the cells, the values
    as written)} where the rows under that one name hold different figures for the field. Which row is the
    community's is the office's call, so that field is read from none of them (``cell.merged_rows_differ``)."""
    out: dict[str, dict[int, tuple[list[str], list[str]]]] = {}
    for _where, first_at, others in _merged_name_rows(merged, col, rows):
        for name, c in figures.items():
            sources = [merged.source(rows[i], c) for i in (first_at, *others)]
            values = [display_text(_cell(raw, merged, rows[i], c)) for i in (first_at, *others)]
            if len(set(values)) > 1:
                out.setdefault(name, {})[first_at] = (
                    [f"{column_letter(sc)}{sr + 1}" for sr, sc in sources], [v or "—" for v in values])
    return out


def _cell(raw: RawSheet, merged: MergedCells, r: int, c: int) -> object:
    r, c = merged.source(r, c)  # a figure merged over both rows is the same figure in both
    row = raw.rows[r]
    return row[c] if c < len(row) else None

