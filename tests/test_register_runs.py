"""The register is the source of truth: concurrent drafts queue, killed and failed runs leave no numbered file
without a row, no number is handed out twice, and the environment's failures are exit 2 with one line."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import time

import docx
import pytest

from creatio_cli.notices import lock, schema
from creatio_cli.notices.lock import FolderLock
from tests.ledgers import write_ledger
from tests.notice_ledgers import first_ledger, good, title
from tests.register_helpers import assert_consistent, creatio, many_ledger, rows

COUNT = 8  # communities per generated ledger


def _finish(*procs):
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, out, err))
    return results


def test_concurrent_drafts_queue_for_their_folder_and_their_register(tmp_path):
    """Two drafts into one folder, and a third into another folder sharing that folder's register, at once."""
    ledgers = [many_ledger(tmp_path / f"l{k}.xlsx", COUNT, prefix=f"社区{k}-", street=f"街道{k}") for k in range(3)]
    out, other = tmp_path / "out", tmp_path / "other"
    procs = [creatio("notices", "draft", ledgers[0], "--output", out, cwd=tmp_path),
             creatio("notices", "draft", ledgers[1], "--output", out, cwd=tmp_path),
             creatio("notices", "draft", ledgers[2], "--output", other, "--register", out / "register.sqlite",
                     cwd=tmp_path)]
    results = _finish(*procs)
    assert [code for code, _, _ in results] == [1, 1, 1], [err for _, _, err in results]
    found = rows(out / "register.sqlite")
    assert sorted(seq for _, _, seq, _ in found) == list(range(1, 3 * COUNT + 1))  # distinct, no gap
    in_other = {p.name for p in other.glob("*.docx")}
    assert len(in_other) == COUNT
    for folder in (out, other):  # each folder's files are exactly its rows
        mine = [r for r in found if (r[3] in in_other) == (folder == other)]
        assert sorted(p.name for p in folder.glob("*.docx")) == sorted(r[3] for r in mine)
        assert sorted(p.name for p in folder.glob("*.md")) == sorted(r[3].removesuffix(".docx") + ".md" for r in mine)
        assert not [p.name for p in folder.iterdir() if p.name.startswith(".creatio-")]
    listed = [line.split("\t")[0] for _, stdout, _ in results for line in stdout.splitlines()[1:]]
    assert sorted(listed) == sorted(number for number, *_ in found)  # each run printed what it numbered


# Crash points, injected into a real `python -m creatio_cli` process that then dies by SIGKILL.
_KILL = "import os, signal\ndef _die(*a, **k):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
KILL_POINTS = {
    # while rendering, after 5 temporary files (nothing committed yet)
    "render": _KILL + ("from creatio_cli.notices import staging\n_w = staging.Staging.write\n_n = [0]\n"
                       "def write(self, *a):\n    _n[0] += 1\n    _die() if _n[0] == 6 else _w(self, *a)\n"
                       "staging.Staging.write = write"),
    # right after the commit, before any file is renamed into place
    "commit": _KILL + "from creatio_cli.notices import staging\nstaging.Staging.publish = _die",
    # after 3 of the renames
    "rename": _KILL + ("from creatio_cli.notices import staging\n_r = staging._rename\n_n = [0]\n"
                       "def rename(a, b):\n    _n[0] += 1\n    _die() if _n[0] == 4 else _r(a, b)\n"
                       "staging._rename = rename"),
}


def _numbered_files_have_rows(out):
    register = out / "register.sqlite"
    known = {r[3].removesuffix(".docx") for r in rows(register)} if register.exists() else set()
    numbered = {p.stem for p in out.iterdir() if p.suffix in (".docx", ".md")}
    assert numbered <= known, numbered - known


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_draft_is_finished_or_forgotten_never_half_kept(tmp_path, cli, point):
    ledger = many_ledger(tmp_path / "l.xlsx", COUNT)
    out = tmp_path / "out"
    (code, _, err), = _finish(creatio("notices", "draft", ledger, "--output", out, cwd=tmp_path,
                                      prelude=KILL_POINTS[point]))
    assert code == -signal.SIGKILL, err
    _numbered_files_have_rows(out)
    committed = rows(out / "register.sqlite")
    assert len(committed) == (0 if point == "render" else COUNT)
    if point != "render":
        parts = 2 * COUNT  # the run's pending rows: a .docx and a .md per committed notice
        code, _, err = cli("notices", "status", "--output", out, "--lang", "en")
        assert code == 0 and f"{parts} files of an interrupted run are not in place yet" in err
        code, _, err = cli("notices", "status", "--output", out)
        assert code == 0 and f"一次中断的运行有 {parts} 个文件尚未放到位" in err
        # A run that drafts nothing new still finishes the killed one: its files are renamed into place.
        calm = write_ledger(tmp_path / "calm.xlsx", [good("幸福社区")], title=title("2022年6月30日"))
        code, _, err = cli("notices", "draft", calm, "--output", out, "--lang", "en")
        assert code == 0 and "put in place" in err, err
        assert assert_consistent(out) == committed
        assert f"创文办〔2022〕{COUNT}号" in "\n".join(p.text for p in docx.Document(str(out / committed[-1][3])).paragraphs)
    code, _, err = cli("notices", "draft", ledger, "--output", out)
    assert code == 1, err
    found = assert_consistent(out)
    assert [r[2] for r in found] == list(range(1, COUNT + 1))  # nothing numbered twice, no gap


