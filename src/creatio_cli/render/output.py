"""The one place a report leaves the program: stdout, or a file replaced atomically.

Text formats are written as UTF-8 *bytes*: to the stream's binary buffer when it has one, so a GBK
console cannot mangle (or refuse) the report and ``--format json | jq`` always works. Chunks are written
as they come, so a streamed report (JSON of 100k communities) is never held whole. A file is written
through :func:`render.safe.atomic_target` (temp file beside it, then ``os.replace``), which also refuses
the command's inputs, a folder or a device. xlsx writers need a file name and use ``atomic_target``
directly; they never go to stdout (``resolve_format`` refuses ``xlsx`` without ``--output``).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creatio_cli.render.safe import atomic_target

#: The document author of creatio's own workbooks, so ``score`` never reads a report back as a ledger
#: (``batch.CREATOR`` recognises it; ``tests/test_render_registry.py`` checks the two agree).
REPORT_AUTHOR = "creatio"


def _bytes(chunk: bytes | str) -> bytes:
    return chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")


def text_stream(out: Any) -> Any:
    """The text stream behind ``out``: a rich Console's ``.file``, else ``out`` itself."""
    console = sys.modules.get("rich.console")  # a Console can only exist once rich is imported
    if console is not None and isinstance(out, console.Console):
        return out.file
    return out


def write_chunks(chunks: Iterable[bytes | str], output: Path | None, out: Any) -> list[Path]:
    """Write ``chunks`` (bytes, or text encoded as UTF-8) to ``output`` atomically, or to ``out``;
    return the files written (``[]`` for stdout)."""
    if output is not None:
        with atomic_target(Path(output)) as tmp, open(tmp, "wb") as fh:
            for chunk in chunks:
                fh.write(_bytes(chunk))
            fh.flush()
            os.fsync(fh.fileno())
        return [Path(output)]
    stream = text_stream(out)
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (StringIO, a test's capture)
        for chunk in chunks:
            stream.write(chunk if isinstance(chunk, str) else chunk.decode("utf-8"))
        stream.flush()
        return []
    stream.flush()
    for chunk in chunks:
        buffer.write(_bytes(chunk))
    buffer.flush()
    return []


def write_bytes(data: bytes | str, output: Path | None, out: Any) -> list[Path]:
    """:func:`write_chunks` of one piece."""
    return write_chunks((data,), output, out)


@dataclass(frozen=True)
class Target:
    """Where a report goes and how it is worded: ``output`` (None: stdout), ``lang``, ``out`` (the stdout
    stream or a rich Console; default ``sys.stdout``) and ``limit`` (rows of score's movers tables)."""

    output: Path | None = None
    lang: str = "zh"
    out: Any = None
    limit: int = 10

    def stream(self) -> Any:
        return self.out if self.out is not None else sys.stdout

    def write(self, chunks: Iterable[bytes | str]) -> list[Path]:
        """:func:`write_chunks` to this target."""
        return write_chunks(chunks, self.output, self.stream())


#: Width of a terminal report written to a file (``--format table --output report.txt``).
FILE_WIDTH = 120


def emit_console(draw: Callable[[Any], None], target: Target) -> list[Path]:
    """Run ``draw(console)`` on a rich Console for the terminal, or into text written to ``target.output``."""
    from rich.console import Console

    if target.output is None:
        out = target.stream()
        draw(out if isinstance(out, Console) else Console(file=out))
        return []
    buf = io.StringIO()
    draw(Console(file=buf, width=FILE_WIDTH, no_color=True, color_system=None))
    return target.write((buf.getvalue(),))
