"""The header matcher against wordings nobody here wrote (tests/data/header_corpus.yaml: real 统计表 / 台账
headers from public repositories, each with its source, plus plausible variants marked synthetic where
real ones are rare). Every mapping must be right or honestly left unassessed, and no look-alike may ever
be mapped — a confident wrong mapping becomes a notice to the wrong community."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from matching import MATCHER, decide

from creatio_cli.ledger.header import column_letter, map_band
from creatio_cli.ledger.wording import fold

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "header_corpus.yaml").read_text(encoding="utf-8"))
ENTRIES = [e for e in CORPUS["headers"] if e["expect"] != "ambiguous"]


def _parts(entry: dict) -> list[str]:
    return [entry["group"], entry["header"]] if entry.get("group") else [entry["header"]]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: "/".join(_parts(e)))
def test_every_wording_is_mapped_right_or_left_unassessed(entry):
    decided = decide(*_parts(entry))
    if entry["expect"] is None:
        assert decided is None, f"look-alike of {entry.get('lookalike_of')} mapped to {decided}"
    else:
        assert decided in (entry["expect"], None)


def test_most_wordings_are_understood():
    # Right or unassessed is safe; but a matcher that leaves everything unassessed is no use either.
    fields = [e for e in ENTRIES if e["expect"] is not None]
    right = sum(decide(*_parts(e)) == e["expect"] for e in fields)
    real = [e for e in fields if not e.get("synthetic")]
    real_right = sum(decide(*_parts(e)) == e["expect"] for e in real)
    assert right / len(fields) >= 0.95, f"{right}/{len(fields)}"
    assert real_right / len(real) >= 0.8, f"{real_right}/{len(real)} real wordings"
    assert len(fields) >= 20 * 20 and len(ENTRIES) - len(fields) >= 40  # the corpus is what it says


@pytest.mark.parametrize("band", CORPUS["bands"], ids=lambda b: f"{b['source']}:{b['title'][:18]}")
def test_real_header_bands_map_right_or_not_at_all(band):
    rows = [[str(c) for c in row] for row in band["rows"]]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    # The bands are given as written: a merged group once, blank to its right (as a csv copy has it).
    from creatio_cli.ledger.header import _spread_groups

    title = fold(band.get("title", ""))  # the band's sheet title, as the rows above a header hold it
    mapped = {m.letter: m.field for m in map_band(_spread_groups(rows), 0, MATCHER, None, title).mapping}
    for letter, expected in band["expect"].items():
        if expected == "ambiguous":
            continue
        if expected is None:
            assert letter not in mapped, f"{letter} mapped to {mapped.get(letter)}"
        else:
            assert mapped.get(letter) in (expected, None), f"{letter}: {mapped.get(letter)} ≠ {expected}"
    assert len(set(mapped.values())) == len(mapped)  # one column per field
    assert all(column_letter(i) for i in range(width))
