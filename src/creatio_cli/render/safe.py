"""Output safety: formula-injection guard, atomic writes, never overwrite an input.

design.md, "Safety rules": "Exports neutralise formula injection: a text cell starting with ``=``, ``+``,
``-``, ``@``, tab or CR is written as text (CSV: prefixed with ``'``; xlsx: as a string cell), in every
output format." and "outputs are written atomically (temp file + ``os.replace``, which also works on
Windows) and never overwrite an input."
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path

from creatio_cli.errors import OutputError
from creatio_cli.messages import os_reason

#: Leading characters that make Excel, WPS or LibreOffice treat a CSV field as a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    """Prefix ``'`` to a text that a spreadsheet would read as a formula; leave anything else alone.

    Only ``str`` values are ever guarded: callers pass numbers through untouched, so ``-200`` stays a
    number while the *text* ``"-200"`` (a raw cell) becomes ``"'-200"``.
    """
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def neutralize_value(value: object) -> object:
    """:func:`neutralize` for str values; every other value (numbers, None, bool) is returned as is."""
    return neutralize(value) if type(value) is str else value


def _new_file_mode(path: Path) -> int:
    """The mode a plain ``open(path, "w")`` would give: keep an existing file's, else 0o666 & ~umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# The files the running command reads (ledgers, standards, baselines, templates …). Every write goes
# through :func:`atomic_target`, which refuses these whatever the route (same path, symlink, hard link).
_PROTECTED: ContextVar[tuple[Path, ...]] = ContextVar("creatio_protected_inputs", default=())


@contextlib.contextmanager
def protecting(inputs: Iterable[Path]) -> Iterator[None]:
    """While the block runs, no output may replace any of ``inputs`` (design: "inputs are never modified")."""
    token = _PROTECTED.set((*_PROTECTED.get(), *(Path(p) for p in inputs)))
    try:
        yield
    finally:
        _PROTECTED.reset(token)


def check_output(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output path that is not a regular file (a device, a folder), or that is one of ``inputs``
    or of the inputs the running command protects (:func:`protecting`). Commands call it before any work;
    :func:`atomic_target` calls it again at write time."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None  # does not exist yet (or cannot be inspected; writing will say why)
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError("output.is_folder" if stat.S_ISDIR(mode) else "output.not_regular", file=path)
    refuse_overwriting_inputs(path, (*inputs, *_PROTECTED.get()))


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """Yield a temp path beside ``path``; on success ``os.replace`` it onto ``path``, else delete it.

    For writers that want a file name (xlsxwriter). The temp file lives in the same directory so the
    final rename never crosses file systems. Parent directories are created. A file-system refusal
    (read-only folder, disk full, the target open in Excel on Windows) becomes :class:`OutputError`
    (exit 2, one line) instead of a traceback; any other exception propagates unchanged.
    """
    path = Path(path)
    check_output(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError("output.cannot_write", {"reason": os_reason(exc)}, file=path) from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        with contextlib.suppress(OSError):  # chmod is mostly a no-op on Windows
            os.chmod(tmp, _new_file_mode(path))
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            raise OutputError("output.cannot_replace", {"reason": os_reason(exc)}, file=path) from exc
        except OSError as exc:
            raise OutputError("output.cannot_write", {"reason": os_reason(exc)}, file=path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: readers see the old file or the new one, never a part."""
    with atomic_target(Path(path)) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _same_file(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass  # one of them does not exist yet
    return os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def refuse_overwriting_inputs(output: Path, inputs: Iterable[Path]) -> None:
    """Raise :class:`OutputError` when ``output`` is one of ``inputs`` (same file, or same resolved path).

    Catches ``./a.xlsx`` vs ``a.xlsx``, symlinks and hard links (``samefile``), and case differences on
    case-insensitive systems (``normcase``).
    """
    output = Path(output)
    for src in inputs:
        if _same_file(output, Path(src)):
            raise OutputError("output.is_input", {"input": str(src)}, file=output)
