"""Partner units (帮扶单位) of the weekly city folder.

Weeks 1–2 carry one unit per community (15 units, drawn in weekly.py). From week 3 the city sends a second
unit to each of the 9 communities behind in week 2 (EXTRA_PARTNERS, three communities each: the cell reads
``原单位、新单位``), and BLANK_CELLS communities of three units are handed back for re-pairing (blank cell,
备注 帮扶单位调整，待重新结对); they are chosen so that two units tie in week 5.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from random import Random

from .common import EXTRA_PARTNERS, points_lost
from .community import Community

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
