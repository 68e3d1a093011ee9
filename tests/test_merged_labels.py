"""A merged cell whose label sits in a middle row, not the top-left where Excel keeps it.

Programs other than Excel (and offices retyping a centred label) leave the top-left of a merged range
blank and put the text in the row that shows in the middle. The merge says the rows share it, so the
range reads as that text: a street merged over three communities, a 社区 header merged over a 3-row band.
The workbooks are written with openpyxl, adding the merge without moving the value (as those programs do).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from creatio_cli.ledger.load import load_ledger
from creatio_cli.standards import load_standard


def _book(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    rows = [
        ["街道", None, "阵地建设", None],          # row 1: 社区 is merged A..B rows 1–3, its label in row 2
        [None, "社区", "道德讲堂", "家长学校"],
        [None, None, "（是/否）", "（是/否）"],
        [None, "甲社区", "是", "否"],              # rows 4–6: street merged A4:A6, its name in row 5
        ["东街道", "乙社区", "否", "是"],
        [None, "丙社区", "是", "是"],
        ["西街道", "丁社区", "是", "是"],
    ]
    for row in rows:
        ws.append(row)
    for ref in ("A1:A3", "B1:B3", "C1:D1", "A4:A6"):
        ws.merged_cells.add(ref)  # a merge recorded without clearing the cells under it
    book.save(path)
    return path


def test_a_label_in_the_middle_row_of_a_merged_range_is_read_for_the_whole_range(tmp_path):
    ledger = load_ledger(_book(tmp_path / "a.xlsx"), load_standard("liugeyi-sidabiao"))
    (sheet,) = [s for s in ledger.sheets if s.role == "ledger"]
    assert sheet.header_rows == (1, 2, 3)
    letters = {c.field: c.letter for c in sheet.columns}
    assert (letters["street"], letters["community"]) == ("A", "B")
    assert (letters["moral_lecture_hall"], letters["parent_school"]) == ("C", "D")
    frame = ledger.frame
    assert frame["community"].tolist() == ["甲社区", "乙社区", "丙社区", "丁社区"]
    assert frame["street"].tolist() == ["东街道", "东街道", "东街道", "西街道"]
