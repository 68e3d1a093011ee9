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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creatio_cli.errors import UsageError
from creatio_cli.results import CheckResult
from creatio_cli.status import PROBLEMS

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Previous:
    """One community as a run recorded it: score, open indicators (with the points each lost), unassessed."""

    score: float
    open: frozenset[str]
    unassessed: frozenset[str] = frozenset()
    lost: tuple[tuple[str, float], ...] = ()

    def earned(self, indicator: str, points: dict[str, float]) -> float:
        """Points this run earned on ``indicator`` (full points unless a finding lost some)."""
        return points.get(indicator, 0.0) - dict(self.lost).get(indicator, 0.0)


@dataclass(frozen=True)
class Comparison:
    """This run against the baseline: per-community changes and the movers."""

    path: str
    as_of: str | None
    previous: dict[Key, Previous]
    current: dict[Key, Previous]
    points: dict[str, float]  # indicator → points, from this run's standard

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


def load_baseline(path: Path) -> tuple[dict[Key, Previous], str | None]:
    """Read an earlier score/check JSON report → (communities by key, its as_of).

    UsageError (exit 2) naming the file when it is missing or not a creatio report.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UsageError("baseline.not_found", file=path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise UsageError("baseline.not_report", file=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("communities"), list):
        raise UsageError("baseline.not_report", file=path)
    unassessed = _unassessed_by_file(data.get("unassessed"))
    previous: dict[Key, Previous] = {}
    for i, rec in enumerate(data["communities"]):
        try:
            key = (str(rec["district"]), str(rec["street"]), str(rec["community"]))
            score = float(rec["score"])
            problems = [f for f in rec["findings"] if f.get("status") in PROBLEMS]
            open_ = frozenset(str(f["indicator"]) for f in problems)
            lost = tuple((str(f["indicator"]), float(f.get("points_lost") or 0.0)) for f in problems)
            source = rec.get("source") or {}
        except (KeyError, TypeError, ValueError, AttributeError):
            raise UsageError("baseline.bad_record", {"index": i}, file=path) from None
        previous.setdefault(key, Previous(score, open_, unassessed.get(str(source.get("file")), frozenset()), lost))
    as_of = data.get("as_of")
    return previous, as_of if isinstance(as_of, str) else None


def _unassessed_by_file(entries: object) -> dict[str, frozenset[str]]:
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
    previous, as_of = load_baseline(path)
    unassessed = _unassessed_by_file([u.to_dict() for u in check.unassessed])
    current = {}
    for c in check.communities:
        problems = [f for f in c.findings if f.status in PROBLEMS]
        current[c.key] = Previous(c.score, frozenset(f.indicator for f in problems),
                                  unassessed.get(c.source.file, frozenset()),
                                  tuple((f.indicator, f.points_lost) for f in problems))
    return Comparison(str(path), as_of, previous, current, dict(points or {}))
