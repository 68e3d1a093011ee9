"""Options shared by check, score, notices draft and inspect, and the steps they share.

Typer has no option groups, so the shared options are Annotated aliases repeated in each command.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sys
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from creatio_cli.errors import UsageError
from creatio_cli.messages import Message

if TYPE_CHECKING:
    from creatio_cli.api import CheckRun, Options
    from creatio_cli.results import Warning

StandardOpt = Annotated[str | None, typer.Option("--standard", metavar="ID|PATH", help="Standard id or YAML path (default liugeyi-sidabiao).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Date judged at (default: the 截至/填报日期 in the ledger, else today).")]
StartOpt = Annotated[str | None, typer.Option("--start", metavar="DATE", help="Campaign start (default: the standard's, else 1 January of as-of's year).")]
DeadlineOpt = Annotated[str | None, typer.Option("--deadline", metavar="DATE", help="Campaign deadline (default: the standard's, else 31 December).")]
ConventionOpt = Annotated[str | None, typer.Option("--convention", metavar="day|month", help="序时进度 convention: day (default) or month.")]
SheetOpt = Annotated[str | None, typer.Option("--sheet", metavar="NAME", help="Read only this sheet.")]
HeaderRowsOpt = Annotated[int | None, typer.Option("--header-rows", min=1, max=3, metavar="N", help="Header band height (1-3) instead of detecting it.")]
DistrictOpt = Annotated[str | None, typer.Option("--district", metavar="NAME", help="Only communities of this district (区县).")]
StreetOpt = Annotated[str | None, typer.Option("--street", metavar="NAME", help="Only communities of this street (街道).")]
MapOpt = Annotated[list[str] | None, typer.Option("--map", metavar="HEADER=FIELD", help="Map a column yourself: \"HEADER=field\" (repeatable; HEADER is a leaf or group/leaf; \"HEADER=\" means no field).")]
MappingOpt = Annotated[Path | None, typer.Option("--mapping", metavar="FILE.yaml", help="A column-mapping file (YAML; `creatio inspect --write-mapping` writes one).")]
LangOpt = Annotated[str, typer.Option("--lang", metavar="zh|en", help="Language of the output: zh or en.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and reading details.")]
FormatOpt = Annotated[str | None, typer.Option("--format", "-f", metavar="FORMAT", help="table, json, csv, xlsx or md (default: from --output's suffix, else table).")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace OUT if it exists (default: refuse, exit 2).")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", metavar="PATH", help="Write the report here instead of stdout.")]


@dataclass(frozen=True)
class Common:
    """The shared options, validated."""

    standard: str | None
    as_of: date | None
    start: date | None
    deadline: date | None
    convention: str | None
    sheet: str | None
    header_rows: int | None
    district: str | None
    street: str | None
    lang: str
    debug: bool
    maps: tuple[str, ...] = ()
    mapping: Path | None = None


# The shared options in the order they appear in --help, with their defaults.
_SHARED: tuple[tuple[str, object, object], ...] = (
    ("standard", StandardOpt, None), ("as_of", AsOfOpt, None), ("start", StartOpt, None),
    ("deadline", DeadlineOpt, None), ("convention", ConventionOpt, None), ("sheet", SheetOpt, None),
    ("header_rows", HeaderRowsOpt, None), ("district", DistrictOpt, None), ("street", StreetOpt, None),
    ("map", MapOpt, None), ("mapping", MappingOpt, None), ("lang", LangOpt, "zh"), ("debug", DebugOpt, False),
)


def with_common_options(func: Callable[..., None]) -> Callable[..., None]:
    """Give a Typer command the shared options; the command receives them validated as ``opts: Common``.

    Typer builds options from the function signature, so the wrapper advertises the command's own
    parameters followed by the shared ones, and turns the shared values into one ``Common``.
    """
    hints = typing.get_type_hints(func, include_extras=True)
    own = [p.replace(annotation=hints.get(p.name, p.annotation))
           for p in inspect.signature(func).parameters.values() if p.name != "opts"]
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
              for name, annotation, default in _SHARED]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:  # Typer passes each value with its option's type
        values = {name: kwargs.pop(name) for name, _, _ in _SHARED}
        return func(*args, opts=common(**values), **kwargs)

    del wrapper.__wrapped__  # Typer must see the wrapper's signature, not the wrapped one
    # inspect.signature() honours __signature__, an attribute function objects do not declare.
    wrapper.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*own, *shared]}
    return wrapper


def common(standard: str | None, as_of: str | None, start: str | None, deadline: str | None,
           convention: str | None, sheet: str | None, header_rows: int | None, district: str | None,
           street: str | None, lang: str, debug: bool, map: list[str] | None = None,
           mapping: Path | None = None) -> Common:
    """Validate the shared options (bad dates, languages and conventions are usage errors, exit 2)."""
    from creatio_cli.render.i18n import check_lang

    lang = check_lang(lang)
    if convention not in (None, "day", "month"):
        raise UsageError("option.convention", {"value": convention})
    return Common(standard, _date(as_of, "--as-of"), _date(start, "--start"), _date(deadline, "--deadline"),
                  convention, sheet, header_rows, district, street, lang, debug, tuple(map or ()), mapping)


def options(opts: Common, **extra: Any) -> Options:
    """The library's options object for these command-line options (plus command-specific ``extra``)."""
    from creatio_cli.api import Options

    return Options(standard=opts.standard, as_of=opts.as_of, start=opts.start, deadline=opts.deadline,
                   convention=opts.convention, sheet=opts.sheet, header_rows=opts.header_rows,
                   district=opts.district, street=opts.street, maps=opts.maps, mapping=opts.mapping,
                   **extra)


