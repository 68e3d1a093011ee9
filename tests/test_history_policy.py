"""What a history file may be (design.md, Databases): an empty, foreign, newer or damaged file is exit 2 with one
line naming it, and is never written — not by ``score --record`` (refused before scoring: no report either)
nor by ``creatio history``. Files are built here with raw SQL, never by the code under test.
"""

from __future__ import annotations

import os
import sqlite3

import pytest
from history_helpers import small_folder

from creatio_cli.errors import UsageError
from creatio_cli.history import schema, store
from creatio_cli.messages import render
from creatio_cli.notices import schema as register_schema


def _empty(path):
    path.write_bytes(b"")


def _random(path):
    path.write_bytes(os.urandom(3000))


def _text(path):
    path.write_text("run,as_of\n1,2022-06-24\n", encoding="utf-8")


def _foreign(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO runs (name) VALUES ('张三')")


def _register(path):  # a notice register: creatio's, but not a history file
    with sqlite3.connect(path) as db:
        db.executescript(f"CREATE TABLE notices (number TEXT PRIMARY KEY);"
                         f"PRAGMA application_id = {register_schema.APPLICATION_ID}; PRAGMA user_version = 1;")


def _future(path):
    with sqlite3.connect(path) as db:
        db.executescript(f"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                         f"INSERT INTO meta VALUES ('application', 'creatio-history'), ('schema_version', '99');"
                         f"PRAGMA application_id = {schema.APPLICATION_ID}; PRAGMA user_version = 99;")


def _tables_missing(path):  # our header, but the runs table is gone
    with sqlite3.connect(path) as db:
        db.executescript(f"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                         f"INSERT INTO meta VALUES ('application', 'creatio-history'), ('schema_version', "
                         f"'{schema.SCHEMA_VERSION}');"
                         f"PRAGMA application_id = {schema.APPLICATION_ID}; "
                         f"PRAGMA user_version = {schema.SCHEMA_VERSION};")


@pytest.mark.parametrize("make, code, says", [
    (_empty, "history.empty", "a 0-byte file, not a history file"),
    (_random, "history.not_database", "not an SQLite database"),
    (_text, "history.not_database", "not an SQLite database"),
    (_foreign, "history.foreign", "another program"),
    (_register, "history.foreign", "another program (or of another part of creatio)"),
    (_future, "history.newer", "newer creatio (history schema 99"),
    (_tables_missing, "history.tables_missing", "tables missing"),
])
def test_unusable_history_files_are_refused_and_left_alone(tmp_path, cli, make, code, says):
    history = tmp_path / "h.sqlite"
    make(history)
    before = history.read_bytes()
    with pytest.raises(UsageError) as refused:
        store.inspect(history)
    assert refused.value.code == code
    folder = small_folder(tmp_path / "f")
    for lang in ("zh", "en"):
        exit_code, _out, err = cli("score", folder, "--record", "--history", history, "--output",
                                  tmp_path / "r.json", "--lang", lang)
        assert exit_code == 2, err
        assert err.strip().splitlines() == [render("note.error", lang, message=refused.value.text(lang))]
        assert "h.sqlite" in err and "Traceback" not in err
        if lang == "en":
            assert says in err and "the file was left as it is" in err
        for view in ("run", "partner"):  # reading it: the same one line, nothing written either
            exit_code, out, err = cli("history", "--history", history, "--by", view, "--lang", lang)
            assert (exit_code, out) == (2, ""), err
            assert err.strip().splitlines() == [render("note.error", lang, message=refused.value.text(lang))]
            assert "h.sqlite" in err and "Traceback" not in err
    assert history.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f", "h.sqlite"]  # no report, no backup, no journal


def _real(cli, tmp_path):
    history = tmp_path / "h.sqlite"
    code, _, err = cli("score", small_folder(tmp_path / "f"), "--record", "--history", history, "--format", "json")
    assert code == 1, err
    return history


def test_a_damaged_history_file_is_refused(tmp_path, cli):
    history = _real(cli, tmp_path)
    data = bytearray(history.read_bytes())
    page = sqlite3.connect(history).execute("PRAGMA page_size").fetchone()[0]
    data[page:2 * page] = b"\xff" * page  # page 2: a table's root
    history.write_bytes(bytes(data))
    code, _, err = cli("score", tmp_path / "f", "--record", "--history", history, "--format", "json", "--lang", "en")
    assert code == 2 and "damaged history file; restore a backup copy" in err, err
    assert len(err.strip().splitlines()) == 1 and str(history) in err and "Traceback" not in err
    for lang in ("zh", "en"):
        code, out, err = cli("history", "--history", history, "--lang", lang)
        assert (code, out) == (2, ""), err
        assert len(err.strip().splitlines()) == 1 and str(history) in err and "Traceback" not in err
    assert history.read_bytes() == bytes(data)


def test_meta_that_disagrees_with_the_header_is_damage(tmp_path, cli):
    history = _real(cli, tmp_path)
    with sqlite3.connect(history) as db:
        db.execute("UPDATE meta SET value = 'someone-else' WHERE key = 'application'")
    before = history.read_bytes()
    code, _, err = cli("score", tmp_path / "f", "--record", "--history", history, "--format", "json", "--lang", "en")
    assert code == 2 and "damaged history file" in err, err
    assert history.read_bytes() == before


def test_a_folder_is_not_a_history_file(tmp_path, cli):
    (tmp_path / "h.sqlite").mkdir()
    code, _, err = cli("score", small_folder(tmp_path / "f"), "--record", "--history", tmp_path / "h.sqlite",
                       "--lang", "en")
    assert code == 2 and "not a regular file" in err


def test_a_locked_history_file_is_exit_2_after_waiting_and_the_report_says_so(tmp_path, cli, monkeypatch):
    history = _real(cli, tmp_path)
    monkeypatch.setattr(schema, "WAIT_SECONDS", 0.2)
    holder = sqlite3.connect(history, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program writing the file
        code, _, err = cli("score", tmp_path / "f", "--record", "--history", history, "--output",
                           tmp_path / "r.json", "--lang", "en")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2, err
    assert "waiting for another program writing to the history file" in err
    assert "the report was written, but this run was not recorded in the history file" in err
    assert "locked by another program (waited 0.2 s)" in err
    assert (tmp_path / "r.json").is_file()


def test_a_read_only_history_file_is_exit_2(tmp_path, cli, monkeypatch):
    history = _real(cli, tmp_path)
    connect = store.connect
    monkeypatch.setattr(store, "connect", lambda path, **kw: connect(path, read_only=True))  # a read-only share
    before = history.read_bytes()
    code, _, err = cli("score", tmp_path / "f", "--record", "--history", history, "--format", "json", "--lang", "en")
    assert code == 2 and "read-only" in err and "Traceback" not in err, err
    assert history.read_bytes() == before
