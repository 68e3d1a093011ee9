"""Rankings for the 周通报 (weekly bulletin): communities, streets, districts, partner units, 十佳 / 十差, pass rates.

Pure: a CheckResult in, a frozen ScoreResult out. Ranks are standard competition ranking ("1224":
equal values share a rank, the next rank skips), ties listed in key order (district, street,
community) so every report is deterministic. Communities rank by completion, then score (design.md: a
ledger may leave indicators unassessed, so completion over the assessed ones is the fair measure);
streets, districts and partner units (帮扶单位) by their communities' mean completion, then mean score,
rounded first so float noise never splits a tie (tied partner units are listed by name).

十佳 / 十差 show the first / last N of the ranking. When N cuts through a tie (199 communities at 100 and
a list of 10), the list still shows N — the first (top) or last (bottom) of the tied ones in key order —
and ``top_ties`` / ``bottom_ties`` say how many share that rank, so no report presents an arbitrary 10 as
"the" best without saying so.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from creatio_cli.messages import Localized
from creatio_cli.results import CheckResult, CommunityResult
from creatio_cli.status import PROBLEMS, Status


@dataclass(frozen=True, slots=True)
class RankedCommunity:
    rank: int
    district: str
    street: str
    community: str
    score: float
    max_score: float
    completion: float
    grade: Localized | None
    compliant: bool
    behind_schedule: bool
    findings: int
    score_change: float | None = None  # with --baseline only
    # Completion is over the *assessed* indicators, so a community assessed on 1 of 13 may lead 十佳:
    # every list says how many were assessed (-1: not known, a ranking read back from an old report).
    indicators_assessed: int = -1
    indicators_total: int = -1

    @property
    def fully_assessed(self) -> bool:
        """Whether every indicator was assessed (unknown counts as yes: nothing to flag)."""
        return self.indicators_assessed >= self.indicators_total

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        out = {"rank": self.rank, "district": self.district, "street": self.street, "community": self.community,
               "score": self.score, "max_score": self.max_score, "completion": self.completion,
               "grade": self.grade.get(lang) if self.grade is not None else "", "compliant": self.compliant, "behind_schedule": self.behind_schedule,
               "findings": self.findings}
        if self.indicators_total >= 0:
            out["indicators_assessed"] = self.indicators_assessed
            out["indicators_total"] = self.indicators_total
        if self.score_change is not None:
            out["score_change"] = self.score_change
        return out


@dataclass(frozen=True, slots=True)
class RankedGroup:
    """A street (district + street) or a district, ranked by its communities' mean score."""

    rank: int
    district: str
    street: str | None
    communities: int
    mean_score: float
    mean_completion: float
    share_compliant: float
    share_behind_schedule: float

    @property
    def behind_schedule(self) -> int:
        """How many of its communities are behind schedule (the share times the count, exact below 10⁵)."""
        return round(self.share_behind_schedule * self.communities)

    @property
    def compliant(self) -> int:
        return round(self.share_compliant * self.communities)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rank": self.rank, "district": self.district}
        if self.street is not None:
            out["street"] = self.street
        out.update({"communities": self.communities, "mean_score": self.mean_score,
                    "mean_completion": self.mean_completion, "share_compliant": self.share_compliant,
                    "share_behind_schedule": self.share_behind_schedule})
        return out


@dataclass(frozen=True, slots=True)
class RankedPartner:
    """A partner unit (帮扶单位 / 包联单位 …), ranked by the communities it is paired with."""

    rank: int
    partner: str
    communities: int
    mean_score: float
    mean_completion: float
    share_compliant: float
    share_behind_schedule: float

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "partner": self.partner, "communities": self.communities,
                "mean_score": self.mean_score, "mean_completion": self.mean_completion,
                "share_compliant": self.share_compliant, "share_behind_schedule": self.share_behind_schedule}


