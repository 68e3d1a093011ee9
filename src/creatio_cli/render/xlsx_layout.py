"""How creatio's workbooks look on screen and on paper — shared by check's (``xlsx_out``) and score's
(``score_xlsx``) xlsxwriter renderers, so both measure text and set up pages the same way.

* Column widths are in Excel's units (one digit of the default 11 pt font, 7 px): a Chinese (wide)
  character counts 2, anything else 1, plus 2 for the cell's padding — :func:`text_width`, :func:`widest`.
* A printed page is A4 with half-inch side margins: :data:`PORTRAIT_PX` / :data:`LANDSCAPE_PX` wide.
  :func:`page_layout` picks the orientation from a sheet's column widths and whether to shrink it to one
  page wide (only down to :data:`MIN_FIT_SCALE`: further, the text would be too small to read, and the
  sheet prints across pages with its key columns repeated instead).
* :func:`print_setup` applies it: A4, heading rows on every page, page n / N in the footer, optionally the
  sheet name in the header.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from creatio_cli.ledger.tokens import display_width

#: The widest a column sized from its content gets (a longer text is clipped or wraps).
MAX_FITTED_WIDTH = 60
#: Paper: xlsxwriter's code for A4.
A4 = 9
MARGIN_SIDE_IN, MARGIN_TOP_IN, MARGIN_BOTTOM_IN = 0.5, 0.6, 0.7
_PX_PER_IN = 96
#: Printable width of an A4 page at 100 %, in pixels (96 dpi), portrait and landscape.
PORTRAIT_PX = int((8.27 - 2 * MARGIN_SIDE_IN) * _PX_PER_IN)
LANDSCAPE_PX = int((11.69 - 2 * MARGIN_SIDE_IN) * _PX_PER_IN)
#: Printable height of a portrait / landscape page, in pixels (the header and footer sit in the margins).
PORTRAIT_HEIGHT_PX = int((11.69 - MARGIN_TOP_IN - MARGIN_BOTTOM_IN) * _PX_PER_IN)
LANDSCAPE_HEIGHT_PX = int((8.27 - MARGIN_TOP_IN - MARGIN_BOTTOM_IN) * _PX_PER_IN)
#: A sheet is shrunk to one page wide only down to this scale (11 pt → 6.6 pt, 小六: the smallest print a
#: Chinese office document uses).
MIN_FIT_SCALE = 0.6
#: A sheet a little wider than a portrait page is shrunk (down to this scale, 11 pt → 8.8 pt) rather than
#: turned: a long list prints on fewer pages.
PORTRAIT_SHRINK = 0.8
#: Height of a row of 11 pt text: pixels (96 dpi) and points; a wrapped line adds :data:`LINE_PT`.
ROW_PX = 20
LINE_PT = 15


def text_width(text: str) -> int:
    """Excel column width units for ``text``: 2 per Chinese (wide) character, 1 for anything else."""
    return display_width(text)


def widest(values: Iterable[Any], floor: int, cap: int = MAX_FITTED_WIDTH) -> int:
    """The width of the widest of ``values`` (+2 for the cell's padding), at least ``floor``, at most
    ``cap``. A text is at most 2 units a character, so only the longest texts are measured (100k
    community names cost milliseconds)."""
    best = floor
    for text in sorted({v for v in values if v}, key=len, reverse=True):
        if 2 * len(text) + 2 <= best or best >= cap:
            break
        best = max(best, text_width(text) + 2)
    return min(best, cap)


#: A heading up to this wide stays on one line; a longer one wraps onto two.
HEAD_ONE_LINE = 12


def heading_width(header: str) -> int:
    """The width a heading asks of its column: on one line when short, else on two (``two_line_width``)."""
    one = text_width(header) + 2
    return one if one <= HEAD_ONE_LINE else two_line_width(header) + 2


def two_line_width(text: str) -> int:
    """The width ``text`` needs when it may wrap onto two lines (a heading): broken at a space, or anywhere
    next to a Chinese character; its width on one line when it cannot be broken."""
    best = text_width(text)
    for i in range(1, len(text)):
        left, right = text[:i], text[i:]
        if left[-1] == " " or right[0] == " " or text_width(left[-1]) == 2 or text_width(right[0]) == 2:
            best = min(best, max(text_width(left.rstrip()), text_width(right.lstrip())))
    return best


#: Set widths in column units: a Chinese character (11 pt = 14.7 px against a 7 px digit), a letter.
WIDE_EM, NARROW_EM = 2.1, 0.9


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` units wide: broken at spaces and
    between Chinese characters, a word longer than a line broken inside (as Excel and LibreOffice do).
    Measured as set, not as a column is sized: a Chinese character of 11 pt is a little wider than two
    digits (:data:`WIDE_EM`), letters of a proportional font narrower than one (:data:`NARROW_EM`)."""
    room = max(width - 0.5, 1)  # the cell's padding (5 px of a column's 7 px a unit + 5)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for token in _tokens(paragraph):
            size = sum(WIDE_EM if text_width(ch) == 2 else NARROW_EM for ch in token)
            if token == " ":
                used += size if used else 0
                continue
            if used and used + size > room:
                lines += 1
                used = 0
            while size > room:  # a word wider than the column
                lines += 1
                size -= room
            used += size
    return max(lines, 1)


def _tokens(text: str) -> list[str]:
    """Words, spaces and single Chinese characters (each a place a line may break)."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or text_width(ch) == 2:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def column_px(width: float) -> int:
    """A column of ``width`` units in pixels: Excel's 7 px a digit plus 5 px of padding."""
    return math.floor(width * 7 + 5)


@dataclass(frozen=True)
class PageLayout:
    """How a sheet of given column widths prints: ``landscape``, shrunk to one page ``fit_width``, or,
    when it would have to shrink below :data:`MIN_FIT_SCALE`, left at 100 % to spill onto further pages
    (``spills``: repeat its key columns)."""

    landscape: bool
    fit_width: bool

    @property
    def spills(self) -> bool:
        return not self.fit_width


def page_layout(widths: Sequence[float]) -> PageLayout:
    """Portrait when the columns fit a portrait page (shrunk at most to :data:`PORTRAIT_SHRINK`), else
    landscape; one page wide unless that takes a scale below :data:`MIN_FIT_SCALE`."""
    total = sum(column_px(w) for w in widths)
    if total * PORTRAIT_SHRINK <= PORTRAIT_PX:
        return PageLayout(landscape=False, fit_width=True)
    return PageLayout(landscape=True, fit_width=total * MIN_FIT_SCALE <= LANDSCAPE_PX)


def print_setup(ws: Any, *, landscape: bool, fit_width: bool, title_columns: int = 0,
                sheet_name_header: bool = False, across: bool = False) -> None:
    """How a sheet prints: A4, the first ``title_columns`` columns (who the row is about) on every page a
    wide sheet spills onto, one page wide when ``fit_width``, page n / N below, the sheet's name above when
    ``sheet_name_header``; ``across``: pages numbered left to right first, so the right half of a row
    follows its left half. The caller sets the heading rows (``ws.repeat_rows``)."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    ws.set_margins(left=MARGIN_SIDE_IN, right=MARGIN_SIDE_IN, top=MARGIN_TOP_IN, bottom=MARGIN_BOTTOM_IN)
    if fit_width:
        ws.fit_to_pages(1, 0)
    if title_columns:
        ws.repeat_columns(0, title_columns - 1)
    if across:
        ws.print_across()
    if sheet_name_header:
        ws.set_header("&C&A")
    ws.set_footer("&C&P / &N")
