"""Read ledgers in forked worker processes, each under a memory limit, so one crafted file costs only itself.

The guard (``guard.py``) bounds what a parser is asked to build, but python-calamine is native code: a
file the guard did not foresee can still make it abort the whole process ("memory allocation of
549755813888 bytes failed", SIGABRT). So every file is read in a child process (POSIX ``fork``: the
standard and the imported modules are inherited, nothing is pickled on the way in) that handles one file
at a time and sends back the typed columns. The parent knows which file each child holds; a child that
dies takes only that file with it ("cannot be read: the reader stopped …"), a new child takes the next
files, and the batch goes on — with one worker (``check``, ``score --jobs 1``) as with many.

Each child limits its own address space (``RLIMIT_AS``) to what it started with plus
``CREATIO_MAX_READER_MB`` (``limits.py``), so a runaway allocation fails at once instead of pushing the
machine into swap. Where ``fork`` does not exist (Windows), files are read in this process and the
guard's bounds are the protection.

Cost: a fork is a few milliseconds; the columns come back pickled, with the cells as read (the bulk)
marshalled, which is ~4× faster than pickling them: ~0.3 s for 100,000 rows × 20 columns.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
import select
import signal
import struct
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from creatio_cli.errors import CreatioError
from creatio_cli.ledger import limits
from creatio_cli.messages import Message, msg
from creatio_cli.standards.model import Standard

#: A file's outcome: ("ok", LedgerColumns) | ("error", CreatioError) | ("crashed", Message).
Outcome = tuple[str, Any]


@dataclass(frozen=True)
class ReadTask:
    """What every worker reads with: the standard and the reading options (inherited by fork)."""

    standard: Standard
    sheet: str | None = None
    header_rows: int | None = None
    overrides: tuple[tuple[str, str | None, str], ...] = ()  # an office's mapping (ledger/mapping.py)


def can_isolate() -> bool:
    """True where readers run in forked children (POSIX)."""
    return hasattr(os, "fork")


def read_one(path: Path, task: ReadTask) -> Outcome:
    """Read one file in this process; never raises (an unexpected exception is a "crashed" outcome)."""
    from creatio_cli.ledger.load import read_columns

    try:
        overrides = {key: (name, origin) for key, name, origin in task.overrides}
        return "ok", read_columns(path, task.standard, sheet=task.sheet, header_rows=task.header_rows,
                                  overrides=overrides)
    except CreatioError as exc:
        return "error", exc
    except MemoryError:
        lim = limits.current()
        return "crashed", msg("file.reader_memory", limit=lim.reader_mb, variable=lim.env("reader_mb"))
    except Exception as exc:  # one bad file never stops the others
        return "crashed", msg("file.reader_exception", detail=f"{type(exc).__name__}: {str(exc)[:160]}")


def read_isolated(path: Path, task: ReadTask) -> Any:
    """One file's LedgerColumns, read in a worker; its CreatioError re-raised, a crash as LedgerError."""
    from creatio_cli.errors import LedgerError

    status, value = read_files([path], task)[path]
    if status == "ok":
        return value
    if status == "error":
        raise value
    raise LedgerError(path, value.code, value.params)


def load_isolated(path: Path, task: ReadTask) -> Any:
    """One ledger file as a Ledger, read in a worker (``load.load_ledger``'s isolated twin)."""
    from creatio_cli.ledger.load import frame_ledger

    return frame_ledger([read_isolated(path, task)])


def read_files(paths: list[Path], task: ReadTask, *, jobs: int = 1,
               progress: Callable[[Path], None] | None = None) -> dict[Path, Outcome]:
    """Read ``paths`` with up to ``jobs`` isolated workers; every path gets an outcome, in any order."""
    outcomes: dict[Path, Outcome] = {}
    if not can_isolate():
        for path in paths:
            outcomes[path] = read_one(path, task)
            if progress:
                progress(path)
        return outcomes
    for path, outcome in _Pool(task, max(1, min(jobs, len(paths)))).run(paths):
        outcomes[path] = outcome
        if progress:
            progress(path)
    return outcomes


