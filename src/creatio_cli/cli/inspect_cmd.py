"""`creatio inspect LEDGER`: how the ledger was read — sheets, header band, column → field, rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import DebugOpt, HeaderRowsOpt, LangOpt, SheetOpt, StandardOpt


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)


def inspect(
    ledger: Annotated[Path, typer.Argument(help="Ledger file to look into.")],
    standard: StandardOpt = None,
    sheet: SheetOpt = None,
    header_rows: HeaderRowsOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the reading as JSON.")] = False,
) -> None:
    """Show each sheet's role, header rows, every column's field (or why none), and rows kept or dropped.

    Exit codes: 0 a ledger sheet was found; 2 the file cannot be read or no sheet has a community column
    (the reading is still printed, to show what was seen).
    """
    from creatio_cli.ledger.inspection import describe, inspect_ledger
    from creatio_cli.messages import check_lang
    from creatio_cli.standards import load_standard

    lang = check_lang(lang)
    std = load_standard(standard)
    report = inspect_ledger(ledger, std, sheet=sheet, header_rows=header_rows, lang=lang)
    if json_out:
        import json

        print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    else:
        print(describe(report, lang))
    if not report["ledger_found"]:
        from creatio_cli.cli.common import info
        from creatio_cli.messages import render

        info(f"{ledger}: {render('note.no_community_column', lang)}")
        raise typer.Exit(2)
    raise typer.Exit(0)
