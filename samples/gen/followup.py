"""File 5: the 66 Suqian communities as of 2022-07-20, after the notices sent on 2022-06-30 to those
behind schedule fell due (2022-07-15): who fixed what, who is rectified and who is overdue."""

from __future__ import annotations

from pathlib import Path

from .city import suqian_expected
from .common import (
    AREA,
    FOLLOWUP_DATE,
    INDICATORS,
    JUNE_30,
    RECTIFIED,
    ROOMS,
    SIX_IDS,
    behind_schedule,
    clear_of_threshold,
    ordered,
    rng_for,
)
from .community import Community, copy_community, set_indicator
from .workbook import write_json, write_plain_ledger


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



def write_followup(out: Path, communities: list[Community]) -> None:
    """The follow-up ledger and its expected file, under OUTDIR/followup/."""
    later, expected = followup(communities)
    write_plain_ledger(out / "followup" / "city-ledger-2022-07-20.xlsx",
                       "宿迁市2022年城市社区创建工作台账（截至2022年7月20日）", later)
    write_json(out / "followup" / "expected.json", expected)
