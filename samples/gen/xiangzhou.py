"""File 3: 126 communities of 珠海市香洲区 for the standard huodong-yongfang (activity rooms), and their
expected verdicts."""

from __future__ import annotations

from pathlib import Path
from random import Random

from .common import STEMS, rng_for
from .workbook import plain_workbook, save, write_json

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
