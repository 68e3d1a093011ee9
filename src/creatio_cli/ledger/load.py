"""Ledger file → Ledger: pick the ledger sheets, find their header band, keep data rows, type columns.

Merged cells: python-calamine reports merged ranges for .xlsx/.xlsm and .xls, not for .ods (0.9); csv has
none. Blank district/street cells are therefore also filled downward from the row above, which covers
the usual "street written once per group" in every format. Hidden rows are data (calamine does not
expose row visibility, and an office hides rows to print, not to delete).

Every decision is recorded in SheetInfo (role, header rows, mapping, rows kept and dropped with the
reason) so ``creatio inspect`` can show it and a user can fix a mapping in minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from creatio_cli.errors import LedgerError
from creatio_cli.ledger.columns import normalize_column
from creatio_cli.ledger.header import (
    AliasIndex,
    Band,
    column_letter,
    filled_top,
    find_band,
    guess_header_row,
)
from creatio_cli.ledger.model import Ledger, SheetInfo
from creatio_cli.ledger.normalize import display_text, find_date_in_text
from creatio_cli.ledger.reader import RawSheet, RawWorkbook, read_workbook
from creatio_cli.ledger.rows import (
    KEY_FIELDS,
    MergedCells,
    classify_rows,
    column_values,
    letter_index,
)
from creatio_cli.messages import Message, msg
from creatio_cli.results import Warning
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_UNMAPPED

_INSTRUCTIONS = re.compile(r"说明|填表|指引|instructions?", re.IGNORECASE)
_STREET_SHEET = re.compile(r"\S+(街道|镇|乡|街办|办事处)$")  # one sheet per street, named for it


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
    index = alias_index(standard)
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
        kept, dropped = classify_rows(raw, band)
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


_INDEXES: dict[int, tuple[Standard, AliasIndex]] = {}


def alias_index(standard: Standard) -> AliasIndex:
    """The standard's AliasIndex, built once per standard object (a batch plans hundreds of files)."""
    cached = _INDEXES.get(id(standard))
    if cached is None or cached[0] is not standard:  # the standard is kept, so its id is not reused
        _INDEXES.clear()
        cached = _INDEXES[id(standard)] = (standard, AliasIndex(standard))
    return cached[1]


def mapped_fields(band: Band) -> set[str]:
    """The fields a header band found a column for."""
    return {m.field for m in band.mapping}


def ledger_fields(sheets: list[SheetInfo]) -> set[str]:
    """The fields some ledger sheet has a column for."""
    return {c.field for s in sheets if s.role == "ledger" for c in s.columns}


def load_ledger(
    path: Path, standard: Standard, *, sheet: str | None = None, header_rows: int | None = None
) -> Ledger:
    """Read one ledger file into a Ledger; LedgerError (exit 2) when no sheet can be used."""
    return frame_ledger([read_columns(path, standard, sheet=sheet, header_rows=header_rows)])


def read_columns(
    path: Path, standard: Standard, *, sheet: str | None = None, header_rows: int | None = None
) -> LedgerColumns:
    """Read one ledger file into typed columns, not yet a frame (a batch concatenates many first)."""
    book = read_workbook(Path(path), sheet)
    plans = plan_workbook(book, standard, header_rows=header_rows, sheet=sheet)
    return columns_from_plans(book, plans, standard)


@dataclass
class LedgerColumns:
    """A Ledger before its frame: the frame's columns (lists or numpy arrays) and what came with them.

    pandas costs milliseconds per small frame; ``score`` reads hundreds of 66-row files, so it builds
    one frame from all their columns (:func:`frame_ledger`) instead of one per file plus a concat.
    """

    data: dict[str, object]
    sheets: list[SheetInfo]
    warnings: list[Warning]
    as_of_hint: date | None
    files: list[str]


