"""The bulletin's pictures: data in, PNG bytes out (matplotlib's object API on the Agg canvas, no pyplot state).

Three charts, each small enough to print on an A4 page of 公文: the streets' mean scores (horizontal bars,
best on top), the indicators' pass rates (lowest on top, the lowest named in the text marked), and — for a
month — the count behind schedule (bars) and the mean score (line) run by run. Text inside a picture is
kept to what cannot be elsewhere: category labels and values. Titles, units and what the marks mean are
the caption's job (Word text, which the reader's fonts always show).

No tofu, ever. The font is ``render.fonts``' (shared with ``history --charts``): ``ChartFonts.find()`` picks a
font with Chinese installed on the machine and every label is checked against its character map before it
is drawn. When no such font exists, or one label has a character the font
lacks (a rare name), the whole chart is drawn with safe labels instead — rank numbers, A/B … — and returns the
legend (safe label → name) for the document to print under it; the caller warns once (``Chart.fallback``).
Scores and rates are numbers: any font draws them.

matplotlib is imported when a chart is drawn (about 0.7 s), never by ``creatio --help``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from creatio_cli.render.fonts import ChartFonts

WIDTH_IN = 6.3  # inches: the 版心 is 156 mm; the document shows a chart 150 mm wide
DPI = 200
BAR = "#4a6b8a"
MARK = "#c0392b"
AVERAGE = "#7f7f7f"


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


def safe_labels(fonts: ChartFonts, labels: Sequence[str], substitutes: Sequence[str]
                ) -> tuple[list[str], tuple[tuple[str, str], ...], str]:
    """(labels to draw, legend, why): ``labels`` when ``fonts`` draws every one of them, else ``substitutes``
    for all (a chart never mixes the two) with the legend that maps them back."""
    if all(fonts.drawable(label) for label in labels):
        return list(labels), (), ""
    if fonts.font is not None:
        lacking = sorted({ch for label in labels for ch in label if not ch.isspace() and not fonts.drawable(ch)})
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


def _text_font(fonts: ChartFonts, size: float) -> dict[str, Any]:
    return {"fontsize": size}  # the family is set for the whole chart (:func:`_drawing`)


@contextmanager
def _drawing(fonts: ChartFonts) -> Iterator[None]:
    """Draw in ``fonts``' family (the CJK font, then DejaVu Sans for what it lacks)."""
    import matplotlib

    with matplotlib.rc_context({"font.family": fonts.family(), "axes.unicode_minus": False}):
        yield


def axis_floor(values: Sequence[float], step: float) -> float:
    """Where a bar chart's value axis starts: a round number below the smallest value, so differences of a
    few points are visible (the caption says where the axis starts)."""
    low = min(values) if values else 0.0
    return max(0.0, math.floor((low - step / 2) / step) * step)


def hbar(labels: Sequence[str], values: Sequence[float], *, fonts: ChartFonts, substitutes: Sequence[str],
         value_format: str = "{:.2f}", floor_step: float = 5.0, marked: int = 0, reference: float | None = None,
         limit: float = 100.0) -> tuple[Chart, float]:
    """Horizontal bars, the first label on top; the last ``marked`` bars drawn in the accent colour;
    ``reference`` a dashed line (an average). Returns the chart and where the value axis starts."""
    shown, legend, why = safe_labels(fonts, labels, substitutes)
    n = len(values)
    fig, ax = _figure(0.55 + 0.145 * max(n, 1))
    floor = axis_floor(list(values), floor_step)
    colours = [MARK if i >= n - marked else BAR for i in range(n)]
    positions = list(range(n))[::-1]
    ax.barh(positions, [v - floor for v in values], left=floor, color=colours, height=0.7)
    ax.set_yticks(positions, shown)
    for tick in ax.get_yticklabels():
        tick.set(**_text_font(fonts, 8.5))
    for y, v in zip(positions, values, strict=True):
        ax.text(v + (limit - floor) * 0.006, y, value_format.format(v), va="center", zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6}, **_text_font(fonts, 7.5))
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
                  fonts: ChartFonts) -> tuple[Chart, float]:
    """Streets' mean scores, best on top: ``(rank, label, mean score)`` in ranking order; the city's mean
    score as a dashed line. Substitute labels are the ranks."""
    with _drawing(fonts):
        return hbar([s[1] for s in streets], [s[2] for s in streets], fonts=fonts,
                    substitutes=[str(s[0]) for s in streets], reference=mean)


def pass_rates(rates: Sequence[tuple[str, float]], marked: int, fonts: ChartFonts) -> tuple[Chart, float]:
    """Indicators' pass rates in percent, ``(short title, rate)`` from highest to lowest (the lowest at the
    bottom); the last ``marked`` in the accent colour. Substitute labels are 1, 2, 3 … top to bottom."""
    with _drawing(fonts):
        return hbar([r[0] for r in rates], [r[1] for r in rates], fonts=fonts,
                    substitutes=[str(i) for i in range(1, len(rates) + 1)], value_format="{:.1f}%", marked=marked)


def trend(days: Sequence[date], behind: Sequence[int], means: Sequence[float | None],
          fonts: ChartFonts) -> Chart:
    """Run by run, two panels sharing the dates: the mean score (line, top) and the communities behind
    schedule (bars, bottom). Dates as ``07-15``; no Chinese inside the picture (the caption names the panels)."""
    with _drawing(fonts):
        return _trend(days, behind, means, fonts)


def _trend(days: Sequence[date], behind: Sequence[int], means: Sequence[float | None], fonts: ChartFonts) -> Chart:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, 3.0), dpi=DPI)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": (1, 1), "hspace": 0.15})
    xs = list(range(len(days)))
    points = [(x, m) for x, m in zip(xs, means, strict=True) if m is not None]
    if points:
        top.plot([p[0] for p in points], [p[1] for p in points], color=MARK, marker="o", linewidth=1.6)
        for x, m in points:
            top.annotate(f"{m:.2f}", (x, m), textcoords="offset points", xytext=(0, 6), ha="center",
                         color=MARK, **_text_font(fonts, 8))
        values = [p[1] for p in points]
        span = max(max(values) - min(values), 1.0)
        top.set_ylim(min(values) - span * 0.35, max(values) + span * 0.6)
    bottom.bar(xs, behind, color=BAR, width=0.45)
    most = max([*behind, 1])
    for x, n in zip(xs, behind, strict=True):
        bottom.text(x, n + most * 0.04, str(n), ha="center", va="bottom", **_text_font(fonts, 8))
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
