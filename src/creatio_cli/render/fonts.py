"""A font that shows Chinese for the PNG charts, and a check that it covers every label (never a tofu box).

matplotlib draws with the fonts it finds on the machine (its font list: the system font folders, the same
ones fontconfig reads). Its bundled DejaVu Sans has no Chinese, so a chart of 区县 names drawn with it shows
empty boxes. :func:`find_cjk_font` picks the first installed font of :data:`CANDIDATES` — the families Linux
(Noto Sans CJK, Source Han Sans, WenQuanYi), Windows (SimHei, Microsoft YaHei) and macOS (PingFang,
Hiragino, Heiti) ship — that really covers common Chinese, read from its character map.

:class:`ChartFonts` then vets every label before it is drawn: a label with a character neither the chosen
font nor DejaVu Sans (for digits and Latin letters) covers is replaced by a safe ASCII label the caller gives
(a rank number, an indicator id), and a catalogue warning says so once per command — a number that sends the
reader to the table is better than a box that says nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from creatio_cli.messages import Message, msg

#: Font families that show Chinese, in order of preference (simplified-Chinese faces first).
CANDIDATES: tuple[str, ...] = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "Source Han Sans",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB",
    "Heiti SC", "STHeiti", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK HK", "Droid Sans Fallback",
    "AR PL UMing CN", "Arial Unicode MS",
)
#: What a font must cover to count as showing Chinese: the words every chart of this tool has.
_SAMPLE = "区县街道社区帮扶单位平均分达标率序时进度"


@dataclass(frozen=True)
class FontEntry:
    """A font file on this machine and the family name it declares."""

    name: str
    path: str
    weight: int | str = 400


@dataclass(frozen=True)
class ChartFont:
    """The chosen font: its family, file, and the characters it (or DejaVu Sans beside it) can draw."""

    name: str
    path: str
    charmap: frozenset[int]

    def covers(self, text: str) -> bool:
        return all(ord(ch) in self.charmap or ch.isspace() for ch in text)


def system_fonts() -> list[FontEntry]:
    """The fonts matplotlib found on this machine (its cached font list)."""
    from matplotlib import font_manager

    return [FontEntry(f.name, f.fname, f.weight) for f in font_manager.fontManager.ttflist]


def charmap(path: str) -> frozenset[int]:
    """The code points a font file can draw (empty when it cannot be read)."""
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def _latin() -> frozenset[int]:
    """What DejaVu Sans, matplotlib's own font (always there), draws: digits, Latin, punctuation."""
    from matplotlib import font_manager

    return charmap(font_manager.findfont("DejaVu Sans", fallback_to_default=True))


def find_cjk_font(fonts: Sequence[FontEntry] | None = None) -> ChartFont | None:
    """The first of :data:`CANDIDATES` installed that covers common Chinese (regular weight preferred), or
    None. ``fonts``: the fonts to choose from (default: :func:`system_fonts`; tests pass their own)."""
    fonts = system_fonts() if fonts is None else list(fonts)
    for family in CANDIDATES:
        entries = sorted((f for f in fonts if f.name == family),
                         key=lambda f: (f.weight not in (400, "normal", "regular"), "bold" in f.path.lower(), f.path))
        for entry in entries:
            covered = charmap(entry.path)
            if covered and all(ord(ch) in covered for ch in _SAMPLE):
                return ChartFont(entry.name, entry.path, covered | _latin())
    return None


@dataclass
class ChartFonts:
    """The font of one command's charts and its label check; warns (``warn``) once when a label is replaced."""

    font: ChartFont | None
    warn: Callable[[Message], None] | None = None
    warned: bool = field(default=False)

    @classmethod
    def find(cls, warn: Callable[[Message], None] | None = None,
             fonts: Sequence[FontEntry] | None = None) -> ChartFonts:
        """The system's CJK font (or ``fonts``'), warning through ``warn``."""
        return cls(find_cjk_font(fonts), warn)

    def family(self) -> list[str]:
        """matplotlib's ``font.family``: the chosen font, then DejaVu Sans for what it lacks."""
        if self.font is None:
            return ["DejaVu Sans"]
        from matplotlib import font_manager

        if not any(f.fname == self.font.path for f in font_manager.fontManager.ttflist):
            font_manager.fontManager.addfont(self.font.path)  # a font given by path, not in matplotlib's list
        return [self.font.name, "DejaVu Sans"]

    def drawable(self, text: str) -> bool:
        """Whether every character of ``text`` can be drawn (ASCII always can)."""
        if text.isascii():
            return True
        return self.font is not None and self.font.covers(text)

    def label(self, text: str, fallback: str) -> str:
        """``text`` when it can be drawn, else ``fallback`` (ASCII), warning once."""
        if self.drawable(text):
            return text
        if not self.warned and self.warn is not None:
            self.warned = True
            if self.font is None:
                self.warn(msg("chart.font_missing", fonts=list(CANDIDATES[:6])))
            else:
                self.warn(msg("chart.glyph_missing", font=self.font.name, text=text))
        return fallback

    def labels(self, texts: Sequence[str], fallbacks: Sequence[str] | None = None) -> list[str]:
        """:meth:`label` of each text; the default fallback is its position, ``#1``, ``#2`` …"""
        return [self.label(text, fallbacks[i] if fallbacks is not None else f"#{i + 1}")
                for i, text in enumerate(texts)]

