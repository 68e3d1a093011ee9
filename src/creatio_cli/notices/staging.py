"""A run's files are written under temporary names and renamed into place only after the register commits.

One ``notices draft``, holding the output folder's lock (lock.py):

1. ``recover``: finish what a killed run left. Rows of ``pending`` for this folder name temporary files
   that were complete (flushed and fsync'd) before that run committed: each is renamed onto its final
   name. Temporary files that no row names belong to a run that died before committing — its numbers
   were never handed out — and are deleted.
2. ``BEGIN IMMEDIATE``; follow-up, numbers, rows; each document rendered to ``.creatio-<run>-<n>.part``;
   the (temporary → final) pairs recorded in ``pending`` in the same transaction; ``COMMIT``.
3. ``publish``: every temporary file renamed onto its final name, the folder fsync'd, the run's
   ``pending`` rows deleted; then the index.

A failure in 2 (a template error in the 12th notice, a full disk, SIGKILL) leaves no numbered file and no
row; one in 3 leaves rows whose files the next run renames into place. So there is never a numbered
.docx/.md without its row, and a committed number is never given to anything else. A temporary file that
went missing by hand after the commit cannot be rebuilt here (the template of that run is not known): the
next run says which number lost its file, and drafting the same ledger again re-creates it under the same
number (a rerun finds its row). Temporary names are short and fixed-length, whatever the community's
name, so they never exceed a file system's name limit. ``numbered_files`` lists the numbers the folder's
notice files already carry, so a register that does not match its folder (deleted, or restored from an
older copy) never hands out a number a file already has (workflow.py refuses the run).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from creatio_cli.errors import OutputError
from creatio_cli.messages import Message, os_reason
from creatio_cli.render.safe import check_output

if TYPE_CHECKING:
    from creatio_cli.notices.register import Register

TEMP_PREFIX = ".creatio-"
TEMP_SUFFIX = ".part"
_NUMBERED = re.compile(r"^(\d{4}-\d{3,})_.*\.(?:docx|md)$", re.DOTALL)


def folder_key(folder: Path) -> str:
    """How the register names a folder in ``pending``: absolute, resolved, case-folded where the OS is."""
    return os.path.normcase(str(Path(folder).resolve()))


def _plain(name: str) -> bool:
    """A bare file name (the register is a file people can edit: never follow a path out of the folder)."""
    return bool(name) and name not in (".", "..") and Path(name).name == name and "\\" not in name


def numbered_files(folder: Path) -> dict[str, str]:
    """``2022-005`` → ``2022-005_古城街道_南关社区.docx``: the numbers the folder's notice files carry."""
    found: dict[str, str] = {}
    with contextlib.suppress(OSError):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            match = _NUMBERED.match(entry.name)
            if match is not None and entry.is_file():
                found.setdefault(match[1], entry.name)
    return found


def _rename(src: Path, dst: Path) -> None:
    os.replace(src, dst)  # a seam for the crash tests


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):  # not possible on Windows; best effort elsewhere
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Staging:
    """The temporary files of one run in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.key = folder_key(self.folder)
        self.run = secrets.token_hex(4)
        self.files: list[tuple[str, str, str]] = []  # (temporary name, final name, 文号)
        self.numbered = numbered_files(self.folder)

    def write(self, final: str, number: str, data: bytes) -> None:
        """Write ``data`` completely (fsync'd) under a temporary name that will become ``final``."""
        target = self.folder / final
        check_output(target)  # a folder or device in the way, or an input file: refused before the commit
        temp = f"{TEMP_PREFIX}{self.run}-{len(self.files) + 1}{TEMP_SUFFIX}"
        path = self.folder / temp
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except OSError as exc:
            raise OutputError("output.cannot_write", {"reason": os_reason(exc)}, file=target) from exc
        self.files.append((temp, final, number))
        try:
            with open(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(OSError):
                os.chmod(path, os.stat(target).st_mode & 0o7777)  # a rerun keeps the file's mode
        except OSError as exc:
            raise OutputError("output.cannot_write", {"reason": os_reason(exc)}, file=target) from exc

    def discard(self) -> None:
        """Delete every temporary file (the run failed before its commit)."""
        for temp, _, _ in self.files:
            with contextlib.suppress(OSError):
                (self.folder / temp).unlink()
        self.files.clear()

    def publish(self) -> None:
        """Rename every file into place (after the commit); a failure is finished by the next run."""
        for temp, final, _ in self.files:
            try:
                _rename(self.folder / temp, self.folder / final)
            except OSError as exc:
                raise OutputError("register.cannot_publish", {"reason": os_reason(exc), "folder": str(self.folder)},
                                  file=self.folder / final) from exc
        _fsync_folder(self.folder)


def recover(register: Register, folder: Path,
            announce: Callable[[Message], None] | None = None) -> list[tuple[str, str]]:
    """Finish an interrupted run in ``folder`` (the caller holds its lock); returns (文号, file) pairs whose
    file could not be restored."""
    folder = Path(folder)
    key = folder_key(folder)
    rows = register.pending(key)
    lost: list[tuple[str, str]] = []
    restored = 0
    for _, temp, final, number in rows:
        if not (_plain(temp) and _plain(final)):
            continue
        if (folder / temp).is_file():
            try:
                _rename(folder / temp, folder / final)
            except OSError as exc:
                raise OutputError("output.cannot_replace", {"reason": os_reason(exc)}, file=folder / final) from exc
            restored += 1
        elif not (folder / final).exists():
            lost.append((number, final))
    if rows:
        _fsync_folder(folder)
        with register.transaction():
            register.clear_pending(key)
    for orphan in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            orphan.unlink()
    if announce is not None and restored:
        announce(Message("note.register_recovered", {"folder": str(folder), "count": restored}))
    if announce is not None:
        for number, final in lost:
            announce(Message("note.register_lost_file", {"path": str(folder / final), "number": number}))
    return lost


def recover_elsewhere(register: Register, announce: Callable[[Message], None] | None = None,
                      skip: Path | None = None) -> None:
    """Recover every other folder with pending files whose lock is free right now (``mark`` does this)."""
    from creatio_cli.notices.lock import FolderLock

    skipped = folder_key(skip) if skip is not None else None
    for key in sorted({row[0] for row in register.pending()}):
        if key == skipped or not Path(key).is_dir():
            continue
        held = FolderLock(Path(key))
        if held.acquire(0):
            try:
                recover(register, Path(key), announce)
            finally:
                held.release()
