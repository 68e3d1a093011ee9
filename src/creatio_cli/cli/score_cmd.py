"""`creatio score FOLDER`: every ledger of a folder, one run, ranked — the 周通报 (weekly bulletin)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from creatio_cli.cli.common import Common, FormatOpt, OutputOpt, with_common_options
from creatio_cli.ledger.limits import SMALL_FOLDER

if TYPE_CHECKING:
    from creatio_cli import api


def register(app: typer.Typer) -> None:
    app.command("score")(with_common_options(score))


def score(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder of ledgers (.xlsx .xlsm .xls .ods .csv), searched recursively.")],
    format: FormatOpt = None,
    output: OutputOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help=f"Processes reading files in parallel (default: 1 for fewer than {SMALL_FOLDER} files, where starting workers costs more than it saves; else the machine's cores).")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="An earlier `score --format json` report: add score changes and new/fixed findings.")] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="How many communities in 十佳 / 十差 (top / bottom).")] = 10,
    record: Annotated[bool, typer.Option("--record", help="After the report is written, record this run in the history file (a run with the same standard, as-of date and scope is replaced).")] = False,
    history: Annotated[Path | None, typer.Option("--history", metavar="FILE", help="History file for --record (default: creatio-history.sqlite in the current folder).")] = None,
    scope: Annotated[str | None, typer.Option("--scope", metavar="NAME", help="The run's scope in the history (default: the --district/--street filters, e.g. district=清江浦区, else all).")] = None,
    *,
    opts: Common,
) -> None:
    """Score every ledger in FOLDER against one standard at one as-of date and rank the communities.

    With --record, the run is added to the history file once the report is written (`creatio history`
    shows the trends).

    Exit codes: 0 every file read and every community meets the standard; 1 some finding, some file
    skipped, or an indicator some ledger cannot assess; 2 no file could be scored, the standard/options
    cannot be used, or the history file cannot be written; 3 internal error.
    """
    from creatio_cli import api
    from creatio_cli.cli import common as c
    from creatio_cli.render import emit
    from creatio_cli.render.formats import resolve_format

    output = c.stdout_or(output)
    fmt = resolve_format(format, output)
    options = c.options(opts, jobs=jobs)
    history_path, run_scope = _history_target(record, history, scope, options, output)
    run = api.score_folder(folder, options, baseline=baseline, top=top, output=output,
                           progress=_progress_bar(opts.lang))
    c.report_run(run, opts.lang)
    c.written(emit(run.ranked, fmt, output, opts.lang, inputs=run.inputs, limit=top or 10), opts.lang)
    if history_path is not None:
        _record(run, history_path, run_scope, str(folder), opts.lang)
    raise typer.Exit(run.exit_code)


def _history_target(record: bool, history: Path | None, scope: str | None, options: api.Options,
                    output: Path | None) -> tuple[Path | None, str]:
    """Where --record goes and under which scope; an unusable history file is refused before any work."""
    from creatio_cli import api
    from creatio_cli.errors import UsageError
    from creatio_cli.history.store import DEFAULT_NAME

    if not record:
        if history is not None or scope is not None:
            raise UsageError("history.needs_record", {"option": "--history" if history is not None else "--scope"})
        return None, ""
    run_scope = api.run_scope(options, scope)
    path = history if history is not None else Path(DEFAULT_NAME)
    api.check_history(path, output=output)
    return path, run_scope


def _record(run: api.ScoreRun, path: Path, scope: str, source: str, lang: str) -> None:
    """Record the run (after its report was written) and say which run was recorded or replaced."""
    from creatio_cli import api
    from creatio_cli.cli import common as c
    from creatio_cli.errors import CreatioError, UsageError

    try:
        recorded = api.record_run(run, path, scope, source=source, announce=lambda m: c.note(m, lang))
    except CreatioError as exc:  # the report is out; say so along with why the run is not in the history
        raise UsageError("history.not_recorded", {"reason": exc.message, "detail": exc.message.params.get("detail")},
                         file=exc.file) from exc
    c.note(recorded.note(), lang)


def _progress_bar(lang: str) -> Callable[[int, int], None] | None:
    """A transient rich progress bar on stderr (files read of all), or nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    from creatio_cli.messages import render

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task(render("note.reading_ledgers", lang), total=None)
    bar.start()

    def advance(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)
        if done >= total:
            bar.stop()

    return advance
