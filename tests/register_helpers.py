"""Helpers for the register tests: the register's rows against the folder's files, and run subprocesses."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.ledgers import write_ledger
from tests.notice_ledgers import behind, title

ROOT = Path(__file__).resolve().parents[1]

# The schema creatio 0.1 created (PRAGMA user_version 0, no application id), written out by hand.
V0_SCHEMA = """
CREATE TABLE IF NOT EXISTS notices (
    number TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('notice', 'escalation', 'assignment')),
    parent TEXT,
    community_key TEXT NOT NULL,
    district TEXT NOT NULL, street TEXT NOT NULL, community TEXT NOT NULL,
    as_of TEXT NOT NULL,
    due TEXT NOT NULL,
    findings TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'rectified', 'overdue', 'cancelled')),
    file TEXT,
    note TEXT,
    UNIQUE (year, seq)
);
CREATE INDEX IF NOT EXISTS notices_by_community ON notices (kind, community_key, as_of);
"""


def many_ledger(path: Path, count: int, prefix: str = "社区", street: str = "古城街道") -> Path:
    """``count`` communities, all behind schedule at 2022-06-30 (one notice each)."""
    return write_ledger(path, [behind(f"{prefix}{i:02d}", street) for i in range(count)], title=title("2022年6月30日"))


def rows(register: Path) -> list[tuple[str, int, int, str]]:
    """(number, year, seq, file) of every row, read with plain sqlite3."""
    db = sqlite3.connect(register)
    try:
        return db.execute("SELECT number, year, seq, file FROM notices ORDER BY year, seq").fetchall()
    finally:
        db.close()


def assert_consistent(folder: Path, register: Path | None = None) -> list[tuple[str, int, int, str]]:
    """Every numbered file has its row and every row its files; numbers distinct; nothing temporary left."""
    found = rows(register or folder / "register.sqlite")
    numbers = [r[0] for r in found]
    assert len(numbers) == len(set(numbers))
    assert len({(r[1], r[2]) for r in found}) == len(found)
    docx = sorted(p.name for p in folder.glob("*.docx"))
    md = sorted(p.name for p in folder.glob("*.md"))
    assert docx == sorted(r[3] for r in found)
    assert md == sorted(r[3].removesuffix(".docx") + ".md" for r in found)
    for number, year, seq, file in found:
        assert file.startswith(f"{year}-{seq:03d}_"), (number, file)
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".creatio-")]
    assert leftovers == []
    return found


def python_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    return env


def creatio(*args: object, cwd: Path, prelude: str = "") -> subprocess.Popen:
    """Start ``python -m creatio_cli ARGS`` (or, with a ``prelude`` of Python run first, the same entry point)."""
    argv = [str(a) for a in args]
    if prelude:
        code = f"{prelude}\nimport sys\nfrom creatio_cli.cli import main\nmain(sys.argv[1:])"
        command = [sys.executable, "-c", code, *argv]
    else:
        command = [sys.executable, "-m", "creatio_cli", *argv]
    return subprocess.Popen(command, cwd=cwd, env=python_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8")
