"""The tables of a history report (``creatio history``), shared by its table, csv, md and xlsx renderers.

One :class:`score_rows.Block` per view — runs, districts, streets, partner units, indicators, communities (or
one community's trajectory) — with catalogue labels as headers. Values stay numbers (shares 0..1 in
:data:`PERCENT_KEYS`, changes and gaps in percentage points in :data:`POINTS_KEYS`) so the workbook keeps
them as numbers; booleans are 是/否 (yes/no), titles and grades in ``--lang``.

Every view keeps the as-of date and 序时进度 columns: a trend is read against the schedule, and they make
the csv recognisable as creatio's own (``batch.written_by_creatio``), so ``score`` never reads it back.
"""

from __future__ import annotations

from typing import Any

from creatio_cli.render.i18n import phrase, t, yes_no
from creatio_cli.render.score_rows import Block, heads
from creatio_cli.trends import HistoryReport

#: Columns holding a share 0..1.
PERCENT_KEYS: frozenset[str] = frozenset({"mean_completion", "expected_progress", "completion", "pass_rate"})
#: Columns holding percentage points (百分点), signed.
POINTS_KEYS: frozenset[str] = frozenset({"gap_points", "change_points"})
#: Columns holding a signed change of score.
CHANGE_KEYS: frozenset[str] = frozenset({"score_change"})

RUN_KEYS: tuple[str, ...] = ("as_of", "standard", "standard_version", "scope", "communities", "mean_score",
                             "mean_completion", "expected_progress", "gap_points", "behind_schedule", "compliant",
                             "files_skipped")
_GROUP_TAIL: tuple[str, ...] = ("as_of", "communities", "mean_score", "score_change", "mean_completion",
                                "expected_progress", "gap_points", "behind_schedule", "compliant")
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "district": ("district", *_GROUP_TAIL),
    "street": ("district", "street", *_GROUP_TAIL),
    "partner": ("partner", *_GROUP_TAIL),
}
INDICATOR_KEYS: tuple[str, ...] = ("indicator", "title", "as_of", "met", "applicable", "pass_rate", "change_points",
                                   "problems", "unassessed", "expected_progress")
COMMUNITY_KEYS: tuple[str, ...] = ("district", "street", "community", "partner", "as_of", "score", "score_change",
                                   "max_score", "completion", "expected_progress", "behind_schedule", "grade",
                                   "unmet")
#: Label keys where a column's label is not ``label.<key>``.
LABELS: dict[str, str] = {"communities": "communities_n", "behind_schedule": "behind_schedule_n",
                          "scope": "history_scope", "gap_points": "history_gap", "partner": "history_partner",
                          "change_points": "history_pass_rate_change", "problems": "history_problems",
                          "unmet": "history_unmet", "met": "history_met"}
_COMMUNITY_LABELS: dict[str, str] = {**LABELS, "behind_schedule": "behind_schedule"}
#: Sheet / section heading of each view.
HEADINGS: dict[str, str] = {"run": "history_runs", "district": "history_districts", "street": "history_streets",
                            "partner": "history_partners", "indicator": "history_indicators",
                            "community": "history_communities"}


def runs(report: HistoryReport, lang: str) -> Block:
    rows = []
    for r in report.runs:
        record = r.to_dict(lang)
        rows.append([record[k] for k in RUN_KEYS])
    return Block(t("history_runs", lang), RUN_KEYS, heads(RUN_KEYS, lang, LABELS), rows)


def groups(report: HistoryReport, view: str, lang: str) -> Block:
    """The district, street or partner-unit trend (one row per group and run, runs in date order)."""
    items = {"district": report.districts, "street": report.streets, "partner": report.partners}[view] or ()
    keys = GROUP_KEYS[view]
    progress = {r.run: r.expected_progress for r in report.runs}
    rows = []
    for g in items:
        record = g.to_dict()
        record["gap_points"] = (g.mean_completion - progress.get(g.run, g.expected_progress)) * 100
        rows.append([record.get(k) for k in keys])
    return Block(t(HEADINGS[view], lang), keys, heads(keys, lang, LABELS), rows)


def indicators(report: HistoryReport, lang: str) -> Block:
    progress = {r.run: r.expected_progress for r in report.runs}
    rows = []
    for i in report.indicators or ():
        record = i.to_dict(lang)
        record["expected_progress"] = progress.get(i.run)
        record["change_points"] = i.change
        rows.append([record.get(k) for k in INDICATOR_KEYS])
    return Block(t("history_indicators", lang), INDICATOR_KEYS, heads(INDICATOR_KEYS, lang, LABELS), rows)


def communities(report: HistoryReport, lang: str) -> Block:
    """Every community run by run — or, with ``--community``, that community's trajectory."""
    sep = t("title_sep", lang)
    rows = []
    for c in report.communities or ():
        record = c.to_dict(lang, report.titles)
        record["unmet"] = sep.join(record["unmet_titles"])
        record["behind_schedule"] = yes_no(c.behind_schedule, lang)
        rows.append([record.get(k) for k in COMMUNITY_KEYS])
    heading = t("history_communities", lang)
    if report.trajectory:
        name = dict(report.filters)["community"]
        heading = phrase("history_trajectory", lang, community=name)
    return Block(heading, COMMUNITY_KEYS, heads(COMMUNITY_KEYS, lang, _COMMUNITY_LABELS), rows)


def view(report: HistoryReport, name: str, lang: str) -> Block:
    """The block of one view (``--by``)."""
    if name == "run":
        return runs(report, lang)
    if name in GROUP_KEYS:
        return groups(report, name, lang)
    if name == "indicator":
        return indicators(report, lang)
    return communities(report, lang)


def computed(report: HistoryReport) -> list[str]:
    """The views this report holds, in display order (runs first)."""
    have = {"district": report.districts, "street": report.streets, "partner": report.partners,
            "indicator": report.indicators, "community": report.communities}
    return ["run", *(name for name in ("district", "street", "partner", "indicator", "community")
                     if have[name] is not None)]


def series_line(report: HistoryReport, lang: str) -> str:
    """``历史库 FILE：标准 X，范围 Y`` (or the file alone when runs of several series are listed)."""
    if report.standard is None:
        return phrase("history_heading_all", lang, path=report.path)
    return phrase("history_heading", lang, path=report.path, standard=report.standard, scope=report.scope or "")


def fmt_points(value: Any) -> str:
    """Signed percentage points with one decimal: ``+2.3``, ``-7.1``, ``0.0``; blank for none."""
    return "" if not isinstance(value, int | float) else f"{value:+.1f}"
