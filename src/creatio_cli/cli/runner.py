"""Run the Typer app so that no failure reaches the user as a traceback (unless --debug)."""

from __future__ import annotations

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
        # Standalone mode: Typer shows its own usage errors (exit 2) and ends with SystemExit;
        # commands end with typer.Exit(code).
        command.main(args=args, prog_name="creatio", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except CreatioError as exc:
        _stderr(("错误：" if lang == "zh" else "error: ") + tr(str(exc), lang))
        if debug:
            traceback.print_exc()
        return exc.exit_code
    except KeyboardInterrupt:
        _stderr("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: short message, traceback only on request
        if debug:
            traceback.print_exc()
        message = f"internal error: {type(exc).__name__}: {exc}"
        if not debug:
            message += " (run with --debug for the traceback)"
        _stderr(tr(message, lang))
        return 3
    return 0


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
