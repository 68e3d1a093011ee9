"""What a register file is before anything touches it: versions, creation, migration, SQLite errors.

Policy (design.md "Additions", Databases): an older schema is migrated inside a transaction after a
backup copy; an empty, newer, foreign or damaged file is refused (exit 2, one line) and never written.
A 0-byte file is *not* a new register: taking it as one restarted numbering at 1 and overwrote the
notices of the register it once was.

How a file is recognised, before SQLite opens it for writing:

- the 100-byte SQLite header: the magic string, ``application_id`` (offset 68) and ``user_version``
  (offset 60). Registers since schema 1 carry ``APPLICATION_ID``; schema 0 (creatio 0.1, unversioned)
  has neither, so a file with no application id is ours only if its tables are;
- then, through a read-only connection: ``PRAGMA quick_check`` and the tables' columns.

New registers are built under a temporary name and linked into place (never over an existing file), so a
run killed while creating one leaves no empty or half-made register behind.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from creatio_cli.errors import CreatioError, UsageError
from creatio_cli.messages import os_reason

MAGIC = b"SQLite format 3\x00"
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
_NEEDS = {0: ("notices",), 1: ("notices", "marks", "pending")}


def _refuse(path: Path, code: str, **params: object) -> UsageError:
    """A register refused (its template says the file was left as it is)."""
    return UsageError(code, params, file=path)


def db_error(path: Path, exc: sqlite3.Error) -> CreatioError | None:
    """The one-line exit-2 error for an SQLite failure of the environment, or None for a bug (exit 3)."""
    from creatio_cli.notices import lock

    name = getattr(exc, "sqlite_errorname", "") or ""
    detail = f"{name or type(exc).__name__}: {exc}"  # SQLite's own (English) words: shown with --debug
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return UsageError("register.locked", {"seconds": float(lock.WAIT_SECONDS), "detail": detail}, file=path)
    if name.startswith("SQLITE_READONLY"):
        return UsageError("register.read_only", {"detail": detail}, file=path)
    if name == "SQLITE_FULL":
        return UsageError("register.disk_full", {"detail": detail}, file=path)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return _refuse(path, "register.damaged", detail=detail)
    if name.startswith("SQLITE_CANTOPEN"):
        return UsageError("register.cannot_open", {"detail": detail}, file=path)
    if name.startswith(("SQLITE_IOERR", "SQLITE_PERM", "SQLITE_AUTH", "SQLITE_NOLFS", "SQLITE_NOMEM")):
        return UsageError("register.unusable", {"error": name, "detail": detail}, file=path)
    return None


@contextlib.contextmanager
def translating(path: Path) -> Iterator[None]:
    """Turn SQLite's environment failures (locked, read-only, full, damaged) into exit 2, one line."""
    try:
        yield
    except sqlite3.Error as exc:
        error = db_error(path, exc)
        if error is None:
            raise
        raise error from None


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits for other writers."""
    from creatio_cli.notices import lock

    if read_only:
        target = Path(path).resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(target, uri=True, timeout=lock.WAIT_SECONDS, isolation_level=None)
    return sqlite3.connect(path, timeout=lock.WAIT_SECONDS, isolation_level=None)


def inspect(path: Path) -> int | None:
    """The schema version of the register at ``path`` (None when there is no file); refuses what is not ours."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError("register.unreadable", {"reason": os_reason(exc)}, file=path) from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError("register.not_regular", file=path)
    if info.st_size == 0:
        raise _refuse(path, "register.empty")
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise UsageError("register.unreadable", {"reason": os_reason(exc)}, file=path) from None
    if len(head) < 100 or not head.startswith(MAGIC):
        raise _refuse(path, "register.not_register")
    app_id, version = int.from_bytes(head[68:72], "big"), int.from_bytes(head[60:64], "big")
    foreign = _refuse(path, "register.foreign")
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and (version != 0 or head[18] == 2)):
        raise foreign  # schema 0 had no application id, no user_version and no WAL
    if version > SCHEMA_VERSION:
        raise _refuse(path, "register.newer", version=version, known=SCHEMA_VERSION)
    with translating(path):
        tables = _tables(path)
    needed = _NEEDS.get(version, _NEEDS[SCHEMA_VERSION])
    if any(name not in tables or not TABLES[name] <= tables[name] for name in needed):
        raise foreign if app_id == 0 else _refuse(path, "register.tables_missing")
    return version


