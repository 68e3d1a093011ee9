"""`creatio notices draft | init-template | init-config | status | mark`: 整改通知书 and their register.

Exit codes of ``draft``: 0 done, no notice needed; 1 done, notices drafted; 2 bad input (ledger,
standard, options, template or settings) — reported before anything is written — or an environment that
cannot be used (a register that is locked, read-only, damaged, newer or not ours; a full disk).
``status`` and ``mark`` find the register as ``draft`` does: ``--register FILE``, else ``register.sqlite``
in ``--output DIR`` (default ``./notices/``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from creatio_cli.cli.common import Common, ForceOpt, with_common_options

if TYPE_CHECKING:
    from creatio_cli.messages import Message

notices_app = typer.Typer(help="整改通知书: draft rectification notices as Word documents and follow them up.",
                          no_args_is_help=True, rich_markup_mode=None)
RegisterOpt = Annotated[Path | None, typer.Option("--register", help="Notice register (default: register.sqlite in the output folder).")]
FolderOpt = Annotated[Path | None, typer.Option("--output", "-o", help="The folder `notices draft --output` wrote (default: notices).")]
DEFAULT_DIR = Path("notices")
DRAFT_COLUMNS = ("notice_number", "notice_community", "notice_problems", "notice_file")  # label.<key>


STATUS_COLUMNS = ("notice_number", "notice_kind", "notice_street", "notice_community", "notice_as_of", "notice_due",
                  "notice_status", "notice_problems", "notice_note")


def register_path(register_file: Path | None, output: Path | None) -> Path:
    """``--register FILE``, else ``register.sqlite`` in ``--output DIR`` (default ./notices/)."""
    from creatio_cli.errors import UsageError

    if register_file is not None:
        if register_file.is_dir():  # the notices folder given as --register: say which flag takes a folder
            raise UsageError("register.is_folder", {"folder": str(register_file)}, file=register_file)
        return register_file
    folder = output if output is not None else DEFAULT_DIR
    if folder.exists() and not folder.is_dir():
        raise UsageError("register.output_is_file", file=folder)
    return folder / "register.sqlite"


def announcer(lang: str) -> Callable[[Message], None]:
    """Where the register's progress messages go (waits, migrations, recoveries): stderr, in ``lang``."""
    from creatio_cli.cli.common import note
    from creatio_cli.render.i18n import check_lang

    lang = check_lang(lang)
    return lambda message: note(message, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(notices_app, name="notices")


@notices_app.command("draft")
@with_common_options
def draft(
    ledger: Annotated[Path, typer.Argument(metavar="LEDGER", help="Ledger file, or a folder of ledgers.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the notices, index and register.")] = DEFAULT_DIR,
    all_shortfalls: Annotated[bool, typer.Option("--all-shortfalls", help="Notice every community with a shortfall, not only those behind 序时进度.")] = False,
    by: Annotated[str, typer.Option("--by", help="community (one 整改通知书 each) or department (one 交办单 each).")] = "community",
    template: Annotated[Path | None, typer.Option("--template", help="Word template (.docx); see `notices init-template`.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Office settings (YAML); see `notices init-config`.")] = None,
    register_file: RegisterOpt = None,
    due_days: Annotated[int | None, typer.Option("--due-days", min=1, max=365, help="Days to rectify (default 15, or the settings').")] = None,
    allow_placeholder: Annotated[bool, typer.Option("--allow-placeholder", help="Draft even when a notice would cite a placeholder threshold (refused by default, exit 2).")] = False,
    dated: Annotated[str | None, typer.Option("--date", metavar="DATE", help="Date the notices bear (成文日期, YYYY-MM-DD; default the ledger's as-of date); 整改期限 counts from it.")] = None,
    allow_unassessed: Annotated[bool, typer.Option("--allow-unassessed", help="Draft even when the ledger has no column for some indicators (refused by default, exit 2); notices list them apart as 台账未反映.")] = False,
    *,
    opts: Common,
) -> None:
    """Draft a 整改通知书 for every community behind schedule, follow up earlier notices, write an index.

    Exit codes: 0 done, no notice needed; 1 notices drafted; 2 the ledger, standard, options, template or
    settings cannot be used (nothing is written).
    """
    from creatio_cli import api
    from creatio_cli.cli import common as c
    from creatio_cli.messages import msg
    from creatio_cli.notices.files import clean_text
    from creatio_cli.render.i18n import labels

    told = api.NoticeOptions(output, all_shortfalls, by, template, config, register_file, due_days,
                             allow_placeholder, allow_unassessed, c.date_option(dated, "--date"))
    drafted = api.draft_notices(ledger, c.options(opts), told, lang=opts.lang, announce=announcer(opts.lang),
                                on_checked=lambda run: c.report_run(run, opts.lang))
    outcome = drafted.outcome
    rows = [[notice.number, clean_text(notice.street + notice.community), str(len(notice.problems)), str(output / file)]
            for notice, file in outcome.written]
    if _is_terminal():  # the file by its name: the note below names the folder
        _print_drafted([[*row[:3], Path(row[3]).name] for row in rows], opts.lang, by)
    else:  # piped or redirected: tab-separated lines, a header then one line a notice, for scripts
        print("\t".join(labels(_columns(by), opts.lang)))
        for row in rows:
            print("\t".join(row))
    c.note(msg("note.notices_done", written=len(outcome.written), rectified=len(outcome.rectified),
               overdue=len(outcome.overdue), folder=str(output)), opts.lang)
    raise typer.Exit(drafted.exit_code)


def _is_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


def _columns(by: str) -> tuple[str, ...]:
    """The listing's columns: a 交办单 is addressed to a department, not a community."""
    if by == "department":
        return tuple("department" if key == "notice_community" else key for key in DRAFT_COLUMNS)
    return DRAFT_COLUMNS


def _print_drafted(rows: list[list[str]], lang: str, by: str = "community") -> None:
    """The notices drafted as a table for a person at a terminal (the file column wraps, never the number)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from creatio_cli.render.i18n import t

    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, header_style="bold")
    for key in _columns(by):
        table.add_column(t(key, lang), justify="right" if key == "notice_problems" else "left",
                         no_wrap=key in ("notice_number", "notice_problems"), overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    Console().print(table)


@notices_app.command("init-template")
def init_template(out: Annotated[Path, typer.Argument(metavar="OUT", help="Where to write the template (.docx).")],
                  force: ForceOpt = False) -> None:
    """Write the default notice template for an office to restyle (keep the {{ … }} tags)."""
    from creatio_cli.errors import UsageError
    from creatio_cli.notices.docx import copy_default_template

    if out.exists() and not force:  # the office may have edited it: never replaced unasked
        raise UsageError("option.exists", file=out)
    print(copy_default_template(out))
    raise typer.Exit(0)


@notices_app.command("init-config")
def init_config(out: Annotated[Path, typer.Argument(metavar="OUT", help="Where to write the settings (.yaml).")],
                  force: ForceOpt = False) -> None:
    """Write the default office settings (issuer, 代字, contact, phone, signature, due days, 抄送)."""
    from creatio_cli.errors import UsageError
    from creatio_cli.notices.config import default_config_text
    from creatio_cli.notices.files import write_atomic

    if out.exists() and not force:  # the office may have edited it: never replaced unasked
        raise UsageError("option.exists", file=out)
    print(write_atomic(out, default_config_text().encode("utf-8")))
    raise typer.Exit(0)


@notices_app.command("status")
def status(register_file: RegisterOpt = None, output: FolderOpt = None,
           format: Annotated[str, typer.Option("--format", "-f", help="table or json (json adds each notice's history).")] = "table",
           lang: Annotated[str, typer.Option("--lang", help="Language of messages: zh or en.")] = "zh") -> None:
    """List the register: number, community, as-of, due date, status, note (read only; never migrates)."""
    import json

    from creatio_cli.errors import UsageError
    from creatio_cli.messages import msg
    from creatio_cli.notices import schema
    from creatio_cli.notices.register import Register

    if format not in ("table", "json"):
        raise UsageError("option.choice", {"option": "--format", "choices": ["table", "json"], "value": format})
    announce = announcer(lang)
    path = register_path(register_file, output)
    with schema.translating(path), Register(path, create=False, write=False) as reg, reg.reading():
        entries, history, pending = reg.all(), reg.history(), reg.pending()
    if pending:
        announce(msg("note.register_pending", path=str(path), count=len(pending)))
    if format == "json":
        marks: dict[str, list[dict]] = {}
        for m in history:
            marks.setdefault(m.number, []).append(m.to_dict())
        print(json.dumps([{**e.to_dict(), "history": marks.get(e.number, [])} for e in entries],
                         ensure_ascii=False, indent=2))
        raise typer.Exit(0)
    from rich.console import Console

    from creatio_cli.cli.common import terminal_width

    width = terminal_width()
    # Piped or redirected without COLUMNS: one row a notice, whatever its width (do not squeeze to 80).
    _print_register(entries, lang, Console(width=width or 200), narrow=width is not None)
    raise typer.Exit(0)


def _print_register(entries: list, lang: str, console: Any, *, narrow: bool) -> None:
    """The register as a table. When it is wider than the terminal (``narrow``): no as-of column (the due
    date is what a follow-up needs), street and community in one column that wraps at its " / ", and the
    notes under the table, one a notice, wrapped — never a date or a number folded inside a cell."""
    from rich import box
    from rich.measure import Measurement
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from creatio_cli.render.i18n import labels, t
    from creatio_cli.render.safe import clean_text

    def cells(e: Any) -> dict[str, str]:
        return {"notice_number": e.number, "notice_kind": t(f"notice_kind_{e.kind}", lang),
                "notice_street": e.key[1], "notice_community": e.key[2], "notice_as_of": e.as_of.isoformat(),
                "notice_due": e.due.isoformat(), "notice_status": t(f"notice_{e.status}", lang),
                "notice_problems": str(len(e.findings)), "notice_note": e.note or ""}

    rows = [cells(e) for e in entries]
    table = Table(title=t("register_title", lang))
    for header in labels(STATUS_COLUMNS, lang):
        table.add_column(header)
    for row in rows:
        table.add_row(*(Text(clean_text(row[k])) for k in STATUS_COLUMNS))
    if not narrow or Measurement.get(console, console.options.update_width(10_000), table).maximum <= console.width:
        console.print(table)
        return
    keys = [k for k in STATUS_COLUMNS if k not in ("notice_as_of", "notice_street", "notice_note")]
    table = Table(title=t("register_title", lang), box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False,
                  header_style="bold")
    for key in keys:
        header = t(key, lang)
        if key == "notice_community":
            header = f"{t('notice_street', lang)} / {header}"
        table.add_column(header, justify="right" if key == "notice_problems" else "left",
                         no_wrap=key != "notice_community", overflow="fold")
    for row in rows:
        place = " / ".join(p for p in (row["notice_street"], row["notice_community"]) if p)
        table.add_row(*(Text(clean_text(place if k == "notice_community" else row[k])) for k in keys))
    console.print(table)
    noted = [row for row in rows if row["notice_note"]]
    if noted:
        console.print(Text(t("notice_note", lang), style="bold"))
        for row in noted:
            console.print(Padding(Text(clean_text(f"{row['notice_number']}  {row['notice_note']}")), (0, 0, 0, 2)))


@notices_app.command("mark")
def mark(
    number: Annotated[str, typer.Argument(metavar="NUMBER", help="文号, e.g. 创文办〔2022〕5号 (also [2022], 【2022】, (2022), 第5号).")],
    new_status: Annotated[str, typer.Argument(metavar="rectified|cancelled", help="rectified or cancelled.")],
    note: Annotated[str | None, typer.Option("--note", help="What the 复查 found.")] = None,
    register_file: RegisterOpt = None,
    output: FolderOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Change a notice that is already rectified or cancelled.")] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who records it (default: the login name); kept in the history.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of messages: zh or en.")] = "zh",
) -> None:
    """Record what staff learn on a 复查 visit: a notice is rectified or cancelled (kept in its history)."""
    from creatio_cli.errors import UsageError
    from creatio_cli.notices import schema
    from creatio_cli.notices.register import Register
    from creatio_cli.notices.staging import recover_elsewhere

    if new_status not in ("rectified", "cancelled"):
        raise UsageError("option.choice", {"option": "status", "choices": ["rectified", "cancelled"],
                                           "value": new_status})
    path = register_path(register_file, output)
    announce = announcer(lang)
    with schema.translating(path), Register(path, create=False, announce=announce) as reg:
        recover_elsewhere(reg, announce)
        with reg.transaction():
            entry = reg.mark(number, new_status, note, force=force, by=by)
    from creatio_cli.render.i18n import t

    print(f"{entry.number}\t{t(f'notice_{entry.status}', lang)}\t{entry.note or ''}")
    raise typer.Exit(0)
