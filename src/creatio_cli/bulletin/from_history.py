"""The history adapter: the runs ``score --record`` keeps in the history database → runs and periods.

It builds the very :class:`~creatio_cli.bulletin.data.Run` the report adapter builds from the same week's
score JSON report, so a bulletin reads the same whichever source it was written from:

- the series: one (standard, scope), chosen as ``creatio history`` chooses it (``history.read.one_series``:
  the only one, else scope ``all`` of the only standard that has it, else exit 2 listing the series);
- communities, streets, districts and partner units are ranked with ``ranking`` (``rank_communities``,
  ``groups``, ``partners``) from the stored rows — the functions ``score`` ranks with — and 十佳 / 十差 are
  cut by ``data.cut`` as ``score --top 10`` (score's default) cuts them, ties stated;
- pass rates are counted from the stored statuses (met of all but not applicable, waived and unassessed),
  titled with the stored Chinese titles, in the standard's order.

What the history does not store is said, never guessed:

- 责任单位 (departments): the history keeps none. They are taken from the standard the run was scored with,
  loaded by its stored id (a shipped standard) — when no shipped standard has that id, or its version is
  not the run's, one note says so and the bulletin leaves the department section out.
- Points lost per open indicator: see :func:`_lost`.

The file is opened read-only (``HistoryFile(write=False)``, one snapshot): an older schema is read as it is,
a missing, foreign, newer or damaged file is exit 2 naming it, and nothing is written to it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from creatio_cli.baseline import mean_score
from creatio_cli.bulletin import data as d
from creatio_cli.errors import CreatioError, UsageError
from creatio_cli.history import store
from creatio_cli.history.read import Query, StoredRun, one_series, stored_runs
from creatio_cli.messages import Message, msg
from creatio_cli.ranking import department_loads, groups, partners, rank_communities
from creatio_cli.results import partner_units
from creatio_cli.status import PROBLEMS, Status

#: How long 十佳 / 十差 are: ``score``'s default ``--top`` (the history does not record the option).
TOP = 10
_NOT_APPLICABLE = (Status.NOT_APPLICABLE.value, Status.WAIVED.value, Status.UNASSESSED.value)
_PROBLEMS = frozenset(s.value for s in PROBLEMS)


@dataclass(frozen=True)
class _Row:
    """One stored community (``communities`` row) with its statuses; what ``ranking`` reads (``Scored``)."""

    seq: int
    district: str
    street: str
    community: str
    partner: str
    score: float
    max_score: float
    completion: float
    behind_schedule: bool
    compliant: bool

    @property
    def key(self) -> d.Key:
        return (self.district, self.street, self.community)

    @property
    def partner_units(self) -> tuple[str, ...]:
        return partner_units(self.partner)


def weekly_period(path: Path, *, standard: str | None = None, scope: str | None = None,
                  as_of: date | None = None) -> tuple[d.Period, tuple[Message, ...]]:
    """The weekly period: the latest run of the series at or before ``as_of`` (default: the latest) against
    the run recorded before it (none: the bulletin says nothing of last week). UsageError: no run that early."""
    def pick(series: list[StoredRun]) -> list[StoredRun]:
        eligible = [r for r in series if as_of is None or r.as_of <= as_of]
        if not eligible:
            assert as_of is not None
            raise UsageError("bulletin.history_none_before", {"as_of": as_of.isoformat(),
                                                               "first": series[0].as_of.isoformat()}, file=path)
        return eligible[-2:]

    runs, notes = _read(path, standard, scope, pick)
    return d.weekly(runs[-1], runs[-2] if len(runs) > 1 else None), notes


def monthly_period(path: Path, *, standard: str | None = None, scope: str | None = None,
                   as_of: date | None = None) -> tuple[d.Period, tuple[Message, ...]]:
    """The monthly period: every run of the series in the calendar month of ``as_of`` (default: the latest
    run's month) up to ``as_of``. UsageError: no run in that month (the recorded range is named)."""
    day: list[date] = []

    def pick(series: list[StoredRun]) -> list[StoredRun]:
        day.append(as_of or series[-1].as_of)
        month = (day[0].year, day[0].month)
        chosen = [r for r in series if (r.as_of.year, r.as_of.month) == month and r.as_of <= day[0]]
        if not chosen:
            raise UsageError("bulletin.history_no_run_in_month",
                             {"month": f"{month[0]}-{month[1]:02d}", "count": len(series),
                              "first": series[0].as_of.isoformat(), "last": series[-1].as_of.isoformat()}, file=path)
        return chosen

    runs, notes = _read(path, standard, scope, pick)
    return d.monthly(runs, day[0]), notes


def _read(path: Path, standard: str | None, scope: str | None,
          pick: Callable[[list[StoredRun]], list[StoredRun]]) -> tuple[list[d.Run], tuple[Message, ...]]:
    """The runs ``pick`` chooses from the one series of the history file, built; and the notes to show."""
    path = Path(path)
    notes: list[Message] = []
    with store.translating(path), store.HistoryFile(path, write=False) as file, file.reading() as db:
        found = [r for r in stored_runs(db) if standard in (None, r.standard) and scope in (None, r.scope)]
        series, (standard_id, scope_name) = one_series(found, Query(standard, scope), str(path))
        notes.append(msg("note.history_series", path=str(path), standard=standard_id, scope=scope_name,
                         runs=len(series)))
        chosen = pick(series)
        departments, missing = _departments_of(standard_id, chosen[-1].version)
        if missing is not None:
            notes.append(missing)
        runs = [_run(db, file.version, r, str(path), departments if r.version == chosen[-1].version else None)
                for r in chosen]
    return runs, tuple(notes)


def _departments_of(standard_id: str, version: str) -> tuple[dict[str, str] | None, Message | None]:
    """Indicator → 责任单位 from the shipped standard ``standard_id`` when it is the run's ``version``; else
    None and the note that says why the department section is left out."""
    from creatio_cli.standards.loader import load_standard, shipped_dir

    shipped = shipped_dir() / f"{standard_id}.yaml"
    try:
        # By the shipped file's path: a bare id could resolve to a file of that name in the current folder.
        std = load_standard(shipped) if shipped.is_file() else None
    except CreatioError:
        std = None
    if std is None:
        return None, msg("note.bulletin_no_departments", standard=standard_id)
    if std.version != version:
        return None, msg("note.bulletin_departments_version", standard=standard_id, recorded=version,
                         found=std.version)
    return {ind.id: ind.department for ind in std.indicators}, None


def _run(db: sqlite3.Connection, version: int, run: StoredRun, source: str,
         departments: dict[str, str] | None) -> d.Run:
    """One recorded run as the report adapter would read the same run's score report."""
    partner = "partner" if version >= 2 else "''"
    rows = [_Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), bool(r[9])) for r in db.execute(
        f"SELECT seq, district, street, community, {partner}, score, max_score, completion, behind_schedule,"
        " compliant FROM communities WHERE run = ? ORDER BY seq", (run.id,))]
    statuses: dict[int, dict[str, str]] = defaultdict(dict)
    for seq, indicator, status in db.execute("SELECT seq, indicator, status FROM statuses WHERE run = ?", (run.id,)):
        statuses[seq][indicator] = status
    if version >= 2:
        indicators = db.execute("SELECT indicator, title_zh, points FROM indicators WHERE run = ? ORDER BY position",
                                (run.id,)).fetchall()
    else:  # schema 1 kept no titles nor points: the ids stand in, in id order (as its migration does)
        indicators = [(i, i, None) for i in sorted({i for by in statuses.values() for i in by})]
    points = {i: float(p) for i, _, p in indicators if p is not None}
    order = {i: n for n, (i, _, _) in enumerate(indicators)}

    communities = []
    for rank, row in rank_communities(rows):
        by = statuses.get(row.seq, {})
        open_ = frozenset(i for i, s in by.items() if s in _PROBLEMS)
        skipped = frozenset(i for i, s in by.items() if s == Status.UNASSESSED.value)
        communities.append(d.Community(rank, *row.key, row.score, row.max_score, row.completion,
                                       row.behind_schedule, row.compliant, row.partner_units, open_,
                                       _lost(row, by, points, order), skipped))
    ranked = tuple(communities)
    top, bottom, top_ties, bottom_ties = d.cut(ranked, TOP)

    pass_rates = []
    for indicator, title, _ in indicators:
        counts: dict[str, int] = defaultdict(int)
        for by in statuses.values():
            if indicator in by:
                counts[by[indicator]] += 1
        applicable = len(rows) - sum(counts[s] for s in _NOT_APPLICABLE)
        met = counts[Status.MET.value]
        pass_rates.append(d.PassRate(indicator, title, met, applicable,
                                     round(met / applicable, 6) if applicable else None))
    loads = () if departments is None else department_loads(
        (row.key, departments.get(i, ""), s) for row in rows for i, s in statuses.get(row.seq, {}).items())
    n, compliant = len(rows), sum(r.compliant for r in rows)
    return d.Run(
        as_of=run.as_of, standard_id=run.standard, standard_title=run.title.zh, expected_progress=run.progress,
        summary=d.Summary(n, compliant, n - compliant, sum(r.behind_schedule for r in rows),
                          mean_score([c.score for c in ranked])),
        communities=ranked,
        streets=tuple(d.Group(g.rank, g.district, g.street, g.communities, g.mean_score, g.mean_completion,
                              g.share_compliant, g.share_behind_schedule) for g in groups(rows, by_street=True)),
        districts=tuple(d.Group(g.rank, g.district, None, g.communities, g.mean_score, g.mean_completion,
                                g.share_compliant, g.share_behind_schedule) for g in groups(rows, by_street=False)),
        partners=tuple(d.Partner(p.rank, p.partner, p.communities, p.mean_score, p.mean_completion,
                                 p.share_compliant, p.share_behind_schedule) for p in partners(rows)),
        pass_rates=tuple(pass_rates),
        departments=tuple(d.Department(x.department, x.findings, x.communities) for x in loads),
        top=top, bottom=bottom, top_ties=top_ties, bottom_ties=bottom_ties,
        points=points, source=source, standard_version=run.version,
    )


