"""Cell values as evidence against a header mapping: a column whose values contradict its field is not used.

The header matcher reads wording only. Column-type annotation work (SemTab; Sherlock) adds the cells: a
column the header calls 综合服务设施 (yes/no) but that holds 400, 520, 380 is the facility's *area*, and a
column the header calls 户数 but that holds community names is not a count. Used as a veto only — values
never *choose* a field (a number column fits every count) — so it can turn a confident wrong mapping into an
honest ``unassessed``, never the reverse.

A mapping is doubted when, among at least :data:`MIN_CELLS` non-blank kept cells (up to
:data:`SAMPLE_ROWS` rows, evenly spaced), more than half contradict
its field: for a yes/no field a number other than 0 or 1; for a count, number or percentage a text that
does not read as one (``parse_cell`` says invalid). An office's own mapping (``--map``, ``--mapping``,
``columns:``) is never doubted: the user decided.
"""

from __future__ import annotations

from dataclasses import dataclass

from creatio_cli.ledger.header import Band
from creatio_cli.ledger.normalize import parse_cell
from creatio_cli.ledger.reader import RawSheet
from creatio_cli.ledger.rows import letter_index
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_INVALID

#: Fewer non-blank cells than this say too little to overrule a header.
MIN_CELLS = 3
#: Rows looked at, evenly spaced over the kept rows: a 100,000-row sheet is judged as fast as a small one.
SAMPLE_ROWS = 256
_NUMERIC = ("count", "number", "percent")


@dataclass(frozen=True)
class Doubt:
    """A mapped column whose values contradict its field: not used; its indicators are unassessed."""

    field: str
    letter: str
    header: str
    score: float
    odd: int  # cells that contradict the field
    total: int  # non-blank cells looked at
    kind: str  # the field's type (yesno / count / number / percent)


def doubted_columns(raw: RawSheet, band: Band, kept: tuple[int, ...] | list[int], standard: Standard) -> tuple[Doubt, ...]:
    """The matcher's mappings in ``band`` whose kept cells contradict their field (see the module doc)."""
    step = -(-len(kept) // SAMPLE_ROWS) or 1
    sample = kept[::step]
    out = []
    for m in band.mapping:
        if m.reasons and m.reasons[0].code == "why.mapped":
            continue
        kind = standard.fields[m.field].type
        if kind != "yesno" and kind not in _NUMERIC:
            continue
        col = letter_index(m.letter)
        odd = total = 0
        for r in sample:
            row = raw.rows[r]
            cell = row[col] if col < len(row) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            total += 1
            odd += _contradicts(cell, kind)
        if total >= MIN_CELLS and 2 * odd > total:
            out.append(Doubt(m.field, m.letter, m.header, m.score, odd, total, kind))
    return tuple(out)


def _contradicts(cell: object, kind: str) -> bool:
    if kind == "yesno":
        return type(cell) in (int, float) and cell == cell and cell not in (0, 1)
    return isinstance(cell, str) and parse_cell(cell, kind).state == CELL_INVALID
