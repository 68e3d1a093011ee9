"""File set 4, weeks 1–2: the weekly city folder of 淮安市 (20 street files, 300 communities) as of
2022-06-24 and 2022-07-01, the changes between the two weeks and each week's expected verdicts (weeks 3–5:
``later.py``)."""

from __future__ import annotations

from pathlib import Path
from random import Random

from .common import (
    AREA,
    BEHIND_LOSS,
    INDICATORS,
    LEDGER,
    ON_TRACK_LOSS,
    POINTS,
    ROOMS,
    SATISFACTION,
    SHARE,
    STEMS,
    VOLUNTEERS,
    WEEK_DATES,
    WEEKLY_BEHIND,
    WEEKLY_RECOVERED,
    behind_schedule,
    ordered,
    points_lost,
    rng_for,
)
from .community import (
    Community,
    copy_community,
    make_community,
    missing_of,
    set_indicator,
    verdict,
    weak_fails,
)
from .workbook import write_json, write_plain_ledger

HUAIAN_STREETS = {
    "清江浦区": ["清河街道", "淮海街道", "柳树湾街道", "浦楼街道", "长西街道"],
    "淮安区": ["淮城街道", "河下街道", "山阳街道", "漕运街道"],
    "淮阴区": ["王营街道", "长江路街道", "淮高街道", "古清口街道"],
    "洪泽区": ["高良涧街道", "朱坝街道", "黄集街道"],
    "经济技术开发区": ["徐杨街道", "钵池街道", "枚乘街道", "南马厂街道"],
}
# Indicators a community may newly fail in week 2.
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


def write_week(out: Path, folder: str, data: list[Community]) -> None:
    """One week of the city folder: weekly/<folder>/<区县>-<街道>.xlsx and weekly/<folder>.expected.json."""
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
        "communities": [verdict(c, as_of, missing_of(c)) for c in data],
    })


def write_weekly(out: Path, exclude: set[str]) -> tuple[list[Community], list[Community]]:
    """File set 4, first two weeks: week1/ and week2/ with one ledger per street, plus changes.json.
    Returns both weeks' communities (the later weeks start from week 2)."""
    rng = rng_for("weekly")
    week1 = weekly_communities(rng, exclude)
    week2, changes = weekly_changes(rng, week1)
    write_week(out, "week1", week1)
    write_week(out, "week2", week2)
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
    return week1, week2
