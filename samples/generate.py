"""Generate the sample ledgers in samples/ (deterministic, no clock, openpyxl only).

Run ``python samples/generate.py [OUTDIR]`` (default: the folder holding this script). The samples are
the test oracle of the project, so this script never imports ``creatio_cli``: every verdict written to an
``*.expected.json`` file comes from the design choices made here (which community was *made* to fail which
indicator), never from evaluating thresholds.

Files written (paths relative to OUTDIR):

``city-ledger.xlsx``
    Plain layout for the default standard ``liugeyi-sidabiao`` (as of 2022-06-30): sheet ``台账``, a merged
    title row, ONE header row, data from row 3. 66 communities of 宿迁市 in 4 districts / 11 streets.
    12 fall short on floor area (``area.per_100_households``) or function rooms (``rooms.function_rooms``),
    among them 南关社区 (1860 households, 420 ㎡ → 558 ㎡ required); ``area.activity_share`` also only
    fails within those 12, so "area or rooms" counts 12 whichever way it is read. 32 communities have at
    least one shortfall; exactly one (among the 32) has a blank 群众满意度 cell (missing, not a number).
    9 of the 12 (南关社区 among them) are "weak": short of rooms for the 六个一 too (3–4 facilities 否,
    one of them written 在建) and with ≤ 4 activities, so they lose ≥ 56 of 100 points and are behind
    序时进度 (181/365 = 49.6 %: behind when losing > 50.4 points); every other community loses ≤ 40.
    Every other value clears its threshold by a margin (≥ 2 %, counts ≥ 7 rooms / ≥ 8 activities).
``city-ledger.expected.json``
    The intended verdict of every community of ``city-ledger.xlsx`` (and of the office copy): ``fails``,
    ``points_lost`` and ``behind_schedule``, from the POINTS table below; ``behind_schedule_count`` 9.
``city-ledger-office.xlsx``
    The same 66 communities and values laid out as an office keeps them: title, 填报单位 row, a two-row
    header with merged groups, a column-number row, 序号 column, merged 区县/街道 cells, 小计 per street,
    合计, 说明/审核人 footer, mixed notations (``420㎡``, ``1,200``, ``２００``, ``约600``,
    ``320（其中活动用房210）``, 有/无, √/×, 已建/未建, ``92.5%`` or 0.925 formatted as a percent),
    aliased headers, a ``填表说明`` sheet and a hidden ``辅助`` sheet.
``xiangzhou-rooms.xlsx`` / ``xiangzhou-rooms.expected.json``
    126 communities of 珠海市香洲区 for ``huodong-yongfang``: all have ≥ 200 ㎡ of activity rooms,
    42 also have ≥ 400 ㎡ with one room ≥ 200 ㎡.
    用房来源: 租赁 23, 腾退 21, 共享协议 46, 无偿借用 10, 借用股份公司 26.
``weekly/week1/<区县>-<街道>.xlsx``, ``weekly/week2/…``, ``weekly/changes.json``
    A city folder (淮安市, 5 districts, 20 streets, 300 communities) scored twice: as of 2022-06-24 and
    2022-07-01. 11 weak communities are behind 序时进度 in week 1. In week 2, 30 communities fixed one or
    more failing indicators (2 of the weak ones catch up, so 9 are behind), 10 slipped (one new failure),
    all other rows are identical. ``changes.json`` lists every changed community;
    ``weekly/week1.expected.json`` and ``weekly/week2.expected.json`` give every community's verdict.
``followup/city-ledger-2022-07-20.xlsx`` / ``followup/expected.json``
    The 66 communities of ``city-ledger.xlsx`` as of 2022-07-20, after the notices sent on 2022-06-30 to
    the 9 behind schedule fell due (2022-07-15): of the communities that failed floor area, function
    rooms or any 六个一 facility, half are now fixed (every failure met), among them 5 of the 9
    (``rectified``); the other 4 (``overdue``) still fail — 2 finished only the facility that was 在建,
    2 fixed nothing; the remaining tracked communities keep exactly their failures; everyone else is
    unchanged.

Randomness: each output gets its own generator ``random.Random(f"2022:<part>")`` (seed 2022 plus the part's
name; string seeds are stable across runs and platforms), so changing one file's design does not
reshuffle the others. openpyxl stamps a save time into each workbook, so files are reproducible in cell
values, not in bytes.
"""

from __future__ import annotations

import datetime
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from random import Random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

