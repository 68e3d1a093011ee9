"""Shared fixtures: the default standard and a CLI runner that returns (exit code, stdout, stderr)."""

from __future__ import annotations

import pytest

from creatio_cli.cli import app
from creatio_cli.cli.runner import run
from creatio_cli.standards import load_standard


@pytest.fixture(scope="session")
def standard():
    return load_standard("liugeyi-sidabiao")


@pytest.fixture
def cli(capsys):
    """Run creatio in-process with the real exit-code mapping."""

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run(app, [str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke
