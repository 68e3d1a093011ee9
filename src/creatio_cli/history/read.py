"""Reading the history file for ``creatio history``: runs, then trends per district, street, partner unit,
indicator and community — aggregated by SQLite where it can (GROUP BY over the run's rows), shaped by
``trends``. Never writes: an older schema is read as it is (what it lacks — partner units and indicator
titles before schema 2 — reads as blank, or as the indicator id).

Which runs: ``--standard`` and ``--scope`` select them; the trend views need one series (one standard and
one scope), so when the file holds several and none is chosen, scope ``all`` is taken if it is one standard's
only series, else the choice is refused with the series listed. ``--district``, ``--street`` and
``--community`` narrow the communities every view aggregates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from creatio_cli.errors import UsageError
from creatio_cli.messages import Message, msg
from creatio_cli.status import PROBLEMS, Status
from creatio_cli.trends import (
    VIEWS,
    CommunityRow,
    GroupRow,
    HistoryReport,
    IndicatorRow,
    RunRow,
    Text2,
    community_changes,
    group_changes,
    indicator_changes,
    partner_rows,
)

_PROBLEMS = tuple(sorted(s.value for s in PROBLEMS))
_NOT_APPLICABLE = (Status.NOT_APPLICABLE.value, Status.WAIVED.value, Status.UNASSESSED.value)


@dataclass(frozen=True)
class Query:
    """What ``creatio history`` asks: which runs, which communities, which views."""

    standard: str | None = None
    scope: str | None = None
    district: str | None = None
    street: str | None = None
    community: str | None = None
    view: str = "run"
    views: tuple[str, ...] = ()  # the views to compute besides ``view`` (xlsx: all of them)

    @property
    def filters(self) -> tuple[tuple[str, str], ...]:
        return tuple((k, v) for k, v in (("district", self.district), ("street", self.street),
                                         ("community", self.community)) if v is not None)


@dataclass(frozen=True)
class StoredRun:
    """A recorded run's key and header (``runs`` row); also what ``bulletin.from_history`` selects by."""

    id: int
    standard: str
    as_of: date
    scope: str
    version: str
    title: Text2
    progress: float
    recorded_at: str
    source: str


def load(db: sqlite3.Connection, version: int, path: str, query: Query) -> HistoryReport:
    """The report for ``query`` from an open history file (schema ``version``), read in one snapshot."""
    if query.view not in VIEWS:
        raise UsageError("option.choice", {"option": "--by", "choices": list(VIEWS), "value": query.view})
    runs = [r for r in stored_runs(db) if query.standard in (None, r.standard) and query.scope in (None, r.scope)]
    wanted = dict.fromkeys((query.view, *query.views))
    notes: list[Message] = []
    series: tuple[str, str] | None = None
    if set(wanted) != {"run"} or query.filters:
        runs, series = one_series(runs, query, path)
        notes.append(msg("note.history_series", path=path, standard=series[0], scope=series[1], runs=len(runs)))
        versions = list(dict.fromkeys(r.version for r in runs))
        if len(versions) > 1:
            notes.append(msg("note.history_versions", versions=versions))
    if not runs:
        raise UsageError("history.no_runs", {"standard": query.standard or "*", "scope": query.scope or "*"},
                         file=path)
    where, params = _where(query)
    ids = [r.id for r in runs]
    run_rows = tuple(_run_rows(db, runs, where, params))
    if query.community is not None and not any(r.communities for r in run_rows):
        place = "/".join(v for v in (query.district, query.street) if v)
        raise UsageError("history.community_not_found", {
            "community": query.community,
            "where": msg("history.community_where", place=place) if place else ""}, file=path)
    if query.community is not None:
        # Two communities of one name (幸福社区 in two streets) are not one trajectory: said, so the user can pick.
        places = db.execute(f"SELECT DISTINCT c.district, c.street FROM communities c WHERE c.run IN {_in(ids)}{where}"
                            " ORDER BY c.district, c.street", (*ids, *params)).fetchall()
        if len(places) > 1:  # listed each with its street; no trajectory chart is drawn for the mixture
            notes.append(msg("note.history_community_several", community=query.community,
                             places=["/".join(p for p in place if p) or "—" for place in places]))
    by_run = {r.id: r for r in runs}
    # Titles name indicators in the indicator and community views only (an old file's come from elsewhere).
    titles = _titles(db, version, ids, series[0] if series else runs[0].standard, notes) \
        if {"indicator", "community"} & set(wanted) else {}
    return HistoryReport(
        path, query.view, run_rows, series[0] if series else None, series[1] if series else None, query.filters,
        districts=_groups(db, by_run, ("district",), where, params) if "district" in wanted else None,
        streets=_groups(db, by_run, ("district", "street"), where, params) if "street" in wanted else None,
        partners=_partners(db, version, by_run, where, params) if "partner" in wanted else None,
        indicators=_indicators(db, by_run, titles, where, params) if "indicator" in wanted else None,
        communities=_communities(db, version, by_run, where, params) if "community" in wanted else None,
        titles=MappingProxyType(titles), notes=tuple(notes))


