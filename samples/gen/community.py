"""One community row of the liugeyi-sidabiao ledgers: drawing values that fail exactly the designed
indicators, changing one indicator's values later, and the expected-file entry of a row."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from random import Random

from .common import (
    ACTIVITIES,
    AREA,
    BEHIND_LOSS,
    LEDGER,
    ON_TRACK_LOSS,
    PARTNERS,
    ROOM_SIX,
    ROOMS,
    SATISFACTION,
    SHARE,
    SIX_IDS,
    VOLUNTEERS,
    behind_schedule,
    clear_of_threshold,
    ordered,
    points_lost,
)


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
            "是" if self.ledger_kept else "否", self.volunteers, self.satisfaction, self.partner or None,
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