def date_option(text: str | None, option: str) -> date | None:
    """A date option's value (any form a ledger's title uses); a usage error (exit 2) naming ``option``."""
    return _date(text, option)


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    from creatio_cli.ledger.normalize import parse_date

    value = parse_date(text)
    if value is None:
        raise UsageError("option.date", {"option": option, "value": text})
    return value


def stdout_or(output: Path | None) -> Path | None:
    """``--output -`` means stdout (design.md, "Additions")."""
    return None if output is not None and str(output) == "-" else output


def note(message: Message, lang: str) -> None:
    """A catalogue message on stderr, in the user's language."""
    info(message.render(lang))


def report_run(run: CheckRun, lang: str) -> None:
    """What a person should know about a run, on stderr: notes, the as-of date used, warnings."""
    for message in run.notes:
        note(message, lang)
    result = run.result
    as_of = Message("note.as_of", {"date": result.as_of.isoformat(), "source": run.as_of_source,
                                   "standard": result.standard.id})
    # Filled to the terminal like the report under it (the English line was 81 columns at 80, and a --standard
    # PATH can make any line longer); whole when piped.
    # Too wide, it breaks after the date's source: the date and the standard as two items (fill keeps items whole).
    from creatio_cli.ledger.tokens import display_width
    from creatio_cli.render.fill import fill

    text, width = as_of.render(lang), terminal_width()
    if width is not None and display_width(text) > width:
        text = text.replace("; ", ";  ", 1)  # English; the Chinese line breaks between characters
    for line in fill(text, width):
        info(line)
    show_warnings(result.warnings, lang)


def written(paths: Sequence[Path], lang: str) -> None:
    for path in paths:
        note(Message("note.written", {"path": str(path)}), lang)


def info(message: str) -> None:
    """Progress and notes go to stderr so stdout stays clean for --format json."""
    from creatio_cli.render.safe import clean_text

    message = clean_text(message)  # a warning may quote a cell: its control characters stay out of the terminal
    try:
        print(message, file=sys.stderr)
    except UnicodeEncodeError:
        print(message.encode("ascii", "backslashreplace").decode(), file=sys.stderr)


def show_warnings(warnings: Sequence[Warning], lang: str, limit: int = 20) -> None:
    """Print the report's warnings on stderr (the first ``limit``; the rest are in the json report)."""
    for w in warnings[:limit]:
        note(Message("note.warning", {"where": w.where(), "message": w.message}), lang)
    if len(warnings) > limit:
        note(Message("note.more_warnings", {"more": len(warnings) - limit}), lang)


@contextlib.contextmanager
def working(message: Message, lang: str) -> Iterator[None]:
    """A spinner on stderr while a long step runs (only on a terminal: pipes and CI stay clean)."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message.render(lang)):
        yield


def terminal_width() -> int | None:
    """The terminal's columns (COLUMNS wins, as for rich); None when stdout is no terminal and COLUMNS is
    unset: a file or a pipe gets whole lines, whatever their width."""
    import os
    import shutil

    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None
