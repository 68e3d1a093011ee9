"""Recording a scored run (``score … --record``): one run per (standard id, as-of date, scope), whole.

A run keeps every community's result, every (community, indicator) status and the file list. Recording a
key again *replaces* that run in one transaction — its rows are deleted and written anew under the same
run id, nothing else changes — so a corrected folder re-scored for the same week never merges with the
first attempt, and a run killed halfway (SIGKILL, power cut) leaves the file as it was before (SQLite's
rollback journal undoes the open transaction when the file is next opened).

The scope (design.md, "Additions"): ``--scope NAME``, else the ``--district`` / ``--street`` filters
(``district=清江浦区``, ``district=清江浦区,street=清河街道``), else ``all``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from creatio_cli import __version__
from creatio_cli.errors import UsageError
from creatio_cli.history.store import HistoryFile, utc_stamp
from creatio_cli.messages import Message, jsonable, msg
from creatio_cli.results import CheckResult

SCOPE_LIMIT = 200  # characters: a name, not a document


def scope_of(scope: str | None, district: str | None = None, street: str | None = None) -> str:
    """The run's scope: ``scope`` as given (trimmed), else the place filters, else ``all``."""
    if scope is not None:
        name = " ".join(scope.split())
        if not name or len(name) > SCOPE_LIMIT or any(ord(ch) < 32 or ord(ch) == 127 for ch in scope.strip()):
            raise UsageError("history.scope_invalid", {"value": scope[:40], "limit": SCOPE_LIMIT})
        return name
    parts = [f"{key}={' '.join(value.split())}" for key, value in (("district", district), ("street", street))
             if value is not None and value.strip()]
    return ",".join(parts) or "all"


@dataclass(frozen=True)
class Recorded:
    """What ``--record`` did: the run's key, how many communities, and the earlier run it replaced."""

    path: str
    standard: str
    as_of: date
    scope: str
    communities: int
    run_id: int
    replaced: str | None = None  # when the replaced run had been recorded (UTC), else None

    def note(self) -> Message:
        """The line for stderr: recorded, or replaced (and when the replaced run was recorded)."""
        params = {"path": self.path, "standard": self.standard, "as_of": self.as_of.isoformat(),
                  "scope": self.scope, "communities": self.communities}
        if self.replaced is None:
            return msg("note.history_recorded", **params)
        return msg("note.history_replaced", previous=self.replaced, **params)


def _before_commit(path: Path) -> None:
    """Called inside the transaction, after every row is written and before COMMIT (a seam for the tests
    that kill a run halfway)."""


def record(history: HistoryFile, result: CheckResult, scope: str, source: str, *,
           points: dict[str, float] | None = None, recorded_at: str | None = None) -> Recorded:
    """Write ``result`` as the run (standard, as-of, scope), replacing an earlier one with that key;
    ``points``: each indicator's points in the standard (stored beside its titles)."""
    if result.statuses is None:
        raise ValueError("a result without its status matrix (built by hand?) cannot be recorded")
    db = history.db
    std = result.standard
    key = (std.id, result.as_of.isoformat(), scope)
    stamp = recorded_at or utc_stamp()
    run_values = (std.version, std.title.get("zh"), std.title.get("en"), result.expected_progress,
                  result.campaign.start.isoformat(), result.campaign.deadline.isoformat(), result.campaign.convention,
                  source, stamp, __version__)
    with history.transaction():
        found = db.execute("SELECT id, recorded_at FROM runs WHERE standard = ? AND as_of = ? AND scope = ?",
                           key).fetchone()
        if found is None:
            cursor = db.execute(
                "INSERT INTO runs (standard, as_of, scope, standard_version, standard_title_zh, standard_title_en,"
                " expected_progress, campaign_start, campaign_deadline, convention, source, recorded_at,"
                " creatio_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*key, *run_values))
            run_id, replaced = int(cursor.lastrowid or 0), None
        else:
            run_id, replaced = int(found[0]), str(found[1])
            for table in ("statuses", "communities", "files", "indicators"):
                db.execute(f"DELETE FROM {table} WHERE run = ?", (run_id,))
            db.execute(
                "UPDATE runs SET standard_version = ?, standard_title_zh = ?, standard_title_en = ?,"
                " expected_progress = ?, campaign_start = ?, campaign_deadline = ?, convention = ?, source = ?,"
                " recorded_at = ?, creatio_version = ? WHERE id = ?", (*run_values, run_id))
        _write_rows(db, run_id, result, points or {})
        _before_commit(history.path)
    return Recorded(str(history.path), std.id, result.as_of, scope, len(result.communities), run_id, replaced)


def _write_rows(db: sqlite3.Connection, run: int, result: CheckResult, points: dict[str, float]) -> None:
    db.executemany(
        "INSERT INTO communities (run, seq, district, street, community, partner, score, max_score, completion,"
        " expected_progress, behind_schedule, compliant, indicators_met, indicators_assessed, indicators_total,"
        " grade_zh, grade_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((run, i, c.district, c.street, c.community, c.partner or "", c.score, c.max_score, c.completion,
          c.expected_progress, int(c.behind_schedule), int(c.compliant), c.indicators_met, c.indicators_assessed,
          c.indicators_total, c.grade.get("zh") if c.grade is not None else "",
          c.grade.get("en") if c.grade is not None else "")
         for i, c in enumerate(result.communities)))
    db.executemany(
        "INSERT INTO indicators (run, position, indicator, title_zh, title_en, points) VALUES (?, ?, ?, ?, ?, ?)",
        ((run, i, s.indicator, s.title.get("zh"), s.title.get("en"), points.get(s.indicator))
         for i, s in enumerate(result.summary.by_indicator, start=1)))
    db.executemany("INSERT INTO statuses (run, seq, indicator, status) VALUES (?, ?, ?, ?)", _statuses(run, result))
    db.executemany(
        "INSERT INTO files (run, seq, path, status, reason_code, reason_params, reason_zh, reason_en, communities)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((run, i, f.path, f.status, f.reason.code if f.reason else None,
          json.dumps(jsonable(dict(f.reason.params)), ensure_ascii=False) if f.reason else None,
          f.reason.render("zh") if f.reason else None, f.reason.render("en") if f.reason else None, f.communities)
         for i, f in enumerate(result.files)))


def _statuses(run: int, result: CheckResult) -> Iterator[tuple[int, int, str, str]]:
    from creatio_cli.status import STATUS_BY_CODE

    matrix = result.statuses
    assert matrix is not None
    names = [s.value for s in STATUS_BY_CODE]
    for i, codes in enumerate(matrix.codes.tolist()):
        for indicator, code in zip(matrix.indicators, codes, strict=True):
            yield run, i, indicator, names[code]
