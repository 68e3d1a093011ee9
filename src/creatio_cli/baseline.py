"""Week over week: compare this run with an earlier ``score --format json`` report (``--baseline``).

Communities are matched by their key (district, street, community), as design.md defines identity.
An indicator is *open* for a community when it has a shortfall, missing or invalid finding; ``new`` =
open now but not then, ``fixed`` = open then but not now, ``still_open`` = both. A community absent
from the baseline has no ``score_change`` and all its open indicators are ``new``.

Only the indicators assessed in both runs are compared (design.md, "Additions"): one week's ledger may
lack a column the other had. ``score_change`` then leaves out the points earned on an indicator assessed
in one run only — its points (from the standard) less the points its finding lost, if any.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creatio_cli.errors import UsageError
from creatio_cli.results import CheckResult
from creatio_cli.status import GAP_STATES, PROBLEMS

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Previous:
    """One community as a run recorded it: score, open indicators (with the points each lost), unassessed."""

    score: float
    open: frozenset[str]
    unassessed: frozenset[str] = frozenset()
    lost: tuple[tuple[str, float], ...] = ()
    # (indicator, title, department) of each open indicator, as that run's findings said them (a run in
    # memory keeps its id as the title: its bilingual titles are in its CheckResult)
    said: tuple[tuple[str, str, str], ...] = ()

    def earned(self, indicator: str, points: dict[str, float]) -> float:
        """Points this run earned on ``indicator`` (full points unless a finding lost some)."""
        return points.get(indicator, 0.0) - dict(self.lost).get(indicator, 0.0)


@dataclass(frozen=True, slots=True)
class Figures:
    """A run's headline figures for ``summary_change``: compliant, behind schedule, mean score."""

    compliant: int
    behind_schedule: int
    mean_score: float | None  # None for a run without communities


@dataclass(frozen=True, slots=True)
class Gap:
    """One (community, indicator) pair open in either run: ``state`` is new, fixed or still_open;
    ``department`` as the run where it was open last said it (this run's for new and still open, the
    baseline's for fixed); ``title``: the baseline report's title of a fixed indicator (in that report's
    language — a renderer prefers this run's bilingual title when the standard knows the id), else the id."""

    state: str
    key: Key
    indicator: str
    department: str
    title: str


