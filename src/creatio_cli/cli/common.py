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
from typing import TYPE_CHECKING, Annotated

import typer

from creatio_cli.errors import UsageError
from creatio_cli.i18n import say

if TYPE_CHECKING:
    from creatio_cli.ledger.model import Ledger
    from creatio_cli.results import Campaign, Warning
    from creatio_cli.standards.model import Standard

StandardOpt = Annotated[str | None, typer.Option("--standard", help="Standard id or YAML path (default liugeyi-sidabiao).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Date judged at (default: the 截至/填报日期 in the ledger, else today).")]
StartOpt = Annotated[str | None, typer.Option("--start", help="Campaign start (default: the standard's, else 1 January of as-of's year).")]
DeadlineOpt = Annotated[str | None, typer.Option("--deadline", help="Campaign deadline (default: the standard's, else 31 December).")]
ConventionOpt = Annotated[str | None, typer.Option("--convention", help="序时进度 convention: day (default) or month.")]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="Read only this sheet.")]
HeaderRowsOpt = Annotated[int | None, typer.Option("--header-rows", min=1, max=3, help="Header band height (1-3) instead of detecting it.")]
DistrictOpt = Annotated[str | None, typer.Option("--district", help="Only communities of this district (区县).")]
StreetOpt = Annotated[str | None, typer.Option("--street", help="Only communities of this street (街道).")]
LangOpt = Annotated[str, typer.Option("--lang", help="Language of the output: zh or en.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and reading details.")]
FormatOpt = Annotated[str | None, typer.Option("--format", "-f", help="table, json, csv, xlsx or md (default: from --output's suffix, else table).")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")]


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


# The shared options in the order they appear in --help, with their defaults.
_SHARED: tuple[tuple[str, object, object], ...] = (
    ("standard", StandardOpt, None), ("as_of", AsOfOpt, None), ("start", StartOpt, None),
    ("deadline", DeadlineOpt, None), ("convention", ConventionOpt, None), ("sheet", SheetOpt, None),
    ("header_rows", HeaderRowsOpt, None), ("district", DistrictOpt, None), ("street", StreetOpt, None),
    ("lang", LangOpt, "zh"), ("debug", DebugOpt, False),
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
    def wrapper(*args: object, **kwargs: object) -> None:
        values = {name: kwargs.pop(name) for name, _, _ in _SHARED}
        return func(*args, opts=common(**values), **kwargs)

    del wrapper.__wrapped__  # Typer must see the wrapper's signature, not the wrapped one
    wrapper.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*own, *shared]}
    return wrapper


def common(standard: str | None, as_of: str | None, start: str | None, deadline: str | None,
           convention: str | None, sheet: str | None, header_rows: int | None, district: str | None,
           street: str | None, lang: str, debug: bool) -> Common:
    """Validate the shared options (bad dates, languages and conventions are usage errors, exit 2)."""
    if lang not in ("zh", "en"):
        raise UsageError(f"--lang must be zh or en, not {lang!r}")
    if convention not in (None, "day", "month"):
        raise UsageError(f"--convention must be day or month, not {convention!r}")
    return Common(standard, _date(as_of, "--as-of"), _date(start, "--start"), _date(deadline, "--deadline"),
                  convention, sheet, header_rows, district, street, lang, debug)


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    from creatio_cli.ledger.normalize import parse_date

    value = parse_date(text)
    if value is None:
        raise UsageError(f"{option}: {text!r} is not a date (e.g. 2022-06-30)")
    return value


def resolve_as_of(opts: Common, hint: date | None) -> tuple[date, str]:
    """The as-of date and where it came from: the option, the ledger's title rows, or today."""
    if opts.as_of:
        return opts.as_of, say("命令行 --as-of", "--as-of option", opts.lang)
    if hint:
        return hint, say("台账标题中的截至/填报日期", "the date in the ledger's title rows", opts.lang)
    return date.today(), say("今天（台账中未找到截至日期）", "today (no date found in the ledger)", opts.lang)


def campaign(opts: Common, standard: Standard, as_of: date) -> Campaign:
    """The campaign period: options beat the standard's schedule, which beats the calendar year."""
    from creatio_cli.schedule import campaign_for

    return campaign_for(
        as_of,
        start=opts.start or standard.schedule.start,
        deadline=opts.deadline or standard.schedule.deadline,
        convention=opts.convention or standard.schedule.convention,
    )


def select(ledger: Ledger, opts: Common) -> Ledger:
    """Keep only the communities of --district / --street (exit 2 when none is left)."""
    frame = ledger.frame
    mask = None
    for name, wanted in (("district", opts.district), ("street", opts.street)):
        if wanted is None or name not in frame:
            if wanted is not None:
                raise UsageError(f"--{name}: the ledger has no {name} column")
            continue
        hit = frame[name].map(lambda v, w=wanted.strip(): v is not None and str(v).strip() == w)
        mask = hit if mask is None else mask & hit
    if mask is None:
        return ledger
    if not mask.any():
        raise UsageError(f"no community matches --district/--street ({opts.district or ''} {opts.street or ''})")
    ledger.frame = frame[mask.to_numpy()].reset_index(drop=True)
    return ledger


def info(message: str) -> None:
    """Progress and notes go to stderr so stdout stays clean for --format json."""
    try:
        print(message, file=sys.stderr)
    except UnicodeEncodeError:
        print(message.encode("ascii", "backslashreplace").decode(), file=sys.stderr)


def show_warnings(warnings: Sequence[Warning], lang: str, limit: int = 20) -> None:
    """Print the report's warnings on stderr (the first ``limit``; the rest are in the json report)."""
    for w in warnings[:limit]:
        where = " ".join(part for part in (w.file, f"[{w.sheet}]" if w.sheet else "", w.cell or "") if part)
        info(say(f"警告：{where}：{w.message}", f"warning: {where}: {w.message}", lang))
    if len(warnings) > limit:
        more = len(warnings) - limit
        info(say(f"……另有 {more} 条警告，见 --format json 的 warnings", f"… {more} more warnings: see warnings in --format json", lang))


@contextlib.contextmanager
def working(zh: str, en: str, lang: str) -> Iterator[None]:
    """A spinner on stderr while a long step runs (only on a terminal: pipes and CI stay clean)."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(say(zh, en, lang)):
        yield
