"""Report renderers: one module per :class:`Format`, chosen by :func:`emit`.

Importing this package is cheap: rich and xlsxwriter are imported inside the renderer that needs them
(design.md habit 9, so ``creatio --help`` stays fast).

Data goes to stdout or ``--output``. Text formats on stdout are written as UTF-8 bytes to the stream's
binary buffer when it has one, so ``--format json | jq`` works even when the console's encoding is GBK.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from creatio_cli.render.formats import Format, resolve_format
from creatio_cli.render.i18n import check_lang
from creatio_cli.render.safe import neutralize, refuse_overwriting_inputs, write_atomic
from creatio_cli.results import CheckResult

__all__ = ["RENDERERS", "Format", "emit", "neutralize", "refuse_overwriting_inputs", "resolve_format",
           "write_atomic"]


def write_bytes(data: bytes, output: Path | None, out: Any) -> list[Path]:
    """Rendered bytes to ``output`` (atomically) or to ``out`` (its binary buffer, so a GBK console
    cannot mangle UTF-8); returns the files written."""
    if output is not None:
        write_atomic(output, data)
        return [output]
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8"))
    return []


def _emit_table(result: CheckResult, output: Path | None, lang: str, out: Any) -> list[Path]:
    from rich.console import Console

    from creatio_cli.render.table import render_table

    if output is None:
        console = out if isinstance(out, Console) else Console(file=out)
        render_table(result, lang, console)
        return []
    buf = io.StringIO()
    render_table(result, lang, Console(file=buf, width=120, no_color=True, color_system=None))
    write_atomic(output, buf.getvalue().encode("utf-8"))
    return [output]


def _text_emitter(render: Callable[[CheckResult, str], bytes]) -> Callable[..., list[Path]]:
    def emitter(result: CheckResult, output: Path | None, lang: str, out: Any) -> list[Path]:
        return write_bytes(render(result, lang), output, out)

    return emitter


def _emit_json(result: CheckResult, output: Path | None, lang: str, out: Any) -> list[Path]:
    from creatio_cli.render.json_out import emit_json  # streamed: never the whole text in memory

    return emit_json(result, output, lang, out)


def _csv_bytes(result: CheckResult, lang: str) -> bytes:
    from creatio_cli.render.csv_out import render_csv

    return render_csv(result, lang)


def _md_bytes(result: CheckResult, lang: str) -> bytes:
    from creatio_cli.render.md_out import render_md

    return render_md(result, lang).encode("utf-8")


def _emit_xlsx(result: CheckResult, output: Path | None, lang: str, out: Any) -> list[Path]:
    from creatio_cli.render.xlsx_out import write_xlsx

    if output is None:  # resolve_format already refuses this; keep the guard for direct callers
        from creatio_cli.errors import UsageError

        raise UsageError("option.xlsx_needs_output")
    return write_xlsx(result, output, lang)


#: One emitter per format; ``tests/test_render.py`` checks the mapping is exhaustive.
RENDERERS: dict[Format, Callable[[CheckResult, Path | None, str, Any], list[Path]]] = {
    Format.table: _emit_table,
    Format.json: _emit_json,
    Format.csv: _text_emitter(_csv_bytes),
    Format.md: _text_emitter(_md_bytes),
    Format.xlsx: _emit_xlsx,
}


def emit(
    result: CheckResult,
    fmt: Format,
    output: Path | None,
    lang: str = "zh",
    console_out: TextIO | Any | None = None,
    *,
    inputs: Sequence[Path] = (),
) -> list[Path]:
    """Render ``result`` as ``fmt`` to ``output`` (or stdout); return the files written.

    ``console_out`` is a text stream or a ``rich.console.Console`` (default: ``sys.stdout``).
    ``inputs``: the files read; writing onto any of them raises :class:`OutputError` before anything is
    rendered (the side CSV of a capped workbook is checked too).
    """
    lang = check_lang(lang)
    out = console_out if console_out is not None else sys.stdout
    output = Path(output) if output is not None else None
    if output is not None and inputs:
        refuse_overwriting_inputs(output, inputs)
        if fmt is Format.xlsx:
            refuse_overwriting_inputs(output.with_name(f"{output.stem}.findings.csv"), inputs)
    return RENDERERS[Format(fmt)](result, output, lang, out)
