"""`score` without --jobs: one process for a small folder, the machine's cores for a large one."""

from __future__ import annotations

import os

from creatio_cli.ledger.limits import SMALL_FOLDER, default_jobs


def test_small_folder_is_read_in_one_process() -> None:
    assert SMALL_FOLDER == 40  # the figure --help and bench/README.md give
    assert default_jobs(1) == default_jobs(20) == default_jobs(39) == 1


def test_large_folder_uses_every_core() -> None:
    assert default_jobs(40) == default_jobs(3000) == (os.cpu_count() or 1)


def test_help_names_the_default(cli) -> None:
    code, out, _ = cli("score", "--help")
    assert code == 0 and "fewer than 40 files" in " ".join(out.split())
