"""One writer per output folder: an advisory lock file that the operating system releases for us.

Two ``notices draft`` runs into one folder must queue, not interleave (duplicated 文号, a lost register
row, one run's index over the other's notices). The folder gets a lock file, ``.creatio-notices.lock``,
locked with ``fcntl.flock`` (POSIX) or ``msvcrt.locking`` (Windows).

Why a kernel lock and not ``os.open(O_CREAT | O_EXCL)``: an exclusive-create lock outlives a killed
holder (SIGKILL, power cut, a closed laptop), so every waiter must guess whether a lock is stale — by
PID (reused, and meaningless for a run on another computer sharing the folder) or by age (a long run
looks stale). A wrong guess in one direction lets two writers in; in the other it blocks the office
until someone deletes the file by hand. The kernel drops a flock/msvcrt lock when its holder dies,
however it dies, so there is no stale lock to guess about. (flock works on local disks and, on Linux,
over NFS through fcntl emulation; on Windows shares msvcrt locks are SMB byte-range locks.)

A waiting run polls (non-blocking attempts with a growing pause, at most ``WAIT_SECONDS``), says once on
stderr whom it waits for, and gives up with exit 2. The holder writes its pid, host and start time into
the file for that message, and removes the file when done (POSIX: while still holding it; a waiter that
opened the old file notices its inode is gone and opens the new one), so folders are left as they were.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from creatio_cli.errors import OutputError, UsageError
from creatio_cli.messages import Message, os_reason
from creatio_cli.render.safe import make_output_folder

LOCK_NAME = ".creatio-notices.lock"
#: How long a run waits for the folder (and for the register's own lock) before giving up (exit 2).
WAIT_SECONDS = 300.0
_WINDOWS = sys.platform == "win32"

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only (spelled out for the type checker)
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _still_there(fd: int, path: Path) -> bool:
    """Whether the file we locked is still the one named ``path`` (a releasing holder unlinks it)."""
    if _WINDOWS:  # pragma: no cover - the lock file is never unlinked there
        return True
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


_STAMP = re.compile(r"^pid (?P<pid>\d+) on (?P<host>.*) since (?P<since>\S+)$")


def holder(path: Path) -> Message | None:
    """Who holds the lock, as its holder wrote it into the file (None when it is unreadable or unknown)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    found = _STAMP.match(text)
    if found is None:
        return None
    return Message("note.lock_holder", {"pid": found["pid"], "host": found["host"], "since": found["since"]})


class FolderLock:
    """The lock on one output folder; ``acquire`` returns False (non-blocking) or waits up to ``wait`` s."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.fd: int | None = None

    def _attempt(self) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError("output.cannot_write", {"reason": os_reason(exc)}, file=self.path) from exc
        if _try_lock(fd) and _still_there(fd, self.path):
            self.fd = fd
            return True
        os.close(fd)
        return False

    def acquire(self, wait: float, on_wait: Callable[[Message | None], None] | None = None) -> bool:
        """Lock the folder; False when ``wait`` passed first (0 = one attempt). ``on_wait`` is told once who
        holds it (:func:`holder`)."""
        deadline = time.monotonic() + wait
        pause = 0.02
        announced = False
        while not self._attempt():
            if time.monotonic() >= deadline:
                return False
            if on_wait is not None and not announced:
                on_wait(holder(self.path))
                announced = True
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, 0.5)
        self._stamp()
        return True

    def _stamp(self) -> None:
        """Say who holds the lock (read by waiters for their message, :func:`holder` parses it); best effort."""
        fd = self.fd
        assert fd is not None, "stamped only once the lock is held"
        text = f"pid {os.getpid()} on {socket.gethostname()} since {datetime.now().isoformat(timespec='seconds')}\n"
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, text.encode("utf-8"))

    def release(self) -> None:
        """Unlock (and, on POSIX, remove) the lock file; nothing when not held."""
        if self.fd is None:
            return
        if not _WINDOWS:
            with contextlib.suppress(OSError):
                self.path.unlink()  # while still locked: see the module docstring
        with contextlib.suppress(OSError):
            _unlock(self.fd)
        os.close(self.fd)
        self.fd = None


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float | None = None,
                on_wait: Callable[[Message | None], None] | None = None) -> Iterator[FolderLock]:
    """Hold the output folder (created if missing; its parent must exist) for the block; exit 2 when it stays busy too long."""
    folder = Path(folder)
    wait = WAIT_SECONDS if wait is None else wait
    make_output_folder(folder)  # the folder may be new, its parent must exist
    lock = FolderLock(folder)
    if not lock.acquire(wait, on_wait):
        who = holder(lock.path)
        if who is None:
            raise UsageError("register.folder_busy", {"seconds": float(wait)}, file=folder)
        raise UsageError("register.folder_busy_by", {"holder": who, "seconds": float(wait)}, file=folder)
    try:
        yield lock
    finally:
        lock.release()