SEED = 2022
JUNE_30 = datetime.date(2022, 6, 30)  # as-of of city-ledger.xlsx; notices sent then are due 2022-07-15
FOLLOWUP_DATE = datetime.date(2022, 7, 20)
WEEK_DATES = {"week1": datetime.date(2022, 6, 24), "week2": datetime.date(2022, 7, 1)}
SUQIAN_BEHIND = 9  # communities of city-ledger.xlsx designed to be behind 序时进度
RECTIFIED = 5  # of those, fully fixed by 2022-07-20; the other 4 notices are overdue
WEEKLY_BEHIND = 11  # communities of the weekly folder designed to be behind 序时进度 in week 1 …
WEEKLY_RECOVERED = 2  # … of which this many fix enough in week 2 to catch up (so 9 in week 2)
HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------------
# Indicators of liugeyi-sidabiao (ids as in standards/liugeyi-sidabiao.yaml)
# ---------------------------------------------------------------------------------------------------
AREA = "area.per_100_households"
SHARE = "area.activity_share"
ROOMS = "rooms.function_rooms"
SIX = [
    ("six.comprehensive_venue", "综合服务场所"),
    ("six.culture_center", "文化服务中心"),
    ("six.moral_lecture_hall", "道德讲堂"),
    ("six.parent_school", "家长学校"),
    ("six.minors_venue", "未成年人活动场所"),
    ("six.volunteer_station", "志愿服务V站"),
]
SIX_IDS = [sid for sid, _ in SIX]
ACTIVITIES = "activities.per_year"
LEDGER = "ledger.kept"
VOLUNTEERS = "volunteers.share"
SATISFACTION = "satisfaction.residents"
INDICATORS = [AREA, SHARE, ROOMS, *SIX_IDS, ACTIVITIES, LEDGER, VOLUNTEERS, SATISFACTION]
# Indicators a community may fail outside the "area or rooms" group.
OTHER_INDICATORS = [*SIX_IDS, ACTIVITIES, LEDGER, VOLUNTEERS, SATISFACTION]
# 六个一 facilities that need a room of their own: the first to go when a community is short of space.
ROOM_SIX = ["six.culture_center", "six.moral_lecture_hall", "six.parent_school", "six.minors_venue"]

# Points of each indicator, copied from standards/liugeyi-sidabiao.yaml (`points:`; scoring.credit is
# all_or_nothing, every indicator applies, a missing value earns nothing). Used only to decide which
# community was designed to be behind schedule (序时进度): completion = (100 − points lost) / 100.
POINTS = {AREA: 10, SHARE: 6, ROOMS: 8, **{sid: 6 for sid in SIX_IDS}, ACTIVITIES: 10, LEDGER: 10,
          VOLUNTEERS: 10, SATISFACTION: 10}
assert sum(POINTS.values()) == 100 and list(POINTS) == INDICATORS
BEHIND_LOSS = 56  # a community designed to be behind loses at least this many points …
ON_TRACK_LOSS = 40  # … every other one at most this many (the threshold is 45–53 on every sample date)
MARGIN = 3  # points between any community's loss and the behind-schedule threshold

PLAIN_HEADERS = [
    "区县", "街道", "社区", "户数", "常住人口", "社区综合服务设施面积（㎡）", "居民活动用房面积（㎡）",
    "功能室数量（个）", *[name for _, name in SIX], "活动开展次数", "台账整理", "注册志愿者人数",
    "群众满意度（%）", "帮扶单位", "备注",
]

# Name stems for communities (…社区). 南关 is reserved for the Suqian ledger.
_STEM_TEXT = """
幸福 和平 团结 友谊 建设 解放 人民 红旗 向阳 朝阳 东风 新华 兴华 振兴 繁荣 富康 康乐 安康 祥和 和谐
文明 光明 育才 书香 翰林 文昌 文苑 学府 紫薇 桂花 梅园 兰苑 荷花 菊园 竹园 松林 柳园 杨柳 桃园 杏林
梨园 枫林 银杏 香樟 翠竹 绿园 青年 金色 金河 银河 清河 东河 西河 运河 洋河 湖畔 河畔 滨河 东湖 西湖
南湖 北湖 锦绣 玉带 金鸡 凤凰 龙泉 白鹭 长江 淮河 泗水 楚街 项王 马陵 府前 府苑 城南 城北 城东 城西
南门 北门 东门 西门 北关 东关 西关 新村 新城 新园 盛世 世纪 时代 中心 花园 公园 体育 工人 园林 农场
铁路 电力 邮政 钟楼 鼓楼 古槐 双塔 三台 五里 七里 八里 十里 九龙 金湖 银湖 明珠 宝珠 天河 星河 彩虹
晨曦 曙光 春晖 春华 秋实 丰收 永安 永宁 长安 长宁 太平 平安 福田 福源 福苑 瑞祥 瑞景 嘉禾 嘉园 华庭
馨园 怡园 雅苑 锦园 秀水 碧水 清风 明月 龙湾 凤鸣 鹤鸣 莲花 芙蓉 牡丹 海棠 玉兰 丁香 月季 石榴 葡萄
桑园 茶庵 柏林 松涛 河西 河东 桥北 桥南 渡口 码头 盐河 健康 和美 和顺 顺达 通达 康居 安居 乐居 翠湖
"""
STEMS = _STEM_TEXT.split()
assert len(STEMS) == len(set(STEMS)), "duplicate name stems"

