"""Frozen result values: what the engine returns and every renderer reads.

Field names are the JSON report's keys (design contract); ``to_dict(lang)`` produces that report. A
result holds no language: titles, categories and grades are bilingual values (``Localized``: the
standard's ``Text``, or a catalogue ``Message``) and warnings are catalogue messages, rendered in
``lang`` only when the report is written — so one result renders in either language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from creatio_cli.messages import Localized, Message
from creatio_cli.status import PROBLEMS

# Basis confidence levels a report marks (design.md, "Additions"): a placeholder threshold is also warned
# on stderr and refused by `notices draft`; low and local ones are only marked.
_CONFIDENCE_MARKS = {"placeholder": "confidence.placeholder", "low": "confidence.low", "local": "confidence.local"}


def confidence_mark(level: str | None) -> Message | None:
    """The mark a report shows beside an indicator whose basis is ``placeholder``, ``low`` or ``local``
    (占位值 / 低可信度 / 地方口径); None for ``high`` and ``medium``."""
    code = _CONFIDENCE_MARKS.get(level or "")
    return Message(code) if code else None


def _text(value: Localized | None, lang: str) -> str:
    return "" if value is None else value.get(lang)


@dataclass(frozen=True, slots=True)
class Campaign:
    start: date
    deadline: date
    convention: str  # "day" | "month"


@dataclass(frozen=True, slots=True)
class StandardRef:
    id: str
    title: Localized
    version: str
    # The document a notice cites: the root of the standard's ``extends`` chain that declares indicators.
    basis_title: Localized | None = None


@dataclass(frozen=True, slots=True)
class Source:
    file: str
    sheet: str
    row: int  # Excel row as the user sees it (1-based)


@dataclass(frozen=True, slots=True)
class Finding:
    """One indicator's verdict for one community, with the cell a person can go and fix."""

    indicator: str
    title: Localized
    category: Localized
    status: str  # a Status (status.py): met | shortfall | missing | invalid | not_applicable | waived
    actual: float | bool | None
    required: float | bool | None
    gap: float | None
    unit: str | None
    points: float
    points_lost: float
    cell: str | None
    raw: str | None
    department: str
    basis: str
    deadline: date | None
    overdue: bool
    reason: str | None = None  # why an invalid cell could not be read: a catalogue code (cell.not_number …)
    basis_confidence: str = "high"  # high | medium | low | local | placeholder (the indicator's basis)
    # Not in the JSON report: the field whose cell is cited, and the indicator's rule bound to the standard's
    # fields (standards.wording.IndicatorWording), from which a notice words the shortfall.
    cited_field: str | None = field(default=None, compare=False, repr=False)
    wording: Any = field(default=None, compare=False, repr=False)
    # Not in the JSON report either: the rule's inputs in this row that are only a lower bound (“2000多”),
    # as (field the rule reads, title of the cell's field, cell, raw) — a met or shortfall verdict both ends agree on
    # whose figures are nonetheless not exact (bounds.py), so a notice never states them as exact.
    bounded: tuple[tuple[str, str, str | None, str | None], ...] = field(default=(), compare=False, repr=False)
    # The title of the field whose cell ``cell`` is, when that is not the field the indicator is about (the
    # basis of its requirement: households; a share's count or population); None when it is
    basis_field: str | None = field(default=None, compare=False, repr=False)
    # The values the reason's message names (cell.share_contradicts: the stated and the computed share); in
    # the JSON report only through the rendered ``reason``.
    reason_params: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    # Not in the JSON report: the rule's inputs in this row that are approximate (“约6”, “900左右”), shaped as
    # ``bounded``: the verdict holds across ±10 % (bounds.py) but the figures are only about right, so the
    # check table quotes the cell as written and a notice says 约 (notices/draft.py).
    approximate: tuple[tuple[str, str, str | None, str | None], ...] = field(default=(), compare=False, repr=False)

    @property
    def actual_as_written(self) -> str | None:
        """The cited cell as written (“约6”, “10余”) when the actual figure is read from a lower-bound or
        approximate cell of the indicator's own field: the figure is not exact, so it is never shown as one
        (None otherwise, and for a share computed from such a cell: its cell holds a count, not the share)."""
        if self.basis_field is not None or not self.raw:
            return None
        if any(name == self.cited_field for name, *_ in (*self.bounded, *self.approximate)):
            return self.raw
        return None

    @property
    def reason_message(self) -> Message | None:
        """Why the cell is invalid, as a catalogue message with its values (None when it says nothing)."""
        return Message(self.reason, self.reason_params or {}) if self.reason else None

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "indicator": self.indicator, "title": self.title.get(lang), "category": self.category.get(lang),
            "status": self.status, "actual": self.actual, "required": self.required, "gap": self.gap,
            "unit": self.unit, "points": self.points, "points_lost": self.points_lost,
            "cell": self.cell, "raw": self.raw, "department": self.department, "basis": self.basis,
            "deadline": self.deadline.isoformat() if self.deadline else None, "overdue": self.overdue,
            "reason": (Message(self.reason, self.reason_params or {}).render(lang) if self.reason else None),
            "reason_code": self.reason,
            "basis_confidence": self.basis_confidence,
        }


