"""File 1: the 66 communities of 宿迁市 (plain layout, as of 2022-06-30) and their expected verdicts.

12 fall short on floor area or function rooms (南关社区 among them), 9 of those are weak and behind
序时进度, 20 others fail something else, one has a blank 群众满意度 cell.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from random import Random

from .common import (
    AREA,
    BEHIND_LOSS,
    INDICATORS,
    JUNE_30,
    ON_TRACK_LOSS,
    OTHER_INDICATORS,
    POINTS,
    ROOM_SIX,
    ROOMS,
    SATISFACTION,
    SHARE,
    STEMS,
    SUQIAN_BEHIND,
    behind_schedule,
    points_lost,
    rng_for,
)
from .community import Community, make_community, missing_of, verdict, weak_fails
from .workbook import write_json, write_plain_ledger

SUQIAN_STREETS = {
    "宿城区": [("幸福街道", 7), ("古城街道", 7), ("项里街道", 6), ("河滨街道", 6)],
    "宿豫区": [("顺河街道", 6), ("豫新街道", 6), ("下相街道", 5)],
    "经济技术开发区": [("黄河街道", 6), ("古楚街道", 6)],
    "湖滨新区": [("晓店街道", 6), ("井头街道", 5)],
}


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
        if not c.fails and 0.30 * c.households * 1.12 <= area <= 0.30 * c.households * 1.6:
            ratio = c.activity_area / c.service_area
            c.service_area = area
            c.activity_area = round(area * ratio)
            return
    raise AssertionError(f"no community can take a service area of {area}")


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


def write_city_ledger(out: Path, communities: list[Community]) -> None:
    """city-ledger.xlsx (plain layout) and city-ledger.expected.json."""
    write_plain_ledger(out / "city-ledger.xlsx", "宿迁市2022年城市社区创建工作台账（截至2022年6月30日）",
                       communities)
    write_json(out / "city-ledger.expected.json", suqian_expected(communities, "city-ledger.xlsx", JUNE_30))
