"""The history file's schema: its tables, versions and migrations (the file policy is ``dbfile.py``'s).

One SQLite file (default ``creatio-history.sqlite``) that an office copies between machines: rows are
keyed by what the runs say (standard id, as-of date, scope; community names), never by an absolute path
or a machine; paths are stored as they were given; timestamps are UTC (``2022-07-01T08:00:00Z``); the file
stays in rollback-journal mode (no ``-wal`` file to carry along).

The SQLite header carries ``APPLICATION_ID`` ("CRHI") and ``PRAGMA user_version``; the ``meta`` table says
the same in words (``application = creatio-history``, ``schema_version``), so a person opening the file
with any SQLite tool sees what it is, and a file whose meta disagrees with its header is refused as
damaged. Versions:

- 1: ``meta``, ``runs``, ``communities``, ``statuses`` (every community × indicator verdict), ``files``;
- 2: ``communities.partner`` (the ledger's 帮扶单位, blank when it has none) and ``indicators`` (each run's
  indicator titles in both languages and points, so trends read without the standard's YAML); the index
  ``statuses_by_indicator`` is gone (it was as large as the table and no query needed it). A schema-1
  file is migrated by the first ``--record`` that opens it (after a backup copy): its runs keep a blank
  partner and take the indicator id as title.
"""

from __future__ import annotations

import sqlite3

from creatio_cli import dbfile

APPLICATION_ID = 0x43524849  # "CRHI"
APPLICATION = "creatio-history"
SCHEMA_VERSION = 2
#: Seconds a writer waits for another one (``score --record`` runs queue on the file's write lock).
WAIT_SECONDS = 60.0

_V1 = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    standard TEXT NOT NULL,
    as_of TEXT NOT NULL,
    scope TEXT NOT NULL,
    standard_version TEXT NOT NULL,
    standard_title_zh TEXT NOT NULL,
    standard_title_en TEXT NOT NULL,
    expected_progress REAL NOT NULL,
    campaign_start TEXT NOT NULL,
    campaign_deadline TEXT NOT NULL,
    convention TEXT NOT NULL,
    source TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    creatio_version TEXT NOT NULL,
    UNIQUE (standard, as_of, scope)
)""",
    """CREATE TABLE communities (
    run INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    district TEXT NOT NULL,
    street TEXT NOT NULL,
    community TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    completion REAL NOT NULL,
    expected_progress REAL NOT NULL,
    behind_schedule INTEGER NOT NULL CHECK (behind_schedule IN (0, 1)),
    compliant INTEGER NOT NULL CHECK (compliant IN (0, 1)),
    indicators_met INTEGER NOT NULL,
    indicators_assessed INTEGER NOT NULL,
    indicators_total INTEGER NOT NULL,
    grade_zh TEXT NOT NULL,
    grade_en TEXT NOT NULL,
    PRIMARY KEY (run, seq),
    UNIQUE (run, district, street, community)
)""",
    """CREATE TABLE statuses (
    run INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('met', 'shortfall', 'missing', 'invalid', 'not_applicable', 'waived',
                                           'unassessed')),
    PRIMARY KEY (run, seq, indicator)
) WITHOUT ROWID""",
    "CREATE INDEX statuses_by_indicator ON statuses (run, indicator, status)",
    """CREATE TABLE files (
    run INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    path TEXT NOT NULL,
    status TEXT NOT NULL,
    reason_code TEXT,
    reason_params TEXT,
    reason_zh TEXT,
    reason_en TEXT,
    communities INTEGER NOT NULL,
    PRIMARY KEY (run, seq)
)""",
]

_V2 = [
    # The index doubled the file (as large as the statuses themselves) for no query: every read selects
    # runs first, and the primary key (run, seq, indicator) serves that.
    "DROP INDEX IF EXISTS statuses_by_indicator",
    "ALTER TABLE communities ADD COLUMN partner TEXT NOT NULL DEFAULT ''",
    """CREATE TABLE indicators (
    run INTEGER NOT NULL,
    position INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    points REAL,
    PRIMARY KEY (run, indicator)
)""",
]

_V1_TABLES = {
    "meta": frozenset({"key", "value"}),
    "runs": frozenset({"id", "standard", "as_of", "scope", "standard_version", "standard_title_zh",
                       "standard_title_en", "expected_progress", "campaign_start", "campaign_deadline", "convention",
                       "source", "recorded_at", "creatio_version"}),
    "communities": frozenset({"run", "seq", "district", "street", "community", "score", "max_score", "completion",
                              "expected_progress", "behind_schedule", "compliant", "indicators_met",
                              "indicators_assessed", "indicators_total", "grade_zh", "grade_en"}),
    "statuses": frozenset({"run", "seq", "indicator", "status"}),
    "files": frozenset({"run", "seq", "path", "status", "reason_code", "reason_params", "reason_zh", "reason_en",
                        "communities"}),
}


_V2_TABLES = {
    **_V1_TABLES,
    "communities": _V1_TABLES["communities"] | {"partner"},
    "indicators": frozenset({"run", "position", "indicator", "title_zh", "title_en", "points"}),
}


def _wait() -> float:
    return WAIT_SECONDS


KIND = dbfile.FileKind(
    application_id=APPLICATION_ID,
    version=SCHEMA_VERSION,
    schemas={1: _V1_TABLES, 2: _V2_TABLES},
    codes=dbfile.Codes(
        unreadable="history.unreadable", not_regular="history.not_regular", empty="history.empty",
        not_database="history.not_database", foreign="history.foreign", newer="history.newer",
        damaged="history.damaged", tables_missing="history.tables_missing", cannot_create="history.cannot_create",
        backup_failed="history.backup_failed", locked="history.locked", read_only="history.read_only",
        disk_full="history.disk_full", cannot_open="history.cannot_open", unusable="history.unusable"),
    wait=_wait,
    meta_application=APPLICATION,
)


def statements() -> list[str]:
    """The statements that build an empty file of the current schema."""
    return [*_V1, *_V2]


def migrate(db: sqlite3.Connection, version: int) -> None:
    """Bring a file from ``version`` to the current schema (the caller holds ``BEGIN IMMEDIATE``)."""
    if version < 2:
        for statement in _V2:
            db.execute(statement)
        # Schema 1 kept no titles: each run's indicators (from its statuses) under their ids, in id order.
        position: dict[int, int] = {}
        rows = []
        for run, indicator in db.execute("SELECT DISTINCT run, indicator FROM statuses ORDER BY run, indicator"):
            position[run] = position.get(run, 0) + 1
            rows.append((run, position[run], indicator, indicator, indicator))
        db.executemany("INSERT INTO indicators (run, position, indicator, title_zh, title_en, points)"
                       " VALUES (?, ?, ?, ?, ?, NULL)", rows)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
