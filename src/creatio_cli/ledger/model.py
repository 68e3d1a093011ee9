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

from creatio_cli.messages import Message
from creatio_cli.results import Warning

#: The columns that say which community a row is (and where): names, never assessed.
KEY_FIELDS = ("district", "street", "community")

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class ColumnMapping:
    """A ledger column mapped to a standard field, with the matcher's confidence and reasons."""

    field: str
    letter: str  # Excel column letter, e.g. "F"
    header: str  # the joined header text as written (e.g. "社区综合服务设施/总面积（㎡）")
    reasons: tuple[Message, ...] = ()  # why (catalogue ``why.*``: alias, terms, unit, group, --map …)
    score: float = 1.0  # 0..1 (ledger/matcher.py)
    runner_up: tuple[str, float] | None = None  # the next column for this field: (header, score)

    def why(self, lang: str) -> str:
        return ("；" if lang == "zh" else "; ").join(r.render(lang) for r in self.reasons)


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
    # Fields no column could be used for: field → (column letter, header, score), best first ("did you mean")
    near: tuple[tuple[str, tuple[tuple[str, str, float], ...]], ...] = ()
    ambiguous: tuple[tuple[str, tuple[tuple[str, str, float], ...]], ...] = ()  # field → the close columns
    vetoed: tuple[tuple[str, str, str, Message], ...] = ()  # (letter, header, field, why) look-alikes ruled out
    used_overrides: frozenset[str] = frozenset()  # the user's mapping keys this sheet's columns matched
    overruled: tuple[tuple[str, str, str, Message], ...] = ()  # (letter, header, field, why) mapped despite a veto
    # (field, letter, header, score, odd cells, cells looked at): a mapping its values contradict, not used
    doubted: tuple[tuple[str, str, str, float, int, int], ...] = ()
    # A community name merged over several kept rows (A5:A6 'XX社区'): (Excel row, the range, the fields whose
    # figures in that row differ from the range's first row's). The rows are one community read twice: the
    # engine keeps the first, as for any duplicate, and names the range in its warning.
    merged_names: tuple[tuple[int, str, tuple[str, ...]], ...] = ()

    def lookalikes(self, field_name: str) -> tuple[tuple[str, str, str], ...]:
        """(letter, header, word) of the columns no field took whose only reason not to be ``field_name``
        is a look-alike word (户数及人口/辖区常住人口 for the population): shown with the closest headers, so the
        user is not told there is nothing to map. A unit veto (户 is not 人) is final and stays out."""
        free = {letter for letter, _header in self.unmapped}
        out: dict[str, tuple[str, str, str]] = {}
        for letter, header, name, why in self.vetoed:
            if name == field_name and letter in free and why.code == "why.lookalike":
                out.setdefault(letter, (letter, header, str(why.params.get("word", ""))))
        return tuple(out.values())

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
    # Each file's own 截至 / 填报日期 (files without one are absent): a batch of several periods keeps a
    # community found twice from the file of the run's date (engine._identities), and says which files
    # are judged at another date than their own.
    file_dates: dict[str, date] = field(default_factory=dict)

    def cell_letters(self) -> dict[tuple[str, str], dict[str, str]]:
        """(file, sheet) → field → column letter, for building cell references."""
        return {(s.file, s.sheet): {c.field: c.letter for c in s.columns} for s in self.sheets if s.role == "ledger"}

    @property
    def fields(self) -> list[str]:
        return [c for c in self.frame.columns if not c.startswith("_") and "." not in c]
