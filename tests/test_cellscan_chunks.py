"""The sheet scanner reads decompressed XML in chunks of any size (zip streams give 64 KiB, or less): where
the chunks are cut must never change what it finds — extent, error cells, merges."""

from __future__ import annotations

import random

from badfiles import sheet_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from creatio_cli.ledger.cellscan import XlsxSheetScanner


def _xml(seed: int) -> bytes:
    rng = random.Random(seed)
    rows = []
    for r in range(1, rng.randint(2, 400)):
        cells = []
        for c in range(rng.randint(1, 12)):
            ref = f"{chr(65 + c)}{r}"
            kind = rng.random()
            if kind < 0.05:
                cells.append(f'<c r="{ref}" t="e"><v>#REF!</v></c>')
            elif kind < 0.15:
                cells.append(f'<c r="{ref}" s="1"/>')  # a self-closing cell
            else:
                cells.append(f'<c r="{ref}"><v>{rng.randint(0, 10**6)}</v></c>')
        rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    if rng.random() < 0.3:  # one cell far out: the extent must still be seen
        rows.append(f'<row r="{rng.randint(500, 5000)}"><c r="AB{rng.randint(500, 5000)}"><v>1</v></c></row>')
    return sheet_xml(rows, dimension="A1:L400", merges=["A1:C1", "D5:D9"][: rng.randint(0, 2)]).encode()


def _scan(data: bytes, cuts: list[int]):
    scanner = XlsxSheetScanner()
    start = 0
    for cut in [*sorted(set(cuts)), len(data)]:
        if cut > start:
            scanner.feed(data[start:cut])
            start = cut
    return scanner.close()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.lists(st.floats(0, 1), max_size=12))
def test_chunking_never_changes_the_scan(seed, fractions):
    data = _xml(seed)
    whole = _scan(data, [])
    assert _scan(data, [int(f * len(data)) for f in fractions]) == whole
    assert whole.rows >= 1 and whole.columns >= 1