def _tables(path: Path) -> dict[str, set[str]]:
    """Columns of each table, read without writing (read-only, unless a crashed commit must be rolled back)."""
    hot_journal = Path(f"{path}-journal").exists()
    db = connect(path, read_only=not hot_journal)
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise _refuse(path, "register.damaged", detail=f"PRAGMA quick_check: {problems[0]}")
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: {col[1] for col in db.execute(f'PRAGMA table_info("{name}")')} for name in names
                if name in TABLES}
    finally:
        db.close()


def create(path: Path) -> None:
    """A new, empty register of the current schema, linked into place only when complete."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise UsageError("register.cannot_create", {"reason": os_reason(exc)}, file=path) from None
    tmp = Path(name)
    try:
        with translating(path):
            db = connect(tmp)
            try:
                db.execute("BEGIN IMMEDIATE")
                for statement in (*_V0, *_V1):
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            finally:
                db.close()
        _publish(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _publish(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path`` unless a register appeared there meanwhile (that one wins)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        return
    except OSError:  # no hard links here (some network or FAT file systems)
        if path.exists():
            return
        try:
            os.rename(tmp, path)  # on Windows rename never replaces an existing file
        except FileExistsError:
            return
        except OSError as exc:
            raise UsageError("register.cannot_create", {"reason": os_reason(exc)}, file=path) from None


def backup_name(path: Path, version: int) -> Path:
    """``register.schema0-backup.sqlite`` beside the register (``-2``, ``-3`` … never replaces a backup)."""
    stem, suffix = path.stem, path.suffix or ".sqlite"
    candidate = path.with_name(f"{stem}.schema{version}-backup{suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.schema{version}-backup-{n}{suffix}")
        n += 1
    return candidate


def backup(path: Path, version: int) -> Path:
    """A copy of the register as it is now, taken under a read lock so no commit lands halfway through."""
    target = backup_name(path, version)
    tmp = target.with_name(f".{target.name}.tmp")
    db = connect(path)
    try:
        db.execute("BEGIN")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a shared lock: writers wait
        if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            with contextlib.closing(sqlite3.connect(tmp)) as copy:
                db.backup(copy)
        else:
            with open(path, "rb") as src, open(tmp, "wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
        db.execute("COMMIT")
        os.replace(tmp, target)
    except OSError as exc:
        raise UsageError("register.backup_failed", {"backup": target.name, "reason": os_reason(exc)},
                         file=path) from None
    finally:
        db.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
    return target


def migrate(db: sqlite3.Connection, version: int, stamp: str) -> None:
    """Bring a register from ``version`` to the current schema; the caller holds ``BEGIN IMMEDIATE``."""
    if version < 1:
        for statement in _V1:
            db.execute(statement)
        # The history starts with what the register said at migration time (no earlier history was kept).
        db.execute("INSERT INTO marks (number, at, by, old_status, new_status, note, how) SELECT number, ?,"
                   " 'creatio', NULL, status, note, 'migration' FROM notices WHERE status != 'open'"
                   " ORDER BY year, seq", (stamp,))
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def upgrade(path: Path, db: sqlite3.Connection, version: int, stamp: str,
            announce: Callable[[Path], None] | None = None) -> Path | None:
    """Migrate an older register: backup copy first, then one transaction; returns the backup's path."""
    if version >= SCHEMA_VERSION:
        return None
    copy = backup(path, version)
    db.execute("BEGIN IMMEDIATE")
    try:
        current = db.execute("PRAGMA user_version").fetchone()[0]
        if current < SCHEMA_VERSION:  # another run may have migrated it since we looked
            migrate(db, current, stamp)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    if announce is not None:
        announce(copy)
    return copy