def ledger_from_plans(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> Ledger:
    """Type the kept rows of every ledger sheet and concatenate them into one frame."""
    return frame_ledger([columns_from_plans(book, plans, standard)])


def frame_ledger(parts: list[LedgerColumns], as_of_hint: date | None = None) -> Ledger:
    """One Ledger from one or more files' columns, in order (the frame model.py describes).

    With one part its own as-of hint is kept; a batch passes ``as_of_hint`` (it weighs the files' hints).
    """
    import pandas as pd

    data: dict[str, object] = {}
    # ``f.reason`` columns exist only in files with an invalid cell: the others get blanks.
    names = dict.fromkeys(name for p in parts for name in p.data)
    for name in names:
        first = next(p.data[name] for p in parts if name in p.data)
        if len(parts) == 1:
            column = first
        elif name.endswith(".reason"):
            column = np.concatenate([p.data[name] if name in p.data else np.full(len(p.data["_file"]), None, object)
                                     for p in parts])  # type: ignore[misc]
        elif isinstance(first, np.ndarray):
            column = np.concatenate([p.data[name] for p in parts])  # type: ignore[misc]
        else:
            column = [v for p in parts for v in p.data[name]]  # type: ignore[attr-defined]
        if name.endswith(".raw") or (isinstance(column, np.ndarray) and column.dtype == object):
            column = pd.Series(column, dtype=object)
        data[name] = column
    hint = parts[0].as_of_hint if len(parts) == 1 else as_of_hint
    return Ledger(pd.DataFrame(data), [s for p in parts for s in p.sheets], [w for p in parts for w in p.warnings],
                  hint, [f for p in parts for f in p.files])


def columns_from_plans(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> LedgerColumns:
    """The typed columns of the kept rows of every ledger sheet; LedgerError when no sheet can be used."""
    ledger_plans = [p for p in plans if p.info.role == "ledger"]
    if not ledger_plans:
        raise _no_community(book, plans, standard)
    if not any(p.kept for p in ledger_plans):
        raise LedgerError(book.path, "sheet.no_data_rows", sheet=ledger_plans[0].info.sheet)
    mapped = ledger_fields([p.info for p in ledger_plans]) | ({"street"} if any(p.street_from_name for p in ledger_plans)
                                                             else set())
    if standard.indicators and not standard.assessable(mapped):
        raise _nothing_assessable(book, ledger_plans, standard)
    wanted = standard.used_fields()
    columns: dict[str, list] = {"_file": [], "_sheet": [], "_row": []}
    cells: dict[str, list[object]] = {name: [] for name in wanted}
    unmapped: dict[str, list[tuple[int, int]]] = {name: [] for name in wanted}  # row spans with no column
    warnings: list[Warning] = []
    for plan in ledger_plans:
        band = plan.band
        merged = MergedCells(plan.raw, band.start + band.height if band else 0)
        letters = {m.field: letter_index(m.letter) for m in plan.info.columns}
        n = len(plan.kept)
        columns["_file"] += [plan.info.file] * n
        columns["_sheet"] += [plan.info.sheet] * n
        columns["_row"] += [r + 1 for r in plan.kept]
        for name in wanted:
            if name == "street" and plan.street_from_name:
                cells[name] += [plan.street_from_name] * n
                continue
            col = letters.get(name)
            if col is None:
                unmapped[name].append((len(cells[name]), len(cells[name]) + n))
            cells[name] += column_values(plan.raw, col, plan.kept, merged, name in KEY_FIELDS)
        warnings += _sheet_warnings(plan, standard, wanted, letters)
    data: dict[str, object] = dict(columns)
    for name in wanted:
        spec = standard.fields[name]
        column = normalize_column(cells[name], spec.type, allow_negative=spec.allow_negative)
        data[name] = column.values  # float64, or object (text, date): frame_ledger makes the Series
        for start, stop in unmapped[name]:
            column.states[start:stop] = CELL_UNMAPPED  # no column in that sheet: its indicators are unassessed
        data[f"{name}.state"] = column.states
        # The cells as read: the engine formats (display_text) only those its findings cite.
        data[f"{name}.raw"] = column.cells
        if column.reasons:  # why each invalid cell is invalid (a catalogue code), for its finding
            reasons = np.full(len(column.cells), None, dtype=object)
            reasons[list(column.reasons)] = list(column.reasons.values())
            data[f"{name}.reason"] = reasons
        for i, message in column.warnings:
            warnings.append(_cell_warning(plans, columns, i, name, message))
    return LedgerColumns(data, [p.info for p in plans], warnings, _as_of_hint(ledger_plans), [str(book.path)])


def _sheet_warnings(plan: SheetPlan, standard: Standard, wanted: list[str], letters: dict) -> list[Warning]:
    """Columns not found, competing columns (which one was used) and a street taken from the sheet name."""
    file, sheet = plan.info.file, plan.info.sheet
    out = []
    for field_name, used, used_header, other, other_header in plan.competing:
        out.append(Warning(msg("header.competing", title=standard.fields[field_name].title, used=used,
                               used_header=used_header, other=other, other_header=other_header),
                           file, sheet, f"{used}{plan.info.header_rows[-1]}"))
    if plan.street_from_name:
        out.append(Warning(msg("sheet.street_from_name", street=plan.street_from_name), file, sheet))
    for field_name, spec in standard.fields.items():
        if field_name in wanted and field_name not in letters and not spec.derive_from:
            if field_name == "street" and plan.street_from_name:
                continue
            out.append(Warning(msg("header.field_not_found", title=spec.title, field=field_name), file, sheet))
    return out


def _no_community(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> LedgerError:
    """Exit 2: no sheet has a community column. Name the aliases tried and the headers that were seen."""
    tried = AliasIndex(standard).tried("community", standard)
    for plan in plans:
        guess = guess_header_row(plan.raw) if plan.info.role in ("other", "instructions") else None
        if guess:
            return LedgerError(book.path, "ledger.no_community_column",
                               {"tried": tried, "row": guess[0], "headers": guess[1][:8]}, sheet=plan.info.sheet)
    if all(plan.info.role == "empty" for plan in plans):
        return LedgerError(book.path, "ledger.empty_workbook")
    return LedgerError(book.path, "ledger.no_header_row", {"tried": tried})


def _nothing_assessable(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> LedgerError:
    """Exit 2: the ledger has a community column but no column for any field an indicator needs."""
    needed = [name for name in standard.used_fields() if name not in KEY_FIELDS]
    titles = [standard.fields[name].title for name in needed[:8]]
    headers = [h for _letter, h in plans[0].info.unmapped[:8]] or ["—"]
    return LedgerError(book.path, "ledger.nothing_assessable", {"fields": titles, "headers": headers},
                       sheet=plans[0].info.sheet)


def _cell_warning(plans, columns, i: int, name: str, message: Message) -> Warning:
    file, sheet, row = columns["_file"][i], columns["_sheet"][i], columns["_row"][i]
    letter = next((p.info.letter(name) for p in plans if p.info.file == file and p.info.sheet == sheet), None)
    return Warning(message, file, sheet, f"{letter}{row}" if letter else None)


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
