"""Output safety: formula-injection guard, atomic writes, never overwrite an input.

design.md, "Safety rules": "Exports neutralise formula injection: a text cell starting with ``=``, ``+``,
``-``, ``@``, tab or CR is written as text (CSV: prefixed with ``'``; xlsx: as a string cell), in every
output format." and "outputs are written atomically (temp file + ``os.replace``, which also works on
Windows) and never overwrite an input."

Interrupted writes leave nothing behind: every temp file is registered while it exists
(:func:`live_temp_files`), created with SIGINT/SIGTERM held back so none can exist unregistered, and
removed when its block ends for any reason — an exception, or the ``Interrupted`` that the CLI's signal
handlers raise (``cli/runner.py``); :func:`remove_temp_files` sweeps whatever an interruption at an
unlucky instant still left.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path

from creatio_cli.errors import OutputError
from creatio_cli.messages import os_reason

#: Leading characters that make Excel, WPS or LibreOffice treat a CSV field as a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


#: Control characters a report never carries: C0 but tab, line feed and carriage return (which csv
#: quotes and md turns into ``<br>``), DEL, and C1 (U+0080–U+009F; U+009B is a terminal's CSI).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """``text`` without control characters: a NUL cuts a field short in some readers, an ESC sequence
    from a community's name would recolour or rewrite the terminal of whoever prints the report.

    Fast for the usual text: ``str.isprintable`` runs at C speed and is true for CJK; only a text that
    is not printable (control characters, but also tab, newline or U+3000) goes through the expression.
    Renderers of large documents call it once on the whole text rather than once per cell.
    """
    if text.isprintable():
        return text
    return CONTROL_CHARACTERS.sub("", text)


def guard_formula(text: str) -> str:
    """Prefix ``'`` to a text that a spreadsheet would read as a formula — also when control characters
    in front hide it (``"\\x00=cmd"``: those are dropped here, so the text cannot become ``=cmd`` when the
    document is cleaned). Other control characters are left for :func:`clean_text` on the whole text.
    """
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    if text and (text[0] < " " or "\x7f" <= text[0] <= "\x9f"):
        text = clean_text(text)
        return "'" + text if text.startswith(FORMULA_PREFIXES) else text
    return text


def neutralize(text: str) -> str:
    """A text made safe for a report cell: control characters dropped (:func:`clean_text`), then ``'``
    prefixed if a spreadsheet would read it as a formula; anything else is left alone.

    Only ``str`` values are ever guarded: callers pass numbers through untouched, so ``-200`` stays a
    number while the *text* ``"-200"`` (a raw cell) becomes ``"'-200"``.
    """
    text = clean_text(text)
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
    check_parent_folder(path)
    refuse_overwriting_inputs(path, (*inputs, *_PROTECTED.get()))


def check_parent_folder(path: Path) -> None:
    """Refuse an output whose folder does not exist (``output.no_folder``, naming the folder) or is a file.

    Never created silently: a typo in a folder name (``--output /nonexistdir/r.json``) would scatter
    reports where nobody looks for them (findings probe9 M4)."""
    parent = Path(path).parent
    if parent.is_dir():
        return
    blocker = next((p for p in (parent, *parent.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:  # a file stands where a folder should be
        raise OutputError("output.folder_is_file", {"blocker": str(blocker)}, file=path)
    raise OutputError("output.no_folder", {"folder": str(parent)}, file=path)


def make_output_folder(folder: Path) -> None:
    """Create ``folder`` for a command that writes a folder of outputs (``notices draft --output DIR``,
    ``history --charts DIR``): the folder itself may be new, its parent must exist (:func:`check_parent_folder`)."""
    folder = Path(folder)
    if folder.is_dir():
        return
    check_parent_folder(folder)
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:  # a file of that name
        raise OutputError("output.folder_is_file", {"blocker": str(folder)}, file=folder) from None
    except OSError as exc:
        raise OutputError("output.cannot_create_folder", {"reason": os_reason(exc)}, file=folder) from exc


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """Yield a temp path beside ``path``; on success ``os.replace`` it onto ``path``, else delete it.

    For writers that want a file name (xlsxwriter). The temp file lives in the same directory so the
    final rename never crosses file systems. The folder must exist (:func:`check_output`). A file-system refusal
    (read-only folder, disk full or over quota, the target open in Excel on Windows) — whether creating
    the temp file, writing it (the writer's own ``OSError``, or xlsxwriter's ``FileCreateError`` around
    one) or renaming it — becomes :class:`OutputError` (exit 2, one line naming ``path``) instead of a
    traceback; any other exception propagates unchanged. Either way the temp file is removed.
    """
    path = Path(path)
    check_output(path)
    try:
        with _signals_held():  # a signal now would leave a temp file nobody knows of
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            _LIVE.add(tmp_name)
    except OSError as exc:
        raise OutputError("output.cannot_write", {"reason": os_reason(exc)}, file=path) from exc
    tmp = Path(tmp_name)
    try:
        try:
            os.close(fd)
            yield tmp
        except Exception as exc:
            cause = _os_error(exc)
            if cause is None:
                raise
            raise OutputError("output.cannot_write", {"reason": os_reason(cause)}, file=path) from exc
        with contextlib.suppress(OSError):  # chmod is mostly a no-op on Windows
            os.chmod(tmp, _new_file_mode(path))
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            raise OutputError("output.cannot_replace", {"reason": os_reason(exc)}, file=path) from exc
        except OSError as exc:
            raise OutputError("output.cannot_write", {"reason": os_reason(exc)}, file=path) from exc
        _LIVE.discard(tmp_name)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        _LIVE.discard(tmp_name)  # only once it is gone: an interruption before this leaves it to the sweep
        raise


#: Temp files of :func:`atomic_target` that exist now (names as created).
_LIVE: set[str] = set()
_HELD = (signal.SIGINT, signal.SIGTERM, *((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ()))


def live_temp_files() -> list[str]:
    """The temp files being written now (for the signal handlers and tests)."""
    return sorted(_LIVE)


def remove_temp_files() -> None:
    """Delete every temp file still registered: the last resort of an interrupted command."""
    for name in list(_LIVE):
        with contextlib.suppress(OSError):
            os.unlink(name)
        _LIVE.discard(name)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP back for the block (POSIX); they are delivered when it ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _os_error(exc: BaseException) -> OSError | None:
    """The file-system error behind a writer's exception: the exception itself, or the OSError that a
    library wrapped (xlsxwriter raises ``FileCreateError(OSError)`` when it cannot store the workbook)."""
    if isinstance(exc, OSError):
        return exc
    if type(exc).__name__ == "FileCreateError" and exc.args and isinstance(exc.args[0], OSError):
        return exc.args[0]
    return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: readers see the old file or the new one, never a part."""
    with atomic_target(Path(path)) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file: the same inode (links), or the same resolved path (a file that
    does not exist yet; case folded where the system ignores case)."""
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
        if same_file(output, Path(src)):
            raise OutputError("output.is_input", {"input": str(src)}, file=output)
