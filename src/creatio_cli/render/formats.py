"""Output formats and how one is chosen from ``--format`` and ``--output``.

design.md: "``--format`` wins; otherwise the ``--output`` suffix (``.json .csv .xlsx .md``); otherwise the
terminal table. ``xlsx`` without ``--output``, or a ``--format`` that contradicts the suffix, is a usage
error (exit 2)."

Choices made where the contract is silent:

* Without ``--format``, an output whose suffix is not one of the four (``report.txt``, ``report``) is a
  usage error: guessing would silently write something the user did not ask for.
* With an explicit ``--format``, an unknown suffix is accepted (``--format json --output report.txt``):
  nothing contradicts it. A *known* suffix that differs is a contradiction.
* ``--format table --output x.txt`` writes the terminal table as plain text into the file; ``table`` with
  a ``.json/.csv/.xlsx/.md`` output contradicts the suffix.
* Without ``--format``, an output that is a folder is refused as a folder (``output.is_folder``, as
  ``render.safe.check_output`` says with a format), not for its missing suffix.
* Suffixes are compared case-insensitively (``REPORT.XLSX`` is xlsx), as Windows users write them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from creatio_cli.errors import OutputError, UsageError


class Format(StrEnum):
    """Every report format; ``render.RENDERERS`` must have one entry per member (tested)."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    md = "md"


SUFFIXES: dict[str, Format] = {
    ".json": Format.json,
    ".csv": Format.csv,
    ".xlsx": Format.xlsx,
    ".md": Format.md,
}


def _parse(fmt: str) -> Format:
    try:
        return Format(fmt.strip().lower())
    except ValueError:
        raise UsageError("option.format_unknown", {"value": fmt, "choices": [f.value for f in Format]}) from None


def resolve_format(fmt: str | Format | None, output: Path | None) -> Format:
    """Pick the report format, or raise :class:`UsageError` with a one-line message."""
    suffix = output.suffix.lower() if output is not None else ""
    from_suffix = SUFFIXES.get(suffix)
    if fmt is not None and str(fmt) != "":
        chosen = _parse(str(fmt))
        if from_suffix is not None and from_suffix is not chosen:
            raise UsageError("option.format_contradicts_suffix", {"format": chosen.value, "suffix": suffix},
                             file=output)
    elif output is None:
        chosen = Format.table
    elif from_suffix is None:
        if output.is_dir():  # what is wrong is the folder, not its suffix (as with an explicit --format)
            raise OutputError("output.is_folder", file=output)
        raise UsageError("option.format_from_suffix", {"suffixes": list(SUFFIXES)}, file=output)
    else:
        chosen = from_suffix
    if chosen is Format.xlsx and output is None:
        raise UsageError("option.xlsx_needs_output")
    return chosen