#: Files queued per worker: while the parent unpacks one answer, the child is already reading the next.
_DEPTH = 2


class _Worker:
    """One forked child: a pipe each way (length-prefixed messages), a temp file catching its stderr.

    The child answers in the order it was given files, so the first unanswered file is always the one it
    is reading: if it dies, that file is the culprit and the others queued behind it go back to the pool.
    Plain ``os.fork`` and pipes: ``multiprocessing`` would cost more to import than a small check reads.
    """

    def __init__(self, task: ReadTask) -> None:
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115  (closed in close(); lives as long as the child)
        task_read, self.task_write = os.pipe()
        self.answer_read, answer_write = os.pipe()
        self.queued: deque[Path] = deque()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the parent's code
            code = 0
            try:
                os.close(self.task_write)
                os.close(self.answer_read)
                _serve(task_read, answer_write, task, self.stderr.fileno())
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(task_read)
        os.close(answer_write)
        self.status: int | None = None
        self.broken = False  # its task pipe refused a file: the child has ended

    def give(self, path: Path) -> None:
        self.queued.append(path)
        _send(self.task_write, os.fsencode(path))

    def answer(self) -> bytes | None:
        """The next answer, or None when the child is gone (end of pipe)."""
        return _receive(self.answer_read)

    def death_reason(self) -> Message:
        """Why the child ended without answering: its signal and the last line it printed."""
        status = self._reap()
        exited: int | None = None
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            try:
                how = signal.Signals(number).name  # SIGABRT, SIGKILL …: names, the same in both languages
            except ValueError:
                how = str(number)
        else:
            exited = os.waitstatus_to_exitcode(status)
        self.stderr.seek(0, os.SEEK_END)
        size = self.stderr.tell()
        self.stderr.seek(max(0, size - 65536))  # a Rust backtrace (RUST_BACKTRACE=1) follows the message
        lines = [line.strip() for line in self.stderr.read().decode("utf-8", "replace").splitlines() if line.strip()]
        said = next((line for key in ("memory allocation", "panicked", "alloc") for line in reversed(lines)
                     if key in line.lower()), lines[-1] if lines else "")
        if "memory allocation" in said.lower():  # Rust's "memory allocation of N bytes failed": the cap hit
            lim = limits.current()
            return msg("file.reader_memory", limit=lim.reader_mb, variable=lim.env("reader_mb"))
        if exited is not None:
            return msg("file.reader_exited", status=exited, said=said[:160] or "—")
        return msg("file.reader_stopped", how=how, said=said[:160] or "—")

    def _reap(self) -> int:
        if self.status is None:
            _pid, self.status = os.waitpid(self.pid, 0)
        return self.status

    def close(self) -> None:
        for fd in (self.task_write, self.answer_read):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()
        self.stderr.close()


