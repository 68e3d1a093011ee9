"""Open ledger files: the only module that touches workbook bytes.

One interface for every format: ``read_workbook(path)`` → RawWorkbook (sheets as lists of rows of
python values, merged ranges, visibility). xlsx/xlsm/xls/ods go through python-calamine (fast, and it
never expands XML entities); csv through the csv module with encoding detection (UTF-8, UTF-8 with
BOM, GB18030).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from creatio_cli.errors import LedgerError
from creatio_cli.ledger import guard, limits
from creatio_cli.messages import os_reason

LEDGER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: A cell as read: what python-calamine returns (an empty cell is ""), or a csv field's text.
Cell = int | float | str | bool | dt.date | dt.datetime | dt.time | dt.timedelta


@dataclass(frozen=True)
class RawSheet:
    """A sheet's cells as python values, rows and columns 0-based from A1."""

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive
    visible: bool = True

    def shown_cell(self, r0: int, c0: int, r1: int, c1: int) -> tuple[int, int]:
        """The cell a merged range shows: its top-left (where Excel keeps the value); when that is blank,
        the first non-blank cell row by row (some programs write a merged label into a middle row);
        the top-left again when the whole range is blank."""
        rows = self.rows
        if r0 < len(rows) and c0 < len(rows[r0]) and not _blank_cell(rows[r0][c0]):
            return r0, c0
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if not _blank_cell(row[c]):
                    return r, c
        return r0, c0


def _blank_cell(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value != value  # NaN


@dataclass(frozen=True)
class RawWorkbook:
    path: Path
    sheets: list[RawSheet]


def read_workbook(path: Path, sheet: str | None = None) -> RawWorkbook:
    """Read every sheet (or only ``sheet``) of a ledger file; LedgerError when it cannot be used."""
    path = Path(path)
    if not path.exists():
        raise LedgerError(path, "file.not_found")
    if path.is_dir():
        raise LedgerError(path, "file.is_folder")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise LedgerError(path, "file.unreadable", {"reason": os_reason(exc)}) from None
    if not head:
        raise LedgerError(path, "file.empty")
    if path.stat().st_size > limits.current().file_mb << 20 and not head.startswith(_ZIP_MAGIC):
        lim = limits.current()
        raise LedgerError(path, "file.too_large", {"limit": lim.file_mb, "variable": lim.env("file_mb")})
    suffix = path.suffix.lower()
    if suffix == ".csv" or (suffix not in LEDGER_SUFFIXES and not head.startswith((_ZIP_MAGIC, _OLE_MAGIC))):
        if suffix != ".csv":
            raise LedgerError(path, "file.not_ledger_format", {"formats": LEDGER_SUFFIXES})
        return RawWorkbook(path, [_read_csv(path)])
    return _read_calamine(path, head, sheet)


def _read_calamine(path: Path, head: bytes, sheet: str | None) -> RawWorkbook:
    from python_calamine import CalamineWorkbook

    if not head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise LedgerError(path, "file.not_spreadsheet")
    # Container checks first: encryption, zip bombs, DTDs, absurd sheets; and the formula errors.
    pre = guard.check_zip(path) if head.startswith(_ZIP_MAGIC) else guard.check_ole(path)
    try:
        patched = pre.open_for_calamine(path)
        if patched is None:
            # By content, not by suffix: offices rename freely (an xlsx saved by WPS as "x.xls").
            with path.open("rb") as handle:
                book = CalamineWorkbook.from_filelike(handle)
        else:
            book = CalamineWorkbook.from_filelike(patched)
    except Exception as exc:  # calamine raises several error types for broken files
        if any(word in str(exc).lower() for word in ("password", "encrypt")):
            raise LedgerError(path, "file.encrypted") from None
        raise _unreadable(path, exc, "file.not_openable") from None
    names = [meta.name for meta in book.sheets_metadata]
    visible = {meta.name: str(meta.visible).endswith("Visible") for meta in book.sheets_metadata}
    if sheet is not None:
        if sheet not in names:
            raise LedgerError(path, "sheet.not_found", {"sheet": sheet, "sheets": names})
        names = [sheet]
    sheets = []
    for name in names:
        try:
            data = book.get_sheet_by_name(name)
            rows = data.to_python(skip_empty_area=False)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (data.merged_cell_ranges or [])]
        except Exception as exc:
            raise _unreadable(path, exc, "sheet.unreadable", name) from None
        # xlsx was measured before parsing; legacy .xls reports its merged ranges only now.
        guard.check_merged(path, name, len(merged), sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in merged))
        scan = pre.sheets.get(name)
        if scan and scan.errors:
            _restore_errors(rows, scan.errors)
        sheets.append(RawSheet(name, rows, merged, visible.get(name, True)))
    return RawWorkbook(path, sheets)


def _restore_errors(rows: list[list[Cell]], errors: dict[tuple[int, int], str]) -> None:
    """Put cached formula errors (``#REF!``) back where calamine left "" or 0.0 (rows from A1)."""
    for (r, c), text in errors.items():
        while len(rows) <= r:
            rows.append([])
        row = rows[r]
        if len(row) <= c:
            row.extend([""] * (c + 1 - len(row)))
        row[c] = text


def _read_csv(path: Path) -> RawSheet:
    raw = path.read_bytes()
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise LedgerError(path, "file.csv_encoding")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    return RawSheet(path.stem, rows)


def _unreadable(path: Path, exc: BaseException, code: str, sheet: str | None = None) -> LedgerError:
    """calamine's refusal as a LedgerError; running out of memory names the limit that stopped it."""
    if isinstance(exc, MemoryError) or "memory" in str(exc).lower():
        lim = limits.current()
        return LedgerError(path, "file.reader_memory", {"limit": lim.reader_mb, "variable": lim.env("reader_mb")},
                           sheet=sheet)
    return LedgerError(path, code, {"detail": _short(exc)}, sheet=sheet)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