#: What separates the units of a partner cell: 、，,；;／/ (full- and half-width).
_PARTNER_SEPARATORS = re.compile(r"[、，,；;／/]")


def partner_units(text: str | None) -> tuple[str, ...]:
    """The units a partner cell names, in order, each once, spaces trimmed: ``"市民政局、市财政局"`` →
    ``("市民政局", "市财政局")``; a blank cell names none. A cell naming several units counts for each
    (design.md, "Additions": split on 、，,;/)."""
    if not text:
        return ()
    return tuple(dict.fromkeys(u for u in (" ".join(part.split()) for part in _PARTNER_SEPARATORS.split(text)) if u))


@dataclass(frozen=True, slots=True)
class CommunityResult:
    community: str
    street: str
    district: str
    source: Source
    score: float
    max_score: float
    completion: float
    expected_progress: float
    behind_schedule: bool
    grade: Localized | None
    indicators_met: int
    indicators_total: int
    findings: tuple[Finding, ...]
    indicators_assessed: int = -1  # -1: as many as indicators_total (results built before `unassessed`)
    # The partner unit (帮扶单位 / 包联单位 …) as written, None when blank; ``partner_read``: the community's
    # sheet has a partner column (only then does the JSON record carry ``partner``).
    partner: str | None = None
    partner_read: bool = False

    def __post_init__(self) -> None:
        if self.indicators_assessed < 0:
            object.__setattr__(self, "indicators_assessed", self.indicators_total)

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of a community across files and weeks: (district, street, community)."""
        return (self.district, self.street, self.community)

    @property
    def compliant(self) -> bool:
        """No shortfall, missing or invalid finding (among the indicators the ledger lets us assess)."""
        return not any(f.status in PROBLEMS for f in self.findings)

    @property
    def partner_units(self) -> tuple[str, ...]:
        """The partner units the cell names: ``市民政局、市财政局`` → both (see :func:`partner_units`)."""
        return partner_units(self.partner)

    def to_dict(self, lang: str) -> dict[str, Any]:
        place: dict[str, Any] = {"community": self.community, "street": self.street, "district": self.district}
        if self.partner_read:
            place["partner"] = self.partner
        return {
            **place,
            "source": {"file": self.source.file, "sheet": self.source.sheet, "row": self.source.row},
            "score": self.score, "max_score": self.max_score, "completion": self.completion,
            "expected_progress": self.expected_progress, "behind_schedule": self.behind_schedule,
            "grade": _text(self.grade, lang), "indicators_met": self.indicators_met,
            "indicators_total": self.indicators_total, "indicators_assessed": self.indicators_assessed,
            "findings": [f.to_dict(lang) for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class FileStatus:
    path: str
    sheets: tuple[str, ...]
    status: str  # ok | skipped
    reason: Message | None
    communities: int
    # The file's own 截至 / 填报日期 (None when its title rows give none), and whether the run judged it at
    # another date: a batch settles one as-of for every file, and a Q3 ledger's cumulative counts judged
    # at the June date must be visible in the file list, not only in a note on stderr.
    as_of_hint: date | None = None
    other_date: bool = False

    def to_dict(self, lang: str) -> dict[str, Any]:
        out = {"path": self.path, "sheets": list(self.sheets), "status": self.status,
               "reason": self.reason.render(lang) if self.reason else None, "communities": self.communities,
               "as_of_hint": self.as_of_hint.isoformat() if self.as_of_hint else None,
               "judged_at_other_date": self.other_date}
        if self.reason is not None:
            out.update(reason_code=self.reason.code, reason_params=self.reason.to_dict()["params"])
        return out


def mark_other_dates(files: Sequence[FileStatus], as_of: date) -> list[FileStatus]:
    """Mark the files whose own date is not the run's ``as_of`` (judged at another date than their own)."""
    return [replace(f, other_date=f.as_of_hint is not None and f.as_of_hint != as_of) for f in files]


@dataclass(frozen=True, slots=True)
class Warning:
    """A problem that did not stop the run, where it was seen (design.md: ``warnings[]`` with code/params)."""

    message: Message
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    key: str | None = None

    @property
    def code(self) -> str:
        return self.message.code

    def where(self) -> str:
        """``file [sheet] cell`` — the known parts."""
        return " ".join(part for part in (self.file, f"[{self.sheet}]" if self.sheet else "", self.cell or "",
                                          self.key or "") if part)

    def to_dict(self, lang: str) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "sheet": self.sheet, "cell": self.cell}
        if self.key is not None:
            out["key"] = self.key
        out.update(self.message.to_dict())
        out["message"] = self.message.render(lang)
        return out


