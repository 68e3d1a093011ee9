"""Open ledger files: the only module that touches workbook bytes.

One interface for every format: ``read_workbook(path)`` → RawWorkbook (sheets as lists of rows of
python values, merged ranges, visibility). xlsx/xlsm/xls/ods go through python-calamine (fast, and it
never expands XML entities); csv through the csv module with encoding detection (UTF-8, UTF-8 with
BOM, UTF-16/32 with BOM, GB18030).

Only a regular file is read: a pipe (FIFO), a device or a socket named like a ledger is refused after
a non-blocking open, so ``creatio check`` never waits on a pipe nobody writes to, nor reads ``/dev/zero``
until memory runs out. Whatever the bytes, a CSV gives rows or a LedgerError: any line ending (CR
alone, as old Mac Excel wrote), fields of any length (the file-size limit bounds them), a damaged
quote → ``file.csv_damaged`` and a quote never closed → ``file.csv_unclosed_quote``, each naming the
line; text with NULs or mostly control characters is binary, not a CSV (``file.csv_encoding``). A .csv
that begins with a zip or OLE signature is a workbook named .csv, and said to be one
(``file.csv_is_zip_workbook``, ``file.csv_is_ole_workbook``: rename it).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    hidden_columns: tuple[tuple[int, int], ...] = ()  # (first, last) 0-based: columns hidden in Excel (xlsx only)
    # 0-based rows an xlsx marks hidden (an office hides rows to print, not to delete): still read, and said.
    hidden_rows: frozenset[int] = frozenset()

    def column_hidden(self, col: int) -> bool:
        """Column ``col`` (0-based) is hidden in the workbook (known for xlsx; never for xls, ods, csv)."""
        return any(first <= col <= last for first, last in self.hidden_columns)

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
    head, size = _head(path)
    if not head:
        raise LedgerError(path, "file.empty")
    if size > limits.current().file_mb << 20 and not head.startswith(_ZIP_MAGIC):
        lim = limits.current()
        raise LedgerError(path, "file.too_large", {"limit": lim.file_mb, "variable": lim.env("file_mb")})
    suffix = path.suffix.lower()
    if suffix == ".csv" or (suffix not in LEDGER_SUFFIXES and not head.startswith((_ZIP_MAGIC, _OLE_MAGIC))):
        if suffix != ".csv":
            raise LedgerError(path, "file.not_ledger_format", {"formats": LEDGER_SUFFIXES})
        # A workbook saved or renamed as .csv: its signature says so (decoding it would blame the encoding).
        if head.startswith(_ZIP_MAGIC):
            raise LedgerError(path, "file.csv_is_zip_workbook")
        if head.startswith(_OLE_MAGIC):
            raise LedgerError(path, "file.csv_is_ole_workbook")
        return RawWorkbook(path, [_read_csv(path)])
    return _read_calamine(path, head, sheet)


def _head(path: Path) -> tuple[bytes, int]:
    """The first bytes and the size of a regular file; LedgerError for anything else.

    Opened non-blocking: opening a FIFO for reading otherwise waits for a writer (forever); ``fstat``
    on the open descriptor then refuses it, and devices and sockets, before a byte is read.
    """
    try:
        if path.is_dir():  # before open(): Windows refuses to open a folder with "permission denied"
            raise LedgerError(path, "file.is_folder")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if path.is_symlink():  # the link is there, what it points to is not
            raise LedgerError(path, "file.broken_link", {"target": os.readlink(path)}) from None
        raise LedgerError(path, "file.not_found") from None
    except OSError as exc:  # permission, a symlink loop, a name too long for the file system …
        raise LedgerError(path, "file.unreadable", {"reason": os_reason(exc)}) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LedgerError(path, "file.is_folder")
        if not stat.S_ISREG(info.st_mode):
            raise LedgerError(path, "file.not_regular_file")
        return os.read(fd, 8), info.st_size
    except OSError as exc:
        raise LedgerError(path, "file.unreadable", {"reason": os_reason(exc)}) from None
    finally:
        os.close(fd)


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
    except BaseException as exc:  # calamine raises several error types for broken files
        _reraise_unless_calamine(exc)
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
        except BaseException as exc:
            _reraise_unless_calamine(exc)
            raise _unreadable(path, exc, "sheet.unreadable", name) from None
        # xlsx was measured before parsing; legacy .xls reports its merged ranges only now.
        guard.check_merged(path, name, len(merged), sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in merged))
        scan = pre.sheets.get(name)
        if scan and scan.errors:
            _restore_errors(rows, scan.errors)
        sheets.append(RawSheet(name, rows, merged, visible.get(name, True), scan.hidden_columns if scan else (),
                               frozenset(scan.hidden_rows) if scan else frozenset()))
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


# Byte-order marks, longest first (a UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Control characters that no text ledger holds (tab, line feed and carriage return are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _read_csv(path: Path) -> RawSheet:
    text = _decode_csv(path, path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    # The whole text is in memory already (the file-size limit bounds it), so a field as long as the file
    # costs nothing more: csv's default 131,072-character cap would only refuse a long 备注 cell.
    previous = csv.field_size_limit(min(max(len(text) + 1, 131_072), 2**31 - 1))
    # An odd number of quote characters: a quote may open and never close. The lenient reader would then
    # swallow the rest of the file into one cell (one "community" named by 5,000 characters of data).
    quote = getattr(dialect, "quotechar", None) or '"'
    if text.count(quote) % 2:
        _refuse_unclosed_quote(path, text, dialect)
    # newline="": the csv module sees CR, LF and CRLF line ends alike, and keeps line breaks in quotes.
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    lim = limits.current()
    rows: list[list[Cell]] = []
    width = 0
    try:
        for record in reader:
            rows.append(list(record))
            width = max(width, len(record))
            # The sheet limits hold for csv as for xlsx: a 1 MB line of commas is a million columns, and
            # every later step (header search, typing) walks the grid.
            if width > lim.columns or len(rows) > lim.rows or len(rows) * width > lim.cells:
                guard.check_extent(path, path.stem, len(rows), width, lim)
    except csv.Error as exc:
        raise LedgerError(path, "file.csv_damaged", {"line": reader.line_num, "detail": _short(exc)}) from None
    finally:
        csv.field_size_limit(previous)
    return RawSheet(path.stem, rows)


def _refuse_unclosed_quote(path: Path, text: str, dialect: Any) -> None:
    """LedgerError naming the line where a quoted field opens and the file ends before it closes.

    Only that case: a lone quote inside an unquoted field (门牌3"号) or text after a closing quote ("x"y)
    reads as Excel reads it, so the strict parse's other complaints are let pass.
    """
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    start = 1
    try:
        for _record in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise LedgerError(path, "file.csv_unclosed_quote", {"line": start}) from None


def _decode_csv(path: Path, raw: bytes) -> str:
    """CSV bytes as text: a byte-order mark decides; else UTF-8, else GB18030. Binary data is refused."""
    text = None
    encodings = next(([enc] for bom, enc in _BOMS if raw.startswith(bom)), ["utf-8", "gb18030"])
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    # GB18030 decodes most byte strings: what tells text from binary is the control characters.
    if text is None or "\x00" in text or len(_CONTROL.findall(text[:65536])) > 1 + len(text[:65536]) // 100:
        raise LedgerError(path, "file.csv_encoding")
    return text.rstrip("\x1a")  # the end-of-file mark of old DOS programs


def _reraise_unless_calamine(exc: BaseException) -> None:
    """Let interruptions through; keep every failure of calamine itself, including a Rust panic.

    A panic inside python-calamine surfaces as pyo3's ``PanicException``, which derives from
    BaseException, not Exception (a date cell holding ``-inf``: "TimeDelta::milliseconds out of bounds",
    found by tests/test_fuzz.py): uncaught, it was a traceback and exit 1 from ``inspect``.
    """
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def _unreadable(path: Path, exc: BaseException, code: str, sheet: str | None = None) -> LedgerError:
    """calamine's refusal as a LedgerError; running out of memory names the limit that stopped it."""
    if isinstance(exc, MemoryError) or "memory" in str(exc).lower():
        lim = limits.current()
        return LedgerError(path, "file.reader_memory", {"limit": lim.reader_mb, "variable": lim.env("reader_mb")},
                           sheet=sheet)
    if type(exc).__name__ == "WorksheetNotFound" and sheet is not None:  # listed in workbook.xml, its part missing or unreachable
        return LedgerError(path, "sheet.part_missing", {"detail": _short(exc)}, sheet=sheet)
    if type(exc).__name__ == "PanicException":  # calamine itself failed (a Rust panic), not the file's format
        return LedgerError(path, _PANIC[code], {"detail": _short(exc)}, sheet=sheet)
    return LedgerError(path, code, {"detail": _short(exc)}, sheet=sheet)


#: The refusal when calamine panics, by the refusal it would otherwise be.
_PANIC = {"file.not_openable": "file.reader_panic", "sheet.unreadable": "sheet.reader_panic"}


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
