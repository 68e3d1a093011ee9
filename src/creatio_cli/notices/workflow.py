"""One ``notices draft`` run: follow up earlier notices, draft new ones, write files and the index.

Order matters: earlier notices are followed up first (rectified / overdue → 督办通知), so a community
whose notice was just rectified can receive a new one in the same run, while a community with an
open or overdue notice never gets a second (one open notice per community, design.md "Notices").

``draft`` is the whole run, in the order that keeps the register the source of truth: the folder's lock
(lock.py), the register opened (schema.py: refused, created or migrated), an interrupted run finished
(staging.py), then one ``BEGIN IMMEDIATE`` transaction in which ``run`` numbers, records and renders
every notice under temporary names, the commit, the renames, and last the index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from creatio_cli.errors import UsageError
from creatio_cli.messages import Message
from creatio_cli.notices import draft as d
from creatio_cli.notices.config import NoticeSettings
from creatio_cli.notices.docx import NoticeRenderer
from creatio_cli.notices.files import is_notice_name, markdown, notice_stem, write_index
from creatio_cli.notices.lock import folder_lock
from creatio_cli.notices.register import Entry, Register
from creatio_cli.notices.staging import Staging, numbered_files, recover
from creatio_cli.results import CheckResult


@dataclass
class RunOutcome:
    """What a run did: the notices it wrote (with file names) and the follow-up verdicts."""

    written: list[tuple[d.Notice, str]] = field(default_factory=list)
    rectified: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    index: list[Path] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)  # (文号, file) an interrupted run lost
    # --by department: the issuing office's own problems, sent no 交办单 (department, problems, communities)
    kept: list[tuple[str, int, int]] = field(default_factory=list)


class _Writer:
    def __init__(self, result: CheckResult, settings: NoticeSettings, renderer: NoticeRenderer,
                 register: Register, staging: Staging, due_days: int, issued: date | None = None) -> None:
        self.result, self.settings, self.renderer = result, settings, renderer
        self.register, self.staging = register, staging
        self.year = result.as_of.year
        # 整改期限 counts from the day the notice is dated (the community cannot act before it receives it);
        # without a date (a library caller of run()), from the as-of date as before.
        self.issued = issued
        self.due = (issued or result.as_of) + timedelta(days=due_days)
        self.outcome = RunOutcome()

    def number(self, existing: Entry | None) -> tuple[str, int, int]:
        """The existing row's number on a rerun, else the next free one of the year."""
        if existing is not None:
            return existing.number, existing.year, existing.seq
        seq = self.register.next_seq(self.year)
        number = d.format_number(self.settings.code, self.year, seq)
        clash = self.staging.numbered.get(f"{self.year}-{seq:03d}")
        if clash is not None:  # the folder has a notice this register does not know: never number it twice
            raise UsageError("register.behind_folder", {"register": str(self.register.path), "number": number},
                             file=self.staging.folder / clash)
        return number, self.year, seq

    def emit(self, notice: d.Notice, existing: Entry | None) -> None:
        """Render under temporary names and record the row (both part of the run's transaction).

        A rerun keeps the file name its row has (stable per 文号, even if naming rules changed since)."""
        kept = existing.file if existing is not None and existing.file else ""
        stem = kept.removesuffix(".docx") if is_notice_name(kept, notice) else notice_stem(notice)
        docx_name = f"{stem}.docx"
        self.staging.write(docx_name, notice.number, self.renderer.render_bytes(notice))
        self.staging.write(f"{stem}.md", notice.number, markdown(notice).encode("utf-8"))
        self.register.save(notice, docx_name)
        self.outcome.written.append((notice, docx_name))


def run(result: CheckResult, settings: NoticeSettings, renderer: NoticeRenderer, register: Register,
        staging: Staging, *, due_days: int, all_shortfalls: bool = False, by: str = "community",
        issued: date | None = None) -> RunOutcome:
    """Number, record and render the run's notices, dated ``issued``; the caller holds the register's
    transaction."""
    w = _Writer(result, settings, renderer, register, staging, due_days, issued)
    chosen = d.select(result, all_shortfalls)
    if by == "department":
        for department, items in d.group_by_department(chosen).items():
            if d.is_issuer(department, settings):  # never assign to ourselves: the caller warns
                w.outcome.kept.append((department, len(items), len({c.key for c, _ in items})))
                continue
            existing = register.find("assignment", ("", "", department), result.as_of)
            number, year, seq = w.number(existing)
            w.emit(d.build_assignment(department, items, result, settings, number, year, seq, w.due, w.issued), existing)
    else:
        _follow_up(w)
        for community in chosen:
            existing = register.find("notice", community.key, result.as_of)
            if existing is None and register.active_for(community.key) is not None:
                continue  # still under an earlier notice: followed up above, not noticed twice
            number, year, seq = w.number(existing)
            w.emit(d.build_notice(community, result, settings, number, year, seq, w.due, w.issued), existing)
    return w.outcome