PARTNERS = [
    "市民政局", "市财政局", "市住房和城乡建设局", "市文化广电和旅游局", "市教育局", "团市委", "市妇联",
    "市卫生健康委", "市自然资源和规划局", "市城市管理局", "市人力资源和社会保障局", "市税务局",
    "市供电公司", "市交通运输局", "市市场监督管理局",
]

SUQIAN_STREETS = {
    "宿城区": [("幸福街道", 7), ("古城街道", 7), ("项里街道", 6), ("河滨街道", 6)],
    "宿豫区": [("顺河街道", 6), ("豫新街道", 6), ("下相街道", 5)],
    "经济技术开发区": [("黄河街道", 6), ("古楚街道", 6)],
    "湖滨新区": [("晓店街道", 6), ("井头街道", 5)],
}

HUAIAN_STREETS = {
    "清江浦区": ["清河街道", "淮海街道", "柳树湾街道", "浦楼街道", "长西街道"],
    "淮安区": ["淮城街道", "河下街道", "山阳街道", "漕运街道"],
    "淮阴区": ["王营街道", "长江路街道", "淮高街道", "古清口街道"],
    "洪泽区": ["高良涧街道", "朱坝街道", "黄集街道"],
    "经济技术开发区": ["徐杨街道", "钵池街道", "枚乘街道", "南马厂街道"],
}

XIANGZHOU_STREETS = [
    ("香湾街道", 14), ("拱北街道", 15), ("吉大街道", 13), ("翠香街道", 16), ("梅华街道", 12),
    ("前山街道", 14), ("湾仔街道", 8), ("狮山街道", 13), ("南屏镇", 10), ("唐家湾镇", 11),
]
ROOM_SOURCES = {"租赁": 23, "腾退": 21, "共享协议": 46, "无偿借用": 10, "借用股份公司": 26}
ROOM_SOURCE_REMARKS = {
    "租赁": "租赁商业用房",
    "腾退": "腾退原办公用房",
    "共享协议": "与辖区单位签订共享协议",
    "无偿借用": "无偿借用辖区单位用房",
    "借用股份公司": "借用股份合作公司物业",
}


def rng_for(part: str) -> Random:
    """A generator of its own for one output, seeded with 2022 and the part's name."""
    return Random(f"{SEED}:{part}")


# ---------------------------------------------------------------------------------------------------
# One community row of the liugeyi-sidabiao ledgers
# ---------------------------------------------------------------------------------------------------
@dataclass
class Community:
    """One ledger row plus the indicators it was designed to fail."""

    district: str
    street: str
    name: str
    households: int
    population: int
    service_area: int
    activity_area: int
    function_rooms: int
    six: dict[str, bool]
    activities: int
    ledger_kept: bool
    volunteers: int
    satisfaction: float | None
    partner: str
    remarks: str = ""
    fails: set[str] = field(default_factory=set)
    building: set[str] = field(default_factory=set)  # missing 六个一 facilities written 在建 (being built)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.district, self.street, self.name)

    def plain_row(self) -> list:
        """The row as written in the plain layout (same order as PLAIN_HEADERS)."""
        yes_no = [six_cell(self, sid, ("是", "否")) for sid in SIX_IDS]
        return [
            self.district, self.street, self.name, self.households, self.population, self.service_area,
            self.activity_area, self.function_rooms, *yes_no, self.activities,
            "是" if self.ledger_kept else "否", self.volunteers, self.satisfaction, self.partner,
            self.remarks or None,
        ]


def six_cell(c: Community, sid: str, style: tuple[str, str]) -> str:
    """A 六个一 cell: yes, no, or 在建 (under construction, which counts as no) when being built."""
    if c.six[sid]:
        return style[0]
    return "在建" if sid in c.building else style[1]


def copy_community(c: Community) -> Community:
    """An independent copy (the mutable fields copied too)."""
    return replace(c, six=dict(c.six), fails=set(c.fails), building=set(c.building))


def points_lost(fails) -> int:
    """Points a community loses for failing ``fails`` (all or nothing per indicator)."""
    return sum(POINTS[ind] for ind in fails)


