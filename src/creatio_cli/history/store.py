"""An open history file: refused, created or migrated as ``dbfile`` decides; one writer at a time.

Writers (``score --record``) create a missing file and migrate an older schema first (backup copy, then
one transaction); readers (``creatio history``) never write — an older file is read as it is — and a
missing file is an error for them.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from creatio_cli import __version__, dbfile
from creatio_cli.history import schema
from creatio_cli.messages import Message, msg

DEFAULT_NAME = "creatio-history.sqlite"


def utc_stamp(now: datetime | None = None) -> str:
    """UTC to the second, ``2022-07-01T08:00:00Z``: the same on every machine the file is copied to."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the history file (a seam for tests that make SQLite fail). Readers open it read-only,
    so a file on a read-only share or copied without write permission can still be read."""
    return dbfile.connect(path, read_only=read_only, timeout=schema.WAIT_SECONDS)


class HistoryFile:
    """The history file at ``path``, open for writing (``write=True``: created if missing, migrated if
    older) or for reading only. Use as a context manager; change it inside :meth:`transaction`."""

    def __init__(self, path: Path, *, write: bool, announce: Callable[[Message], None] | None = None) -> None:
        self.path = Path(path)
        self.announce = announce
        self.db, self.version = dbfile.open_database(
            schema.KIND, self.path, build=self._build if write else None, write=write, migrate=schema.migrate,
            connector=lambda p: connect(p, read_only=not write), announce=self._migrated, not_found="history.not_found")
        if write:
            self._rollback_journal()

    def _rollback_journal(self) -> None:
        """Keep the file in rollback-journal mode: a file some SQLite tool switched to WAL would otherwise grow
        ``-wal`` and ``-shm`` files beside it, which a copy to another machine leaves behind."""
        with dbfile.translating(schema.KIND, self.path):
            if self.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                self.db.execute("PRAGMA journal_mode = DELETE")

    def _build(self) -> None:
        meta = {"application": schema.APPLICATION, "schema_version": str(schema.SCHEMA_VERSION),
                "created_at": utc_stamp(), "created_by": f"creatio {__version__}"}
        dbfile.create(schema.KIND, self.path, schema.statements(), meta)

    def _migrated(self, copy: Path, version: int) -> None:
        if self.announce is not None:
            self.announce(msg("note.history_migrated", path=str(self.path), old=version, new=schema.SCHEMA_VERSION,
                              backup=copy.name))

    def __enter__(self) -> HistoryFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Roll back an unfinished transaction and close the connection."""
        with contextlib.suppress(sqlite3.Error):
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; waits for another writer, saying so once on stderr."""
        def waiting() -> None:
            if self.announce is not None:
                self.announce(msg("note.history_waiting", path=str(self.path)))

        with dbfile.transaction(schema.KIND, self.path, self.db, self.version, on_wait=waiting):
            yield self.db

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One consistent snapshot for a reader."""
        with dbfile.reading(schema.KIND, self.path, self.db):
            yield self.db


def inspect(path: Path) -> int | None:
    """The schema version of the history file at ``path`` (None: no file yet); refuses what is not one."""
    return dbfile.inspect(schema.KIND, path)


def translating(path: Path) -> contextlib.AbstractContextManager[None]:
    """SQLite's environment failures on the history file as one-line exit-2 errors."""
    return dbfile.translating(schema.KIND, path)
