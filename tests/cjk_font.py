"""A font built for the tests that draws every Chinese character (as one filled square), so the chart tests
need no CJK font installed on the machine: a fresh Python 3.11 box has only matplotlib's DejaVu Sans.

Built with fontTools (a matplotlib dependency): one glyph, mapped from the CJK Unified Ideographs, CJK
punctuation and full-width forms. matplotlib draws it like any font — and would warn "Glyph … missing
from font(s)" for a character outside that map, the same witness the tests use with a real font.
"""

from __future__ import annotations

from pathlib import Path

from creatio_cli.render.fonts import FontEntry

FAMILY = "Creatio Test CJK"
_RANGES = ((0x3000, 0x3040), (0x4E00, 0xA000), (0xFF00, 0xFFF0))


def build_box_font(path: Path) -> FontEntry:
    """Write the font to ``path`` (a .ttf) and return it as the font finder lists fonts."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "box"])
    builder.setupCharacterMap({cp: "box" for lo, hi in _RANGES for cp in range(lo, hi)})
    pen = TTGlyphPen(None)
    pen.moveTo((100, -80))
    pen.lineTo((100, 780))
    pen.lineTo((900, 780))
    pen.lineTo((900, -80))
    pen.closePath()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "box": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (1000, 0), "box": (1000, 100)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return FontEntry(FAMILY, str(path))