def year_progress(as_of: datetime.date) -> tuple[int, int]:
    """序时进度 (day convention, calendar-year campaign) as (days elapsed, days in the year)."""
    start = datetime.date(as_of.year, 1, 1)
    return (as_of - start).days + 1, (datetime.date(as_of.year, 12, 31) - start).days + 1


def behind_schedule(fails, as_of: datetime.date) -> bool:
    """completion < expected progress, i.e. (100 − lost) / 100 < elapsed / days (exact integers)."""
    elapsed, days = year_progress(as_of)
    return (100 - points_lost(fails)) * days < 100 * elapsed


def clear_of_threshold(fails, as_of: datetime.date) -> bool:
    """True when the loss is at least MARGIN points away from the behind-schedule threshold."""
    elapsed, days = year_progress(as_of)
    return abs(points_lost(fails) - 100 * (days - elapsed) / days) >= MARGIN


def weak_fails(rng: Random, core: set[str]) -> set[str]:
    """Failures of a community short of space (``core``: area and/or rooms): too few activities, 3–4 of
    the room-needing 六个一 facilities missing, topped up until it loses at least BEHIND_LOSS points."""
    fails = set(core) | {ACTIVITIES} | set(rng.sample(ROOM_SIX, rng.randint(3, 4)))
    extras = [SHARE, *ROOM_SIX, "six.volunteer_station", LEDGER, VOLUNTEERS]
    while points_lost(fails) < BEHIND_LOSS:
        fails.add(rng.choice([x for x in extras if x not in fails]))
    return fails


def passing_service_area(rng: Random, households: int) -> int:
    """A service area at least 5 % above 30 ㎡ per 100 households."""
    return round(0.30 * households * rng.uniform(1.05, 1.6))


def failing_service_area(rng: Random, households: int) -> int:
    """A service area at least 10 % below 30 ㎡ per 100 households."""
    return round(0.30 * households * rng.uniform(0.55, 0.9))


def make_community(rng: Random, district: str, street: str, name: str, fails: set[str],
                   households: int | None = None, service_area: int | None = None) -> Community:
    """Draw one row whose values fail exactly ``fails`` and clear every other threshold with margin.

    A failing satisfaction is below 90; the special blank cell is set by the caller.
    """
    hh = households if households is not None else rng.randrange(800, 4001)
    population = round(hh * rng.uniform(2.6, 3.0))
    if service_area is None:
        service_area = failing_service_area(rng, hh) if AREA in fails else passing_service_area(rng, hh)
    share = rng.uniform(0.40, 0.56) if SHARE in fails else rng.uniform(0.62, 0.80)
    volunteer_share = rng.uniform(0.04, 0.085) if VOLUNTEERS in fails else rng.uniform(0.11, 0.18)
    satisfaction = rng.uniform(78.0, 88.0) if SATISFACTION in fails else rng.uniform(91.5, 98.5)
    return Community(
        district=district, street=street, name=name, households=hh, population=population,
        service_area=service_area, activity_area=round(service_area * share),
        function_rooms=rng.randint(2, 5) if ROOMS in fails else rng.randint(7, 12),
        six={sid: sid not in fails for sid in SIX_IDS},
        activities=rng.randint(1, 4) if ACTIVITIES in fails else rng.randint(8, 20),
        ledger_kept=LEDGER not in fails,
        volunteers=round(population * volunteer_share),
        satisfaction=round(satisfaction, 1),
        partner=rng.choice(PARTNERS),
        fails=set(fails),
    )


def set_indicator(rng: Random, c: Community, indicator: str, passing: bool) -> None:
    """Change the values behind one indicator so that it passes (or fails); keep the rest as is.

    Changing the service area keeps the activity share ratio, so area.activity_share keeps its verdict.
    """
    if indicator == AREA:
        ratio = c.activity_area / c.service_area
        pick = passing_service_area if passing else failing_service_area
        c.service_area = pick(rng, c.households)
        c.activity_area = round(c.service_area * ratio)
    elif indicator == SHARE:
        share = rng.uniform(0.62, 0.80) if passing else rng.uniform(0.40, 0.56)
        c.activity_area = round(c.service_area * share)
    elif indicator == ROOMS:
        c.function_rooms = rng.randint(7, 10) if passing else rng.randint(2, 5)
    elif indicator in SIX_IDS:
        c.six = {**c.six, indicator: passing}
        c.building.discard(indicator)
    elif indicator == ACTIVITIES:
        c.activities = rng.randint(8, 20) if passing else rng.randint(1, 4)
    elif indicator == LEDGER:
        c.ledger_kept = passing
    elif indicator == VOLUNTEERS:
        share = rng.uniform(0.11, 0.16) if passing else rng.uniform(0.05, 0.085)
        c.volunteers = round(c.population * share)
    elif indicator == SATISFACTION:
        c.satisfaction = round(rng.uniform(91.5, 98.5) if passing else rng.uniform(80.0, 88.0), 1)
    else:
        raise ValueError(indicator)
    if passing:
        c.fails.discard(indicator)
    else:
        c.fails.add(indicator)


