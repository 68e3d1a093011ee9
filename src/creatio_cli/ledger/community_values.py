"""The community column found by its cells when no header names it (上报单位, 居住社区（村）名称, 单位).

A sheet without a community column cannot be checked at all, so a header the matcher does not know
there costs every verdict of the file. A person looking at such a sheet finds the column by its values:
the one whose cells are the names of communities (…社区, …居委会, …村). This is the one place where cells
may *choose* a field (``value_evidence.py`` only vetoes), and only under strict conditions:

- no header of the band maps to ``community`` (a header always wins);
- the column is mapped to no other field, and its header is not a look-alike (业主委员会, 小区, 网格 …);
- at least :data:`MIN_NAMES` of its cells (sampled under the header) are text, and at least
  :data:`SHARE` of the non-blank ones end with a community word;
- exactly one column of the band qualifies (two are a guess, and nothing is chosen).

Two headers that both name the community (社区 beside 社区名称) are ambiguous to the matcher; the cells then
settle it only among those two: the one whose cells are names, or the first when both hold the same
values (reported as ``header.community_two_columns``). Otherwise the ledger is refused and the user is
asked to choose with ``--map`` (``ledger.community_two_columns``).

The choice is reported: ``why.community_values`` in ``inspect`` and the warning
``header.community_by_values`` in every report, with the counts and the ``--map`` that confirms or
corrects it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from creatio_cli.ledger.wording import fold

#: How a community's name ends: 社区, 居委会 / 村委会 (居民 / 村民委员会), 村, 嘎查 (a village in Inner Mongolia).
ENDINGS: tuple[str, ...] = ("社区", "居委会", "村委会", "委员会", "居委", "村", "嘎查", "社区居委会")
#: Headers of columns that name a place inside or beside a community, never the community itself.
NOT_COMMUNITY_HEADERS: tuple[str, ...] = ("小区", "网格", "楼", "院落", "物业", "业主", "地址", "学校", "企业",
                                          "公司", "医院", "派出所", "警务", "街道", "乡镇", "区县", "帮扶", "结对")
MIN_NAMES = 3
SHARE = 0.8
SAMPLE_ROWS = 60
#: The score reported for a column chosen this way: above the threshold, below any header evidence.
SCORE = 0.8
_TOTALS = ("合计", "小计", "总计", "汇总")


@dataclass(frozen=True)
class NamedColumn:
    """The column whose cells are community names: its index and how many of the cells looked at are."""

    column: int
    named: int
    total: int


def community_column(rows: Sequence[Sequence[object]], first_data_row: int,
                     candidates: Iterable[tuple[int, str]]) -> NamedColumn | None:
    """The one column among ``candidates`` ((index, header)) whose cells under the header are community
    names, or None when none or several are (see the module doc)."""
    found = community_columns(rows, first_data_row, candidates)
    return found[0] if len(found) == 1 else None


def community_columns(rows: Sequence[Sequence[object]], first_data_row: int,
                      candidates: Iterable[tuple[int, str]]) -> list[NamedColumn]:
    """Every column among ``candidates`` whose cells under the header are community names."""
    sample = rows[first_data_row:first_data_row + SAMPLE_ROWS]
    found = []
    for column, header in candidates:
        if any(word in fold(header) for word in NOT_COMMUNITY_HEADERS):
            continue
        named = total = 0
        for row in sample:
            cell = row[column] if column < len(row) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            text = fold(cell) if isinstance(cell, str) else ""
            if any(word in text for word in _TOTALS):
                continue
            total += 1
            named += any(text.endswith(word) and len(text) > len(word) for word in ENDINGS)
        if named >= MIN_NAMES and named >= SHARE * total:
            found.append(NamedColumn(column, named, total))
    return found


def same_values(rows: Sequence[Sequence[object]], first_data_row: int, columns: Sequence[int]) -> bool:
    """Whether ``columns`` hold the same text in every row under the header (spaces aside): two columns
    headed 社区 and 社区名称 that agree name the same communities, whichever is read."""
    def text(row: Sequence[object], col: int) -> str:
        cell = row[col] if col < len(row) else None
        return "" if cell is None else " ".join(str(cell).split())

    return all(len({text(row, c) for c in columns}) == 1 for row in rows[first_data_row:])
