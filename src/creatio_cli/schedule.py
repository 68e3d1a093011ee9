"""序时进度 (expected progress): the elapsed share of the campaign at an explicit as-of date.

Two conventions are in use by offices (domain notes): *day* — elapsed days / days in the period,
counting both ends (2022-06-30 in a calendar year → 181/365 = 49.59 %); *month* — completed months /
months in the period, a month counting once as-of reaches its last day (2022-06-30 → 6/12 = 50 %).
No clock here: callers pass as_of.
"""

from __future__ import annotations

import calendar
from datetime import date

from creatio_cli.errors import UsageError
from creatio_cli.results import Campaign


def campaign_for(
    as_of: date,
    start: date | None = None,
    deadline: date | None = None,
    convention: str = "day",
) -> Campaign:
    """The campaign period: explicit dates win, otherwise the calendar year of ``as_of``."""
    start = start or date(as_of.year, 1, 1)
    deadline = deadline or date(start.year, 12, 31)
    if deadline < start:
        raise UsageError("option.deadline_before_start", {"deadline": deadline.isoformat(), "start": start.isoformat()})
    if convention not in ("day", "month"):
        raise UsageError("option.convention", {"value": convention})
    return Campaign(start=start, deadline=deadline, convention=convention)


def expected_progress(campaign: Campaign, as_of: date) -> float:
    """Share of the campaign elapsed at ``as_of``, clamped to 0..1 (unrounded)."""
    if campaign.convention == "month":
        share = _completed_months(campaign.start, as_of) / _months_in(campaign.start, campaign.deadline)
    else:
        share = ((as_of - campaign.start).days + 1) / ((campaign.deadline - campaign.start).days + 1)
    return min(1.0, max(0.0, share))


def _months_in(start: date, deadline: date) -> int:
    return (deadline.year - start.year) * 12 + deadline.month - start.month + 1


def _completed_months(start: date, as_of: date) -> int:
    if as_of < start:
        return 0
    months = (as_of.year - start.year) * 12 + as_of.month - start.month
    last_day = calendar.monthrange(as_of.year, as_of.month)[1]
    return months + (1 if as_of.day == last_day else 0)


def is_overdue(deadline: date | None, as_of: date) -> bool:
    """An unmet indicator is overdue (逾期) once as-of is past its own deadline."""
    return deadline is not None and as_of > deadline
