"""A versioned SQLite file of creatio's (the notice register, the history): recognised, created, backed up,
migrated, and SQLite's failures turned into one-line errors.

Policy (design.md "Additions", Databases): an older schema is migrated inside a transaction after a
backup copy; an empty, newer, foreign or damaged file is refused (exit 2, one line naming the file) and
never written. A 0-byte file is *not* a new database: taking it as one would start an office's records
again from nothing.

How a file is recognised, before SQLite opens it for writing:

- the 100-byte SQLite header: the magic string, ``application_id`` (offset 68) and ``user_version``
  (offset 60), which each :class:`FileKind` sets. A kind may accept an unversioned legacy schema 0 with
  no application id (the register of creatio 0.1) — then such a file is ours only if its tables are;
- then, through a read-only connection: ``PRAGMA quick_check``, the tables' columns, and (for a kind
  that keeps one) the ``meta`` table, which must name the application and the header's schema version.

New files are built under a temporary name and linked into place (never over an existing file), so a run
killed while creating one leaves no empty or half-made database behind. Files stay in SQLite's rollback
journal mode (``DELETE``): one self-contained file to copy to another machine, a ``-journal`` beside it
only while a write is under way (a killed writer's journal is rolled back by the next opener).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from creatio_cli.errors import CreatioError, UsageError
from creatio_cli.messages import os_reason

MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Codes:
    """The catalogue codes a kind of file speaks with (each message names its kind: 通知书登记簿, 历史库)."""

    unreadable: str
    not_regular: str
    empty: str
    not_database: str
    foreign: str
    newer: str
    damaged: str
    tables_missing: str
    cannot_create: str
    backup_failed: str
    locked: str
    read_only: str
    disk_full: str
    cannot_open: str
    unusable: str


@dataclass(frozen=True)
class FileKind:
    """What one kind of creatio database is: its application id, schema versions and messages.

    ``schemas``: for each known version, the tables (and their columns) a file of that version must have.
    ``legacy_zero``: a file with no application id and ``user_version`` 0 may be schema 0 of this kind.
    ``meta_application``: the ``meta`` table's ``application`` value (kinds that keep a meta table).
    ``wait``: seconds to wait for another writer (read at call time, so tests can shorten it).
    """

    application_id: int
    version: int
    schemas: Mapping[int, Mapping[str, frozenset[str]]]
    codes: Codes
    wait: Callable[[], float]
    legacy_zero: bool = False
    meta_application: str | None = None


def db_error(kind: FileKind, path: Path, exc: sqlite3.Error) -> CreatioError | None:
    """The one-line exit-2 error for an SQLite failure of the environment, or None for a bug (exit 3)."""
    codes = kind.codes
    name = getattr(exc, "sqlite_errorname", "") or ""
    detail = f"{name or type(exc).__name__}: {exc}"  # SQLite's own (English) words: shown with --debug
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return UsageError(codes.locked, {"seconds": float(kind.wait()), "detail": detail}, file=path)
    if name.startswith("SQLITE_READONLY"):
        return UsageError(codes.read_only, {"detail": detail}, file=path)
    if name == "SQLITE_FULL":
        return UsageError(codes.disk_full, {"detail": detail}, file=path)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return UsageError(codes.damaged, {"detail": detail}, file=path)
    if name.startswith("SQLITE_CANTOPEN"):
        return UsageError(codes.cannot_open, {"detail": detail}, file=path)
    if name.startswith(("SQLITE_IOERR", "SQLITE_PERM", "SQLITE_AUTH", "SQLITE_NOLFS", "SQLITE_NOMEM")):
        return UsageError(codes.unusable, {"error": name, "detail": detail}, file=path)
    return None


@contextlib.contextmanager
def translating(kind: FileKind, path: Path) -> Iterator[None]:
    """Turn SQLite's environment failures (locked, read-only, full, damaged) into exit 2, one line."""
    try:
        yield
    except sqlite3.Error as exc:
        error = db_error(kind, path, exc)
        if error is None:
            raise
        raise error from None


