"""Trends over recorded runs: the frozen values ``creatio history`` shows, and the arithmetic between runs.

Pure: rows in (what ``history.read`` fetched from the file), frozen values out, no I/O and no language —
titles and grades stay bilingual (:class:`Text2`) until a renderer picks ``--lang``. A *change* compares a
row with the same group's row in the previous run of the series where that group appears (a street that
skipped a week is compared with its last appearance), so a trend never jumps over a missing value.

Partner units (帮扶单位) are counted the way the score report's ``rankings.partners`` counts them
(``results.partner_units``: a cell naming several units counts for each; a blank partner is left out).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from creatio_cli.messages import Message
from creatio_cli.results import partner_units

VIEWS: tuple[str, ...] = ("run", "district", "street", "community", "indicator", "partner")


@dataclass(frozen=True, slots=True)
class Text2:
    """A text in both languages, as the history file stores titles and grades."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return (self.en or self.zh) if lang == "en" else (self.zh or self.en)


@dataclass(frozen=True, slots=True)
class RunRow:
    """One recorded run and its communities' aggregates (after the place filters)."""

    run: int
    standard: str
    standard_version: str
    standard_title: Text2
    scope: str
    as_of: date
    expected_progress: float
    communities: int
    mean_score: float | None
    mean_completion: float | None
    behind_schedule: int
    compliant: int
    files: int
    files_skipped: int
    recorded_at: str
    source: str

    @property
    def gap(self) -> float | None:
        """Mean completion minus 序时进度, in percentage points (百分点); negative = behind."""
        return None if self.mean_completion is None else (self.mean_completion - self.expected_progress) * 100

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"run": self.run, "as_of": self.as_of.isoformat(), "standard": self.standard,
                "standard_version": self.standard_version, "standard_title": self.standard_title.get(lang),
                "scope": self.scope, "communities": self.communities, "mean_score": _r(self.mean_score, 4),
                "mean_completion": _r(self.mean_completion, 6), "expected_progress": self.expected_progress,
                "gap_points": _r(self.gap, 2), "behind_schedule": self.behind_schedule, "compliant": self.compliant,
                "files": self.files, "files_skipped": self.files_skipped, "recorded_at": self.recorded_at,
                "source": self.source}


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A district, a street (district + street) or a partner unit in one run."""

    run: int
    as_of: date
    district: str | None
    street: str | None
    partner: str | None
    communities: int
    mean_score: float
    mean_completion: float
    expected_progress: float
    behind_schedule: int
    compliant: int
    score_change: float | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(v for v in (self.district, self.street, self.partner) if v is not None)

    @property
    def name(self) -> str:
        """How a chart names the group: the street alone (its district is in the table), else the key."""
        return self.partner if self.partner is not None else (self.street or self.district or "")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"run": self.run, "as_of": self.as_of.isoformat()}
        out.update({k: v for k, v in (("district", self.district), ("street", self.street), ("partner", self.partner))
                    if v is not None})
        out.update({"communities": self.communities, "mean_score": _r(self.mean_score, 4),
                    "mean_completion": _r(self.mean_completion, 6), "expected_progress": self.expected_progress,
                    "behind_schedule": self.behind_schedule, "compliant": self.compliant,
                    "score_change": _r(self.score_change, 4)})
        return out


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One indicator in one run: how many communities met it of those it applied to (pass rate)."""

    run: int
    as_of: date
    indicator: str
    title: Text2
    met: int
    applicable: int  # communities minus not applicable, waived and unassessed
    problems: int  # shortfall + missing + invalid
    unassessed: int
    change: float | None = None  # pass rate change, in percentage points

    @property
    def pass_rate(self) -> float | None:
        return self.met / self.applicable if self.applicable else None

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"run": self.run, "as_of": self.as_of.isoformat(), "indicator": self.indicator,
                "title": self.title.get(lang), "met": self.met, "applicable": self.applicable,
                "problems": self.problems, "unassessed": self.unassessed, "pass_rate": _r(self.pass_rate, 6),
                "change_points": _r(self.change, 2)}


@dataclass(frozen=True, slots=True)
class CommunityRow:
    """One community in one run: its score against 序时进度 and the indicators it had not met."""

    run: int
    as_of: date
    district: str
    street: str
    community: str
    partner: str
    score: float
    max_score: float
    completion: float
    expected_progress: float
    behind_schedule: bool
    compliant: bool
    grade: Text2
    unmet: tuple[str, ...] = ()  # indicator ids with a shortfall, missing or invalid value
    score_change: float | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.district, self.street, self.community)

    def to_dict(self, lang: str, titles: Mapping[str, Text2] | None = None) -> dict[str, Any]:
        return {"run": self.run, "as_of": self.as_of.isoformat(), "district": self.district, "street": self.street,
                "community": self.community, "partner": self.partner, "score": self.score,
                "max_score": self.max_score, "completion": self.completion,
                "expected_progress": self.expected_progress, "behind_schedule": self.behind_schedule,
                "compliant": self.compliant, "grade": self.grade.get(lang), "unmet": list(self.unmet),
                "unmet_titles": [(titles or {}).get(i, Text2(i, i)).get(lang) for i in self.unmet],
                "score_change": _r(self.score_change, 4)}


