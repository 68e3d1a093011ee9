"""Find the header band of a sheet and map its columns to the standard's fields.

Real ledgers put title rows, a 填报单位 row, a 1–3 row header with merged group cells
(``社区综合服务设施`` over ``总面积（㎡）``) and a column-number row (甲、乙、1、2…) above the data.
The band is found by trying every start row and height in the top of the sheet and keeping the one
whose joined headers map the most fields.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from creatio_cli.ledger.model import ColumnMapping
from creatio_cli.ledger.reader import RawSheet
from creatio_cli.standards.model import Standard

SCAN_ROWS = 100  # header bands start within the first rows (a long preamble can push them down)
MAX_BAND = 3
# Rows searched past a good band (≥ 3 fields) before the search stops; a 66-row ledger would otherwise
# fold and match every data cell as a header candidate (half the time of `score` on small files).
_SETTLE_ROWS = 4
_PAREN_TAIL = re.compile(r"\(([^()]*)\)$")
_UNIT_TAIL = re.compile(r"(m2|平方米|平米|%)$")  # a unit written without parentheses: 面积㎡ → 面积m2
_PUNCT = re.compile(r"[:：、,，.。;；'\"‘’“”「」『』《》*＊※·]")
_SPACES = re.compile(r"\s+")
_COLUMN_NUMBER = re.compile(r"^(\d{1,3}|[甲乙丙丁戊己庚辛壬癸]|[A-Za-z]|\(\d{1,3}\)|[一二三四五六七八九十]{1,3})$")


def norm(text: object) -> str:
    """Header text folded for matching: NFKC (full → half width), no spaces or line breaks."""
    folded = unicodedata.normalize("NFKC", str(text or ""))
    return _SPACES.sub("", folded).replace("\u3000", "").lower()


def strip_unit(text: str) -> str:
    """``社区综合服务设施面积(m2)`` → ``社区综合服务设施面积`` (a trailing parenthesis is a unit or note)."""
    for _ in range(2):  # 面积(㎡)(2022年) has two
        stripped = _UNIT_TAIL.sub("", _PAREN_TAIL.sub("", text))
        if stripped == text or not stripped:
            break
        text = stripped
    return text


def fold(text: object) -> str:
    """Header text as alias keys are compared: ``norm`` without quotes, colons and list marks."""
    return _PUNCT.sub("", norm(text))


@dataclass(frozen=True)
class Band:
    start: int  # 0-based row index of the first header row
    height: int
    headers: tuple[str, ...]  # joined header text per column, as written ("组/叶")
    mapping: tuple[ColumnMapping, ...]
    skip_after: int  # column-number rows right under the band
    # (field, used letter, used header, other letter, other header): columns that could be the same field
    competing: tuple[tuple[str, str, str, str, str], ...] = ()


class AliasIndex:
    """The standard's header aliases, folded once; answers "which field is this header?"."""

    def __init__(self, standard: Standard, fields: list[str] | None = None) -> None:
        wanted = fields or list(standard.fields)
        self.plain: dict[str, tuple[str, int, str]] = {}  # folded alias → (field, rank, alias as written)
        self.grouped: list[tuple[str, dict[str, str], dict[str, tuple[int, str]]]] = []
        for name in wanted:
            spec = standard.fields[name]
            for rank, alias in enumerate(spec.aliases):
                for key in {fold(alias), strip_unit(fold(alias))}:
                    self.plain.setdefault(key, (name, rank, alias))
            if spec.group_aliases:
                groups = {strip_unit(fold(g)): g for g in spec.group_aliases}
                leaves = {strip_unit(fold(a)): (r, a) for r, a in enumerate(spec.leaf_aliases or spec.aliases)}
                self.grouped.append((name, groups, leaves))

    def tried(self, field_name: str, standard: Standard) -> list[str]:
        """The aliases a field is looked for under, as the standard writes them (for messages)."""
        spec = standard.fields[field_name]
        return spec.aliases + [f"{g}/{leaf}" for g in spec.group_aliases for leaf in spec.leaf_aliases]

    def match(self, parts: list[str], memo: dict | None = None) -> tuple[str, int, str] | None:
        """(field, precedence rank, alias) for a column whose header parts are ``parts`` (top → bottom).

        ``memo`` (one dict per sheet, see :func:`find_band`) remembers each header text's folded forms and
        each column's answer: the band search asks about the same cells in up to 3 × 3 bands.
        """
        if not parts:
            return None
        if memo is None:
            memo = {}
        key = tuple(parts)
        if key in memo:
            return memo[key]
        folded = [_folded(p, memo)[1] for p in parts]
        leaf = folded[-1]
        hit = None
        for group in folded[:-1]:
            for name, groups, leaves in self.grouped:
                if group in groups and leaf in leaves:
                    rank, written = leaves[leaf]
                    hit = name, rank, f"{groups[group]}/{written}"
                    break
            if hit:
                break
        if hit is None:
            whole = _folded("".join(parts), memo)
            for candidate in (_folded(parts[-1], memo)[0], leaf, *whole):
                if candidate in self.plain:
                    hit = self.plain[candidate]
                    break
        memo[key] = hit
        return hit


