"""Writing helpers shared by every sample: merged title rows, the plain one-header layout, saving
workbooks with fixed document properties, and JSON files with sorted keys."""

from __future__ import annotations

import datetime
import json
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .common import PLAIN_HEADERS
from .community import Community

TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_title(ws, row: int, text: str, ncols: int, font: Font | None = TITLE_FONT) -> None:
    """Write ``text`` in column A of ``row`` and merge it across ``ncols`` columns."""
    ws.cell(row=row, column=1, value=text)
    if font is not None:
        ws.cell(row=row, column=1).font = font
    ws.cell(row=row, column=1).alignment = Alignment(horizontal="center" if font else "left")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)


def set_widths(ws, widths: list[int]) -> None:
    """Set column widths (characters)."""
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def plain_workbook(title: str, headers: list[str], rows: list[list], sheet: str = "台账") -> Workbook:
    """Title row (merged), one header row, data from row 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    write_title(ws, 1, title, len(headers))
    ws.append(headers)
    for cell in ws[2]:
        cell.font = HEADER_FONT
        cell.alignment = CENTER
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "A3"
    set_widths(ws, [max(8, min(24, 2 * len(h) + 2)) for h in headers])
    return wb


def write_plain_ledger(path: Path, title: str, communities: list[Community]) -> None:
    """Write communities in the plain layout of file 1."""
    wb = plain_workbook(title, PLAIN_HEADERS, [c.plain_row() for c in communities])
    save(wb, path)


#: Every sample's document time and its zip entries' time: regenerating the samples changes no byte.
FIXED_TIME = datetime.datetime(2022, 6, 30, 9, 0, 0)


def save(wb: Workbook, path: Path) -> None:
    """Save a workbook with fixed document properties (creator, created, modified) and zip entry times,
    so that the same data gives the same bytes (openpyxl stamps ``modified`` and the entries with now)."""
    wb.properties.creator = "creatio samples/generate.py"
    wb.properties.created = FIXED_TIME
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    _pin_times(path)


def _pin_times(path: Path) -> None:
    with zipfile.ZipFile(path) as book:
        entries = [(info, book.read(info)) for info in book.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w") as book:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            pinned = zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6])
            pinned.compress_type = info.compress_type
            pinned.external_attr = info.external_attr
            book.writestr(pinned, data)


def write_json(path: Path, data) -> None:
    """Write JSON with sorted keys, UTF-8, trailing newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
