"""The register the weekly city is designed to end with: weekly/notices.expected.json.

samples/make_register.py drafts 整改通知书 with creatio on week 2, then follows up with weeks 3, 4 and 5
(default mode: a notice to every community behind 序时进度, due DUE_DAYS later), and cancels by hand, after
week 4, the notice of the office that sent a ledger with clerical errors. This module plays the same
cycle on the design (design.md "Notices"): a later ledger marks a notice rectified when every indicator
it listed is met, else overdue once its due date has passed, with one 督办通知 listing what is still unmet;
a community with an open or overdue notice gets no second one. The committed register, creatio's
output, is compared with this file by tests/test_samples.py.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .common import NOTICE_DUE_DAYS, WEEK_DATES, behind_schedule, ordered
from .community import Community
from .workbook import write_json

RUNS = ["week2", "week3", "week4", "week5"]
CANCEL = ("clerical", "week4", "7月18日复查：7月15日台账填报有误（台账整理、满意度漏填等），撤销本通知")


def day(d: datetime.date) -> str:
    return d.isoformat()


def play(weeks: dict[str, list[Community]], design: dict[int, tuple]) -> list[dict]:
    """Every notice and 督办通知 of the cycle with its status after the last run."""
    cancel_index = next(i for i, (role, _) in design.items() if role == CANCEL[0])
    records: list[dict] = []
    for folder in RUNS:
        as_of = WEEK_DATES[folder]
        data = weeks[folder]
        for r in records:
            if r["kind"] != "notice" or r["status"] not in ("open", "overdue"):
                continue
            unmet = ordered(set(r["indicators"]) & data[r["index"]].fails)
            if not unmet:
                r["status"] = "rectified"
                r["history"].append([day(as_of), "rectified"])
            elif r["status"] == "open" and as_of > datetime.date.fromisoformat(r["due"]):
                r["status"] = "overdue"
                r["history"].append([day(as_of), "overdue"])
                records.append(record(data[r["index"]], r["index"], "escalation", as_of, unmet, r))
        busy = {r["index"] for r in records if r["kind"] == "notice" and r["status"] in ("open", "overdue")}
        for i, c in enumerate(data):
            if behind_schedule(c.fails, as_of) and i not in busy:
                records.append(record(c, i, "notice", as_of, ordered(c.fails), None))
        if folder == CANCEL[1]:
            r = next(r for r in records if r["index"] == cancel_index and r["status"] == "open")
            r["status"] = "cancelled"
            r["history"].append([day(as_of), "cancelled"])
            r["note"] = CANCEL[2]
    for r in records:
        if r["kind"] == "escalation":  # an escalation follows its notice
            r["status"] = "open" if r["parent"]["status"] == "overdue" else r["parent"]["status"]
    return records


def record(c: Community, index: int, kind: str, as_of: datetime.date, indicators: list[str],
           parent: dict | None) -> dict:
    return {"index": index, "kind": kind, "district": c.district, "street": c.street, "community": c.name,
            "as_of": day(as_of), "due": day(as_of + datetime.timedelta(days=NOTICE_DUE_DAYS)),
            "indicators": indicators, "status": "open", "history": [], "note": None, "parent": parent}


def write_notices(out: Path, weeks: dict[str, list[Community]], design: dict[int, tuple]) -> None:
    """weekly/notices.expected.json: the runs, the notices with their final status and roles."""
    records = play(weeks, design)
    notices = []
    for r in records:
        entry = {k: v for k, v in r.items() if k not in ("index", "parent")}
        entry["role"] = design[r["index"]][0] if r["index"] in design else None
        if r["parent"] is not None:
            entry["parent_as_of"] = r["parent"]["as_of"]
        notices.append(entry)
    statuses = [r["status"] for r in records if r["kind"] == "notice"]
    cancelled = next(r for r in records if r["status"] == "cancelled")
    write_json(out / "weekly" / "notices.expected.json", {
        "standard": "liugeyi-sidabiao",
        "folder": "weekly/notices",
        "due_days": NOTICE_DUE_DAYS,
        "runs": [{"folder": f, "as_of": day(WEEK_DATES[f])} for f in RUNS],
        "cancel": {"after": CANCEL[1], "district": cancelled["district"], "street": cancelled["street"],
                   "community": cancelled["community"], "note": CANCEL[2]},
        "summary": {
            "notices": len(statuses),
            "escalations": sum(1 for r in records if r["kind"] == "escalation"),
            **{s: statuses.count(s) for s in ("open", "rectified", "overdue", "cancelled")},
        },
        "notices": notices,
    })
