"""The bulletin's pictures: data in, PNG bytes out (matplotlib's object API on the Agg canvas, no pyplot state).

Three charts, each small enough to print on an A4 page of 公文: the streets' mean scores (horizontal bars,
best on top), the indicators' pass rates (lowest on top, the lowest named in the text marked), and — for a
month — the count behind schedule (bars) and the mean score (line) run by run. Text inside a picture is
kept to what cannot be elsewhere: category labels and values. Titles, units and what the marks mean are
the caption's job (Word text, which the reader's fonts always show).

No tofu, ever. Chinese labels need a font with Chinese glyphs, which matplotlib does not ship. :func:`find_font`
looks for one of :data:`CANDIDATES` among the fonts matplotlib knows (system fonts, TrueType collections
included since matplotlib 3.11 — Noto CJK on Linux is a .ttc) and every label is checked against the chosen
face's character map before it is drawn. When no such font exists, or one label has a character the font
lacks (a rare name), the whole chart is drawn with safe labels instead — rank numbers, A/B … — and returns the
legend (safe label → name) for the document to print under it; the caller warns once (``Chart.fallback``).
Scores and rates are numbers: any font draws them.

matplotlib is imported when a chart is drawn (about 0.7 s), never by ``creatio --help``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Fonts with Chinese glyphs, in order of preference: sans (黑体-like, readable small) first, then serif,
#: then faces with other regional glyph forms (they draw Chinese, with Japanese or traditional shapes).
CANDIDATES: tuple[str, ...] = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
    "Sarasa Gothic SC", "Droid Sans Fallback", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "STSong",
    "AR PL UMing CN", "Noto Sans CJK TC", "Noto Sans CJK JP",
)
WIDTH_IN = 6.3  # inches: the 版心 is 156 mm; the document shows a chart 150 mm wide
DPI = 200
BAR = "#4a6b8a"
MARK = "#c0392b"
AVERAGE = "#7f7f7f"


@dataclass(frozen=True)
class ChartFont:
    """A font face matplotlib can draw with (``index``: the face in a TrueType collection)."""

    name: str
    path: str
    index: int = 0
    _charmap: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def covers(self, text: str) -> bool:
        """Whether the face has a glyph for every character of ``text`` (spaces aside)."""
        if not self._charmap:
            from matplotlib.font_manager import FontPath, get_font

            self._charmap.update(get_font(FontPath(self.path, self.index)).get_charmap())
        return all(ord(ch) in self._charmap for ch in text if not ch.isspace())

    def properties(self, size: float) -> Any:
        """matplotlib FontProperties of this face at ``size`` points."""
        from matplotlib.font_manager import FontPath, FontProperties

        return FontProperties(fname=FontPath(self.path, self.index), size=size)


def find_font(candidates: Sequence[str] = CANDIDATES, available: Sequence[Any] | None = None) -> ChartFont | None:
    """The first of ``candidates`` among ``available`` font entries (each with ``name``, ``fname`` and, since
    matplotlib 3.11, ``index``; default: every font matplotlib found on the system), preferring the regular
    weight; None when there is none — the charts then use safe labels (module docstring)."""
    if available is None:
        from matplotlib.font_manager import fontManager

        available = fontManager.ttflist
    by_name: dict[str, list[Any]] = {}
    for entry in available:
        by_name.setdefault(entry.name, []).append(entry)
    for name in candidates:
        entries = by_name.get(name)
        if entries:
            best = min(entries, key=lambda e: (abs(_weight(e.weight) - 400), e.style != "normal", str(e.fname)))
            return ChartFont(name, str(best.fname), int(getattr(best, "index", 0) or 0))
    return None


def _weight(value: Any) -> int:
    names = {"normal": 400, "regular": 400, "book": 400, "medium": 500, "bold": 700, "light": 300}
    return value if isinstance(value, int) else names.get(str(value).lower(), 400)


@dataclass(frozen=True)
class Chart:
    """A drawn chart: the PNG, and when its labels are safe substitutes, the legend (drawn label → name) and
    why (``fallback``: ``no_font``, or the characters the font lacks)."""

    png: bytes
    legend: tuple[tuple[str, str], ...] = ()
    fallback: str = ""

    @property
    def width_mm(self) -> int:
        return 150


def safe_labels(font: ChartFont | None, labels: Sequence[str], substitutes: Sequence[str]
                ) -> tuple[list[str], tuple[tuple[str, str], ...], str]:
    """(labels to draw, legend, why): ``labels`` when ``font`` draws every one of them, else ``substitutes``
    for all (a chart never mixes the two) with the legend that maps them back."""
    if font is not None:
        lacking = sorted({ch for label in labels for ch in label if not ch.isspace() and not font.covers(ch)})
        if not lacking:
            return list(labels), (), ""
        why = "".join(lacking[:8])
    else:
        why = "no_font"
    return list(substitutes), tuple(zip(substitutes, labels, strict=True)), why


def _figure(height_in: float) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    return fig, fig.add_subplot()


def _png(fig: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})  # no version stamp: same data, same bytes
    return buffer.getvalue()


def _text_font(font: ChartFont | None, size: float) -> dict[str, Any]:
    return {"fontproperties": font.properties(size)} if font is not None else {"fontsize": size}


def axis_floor(values: Sequence[float], step: float) -> float:
    """Where a bar chart's value axis starts: a round number below the smallest value, so differences of a
    few points are visible (the caption says where the axis starts)."""
    low = min(values) if values else 0.0
    return max(0.0, math.floor((low - step / 2) / step) * step)


def hbar(labels: Sequence[str], values: Sequence[float], *, font: ChartFont | None, substitutes: Sequence[str],
         value_format: str = "{:.2f}", floor_step: float = 5.0, marked: int = 0, reference: float | None = None,
         limit: float = 100.0) -> tuple[Chart, float]:
    """Horizontal bars, the first label on top; the last ``marked`` bars drawn in the accent colour;
    ``reference`` a dashed line (an average). Returns the chart and where the value axis starts."""
    shown, legend, why = safe_labels(font, labels, substitutes)
    n = len(values)
    fig, ax = _figure(0.55 + 0.145 * max(n, 1))
    floor = axis_floor(list(values), floor_step)
    colours = [MARK if i >= n - marked else BAR for i in range(n)]
    positions = list(range(n))[::-1]
    ax.barh(positions, [v - floor for v in values], left=floor, color=colours, height=0.7)
    ax.set_yticks(positions, shown)
    for tick in ax.get_yticklabels():
        tick.set(**_text_font(font, 8.5))
    for y, v in zip(positions, values, strict=True):
        ax.text(v + (limit - floor) * 0.006, y, value_format.format(v), va="center", zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6}, **_text_font(font, 7.5))
    if reference is not None:
        ax.axvline(reference, color=AVERAGE, linestyle="--", linewidth=0.9, zorder=3)
    ax.set_xlim(floor, limit + (limit - floor) * 0.07)
    ax.set_ylim(-0.6, n - 0.4)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    fig.tight_layout(pad=0.4)
    return Chart(_png(fig), legend, why), floor


def street_scores(streets: Sequence[tuple[int, str, float]], mean: float | None,
                  font: ChartFont | None) -> tuple[Chart, float]:
    """Streets' mean scores, best on top: ``(rank, label, mean score)`` in ranking order; the city's mean
    score as a dashed line. Substitute labels are the ranks."""
    return hbar([s[1] for s in streets], [s[2] for s in streets], font=font,
                substitutes=[str(s[0]) for s in streets], reference=mean)


def pass_rates(rates: Sequence[tuple[str, float]], marked: int, font: ChartFont | None) -> tuple[Chart, float]:
    """Indicators' pass rates in percent, ``(short title, rate)`` from highest to lowest (the lowest at the
    bottom); the last ``marked`` in the accent colour. Substitute labels are 1, 2, 3 … top to bottom."""
    return hbar([r[0] for r in rates], [r[1] for r in rates], font=font,
                substitutes=[str(i) for i in range(1, len(rates) + 1)], value_format="{:.1f}%", marked=marked)


def trend(days: Sequence[date], behind: Sequence[int], means: Sequence[float | None],
          font: ChartFont | None) -> Chart:
    """Run by run, two panels sharing the dates: the mean score (line, top) and the communities behind
    schedule (bars, bottom). Dates as ``07-15``; no Chinese inside the picture (the caption names the panels)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, 3.0), dpi=DPI)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": (1, 1), "hspace": 0.15})
    xs = list(range(len(days)))
    points = [(x, m) for x, m in zip(xs, means, strict=True) if m is not None]
    if points:
        top.plot([p[0] for p in points], [p[1] for p in points], color=MARK, marker="o", linewidth=1.6)
        for x, m in points:
            top.annotate(f"{m:.2f}", (x, m), textcoords="offset points", xytext=(0, 6), ha="center",
                         color=MARK, **_text_font(font, 8))
        values = [p[1] for p in points]
        span = max(max(values) - min(values), 1.0)
        top.set_ylim(min(values) - span * 0.35, max(values) + span * 0.6)
    bottom.bar(xs, behind, color=BAR, width=0.45)
    most = max([*behind, 1])
    for x, n in zip(xs, behind, strict=True):
        bottom.text(x, n + most * 0.04, str(n), ha="center", va="bottom", **_text_font(font, 8))
    bottom.set_ylim(0, most * 1.35)
    bottom.yaxis.get_major_locator().set_params(integer=True)
    bottom.set_xticks(xs, [f"{d.month:02d}-{d.day:02d}" for d in days])
    for axis in (top, bottom):
        axis.tick_params(labelsize=8)
        axis.spines["top"].set_visible(False)
        axis.spines["right"].set_visible(False)
        axis.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        axis.set_axisbelow(True)
    bottom.set_xlim(-0.6, len(days) - 0.4)
    fig.subplots_adjust(left=0.08, right=0.98, top=0.95, bottom=0.1)
    return Chart(_png(fig))
