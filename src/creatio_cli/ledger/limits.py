"""Size limits for untrusted workbooks, in one place: checked before any parser sees the file.

Each limit is far above a real city ledger (a 2,000-community workbook is a few MB and ~150,000
cells) and exists to stop zip bombs and absurd sheets from eating memory. Each can be raised with
an environment variable, e.g. ``CREATIO_MAX_UNCOMPRESSED_MB=2000``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

# name → (environment variable, default, what it bounds)
DEFAULTS: dict[str, tuple[str, int, str]] = {
    "uncompressed_mb": ("CREATIO_MAX_UNCOMPRESSED_MB", 500, "total uncompressed size of a workbook's zip, MB"),
    "ratio": ("CREATIO_MAX_COMPRESSION_RATIO", 200, "uncompressed/compressed size, checked above ratio_floor_mb"),
    "ratio_floor_mb": ("CREATIO_RATIO_FLOOR_MB", 50, "workbooks smaller than this (uncompressed) skip the ratio test"),
    "entries": ("CREATIO_MAX_ZIP_ENTRIES", 10_000, "files inside the workbook's zip"),
    "rows": ("CREATIO_MAX_ROWS", 2_000_000, "rows per sheet (declared or used)"),
    "columns": ("CREATIO_MAX_COLUMNS", 16_384, "columns per sheet (Excel's own maximum)"),
    "cells": ("CREATIO_MAX_CELLS", 20_000_000, "rows × columns per sheet (the grid the reader builds)"),
    "file_mb": ("CREATIO_MAX_FILE_MB", 500, "size on disk of a .xls or .csv ledger, MB"),
    # A real ledger merges a few hundred ranges (street cells, group headers, a title); the reader walks
    # merged ranges, so their number and total area are bounded too.
    "merged_ranges": ("CREATIO_MAX_MERGED_RANGES", 100_000, "merged ranges per sheet"),
    "merged_cells": ("CREATIO_MAX_MERGED_CELLS", 2_000_000, "total area of a sheet's merged ranges, cells"),
    # A 100,000-row ledger needs ~450 MB of address space to read; a reader process that asks for more than
    # this beyond what it started with is stopped (POSIX; its file is reported, the rest goes on).
    "reader_mb": ("CREATIO_MAX_READER_MB", 4096, "memory a reader process may add to what it starts with, MB"),
}


@dataclass(frozen=True)
class Limits:
    """The effective limits (defaults, overridden by environment variables)."""

    uncompressed_mb: int
    ratio: int
    ratio_floor_mb: int
    entries: int
    rows: int
    columns: int
    cells: int
    file_mb: int
    merged_ranges: int
    merged_cells: int
    reader_mb: int

    def env(self, name: str) -> str:
        """The environment variable that overrides limit ``name`` (for messages)."""
        return DEFAULTS[name][0]


def current() -> Limits:
    """Read the limits now (environment variables win over the defaults; bad values are ignored)."""
    values = {}
    for name, (variable, default, _what) in DEFAULTS.items():
        raw = os.environ.get(variable, "").strip().replace("_", "")
        values[name] = int(raw) if raw.isdigit() and int(raw) > 0 else default
    return Limits(**values)



#: Below this many files one process reads them all: more reader processes cost more to start than they
#: save (20 files: 0.7–0.9 s with --jobs 1, 0.9–1.0 s with --jobs 2; bench/README.md).
SMALL_FOLDER = 40


def default_jobs(files: int) -> int:
    """Reader processes for ``files`` files when --jobs is not given."""
    return 1 if files < SMALL_FOLDER else os.cpu_count() or 1
