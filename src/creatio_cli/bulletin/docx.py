"""Word output: a bulletin rendered through docxtpl from the bundled or an office's own template.

The template renders in the notices' bounded sandbox (``notices.template.DocxRenderer``: strict, autoescaped,
limited in time, items and characters; every failure one line naming the template), and the 公文 layout a
template cannot hold is applied after it (``notices.layout``: the issuer on one line, the signature centred
over the date). A template is validated by rendering a complete sample bulletin — every list non-empty, every
picture present — before anything is drawn or written.

Variables (all text unless said otherwise; ``docs/bulletin.md`` has the details):

================  ===============================================================================
kind              ``weekly`` or ``monthly``
issuer            发文机关 (settings); signature: 落款 (settings); date: 成文日期, the as-of date
number            文号: always empty — creatio does not number bulletins (the office does on issue)
title, addressee  标题; 主送 (settings ``bulletin_addressee``)
lead              the opening paragraph (basis, date, comparison), ending 现将有关情况通报如下：
overall           list of paragraphs of 一、总体情况 (progress, trend, districts, streets, notices)
praise            list: 二、表扬 (十佳 with its tie, the biggest risers)
criticism         list: 三、通报批评 (十差 with its tie, behind schedule, the biggest fallers, overdue notices)
problems          list: 四、存在问题 (lowest pass rates, departments, partner units)
overall_figures   list of charts under 总体情况; problem_figures: under 存在问题. Each has ``image`` (a
                  picture), ``number``, ``caption`` (its title), ``note`` (注：units, where the axis starts,
                  what the marks mean, then ``legend``) and ``legend`` (what substitute labels stand for, or
                  empty: see ``bulletin.charts``)
figures           every chart, in order (the same objects)
annex             附件 rows: rank, district, street, communities, mean_score, compliant, behind
top_note          the tie sentence of 十佳 (empty when the list cuts no tie); bottom_note: of 十差
period            ``7月9日至7月15日`` or ``2022年7月``; as_of: ``2022年7月15日``; area: ``全市``
cc                抄送, joined with ``、`` (empty when none)
================  ===============================================================================
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from creatio_cli.bulletin import charts, data, wording
from creatio_cli.notices.config import NoticeSettings
from creatio_cli.notices.draft import cn_date
from creatio_cli.notices.files import write_atomic
from creatio_cli.notices.template import DocxRenderer
from creatio_cli.render.fonts import ChartFonts

DEFAULT_TEMPLATE = Path(__file__).with_name("default_bulletin.docx")


def blank_png(width: int = 4, height: int = 3) -> bytes:
    """A white PNG (no matplotlib: validating a template must not wait for it) for the sample's pictures."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\xff" * (3 * width) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def draw(figures: tuple[wording.Figure, ...], fonts: ChartFonts) -> dict[str, charts.Chart]:
    """Each figure drawn (``charts``), by key."""
    drawn: dict[str, charts.Chart] = {}
    for figure in figures:
        if figure.key == "streets":
            drawn[figure.key] = charts.street_scores(figure.data["streets"], figure.data["mean"], fonts)[0]
        elif figure.key == "pass_rates":
            drawn[figure.key] = charts.pass_rates(figure.data["rates"], figure.data["marked"], fonts)[0]
        elif figure.key == "trend":
            drawn[figure.key] = charts.trend(figure.data["days"], figure.data["behind"], figure.data["means"], fonts)
    return drawn


def legend_text(chart: charts.Chart) -> str:
    """What a chart drawn with substitute labels stands for: ``图中序号：1. 浦楼街道；2. …``."""
    if not chart.legend:
        return ""
    return "图中序号：" + "；".join(f"{short}. {name}" for short, name in chart.legend) + "。"


_SECTIONS = {"trend": "overall", "streets": "overall", "pass_rates": "problems"}


def context(bulletin: wording.Bulletin, drawn: Mapping[str, charts.Chart], settings: NoticeSettings,
            as_of: date, template: Any = None) -> dict[str, Any]:
    """The template variables (module docstring). ``template``: the docxtpl template being rendered (the
    pictures become its parts); None gives the pictures as PNG bytes (for tests)."""
    from docx.shared import Mm

    figures = []
    for figure in bulletin.figures:
        chart = drawn.get(figure.key)
        if chart is None:
            continue
        if template is not None:
            from docxtpl import InlineImage

            image: Any = InlineImage(template, io.BytesIO(chart.png), width=Mm(chart.width_mm))
        else:
            image = chart.png
        legend = legend_text(chart)
        note = figure.note + legend if figure.note else ("注：" + legend if legend else "")
        figures.append({"key": figure.key, "number": figure.number, "caption": figure.caption, "note": note,
                        "image": image, "legend": legend, "section": _SECTIONS.get(figure.key, "overall")})
    return {
        "kind": bulletin.kind, "issuer": settings.issuer, "signature": settings.signature, "date": bulletin.date,
        "number": "", "title": bulletin.title, "addressee": bulletin.addressee, "lead": bulletin.lead,
        "overall": list(bulletin.overall), "praise": list(bulletin.praise), "criticism": list(bulletin.criticism),
        "problems": list(bulletin.problems), "figures": figures,
        "overall_figures": [f for f in figures if f["section"] == "overall"],
        "problem_figures": [f for f in figures if f["section"] == "problems"],
        "annex": [dict(row) for row in bulletin.streets], "top_note": bulletin.top_note,
        "bottom_note": bulletin.bottom_note, "period": bulletin.period, "as_of": cn_date(as_of),
        "area": settings.area, "cc": "、".join(settings.bulletin_cc),
        "printed_by": settings.printed_by or settings.issuer, "printed_on": bulletin.date,
    }


