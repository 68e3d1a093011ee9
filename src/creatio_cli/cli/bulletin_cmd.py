"""`creatio bulletin weekly | monthly | init-template`: the 周通报 / 月通报 as a Word 公文 with charts.

Parse → ``api.bulletin`` → notes on stderr → exit code: 0 written; 2 bad input (a report, the
baseline, the register, the template, the settings or an option; no source at all) with one line naming
the file or option, nothing written. The bulletin itself is always Chinese; ``--lang`` is the language of
what creatio says on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import ForceOpt

bulletin_app = typer.Typer(help="周通报 / 月通报: a city's weekly or monthly bulletin as a Word 公文 with charts.",
                           no_args_is_help=True, rich_markup_mode=None)

HistoryOpt = Annotated[Path | None, typer.Option("--history", metavar="FILE", help="The history `score --record` keeps (instead of --report; default: creatio-history.sqlite here, when it exists).")]
StandardOpt = Annotated[str | None, typer.Option("--standard", metavar="ID", help="The standard of the recorded runs (with --history, when it holds several).")]
ScopeOpt = Annotated[str | None, typer.Option("--scope", metavar="NAME", help="The scope of the recorded runs (with --history, when it holds several).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Weekly: the report's date (checked), or with --history the latest run at or before it; monthly: a day of the month to write up.")]
ReportOpt = Annotated[list[Path] | None, typer.Option("--report", metavar="R.json", help="A `creatio score --format json` report (weekly: one, best made with --baseline; monthly: one per run of the month, the option repeated).")]
BaselineOpt = Annotated[Path | None, typer.Option("--baseline", metavar="P.json", help="The report of the run before (weekly).")]
RegisterOpt = Annotated[Path | None, typer.Option("--register", metavar="FILE", help="The notice register: notices issued, rectified and overdue in the period (nothing said of notices without it).")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE.docx", help="Where to write (default: 周通报-DATE.docx / 月通报-MONTH.docx here).")]
TemplateOpt = Annotated[Path | None, typer.Option("--template", metavar="FILE.docx", help="Word template; see `bulletin init-template`.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", metavar="FILE.yaml", help="Office settings (the notices' file: issuer, signature, area, bulletin_addressee, bulletin_cc).")]
LangOpt = Annotated[str, typer.Option("--lang", metavar="zh|en", help="Language of messages (the bulletin is Chinese).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]


def register(app: typer.Typer) -> None:
    app.add_typer(bulletin_app, name="bulletin")


def _draft(kind: str, history: Path | None, standard: str | None, scope: str | None, as_of: str | None, report: list[Path] | None,
           baseline: Path | None, register_file: Path | None, output: Path | None, template: Path | None,
           config: Path | None, lang: str) -> None:
    from creatio_cli import api
    from creatio_cli.cli.common import date_option, note
    from creatio_cli.errors import UsageError
    from creatio_cli.messages import msg
    from creatio_cli.render.i18n import check_lang

    lang = check_lang(lang)
    reports = tuple(report or ())
    if kind == "weekly" and len(reports) > 1:
        raise UsageError("bulletin.weekly_one_report")
    told = api.BulletinOptions(kind=kind, report=reports[0] if len(reports) == 1 else None,
                               reports=reports if len(reports) > 1 else (), baseline=baseline, history=history,
                               standard=standard, scope=scope, as_of=date_option(as_of, "--as-of"), register=register_file,
                               output=output, template=template, config=config)
    drafted = api.bulletin(told, announce=lambda message: note(message, lang))
    note(msg("note.written", path=str(drafted.path)), lang)
    raise typer.Exit(drafted.exit_code)


@bulletin_app.command("weekly")
def weekly(history: HistoryOpt = None, standard: StandardOpt = None, scope: ScopeOpt = None, as_of: AsOfOpt = None, report: ReportOpt = None,
           baseline: BaselineOpt = None, register_file: RegisterOpt = None, output: OutputOpt = None,
           template: TemplateOpt = None, config: ConfigOpt = None, lang: LangOpt = "zh",
           debug: DebugOpt = False) -> None:
    """Write the 周通报: the latest run recorded in the history (--history; at or before --as-of) against the
    one recorded before it; or the week's run (--report) against the run before it (--baseline, or the
    comparison the report carries when it was made with `score --baseline`).

    Exit codes: 0 written; 2 bad input (history, report, baseline, register, template, settings or options;
    no history here nor --report), nothing written.
    """
    _draft("weekly", history, standard, scope, as_of, report, baseline, register_file, output, template, config, lang)


@bulletin_app.command("monthly")
def monthly(history: HistoryOpt = None, standard: StandardOpt = None, scope: ScopeOpt = None, as_of: AsOfOpt = None, report: ReportOpt = None,
            baseline: BaselineOpt = None, register_file: RegisterOpt = None, output: OutputOpt = None,
            template: TemplateOpt = None, config: ConfigOpt = None, lang: LangOpt = "zh",
            debug: DebugOpt = False) -> None:
    """Write the 月通报 from the runs of a calendar month: those recorded in the history (--history), or the
    month's score reports (--report, repeated); the month of --as-of (default: the latest run's).

    Exit codes: 0 written; 2 bad input (the history, a report, the register, the template, settings or
    options; no run in the month), nothing written.
    """
    _draft("monthly", history, standard, scope, as_of, report, baseline, register_file, output, template, config, lang)


@bulletin_app.command("init-template")
def init_template(out: Annotated[Path, typer.Argument(metavar="OUT", help="Where to write the template (.docx).")],
                  force: ForceOpt = False) -> None:
    """Write the default bulletin template for an office to restyle (keep the {{ … }} tags)."""
    from creatio_cli.bulletin.docx import copy_default_template
    from creatio_cli.errors import UsageError

    if out.exists() and not force:  # the office may have edited it: never replaced unasked
        raise UsageError("option.exists", file=out)
    print(copy_default_template(out))
    raise typer.Exit(0)
