"""The Ledger: typed rows of one or more sheets, every value traceable to its cell.

Frame layout (one row per community row of the workbook):

- ``_file``, ``_sheet``, ``_row`` — where the row is (``_row`` is the Excel row number, 1-based);
- for each mapped field ``f``: ``f`` (float64 for number/percent/count/yesno — yes/no as 1.0/0.0 —,
  object for text and date), ``f.state`` (int8 cell state, see rules.base.CELL_*), ``f.raw`` (the
  cell as read — str, float, bool, datetime or None; ``normalize.display_text`` turns it into the text
  the user sees, which is what findings report).

Cell letters depend on the sheet, so they live in ``SheetInfo.columns``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from creatio_cli.results import Warning

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class ColumnMapping:
    """A ledger column mapped to a standard field."""

    field: str
    letter: str  # Excel column letter, e.g. "F"
    header: str  # the joined header text as written (e.g. "社区综合服务设施/总面积（㎡）")
    alias: str  # the alias that matched


@dataclass(frozen=True)
class SheetInfo:
    """How one sheet was read: its role, header band, mapping and the rows kept or dropped."""

    file: str
    sheet: str
    role: str  # ledger | instructions | hidden | empty | other
    header_rows: tuple[int, ...] = ()  # Excel row numbers of the header band
    columns: tuple[ColumnMapping, ...] = ()
    unmapped: tuple[tuple[str, str], ...] = ()  # (letter, header) of columns no field claimed
    rows_kept: int = 0
    rows_dropped: tuple[tuple[int, str], ...] = ()  # (Excel row, reason)
    note: str | None = None

    def letter(self, field_name: str) -> str | None:
        for col in self.columns:
            if col.field == field_name:
                return col.letter
        return None


@dataclass
class Ledger:
    """Rows read from one file (or several, concatenated by the batch), ready for the engine."""

    frame: pd.DataFrame
    sheets: list[SheetInfo] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    as_of_hint: date | None = None  # the 截至 / 填报日期 date found in the title rows
    files: list[str] = field(default_factory=list)

    def cell_letters(self) -> dict[tuple[str, str], dict[str, str]]:
        """(file, sheet) → field → column letter, for building cell references."""
        return {(s.file, s.sheet): {c.field: c.letter for c in s.columns} for s in self.sheets if s.role == "ledger"}

    @property
    def fields(self) -> list[str]:
        return [c for c in self.frame.columns if not c.startswith("_") and "." not in c]
