"""File 2: the same 66 Suqian communities as an office sends them (two-row merged header, 小计/合计,
mixed notations, a 填表说明 sheet and a hidden 辅助 sheet)."""

from __future__ import annotations

from pathlib import Path
from random import Random

from openpyxl import Workbook

from .city import SUQIAN_STREETS
from .common import SIX, SIX_IDS, rng_for
from .community import Community, six_cell
from .workbook import CENTER, HEADER_FONT, save, set_widths, write_title

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
YES_NO_STYLES = [("是", "否"), ("有", "无"), ("√", "×"), ("已建", "未建")]
LEDGER_STYLES = [("是", "否"), ("√", "×")]

# (header row 1, header row 2 or None when merged vertically) in office column order.
OFFICE_COLUMNS = [
    ("序号", None), ("区（县）", None), ("所属街道", None), ("社区（居委会）", None), ("帮扶单位", None),
    ("户数", None), ("常住人口", None),
    ("社区综合服务设施", "总面积（㎡）"), ("社区综合服务设施", "其中居民活动（㎡）"),
    ("功能室数量（个）", None),
    *[("“六个一”建设情况", name) for _, name in SIX],
    ("本年累计开展活动（场次）", None), ("实名注册志愿者（人）", None), ("台账整理", None),
    ("居民满意率（%）", None), ("备注", None),
]
FILLED_BY = ("填报单位（盖章）：宿迁市民政局　填报人：张三　联系电话：0527-8xxxxxxx　"
             "填报日期：2022年6月30日")
OFFICE_SUM_FIELDS = ["households", "population", "service_area", "activity_area", "function_rooms",
                     "activities", "volunteers"]


def office_number(rng: Random, value: int, unit: str = "") -> str | int:
    """A number as an office might type it: mostly plain, sometimes with unit, commas or full width."""
    roll = rng.random()
    if roll < 0.65:
        return value
    if roll < 0.78 and unit:
        return f"{value}{unit}"
    if roll < 0.88 and value >= 1000:
        return f"{value:,}"
    if roll < 0.95:
        return str(value).translate(FULL_WIDTH)
    return str(value)


def office_service_area(rng: Random, c: Community):
    """The 总面积 cell: 约600 for the 600 ㎡ community, sometimes 320（其中活动用房210）, else a number."""
    if c.service_area == 600:
        return "约600"
    if rng.random() < 0.12:
        return f"{c.service_area}（其中活动用房{c.activity_area}）"
    return office_number(rng, c.service_area, "㎡")


def office_satisfaction(rng: Random, c: Community):
    """Satisfaction as '92.5%' text or as the fraction 0.925 (cell formatted '0.0%'); blank stays blank."""
    if c.satisfaction is None:
        return None, None
    if rng.random() < 0.5:
        return f"{c.satisfaction}%", None
    return round(c.satisfaction / 100, 4), "0.0%"


def office_row(rng: Random, c: Community, seq: int, styles: dict[str, tuple[str, str]]) -> list:
    """Values and number formats of one community row in office column order."""
    six_cells = [six_cell(c, sid, styles["six"]) for sid in SIX_IDS]
    satisfaction, fmt = office_satisfaction(rng, c)
    values = [
        seq, c.district, c.street, c.name, c.partner,
        office_number(rng, c.households), office_number(rng, c.population),
        office_service_area(rng, c), office_number(rng, c.activity_area, "㎡"),
        office_number(rng, c.function_rooms), *six_cells, office_number(rng, c.activities),
        office_number(rng, c.volunteers), styles["ledger"][0] if c.ledger_kept else styles["ledger"][1],
        satisfaction, c.remarks or None,
    ]
    formats = {OFFICE_COLUMNS.index(("居民满意率（%）", None)) + 1: fmt} if fmt else {}
    return [values, formats]


def office_sum_row(label: str, group: list[Community]) -> list:
    """A 小计 / 合计 row: sums of the numeric columns, other cells blank."""
    sums = {f: sum(getattr(c, f) for c in group) for f in OFFICE_SUM_FIELDS}
    row: list = [None] * len(OFFICE_COLUMNS)
    row[2] = label
    for col, f in zip([5, 6, 7, 8, 9, 16, 17], OFFICE_SUM_FIELDS, strict=True):
        row[col] = sums[f]
    return row


