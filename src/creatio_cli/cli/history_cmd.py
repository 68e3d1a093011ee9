"""`creatio history`: the runs ``score --record`` kept, and trends per district, street, community, indicator
and partner unit — parse → ``api.history`` → render → exit code.

Exit codes: 0 done; 2 the history file or the options cannot be used (one line naming the file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import DebugOpt, FormatOpt, LangOpt, OutputOpt

HistoryFileOpt = Annotated[Path | None, typer.Option("--history", metavar="FILE", help="History file (default: creatio-history.sqlite in the current folder).")]


def register(app: typer.Typer) -> None:
    app.command("history")(history)


def history(
    history_file: HistoryFileOpt = None,
    scope: Annotated[str | None, typer.Option("--scope", metavar="NAME", help="Runs of this scope only (as `score --record` named it: all, district=…, or --scope).")] = None,
    standard: Annotated[str | None, typer.Option("--standard", metavar="ID", help="Runs of this standard only.")] = None,
    by: Annotated[str, typer.Option("--by", metavar="VIEW", help="run (default), district, street, community, indicator or partner.")] = "run",
    community: Annotated[str | None, typer.Option("--community", metavar="NAME", help="One community's trajectory: score, completion, behind schedule and unmet indicators per run.")] = None,
    street: Annotated[str | None, typer.Option("--street", metavar="NAME", help="Only communities of this street.")] = None,
    district: Annotated[str | None, typer.Option("--district", metavar="NAME", help="Only communities of this district.")] = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    charts: Annotated[Path | None, typer.Option("--charts", metavar="DIR", help="Also draw the trends as PNG charts into DIR (mean score, behind schedule, completion vs 序时进度, districts, streets, partner units, pass rates; a trajectory with --community).")] = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> None:
    """List the recorded runs and their trends: score, completion against 序时进度, behind schedule, pass rates.

    xlsx writes every view, one sheet each, with line charts; --charts DIR draws PNG charts. Exit codes:
    0 done; 2 the history file or the options cannot be used.
    """
    from creatio_cli import api
    from creatio_cli.cli import common as c
    from creatio_cli.errors import UsageError
    from creatio_cli.history.store import DEFAULT_NAME
    from creatio_cli.render import Format, emit
    from creatio_cli.render.formats import resolve_format
    from creatio_cli.render.i18n import check_lang
    from creatio_cli.trends import VIEWS

    lang = check_lang(lang)
    output = c.stdout_or(output)
    fmt = resolve_format(format, output)
    view = "community" if community is not None and by == "run" else by
    path = history_file if history_file is not None else Path(DEFAULT_NAME)
    if charts is not None and charts.exists() and not charts.is_dir():
        raise UsageError("history.charts_is_file", file=charts)
    if charts is not None:
        from creatio_cli.render.safe import check_parent_folder

        check_parent_folder(charts)  # before the work: the charts' folder may be new, not its parent
    everything = tuple(v for v in VIEWS if v != "run") if fmt is Format.xlsx or charts is not None else ()
    report = api.history(api.HistoryOptions(path, standard, scope, view, district, street, community, everything))
    for message in report.notes:
        c.note(message, lang)
    c.written(emit(report, fmt, output, lang, inputs=[path]), lang)
    if charts is not None:
        from creatio_cli.render.history_charts import write_charts

        c.written(write_charts(report, charts, lang, warn=lambda m: c.note(m, lang)), lang)
    raise typer.Exit(0)
