"""`creatio check LEDGER`: one ledger, every community, every shortfall."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import Common, FormatOpt, OutputOpt, with_common_options


def register(app: typer.Typer) -> None:
    app.command("check")(with_common_options(check))


def check(
    ledger: Annotated[Path, typer.Argument(help="Ledger file: .xlsx .xlsm .xls .ods or .csv")],
    format: FormatOpt = None,
    output: OutputOpt = None,
    all_findings: Annotated[bool, typer.Option("--all-findings", help="Also list met, not applicable and waived indicators.")] = False,
    *,
    opts: Common,
) -> None:
    """Check one ledger against a standard and report every community's shortfalls.

    Exit codes: 0 every community meets the standard; 1 some finding (shortfall, missing or invalid
    value); 2 the ledger, the standard or the options cannot be used; 3 internal error.
    """
    from creatio_cli.render.formats import resolve_format
    from creatio_cli.render.safe import check_output, protecting
    from creatio_cli.standards import load_standard

    fmt = resolve_format(format, output)
    if output is not None:
        check_output(output, [ledger])
    std = load_standard(opts.standard)
    with protecting([ledger]):
        _run(ledger, std, fmt, output, all_findings, opts)


def _run(ledger: Path, std, fmt, output: Path | None, all_findings: bool, opts: Common) -> None:
    from creatio_cli.cli import common as c
    from creatio_cli.engine import check as run_check
    from creatio_cli.i18n import say
    from creatio_cli.ledger.workers import ReadTask, load_isolated
    from creatio_cli.render import emit

    with c.working(f"读取 {ledger.name} …", f"reading {ledger.name} …", opts.lang):
        book = load_isolated(ledger, ReadTask(std, opts.sheet, opts.header_rows))
    book = c.select(book, opts)
    day, source = c.resolve_as_of(opts, book.as_of_hint)
    period = c.campaign(opts, std, day)
    c.info(say(f"截至日期 {day.isoformat()}（{source}）；标准 {std.id}", f"as of {day.isoformat()} ({source}); standard {std.id}", opts.lang))
    with c.working("检查中 …", "checking …", opts.lang):
        result = run_check(book, std, day, period, lang=opts.lang, all_findings=all_findings)
    c.show_warnings(result.warnings, opts.lang)
    written = emit(result, fmt, output, opts.lang, inputs=[ledger])
    for path in written:
        c.info(say(f"已写入 {path}", f"written: {path}", opts.lang))
    raise typer.Exit(result.exit_code)
