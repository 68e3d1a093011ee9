"""check(ledger, standard, as_of) → CheckResult. Pure: no I/O, no clock, no printing.

Every rule runs once over whole columns (numpy masks); only findings that are not met are turned
into Python objects (all of them with ``all_findings``), so the cost stays close to reading.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date

import numpy as np

from creatio_cli import __version__
from creatio_cli.ledger.load import KEY_FIELDS
from creatio_cli.ledger.model import Ledger
from creatio_cli.results import (
    Campaign,
    CheckResult,
    CommunityResult,
    FileStatus,
    Finding,
    IndicatorSummary,
    Source,
    StandardRef,
    Summary,
    Warning,
)
from creatio_cli.rules.base import (
    CELL_OK,
    INVALID,
    MET,
    MISSING,
    NOT_APPLICABLE,
    SHORTFALL,
    STATUS_NAMES,
    WAIVED,
    Columns,
)
from creatio_cli.schedule import expected_progress, is_overdue
from creatio_cli.scoring import applicable_points, earned_points, grade_for
from creatio_cli.standards.model import Condition, Standard

_NUMERIC = ("number", "percent", "count", "yesno")
_PROBLEMS = (SHORTFALL, MISSING, INVALID)


def check(
    ledger: Ledger,
    standard: Standard,
    as_of: date,
    campaign: Campaign,
    *,
    lang: str = "zh",
    all_findings: bool = False,
    files: list[FileStatus] | None = None,
) -> CheckResult:
    """Validate every community of ``ledger`` against ``standard`` at ``as_of``."""
    frame = ledger.frame
    progress = expected_progress(campaign, as_of)
    keys, keep, dup_warnings = _identities(ledger)
    cols = _columns(ledger, standard, keep, progress)
    n = int(keep.sum())
    rows_file = frame["_file"].to_numpy()[keep]
    rows_sheet = frame["_sheet"].to_numpy()[keep]
    rows_row = frame["_row"].to_numpy()[keep]
    letters = ledger.cell_letters()
    raw_of = {name: frame[f"{name}.raw"].to_numpy()[keep] for name in standard.used_fields()
              if f"{name}.raw" in frame}
    derived = cols.values.pop("_derived", {})

    score = np.zeros(n)
    max_score = np.zeros(n)
    met_count = np.zeros(n, dtype=int)
    total_count = np.zeros(n, dtype=int)
    per_row: list[list[Finding]] = [[] for _ in range(n)]
    summaries = []
    waived = _waiver_mask(standard, keys, keep)
    for ind in standard.indicators:
        outcome = ind.rule.evaluate(cols)
        status = outcome.status.copy()
        if ind.applies_when is not None:
            status[~_condition(ind.applies_when, cols)] = NOT_APPLICABLE
        if ind.id in waived:
            status[waived[ind.id]] = WAIVED
        score += earned_points(ind, outcome, status, standard.scoring.credit)
        applicable = applicable_points(ind, status)
        max_score += applicable
        counted = (status != NOT_APPLICABLE) & (status != WAIVED)
        total_count += counted
        met_count += status == MET
        counts = np.bincount(status, minlength=len(STATUS_NAMES))
        summaries.append(IndicatorSummary(ind.id, ind.title.get(lang), *map(int, counts)))

        wanted = np.ones(n, dtype=bool) if all_findings else np.isin(status, _PROBLEMS)
        unit = standard.fields[next(iter(ind.rule.fields()))].unit
        basis = ind.basis.cite()
        title, category = ind.title.get(lang), ind.category.get(lang)
        overdue_possible = is_overdue(ind.deadline, as_of)
        earned = earned_points(ind, outcome, status, standard.scoring.credit)
        for i in np.flatnonzero(wanted):
            st = int(status[i])
            cite = outcome.field[i]
            if cite in derived and derived[cite][i]:
                cite = standard.fields[cite].derive_from[0]
            letter = letters.get((rows_file[i], rows_sheet[i]), {}).get(cite)
            actual, required, gap = _numbers(outcome, i, st)
            per_row[i].append(Finding(
                indicator=ind.id, title=title, category=category, status=STATUS_NAMES[st],
                actual=actual, required=required, gap=gap, unit=None if outcome.boolean else unit,
                points=ind.points, points_lost=_round(applicable[i] - earned[i]),
                cell=f"{letter}{rows_row[i]}" if letter else None,
                raw=raw_of[cite][i] if cite in raw_of else None,
                department=ind.department, basis=basis, deadline=ind.deadline,
                overdue=overdue_possible and st in _PROBLEMS,
            ))

    communities = []
    for i in range(n):
        completion = float(score[i] / max_score[i]) if max_score[i] > 0 else 1.0
        district, street, community = keys[i]
        communities.append(CommunityResult(
            community=community, street=street, district=district,
            source=Source(str(rows_file[i]), str(rows_sheet[i]), int(rows_row[i])),
            score=_round(score[i]), max_score=_round(max_score[i]), completion=completion,
            expected_progress=progress, behind_schedule=completion < progress,
            grade=grade_for(standard, completion, lang),
            indicators_met=int(met_count[i]), indicators_total=int(total_count[i]),
            findings=tuple(per_row[i]),
        ))
    compliant = sum(c.compliant for c in communities)
    summary = Summary(
        communities=n, compliant=compliant, with_shortfalls=n - compliant,
        behind_schedule=sum(c.behind_schedule for c in communities), by_indicator=tuple(summaries),
    )
    if files is None:
        files = _file_statuses(ledger, rows_file)
    return CheckResult(
        tool_version=__version__,
        standard=StandardRef(standard.id, standard.title.get(lang), standard.version),
        as_of=as_of, campaign=campaign, expected_progress=progress,
        files=tuple(files), communities=tuple(communities), summary=summary,
        warnings=tuple(ledger.warnings) + tuple(dup_warnings),
    )


def _identities(ledger: Ledger) -> tuple[list[tuple[str, str, str]], np.ndarray, list[Warning]]:
    """(district, street, community) per row, trimmed; later duplicates are dropped with a warning."""
    frame = ledger.frame
    parts = []
    for name in KEY_FIELDS:
        if name in frame:
            parts.append([" ".join(str(v).split()) if v is not None else "" for v in frame[name].to_numpy()])
        else:
            parts.append([""] * len(frame))
    keys_all = list(zip(*parts, strict=True))
    seen: dict[tuple[str, str, str], int] = {}
    keep = np.ones(len(frame), dtype=bool)
    warnings = []
    files, sheets, rows = frame["_file"].to_numpy(), frame["_sheet"].to_numpy(), frame["_row"].to_numpy()
    for i, key in enumerate(keys_all):
        if key in seen:
            keep[i] = False
            j = seen[key]
            warnings.append(Warning(str(files[i]), str(sheets[i]), None,
                                    f"duplicate community {'/'.join(k for k in key if k)} (row {rows[i]}); "
                                    f"checked once, from {files[j]} row {rows[j]}"))
        else:
            seen[key] = i
    return [k for k, kept in zip(keys_all, keep, strict=True) if kept], keep, warnings


def _columns(ledger: Ledger, standard: Standard, keep: np.ndarray, progress: float) -> Columns:
    frame = ledger.frame
    values: dict = {}
    states: dict = {}
    derived: dict[str, np.ndarray] = {}
    for name in standard.used_fields():
        if name not in frame:
            continue
        spec = standard.fields[name]
        values[name] = frame[name].to_numpy()[keep]
        if spec.type in _NUMERIC:
            values[name] = values[name].astype(float)
        states[name] = frame[f"{name}.state"].to_numpy()[keep].astype(np.int8)
    for name in standard.used_fields():
        spec = standard.fields[name]
        if not spec.derive_from:
            continue
        num, den = spec.derive_from
        if num not in values or den not in values:
            continue
        n = int(keep.sum())
        own_state = states.get(name, np.full(n, 1, dtype=np.int8))
        own_value = values.get(name, np.full(n, np.nan))
        # The share is computed from the count only where its own cell is blank.
        use = (own_state == 1) & (states[num] == CELL_OK) & (states[den] == CELL_OK) & (values[den] > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = 100.0 * values[num] / values[den]
        values[name] = np.where(use, share, own_value)
        merged = own_state.copy()
        merged[use] = CELL_OK
        # Where neither is usable, report the count's state (it says why the share is unknown).
        blank = (own_state == 1) & ~use
        merged[blank] = np.maximum(states[num][blank], states[den][blank])
        states[name] = merged
        derived[name] = use | blank
    values["_derived"] = derived
    return Columns(values=values, states=states, rows=int(keep.sum()), expected_progress=progress)


def _condition(cond: Condition, cols: Columns) -> np.ndarray:
    """Rows where ``applies_when`` holds; rows whose value is unknown keep the indicator (conservative)."""
    value = cols.value(cond.field)
    known = cols.state(cond.field) == CELL_OK
    target = cond.value
    if cond.op in ("in", "not_in"):
        options = target if isinstance(target, list) else [target]
        hit = np.isin(value, options)
        result = hit if cond.op == "in" else ~hit
    else:
        ops = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less,
               "==": np.equal, "!=": np.not_equal}
        result = ops[cond.op](value, target)
    return np.where(known, result, True).astype(bool)


def _waiver_mask(standard: Standard, keys: list[tuple[str, str, str]], keep: np.ndarray) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for waiver in standard.waivers:
        mask = np.array([
            k[2] == waiver.community and waiver.street in (None, k[1]) and waiver.district in (None, k[0])
            for k in keys
        ], dtype=bool)
        for ind_id in waiver.indicators:
            out[ind_id] = out.get(ind_id, np.zeros(len(keys), dtype=bool)) | mask
    return out


def _numbers(outcome, i: int, status: int) -> tuple:
    required = outcome.required[i]
    if outcome.boolean:
        req = bool(required == 1.0)
        if status in (MISSING, INVALID, NOT_APPLICABLE):
            return None, req, None
        return bool(outcome.actual[i] == 1.0), req, None
    req_value = _round(required) if math.isfinite(required) else None
    if status in (MISSING, INVALID, NOT_APPLICABLE):
        return None, req_value, None
    gap = outcome.gap[i]
    return _round(outcome.actual[i]), req_value, _round(gap) if math.isfinite(gap) else None


def _round(value: float) -> float:
    return round(float(value), 4) + 0.0


def _file_statuses(ledger: Ledger, rows_file: np.ndarray) -> list[FileStatus]:
    counts = Counter(rows_file.tolist())
    out = []
    for path in ledger.files:
        sheets = tuple(s.sheet for s in ledger.sheets if s.file == path and s.role == "ledger")
        out.append(FileStatus(path, sheets, "ok", None, counts.get(path, 0)))
    return out
