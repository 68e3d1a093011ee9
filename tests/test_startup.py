"""Start-up hygiene: `creatio --help` and `standards list` must not load the heavy libraries.

Runs a fresh interpreter (the test process has already imported everything) and lists which of the
heavy modules it loaded; typer's rich help is off (rich_markup_mode=None), so rich stays out too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("pandas", "openpyxl", "docxtpl", "docx", "xlsxwriter", "python_calamine", "rich", "matplotlib")
PROBE = """
import json, sys
from creatio_cli.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "loaded": sorted(m for m in %r if m in sys.modules)}), file=sys.stderr)
"""


def loaded_by(*args: str) -> tuple[int, list[str], str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", PROBE % (HEAVY,), *args], capture_output=True, text=True,
                          env=env, timeout=60)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], report["loaded"], done.stdout


@pytest.mark.parametrize("args", [("--help",), ("standards", "list"), ("check", "--help"), ("--version",),
                                  ("history", "--help")])
def test_light_commands_do_not_import_heavy_libraries(args):
    code, loaded, out = loaded_by(*args)
    assert code == 0 and out.strip()
    assert loaded == []


def test_the_probe_does_see_heavy_imports(tmp_path):
    # The same probe on a command that reads a ledger must list pandas and calamine (the probe works).
    from ledgers import community, write_ledger

    path = write_ledger(tmp_path / "a.xlsx", [community()])
    code, loaded, _ = loaded_by("check", str(path), "--format", "json")
    assert code == 0 and {"pandas", "python_calamine"} <= set(loaded)


def test_reading_the_history_needs_no_ledger_or_chart_library(tmp_path):
    """`creatio history --format json` reads SQLite only: no pandas, no spreadsheet or chart library."""
    import sqlite3

    from creatio_cli.history import schema

    path = tmp_path / "h.sqlite"
    with sqlite3.connect(path) as db:  # an empty history file of the current schema
        for statement in schema.statements():
            db.execute(statement)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("application", schema.APPLICATION),
                                                         ("schema_version", str(schema.SCHEMA_VERSION))])
        db.execute("INSERT INTO runs (standard, as_of, scope, standard_version, standard_title_zh, standard_title_en,"
                   " expected_progress, campaign_start, campaign_deadline, convention, source, recorded_at,"
                   " creatio_version) VALUES ('s', '2022-06-30', 'all', '1', '标准', 'Standard', 0.5, '2022-01-01',"
                   " '2022-12-31', 'day', 'f', '2022-06-30T00:00:00Z', '0')")
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    code, loaded, out = loaded_by("history", "--history", str(path), "--format", "json")
    assert code == 0 and '"as_of": "2022-06-30"' in out
    assert loaded == []


READER_PROBE = """
import json, sys
from pathlib import Path
from creatio_cli.ledger.workers import ReadTask, read_one
from creatio_cli.standards import load_standard
status, _value = read_one(Path(sys.argv[1]), ReadTask(load_standard("liugeyi-sidabiao")))
print(json.dumps({"status": status, "pandas": "pandas" in sys.modules}))
"""


def test_reading_a_ledger_never_imports_pandas():
    """The reader children do without pandas, so the parent imports it while they read (workers.py): a
    pandas import on the reading path would put ~0.1 s back on every small `check`."""
    sample = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", READER_PROBE, str(sample)], capture_output=True, text=True,
                          env=env, timeout=60)
    assert json.loads(done.stdout) == {"status": "ok", "pandas": False}, done.stderr
