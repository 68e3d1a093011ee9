"""Plain text filled to a terminal's width, counted in display columns (a Chinese character takes two).

For the listings printed with ``print`` (``standards list``, ``standards show``): a line wider than the
terminal is broken at a space, or between two Chinese characters, never inside a Latin word or an id, and
never before closing punctuation (，。）」 …); continuation lines take a hanging indent. ``width=None`` (a
pipe or a file without ``COLUMNS``) keeps every line whole.

The same breaking serves rich's tables (``render.wrap_text``: rich folds Chinese anywhere, ``不低于1`` /
``0%）``): :func:`break_offsets`. A number stays whole with its sign and unit (``≥ 200 ㎡``, ``10%``,
``400平方米``, ``2022年6月30日``), and a run of marks with what it follows (``（如/、—）``).
"""

from __future__ import annotations

import re

from creatio_cli.ledger.tokens import display_width

#: Characters a line may not start with (kinsoku): they stay with the character before them.
_CLOSING = frozenset("，。、；：！？）」』》〕】”’,.;:!?)]}%％")
#: Characters a line may not end with: they go with the character after them.
_OPENING = frozenset("（「『《〔【“‘([{")
#: Comparison signs written before a number (``≥ 90 %``): they go with it.
_SIGNS = "≥≤><＞＜≧≦±"
#: Units written after a number, longest first; ``年月日`` keep a Chinese date whole (``2022年6月30日``).
_UNITS = ("平方米|平米|小时|公里|万人|points|point|pts|m²|m2|%|％|‰|㎡|[户人次个分元万亿天年月日岁名支项米间]")
_NUMBER = r"[+\-]?\d+(?:[.,:/\-~～]\d+)*"
#: A quantity: an optional sign, a number and its unit (repeated for a date), never inside a Latin word.
_QUANTITY = (rf"(?<![A-Za-z0-9_.])(?:[{_SIGNS}] ?)?{_NUMBER}(?: ?(?:{_UNITS})(?:{_NUMBER}(?:{_UNITS}))*)?"
             r"(?![A-Za-z0-9_])")
#: A token: a run of spaces, a quantity, a run of Latin letters/digits/punctuation (never split; it stops
#: before a sign that starts a quantity), or one wide character.
_TOKEN = re.compile(rf"\s+|{_QUANTITY}|(?:(?![{_SIGNS}] ?\d)[^\s\u2e80-\uffef])+|.", re.S)


def _tokens(text: str) -> list[str]:
    """``text`` cut where a line may break, closing punctuation glued to what precedes it and opening
    punctuation to what follows."""
    return [tok for _, tok in _spans(text)]


def _is_mark(tok: str) -> bool:
    """A token of marks only (``/``, ``—``, ``、``): no letter, digit or Chinese character to start a line."""
    return not any(ch.isalnum() for ch in tok)


def _spans(text: str) -> list[tuple[int, str]]:
    """The tokens of :func:`_tokens` with the offset each starts at."""
    out: list[tuple[int, str]] = []
    glue_next = False
    for m in _TOKEN.finditer(text):
        tok = m.group()
        closing = not tok.isspace() and (tok[0] in _CLOSING or (_is_mark(tok) and tok[0] not in _OPENING))
        if closing and len(out) > 1 and out[-1][1].isspace():  # "（如 /、—）": marks never start a line
            spaced = out.pop()[1]
            out[-1] = (out[-1][0], out[-1][1] + spaced)
        if out and not tok.isspace() and not out[-1][1].isspace() and (glue_next or closing):
            out[-1] = (out[-1][0], out[-1][1] + tok)
        else:
            out.append((m.start(), tok))
        glue_next = not tok.isspace() and tok[-1] in _OPENING
    return out


def _item_spans(text: str, sep: str, lead: int = 0) -> list[tuple[int, str]]:
    """``text`` as a list of names: one token per item with its separator (``城南四社区、``); an item is
    broken only when it alone is wider than the line. The first ``lead`` characters (a label, ``达标社区
    (4): ``) are ordinary text."""
    out = _spans(text[:lead])
    start = lead
    for part in text[lead:].split(sep):
        end = min(start + len(part) + len(sep), len(text))
        if text[start:end]:
            out.append((start, text[start:end]))
        start = end
    return out


