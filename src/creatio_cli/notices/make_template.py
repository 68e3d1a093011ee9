"""Build the bundled default notice template (default_notice.docx) with python-docx.

Run ``python -m creatio_cli.notices.make_template [OUT.docx]`` after changing the layout; the .docx is
committed beside this script. Layout after GB/T 9704-2012 (党政机关公文格式): A4, 天头 37 mm, 订口 28 mm,
版心 156 × 225 mm; body 三号仿宋 (16 pt), title 二号小标宋 (22 pt), headings 黑体, red 版头 and rule.
Chinese fonts are set as the East Asian font (w:eastAsia) of each style, which Word and WPS both read;
setting only the Latin font name would leave Chinese text in the default 宋体/等线.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from creatio_cli.notices.draft import ANNEX_HEADERS, ANNEX_KEYS

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
RED = RGBColor(0xFF, 0x00, 0x00)
TEMPLATE = Path(__file__).with_name("default_notice.docx")
# The 15.6 cm text width of an A4 公文 page (28 mm + 26 mm margins), widest for the problem and its basis.
ANNEX_WIDTHS_CM = (1.0, 4.0, 3.3, 2.5, 1.7, 1.9, 1.2)


def _fonts(style, east_asian: str, size: float, bold: bool = False, latin: str = "Times New Roman") -> None:
    style.font.name = latin
    style.font.size = Pt(size)
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _style(doc, name: str, font: str, size: float, *, bold=False, align=None, indent=True, color=None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    _fonts(style, font, size, bold)
    if color is not None:
        style.font.color.rgb = color
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)  # 22 lines per page at 三号 (GB/T 9704 7.1)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(size * 2) if indent else Pt(0)
    if align is not None:
        fmt.alignment = align
    return style


def _bottom_rule(paragraph, color: str = "FF0000") -> None:
    """The red separator line under the 文号 (a paragraph border, as WPS 公文 templates do)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", color)):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def build(out: Path = TEMPLATE) -> Path:
    """Write the template to ``out`` and return it."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _fonts(doc.styles["Normal"], BODY_FONT, 16)
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _style(doc, "Creatio Issuer", TITLE_FONT, 26, align=center, indent=False, color=RED)
    _style(doc, "Creatio Number", BODY_FONT, 16, align=center, indent=False)
    _style(doc, "Creatio Title", TITLE_FONT, 22, align=center, indent=False)
    _style(doc, "Creatio Body", BODY_FONT, 16)
    _style(doc, "Creatio Plain", BODY_FONT, 16, indent=False)
    _style(doc, "Creatio Heading", HEADING_FONT, 16)
    _style(doc, "Creatio Signature", BODY_FONT, 16, align=right, indent=False)
    table_style = _style(doc, "Creatio Table", BODY_FONT, 10.5, indent=False)
    # Table text is small print: single spacing, or a 10.5 pt cell would take a 29 pt line.
    table_style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def para(text: str, style: str):
        paragraph = doc.add_paragraph(style=style)
        paragraph.add_run(text)  # one run per tag, so docxtpl sees each Jinja tag whole
        return paragraph

    para("{{ issuer }}", "Creatio Issuer")
    _bottom_rule(para("{{ number }}", "Creatio Number"))
    para("", "Creatio Plain")
    para("{%p if kind == 'escalation' %}", "Creatio Plain")
    para("（督办件）", "Creatio Signature").runs[0].font.color.rgb = RED
    para("{%p endif %}", "Creatio Plain")
    para("{{ title }}", "Creatio Title")
    para("", "Creatio Plain")
    para("{{ addressee }}", "Creatio Plain")
    para("{{ basis }}", "Creatio Body")
    para("{{ progress }}", "Creatio Body")
    para("{%p for problem in problems %}", "Creatio Body")
    para("{{ problem }}", "Creatio Body")
    para("{%p endfor %}", "Creatio Body")
    para("{%p if unreflected %}", "Creatio Plain")
    para("{{ unreflected_note }}", "Creatio Body")
    para("{%p for item in unreflected %}", "Creatio Body")
    para("{{ loop.index }}. {{ item }}", "Creatio Body")
    para("{%p endfor %}", "Creatio Body")
    para("{%p endif %}", "Creatio Plain")
    para("整改要求", "Creatio Heading")
    para("{%p for item in requirements %}", "Creatio Body")
    para("{{ item }}", "Creatio Body")
    para("{%p endfor %}", "Creatio Body")
    para("{{ deadline }}{{ reply }}", "Creatio Body")
    para("{{ consequence }}", "Creatio Body")
    para("附件：问题清单", "Creatio Body")
    para("", "Creatio Plain")
    para("{{ signature }}", "Creatio Signature")
    para("{{ date }}", "Creatio Signature")
    para("{%p if cc %}", "Creatio Plain")
    para("抄送：{{ cc }}。", "Creatio Plain")
    para("{%p endif %}", "Creatio Plain")
    para("附件", "Creatio Heading").paragraph_format.page_break_before = True
    para("问题清单（{{ number }}）", "Creatio Title")
    table = doc.add_table(rows=4, cols=len(ANNEX_HEADERS))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, ANNEX_WIDTHS_CM, strict=True):
        column.width = Cm(width)  # the grid (read by WPS and LibreOffice) …
    for row in table.rows:  # … and each cell (read by Word)
        for cell, width in zip(row.cells, ANNEX_WIDTHS_CM, strict=True):
            cell.width = Cm(width)
    for cell, text in zip(table.rows[0].cells, ANNEX_HEADERS, strict=True):
        cell.paragraphs[0].style = doc.styles["Creatio Table"]
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in annex %}")
    for cell, key in zip(table.rows[2].cells, ANNEX_KEYS, strict=True):
        cell.paragraphs[0].style = doc.styles["Creatio Table"]
        cell.paragraphs[0].add_run("{{ row." + key + " }}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    doc.core_properties.title = "整改通知书模板"
    doc.core_properties.author = "creatio"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