def _send(fd: int, data: bytes) -> None:
    view = memoryview(struct.pack("<Q", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> bytes | None:
    head = _read_exactly(fd, 8)
    if head is None:
        return None
    return _read_exactly(fd, struct.unpack("<Q", head)[0])


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class _Pool:
    """Hand out files to ``size`` workers, ``_DEPTH`` at a time each; replace a worker that dies."""

    def __init__(self, task: ReadTask, size: int) -> None:
        self.task = task
        self.size = size

    def run(self, paths: list[Path]) -> Iterator[tuple[Path, Outcome]]:
        # What reading needs, imported before the fork so that no child imports it again. Reading never
        # needs pandas (a test holds it to that): the parent imports it while the first child reads — on
        # two cores a small `check` overlaps the two (~30 ms of its ~0.6 s).
        import numpy  # noqa: F401
        import python_calamine  # noqa: F401

        import creatio_cli.ledger.load  # noqa: F401

        pending = list(reversed(paths))  # pop() gives the next file in path order
        workers: list[_Worker] = []
        frames_ready = False
        try:
            while pending or any(w.queued for w in workers):
                if pending and len(workers) < self.size and all(w.queued for w in workers):
                    workers.append(_Worker(self.task))
                for worker in list(workers):
                    while pending and len(worker.queued) < _DEPTH and not worker.broken:
                        path = pending.pop()
                        try:
                            worker.give(path)
                        except OSError:  # the child is gone: this file was never sent
                            pending.append(path)
                            worker.queued.pop()
                            worker.broken = True
                    if worker.broken and not worker.queued:  # it died idle (e.g. the system's OOM killer)
                        worker.close()
                        workers.remove(worker)
                    # A broken worker with files queued died reading the first: the end of its answer pipe
                    # (below) names that file and sends the others back, as for any reader that dies.
                busy = [w for w in workers if w.queued]
                if not busy:  # poll() on nothing would wait forever: start a worker for what is pending
                    continue
                if not frames_ready:  # the children have their files: the parent's own next need
                    import pandas  # noqa: F401

                    frames_ready = True
                poller = select.poll()  # not select(): file descriptors past 1024 are fine
                for worker in busy:
                    poller.register(worker.answer_read, select.POLLIN)
                ready = {fd for fd, _event in poller.poll()}
                for worker in busy:
                    if worker.answer_read in ready:
                        yield from self._collect(worker, workers, pending)
        finally:
            for worker in workers:
                worker.close()

    @staticmethod
    def _collect(worker: _Worker, workers: list[_Worker], pending: list[Path]) -> Iterator[tuple[Path, Outcome]]:
        """One answer from a readable worker; or, at the end of its pipe, the file it died on."""
        try:
            data = worker.answer()
        except OSError:
            data = None
        if data is not None:
            yield worker.queued.popleft(), _unpack(data)
            return
        culprit = worker.queued.popleft()
        pending.extend(reversed(worker.queued))  # queued behind the culprit: read again by another worker
        reason = worker.death_reason()
        worker.close()
        workers.remove(worker)
        yield culprit, ("crashed", reason)


def _serve(task_fd: int, answer_fd: int, task: ReadTask, stderr_fd: int) -> None:
    """The child's loop: limit memory, then read each file it is given until the task pipe closes."""
    import faulthandler

    faulthandler.disable()  # a dying reader is reported by the parent, not by a dump of its stack
    os.dup2(stderr_fd, 2)  # a native reader's last words go to the parent's temp file, not the user
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory()
    while (message := _receive(task_fd)) is not None:
        _send(answer_fd, _pack(read_one(Path(os.fsdecode(message)), task)))


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
        start = pages * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return  # no RLIMIT_AS or no /proc here: the guard's bounds alone
    cap = start + limits.current().reader_mb * (1 << 20)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _pack(outcome: Outcome) -> bytes:
    """An outcome as bytes; the cells as read go through marshal (str, float, None, bool: ~4× pickle)."""
    status, value = outcome
    if status != "ok":
        return pickle.dumps((status, value, None, None), protocol=pickle.HIGHEST_PROTOCOL)
    raw_names = [name for name in value.data if name.endswith(".raw")]
    raws = [value.data[name] for name in raw_names]
    try:
        blob, codec = marshal.dumps(raws), "marshal"
    except ValueError:  # a datetime or another type marshal does not know
        blob, codec = pickle.dumps(raws, protocol=pickle.HIGHEST_PROTOCOL), "pickle"
    rest = replace(value, data={k: v for k, v in value.data.items() if not k.endswith(".raw")})
    order = list(value.data)
    return pickle.dumps((status, rest, (order, raw_names, codec), blob), protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> Outcome:
    status, value, raw_spec, blob = pickle.loads(data)
    if status != "ok":
        return status, value
    order, names, codec = raw_spec
    raws = dict(zip(names, marshal.loads(blob) if codec == "marshal" else pickle.loads(blob), strict=True))
    value.data = {name: raws[name] if name in raws else value.data[name] for name in order}
    return status, value
