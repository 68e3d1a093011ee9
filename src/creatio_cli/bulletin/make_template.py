"""Build the bundled default bulletin template (default_bulletin.docx) with python-docx.

Run ``python -m creatio_cli.bulletin.make_template [OUT.docx]`` after changing the layout; the .docx is
committed beside this script (a test builds it again and compares every part). The page, styles and page
numbers are the notices' (``notices.gbt9704``: GB/T 9704-2012); this script lays out a 通报 on them: the
red 版头 and rule (the line above the rule is left for the 文号 the office gives when it issues the bulletin),
title, 主送, the lead paragraph, 一、总体情况 … 五、下步要求 with the charts under their paragraphs (each picture
kept with its caption), the closing block kept together (附件说明, 署名, 成文日期), the 附件 (the streets'
ranking) on a page of its own with its heading row repeated, and 抄送 in the 版记.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt

from creatio_cli.notices.gbt9704 import (
    BODY_FONT,
    TABLE_SIZE,
    add_style,
    bottom_rule,
    copy_to,
    keep,
    loop_table,
    new_document,
    save,
)
from creatio_cli.notices.layout import DATE_STYLE, ISSUER_STYLE, SIGNATURE_STYLE

TEMPLATE = Path(__file__).with_name("default_bulletin.docx")
#: 附件 (各街道社区平均得分排名): its column headings, the keys of the ``annex`` rows, and widths filling the
#: 156 mm 版心.
ANNEX_HEADERS = ("排名", "区县", "街道", "社区数", "平均得分", "达标率", "慢序时")
ANNEX_KEYS = ("rank", "district", "street", "communities", "mean_score", "compliant", "behind")
ANNEX_WIDTHS_CM = (1.3, 3.5, 2.9, 1.8, 2.2, 2.0, 1.9)
REQUIREMENTS = (
    "（一）对标补短，加快推进。慢于序时进度和列入十差的社区要对照本通报和整改通知书所列问题，逐项制定整改措施，"
    "明确责任人和完成时限，确保按序时推进。",
    "（二）压实责任，协同发力。各责任单位要对照本通报指出的问题主动认领、限时解决；各帮扶单位要加强对结对社区的"
    "指导和支持，帮助解决场地、经费等实际困难。",
    "（三）规范台账，确保真实。各社区要按时、如实填报创建工作台账，做到数据准确、资料齐全，不得漏报、虚报。",
    "（四）跟踪督办，严格考核。我办将持续开展检查评分，对整改情况跟踪督办，对逾期未整改的予以通报批评，"
    "并纳入年度考核。",
)


def _styles(doc: Any) -> None:
    """The bulletin's own styles on top of the 公文 ones: a picture, its caption, a note under it, a centred line."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    figure = add_style(doc, "Creatio Figure", BODY_FONT, 16, align=center, indent=False)
    figure.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact 29 pt line would crop it
    figure.paragraph_format.space_before = Pt(6)
    figure.paragraph_format.keep_with_next = True  # never a picture at the foot of a page, its caption overleaf
    caption = add_style(doc, "Creatio Caption", BODY_FONT, 14, align=center, indent=False)
    caption.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    caption.paragraph_format.space_after = Pt(2)
    caption.paragraph_format.keep_with_next = True  # and with its note
    note = add_style(doc, "Creatio Note", BODY_FONT, TABLE_SIZE, align=center, indent=False)
    note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    note.paragraph_format.space_after = Pt(10)
    add_style(doc, "Creatio Centered", BODY_FONT, 16, align=center, indent=False)


def build(out: Path = TEMPLATE) -> Path:
    """Write the template to ``out`` and return it."""
    doc = new_document()
    _styles(doc)

    def para(text: str, style: str) -> Any:
        paragraph = doc.add_paragraph(style=style)
        paragraph.add_run(text)  # one run per tag, so docxtpl sees each Jinja tag whole
        return paragraph

    def figures(name: str) -> None:
        para("{%p for figure in " + name + " %}", "Creatio Plain")
        para("{{ figure.image }}", "Creatio Figure")
        para("图{{ figure.number }}\u3000{{ figure.caption }}", "Creatio Caption")
        para("{%p if figure.note %}", "Creatio Plain")
        para("{{ figure.note }}", "Creatio Note")
        para("{%p endif %}", "Creatio Plain")
        para("{%p endfor %}", "Creatio Plain")

    def section(heading: str, name: str) -> None:
        para(heading, "Creatio Heading")
        para("{%p for text in " + name + " %}", "Creatio Body")
        para("{{ text }}", "Creatio Body")
        para("{%p endfor %}", "Creatio Body")

    para("{{ issuer }}", ISSUER_STYLE)
    bottom_rule(para("{{ number }}", "Creatio Number"))
    para("", "Creatio Plain")  # 标题: 红色分隔线下空二行
    para("", "Creatio Plain")
    para("{{ title }}", "Creatio Title")
    keep(para("", "Creatio Plain"))
    keep(para("{{ addressee }}", "Creatio Plain"))
    para("{{ lead }}", "Creatio Body")
    section("一、总体情况", "overall")
    figures("overall_figures")
    section("二、表扬", "praise")
    section("三、通报批评", "criticism")
    section("四、存在问题", "problems")
    figures("problem_figures")
    para("五、下步要求", "Creatio Heading")
    for text in REQUIREMENTS[:-1]:
        para(text, "Creatio Body")
    # The closing block moves as one: the last paragraph, 附件说明 (正文下空一行), two lines for the seal,
    # 署名, 成文日期 — 署名 and date are never alone on a page (GB/T 9704 7.3.5: no “此页无正文”).
    keep(para(REQUIREMENTS[-1], "Creatio Body"))
    keep(para("", "Creatio Plain"))
    para("{%p if annex %}", "Creatio Plain")
    keep(para("附件：各街道社区平均得分排名", "Creatio Body"))
    para("{%p endif %}", "Creatio Plain")
    keep(para("", "Creatio Plain"))
    keep(para("", "Creatio Plain"))
    para("{{ signature }}", SIGNATURE_STYLE)
    para("{{ date }}", DATE_STYLE)
    # 附件 on a page of its own (GB/T 9704 8: 附件另面编排): “附件” 黑体 顶格, the title centred below.
    para("{%p if annex %}", "Creatio Plain")
    heading = para("附件", "Creatio Annex Heading")
    heading.paragraph_format.page_break_before = True
    keep(para("", "Creatio Plain"))
    para("各街道社区平均得分排名", "Creatio Title")
    keep(para("（截至{{ as_of }}）", "Creatio Centered"))
    keep(para("", "Creatio Plain"))
    loop_table(doc, ANNEX_HEADERS, ANNEX_KEYS, ANNEX_WIDTHS_CM, "annex")
    para("{%p endif %}", "Creatio Plain")
    copy_to(para)  # 版记 (GB/T 9704 7.4) at the end: 抄送, 印发机关 and 印发日期 between rules
    return save(doc, out, "通报模板")


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
