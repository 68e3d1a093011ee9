"""Ledger file → Ledger: pick the ledger sheets, find their header band, keep data rows, type columns.

Every decision is recorded in SheetInfo (role, header rows, mapping, rows kept and dropped with the
reason) so ``creatio inspect`` can show it and a user can fix a mapping in minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from creatio_cli.errors import LedgerError
from creatio_cli.ledger.header import (
    AliasIndex,
    Band,
    column_letter,
    filled_top,
    find_band,
    guess_header_row,
    norm,
)
from creatio_cli.ledger.model import Ledger, SheetInfo
from creatio_cli.ledger.normalize import display_text, find_date_in_text, normalize_column
from creatio_cli.ledger.reader import RawSheet, RawWorkbook, read_workbook
from creatio_cli.results import Warning
from creatio_cli.standards.model import Standard

_TOTAL = re.compile(r"^(小计|合计|总计|共计|累计)|(小计|合计|总计)[:：]?$|^全.{0,4}(合计|总计)")
_FOOTER = re.compile(
    r"^(说明|注|注\d|备注|填表说明|审核人?|制表人?|填表人|填报人|负责人|单位负责人|统计人|制表时间|制表日期"
    r"|填报日期|联系人|联系电话)\s*[:：]"
)
_INSTRUCTIONS = re.compile(r"说明|填表|指引|instructions?", re.IGNORECASE)
_STREET_SHEET = re.compile(r"\S+(街道|镇|乡|街办|办事处)$")  # one sheet per street, named for it
KEY_FIELDS = ("district", "street", "community")


@dataclass
class SheetPlan:
    """A sheet analysed: its SheetInfo plus, for a ledger sheet, the kept Excel rows (0-based)."""

    info: SheetInfo
    raw: RawSheet
    band: Band | None = None
    kept: tuple[int, ...] = ()
    street_from_name: str | None = None  # no 街道 column: the sheet's name is the street

    @property
    def competing(self) -> tuple[tuple[str, str, str, str, str], ...]:
        """(field, used letter, used header, other letter, other header) — see header.Band."""
        return self.band.competing if self.band is not None else ()


def plan_workbook(
    book: RawWorkbook, standard: Standard, *, header_rows: int | None = None, sheet: str | None = None
) -> list[SheetPlan]:
    """Decide each sheet's role and, for ledger sheets, the header band and the rows to keep."""
    index = AliasIndex(standard)
    plans = []
    for raw in book.sheets:
        file = str(book.path)
        if not any(display_text(v) for row in raw.rows for v in row):
            plans.append(SheetPlan(SheetInfo(file, raw.name, "empty"), raw))
            continue
        if not raw.visible and sheet is None:
            plans.append(SheetPlan(SheetInfo(file, raw.name, "hidden", note="hidden sheet"), raw))
            continue
        band = find_band(raw, index, header_rows)
        if band is None or len(band.mapping) < 2:
            role = "instructions" if _INSTRUCTIONS.search(raw.name) else "other"
            plans.append(SheetPlan(SheetInfo(file, raw.name, role, note="no ledger header found"), raw, band))
            continue
        kept, dropped = _classify_rows(raw, band)
        mapped = {m.letter for m in band.mapping}
        unmapped = tuple((column_letter(i), h) for i, h in enumerate(band.headers)
                         if h and column_letter(i) not in mapped)
        first = band.start + 1
        street = None
        if "street" not in mapped_fields(band) and _STREET_SHEET.fullmatch(raw.name.strip()):
            street = raw.name.strip()
        note = f"no 街道 column: street taken from the sheet name ({street})" if street else None
        info = SheetInfo(file, raw.name, "ledger", tuple(range(first, first + band.height)), band.mapping,
                         unmapped, len(kept), tuple(dropped), note)
        plans.append(SheetPlan(info, raw, band, tuple(kept), street))
    return plans


def mapped_fields(band: Band) -> set[str]:
    """The fields a header band found a column for."""
    return {m.field for m in band.mapping}


def _classify_rows(raw: RawSheet, band: Band) -> tuple[list[int], list[tuple[int, str]]]:
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
    footer = False
    for r in range(first + band.skip_after, len(raw.rows)):
        row = raw.rows[r]
        texts = [norm(display_text(v) or "") for v in row]
        if footer:
            if any(texts):
                dropped.append((r + 1, "footer"))
            continue
        if not any(texts):
            continue  # blank rows are not worth listing
        if any(_TOTAL.search(texts[c]) for c in label_cols if c < len(texts) and texts[c]):
            dropped.append((r + 1, "total row (小计/合计)"))
            continue
        first_text = next((t for t in texts if t), "")
        if _FOOTER.match(first_text):
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


def _col(band: Band, field_name: str) -> int | None:
    for m in band.mapping:
        if m.field == field_name:
            return _letter_index(m.letter)
    return None


def _letter_index(letter: str) -> int:
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _merged_lookup(raw: RawSheet, first_data: int) -> dict[tuple[int, int], tuple[int, int]]:
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
    lookup = _merged_lookup(raw, first_data)
    out = {}
    for r in rows:
        src = lookup.get((r, col), (r, col))
        row = raw.rows[src[0]]
        out[r] = display_text(row[src[1]]) if src[1] < len(row) else None
    return out


def load_ledger(
    path: Path, standard: Standard, *, sheet: str | None = None, header_rows: int | None = None
) -> Ledger:
    """Read one ledger file into a Ledger; LedgerError (exit 2) when no sheet can be used."""
    book = read_workbook(Path(path), sheet)
    plans = plan_workbook(book, standard, header_rows=header_rows, sheet=sheet)
    return ledger_from_plans(book, plans, standard)


