"""The terminal view of a ScoreResult (rich): summary, 十佳 / 十差, street ranking, biggest movers."""

from __future__ import annotations

from typing import Any


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _row(table: Any, *cells: str) -> None:
    """Cells as plain Text: a community named ``[bold]x`` is shown as written, never as markup."""
    from rich.text import Text

    table.add_row(*(Text(c) for c in cells))


def render_score_table(result: Any, lang: str, console: Any, limit: int = 10) -> None:
    """Print the bulletin's tables to ``console`` (a rich Console)."""
    from rich.table import Table

    en = lang == "en"
    check, s = result.check, result.check.summary
    ok = sum(f.status == "ok" for f in check.files)

    summary = Table(title="Score summary" if en else "评分汇总", show_header=False)
    summary.add_column()
    summary.add_column()
    for label_en, label_zh, value in (
        ("standard", "标准", check.standard.title.get(lang)), ("as of", "截至日期", check.as_of.isoformat()),
        ("expected progress", "序时进度", _pct(check.expected_progress)),
        ("files read / skipped", "读取 / 跳过文件", f"{ok} / {len(check.files) - ok}"),
        ("communities", "社区数", str(s.communities)), ("compliant", "达标", str(s.compliant)),
        ("with shortfalls", "有问题", str(s.with_shortfalls)),
        ("behind schedule", "慢序时", str(s.behind_schedule)),
        ("grades", "等级", "  ".join(f"{g or '-'} {n}" for g, n in result.grades)),
    ):
        _row(summary, label_en if en else label_zh, value)
    console.print(summary)

    change = result.baseline is not None
    for title, entries in ((("Top", "十佳"), result.top), (("Bottom", "十差"), result.bottom)):
        table = Table(title=title[0] if en else title[1])
        heads = ["Rank", "District", "Street", "Community", "Score", "Grade", "Findings"] if en else \
            ["排名", "区县", "街道", "社区", "得分", "等级", "问题数"]
        for h in heads + (["Change" if en else "变化"] if change else []):
            table.add_column(h)
        for e in entries:
            row = [str(e.rank), e.district, e.street, e.community, _num(e.score), e.grade.get(lang) if e.grade else "",
                   str(e.findings)]
            _row(table, *row, *([_num(e.score_change)] if change else []))
        console.print(table)

    streets = Table(title="Streets" if en else "街道排名")
    for h in (["Rank", "District", "Street", "Communities", "Mean score", "Compliant", "Behind schedule"] if en
              else ["排名", "区县", "街道", "社区数", "平均分", "达标率", "慢序时比例"]):
        streets.add_column(h)
    for g in result.streets:
        _row(streets, str(g.rank), g.district, g.street or "", str(g.communities), f"{g.mean_score:.2f}",
                        _pct(g.share_compliant), _pct(g.share_behind_schedule))
    console.print(streets)

    if change:
        improved, declined = result.baseline.movers()
        for title, rows in ((("Most improved", "进步最大"), improved), (("Most declined", "退步最大"), declined)):
            table = Table(title=title[0] if en else title[1])
            for h in (["District", "Street", "Community", "Score", "Change", "Fixed", "New"] if en else
                      ["区县", "街道", "社区", "得分", "变化", "已整改", "新问题"]):
                table.add_column(h)
            for r in rows[:limit]:
                _row(table, r["district"], r["street"], r["community"], _num(r["score"]),
                              f"{r['score_change']:+g}", ", ".join(r["fixed"]), ", ".join(r["new"]))
            console.print(table)

    skipped = [f for f in check.files if f.status != "ok"]
    if skipped:
        table = Table(title="Skipped files" if en else "跳过的文件")
        table.add_column("File" if en else "文件")
        table.add_column("Reason" if en else "原因")
        for f in skipped:
            _row(table, f.path, f.reason.render(lang) if f.reason else "")
        console.print(table)
