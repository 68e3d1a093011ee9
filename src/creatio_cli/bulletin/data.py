"""What a bulletin is written from: a :class:`Period` of one or more scoring runs, whatever stored them.

The seam. A 周通报 or 月通报 speaks of *runs* — one ``creatio score`` of a city's folder at one as-of date —
and of nothing else a run does not hold. Two adapters turn stored runs into this model:

- ``bulletin.from_reports``: score JSON reports (``score --format json``, with or without ``--baseline``);
- ``bulletin.from_history``: the runs ``score --record`` keeps in the history database. It builds the same
  :class:`Run` values (the 责任单位 from the run's standard: the history keeps none).

Both call :func:`weekly` / :func:`monthly` to make the period, so the wording, the charts and the document
never learn where a run came from.

Everything here is frozen and pure (no I/O, no clock, no language: indicator titles are the Chinese ones the
run was scored with, since the bulletin is always a Chinese 公文). Comparisons between two runs reuse
``baseline.Comparison`` — the very rules of ``score --baseline`` (communities matched by their key, only
indicators assessed in both runs) — so a bulletin's movers are the movers ``score`` lists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from creatio_cli.ranking import RankedGroup as Group  # a district or street, as score ranks it
from creatio_cli.ranking import RankedPartner as Partner  # a partner unit (帮扶单位), as score ranks it

Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Community:
    """One community in one run: its place in the ranking and what it has still to fix."""

    rank: int
    district: str
    street: str
    community: str
    score: float
    max_score: float
    completion: float
    behind_schedule: bool
    compliant: bool
    partners: tuple[str, ...] = ()  # the partner units (帮扶单位) its cell names, each once
    open: frozenset[str] = frozenset()  # indicators with a shortfall, missing or invalid value
    lost: tuple[tuple[str, float], ...] = ()  # (indicator, points lost) of each open indicator
    unassessed: frozenset[str] = frozenset()  # indicators its ledger could not assess

    @property
    def key(self) -> Key:
        return (self.district, self.street, self.community)


@dataclass(frozen=True, slots=True)
class PassRate:
    """An indicator's pass rate: ``met`` of the ``applicable`` communities (None when none applies)."""

    indicator: str
    title: str
    met: int
    applicable: int
    pass_rate: float | None

    @property
    def failed(self) -> int:
        return self.applicable - self.met


@dataclass(frozen=True, slots=True)
class Department:
    """A responsible department (责任单位): its open problems and the communities they are in."""

    department: str
    findings: int
    communities: int


@dataclass(frozen=True, slots=True)
class Tie:
    """A tie a 十佳 / 十差 list cuts through: ``tied`` communities share ``rank``, ``shown`` are listed."""

    rank: int
    tied: int
    shown: int
    score: float
    completion: float


@dataclass(frozen=True, slots=True)
class Figures:
    """A run's headline figures, as a comparison states them before and after."""

    compliant: int
    behind_schedule: int
    mean_score: float | None


@dataclass(frozen=True, slots=True)
class Summary:
    """A run's counts: communities, compliant, with shortfalls, behind schedule; the mean score."""

    communities: int
    compliant: int
    with_shortfalls: int
    behind_schedule: int
    mean_score: float | None

    @property
    def figures(self) -> Figures:
        return Figures(self.compliant, self.behind_schedule, self.mean_score)


@dataclass(frozen=True)
class Run:
    """One scoring run: a city's ledgers scored against one standard at one as-of date, and ranked.

    ``communities`` are ranked best first (completion, then score; ties in key order); ``top`` / ``bottom``
    are its 十佳 / 十差 (``bottom`` worst first) and ``top_ties`` / ``bottom_ties`` the ties they cut, exactly
    as ``score`` made them (:func:`cut` makes them the same way from the ranking). ``points``: indicator →
    points, where known (a comparison needs it only for an indicator assessed in one of two runs).
    ``source``: where the run was read (a report's path), for messages.
    """

    as_of: date
    standard_id: str
    standard_title: str
    expected_progress: float
    summary: Summary
    communities: tuple[Community, ...]
    streets: tuple[Group, ...] = ()
    districts: tuple[Group, ...] = ()
    partners: tuple[Partner, ...] = ()
    pass_rates: tuple[PassRate, ...] = ()
    departments: tuple[Department, ...] = ()
    top: tuple[Community, ...] = ()
    bottom: tuple[Community, ...] = ()
    top_ties: Tie | None = None
    bottom_ties: Tie | None = None
    points: Mapping[str, float] = field(default_factory=dict)
    source: str = ""
    standard_version: str = ""

    @property
    def behind(self) -> tuple[Community, ...]:
        """The communities behind schedule, worst first (the ranking's order, reversed)."""
        return tuple(c for c in reversed(self.communities) if c.behind_schedule)

    def partner_problems(self) -> list[tuple[Partner, int, int]]:
        """(partner unit, open problems, communities with a problem) of every ranked partner unit, most
        problems first (then the ranking's order): who has the most left to help fix."""
        problems: dict[str, int] = defaultdict(int)
        troubled: dict[str, int] = defaultdict(int)
        for c in self.communities:
            for unit in c.partners:
                problems[unit] += len(c.open)
                troubled[unit] += bool(c.open)
        rows = [(p, problems.get(p.partner, 0), troubled.get(p.partner, 0)) for p in self.partners]
        order = {p.partner: i for i, p in enumerate(self.partners)}
        return sorted(rows, key=lambda r: (-r[1], -r[2], -order[r[0].partner]))


