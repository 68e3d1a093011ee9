"""Week over week: compare this run with an earlier ``score --format json`` report (``--baseline``).

Communities are matched by their key (district, street, community), as design.md defines identity.
An indicator is *open* for a community when it has a shortfall, missing or invalid finding; ``new`` =
open now but not then, ``fixed`` = open then but not now, ``still_open`` = both. A community absent
from the baseline has no ``score_change`` and all its open indicators are ``new``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creatio_cli.errors import UsageError
from creatio_cli.results import CheckResult

_PROBLEMS = ("shortfall", "missing", "invalid")
Key = tuple[str, str, str]


@dataclass(frozen=True)
class Previous:
    """One community as the baseline report recorded it."""

    score: float
    open: frozenset[str]


@dataclass(frozen=True)
class Comparison:
    """This run against the baseline: per-community changes and the movers."""

    path: str
    as_of: str | None
    previous: dict[Key, Previous]
    current: dict[Key, tuple[float, frozenset[str]]]

    def score_change(self, key: Key) -> float | None:
        """Positive = better than last time; None for a community the baseline did not have."""
        before = self.previous.get(key)
        if before is None or key not in self.current:
            return None
        return round(self.current[key][0] - before.score, 4) + 0.0

    def record(self, key: Key) -> dict[str, Any]:
        """The keys added to the community's JSON record: score_change, new, fixed, still_open."""
        now = self.current[key][1]
        before = self.previous.get(key)
        then = before.open if before is not None else frozenset()
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
                             "score": self.current[key][0], "previous_score": self.previous[key].score,
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
        raise UsageError(f"--baseline {path}: file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"--baseline {path}: not a creatio JSON report ({type(exc).__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("communities"), list):
        raise UsageError(f"--baseline {path}: not a creatio JSON report (no \"communities\" list)")
    previous: dict[Key, Previous] = {}
    for i, rec in enumerate(data["communities"]):
        try:
            key = (str(rec["district"]), str(rec["street"]), str(rec["community"]))
            score = float(rec["score"])
            open_ = frozenset(str(f["indicator"]) for f in rec["findings"] if f.get("status") in _PROBLEMS)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise UsageError(f"--baseline {path}: communities[{i}] lacks district/street/community/score/"
                             "findings") from None
        previous.setdefault(key, Previous(score, open_))
    as_of = data.get("as_of")
    return previous, as_of if isinstance(as_of, str) else None


def compare(check: CheckResult, path: Path) -> Comparison:
    """Match this run's communities with the baseline report at ``path``."""
    previous, as_of = load_baseline(path)
    current = {c.key: (c.score, frozenset(f.indicator for f in c.findings if f.status in _PROBLEMS))
               for c in check.communities}
    return Comparison(str(path), as_of, previous, current)
