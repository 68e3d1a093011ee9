"""--baseline (a JSON report) and --template (a .docx) must be regular files: a FIFO would block the read
until some writer came (forever, in a weekly script), a folder is not a report. Each is refused by name,
exit 2, one line, before anything is opened. Run in a subprocess with a timeout so a regression fails
instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEEK = ROOT / "samples" / "weekly" / "week2"
LEDGER = ROOT / "samples" / "city-ledger.xlsx"


def _run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "creatio_cli", *map(str, args), "--lang", "en"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def _special(tmp_path: Path, kind: str) -> Path:
    if kind == "folder":
        folder = tmp_path / "report.json"
        folder.mkdir()
        return folder
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    return fifo


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_baseline_that_is_not_a_regular_file_is_refused_by_name(tmp_path, kind):
    path = _special(tmp_path, kind)
    out = tmp_path / "out.json"
    done = _run("score", WEEK, "--baseline", path, "--format", "json", "--output", out)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and str(path) in done.stderr and "not a regular file" in done.stderr
    assert not out.exists()


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_template_that_is_not_a_regular_file_is_refused_by_name(tmp_path, kind):
    path = _special(tmp_path, kind)
    out = tmp_path / "notices"
    done = _run("notices", "draft", LEDGER, "--template", path, "--output", out)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and str(path) in done.stderr and "not a regular file" in done.stderr
    assert not out.exists()


def test_a_missing_template_is_still_called_missing(tmp_path):
    path = tmp_path / "nowhere.docx"
    done = _run("notices", "draft", LEDGER, "--template", path, "--output", tmp_path / "notices")
    assert done.returncode == 2 and "template not found" in done.stderr
