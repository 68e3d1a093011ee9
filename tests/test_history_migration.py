"""An older history file is migrated by the first ``--record`` that opens it: a backup copy first, then one
transaction; readers never migrate. The schema-1 file is written here by hand, with raw SQL — never by the code
under test — as creatio wrote it before partner units and indicator titles were kept."""

from __future__ import annotations

import json
import sqlite3

from history_helpers import small_folder

from creatio_cli.history import schema

# Schema 1, written out by hand.
V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (id INTEGER PRIMARY KEY, standard TEXT NOT NULL, as_of TEXT NOT NULL, scope TEXT NOT NULL,
    standard_version TEXT NOT NULL, standard_title_zh TEXT NOT NULL, standard_title_en TEXT NOT NULL,
    expected_progress REAL NOT NULL, campaign_start TEXT NOT NULL, campaign_deadline TEXT NOT NULL,
    convention TEXT NOT NULL, source TEXT NOT NULL, recorded_at TEXT NOT NULL, creatio_version TEXT NOT NULL,
    UNIQUE (standard, as_of, scope));
CREATE TABLE communities (run INTEGER NOT NULL, seq INTEGER NOT NULL, district TEXT NOT NULL, street TEXT NOT NULL,
    community TEXT NOT NULL, score REAL NOT NULL, max_score REAL NOT NULL, completion REAL NOT NULL,
    expected_progress REAL NOT NULL, behind_schedule INTEGER NOT NULL, compliant INTEGER NOT NULL,
    indicators_met INTEGER NOT NULL, indicators_assessed INTEGER NOT NULL, indicators_total INTEGER NOT NULL,
    grade_zh TEXT NOT NULL, grade_en TEXT NOT NULL, PRIMARY KEY (run, seq), UNIQUE (run, district, street, community));
CREATE TABLE statuses (run INTEGER NOT NULL, seq INTEGER NOT NULL, indicator TEXT NOT NULL, status TEXT NOT NULL,
    PRIMARY KEY (run, seq, indicator)) WITHOUT ROWID;
CREATE INDEX statuses_by_indicator ON statuses (run, indicator, status);
CREATE TABLE files (run INTEGER NOT NULL, seq INTEGER NOT NULL, path TEXT NOT NULL, status TEXT NOT NULL,
    reason_code TEXT, reason_params TEXT, reason_zh TEXT, reason_en TEXT, communities INTEGER NOT NULL,
    PRIMARY KEY (run, seq));
INSERT INTO meta VALUES ('application', 'creatio-history'), ('schema_version', '1'),
    ('created_at', '2022-06-17T01:00:00Z'), ('created_by', 'creatio 0.1.0');
INSERT INTO runs VALUES (1, 'liugeyi-sidabiao', '2022-06-17', 'all', '2022.1', '六个一', 'Six ones', 0.4575342,
    '2022-01-01', '2022-12-31', 'day', 'week0', '2022-06-17T01:00:00Z', '0.1.0');
INSERT INTO communities VALUES
    (1, 0, '宿城区', '古城街道', '南关社区', 94.0, 100.0, 0.94, 0.4575342, 0, 0, 12, 13, 13, '良好', 'Good'),
    (1, 1, '宿城区', '古城街道', '北关社区', 100.0, 100.0, 1.0, 0.4575342, 0, 1, 13, 13, 13, '优秀', 'Excellent');
INSERT INTO statuses VALUES (1, 0, 'six.moral_lecture_hall', 'shortfall'), (1, 0, 'area.per_100_households', 'met'),
    (1, 1, 'six.moral_lecture_hall', 'met'), (1, 1, 'area.per_100_households', 'met');
