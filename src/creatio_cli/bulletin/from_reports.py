"""The report adapter: score JSON reports (``creatio score FOLDER --output week.json``) → runs and periods.

A report holds everything a :class:`~creatio_cli.bulletin.data.Run` needs: ``summary``, ``rankings``
(communities, streets, districts, partners), ``top`` / ``bottom`` with ``top_ties`` / ``bottom_ties``,
``pass_rates``, ``departments`` and every community's findings and partner cell. 十佳 / 十差 and their ties are
taken from the report as ``score`` wrote them, never re-cut.

Week over week. A report made with ``score --baseline`` carries its own comparison (``changes``,
``summary_change``, ``baseline.as_of``); :func:`weekly_period` uses it as it is when no ``--baseline`` is
given, or when the baseline given is the report's own (same as-of date), so the bulletin names the movers
``score`` named. Otherwise the two reports are compared here with the same rules (``data.compare``); a
report gives the points only of indicators some community failed, which matters only when the two runs
assessed different indicators — one more reason to make the weekly report with ``score --baseline``.

Reports are untrusted input like any file: a missing file, a folder, a FIFO, a file that is not JSON or not
a score report (a ``check`` report has no rankings), or a record without a key it needs is a UsageError
(exit 2) naming the file and, where it helps, the key. Titles are taken as the report wrote them: make the
reports in Chinese (``--lang zh``, the default), since the bulletin is a Chinese 公文.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from creatio_cli.baseline import unassessed_by_file
from creatio_cli.bulletin import data as d
from creatio_cli.errors import UsageError
from creatio_cli.results import partner_units
from creatio_cli.status import PROBLEMS

#: A report larger than this is refused before it is read (a 3,000-community city writes about 5 MB).
MAX_REPORT_BYTES = 500_000_000
_BASELINE = "baseline"  # the report's key (key paths are built, so none reads as a message code)


class _Missing(Exception):
    """A key a report must have is absent or of the wrong kind (``where``: its path, e.g. ``top[3].rank``)."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def read_report(path: Path) -> dict[str, Any]:
    """The JSON of a score report, refused (exit 2, naming the file) when it is not one."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UsageError("file.not_found", file=path) from None
    except OSError:
        raise UsageError("bulletin.not_score_report", file=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError("bulletin.report_is_folder", file=path)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_REPORT_BYTES:
        raise UsageError("bulletin.not_score_report", file=path)
    try:
        found = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise UsageError("bulletin.not_score_report", file=path) from None
    if not isinstance(found, dict) or not isinstance(found.get("communities"), list):
        raise UsageError("bulletin.not_score_report", file=path)
    if not isinstance(found.get("rankings"), dict):
        raise UsageError("bulletin.check_report", file=path)  # a `check` report: no rankings
    return found


def load(path: Path) -> tuple[d.Run, d.Change | None]:
    """The run a report holds, and the comparison it carries (made by ``score --baseline``), if any."""
    report = read_report(path)
    try:
        return run_of(report, str(path)), embedded_change(report)
    except _Missing as exc:
        raise UsageError("bulletin.bad_report", {"key": exc.where}, file=path) from None


def _get(record: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(record, dict) or key not in record:
        raise _Missing(f"{where}.{key}" if where else key)
    value = record[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))):
        raise _Missing(f"{where}.{key}" if where else key)
    return value


def _num(record: Any, key: str, where: str) -> float:
    return float(_get(record, key, (int, float), where))


def _list(record: Any, key: str, where: str = "") -> list[Any]:
    return list(_get(record, key, list, where))


def _key(record: Any, where: str) -> d.Key:
    return (str(_get(record, "district", str, where)), str(_get(record, "street", str, where)),
            str(_get(record, "community", str, where)))


def _communities(report: dict[str, Any]) -> tuple[tuple[d.Community, ...], dict[str, float]]:
    """The ranked communities (rankings.communities, merged with each community's record by key) and the
    points of every indicator some finding names."""
    unassessed = unassessed_by_file(report.get("unassessed"))
    records: dict[d.Key, tuple[Any, ...]] = {}
    points: dict[str, float] = {}
    for i, rec in enumerate(_list(report, "communities")):
        where = f"communities[{i}]"
        key = _key(rec, where)
        problems = [f for f in _list(rec, "findings", where) if isinstance(f, dict) and f.get("status") in PROBLEMS]
        for j, f in enumerate(problems):
            indicator = str(_get(f, "indicator", str, f"{where}.findings[{j}]"))
            if isinstance(f.get("points"), (int, float)) and not isinstance(f.get("points"), bool):
                points[indicator] = float(f["points"])
        lost = tuple((str(f["indicator"]), float(f.get("points_lost") or 0.0)) for f in problems)
        source = rec.get("source") if isinstance(rec.get("source"), dict) else {}
        partner = rec.get("partner")
        records.setdefault(key, (frozenset(ind for ind, _ in lost), lost,
                                 unassessed.get(str(source.get("file")), frozenset()),
                                 partner_units(partner if isinstance(partner, str) else None)))
    ranked = []
    for i, entry in enumerate(_list(_get(report, "rankings", dict, ""), "communities", "rankings")):
        where = f"rankings.communities[{i}]"
        key = _key(entry, where)
        open_, lost, skipped, partners = records.get(key, (frozenset(), (), frozenset(), ()))
        ranked.append(d.Community(int(_num(entry, "rank", where)), *key, _num(entry, "score", where),
                                  _num(entry, "max_score", where), _num(entry, "completion", where),
                                  bool(_get(entry, "behind_schedule", bool, where)),
                                  bool(_get(entry, "compliant", bool, where)), partners, open_, lost, skipped))
    return tuple(ranked), points


def _groups(entries: list[Any], where: str, streets: bool) -> tuple[d.Group, ...]:
    out = []
    for i, g in enumerate(entries):
        at = f"{where}[{i}]"
        out.append(d.Group(int(_num(g, "rank", at)), str(_get(g, "district", str, at)),
                           str(_get(g, "street", str, at)) if streets else None, int(_num(g, "communities", at)),
                           _num(g, "mean_score", at), _num(g, "mean_completion", at),
                           _num(g, "share_compliant", at), _num(g, "share_behind_schedule", at)))
    return tuple(out)


def _tie(value: Any, where: str) -> d.Tie | None:
    if value is None:
        return None
    return d.Tie(int(_num(value, "rank", where)), int(_num(value, "tied", where)), int(_num(value, "shown", where)),
                 _num(value, "score", where), _num(value, "completion", where))


def run_of(report: dict[str, Any], source: str = "") -> d.Run:
    """The run a score report holds (raises ``_Missing`` for a key it lacks; :func:`load` words it)."""
    communities, points = _communities(report)
    by_key = {c.key: c for c in communities}
    rankings = _get(report, "rankings", dict, "")
    summary = _get(report, "summary", dict, "")
    standard = _get(report, "standard", dict, "")
    try:
        as_of = date.fromisoformat(str(_get(report, "as_of", str, "")))
    except ValueError:
        raise _Missing("as_of") from None
    from creatio_cli.baseline import mean_score

    def listed(name: str) -> tuple[d.Community, ...]:
        out = []
        for i, entry in enumerate(_list(report, name)):
            key = _key(entry, f"{name}[{i}]")
            if key not in by_key:
                raise _Missing(f"{name}[{i}]")
            out.append(by_key[key])
        return tuple(out)

    pass_rates = []
    for i, p in enumerate(_list(report, "pass_rates")):
        at = f"pass_rates[{i}]"
        rate = p.get("pass_rate") if isinstance(p, dict) else None
        pass_rates.append(d.PassRate(str(_get(p, "indicator", str, at)), str(_get(p, "title", str, at)),
                                     int(_num(p, "met", at)), int(_num(p, "applicable", at)),
                                     float(rate) if isinstance(rate, (int, float)) else None))
    departments = [d.Department(str(_get(x, "department", str, f"departments[{i}]")),
                                int(_num(x, "findings", f"departments[{i}]")),
                                int(_num(x, "communities", f"departments[{i}]")))
                   for i, x in enumerate(_list(report, "departments"))]
    partners = []
    for i, p in enumerate(rankings.get("partners") or []):  # reports before partner units have none
        at = f"rankings.partners[{i}]"
        partners.append(d.Partner(int(_num(p, "rank", at)), str(_get(p, "partner", str, at)),
                                  int(_num(p, "communities", at)), _num(p, "mean_score", at),
                                  _num(p, "mean_completion", at), _num(p, "share_compliant", at),
                                  _num(p, "share_behind_schedule", at)))
    return d.Run(
        as_of=as_of, standard_id=str(_get(standard, "id", str, "standard")),
        standard_title=str(_get(standard, "title", str, "standard")),
        expected_progress=_num(report, "expected_progress", ""),
        summary=d.Summary(int(_num(summary, "communities", "summary")), int(_num(summary, "compliant", "summary")),
                          int(_num(summary, "with_shortfalls", "summary")),
                          int(_num(summary, "behind_schedule", "summary")),
                          mean_score([c.score for c in communities])),
        communities=communities,
        streets=_groups(_list(rankings, "streets", "rankings"), "rankings.streets", True),
        districts=_groups(_list(rankings, "districts", "rankings"), "rankings.districts", False),
        partners=tuple(partners), pass_rates=tuple(pass_rates), departments=tuple(departments),
        **_top_and_bottom(report, communities, listed("top"), listed("bottom")),
        points=points, source=source, standard_version=str(standard.get("version") or ""),
    )


def _top_and_bottom(report: dict[str, Any], communities: tuple[d.Community, ...], top: tuple[d.Community, ...],
                    bottom: tuple[d.Community, ...]) -> dict[str, Any]:
    """The report's 十佳 / 十差 and their ties; a report written before the two lists were made disjoint
    (the same 8 communities in both, a compliant one under 十差) is cut again as ``score`` now cuts, so
    the bulletin never praises and criticises one community, nor criticises a compliant one."""
    if {c.key for c in top} & {c.key for c in bottom} or any(c.compliant for c in bottom):
        best, worst, top_tie, bottom_tie = d.cut(communities, len(top) or len(bottom))
        return {"top": best, "bottom": worst, "top_ties": top_tie, "bottom_ties": bottom_tie}
    return {"top": top, "bottom": bottom, "top_ties": _tie(report.get("top_ties"), "top_ties"),
            "bottom_ties": _tie(report.get("bottom_ties"), "bottom_ties")}


def embedded_change(report: dict[str, Any]) -> d.Change | None:
    """The comparison a report of ``score --baseline`` carries (None without one)."""
    changes, figures, baseline = report.get("changes"), report.get("summary_change"), report.get(_BASELINE)
    if not isinstance(changes, dict) or not isinstance(figures, dict):
        return None
    since = baseline.get("as_of") if isinstance(baseline, dict) else None
    try:
        day = date.fromisoformat(since) if isinstance(since, str) else None
    except ValueError:
        raise _Missing(f"{_BASELINE}.as_of") from None

    def side(name: str) -> d.Figures:
        parts = {k: _get(figures, k, dict, "summary_change") for k in ("compliant", "behind_schedule", "mean_score")}
        mean = parts["mean_score"].get(name)
        if mean is not None and (not isinstance(mean, (int, float)) or isinstance(mean, bool)):
            raise _Missing(f"summary_change.mean_score.{name}")
        return d.Figures(int(_num(parts["compliant"], name, "summary_change.compliant")),
                         int(_num(parts["behind_schedule"], name, "summary_change.behind_schedule")),
                         float(mean) if mean is not None else None)

    def movers(name: str) -> tuple[d.Mover, ...]:
        out = []
        for i, r in enumerate(_list(changes, name, "changes")):
            at = f"changes.{name}[{i}]"
            out.append(d.Mover(*_key(r, at), _num(r, "score", at), _num(r, "previous_score", at),
                               _num(r, "score_change", at), tuple(str(x) for x in _list(r, "new", at)),
                               tuple(str(x) for x in _list(r, "fixed", at))))
        return tuple(out)

    def count(name: str) -> int:  # reports before these keys say nothing: 0
        value = baseline.get(name) if isinstance(baseline, dict) else None
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    return d.Change(day, side("before"), side("after"), movers("improved"), movers("declined"),
                    count("not_in_this_run"), count("not_in_baseline"))


def weekly_period(report: Path, baseline: Path | None = None, as_of: date | None = None) -> d.Period:
    """The weekly period of ``report`` against ``baseline`` (or against the comparison the report carries).

    UsageError: ``as_of`` given and not the report's date; a baseline not earlier than the report, or
    scored against another standard."""
    current, carried = load(report)
    if as_of is not None and as_of != current.as_of:
        raise UsageError("bulletin.as_of_mismatch", {"report": current.as_of.isoformat(), "as_of": as_of.isoformat()},
                         file=report)
    if baseline is None:
        return d.weekly(current, None, carried)
    previous, _ = load(baseline)
    if previous.as_of >= current.as_of:
        raise UsageError("bulletin.baseline_not_earlier", {"baseline": previous.as_of.isoformat(),
                                                           "report": current.as_of.isoformat()}, file=baseline)
    _same_standard(current, previous, baseline)
    own = carried if carried is not None and carried.since == previous.as_of else None
    return d.weekly(current, previous, own)


def monthly_period(reports: Sequence[Path], as_of: date | None = None) -> d.Period:
    """The monthly period from reports: those of the calendar month of ``as_of`` (default the latest report's
    date). UsageError: no report, two reports of one date, reports of different standards, none in the month."""
    if not reports:
        raise UsageError("bulletin.no_source")
    runs: list[d.Run] = []
    for path in reports:
        run, _ = load(path)
        for other in runs:
            if other.as_of == run.as_of:
                raise UsageError("bulletin.same_date", {"date": run.as_of.isoformat(), "other": other.source},
                                 file=path)
            _same_standard(runs[0], run, path)
        runs.append(run)
    day = as_of or max(r.as_of for r in runs)
    try:
        return d.monthly(runs, day)
    except ValueError:
        raise UsageError("bulletin.no_run_in_month", {"month": f"{day.year}-{day.month:02d}",
                                                      "dates": sorted(r.as_of.isoformat() for r in runs)}) from None


def _same_standard(a: d.Run, b: d.Run, path: Path) -> None:
    if a.standard_id != b.standard_id:
        raise UsageError("bulletin.other_standard", {"standard": b.standard_id, "expected": a.standard_id}, file=path)
