"""The command line: Typer options → core → renderer → exit code.

Exit codes (also in ``--help`` and the README): 0 all met / done; 1 some finding or skipped file;
2 the ledger, standard or options cannot be used; 3 an internal error (traceback with --debug).
Heavy libraries (pandas, openpyxl, docxtpl) are imported inside the commands, and each command is built
only when used (``cli/lazy.py``), so ``--help`` is fast.
"""

from __future__ import annotations

import gc
import sys
from typing import ClassVar

import typer

from creatio_cli import __version__
from creatio_cli.cli.lazy import LazyCommand, LazyGroup

EXIT_CODES_HELP = (
    "Exit codes: 0 every community meets the standard / done; 1 some finding (shortfall, missing or "
    "invalid value) or a skipped file; 2 the ledger, standard or options cannot be used (or an output cannot "
    "be written); 3 internal error; 129/130/143 stopped by SIGHUP/Ctrl-C/SIGTERM (temporary files removed)."
)



class CreatioGroup(LazyGroup):
    """The root command: each subcommand's module and the one line the root help shows for it."""

    COMMANDS: ClassVar[dict[str, LazyCommand]] = {
        "check": LazyCommand("check_cmd", "Check one ledger against a standard and report every community's shortfalls."),
        "inspect": LazyCommand("inspect_cmd", "Show, for every field, the column chosen, its confidence, the runner-up and why; "
                               "every other column and why it is no field; and the rows kept or dropped."),
        "score": LazyCommand("score_cmd", "Score every ledger in FOLDER against one standard at one as-of date and rank "
                             "the communities."),
        "history": LazyCommand("history_cmd", "List the recorded runs and their trends: score, completion against 序时进度, "
                               "behind schedule, pass rates."),
        "template": LazyCommand("standards_cmd", "Write a blank ledger (.xlsx) whose header the standard reads, with a "
                                "填表说明 sheet."),
        "notices": LazyCommand("notices_cmd", "整改通知书: draft rectification notices as Word documents and follow them up."),
        "bulletin": LazyCommand("bulletin_cmd", "周通报 / 月通报: a city's weekly or monthly bulletin as a Word 公文 with charts."),
        "standards": LazyCommand("standards_cmd", "List, show and validate standards (YAML)."),
    }


app = typer.Typer(
    name="creatio",
    cls=CreatioGroup,
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


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app and turn every failure into a short message and exit code."""
    from creatio_cli.cli.runner import run

    # Most values are acyclic and freed by reference counting; the cyclic collector mostly re-walks
    # pandas' import-time objects (~8 % of a small check), so run it rarely — but do run it: Word
    # documents (lxml, docxtpl) form cycles, and without it 1,000 notices held 5 GB. bench/README.md.
    gc.set_threshold(100_000, 50, 100)
    sys.exit(run(app, sys.argv[1:] if argv is None else argv))
