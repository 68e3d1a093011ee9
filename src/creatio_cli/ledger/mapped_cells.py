"""An office's own mapping (``--map``, ``--mapping``) checked against the cells it maps: warned, never refused.

The header matcher's vetoes (``value_evidence.py``) leave a column the user mapped alone — the user decided.
But a typing slip in ``--map`` (``备注=community``, ``是否建立家长学校=activities``) otherwise goes unsaid: every
community renamed to a remark, or every activity count ``invalid``. So the cells are looked at (the same
sample as the vetoes) and what they hold is said on stderr, naming the column; the mapping is still used.

- onto ``community``: mostly long free text (a median over :data:`LONG_NAME` characters, or sentence
  punctuation ，。；) or mostly dates — not names a report and a notice are addressed to. (Mostly numbers
  is refused outright, ``load._community_names_are_names``: such names would merge communities.)
- onto a count, number or percent: mostly yes/no answers (是/否/有/无); onto a yes/no field: mostly numbers
  other than 0 and 1. The cells are still judged as the field's (they become ``invalid``), which is right.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from creatio_cli.ledger.dates import parse_date
from creatio_cli.ledger.header import Band, column_letter
from creatio_cli.ledger.matcher import THRESHOLD
from creatio_cli.ledger.model import ColumnMapping
from creatio_cli.ledger.normalize import display_text, parse_cell
from creatio_cli.ledger.reader import RawSheet
from creatio_cli.ledger.rows import letter_index
from creatio_cli.ledger.value_evidence import MIN_CELLS, sample_cells
from creatio_cli.messages import Message, msg
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_OK

#: A community name longer than this (median, in characters) is a remark, not a name: names run 3 to 10
#: characters, and one written with its district and street (宿城区古城街道幸福社区) stays well under 20.
LONG_NAME = 20
_SENTENCE = frozenset("，。；;")
_NUMERIC = ("count", "number", "percent")


def mapped_cell_warnings(raw: RawSheet, band: Band | None, kept: Sequence[int], columns: Sequence[ColumnMapping],
                         standard: Standard) -> list[Message]:
    """One message per user-mapped column whose cells do not look like its field (see the module doc)."""
    out: list[Message] = []
    for m in columns:
        if not m.reasons or m.reasons[0].code != "why.mapped":
            continue
        cells = sample_cells(raw, letter_index(m.letter), kept)
        if len(cells) < MIN_CELLS:  # too few to say anything against the user's word
            continue
        if m.field == "community":
            found = _unlikely_names(cells)
            if found is not None:
                out.append(_community_unlikely(m, found, band))
            continue
        spec = standard.fields.get(m.field)
        if spec is None or (spec.type != "yesno" and spec.type not in _NUMERIC):
            continue
        other = "number" if spec.type == "yesno" else "yesno"
        odd = [text for text in cells if _reads_as(text, other) and not _reads_as(text, spec.type)]
        if 2 * len(odd) > len(cells):
            code = "mapping.kind_mismatch_number" if spec.type == "yesno" else "mapping.kind_mismatch_yesno"
            out.append(msg(code, letter=m.letter, header=m.header, title=spec.title, odd=len(odd),
                           total=len(cells), examples=list(dict.fromkeys(odd))[:3]))
    return out


def _reads_as(cell: object, kind: str) -> bool:
    """The cell reads as ``kind`` — a yes/no only when written as words (1 and 0 are numbers too)."""
    if kind == "yesno" and not isinstance(cell, str):
        return False
    return parse_cell(cell, kind).state == CELL_OK


def _unlikely_names(cells: list[object]) -> tuple[str, int, list[str]] | None:
    """("long" | "dates", how many, examples) when the cells are mostly remarks or dates, else None."""
    texts = [display_text(c) or "" for c in cells]
    dates = [t for c, t in zip(cells, texts, strict=True) if parse_date(c) is not None]
    if 2 * len(dates) > len(texts):
        return "dates", len(dates), list(dict.fromkeys(dates))[:3]
    long = [t for t in texts if len(t) > LONG_NAME or _SENTENCE & set(t)]
    if 2 * len(long) > len(texts) or statistics.median(len(t) for t in texts) > LONG_NAME:
        return "long", len(long), list(dict.fromkeys(
            t if len(t) <= LONG_NAME else t[:LONG_NAME] + "…" for t in long))[:2]
    return None


def _community_unlikely(m: ColumnMapping, found: tuple[str, int, list[str]], band: Band | None) -> Message:
    """The warning for a community column of remarks or dates, naming a column the header calls 社区."""
    what, odd, examples = found
    col = letter_index(m.letter)
    other = None
    if band is not None:
        other = next(((column_letter(c), band.headers[c]) for c, cands in enumerate(band.candidates)
                      if c != col and any(x.field == "community" and x.score >= THRESHOLD for x in cands)), None)
    params = {"letter": m.letter, "header": m.header, "odd": odd, "examples": examples,
              "what": msg("why.community_dates" if what == "dates" else "why.community_long")}
    if other is not None:
        return msg("mapping.community_unlikely_other", **params, other=other[0], other_header=other[1])
    return msg("mapping.community_unlikely", **params)
