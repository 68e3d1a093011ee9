"""A ScoreResult as JSON (the report of design.md, streamed) and as CSV (one row per ranked community).

The CSV is UTF-8 with BOM (Excel and WPS open it), headers and yes/no in ``--lang``, every text through
the one formula guard (``render.safe``); its columns are :func:`score_rows.rank_keys` (plus the score
change with a baseline, and each community's assessed/total when some indicator could not be assessed).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from creatio_cli.render import score_rows
from creatio_cli.render.output import Target
from creatio_cli.render.safe import neutralize_value

_COMMUNITIES = "\x00communities\x00"
_RANKED = "\x00rankings.communities\x00"


def iter_json(result: Any, lang: str = "zh") -> Iterator[str]:
    """The JSON report (ScoreResult.to_dict(lang)) as text chunks, laid out as ``render.json_out`` does.

    Above ``FULL_INDENT_MAX`` communities, ``communities`` and ``rankings.communities`` are streamed one
    compact line per community (C encoder); the rest of the report stays indented.
    """
    from creatio_cli.render.json_out import FULL_INDENT_MAX, dumps_report, stream_envelope

    check = result.check
    if len(check.communities) <= FULL_INDENT_MAX and len(result.communities) <= FULL_INDENT_MAX:
        yield dumps_report(result.to_dict(lang), 2) + "\n"
        return
    empty = dataclasses.replace(result, check=dataclasses.replace(check, communities=()), communities=())
    envelope = empty.to_dict(lang)
    envelope["communities"] = _COMMUNITIES
    envelope["rankings"]["communities"] = _RANKED
    baseline = result.baseline

    def checked() -> Iterator[dict[str, Any]]:
        for community in check.communities:
            record = community.to_dict(lang)
            if baseline is not None:
                record.update(baseline.record(community.key))
            yield record

    yield from stream_envelope(envelope, {_COMMUNITIES: ("communities", checked()),
                                          _RANKED: ("communities", (c.to_dict(lang) for c in result.communities))})


def render_json(result: Any, lang: str = "zh") -> bytes:
    """The JSON report (UTF-8, ends with a newline)."""
    return "".join(iter_json(result, lang)).encode("utf-8")


def render_csv(result: Any, lang: str) -> bytes:
    """One row per ranked community; UTF-8 with BOM so Excel and WPS open it."""
    block = score_rows.ranking(result, lang)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralize_value(h) for h in block.headers])
    writer.writerows([neutralize_value(v) for v in row] for row in block.rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def emit_json(result: Any, target: Target) -> list[Path]:
    """Streamed: neither the text nor every community's dict is held at once."""
    return target.write(iter_json(result, target.lang))


def emit_csv(result: Any, target: Target) -> list[Path]:
    return target.write((render_csv(result, target.lang),))
