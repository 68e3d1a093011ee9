"""File set 4, weeks 3–5: the 淮安市 city folder as of 2022-07-08, 2022-07-15 and 2022-07-22 (with week 2,
four runs in July), the changes of each week and who was designed to do what.

The 9 communities behind 序时进度 in week 2 get a 整改通知书 dated 2022-07-01, due 2022-07-16. Each has a
role (ROLES): per week it fixes every failure (``fix``), fixes enough to be on schedule with something still
failing (``catch``), fixes something and stays behind (``part``) or does nothing (None). Three others slip
behind: one loses its borrowed rooms in week 4 (``reclaimed``), one office sends a week-4 ledger with
clerical errors corrected in week 5 (``clerical``; its notice is cancelled by hand), one lets several
things lapse in week 5 (``lapsed``). Everyone else: RANDOM_FIXERS fix one or more failures and
RANDOM_SLIPPERS newly fail one indicator (staying on schedule); all other rows are identical.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from random import Random

from .common import (
    AREA,
    INDICATORS,
    LEDGER,
    ON_TRACK_LOSS,
    POINTS,
    ROOMS,
    SATISFACTION,
    SHARE,
    VOLUNTEERS,
    WEEK_DATES,
    behind_floor,
    behind_schedule,
    ordered,
    points_lost,
    rng_for,
)
from .community import Community, copy_community, set_indicator
from .partners import choose_blanks, pairing, repair
from .weekly import HUAIAN_STREETS, SLIP_CANDIDATES, write_week
from .workbook import write_json

LATER = ["week3", "week4", "week5"]
RANDOM_FIXERS = {"week3": 20, "week4": 16, "week5": 12}
RANDOM_SLIPPERS = {"week3": 6, "week4": 5, "week5": 4}
# The 9 behind in week 2, by role: steps in weeks 3, 4, 5. The two "gradual" roles go to the two that
# lose the most in week 2 (they need room for a partial fix that leaves them behind).
GRADUAL = [("gradual-rectified", ("part", "catch", "fix")), ("gradual-overdue", ("part", "part", "catch"))]
ROLES = [
    ("rectified-week3", ("fix", None, None)), ("rectified-week3", ("fix", None, None)),
    ("rectified-week4", ("catch", "fix", None)),
    ("caught-up-overdue", ("catch", None, None)),
    ("behind-overdue", (None, "part", None)),
    ("idle-overdue", (None, None, None)), ("idle-overdue", (None, None, None)),
]
# Communities that slip behind: (role, week, indicators that fail in that order until behind, at most).
SLIPS = [
    ("reclaimed", "week4", [AREA, ROOMS, "six.parent_school", "six.minors_venue", "six.moral_lecture_hall",
                            "six.culture_center"], 6),
    ("clerical", "week4", [LEDGER, SATISFACTION, VOLUNTEERS, "six.volunteer_station"], 3),
    ("lapsed", "week5", [LEDGER, VOLUNTEERS, SATISFACTION, "six.volunteer_station", SHARE], 3),
]
REMARKS = {
    "fix": "已整改到位", "catch": "部分整改，已达到序时进度", "part": "部分整改，其余场地仍在协调",
    "reclaimed": "借用用房到期收回，功能室、家长学校等暂停使用", "clerical": "",
    "clerical-fixed": "7月15日台账填报有误，已更正", "lapsed": "志愿服务站合并调整，台账未及时更新",
}


def fix_subset(rng: Random, c: Community, step: str, as_of) -> list[str]:
    """Failures to fix for a step: all (fix), enough to be on schedule (catch), or some but stay behind
    (part, a small step). Drawn among the subsets that land there."""
    fails = sorted(c.fails)
    if step == "fix":
        return fails
    lost = points_lost(c.fails)
    low, high = (1, ON_TRACK_LOSS) if step == "catch" else (behind_floor(as_of), lost - 1)
    options = [list(s) for k in range(1, len(fails)) for s in combinations(fails, k)
               if low <= lost - points_lost(s) <= high]
    assert options, f"{c.name}: no way to {step} from {lost} points"
    if step == "part":  # a small step (at most 12 points), so that another one can follow
        options = [s for s in options if points_lost(s) <= 12] or options
    return rng.choice(options)


def slip_additions(c: Community, candidates: list[str], floor: int) -> list[str] | None:
    """Indicators (in order, skipping those failing) that put ``c`` behind by ``floor`` points."""
    added: list[str] = []
    for ind in candidates:
        if points_lost(c.fails | set(added)) >= floor:
            break
        if ind not in c.fails:
            added.append(ind)
    return added if points_lost(c.fails | set(added)) >= floor else None


def cast(rng: Random, week2: list[Community]) -> dict[int, tuple[str, tuple]]:
    """Index → (role, steps per later week) for the designed communities."""
    behind = [i for i, c in enumerate(week2) if behind_schedule(c.fails, WEEK_DATES["week2"])]
    by_loss = sorted(behind, key=lambda i: (-points_lost(week2[i].fails), week2[i].key))
    roles = list(ROLES)
    rng.shuffle(roles)
    design = dict(zip(by_loss, GRADUAL + roles, strict=True))
    for role, folder, candidates, most in SLIPS:
        floor = behind_floor(WEEK_DATES[folder])
        taken = {week2[i].name for i in design}  # no two designed communities share a name (other streets)
        pool = [i for i, c in enumerate(week2) if c.name not in taken and not behind_schedule(c.fails, WEEK_DATES["week2"])
                and len(slip_additions(c, candidates, floor) or range(most + 1)) <= most]  # None: cannot slip
        steps = tuple(("slip" if f == folder else "unslip" if role == "clerical" and f == "week5" else None)
                      for f in LATER)
        design[rng.choice(pool)] = (role, steps)
    return design


def change_entry(before: Community, after: Community, fixed: list[str], new: list[str]) -> dict:
    return {"district": after.district, "street": after.street, "community": after.name,
            "fixed": ordered(fixed), "new": ordered(new),
            "fails_before": ordered(before.fails), "fails_after": ordered(after.fails)}


def apply(rng: Random, c: Community, fixed: list[str], new: list[str]) -> None:
    for ind in sorted([*fixed, *new], key=INDICATORS.index):
        set_indicator(rng, c, ind, passing=ind in fixed)


def later_weeks(rng: Random, week2: list[Community]) -> tuple[dict[str, list[Community]], dict[str, list[dict]],
                                                             dict[int, tuple[str, tuple]]]:
    """Weeks 3–5 from week 2: each week's communities, its changes, and the cast."""
    design = cast(rng, week2)
    weeks: dict[str, list[Community]] = {}
    changes: dict[str, list[dict]] = {}
    previous = week2
    clerical: list[str] = []
    for n, folder in enumerate(LATER):
        as_of = WEEK_DATES[folder]
        now = [copy_community(c) for c in previous]
        plan: dict[int, tuple[list[str], list[str], str | None]] = {}
        for i, (role, steps) in sorted(design.items()):
            step = steps[n]
            if step in ("fix", "catch", "part"):
                plan[i] = (fix_subset(rng, now[i], step, as_of), [], REMARKS[step])
            elif step == "slip":
                slip = next(s for s in SLIPS if s[0] == role)
                added = slip_additions(now[i], slip[2], behind_floor(as_of))
                assert added is not None
                if role == "clerical":
                    clerical = added
                plan[i] = ([], added, REMARKS[role])
            elif step == "unslip":
                plan[i] = (clerical, [], REMARKS["clerical-fixed"])
        failing = [i for i, c in enumerate(now) if c.fails and i not in design]
        for i in rng.sample(failing, RANDOM_FIXERS[folder]):
            fails = sorted(now[i].fails)
            plan[i] = (rng.sample(fails, rng.randint(1, len(fails))), [], None)
        quiet = [i for i, c in enumerate(now) if i not in design and i not in plan
                 and any(points_lost(c.fails) + POINTS[x] <= ON_TRACK_LOSS for x in SLIP_CANDIDATES if x not in c.fails)]
        for i in rng.sample(quiet, RANDOM_SLIPPERS[folder]):
            c = now[i]
            plan[i] = ([], [rng.choice([x for x in SLIP_CANDIDATES if x not in c.fails
                                        and points_lost(c.fails) + POINTS[x] <= ON_TRACK_LOSS])], None)
        week_changes = []
        for i in sorted(plan):
            fixed, new, remark = plan[i]
            apply(rng, now[i], fixed, new)
            if new and SATISFACTION in new and design.get(i, ("",))[0] == "clerical":
                now[i].satisfaction = None  # 漏填: a blank cell, a missing value
            if remark is not None:
                now[i].remarks = remark
            week_changes.append(change_entry(previous[i], now[i], fixed, new))
        weeks[folder], changes[folder], previous = now, week_changes, now
    return weeks, changes, design


