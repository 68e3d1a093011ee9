"""The rows of a score report, shared by its table, csv, md and xlsx renderers (one vocabulary).

Each table is a list of column keys (its headers are the labels ``label.<key>``) and rows of values in
that order. Values are display-ready except numbers: booleans are 是/否 (yes/no), statuses and file states
labels, indicator ids in the movers their titles — so the terminal, the Markdown and the workbook say the
same thing in the same words as ``check``'s reports. Shares (0..1) stay numbers; :data:`PERCENT_KEYS` says
which, so xlsx formats them as 0.0 % and text as ``49.6%``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from creatio_cli.messages import Localized
from creatio_cli.render import coverage as cov
from creatio_cli.render.i18n import phrase, t, yes_no
from creatio_cli.render.records import COLUMNS, fmt_cell, fmt_pct, iter_finding_values
from creatio_cli.status import GAP_STATES

#: Columns holding a share 0..1.
PERCENT_KEYS: frozenset[str] = frozenset({"completion", "expected_progress", "mean_completion", "share_compliant",
                                          "share_behind_schedule", "pass_rate"})

#: (record key, label key) of the community ranking; score_change with a baseline, assessed when some
#: indicator could not be assessed.
RANK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("rank", "rank"), ("district", "district"), ("street", "street"), ("community", "community"),
    ("score", "score"), ("max_score", "max_score"), ("completion", "completion"), ("grade", "grade"),
    ("compliant", "is_compliant"), ("behind_schedule", "behind_schedule"), ("findings", "findings_count"),
)
#: The short form for the terminal's 十佳 / 十差.
TOP_COLUMNS: tuple[str, ...] = ("rank", "district", "street", "community", "score", "completion", "grade",
                                "findings")
GROUP_KEYS: tuple[str, ...] = ("rank", "district", "street", "communities", "mean_score", "mean_completion",
                               "share_compliant", "share_behind_schedule")
GROUP_LABELS: dict[str, str] = {"communities": "communities_n"}
PASS_KEYS: tuple[str, ...] = ("indicator", "title", "met", "applicable", "pass_rate", "unassessed")
DEPARTMENT_KEYS: tuple[str, ...] = ("department", "findings", "communities", "shortfall", "missing", "invalid")
DEPARTMENT_LABELS: dict[str, str] = {"findings": "findings_count", "communities": "communities_affected"}
MOVER_KEYS: tuple[str, ...] = ("district", "street", "community", "score", "score_change", "fixed", "new")
FINDING_KEYS: tuple[str, ...] = ("district", "street", "community", "indicator", "title", "status", "actual",
                                 "required", "gap", "unit", "points_lost", "cell", "raw", "department", "file")
FILE_KEYS: tuple[str, ...] = ("file", "status", "reason", "communities", "sheets", "file_as_of", "other_date")
FILE_LABELS: dict[str, str] = {"communities": "communities_n"}
PARTNER_KEYS: tuple[str, ...] = ("rank", "partner", "communities", "mean_score", "mean_completion",
                                 "share_compliant", "share_behind_schedule")
#: One row per (community, indicator) open in either run (with --baseline); ``gap_state`` is 新增 / 已整改 /
#: 仍未整改; the md lists leave it out (one list per state).
GAP_KEYS: tuple[str, ...] = ("gap_state", "district", "street", "community", "indicator", "title", "department",
                             "partner")


@dataclass(frozen=True)
class Block:
    """One table of the report: its heading, column keys, header labels and rows."""

    heading: str
    keys: tuple[str, ...]
    headers: list[str]
    rows: list[list[Any]]
    note: str | None = None  # a sentence to print under the table (a tie the list cuts through …)


def heads(keys: Sequence[str], lang: str, names: dict[str, str] | None = None) -> list[str]:
    """Header labels for ``keys`` (``names`` maps a key to another label key)."""
    return [t((names or {}).get(k, k), lang) for k in keys]


def rank_keys(result: Any) -> tuple[tuple[str, str], ...]:
    """The ranking columns of this report."""
    extra: list[tuple[str, str]] = []
    if result.baseline is not None:
        extra.append(("score_change", "score_change"))
    if result.check.unassessed:
        extra.append(("assessed", "assessed"))
    return RANK_COLUMNS + tuple(extra)


def _assessed(result: Any) -> dict[tuple[str, str, str], str]:
    return {c.key: cov.community_assessed(c) for c in result.check.communities}


def ranking_rows(result: Any, entries: Sequence[Any], lang: str, keys: Sequence[str]) -> list[list[Any]]:
    """Ranked communities as rows of ``keys`` (record keys); booleans as 是/否, None as blank."""
    assessed = _assessed(result) if "assessed" in keys else {}
    rows = []
    for entry in entries:
        record = entry.to_dict(lang)
        if "assessed" in keys:
            record["assessed"] = assessed.get((entry.district, entry.street, entry.community), "")
        rows.append([yes_no(record.get(k), lang) if record.get(k) is not None else "" for k in keys])
    return rows


def ranking(result: Any, lang: str) -> Block:
    cols = rank_keys(result)
    keys = tuple(k for k, _ in cols)
    return Block(t("community_ranking", lang), keys, [t(label, lang) for _, label in cols],
                 ranking_rows(result, result.communities, lang, keys))


def top_bottom(result: Any, lang: str) -> list[Block]:
    """十佳 and 十差 (``Top 10`` / ``Bottom 10``; ``Top N`` for another ``--top``; none for ``--top 0``)."""
    if not result.top:
        return []
    # Rankings order by completion over the assessed indicators (the contract); a community assessed on
    # few of them can lead the list, so then each entry shows assessed/total and a note says why.
    partial = any(not e.fully_assessed for e in (*result.top, *result.bottom))
    keys = TOP_COLUMNS + (("score_change",) if result.baseline is not None else ()) + (("assessed",) if partial else ())
    labels = [t(dict(RANK_COLUMNS).get(k, k), lang) for k in keys]
    top, bottom = list_headings(result, lang)
    note = t("partly_assessed_note", lang) if partial else None
    return [Block(top, keys, labels, ranking_rows(result, result.top, lang, keys),
                  _notes(tie_note(result, lang, "top"), note)),
            Block(bottom, keys, labels, ranking_rows(result, result.bottom, lang, keys),
                  _notes(tie_note(result, lang, "bottom"), note))]


def _notes(*notes: str | None) -> str | None:
    """The sentences under a table, one per line; None when there is none."""
    said = [n for n in notes if n]
    return "\n".join(said) if said else None


def list_headings(result: Any, lang: str) -> tuple[str, str]:
    """(十佳, 十差) — ``Top 10`` / ``Bottom 10``, or ``Top N`` / ``Bottom N`` for another ``--top``."""
    n = len(result.top)
    if n == 10:
        return t("top_ten", lang), t("bottom_ten", lang)
    return phrase("top_n", lang, n=n), phrase("bottom_n", lang, n=n)


def tie_note(result: Any, lang: str, which: str) -> str | None:
    """The sentence that says a 十佳 / 十差 list cuts through a tie ("12 个社区并列第 1 名（得分 100，完成率
    100.0%），…仅列出其中前 10 个"); None when it does not (``which``: top | bottom)."""
    tie = result.top_ties if which == "top" else result.bottom_ties
    if tie is None:
        return None
    return phrase(f"tie_{which}", lang, tied=tie.tied, rank=tie.rank, score=fmt_cell(tie.score),
                  completion=fmt_pct(tie.completion), shown=tie.shown)


def partners(result: Any, lang: str) -> Block | None:
    """The partner unit (帮扶单位) ranking; None when no community names one (no column, or all blank)."""
    if not result.partners:
        return None
    return Block(t("partner_ranking", lang), PARTNER_KEYS, heads(PARTNER_KEYS, lang, GROUP_LABELS),
                 [[p.to_dict()[k] for k in PARTNER_KEYS] for p in result.partners])


def groups(result: Any, lang: str, streets: bool) -> Block:
    """The street (or district) ranking; when one is ranked on indicators some of its communities could not
    be assessed for, an 已评估/总数 column and a note (as 十佳 / 十差 have): mean completion is over the
    assessed indicators, so a street assessed on 11 of 13 may rank above one assessed on all 13."""
    keys = GROUP_KEYS if streets else tuple(k for k in GROUP_KEYS if k != "street")
    items = result.streets if streets else result.districts
    assessed = _group_assessed(result.check.communities, streets)
    partial = any(not full for _, full in assessed.values())
    if partial:
        keys = (*keys, "assessed")
    rows = []
    for g in items:
        record = {**g.to_dict(), "assessed": assessed.get((g.district, g.street), ("", True))[0]}
        rows.append([_named_group(k, record.get(k), lang) for k in keys])
    note = t("partly_assessed_street_note" if streets else "partly_assessed_district_note", lang) if partial else None
    return Block(t("street_ranking" if streets else "district_ranking", lang), keys, heads(keys, lang, GROUP_LABELS),
                 rows, note)


def _group_assessed(communities: Sequence[Any], streets: bool) -> dict[tuple[str, str | None], tuple[str, bool]]:
    """(district, street or None) → (``11/13``, or ``11–13/13`` when its communities differ; fully assessed)."""
    counts: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
    for c in communities:
        counts.setdefault((c.district, c.street if streets else None), []).append(
            (c.indicators_assessed, c.indicators_total))
    out = {}
    for key, pairs in counts.items():
        low, high, total = min(a for a, _ in pairs), max(a for a, _ in pairs), max(n for _, n in pairs)
        shown = f"{low}/{total}" if low == high else f"{low}–{high}/{total}"
        out[key] = (shown, all(a >= n for a, n in pairs))
    return out


def _named_group(key: str, value: Any, lang: str) -> Any:
    """A street or district left blank in the ledger (a csv without those columns) is labelled
    （未填街道） / （未填区县）: a ranking row with no name reads as a rendering fault."""
    if key in ("street", "district") and value == "":
        return t(f"no_{key}", lang)
    return value


def pass_rates(result: Any, lang: str) -> Block:
    """Pass rate per indicator, with how many communities it could not be assessed for."""
    unassessed = {i.indicator: i.unassessed for i in result.check.summary.by_indicator}
    rows = []
    for p in result.pass_rates:
        record = p.to_dict(lang)
        record["unassessed"] = unassessed.get(p.indicator, 0)
        rows.append([record[k] for k in PASS_KEYS])
    return Block(t("pass_rates", lang), PASS_KEYS, heads(PASS_KEYS, lang), rows)


def departments(result: Any, lang: str) -> Block:
    return Block(t("departments", lang), DEPARTMENT_KEYS, heads(DEPARTMENT_KEYS, lang, DEPARTMENT_LABELS),
                 [[d.to_dict()[k] for k in DEPARTMENT_KEYS] for d in result.departments])


def findings(result: Any, lang: str) -> Block:
    """Every finding, with the same labels as ``check``'s details (未达标, 是/否, units)."""
    index = [COLUMNS.index(k) for k in FINDING_KEYS]
    rows = [[values[i] for i in index] for values in iter_finding_values(result.check, lang)]
    return Block(t("findings", lang), FINDING_KEYS, heads(FINDING_KEYS, lang), rows)


def files(result: Any, lang: str) -> Block:
    """Every file: status, reason, communities, sheets, its own date and whether it was judged at another."""
    rows = [[f.path, t(f.status, lang) if f.status in ("ok", "skipped") else f.status,
             f.reason.render(lang) if f.reason else "", f.communities, t("title_sep", lang).join(f.sheets),
             f.as_of_hint.isoformat() if f.as_of_hint else "", t("yes", lang) if f.other_date else ""]
            for f in result.check.files]
    return Block(t("files", lang), FILE_KEYS, heads(FILE_KEYS, lang, FILE_LABELS), rows)


def other_date_files(result: Any, lang: str) -> Block | None:
    """The files judged at the run's date rather than their own (None when every file is of the run's date)."""
    check = result.check
    rows = [[f.path, f.as_of_hint.isoformat() if f.as_of_hint else "", check.as_of.isoformat()]
            for f in check.files if f.other_date]
    if not rows:
        return None
    keys = ("file", "file_as_of", "judged_at")
    return Block(t("other_date_files", lang), keys, heads(keys, lang), rows,
                 phrase("other_date_note", lang, date=check.as_of.isoformat()))


def skipped(result: Any, lang: str) -> Block:
    rows = [[f.path, f.reason.render(lang) if f.reason else t(f.status, lang)]
            for f in result.check.files if f.status != "ok"]
    return Block(t("skipped_files", lang), ("file", "reason"), heads(("file", "reason"), lang), rows)


def indicator_titles(ids: Sequence[str], names: dict[str, Localized], lang: str) -> str:
    """Indicator ids as their titles in ``lang`` (an id the standard does not know stays an id)."""
    return t("title_sep", lang).join(names[i].get(lang) if i in names else i for i in ids)


def movers(result: Any, lang: str, limit: int | None = None) -> list[Block]:
    """进步最大 / 退步最大 with a baseline (none without): fixed and new indicators by title. Cut at
    ``limit``, the block's note says how many there are and how many of a tied change are shown."""
    if result.baseline is None:
        return []
    names = cov.titles(result.check)
    blocks = []
    for key, rows in zip(("most_improved", "most_declined"), result.baseline.movers(), strict=True):
        shown = rows[:limit] if limit is not None else rows
        blocks.append(Block(t(key, lang), MOVER_KEYS, heads(MOVER_KEYS, lang),
                            [[r["district"], r["street"], r["community"], r["score"], r["score_change"],
                              indicator_titles(r["fixed"], names, lang), indicator_titles(r["new"], names, lang)]
                             for r in shown], _cut_note(rows, len(shown), lang)))
    return blocks


def _cut_note(rows: Sequence[dict[str, Any]], shown: int, lang: str) -> str | None:
    """What a movers list cut at ``shown`` leaves out, and the tie it cuts through (equal score changes)."""
    if shown >= len(rows):
        return None
    last = rows[shown - 1]["score_change"] if shown else None
    if last is None or rows[shown]["score_change"] != last:
        return phrase("movers_cut", lang, total=len(rows), shown=shown)
    tied = sum(r["score_change"] == last for r in rows)
    tied_shown = sum(r["score_change"] == last for r in rows[:shown])
    return phrase("movers_cut_tie", lang, total=len(rows), shown=shown, change=f"{last:+g}", tied=tied,
                  tied_shown=tied_shown)


def gap_rows(result: Any, lang: str) -> list[list[Any]]:
    """With a baseline: one row of :data:`GAP_KEYS` per (community, indicator) new, fixed or still open —
    titles in ``lang`` (this standard's; the baseline's own for an id this standard does not know),
    department and partner as the community's records give them."""
    if result.baseline is None:
        return []
    names = cov.titles(result.check)
    order = {s.indicator: i for i, s in enumerate(result.check.summary.by_indicator)}
    partner = {c.key: c.partner or "" for c in result.check.communities}
    return [[t(f"gap.{g.state}", lang), *g.key, g.indicator,
             names[g.indicator].get(lang) if g.indicator in names else g.title, g.department, partner.get(g.key, "")]
            for g in result.baseline.gaps(order)]


def gaps(result: Any, lang: str) -> Block | None:
    """The 新增 / 已整改 / 仍未整改 list as one table with a state column (the xlsx sheet); None without a baseline."""
    if result.baseline is None:
        return None
    return Block(t("sheet_gaps", lang), GAP_KEYS, heads(GAP_KEYS, lang), gap_rows(result, lang))


def gap_lists(result: Any, lang: str) -> list[Block]:
    """The same rows as :func:`gaps`, one list per state (新增问题, 已整改问题, 仍未整改问题), for people: without
    the state and the indicator id (the title says it)."""
    if result.baseline is None:
        return []
    rows = gap_rows(result, lang)
    keep = [i for i, k in enumerate(GAP_KEYS) if k not in ("gap_state", "indicator")]
    keys = tuple(GAP_KEYS[i] for i in keep)
    return [Block(t(f"gaps_heading.{state}", lang), keys, heads(keys, lang),
                  [[r[i] for i in keep] for r in rows if r[0] == t(f"gap.{state}", lang)])
            for state in GAP_STATES]


def unassessed(result: Any, lang: str) -> Block | None:
    """What some file could not assess (None when everything was)."""
    if not result.check.unassessed:
        return None
    return Block(t("unassessed_heading", lang), cov.COLUMNS, heads(cov.COLUMNS, lang), cov.rows(result.check, lang))


@dataclass(frozen=True)
class Fact:
    label: str
    value: Any
    key: str = ""  # a PERCENT_KEYS key when the value is a share; "assessed" for the coverage


def facts(result: Any, lang: str) -> list[Fact]:
    """The summary: standard, date, progress, files, counts, coverage, grades."""
    check, s = result.check, result.check.summary
    ok = sum(f.status == "ok" for f in check.files)
    coverage = cov.coverage(check)
    out = [
        Fact(t("standard", lang), check.standard.title.get(lang)),
        Fact(t("as_of", lang), check.as_of.isoformat()),
        Fact(t("expected_progress", lang), check.expected_progress, "expected_progress"),
        Fact(t("files_read", lang), ok),
        Fact(t("files_skipped", lang), len(check.files) - ok),
        Fact(t("communities", lang), s.communities),
        Fact(coverage.compliant_label(lang), s.compliant),
        Fact(t("with_shortfalls", lang), s.with_shortfalls),
        Fact(t("behind_schedule_n", lang), s.behind_schedule),
    ]
    if not coverage.complete:
        out.append(Fact(coverage.assessed_label(lang), f"{coverage.assessed}/{coverage.total}", "assessed"))
    out += [Fact(phrase("grade_of", lang, grade=g), n) for g, n in result.grades]
    return out + change_facts(result, lang)


def change_facts(result: Any, lang: str) -> list[Fact]:
    """With a baseline: its date, compliant / behind schedule / mean score before → after (慢序时社区（上期 →
    本期） 11 → 9), and how many problems are new, fixed and still open."""
    if result.baseline is None:
        return []
    change = result.baseline.summary_change()
    out = [Fact(t("baseline_as_of", lang), result.baseline.as_of or "")]
    # The totals below are over each run's own communities: when the sets differ, say so beside them
    # (6 → 2 compliant when 6 baseline communities are simply not in this run reads as a collapse).
    info = result.baseline.info()
    for key, label in (("not_in_this_run", "baseline_not_in_run"), ("not_in_baseline", "not_in_baseline_n")):
        if info[key]:
            out.append(Fact(t(label, lang), info[key]))
    for name, label in (("compliant", "compliant"), ("behind_schedule", "behind_schedule_n"),
                        ("mean_score", "mean_score")):
        before, after = change[name]["before"], change[name]["after"]
        out.append(Fact(phrase("change_of", lang, what=t(label, lang)), f"{fmt_cell(before)} → {fmt_cell(after)}"))
    counts = {state: 0 for state in GAP_STATES}
    for gap in result.baseline.gaps():
        counts[gap.state] += 1
    out += [Fact(t(f"gaps_heading.{state}", lang), counts[state]) for state in GAP_STATES]
    return out
