"""Ledgers for the notices tests: communities designed to be behind 序时进度 (or not) at 2022-06-30.

liugeyi-sidabiao has 100 points; 序时进度 at 2022-06-30 is 181/365 = 49.6 %. BEHIND loses 56 points
(area 10, rooms 8, three 六个一 facilities 18, activities 10, satisfaction 10) → 44 %, behind schedule.
SLIGHT loses 6 points (道德讲堂) → 94 %, a shortfall but not behind.
"""

from __future__ import annotations

from pathlib import Path

from tests.ledgers import community, write_ledger

BEHIND = {
    "社区综合服务设施面积（㎡）": 200, "居民活动用房面积（㎡）": 150, "功能室数量（个）": 4,
    "道德讲堂": "否", "家长学校": "否", "未成年人活动场所": "否", "活动开展次数": 2, "群众满意度（%）": 80,
}
# What a notice to BEHIND must say (written by hand from the numbers above; 1000 households → 300 ㎡).
BEHIND_PROBLEMS = [
    "社区综合服务设施面积200㎡，按每百户30㎡标准应不少于300㎡，差100㎡",
    "功能室数量4个，应不少于6个，差2个",
    "未建成道德讲堂",
    "未建成家长学校",
    "未建成未成年人活动场所",
    "文化活动开展2次，按序时进度应不少于6次，差4次",
    "群众满意度80%，应不低于90%，差10个百分点",
]


def behind(name: str, street: str = "古城街道", **changes: object) -> dict[str, object]:
    return community(社区=name, 街道=street, **{**BEHIND, **changes})


def slight(name: str, street: str = "古城街道") -> dict[str, object]:
    return community(社区=name, 街道=street, 道德讲堂="否")


def good(name: str, street: str = "古城街道") -> dict[str, object]:
    return community(社区=name, 街道=street)


def title(day: str) -> str:
    return f"宿迁市2022年社区创建工作台账（截至{day}）"


def first_ledger(path: Path) -> Path:
    """Three behind schedule (南关, 北关 in 古城街道; 河滨 in 项里街道), two slight shortfalls, two good."""
    rows = [behind("南关社区"), slight("东风社区"), good("幸福社区"), behind("北关社区"),
            behind("河滨社区", "项里街道"), slight("梅园社区", "项里街道"), good("银河社区", "项里街道")]
    return write_ledger(path, rows, title=title("2022年6月30日"))
