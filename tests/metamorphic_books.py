"""Write one ledger table as offices would: layouts (title, footer, merged header and streets, totals),
and formats (.xlsx/.xls/.ods/.csv). Written with openpyxl, xlwt, pandas/odfpy and csv only — never with
the code under test — for tests/test_reading_metamorphic.py.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"
Cell = tuple[int, int]


@dataclass
class Sheet:
    """A sheet to write: rows of values, merged ranges (r0, c0, r1, c1; 0-based, inclusive), formats."""

    name: str
    grid: list[list[object]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    percent: set[Cell] = field(default_factory=set)  # cells shown in Excel percent format


def plain_table() -> tuple[str, list[str], list[list[object]]]:
    """(title, headers, rows) of the plain sample, read with openpyxl."""
    ws = openpyxl.load_workbook(SAMPLE).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return rows[0][0], list(rows[1]), [r for r in rows[2:] if any(v is not None for v in r)]


def titled(title: str, headers: list[str], rows: list[list[object]], name: str = "台账") -> Sheet:
    """Title row (merged across), one header row, data."""
    return Sheet(name, [[title], list(headers), *rows], [(0, 0, 0, len(headers) - 1)])


GROUP_AREA = ("社区综合服务设施面积（㎡）", "居民活动用房面积（㎡）")
SIX = ("综合服务场所", "文化服务中心", "道德讲堂", "家长学校", "未成年人活动场所", "志愿服务V站")


def office(title: str, headers: list[str], rows: list[list[object]], *, area_group: str = "社区综合服务设施",
           area_leaves: tuple[str, str] = ("总面积（㎡）", "其中居民活动（㎡）")) -> Sheet:
    """The office shape: title, 填报单位 row, two-row merged header, column numbers, 合计 right under them,
    district/street written once per group in merged cells, a 小计 per street, a footer."""
    width = len(headers) + 1  # a 序号 column in front
    top = ["序号"]
    leaf = [None]
    for h in headers:
        if h in GROUP_AREA:
            top.append(area_group)
            leaf.append(area_leaves[GROUP_AREA.index(h)])
        elif h in SIX:
            top.append("“六个一”建设情况")
            leaf.append(h)
        else:
            top.append(h)
            leaf.append(None)
    grid: list[list[object]] = [[title], ["填报单位（盖章）：宿迁市民政局", None, None, None, "填报人：王某", None, None,
                                          "联系电话：0527-8888888"], top, leaf,
                                ["甲", "乙", "丙", "丁", *[str(i) for i in range(1, width - 3)]],
                                ["合计", None, None, None, sum(r[3] for r in rows)]]
    merges = [(0, 0, 0, width - 1), (5, 0, 5, 3)]  # the title; 合计 spread over 序号…社区
    for c in range(width):  # one-level headers span both header rows; groups span their leaves
        if leaf[c] is None:
            merges.append((2, c, 3, c))
    for group in (area_group, "“六个一”建设情况"):
        cols = [c for c in range(width) if top[c] == group and leaf[c] is not None]
        merges.append((2, cols[0], 2, cols[-1]))
    number = 0
    d_col, s_col, c_col = headers.index("区县") + 1, headers.index("街道") + 1, headers.index("社区") + 1
    for _district, by_district in groupby(rows, key=lambda r: r[0]):
        d_first = len(grid)
        for _street, group in groupby(list(by_district), key=lambda r: r[1]):
            group = list(group)
            s_first = len(grid)
            for i, row in enumerate(group):
                number += 1
                values = [number, *row]
                if i:  # written once per group: the cells under it are merged and empty
                    values[d_col] = values[s_col] = None
                grid.append(values)
            merges.append((s_first, s_col, len(grid) - 1, s_col))
            subtotal: list[object] = [None] * (c_col + 2)
            # 小计 under the street for one street, "XX街道小计" in the 社区 column for the next
            if len(merges) % 2:
                subtotal[s_col] = "小计"
            else:
                subtotal[c_col] = f"{_street}小计"
            subtotal[c_col + 1] = sum(r[3] for r in group)
            grid.append(subtotal)
        merges.append((d_first, d_col, len(grid) - 1, d_col))
    grid += [["说明：1.面积单位为平方米；2.“六个一”填是/否。"], ["审核人：李某", None, None, "制表人：张某"]]
    return Sheet("台账", grid, merges)


def write_xlsx(path: Path, sheets: list[Sheet]) -> Path:
    """Write sheets with openpyxl (merges, hidden state, percent formats)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        for r, row in enumerate(sheet.grid):
            for c, value in enumerate(row):
                if value is not None:
                    cell = ws.cell(r + 1, c + 1, value)
                    if (r, c) in sheet.percent:
                        cell.number_format = "0.0%"
        for r0, c0, r1, c1 in sheet.merges:
            if (r0, c0) != (r1, c1):
                ws.merge_cells(f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}")
        if sheet.hidden:
            ws.sheet_state = "hidden"
    book.save(path)
    return path


def write_xls(path: Path, sheets: list[Sheet]) -> Path:
    """Write sheets as old Excel (.xls, BIFF8) with xlwt, merges and percent formats included."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    pct = xlwt.easyxf(num_format_str="0.0%")
    for sheet in sheets:
        ws = book.add_sheet(sheet.name)
        covered = {(r, c) for r0, c0, r1, c1 in sheet.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r0, c0, r1, c1 in sheet.merges:
            row = sheet.grid[r0] if r0 < len(sheet.grid) else []
            ws.write_merge(r0, r1, c0, c1, row[c0] if c0 < len(row) else None)
        for r, row in enumerate(sheet.grid):
            for c, value in enumerate(row):
                if value is not None and (r, c) not in covered:
                    ws.write(r, c, value, pct) if (r, c) in sheet.percent else ws.write(r, c, value)
        if sheet.hidden:
            ws.visibility = 1
    book.save(str(path))
    return path


def unmerged(sheet: Sheet) -> list[list[object]]:
    """The grid as a merge-less export shows it: a merged range's text in its top-left cell only."""
    grid = [list(r) for r in sheet.grid]
    for r0, c0, r1, c1 in sheet.merges:
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
                if (r, c) != (r0, c0):
                    grid[r][c] = None
    return grid


def write_ods(path: Path, sheets: list[Sheet]) -> Path:
    """Write sheets as OpenDocument with pandas (odfpy): values only, no merges, no hidden state."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="odf") as writer:
        for sheet in sheets:
            grid = unmerged(sheet)
            width = max(len(r) for r in grid)
            frame = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in grid], dtype=object)
            frame.to_excel(writer, sheet_name=sheet.name, header=False, index=False)
    return path


def write_csv(path: Path, sheet: Sheet, encoding: str) -> Path:
    """Write one sheet as CSV in ``encoding`` (utf-8, utf-8-sig, gb18030)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in unmerged(sheet)])
    return path
