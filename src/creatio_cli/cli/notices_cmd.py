"""`creatio notices draft | init-template | init-config | status | mark`: 整改通知书 and their register.

Exit codes of ``draft``: 0 done, no notice needed; 1 done, notices drafted; 2 bad input (ledger,
standard, options, template or settings) — reported before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import Common, with_common_options

notices_app = typer.Typer(help="整改通知书: draft rectification notices as Word documents and follow them up.",
                          no_args_is_help=True, rich_markup_mode=None)
RegisterOpt = Annotated[Path | None, typer.Option("--register", help="Notice register (default: notices/register.sqlite).")]
DEFAULT_DIR = Path("notices")


def register(app: typer.Typer) -> None:
    app.add_typer(notices_app, name="notices")


@notices_app.command("draft")
@with_common_options
def draft(
    ledger: Annotated[Path, typer.Argument(help="Ledger file, or a folder of ledgers.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the notices, index and register.")] = DEFAULT_DIR,
    all_shortfalls: Annotated[bool, typer.Option("--all-shortfalls", help="Notice every community with a shortfall, not only those behind 序时进度.")] = False,
    by: Annotated[str, typer.Option("--by", help="community (one 整改通知书 each) or department (one 交办单 each).")] = "community",
    template: Annotated[Path | None, typer.Option("--template", help="Word template (.docx); see `notices init-template`.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Office settings (YAML); see `notices init-config`.")] = None,
    register_file: RegisterOpt = None,
    due_days: Annotated[int | None, typer.Option("--due-days", min=1, max=365, help="Days to rectify (default 15, or the settings').")] = None,
    allow_placeholder: Annotated[bool, typer.Option("--allow-placeholder", help="Draft even when a notice would cite a placeholder threshold (refused by default, exit 2).")] = False,
    *,
    opts: Common,
) -> None:
    """Draft a 整改通知书 for every community behind schedule, follow up earlier notices, write an index.

    Exit codes: 0 done, no notice needed; 1 notices drafted; 2 the ledger, standard, options, template or
    settings cannot be used (nothing is written).
    """
    from creatio_cli import api
    from creatio_cli.cli import common as c
    from creatio_cli.errors import UsageError
    from creatio_cli.messages import msg
    from creatio_cli.notices.config import load_settings
    from creatio_cli.notices.docx import NoticeRenderer
    from creatio_cli.notices.draft import refuse_placeholders
    from creatio_cli.notices.register import Register
    from creatio_cli.notices.workflow import run
    from creatio_cli.standards import load_standard

    if by not in ("community", "department"):
        raise UsageError("option.choice", {"option": "--by", "choices": ["community", "department"], "value": by})
    if output.exists() and not output.is_dir():
        raise UsageError("option.output_is_file", file=output)
    settings = load_settings(config)
    renderer = NoticeRenderer(template)
    renderer.validate()  # a broken template stops the run before any file is written
    std = load_standard(opts.standard)
    run_ = api.check_ledgers(ledger, c.options(opts), exclude_under=output, standard=std)
    c.report_run(run_, opts.lang)
    result = run_.result
    refuse_placeholders(result, allow_placeholder)  # exit 2 before anything is written
    with Register(register_file or output / "register.sqlite") as reg:
        outcome = run(result, settings, renderer, reg, output, due_days=due_days or settings.due_days,
                      all_shortfalls=all_shortfalls, by=by, lang=opts.lang)
    for notice, file in outcome.written:
        print(f"{notice.number}\t{notice.street}{notice.community}\t{len(notice.problems)}\t{output / file}")
    c.note(msg("note.notices_done", written=len(outcome.written), rectified=len(outcome.rectified),
               overdue=len(outcome.overdue), folder=str(output)), opts.lang)
    raise typer.Exit(1 if outcome.written else 0)


@notices_app.command("init-template")
def init_template(out: Annotated[Path, typer.Argument(help="Where to write the template (.docx).")]) -> None:
    """Write the default notice template for an office to restyle (keep the {{ … }} tags)."""
    from creatio_cli.errors import UsageError
    from creatio_cli.notices.docx import copy_default_template

    if out.exists():
        raise UsageError("option.exists", file=out)
    print(copy_default_template(out))
    raise typer.Exit(0)


@notices_app.command("init-config")
def init_config(out: Annotated[Path, typer.Argument(help="Where to write the settings (.yaml).")]) -> None:
    """Write the default office settings (issuer, 代字, contact, phone, signature, due days, 抄送)."""
    from creatio_cli.errors import UsageError
    from creatio_cli.notices.config import default_config_text
    from creatio_cli.notices.files import write_atomic

    if out.exists():
        raise UsageError("option.exists", file=out)
    print(write_atomic(out, default_config_text().encode("utf-8")))
    raise typer.Exit(0)


@notices_app.command("status")
def status(register_file: RegisterOpt = None,
           format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table") -> None:
    """List the register: number, community, as-of, due date, status, note."""
    import json

    from creatio_cli.errors import UsageError
    from creatio_cli.notices.register import Register

    if format not in ("table", "json"):
        raise UsageError("option.choice", {"option": "--format", "choices": ["table", "json"], "value": format})
    with Register(register_file or DEFAULT_DIR / "register.sqlite", create=False) as reg:
        entries = reg.all()
    if format == "json":
        print(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        raise typer.Exit(0)
    from rich.console import Console
    from rich.table import Table

    table = Table(title="整改通知书登记")
    for header in ("文号", "类型", "街道", "社区", "截至", "期限", "状态", "问题", "备注"):
        table.add_column(header)
    kinds = {"notice": "整改", "escalation": "督办", "assignment": "交办"}
    states = {"open": "待整改", "rectified": "已整改", "overdue": "逾期", "cancelled": "已撤销"}
    for e in entries:
        table.add_row(e.number, kinds[e.kind], e.key[1], e.key[2], e.as_of.isoformat(), e.due.isoformat(),
                      states[e.status], str(len(e.findings)), e.note or "")
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)  # piped or redirected: do not squeeze the columns to 80
    console.print(table)
    raise typer.Exit(0)


@notices_app.command("mark")
def mark(
    number: Annotated[str, typer.Argument(help="文号, e.g. 创文办〔2022〕5号.")],
    new_status: Annotated[str, typer.Argument(metavar="rectified|cancelled", help="rectified or cancelled.")],
    note: Annotated[str | None, typer.Option("--note", help="What the 复查 found.")] = None,
    register_file: RegisterOpt = None,
) -> None:
    """Record what staff learn on a 复查 visit: a notice is rectified or cancelled."""
    from creatio_cli.errors import UsageError
    from creatio_cli.notices.register import Register

    if new_status not in ("rectified", "cancelled"):
        raise UsageError("option.choice", {"option": "status", "choices": ["rectified", "cancelled"],
                                           "value": new_status})
    with Register(register_file or DEFAULT_DIR / "register.sqlite", create=False) as reg:
        entry = reg.set_status(number, new_status, note)
    print(f"{entry.number}\t{entry.status}\t{entry.note or ''}")
    raise typer.Exit(0)
