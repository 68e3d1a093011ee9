"""Plain text filled to a terminal's width, counted in display columns (a Chinese character takes two).

For the listings printed with ``print`` (``standards list``, ``standards show``): a line wider than the
terminal is broken at a space, or between two Chinese characters, never inside a Latin word or an id, and
never before closing punctuation (，。）」 …); continuation lines take a hanging indent. ``width=None`` (a
pipe or a file without ``COLUMNS``) keeps every line whole.
"""

from __future__ import annotations

import re

from creatio_cli.ledger.tokens import display_width

#: Characters a line may not start with (kinsoku): they stay with the character before them.
_CLOSING = frozenset("，。、；：！？）」』》〕】”’,.;:!?)]}%％")
#: Characters a line may not end with: they go with the character after them.
_OPENING = frozenset("（「『《〔【“‘([{")
#: A token: a run of spaces, a run of Latin letters/digits/punctuation (never split), or one wide character.
_TOKEN = re.compile(r"\s+|[^\s\u2e80-\uffef]+|.", re.S)


def _tokens(text: str) -> list[str]:
    """``text`` cut where a line may break, closing punctuation glued to what precedes it and opening
    punctuation to what follows."""
    out: list[str] = []
    glue_next = False
    for tok in _TOKEN.findall(text):
        if out and not tok.isspace() and (glue_next or tok[0] in _CLOSING):
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = not tok.isspace() and tok[-1] in _OPENING
    return out


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
