"""``score … --record``: one run per (standard, as-of, scope) with every community, status and file; the same key
again replaces that run whole and changes nothing else; a killed run leaves the file as it was; the record
happens only after the report is written.

Expected values come from the sample generator's design (samples/weekly/week*.expected.json), the standard's
YAML read with yaml.safe_load, and the ledgers the tests write — the history file is read with plain sqlite3.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
import yaml
from history_helpers import WEEKLY, designed, dump, expected, runs, scored, small_folder, workbook_partners

from creatio_cli import api
from creatio_cli.history import schema
from creatio_cli.status import PROBLEMS
from tests.register_helpers import creatio

ROOT = Path(__file__).resolve().parents[1]


def _version(standard: str) -> str:
    doc = yaml.safe_load((ROOT / "standards" / f"{standard}.yaml").read_text(encoding="utf-8"))
    return str(doc["version"])


def _title(indicator: str) -> str:
    doc = yaml.safe_load((ROOT / "standards" / "liugeyi-sidabiao.yaml").read_text(encoding="utf-8"))
    return next(i["title"]["en"] for i in doc["indicators"] if i["id"] == indicator)


def test_a_recorded_week_keeps_every_community_status_and_file(tmp_path):
    path = tmp_path / "h.sqlite"
    recorded = api.record_run(scored("week1"), path, "all", source="samples/weekly/week1")
    assert (recorded.standard, recorded.as_of.isoformat(), recorded.scope, recorded.communities) == (
        "liugeyi-sidabiao", "2022-06-24", "all", 300)
    assert recorded.replaced is None
    db = sqlite3.connect(path)
    run = db.execute("SELECT id, standard, as_of, scope, standard_version, source, recorded_at FROM runs").fetchall()
    assert len(run) == 1
    run_id, standard, as_of, scope, version, source, stamp = run[0]
    assert (standard, as_of, scope, version, source) == (
        "liugeyi-sidabiao", "2022-06-24", "all", _version("liugeyi-sidabiao"), "samples/weekly/week1")
    assert stamp.endswith("Z") and len(stamp) == 20  # UTC, to the second
    want = designed("week1")
    rows = db.execute("SELECT seq, district, street, community, behind_schedule, compliant, score, max_score,"
                      " indicators_total FROM communities WHERE run = ?", (run_id,)).fetchall()
    assert {(r[1], r[2], r[3]) for r in rows} == set(want)
    points = expected("week1")["points"]
    for seq, district, street, name, behind, compliant, score, max_score, total in rows:
        entry = want[(district, street, name)]
        assert bool(behind) is entry["behind_schedule"], name
        assert bool(compliant) is (not entry["fails"]), name
        assert (score, max_score, total) == (100 - entry["points_lost"], sum(points.values()), len(points)), name
        statuses = dict(db.execute("SELECT indicator, status FROM statuses WHERE run = ? AND seq = ?", (run_id, seq)))
        assert set(statuses) == set(points)
        assert {k for k, v in statuses.items() if v in PROBLEMS} == set(entry["fails"]), name
        assert {v for k, v in statuses.items() if k not in entry["fails"]} == {"met"}, name
    partners = dict(((d, s, c), p) for d, s, c, p in db.execute(
        "SELECT district, street, community, partner FROM communities WHERE run = ?", (run_id,)))
    assert partners == workbook_partners("week1") and len(set(partners.values())) > 5
    titles = db.execute("SELECT indicator, title_en, points FROM indicators WHERE run = ? ORDER BY position",
                        (run_id,)).fetchall()
    assert {i: p for i, _, p in titles} == points
    assert dict((i, t) for i, t, _ in titles)["six.moral_lecture_hall"] == _title("six.moral_lecture_hall")
    files = db.execute("SELECT path, status, reason_code, communities FROM files WHERE run = ? ORDER BY seq",
                       (run_id,)).fetchall()
    assert [Path(f[0]).name for f in files] == sorted(p.name for p in (WEEKLY / "week1").glob("*.xlsx"))
    assert {f[1] for f in files} == {"ok"} and {f[2] for f in files} == {None}
    assert sum(f[3] for f in files) == 300
    db.close()


def test_recording_the_same_key_again_replaces_that_run_and_nothing_else(tmp_path):
    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "all")
    api.record_run(scored("week2"), path, "all")
    api.record_run(scored("week1"), path, "district=清江浦区")  # another scope: another run
    assert runs(path) == [(1, "liugeyi-sidabiao", "2022-06-24", "all"), (2, "liugeyi-sidabiao", "2022-07-01", "all"),
                          (3, "liugeyi-sidabiao", "2022-06-24", "district=清江浦区")]
    before = {run: dump(path, run) for run in (1, 2, 3)}
    again = api.record_run(scored("week2"), path, "all")
    assert again.replaced is not None and again.run_id == 2
    after = {run: dump(path, run) for run in (1, 2, 3)}
    assert after[1] == before[1] and after[3] == before[3]  # the other runs: not a byte of a row changed
    strip = lambda rows: [r[:12] + r[13:] for r in rows]  # noqa: E731 - recorded_at is the one column that moves
    assert strip(after[2]["runs"]) == strip(before[2]["runs"])
    assert {t: after[2][t] for t in ("communities", "statuses", "files")} == \
        {t: before[2][t] for t in ("communities", "statuses", "files")}
    assert runs(path)[1] == (2, "liugeyi-sidabiao", "2022-07-01", "all")


def test_a_replaced_run_is_never_merged_with_the_earlier_one(tmp_path, cli):
    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "all")
    part = tmp_path / "part"  # the same week, two street files only
    part.mkdir()
    for name in ("清江浦区-清河街道.xlsx", "洪泽区-朱坝街道.xlsx"):
        (part / name).write_bytes((WEEKLY / "week1" / name).read_bytes())
    code, _, err = cli("score", part, "--record", "--history", path, "--format", "json", "--output",
                       tmp_path / "r.json", "--lang", "en", "--jobs", "1")
    assert code in (0, 1), err
    assert "replaced in" in err and "scope all" in err and "as of 2022-06-24" in err
    db = sqlite3.connect(path)
    names = db.execute("SELECT district, street FROM communities").fetchall()
    assert {n for n in names} == {("清江浦区", "清河街道"), ("洪泽区", "朱坝街道")}  # only the second attempt's
    want = [k for k in designed("week1") if k[:2] in {("清江浦区", "清河街道"), ("洪泽区", "朱坝街道")}]
    assert len(names) == len(want)
    assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 2
    assert db.execute("SELECT count(DISTINCT seq) FROM statuses").fetchone()[0] == len(want)


@pytest.mark.parametrize("args, scope", [
    ((), "all"),
    (("--district", "清江浦区"), "district=清江浦区"),
    (("--district", "清江浦区", "--street", " 清河街道 "), "district=清江浦区,street=清河街道"),
    (("--street", "清河街道", "--scope", "  清河  周报 "), "清河 周报"),
])
def test_the_scope_is_the_option_else_the_filters_else_all(tmp_path, cli, args, scope):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes((WEEKLY / "week1" / "清江浦区-清河街道.xlsx").read_bytes())
    code, _, err = cli("score", folder, "--record", "--history", tmp_path / "h.sqlite", *args, "--jobs", "1",
                       "--format", "json", "--output", tmp_path / "r.json")
    assert code in (0, 1), err
    assert runs(tmp_path / "h.sqlite") == [(1, "liugeyi-sidabiao", "2022-06-24", scope)]


def test_the_default_history_is_in_the_current_folder_and_says_what_it_recorded(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = small_folder(tmp_path / "f")
    for lang, says in (("en", "recorded in creatio-history.sqlite: standard liugeyi-sidabiao, as of 2022-06-30, "
                                "scope all, 2 communities"),
                       ("zh", "已替换历史库 creatio-history.sqlite 中的记录：标准 liugeyi-sidabiao，截至 2022-06-30，范围 all，"
                              "2 个社区（原记录写于 ")):
        code, out, err = cli("score", folder, "--record", "--lang", lang, "--format", "json")
        assert code == 1, err
        assert says in err
        assert out.lstrip().startswith("{")  # the report on stdout, the note on stderr
    assert runs(tmp_path / "creatio-history.sqlite") == [(1, "liugeyi-sidabiao", "2022-06-30", "all")]


@pytest.mark.parametrize("args, option", [(("--scope", "x"), "--scope"), (("--history", "h.sqlite"), "--history")])
def test_history_options_need_record(tmp_path, cli, args, option):
    code, _, err = cli("score", small_folder(tmp_path / "f"), *args, "--lang", "en")
    assert code == 2 and f"{option} goes with --record" in err
    assert not (tmp_path / "h.sqlite").exists()


@pytest.mark.parametrize("scope", ["", "   ", "a\x07b", "x" * 201])
def test_a_bad_scope_is_refused_before_scoring(tmp_path, cli, scope):
    code, _, err = cli("score", small_folder(tmp_path / "f"), "--record", "--history", tmp_path / "h.sqlite",
                       "--scope", scope, "--lang", "en")
    assert code == 2 and "--scope takes a short name" in err
    assert not (tmp_path / "h.sqlite").exists()


def test_nothing_is_recorded_when_the_report_cannot_be_written(tmp_path, cli):
    folder = small_folder(tmp_path / "f")
    (tmp_path / "report.json").mkdir()  # a folder where the report should go
    code, _, err = cli("score", folder, "--record", "--history", tmp_path / "h.sqlite", "--output",
                       tmp_path / "report.json", "--lang", "en")
    assert code == 2 and "folder" in err
    assert not (tmp_path / "h.sqlite").exists()


def test_the_history_cannot_be_the_report(tmp_path, cli):
    code, _, err = cli("score", small_folder(tmp_path / "f"), "--record", "--history", tmp_path / "r.json",
                       "--output", tmp_path / "r.json", "--lang", "en")
    assert code == 2 and "the history file is the report" in err
    assert not (tmp_path / "r.json").exists()


# A real `python -m creatio_cli score --record`, paused inside its transaction (every row written, COMMIT not
# yet), then killed with SIGKILL.
_PAUSE = """
import time
from pathlib import Path
from creatio_cli.history import record as _record
def _pause(path):
    Path(str(path) + ".paused").write_text("x")
    time.sleep(120)