def write_changes(out: Path, before: str, after: str, weeks: dict[str, list[Community]], changes: list[dict],
                  partners_changed: list[dict]) -> None:
    """weekly/changes-<after>.json, in the format of changes.json (weeks 1→2), plus behind counts and the
    partner cells that changed (only in week 3)."""
    old, new = weeks[before], weeks[after]
    write_json(out / "weekly" / f"changes-{after}.json", {
        "standard": "liugeyi-sidabiao",
        before: {"folder": before, "as_of": WEEK_DATES[before].isoformat()},
        after: {"folder": after, "as_of": WEEK_DATES[after].isoformat()},
        "summary": {
            "communities": len(new),
            "streets": sum(len(s) for s in HUAIAN_STREETS.values()),
            f"with_any_shortfall_{before}": sum(1 for c in old if c.fails),
            f"with_any_shortfall_{after}": sum(1 for c in new if c.fails),
            f"behind_schedule_{before}": sum(1 for c in old if behind_schedule(c.fails, WEEK_DATES[before])),
            f"behind_schedule_{after}": sum(1 for c in new if behind_schedule(c.fails, WEEK_DATES[after])),
            "fixed": sum(1 for ch in changes if ch["fixed"]),
            "slipped": sum(1 for ch in changes if ch["new"]),
        },
        "changes": changes,
        "partners_changed": partners_changed,
    })


def write_later(out: Path, week2: list[Community]) -> tuple[dict[str, list[Community]], dict[int, tuple]]:
    """Weeks 3–5 (ledgers, expected verdicts, changes-weekN.json); returns every week from week 2 on and
    the cast (index → role, steps)."""
    weeks, changes, design = later_weeks(rng_for("weekly-later"), week2)
    noticed = [i for i, (role, _) in design.items() if role not in {s[0] for s in SLIPS}]
    rng = rng_for("weekly-partners")
    cells = pairing(rng, week2, noticed)
    blanks = choose_blanks(rng, weeks, cells)
    repair(weeks, cells, blanks)
    weeks = {"week2": week2, **weeks}
    for before, after in zip(["week2", *LATER], LATER, strict=False):
        write_week(out, after, weeks[after])
        moved = [{"district": week2[i].district, "street": week2[i].street, "community": week2[i].name,
                  "before": week2[i].partner, "after": weeks["week3"][i].partner} for i in sorted([*cells, *blanks])]
        write_changes(out, before, after, weeks, changes[after], moved if after == "week3" else [])
    return weeks, design