@dataclass(frozen=True, slots=True)
class Mover:
    """A community whose score changed between two runs (``new`` / ``fixed``: indicator ids)."""

    district: str
    street: str
    community: str
    score: float
    previous_score: float
    score_change: float
    new: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """A run against an earlier one: the figures before and after, and the movers, biggest change first."""

    since: date | None
    before: Figures
    after: Figures
    improved: tuple[Mover, ...] = ()
    declined: tuple[Mover, ...] = ()
    # Communities of one run only: the totals above are then over different sets, which the text must say.
    not_in_this_run: int = 0  # in the earlier run, not in this one
    not_in_baseline: int = 0  # in this run, not in the earlier one


@dataclass(frozen=True, slots=True)
class NoticeActivity:
    """What the notice register records for a period (``start`` … ``end``, both included): notices issued,
    rectified and fallen overdue in it, and where every notice issued by ``end`` stood on that day.

    ``overdue_now``: (文号, district, street, community) of each notice overdue on ``end``."""

    start: date
    end: date
    notices: int  # 整改通知书 issued in the period
    escalations: int  # 督办通知
    assignments: int  # 交办单
    rectified: int
    overdue: int  # notices that fell overdue in the period
    total: int  # 整改通知书 issued by ``end``
    total_rectified: int
    total_overdue: int
    total_open: int
    total_cancelled: int
    overdue_now: tuple[tuple[str, str, str, str], ...] = ()


@dataclass(frozen=True)
class Period:
    """What one bulletin covers: ``weekly`` (one run against the run before it) or ``monthly`` (the runs of a
    calendar month). ``runs`` oldest first — the last is the run the bulletin reports on; ``previous`` the run
    it is compared with (weekly), ``change`` that comparison (weekly: against ``previous``; monthly: the last
    run against the month's first). ``start``: the first day the period covers (for the register)."""

    kind: str
    as_of: date
    start: date
    runs: tuple[Run, ...]
    previous: Run | None = None
    change: Change | None = None
    notices: NoticeActivity | None = None

    @property
    def current(self) -> Run:
        return self.runs[-1]

    @property
    def series(self) -> tuple[Run, ...]:
        """The runs a trend is drawn from: the previous run (if any) and the period's, oldest first."""
        return ((self.previous,) if self.previous is not None else ()) + self.runs


def cut(communities: Sequence[Community], top: int) -> tuple[tuple[Community, ...], tuple[Community, ...],
                                                              Tie | None, Tie | None]:
    """(top, bottom worst first, top tie, bottom tie) of a ranking cut at ``top``, as ``ranking.rank`` cuts
    (disjoint lists, no compliant community in the bottom one)."""
    from creatio_cli.ranking import top_and_bottom

    best, worst, *ties = top_and_bottom(communities, top)
    made = [None if t is None else Tie(t.rank, t.tied, t.shown, t.score, t.completion) for t in ties]
    return best, worst, made[0], made[1]


def compare(previous: Run, current: Run) -> Change:
    """``current`` against ``previous`` by the rules of ``score --baseline`` (``baseline.Comparison``):
    movers are the communities whose score changed over the indicators assessed in both runs."""
    from creatio_cli.baseline import Comparison, Previous

    def side(run: Run) -> dict[Key, Previous]:
        return {c.key: Previous(c.score, c.open, c.unassessed, c.lost) for c in run.communities}

    points = {**previous.points, **current.points}
    comparison = Comparison("", previous.as_of.isoformat(), side(previous), side(current), points)
    improved, declined = comparison.movers()

    def movers(rows: list[dict]) -> tuple[Mover, ...]:
        return tuple(Mover(r["district"], r["street"], r["community"], r["score"], r["previous_score"],
                           r["score_change"], tuple(r["new"]), tuple(r["fixed"])) for r in rows)

    info = comparison.info()
    return Change(previous.as_of, previous.summary.figures, current.summary.figures, movers(improved),
                  movers(declined), info["not_in_this_run"], info["not_in_baseline"])


def weekly(current: Run, previous: Run | None = None, change: Change | None = None) -> Period:
    """The weekly period: ``current`` against ``previous`` (compared here unless ``change`` is given — a
    comparison the source already made, such as a report of ``score --baseline``). The period starts the day
    after the previous run (or after ``change.since``), else six days before ``current``."""
    if change is None and previous is not None:
        change = compare(previous, current)
    since = previous.as_of if previous is not None else change.since if change is not None else None
    start = since + timedelta(days=1) if since is not None and since < current.as_of else current.as_of - timedelta(days=6)
    return Period("weekly", current.as_of, start, (current,), previous, change)


def monthly(runs: Sequence[Run], as_of: date | None = None) -> Period:
    """The monthly period: the runs in the calendar month of ``as_of`` (default: the latest run's date) up to
    ``as_of``, oldest first; the change is the last run against the month's first. ValueError when none is."""
    if not runs:
        raise ValueError("no runs")
    day = as_of or max(r.as_of for r in runs)
    chosen = sorted((r for r in runs if (r.as_of.year, r.as_of.month) == (day.year, day.month) and r.as_of <= day),
                    key=lambda r: r.as_of)
    if not chosen:
        raise ValueError("no run in the month")
    change = compare(chosen[0], chosen[-1]) if len(chosen) > 1 else None
    return Period("monthly", day, day.replace(day=1), tuple(chosen), None, change)


def with_notices(period: Period, activity: NoticeActivity | None) -> Period:
    """The period with what the register says of it."""
    return replace(period, notices=activity)
