"""A rich ``Text`` that wraps like the filled listings (``render.fill``), for the terminal tables.

rich breaks text at spaces and folds a word wider than its column anywhere; Chinese has no spaces, so a
title is folded at the column's edge whatever is there (``不低于1`` / ``0%）``, ``（每百户30㎡`` / ``）``).
:class:`WrapText` takes its line breaks from :func:`render.fill.break_offsets` instead: a number stays
with its sign and unit, closing punctuation with what it closes, and with ``items`` (a list of names
joined by ``、``) a line breaks between names, inside one only when it alone is wider than the column.
Its measurement gives rich the widest
unbreakable piece as the column's minimum, and :class:`Fitted` shares a table's width so that each column
keeps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

from creatio_cli.ledger.tokens import display_width
from creatio_cli.render.fill import break_offsets, piece_widths

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod
    from rich.table import Table


class WrapText(Text):
    """``Text`` broken where :mod:`render.fill` allows; ``items`` is the separator of a list of names,
    ``lead`` the length of a label in front of the list (its first line only)."""

    def __init__(self, text: str = "", style: Any = "", *, items: str | None = None, lead: int = 0,
                 **kwargs: Any) -> None:
        super().__init__(text, style, **kwargs)
        self.items = items
        self.lead = lead

    def wrap(self, console: Console, width: int, *, justify: JustifyMethod | None = None,
             overflow: OverflowMethod | None = None, tab_size: int = 8, no_wrap: bool | None = None) -> Lines:
        """The lines of this text at ``width`` columns (rich's ``Text.wrap`` with our break points)."""
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                no_wrap=no_wrap)
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for n, line in enumerate(self.split(allow_blank=True)):
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(break_offsets(line.plain, width, self.items, self.lead if n == 0 else 0))
            for part in new_lines:
                part.rstrip()  # the break's space stays behind, not at the end of a padded cell
            new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for part in new_lines:
                part.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """Widest line as the maximum; the widest piece never broken (a number with its unit) as minimum."""
        lines = self.plain.splitlines() or [""]
        widest = max(display_width(line) for line in lines)
        smallest = max((w for n, line in enumerate(lines)
                        for w in piece_widths(line, self.items, self.lead if n == 0 else 0)), default=0)
        return Measurement(min(smallest, widest), widest)


class Printable:
    """A :class:`WrapText` for ``console.print``: rich joins Text objects printed directly into a plain Text
    (losing our breaks); this renders the text as it is, with no padding to the console's width."""

    def __init__(self, text: WrapText) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Any:
        yield from self.text.__rich_console__(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.text.__rich_measure__(console, options)


class Fitted:
    """A rich ``Table`` whose text columns share the width so that each keeps its widest unbreakable piece.

    rich narrows the widest columns first down to any width, ignoring what their texts may not break
    (``folder/gbk.c`` / ``sv`` while another column has room to spare). When every column's minimum fits,
    this fixes the widths first: the widest column narrowed one column at a time, never below its
    minimum; when the minimums do not all fit, the widest column is narrowed further, so the one
cut is the longest piece (an id), not every path and name in the table."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Any:
        _fit(self.table, console, options)
        yield self.table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)


def _fit(table: Table, console: Console, options: ConsoleOptions) -> None:
    """Set the widths of ``table``'s flexible columns for ``options.max_width`` (see :class:`Fitted`)."""
    wide = options.update_width(1_000_000)
    ranges = []
    for column in table.columns:
        if column.width is not None:
            ranges.append((column.width, column.width))
            continue
        cells = [*([column.header] if table.show_header else []), *column.cells]
        sizes = [Measurement.get(console, wide, cell) for cell in cells]
        ranges.append((max((m.minimum for m in sizes), default=0), max((m.maximum for m in sizes), default=0)))
    overhead = Measurement.get(console, wide, table).maximum - sum(high for _, high in ranges)
    available = options.max_width - overhead
    widths = [high for _, high in ranges]
    flexible = [i for i, column in enumerate(table.columns) if column.width is None]
    if sum(widths) <= available or not flexible:
        return
    while sum(widths) > available:
        # The widest column with room above its minimum; once none has, the widest: its longest piece
        # is the one cut.
        i = max(flexible, key=lambda c: (widths[c] > ranges[c][0], widths[c]))
        if widths[i] <= 1:
            return  # a width no table fits: rich decides
        widths[i] -= 1
    for i in flexible:
        table.columns[i].width = widths[i]
