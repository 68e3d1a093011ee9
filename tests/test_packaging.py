"""The wheel carries every package of the source tree (a package missing from pyproject's list installs
fine in editable mode and breaks `pip install .` — the README's first command)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_source_package_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in (src / "creatio_cli").rglob("__init__.py")}
    assert found - listed == set()
    assert "creatio_cli.standards_data" in listed  # the shipped standards, mapped from standards/
