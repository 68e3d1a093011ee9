"""PNG charts — a line chart and a bar chart — for any report that wants a picture (``history --charts``,
the weekly bulletin): labels and numbers in, PNG bytes out.

Drawn with matplotlib's object API (a ``Figure`` on the Agg canvas: no GUI, no global pyplot state, safe to
call repeatedly in one process), in a font that shows Chinese (``render.fonts``): every title, legend entry
and axis label is vetted first, and one the font cannot draw is replaced by the caller's ASCII fallback (or
its position, ``#1``) with one warning — never drawn as empty boxes. Output is deterministic for the same
input (no timestamp or software tag in the PNG).

Why matplotlib: publication-quality static images from one wheel (plus its small pure-Python and wheel-only
dependencies), no browser or JavaScript runtime (plotly/kaleido need Chrome), and it reads the system's fonts,
so Chinese shows as the office's own fonts show it. README "Dependencies and why" gives its install size.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from creatio_cli.render.fonts import ChartFonts

#: Size of a chart in inches at :data:`DPI` (960 × 540 px: fits a Word page and a slide).
SIZE = (8.0, 4.5)
DPI = 120
_REFERENCE_STYLE = {"linestyle": "--", "color": "#7F7F7F", "linewidth": 1.5}


def _figure(size: tuple[float, float] = SIZE) -> tuple[Any, Any]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _style(fonts: ChartFonts) -> Any:
    return {"font.family": fonts.family(), "axes.unicode_minus": False, "font.size": 10,
            "axes.spines.top": False, "axes.spines.right": False}


def line_chart(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], fonts: ChartFonts, *,
               title: str = "", title_fallback: str = "", y_label: str = "", percent: bool = False,
               reference: tuple[str, Sequence[float | None]] | None = None,
               fallbacks: Sequence[str] | None = None, note: str = "") -> bytes:
    """A line chart: ``labels`` along x (the runs' dates), one line per ``(name, values)`` (None = no point),
    an optional dashed ``reference`` line (序时进度); shares 0..1 shown as per cent with ``percent``.
    ``fallbacks``: ASCII names for the series when their own cannot be drawn (default ``#1``, ``#2`` …);
    ``note``: a line under the chart (e.g. which lines were left out)."""
    import matplotlib
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    names = fonts.labels([name for name, _ in series], fallbacks)
    xs = fonts.labels(list(labels), [str(i + 1) for i in range(len(labels))])
    style = _style(fonts)
    if len(series) > 10:  # the default palette repeats after 10 colours
        from cycler import cycler

        palette = matplotlib.colormaps["tab20"]
        style["axes.prop_cycle"] = cycler(color=[palette(i) for i in range(20)])
    with matplotlib.rc_context(style):
        figure, ax = _figure()
        positions = list(range(len(xs)))
        for name, (_, values) in zip(names, series, strict=True):
            ax.plot(positions, [float("nan") if v is None else v for v in values], marker="o", markersize=4,
                    label=name)
        if reference is not None:
            ref_name = fonts.label(reference[0], "ref")
            ax.plot(positions, [float("nan") if v is None else v for v in reference[1]], label=ref_name,
                    **_REFERENCE_STYLE)
        ax.set_xticks(positions, xs, rotation=30 if len(xs) > 6 else 0, ha="right" if len(xs) > 6 else "center")
        if percent:  # ticks on whole 1/2/5 steps: 2.5% steps printed with no decimals would read 43%, 38%
            ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{round(v * 100, 6):g}%"))
        ax.grid(axis="y", alpha=0.3)
        if y_label:
            ax.set_ylabel(fonts.label(y_label, ""))
        if title:
            ax.set_title(fonts.label(title, title_fallback))
        if len(names) > 1 or reference is not None:  # beside the plot, never over a line
            ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        if note:
            figure.supxlabel(fonts.label(note, ""), fontsize=8, color="#595959")
        return _png(figure)


def bar_chart(labels: Sequence[str], values: Sequence[float | None], fonts: ChartFonts, *, title: str = "",
              title_fallback: str = "", percent: bool = False, reference: float | None = None,
              fallbacks: Sequence[str] | None = None) -> bytes:
    """A horizontal bar chart, first label on top (long Chinese names read better across than down);
    ``reference``: a dashed line at that value (序时进度). ``fallbacks``: ASCII labels for those that cannot be
    drawn (default ``#1``, ``#2`` …, the order given)."""
    import matplotlib
    from matplotlib.ticker import PercentFormatter

    names = fonts.labels(list(labels), fallbacks)
    height = max(SIZE[1], 0.32 * len(names) + 1.2)
    with matplotlib.rc_context(_style(fonts)):
        figure, ax = _figure((SIZE[0], height))
        positions = list(range(len(names)))
        bars = ax.barh(positions, [0.0 if v is None else v for v in values], color="#4472C4")
        ax.set_yticks(positions, names)
        ax.invert_yaxis()
        ax.bar_label(bars, labels=["" if v is None else (f"{v:.0%}" if percent else f"{v:g}") for v in values],
                     padding=3, fontsize=8)
        if percent:
            ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
            ax.set_xlim(0, 1.08)
        if reference is not None:
            ax.axvline(reference, **_REFERENCE_STYLE)
        ax.grid(axis="x", alpha=0.3)
        if title:
            ax.set_title(fonts.label(title, title_fallback))
        return _png(figure)