def write_office_header(ws, ncols: int) -> None:
    """Rows 1–5: title, 填报单位 row, the two-row header with merges, the column-number row."""
    write_title(ws, 1, "宿迁市2022年城市社区创建工作台账（截至2022年6月30日）", ncols)
    write_title(ws, 2, FILLED_BY, ncols, font=None)
    col = 1
    while col <= ncols:
        top, sub = OFFICE_COLUMNS[col - 1]
        if sub is None:
            ws.cell(row=3, column=col, value=top)
            ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
            col += 1
            continue
        span = [i for i, (t, s) in enumerate(OFFICE_COLUMNS, start=1) if t == top]
        ws.cell(row=3, column=span[0], value=top)
        ws.merge_cells(start_row=3, start_column=span[0], end_row=3, end_column=span[-1])
        for i in span:
            ws.cell(row=4, column=i, value=OFFICE_COLUMNS[i - 1][1])
        col = span[-1] + 1
    for r in (3, 4):
        for c in range(1, ncols + 1):
            ws.cell(row=r, column=c).font = HEADER_FONT
            ws.cell(row=r, column=c).alignment = CENTER
    ws.cell(row=5, column=1, value="甲")
    for c in range(2, ncols + 1):
        ws.cell(row=5, column=c, value=c - 1)


def write_office_ledger(path: Path, communities: list[Community]) -> None:
    """File 2: the same communities in the layout an office really sends."""
    rng = rng_for("city-ledger-office")
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ncols = len(OFFICE_COLUMNS)
    write_office_header(ws, ncols)
    row = 6
    seq = 0
    for district in SUQIAN_STREETS:
        district_start = row
        for street, _ in SUQIAN_STREETS[district]:
            group = [c for c in communities if c.district == district and c.street == street]
            styles = {"six": rng.choice(YES_NO_STYLES), "ledger": rng.choice(LEDGER_STYLES)}
            street_start = row
            for c in group:
                seq += 1
                values, formats = office_row(rng, c, seq, styles)
                for col, value in enumerate(values, start=1):
                    if col in (2, 3) and row != (district_start if col == 2 else street_start):
                        continue  # covered by the vertical merge
                    ws.cell(row=row, column=col, value=value)
                for col, fmt in formats.items():
                    ws.cell(row=row, column=col).number_format = fmt
                row += 1
            ws.merge_cells(start_row=street_start, start_column=3, end_row=row - 1, end_column=3)
            subtotal = office_sum_row("小计", group)
            for col, value in enumerate(subtotal, start=1):
                if value is not None:
                    ws.cell(row=row, column=col, value=value)
            ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
            row += 1
        ws.merge_cells(start_row=district_start, start_column=2, end_row=row - 1, end_column=2)
    total = office_sum_row("合计", communities)
    total[0], total[2] = "合计", None
    for col, value in enumerate(total, start=1):
        if value is not None:
            ws.cell(row=row, column=col, value=value)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    row += 1
    write_title(ws, row, "说明：1.本表数据截至2022年6月30日，由各街道汇总填报；2.面积单位为平方米；"
                "3.“六个一”建设情况按实际填写；4.小计、合计由市民政局复核。", ncols, font=None)
    write_title(ws, row + 1, "审核人：李四　　　制表人：王五", ncols, font=None)
    set_widths(ws, [6, 14, 12, 14, 16, 9, 10, 12, 12, 9, 9, 9, 9, 9, 11, 11, 12, 12, 9, 11, 26])
    ws.freeze_panes = "E6"
    write_instructions(wb.create_sheet("填表说明"))
    write_helper(wb.create_sheet("辅助"), rng)
    save(wb, path)


def write_instructions(ws) -> None:
    """The 填表说明 sheet: plain text lines in column A."""
    lines = [
        "填表说明",
        "一、本表以社区（居委会）为单位逐行填写，按街道分组，每个街道后填写小计。",
        "二、社区综合服务设施总面积按每百户不低于30平方米测算，其中居民活动用房不低于60%。",
        "三、“六个一”建设情况填写“是/否”“有/无”或“√/×”均可。",
        "四、本年累计开展活动（场次）填写1月1日起累计数。",
        "五、居民满意率以最近一次测评结果为准。",
        "六、请于每周五下班前报送市民政局基层政权建设和社区治理处。",
    ]
    for i, line in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=line)
    ws.column_dimensions["A"].width = 80


def write_helper(ws, rng: Random) -> None:
    """The hidden 辅助 sheet: drop-down lists and leftovers, not data."""
    ws.sheet_state = "hidden"
    ws.append(["下拉", "区县", "临时"])
    districts = list(SUQIAN_STREETS)
    for i, choice in enumerate(["是", "否", "有", "无", "√", "×"]):
        ws.append([choice, districts[i] if i < len(districts) else None, rng.randint(1, 999)])
    ws.append(["旧表", "勿删", "#N/A"])
