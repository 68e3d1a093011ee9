"""``creatio history --charts DIR``: the trends as PNG pictures (``render.charts``), for a slide or a Word
bulletin. Fixed ASCII file names, each written atomically:

- ``mean-score.png``, ``behind-schedule.png``: one point per run;
- ``completion.png``: mean completion per run against 序时进度 (dashed);
- ``districts.png``, ``streets.png``, ``partners.png``: a line per group (mean score), at most
  :data:`MAX_LINES` (those lowest in the latest run) so the lines stay readable;
- ``pass-rates.png``: the latest run's pass rate per indicator (bars), labelled by title, or by id when the
  title cannot be drawn;
- ``trajectory.png`` with ``--community``: that community's completion against 序时进度 (not drawn when the
  name belongs to communities of several streets; a note says so).

Charts need one series (one standard and scope); with several they are not drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from creatio_cli.messages import Message, render
from creatio_cli.render import charts
from creatio_cli.render.fonts import ChartFonts
from creatio_cli.render.i18n import t
from creatio_cli.render.safe import make_output_folder, write_atomic
from creatio_cli.trends import HistoryReport, pivot

MAX_LINES = 12


def _titles(key: str, lang: str, **params: object) -> tuple[str, str]:
    """A chart title in ``lang``, and its English form for when the font cannot draw it."""
    return render(f"label.{key}", lang, **params), render(f"label.{key}", "en", **params)


def write_charts(report: HistoryReport, folder: Path, lang: str,
                 warn: Callable[[Message], None] | None = None, fonts: ChartFonts | None = None) -> list[Path]:
    """Write the report's charts into ``folder`` (created); returns the files written."""
    folder = Path(folder)
    fonts = fonts or ChartFonts.find(warn)
    runs = report.runs
    if not runs or len({(r.standard, r.scope) for r in runs}) != 1:
        return []
    pictures: list[tuple[str, bytes]] = []
    dates = [r.as_of.isoformat() for r in runs]
    for name, key, label, value in (
            ("mean-score.png", "chart_mean_score", "mean_score", [r.mean_score for r in runs]),
            ("behind-schedule.png", "chart_behind", "behind_schedule_n", [float(r.behind_schedule) for r in runs])):
        title, fallback = _titles(key, lang)
        pictures.append((name, charts.line_chart(dates, [(t(label, lang), value)], fonts, title=title,
                                                 title_fallback=fallback)))
    title, fallback = _titles("chart_completion", lang)
    pictures.append(("completion.png", charts.line_chart(
        dates, [(t("mean_completion", lang), [r.mean_completion for r in runs])], fonts, title=title,
        title_fallback=fallback, percent=True, reference=(t("expected_progress", lang),
                                                          [r.expected_progress for r in runs]))))
    for name, items, key in (("districts.png", report.districts, "chart_district_scores"),
                             ("streets.png", report.streets, "chart_street_scores"),
                             ("partners.png", report.partners, "chart_partner_scores")):
        if not items:
            continue
        labels, series = pivot(items, runs, lambda g: g.mean_score, limit=MAX_LINES)
        total = len({g.key for g in items})
        note = render("label.chart_more_lines", lang, shown=len(series), total=total) if total > len(series) else ""
        title, fallback = _titles(key, lang)
        pictures.append((name, charts.line_chart(labels, series, fonts, title=title, title_fallback=fallback,
                                                 note=note)))
    if report.indicators:
        latest = sorted((i for i in report.indicators if i.run == runs[-1].run),
                        key=lambda i: (i.pass_rate if i.pass_rate is not None else 2.0, i.indicator))  # worst on top
        title, fallback = _titles("chart_pass_rates", lang, as_of=runs[-1].as_of.isoformat())
        pictures.append(("pass-rates.png", charts.bar_chart(
            [i.title.get(lang) for i in latest], [i.pass_rate for i in latest], fonts, title=title,
            title_fallback=fallback, percent=True, fallbacks=[i.indicator for i in latest])))
    # One community only: two of one name in different streets are not one line (a note says so).
    if report.trajectory and report.communities and len({c.key for c in report.communities}) == 1:
        first = report.communities[0].key
        mine = list(report.communities)
        title = render("label.chart_trajectory", lang, community=first[2])
        pictures.append(("trajectory.png", charts.line_chart(
            [c.as_of.isoformat() for c in mine], [(t("completion", lang), [c.completion for c in mine])], fonts,
            title=title, title_fallback=render("label.chart_trajectory", "en", community="#1"), percent=True,
            reference=(t("expected_progress", lang), [c.expected_progress for c in mine]))))
    written = []
    if pictures:
        make_output_folder(folder)  # the folder may be new, its parent must exist
    for name, data in pictures:
        write_atomic(folder / name, data)
        written.append(folder / name)
    return written