_record._before_commit = _pause
"""
# … with a page cache of 2 pages, so SQLite writes changed pages into the file before COMMIT (a hot journal)
_SPILL = _PAUSE + """
from creatio_cli.history import store as _store
_connect = _store.connect
def _small(path, **kw):
    db = _connect(path, **kw)
    db.execute("PRAGMA cache_size = 2")
    return db
_store.connect = _small
"""


@pytest.mark.parametrize("prelude", [_PAUSE, _SPILL], ids=["in-cache", "spilled"])
def test_a_killed_record_leaves_the_previous_state(tmp_path, cli, prelude):
    history = tmp_path / "h.sqlite"
    folder = small_folder(tmp_path / "f")
    assert cli("score", folder, "--record", "--history", history, "--format", "json")[0] == 1
    other = small_folder(tmp_path / "g", names=("东风社区",))
    assert cli("score", other, "--record", "--history", history, "--scope", "g", "--format", "json")[0] == 1
    before, before_bytes = dump(history), history.read_bytes()
    changed = small_folder(tmp_path / "f2", names=tuple(f"第{i}社区" for i in range(300)))
    proc = creatio("score", changed, "--record", "--history", history, "--output", tmp_path / "r.json", "--jobs",
                   "1", cwd=tmp_path, prelude=prelude)  # the report into a file: a full stdout pipe would block it
    marker = Path(f"{history}.paused")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not marker.exists():
        time.sleep(0.005)
    assert marker.exists(), proc.communicate()[1]
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert Path(f"{history}-journal").exists()  # the transaction was open
    if prelude is _SPILL:
        assert history.read_bytes() != before_bytes  # pages of the open transaction were in the file itself
    assert api.check_history(history) == schema.SCHEMA_VERSION  # the file is usable (a hot journal rolled back) …
    assert dump(history) == before  # … and exactly as it was before the killed run
    code, _, err = cli("score", changed, "--record", "--history", history, "--format", "json", "--lang", "en")
    assert code == 1 and "replaced in" in err
    db = sqlite3.connect(history)
    assert db.execute("SELECT count(*) FROM communities WHERE run = 1").fetchone()[0] == 300
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    assert not Path(f"{history}-journal").exists()  # the next commit cleared the dead run's journal


def test_the_file_is_recognised_by_its_header_and_meta(tmp_path):
    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "all")
    head = path.read_bytes()[:100]
    assert int.from_bytes(head[68:72], "big") == schema.APPLICATION_ID
    assert int.from_bytes(head[60:64], "big") == schema.SCHEMA_VERSION
    assert head[18] == 1  # rollback journal, not WAL: one self-contained file to copy
    db = sqlite3.connect(path)
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta["application"] == "creatio-history" and meta["schema_version"] == str(schema.SCHEMA_VERSION)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite"]  # no -journal, -wal or temp file left


def test_a_file_switched_to_wal_by_another_tool_is_switched_back(tmp_path):
    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "all")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    db.close()
    assert path.read_bytes()[18] == 2
    api.record_run(scored("week2"), path, "all")
    assert path.read_bytes()[18] == 1  # rollback journal again: one file to copy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite"]
    assert runs(path)[-1][2] == "2022-07-01"


class _Injected(Exception):
    pass


@pytest.mark.parametrize("where", ["statuses", "before-commit"])
def test_an_exception_inside_the_transaction_leaves_the_previous_history(tmp_path, monkeypatch, where):
    """An error raised halfway through the rows (or after all of them, before COMMIT) — while replacing a run,
    the riskiest case — rolls back: every table as it was, no journal left, and the next record works."""
    from creatio_cli.history import record as record_module

    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "all")
    api.record_run(scored("week2"), path, "all")
    before = dump(path)
    if where == "statuses":
        real = record_module._statuses

        def half(run, result):
            for i, row in enumerate(real(run, result)):
                if i == 1000:
                    raise _Injected
                yield row

        monkeypatch.setattr(record_module, "_statuses", half)
    else:
        monkeypatch.setattr(record_module, "_before_commit", lambda p: (_ for _ in ()).throw(_Injected()))
    with pytest.raises(_Injected):
        api.record_run(scored("week2"), path, "all")  # replaces the 07-01 run
    with pytest.raises(_Injected):
        api.record_run(scored("week2"), path, "other")  # a new run
    assert dump(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite"]
    monkeypatch.undo()
    api.record_run(scored("week2"), path, "all")
    after = dump(path)  # the same run recorded again: the same rows, recorded_at aside
    assert {t: rows for t, rows in after.items() if t != "runs"} == {t: r for t, r in before.items() if t != "runs"}
    assert [r[:4] for r in after["runs"]] == [r[:4] for r in before["runs"]]


def test_ctrl_c_inside_the_transaction_is_130_and_leaves_the_previous_history(tmp_path, cli, monkeypatch):
    from creatio_cli.history import record as record_module

    path = tmp_path / "h.sqlite"
    folder = small_folder(tmp_path / "f")
    assert cli("score", folder, "--record", "--history", path, "--format", "json")[0] == 1
    before = dump(path)

    def interrupt(p):
        raise KeyboardInterrupt

    monkeypatch.setattr(record_module, "_before_commit", interrupt)
    code, _, err = cli("score", folder, "--record", "--history", path, "--scope", "again", "--format", "json",
                       "--lang", "en")
    assert code == 130 and "Traceback" not in err, err
    assert dump(path) == before and not Path(f"{path}-journal").exists()
