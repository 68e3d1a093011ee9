"""A folder of ledgers → one Ledger (all files read, normalised and concatenated) + every file's status.

design.md: "pandas costs ~15 ms of fixed overhead per small frame … 300 ledgers of 66 rows take 6.3 s
checked one frame at a time and ~1 s when read, concatenated and checked once." So files are read in
parallel (``--jobs``), their frames concatenated in path order, and the engine runs once; the engine's
duplicate rule ("the same key twice in one run … checked once, first file in path order wins") then
applies across files for free.

One bad file never stops the batch: any exception while reading it becomes a ``skipped`` FileStatus
with a one-line reason. Files creatio wrote itself are never read (design: "No command ever reads its
own earlier output as input"): see :func:`written_by_creatio`.
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from creatio_cli.errors import CreatioError
from creatio_cli.ledger.guard import ZIP_ERRORS
from creatio_cli.ledger.model import Ledger
from creatio_cli.ledger.reader import LEDGER_SUFFIXES
from creatio_cli.messages import Message, msg
from creatio_cli.results import FileStatus
from creatio_cli.standards.model import Standard

#: The document author creatio stamps into every workbook it writes (docProps/core.xml dc:creator).
CREATOR = "creatio"
# Header words of creatio's own csv reports (zh and en); a ledger never has all three.
_REPORT_HEADERS = (("得分", "Score"), ("满分", "Max score"), ("完成率", "Completion"))
# … and of `creatio history` csv exports (every view has the as-of date, 序时进度 and a score or pass rate).
_HISTORY_HEADERS = (("截至日期", "As of"), ("序时进度", "Expected progress"),
                    ("平均分", "得分", "达标率", "Mean score", "Score", "Pass rate"))


@dataclass
class Batch:
    """What a folder gave: the concatenated ledger (None when no file could be read) and file statuses."""

    ledger: Ledger | None
    files: list[FileStatus]
    as_of_hints: list[date]


def find_ledgers(folder: Path, exclude: Sequence[Path] = ()) -> list[Path]:
    """Ledger files under ``folder`` in sorted path order, without lock, hidden or creatio-written files."""
    excluded = {os.path.normcase(str(p.resolve())) for p in exclude}
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(part.startswith((".", "~$")) for part in rel):
            continue  # hidden files/dirs, Office lock files (~$台账.xlsx)
        if path.suffix.lower() not in LEDGER_SUFFIXES:
            continue
        if not path.is_file():
            # A link to nowhere named like a ledger (x.xlsx → a moved file) is listed, and skipped by the
            # reader with its reason; a folder or a device named so is not a ledger at all.
            if path.is_symlink() and not path.exists():
                found.append(path)
            continue
        if os.path.normcase(str(path.resolve())) in excluded or written_by_creatio(path):
            continue
        found.append(path)
    return found


def written_by_creatio(path: Path) -> bool:
    """True for a report creatio wrote: a workbook whose author is ``creatio``, or a csv with its header.

    Checked on the raw bytes (the zip's docProps/core.xml, the csv's first line) so nothing is parsed
    as a workbook; unreadable files answer False and are reported by the reader instead.
    """
    try:
        if path.suffix.lower() == ".csv":
            with path.open("rb") as fh:
                head = fh.read(4096).decode("utf-8-sig", errors="ignore").splitlines()
            first = head[0] if head else ""
            return any(all(any(word in first for word in words) for words in signature)
                       for signature in (_REPORT_HEADERS, _HISTORY_HEADERS))
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 65536:
                return False
            core = archive.read(info).decode("utf-8", errors="ignore")
        return f"<dc:creator>{CREATOR}</dc:creator>" in core
    except KeyError:  # no docProps/core.xml
        return False
    except ZIP_ERRORS:  # NotImplementedError, RuntimeError … : a damaged zip is no report of ours
        return False


def read_folder(
    paths: list[Path],
    standard: Standard,
    *,
    sheet: str | None = None,
    header_rows: int | None = None,
    jobs: int = 1,
    progress: Callable[[Path], None] | None = None,
    overrides: tuple[tuple[str, str | None, str], ...] = (),
) -> Batch:
    """Read every file (``jobs`` isolated reader processes), concatenate the good ones in path order.

    A file that cannot be read — an error, an exception, or a reader process that died — is skipped with
    its reason; the others are read all the same (``ledger/workers.py``).
    """
    from creatio_cli.ledger.workers import ReadTask, read_files

    task = ReadTask(standard, sheet, header_rows, overrides)
    outcomes = {path: _as_status(outcome) for path, outcome in
                read_files(paths, task, jobs=jobs, progress=progress).items()}
    return _combine(paths, outcomes)


def _as_status(outcome: tuple[str, object]) -> tuple[str, object]:
    """A reader's outcome as ("ok", LedgerColumns) or ("skipped", Message saying why)."""
    status, value = outcome
    if status == "ok":
        return outcome
    if isinstance(value, CreatioError):  # its message without the path, which the file status already names
        reason = value.message
        return "skipped", msg("file.reason_in_sheet", sheet=value.sheet, reason=reason) if value.sheet else reason
    return "skipped", value  # a Message from the reader process


def _combine(paths: list[Path], outcomes: dict[Path, tuple[str, object]]) -> Batch:
    from creatio_cli.ledger.load import LedgerColumns, frame_ledger

    files: list[FileStatus] = []
    good: list[LedgerColumns] = []
    for path in paths:  # path order, whatever order the workers finished in
        status, value = outcomes[path]
        if status == "ok":
            assert isinstance(value, LedgerColumns)
            good.append(value)
            sheets = tuple(s.sheet for s in value.sheets if s.role == "ledger")
            files.append(FileStatus(str(path), sheets, "ok", None, 0, value.as_of_hint))
        else:
            assert isinstance(value, Message)  # _as_status words every failure as a Message
            files.append(FileStatus(str(path), (), "skipped", value, 0))
    if not good:
        return Batch(None, files, [])
    hints = [g.as_of_hint for g in good if g.as_of_hint is not None]
    return Batch(frame_ledger(good, as_of_hint=None), files, hints)


def count_communities(files: list[FileStatus], source_files: list[str]) -> list[FileStatus]:
    """Fill each ok file's community count from the checked communities' source files."""
    counts = Counter(source_files)
    return [replace(f, communities=counts.get(f.path, 0)) for f in files]

