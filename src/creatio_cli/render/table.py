"""The terminal report with rich: one block per community that falls short (with --all-findings, per community
with any finding: met, not applicable and waived ones too), then the summary.

Every piece of user data goes into ``rich.text.Text`` objects, never into markup strings, so a community
named ``[bold]…`` or ``[/]`` cannot break or restyle the output. No emoji or symbols outside GBK: Windows
consoles in code page 936 are a supported platform, and rich substitutes ASCII boxes on legacy consoles.
A character the console's encoding cannot show (``㎡`` on some code pages) is replaced by a readable
ASCII form before printing.

Long texts wrap inside their column (``overflow="fold"``: Chinese titles have no spaces to break at, and
rich would otherwise cut them with "…"); summary lines wrap at the console's width. Every wrapped text is
a ``WrapText``: it breaks where the filled listings do, never inside a number with its unit (``不低于10%``)
or before closing punctuation, and the list of compliant communities between names.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from creatio_cli.ledger.tokens import display_width
from creatio_cli.messages import Message
from creatio_cli.render import coverage as cov
from creatio_cli.render.i18n import phrase, t, with_unit
from creatio_cli.render.output import Target, emit_console
from creatio_cli.render.records import PROBLEM_STATUSES, fmt_num, fmt_pct
from creatio_cli.render.safe import clean_text
from creatio_cli.render.wrap_text import Fitted, Printable, WrapText
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
        # Ledger text reaches the terminal here: an ESC sequence in a cell must not recolour or clear it.
        text = clean_text(text)
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


#: Units a figure cannot be read without: "要求 90" beside a gap "2 %" may be a score or a count.
_PERCENT_UNITS = frozenset({"%", "％"})


def _value(f: Finding, value: float | bool | None, lang: str, *, actual: bool = False) -> str:
    """A value as people read it; an unreadable actual shows the cell's raw text (``#REF!``). A per cent
    carries its unit as the gap does (``90 %``). A lower-bound or approximate actual shows the cell as
    written too (``约6``, ``10余``): its figure is not exact."""
    if value is None and actual and f.raw:
        return f.raw
    if actual and f.actual_as_written:
        return f.actual_as_written
    if value is True:
        return t("yes", lang)
    if value is False:
        return t("no", lang)
    return with_unit(fmt_num(value), f.unit, lang) if f.unit in _PERCENT_UNITS else fmt_num(value)


def _community_lines(c: CommunityResult, lang: str, enc: _Encoder) -> tuple[Text, Text]:
    """The community's name (and behind-schedule mark), then its figures: two short lines that fit 80
    columns instead of one long line a terminal would break anywhere."""
    name = Text()
    # A ledger without a district (or street) column leaves that part out, not a bare " / " in front.
    name.append(enc(" / ".join(p for p in (c.district, c.street, c.community) if p)), style="bold")
    if c.behind_schedule:
        name.append(enc(f"  [{t('behind_schedule', lang)}]"), style="bold yellow")
    line = Text()
    line.append(enc(f"{t('score', lang)} {fmt_num(c.score)}/{fmt_num(c.max_score)}"))
    line.append(enc(f"  {t('completion', lang)} {fmt_pct(c.completion)}"))
    line.append(enc(f"  {t('expected_progress', lang)} {fmt_pct(c.expected_progress)}"))
    if c.grade:
        line.append(enc(f"  {t('grade', lang)} {c.grade.get(lang)}"))
    if c.indicators_assessed < c.indicators_total:
        line.append(enc(f"  {t('assessed', lang)} {cov.community_assessed(c)}"), style="yellow")
    return name, line


def _invalid_reasons(c: CommunityResult, lang: str, enc: _Encoder) -> list[Padding]:
    """Under the table, why each invalid cell could not be used ("O3: only a lower bound is written …"):
    the office fixing the cell needs the reason, which the table's columns have no room for. A cell that two
    indicators read (the service area: per 100 households and the activity share) is explained once, and
    cells invalid for the same reason share one line (G5、H5、I5：… — six `/` in the six facilities)."""
    cells: dict[tuple[str, str], list[str]] = {}
    reasons: dict[tuple[str, str], Message] = {}
    for f in c.findings:
        message = f.reason_message
        if f.status != "invalid" or message is None:
            continue
        key = (message.code, repr(sorted(message.params.items())))
        reasons.setdefault(key, message)
        where = f.cell or f.indicator
        if where not in cells.setdefault(key, []):
            cells[key].append(where)
    sep = "、" if lang == "zh" else ", "
    lines = []
    for key, message in reasons.items():
        text = phrase("invalid_reason", lang, cell=sep.join(cells[key]), reason=message)
        lines.append(Padding(WrapText(enc(text), style="dim"), (0, 0, 0, 2)))  # wrapped lines keep the indent
    return lines


def _findings_table(c: CommunityResult, lang: str, enc: _Encoder) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2, 0, 0), header_style="bold")
    for key in ("title", "status", "actual", "required", "gap", "cell", "department"):
        right = key in ("actual", "required", "gap")
        table.add_column(enc(t(key, lang)), justify="right" if right else "left", overflow="fold")
    for f in c.findings:
        status_style = "red" if f.status in PROBLEM_STATUSES else "dim"
        cells = [f.title.get(lang) or f.indicator, t(f.status, lang) if f.status else "",
                 _value(f, f.actual, lang, actual=True), _value(f, f.required, lang),
                 with_unit(fmt_num(f.gap), f.unit, lang), f.cell or "", f.department or ""]
        row = [WrapText(enc(x)) for x in cells]
        row[1].stylize(status_style)
        table.add_row(*row)
    return table


#: Counts the per-indicator table always shows; the others only when some indicator has one.
_ALWAYS = ("met", "shortfall")
_WHEN_ANY = ("missing", "invalid", "not_applicable", "waived", "unassessed")
#: The narrowest the title column may get before the counts after 未达标 share one column.
_TITLE_MIN = 16


def _indicator_table(result: CheckResult, lang: str, enc: _Encoder, width: int) -> Table:
    """Counts per indicator: 达标 and 未达标, and every other status some indicator has — 不适用 and 免检
    too, which say why a community with ``/`` cells passed. When their columns leave the title less than
    :data:`_TITLE_MIN` columns of a ``width``-wide terminal, the counts after 未达标 share one column, each
    with its label (``不适用 6、免检 1``): a count that is not zero is never off the screen."""
    summary = result.summary.by_indicator
    extra = [k for k in _WHEN_ANY if any(getattr(i, k) for i in summary)]
    heads = [enc(t(k, lang)) for k in (*_ALWAYS, *extra)]
    # A count column is as wide as its header's longest word; each column adds 3 (padding and rule), plus 1.
    need = sum(max(display_width(w) for w in head.split()) + 3 for head in heads) + 3 + 1
    keys = [*_ALWAYS, *extra] if not extra or need + _TITLE_MIN <= width else [*_ALWAYS, "other_counts"]
    table = Table(title=enc(t("by_indicator", lang)), title_justify="left", header_style="bold")
    table.add_column(enc(t("title", lang)), overflow="fold")
    for key in keys:
        table.add_column(enc(t(key, lang)), justify="left" if key == "other_counts" else "right", overflow="fold")
    sep = t("title_sep", lang)
    for i in summary:
        counts: list[Text | str] = [str(getattr(i, k)) for k in keys if k != "other_counts"]
        if "other_counts" in keys:
            counts.append(WrapText(enc(sep.join(f"{t(k, lang)} {getattr(i, k)}" for k in extra if getattr(i, k))),
                                   items=sep))
        table.add_row(WrapText(enc(i.title.get(lang) or i.indicator)), *counts)
    return table


def _unassessed_table(result: CheckResult, lang: str, enc: _Encoder) -> Table:
    """What could not be assessed; the indicator by its title only (the id is in every file report), so
    the table fits 80 columns."""
    table = Table(title=enc(t("unassessed_heading", lang)), title_justify="left", header_style="bold")
    keep = [i for i, key in enumerate(cov.COLUMNS) if key != "indicator"]
    for i in keep:
        table.add_column(enc(t(cov.COLUMNS[i], lang)), overflow="fold")
    for row in cov.rows(result, lang, file_limit=3):
        # The files column is a list of names: it breaks between files, never inside a path.
        table.add_row(*(WrapText(enc(row[i]), items=t("title_sep", lang) if cov.COLUMNS[i] == "files" else None)
                        for i in keep))
    return table


def render_table(result: CheckResult, lang: str = "zh", console: Console | None = None) -> None:
    """Print the report on ``console`` (a stdout console by default)."""
    console = console or Console()
    enc = _Encoder(console)
    std, camp, s = result.standard, result.campaign, result.summary
    console.print(Text(enc(std.title.get(lang) or std.id), style="bold"))
    console.print(Text(enc(f"{t('as_of', lang)} {result.as_of.isoformat()}  "
                           f"{t('expected_progress', lang)} {fmt_pct(result.expected_progress)}  "
                           f"{t('campaign', lang)} {camp.start.isoformat()} - {camp.deadline.isoformat()}")))
    console.print()
    compliant: list[CommunityResult] = []
    for c in result.communities:
        if c.compliant:
            compliant.append(c)
            if not c.findings:  # findings of a compliant community exist only with --all-findings: show them
                continue
        for line in _community_lines(c, lang, enc):
            console.print(line)
        console.print(Fitted(_findings_table(c, lang, enc)))
        for reason in _invalid_reasons(c, lang, enc):
            console.print(reason)
        console.print()
    coverage = cov.coverage(result)
    if compliant:
        names = t("title_sep", lang).join(f"{c.street}/{c.community}" if c.street else c.community
                                          for c in compliant)
        label = t("compliant_list", lang) if coverage.complete else coverage.compliant_label(lang)
        # A list of names: a line breaks between two communities, never inside one that fits a line.
        head = enc(f"{label} ({len(compliant)}): ")
        line = WrapText(head, style="bold green", items=t("title_sep", lang), lead=len(head))
        line.append(enc(names))
        console.print(Printable(line))
        console.print()
    for f in result.files:
        if f.status != "ok":
            console.print(Text(enc(f"{t('file', lang)} {f.path}: {f.reason.render(lang) if f.reason else t(f.status, lang)}"),
                               style="yellow"))
    console.print(Text(enc(f"{t('communities', lang)} {s.communities}  {coverage.compliant_label(lang)} {s.compliant}  "
                           f"{t('with_shortfalls', lang)} {s.with_shortfalls}  "
                           f"{t('behind_schedule_n', lang)} {s.behind_schedule}"), style="bold"))
    console.print(Text(enc(f"{t('as_of', lang)} {result.as_of.isoformat()}  "
                           f"{t('standard', lang)} {std.id} {std.version}"), style="bold"))
    if not coverage.complete:
        console.print(Printable(WrapText(enc(coverage.sentence(lang)), style="bold yellow")))
    if s.by_indicator:
        console.print(Fitted(_indicator_table(result, lang, enc, console.width)))
    if result.unassessed:
        console.print(Fitted(_unassessed_table(result, lang, enc)))


def emit(result: CheckResult, target: Target) -> list[Path]:
    """The terminal report to stdout (a rich Console) or as plain text into ``target.output``."""
    return emit_console(lambda console: render_table(result, target.lang, console), target)
