"""What a register file may be: refused (empty, newer, foreign, damaged, not SQLite) or migrated with a backup.

Refused files give exit 2 with one line naming the file, and are never written (same bytes afterwards);
no notice file is written either.
"""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from creatio_cli.errors import UsageError
from creatio_cli.messages import render
from creatio_cli.notices import schema
from tests.notice_ledgers import first_ledger
from tests.register_helpers import V0_SCHEMA


def _draft(cli, tmp_path, *more):
    return cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", tmp_path / "out", *more)


def _v1_register(cli, tmp_path):
    code, _, _ = _draft(cli, tmp_path)
    assert code == 1
    return tmp_path / "out" / "register.sqlite"


def _empty(path):
    path.write_bytes(b"")


def _random(path):
    path.write_bytes(os.urandom(3000))


def _foreign(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO users (name) VALUES ('张三')")


def _foreign_notices_table(path):
    with sqlite3.connect(path) as db:  # a table named notices that is not ours
        db.execute("CREATE TABLE notices (id INTEGER PRIMARY KEY, text TEXT)")


def _foreign_app(path):
    with sqlite3.connect(path) as db:
        db.executescript(V0_SCHEMA + "PRAGMA application_id = 1234;")


def _future(path):
    with sqlite3.connect(path) as db:
        db.executescript(V0_SCHEMA + f"PRAGMA application_id = {schema.APPLICATION_ID}; PRAGMA user_version = 99;")


@pytest.mark.parametrize("make, code, says", [
    (_empty, "register.empty", "a 0-byte file, not a notice register"),
    (_random, "register.not_register", "not an SQLite database"),
    (_foreign, "register.foreign", "another program"),
    (_foreign_notices_table, "register.foreign", "another program"),
    (_foreign_app, "register.foreign", "another program"),
    (_future, "register.newer", "newer creatio (register schema 99"),
])
@pytest.mark.parametrize("command", ["draft", "status", "mark"])
def test_unusable_registers_are_refused_and_left_alone(tmp_path, cli, make, code, says, command):
    out = tmp_path / "out"
    out.mkdir()
    register = out / "register.sqlite"
    make(register)
    before = register.read_bytes()
    with pytest.raises(UsageError) as refused:
        schema.inspect(register)
    assert refused.value.code == code
    for lang in ("zh", "en"):
        if command == "draft":
            exit_code, _, err = _draft(cli, tmp_path, "--lang", lang)
        elif command == "status":
            exit_code, _, err = cli("notices", "status", "--output", out, "--lang", lang)
        else:
            exit_code, _, err = cli("notices", "mark", "创文办〔2022〕1号", "rectified", "--output", out, "--lang", lang)
        assert exit_code == 2, err
        assert err.strip().splitlines() == [render("note.error", lang, message=refused.value.text(lang))]
        assert "register.sqlite" in err and "Traceback" not in err
        if lang == "en":
            assert says in err and "the file was left as it is" in err
    assert register.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["register.sqlite"]  # no notice, no backup, no lock left


def test_a_damaged_register_is_refused(tmp_path, cli):
    register = _v1_register(cli, tmp_path)
    data = bytearray(register.read_bytes())
    page = sqlite3.connect(register).execute("PRAGMA page_size").fetchone()[0]
    data[page:2 * page] = b"\xff" * page  # page 2: the notices table
    register.write_bytes(bytes(data))
    for args in (["notices", "draft", tmp_path / "ledger.xlsx", "--output", tmp_path / "out"],
                 ["notices", "status", "--output", tmp_path / "out"]):
        code, _, err = cli(*args, "--lang", "en")
        assert code == 2 and "damaged notice register; restore a backup copy" in err, err
    assert register.read_bytes() == bytes(data)


def _v0_register(path):
    """A register as creatio 0.1 left it: two notices, the second rectified by hand."""
    findings = json.dumps([{"indicator": "six.moral_lecture_hall", "status": "shortfall"}], ensure_ascii=False)
    with sqlite3.connect(path) as db:
        db.executescript(V0_SCHEMA)
        for seq, community, status, note in ((1, "南关社区", "open", None), (2, "北关社区", "rectified", "已挂牌")):
            db.execute("INSERT INTO notices VALUES (?, 2022, ?, 'notice', NULL, ?, '宿城区', '古城街道', ?, '2022-05-31',"
                       " '2022-06-15', ?, ?, ?, ?)",
                       (f"创文办〔2022〕{seq}号", seq, json.dumps(["宿城区", "古城街道", community], ensure_ascii=False),
                        community, findings, status, f"2022-00{seq}_古城街道_{community}.docx", note))
    return path


def test_an_old_register_is_migrated_by_mark_with_a_backup_beside_it(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    register = _v0_register(out / "register.sqlite")
    original = register.read_bytes()
    code, _, err = cli("notices", "mark", "创文办〔2022〕1号", "cancelled", "--note", "撤销", "--by", "李四",
                       "--output", out, "--lang", "en")
    assert code == 0, err
    assert "register schema 0 → 1; backup copy register.schema0-backup.sqlite" in err
    backup = out / "register.schema0-backup.sqlite"
    assert backup.read_bytes() == original  # the copy is the file as it was
    with sqlite3.connect(register) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        marks = db.execute("SELECT number, by, old_status, new_status, note, how FROM marks ORDER BY id").fetchall()
    assert marks == [("创文办〔2022〕2号", "creatio", None, "rectified", "已挂牌", "migration"),
                     ("创文办〔2022〕1号", "李四", "open", "cancelled", "撤销", "mark")]
    # A second change migrates nothing and makes no second backup.
    code, _, err = cli("notices", "mark", "创文办〔2022〕2号", "cancelled", "--force", "--output", out, "--lang", "en")
    assert code == 0 and "schema" not in err
    assert sorted(p.name for p in out.iterdir()) == ["register.schema0-backup.sqlite", "register.sqlite"]


def test_an_old_register_is_migrated_by_draft_and_numbering_continues(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    _v0_register(out / "register.sqlite")
    code, _, err = _draft(cli, tmp_path)
    assert code == 1, err
    with sqlite3.connect(out / "register.sqlite") as db:
        numbers = [r[0] for r in db.execute("SELECT number FROM notices ORDER BY seq")]
    assert numbers[:2] == ["创文办〔2022〕1号", "创文办〔2022〕2号"]
    assert numbers[2:] == ["创文办〔2022〕3号", "创文办〔2022〕4号", "创文办〔2022〕5号"]
    assert (out / "register.schema0-backup.sqlite").is_file()


def test_status_reads_an_old_register_without_changing_it(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    register = _v0_register(out / "register.sqlite")
    before = register.read_bytes()
    code, stdout, _ = cli("notices", "status", "--output", out, "--format", "json")
    assert code == 0
    assert [(e["number"], e["status"], e["history"]) for e in json.loads(stdout)] == [
        ("创文办〔2022〕1号", "open", []), ("创文办〔2022〕2号", "rectified", [])]
    assert register.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["register.sqlite"]


def test_a_failed_migration_leaves_the_old_register_and_its_backup(tmp_path, cli, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    register = _v0_register(out / "register.sqlite")
    original = register.read_bytes()

    def broken(db, version, stamp):
        db.execute("CREATE TABLE marks (x)")
        raise sqlite3.OperationalError("simulated failure halfway through the migration")

    monkeypatch.setattr(schema, "migrate", broken)
    code, _, err = cli("notices", "mark", "创文办〔2022〕1号", "cancelled", "--output", out)
    assert code == 3 and "simulated failure" in err  # an unexpected failure is a bug, not the user's
    assert register.read_bytes() == original  # rolled back: not even the first statement remains
    assert (out / "register.schema0-backup.sqlite").read_bytes() == original


def test_a_new_register_is_created_whole(tmp_path, cli):
    register = _v1_register(cli, tmp_path)
    assert schema.inspect(register) == schema.SCHEMA_VERSION
    leftovers = [p.name for p in register.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_folder_of_notices_without_its_register_is_not_numbered_again(tmp_path, cli):
    """A deleted register used to start again at 1 and replace the notices of the folder."""
    register = _v1_register(cli, tmp_path)
    register.unlink()
    before = _snapshot(register.parent)
    code, _, err = _draft(cli, tmp_path, "--lang", "en")
    assert code == 2 and "2022-001_古城街道_南关社区" in err and "no register" in err, err
    assert _snapshot(register.parent) == before


def test_a_register_older_than_its_folder_never_reuses_a_number(tmp_path, cli):
    from tests.ledgers import write_ledger
    from tests.notice_ledgers import behind, title

    register = _v1_register(cli, tmp_path)
    old = register.read_bytes()
    more = write_ledger(tmp_path / "more.xlsx", [behind("新区社区"), behind("东城社区")], title=title("2022年6月30日"))
    assert cli("notices", "draft", more, "--output", register.parent)[0] == 1  # numbers 4 and 5
    register.write_bytes(old)  # restored from a copy taken before that run
    before = _snapshot(register.parent)
    code, _, err = cli("notices", "draft", more, "--output", register.parent, "--lang", "en")
    assert code == 2 and "2022-004_古城街道_新区社区.docx" in err and "创文办〔2022〕4号" in err, err
    assert _snapshot(register.parent) == before


@pytest.mark.parametrize("command", [("status",), ("mark", "创文办〔2022〕1号", "rectified")])
def test_the_notices_folder_given_as_register_names_the_flag_that_takes_it(tmp_path, cli, command):
    code, _, err = _draft(cli, tmp_path)
    assert code == 1, err
    out = tmp_path / "out"
    before = (out / "register.sqlite").read_bytes()
    code, _, err = cli("notices", *command, "--register", out, "--lang", "en")
    assert code == 2 and err.count("\n") == 1 and f"--output {out}" in err, err
    assert (out / "register.sqlite").read_bytes() == before
