"""The 公文 page of GB/T 9704-2012 (党政机关公文格式) as python-docx calls: shared by the template scripts.

``notices.make_template`` (整改通知书) and ``bulletin.make_template`` (通报) build their bundled templates on
:func:`new_document`: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; body 三号仿宋 (16 pt) on 22 lines a page,
title 二号小标宋 (22 pt), headings 黑体, the red 版头, page numbers “— 1 —” in 4号宋体 odd right / even left,
and the paragraph styles ``notices.layout`` finds by name (issuer, signature, date). Chinese fonts are set
as the East Asian font (w:eastAsia) of each style, which Word and WPS both read; setting only the Latin font
name would leave Chinese text in the default 宋体/等线. Only the template scripts import this module (it is
not needed to render).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from creatio_cli.notices.layout import DATE_STYLE, ISSUER_STYLE, SIGNATURE_STYLE

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
RED = RGBColor(0xFF, 0x00, 0x00)
LINE = 28.95  # pt: 22 lines per page at 三号 (GB/T 9704 7.1)
ISSUER_SIZE = 26  # pt, the largest the 版头 gets; notices.layout shrinks a longer issuer to fit one line
TABLE_SIZE = 12  # pt (小四) in the annex table
PAGE_NUMBER_SIZE = 14  # pt (4号)
PAGE_NUMBER_LINE = 14  # pt, the footer's exact line height
PAGE_DASH = "\u2014"  # 一字线 (em dash)


def set_fonts(style: Any, east_asian: str, size: float, bold: bool = False, latin: str = "Times New Roman") -> None:
    """Set a style's size, weight and fonts: ``latin`` for Latin text, ``east_asian`` (w:eastAsia) for Chinese."""
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


