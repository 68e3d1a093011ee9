"""Findings built column-wise: one indicator's non-met rows → Finding objects, numpy until the last step.

Every field of a Finding (status name, actual/required/gap, cell reference, raw text, points lost) is
computed for all wanted rows at once and converted with ``tolist()``; only the final constructor call
runs per row. On 100k rows this took ``engine.check`` from 1.6 s to 0.7 s (bench/README.md).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from creatio_cli.ledger.normalize import display_text
from creatio_cli.messages import Message
from creatio_cli.results import Finding
from creatio_cli.rules.base import Outcome
from creatio_cli.schedule import is_overdue
from creatio_cli.scoring import round_half_even
from creatio_cli.standards.model import Indicator, Standard, Text
from creatio_cli.standards.wording import wording
from creatio_cli.status import INVALID, MET, MISSING, NOT_APPLICABLE, SHORTFALL, STATUS_BY_CODE

_STATUS_OBJECTS = np.array([str(s) for s in STATUS_BY_CODE], dtype=object)
#: "No value" for np.where: an object array holding None (numpy's stubs take arrays there, not None).
_NONE = np.array(None, dtype=object)


def add_findings(ind: Indicator, standard: Standard, outcome: Outcome, status: np.ndarray, wanted: np.ndarray,
                 lost: np.ndarray, is_problem: np.ndarray, derived: dict[str, np.ndarray], raw_of: dict,
                 reason_of: dict, cells: CellRefs, per_row: list[list[Finding]], as_of: date,
                 title: Text | None = None, bounded_rows: dict[str, np.ndarray] | None = None,
                 approximate_rows: dict[str, np.ndarray] | None = None) -> None:
    """Append one Finding per ``wanted`` row of one indicator; every field is built column-wise.

    ``title``: the indicator's title with its rule's numbers filled in (``Standard.heading``);
    ``bounded_rows``: per field, the rows whose cell is only a lower bound (``bounds.Bounds.rows``), named on the
    met and shortfall findings they feed (``Finding.bounded``); ``approximate_rows`` the same for approximate
    cells (``Finding.approximate``).
    """
    st = status[wanted]
    cite = outcome.field[wanted]
    rule_fields = cite.tolist()  # before a derived share is traced to its count: the field the rule read
    for name, source in derived.items():
        # A derived share (volunteer_share) cites the cell it was computed from (count or population).
        hit = (cite == name) & (source[wanted] != None)  # noqa: E711 (element-wise on an object array)
        cite[hit] = source[wanted][hit]
    actual, required, gap = _numbers(outcome, wanted, st)
    raw = np.full(len(wanted), None, dtype=object)
    reason = np.full(len(wanted), None, dtype=object)
    for name in set(cite.tolist()):
        hit = cite == name
        if name in raw_of:
            raw[hit] = raw_of[name][wanted[hit]]
        if name in reason_of:
            reason[hit] = reason_of[name][wanted[hit]]
    if outcome.reason is not None:  # the rule's own reason (a basis of 0) over the cell's
        own = outcome.reason[wanted]
        has = own != None  # noqa: E711 (element-wise on an object array)
        reason[has] = own[has]
    reason[st != INVALID] = None  # a reason explains an invalid cell only
    unit = None if outcome.boolean else standard.fields[next(iter(ind.rule.fields()))].unit
    overdue = (is_problem[wanted] & is_overdue(ind.deadline, as_of)).tolist()
    lost_points = round_half_even(lost[wanted], 4).tolist()
    names = _STATUS_OBJECTS[st].tolist()
    title = title if title is not None else standard.heading(ind)
    category, basis, confidence = ind.category, ind.basis.cite(), ind.basis.confidence
    ind_id, points, department, deadline = ind.id, ind.points, ind.department, ind.deadline
    said = wording(ind, standard.fields)
    # display_text is idempotent on text, so the ledger may also keep the cells as read (see bench/README.md).
    texts = [None if v is None else display_text(v) for v in raw.tolist()]
    bounded = _bounded(ind, standard, st, wanted, bounded_rows, raw_of, cells)
    about = _bounded(ind, standard, st, wanted, approximate_rows, raw_of, cells)
    mains = {read: next(iter(ind.rule.part_for(read).fields()), read) for read in set(rule_fields)}
    basis_fields = [None if c == mains[read] else standard.fields[c].title.get("zh") if c in standard.fields else c
                    for c, read in zip(cite.tolist(), rule_fields, strict=True)]
    for i, name, a, r, g, pl, cell, text, late, why, read, low, source, near in zip(
            wanted.tolist(), names, actual, required, gap, lost_points, cells.refs(wanted, cite),
            texts, overdue, reason.tolist(), rule_fields, bounded, basis_fields, about, strict=True):
        # A reason is a catalogue code, or a Message when it names the row's figures (shares.py).
        code, params = (why.code, why.params) if isinstance(why, Message) else (why, None)
        per_row[i].append(Finding(ind_id, title, category, name, a, r, g, unit, points, pl, cell, text,
                                  department, basis, deadline, late, code, confidence, read, said, low, source,
                                  params, approximate=near))


def _bounded(ind: Indicator, standard: Standard, status: np.ndarray, wanted: np.ndarray,
             rows: dict[str, np.ndarray] | None, raw_of: dict, cells: CellRefs) -> list[tuple[tuple[str, str, str | None, str | None], ...]]:
    """Per wanted row, the rule's lower-bound inputs of a met or shortfall verdict: (field the rule reads,
    title of the cell's field — a derived share's count —, cell, raw). Empty tuples when the ledger has none."""
    out: list[tuple[tuple[str, str, str | None, str | None], ...]] = [()] * len(wanted)
    if not rows:
        return out
    decided = np.isin(status, (MET, SHORTFALL))
    for name in dict.fromkeys(ind.rule.fields()):
        if name not in rows:
            continue
        hit = decided & rows[name][wanted]
        if not hit.any():
            continue
        spec = standard.fields.get(name)
        source = spec.derive_from[0] if spec is not None and spec.derive_from else name
        title = standard.fields[source].title.get("zh") if source in standard.fields else source
        refs = cells.refs(wanted, np.full(len(wanted), source, dtype=object))
        raws = raw_of[source][wanted].tolist() if source in raw_of else [None] * len(wanted)
        for k in np.flatnonzero(hit).tolist():
            raw = raws[k]
            out[k] = (*out[k], (name, title, refs[k], None if raw is None else display_text(raw)))
    return out


class CellRefs:
    """Cell references (``F7``) for rows and cited fields; letters depend on each row's file and sheet."""

    def __init__(self, letters: dict[tuple[str, str], dict[str, str]], files: np.ndarray, sheets: np.ndarray,
                 rows: np.ndarray) -> None:
        self.rows = rows
        if len(files) and (files == files[0]).all() and (sheets == sheets[0]).all():
            self.tables = [letters.get((files[0], sheets[0]), {})]
            self.group = np.zeros(len(files), dtype=np.intp)
        else:
            index: dict[tuple, int] = {}
            group = [index.setdefault(key, len(index)) for key in zip(files.tolist(), sheets.tolist(), strict=True)]
            self.tables = [letters.get(key, {}) for key in index]
            self.group = np.asarray(group, dtype=np.intp)

    def refs(self, wanted: np.ndarray, cite: np.ndarray) -> list[str | None]:
        """``letter + row`` per wanted row, or None where the cited field has no column."""
        letter = np.full(len(wanted), None, dtype=object)
        group = self.group[wanted]
        for name in set(cite.tolist()):
            hit = cite == name
            for g, table in enumerate(self.tables):
                if table.get(name):
                    letter[hit & (group == g)] = table[name]
        return [f"{col}{row}" if col else None for col, row in zip(letter.tolist(), self.rows[wanted].tolist(),
                                                                     strict=True)]


def _numbers(outcome: Outcome, wanted: np.ndarray, status: np.ndarray) -> tuple[list, list, list]:
    """actual, required and gap of the wanted rows as JSON-ready values (None where unknown)."""
    unknown = np.isin(status, (MISSING, INVALID, NOT_APPLICABLE))
    required = outcome.required[wanted]
    if outcome.boolean:
        actual = np.where(unknown, _NONE, outcome.actual[wanted] == 1.0)
        return actual.tolist(), (required == 1.0).tolist(), [None] * len(wanted)
    req = np.where(np.isfinite(required), round_half_even(required, 4), _NONE)
    act = np.where(unknown, _NONE, round_half_even(outcome.actual[wanted], 4))
    gap = outcome.gap[wanted]
    gap = np.where(~unknown & np.isfinite(gap), round_half_even(gap, 4), _NONE)
    return act.tolist(), req.tolist(), gap.tolist()
