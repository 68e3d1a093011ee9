"""The one Markdown escaper, and pipe tables built with it (check's and score's md reports).

A cell is formula-guarded and loses its control characters (``render.safe.neutralize``: a community named
``=cmd…`` becomes ``'=cmd…``, because people paste Markdown tables into spreadsheets; an ESC sequence in a
name never reaches the terminal that prints the report), then escaped: ``\\`` and ``|`` are
backslash-escaped so a value never splits a cell, ``<``/``>`` are entity-escaped so a name cannot
inject HTML into a rendered page, and newlines become ``<br>``. Numbers are formatted, never guarded
(``-5`` stays ``-5``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from creatio_cli.render.records import fmt_cell
from creatio_cli.render.safe import neutralize


def escape(text: str, *, guard: bool = True) -> str:
    """``text`` made safe inside one Markdown table cell or list item (see the module docstring).

    ``guard=False`` for text made from a number (``-5``): numbers are never formula-guarded.
    """
    if guard:
        text = neutralize(text)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def cell(value: object) -> str:
    """Any value as an escaped cell: text guarded, numbers formatted (``420``, not ``420.0``)."""
    if isinstance(value, str):
        return escape(value)
    return escape(fmt_cell(value), guard=False)


def table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A pipe table: the header and every value escaped by :func:`cell` (pass pre-escaped text as
    :class:`Raw` to keep it)."""
    lines = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines.extend("| " + " | ".join(v if isinstance(v, Raw) else cell(v) for v in row) + " |" for row in rows)
    return lines


class Raw(str):
    """Text already escaped for a Markdown cell (e.g. a percent made from a number)."""

    __slots__ = ()
