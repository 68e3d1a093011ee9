"""The import contracts hold: layers and forbidden imports ([tool.importlinter] in pyproject.toml).

import-linter is a test extra. Its graph counts imports inside functions too, so a lazy import that crosses
a layer breaks the contract like any other.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# importlinter.cli has no __main__ (``python -m importlinter.cli`` would do nothing and exit 0): call the
# command the lint-imports script calls, with this interpreter.
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def test_import_contracts_are_kept():
    # The graph is built from this checkout's sources, whatever an installed copy points at.
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, "-c", LINT, "--no-cache", "--no-logo"], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": path})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken", proc.stdout), proc.stdout + proc.stderr
