"""check(ledger, standard, as_of) → CheckResult. Pure: no I/O, no clock, no printing.

Every rule runs once over whole columns (numpy masks); only findings that are not met are turned
into Python objects (all of them with ``all_findings``), so the cost stays close to reading.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from creatio_cli import __version__
from creatio_cli.bounds import Bounds, decided, find_bounds
from creatio_cli.findings import CellRefs, add_findings
from creatio_cli.ledger.model import Ledger
from creatio_cli.ledger.normalize import display_text
from creatio_cli.ledger.rows import KEY_FIELDS
from creatio_cli.messages import msg
from creatio_cli.results import (
    Campaign,
    Candidate,
    CheckResult,
    CommunityResult,
    FileStatus,
    Finding,
    IndicatorSummary,
    Source,
    StandardRef,
    StatusMatrix,
    Summary,
    UnassessedIndicator,
    Warning,
    mark_other_dates,
)
from creatio_cli.rules.base import BASIS_ZERO, Columns
from creatio_cli.schedule import expected_progress
from creatio_cli.scoring import applicable_points, earned_points, grades_for, round_half_even
from creatio_cli.shares import contradicting_shares
from creatio_cli.standards.model import Condition, Indicator, Standard
from creatio_cli.status import (
    CELL_INVALID,
    CELL_MISSING,
    CELL_OK,
    CELL_UNMAPPED,
    INVALID,
    MET,
    MISSING,
    NOT_APPLICABLE,
    PROBLEM_CODES,
    SHORTFALL,
    STATUS_BY_CODE,
    UNASSESSED,
    WAIVED,
)

if TYPE_CHECKING:
    import pandas as pd

_NUMERIC = ("number", "percent", "count", "yesno")


def check(
    ledger: Ledger,
    standard: Standard,
    as_of: date,
    campaign: Campaign,
    *,
    all_findings: bool = False,
    files: list[FileStatus] | None = None,
) -> CheckResult:
    """Validate every community of ``ledger`` against ``standard`` at ``as_of``; the result holds no
    language (titles and grades stay bilingual, warnings are catalogue messages)."""
    with _gc_paused():
        return _check(ledger, standard, as_of, campaign, all_findings, files)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while the result objects are built.

    A check builds hundreds of thousands of frozen, acyclic values (a Finding per shortfall, a
    CommunityResult per row); each 700 allocations would trigger a collection that can free none of
    them, which cost ~40 % of ``check`` on 100k rows. The previous state is restored on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check(ledger: Ledger, standard: Standard, as_of: date, campaign: Campaign, all_findings: bool,
           files: list[FileStatus] | None) -> CheckResult:
    frame = ledger.frame
    progress = expected_progress(campaign, as_of)
    keys, keep, dup_warnings = _identities(ledger, standard, as_of)
    cols, derived = _columns(ledger, standard, keep, progress)
    n = int(keep.sum())
    rows_file = frame["_file"].to_numpy()[keep]
    rows_sheet = frame["_sheet"].to_numpy()[keep]
    rows_row = frame["_row"].to_numpy()[keep]
    cells = CellRefs(ledger.cell_letters(), rows_file, rows_sheet, rows_row)
    raw_of = {name: frame[f"{name}.raw"].to_numpy()[keep] for name in standard.used_fields()
              if f"{name}.raw" in frame}
    reason_of = {name: frame[f"{name}.reason"].to_numpy()[keep] for name in standard.used_fields()
                 if f"{name}.reason" in frame}
    _zero_denominators(standard, cols, reason_of)
    # A share cell as written (not computed by _columns) is checked against its row's count ÷ population.
    share_warnings = contradicting_shares(
        standard, cols, {name: frame[f"{name}.state"].to_numpy()[keep] == CELL_OK
                         for name, spec in standard.fields.items() if spec.derive_from and f"{name}.state" in frame},
        reason_of, rows_file, rows_sheet, rows_row)

    score = np.zeros(n)
    max_score = np.zeros(n)
    met_count = np.zeros(n, dtype=int)
    total_count = np.zeros(n, dtype=int)
    assessed_count = np.zeros(n, dtype=int)
    unassessed: list[UnassessedIndicator] = []
    problem = np.zeros(n, dtype=bool)
    per_row: list[list[Finding]] = [[] for _ in range(n)]
    summaries = []
    verdicts: list[np.ndarray] = []  # each indicator's final status codes (the StatusMatrix)
    waived = _waiver_mask(standard, keys)
    bounds = find_bounds(cols, standard, reason_of, raw_of,
                         {name: spec.derive_from for name, spec in standard.fields.items() if spec.derive_from})
    for ind in standard.indicators:
        outcome = decided(ind.rule, ind.rule.evaluate(cols), bounds)
        status = outcome.status.copy()
        if ind.applies_when is not None:
            status[~_condition(ind.applies_when, cols)] = NOT_APPLICABLE
        if ind.id in waived:
            status[waived[ind.id]] = WAIVED
        verdicts.append(status)
        earned = earned_points(ind, outcome, status, standard.scoring.credit)
        score += earned
        applicable = applicable_points(ind, status)
        max_score += applicable
        counted = (status != NOT_APPLICABLE) & (status != WAIVED)
        total_count += counted
        assessed_count += counted & (status != UNASSESSED)
        met_count += status == MET
        counts = np.bincount(status, minlength=len(STATUS_BY_CODE))
        title = standard.heading(ind)  # the rule's numbers filled in: a tightened rule retitles itself
        c = counts.tolist()
        summaries.append(IndicatorSummary(
            ind.id, title, met=c[MET], shortfall=c[SHORTFALL], missing=c[MISSING], invalid=c[INVALID],
            not_applicable=c[NOT_APPLICABLE], waived=c[WAIVED], unassessed=c[UNASSESSED],
            basis_confidence=ind.basis.confidence))
        is_problem = np.isin(status, PROBLEM_CODES)
        problem |= is_problem
        if counts[UNASSESSED]:
            unassessed += _unassessed(ind, standard, status, cols, rows_file, ledger)
        # An unassessed indicator is a fact about the ledger, never a community's finding.
        wanted = np.flatnonzero(status != UNASSESSED) if all_findings else np.flatnonzero(is_problem)
        if len(wanted):
            add_findings(ind, standard, outcome, status, wanted, applicable - earned, is_problem,
                         derived, raw_of, reason_of, cells, per_row, as_of, title,
                         bounds.lower if bounds is not None else None,
                         _approximate_rows(bounds))

    # Per-community values as whole columns, then one object per community.
    scores = round_half_even(score, 4).tolist()
    max_scores = round_half_even(max_score, 4).tolist()
    with np.errstate(divide="ignore", invalid="ignore"):
        completion = np.where(max_score > 0, score / max_score, 1.0)
    behind = completion < progress
    grades = grades_for(standard, completion)
    partners, partner_read = _partners(frame, keep)
    communities = tuple(
        CommunityResult(community, street, district, Source(file, sheet, row), s, m, c, progress, b, g,
                        met, total, tuple(found), assessed, partner=p, partner_read=p_read)
        for (district, street, community), file, sheet, row, s, m, c, b, g, met, total, found, assessed, p, p_read
        in zip(keys, map(str, rows_file.tolist()), map(str, rows_sheet.tolist()), map(int, rows_row.tolist()),
               scores, max_scores, completion.tolist(), behind.tolist(), grades, met_count.tolist(),
               total_count.tolist(), per_row, assessed_count.tolist(), partners, partner_read, strict=True)
    )
    compliant = n - int(problem.sum())
    summary = Summary(
        communities=n, compliant=compliant, with_shortfalls=n - compliant,
        behind_schedule=int(behind.sum()), by_indicator=tuple(summaries),
    )
    if files is None:
        files = _file_statuses(ledger, rows_file)
    files = mark_other_dates(files, as_of)
    return CheckResult(
        tool_version=__version__,
        standard=StandardRef(standard.id, standard.title, standard.version, standard.basis_title),
        as_of=as_of, campaign=campaign, expected_progress=progress,
        files=tuple(files), communities=communities, summary=summary,
        warnings=(*standard_warnings(standard), *ledger.warnings, *dup_warnings, *share_warnings),
        unassessed=tuple(unassessed),
        statuses=StatusMatrix(tuple(ind.id for ind in standard.indicators),
                              np.stack(verdicts, axis=1).astype(np.int8) if verdicts
                              else np.zeros((n, 0), dtype=np.int8)),
    )


def standard_warnings(standard: Standard) -> list[Warning]:
    """What a person must know about the standard itself, once per run: titles that write a number their
    rule does not have, and ONE warning naming the indicators whose thresholds are placeholders
    (design.md, "Additions": placeholder is warned by check and score; low and local are only marked)."""
    from creatio_cli.standards.wording import title_problems

    out = [Warning(message, standard.source, key=key) for key, message in title_problems(standard)]
    placeholders = [ind for ind in standard.indicators if ind.basis.confidence == "placeholder"]
    if placeholders:
        out.append(Warning(msg("indicator.placeholder_thresholds", count=len(placeholders),
                               indicators=[ind.id for ind in placeholders],
                               titles=[standard.heading(ind) for ind in placeholders]),
                           standard.source, key="indicators"))
    return out


def _unassessed(ind: Indicator, standard: Standard, status: np.ndarray, cols: Columns, rows_file: np.ndarray,
                ledger: Ledger) -> list[UnassessedIndicator]:
    """The fields without a column that left ``ind`` unassessed, each with the files that have no column for it
    and the closest headers in those files ("did you mean", best first).

    A derived share with no column of its own is named by the count or population it could not be computed
    from, with that field's near headers (the warning names the same header): naming the share with "no
    similar column" hid the one column the user could map. The share itself is added only when some header
    is near it, since a share column would do as well."""
    out = []
    hit = status == UNASSESSED
    for name in dict.fromkeys(ind.rule.fields()):
        where = hit & (cols.state(name) == CELL_UNMAPPED)
        if not where.any():
            continue
        spec = standard.fields.get(name)
        parts = [(part, where & (cols.state(part) == CELL_UNMAPPED)) for part in (spec.derive_from or ())] \
            if spec is not None else []
        parts = [(part, rows) for part, rows in parts if rows.any()]
        own = _entry(ind, name, where, rows_file, ledger)
        out += [_entry(ind, part, rows, rows_file, ledger) for part, rows in parts]
        if not parts or own.candidates:
            out.append(own)
    return out


def _entry(ind: Indicator, name: str, where: np.ndarray, rows_file: np.ndarray, ledger: Ledger) -> UnassessedIndicator:
    """``ind`` unassessed for want of ``name`` in the files of the ``where`` rows, with its closest headers."""
    files = tuple(sorted({str(f) for f in rows_file[where].tolist()}))
    return UnassessedIndicator(ind.id, name, files, _closest(ledger, name, set(files)))


def _closest(ledger: Ledger, name: str, files: set[str], limit: int = 3) -> tuple[Candidate, ...]:
    """The headers the matcher found nearest to ``name`` in ``files`` (below the threshold, or tied),
    best first, one entry per header text (a batch of alike ledgers repeats the same headers)."""
    best: dict[tuple[str, str], float] = {}
    for sheet in ledger.sheets:
        if sheet.file not in files:
            continue
        for field_name, near in sheet.near:
            if field_name == name:
                for letter, header, score in near:
                    key = (header, letter)
                    best[key] = max(best.get(key, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0][1]))[:limit]
    out = [Candidate(header, letter, round(score, 2)) for (header, letter), score in ranked]
    # Then the columns only a look-alike word kept from the field, after every scored one.
    seen = {(c.header, c.column) for c in out}
    for sheet in ledger.sheets:
        if sheet.file in files:
            for letter, header, word in sheet.lookalikes(name):
                if (header, letter) not in seen and len(out) < limit:
                    seen.add((header, letter))
                    out.append(Candidate(header, letter, 0.0, word))
    return tuple(out)


def _identities(ledger: Ledger, standard: Standard,
                as_of: date | None = None) -> tuple[list[tuple[str, str, str]], np.ndarray, list[Warning]]:
    """(district, street, community) per row, trimmed; later duplicates are dropped with a warning.

    A community found in files of different dates (a folder holding June and September) is taken from the
    file dated ``as_of``: the run judges it at that date, and another period's cumulative figures would
    give confident wrong shortfalls. Duplicates in files of one date keep the first in path order.
    """
    frame = ledger.frame
    parts = [_trimmed(frame[name].tolist()) if name in frame else [""] * len(frame) for name in KEY_FIELDS]
    keys_all = list(zip(*parts, strict=True))
    if len(dict.fromkeys(keys_all)) == len(keys_all):  # the usual case: no duplicate
        return keys_all, np.ones(len(frame), dtype=bool), []
    files, sheets, rows = frame["_file"].to_numpy(), frame["_sheet"].to_numpy(), frame["_row"].to_numpy()
    dates = ledger.file_dates
    first: dict[tuple[str, str, str], int] = {}
    for i, key in enumerate(keys_all):
        j = first.setdefault(key, i)
        if j != i and as_of is not None and dates.get(str(files[i])) == as_of != dates.get(str(files[j])):
            first[key] = i  # the file of the run's date wins over an earlier file of another period
    keep = np.zeros(len(frame), dtype=bool)
    keep[list(first.values())] = True
    warnings = []
    letters = ledger.cell_letters()
    # A name merged over two lines (A5:A6) is the same key twice too; its warning names the range and the
    # figures of the dropped line that differ, so they are not lost without a word.
    merged = {(s.file, s.sheet, row): (where, differ) for s in ledger.sheets for row, where, differ in s.merged_names}
    for i in np.flatnonzero(~keep).tolist():
        key = keys_all[i]
        j = first[key]
        file, sheet, row = str(files[i]), str(sheets[i]), int(rows[i])
        letter = letters.get((file, sheet), {}).get("community")  # the duplicate's name cell, to find it
        params = {"key": "/".join(k for k in key if k), "file": file, "sheet": sheet, "row": row,
                  "first_file": str(files[j]), "first_sheet": str(sheets[j]), "first_row": int(rows[j])}
        where, differ = merged.get((file, sheet, row), (None, ()))
        if where is not None and (files[j], sheets[j]) == (file, sheet):
            titles = [standard.fields[name].title if name in standard.fields else name for name in differ]
            code = "row.merged_community_differs" if differ else "row.merged_community"
            warnings.append(Warning(msg(code, range=where, fields=titles, **params), file, sheet, where))
            continue
        own, kept = dates.get(file), dates.get(str(files[j]))
        if own is not None and kept is not None and own != kept:
            warnings.append(Warning(msg("row.duplicate_other_date", **params, date=own.isoformat(),
                                        first_date=kept.isoformat()), file, sheet,
                                    f"{letter}{row}" if letter else None))
            continue
        warnings.append(Warning(msg("row.duplicate_community", **params), file, sheet,
                                f"{letter}{row}" if letter else None))
    return [k for k, kept in zip(keys_all, keep.tolist(), strict=True) if kept], keep, warnings


#: A partner cell saying "none" (beside "/" and "—", which read as not applicable).
_NO_PARTNER = frozenset({"无", "暂无", "没有"})


def _partners(frame: pd.DataFrame, keep: np.ndarray) -> tuple[list[str | None], list[bool]]:
    """Per kept row: the partner unit cell as written (spaces collapsed; None when blank, "/", "无" or
    unreadable) and whether its sheet has a partner column at all."""
    n = int(keep.sum())
    if "partner" not in frame:
        return [None] * n, [False] * n
    states = frame["partner.state"].to_numpy()[keep]
    memo: dict[object, str | None] = {}  # a city's ledgers name a few dozen units: each distinct cell once

    def shown(raw: object) -> str | None:
        try:
            return memo[raw]
        except (KeyError, TypeError):
            text = " ".join((display_text(raw) or "").split())
            found = text if text and text not in _NO_PARTNER else None
            with suppress(TypeError):  # an unhashable cell value is not remembered
                memo[raw] = found
            return found

    partners = [shown(raw) if state == CELL_OK else None
                for raw, state in zip(frame["partner.raw"].to_numpy()[keep].tolist(), states.tolist(), strict=True)]
    return partners, (states != CELL_UNMAPPED).tolist()


def _trimmed(values: list) -> list[str]:
    """Each value as text with runs of spaces collapsed ('' for None); each distinct value trimmed once."""
    def trim(value: object) -> str:
        return "" if value is None else " ".join(str(value).split())

    try:
        memo = {value: trim(value) for value in dict.fromkeys(values)}
    except TypeError:  # an unhashable cell value: trim one by one
        return [trim(value) for value in values]
    return [memo[value] for value in values]


def _columns(ledger: Ledger, standard: Standard, keep: np.ndarray,
             progress: float) -> tuple[Columns, dict[str, np.ndarray]]:
    """The kept rows' values and cell states per field (shares derived from their counts where blank),
    and, per derived field, the field whose cell each row's finding cites."""
    frame = ledger.frame
    values: dict[str, np.ndarray] = {}
    states: dict[str, np.ndarray] = {}
    derived: dict[str, np.ndarray] = {}  # derived field → the field whose cell to cite, per row
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
        own_state = states.get(name, np.full(n, CELL_UNMAPPED, dtype=np.int8))
        own_value = values.get(name, np.full(n, np.nan))
        # The share is computed from the count only where its own cell is blank or its column absent.
        own_blank = (own_state == CELL_MISSING) | (own_state == CELL_UNMAPPED)
        use = own_blank & (states[num] == CELL_OK) & (states[den] == CELL_OK) & (values[den] > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = 100.0 * values[num] / values[den]
        values[name] = np.where(use, share, own_value)
        merged = own_state.copy()
        merged[use] = CELL_OK
        # Where the share cannot be computed, report why: the count's or the population's state, or
        # an unusable population (zero) as invalid; the finding then cites that cell.
        blank = own_blank & ~use
        den_bad = blank & (states[num] == CELL_OK) & ((states[den] != CELL_OK) | ~(values[den] > 0))
        merged[blank] = states[num][blank]
        merged[den_bad] = np.where(states[den][den_bad] == CELL_OK, CELL_INVALID, states[den][den_bad])
        # A count or population with no column is a fact about the sheet, not this row: it wins over any
        # cell's state, or an unreadable count (六百) would make one community's share invalid — a finding
        # worth points — while every other row of the sheet leaves the indicator unassessed.
        no_column = blank & ((states[num] == CELL_UNMAPPED) | (states[den] == CELL_UNMAPPED))
        merged[no_column] = CELL_UNMAPPED
        states[name] = merged
        cite = np.full(n, None, dtype=object)
        cite[use | blank] = num
        cite[den_bad] = den
        derived[name] = cite
    missing_columns = tuple(name for name in standard.used_fields()
                            if name not in states or (states[name] == CELL_UNMAPPED).any())
    return Columns(values=values, states=states, rows=int(keep.sum()), expected_progress=progress,
                   missing_columns=missing_columns), derived


def _zero_denominators(standard: Standard, cols: Columns, reason_of: dict[str, np.ndarray]) -> None:
    """A derived share whose denominator reads 0 (population 0) is invalid and cites that cell (``_columns``):
    say why (``cell.basis_zero``), as a per-household rule does for 0 households."""
    for spec in standard.fields.values():
        if not spec.derive_from or spec.derive_from[1] not in cols.values:
            continue
        den = spec.derive_from[1]
        zero = (cols.state(den) == CELL_OK) & (cols.value(den) == 0)
        if zero.any():
            reasons = reason_of[den].copy() if den in reason_of else np.full(cols.rows, None, dtype=object)
            reasons[zero & (reasons == None)] = BASIS_ZERO  # noqa: E711 (element-wise on an object array)
            reason_of[den] = reasons


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


def _waiver_mask(standard: Standard, keys: list[tuple[str, str, str]]) -> dict[str, np.ndarray]:
    """Indicator id → rows whose community an office excused from it (``waivers`` in the standard)."""
    out: dict[str, np.ndarray] = {}
    if not standard.waivers:
        return out
    district, street, community = (np.array(part, dtype=object) for part in zip(*keys, strict=True)) if keys \
        else (np.array([], dtype=object),) * 3
    for waiver in standard.waivers:
        mask = community == waiver.community
        if waiver.street is not None:
            mask &= street == waiver.street
        if waiver.district is not None:
            mask &= district == waiver.district
        for ind_id in waiver.indicators:
            out[ind_id] = out.get(ind_id, np.zeros(len(keys), dtype=bool)) | mask
    return out


def _file_statuses(ledger: Ledger, rows_file: np.ndarray) -> list[FileStatus]:
    counts = Counter(rows_file.tolist())
    out = []
    for path in ledger.files:
        sheets = tuple(s.sheet for s in ledger.sheets if s.file == path and s.role == "ledger")
        out.append(FileStatus(path, sheets, "ok", None, counts.get(path, 0), ledger.file_dates.get(path)))
    return out


def _approximate_rows(bounds: Bounds | None) -> dict[str, np.ndarray] | None:
    """Per field, the rows whose cell is approximate (“约6”): the uncertain rows that are no lower bound."""
    if bounds is None:
        return None
    return {name: rows & ~bounds.lower.get(name, False) for name, rows in bounds.rows.items()}
