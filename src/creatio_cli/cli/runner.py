"""Run the Typer app so that no failure reaches the user as a traceback (unless --debug)."""

from __future__ import annotations

import sys
import traceback

import typer

from creatio_cli.errors import CreatioError
from creatio_cli.messages import render


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
        _stderr(render("note.error", lang, message=exc.text(lang)))
        if debug:
            detail = exc.message.params.get("detail")
            if detail:
                _stderr(render("note.detail", lang, detail=detail))
            traceback.print_exc()
        return exc.exit_code
    except KeyboardInterrupt:
        _stderr(render("cli.interrupted", lang))
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: short message, traceback only on request
        if debug:
            traceback.print_exc()
        # The exception's own text is a bug's detail: shown as it is, in either language.
        _stderr(render("internal.error_debug" if debug else "internal.error", lang, error=f"{type(exc).__name__}: {exc}"))
        return 3
    return 0


def _lang(args: list[str]) -> str:
    """The --lang of the command line, if it is one we speak (errors are printed before options parse)."""
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.split("=", 1)[1] if \
            arg.startswith("--lang=") else None
        if value is not None:
            return value if value in ("zh", "en") else "zh"
    return "zh"


def _stderr(message: str) -> None:
    try:
        print(message, file=sys.stderr)
    except UnicodeEncodeError:  # a console that cannot show the text (e.g. cp437)
        print(message.encode("ascii", "backslashreplace").decode(), file=sys.stderr)
