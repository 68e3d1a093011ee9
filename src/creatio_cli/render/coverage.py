"""What a report could not assess, said the same way by every renderer (design.md, "Additions").

An indicator is *unassessed* when the ledger has no usable column for a field it needs. Every report
says how many indicators were assessed ("assessed 11 of 13 indicators") and lists each missing field
with the files that lack it and the ledger's closest headers ("did you mean"), so a person can add the
column or map it. The rows here are display-ready (labels in ``lang``); numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from creatio_cli.messages import Localized
from creatio_cli.render.i18n import phrase, t
from creatio_cli.results import CheckResult, CommunityResult, UnassessedIndicator

#: Columns of the unassessed list, in order (labels ``label.<key>``).
COLUMNS: tuple[str, ...] = ("indicator", "title", "field", "files", "did_you_mean")


@dataclass(frozen=True)
class Coverage:
    """How many of the standard's indicators the report assessed."""

    total: int
    assessed: int  # assessed for every community (in every file)
    files: int  # files read

    @property
    def complete(self) -> bool:
        return self.assessed == self.total

    def compliant_label(self, lang: str) -> str:
        """"Compliant" — qualified "on the indicators assessed" when some were not: a community meeting
        the one indicator a ledger could show is not compliant with the standard."""
        return t("compliant" if self.complete else "compliant_partial", lang)

    def assessed_label(self, lang: str) -> str:
        """The label of the ``k/n`` figure: in a batch it counts the indicators every file could assess."""
        return t("assessed_every_file" if self.files > 1 else "assessed", lang)

    def sentence(self, lang: str) -> str:
        """``Assessed 11 of 13 indicators`` (``… in every file`` for a batch of files)."""
        key = "assessed_of_every_file" if self.files > 1 else "assessed_of"
        return phrase(key, lang, assessed=self.assessed, total=self.total)


def coverage(result: CheckResult) -> Coverage:
    """The report's :class:`Coverage`: indicators of the standard (``summary.by_indicator``) less the ones
    that some file could not assess."""
    total = len(result.summary.by_indicator) or max((c.indicators_total for c in result.communities), default=0)
    missing = {u.indicator for u in result.unassessed}
    files = sum(f.status == "ok" for f in result.files)
    return Coverage(total, max(total - len(missing), 0), files)


def community_assessed(c: CommunityResult) -> str:
    """``11/13``: the community's indicators assessed of all."""
    return f"{c.indicators_assessed}/{c.indicators_total}"


def titles(result: CheckResult) -> dict[str, Localized]:
    """Indicator id → its bilingual title (from the report's summary)."""
    return {i.indicator: i.title for i in result.summary.by_indicator}


def candidates_text(u: UnassessedIndicator, lang: str) -> str:
    """The closest headers, best first: ``居民评价分 (column R, match 0.62)``; or "no similar column"."""
    if not u.candidates:
        return t("no_candidate", lang)
    shown = [phrase("candidate", lang, header=c.header, column=c.column, score=f"{c.score:.2f}")
             if c.lookalike is None else phrase("candidate_lookalike", lang, header=c.header, column=c.column,
                                                word=c.lookalike)
             for c in u.candidates]
    return t("title_sep", lang).join(shown)


def files_text(files: Sequence[str], lang: str, limit: int | None = None) -> str:
    """The files, joined; past ``limit`` the first ones and "and N more files"."""
    sep = t("title_sep", lang)
    if limit is None or len(files) <= limit:
        return sep.join(files)
    return sep.join(files[:limit]) + " " + phrase("more_files", lang, n=len(files) - limit)


def rows(result: CheckResult, lang: str, file_limit: int | None = None) -> list[list[str]]:
    """One row per (indicator, field) not assessed, in :data:`COLUMNS` order."""
    names = titles(result)
    out = []
    for u in result.unassessed:
        title = names.get(u.indicator)
        out.append([u.indicator, title.get(lang) if title is not None else "", u.field,
                    files_text(u.files, lang, file_limit), candidates_text(u, lang)])
    return out