@dataclass(frozen=True, slots=True)
class IndicatorSummary:
    indicator: str
    title: Localized
    met: int = 0
    shortfall: int = 0
    missing: int = 0
    invalid: int = 0
    not_applicable: int = 0
    waived: int = 0
    unassessed: int = 0
    basis_confidence: str = "high"

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"indicator": self.indicator, "title": self.title.get(lang), "met": self.met,
                "shortfall": self.shortfall, "missing": self.missing, "invalid": self.invalid,
                "not_applicable": self.not_applicable, "waived": self.waived, "unassessed": self.unassessed,
                "basis_confidence": self.basis_confidence}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ledger column that might be the missing field, with the matcher's score (0..1)."""

    header: str
    column: str
    score: float
    # The look-alike word that kept the column from the field (户数 in 户数及人口/辖区常住人口): not a score of the
    # matcher (0.0), shown so the user is not told there is no column to map. JSON: ``lookalike`` when set.
    lookalike: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"header": self.header, "column": self.column, "score": self.score}
        if self.lookalike is not None:
            out["lookalike"] = self.lookalike
        return out


@dataclass(frozen=True, slots=True)
class UnassessedIndicator:
    """An indicator the ledger(s) could not assess: ``field`` has no usable column in ``files``."""

    indicator: str
    field: str
    files: tuple[str, ...]
    candidates: tuple[Candidate, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "field": self.field, "files": list(self.files),
                "candidates": [c.to_dict() for c in self.candidates]}


@dataclass(frozen=True, slots=True)
class Summary:
    communities: int
    compliant: int
    with_shortfalls: int
    behind_schedule: int
    by_indicator: tuple[IndicatorSummary, ...]

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"communities": self.communities, "compliant": self.compliant,
                "with_shortfalls": self.with_shortfalls, "behind_schedule": self.behind_schedule,
                "by_indicator": [i.to_dict(lang) for i in self.by_indicator]}


@dataclass(frozen=True)
class StatusMatrix:
    """Every (community, indicator) verdict of a run, compactly: ``codes[i, j]`` is the status code
    (``status.STATUS_BY_CODE``) of community ``i`` (in ``CheckResult.communities`` order) on
    ``indicators[j]``. ``findings`` hold only the problems unless ``--all-findings``; the history records
    every status (met, not applicable, waived and unassessed too) from here. Not in the JSON report."""

    indicators: tuple[str, ...]
    codes: Any  # numpy int8 array, shape (communities, indicators)

    def row(self, i: int) -> list[str]:
        """The statuses of community ``i``, one per indicator, as the JSON strings (met, shortfall …)."""
        from creatio_cli.status import STATUS_BY_CODE

        return [STATUS_BY_CODE[code].value for code in self.codes[i].tolist()]


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one ledger (or a batch of ledgers) against one standard at one as-of date."""

    tool_version: str
    standard: StandardRef
    as_of: date
    campaign: Campaign
    expected_progress: float
    files: tuple[FileStatus, ...]
    communities: tuple[CommunityResult, ...]
    summary: Summary
    warnings: tuple[Warning, ...] = field(default_factory=tuple)
    unassessed: tuple[UnassessedIndicator, ...] = ()
    statuses: StatusMatrix | None = field(default=None, compare=False, repr=False)  # None: built by hand

    @property
    def exit_code(self) -> int:
        """0 when every community meets the standard, every file was read and every indicator assessed;
        else 1 (design.md: "Exit code: 1 when anything is unassessed")."""
        skipped = any(f.status != "ok" for f in self.files)
        problems = skipped or bool(self.unassessed) or any(not c.compliant for c in self.communities)
        return 1 if problems else 0

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The JSON report of design.md (keys always English; titles, grades and messages in ``lang``)."""
        return {
            "tool": {"name": "creatio", "version": self.tool_version},
            "standard": {"id": self.standard.id, "title": self.standard.title.get(lang),
                         "version": self.standard.version},
            "as_of": self.as_of.isoformat(),
            "campaign": {"start": self.campaign.start.isoformat(), "deadline": self.campaign.deadline.isoformat(),
                         "convention": self.campaign.convention},
            "expected_progress": self.expected_progress,
            "files": [f.to_dict(lang) for f in self.files],
            "communities": [c.to_dict(lang) for c in self.communities],
            "summary": self.summary.to_dict(lang),
            "unassessed": [u.to_dict() for u in self.unassessed],
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }
