"""The command line: Typer options → core → renderer → exit code.

Exit codes (also in ``--help`` and the README): 0 all met / done; 1 some finding or skipped file;
2 the ledger, standard or options cannot be used; 3 an internal error (traceback with --debug).
Heavy libraries (pandas, openpyxl, docxtpl) are imported inside the commands so ``--help`` is fast.
"""

from __future__ import annotations

import gc
import sys

import typer

from creatio_cli import __version__
from creatio_cli.cli import bulletin_cmd, check_cmd, history_cmd, inspect_cmd, notices_cmd, score_cmd, standards_cmd

EXIT_CODES_HELP = (
    "Exit codes: 0 every community meets the standard / done; 1 some finding (shortfall, missing or "
    "invalid value) or a skipped file; 2 the ledger, standard or options cannot be used (or an output cannot "
    "be written); 3 internal error; 129/130/143 stopped by SIGHUP/Ctrl-C/SIGTERM (temporary files removed)."
)

app = typer.Typer(
    name="creatio",
    help="社区台账创建达标检查 — check community ledgers (社区台账) against creation standards.\n\n"
    + EXIT_CODES_HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)


def _version(value: bool) -> None:
    if value:
        print(f"creatio {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """creatio: check, score and follow up community ledgers."""


check_cmd.register(app)
inspect_cmd.register(app)
score_cmd.register(app)
history_cmd.register(app)
notices_cmd.register(app)
bulletin_cmd.register(app)
standards_cmd.register(app)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app and turn every failure into a short message and exit code."""
    from creatio_cli.cli.runner import run

    # Most values are acyclic and freed by reference counting; the cyclic collector mostly re-walks
    # pandas' import-time objects (~8 % of a small check), so run it rarely — but do run it: Word
    # documents (lxml, docxtpl) form cycles, and without it 1,000 notices held 5 GB. bench/README.md.
    gc.set_threshold(100_000, 50, 100)
    sys.exit(run(app, sys.argv[1:] if argv is None else argv))
