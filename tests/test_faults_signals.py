"""A command stopped by Ctrl-C (SIGINT), SIGTERM or SIGHUP leaves no temp file behind and no reader process
running, and exits 128 + the signal: 130, 143, 129 (issue 14). Each case is a real subprocess signalled
while it writes (its temp file exists) or while it reads."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
from pathlib import Path

import pytest
import subproc
from ledgers import HEADERS, community, write_ledger

from creatio_cli.messages import render

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")

# Exit code and the last line on stderr (the commands run in the default language, Chinese).
STOPPED = {signal.SIGINT: (130, render("cli.interrupted", "zh")), signal.SIGTERM: (143, render("cli.terminated", "zh")),
           signal.SIGHUP: (129, render("cli.terminated", "zh"))}


def _big_ledger(path: Path, rows: int = 20_000) -> Path:
    """A CSV ledger whose xlsx report takes seconds to write (three findings per community)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["宿迁市2022年社区创建工作台账（截至2022年6月30日）"])
        writer.writerow(HEADERS)
        for i in range(rows):
            row = community(街道=f"街道{i % 50}", 社区=f"社区{i}", 道德讲堂="否", 家长学校="否", 居民活动用房面积="二百")
            writer.writerow([row.get(h) for h in HEADERS])
    return path


def _signal_when_temp_appears(folder: Path, signum: int, times: int = 1, gap: float = 0.3):
    """A ``during`` hook: send ``signum`` once a temp file exists in ``folder`` (then again, ``times`` in all)."""
    sent: list[float] = []

    def during(proc: subprocess.Popen, elapsed: float) -> bool:
        if not sent and not any(p.name.endswith(".tmp") for p in folder.iterdir()):
            return False
        if sent and elapsed - sent[-1] < gap:
            return False
        proc.send_signal(signum)
        sent.append(elapsed)
        return len(sent) >= times

    return during


def _assert_stopped(run: subproc.Run, signum: int, folder: Path) -> None:
    code, word = STOPPED[signum]
    assert not run.hung, run.err
    assert run.code == code, run.err
    assert run.err.strip().splitlines()[-1] == word and "Traceback" not in run.err, run.err
    assert sorted(p.name for p in folder.iterdir()) == [], f"left behind: {list(folder.iterdir())}\n{run.err}"
    assert run.strays == 0, f"{run.strays} processes outlived the command\n{run.err}"


def test_a_signal_while_a_large_xlsx_report_is_written(tmp_path):
    signum = signal.SIGTERM
    ledger = _big_ledger(tmp_path / "big.csv")
    out = tmp_path / "out"
    out.mkdir()
    run = subproc.creatio("check", ledger, "--output", out / "report.xlsx", timeout=40,
                          during=_signal_when_temp_appears(out, signum))
    _assert_stopped(run, signum, out)


# In these children the write stalls (a monkeypatched fsync or zip store), so the signal always lands mid-write.
STALL = """
import os, time
import xlsxwriter.workbook
def stall(*_args):
    time.sleep(60)
os.fsync = stall
xlsxwriter.workbook.Workbook._store_workbook = stall
"""


@pytest.mark.parametrize(("signum", "fmt"), [(signal.SIGINT, "json"), (signal.SIGHUP, "csv"), (signal.SIGTERM, "xlsx")])
def test_every_writer_cleans_up_on_every_signal(tmp_path, signum, fmt):
    ledger = write_ledger(tmp_path / "a.xlsx", [community()])
    out = tmp_path / "out"
    out.mkdir()
    run = subproc.creatio("check", ledger, "--output", out / f"r.{fmt}", prelude=STALL,
                          during=_signal_when_temp_appears(out, signum))
    _assert_stopped(run, signum, out)
    assert run.seconds < 15


def test_a_second_signal_stops_a_cleanup_that_hangs(tmp_path):
    # The first SIGTERM unwinds; the unwinding itself is stuck (a hung network share, say): the second
    # SIGTERM removes the temp file directly and exits.
    prelude = STALL + "import pathlib\npathlib.Path.unlink = stall\n"
    ledger = write_ledger(tmp_path / "a.xlsx", [community()])
    out = tmp_path / "out"
    out.mkdir()
    run = subproc.creatio("check", ledger, "--output", out / "r.json", prelude=prelude,
                          during=_signal_when_temp_appears(out, signal.SIGTERM, times=2))
    assert run.code == 143 and run.seconds < 15, run.err
    assert sorted(p.name for p in out.iterdir()) == []


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="needs /proc/PID/task/TID/children to see the readers")
def test_score_stopped_while_its_readers_work(tmp_path):
    folder = tmp_path / "wk"
    folder.mkdir()
    for i in range(4):
        _big_ledger(folder / f"big{i}.csv", rows=8_000)
    out = tmp_path / "out"
    out.mkdir()

    def during(proc: subprocess.Popen, elapsed: float) -> bool:
        # Once both readers are forked (4 × 8,000 rows keep them busy for seconds); proc is the launcher.
        try:
            command = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()[0]
            if len(Path(f"/proc/{command}/task/{command}/children").read_text().split()) < 2:
                return False
        except IndexError:  # the launcher has not started the command yet
            return False
        proc.send_signal(signal.SIGTERM)
        return True

    run = subproc.creatio("score", folder, "--jobs", "2", "--output", out / "s.json", during=during, timeout=40)
    _assert_stopped(run, signal.SIGTERM, out)