def ordered(ids) -> list[str]:
    """Indicator ids sorted alphabetically (the order used in every expected file)."""
    return sorted(ids)


def verdict(c: Community, as_of: datetime.date, missing: tuple[str, ...] = ()) -> dict:
    """The expected-file entry of one community (fails, points lost, behind schedule at ``as_of``)."""
    if not clear_of_threshold(c.fails, as_of):
        raise AssertionError(f"{c.name} loses {points_lost(c.fails)} points: too close to 序时进度")
    if not behind_schedule(c.fails, as_of) and points_lost(c.fails) > ON_TRACK_LOSS:
        raise AssertionError(f"{c.name} loses {points_lost(c.fails)} points yet is on schedule")
    entry = {"district": c.district, "street": c.street, "community": c.name, "fails": ordered(c.fails),
             "points_lost": points_lost(c.fails), "behind_schedule": behind_schedule(c.fails, as_of)}
    if missing:
        entry["missing"] = list(missing)
    return entry


def missing_of(c: Community) -> tuple[str, ...]:
    """Indicators of this row whose cell is blank (only satisfaction can be)."""
    return (SATISFACTION,) if c.satisfaction is None else ()


# ---------------------------------------------------------------------------------------------------
# 1. Suqian: the 66 communities
# ---------------------------------------------------------------------------------------------------
def suqian_communities() -> list[Community]:
    """Design the 66 Suqian communities: who fails what, then draw values to match."""
    rng = rng_for("city-ledger")
    stems = list(STEMS)
    rng.shuffle(stems)
    slots = []  # (district, street, name)
    for district, streets in SUQIAN_STREETS.items():
        for street, count in streets:
            for _ in range(count):
                slots.append((district, street, stems.pop() + "社区"))
    # 南关社区 sits in 古城街道 (the first community of that street).
    nanguan = next(i for i, s in enumerate(slots) if s[1] == "古城街道")
    slots[nanguan] = (slots[nanguan][0], slots[nanguan][1], "南关社区")

    others = [i for i in range(len(slots)) if i != nanguan]
    area_rooms = [nanguan, *rng.sample(others, 11)]
    # 9 of the 12 short of space are also short of rooms for the 六个一 and of activities: behind 序时进度.
    weak = {nanguan, *rng.sample(area_rooms[1:], SUQIAN_BEHIND - 1)}
    rest = [i for i in others if i not in area_rooms]
    other_shortfalls = rng.sample(rest, 20)
    blank_satisfaction = rng.choice(other_shortfalls)

    design: dict[int, set[str]] = {}
    for i in area_rooms:
        core = [{AREA, ROOMS}] if i == nanguan else [{AREA}, {ROOMS}, {AREA, ROOMS}]
        fails = set(rng.choice(core))
        if i in weak:
            fails = weak_fails(rng, fails)
        elif rng.random() < 0.5:
            fails |= set(rng.sample([SHARE, *OTHER_INDICATORS], rng.randint(1, 2)))
        design[i] = fails
    for i in other_shortfalls:
        fails = set(rng.sample(OTHER_INDICATORS, rng.choice([1, 1, 1, 2, 2, 3])))
        if i == blank_satisfaction:
            fails.add(SATISFACTION)
        design[i] = fails

    communities = []
    for i, (district, street, name) in enumerate(slots):
        fails = design.get(i, set())
        if i == nanguan:
            c = make_community(rng, district, street, name, fails, households=1860, service_area=420)
        else:
            c = make_community(rng, district, street, name, fails)
        if i == blank_satisfaction:
            c.satisfaction = None
        if i in weak:  # one missing facility is being built (在建 counts as no)
            c.building = {rng.choice(sorted(fails & set(ROOM_SIX)))}
        c.remarks = remark_for(rng, c)
        communities.append(c)
    ensure_value(communities, 600, rng)
    behind = [c for c in communities if behind_schedule(c.fails, JUNE_30)]
    assert len(behind) == SUQIAN_BEHIND and all(points_lost(c.fails) >= BEHIND_LOSS for c in behind)
    assert all(points_lost(c.fails) <= ON_TRACK_LOSS for c in communities if c not in behind)
    return communities