class BulletinRenderer(DocxRenderer):
    """Renders bulletins from one template (the bundled one by default)."""

    guide = "docs/bulletin.md"

    def __init__(self, template: Path | None = None) -> None:
        super().__init__(Path(template) if template is not None else DEFAULT_TEMPLATE)

    def validate(self) -> None:
        """Render the sample bulletins (weekly and monthly) in memory; UsageError (exit 2) names the template
        and the problem."""
        settings = NoticeSettings(bulletin_cc=["市创建工作领导小组各成员单位"])
        for period in (sample_period("weekly"), sample_period("monthly")):
            bulletin = wording.write(period, area=settings.area, addressee=settings.bulletin_addressee)
            blank = {f.key: charts.Chart(blank_png(), (("1", "示例街道"),), "no_font") for f in bulletin.figures}
            self.render_bytes(bulletin, blank, settings, period.current.as_of)

    def render_bytes(self, bulletin: wording.Bulletin, drawn: Mapping[str, charts.Chart],
                     settings: NoticeSettings, as_of: date) -> bytes:
        """The bulletin as the bytes of a .docx (a title too long for one line broken where it reads whole)."""
        doc = self.render_document(lambda template: context(bulletin, drawn, settings, as_of, template))
        break_title(doc.docx, bulletin)
        buffer = io.BytesIO()
        doc.docx.save(buffer)
        return buffer.getvalue()


TITLE_STYLE = "Creatio Title"


def break_title(doc: Any, bulletin: wording.Bulletin) -> None:
    """Break the title (the paragraph of style ``Creatio Title`` that reads ``bulletin.title``) into its two
    lines (``Bulletin.title_lines``) when it does not fit on one: Word would wrap it wherever the width ends,
    leaving a character or two alone on the second line, or cutting a word in two."""
    from creatio_cli.notices.layout import SLACK, _size, _text_width_pt, width_em

    lines = bulletin.title_lines
    if len(lines) < 2:
        return
    width = _text_width_pt(doc) * SLACK
    for paragraph in doc.paragraphs:
        if paragraph.style is None or paragraph.style.name != TITLE_STYLE or paragraph.text != bulletin.title:
            continue
        size = _size(paragraph)
        if size is None or width_em(bulletin.title) * size <= width or not paragraph.runs:
            continue
        runs = paragraph.runs
        runs[0].text = "\n".join(lines)  # python-docx writes the newline as a <w:br/>
        for run in runs[1:]:
            run.text = ""


def copy_default_template(out: Path) -> Path:
    """``bulletin init-template``: the bundled template, for an office to restyle in Word or WPS."""
    return write_atomic(out, DEFAULT_TEMPLATE.read_bytes())


def sample_period(kind: str = "weekly") -> data.Period:
    """A small complete period (two runs, every list non-empty, ties at both cuts, notices overdue) used to
    validate templates."""
    def community(rank: int, name: str, score: float, behind: bool = False) -> data.Community:
        return data.Community(rank, "示例区", "示例街道", name, score, 100.0, score / 100, behind, score == 100.0,
                              ("市民政局",), frozenset() if score == 100.0 else frozenset({"area.per_100_households"}),
                              () if score == 100.0 else (("area.per_100_households", 100.0 - score),))

    def run(day: date, scores: tuple[float, ...]) -> data.Run:
        ranked = sorted(scores, reverse=True)
        members = tuple(community(ranked.index(s) + 1, f"示例{i}社区", s, s < 50) for i, s in enumerate(ranked))
        top, bottom, top_tie, bottom_tie = data.cut(members, 2)
        n, mean = len(members), round(sum(ranked) / len(ranked), 4)
        compliant, behind = sum(c.compliant for c in members), sum(c.behind_schedule for c in members)
        street = data.Group(1, "示例区", "示例街道", n, mean, mean / 100, compliant / n, behind / n)
        return data.Run(day, "liugeyi-sidabiao", "示例标准", 0.5, data.Summary(n, compliant, n - compliant, behind, mean),
                        members, (street,), (data.Group(1, "示例区", None, n, mean, mean / 100, compliant / n, behind / n),),
                        (data.Partner(1, "市民政局", n, mean, mean / 100, compliant / n, behind / n),),
                        (data.PassRate("area.per_100_households", "社区综合服务设施面积（每百户30㎡）", compliant, n,
                                       compliant / n),),
                        (data.Department("民政局", n - compliant, n - compliant),), top, bottom, top_tie, bottom_tie)

    # Six communities cut at two: three share the first place and three the last, so both tie notes are said.
    earlier = run(date(2022, 7, 8), (100.0, 100.0, 60.0, 60.0, 40.0, 40.0))
    later = run(date(2022, 7, 15), (100.0, 100.0, 100.0, 40.0, 40.0, 40.0))
    notices = data.NoticeActivity(date(2022, 7, 9), date(2022, 7, 15), 1, 1, 1, 1, 1, 2, 1, 1, 0, 0,
                                  (("创文办〔2022〕1号", "示例区", "示例街道", "示例3社区"),))
    if kind == "monthly":
        return data.with_notices(data.monthly([earlier, later]), notices)
    return data.with_notices(data.weekly(later, earlier), notices)