@dataclass(frozen=True)
class Comparison:
    """This run against the baseline: per-community changes and the movers."""

    path: str
    as_of: str | None
    previous: dict[Key, Previous]
    current: dict[Key, Previous]
    points: dict[str, float]  # indicator → points, from this run's standard
    before: Figures | None = None  # the baseline report's own figures
    after: Figures | None = None  # this run's
    standard: str | None = None  # the baseline report's standard id (None when it names none)

    def score_change(self, key: Key) -> float | None:
        """Positive = better than last time, over the indicators assessed both times; None for a community
        the baseline did not have."""
        before, now = self.previous.get(key), self.current.get(key)
        if before is None or now is None:
            return None
        then_score = before.score - sum(before.earned(i, self.points) for i in now.unassessed - before.unassessed)
        now_score = now.score - sum(now.earned(i, self.points) for i in before.unassessed - now.unassessed)
        return round(now_score - then_score, 4) + 0.0

    def record(self, key: Key) -> dict[str, Any]:
        """The keys added to the community's JSON record: score_change, new, fixed, still_open."""
        current = self.current[key]
        before = self.previous.get(key)
        skip = current.unassessed | (before.unassessed if before is not None else frozenset())
        now = current.open - skip
        then = (before.open if before is not None else frozenset()) - skip
        return {"score_change": self.score_change(key), "new": sorted(now - then),
                "fixed": sorted(then - now), "still_open": sorted(now & then)}

    def info(self) -> dict[str, Any]:
        keys = set(self.current)
        return {"path": self.path, "as_of": self.as_of, "matched": len(keys & set(self.previous)),
                "not_in_baseline": len(keys - set(self.previous)),
                "not_in_this_run": len(set(self.previous) - keys)}

    def movers(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(improved, declined): every community whose score changed, biggest change first."""
        rows = []
        for key in self.current:
            change = self.score_change(key)
            if change:
                district, street, community = key
                rows.append({"district": district, "street": street, "community": community,
                             "score": self.current[key].score, "previous_score": self.previous[key].score,
                             "score_change": change, **{k: v for k, v in self.record(key).items()
                                                        if k in ("new", "fixed")}})
        improved = sorted((r for r in rows if r["score_change"] > 0),
                          key=lambda r: (-r["score_change"], r["district"], r["street"], r["community"]))
        declined = sorted((r for r in rows if r["score_change"] < 0),
                          key=lambda r: (r["score_change"], r["district"], r["street"], r["community"]))
        return improved, declined

    def changes_dict(self) -> dict[str, Any]:
        improved, declined = self.movers()
        return {"improved": improved, "declined": declined}

    def summary_change(self) -> dict[str, dict[str, Any]]:
        """``summary_change``: compliant, behind schedule and mean score, ``{"before", "after"}`` each.

        *before* is what the baseline report itself says (its ``summary``; the mean of its communities'
        scores), *after* this run's — the week-over-week line of a 周通报 (慢序时 11 → 9), over whatever
        communities each run had (``baseline.matched`` says how many both had)."""
        before = self.before or Figures(0, 0, None)
        after = self.after or Figures(0, 0, None)
        return {name: {"before": getattr(before, name), "after": getattr(after, name)}
                for name in ("compliant", "behind_schedule", "mean_score")}

    def gaps(self, order: dict[str, int] | None = None) -> list[Gap]:
        """Every (community, indicator) pair open in either run, for this run's communities: new, fixed and
        still open, in :data:`GAP_STATES` order, then community (this run's order), then indicator
        (``order``: indicator → position in the standard; unknown ids last, by id)."""
        rank = order or {}
        out: dict[str, list[Gap]] = {state: [] for state in GAP_STATES}
        for key, current in self.current.items():
            record = self.record(key)
            now = {i: (t, d) for i, t, d in current.said}
            before = self.previous.get(key)
            then = {i: (t, d) for i, t, d in before.said} if before is not None else {}
            for state in GAP_STATES:
                said = then if state == "fixed" else now
                for indicator in sorted(record[state], key=lambda i: (rank.get(i, len(rank)), i)):
                    title, department = said.get(indicator, (indicator, ""))
                    out[state].append(Gap(state, key, indicator, department, title))
        return [gap for state in GAP_STATES for gap in out[state]]


def load_baseline(path: Path) -> tuple[dict[Key, Previous], str | None]:
    """Read an earlier score/check JSON report → (communities by key, its as_of).

    UsageError (exit 2) naming the file when it is missing or not a creatio report.
    """
    previous, as_of, _figures, _standard = _load(Path(path))
    return previous, as_of


def _load(path: Path) -> tuple[dict[Key, Previous], str | None, Figures, str | None]:
    """:func:`load_baseline` plus the report's own figures (for ``summary_change``) and its standard id
    (None when the report names none)."""
    try:
        # A FIFO would block read_text until a writer comes: only a regular file is opened.
        if not stat.S_ISREG(path.stat().st_mode):
            raise UsageError("baseline.not_regular", file=path)
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UsageError("baseline.not_found", file=path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise UsageError("baseline.not_report", file=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("communities"), list):
        raise UsageError("baseline.not_report", file=path)
    unassessed = unassessed_by_file(data.get("unassessed"))
    previous: dict[Key, Previous] = {}
    for i, rec in enumerate(data["communities"]):
        try:
            key = (str(rec["district"]), str(rec["street"]), str(rec["community"]))
            score = float(rec["score"])
            problems = [f for f in rec["findings"] if f.get("status") in PROBLEMS]
            open_ = frozenset(str(f["indicator"]) for f in problems)
            lost = tuple((str(f["indicator"]), float(f.get("points_lost") or 0.0)) for f in problems)
            said = tuple((str(f["indicator"]), str(f.get("title") or f["indicator"]), str(f.get("department") or ""))
                         for f in problems)
            source = rec.get("source") or {}
        except (KeyError, TypeError, ValueError, AttributeError):
            raise UsageError("baseline.bad_record", {"index": i}, file=path) from None
        previous.setdefault(key, Previous(score, open_, unassessed.get(str(source.get("file")), frozenset()), lost,
                                          said))
    as_of = data.get("as_of")
    standard = data.get("standard")
    standard_id = standard.get("id") if isinstance(standard, dict) else None
    return (previous, as_of if isinstance(as_of, str) else None, _figures(data),
            standard_id if isinstance(standard_id, str) else None)


def _figures(data: dict[str, Any]) -> Figures:
    """The report's compliant and behind-schedule counts as its ``summary`` states them (counted from its
    communities when it has none), and the mean of its communities' scores."""
    records = [r for r in data["communities"] if isinstance(r, dict)]
    found = data.get("summary")
    summary: dict[str, Any] = found if isinstance(found, dict) else {}

    def count(name: str, counted: int) -> int:
        value = summary.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else counted

    compliant = sum(not any(isinstance(f, dict) and f.get("status") in PROBLEMS for f in r.get("findings") or [])
                    for r in records)
    behind = sum(r.get("behind_schedule") is True for r in records)
    return Figures(count("compliant", compliant), count("behind_schedule", behind),
                   mean_score([float(r["score"]) for r in records]))


def mean_score(scores: list[float]) -> float | None:
    """The mean of ``scores`` rounded to 4 places (as the rankings round), None for none."""
    return round(sum(scores) / len(scores), 4) if scores else None


def unassessed_by_file(entries: object) -> dict[str, frozenset[str]]:
    """file → the indicators a report could not assess there (reports before `unassessed` have none)."""
    out: dict[str, set[str]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("files"), list):
            for file in entry["files"]:
                out.setdefault(str(file), set()).add(str(entry.get("indicator")))
    return {file: frozenset(ids) for file, ids in out.items()}


def compare(check: CheckResult, path: Path, points: dict[str, float] | None = None) -> Comparison:
    """Match this run's communities with the baseline report at ``path``; ``points`` are the standard's
    points per indicator (needed only when the two runs assessed different indicators)."""
    previous, as_of, before, standard = _load(Path(path))
    unassessed = unassessed_by_file([u.to_dict() for u in check.unassessed])
    current = {}
    for c in check.communities:
        problems = [f for f in c.findings if f.status in PROBLEMS]
        current[c.key] = Previous(c.score, frozenset(f.indicator for f in problems),
                                  unassessed.get(c.source.file, frozenset()),
                                  tuple((f.indicator, f.points_lost) for f in problems),
                                  tuple((f.indicator, f.indicator, f.department) for f in problems))
    after = Figures(check.summary.compliant, check.summary.behind_schedule,
                    mean_score([c.score for c in check.communities]))
    return Comparison(str(path), as_of, previous, current, dict(points or {}), before, after, standard)
