"""What the header matcher decides for one column on its own, for the tests of its wording rules."""

from __future__ import annotations

from creatio_cli.ledger.matcher import MARGIN, THRESHOLD, Matcher
from creatio_cli.standards import load_standard

#: The field library's matcher: every shipped standard's fields.
MATCHER = Matcher(load_standard("common-fields"))


def decide(*parts: str) -> str | None:
    """The field a column headed ``parts`` (group → leaf) would be mapped to on its own, with the threshold
    and margin a ledger uses; None when it stays unmapped."""
    candidates, _vetoes = MATCHER.score(list(parts))
    if not candidates or candidates[0].score < THRESHOLD:
        return None
    if len(candidates) > 1 and candidates[0].score - candidates[1].score < MARGIN:
        return None
    return candidates[0].field
