"""Layout a template cannot hold: sizes and indents that depend on each notice's own text (python-docx, no I/O).

Applied to every rendered notice after docxtpl (``docx.NoticeRenderer``), to paragraphs found by their style
name, so an office's restyled copy of the bundled template keeps the behaviour as long as it keeps the styles:

- ``Creatio Issuer`` (版头, 发文机关标志): one line. An issuer wider than the text width at the style's size
  is set smaller, to the largest half point at which it fits (never below ``MIN_ISSUER_PT``; past that it
  wraps). The width is estimated from the text (a Chinese character is 1 em, a digit or Latin letter about
  half) against the section's page width less its margins. Computed here rather than left to ``w:fitText``:
  Word squeezes or stretches fitted text, but LibreOffice ignores ``w:fitText`` on import, so a two-line
  issuer would stay two lines there; a plain font size reads the same in Word, WPS and LibreOffice.
- ``Creatio Signature`` followed by ``Creatio Date`` (署名 and 成文日期, GB/T 9704 7.3.5.1): the date keeps the
  style's right indent (右空四字); the signature, right-aligned, gets the right indent that centres it over
  the date (以成文日期为准居中编排发文机关署名). A signature wider than the date by more than twice that
  indent ends flush right.
- Telephone numbers (``0527-84356789``, ``0527-8435-6789``) anywhere in the body keep their hyphens
  unbreakable (Word's ``w:noBreakHyphen``), so a number is never split at the end of a line.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from typing import Any

ISSUER_STYLE = "Creatio Issuer"
SIGNATURE_STYLE = "Creatio Signature"
DATE_STYLE = "Creatio Date"
MIN_ISSUER_PT = 12.0
#: Room kept free on an issuer's line: fonts differ a little from the 1 em / half em estimate.
SLACK = 0.97
_EMU_PER_PT = 12700
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NAME, _VAL, _STYLE_ID, _P, _PPR, _PSTYLE = (
    f"{_W}name", f"{_W}val", f"{_W}styleId", f"{_W}p", f"{_W}pPr", f"{_W}pStyle")


def width_em(text: str) -> float:
    """The width of ``text`` in ems: East Asian wide and full-width characters (and 一字线 “—”) 1, capital
    Latin letters 0.7, anything else (digits, lower case, half-width punctuation, spaces) 0.5."""
    total = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F") or char in "—―…‘’“”":
            total += 1.0
        elif "A" <= char <= "Z":
            total += 0.7
        elif unicodedata.category(char) in ("Mn", "Cf"):
            continue
        else:
            total += 0.5
    return total


def _style_size(style: Any) -> float | None:
    while style is not None:
        if style.font.size is not None:
            return float(style.font.size.pt)
        style = style.base_style
    return None


def _size(paragraph: Any) -> float | None:
    """The font size in points the paragraph's text is set in: its first run's own, else its style's."""
    for run in paragraph.runs:
        if run.text and run.font.size is not None:
            return float(run.font.size.pt)
    return _style_size(paragraph.style)


def _text_width_pt(doc: Any) -> float:
    """The first section's text width: page width less left and right margins, in points."""
    section = doc.sections[0]
    return float(section.page_width - section.left_margin - section.right_margin) / _EMU_PER_PT


def _indent_pt(value: Any) -> float:
    return float(value) / _EMU_PER_PT if value is not None else 0.0


def _paragraph_indent(paragraph: Any, attr: str) -> float:
    own = getattr(paragraph.paragraph_format, attr)
    if own is not None:
        return _indent_pt(own)
    style = paragraph.style
    while style is not None:
        value = getattr(style.paragraph_format, attr)
        if value is not None:
            return _indent_pt(value)
        style = style.base_style
    return 0.0


def fitted_size(text: str, size: float, width_pt: float) -> float:
    """The size (pt, whole half points) at which ``text`` fits on one line of ``width_pt``: ``size`` itself
    when it fits, else smaller, but not below ``MIN_ISSUER_PT``."""
    ems = width_em(text)
    if ems == 0 or ems * size <= width_pt * SLACK:
        return size
    return max(MIN_ISSUER_PT, math.floor(width_pt * SLACK / ems * 2) / 2)


def _style_ids(doc: Any) -> dict[str, str]:
    """Style name → style id for the three styles above that the document defines, read from the styles XML
    (python-docx's style objects and ``paragraph.style`` cost more than the render itself)."""
    names = " or ".join(f"@w:val='{name}'" for name in (ISSUER_STYLE, SIGNATURE_STYLE, DATE_STYLE))
    return {style.find(_NAME).get(_VAL): style.get(_STYLE_ID)
            for style in doc.styles.element.xpath(f"w:style[w:name[{names}]]")}


