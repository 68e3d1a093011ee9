"""`creatio inspect LEDGER`: how the ledger was read — sheets, header band, column → field, rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import DebugOpt, HeaderRowsOpt, LangOpt, MapOpt, MappingOpt, SheetOpt, StandardOpt


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)


def inspect(
    ledger: Annotated[Path, typer.Argument(metavar="LEDGER", help="Ledger file to look into.")],
    standard: StandardOpt = None,
    sheet: SheetOpt = None,
    header_rows: HeaderRowsOpt = None,
    map: MapOpt = None,
    mapping: MappingOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the reading as JSON.")] = False,
    write_mapping: Annotated[Path | None, typer.Option("--write-mapping", help="Write the column mapping decided here to a YAML file that --mapping reads back (edit it first).")] = None,
) -> None:
    """Show, for every field, the column chosen, its confidence, the runner-up and why; every other column
    and why it is no field; and the rows kept or dropped.

    Exit codes: 0 a ledger sheet was found; 2 the file cannot be read or no sheet has a community column
    (the reading is still printed, to show what was seen).
    """
    from creatio_cli.cli.common import terminal_width
    from creatio_cli.ledger import mapping as user_mapping
    from creatio_cli.ledger.inspection import describe, inspect_ledger, mapping_file
    from creatio_cli.messages import render
    from creatio_cli.render.i18n import check_lang
    from creatio_cli.render.safe import check_output, write_atomic
    from creatio_cli.standards import load_standard

    lang = check_lang(lang)
    std = load_standard(standard, option="--standard")
    overrides = {key: (name, origin) for key, name, origin in user_mapping.build(std, mapping, tuple(map or ()))}
    if write_mapping is not None:
        check_output(write_mapping, [ledger, *([mapping] if mapping else [])])
    report = inspect_ledger(ledger, std, sheet=sheet, header_rows=header_rows, lang=lang, overrides=overrides)
    if json_out:
        import json

        print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    else:
        print(describe(report, lang, terminal_width()))
    from creatio_cli.cli.common import info, show_warnings

    # A misspelt header in a shared mapping file would otherwise pass unseen (check, score, notices say it too).
    headers = [c["header"] for s in report["sheets"] if s["role"] == "ledger"
               for c in (*s.get("columns", ()), *s.get("unmapped", ()))]
    if report["ledger_found"]:
        pairs = tuple((k, n, o) for k, (n, o) in overrides.items())
        used = user_mapping.keys_of_headers(headers, pairs)
        show_warnings(user_mapping.unmatched_entries(mapping, std, pairs, {str(ledger): used}), lang)

    if write_mapping is not None and report["ledger_found"]:
        write_atomic(write_mapping, mapping_file(report, lang).encode("utf-8"))
        info(render("note.written", lang, path=str(write_mapping)))
    if not report["ledger_found"]:
        info(f"{ledger}: {render('note.no_community_column', lang)}")
        raise typer.Exit(2)
    raise typer.Exit(0)

