"""Checks on a workbook's container before any spreadsheet parser reads it.

Ledgers come by e-mail and chat; some are broken, some are hostile. Before calamine sees a file:
- an OLE file holding ``EncryptedPackage`` is a password-protected xlsx → say so;
- a zip must be a workbook (xlsx/xlsm or ods), with sizes, compression ratio and entry count within
  ``limits`` (zip bombs); every XML part is streamed once (zipfile never reads past an entry's
  declared size and checks its CRC, so the declared sizes are the real ones) and refused if it
  declares a DTD or entities (billion laughs, external entities), which no real workbook does;
- each sheet's declared and used extent must fit the limits (calamine builds the full grid);
- cached formula errors are collected (see cellscan) so the reader can restore them.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from creatio_cli.errors import LedgerError
from creatio_cli.ledger import limits as L
from creatio_cli.ledger.cellscan import CALAMINE_ERRORS, SheetScan, XlsxSheetScanner, calamine_safe, scan_ods

#: What Python's zipfile raises on a damaged or hostile archive, besides BadZipFile: an unknown "version
#: needed" or compression method (NotImplementedError), an entry flagged encrypted (RuntimeError), a
#: stream that ends early or does not inflate (EOFError, zlib.error), and more.
ZIP_ERRORS: tuple[type[BaseException], ...] = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError,
                                              OSError, ValueError, NotImplementedError, RuntimeError)
_MB = 1 << 20
_CHUNK = 1 << 20
_ROOT = re.compile(rb"<[A-Za-z_]")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class Preflight:
    """What the container checks learned: per sheet name, its extent and formula-error cells."""

    kind: str  # "xlsx", "ods" or "ole"
    sheets: dict[str, SheetScan] = field(default_factory=dict)
    unparsable: list[str] = field(default_factory=list)  # sheet parts holding errors calamine rejects

    def open_for_calamine(self, path: Path) -> io.BytesIO | None:
        """A file object of the workbook for ``CalamineWorkbook.from_filelike``; patched when needed."""
        if not self.unparsable:
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                dst.writestr(info.filename, calamine_safe(data) if info.filename in self.unparsable else data)
        out.seek(0)
        return out


def check_ole(path: Path) -> Preflight:
    """An OLE compound file: a legacy .xls, or an encrypted xlsx (which calamine cannot read); its sector
    chains must not loop nor leave the file (``cfb.py``)."""
    from creatio_cli.ledger.cfb import check_container

    data = path.read_bytes()  # calamine reads the whole file too; .xls size is capped (file_mb)
    # Stream names are UTF-16LE in the OLE directory; the encrypted package stream has a fixed name.
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise LedgerError(path, "file.encrypted")
    check_container(path, data)
    return Preflight("ole")


def check_zip(path: Path) -> Preflight:
    """A zip: must be an xlsx/xlsm or ods workbook within the limits; collect sheet scans."""
    lim = L.current()
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS:
        raise LedgerError(path, "file.damaged_zip") from None
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        _check_sizes(path, infos, lim)
        if "xl/workbook.xml" in names or ("[Content_Types].xml" in names and _main_part(path, archive, names)):
            kind = "xlsx"
        elif "content.xml" in names and _read_small(path, archive, "mimetype", names).startswith(_ODS_MIME):
            kind = "ods"
        else:
            raise LedgerError(path, "file.zip_not_workbook")
        sheet_parts = _xlsx_sheets(path, archive, names) if kind == "xlsx" else {}
        scans: dict[str, SheetScan] = {}
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")) or info.filename == "mimetype":
                scanner = XlsxSheetScanner() if info.filename in sheet_parts.values() else None
                _stream_part(path, archive, info, scanner)
                if scanner:
                    name = next(n for n, p in sheet_parts.items() if p == info.filename)
                    scans[name] = _check_extent(path, name, scanner.close(), lim)
        if kind == "ods":
            scans = _ods_scans(path, archive, lim)
    unparsable = [sheet_parts[name] for name, scan in scans.items()
                  if name in sheet_parts and any(t not in CALAMINE_ERRORS for t in scan.errors.values())]
    return Preflight(kind, scans, unparsable)


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo], lim: L.Limits) -> None:
    if len(infos) > lim.entries:
        raise LedgerError(path, "file.zip_entries", {"entries": len(infos), "limit": lim.entries,
                                                     "variable": lim.env("entries")})
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > lim.uncompressed_mb * _MB:
        raise LedgerError(path, "file.zip_too_big", {"mb": total // _MB, "limit": lim.uncompressed_mb,
                                                     "variable": lim.env("uncompressed_mb")})
    if total > lim.ratio_floor_mb * _MB and total / packed > lim.ratio:
        raise LedgerError(path, "file.zip_ratio", {"ratio": total // packed, "limit": lim.ratio,
                                                   "variable": lim.env("ratio")})


def _stream_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, scanner) -> None:
    """Read one entry to its end: refuse DTDs in its prolog; zipfile verifies size and CRC."""
    try:
        with archive.open(info) as stream:
            first = True
            while chunk := stream.read(_CHUNK):
                if first:
                    _refuse_dtd(path, info.filename, chunk)
                    first = False
                if scanner:
                    scanner.feed(chunk)
    except LedgerError:
        raise
    except ZIP_ERRORS as exc:
        raise LedgerError(path, "file.damaged_part", {"part": info.filename, "detail": _short(exc)}) from None


def _refuse_dtd(path: Path, part: str, head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[:65536].decode("utf-16", "replace").encode()
    root = _ROOT.search(head, 0, 65536)
    prolog = head[: root.start() if root else 65536]
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise LedgerError(path, "file.unsafe_xml", {"part": part})


def _check_extent(path: Path, sheet: str, scan: SheetScan, lim: L.Limits) -> SheetScan:
    check_extent(path, sheet, *(scan.declared or (0, 0)), lim, label="declared")
    check_extent(path, sheet, scan.rows, scan.columns, lim)
    check_merged(path, sheet, scan.merged_ranges, scan.merged_cells, lim)
    return scan


def check_extent(path: Path, sheet: str, rows: int, cols: int, lim: L.Limits | None = None,
                 label: str = "used") -> None:
    """Refuse a sheet of more rows, columns or cells than the limits (any format; csv too). ``label``:
    ``declared`` (the sheet's own dimension) or ``used`` (the cells it holds)."""
    lim = lim or L.current()
    if rows > lim.rows or cols > lim.columns or rows * cols > lim.cells:
        raise LedgerError(path, f"sheet.too_large_{label}", {
            "rows": rows, "columns": cols, "max_rows": lim.rows, "max_columns": lim.columns,
            "max_cells": lim.cells, "variables": (lim.env("rows"), lim.env("columns"), lim.env("cells"))},
            sheet=sheet)


def check_merged(path: Path, sheet: str, ranges: int, cells: int, lim: L.Limits | None = None) -> None:
    """Refuse a sheet whose merged ranges are too many or cover too many cells in all (any format)."""
    lim = lim or L.current()
    if ranges > lim.merged_ranges or cells > lim.merged_cells:
        raise LedgerError(path, "sheet.too_many_merges", {
            "ranges": ranges, "cells": cells, "max_ranges": lim.merged_ranges, "max_cells": lim.merged_cells,
            "variables": (lim.env("merged_ranges"), lim.env("merged_cells"))}, sheet=sheet)


def _ods_scans(path: Path, archive: zipfile.ZipFile, lim: L.Limits) -> dict[str, SheetScan]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    from creatio_cli.ledger.tokens import FORMULA_ERRORS

    try:
        with archive.open("content.xml") as stream:
            scans = scan_ods(stream, FORMULA_ERRORS)
    except DefusedXmlException:
        raise LedgerError(path, "file.unsafe_xml", {"part": "content.xml"}) from None
    except (ParseError, LookupError) as exc:  # LookupError: expat refuses the encoding the XML declares
        raise LedgerError(path, "file.damaged_part", {"part": "content.xml", "detail": _short(exc)}) from None
    except ZIP_ERRORS as exc:  # ValueError among them: a multi-byte encoding declared ("GBK")
        raise LedgerError(path, "file.damaged_part", {"part": "content.xml", "detail": _short(exc)}) from None
    for name, scan in scans.items():
        _check_extent(path, name, scan, lim)
    return scans


def _read_small(path: Path, archive: zipfile.ZipFile, name: str, names: set[str], cap: int = 4 * _MB) -> bytes:
    if name not in names:
        return b""
    info = archive.getinfo(name)
    if info.file_size > cap:
        raise LedgerError(path, "file.part_too_large", {"part": name, "mb": info.file_size // _MB})
    try:
        data = archive.read(info)
    except ZIP_ERRORS as exc:
        raise LedgerError(path, "file.damaged_part", {"part": name, "detail": _short(exc)}) from None
    _refuse_dtd(path, name, data)
    return data


def _xml(path: Path, archive: zipfile.ZipFile, name: str, names: set[str]):
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    data = _read_small(path, archive, name, names)
    if not data:
        return None
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise LedgerError(path, "file.unsafe_xml", {"part": name}) from None
    except ParseError:
        raise LedgerError(path, "file.damaged_part", {"part": name, "detail": "not well-formed XML"}) from None
    except (LookupError, ValueError) as exc:  # expat: an unknown or multi-byte encoding declared ("GBK")
        raise LedgerError(path, "file.damaged_part", {"part": name, "detail": _short(exc)}) from None


def _rels(path: Path, archive: zipfile.ZipFile, part: str, names: set[str]) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part name) for ``part``."""
    folder = PurePosixPath(part).parent
    root = _xml(path, archive, str(folder / "_rels" / (PurePosixPath(part).name + ".rels")), names)
    out = {}
    for rel in [] if root is None else root.iter(_REL_NS + "Relationship"):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else _join(folder, target)
        out[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
    return out


def _join(folder: PurePosixPath, target: str) -> str:
    parts: list[str] = [] if str(folder) in ("", ".") else list(folder.parts)
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _main_part(path: Path, archive: zipfile.ZipFile, names: set[str]) -> str | None:
    for kind, target in _rels(path, archive, "", names).values():
        if kind == _OFFICE_DOC and target in names and "workbook" in target.lower():
            return target
    return "xl/workbook.xml" if "xl/workbook.xml" in names else None


def _xlsx_sheets(path: Path, archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Sheet name → worksheet part (e.g. "台账" → "xl/worksheets/sheet1.xml")."""
    main = _main_part(path, archive, names) or "xl/workbook.xml"
    rels = _rels(path, archive, main, names)
    root = _xml(path, archive, main, names)
    out = {}
    for sheet in [] if root is None else root.iter(_MAIN_NS + "sheet"):
        _kind, target = rels.get(sheet.get(_R_ID, ""), ("", ""))
        if target in names:
            out[sheet.get("name", "")] = target
    return out


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
