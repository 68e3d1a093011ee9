"""What the notice register did in a bulletin's period: notices issued, rectified and fallen overdue.

Read only (``notices.register.Register`` opened without writing, in one snapshot; a missing, empty, foreign,
newer or damaged register is exit 2 as for ``notices status``). A notice is *issued* on its as-of date (the
date it bears). A status change happens on the date it speaks for: a follow-up's is the as-of date of the
run that made it (its note starts with it, ``notices.workflow.follow_up_note``), any other change's (``notices
mark``) the day it was recorded (the clock in ``marks.at``). So a bulletin drafted later for an earlier week
counts what the register knew of that week, not what happened after it.

Escalations (督办通知) and assignments (交办单) are counted as issued; the states counted (整改到位、逾期、
正在整改、撤销) are those of the 整改通知书 themselves — an escalation closes with its notice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from creatio_cli.bulletin.data import NoticeActivity

if TYPE_CHECKING:
    from creatio_cli.notices.register import Entry, Mark


def effective_day(at: str, note: str | None) -> date:
    """The day a status change speaks for: a follow-up's run date from its note, else the day it was recorded."""
    from creatio_cli.notices.workflow import follow_up_day

    day = follow_up_day(note)
    if day is not None:
        return day
    try:
        return datetime.fromisoformat(at).date()
    except ValueError:
        return date.max  # an unreadable stamp: never counted as having happened in a period


def count(entries: Sequence[Entry], marks: Sequence[Mark], start: date, end: date) -> NoticeActivity:
    """Count ``entries`` (register rows) and ``marks`` (their status changes, oldest first) for ``start`` …
    ``end``. Pure: the rows as ``Register.all()`` and ``Register.history()`` give them."""
    changes: dict[str, list[tuple[date, str]]] = {}
    for mark in marks:
        changes.setdefault(mark.number, []).append((effective_day(mark.at, mark.note), mark.new_status))
    issued = {"notice": 0, "escalation": 0, "assignment": 0}
    rectified = overdue = 0
    states = {"open": 0, "rectified": 0, "overdue": 0, "cancelled": 0}
    overdue_now: list[tuple[str, str, str, str]] = []
    for entry in entries:
        kind, number, as_of = entry.kind, entry.number, entry.as_of
        if as_of > end:
            continue
        if start <= as_of:
            issued[kind] = issued.get(kind, 0) + 1
        if kind != "notice":
            continue
        state = "open"
        for day, status in changes.get(number, []):
            if day > end:
                continue
            state = status
            if start <= day:
                rectified += status == "rectified"
                overdue += status == "overdue"
        states[state] = states.get(state, 0) + 1
        if state == "overdue":
            district, street, community = entry.key
            overdue_now.append((number, district, street, community))
    return NoticeActivity(start, end, issued["notice"], issued["escalation"], issued["assignment"], rectified,
                          overdue, sum(states.values()), states["rectified"], states["overdue"], states["open"],
                          states["cancelled"], tuple(overdue_now))


def read(register: Path, start: date, end: date) -> NoticeActivity:
    """What the register at ``register`` did from ``start`` to ``end`` (read only; refused as ``notices
    status`` refuses a register it cannot use)."""
    from creatio_cli.notices import schema
    from creatio_cli.notices.register import Register

    path = Path(register)
    with schema.translating(path), Register(path, create=False, write=False) as reg, reg.reading():
        entries, marks = reg.all(), reg.history()
    return count(entries, marks, start, end)