@dataclass(frozen=True, slots=True)
class TieAtCut:
    """A tie that a 十佳 / 十差 list cuts through: ``tied`` communities share ``rank`` (same ``score`` and
    ``completion``) and only ``shown`` of them are in the list — the first in key order for the top
    list, the last for the bottom one."""

    rank: int
    tied: int
    shown: int
    score: float
    completion: float

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "tied": self.tied, "shown": self.shown, "score": self.score,
                "completion": self.completion}


@dataclass(frozen=True, slots=True)
class PassRate:
    indicator: str
    title: Localized
    met: int
    applicable: int  # all communities minus not_applicable, waived and unassessed
    pass_rate: float | None

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {"indicator": self.indicator, "title": self.title.get(lang), "met": self.met,
                "applicable": self.applicable, "pass_rate": self.pass_rate}


@dataclass(frozen=True, slots=True)
class DepartmentLoad:
    """Shortfalls per responsible department (责任单位): who has to act, and for how many communities."""

    department: str
    findings: int
    communities: int
    shortfall: int
    missing: int
    invalid: int

    def to_dict(self) -> dict[str, Any]:
        return {"department": self.department, "findings": self.findings, "communities": self.communities,
                "shortfall": self.shortfall, "missing": self.missing, "invalid": self.invalid}


@dataclass(frozen=True)
class ScoreResult:
    """A batch CheckResult plus everything the weekly bulletin ranks and counts."""

    check: CheckResult
    communities: tuple[RankedCommunity, ...]
    streets: tuple[RankedGroup, ...]
    districts: tuple[RankedGroup, ...]
    top: tuple[RankedCommunity, ...]
    bottom: tuple[RankedCommunity, ...]
    pass_rates: tuple[PassRate, ...]
    departments: tuple[DepartmentLoad, ...]
    grades: tuple[tuple[Localized, int], ...]
    baseline: Any = None  # baseline.Comparison with --baseline, else None
    partners: tuple[RankedPartner, ...] = ()
    top_ties: TieAtCut | None = None  # None when the list ends between two ranks (or cuts nothing)
    bottom_ties: TieAtCut | None = None

    @property
    def exit_code(self) -> int:
        """2 when no file was scored; 1 for any finding or skipped file; else 0."""
        if not any(f.status == "ok" for f in self.check.files):
            return 2
        return self.check.exit_code

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """CheckResult.to_dict() plus rankings, top/bottom, pass rates, departments, grades (and changes)."""
        out = self.check.to_dict(lang)
        if self.baseline is not None:
            for record, community in zip(out["communities"], self.check.communities, strict=True):
                record.update(self.baseline.record(community.key))
        out["rankings"] = {"communities": [c.to_dict(lang) for c in self.communities],
                           "streets": [s.to_dict() for s in self.streets],
                           "districts": [d.to_dict() for d in self.districts],
                           "partners": [p.to_dict() for p in self.partners]}
        out["top"] = [c.to_dict(lang) for c in self.top]
        out["bottom"] = [c.to_dict(lang) for c in self.bottom]
        out["top_ties"] = self.top_ties.to_dict() if self.top_ties is not None else None
        out["bottom_ties"] = self.bottom_ties.to_dict() if self.bottom_ties is not None else None
        out["pass_rates"] = [p.to_dict(lang) for p in self.pass_rates]
        out["departments"] = [d.to_dict() for d in self.departments]
        out["grades"] = [{"grade": g.get(lang), "communities": n} for g, n in self.grades]
        if self.baseline is not None:
            out["baseline"] = self.baseline.info()
            out["changes"] = self.baseline.changes_dict()
            out["summary_change"] = self.baseline.summary_change()
        return out