def stored_runs(db: sqlite3.Connection) -> list[StoredRun]:
    """Every recorded run, oldest first (then by standard and scope)."""
    rows = db.execute("SELECT id, standard, as_of, scope, standard_version, standard_title_zh, standard_title_en,"
                      " expected_progress, recorded_at, source FROM runs ORDER BY as_of, standard, scope").fetchall()
    return [StoredRun(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], Text2(r[5], r[6]), r[7], r[8], r[9])
            for r in rows]


def one_series(runs: list[StoredRun], query: Query, path: str) -> tuple[list[StoredRun], tuple[str, str]]:
    """The runs of one (standard, scope): the only one, else scope ``all`` of the only standard that has it."""
    keys = list(dict.fromkeys((r.standard, r.scope) for r in runs))
    if not keys:
        raise UsageError("history.no_runs", {"standard": query.standard or "*", "scope": query.scope or "*"},
                         file=path)
    if len(keys) > 1:
        alls = [k for k in keys if k[1] == "all"]
        if query.scope is None and len(alls) == 1:
            keys = alls
        else:
            raise UsageError("history.series_ambiguous", {"series": [f"{s} / {c}" for s, c in keys]}, file=path)
    return [r for r in runs if (r.standard, r.scope) == keys[0]], keys[0]


def _where(query: Query) -> tuple[str, list[str]]:
    """The SQL condition on ``communities`` (alias c) for the place filters, compared after trimming."""
    parts, params = [], []
    for name, value in query.filters:
        parts.append(f"c.{name} = ?")
        params.append(" ".join(value.split()))
    return (" AND " + " AND ".join(parts)) if parts else "", params


def _in(items: Sequence[object]) -> str:
    """``(?, ?, …)``: one SQL placeholder per item."""
    return f"({', '.join('?' * len(items))})"


def _run_rows(db: sqlite3.Connection, runs: list[StoredRun], where: str, params: list[str]) -> list[RunRow]:
    ids = [r.id for r in runs]
    stats = {row[0]: row[1:] for row in db.execute(
        f"SELECT c.run, count(*), avg(c.score), avg(c.completion), sum(c.behind_schedule), sum(c.compliant)"
        f" FROM communities c WHERE c.run IN {_in(ids)}{where} GROUP BY c.run", (*ids, *params))}
    files = {row[0]: row[1:] for row in db.execute(
        f"SELECT run, count(*), sum(status != 'ok') FROM files WHERE run IN {_in(ids)} GROUP BY run", ids)}
    out = []
    for r in runs:
        n, score, completion, behind, compliant = stats.get(r.id, (0, None, None, 0, 0))
        total, skipped = files.get(r.id, (0, 0))
        out.append(RunRow(r.id, r.standard, r.version, r.title, r.scope, r.as_of, r.progress, n, score, completion,
                          behind or 0, compliant or 0, total, skipped or 0, r.recorded_at, r.source))
    return out


def _groups(db: sqlite3.Connection, runs: dict[int, StoredRun], keys: tuple[str, ...], where: str,
            params: list[str]) -> tuple[GroupRow, ...]:
    ids = list(runs)
    columns = ", ".join(f"c.{k}" for k in keys)
    rows = db.execute(
        f"SELECT c.run, {columns}, count(*), avg(c.score), avg(c.completion), sum(c.behind_schedule),"
        f" sum(c.compliant) FROM communities c WHERE c.run IN {_in(ids)}{where} GROUP BY c.run, {columns}",
        (*ids, *params)).fetchall()
    out = []
    for row in rows:
        run = runs[row[0]]
        district, street = row[1], row[2] if len(keys) == 2 else None
        n, score, completion, behind, compliant = row[1 + len(keys):]
        out.append(GroupRow(run.id, run.as_of, district, street, None, n, score, completion, run.progress, behind,
                            compliant))
    return group_changes(out)


