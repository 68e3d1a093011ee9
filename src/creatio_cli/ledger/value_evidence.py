"""Cell values as evidence against a header mapping: a column whose values contradict a field is not it.

The header matcher reads wording only. Column-type annotation work (SemTab; Sherlock) adds the cells: a
column the header calls 综合服务设施 (yes/no) but that holds 400, 520, 380 is the facility's *area*, and a
column the header calls 户数 but that holds community names is not a count. Used as a veto only — values
never *choose* a field (a number column fits every count) — so it can turn a confident wrong mapping into an
honest ``unassessed``, never the reverse. Vetoes are applied *before* the columns are assigned: of two
columns headed alike (文化活动室 beside （1）文化室 under 设施项目个数), the one whose cells are counts, not
yes/no, drops out, and the other is judged on its own (threshold and margin as always).

A candidate is refuted when, among at least :data:`MIN_CELLS` non-blank kept cells (up to
:data:`SAMPLE_ROWS` rows, evenly spaced), more than half contradict its field: for a yes/no field a number
other than 0 or 1; for a count, number or percentage a text that does not read as one (``parse_cell`` says
invalid). An office's own mapping (``--map``, ``--mapping``, ``columns:``) is never doubted: the user decided.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from creatio_cli.ledger.header import Band, column_letter
from creatio_cli.ledger.matcher import MARGIN, THRESHOLD
from creatio_cli.ledger.normalize import display_text, parse_cell
from creatio_cli.ledger.reader import RawSheet
from creatio_cli.ledger.rows import letter_index
from creatio_cli.messages import Message, msg
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_INVALID

#: Fewer non-blank cells than this say too little to overrule a header.
MIN_CELLS = 3
#: Rows looked at, evenly spaced over the kept rows: a 100,000-row sheet is judged as fast as a small one.
SAMPLE_ROWS = 256
_NUMERIC = ("count", "number", "percent")


@dataclass(frozen=True)
class Doubt:
    """A column the header made a field's (chosen, or one of an ambiguous pair) whose values contradict
    that field: not used for it."""

    field: str
    letter: str
    header: str
    score: float
    odd: int  # cells that contradict the field
    total: int  # non-blank cells looked at
    kind: str  # the field's type (yesno / count / number / percent)


def refuted_candidates(raw: RawSheet, band: Band, kept: tuple[int, ...] | list[int],
                       standard: Standard) -> dict[tuple[int, str], Doubt]:
    """(column, field) → Doubt for every candidate close enough to matter (score ≥ threshold − margin)
    whose kept cells contradict the field. A column an office mapped itself is left alone."""
    mine = {letter_index(m.letter) for m in band.mapping if m.reasons and m.reasons[0].code == "why.mapped"}
    out: dict[tuple[int, str], Doubt] = {}
    tallies: dict[tuple[int, str], tuple[int, int]] = {}  # (column, kind) → (odd, total), judged once
    for col, candidates in enumerate(band.candidates):
        if col in mine:
            continue
        for cand in candidates:
            kind = standard.fields[cand.field].type
            if cand.score < THRESHOLD - MARGIN or (kind != "yesno" and kind not in _NUMERIC):
                continue
            key = (col, kind)
            if key not in tallies:
                tallies[key] = _tally(raw, col, kept, kind)
            odd, total = tallies[key]
            if total >= MIN_CELLS and 2 * odd > total:
                out[col, cand.field] = Doubt(cand.field, column_letter(col), band.headers[col], cand.score, odd,
                                             total, kind)
    return out


def refutation(kind: str, odd: int, total: int) -> Message:
    """Why cells refute a field of type ``kind``: the veto's reason beside the column, and part of a warning."""
    code = "why.values_not_yesno" if kind == "yesno" else "why.values_not_number"
    return msg(code, odd=odd, total=total)


_BARE_NUMBER = re.compile(r"\s*[+-]?(\d[\d,]*(\.\d*)?|\.\d+)\s*")


def sample_cells(raw: RawSheet, col: int, kept: Sequence[int]) -> list[object]:
    """The non-blank cells of column ``col`` (as read) over up to :data:`SAMPLE_ROWS` evenly spaced kept rows:
    what the vetoes, the community-name check and the checks of an office's own mapping look at."""
    step = -(-len(kept) // SAMPLE_ROWS) or 1
    out: list[object] = []
    for r in kept[::step]:
        row = raw.rows[r]
        cell = row[col] if col < len(row) else None
        if display_text(cell) is not None:
            out.append(cell)
    return out


def numeric_names(raw: RawSheet, col: int, kept: tuple[int, ...] | list[int]) -> tuple[int, int, list[str]]:
    """The community column's cells that are bare numbers: (how many, non-blank cells looked at, the first
    few as written). 2580, 2843 … are a count (户数 mapped as the community), never the names a report,
    a ranking and a notice are addressed to; 1号社区 is a name."""
    cells = sample_cells(raw, col, kept)
    numbers = [text for cell in cells if (text := display_text(cell)) is not None
               and ((type(cell) in (int, float) and not isinstance(cell, bool)) or _BARE_NUMBER.fullmatch(text))]
    return len(numbers), len(cells), numbers[:3]


def _tally(raw: RawSheet, col: int, kept: Sequence[int], kind: str) -> tuple[int, int]:
    cells = sample_cells(raw, col, kept)
    return sum(_contradicts(cell, kind) for cell in cells), len(cells)


def _contradicts(cell: object, kind: str) -> bool:
    if kind == "yesno":
        return type(cell) in (int, float) and cell == cell and cell not in (0, 1)
    return isinstance(cell, str) and parse_cell(cell, kind).state == CELL_INVALID
