"""`creatio score FOLDER`: every ledger of a folder, one run, ranked — the 周通报 (weekly bulletin)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import Common, FormatOpt, OutputOpt, with_common_options
from creatio_cli.ledger.limits import SMALL_FOLDER


def register(app: typer.Typer) -> None:
    app.command("score")(with_common_options(score))


def score(
    folder: Annotated[Path, typer.Argument(help="Folder of ledgers (.xlsx .xlsm .xls .ods .csv), searched recursively.")],
    format: FormatOpt = None,
    output: OutputOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help=f"Processes reading files in parallel (default: 1 for fewer than {SMALL_FOLDER} files, where starting workers costs more than it saves; else the machine's cores).")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="An earlier `score --format json` report: add score changes and new/fixed findings.")] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="How many communities in 十佳 / 十差 (top / bottom).")] = 10,
    *,
    opts: Common,
) -> None:
    """Score every ledger in FOLDER against one standard at one as-of date and rank the communities.

    Exit codes: 0 every file read and every community meets the standard; 1 some finding, some file
    skipped, or an indicator some ledger cannot assess; 2 no file could be scored, or the standard/options
    cannot be used; 3 internal error.
    """
    from creatio_cli import api
    from creatio_cli.cli import common as c
    from creatio_cli.render import emit
    from creatio_cli.render.formats import resolve_format

    output = c.stdout_or(output)
    fmt = resolve_format(format, output)
    run = api.score_folder(folder, c.options(opts, jobs=jobs), baseline=baseline, top=top, output=output,
                           progress=_progress_bar(opts.lang))
    c.report_run(run, opts.lang)
    c.written(emit(run.ranked, fmt, output, opts.lang, inputs=run.inputs, limit=top or 10), opts.lang)
    raise typer.Exit(run.exit_code)


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
