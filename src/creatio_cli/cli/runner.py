"""Run the Typer app so that no failure reaches the user as a traceback (unless --debug).

Exit codes (README): 2 for anything about the user's files, options or environment — including a full
disk or a closed terminal behind standard output (an ``OSError`` with no file name, which only the
output streams raise here: every file write goes through ``render.safe``, which names its file); 3
only for a bug. The command-line parser's own refusals (an unknown option, a value out of range, a
missing argument) are exit 2 as well, said like creatio's other errors and in the user's language
(``cli/usage.py``), with the help hint below them.

Signals: SIGINT (Ctrl-C), SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread, so the
command unwinds as it would from an error — ``atomic_target`` deletes its temp file, reader processes
are killed, the register's transaction rolls back — and the exit code is the shell's convention,
128 + the signal (130, 143, 129). A second signal while that cleanup runs deletes the remaining temp
files and exits at once. Click would turn a KeyboardInterrupt into "Aborted!" and exit 1; this
exception is not one.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Iterator

import typer

from creatio_cli.cli.usage import click_errors
from creatio_cli.errors import CreatioError
from creatio_cli.messages import os_reason, render


class Interrupted(BaseException):
    """A signal asked the command to stop (not an ``Exception``: nothing may swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """While the command runs: SIGINT/SIGTERM/SIGHUP raise Interrupted (main thread only; restored after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()
    stopping: list[int] = []

    def handler(signum: int, _frame: object) -> None:
        from creatio_cli.render.safe import remove_temp_files

        if os.getpid() != owner:  # a forked reader inherited this handler: die as the signal says
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if stopping:  # asked again while unwinding: no more waiting
            remove_temp_files()
            os._exit(128 + stopping[0])
        stopping.append(signum)
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in _SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run(app: typer.Typer, args: list[str]) -> int:
    """Invoke the app; return the exit code (commands return theirs, errors map to 2 or 3, signals to
    128 + the signal's number)."""
    _reopen_closed_streams()
    lang = _lang(args)
    try:
        with _interruptible():
            try:
                return _run(app, args)
            finally:
                # Temp files are registered by render.safe; a command that never imported it (--help,
                # standards list) has none, and need not import the renderers to say so.
                safe = sys.modules.get("creatio_cli.render.safe")
                if safe is not None:
                    safe.remove_temp_files()
    except Interrupted as exc:  # raised after _run returned (or inside the finally): still an interruption
        return _stopped(exc.signum, lang)


def _stopped(signum: int, lang: str) -> int:
    _stderr(render("cli.interrupted" if signum == signal.SIGINT else "cli.terminated", lang))
    return 128 + signum


def _run(app: typer.Typer, args: list[str]) -> int:
    debug = "--debug" in args
    lang = _lang(args)
    command = typer.main.get_command(app)
    try:
        try:
            # Not standalone: the parser's usage errors come here to be said in the user's language
            # (_usage); typer.Exit(code) from a command, --help and --version come back as its code.
            result = command.main(args=args, prog_name="creatio", standalone_mode=False)
            code = result if isinstance(result, int) and not isinstance(result, bool) else 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()  # a full disk behind stdout fails here, with a message, not at interpreter exit
        return code
    except click_errors.NoArgsIsHelpError as exc:  # `creatio`, `creatio notices`: the help, on stderr (exit 2)
        exc.show()
        return exc.exit_code
    except click_errors.UsageError as exc:
        return _usage(exc, command, args, lang, debug)
    except typer.Abort:  # end of input at a prompt (Click's "Aborted!")
        _stderr(render("usage.aborted", lang))
        return 1
    except click_errors.ClickException as exc:  # another of the parser's refusals (a file it could not open): its own text
        _stderr(render("note.error", lang, message=exc.format_message()))
        return exc.exit_code
    except CreatioError as exc:
        _stderr(render("note.error", lang, message=exc.text(lang)))
        if debug:
            detail = exc.message.params.get("detail")
            if detail:
                _stderr(render("note.detail", lang, detail=detail))
            traceback.print_exc()
        return exc.exit_code
    except Interrupted as exc:
        return _stopped(exc.signum, lang)
    except KeyboardInterrupt:  # raised by code that bypasses the handler (tests, a non-main thread)
        return _stopped(signal.SIGINT, lang)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        if exc.filename is not None or exc.errno is None:
            return _internal(exc, debug, lang)
        _silence_stdout()
        _stderr(render("note.error", lang, message=render("output.stdout", lang, reason=os_reason(exc))))
        return 2
    except Exception as exc:  # a bug: short message, traceback only on request
        return _internal(exc, debug, lang)


def _usage(exc: click_errors.UsageError, command: object, args: list[str], lang: str, debug: bool) -> int:
    """A refusal of the command-line parser, in creatio's shape and the user's language: one line naming the
    option or argument and what is wrong, then the help hint (exit 2); --debug adds the parser's own text."""
    from creatio_cli.cli.usage import describe

    try:
        message, hint = describe(exc, command, args)
        texts = (message.render(lang), hint.render(lang))
    except Exception:  # never a traceback for a usage error: the parser's own text
        texts = (render("usage.other", lang, detail=exc.format_message()), "")
    _stderr(render("note.error", lang, message=texts[0]))
    if debug:
        _stderr(render("note.detail", lang, detail=exc.format_message()))
    if texts[1]:
        _stderr(texts[1])
    return exc.exit_code


def _internal(exc: BaseException, debug: bool, lang: str) -> int:
    """A bug: short message, traceback only on request (exit 3)."""
    if debug:
        traceback.print_exception(exc)
    # The exception's own text is a bug's detail: shown as it is, in either language.
    _stderr(render("internal.error_debug" if debug else "internal.error", lang, error=f"{type(exc).__name__}: {exc}"))
    return 3


def _silence_stdout() -> None:
    """Point stdout at the null device: what is still buffered cannot fail again at interpreter exit
    ("Exception ignored … BrokenPipeError/OSError" and exit code 120)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no file descriptor: a closed stdout, or tests' capture
        _ClosedStdout.reported = True


class _ClosedStdout(io.RawIOBase):
    """Standard output that was closed when creatio started (``creatio check x >&-``, some schedulers):
    writing to it fails as a write to a closed descriptor does, which the runner reports as exit 2 —
    once; after that, what is still buffered is dropped (no second failure at interpreter exit)."""

    reported = False

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        if _ClosedStdout.reported:
            return len(data)  # type: ignore[arg-type]
        raise OSError(errno.EBADF, "closed")  # os_reason: "it was closed"


def _reopen_closed_streams() -> None:
    """Give closed descriptors 0–2 the null device, so no file creatio opens later takes their number
    (a Rust panic message written to "fd 2" would land in it); a closed stderr then loses the messages
    quietly, and a report sent to a closed stdout is exit 2 ("cannot write standard output")."""
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
    for fd in closed:  # os.open takes the lowest free number: 0, 1, 2 in turn
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    if 1 in closed or sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()), encoding="utf-8")
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (lives until exit)


def _lang(args: list[str]) -> str:
    """The --lang of the command line, if it is one we speak (errors are printed before options parse)."""
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.split("=", 1)[1] if \
            arg.startswith("--lang=") else None
        if value is not None:
            return value if value in ("zh", "en") else "zh"
    return "zh"


#: Control characters (C0 but tab, DEL, C1): a file, sheet or cell name may hold any of them.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def one_line(message: str) -> str:
    """``message`` as one printable line: a line break or an escape sequence from a crafted sheet or file
    name is shown as ``\\n`` / ``\\x1b``, never acted on by the terminal nor splitting the message."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def _stderr(message: str) -> None:
    message = one_line(message)
    try:
        print(message, file=sys.stderr)
    except UnicodeEncodeError:  # a console that cannot show the text (e.g. cp437)
        print(message.encode("ascii", "backslashreplace").decode(), file=sys.stderr)
    except (OSError, ValueError):  # stderr is gone (a closed terminal after SIGHUP): nothing to tell
        pass