def remark_for(rng: Random, c: Community) -> str:
    """A plausible 备注 for a row (free text; never the source of a verdict)."""
    if points_lost(c.fails) >= BEHIND_LOSS:
        return "用房紧张，道德讲堂、家长学校等场所暂无场地"
    if AREA in c.fails:
        return "服务用房面积不足，正协调周边用房"
    if ROOMS in c.fails:
        return "功能室不足，正在改造"
    if c.satisfaction is None:
        return "满意度测评未完成"
    if not c.fails and rng.random() < 0.15:
        return "已完成提档升级"
    return ""


def ensure_value(communities: list[Community], area: int, rng: Random) -> None:
    """Give one compliant, small community a service area of exactly ``area`` ㎡ (for the `约600` cell)."""
    for c in communities:
        if not c.fails and 0.30 * c.households * 1.05 <= area <= 0.30 * c.households * 1.6:
            ratio = c.activity_area / c.service_area
            c.service_area = area
            c.activity_area = round(area * ratio)
            return
    raise AssertionError(f"no community can take a service area of {area}")


# ---------------------------------------------------------------------------------------------------
# Writing helpers
# ---------------------------------------------------------------------------------------------------
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


def save(wb: Workbook, path: Path) -> None:
    """Save a workbook with fixed document properties (creator, created)."""
    wb.properties.creator = "creatio samples/generate.py"
    wb.properties.created = datetime.datetime(2022, 6, 30, 9, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_json(path: Path, data) -> None:
    """Write JSON with sorted keys, UTF-8, trailing newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def suqian_expected(communities: list[Community], source: str, as_of: datetime.date) -> dict:
    """The expected file for a liugeyi-sidabiao ledger of the Suqian communities."""
    failing = [c for c in communities if c.fails]
    area_rooms = [c for c in communities if c.fails & {AREA, ROOMS}]
    return {
        "source": source,
        "standard": "liugeyi-sidabiao",
        "as_of": as_of.isoformat(),
        "indicators": INDICATORS,
        "points": POINTS,
        "behind_schedule_count": sum(1 for c in communities if behind_schedule(c.fails, as_of)),
        "summary": {
            "communities": len(communities),
            "with_area_or_rooms_shortfall": len(area_rooms),
            "with_any_shortfall": len(failing),
            "compliant": len(communities) - len(failing),
        },
        "communities": [verdict(c, as_of, missing_of(c)) for c in communities],
    }


# ---------------------------------------------------------------------------------------------------
# 2. The office layout of the same 66 communities
# ---------------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------------
# 3. Xiangzhou activity rooms
# ---------------------------------------------------------------------------------------------------
XIANGZHOU_HEADERS = [
    "区县", "街道", "社区", "户数", "居民活动用房面积（㎡）", "最大活动室面积（㎡）", "用房来源", "备注",
]


def largest_room_avoiding_200(rng: Random, low: int, high: int) -> int:
    """A largest-room area in [low, high] that is not within 2 % of 200 ㎡."""
    while True:
        value = rng.randint(low, high)
        if not 196 <= value <= 204:
            return value


def xiangzhou_rows() -> tuple[list[list], list[dict]]:
    """126 rows and their expected verdicts (42 meet the next stage, 84 meet only stage one)."""
    rng = rng_for("xiangzhou-rooms")
    stems = list(STEMS)
    rng.shuffle(stems)
    slots = [(street, stems.pop() + "社区") for street, count in XIANGZHOU_STREETS for _ in range(count)]
    sources = [src for src, n in ROOM_SOURCES.items() for _ in range(n)]
    rng.shuffle(sources)
    next_stage = set(rng.sample(range(len(slots)), 42))
    small_room = set(rng.sample(sorted(set(range(len(slots))) - next_stage), 14))
    rows, expected = [], []
    for i, ((street, name), source) in enumerate(zip(slots, sources, strict=True)):
        if i in next_stage:
            area = rng.randint(410, 680)
            largest = rng.randint(205, min(320, area - 100))
        elif i in small_room:  # ≥ 400 ㎡ in all, but no single room of 200 ㎡
            area = rng.randint(410, 560)
            largest = rng.randint(90, 190)
        else:
            area = rng.randint(210, 390)
            largest = largest_room_avoiding_200(rng, 60, min(240, area - 20))
        rows.append(["香洲区", street, name, rng.randrange(1500, 6001), area, largest, source,
                     ROOM_SOURCE_REMARKS[source]])
        fails = [] if i in next_stage else ["rooms.activity_400"]
        expected.append({"district": "香洲区", "street": street, "community": name, "fails": fails})
    return rows, expected


def write_xiangzhou(out: Path) -> None:
    """File 3 and its expected verdicts."""
    rows, expected = xiangzhou_rows()
    wb = plain_workbook("珠海市香洲区社区活动用房情况台账（截至2022年6月30日）", XIANGZHOU_HEADERS, rows,
                        sheet="活动用房")
    save(wb, out / "xiangzhou-rooms.xlsx")
    write_json(out / "xiangzhou-rooms.expected.json", {
        "source": "xiangzhou-rooms.xlsx",
        "standard": "huodong-yongfang",
        "as_of": "2022-06-30",
        "indicators": ["rooms.activity_200", "rooms.activity_400"],
        "summary": {
            "communities": len(expected),
            "meet_activity_200": len(expected),
            "meet_activity_400": sum(1 for e in expected if not e["fails"]),
            "room_sources": ROOM_SOURCES,
        },
        "communities": expected,
    })


# ---------------------------------------------------------------------------------------------------
# 4. Weekly city folder (淮安市)
# ---------------------------------------------------------------------------------------------------
SLIP_CANDIDATES = [LEDGER, SATISFACTION, VOLUNTEERS, SHARE, "six.volunteer_station", "six.parent_school"]


def weekly_communities(rng: Random, exclude: set[str]) -> list[Community]:
    """300 communities in 20 streets; about a third fail one to three indicators, and WEEKLY_BEHIND
    short of space fail many (behind 序时进度)."""
    streets = [(d, s) for d, names in HUAIAN_STREETS.items() for s in names]
    offsets = [-3, 3, -2, 2, -1, 1, -3, 3, -2, 2, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    rng.shuffle(offsets)
    weak = set(rng.sample(range(300), WEEKLY_BEHIND))
    pool = [s for s in STEMS if s + "社区" not in exclude]
    communities = []
    for (district, street), offset in zip(streets, offsets, strict=True):
        for stem in rng.sample(pool, 15 + offset):
            fails = set()
            if len(communities) in weak:
                fails = weak_fails(rng, set(rng.choice([[AREA], [ROOMS], [AREA, ROOMS]])))
            elif rng.random() < 0.35:
                fails = set(rng.sample(INDICATORS, rng.choice([1, 1, 2, 3])))
            communities.append(make_community(rng, district, street, stem + "社区", fails))
    return communities


def weekly_changes(rng: Random, week1: list[Community]) -> tuple[list[Community], list[dict]]:
    """Week 2: 30 communities fix one or more failures (WEEKLY_RECOVERED of them behind schedule, who
    catch up), 10 others slip; the rest stay identical."""
    week2 = [copy_community(c) for c in week1]
    weak = [i for i, c in enumerate(week1) if points_lost(c.fails) >= BEHIND_LOSS]
    failing = [i for i, c in enumerate(week1) if c.fails and i not in weak]
    fixers = sorted(rng.sample(weak, WEEKLY_RECOVERED) + rng.sample(failing, 30 - WEEKLY_RECOVERED))
    slippers = sorted(rng.sample([i for i in range(len(week1)) if i not in fixers], 10))
    changes = []
    for i in sorted(fixers + slippers):
        c = week2[i]
        if i in fixers:  # a behind community redraws until it is well on track
            fixed = ordered(rng.sample(sorted(c.fails), rng.randint(1, len(c.fails))))
            while points_lost(c.fails - set(fixed)) > ON_TRACK_LOSS:
                fixed = ordered(rng.sample(sorted(c.fails), rng.randint(1, len(c.fails))))
            new: list[str] = []
        else:
            fixed = []
            new = [rng.choice([x for x in SLIP_CANDIDATES if x not in c.fails])]
        for ind in sorted(fixed + new, key=INDICATORS.index):
            set_indicator(rng, c, ind, passing=ind in fixed)
        changes.append({
            "district": c.district, "street": c.street, "community": c.name,
            "fixed": fixed, "new": new,
            "fails_before": ordered(week1[i].fails), "fails_after": ordered(c.fails),
        })
    return week2, changes


def write_weekly(out: Path, exclude: set[str]) -> None:
    """File set 4: week1/ and week2/ with one ledger per street, plus changes.json."""
    rng = rng_for("weekly")
    week1 = weekly_communities(rng, exclude)
    week2, changes = weekly_changes(rng, week1)
    for folder, data in (("week1", week1), ("week2", week2)):
        as_of = WEEK_DATES[folder]
        date = f"{as_of.year}年{as_of.month}月{as_of.day}日"
        for district, streets in HUAIAN_STREETS.items():
            for street in streets:
                rows = [c for c in data if c.district == district and c.street == street]
                title = f"淮安市{district}{street}2022年社区创建工作台账（截至{date}）"
                write_plain_ledger(out / "weekly" / folder / f"{district}-{street}.xlsx", title, rows)
        write_json(out / "weekly" / f"{folder}.expected.json", {
            "folder": folder,
            "standard": "liugeyi-sidabiao",
            "as_of": as_of.isoformat(),
            "points": POINTS,
            "summary": {
                "communities": len(data),
                "with_any_shortfall": sum(1 for c in data if c.fails),
                "behind_schedule": sum(1 for c in data if behind_schedule(c.fails, as_of)),
            },
            "communities": [verdict(c, as_of) for c in data],
        })
    write_json(out / "weekly" / "changes.json", {
        "standard": "liugeyi-sidabiao",
        "week1": {"folder": "week1", "as_of": "2022-06-24"},
        "week2": {"folder": "week2", "as_of": "2022-07-01"},
        "summary": {
            "communities": len(week1),
            "streets": sum(len(s) for s in HUAIAN_STREETS.values()),
            "with_any_shortfall_week1": sum(1 for c in week1 if c.fails),
            "with_any_shortfall_week2": sum(1 for c in week2 if c.fails),
            "fixed": sum(1 for ch in changes if ch["fixed"]),
            "slipped": sum(1 for ch in changes if ch["new"]),
        },
        "changes": changes,
    })


# ---------------------------------------------------------------------------------------------------
# 5. Follow-up ledger (2022-07-20)
# ---------------------------------------------------------------------------------------------------
def followup(communities: list[Community]) -> tuple[list[Community], dict]:
    """Half of the area/rooms/六个一 failures are fixed (all their failures), among them RECTIFIED of the
    communities behind schedule on 2022-06-30 (their notice, due 2022-07-15, is rectified). The other
    behind ones are overdue: two finished the facility they were building (在建) and nothing else, two
    fixed nothing. Everyone else is unchanged."""
    rng = rng_for("followup")
    later = [copy_community(c) for c in communities]
    tracked = [i for i, c in enumerate(communities) if c.fails & {AREA, ROOMS, *SIX_IDS}]
    noticed = [i for i, c in enumerate(communities) if behind_schedule(c.fails, JUNE_30)]
    assert set(noticed) <= set(tracked)
    rectified = set(rng.sample(noticed, RECTIFIED))
    overdue = [i for i in noticed if i not in rectified]
    quiet = [i for i in tracked if i not in noticed]
    fixed = rectified | set(rng.sample(quiet, len(tracked) // 2 - RECTIFIED))
    for i in sorted(fixed):
        c = later[i]
        for ind in sorted(c.fails, key=INDICATORS.index):
            set_indicator(rng, c, ind, passing=True)
        if c.satisfaction is None:
            c.satisfaction = round(rng.uniform(91.5, 98.5), 1)
        c.remarks = "已整改到位"
    for i in rng.sample(overdue, 2):  # finished the facility that was 在建, nothing else
        c = later[i]
        for ind in sorted(c.building):
            set_indicator(rng, c, ind, passing=True)
        assert c.fails and clear_of_threshold(c.fails, FOLLOWUP_DATE)
        c.remarks = "部分整改，其余场地仍在协调"

    def entry(i: int) -> dict:
        return {"district": communities[i].district, "street": communities[i].street,
                "community": communities[i].name, "fails_before": ordered(communities[i].fails),
                "fails_after": ordered(later[i].fails)}

    def key(i: int) -> dict:
        c = communities[i]
        return {"district": c.district, "street": c.street, "community": c.name}

    expected = suqian_expected(later, "city-ledger-2022-07-20.xlsx", FOLLOWUP_DATE)
    expected["tracked_from"] = "city-ledger.xlsx"
    expected["fixed"] = [entry(i) for i in tracked if i in fixed]
    expected["still_failing"] = [entry(i) for i in tracked if i not in fixed]
    expected["notices"] = {"as_of": JUNE_30.isoformat(), "due": "2022-07-15"}
    expected["rectified"] = [key(i) for i in noticed if i in rectified]
    expected["overdue"] = [key(i) for i in overdue]
    return later, expected


# ---------------------------------------------------------------------------------------------------
def main(argv: list[str]) -> int:
    """Write every sample into OUTDIR (argv[1]) or next to this script."""
    out = Path(argv[1]) if len(argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    communities = suqian_communities()
    write_plain_ledger(out / "city-ledger.xlsx", "宿迁市2022年城市社区创建工作台账（截至2022年6月30日）",
                       communities)
    write_json(out / "city-ledger.expected.json",
               suqian_expected(communities, "city-ledger.xlsx", JUNE_30))
    write_office_ledger(out / "city-ledger-office.xlsx", communities)
    write_xiangzhou(out)
    write_weekly(out, {c.name for c in communities})
    later, expected = followup(communities)
    write_plain_ledger(out / "followup" / "city-ledger-2022-07-20.xlsx",
                       "宿迁市2022年城市社区创建工作台账（截至2022年7月20日）", later)
    write_json(out / "followup" / "expected.json", expected)
    print(f"samples written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
