"""The period a ledger sheet reports on, from the dates in its title rows, and the sheets or stacked blocks
that report on different periods (refused: which one the user means is theirs to say)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from creatio_cli.ledger import dates
from creatio_cli.ledger.header import Band, filled_top
from creatio_cli.ledger.normalize import find_date_in_text
from creatio_cli.ledger.reader import RawSheet
from creatio_cli.ledger.tokens import fold
from creatio_cli.messages import Message, msg

if TYPE_CHECKING:
    from creatio_cli.ledger.load import SheetPlan


def as_of_hint(plans: list[SheetPlan]) -> date | None:
    """The 截至 / 填报日期 date written in the rows above the header, if any (of the sheets with data rows,
    when some have: an empty template sheet's date says nothing about the rows checked)."""
    found = [hint for plan in (plans if not any(p.kept for p in plans) else [p for p in plans if p.kept])
             if (hint := plan.title_date) is not None]
    return min(found)[1] if found else None


def title_date(raw: RawSheet, band: Band | None) -> tuple[int, date] | None:
    """(priority, date) of the date in one sheet's title rows: 截至 first, then the earlier of a period's end
    (第三季度, 上半年, 1-9月, 2022年度) and a 填报 date, then any date.

    A 填报日期 row under a period's title is the day it was filled in, after the period's end (a third
    quarter filed on 10月9日 is as of 30 September, not 9 October); filled in before the end (a 2026年度
    ledger filed on 7月5日), the filing day is as far as its figures go."""
    if band is None:
        return None
    found = []
    for row in filled_top(raw, band.start):
        for text in dict.fromkeys(c for c in row if c):
            when = find_date_in_text(text)
            if when:
                priority = (0 if "截至" in text or "截止" in text
                            else 1 if "填报" in text or dates.names_period(text) else 2)
                found.append((priority, when))
    return min(found) if found else None


def stacked_periods(plan: SheetPlan) -> list[Message] | None:
    """The blocks of one sheet when it stacks ledgers of different dates, else None.

    A block starts at a header row repeated inside the data (dropped as such by ``rows.py``); its title is
    the row or two above it (dropped for want of a community name). Offices stack a year under the last:
    read together, the first block's rows won every community and its date became the as-of date — the
    same defect as year sheets read together (``different_periods``), inside one sheet.
    """
    if not plan.kept:
        return None
    reasons = dict(plan.info.rows_dropped)
    top = plan.title_date
    blocks = [(1, top[1] if top else None)]  # the first block is the top of the sheet
    for row, reason in plan.info.rows_dropped:
        if reason != "repeated header row":
            continue
        when = None
        for above in range(row - 1, max(row - 4, 0), -1):
            if reasons.get(above) not in ("no community name", "title row"):
                break
            when = next((d for c in plan.raw.rows[above - 1] if isinstance(c, str) and (d := find_date_in_text(c))),
                        None)
            if when is not None:
                blocks.append((above, when))
                break
        if when is None:
            blocks.append((row, None))
    dates = {when for _row, when in blocks if when is not None}
    if len(dates) < 2:
        return None
    return [msg("label.block_date", row=row, date=when.isoformat()) for row, when in blocks if when is not None]


#: A year in a sheet's name (``2021年``, ``2022年度台账``, ``台账2022``).
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def different_periods(plans: list[SheetPlan]) -> dict[str, object] | None:
    """The params of ``sheet.different_dates`` when the ledger sheets with data rows are of different
    periods — two dates in their titles, or two years (in their names, else their titles' dates) — else None.

    Year sheets of one district (``2021年`` beside ``2022年``) hold the same communities: read together, the
    earlier sheet's rows won every community and its date became the as-of date. Which period the user means
    is theirs to say (``--sheet``); sheets of one date (a district split by street) are read together.
    """
    stamps = []
    for plan in plans:
        if not plan.kept:
            continue
        found = plan.title_date
        when = found[1] if found else None
        years = set(_YEAR.findall(plan.info.sheet))
        year = int(years.pop()) if len(years) == 1 else when.year if when else None
        stamps.append((plan.info.sheet, when, year))
    dates = {when for _s, when, _y in stamps if when is not None}
    years = {year for _s, _w, year in stamps if year is not None}
    if len(dates) < 2 and len(years) < 2:
        return None
    dated = [(name, when, year) for name, when, year in stamps if when is not None or year is not None]
    listed = [msg("label.sheet_date", sheet=name, date=when.isoformat()) if when is not None
              else msg("label.sheet_year", sheet=name, year=year) for name, when, year in dated]
    latest = max(dated, key=lambda s: (s[2] or 0, s[1] or date.min))[0]
    return {"n": len(dated), "sheets": listed, "latest": latest}


#: A year as written in a title or a sheet name (``2022年社区台账``, ``2022年``, ``2021—2022年``).
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*(?:年|[-—–~至到]\s*(?:19|20)\d\d\s*年))")


def title_year_only(plans: list[SheetPlan]) -> Message | None:
    """``ledger.title_year_only`` when the ledger sheets name past years (title rows or sheet names; the latest is
    the period's) but no date, else None.

    A bare ``2022年`` names the campaign year, not a day, so it gives no as-of date (``dates._YEAR_PERIOD``):
    checked in 2026 without ``--as-of``, a 2022 ledger was judged at today's 序时进度 in the 2026 campaign, and
    nothing said so. Which day the ledger shows is the user's to say; this names the year and the flag.
    """
    kept = [p for p in plans if p.kept and p.band is not None]
    if not kept or as_of_hint(kept) is not None:
        return None
    years = {int(y) for p in kept for y in _TITLE_YEAR.findall(p.info.sheet)}
    for plan in kept:
        assert plan.band is not None
        for row in filled_top(plan.raw, plan.band.start):
            years |= {int(y) for c in row if c for y in _TITLE_YEAR.findall(fold(c))}
    now = dates.today()
    # The latest year named (2021—2022年 ends in 2022; a 2019年版 standard in the title is not the period).
    if not years or (year := max(years)) >= now.year:
        return None
    return msg("ledger.title_year_only", year=year, end=f"{year}-12-31", today=now.isoformat())
