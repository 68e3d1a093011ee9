"""`creatio standards list | show ID | validate PATH` and `creatio template OUT.xlsx`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import ForceOpt, LangOpt
from creatio_cli.messages import render

standards_app = typer.Typer(help="List, show and validate standards (YAML).", no_args_is_help=True,
                            rich_markup_mode=None)


def register(app: typer.Typer) -> None:
    app.add_typer(standards_app, name="standards")
    app.command("template")(template)


@standards_app.command("list")
def list_standards(lang: LangOpt = "zh") -> None:
    """List the shipped standards."""
    from creatio_cli.cli.common import terminal_width
    from creatio_cli.render.fill import display_width, fill
    from creatio_cli.standards import load_standard, shipped_ids

    standards = [load_standard(ref) for ref in shipped_ids()]
    id_width = max([len(s.id) for s in standards] + [20])
    version_width = max([display_width(s.version) for s in standards] + [8])
    width = terminal_width()
    if width is not None:  # a narrow terminal: the id and version columns as wide as their values
        id_width = max(len(s.id) for s in standards)
    for std in standards:
        note = "" if std.indicators else "  " + render("note.field_library", lang)
        head = f"{std.id:<{id_width}} {std.version:<{version_width}} {len(std.indicators):>3}  "
        # The title wraps under itself (its column), or under the id when that column leaves too little room.
        hang = " " * len(head) if width is None or width - len(head) >= 24 else "    "
        print("\n".join(fill(f"{std.title.get(lang)}{note}", width, head, hang)))
    raise typer.Exit(0)


@standards_app.command("show")
def show(ref: Annotated[str, typer.Argument(metavar="REF", help="Standard id or YAML path.")], lang: LangOpt = "zh") -> None:
    """Show a standard: its indicators, thresholds, points, departments and sources."""
    from creatio_cli.cli.common import terminal_width
    from creatio_cli.cli.describe import describe_standard
    from creatio_cli.standards import load_standard

    print(describe_standard(load_standard(ref), lang, terminal_width()))
    raise typer.Exit(0)


@standards_app.command("validate")
def validate(path: Annotated[Path, typer.Argument(metavar="PATH", help="YAML standard to validate.")], lang: LangOpt = "zh") -> None:
    """Validate a YAML standard; exit 2 with the file and key path when it cannot be used.

    A standard without indicators is a valid field library (common-fields), exit 0, but it is said that
    check, score and notices draft refuse it: it can only be extended.
    """
    from creatio_cli.standards import load_standard

    std = load_standard(path)
    if std.indicators:
        points = sum(i.points for i in std.indicators)
        print(render("note.validated", lang, path=str(path), id=std.id, version=std.version,
                     indicators=len(std.indicators), points=points))
    else:
        print(render("note.validated_library", lang, path=str(path), id=std.id, version=std.version))
    from creatio_cli.cli.common import show_warnings
    from creatio_cli.engine import standard_warnings

    show_warnings(standard_warnings(std), lang)  # usable, but a title says a number its rule does not have
    raise typer.Exit(0)


def template(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Where to write the blank ledger (.xlsx).")],
    standard: Annotated[str | None, typer.Option("--standard", help="Standard id or YAML path.")] = None,
    lang: LangOpt = "zh",
    force: ForceOpt = False,
) -> None:
    """Write a blank ledger (.xlsx) whose header the standard reads, with a 填表说明 sheet.

    With --lang en the instructions sheet is in English; the headers stay as the standard words them.
    An existing OUT is refused (exit 2) unless --force: it is most likely a ledger already filled in.
    """
    from creatio_cli.errors import UsageError
    from creatio_cli.ledger.template import write_template
    from creatio_cli.render.i18n import check_lang
    from creatio_cli.render.safe import atomic_target
    from creatio_cli.standards import load_standard

    if out.suffix.lower() != ".xlsx":
        raise UsageError("option.template_suffix", file=out)
    if out.exists() and not force:  # OUT is a ledger-to-be: the one named is often the one already filled in
        raise UsageError("option.exists", file=out)
    std = load_standard(standard, option="--standard")
    # Atomic: a full disk or a read-only folder is exit 2 naming ``out`` (xlsxwriter's FileCreateError
    # too), a device or folder is never replaced, an interruption leaves no temp file.
    with atomic_target(out) as tmp:
        write_template(std, tmp, check_lang(lang))
    print(render("note.written", lang, path=str(out)))
    raise typer.Exit(0)