class Scored(Protocol):
    """What ranking reads of a community: a ``results.CommunityResult``, or a row the history stored."""

    @property
    def district(self) -> str: ...
    @property
    def street(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def completion(self) -> float: ...
    @property
    def compliant(self) -> bool: ...
    @property
    def behind_schedule(self) -> bool: ...
    @property
    def key(self) -> tuple[str, str, str]: ...
    @property
    def partner_units(self) -> tuple[str, ...]: ...


S = TypeVar("S", bound=Scored)


def competition_ranks(values: Sequence[object]) -> list[int]:
    """Standard competition ranks of values already sorted best first: [90, 90, 80] → [1, 1, 3]."""
    ranks: list[int] = []
    for i, value in enumerate(values):
        ranks.append(ranks[-1] if i and value == values[i - 1] else i + 1)
    return ranks


def _ranked(items: list, merit: Callable[[Any], tuple[float, ...]],
            key: Callable[[Any], tuple]) -> list[tuple[int, Any]]:
    """``items`` best first by ``merit`` (a tuple, larger is better), ties in ``key`` order, with ranks."""
    ordered = sorted(items, key=lambda it: (tuple(-m for m in merit(it)), key(it)))
    return list(zip(competition_ranks([merit(it) for it in ordered]), ordered, strict=True))


def _share(n: int, total: int) -> float:
    return round(n / total, 6) if total else 0.0


def rank_communities(communities: Iterable[S]) -> list[tuple[int, S]]:
    """Communities best first with their ranks: completion (rounded to 6 places), then score; ties in key order."""
    return _ranked(list(communities), lambda c: (round(c.completion, 6), c.score), lambda c: c.key)


def groups(communities: Sequence[Scored], by_street: bool) -> tuple[RankedGroup, ...]:
    """Streets (``by_street``) or districts ranked by their communities' mean completion, then mean score."""
    members: dict[tuple[str, str | None], list[Scored]] = defaultdict(list)
    for c in communities:
        members[(c.district, c.street if by_street else None)].append(c)
    stats = []
    for (district, street), cs in members.items():
        n = len(cs)
        stats.append((district, street, n, round(sum(c.score for c in cs) / n, 4),
                      round(sum(c.completion for c in cs) / n, 6), _share(sum(c.compliant for c in cs), n),
                      _share(sum(c.behind_schedule for c in cs), n)))
    ranked = _ranked(stats, lambda s: (s[4], s[3]), lambda s: (s[0], s[1] or ""))
    return tuple(RankedGroup(rank, *s) for rank, s in ranked)


def partners(communities: Sequence[Scored]) -> tuple[RankedPartner, ...]:
    """Partner units ranked like streets: mean completion, then mean score (rounded first), ties by name.

    A community counts once for each unit its cell names (``市民政局、市财政局`` → both); a blank cell, or a
    sheet without the column, is left out. Spellings that differ only in width or spacing (``市民政局（一处）``,
    ``市民政局(一处)``, ``市民政局 （一处）``) are one unit, shown as first written."""
    members: dict[str, list[Scored]] = defaultdict(list)
    shown: dict[str, str] = {}
    for c in communities:
        for unit in dict.fromkeys(shown.setdefault(_unit_key(u), u) for u in c.partner_units):
            members[unit].append(c)
    stats = []
    for unit, cs in members.items():
        n = len(cs)
        stats.append((unit, n, round(sum(c.score for c in cs) / n, 4), round(sum(c.completion for c in cs) / n, 6),
                      _share(sum(c.compliant for c in cs), n), _share(sum(c.behind_schedule for c in cs), n)))
    ranked = _ranked(stats, lambda s: (s[3], s[2]), lambda s: (s[0],))
    return tuple(RankedPartner(rank, *s) for rank, s in ranked)


def _unit_key(name: str) -> str:
    """A partner unit's name folded for comparison: NFKC (full-width → half-width), no spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split())


class _Listed(Protocol):
    """What 十佳 / 十差 read of a ranked community (RankedCommunity, bulletin.data.Community)."""

    @property
    def rank(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def completion(self) -> float: ...
    @property
    def compliant(self) -> bool: ...


_L = TypeVar("_L", bound=_Listed)


def top_and_bottom(entries: Sequence[_L], top: int) -> tuple[tuple[_L, ...], tuple[_L, ...],
                                                             TieAtCut | None, TieAtCut | None]:
    """(十佳, 十差 worst first, the tie each cuts through) of ``entries`` (ranked, best first).

    The two lists never share a community: with fewer than 2·``top`` communities the ranking is split, the
    first ceil(n/2) (at most ``top``) praised and the rest the bottom list — else the same 8 would be both
    表扬 and 通报批评. A compliant community is never in 十差 (a 100/100 one publicly criticised).
    """
    if top <= 0 or not entries:
        return (), (), None, None
    n = len(entries)
    cut = top if n >= 2 * top else min(top, -(-n // 2))
    best = tuple(entries[:cut])
    worst_at = [i for i in range(max(cut, n - top), n) if not entries[i].compliant]
    worst = tuple(entries[i] for i in reversed(worst_at))

    def tie(inside: int, outside: int, shown: Sequence[_L]) -> TieAtCut | None:
        if not 0 <= outside < n or entries[inside].rank != entries[outside].rank:
            return None
        at = entries[inside]
        return TieAtCut(at.rank, sum(e.rank == at.rank for e in entries), sum(e.rank == at.rank for e in shown),
                        at.score, at.completion)

    top_tie = tie(cut - 1, cut, best)
    bottom_tie = tie(worst_at[0], worst_at[0] - 1, worst) if worst_at else None
    return best, worst, top_tie, bottom_tie


def rank(check: CheckResult, *, top: int = 10, grade_labels: Sequence[Localized] = (),
         baseline: Any = None) -> ScoreResult:
    """Rank and count everything in ``check``; ``baseline`` (a baseline.Comparison) adds score changes."""
    ranked = rank_communities(check.communities)
    entries = tuple(
        RankedCommunity(r, c.district, c.street, c.community, c.score, c.max_score, c.completion, c.grade,
                        c.compliant, c.behind_schedule, sum(f.status in PROBLEMS for f in c.findings),
                        baseline.score_change(c.key) if baseline is not None else None,
                        c.indicators_assessed, c.indicators_total)
        for r, c in ranked
    )
    n = len(check.communities)
    pass_rates = []
    for s in check.summary.by_indicator:
        applicable = n - s.not_applicable - s.waived - s.unassessed
        pass_rates.append(PassRate(s.indicator, s.title, s.met, applicable,
                                   round(s.met / applicable, 6) if applicable else None))
    grades = Counter(c.grade for c in check.communities if c.grade is not None)
    order = list(dict.fromkeys([*grade_labels, *grades]))
    best, worst, top_ties, bottom_ties = top_and_bottom(entries, top)
    return ScoreResult(
        check=check, communities=entries,
        streets=groups(check.communities, by_street=True), districts=groups(check.communities, by_street=False),
        top=best, bottom=worst,
        pass_rates=tuple(pass_rates), departments=_departments(check.communities),
        grades=tuple((g, grades.get(g, 0)) for g in order), baseline=baseline,
        partners=partners(check.communities), top_ties=top_ties, bottom_ties=bottom_ties,
    )


def _departments(communities: Sequence[CommunityResult]) -> tuple[DepartmentLoad, ...]:
    return department_loads((c.key, f.department, f.status) for c in communities for f in c.findings)


def department_loads(findings: Iterable[tuple[tuple[str, str, str], str, str]]) -> tuple[DepartmentLoad, ...]:
    """Problems per department from (community key, department, status) of every finding (problems counted
    only), most problems first, then most communities, then by name."""
    counts: dict[str, Counter] = defaultdict(Counter)
    affected: dict[str, set] = defaultdict(set)
    for key, department, status in findings:
        if status in PROBLEMS:
            counts[department][Status(status)] += 1
            affected[department].add(key)
    loads = [DepartmentLoad(d, sum(k.values()), len(affected[d]), k[Status.SHORTFALL], k[Status.MISSING],
                            k[Status.INVALID])
             for d, k in counts.items()]
    return tuple(sorted(loads, key=lambda d: (-d.findings, -d.communities, d.department)))
