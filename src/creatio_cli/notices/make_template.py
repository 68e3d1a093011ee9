"""Build the bundled default notice template (default_notice.docx) with python-docx.

Run ``python -m creatio_cli.notices.make_template [OUT.docx]`` after changing the layout; the .docx is
committed beside this script. The page, styles and page numbers after GB/T 9704-2012 (党政机关公文格式) are
``notices.gbt9704`` (shared with the bulletin's template); this script lays out the notice on them: the
red 版头 and rule, 文号, title, body, the closing block kept together, the landscape 问题清单 annex, 抄送.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from creatio_cli.notices.draft import ANNEX_HEADERS, ANNEX_KEYS
from creatio_cli.notices.gbt9704 import (
    bottom_rule,
    copy_to,
    keep,
    landscape,
    loop_table,
    new_document,
    save,
)
from creatio_cli.notices.layout import DATE_STYLE, ISSUER_STYLE, SIGNATURE_STYLE

TEMPLATE = Path(__file__).with_name("default_notice.docx")
# The annex is landscape: the 22.5 cm 版心 width, widest for the problem and its basis, and room to write
# in 整改情况 by hand.
ANNEX_WIDTHS_CM = (1.4, 5.0, 5.4, 3.8, 2.2, 2.2, 2.5)
ANNEX_CENTERED = frozenset({"seq", "department", "due"})


def build(out: Path = TEMPLATE) -> Path:
    """Write the template to ``out`` and return it."""
    doc = new_document()

    def para(text: str, style: str):
        paragraph = doc.add_paragraph(style=style)
        paragraph.add_run(text)  # one run per tag, so docxtpl sees each Jinja tag whole
        return paragraph

    para("{{ issuer }}", ISSUER_STYLE)
    bottom_rule(para("{{ number }}", "Creatio Number"))
    para("", "Creatio Plain")  # 标题: 红色分隔线下空二行 — the second line says 督办件 on an escalation
    para("{%p if kind == 'escalation' %}", "Creatio Plain")
    para("（督办件）", "Creatio Mark")
    para("{%p else %}", "Creatio Plain")
    para("", "Creatio Plain")
    para("{%p endif %}", "Creatio Plain")
    para("{{ title }}", "Creatio Title")
    keep(para("", "Creatio Plain"))
    keep(para("{{ addressee }}", "Creatio Plain"))
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
    keep(para("{{ consequence }}", "Creatio Body"))
    keep(para("", "Creatio Plain"))
    keep(para("附件：问题清单", "Creatio Body"))
    keep(para("", "Creatio Plain"))
    keep(para("", "Creatio Plain"))
    para("{{ signature }}", SIGNATURE_STYLE)
    date_paragraph = para("{{ date }}", DATE_STYLE)
    # The annex on its own pages, landscape (GB/T 9704 8: 附件另面编排; 10: 表格横排): the section break
    # sits in the date's paragraph, so no empty paragraph can spill onto a page of its own.
    doc.add_section(WD_SECTION.NEW_PAGE)
    breaker = date_paragraph._p.getnext()
    date_paragraph._p.get_or_add_pPr().append(breaker.find(qn("w:pPr")).find(qn("w:sectPr")))
    breaker.getparent().remove(breaker)
    portrait = date_paragraph._p.pPr.find(qn("w:sectPr"))
    landscape(doc.sections[-1])
    assert portrait is not None
    # 附件: “附件”二字 黑体 顶格 on the first line, the annex title centred on the third (GB/T 9704 8).
    para("附件", "Creatio Annex Heading")
    keep(para("", "Creatio Plain"))
    para("问题清单（{{ number }}）", "Creatio Title")
    keep(para("", "Creatio Plain"))
    loop_table(doc, ANNEX_HEADERS, ANNEX_KEYS, ANNEX_WIDTHS_CM, "annex", lambda key: key in ANNEX_CENTERED)
    copy_to(para, landscape=True)  # 版记 (GB/T 9704 7.4) at the end, after the landscape annex
    return save(doc, out, "整改通知书模板")


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
