"""Partner units (帮扶单位) of the weekly city folder and the oracle of their ranking, per week.

Weeks 1–2 carry one unit per community (15 units, drawn in weekly.py). From week 3 the city sends a second
unit to each of the 9 communities behind in week 2 (EXTRA_PARTNERS, three communities each: the cell reads
``原单位、新单位``), and BLANK_CELLS communities of three units are handed back for re-pairing (blank cell,
备注 帮扶单位调整，待重新结对); they are chosen so that two units tie in week 5.

The ranking (design.md, ``rankings.partners``): per unit, its communities (a cell naming several units
counts for each; a blank cell for none), the mean score (points earned of 100, from points_lost), the mean
completion (score / 100: every indicator applies), the shares compliant and behind schedule; standard
competition ranking by mean completion, then mean score, both descending (exact fractions, so float noise
never splits a tie); ties listed by unit name.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from itertools import combinations
from pathlib import Path
from random import Random

from .common import EXTRA_PARTNERS, WEEK_DATES, behind_schedule, points_lost
from .community import Community
from .workbook import write_json

SEPARATOR = "、"
BLANK_CELLS = 3
BLANK_REMARK = "帮扶单位调整，待重新结对"


def units(cell: str) -> list[str]:
    """The units a 帮扶单位 cell names (none for a blank cell)."""
    return [u for u in cell.split(SEPARATOR) if u] if cell else []


def key_of(c: Community) -> dict:
    return {"district": c.district, "street": c.street, "community": c.name}


def pairing(rng: Random, week2: list[Community], noticed: list[int]) -> dict[int, str]:
    """Week 3's cells naming two units: index → 原单位、新单位 for the communities noticed in week 2."""
    extra = [u for u in EXTRA_PARTNERS for _ in range(len(noticed) // len(EXTRA_PARTNERS))]
    rng.shuffle(extra)
    return {i: week2[i].partner + SEPARATOR + unit for i, unit in zip(sorted(noticed), extra, strict=True)}


def choose_blanks(rng: Random, weeks: dict[str, list[Community]], cells: dict[int, str]) -> list[int]:
    """BLANK_CELLS communities of different units, compliant in every later week, whose blank cells leave
    two units tied in the last week's ranking (so the oracle has a shared rank)."""
    last = weeks[max(weeks)]
    totals: dict[str, list[int]] = {}  # unit → [sum of scores, communities] in the last week
    for i, c in enumerate(last):
        for unit in units(cells.get(i, c.partner)):
            total = totals.setdefault(unit, [0, 0])
            total[0] += 100 - points_lost(c.fails)
            total[1] += 1
    steady: dict[str, list[int]] = {}
    for i, c in enumerate(last):
        if i not in cells and all(not w[i].fails for w in weeks.values()):
            steady.setdefault(c.partner, []).append(i)
    names = sorted(steady)
    rng.shuffle(names)
    for combo in combinations(names, BLANK_CELLS):
        means = {u: Fraction(s - 100 * (u in combo), n - (u in combo)) for u, (s, n) in totals.items()}
        if len(set(means.values())) < len(means):
            return sorted(rng.choice(steady[u]) for u in combo)
    raise AssertionError("no choice of blank cells gives a tie")


def repair(weeks: dict[str, list[Community]], cells: dict[int, str], blanks: list[int]) -> None:
    """Write the week-3 pairing into every later week (the same rows in each)."""
    for data in weeks.values():
        for i, cell in cells.items():
            data[i].partner = cell
        for i in blanks:
            data[i].partner = ""
            data[i].remarks = BLANK_REMARK


def ranking(data: list[Community], as_of: datetime.date) -> list[dict]:
    """The partner ranking of one week, from the design (fails → points_lost), not from creatio."""
    members: dict[str, list[Community]] = {}
    for c in data:
        for unit in units(c.partner):
            members.setdefault(unit, []).append(c)
    stats = []
    for unit, cs in members.items():
        n = len(cs)
        mean = Fraction(sum(100 - points_lost(c.fails) for c in cs), n)
        stats.append((mean, unit, n, Fraction(sum(not c.fails for c in cs), n),
                      Fraction(sum(behind_schedule(c.fails, as_of) for c in cs), n)))
    stats.sort(key=lambda s: (-s[0], s[1]))
    entries: list[dict] = []
    for i, (mean, unit, n, compliant, behind) in enumerate(stats):
        rank = entries[-1]["rank"] if i and mean == stats[i - 1][0] else i + 1
        entries.append({"rank": rank, "partner": unit, "communities": n, "mean_score": round(float(mean), 4),
                        "mean_completion": round(float(mean / 100), 6),
                        "share_compliant": round(float(compliant), 6), "share_behind_schedule": round(float(behind), 6)})
    return entries


def write_partner_oracle(out: Path, folder: str, data: list[Community]) -> None:
    """weekly/<folder>.partners.expected.json."""
    as_of = WEEK_DATES[folder]
    entries = ranking(data, as_of)
    write_json(out / "weekly" / f"{folder}.partners.expected.json", {
        "folder": folder,
        "standard": "liugeyi-sidabiao",
        "as_of": as_of.isoformat(),
        "separator": SEPARATOR,
        "order": "rank by mean_completion desc, then mean_score desc (standard competition ranking); ties by partner",
        "rounding": {"mean_score": 4, "mean_completion": 6, "share_compliant": 6, "share_behind_schedule": 6},
        "summary": {
            "partners": len(entries),
            "communities": len(data),
            "blank": sum(1 for c in data if not units(c.partner)),
            "several_units": sum(1 for c in data if len(units(c.partner)) > 1),
            "ties": sum(1 for i, e in enumerate(entries) if i and e["rank"] == entries[i - 1]["rank"]),
        },
        "blank": [key_of(c) for c in data if not units(c.partner)],
        "several_units": [{**key_of(c), "partners": units(c.partner)} for c in data if len(units(c.partner)) > 1],
        "partners": entries,
    })
