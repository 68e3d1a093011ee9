"""The notice register (发文登记): one SQLite file remembering every number, deadline and status.

Why SQLite: one file an office can copy, transactional (a crash mid-run leaves no half-allocated
number), and readable by any tool. Numbers count up per year (``seq``) whatever the 代字 is; a rerun
for the same community and as-of date finds its row and keeps its number. Status moves
open → rectified | overdue → rectified, or → cancelled by hand (``notices mark``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from creatio_cli.errors import UsageError
from creatio_cli.notices.draft import Notice

STATUSES = ("open", "rectified", "overdue", "cancelled")
ACTIVE = ("open", "overdue")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS notices (
    number TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('notice', 'escalation', 'assignment')),
    parent TEXT,
    community_key TEXT NOT NULL,
    district TEXT NOT NULL, street TEXT NOT NULL, community TEXT NOT NULL,
    as_of TEXT NOT NULL,
    due TEXT NOT NULL,
    findings TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'rectified', 'overdue', 'cancelled')),
    file TEXT,
    note TEXT,
    UNIQUE (year, seq)
);
CREATE INDEX IF NOT EXISTS notices_by_community ON notices (kind, community_key, as_of);
"""
_COLUMNS = ("number", "year", "seq", "kind", "parent", "community_key", "district", "street", "community",
            "as_of", "due", "findings", "status", "file", "note")


@dataclass(frozen=True)
class Entry:
    """One row of the register."""

    number: str
    year: int
    seq: int
    kind: str
    parent: str | None
    key: tuple[str, str, str]
    as_of: date
    due: date
    findings: list[dict[str, Any]]
    status: str
    file: str | None
    note: str | None

    @property
    def indicators(self) -> list[str]:
        return sorted({f["indicator"] for f in self.findings})

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "kind": self.kind, "parent": self.parent, "district": self.key[0],
                "street": self.key[1], "community": self.key[2], "as_of": self.as_of.isoformat(),
                "due": self.due.isoformat(), "status": self.status, "indicators": self.indicators,
                "file": self.file, "note": self.note}


def _key_text(key: tuple[str, str, str]) -> str:
    return json.dumps(list(key), ensure_ascii=False)


class Register:
    """Open (and create) a register; use as a context manager so the run commits or rolls back whole."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise UsageError("register.not_found", file=self.path)
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise UsageError("register.not_register", {"detail": str(exc)}, file=self.path) from None

    def __enter__(self) -> Register:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.db.commit()
        else:
            self.db.rollback()
        self.db.close()

    def _rows(self, where: str, params: tuple = ()) -> list[Entry]:
        sql = f"SELECT {', '.join(_COLUMNS)} FROM notices {where}"
        return [self._entry(r) for r in self.db.execute(sql, params).fetchall()]

    @staticmethod
    def _entry(r: tuple) -> Entry:
        return Entry(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), date.fromisoformat(r[9]),
                     date.fromisoformat(r[10]), json.loads(r[11]), r[12], r[13], r[14])

    def next_seq(self, year: int) -> int:
        """The next free number of ``year`` (1 for the first notice of a year)."""
        (top,) = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM notices WHERE year = ?", (year,)).fetchone()
        return int(top) + 1

    def find(self, kind: str, key: tuple[str, str, str], as_of: date) -> Entry | None:
        """The row drafted for this community (or department) at this as-of date, if any."""
        rows = self._rows("WHERE kind = ? AND community_key = ? AND as_of = ?", (kind, _key_text(key), as_of.isoformat()))
        return rows[0] if rows else None

    def escalation_of(self, number: str) -> Entry | None:
        rows = self._rows("WHERE kind = 'escalation' AND parent = ? ORDER BY year, seq", (number,))
        return rows[0] if rows else None

    def active_for(self, key: tuple[str, str, str]) -> Entry | None:
        """The open or overdue notice of a community (there is at most one)."""
        rows = self._rows("WHERE kind = 'notice' AND status IN ('open', 'overdue') AND community_key = ?",
                          (_key_text(key),))
        return rows[0] if rows else None

    def active_notices(self) -> list[Entry]:
        return self._rows("WHERE kind = 'notice' AND status IN ('open', 'overdue') ORDER BY year, seq")

    def all(self) -> list[Entry]:
        return self._rows("ORDER BY year, seq")

    def get(self, number: str) -> Entry:
        rows = self._rows("WHERE number = ?", (number.strip(),))
        if not rows:
            raise UsageError("register.no_number", {"number": number}, file=self.path)
        return rows[0]

    def save(self, notice: Notice, file: str) -> None:
        """Insert a new row, or refresh a rerun's findings and file (number and status are kept)."""
        findings = json.dumps([p.to_dict() for p in notice.problems], ensure_ascii=False)
        self.db.execute(
            "INSERT INTO notices (number, year, seq, kind, parent, community_key, district, street, community,"
            " as_of, due, findings, status, file, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, NULL)"
            " ON CONFLICT (number) DO UPDATE SET due = excluded.due, findings = excluded.findings,"
            " file = excluded.file",
            (notice.number, notice.year, notice.seq, notice.kind, notice.parent, _key_text(notice.key),
             notice.district, notice.street, notice.community, notice.as_of.isoformat(), notice.due.isoformat(),
             findings, file))

    def set_status(self, number: str, status: str, note: str | None = None) -> Entry:
        """Record a status (and a note); escalations of a closed notice close with it."""
        if status not in STATUSES:
            raise UsageError("option.choice", {"option": "status", "choices": list(STATUSES), "value": status})
        entry = self.get(number)
        self.db.execute("UPDATE notices SET status = ?, note = COALESCE(?, note) WHERE number = ?",
                        (status, note, entry.number))
        if status in ("rectified", "cancelled"):
            self.db.execute("UPDATE notices SET status = ?, note = COALESCE(?, note) WHERE parent = ? AND kind = "
                            "'escalation' AND status IN ('open', 'overdue')", (status, note, entry.number))
        return self.get(entry.number)
