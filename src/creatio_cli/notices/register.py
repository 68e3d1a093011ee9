"""The notice register (发文登记): one SQLite file remembering every number, deadline and status.

Why SQLite: one file an office can copy, transactional (a crash mid-run leaves no half-allocated
number), and readable by any tool. Numbers count up per year (``seq``) whatever the 代字 is; a rerun
for the same community and as-of date finds its row and keeps its number. Status moves
open → rectified | overdue → rectified, or → cancelled by hand (``notices mark``); a closed notice
(rectified, cancelled) changes again only with ``--force``. Every change is kept in ``marks``
(who, when, from, to, note, how), so the register is the history as well as the state.

Writers take ``BEGIN IMMEDIATE`` (the register's write lock, waiting up to ``lock.WAIT_SECONDS`` for
another writer) before they read anything they will decide on, so two runs never both see "next number
5". What a file must be before it is opened, and migrations, are in ``schema.py``.
"""

from __future__ import annotations

import contextlib
import getpass
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from creatio_cli import dbfile
from creatio_cli.errors import UsageError
from creatio_cli.messages import Message, msg
from creatio_cli.notices import schema
from creatio_cli.notices.draft import Notice, parse_number

STATUSES = ("open", "rectified", "overdue", "cancelled")
ACTIVE = ("open", "overdue")
CLOSED = ("rectified", "cancelled")
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


@dataclass(frozen=True)
class Mark:
    """One status change: who, when, from what to what, why, and how (mark, force, follow-up, migration)."""

    number: str
    at: str
    by: str
    old_status: str | None
    new_status: str
    note: str | None
    how: str

    def to_dict(self) -> dict[str, Any]:
        """The change as ``notices status --format json`` lists it under a notice's ``history``."""
        return {"at": self.at, "by": self.by, "from": self.old_status, "to": self.new_status, "note": self.note,
                "how": self.how}