def check_folder(folder: Path, register_path: Path) -> None:
    """Refuse to start a new register in a folder that has numbered notices: it would number from 1 again
    and replace them (a deleted or moved register)."""
    if Path(register_path).exists():
        return
    found = numbered_files(Path(folder))
    if found:
        first = next(iter(found.values()))
        raise UsageError("register.folder_without_register", {"count": len(found), "register": str(register_path)},
                         file=Path(folder) / first)


def draft(result: CheckResult, settings: NoticeSettings, renderer: NoticeRenderer, folder: Path,
          register_path: Path, *, due_days: int, all_shortfalls: bool = False, by: str = "community",
          lang: str = "zh", announce: Callable[[Message], None] | None = None,
          issued: date | None = None) -> RunOutcome:
    """The whole run into ``folder`` (see the module docstring); ``announce`` gets progress messages (the CLI
    renders them in the user's language); ``lang`` is only the index's language."""
    def waiting(holder: Message | None) -> None:
        if announce is None:
            return
        if holder is None:
            announce(Message("note.folder_waiting", {"folder": str(folder)}))
        else:
            announce(Message("note.folder_waiting_by", {"folder": str(folder), "holder": holder}))

    with folder_lock(folder, on_wait=waiting):
        check_folder(folder, register_path)
        with Register(register_path, announce=announce) as register:
            return _locked_run(result, settings, renderer, folder, register, due_days=due_days,
                               all_shortfalls=all_shortfalls, by=by, lang=lang, announce=announce,
                               issued=issued)


def _locked_run(result: CheckResult, settings: NoticeSettings, renderer: NoticeRenderer, folder: Path,
                register: Register, *, due_days: int, all_shortfalls: bool, by: str, lang: str,
                announce: Callable[[Message], None] | None, issued: date | None = None) -> RunOutcome:
    """The run proper, holding the folder's lock with the register open."""
    lost = recover(register, folder, announce)
    staging = Staging(folder)
    try:
        with register.transaction():
            outcome = run(result, settings, renderer, register, staging, due_days=due_days,
                          all_shortfalls=all_shortfalls, by=by, issued=issued)
            register.add_pending(staging.key, staging.run, staging.files)
    except BaseException:
        staging.discard()
        raise
    staging.publish()
    with register.transaction():
        register.clear_pending(staging.key, staging.run)
    # Always rewritten, even empty, so the index never shows an earlier run's notices as this one's.
    outcome.index = write_index(folder, outcome.written, lang)
    outcome.lost = lost
    return outcome


def follow_up_note(day: date, text: str) -> str:
    """The note of a follow-up's status change: the as-of date of the run that made it, then what it found
    (``2022-07-22 复查：所列问题均已整改``). The register stamps a change with the clock (``marks.at``); the
    date a follow-up speaks for is this one (:func:`follow_up_day` reads it back, for the bulletins)."""
    return f"{day.isoformat()} 复查：{text}"


def follow_up_day(note: str | None) -> date | None:
    """The as-of date a follow-up's note starts with (:func:`follow_up_note`), None for any other note."""
    if not note or len(note) < 10:
        return None
    try:
        return date.fromisoformat(note[:10]) if note[10:].startswith(" 复查：") else None
    except ValueError:
        return None


def _follow_up(w: _Writer) -> None:
    """Mark earlier notices rectified or overdue against this ledger; one 督办通知 per overdue notice."""
    result = w.result
    current = {c.key: c for c in result.communities}
    for entry in w.register.active_notices():
        community = current.get(entry.key)
        if entry.as_of >= result.as_of or community is None:
            continue  # not a later ledger, or this ledger does not cover the community
        unmet = {f.indicator for f in d.problem_findings(community)} & set(entry.indicators)
        if not unmet:
            w.register.set_status(entry.number, "rectified", follow_up_note(result.as_of, "所列问题均已整改"),
                                  how="follow-up")
            w.outcome.rectified.append(entry.number)
            continue
        if result.as_of <= entry.due:
            continue
        if entry.status == "open":
            w.register.set_status(entry.number, "overdue", follow_up_note(result.as_of, f"{len(unmet)}项逾期未整改"),
                                  how="follow-up")
            w.outcome.overdue.append(entry.number)
        escalation = w.register.escalation_of(entry.number)
        if escalation is not None and escalation.as_of != result.as_of:
            continue  # already escalated by an earlier run
        number, year, seq = w.number(escalation)
        parent = {"number": entry.number, "as_of": entry.as_of, "due": entry.due, "indicators": entry.indicators}
        w.emit(d.build_escalation(parent, community, result, w.settings, number, year, seq, w.due, w.issued), escalation)