def _partners(db: sqlite3.Connection, version: int, runs: dict[int, StoredRun], where: str,
              params: list[str]) -> tuple[GroupRow, ...]:
    if version < 2:
        return ()  # schema 1 kept no partner units
    ids = list(runs)
    rows = db.execute(
        f"SELECT c.run, c.partner, c.score, c.completion, c.behind_schedule, c.compliant FROM communities c"
        f" WHERE c.run IN {_in(ids)} AND c.partner != ''{where}", (*ids, *params)).fetchall()
    return partner_rows((run, runs[run].as_of, runs[run].progress, cell, score, completion, bool(behind),
                         bool(compliant)) for run, cell, score, completion, behind, compliant in rows)


def _titles(db: sqlite3.Connection, version: int, ids: list[int], standard: str | None = None,
            notes: list[Message] | None = None) -> dict[str, Text2]:
    """Indicator id → title, the latest run's wording first. Schema 1 kept none: the shipped standard of the
    same id lends its titles (said in a note); a standard that is not shipped leaves the ids to stand in."""
    if not ids:
        return {}
    if version < 2:
        return _shipped_titles(standard, notes)
    titles: dict[str, Text2] = {}
    for indicator, zh, en in db.execute(
            f"SELECT i.indicator, i.title_zh, i.title_en FROM indicators i JOIN runs r ON r.id = i.run"
            f" WHERE i.run IN {_in(ids)} ORDER BY r.as_of DESC, i.position", ids):
        titles.setdefault(indicator, Text2(zh, en))
    return titles


def _shipped_titles(standard: str | None, notes: list[Message] | None) -> dict[str, Text2]:
    from creatio_cli.errors import CreatioError
    from creatio_cli.standards import load_standard, shipped_ids

    if standard is None or standard not in shipped_ids():
        return {}
    try:
        std = load_standard(standard)
    except CreatioError:
        return {}
    titles = {}
    for ind in std.indicators:
        heading = std.heading(ind)
        titles[ind.id] = Text2(heading.zh, heading.en or heading.zh)
    if notes is not None:
        notes.append(msg("note.history_titles_shipped", standard=standard, version=std.version))
    return titles


def _indicators(db: sqlite3.Connection, runs: dict[int, StoredRun], titles: dict[str, Text2], where: str,
                params: list[str]) -> tuple[IndicatorRow, ...]:
    ids = list(runs)
    counts: dict[tuple[int, str], dict[str, int]] = {}
    for run, indicator, status, n in db.execute(
            f"SELECT s.run, s.indicator, s.status, count(*) FROM statuses s JOIN communities c"
            f" ON c.run = s.run AND c.seq = s.seq WHERE s.run IN {_in(ids)}{where}"
            f" GROUP BY s.run, s.indicator, s.status", (*ids, *params)):
        counts.setdefault((run, indicator), {})[status] = n
    rows = []
    for (run, indicator), by in counts.items():
        total = sum(by.values())
        applicable = total - sum(by.get(s, 0) for s in _NOT_APPLICABLE)
        rows.append(IndicatorRow(run, runs[run].as_of, indicator, titles.get(indicator, Text2(indicator, indicator)),
                                 by.get(Status.MET.value, 0), applicable, sum(by.get(s, 0) for s in _PROBLEMS),
                                 by.get(Status.UNASSESSED.value, 0)))
    return indicator_changes(rows)


def _communities(db: sqlite3.Connection, version: int, runs: dict[int, StoredRun], where: str,
                 params: list[str]) -> tuple[CommunityRow, ...]:
    ids = list(runs)
    partner = "c.partner" if version >= 2 else "''"
    unmet: dict[tuple[int, int], list[str]] = {}
    for run, seq, indicator in db.execute(
            f"SELECT s.run, s.seq, s.indicator FROM statuses s JOIN communities c ON c.run = s.run AND c.seq = s.seq"
            f" WHERE s.run IN {_in(ids)} AND s.status IN {_in(_PROBLEMS)}{where} ORDER BY s.run, s.seq, s.indicator",
            (*ids, *_PROBLEMS, *params)):
        unmet.setdefault((run, seq), []).append(indicator)
    rows = []
    for r in db.execute(
            f"SELECT c.run, c.seq, c.district, c.street, c.community, {partner}, c.score, c.max_score, c.completion,"
            f" c.expected_progress, c.behind_schedule, c.compliant, c.grade_zh, c.grade_en FROM communities c"
            f" WHERE c.run IN {_in(ids)}{where}", (*ids, *params)):
        run = runs[r[0]]
        rows.append(CommunityRow(run.id, run.as_of, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10]),
                                 bool(r[11]), Text2(r[12], r[13]), tuple(unmet.get((r[0], r[1]), ()))))
    return community_changes(rows)
