"""The notice as a page (GB/T 9704-2012), checked in the .docx structure: no LibreOffice needed.

docs/render.py shows the same documents as pictures; these tests hold what was fixed after looking at them:
page numbers “— 1 —” odd right / even left, the closing block kept together, the 版头 on one line, the
signature centred over the date, the annex landscape with its heading row repeated, 抄送 in the 版记.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from creatio_cli.notices import layout
from creatio_cli.notices.docx import DEFAULT_TEMPLATE, NoticeRenderer, sample_notice

LONG_ISSUER = "宿迁市宿城区创建全国文明城市工作指挥部办公室"  # 22 characters: 572 pt at 26 pt, the line is 442


@pytest.fixture(scope="module")
def renderer():
    return NoticeRenderer()


def render(renderer, **changes):
    return docx.Document(io.BytesIO(renderer.render_bytes(replace(sample_notice(), **changes))))


def effective(paragraph, attr):
    """A paragraph property as Word resolves it: the paragraph's own, else its style chain's."""
    value = getattr(paragraph.paragraph_format, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr)
        style = style.base_style
    return value


def size_pt(paragraph):
    for run in paragraph.runs:
        if run.text and run.font.size is not None:
            return run.font.size.pt
    style = paragraph.style
    while style is not None and style.font.size is None:
        style = style.base_style
    return style.font.size.pt


def find(doc, text, style=None):
    return next(i for i, p in enumerate(doc.paragraphs) if p.text == text and (style is None or p.style.name == style))


# --- page numbers -----------------------------------------------------------------------------------------------

def _footer_number(footer):
    """(text before the PAGE field, instruction, text after, alignment, paragraph) of a footer."""
    paragraph = footer.paragraphs[0]
    runs = paragraph._p.findall(qn("w:r"))
    kinds = [(r.find(qn("w:fldChar")).get(qn("w:fldCharType")) if r.find(qn("w:fldChar")) is not None else None)
             for r in runs]
    begin, end = kinds.index("begin"), kinds.index("end")
    text = ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in runs]
    instruction = "".join(r.find(qn("w:instrText")).text for r in runs[begin:end] if r.find(qn("w:instrText")) is not None)
    return "".join(text[:begin]), instruction.strip(), "".join(text[end + 1:]), paragraph.alignment, paragraph


@pytest.mark.parametrize("source", ["template", "rendered"])
def test_footer_has_a_page_field_between_em_dashes_odd_right_even_left(renderer, source):
    doc = docx.Document(str(DEFAULT_TEMPLATE)) if source == "template" else render(renderer)
    assert doc.settings.odd_and_even_pages_header_footer  # w:evenAndOddHeaders, or the even footer is unused
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        before, instruction, after, alignment, paragraph = _footer_number(footer)
        assert instruction == "PAGE"
        assert before.strip() == "\u2014" and after.strip() == "\u2014"  # — 1 —
        assert alignment == align
        assert size_pt(paragraph) == 14  # 4号
        fonts = paragraph.style.element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia")} == {"宋体"}  # 半角宋体 digits
    # 空一字 on the outer side
    assert section.footer.paragraphs[0].paragraph_format.right_indent == Pt(14)
    assert section.even_page_footer.paragraphs[0].paragraph_format.left_indent == Pt(14)


def test_every_section_shows_the_page_numbers(renderer):
    doc = render(renderer)
    assert len(doc.sections) == 2  # the letter, then the landscape annex
    assert all(s.footer.is_linked_to_previous for s in doc.sections[1:])


# --- keeping the closing block and the annex heading together ---------------------------------------------------

def test_signature_and_date_are_never_alone_on_a_page(renderer):
    notice = sample_notice()
    doc = render(renderer)
    paragraphs = doc.paragraphs
    signature = find(doc, notice.signature, layout.SIGNATURE_STYLE)
    assert paragraphs[signature + 1].text == "2022年6月30日"  # the date right under it
    consequence = find(doc, notice.consequence)
    chain = paragraphs[consequence:signature + 1]  # last body paragraph … 附件说明 … 署名
    assert "附件：问题清单" in [p.text for p in chain]
    assert all(effective(p, "keep_with_next") for p in chain), [p.text for p in chain if not effective(p, "keep_with_next")]
    assert effective(paragraphs[consequence - 1], "keep_with_next") is not True  # only the closing block is glued


def test_annex_heading_title_and_table_stay_together(renderer):
    doc = render(renderer)
    paragraphs = doc.paragraphs
    heading = find(doc, "附件")
    title = find(doc, "问题清单（创文办〔2022〕1号）")
    assert all(effective(p, "keep_with_next") for p in paragraphs[heading:title + 2])
    assert paragraphs[title + 1]._p.getnext().tag == qn("w:tbl")  # … and the paragraph before the table
    assert effective(paragraphs[heading], "first_line_indent") in (None, 0)  # 附件 顶格


def test_annex_is_a_landscape_section_with_its_heading_row_repeated(renderer):
    doc = render(renderer)
    annex = doc.sections[1]
    assert annex.orientation == WD_ORIENT.LANDSCAPE and annex.page_width > annex.page_height
    table = doc.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    width = sum(c.width for c in table.columns)
    assert abs(width - (annex.page_width - annex.left_margin - annex.right_margin)) < Pt(1)
    # The section break rides on the date's paragraph: no empty paragraph that could spill onto a page.
    date = find(doc, "2022年6月30日")
    assert doc.paragraphs[date]._p.pPr.find(qn("w:sectPr")) is not None


# --- the 版头 on one line -----------------------------------------------------------------------------------------

def _issuer(doc, text):
    return doc.paragraphs[find(doc, text, layout.ISSUER_STYLE)]


def test_long_issuer_shrinks_to_one_line(renderer):
    doc = render(renderer, issuer=LONG_ISSUER)
    paragraph = _issuer(doc, LONG_ISSUER)
    section = doc.sections[0]
    line = (section.page_width - section.left_margin - section.right_margin) / 12700
    size = size_pt(paragraph)
    assert size < 26
    assert layout.width_em(LONG_ISSUER) * size <= line  # fits the 156 mm line
    assert layout.width_em(LONG_ISSUER) * (size + 1) > line * layout.SLACK  # and is not shrunk more than needed


def test_short_issuer_keeps_the_style_size(renderer):
    doc = render(renderer, issuer="宿城区民政局")
    paragraph = _issuer(doc, "宿城区民政局")
    assert all(run.font.size is None for run in paragraph.runs)
    assert size_pt(paragraph) == 26


def test_issuer_is_red_and_35mm_below_the_top_of_the_text(renderer):
    doc = render(renderer)
    paragraph = _issuer(doc, sample_notice().issuer)
    assert paragraph.style.font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert abs(effective(paragraph, "space_before") - docx.shared.Mm(35)) < Pt(0.5)


def test_fitted_size_and_width():
    assert layout.width_em("创文办") == 3
    assert layout.width_em("2022年6月30日") == 6.5
    assert layout.fitted_size("宿城区民政局", 26, 442) == 26
    assert layout.fitted_size("字" * 30, 26, 442) == 14  # 442 × 0.97 / 30 = 14.3 → 14
    assert layout.fitted_size("字" * 100, 26, 442) == layout.MIN_ISSUER_PT  # past the floor it wraps


# --- 署名 over 成文日期 --------------------------------------------------------------------------------------------

def test_short_signature_is_centred_over_the_date(renderer):
    doc = render(renderer, signature="宿城区创文办")
    signature = doc.paragraphs[find(doc, "宿城区创文办")]
    date = doc.paragraphs[find(doc, "2022年6月30日")]
    assert effective(date, "right_indent") == Pt(64)  # 成文日期 右空四字
    # centres: the date's at 64 pt + its half width from the right edge, the signature's likewise
    date_centre = 64 + layout.width_em(date.text) * 16 / 2
    sig_centre = signature.paragraph_format.right_indent.pt + layout.width_em(signature.text) * 16 / 2
    assert abs(date_centre - sig_centre) < 0.2


def test_long_signature_ends_flush_right(renderer):
    doc = render(renderer, signature=LONG_ISSUER)
    rows = [p for p in doc.paragraphs if p.text == LONG_ISSUER and p.style.name == layout.SIGNATURE_STYLE]
    assert len(rows) == 1
    assert rows[0].paragraph_format.right_indent == 0


# --- 抄送 in the 版记, Chinese declared ---------------------------------------------------------------------------

def test_copy_to_comes_after_the_annex_between_rules(renderer):
    doc = render(renderer, cc=("宿城区民政局", "各街道办事处"))
    body = list(doc.element.body.iterchildren())
    table = next(i for i, e in enumerate(body) if e.tag == qn("w:tbl"))
    copy_to = next(i for i, e in enumerate(body) if e.tag == qn("w:p") and "抄送：宿城区民政局、各街道办事处。" in
                   "".join(t.text or "" for t in e.iter(qn("w:t"))))
    assert copy_to > table
    ruled = [e for e in body[copy_to - 1:copy_to + 2] if e.find(qn("w:pPr")) is not None
             and e.find(qn("w:pPr")).find(qn("w:pBdr")) is not None]
    assert len(ruled) == 2  # a rule above and one below


def test_no_copy_to_without_cc(renderer):
    doc = render(renderer, cc=())
    assert not any("抄送" in p.text for p in doc.paragraphs)


@pytest.mark.parametrize("cc", [(), ("宿城区民政局",)], ids=["no-cc", "cc"])
@pytest.mark.parametrize("printed_by", ["", "宿迁市创文办"], ids=["issuer", "office"])
def test_the_colophon_ends_with_the_printing_office_and_date_between_rules(renderer, cc, printed_by):
    # GB/T 9704 7.4.3: 印发机关 左空一字, 印发日期 右空一字 + 印发, above the last rule, kept with the 版记.
    notice = replace(sample_notice(), cc=cc, printed_by=printed_by)
    doc = render(renderer, cc=cc, printed_by=printed_by)
    printed = [p for p in doc.paragraphs if p.text.endswith("印发")]
    assert len(printed) == 1 and printed[0]._p is doc.paragraphs[-2]._p
    who, when = printed[0].text[:-2].split("\t")
    assert who == (printed_by or notice.issuer)
    year, month, day = notice.as_of.year, notice.as_of.month, notice.as_of.day
    assert when == f"{year}年{month}月{day}日"  # 月、日不编虚位
    stops = printed[0].style.paragraph_format.tab_stops
    assert len(stops) == 1 and stops[0].alignment == 2  # RIGHT: the date flush with the 版心's right edge
    last = doc.paragraphs[-1]._p.find(qn("w:pPr"))
    assert last is not None and last.find(qn("w:pBdr")) is not None  # the last rule
    def black_rule(p):  # the 版记's rules are black; the 版头's is red
        border = p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
        return border is not None and border.get(qn("w:color")) == "000000"

    ruled = [i for i, p in enumerate(doc.paragraphs) if black_rule(p)]
    assert len(ruled) == (3 if cc else 2)  # first rule, (the thin one under 抄送,) the last
    colophon = doc.paragraphs[ruled[0]:-1]
    assert all(effective(p, "keep_with_next") for p in colophon)  # the 版记 never splits across pages


def test_chinese_text_is_declared_chinese():
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="zh-CN"' in styles.split("</w:docDefaults>")[0]


def test_index_xlsx_prints_one_page_wide_with_the_due_date_whole(tmp_path):
    import openpyxl

    from creatio_cli.notices.files import write_index

    notice = replace(sample_notice(), district="经济技术开发区")
    write_index(tmp_path, [(notice, "2022-001_古城街道_南关社区.docx")])
    ws = openpyxl.load_workbook(tmp_path / "index.xlsx").active
    assert ws.column_dimensions["G"].width >= 15  # 2022年12月31日
    assert ws.column_dimensions["C"].width >= 15  # 经济技术开发区
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows.replace("$", "") == "1:1"


# --- telephone numbers never broken at a line end -------------------------------------------------------------

def test_a_phone_number_keeps_its_hyphens_unbreakable_and_a_date_keeps_its_own(renderer):
    reply = "联系人：王明，联系电话：0527-84356789，或 400-123-4567。2022-07-15 前报送。"
    doc = render(renderer, reply=reply)
    paragraph = next(p for p in doc.paragraphs if "联系电话" in p.text)
    assert reply in paragraph.text  # read back, the hyphens are there
    runs = paragraph._p.findall(f".//{qn('w:r')}")
    hyphens = sum(len(r.findall(qn("w:noBreakHyphen"))) for r in runs)
    assert hyphens == 3  # 0527‑84356789 and 400‑123‑4567; the date's two stay plain
    plain = "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))
    assert "2022-07-15" in plain and "0527-" not in plain and "400-" not in plain
