"""Report renderers: one registry, :data:`RENDERERS`, maps each report :class:`Kind` (check, score) and each
:class:`Format` to the function that writes it; :func:`emit` is the one way a command writes a report.

* Every renderer has the same shape, ``emit(result, target) -> files written`` (``target``: output path or
  stdout, language, limits; :class:`render.output.Target`), and writes through the one stdout-or-file
  writer (``render.output``) or, for xlsx, ``render.safe.atomic_target``.
* Every word a renderer prints is a catalogue label (``render.i18n``); one formula guard
  (``render.safe.neutralize``), one Markdown escaper (``render.markdown``), one list of what could not be
  assessed (``render.coverage``).
* Importing this package is cheap: a renderer's module (rich, xlsxwriter) is imported when it is used
  (design.md habit 9, so ``creatio --help`` stays fast).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from creatio_cli.render.formats import Format, resolve_format
from creatio_cli.render.i18n import check_lang
from creatio_cli.render.output import REPORT_AUTHOR, Target, write_bytes, write_chunks
from creatio_cli.render.safe import neutralize, refuse_overwriting_inputs, write_atomic

__all__ = [
    "RENDERERS",
    "REPORT_AUTHOR",
    "Format",
    "Kind",
    "Target",
    "emit",
    "neutralize",
    "refuse_overwriting_inputs",
    "renderer",
    "resolve_format",
    "write_atomic",
    "write_bytes",
    "write_chunks",
]


class Kind(StrEnum):
    """What a report is about: one check (``CheckResult``), a scored batch (``ranking.ScoreResult``) or the
    history of recorded runs (``trends.HistoryReport``)."""

    check = "check"
    score = "score"
    history = "history"

    @classmethod
    def of(cls, result: Any) -> Kind:
        """The kind of ``result``: a ``ranking.ScoreResult`` is a score report, a ``trends.HistoryReport`` the
        history, anything else a check."""
        from creatio_cli.results import CheckResult

        if isinstance(result, CheckResult):  # a check never imports the ranking module (7 ms)
            return cls.check
        from creatio_cli.ranking import ScoreResult
        from creatio_cli.trends import HistoryReport

        if isinstance(result, HistoryReport):
            return cls.history
        return cls.score if isinstance(result, ScoreResult) else cls.check


Renderer = Callable[[Any, Target], list[Path]]


class _Lazy:
    """A renderer named by module and function, imported on first call (rich/xlsxwriter stay unloaded)."""

    def __init__(self, module: str, function: str = "emit") -> None:
        self.module, self.function = f"creatio_cli.render.{module}", function

    def resolve(self) -> Renderer:
        return getattr(importlib.import_module(self.module), self.function)

    def __call__(self, result: Any, target: Target) -> list[Path]:
        return self.resolve()(result, target)

    def __repr__(self) -> str:
        return f"{self.module}.{self.function}"


#: kind → format → renderer. ``tests/test_render_registry.py`` checks every format has one for each kind.
RENDERERS: dict[Kind, dict[Format, _Lazy]] = {
    Kind.check: {
        Format.table: _Lazy("table"),
        Format.json: _Lazy("json_out"),
        Format.csv: _Lazy("csv_out"),
        Format.md: _Lazy("md_out"),
        Format.xlsx: _Lazy("xlsx_out"),
    },
    Kind.score: {
        Format.table: _Lazy("score_table"),
        Format.json: _Lazy("score_text", "emit_json"),
        Format.csv: _Lazy("score_text", "emit_csv"),
        Format.md: _Lazy("score_md"),
        Format.xlsx: _Lazy("score_xlsx"),
    },
    Kind.history: {
        Format.table: _Lazy("history_text", "emit_table"),
        Format.json: _Lazy("history_text", "emit_json"),
        Format.csv: _Lazy("history_text", "emit_csv"),
        Format.md: _Lazy("history_text", "emit_md"),
        Format.xlsx: _Lazy("history_xlsx"),
    },
}


def renderer(kind: Kind | str, fmt: Format | str) -> Renderer:
    """The renderer of ``fmt`` for reports of ``kind``."""
    return RENDERERS[Kind(kind)][Format(fmt)].resolve()


def emit(
    result: Any,
    fmt: Format | str,
    output: Path | None,
    lang: str = "zh",
    console_out: TextIO | Any | None = None,
    *,
    inputs: Sequence[Path] = (),
    limit: int = 10,
) -> list[Path]:
    """Render ``result`` (a CheckResult, a ScoreResult or a HistoryReport) as ``fmt`` to ``output`` (None or ``-``: stdout);
    return the files written.

    ``console_out`` is a text stream or a ``rich.console.Console`` (default: ``sys.stdout``).
    ``inputs``: the files read; writing onto any of them raises :class:`OutputError` before anything is
    rendered (the side CSV of a capped workbook is checked too). ``limit``: rows of score's movers tables.
    """
    lang = check_lang(lang)
    fmt = Format(fmt)
    output = Path(output) if output is not None and str(output) != "-" else None
    if output is not None and inputs:
        refuse_overwriting_inputs(output, inputs)
        if fmt is Format.xlsx:
            refuse_overwriting_inputs(output.with_name(f"{output.stem}.findings.csv"), inputs)
    return RENDERERS[Kind.of(result)][fmt](result, Target(output, lang, console_out, limit))