def _lost(row: _Row, by: dict[str, str], points: dict[str, float],
          order: dict[str, int]) -> tuple[tuple[str, float], ...]:
    """(indicator, points lost) of each open indicator of a community, in the standard's order (as findings).

    Exact where the history allows: a missing or invalid value earns nothing, so it loses the indicator's
    full points; a shortfall loses its full points under all-or-nothing credit. Under proportional credit
    a shortfall keeps a share the history does not store — but the community's total loss is stored
    (max_score − score), so a single such shortfall gets exactly the rest. Only when several shortfalls
    share a remainder that is not their full points is the remainder split by their points (an
    approximation). It matters only where a comparison leaves out an indicator assessed in one run only.
    """
    open_ = sorted((i for i, s in by.items() if s in _PROBLEMS), key=lambda i: (order.get(i, len(order)), i))
    full = {i: points.get(i, 0.0) for i in open_}
    shortfalls = [i for i in open_ if by[i] == Status.SHORTFALL.value]
    rest = row.max_score - row.score - sum(full[i] for i in open_ if i not in shortfalls)
    whole = sum(full[i] for i in shortfalls)
    if shortfalls and abs(rest - whole) > 1e-6 and rest >= 0:
        if len(shortfalls) == 1:
            full[shortfalls[0]] = rest
        elif whole > 0:
            full.update({i: rest * full[i] / whole for i in shortfalls})
    return tuple((i, round(full[i], 4)) for i in open_)
