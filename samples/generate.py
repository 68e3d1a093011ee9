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
    ``points_lost`` and ``behind_schedule``, from the POINTS table in gen/common.py; ``behind_schedule_count`` 9.
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
    A city folder (淮安市, 5 districts, 20 streets, 300 communities) scored weekly: as of 2022-06-24 and
    2022-07-01. 11 weak communities are behind 序时进度 in week 1. In week 2, 30 communities fixed one or
    more failing indicators (2 of the weak ones catch up, so 9 are behind), 10 slipped (one new failure),
    all other rows are identical. ``changes.json`` lists every changed community;
    ``weekly/week1.expected.json`` and ``weekly/week2.expected.json`` give every community's verdict.
``weekly/week3/`` … ``weekly/week5/``, ``weekly/changes-week3.json`` … ``changes-week5.json``
    The same city as of 2022-07-08, 2022-07-15 and 2022-07-22 (four runs in July): behind 5, 6, 5. The 9
    behind in week 2 (noticed 2022-07-01, due 2022-07-16) fix everything, catch up or stay behind by
    design (gen/later.py); three others fall behind (rooms reclaimed, a clerical ledger corrected the next
    week, things lapsing). From week 3 the 9 have a second partner unit (``原单位、新单位``), 3 cells are blank.
``weekly/weekN.partners.expected.json``
    The partner-unit ranking of each week (rankings.partners of design.md) from the design.
``weekly/notices.expected.json``
    The designed notice cycle over weeks 2–5 (samples/make_register.py builds weekly/notices/ with creatio).
``followup/city-ledger-2022-07-20.xlsx`` / ``followup/expected.json``
    The 66 communities of ``city-ledger.xlsx`` as of 2022-07-20, after the notices sent on 2022-06-30 to
    the 9 behind schedule fell due (2022-07-15): of the communities that failed floor area, function
    rooms or any 六个一 facility, half are now fixed (every failure met), among them 5 of the 9
    (``rectified``); the other 4 (``overdue``) still fail — 2 finished only the facility that was 在建,
    2 fixed nothing; the remaining tracked communities keep exactly their failures; everyone else is
    unchanged.

Code: this script only calls the package ``gen/`` next to it, one module per output (``city``, ``office``,
``xiangzhou``, ``weekly``, ``later``, ``partners``, ``notices``, ``followup``) on ``common`` (design
constants, 序时进度 arithmetic), ``community`` (one ledger row) and ``workbook`` (writing helpers).

Randomness: each output gets its own generator ``random.Random(f"2022:<part>")`` (seed 2022 plus the part's
name; string seeds are stable across runs and platforms), so changing one file's design does not
reshuffle the others. openpyxl stamps a save time into each workbook, so files are reproducible in cell
values, not in bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep samples/ free of __pycache__ when regenerating in place

from gen.city import suqian_communities, write_city_ledger  # noqa: E402
from gen.followup import write_followup  # noqa: E402
from gen.later import write_later  # noqa: E402
from gen.notices import write_notices  # noqa: E402
from gen.office import write_office_ledger  # noqa: E402
from gen.partners import write_partner_oracle  # noqa: E402
from gen.weekly import write_weekly  # noqa: E402
from gen.xiangzhou import write_xiangzhou  # noqa: E402

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Write every sample into OUTDIR (argv[1]) or next to this script."""
    out = Path(argv[1]) if len(argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    communities = suqian_communities()
    write_city_ledger(out, communities)
    write_office_ledger(out / "city-ledger-office.xlsx", communities)
    write_xiangzhou(out)
    week1, week2 = write_weekly(out, {c.name for c in communities})
    weeks, design = write_later(out, week2)
    for folder, data in {"week1": week1, **weeks}.items():
        write_partner_oracle(out, folder, data)
    write_notices(out, weeks, design)
    write_followup(out, communities)
    print(f"samples written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