def test_a_draft_killed_from_outside_after_its_first_file(tmp_path, cli):
    ledger = many_ledger(tmp_path / "l.xlsx", 24)
    out = tmp_path / "out"
    proc = creatio("notices", "draft", ledger, "--output", out, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:  # wait for the first file (polling, not a sleep)
        names = os.listdir(out) if out.is_dir() else []
        if any(n.endswith((".part", ".docx")) for n in names):
            break
        time.sleep(0.002)
    proc.kill()
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL  # killed mid-run, not finished
    _numbered_files_have_rows(out)
    code, _, err = cli("notices", "draft", ledger, "--output", out)
    assert code == 1, err
    assert [r[2] for r in assert_consistent(out)] == list(range(1, 25))


def _template_failing_for(tmp_path, community):
    """The default template plus a paragraph that fails only for one community (late in the run)."""
    from creatio_cli.notices.docx import DEFAULT_TEMPLATE

    doc = docx.Document(str(DEFAULT_TEMPLATE))
    doc.add_paragraph("{% if community == '" + community + "' %}{{ no_such_variable }}{% endif %}")
    path = tmp_path / "late.docx"
    doc.save(str(path))
    return path


def test_a_template_error_late_in_a_run_keeps_nothing(tmp_path, cli):
    ledger = many_ledger(tmp_path / "l.xlsx", COUNT)
    template = _template_failing_for(tmp_path, f"社区{COUNT - 1:02d}")
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", ledger, "--output", out, "--template", template)
    assert code == 2 and "late.docx" in err and "no_such_variable" in err
    assert rows(out / "register.sqlite") == []
    assert sorted(p.name for p in out.iterdir()) == ["register.sqlite"]


@pytest.mark.parametrize("kind, by", [("escalation", "community"), ("assignment", "department")])
def test_a_template_error_in_another_kind_is_refused_before_anything_is_written(tmp_path, cli, kind, by):
    from creatio_cli.notices.docx import DEFAULT_TEMPLATE

    doc = docx.Document(str(DEFAULT_TEMPLATE))
    doc.add_paragraph("{% if kind == '" + kind + "' %}{{ no_such_variable }}{% endif %}")
    doc.save(str(tmp_path / "branch.docx"))
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", first_ledger(tmp_path / "l.xlsx"), "--output", out, "--by", by,
                       "--template", tmp_path / "branch.docx")
    assert code == 2 and "branch.docx" in err and "no_such_variable" in err
    assert not out.exists()


def test_a_failed_rerun_leaves_the_earlier_notices_as_they_were(tmp_path, cli):
    ledger = first_ledger(tmp_path / "l.xlsx")
    out = tmp_path / "out"
    cli("notices", "draft", ledger, "--output", out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, _ = cli("notices", "draft", ledger, "--output", out, "--template", _template_failing_for(tmp_path, "河滨社区"))
    assert code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_full_disk_while_writing_notices_is_exit_2_and_keeps_nothing(tmp_path, cli, monkeypatch):
    real, calls = os.fsync, [0]

    def fsync(fd):
        calls[0] += 1
        if calls[0] > 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    ledger = many_ledger(tmp_path / "l.xlsx", COUNT)
    monkeypatch.setattr(os, "fsync", fsync)
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", ledger, "--output", out, "--lang", "en")
    assert code == 2 and "cannot write: the disk is full" in err and "internal error" not in err
    assert len(err.strip().splitlines()) == 2  # the as-of line and the error
    assert rows(out / "register.sqlite") == []
    assert sorted(p.name for p in out.iterdir()) == ["register.sqlite"]


def test_a_full_disk_under_the_register_is_exit_2(tmp_path, cli, monkeypatch):
    connect = schema.connect

    def small(path, **kw):
        db = connect(path, **kw)
        (pages,) = db.execute("PRAGMA page_count").fetchone()
        db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite reports SQLITE_FULL past this size
        return db

    ledger = many_ledger(tmp_path / "l.xlsx", COUNT)
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "first.xlsx"), "--output", out)
    monkeypatch.setattr(schema, "connect", small)
    code, _, err = cli("notices", "draft", ledger, "--output", out, "--lang", "en")
    assert code == 2 and "disk full while writing the notice register" in err, err
    assert len(assert_consistent(out)) == 3  # the first run's notices only