def who() -> str:
    """The login name, recorded with each change (``mark --by`` names someone else)."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):
        return "unknown"


def stamp() -> str:
    """Local time with its UTC offset, to the second: 2022-07-22T09:30:00+08:00."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Register:
    """An open register. ``write=True`` (draft, mark) migrates an older schema first; ``status`` only reads.

    Use as a context manager (closes the connection); change it inside ``transaction()``.
    """

    def __init__(self, path: Path, *, create: bool = True, write: bool = True,
                 announce: Callable[[Message], None] | None = None) -> None:
        self.path = Path(path)
        self.announce = announce
        self.db, self.version = dbfile.open_database(
            schema.KIND, self.path, build=(lambda: schema.create(self.path)) if create else None, write=write,
            migrate=lambda db, version: schema.migrate(db, version, stamp()),
            connector=lambda p: schema.connect(p), announce=self._migrated, not_found="register.not_found")

    def _migrated(self, copy: Path, version: int) -> None:
        if self.announce is not None:
            self.announce(msg("note.register_migrated", path=str(self.path), old=version,
                              new=schema.SCHEMA_VERSION, backup=copy.name))

    def __enter__(self) -> Register:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close()

    def close(self) -> None:
        """Roll back an unfinished transaction and close the connection."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Register]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on any error); waits for another writer, saying so once."""
        def waiting() -> None:
            if self.announce is not None:
                self.announce(msg("note.register_waiting", path=str(self.path)))

        with dbfile.transaction(schema.KIND, self.path, self.db, self.version, on_wait=waiting):
            yield self

    @contextlib.contextmanager
    def reading(self) -> Iterator[Register]:
        """One consistent snapshot for a reader (status)."""
        with dbfile.reading(schema.KIND, self.path, self.db):
            yield self

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

    def resolve(self, text: str) -> Entry:
        """The notice a person means by ``text``: the exact 文号, or one written with other brackets or 第."""
        exact = self._rows("WHERE number = ?", (text.strip(),))
        if exact:
            return exact[0]
        parsed = parse_number(text)
        if parsed is None:
            latest = self._rows("ORDER BY year DESC, seq DESC LIMIT 1")
            example = latest[0].number if latest else "创文办〔2022〕5号"  # what a 文号 looks like, from this register
            raise UsageError("register.not_a_number", {"number": text, "example": example}, file=self.path)
        code, year, seq = parsed
        rows = self._rows("WHERE year = ? AND seq = ?", (year, seq))
        if not rows:
            raise UsageError("register.no_number", {"number": text}, file=self.path)
        stored = parse_number(rows[0].number)
        if code and stored is not None and code != stored[0]:
            raise UsageError("register.other_code", {"number": text, "seq": seq, "year": year,
                                                     "stored": rows[0].number}, file=self.path)
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

    def set_status(self, number: str, status: str, note: str | None = None, *, how: str = "mark",
                   by: str | None = None) -> Entry:
        """Record a status (and a note) with its history; escalations of a closed notice close with it."""
        if status not in STATUSES:
            raise UsageError("option.choice", {"option": "status", "choices": list(STATUSES), "value": status})
        entry = self.get(number)
        by, at = by or who(), stamp()
        followers = ["open", "overdue"] + ([entry.status] if entry.status in CLOSED else [])
        changed = [entry]
        if status in CLOSED:
            changed += self._rows(f"WHERE parent = ? AND kind = 'escalation' AND status IN ({', '.join('?' * len(followers))})"
                                  " ORDER BY year, seq", (entry.number, *followers))
        for row in changed:
            self.db.execute("UPDATE notices SET status = ?, note = COALESCE(?, note) WHERE number = ?",
                            (status, note, row.number))
            if self.version >= 1:
                self.db.execute("INSERT INTO marks (number, at, by, old_status, new_status, note, how)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", (row.number, at, by, row.status, status, note, how))
        return self.get(entry.number)

    def mark(self, text: str, status: str, note: str | None = None, *, force: bool = False,
             by: str | None = None) -> Entry:
        """``notices mark``: a closed notice (rectified, cancelled) changes only with ``force``."""
        entry = self.resolve(text)
        if entry.status in CLOSED and not force:
            last = self.history(entry.number)[-1:]
            shown = Message(f"label.notice_{entry.status}")  # 已整改 / rectified
            if last:
                raise UsageError("register.closed_by", {"number": entry.number, "status": shown, "at": last[0].at,
                                                        "by": last[0].by}, file=self.path)
            raise UsageError("register.closed", {"number": entry.number, "status": shown}, file=self.path)
        return self.set_status(entry.number, status, note, how="force" if entry.status in CLOSED else "mark", by=by)

    def history(self, number: str | None = None) -> list[Mark]:
        """Status changes, oldest first (all of them, or one notice's)."""
        if self.version < 1:
            return []
        where, params = ("WHERE number = ?", (number,)) if number is not None else ("", ())
        rows = self.db.execute(f"SELECT number, at, by, old_status, new_status, note, how FROM marks {where}"
                               " ORDER BY id", params).fetchall()
        return [Mark(*r) for r in rows]

    # Files of a run that are committed here but not yet renamed into place (see staging.py).

    def add_pending(self, folder: str, run: str, files: list[tuple[str, str, str]]) -> None:
        """Record a run's (temporary, final, 文号) files, inside the run's transaction."""
        self.db.executemany("INSERT INTO pending (folder, temp, final, number, run) VALUES (?, ?, ?, ?, ?)",
                            [(folder, temp, final, number, run) for temp, final, number in files])

    def pending(self, folder: str | None = None) -> list[tuple[str, str, str, str]]:
        """(folder, temp, final, number) rows, all or one folder's."""
        if self.version < 1:
            return []
        where, params = ("WHERE folder = ?", (folder,)) if folder is not None else ("", ())
        return self.db.execute(f"SELECT folder, temp, final, number FROM pending {where} ORDER BY rowid",
                               params).fetchall()

    def clear_pending(self, folder: str, run: str | None = None) -> None:
        """Forget a folder's pending files (one run's, or all of them once recovered)."""
        if run is None:
            self.db.execute("DELETE FROM pending WHERE folder = ?", (folder,))
        else:
            self.db.execute("DELETE FROM pending WHERE folder = ? AND run = ?", (folder, run))
