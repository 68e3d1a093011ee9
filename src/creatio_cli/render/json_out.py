"""The JSON report: ``CheckResult.to_dict()`` as is (the stable contract of design.md), streamed.

``ensure_ascii=False`` keeps Chinese readable. ``default`` turns stray ``date``/``Path``/tuple values into
JSON instead of crashing, so a new field in the results cannot break the report. NaN/inf (never expected)
become ``null`` rather than the non-standard ``NaN`` that ``jq`` rejects.

Speed: on Python < 3.14 ``json.dumps(indent=2)`` falls back to the pure-Python encoder (4× slower than
the C one: 2.2 s vs 0.5 s for 50k communities) and holds the whole text (~180 MB for 100k communities).
Up to :data:`FULL_INDENT_MAX` communities the report is fully indented; above it the envelope is still
indented but each community is one compact line, encoded by the C encoder one at a time and written in
chunks (:func:`iter_json`), so neither the text nor all the community dicts are ever held at once. Both
layouts parse to the same value, and one community per line suits ``grep``/``jq``.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from creatio_cli.render.output import Target
from creatio_cli.results import CheckResult

#: Reports with more communities than this put each community on one line (see the module docstring).
FULL_INDENT_MAX = 2_000
_CHUNK = 1_000  # community lines joined per write
_PLACEHOLDER = "\x00communities\x00"


def _default(obj: Any) -> Any:
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, PurePath):
        return str(obj)
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def _finite(obj: Any) -> Any:
    """Replace non-finite floats by None (only walked when json refused them)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_finite(v) for v in obj]
    return obj


def dumps_report(data: Any, indent: int | None) -> str:
    """``json.dumps`` of ``data``; NaN/inf become null (the walk is only paid when json refuses them)."""
    try:
        return json.dumps(data, ensure_ascii=False, indent=indent, default=_default, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(data), ensure_ascii=False, indent=indent, default=_default, allow_nan=False)


_LINE = json.JSONEncoder(ensure_ascii=False, default=_default, allow_nan=False, separators=(", ", ": ")).encode


def _line(record: dict[str, Any]) -> str:
    """One record as one compact line, by the C encoder."""
    try:
        return _LINE(record)
    except ValueError:
        return _LINE(_finite(record))


def stream_envelope(envelope: dict[str, Any], lists: dict[str, tuple[str, Iterable[dict[str, Any]]]],
                    indent: int = 2) -> Iterator[str]:
    """The text of ``envelope`` in chunks, each placeholder replaced by a list streamed one line per record.

    ``lists`` maps a placeholder string (a value somewhere in ``envelope``) to (its key, the records). The
    envelope is encoded once, indented, and split where ``"key": "placeholder"`` stands — the key and the
    placeholder together, so a string *value* that happens to equal them cannot be taken for it (it would
    be escaped differently). Ends with a newline.
    """
    text = dumps_report(envelope, indent)
    spots = sorted(((text.index(f'"{key}": ' + json.dumps(mark)), key, mark, records)
                    for mark, (key, records) in lists.items()), key=lambda spot: spot[0])
    done = 0
    for at, key, mark, records in spots:
        start = at + len(f'"{key}": ')
        yield text[done:start]
        done = start + len(json.dumps(mark))
        pad = " " * (start - len(f'"{key}": ') - text.rfind("\n", 0, start) - 1)
        yield from _stream_list(records, pad, pad + " " * indent)
    yield text[done:] + "\n"


def _stream_list(records: Iterable[dict[str, Any]], pad: str, inner: str) -> Iterator[str]:
    """``[`` + one line per record + ``]``, in chunks of :data:`_CHUNK` lines."""
    sep = ",\n" + inner
    chunk: list[str] = []
    first = True
    for record in records:
        chunk.append(_line(record))
        if len(chunk) == _CHUNK:
            yield ("[\n" + inner if first else sep) + sep.join(chunk)
            chunk, first = [], False
    if chunk:
        yield ("[\n" + inner if first else sep) + sep.join(chunk)
        first = False
    yield "[]" if first else "\n" + pad + "]"


def iter_json(result: CheckResult, *, indent: int | None = 2, lang: str = "zh") -> Iterator[str]:
    """The report as text chunks (the last ends with a newline); see the module docstring for the layout."""
    if indent is None or len(result.communities) <= FULL_INDENT_MAX:
        yield dumps_report(result.to_dict(lang), indent) + "\n"
        return
    envelope = dataclasses.replace(result, communities=()).to_dict(lang)
    envelope["communities"] = _PLACEHOLDER
    records = (c.to_dict(lang) for c in result.communities)
    yield from stream_envelope(envelope, {_PLACEHOLDER: ("communities", records)}, indent)


def render_json(result: CheckResult, *, indent: int | None = 2, lang: str = "zh") -> str:
    """The report as JSON text (ends with a newline); titles, grades and messages in ``lang``."""
    return "".join(iter_json(result, indent=indent, lang=lang))


def emit(result: CheckResult, target: Target) -> list[Path]:
    """The JSON report, streamed to ``target`` (keys English, texts in ``target.lang``)."""
    return target.write(iter_json(result, lang=target.lang))