def test_a_locked_register_is_exit_2_after_waiting(tmp_path, cli, monkeypatch):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "first.xlsx"), "--output", out)
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.15)
    holder = sqlite3.connect(out / "register.sqlite", isolation_level=None)
    ledger = many_ledger(tmp_path / "l.xlsx", 3)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program writing the register
        code, _, err = cli("notices", "draft", ledger, "--output", out, "--lang", "en")
        assert code == 2 and "locked by another program (waited 0.15 s)" in err and "waiting for another" in err, err
        code, _, err = cli("notices", "mark", "创文办〔2022〕1号", "cancelled", "--output", out, "--lang", "en")
        assert code == 2 and "locked by another program" in err
        holder.execute("ROLLBACK")
        holder.execute("BEGIN EXCLUSIVE")  # … and in the middle of its commit: not even readable
        for args in (("draft", ledger), ("status",)):
            code, _, err = cli("notices", *args, "--output", out, "--lang", "en")
            assert code == 2 and "locked by another program" in err and "Traceback" not in err, err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(assert_consistent(out)) == 3
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1 and len(assert_consistent(out)) == 6


def test_a_busy_folder_is_exit_2_after_waiting(tmp_path, cli, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.2)
    held = FolderLock(out)
    assert held.acquire(0)
    ledger = first_ledger(tmp_path / "l.xlsx")
    try:
        code, _, err = cli("notices", "draft", ledger, "--output", out, "--lang", "en")
        code_zh, _, err_zh = cli("notices", "draft", ledger, "--output", out)
    finally:
        held.release()
    assert code == 2 and "another creatio run is writing notices into this folder" in err and f"pid {os.getpid()}" in err
    assert f"waiting for another creatio run writing notices into this folder (pid {os.getpid()} on " in err
    assert code_zh == 2 and f"另一个 creatio 进程（进程 {os.getpid()}，主机 " in err_zh and "等待中" in err_zh
    assert list(out.iterdir()) == []  # the holder's lock file is gone with its release; nothing else was written


def test_a_read_only_register_is_exit_2(tmp_path, cli, monkeypatch):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "first.xlsx"), "--output", out)
    monkeypatch.setattr(schema, "connect", lambda path, **kw: schema.sqlite3.connect(
        path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None))  # as on a read-only file or share
    before = (out / "register.sqlite").read_bytes()
    ledger = many_ledger(tmp_path / "l.xlsx", 3)
    code, _, err = cli("notices", "draft", ledger, "--output", out, "--lang", "en")
    assert code == 2 and "read-only" in err, err
    code, _, err = cli("notices", "mark", "创文办〔2022〕1号", "cancelled", "--output", out, "--lang", "en")
    assert code == 2 and "read-only" in err
    code, _, _ = cli("notices", "status", "--output", out)
    assert code == 0
    assert (out / "register.sqlite").read_bytes() == before
    assert len(assert_consistent(out)) == 3


def test_a_folder_in_the_way_of_a_notice_is_exit_2_and_keeps_nothing(tmp_path, cli):
    out = tmp_path / "out"
    (out / "2022-003_项里街道_河滨社区.docx").mkdir(parents=True)  # the third notice's name
    code, _, err = cli("notices", "draft", first_ledger(tmp_path / "l.xlsx"), "--output", out, "--lang", "en")
    assert code == 2 and "河滨社区.docx" in err and "folder" in err
    assert rows(out / "register.sqlite") == []
    assert sorted(p.name for p in out.iterdir()) == ["2022-003_项里街道_河滨社区.docx", "register.sqlite"]
