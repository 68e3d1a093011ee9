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
HEAVY = ("pandas", "openpyxl", "docxtpl", "docx", "xlsxwriter", "python_calamine", "rich")
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


@pytest.mark.parametrize("args", [("--help",), ("standards", "list"), ("check", "--help"), ("--version",)])
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
