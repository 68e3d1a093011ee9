"""Build small ledgers for tests (xlsx written with openpyxl — never with the code under test)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

HEADERS = [
    "区县", "街道", "社区", "户数", "常住人口", "社区综合服务设施面积（㎡）", "居民活动用房面积（㎡）",
    "功能室数量（个）", "综合服务场所", "文化服务中心", "道德讲堂", "家长学校", "未成年人活动场所",
    "志愿服务V站", "活动开展次数", "台账整理", "注册志愿者人数", "群众满意度（%）", "帮扶单位", "备注",
]

# A community that meets every indicator of liugeyi-sidabiao at 2022-06-30 with margin.
GOOD = {
    "区县": "宿城区", "街道": "古城街道", "社区": "幸福社区", "户数": 1000, "常住人口": 2800,
    "社区综合服务设施面积（㎡）": 400, "居民活动用房面积（㎡）": 300, "功能室数量（个）": 7,
    "综合服务场所": "是", "文化服务中心": "是", "道德讲堂": "是", "家长学校": "是", "未成年人活动场所": "是",
    "志愿服务V站": "是", "活动开展次数": 8, "台账整理": "是", "注册志愿者人数": 350, "群众满意度（%）": 95,
    "帮扶单位": "市民政局", "备注": "",
}


def community(**changes: object) -> dict[str, object]:
    """GOOD with some columns changed (keys are header texts)."""
    row = dict(GOOD)
    row.update(changes)
    return row


def write_ledger(path: Path, rows: list[dict[str, object]], *, title: str | None = "宿迁市2022年社区创建工作台账（截至2022年6月30日）",
                 headers: list[str] = HEADERS, sheet: str = "台账") -> Path:
    """A plain ledger: optional merged title row, one header row, one row per community."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    book.save(path)
    return path
