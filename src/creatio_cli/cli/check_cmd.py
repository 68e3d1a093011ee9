"""`creatio check LEDGER`: one ledger, every community, every shortfall."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import Common, FormatOpt, OutputOpt, with_common_options


def register(app: typer.Typer) -> None:
    app.command("check")(with_common_options(check))


def check(
    ledger: Annotated[Path, typer.Argument(metavar="LEDGER", help="Ledger file: .xlsx .xlsm .xls .ods or .csv")],
    format: FormatOpt = None,
    output: OutputOpt = None,
    all_findings: Annotated[bool, typer.Option("--all-findings", help="Also list met, not applicable and waived indicators.")] = False,
    *,
    opts: Common,
) -> None:
    """Check one ledger against a standard and report every community's shortfalls.

    Exit codes: 0 every community meets the standard; 1 some finding (shortfall, missing or invalid
    value) or an indicator the ledger cannot assess; 2 the ledger, the standard or the options cannot
    be used (or no indicator can be assessed); 3 internal error.
    """
    from creatio_cli import api
    from creatio_cli.cli import common as c
    from creatio_cli.messages import msg
    from creatio_cli.render import emit
    from creatio_cli.render.formats import resolve_format

    output = c.stdout_or(output)
    fmt = resolve_format(format, output)
    with c.working(msg("note.reading", name=ledger.name), opts.lang):
        run = api.check_file(ledger, c.options(opts, all_findings=all_findings), output=output)
    c.report_run(run, opts.lang)
    c.written(emit(run.result, fmt, output, opts.lang, inputs=run.inputs), opts.lang)
    raise typer.Exit(run.exit_code)