INSERT INTO files VALUES (1, 0, 'week0/古城街道.xlsx', 'ok', NULL, NULL, NULL, NULL, 2);
"""


def v1_file(path):
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA + f"PRAGMA application_id = {schema.APPLICATION_ID}; PRAGMA user_version = 1;")
    return path


def test_a_schema_1_file_is_migrated_by_record_with_a_backup_beside_it(tmp_path, cli):
    history = v1_file(tmp_path / "h.sqlite")
    original = history.read_bytes()
    code, _, err = cli("score", small_folder(tmp_path / "f"), "--record", "--history", history, "--format", "json",
                       "--lang", "en")
    assert code == 1, err
    assert "history schema 1 → 2; backup copy h.schema1-backup.sqlite" in err
    assert "recorded in" in err
    assert (tmp_path / "h.schema1-backup.sqlite").read_bytes() == original  # the copy is the file as it was
    db = sqlite3.connect(history)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert dict(db.execute("SELECT key, value FROM meta"))["schema_version"] == "2"
    assert db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'statuses_by_indicator'"
                      ).fetchall() == []
    # The old run: every row kept, partner blank, indicators under their ids (schema 1 kept no titles).
    assert db.execute("SELECT seq, community, partner, score FROM communities WHERE run = 1 ORDER BY seq").fetchall() \
        == [(0, "南关社区", "", 94.0), (1, "北关社区", "", 100.0)]
    assert db.execute("SELECT count(*) FROM statuses WHERE run = 1").fetchone()[0] == 4
    assert db.execute("SELECT position, indicator, title_zh, title_en, points FROM indicators WHERE run = 1"
                      " ORDER BY position").fetchall() == [
        (1, "area.per_100_households", "area.per_100_households", "area.per_100_households", None),
        (2, "six.moral_lecture_hall", "six.moral_lecture_hall", "six.moral_lecture_hall", None)]
    # The new run: partners from the ledger's 帮扶单位 column, titles and points from the standard.
    assert db.execute("SELECT DISTINCT partner FROM communities WHERE run = 2").fetchall() == [("市民政局",)]
    title, points = db.execute("SELECT title_zh, points FROM indicators WHERE run = 2 AND indicator ="
                               " 'six.moral_lecture_hall'").fetchone()
    assert "道德讲堂" in title and points == 6.0
    db.close()
    # A second record migrates nothing and makes no second backup.
    code, _, err = cli("score", tmp_path / "f", "--record", "--history", history, "--format", "json", "--lang", "en")
    assert code == 1 and "history schema" not in err and "backup" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f", "h.schema1-backup.sqlite", "h.sqlite"]


def test_a_failed_migration_leaves_the_old_file_and_its_backup(tmp_path, cli, monkeypatch):
    history = v1_file(tmp_path / "h.sqlite")
    original = history.read_bytes()

    def broken(db, version):
        db.execute("ALTER TABLE communities ADD COLUMN partner TEXT NOT NULL DEFAULT ''")
        raise sqlite3.OperationalError("simulated failure halfway through the migration")

    monkeypatch.setattr(schema, "migrate", broken)
    code, _, err = cli("score", small_folder(tmp_path / "f"), "--record", "--history", history, "--format", "json")
    assert code == 3 and "simulated failure" in err  # an unexpected failure is a bug, not the user's
    assert history.read_bytes() == original  # rolled back: not even the first statement remains
    assert (tmp_path / "h.schema1-backup.sqlite").read_bytes() == original


def test_reading_an_old_file_borrows_the_shipped_standards_titles_and_writes_nothing(tmp_path, cli):
    """Schema 1 kept no indicator titles: the shipped standard of the same id lends them (a note says so), and
    reading never migrates the file."""
    history = v1_file(tmp_path / "h.sqlite")
    original = history.read_bytes()
    code, out, err = cli("history", "--history", history, "--by", "indicator", "--format", "json", "--lang", "en")
    assert code == 0, err
    titles = {i["indicator"]: i["title"] for i in json.loads(out)["indicators"]}
    assert set(titles) == {"six.moral_lecture_hall", "area.per_100_households"}
    assert "moral lecture hall" in titles["six.moral_lecture_hall"].lower()
    assert "per 100 households" in titles["area.per_100_households"]
    assert "titles are taken from the shipped standard liugeyi-sidabiao" in err
    assert history.read_bytes() == original
    code, _out, err = cli("history", "--history", history, "--format", "json", "--lang", "en")  # the run list
    assert code == 0 and "shipped standard" not in err  # no titles shown, nothing to say
