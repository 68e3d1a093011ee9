"""Run ``creatio`` as a real subprocess: exit code, output, wall time and peak memory, and no hang.

``subprocess.run(timeout=…)`` is not enough for a CLI that forks readers: on timeout it kills the child,
then waits for EOF on pipes that a grandchild (a reader blocked in a parser) still holds open — so the
test hangs exactly when it should fail. Here the command runs in its own session, writes to temp files,
and the whole process group is killed at the deadline and after the command exits (no stray reader
outlives a test).

Peak memory: Linux counts into a process's ``ru_maxrss`` the resident size of the image it replaced at
``exec`` — for a command started from pytest, pytest's own few hundred MB. So the command is started by
a tiny launcher (``python -S``, ~10 MB) that forks and execs it, reaps it with ``os.wait4`` (whose
``ru_maxrss`` then covers the command and the reader processes it waited for, and nothing else),
forwards signals to it and exits as it did.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    code: int | None  # None: killed at the deadline
    out: str
    err: str
    seconds: float
    peak_mb: float  # peak resident set size of the command or any reader it waited for (0: unknown)
    strays: int  # processes of its group still alive when the command had exited (Linux; else 0)

    @property
    def hung(self) -> bool:
        return self.code is None


_LAUNCHER = r"""
import os, signal, sys
report, argv = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.execv(argv[0], argv)
for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(signum, lambda signum, _frame: os.kill(pid, signum))
_pid, status, usage = os.wait4(pid, 0)
with open(report, "w") as fh:
    fh.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
os._exit(code)
"""


def creatio(*args: object, timeout: float = 20.0, env: dict[str, str] | None = None,
            during: Callable[[subprocess.Popen, float], bool] | None = None, prelude: str | None = None) -> Run:
    """Run ``python -m creatio_cli ARGS``; ``during(proc, elapsed)`` is polled and may signal the process
    (it returns True once it has done what it wanted). ``prelude``: Python code run first in the child
    (e.g. a monkeypatch), then the CLI's ``main`` with ARGS."""
    full_env = {**os.environ, "PYTHONFAULTHANDLER": "", **(env or {})}
    command = [sys.executable, "-m", "creatio_cli"] if prelude is None else [
        sys.executable, "-c", prelude + "\nimport sys\nfrom creatio_cli.cli import main\nmain(sys.argv[1:])"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".maxrss") as report:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-S", "-c", _LAUNCHER, report.name, *command, *map(str, args)],
                                stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, env=full_env, start_new_session=True)
        status = None
        done_during = during is None
        delay = 0.002
        while True:
            pid, status = os.waitpid(proc.pid, os.WNOHANG)
            elapsed = time.monotonic() - start
            if pid:
                break
            if not done_during:
                done_during = during(proc, elapsed)
            if elapsed > timeout:
                _kill_group(proc.pid)
                os.waitpid(proc.pid, 0)
                status = None
                break
            time.sleep(delay)
            delay = min(delay * 1.5, 0.02)
        seconds = time.monotonic() - start
        strays = _group_members(proc.pid)
        _kill_group(proc.pid)
        proc.returncode = -1 if status is None else os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        code = None if status is None else os.waitstatus_to_exitcode(status)
        peak_kb = report.read().strip()
        return Run(code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, int(peak_kb) / 1024 if peak_kb.isdigit() else 0.0, strays)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _group_members(pgid: int, grace: float = 1.0) -> int:
    """Live (not zombie) processes in group ``pgid``, after ``grace`` seconds for them to notice their
    parent is gone (a reader exits at the end of its task pipe)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return 0
    deadline = time.monotonic() + grace
    while True:
        alive = 0
        for stat in proc.glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[2]) == pgid:
                alive += 1
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.02)