def connect(path: Path, *, read_only: bool = False, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits ``timeout`` s for writers."""
    if read_only:
        target = Path(path).resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(target, uri=True, timeout=timeout, isolation_level=None)
    return sqlite3.connect(path, timeout=timeout, isolation_level=None)


def inspect(kind: FileKind, path: Path) -> int | None:
    """The schema version of the file at ``path`` (None when there is no file); refuses what is not ours."""
    path = Path(path)
    codes = kind.codes
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(codes.unreadable, {"reason": os_reason(exc)}, file=path) from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(codes.not_regular, file=path)
    if info.st_size == 0:
        raise UsageError(codes.empty, file=path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise UsageError(codes.unreadable, {"reason": os_reason(exc)}, file=path) from None
    if len(head) < 100 or not head.startswith(MAGIC):
        raise UsageError(codes.not_database, file=path)
    app_id, version = int.from_bytes(head[68:72], "big"), int.from_bytes(head[60:64], "big")
    foreign = UsageError(codes.foreign, file=path)
    legacy = kind.legacy_zero and app_id == 0 and version == 0 and head[18] != 2  # schema 0 had no WAL
    if app_id != kind.application_id and not legacy:
        raise foreign
    if version > kind.version:
        raise UsageError(codes.newer, {"version": version, "known": kind.version}, file=path)
    with translating(kind, path):
        tables, meta = _tables(kind, path)
    needed = kind.schemas.get(version, kind.schemas[kind.version])
    if any(name not in tables or not columns <= tables[name] for name, columns in needed.items()):
        raise foreign if legacy else UsageError(codes.tables_missing, file=path)
    if kind.meta_application is not None and (meta.get("application") != kind.meta_application
                                              or meta.get("schema_version") != str(version)):
        raise UsageError(codes.damaged, {"detail": f"meta: {sorted(meta.items())}"}, file=path)
    return version


def _tables(kind: FileKind, path: Path) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Columns of each table we know and the ``meta`` rows, read without writing (read-only, unless a
    crashed commit must be rolled back first)."""
    hot_journal = Path(f"{path}-journal").exists()
    db = connect(path, read_only=not hot_journal, timeout=kind.wait())
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise UsageError(kind.codes.damaged, {"detail": f"PRAGMA quick_check: {problems[0]}"}, file=path)
        known = {name for schema in kind.schemas.values() for name in schema}
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        tables = {name: {col[1] for col in db.execute(f'PRAGMA table_info("{name}")')} for name in names
                  if name in known}
        meta: dict[str, str] = {}
        if kind.meta_application is not None and "meta" in names:
            meta = {str(k): str(v) for k, v in db.execute("SELECT key, value FROM meta")}
        return tables, meta
    finally:
        db.close()


def create(kind: FileKind, path: Path, statements: Sequence[str], meta: Mapping[str, str] | None = None) -> None:
    """A new, empty file of the current schema (``statements``), linked into place only when complete."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise UsageError(kind.codes.cannot_create, {"reason": os_reason(exc)}, file=path) from None
    tmp = Path(name)
    try:
        with contextlib.suppress(OSError):  # mkstemp makes it private (0600): give it a new file's usual mode
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        with translating(kind, path):
            db = connect(tmp, timeout=kind.wait())
            try:
                db.execute("BEGIN IMMEDIATE")
                for statement in statements:
                    db.execute(statement)
                if meta is not None:
                    db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
                db.execute(f"PRAGMA application_id = {kind.application_id}")
                db.execute(f"PRAGMA user_version = {kind.version}")
                db.execute("COMMIT")
            finally:
                db.close()
        _publish(kind, tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _publish(kind: FileKind, tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path`` unless a file appeared there meanwhile (that one wins)."""
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
            raise UsageError(kind.codes.cannot_create, {"reason": os_reason(exc)}, file=path) from None


def backup_name(path: Path, version: int) -> Path:
    """``name.schema0-backup.sqlite`` beside the file (``-2``, ``-3`` … never replaces a backup)."""
    stem, suffix = path.stem, path.suffix or ".sqlite"
    candidate = path.with_name(f"{stem}.schema{version}-backup{suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.schema{version}-backup-{n}{suffix}")
        n += 1
    return candidate


def backup(kind: FileKind, path: Path, version: int) -> Path:
    """A copy of the file as it is now, taken under a read lock so no commit lands halfway through."""
    target = backup_name(path, version)
    tmp = target.with_name(f".{target.name}.tmp")
    db = connect(path, timeout=kind.wait())
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
        raise UsageError(kind.codes.backup_failed, {"backup": target.name, "reason": os_reason(exc)},
                         file=path) from None
    finally:
        db.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
    return target


def upgrade(kind: FileKind, path: Path, db: sqlite3.Connection, version: int,
            migrate: Callable[[sqlite3.Connection, int], None],
            announce: Callable[[Path], None] | None = None) -> Path | None:
    """Migrate an older file: backup copy first, then ``migrate(db, version)`` and the new version stamps
    in one transaction; returns the backup's path (None when there was nothing to do)."""
    if version >= kind.version:
        return None
    copy = backup(kind, path, version)
    db.execute("BEGIN IMMEDIATE")
    try:
        current = db.execute("PRAGMA user_version").fetchone()[0]
        if current < kind.version:  # another run may have migrated it since we looked
            migrate(db, current)
            db.execute(f"PRAGMA application_id = {kind.application_id}")
            db.execute(f"PRAGMA user_version = {kind.version}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    if announce is not None:
        announce(copy)
    return copy


def open_database(kind: FileKind, path: Path, *, build: Callable[[], None] | None, write: bool,
                  migrate: Callable[[sqlite3.Connection, int], None],
                  connector: Callable[[Path], sqlite3.Connection] | None = None,
                  announce: Callable[[Path, int], None] | None = None,
                  not_found: str | None = None) -> tuple[sqlite3.Connection, int]:
    """Open the file at ``path``: refused when it is not ours (:func:`inspect`); created by ``build`` when
    missing (or ``not_found``, a catalogue code, raised when ``build`` is None); an older schema migrated
    first when ``write`` (``announce(backup, old_version)`` is told). Returns the connection and the schema
    version it now has (an older one when only reading)."""
    version = inspect(kind, path)
    if version is None:
        if build is None:
            raise UsageError(not_found or kind.codes.cannot_open, file=path)
        build()
        version = inspect(kind, path)  # ours, or a concurrent run's that was linked first
        if version is None:  # removed again at once by another process
            raise UsageError(not_found or kind.codes.cannot_open, file=path)
    old = version
    with translating(kind, path):
        db = (connector or (lambda p: connect(p, timeout=kind.wait())))(path)
        try:
            if write and version < kind.version:
                upgrade(kind, path, db, version, migrate,
                        None if announce is None else (lambda copy: announce(copy, old)))
                version = kind.version
        except BaseException:
            db.close()
            raise
    return db, version


@contextlib.contextmanager
def transaction(kind: FileKind, path: Path, db: sqlite3.Connection, version: int,
                on_wait: Callable[[], None] | None = None) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on any error or interruption); waits up to
    ``kind.wait()`` s for another writer, calling ``on_wait`` once when it has to."""
    with translating(kind, path):
        db.execute("PRAGMA busy_timeout = 0")
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
                raise
            if on_wait is not None:
                on_wait()
            db.execute(f"PRAGMA busy_timeout = {int(kind.wait() * 1000)}")
            db.execute("BEGIN IMMEDIATE")
        db.execute(f"PRAGMA busy_timeout = {int(kind.wait() * 1000)}")  # COMMIT waits for readers
        try:
            # A no-op write now, so a read-only file fails here rather than after the work.
            db.execute(f"PRAGMA user_version = {version}")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


@contextlib.contextmanager
def reading(kind: FileKind, path: Path, db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One consistent snapshot for a reader."""
    with translating(kind, path):
        db.execute("BEGIN")
        try:
            yield db
        finally:
            if db.in_transaction:
                db.execute("COMMIT")