def add_style(doc: Any, name: str, font: str, size: float, *, bold: bool = False, align: Any = None,
              indent: bool = True, color: Any = None, latin: str = "Times New Roman") -> Any:
    """A paragraph style on Normal: exact 28.95 pt lines (22 a page), no space around, first line indented two
    characters unless ``indent`` is false."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    set_fonts(style, font, size, bold, latin)
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


def border(paragraph_or_cell_pr: Any, edge: str, size: int, color: str, space: int = 0) -> None:
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


def bottom_rule(paragraph: Any, color: str = "FF0000") -> None:
    """The red 分隔线 under the 文号: a paragraph border 4 mm (11 pt) below it, as wide as the text (GB/T 9704
    7.2.5; WPS 公文 templates draw it the same way), 0.5 mm thick."""
    border(paragraph._p.get_or_add_pPr(), "bottom", 12, color, space=11)


def east_asian_language(doc: Any, lang: str = "zh-CN") -> None:
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


def field(paragraph: Any, instruction: str, shown: str) -> None:
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


def page_numbers(footer: Any, style: Any, align: Any) -> None:
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
    field(paragraph, "PAGE", "1")
    paragraph.add_run(f" {PAGE_DASH}")


def keep(paragraph: Any, with_next: bool = True) -> Any:
    """Keep the paragraph on the page of the next one (Word's “与下段同页”); returns the paragraph."""
    paragraph.paragraph_format.keep_with_next = with_next
    return paragraph


def table_header(row: Any) -> None:
    """Repeat the heading row on every page the table spans (w:tblHeader), and never split a row."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        trpr.append(OxmlElement(tag))


def cant_split(row: Any) -> None:
    """Never split this table row across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def loop_table(doc: Any, headers: Sequence[str], keys: Sequence[str], widths_cm: Sequence[float], loop: str,
               centered: Callable[[str], bool] = lambda _key: True) -> Any:
    """A docxtpl table: the heading row (repeated on every page), then one row per item of ``loop`` (a
    template variable) with ``{{ row.KEY }}`` in each cell, never split across pages; centred cells where
    ``centered(key)``. Widths are set on the grid (read by WPS and LibreOffice) and on each cell (Word)."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    table_header(table.rows[0])
    cant_split(table.rows[2])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].style = doc.styles["Creatio Table Head"]
        cell.paragraphs[0].add_run(text)
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in " + loop + " %}")
    for cell, key in zip(table.rows[2].cells, keys, strict=True):
        cell.paragraphs[0].style = doc.styles["Creatio Table Center" if centered(key) else "Creatio Table"]
        cell.paragraphs[0].add_run("{{ row." + key + " }}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    return table


def copy_to(para: Callable[[str, str], Any], *, landscape: bool = False) -> None:
    """The 版记 (GB/T 9704 7.4) at the end of a template, kept together: a first rule, 抄送 (when the template
    variable ``cc`` is set) over a thin rule, then 印发机关 (左空一字) and 印发日期 (右空一字) with 印发, over
    the last rule. The rules are borders of thin paragraphs without indents (a border spans its paragraph's
    indents). ``para(text, style)`` adds a paragraph; ``landscape``: the 版记 ends a landscape section."""
    para("", "Creatio Plain")
    border(keep(para("", "Creatio Rule"))._p.get_or_add_pPr(), "bottom", 8, "000000")
    para("{%p if cc %}", "Creatio Plain")
    keep(para("抄送：{{ cc }}。", "Creatio Copy To"))
    border(keep(para("", "Creatio Rule"))._p.get_or_add_pPr(), "bottom", 4, "000000")
    para("{%p endif %}", "Creatio Plain")
    keep(para("{{ printed_by }}\t{{ printed_on }}印发", "Creatio Printed Wide" if landscape else "Creatio Printed"))
    border(para("", "Creatio Rule")._p.get_or_add_pPr(), "bottom", 8, "000000")


def save(doc: Any, out: Path, title: str) -> Path:
    """Save a built template to ``out`` (its folder made), titled ``title``, authored by creatio."""
    doc.core_properties.title = title
    doc.core_properties.author = "creatio"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


def landscape(section: Any) -> None:
    """The annex section: A4 landscape, the 版心 turned (225 × 156 mm), page number 7 mm under it."""
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(37), Mm(35)
    section.footer_distance = Mm(26 - 7) - Pt(PAGE_NUMBER_LINE)


def new_document() -> Any:
    """A python-docx ``Document`` with the 公文 page, its paragraph styles and page-number footers, no text."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The page number's line starts 7 mm under the 版心 (GB/T 9704 7.5): the footer's bottom edge is then
    # 35 − 7 mm − one 14 pt line above the page edge.
    section.footer_distance = Mm(35 - 7) - Pt(PAGE_NUMBER_LINE)
    east_asian_language(doc)
    set_fonts(doc.styles["Normal"], BODY_FONT, 16)
    doc.styles["Normal"].paragraph_format.widow_control = True  # no line of a paragraph alone on a page
    center, right, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    issuer = add_style(doc, ISSUER_STYLE, TITLE_FONT, ISSUER_SIZE, align=center, indent=False, color=RED)
    # 发文机关标志: 上边缘至版心上边缘为35mm (GB/T 9704 7.2.3); its line is as tall as its font needs (a
    # shrunk issuer, notices.layout, must not leave a 29 pt line under a 36 pt glyph or the reverse).
    issuer.paragraph_format.space_before = Mm(35)
    issuer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    issuer.paragraph_format.keep_with_next = True
    number = add_style(doc, "Creatio Number", BODY_FONT, 16, align=center, indent=False)
    number.paragraph_format.space_before = Pt(2 * LINE)  # 发文字号: 发文机关标志下空二行
    add_style(doc, "Creatio Title", TITLE_FONT, 22, align=center, indent=False).paragraph_format.keep_with_next = True
    add_style(doc, "Creatio Body", BODY_FONT, 16)
    add_style(doc, "Creatio Plain", BODY_FONT, 16, indent=False)
    add_style(doc, "Creatio Heading", HEADING_FONT, 16).paragraph_format.keep_with_next = True
    add_style(doc, "Creatio Annex Heading", HEADING_FONT, 16, indent=False).paragraph_format.keep_with_next = True
    add_style(doc, "Creatio Mark", BODY_FONT, 16, align=right, indent=False, color=RED)
    # 署名 and 成文日期 (GB/T 9704 7.3.5.1): the date 右空四字; the signature centred over the date, which
    # notices.layout works out per notice (it depends on both texts' lengths).
    signature = add_style(doc, SIGNATURE_STYLE, BODY_FONT, 16, align=right, indent=False)
    signature.paragraph_format.keep_with_next = True
    date = add_style(doc, DATE_STYLE, BODY_FONT, 16, align=right, indent=False)
    date.paragraph_format.right_indent = Pt(4 * 16)
    page_number = add_style(doc, "Creatio Page Number", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, indent=False,
                         latin=PAGE_NUMBER_FONT)
    page_number.paragraph_format.line_spacing = Pt(PAGE_NUMBER_LINE)
    copy_to = add_style(doc, "Creatio Copy To", BODY_FONT, 14, indent=False)  # 版记: 4号仿宋
    copy_to.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    copy_to.paragraph_format.first_line_indent = Pt(-3 * 14)
    copy_to.paragraph_format.left_indent = Pt(4 * 14)  # 左右各空一字, and the 3 characters of “抄送：”
    copy_to.paragraph_format.right_indent = Pt(14)
    copy_to.paragraph_format.space_before = copy_to.paragraph_format.space_after = Pt(3)
    # 印发机关 左空一字, 印发日期 右空一字 at a right tab stop (GB/T 9704 7.4.3); the 版心 is 156 mm wide,
    # 225 mm in a landscape annex section.
    for name, width in (("Creatio Printed", Mm(156)), ("Creatio Printed Wide", Mm(225))):
        printed = add_style(doc, name, BODY_FONT, 14, indent=False)
        printed.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        printed.paragraph_format.left_indent = printed.paragraph_format.right_indent = Pt(14)
        printed.paragraph_format.space_before = printed.paragraph_format.space_after = Pt(3)
        printed.paragraph_format.tab_stops.add_tab_stop(width - Pt(14), WD_TAB_ALIGNMENT.RIGHT)
    rule = add_style(doc, "Creatio Rule", BODY_FONT, 2, indent=False)  # a 2 pt line that carries a border
    rule.paragraph_format.line_spacing = Pt(2)
    for name, font, bold, align in (("Creatio Table", BODY_FONT, False, None),
                                    ("Creatio Table Center", BODY_FONT, False, center),
                                    ("Creatio Table Head", HEADING_FONT, False, center)):
        table_style = add_style(doc, name, font, TABLE_SIZE, bold=bold, align=align, indent=False)
        # Table text is small print: single spacing, or a 12 pt cell would take a 29 pt line.
        table_style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        table_style.paragraph_format.widow_control = False

    doc.settings.odd_and_even_pages_header_footer = True
    page_numbers(section.footer, page_number, right)
    page_numbers(section.even_page_footer, page_number, left)

    return doc
