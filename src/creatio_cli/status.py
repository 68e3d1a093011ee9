"""The one vocabulary of verdicts: every indicator of every community ends in exactly one Status.

``Status`` values are the JSON report's strings (design.md: ``status`` ∈ met, shortfall, missing,
invalid, not_applicable, waived, unassessed); being a ``StrEnum`` they compare equal to those strings.
Rules work on whole columns, so each status also has a small integer ``code`` used in numpy arrays;
``Status.from_code`` and ``STATUS_BY_CODE`` turn codes back into statuses.

- met — the indicator is reached;
- shortfall — the value is readable and falls short;
- missing — the column exists and this community's cell is blank;
- invalid — the cell cannot be read as the field's type (``二百``, ``#REF!``, ``-200`` for an area);
- not_applicable — ``/`` or ``—`` in the cell of a field that may be not applicable (never the basis of a
  rule: ``FieldSpec.allow_not_applicable``), or the indicator's ``applies_when`` excludes the community;
- waived — an office excused the community from the indicator (``waivers`` in the standard);
- unassessed — the ledger has no usable column for a field the indicator needs. A ledger-level fact, not
  the community's: never a finding, earns nothing and leaves ``max_score``.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Status(StrEnum):
    MET = "met"
    SHORTFALL = "shortfall"
    MISSING = "missing"
    INVALID = "invalid"
    NOT_APPLICABLE = "not_applicable"
    WAIVED = "waived"
    UNASSESSED = "unassessed"

    @property
    def code(self) -> int:
        """The integer used for this status in numpy arrays (its position in declaration order)."""
        return _CODES[self]

    @property
    def is_problem(self) -> bool:
        """A community's finding that makes it non-compliant: shortfall, missing or invalid."""
        return self in PROBLEMS

    @classmethod
    def from_code(cls, code: int) -> Status:
        return STATUS_BY_CODE[code]


STATUS_BY_CODE: tuple[Status, ...] = tuple(Status)
_CODES: dict[Status, int] = {status: code for code, status in enumerate(STATUS_BY_CODE)}

#: The statuses that are a community's findings and make it non-compliant.
PROBLEMS: frozenset[Status] = frozenset({Status.SHORTFALL, Status.MISSING, Status.INVALID})
#: The statuses that leave an indicator out of ``max_score``.
NOT_SCORED: frozenset[Status] = frozenset({Status.NOT_APPLICABLE, Status.WAIVED, Status.UNASSESSED})

# Integer codes for the column-wise engine and rules.
MET, SHORTFALL, MISSING, INVALID, NOT_APPLICABLE, WAIVED, UNASSESSED = (s.code for s in STATUS_BY_CODE)
PROBLEM_CODES: tuple[int, ...] = tuple(s.code for s in STATUS_BY_CODE if s in PROBLEMS)


class CellState(IntEnum):
    """What the reader made of one cell (``ledger.normalize``), as the rules consume it.

    UNMAPPED marks every row of a sheet that has no column for the field at all (set by the loader);
    the indicators that need the field are then ``unassessed`` for those rows.
    """

    OK = 0
    MISSING = 1
    INVALID = 2
    NA = 3
    UNMAPPED = 4


CELL_OK, CELL_MISSING, CELL_INVALID, CELL_NA, CELL_UNMAPPED = (int(s) for s in CellState)

#: How a (community, indicator) problem moved since a baseline run (score --baseline), in report order:
#: open now and not then, open then and not now, open both times.
GAP_STATES: tuple[str, ...] = ("new", "fixed", "still_open")