def ledger_from_plans(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> Ledger:
    """Type the kept rows of every ledger sheet and concatenate them into one frame."""
    import pandas as pd

    ledger_plans = [p for p in plans if p.info.role == "ledger"]
    if not ledger_plans:
        raise _no_community(book, plans, standard)
    if not any(p.kept for p in ledger_plans):
        raise LedgerError(book.path, "the ledger header has no data rows under it",
                          sheet=ledger_plans[0].info.sheet)
    wanted = standard.used_fields()
    columns: dict[str, list] = {"_file": [], "_sheet": [], "_row": []}
    cells: dict[str, list[object]] = {name: [] for name in wanted}
    warnings: list[Warning] = []
    for plan in ledger_plans:
        band = plan.band
        lookup = _merged_lookup(plan.raw, band.start + band.height if band else 0)
        letters = {m.field: _letter_index(m.letter) for m in plan.info.columns}
        n = len(plan.kept)
        columns["_file"] += [plan.info.file] * n
        columns["_sheet"] += [plan.info.sheet] * n
        columns["_row"] += [r + 1 for r in plan.kept]
        for name in wanted:
            if name == "street" and plan.street_from_name:
                cells[name] += [plan.street_from_name] * n
                continue
            col = letters.get(name)
            cells[name] += _column_values(plan.raw, col, plan.kept, lookup, name in KEY_FIELDS)
        warnings += _sheet_warnings(plan, standard, wanted, letters)
    data: dict[str, object] = dict(columns)
    for name in wanted:
        spec = standard.fields[name]
        column = normalize_column(cells[name], spec.type, allow_negative=spec.allow_negative)
        data[name] = pd.Series(column.values, dtype=object if column.values.dtype == object else None)
        data[f"{name}.state"] = column.states
        data[f"{name}.raw"] = pd.Series(column.raw, dtype=object)
        for i, message in column.warnings:
            warnings.append(_cell_warning(plans, columns, i, name, message))
    frame = pd.DataFrame(data)
    as_of = _as_of_hint(ledger_plans)
    return Ledger(frame, [p.info for p in plans], warnings, as_of, [str(book.path)])


def _sheet_warnings(plan: SheetPlan, standard: Standard, wanted: list[str], letters: dict) -> list[Warning]:
    """Columns not found, competing columns (which one was used) and a street taken from the sheet name."""
    file, sheet = plan.info.file, plan.info.sheet
    out = []
    for field_name, used, used_header, other, other_header in plan.competing:
        title = standard.fields[field_name].title.zh
        out.append(Warning(file, sheet, f"{used}{plan.info.header_rows[-1]}",
                           f"{title}：{used}列「{used_header}」与{other}列「{other_header}」都可作此字段，"
                           f"按别名优先级采用{used}列「{used_header}」"))
    if plan.street_from_name:
        out.append(Warning(file, sheet, None, f"无街道列：街道取工作表名「{plan.street_from_name}」"))
    for field_name, spec in standard.fields.items():
        if field_name in wanted and field_name not in letters and not spec.derive_from:
            if field_name == "street" and plan.street_from_name:
                continue
            out.append(Warning(file, sheet, None, f"column for {spec.title.zh} ({field_name}) not found"))
    return out


def _no_community(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> LedgerError:
    """Exit 2: no sheet has a community column. Name the aliases tried and the headers that were seen."""
    tried = "、".join(AliasIndex(standard).tried("community", standard))
    seen = ""
    for plan in plans:
        guess = guess_header_row(plan.raw) if plan.info.role in ("other", "instructions") else None
        if guess:
            seen = f"; headers seen on row {guess[0]}: {'、'.join(guess[1][:8])}"
            return LedgerError(book.path, f"no community column found (tried {tried}){seen}; "
                               "run `creatio inspect` for details", sheet=plan.info.sheet)
    return LedgerError(book.path, f"no community column found (tried {tried}); no sheet has a header row")


def _column_values(raw: RawSheet, col: int | None, rows: tuple[int, ...], lookup: dict, fill_down: bool) -> list:
    if col is None:
        return [None] * len(rows)
    out: list[object] = []
    last: object = None
    for r in rows:
        src_r, src_c = lookup.get((r, col), (r, col))
        row = raw.rows[src_r]
        value = row[src_c] if src_c < len(row) else None
        if fill_down:
            # Street/district are often written once per group (merged or simply left blank below).
            if display_text(value) is None:
                value = last
            last = value
        out.append(value)
    return out


def _cell_warning(plans, columns, i: int, name: str, message: str) -> Warning:
    file, sheet, row = columns["_file"][i], columns["_sheet"][i], columns["_row"][i]
    letter = next((p.info.letter(name) for p in plans if p.info.file == file and p.info.sheet == sheet), None)
    return Warning(file, sheet, f"{letter}{row}" if letter else None, message)


def _as_of_hint(plans: list[SheetPlan]):
    """The 截至 / 填报日期 date written in the rows above the header, if any."""
    found = []
    for plan in plans:
        if plan.band is None:
            continue
        for row in filled_top(plan.raw, plan.band.start):
            for text in dict.fromkeys(c for c in row if c):
                date = find_date_in_text(text)
                if date:
                    priority = 0 if "截至" in text or "截止" in text else 1 if "填报" in text else 2
                    found.append((priority, date))
    return min(found)[1] if found else None
