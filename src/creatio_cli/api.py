"""The library API: one function per use case, each taking one frozen :class:`Options` and returning data.

``check_file`` (one ledger), ``check_ledgers`` (a ledger or a folder, as ``notices draft`` reads them),
``score_folder`` (a folder, ranked), ``draft_notices`` (整改通知书 and their register) and ``bulletin``
(周通报 / 月通报 from score reports) do everything a command does except printing: they load the standard,
read the ledgers (each in an isolated reader process), apply ``--district``/``--street``, settle the
as-of date and the campaign, run the engine and, for a folder, rank and compare with a baseline. The
commands in ``cli/`` are only: parse options → call one of these → render → exit code.

Nothing here chooses a language: results hold bilingual titles and catalogue messages; ``notes`` are
the messages a person should see on stderr (the as-of date used and where it came from, skipped files).

One as-of rule for every use case (design.md, "Additions"): ``--as-of`` if given; else the date most
ledgers give in their title rows (截至 / 填报日期), ties to the latest, with a note when they differ;
else today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from creatio_cli.errors import LedgerError, StandardError, UsageError
from creatio_cli.messages import Message, msg
from creatio_cli.results import Campaign, CheckResult
from creatio_cli.standards.model import Standard


@dataclass(frozen=True)
class Options:
    """What every use case may be told (the CLI's common options, validated)."""

    standard: str | Path | None = None  # shipped id or YAML path; default liugeyi-sidabiao
    as_of: date | None = None
    start: date | None = None
    deadline: date | None = None
    convention: str | None = None  # "day" | "month"; default the standard's
    sheet: str | None = None
    header_rows: int | None = None
    district: str | None = None
    street: str | None = None
    all_findings: bool = False
    maps: tuple[str, ...] = ()  # --map "HEADER=field" (repeatable)
    mapping: Path | None = None  # --mapping FILE.yaml
    jobs: int | None = None  # reader processes for a folder; default ledger.limits.default_jobs
    today: date | None = None  # the clock, injectable; default date.today()


@dataclass(frozen=True)
class CheckRun:
    """One use case's outcome: the result, the standard used, where the as-of date came from, and notes."""

    result: CheckResult
    standard: Standard
    as_of_source: Message
    notes: tuple[Message, ...] = ()
    inputs: tuple[Path, ...] = ()

    @property
    def exit_code(self) -> int:
        return self.result.exit_code


@dataclass(frozen=True)
class ScoreRun(CheckRun):
    """``score_folder``'s outcome: the check plus rankings (``ranked``, a ranking.ScoreResult)."""

    ranked: Any = field(default=None)

    @property
    def exit_code(self) -> int:
        return self.ranked.exit_code


def load(options: Options) -> Standard:
    """The standard named by the options (shipped id or YAML path)."""
    from creatio_cli.standards import load_standard

    return load_standard(options.standard, option="--standard")


def _checkable(standard: Standard | None, options: Options) -> Standard:
    """The standard to check with (given, else named by the options); a field library is refused (exit 2)."""
    from creatio_cli.standards.loader import checkable

    return checkable(standard or load(options))


def check_file(path: Path, options: Options = Options(), *, output: Path | None = None,
               standard: Standard | None = None) -> CheckRun:
    """Check one ledger file. ``output``: where the caller will write the report (refused if it is an input)."""
    from creatio_cli.ledger.workers import ReadTask, load_isolated
    from creatio_cli.render.safe import check_output, protecting

    path = Path(path)
    std = _checkable(standard, options)
    overrides = _overrides(std, options)
    inputs = [path, *([options.mapping] if options.mapping else [])]
    if output is not None:
        check_output(output, inputs)
    with protecting(inputs):
        ledger = load_isolated(path, ReadTask(std, options.sheet, options.header_rows, overrides))
        missing = _unused_maps(overrides, ledger.sheets)
        if missing:
            raise UsageError("mapping.map_not_found", {"header": missing[0]}, file=path)
        ledger.warnings.extend(_mapping_warnings(std, options, overrides, ledger.sheets))
        ledger = select(ledger, options)
        return _check(ledger, std, options, [ledger.as_of_hint] if ledger.as_of_hint else [], tuple(inputs))


def check_ledgers(source: Path, options: Options = Options(), *, exclude_under: Path | None = None,
                  standard: Standard | None = None) -> CheckRun:
    """Check a ledger file, or every ledger of a folder as one run (files under ``exclude_under`` — the
    output folder of a command — are never read back)."""
    source = Path(source)
    if not source.is_dir():
        return check_file(source, options, standard=standard)
    std = _checkable(standard, options)
    paths = [p for p in _ledgers_in(source)
             if exclude_under is None or Path(exclude_under).resolve() not in p.resolve().parents]
    overrides = _overrides(std, options)
    found = _read(paths, std, options, overrides=overrides)
    if found.ledger is None:
        raise LedgerError(source, "folder.nothing_read")
    notes = _map_notes(overrides, found.ledger, source)
    found.ledger.warnings.extend(_mapping_warnings(std, options, overrides, found.ledger.sheets))
    ledger = select(found.ledger, options)
    run = _check(ledger, std, options, found.as_of_hints, tuple(paths), files=found.files)
    return replace(run, notes=(*_skipped_notes(found.files), *notes, *run.notes))


def score_folder(folder: Path, options: Options = Options(), *, baseline: Path | None = None, top: int = 10,
                 output: Path | None = None, progress: Callable[[int, int], None] | None = None,
                 standard: Standard | None = None) -> ScoreRun:
    """Score every ledger of ``folder`` in one run and rank communities, streets, districts and partner units.

    One unreadable file is skipped with its reason (a note and ``files[].reason``); the rest is scored.
    ``output``: where the caller will write the report — it may replace an earlier report, never a ledger
    or the baseline (refused before any work).
    """
    from creatio_cli import batch
    from creatio_cli.baseline import compare
    from creatio_cli.ranking import rank
    from creatio_cli.render.safe import check_output, protecting

    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError("folder.not_folder" if folder.exists() else "folder.not_found", file=folder)
    std = _checkable(standard, options)
    overrides = _overrides(std, options)
    paths = _ledgers_in(folder)
    inputs = [*paths, *([baseline] if baseline is not None else []), *([options.mapping] if options.mapping else [])]
    if output is not None:
        check_output(output, inputs)
    with protecting(inputs):
        found = _read(paths, std, options, progress, overrides)
        if found.ledger is None:
            raise LedgerError(folder, "folder.nothing_scored", {"files": len(paths)})
        map_notes = _map_notes(overrides, found.ledger, folder)
        found.ledger.warnings.extend(_mapping_warnings(std, options, overrides, found.ledger.sheets))
        run = _check(select(found.ledger, options), std, options, found.as_of_hints, tuple(inputs),
                     files=found.files)
        result = replace(run.result, files=tuple(batch.count_communities(
            list(run.result.files), [c.source.file for c in run.result.communities])))
        points = {ind.id: ind.points for ind in std.indicators}
        comparison = compare(result, baseline, points) if baseline is not None else None
        baseline_notes = _baseline_notes(comparison, result.as_of, baseline, std.id) if comparison is not None else []
        ranked = rank(result, top=top, grade_labels=[g.label for g in std.scoring.grades], baseline=comparison)
    return ScoreRun(result, std, run.as_of_source,
                    (*_skipped_notes(found.files), *map_notes, *baseline_notes, *run.notes), tuple(inputs), ranked)


def _baseline_notes(comparison: Any, as_of: date, path: Path | None, standard: str) -> list[Message]:
    """A baseline scored against another standard (another id) is refused: every change would be the
    standard's, not the communities' (another version of the same standard is compared). One later than
    the run is refused (every change would run backwards); one sharing no community with it is said (the
    wrong report, most likely). The same date is allowed: a run redone after corrections is compared
    with the first."""
    if comparison.standard is not None and comparison.standard != standard:
        raise UsageError("baseline.other_standard", {"baseline": comparison.standard, "standard": standard},
                         file=path)
    try:
        later = comparison.as_of is not None and date.fromisoformat(comparison.as_of) > as_of
    except ValueError:  # not a date: the report says nothing usable about when it was
        later = False
    if later:
        raise UsageError("baseline.later", {"baseline": comparison.as_of, "report": as_of.isoformat()}, file=path)
    info = comparison.info()
    if info["matched"] == 0 and comparison.previous:
        return [msg("note.baseline_no_common", file=str(path))]
    return []


@dataclass(frozen=True)
class NoticeOptions:
    """What ``notices draft`` is told besides the common options (design.md, "Notices")."""

    output: Path = Path("notices")  # folder for the notices, the index and (by default) the register
    all_shortfalls: bool = False  # every community with a problem, not only those behind 序时进度
    by: str = "community"  # community (整改通知书 each) | department (交办单 each)
    template: Path | None = None
    config: Path | None = None  # the office's settings (issuer, 代字, contact …)
    register: Path | None = None  # default: register.sqlite in ``output``
    due_days: int | None = None  # default: the settings' (15)
    allow_placeholder: bool = False
    allow_unassessed: bool = False
    # 成文日期 of the notices (--date): default the ledger's as-of date. Never before it.
    dated: date | None = None

    @property
    def register_path(self) -> Path:
        return self.register or self.output / "register.sqlite"


@dataclass(frozen=True)
class DraftRun:
    """``draft_notices``' outcome: the check it drafted from and what the run wrote or followed up
    (``outcome``: notices.workflow.RunOutcome — ``written`` (notice, file name), ``rectified``, ``overdue``)."""

    check: CheckRun
    outcome: Any
    folder: Path

    @property
    def exit_code(self) -> int:
        return 1 if self.outcome.written else 0


def draft_notices(source: Path, options: Options = Options(), notices: NoticeOptions = NoticeOptions(), *,
                  lang: str = "zh", announce: Callable[[Message], None] | None = None,
                  on_checked: Callable[[CheckRun], None] | None = None) -> DraftRun:
    """Draft 整改通知书 (or 交办单) for a ledger or a folder of ledgers, follow up earlier notices, write the index.

    Everything that can be refused is refused before anything is written: options, settings, template,
    register (empty, foreign, newer, damaged; a numbered folder without it), the ledgers, placeholder
    thresholds (without ``allow_placeholder``) and unassessed indicators (without ``allow_unassessed``).
    ``lang`` is the language of the index's headings only (notices are Chinese 公文); ``announce`` gets
    progress messages (waits, migrations, recoveries); ``on_checked`` sees the check before drafting starts.
    """
    from creatio_cli.notices import schema
    from creatio_cli.notices.config import load_settings, placeholder_settings
    from creatio_cli.notices.docx import NoticeRenderer
    from creatio_cli.notices.draft import refuse_placeholders, refuse_unassessed
    from creatio_cli.notices.workflow import check_folder, draft

    if notices.by not in ("community", "department"):
        raise UsageError("option.choice", {"option": "--by", "choices": ["community", "department"],
                                           "value": notices.by})
    output = Path(notices.output)
    if output.exists() and not output.is_dir():
        raise UsageError("option.output_is_file", file=output)
    settings = load_settings(notices.config)
    renderer = NoticeRenderer(notices.template)
    # A broken template stops the run before any file is written (each kind this run can draft).
    renderer.validate(("assignment",) if notices.by == "department" else ("notice", "escalation"))
    register = notices.register_path
    schema.inspect(register)  # an empty, foreign, newer or damaged register: refused before anything is written
    check_folder(output, register)  # numbered notices but no register: never numbered from 1 again
    run = check_ledgers(source, options, exclude_under=output)
    if on_checked is not None:
        on_checked(run)
    refuse_placeholders(run.result, notices.allow_placeholder)
    refuse_unassessed(run.result, notices.allow_unassessed)
    issued = notice_date(notices.dated, run.result.as_of)
    with schema.translating(register):
        outcome = draft(run.result, settings, renderer, output, register,
                        due_days=notices.due_days or settings.due_days, all_shortfalls=notices.all_shortfalls,
                        by=notices.by, lang=lang, announce=announce, issued=issued)
    for department, problems, communities in outcome.kept:
        if announce is not None:
            announce(msg("note.issuer_department", department=department, problems=problems,
                         communities=communities))
    unset = placeholder_settings(settings)
    if outcome.written and unset and announce is not None:
        announce(msg("note.settings_placeholders", keys=[msg(f"label.setting.{key}") for key in unset]))
    return DraftRun(run, outcome, output)


def notice_date(given: date | None, as_of: date) -> date:
    """The date notices bear (成文日期): ``--date``, else the ledger's as-of date — design.md's due date is
    as-of + ``--due-days``, and a register followed week by week judges deadlines by the ledgers' dates, not
    by the clock. A notice dated before the as-of date would report a check of figures not yet written:
    refused (exit 2), naming both dates."""
    issued = given or as_of
    if issued < as_of:
        raise UsageError("notices.date_before_as_of", {"date": issued.isoformat(), "as_of": as_of.isoformat()})
    return issued


@dataclass(frozen=True)
class BulletinOptions:
    """What ``bulletin weekly|monthly`` is told (design.md, "Additions": History and bulletins).

    Sources: ``report`` (a score JSON report) and optionally ``baseline`` (the one before it) for a weekly
    bulletin; ``reports`` (the month's score JSON reports) for a monthly one through the library; or
    ``history`` (the database ``score --record`` keeps) with ``standard`` / ``scope`` choosing its series,
    for either kind."""

    kind: str = "weekly"  # or "monthly"
    report: Path | None = None
    baseline: Path | None = None
    reports: tuple[Path, ...] = ()
    history: Path | None = None
    standard: str | None = None  # with history: the series' standard id (needed when it holds several)
    scope: str | None = None  # with history: the series' scope (score --record --scope)
    # weekly: the report's date (checked), or with history the latest run at or before it; monthly: the month
    as_of: date | None = None
    register: Path | None = None  # the notice register: notices issued, rectified, overdue in the period
    output: Path | None = None  # default: 周通报-2022-07-15.docx / 月通报-2022-07.docx in the current folder
    template: Path | None = None
    config: Path | None = None  # the office settings notices use (issuer, signature, area, bulletin_* …)


@dataclass(frozen=True)
class BulletinRun:
    """``bulletin``'s outcome: the file written, the period it covers (``bulletin.data.Period``), the
    charts drawn (key → ``bulletin.charts.Chart``) and the notes a person should see."""

    path: Path
    period: Any
    charts: dict[str, Any]
    notes: tuple[Message, ...] = ()

    @property
    def exit_code(self) -> int:
        return 0


BULLETIN_KINDS = ("weekly", "monthly")


def bulletin_name(kind: str, as_of: date) -> str:
    """The default file name: ``周通报-2022-07-15.docx`` or ``月通报-2022-07.docx``."""
    return f"周通报-{as_of.isoformat()}.docx" if kind == "weekly" else f"月通报-{as_of:%Y-%m}.docx"


def bulletin(options: BulletinOptions = BulletinOptions(), *,
             announce: Callable[[Message], None] | None = None) -> BulletinRun:
    """Draft a 周通报 (``weekly``) or 月通报 (``monthly``) as a Word 公文 with charts; write it atomically.

    Weekly: ``bulletin.report`` against ``bulletin.baseline`` (or against the comparison the report carries,
    made by ``score --baseline``). Monthly: the reports of the calendar month of ``as_of`` (default the
    latest report's), ``bulletin.reports``. From ``bulletin.history`` instead (``bulletin.from_history``):
    weekly, the latest recorded run at or before ``as_of`` against the one before it; monthly, the recorded
    runs of the month of ``as_of``. With ``register``, what the notice register did in the period.
    Everything that can be refused is refused before anything is written: the kind, the sources (exit 2 when
    there is none), the settings, the template (rendered once with a sample), the reports, the register and
    the output path (never an input). ``announce`` gets the notes (the period, a chart drawn without Chinese
    labels) as they arise; they are also in the outcome.
    """
    from creatio_cli.bulletin import activity, data, from_history, from_reports, wording
    from creatio_cli.bulletin.docx import BulletinRenderer, draw
    from creatio_cli.notices.config import load_settings
    from creatio_cli.notices.files import write_atomic
    from creatio_cli.render.fonts import ChartFonts
    from creatio_cli.render.safe import check_output, protecting

    kind, bulletin = options.kind, options
    if kind not in BULLETIN_KINDS:
        raise UsageError("option.choice", {"option": "bulletin", "choices": list(BULLETIN_KINDS), "value": kind})
    reports = bulletin.reports or ((bulletin.report,) if bulletin.report is not None else ())
    if bulletin.history is not None and (reports or bulletin.baseline is not None):
        raise UsageError("bulletin.history_and_report")
    if bulletin.history is None and not reports and bulletin.baseline is None:
        from creatio_cli.history.store import DEFAULT_NAME

        if Path(DEFAULT_NAME).is_file():  # as `score --record` and `creatio history`: the file in this folder
            bulletin = replace(bulletin, history=Path(DEFAULT_NAME))
    if bulletin.history is None and (bulletin.standard is not None or bulletin.scope is not None):
        raise UsageError("bulletin.standard_needs_history")
    if kind == "monthly" and not reports and bulletin.history is None:
        raise UsageError("bulletin.monthly_needs_history")
    if kind == "weekly" and bulletin.report is None and bulletin.history is None:
        raise UsageError("bulletin.no_source")
    if kind == "monthly" and bulletin.baseline is not None:
        raise UsageError("bulletin.baseline_monthly", file=bulletin.baseline)
    settings = load_settings(bulletin.config)
    renderer = BulletinRenderer(bulletin.template)
    renderer.validate()  # a broken template stops the run before anything is read further or written
    read: tuple[Message, ...] = ()
    if bulletin.history is not None:
        source = from_history.weekly_period if kind == "weekly" else from_history.monthly_period
        period, read = source(bulletin.history, standard=bulletin.standard, scope=bulletin.scope,
                              as_of=bulletin.as_of)
    elif kind == "weekly":
        assert bulletin.report is not None
        period = from_reports.weekly_period(bulletin.report, bulletin.baseline, bulletin.as_of)
    else:
        period = from_reports.monthly_period(reports, bulletin.as_of)
    inputs = [*reports, *(p for p in (bulletin.baseline, bulletin.history, bulletin.register, bulletin.template,
                                      bulletin.config) if p is not None)]
    output = Path(bulletin.output) if bulletin.output is not None else Path(bulletin_name(kind, period.as_of))
    check_output(output, inputs)
    notes: list[Message] = []

    def say(message: Message) -> None:
        notes.append(message)
        if announce is not None:
            announce(message)

    for message in read:
        say(message)
    run = period.current
    if kind == "weekly":
        since = period.change.since.isoformat() if period.change and period.change.since else "—"
        say(msg("note.bulletin_weekly", date=run.as_of.isoformat(), since=since))
    else:
        say(msg("note.bulletin_monthly", month=f"{period.as_of:%Y-%m}", count=len(period.runs),
                dates=[r.as_of.isoformat() for r in period.runs]))
    with protecting(inputs):
        if bulletin.register is not None:
            period = data.with_notices(period, activity.read(bulletin.register, period.start, run.as_of))
        text = wording.write(period, area=settings.area, addressee=settings.bulletin_addressee)
        fonts = ChartFonts.find()
        font = fonts.font
        drawn = draw(text.figures, fonts)
        fallback = sorted({c.fallback for c in drawn.values() if c.fallback})
        if fallback and font is None:
            say(msg("bulletin.no_cjk_font"))
        elif fallback:
            say(msg("bulletin.glyphs_missing", font=font.name if font else "", chars="".join(fallback)))
        write_atomic(output, renderer.render_bytes(text, drawn, settings, run.as_of))
    return BulletinRun(output, period, drawn, tuple(notes))


def run_scope(options: Options, scope: str | None = None) -> str:
    """The history scope of a run scored with ``options``: ``scope`` (``--scope``) if given, else the
    ``--district`` / ``--street`` filters (``district=清江浦区``), else ``all`` (design.md, "Additions")."""
    from creatio_cli.history.record import scope_of

    return scope_of(scope, options.district, options.street)


def check_history(path: Path, *, output: Path | None = None) -> int | None:
    """Refuse, before any work, a history file ``score --record`` could not write: empty, foreign, newer,
    damaged, not a file, or the very file the report goes to. Returns its schema version (None: no file yet)."""
    from creatio_cli.history import store
    from creatio_cli.render.safe import same_file

    path = Path(path)
    if output is not None and same_file(path, Path(output)):
        raise UsageError("history.is_output", file=path)
    return store.inspect(path)


def record_run(run: ScoreRun, history_path: Path, scope: str, *, source: str = "",
               announce: Callable[[Message], None] | None = None) -> Any:
    """Record ``run`` in the history file (created if missing, migrated if older): the run keyed by
    (standard id, as-of, ``scope``) is written, or replaced whole in one transaction. ``source``: the folder
    as the user gave it. Returns a ``history.record.Recorded`` (its ``note()`` says recorded or replaced)."""
    from creatio_cli.history import store
    from creatio_cli.history.record import record

    path = Path(history_path)
    with store.translating(path), store.HistoryFile(path, write=True, announce=announce) as history:
        return record(history, run.result, scope, source,
                      points={ind.id: ind.points for ind in run.standard.indicators})


@dataclass(frozen=True)
class HistoryOptions:
    """What ``creatio history`` is told: the file, which runs (standard, scope), which communities
    (district, street, community), the view (``by``) and any other views to compute (``views``)."""

    history: Path = Path("creatio-history.sqlite")
    standard: str | None = None
    scope: str | None = None
    by: str = "run"  # run | district | street | community | indicator | partner
    district: str | None = None
    street: str | None = None
    community: str | None = None
    views: tuple[str, ...] = ()


def history(options: HistoryOptions = HistoryOptions()) -> Any:
    """Runs and trends from the history file (read only: an older schema is read as it is, never migrated).
    Returns a ``trends.HistoryReport``; a missing, empty, foreign, newer or damaged file is exit 2."""
    from creatio_cli.history import store
    from creatio_cli.history.read import Query, load

    path = Path(options.history)
    query = Query(options.standard, options.scope, options.district, options.street, options.community,
                  options.by, options.views)
    with store.translating(path), store.HistoryFile(path, write=False) as file, file.reading() as db:
        return load(db, file.version, str(path), query)


def select(ledger: Any, options: Options) -> Any:
    """Keep only the communities of ``options.district`` / ``options.street`` (exit 2 when none is left)."""
    frame = ledger.frame
    mask = None
    for name, wanted in (("district", options.district), ("street", options.street)):
        if wanted is None:
            continue
        if name not in frame:
            raise UsageError("option.no_filter_column", {"option": name, "column": msg(f"label.{name}")})
        hit = frame[name].map(lambda v, w=wanted.strip(): v is not None and str(v).strip() == w)
        mask = hit if mask is None else mask & hit
    if mask is None:
        return ledger
    if not mask.any():
        given = [f"--{name} {value}" for name, value in (("district", options.district), ("street", options.street))
                 if value is not None]
        raise UsageError("option.filter_no_match", {"district": options.district or "", "street": options.street or "",
                                                    "given": given})
    ledger.frame = frame[mask.to_numpy()].reset_index(drop=True)
    return ledger


def settle_as_of(options: Options, hints: Sequence[date]) -> tuple[date, Message, list[Message]]:
    """The one as-of rule: (date, where it came from, notes)."""
    if options.as_of is not None:
        # The ledger's own date is said when the option differs from it: a year typed wrong (2021 for 2022)
        # moves the campaign and every 序时进度 without a word otherwise.
        own = sorted({d.isoformat() for d in hints if d != options.as_of})
        notes = [msg("note.as_of_option_differs", as_of=options.as_of.isoformat(), dates=own)] if own else []
        return options.as_of, msg("note.as_of_from_option"), notes
    if not hints:
        return options.today or date.today(), msg("note.as_of_today"), []
    counts = Counter(hints)
    best = max(counts, key=lambda d: (counts[d], d))
    if len(counts) == 1:
        return best, msg("note.as_of_from_ledger"), []
    dates = sorted(d.isoformat() for d in counts)
    return best, msg("note.as_of_from_ledgers"), [msg("note.as_of_differ", dates=dates, date=best.isoformat())]


def campaign(options: Options, standard: Standard, as_of: date) -> Campaign:
    """The campaign period: options beat the standard's schedule, which beats the calendar year of as-of.

    A period ending before it starts because of a date of the standard's is refused naming the file and
    ``schedule.deadline`` (or ``schedule.start``) and where the other date came from; both dates in the
    standard are refused when it is loaded (model.Schedule), both from options is a usage error.
    """
    from creatio_cli.schedule import campaign_for

    schedule = standard.schedule
    start, deadline = options.start or schedule.start, options.deadline or schedule.deadline
    try:
        return campaign_for(as_of, start=start, deadline=deadline,
                            convention=options.convention or schedule.convention)
    except UsageError as exc:
        if exc.code != "option.deadline_before_start":
            raise
        where = standard.source or standard.id
        if options.deadline is None and schedule.deadline is not None:
            source: Message | str = "--start" if options.start else msg("standard.start_from_as_of")
            raise StandardError(where, "standard.deadline_before_campaign_start",
                                {**exc.message.params, "source": source}, key="schedule.deadline") from None
        if options.start is None and schedule.start is not None:
            raise StandardError(where, "standard.start_after_campaign_deadline",
                                {**exc.message.params, "source": "--deadline"}, key="schedule.start") from None
        raise


def _check(ledger: Any, std: Standard, options: Options, hints: Sequence[date], inputs: tuple[Path, ...],
           files: list | None = None) -> CheckRun:
    from creatio_cli.engine import check

    day, source, notes = settle_as_of(options, hints)
    if options.as_of is not None:  # the user said which day: a title naming only a year needs no reminder
        ledger.warnings[:] = [w for w in ledger.warnings if w.code != "ledger.title_year_only"]
    period = campaign(options, std, day)
    if day < period.start:  # 序时进度 0: nobody behind schedule, no notices — most likely a date typed wrong
        notes = [*notes, msg("note.as_of_before_campaign", as_of=day.isoformat(), start=period.start.isoformat())]
    result = check(ledger, std, day, period, all_findings=options.all_findings, files=files)
    return CheckRun(result, std, source, tuple(notes), inputs)


def _ledgers_in(folder: Path) -> list[Path]:
    from creatio_cli import batch
    from creatio_cli.ledger.reader import LEDGER_SUFFIXES

    paths = batch.find_ledgers(folder)
    if not paths:
        raise LedgerError(folder, "folder.no_ledgers", {"formats": LEDGER_SUFFIXES})
    return paths


def _overrides(std: Standard, options: Options) -> tuple[tuple[str, str | None, str], ...]:
    """The office's column mapping for this run (--map > --mapping > the standard's columns:)."""
    from creatio_cli.ledger import mapping

    return mapping.build(std, options.mapping, options.maps)


def _unused_maps(overrides: tuple[tuple[str, str | None, str], ...], sheets: Sequence[Any]) -> list[str]:
    from creatio_cli.ledger import mapping

    used = {key for s in sheets for key in s.used_overrides}
    return mapping.unused_maps(overrides, used)


def _mapping_warnings(std: Standard, options: Options, overrides: tuple[tuple[str, str | None, str], ...],
                      sheets: Sequence[Any]) -> list[Any]:
    """A warning per ledger file naming the ``--mapping`` entries none of its columns matched."""
    from creatio_cli.ledger import mapping

    used: dict[str, set[str]] = {}
    for s in sheets:
        if s.role == "ledger":
            used.setdefault(s.file, set()).update(s.used_overrides)
    return mapping.unmatched_entries(options.mapping, std, overrides, used)


def _map_notes(overrides: tuple[tuple[str, str | None, str], ...], ledger: Any, where: Path) -> list[Message]:
    """In a batch, a --map header no file has is a note, not an error (design.md)."""
    return [msg("mapping.map_unused", header=key, file=str(where)) for key in _unused_maps(overrides, ledger.sheets)]


def _read(paths: list[Path], std: Standard, options: Options, progress: Callable[[int, int], None] | None = None,
          overrides: tuple[tuple[str, str | None, str], ...] = ()) -> Any:
    from creatio_cli import batch
    from creatio_cli.ledger.limits import default_jobs

    done = [0]

    def advance(_path: Path) -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], len(paths))

    return batch.read_folder(paths, std, sheet=options.sheet, header_rows=options.header_rows,
                             jobs=options.jobs or default_jobs(len(paths)), progress=advance, overrides=overrides)


def _skipped_notes(files: Sequence[Any]) -> list[Message]:
    return [msg("note.skipped", path=f.path, reason=f.reason) for f in files if f.status != "ok"]