def break_offsets(text: str, width: int, items: str | None = None, lead: int = 0) -> list[int]:
    """Where to break ``text`` (one line, no newline) into lines of at most ``width`` columns: the offsets
    of the lines after the first, as rich's ``divide_line`` gives them. Breaks fall between the tokens of
    :func:`_tokens` (with ``items``, a separator such as ``、``: between the items of a list of names); a
    token wider than the line is broken inside (an item by its tokens, a token by its characters)."""
    offsets: list[int] = []
    spans = _item_spans(text, items, lead) if items else _spans(text)
    _place(spans, max(width, 1), offsets, [0], split_items=bool(items))
    return offsets


def _place(spans: list[tuple[int, str]], width: int, offsets: list[int], used: list[int],
           *, split_items: bool = False) -> None:
    """Lay ``spans`` out greedily; ``used[0]`` holds the columns taken on the current line (spaces included:
    a space at a line's end is stripped, never carried to the next line)."""
    for start, tok in spans:
        size = display_width(tok.rstrip())
        if tok.isspace():
            used[0] += display_width(tok)
            continue
        if used[0] and used[0] + size > width:
            offsets.append(start)
            used[0] = 0
        if size <= width:
            used[0] += display_width(tok)
        elif split_items:  # a name wider than the whole column: by its tokens, kinsoku still holds
            _place([(start + o, t) for o, t in _spans(tok)], width, offsets, used)
        else:  # a token wider than the whole column: by characters, as rich would, kinsoku still holding
            line_start = 0
            for i, ch in enumerate(tok):
                if used[0] and used[0] + display_width(ch) > width:
                    cut = i - 1 if ch in _CLOSING and i - 1 > line_start else i  # "%" / ")" takes "90" along
                    offsets.append(start + cut)
                    line_start = cut
                    used[0] = display_width(tok[cut:i])
                used[0] += display_width(ch)


def fill(text: str, width: int | None, indent: str = "", hang: str | None = None) -> list[str]:
    """``indent + text`` as lines of at most ``width`` columns; continuation lines start with ``hang``
    (default: ``indent`` and two more spaces). Items separated by two spaces (``10 points  民政局``) are
    kept whole when they fit on a line; a longer item breaks at a space or between Chinese characters.
    A token wider than a whole line stays whole (an id or a path is never cut); ``width=None`` gives the
    one line."""
    first = indent + text
    if width is None or display_width(first) <= width:
        return [first.rstrip()]
    hang = indent + "  " if hang is None else hang
    lines = [indent]
    for n, item in enumerate(re.split(r"(?<=\S) {2,}(?=\S)", text.strip())):
        sep = "" if n == 0 else "  "
        if display_width(lines[-1] + sep + item) <= width:
            lines[-1] += sep + item
            continue
        if lines[-1].strip() and display_width(hang + item) <= width:
            lines.append(hang + item)
            continue
        lines[-1] += sep
        _fill_item(item, width, hang, lines)
    return [line.rstrip() for line in lines]


def _fill_item(item: str, width: int, hang: str, lines: list[str]) -> None:
    """Append ``item`` to ``lines`` token by token, starting new lines (with ``hang``) as needed."""
    for tok in _tokens(item):
        line = lines[-1]
        if line.strip() and display_width(line.rstrip() if tok.isspace() else line + tok) > width:
            if tok.isspace():
                continue  # the break itself: no space at the end of a line or the start of the next
            lines[-1] = line.rstrip()
            lines.append(hang)
            line = hang
        if tok.isspace() and not line.strip():
            continue
        lines[-1] = line + tok


def piece_widths(text: str, items: str | None = None, lead: int = 0) -> list[int]:
    """The widths of the pieces :func:`break_offsets` never breaks (while the line is wide enough)."""
    spans = _item_spans(text, items, lead) if items else _spans(text)
    return [display_width(tok.rstrip()) for _, tok in spans]
