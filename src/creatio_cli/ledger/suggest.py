"""Wrong standard: when the chosen standard can assess little of a ledger, does a shipped one fit it?

A ledger of activity rooms checked against the six-facilities standard maps its community column and
little else, so most indicators come out unassessed (or none can be assessed: exit 2). That is true but
unhelpful; the person most likely picked the wrong ``--standard``. Each other shipped standard reads the
same sheets (its own header band, its own matcher) and, when one assesses clearly more, the report says
"this ledger looks like huodong-yongfang's". It is a hint, never a switch: the verdicts stay those of
the standard the user chose.

Only run when fewer than half of the chosen standard's indicators are assessable, so an ordinary
ledger pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from creatio_cli.ledger.header import find_band
from creatio_cli.ledger.matcher import Matcher
from creatio_cli.ledger.reader import RawSheet
from creatio_cli.messages import Localized
from creatio_cli.standards.model import Standard

#: Look for a better standard only when the chosen one assesses less than this share of its indicators.
TRY_BELOW = 0.5
#: Name another standard only when it assesses at least this share of its own indicators …
FIT_AT_LEAST = 0.6
#: … and this much more (as a share) than the chosen one.
BETTER_BY = 0.25


@dataclass(frozen=True)
class Suggestion:
    """A shipped standard that fits the ledger better than the chosen one."""

    id: str
    title: Localized
    assessed: int  # indicators of the suggested standard this ledger can assess
    total: int
    here: int  # indicators of the chosen standard it can assess
    here_total: int

    def params(self) -> dict[str, object]:
        """The catalogue parameters of ``standard.looks_like`` / ``ledger.nothing_assessable_looks_like``."""
        return {"id": self.id, "title": self.title, "assessed": self.assessed, "total": self.total,
                "here": self.here, "here_total": self.here_total}


def better_standard(sheets: Sequence[RawSheet], standard: Standard, assessable_here: int) -> Suggestion | None:
    """The shipped standard (other than ``standard``) that assesses clearly more of the ledger whose ledger
    sheets are ``sheets``, or None (also when the chosen standard already assesses half or more)."""
    total_here = len(standard.indicators)
    if not total_here or assessable_here / total_here >= TRY_BELOW:
        return None
    best: Suggestion | None = None
    for other_id in _shipped_with_indicators():
        if other_id == standard.id:
            continue
        other, matcher = _standard_and_matcher(other_id)
        mapped: set[str] = set()
        for sheet in sheets:
            band = find_band(sheet, matcher)
            if band is not None:
                mapped |= {m.field for m in band.mapping}
        assessed = len(other.assessable(mapped))
        share = assessed / len(other.indicators)
        if share >= FIT_AT_LEAST and share - assessable_here / total_here >= BETTER_BY \
                and (best is None or share > best.assessed / best.total):
            best = Suggestion(other.id, other.title, assessed, len(other.indicators), assessable_here, total_here)
    return best


@lru_cache(maxsize=1)
def _shipped_with_indicators() -> tuple[str, ...]:
    from creatio_cli.standards import load_standard
    from creatio_cli.standards.loader import shipped_ids

    return tuple(i for i in shipped_ids() if load_standard(i).indicators)


@lru_cache(maxsize=8)
def _standard_and_matcher(standard_id: str) -> tuple[Standard, Matcher]:
    from creatio_cli.standards import load_standard

    other = load_standard(standard_id)
    return other, Matcher(other)
