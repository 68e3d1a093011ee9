"""One ``notices draft`` run: follow up earlier notices, draft new ones, write files and the index.

Order matters: earlier notices are followed up first (rectified / overdue → 督办通知), so a community
whose notice was just rectified can receive a new one in the same run, while a community with an
open or overdue notice never gets a second (one open notice per community, design.md "Notices").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from creatio_cli.notices import draft as d
from creatio_cli.notices.config import NoticeSettings
from creatio_cli.notices.docx import NoticeRenderer
from creatio_cli.notices.files import markdown, notice_stem, write_atomic, write_index
from creatio_cli.notices.register import Register
from creatio_cli.results import CheckResult


@dataclass
class RunOutcome:
    """What a run did: the notices it wrote (with file names) and the follow-up verdicts."""

    written: list[tuple[d.Notice, str]] = field(default_factory=list)
    rectified: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    index: list[Path] = field(default_factory=list)


class _Writer:
    def __init__(self, result: CheckResult, settings: NoticeSettings, renderer: NoticeRenderer,
                 register: Register, folder: Path, due_days: int) -> None:
        self.result, self.settings, self.renderer = result, settings, renderer
        self.register, self.folder = register, folder
        self.year = result.as_of.year
        self.due = result.as_of + timedelta(days=due_days)
        self.outcome = RunOutcome()

    def number(self, existing) -> tuple[str, int, int]:
        """The existing row's number on a rerun, else the next free one of the year."""
        if existing is not None:
            return existing.number, existing.year, existing.seq
        seq = self.register.next_seq(self.year)
        return d.format_number(self.settings.code, self.year, seq), self.year, seq

    def emit(self, notice: d.Notice) -> None:
        stem = notice_stem(notice)
        docx_name = f"{stem}.docx"
        self.renderer.render(notice, self.folder / docx_name)
        write_atomic(self.folder / f"{stem}.md", markdown(notice).encode("utf-8"))
        self.register.save(notice, docx_name)
        self.outcome.written.append((notice, docx_name))


def run(result: CheckResult, settings: NoticeSettings, renderer: NoticeRenderer, register: Register,
        folder: Path, *, due_days: int, all_shortfalls: bool = False, by: str = "community",
        lang: str = "zh") -> RunOutcome:
    """Draft the run's notices into ``folder`` and record them in ``register``."""
    w = _Writer(result, settings, renderer, register, folder, due_days)
    chosen = d.select(result, all_shortfalls)
    if by == "department":
        for department, items in d.group_by_department(chosen).items():
            number, year, seq = w.number(register.find("assignment", ("", "", department), result.as_of))
            w.emit(d.build_assignment(department, items, result, settings, number, year, seq, w.due))
    else:
        _follow_up(w)
        for community in chosen:
            existing = register.find("notice", community.key, result.as_of)
            if existing is None and register.active_for(community.key) is not None:
                continue  # still under an earlier notice: followed up above, not noticed twice
            number, year, seq = w.number(existing)
            w.emit(d.build_notice(community, result, settings, number, year, seq, w.due))
    # Always rewritten, even empty, so the index never shows an earlier run's notices as this one's.
    w.outcome.index = write_index(folder, w.outcome.written, lang)
    return w.outcome


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
            w.register.set_status(entry.number, "rectified", f"{result.as_of.isoformat()} 复查：所列问题均已整改")
            w.outcome.rectified.append(entry.number)
            continue
        if result.as_of <= entry.due:
            continue
        if entry.status == "open":
            w.register.set_status(entry.number, "overdue", f"{result.as_of.isoformat()} 复查：{len(unmet)}项逾期未整改")
            w.outcome.overdue.append(entry.number)
        escalation = w.register.escalation_of(entry.number)
        if escalation is not None and escalation.as_of != result.as_of:
            continue  # already escalated by an earlier run
        number, year, seq = w.number(escalation)
        parent = {"number": entry.number, "as_of": entry.as_of, "due": entry.due, "indicators": entry.indicators}
        w.emit(d.build_escalation(parent, community, result, w.settings, number, year, seq, w.due))