@dataclass(frozen=True)
class HistoryReport:
    """What ``creatio history`` shows: the runs, and the trend views asked for (None = not computed)."""

    path: str
    view: str
    runs: tuple[RunRow, ...]
    standard: str | None = None  # the series (standard, scope) of the trend views; None when listing runs
    scope: str | None = None
    filters: tuple[tuple[str, str], ...] = ()  # ("district", "清江浦区") …
    districts: tuple[GroupRow, ...] | None = None
    streets: tuple[GroupRow, ...] | None = None
    partners: tuple[GroupRow, ...] | None = None
    indicators: tuple[IndicatorRow, ...] | None = None
    communities: tuple[CommunityRow, ...] | None = None
    titles: Mapping[str, Text2] = field(default_factory=dict)  # indicator id → title (the latest run's)
    notes: tuple[Message, ...] = ()

    @property
    def trajectory(self) -> bool:
        """One community followed run by run (``--community``)."""
        return any(name == "community" for name, _ in self.filters)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The JSON form: keys English; titles and grades in ``lang``."""
        from creatio_cli import __version__

        out: dict[str, Any] = {"tool": {"name": "creatio", "version": __version__}, "history": self.path,
                               "view": self.view,
                               "series": None if self.standard is None else {"standard": self.standard,
                                                                             "scope": self.scope},
                               "filters": dict(self.filters), "runs": [r.to_dict(lang) for r in self.runs]}
        for name, rows in (("districts", self.districts), ("streets", self.streets), ("partners", self.partners)):
            if rows is not None:
                out[name] = [r.to_dict() for r in rows]
        if self.indicators is not None:
            out["indicators"] = [r.to_dict(lang) for r in self.indicators]
        if self.communities is not None:
            out["communities"] = [r.to_dict(lang, self.titles) for r in self.communities]
        return out


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits) + 0.0


R = TypeVar("R")


def with_changes(rows: Iterable[R], key: Callable[[R], Hashable], value: Callable[[R], float | None],
                 order: Callable[[R], Any], set_change: Callable[[R, float | None], R]) -> list[R]:
    """``rows`` in (key, order) order, each with the change of ``value`` since the same key's previous row."""
    out: list[R] = []
    last: dict[Hashable, float | None] = {}
    for row in sorted(rows, key=lambda r: (key(r), order(r))):
        k, v = key(row), value(row)
        before = last.get(k)
        out.append(set_change(row, None if before is None or v is None else v - before))
        last[k] = v
    return out


def group_changes(rows: Iterable[GroupRow]) -> tuple[GroupRow, ...]:
    """Group rows with their mean-score change since the group's previous run."""
    return tuple(with_changes(rows, lambda r: r.key, lambda r: r.mean_score, lambda r: (r.as_of, r.run),
                              lambda r, c: replace(r, score_change=None if c is None else round(c, 4))))


def indicator_changes(rows: Iterable[IndicatorRow]) -> tuple[IndicatorRow, ...]:
    """Indicator rows with their pass-rate change (percentage points) since the previous run."""
    return tuple(with_changes(rows, lambda r: r.indicator,
                              lambda r: None if r.pass_rate is None else r.pass_rate * 100,
                              lambda r: (r.as_of, r.run), lambda r, c: replace(r, change=c)))


def community_changes(rows: Iterable[CommunityRow]) -> tuple[CommunityRow, ...]:
    """Community rows with their score change since the community's previous run."""
    return tuple(with_changes(rows, lambda r: r.key, lambda r: r.score, lambda r: (r.as_of, r.run),
                              lambda r, c: replace(r, score_change=None if c is None else round(c, 4))))


def partner_rows(members: Iterable[tuple[int, date, float, str, float, float, bool, bool]]) -> tuple[GroupRow, ...]:
    """Partner-unit aggregates from (run, as_of, expected_progress, partner cell, score, completion, behind,
    compliant) per community; a community whose cell names two units counts for both."""
    groups: dict[tuple[int, str], list[tuple[float, float, bool, bool]]] = {}
    when: dict[int, tuple[date, float]] = {}
    for run, as_of, progress, cell, score, completion, behind, compliant in members:
        when[run] = (as_of, progress)
        for partner in partner_units(cell):
            groups.setdefault((run, partner), []).append((score, completion, behind, compliant))
    rows = []
    for (run, partner), cs in groups.items():
        n = len(cs)
        rows.append(GroupRow(run, when[run][0], None, None, partner, n, sum(c[0] for c in cs) / n,
                             sum(c[1] for c in cs) / n, when[run][1], sum(c[2] for c in cs), sum(c[3] for c in cs)))
    return group_changes(rows)


def pivot(rows: Sequence[GroupRow], runs: Sequence[RunRow], value: Callable[[GroupRow], float | None],
          limit: int | None = None) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Chart data: the runs' as-of dates, and one series per group (``value`` per run; None where the group
    is absent), groups in first-seen order; ``limit`` keeps the groups with the most recent lowest values
    (the ones a bulletin watches) when there are too many lines to read."""
    labels = [r.as_of.isoformat() for r in runs]
    at = {r.run: i for i, r in enumerate(runs)}
    series: dict[tuple[str, ...], tuple[str, list[float | None]]] = {}
    for row in rows:
        if row.run not in at:
            continue
        entry = series.setdefault(row.key, (row.name, [None] * len(runs)))
        entry[1][at[row.run]] = value(row)
    chosen = list(series.values())
    if limit is not None and len(chosen) > limit:
        def latest(item: tuple[str, list[float | None]]) -> float:
            known = [v for v in item[1] if v is not None]
            return known[-1] if known else float("inf")

        keep = {id(item) for item in sorted(chosen, key=latest)[:limit]}
        chosen = [item for item in chosen if id(item) in keep]
    return labels, chosen