def _paragraphs_with(doc: Any, style_ids: set[str]) -> list[tuple[str, Any]]:
    """(style id, python-docx Paragraph) of the body's top-level paragraphs, in order, for the given styles;
    ``""`` for any other paragraph (so neighbours stay neighbours)."""
    from docx.text.paragraph import Paragraph

    found: list[tuple[str, Any]] = []
    body = doc.element.body
    for p in body.iterchildren(_P):
        ppr = p.find(_PPR)
        style = ppr.find(_PSTYLE) if ppr is not None else None
        sid = style.get(_VAL) if style is not None else None
        found.append((sid, Paragraph(p, doc._body)) if sid in style_ids else ("", None))
    return found


def fit_issuer(doc: Any, found: list[tuple[str, Any]] | None = None, ids: dict[str, str] | None = None) -> None:
    """Shrink each ``Creatio Issuer`` paragraph that would take more than one line (module docstring)."""
    from docx.shared import Pt

    ids = ids if ids is not None else _style_ids(doc)
    if ISSUER_STYLE not in ids:
        return
    width = _text_width_pt(doc)
    for sid, paragraph in found if found is not None else _paragraphs_with(doc, {ids[ISSUER_STYLE]}):
        if sid != ids[ISSUER_STYLE]:
            continue
        size = _size(paragraph)
        if size is None:
            continue
        room = width - _paragraph_indent(paragraph, "left_indent") - _paragraph_indent(paragraph, "right_indent")
        fitted = fitted_size(paragraph.text, size, room)
        if fitted < size:
            for run in paragraph.runs:
                run.font.size = Pt(fitted)


def centre_signature(doc: Any, found: list[tuple[str, Any]] | None = None,
                     ids: dict[str, str] | None = None) -> None:
    """Centre each ``Creatio Signature`` over the ``Creatio Date`` right after it (module docstring)."""
    from docx.shared import Pt

    ids = ids if ids is not None else _style_ids(doc)
    if SIGNATURE_STYLE not in ids or DATE_STYLE not in ids:
        return
    sig_id, date_id = ids[SIGNATURE_STYLE], ids[DATE_STYLE]
    found = found if found is not None else _paragraphs_with(doc, {sig_id, date_id})
    for (a, signature), (b, date) in itertools.pairwise(found):
        if a != sig_id or b != date_id:
            continue
        sig_size, date_size = _size(signature), _size(date)
        if sig_size is None or date_size is None:
            continue
        date_width = width_em(date.text) * date_size
        sig_width = width_em(signature.text) * sig_size
        indent = _paragraph_indent(date, "right_indent") + (date_width - sig_width) / 2
        signature.paragraph_format.right_indent = Pt(max(0.0, round(indent, 1)))


def apply(doc: Any) -> None:
    """Every adjustment above, on a rendered python-docx ``Document`` (about 2 ms a notice), in one pass over
    the paragraphs."""
    ids = _style_ids(doc)
    found = _paragraphs_with(doc, set(ids.values()))
    fit_issuer(doc, found, ids)
    centre_signature(doc, found, ids)
    keep_phone_numbers_whole(doc)


# An area code (0xx, 0xxx) or a 400/800 number, then one or two groups: 0527-84356789, 400-123-4567. A date
# (2022-07-15) or a year range (2022-2023) starts with no 0 and is left alone.
_PHONE = re.compile(r"(?<![\d-])(?:0\d{2,3}|[48]00)(?:-\d{3,8}){1,2}(?![\d-])")
_T, _SPACE = f"{_W}t", "{http://www.w3.org/XML/1998/namespace}space"


def keep_phone_numbers_whole(doc: Any) -> None:
    """Every hyphen inside a telephone number of the body (paragraphs and table cells) becomes Word's
    non-breaking hyphen: the run's text is split there and a ``w:noBreakHyphen`` put between the pieces."""
    from docx.oxml import OxmlElement

    for t in list(doc.element.body.iter(_T)):
        text = t.text or ""
        pieces = _split_phones(text) if "-" in text else [text]
        if len(pieces) == 1:
            continue
        at = t
        t.text = pieces[0]
        t.set(_SPACE, "preserve")
        for piece in pieces[1:]:
            hyphen = OxmlElement("w:noBreakHyphen")
            at.addnext(hyphen)
            nxt = OxmlElement("w:t")
            nxt.text = piece
            nxt.set(_SPACE, "preserve")
            hyphen.addnext(nxt)
            at = nxt


def _split_phones(text: str) -> list[str]:
    """``text`` cut at the hyphens inside its phone numbers only (a date keeps its hyphens)."""
    pieces, start = [], 0
    for match in _PHONE.finditer(text):
        for hyphen in re.finditer("-", match.group()):
            cut = match.start() + hyphen.start()
            pieces.append(text[start:cut])
            start = cut + 1
    pieces.append(text[start:])
    return pieces
