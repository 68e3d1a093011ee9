"""The terminal report with rich: one block per community that falls short, then the summary.

Every piece of user data goes into ``rich.text.Text`` objects, never into markup strings, so a community
named ``[bold]…`` or ``[/]`` cannot break or restyle the output. No emoji or symbols outside GBK: Windows
consoles in code page 936 are a supported platform, and rich substitutes ASCII boxes on legacy consoles.
A character the console's encoding cannot show (``㎡`` on some code pages) is replaced by a readable
ASCII form before printing.
"""

from __future__ import annotations

import codecs

from rich.console import Console
from rich.table import Table
from rich.text import Text

from creatio_cli.render.i18n import t
from creatio_cli.render.records import PROBLEM_STATUSES, fmt_num, fmt_pct
from creatio_cli.results import CheckResult, CommunityResult, Finding

_ASCII_FALLBACK = {"㎡": "m2", "–": "-", "—": "-", "％": "%"}


class _Encoder:
    """Replace characters the console cannot encode, so printing never raises UnicodeEncodeError."""

    def __init__(self, console: Console) -> None:
        enc = (console.encoding or "utf-8").lower()
        try:
            self.codec = codecs.lookup(enc).name
        except LookupError:
            self.codec = "utf-8"
        self.utf = self.codec.startswith("utf")

    def __call__(self, text: str) -> str:
        if self.utf:
            return text
        try:
            text.encode(self.codec)
            return text
        except UnicodeEncodeError:
            out = []
            for ch in text:
                try:
                    ch.encode(self.codec)
                    out.append(ch)
                except UnicodeEncodeError:
                    out.append(_ASCII_FALLBACK.get(ch, "?"))
            return "".join(out)


def _value(f: Finding, value: float | bool | None, lang: str, *, actual: bool = False) -> str:
    """A value as people read it; an unreadable actual shows the cell's raw text (``#REF!``)."""
    if value is None and actual and f.raw:
        return f.raw
    if value is True:
        return t("yes", lang)
    if value is False:
        return t("no", lang)
    return fmt_num(value)


def _community_line(c: CommunityResult, lang: str, enc: _Encoder) -> Text:
    line = Text()
    line.append(enc(f"{c.district} / {c.street} / {c.community}"), style="bold")
    line.append(enc(f"  {t('score', lang)} {fmt_num(c.score)}/{fmt_num(c.max_score)}"))
    line.append(enc(f"  {t('completion', lang)} {fmt_pct(c.completion)}"))
    line.append(enc(f"  {t('expected_progress', lang)} {fmt_pct(c.expected_progress)}"))
    if c.grade:
        line.append(enc(f"  {t('grade', lang)} {c.grade.get(lang)}"))
    if c.behind_schedule:
        line.append(enc(f"  [{t('behind_schedule', lang)}]"), style="bold yellow")
    return line


def _findings_table(c: CommunityResult, lang: str, enc: _Encoder) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2, 0, 0), header_style="bold")
    for key in ("title", "status", "actual", "required", "gap", "cell", "department"):
        right = key in ("actual", "required", "gap")
        table.add_column(enc(t(key, lang)), justify="right" if right else "left")
    for f in c.findings:
        gap = fmt_num(f.gap)
        if gap and f.unit:
            gap += f" {f.unit}"
        status_style = "red" if f.status in PROBLEM_STATUSES else "dim"
        cells = [f.title.get(lang) or f.indicator, t(f.status, lang) if f.status else "",
                 _value(f, f.actual, lang, actual=True), _value(f, f.required, lang), gap, f.cell or "",
                 f.department or ""]
        row = [Text(enc(x)) for x in cells]
        row[1].stylize(status_style)
        table.add_row(*row)
    return table


def render_table(result: CheckResult, lang: str = "zh", console: Console | None = None) -> None:
    """Print the report on ``console`` (a stdout console by default)."""
    console = console or Console()
    enc = _Encoder(console)
    std, camp, s = result.standard, result.campaign, result.summary
    head = Text(enc(std.title.get(lang) or std.id), style="bold")
    head.append(enc(f"  {t('as_of', lang)} {result.as_of.isoformat()}"))
    head.append(enc(f"  {t('expected_progress', lang)} {fmt_pct(result.expected_progress)}"))
    head.append(enc(f"  {t('campaign', lang)} {camp.start.isoformat()} - {camp.deadline.isoformat()}"))
    console.print(head, soft_wrap=True)
    console.print()
    compliant: list[CommunityResult] = []
    for c in result.communities:
        if c.compliant:
            compliant.append(c)
            continue
        console.print(_community_line(c, lang, enc), soft_wrap=True)
        console.print(_findings_table(c, lang, enc))
        console.print()
    if compliant:
        sep = "、" if lang == "zh" else ", "
        names = sep.join(f"{c.street}/{c.community}" if c.street else c.community for c in compliant)
        line = Text(enc(f"{t('compliant_list', lang)} ({len(compliant)}): "), style="bold green")
        line.append(enc(names))
        console.print(line)
        console.print()
    for f in result.files:
        if f.status != "ok":
            console.print(Text(enc(f"{t('file', lang)} {f.path}: {f.reason.render(lang) if f.reason else f.status}"),
                               style="yellow"))
    summary = (
        f"{t('communities', lang)} {s.communities}  {t('compliant', lang)} {s.compliant}  "
        f"{t('with_shortfalls', lang)} {s.with_shortfalls}  "
        f"{t('behind_schedule_n', lang)} {s.behind_schedule}  "
        f"{t('as_of', lang)} {result.as_of.isoformat()}  {t('standard', lang)} {std.id} {std.version}"
    )
    console.print(Text(enc(summary), style="bold"), soft_wrap=True)
    if s.by_indicator:
        table = Table(title=enc(t("by_indicator", lang)), title_justify="left", header_style="bold")
        table.add_column(enc(t("title", lang)))
        for key in ("met", "shortfall", "missing", "invalid"):
            table.add_column(enc(t(key, lang)), justify="right")
        for i in s.by_indicator:
            table.add_row(Text(enc(i.title.get(lang) or i.indicator)), str(i.met), str(i.shortfall), str(i.missing),
                          str(i.invalid))
        console.print(table)
