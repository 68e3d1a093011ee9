"""Run the Typer app so that no failure reaches the user as a traceback (unless --debug).

Exit codes (README): 2 for anything about the user's files, options or environment — including a full
disk or a closed terminal behind standard output (an ``OSError`` with no file name, which only the
output streams raise here: every file write goes through ``render.safe``, which names its file); 3
only for a bug.
"""

from __future__ import annotations

import os
import sys
import traceback

import typer

from creatio_cli.errors import CreatioError
from creatio_cli.i18n import tr


def run(app: typer.Typer, args: list[str]) -> int:
    """Invoke the app; return the exit code (commands return theirs, errors map to 2 or 3)."""
    debug = "--debug" in args
    lang = _lang(args)
    command = typer.main.get_command(app)
    try:
        try:
            # Standalone mode: Typer shows its own usage errors (exit 2) and ends with SystemExit;
            # commands end with typer.Exit(code).
            command.main(args=args, prog_name="creatio", standalone_mode=True)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()  # a full disk behind stdout fails here, with a message, not at interpreter exit
        return code
    except CreatioError as exc:
        _stderr(("错误：" if lang == "zh" else "error: ") + tr(str(exc), lang))
        if debug:
            traceback.print_exc()
        return exc.exit_code
    except KeyboardInterrupt:
        _stderr("interrupted")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        if exc.filename is not None or exc.errno is None:
            return _internal(exc, debug, lang)
        _silence_stdout()
        _stderr(("错误：" if lang == "zh" else "error: ") + tr(f"cannot write standard output: {exc.strerror}", lang))
        return 2
    except Exception as exc:  # a bug: short message, traceback only on request
        return _internal(exc, debug, lang)


def _internal(exc: BaseException, debug: bool, lang: str) -> int:
    if debug:
        traceback.print_exception(exc)
    message = f"internal error: {type(exc).__name__}: {exc}"
    if not debug:
        message += " (run with --debug for the traceback)"
    _stderr(tr(message, lang))
    return 3


def _silence_stdout() -> None:
    """Point stdout at the null device: what is still buffered cannot fail again at interpreter exit
    ("Exception ignored … BrokenPipeError/OSError" and exit code 120)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests' captured streams)
        pass


def _lang(args: list[str]) -> str:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


def _stderr(message: str) -> None:
    try:
        print(message, file=sys.stderr)
    except UnicodeEncodeError:  # a console that cannot show the text (e.g. cp437)
        print(message.encode("ascii", "backslashreplace").decode(), file=sys.stderr)
