"""The notice register's schema: its tables, versions and migration; the file policy is ``dbfile.py``'s.

Policy (design.md "Additions", Databases): an older schema is migrated inside a transaction after a
backup copy; an empty, newer, foreign or damaged file is refused (exit 2, one line) and never written.
A 0-byte file is *not* a new register: taking it as one restarted numbering at 1 and overwrote the
notices of the register it once was.

Registers since schema 1 carry ``APPLICATION_ID`` in the SQLite header; schema 0 (creatio 0.1,
unversioned) has neither an application id nor a user_version, so a file with no application id is ours
only if its tables are (``dbfile.FileKind.legacy_zero``). How files are recognised, created under a
temporary name, backed up and migrated is shared with the history file: ``creatio_cli/dbfile.py``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from creatio_cli import dbfile
from creatio_cli.errors import CreatioError

MAGIC = dbfile.MAGIC
APPLICATION_ID = 0x43524541  # "CREA"
SCHEMA_VERSION = 1

_V0 = [  # creatio 0.1: PRAGMA user_version 0, no application id
    """CREATE TABLE notices (
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
)""",
    "CREATE INDEX notices_by_community ON notices (kind, community_key, as_of)",
]
_V1 = [  # the history of status changes, and the files of a run committed but not yet renamed into place
    """CREATE TABLE marks (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    old_status TEXT,
    new_status TEXT NOT NULL,
    note TEXT,
    how TEXT NOT NULL CHECK (how IN ('mark', 'force', 'follow-up', 'migration'))
)""",
    "CREATE INDEX marks_by_number ON marks (number, id)",
    """CREATE TABLE pending (
    folder TEXT NOT NULL,
    temp TEXT NOT NULL,
    final TEXT NOT NULL,
    number TEXT NOT NULL,
    run TEXT NOT NULL,
    PRIMARY KEY (folder, temp)
)""",
]
TABLES = {
    "notices": {"number", "year", "seq", "kind", "parent", "community_key", "district", "street", "community",
                "as_of", "due", "findings", "status", "file", "note"},
    "marks": {"id", "number", "at", "by", "old_status", "new_status", "note", "how"},
    "pending": {"folder", "temp", "final", "number", "run"},
}


def _wait() -> float:
    from creatio_cli.notices import lock

    return lock.WAIT_SECONDS


KIND = dbfile.FileKind(
    application_id=APPLICATION_ID,
    version=SCHEMA_VERSION,
    schemas={0: {"notices": frozenset(TABLES["notices"])},
             1: {name: frozenset(columns) for name, columns in TABLES.items()}},
    codes=dbfile.Codes(
        unreadable="register.unreadable", not_regular="register.not_regular", empty="register.empty",
        not_database="register.not_register", foreign="register.foreign", newer="register.newer",
        damaged="register.damaged", tables_missing="register.tables_missing",
        cannot_create="register.cannot_create", backup_failed="register.backup_failed", locked="register.locked",
        read_only="register.read_only", disk_full="register.disk_full", cannot_open="register.cannot_open",
        unusable="register.unusable"),
    wait=_wait,
    legacy_zero=True,  # creatio 0.1 wrote no application id and no user_version
)


def db_error(path: Path, exc: sqlite3.Error) -> CreatioError | None:
    """The one-line exit-2 error for an SQLite failure of the environment, or None for a bug (exit 3)."""
    return dbfile.db_error(KIND, path, exc)


def translating(path: Path) -> contextlib.AbstractContextManager[None]:
    """Turn SQLite's environment failures (locked, read-only, full, damaged) into exit 2, one line."""
    return dbfile.translating(KIND, path)


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits for other writers."""
    return dbfile.connect(path, read_only=read_only, timeout=_wait())


def inspect(path: Path) -> int | None:
    """The schema version of the register at ``path`` (None when there is no file); refuses what is not ours."""
    return dbfile.inspect(KIND, path)


def create(path: Path) -> None:
    """A new, empty register of the current schema, linked into place only when complete."""
    dbfile.create(KIND, path, (*_V0, *_V1))


def backup_name(path: Path, version: int) -> Path:
    """``register.schema0-backup.sqlite`` beside the register (``-2``, ``-3`` … never replaces a backup)."""
    return dbfile.backup_name(path, version)


def backup(path: Path, version: int) -> Path:
    """A copy of the register as it is now, taken under a read lock so no commit lands halfway through."""
    return dbfile.backup(KIND, path, version)


def migrate(db: sqlite3.Connection, version: int, stamp: str) -> None:
    """Bring a register from ``version`` to the current schema; the caller holds ``BEGIN IMMEDIATE`` and
    stamps the new version afterwards."""
    if version < 1:
        for statement in _V1:
            db.execute(statement)
        # The history starts with what the register said at migration time (no earlier history was kept).
        db.execute("INSERT INTO marks (number, at, by, old_status, new_status, note, how) SELECT number, ?,"
                   " 'creatio', NULL, status, note, 'migration' FROM notices WHERE status != 'open'"
                   " ORDER BY year, seq", (stamp,))


def upgrade(path: Path, db: sqlite3.Connection, version: int, stamp: str,
            announce: Callable[[Path], None] | None = None) -> Path | None:
    """Migrate an older register: backup copy first, then one transaction; returns the backup's path."""
    return dbfile.upgrade(KIND, path, db, version, lambda conn, current: migrate(conn, current, stamp), announce)
