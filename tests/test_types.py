"""The package type-checks clean under mypy ([tool.mypy] in pyproject.toml; mypy is a test extra)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_is_clean():
    proc = subprocess.run([sys.executable, "-m", "mypy", "src/creatio_cli"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