def _folded(text: str, memo: dict) -> tuple[str, str]:
    """(``fold(text)``, ``strip_unit(fold(text))``), once per distinct text (str keys; tuples are answers)."""
    pair = memo.get(text)
    if pair is None:
        folded = fold(text)
        pair = memo[text] = (folded, strip_unit(folded))
    return pair


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def filled_top(sheet: RawSheet, rows: int) -> list[list[str]]:
    """The top ``rows`` rows as text, merged ranges filled with their top-left value."""
    width = max((len(r) for r in sheet.rows[:rows]), default=0)
    grid = [[_text(v) for v in row] + [""] * (width - len(row)) for row in sheet.rows[:rows]]
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(grid):
            continue
        value = grid[r0][c0] if c0 < width else ""
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                grid[r][c] = value
    return grid


def is_column_number_row(cells: list[str]) -> bool:
    """甲、乙、1、2、3 … under the header: every non-empty cell is a short enumerator."""
    values = [c for c in cells if c.strip()]
    # Folded lazily: a header or data row fails on its first cell, so it is not folded whole.
    return len(values) >= 3 and all(_COLUMN_NUMBER.match(norm(c)) for c in values)


def find_band(sheet: RawSheet, index: AliasIndex, header_rows: int | None = None) -> Band | None:
    """The best header band in the first rows of the sheet, or None when nothing maps."""
    grid = filled_top(sheet, SCAN_ROWS + MAX_BAND + 2)
    # Without merge information (csv, ods) a group header sits in the first column of its span only.
    spread = not sheet.merged
    heights = [header_rows] if header_rows else list(range(1, MAX_BAND + 1))
    numbered = [is_column_number_row(r) for r in grid]  # each row tested once, not once per band
    memo: dict = {}  # header texts folded, and header parts matched, once per sheet
    columns: dict = {}  # a band column's cells → (header, match)
    best: tuple[tuple[int, int, int], Band] | None = None
    for start in range(min(SCAN_ROWS, len(grid))):
        if best is not None and best[0][0] >= 3 and start > best[1].start + MAX_BAND + _SETTLE_ROWS:
            break  # a header that maps well, followed by rows of data: nothing better lies below
        if not any(c.strip() for c in grid[start]):
            continue
        for height in heights:
            if start + height > len(grid):
                break
            band_rows = grid[start:start + height]
            if height > 1 and any(numbered[start:start + height]):
                continue
            band = _map_band(_spread_groups(band_rows) if spread else band_rows, start, index, memo, columns)
            fields = {m.field for m in band.mapping}
            if "community" not in fields:
                continue
            # More fields first; then fewer rows (a title row adds nothing); then the earlier band.
            score = (len(fields), -height, -start)
            if best is None or score > best[0]:
                skip = 0
                while start + height + skip < len(grid) and numbered[start + height + skip]:
                    skip += 1
                best = (score, Band(band.start, band.height, band.headers, band.mapping, skip, band.competing))
    return best[1] if best else None


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


def _map_band(rows: list[list[str]], start: int, index: AliasIndex, memo: dict | None = None,
              columns: dict | None = None) -> Band:
    """Map each column of the band ``rows``; ``memo``/``columns`` (per sheet) remember answers across bands."""
    memo = {} if memo is None else memo
    columns = {} if columns is None else columns
    width = max(len(r) for r in rows)
    if any(len(r) < width for r in rows):
        rows = [list(r) + [""] * (width - len(r)) for r in rows]
    # A column is answered by its cells (top → bottom): the same cells recur across the bands tried.
    answers = [columns.get(cells) or _answer(cells, index, memo, columns) for cells in zip(*rows, strict=True)]
    headers = [header for header, _ in answers]
    candidates: dict[str, list[tuple[int, int, str, str]]] = {}
    for col, (header, hit) in enumerate(answers):
        if hit:
            name, rank, alias = hit
            candidates.setdefault(name, []).append((rank, col, alias, header))
    mapping = []
    competing = []
    for name, options in candidates.items():
        # The alias order in the standard is the precedence (常住户数 before 总户数); ties → leftmost.
        rank, col, alias, header = min(options)
        mapping.append(ColumnMapping(name, column_letter(col), header, alias))
        for _, other, _, other_header in sorted(options):
            if other != col:
                competing.append((name, column_letter(col), header, column_letter(other), other_header))
    mapping.sort(key=lambda m: (len(m.letter), m.letter))
    return Band(start, len(rows), tuple(headers), tuple(mapping), 0, tuple(competing))


def _answer(cells: tuple[str, ...], index: AliasIndex, memo: dict, columns: dict) -> tuple[str, object]:
    """(joined header "组/叶", index.match answer) of one band column; stored in ``columns``."""
    parts: list[str] = []
    for text in cells:
        text = text.strip()
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    answer = columns[cells] = ("/".join(parts), index.match(parts, memo))
    return answer


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
