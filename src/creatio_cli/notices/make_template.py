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
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from creatio_cli.notices.draft import ANNEX_HEADERS, ANNEX_KEYS
from creatio_cli.notices.layout import DATE_STYLE, ISSUER_STYLE, SIGNATURE_STYLE

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
RED = RGBColor(0xFF, 0x00, 0x00)
TEMPLATE = Path(__file__).with_name("default_notice.docx")
LINE = 28.95  # pt: 22 lines per page at 三号 (GB/T 9704 7.1)
ISSUER_SIZE = 26  # pt, the largest the 版头 gets; notices.layout shrinks a longer issuer to fit one line
TABLE_SIZE = 12  # pt (小四) in the annex table
PAGE_NUMBER_SIZE = 14  # pt (4号)
PAGE_NUMBER_LINE = 14  # pt, the footer's exact line height
PAGE_DASH = "\u2014"  # 一字线 (em dash)
# The annex is landscape: the 22.5 cm 版心 width, widest for the problem and its basis, and room to write
# in 整改情况 by hand.
ANNEX_WIDTHS_CM = (1.4, 5.0, 5.4, 3.8, 2.2, 2.2, 2.5)
ANNEX_CENTERED = frozenset({"seq", "department", "due"})


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


def _style(doc, name: str, font: str, size: float, *, bold=False, align=None, indent=True, color=None,
           latin: str = "Times New Roman"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    _fonts(style, font, size, bold, latin)
    if color is not None:
        style.font.color.rgb = color
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(size * 2) if indent else Pt(0)
    if align is not None:
        fmt.alignment = align
    return style


def _border(paragraph_or_cell_pr, edge: str, size: int, color: str, space: int = 0) -> None:
    """A paragraph (``w:pBdr``) or cell (``w:tcBorders``) border line; ``size`` in eighths of a point."""
    tag = "w:tcBorders" if paragraph_or_cell_pr.tag == qn("w:tcPr") else "w:pBdr"
    borders = paragraph_or_cell_pr.find(qn(tag))
    if borders is None:
        borders = OxmlElement(tag)
        paragraph_or_cell_pr.append(borders)
    line = OxmlElement(f"w:{edge}")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", str(space)), ("w:color", color)):
        line.set(qn(key), value)
    borders.append(line)


def _bottom_rule(paragraph, color: str = "FF0000") -> None:
    """The red 分隔线 under the 文号: a paragraph border 4 mm (11 pt) below it, as wide as the text (GB/T 9704
    7.2.5; WPS 公文 templates draw it the same way), 0.5 mm thick."""
    _border(paragraph._p.get_or_add_pPr(), "bottom", 12, color, space=11)


def _east_asian_language(doc, lang: str = "zh-CN") -> None:
    """Declare the Chinese text Chinese: python-docx's default says en-US for East Asian text, and a renderer
    that lacks 仿宋_GB2312 then falls back to a Japanese face (LibreOffice picked Noto Serif CJK **JP**, whose
    full-width colon and quotes sit differently) and Word's line breaking and spell checks are wrong."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:eastAsia"), lang)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (``w:fldChar`` begin / ``w:instrText`` / separate / result / end) in its own runs, so
    docxtpl's Jinja pass sees no tag and Word and LibreOffice both update it on every page."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, shown),
                       ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == shown:
            run.text = text
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _page_number(footer, style, align) -> None:
    """“— 1 —”: 4号半角宋体阿拉伯数字 between two 一字线 (em dashes), 单页码居右空一字、双页码居左空一字
    (GB/T 9704 7.5)."""
    paragraph = footer.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = align
    indent = Pt(PAGE_NUMBER_SIZE)  # 空一字: one 4号 character
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    paragraph.add_run(f"{PAGE_DASH} ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(f" {PAGE_DASH}")


def _keep(paragraph, with_next: bool = True):
    paragraph.paragraph_format.keep_with_next = with_next
    return paragraph


def _table_header(row) -> None:
    """Repeat the heading row on every page the table spans (w:tblHeader), and never split a row."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        trpr.append(OxmlElement(tag))


def _cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _landscape(section) -> None:
    """The annex section: A4 landscape, the 版心 turned (225 × 156 mm), page number 7 mm under it."""
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(37), Mm(35)
    section.footer_distance = Mm(26 - 7) - Pt(PAGE_NUMBER_LINE)


def build(out: Path = TEMPLATE) -> Path:
    """Write the template to ``out`` and return it."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The page number's line starts 7 mm under the 版心 (GB/T 9704 7.5): the footer's bottom edge is then
    # 35 − 7 mm − one 14 pt line above the page edge.
    section.footer_distance = Mm(35 - 7) - Pt(PAGE_NUMBER_LINE)
    _east_asian_language(doc)
    _fonts(doc.styles["Normal"], BODY_FONT, 16)
    doc.styles["Normal"].paragraph_format.widow_control = True  # no line of a paragraph alone on a page
    center, right, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    issuer = _style(doc, ISSUER_STYLE, TITLE_FONT, ISSUER_SIZE, align=center, indent=False, color=RED)
    # 发文机关标志: 上边缘至版心上边缘为35mm (GB/T 9704 7.2.3); its line is as tall as its font needs (a
    # shrunk issuer, notices.layout, must not leave a 29 pt line under a 36 pt glyph or the reverse).
    issuer.paragraph_format.space_before = Mm(35)
    issuer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    issuer.paragraph_format.keep_with_next = True
    number = _style(doc, "Creatio Number", BODY_FONT, 16, align=center, indent=False)
    number.paragraph_format.space_before = Pt(2 * LINE)  # 发文字号: 发文机关标志下空二行
    _style(doc, "Creatio Title", TITLE_FONT, 22, align=center, indent=False).paragraph_format.keep_with_next = True
    _style(doc, "Creatio Body", BODY_FONT, 16)
    _style(doc, "Creatio Plain", BODY_FONT, 16, indent=False)
    _style(doc, "Creatio Heading", HEADING_FONT, 16).paragraph_format.keep_with_next = True
    _style(doc, "Creatio Annex Heading", HEADING_FONT, 16, indent=False).paragraph_format.keep_with_next = True
    _style(doc, "Creatio Mark", BODY_FONT, 16, align=right, indent=False, color=RED)
    # 署名 and 成文日期 (GB/T 9704 7.3.5.1): the date 右空四字; the signature centred over the date, which
    # notices.layout works out per notice (it depends on both texts' lengths).
    signature = _style(doc, SIGNATURE_STYLE, BODY_FONT, 16, align=right, indent=False)
    signature.paragraph_format.keep_with_next = True
    date = _style(doc, DATE_STYLE, BODY_FONT, 16, align=right, indent=False)
    date.paragraph_format.right_indent = Pt(4 * 16)
    page_number = _style(doc, "Creatio Page Number", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, indent=False,
                         latin=PAGE_NUMBER_FONT)
    page_number.paragraph_format.line_spacing = Pt(PAGE_NUMBER_LINE)
    copy_to = _style(doc, "Creatio Copy To", BODY_FONT, 14, indent=False)  # 版记: 4号仿宋
    copy_to.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    copy_to.paragraph_format.first_line_indent = Pt(-3 * 14)
    copy_to.paragraph_format.left_indent = Pt(4 * 14)  # 左右各空一字, and the 3 characters of “抄送：”
    copy_to.paragraph_format.right_indent = Pt(14)
    copy_to.paragraph_format.space_before = copy_to.paragraph_format.space_after = Pt(3)
    rule = _style(doc, "Creatio Rule", BODY_FONT, 2, indent=False)  # a 2 pt line that carries a border
    rule.paragraph_format.line_spacing = Pt(2)
    for name, font, bold, align in (("Creatio Table", BODY_FONT, False, None),
                                    ("Creatio Table Center", BODY_FONT, False, center),
                                    ("Creatio Table Head", HEADING_FONT, False, center)):
        table_style = _style(doc, name, font, TABLE_SIZE, bold=bold, align=align, indent=False)
        # Table text is small print: single spacing, or a 12 pt cell would take a 29 pt line.
        table_style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        table_style.paragraph_format.widow_control = False

    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, page_number, right)
    _page_number(section.even_page_footer, page_number, left)

    def para(text: str, style: str):
        paragraph = doc.add_paragraph(style=style)
        paragraph.add_run(text)  # one run per tag, so docxtpl sees each Jinja tag whole
        return paragraph

    para("{{ issuer }}", ISSUER_STYLE)
    _bottom_rule(para("{{ number }}", "Creatio Number"))
    para("", "Creatio Plain")  # 标题: 红色分隔线下空二行 — the second line says 督办件 on an escalation
    para("{%p if kind == 'escalation' %}", "Creatio Plain")
    para("（督办件）", "Creatio Mark")
    para("{%p else %}", "Creatio Plain")
    para("", "Creatio Plain")
    para("{%p endif %}", "Creatio Plain")
    para("{{ title }}", "Creatio Title")
    _keep(para("", "Creatio Plain"))
    _keep(para("{{ addressee }}", "Creatio Plain"))
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
    # The closing block moves as one: the last body paragraph, 附件说明 (正文下空一行), two lines for the
    # seal, 署名, 成文日期 — 署名 and date are never alone on a page (GB/T 9704 7.3.5: no “此页无正文”).
    _keep(para("{{ consequence }}", "Creatio Body"))
    _keep(para("", "Creatio Plain"))
    _keep(para("附件：问题清单", "Creatio Body"))
    _keep(para("", "Creatio Plain"))
    _keep(para("", "Creatio Plain"))
    para("{{ signature }}", SIGNATURE_STYLE)
    date_paragraph = para("{{ date }}", DATE_STYLE)
    # The annex on its own pages, landscape (GB/T 9704 8: 附件另面编排; 10: 表格横排): the section break
    # sits in the date's paragraph, so no empty paragraph can spill onto a page of its own.
    doc.add_section(WD_SECTION.NEW_PAGE)
    breaker = date_paragraph._p.getnext()
    date_paragraph._p.get_or_add_pPr().append(breaker.find(qn("w:pPr")).find(qn("w:sectPr")))
    breaker.getparent().remove(breaker)
    portrait = date_paragraph._p.pPr.find(qn("w:sectPr"))
    _landscape(doc.sections[-1])
    assert portrait is not None
    # 附件: “附件”二字 黑体 顶格 on the first line, the annex title centred on the third (GB/T 9704 8).
    para("附件", "Creatio Annex Heading")
    _keep(para("", "Creatio Plain"))
    para("问题清单（{{ number }}）", "Creatio Title")
    _keep(para("", "Creatio Plain"))
    table = doc.add_table(rows=4, cols=len(ANNEX_HEADERS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, ANNEX_WIDTHS_CM, strict=True):
        column.width = Cm(width)  # the grid (read by WPS and LibreOffice) …
    for row in table.rows:  # … and each cell (read by Word)
        for cell, width in zip(row.cells, ANNEX_WIDTHS_CM, strict=True):
            cell.width = Cm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _table_header(table.rows[0])
    _cant_split(table.rows[2])
    for cell, text in zip(table.rows[0].cells, ANNEX_HEADERS, strict=True):
        cell.paragraphs[0].style = doc.styles["Creatio Table Head"]
        cell.paragraphs[0].add_run(text)
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in annex %}")
    for cell, key in zip(table.rows[2].cells, ANNEX_KEYS, strict=True):
        cell.paragraphs[0].style = doc.styles["Creatio Table Center" if key in ANNEX_CENTERED else "Creatio Table"]
        cell.paragraphs[0].add_run("{{ row." + key + " }}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    # 版记 (GB/T 9704 7.4): after the annex, at the end; 抄送 between two full-width rules, 左右各空一字.
    # The rules are borders of two thin paragraphs without indents (a border spans its paragraph's indents).
    para("{%p if cc %}", "Creatio Plain")
    para("", "Creatio Plain")
    _border(_keep(para("", "Creatio Rule"))._p.get_or_add_pPr(), "bottom", 8, "000000")
    _keep(para("抄送：{{ cc }}。", "Creatio Copy To"))
    _border(para("", "Creatio Rule")._p.get_or_add_pPr(), "bottom", 8, "000000")
    para("{%p endif %}", "Creatio Plain")
    doc.core_properties.title = "整改通知书模板"
    doc.core_properties.author = "creatio"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
