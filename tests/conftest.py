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


@pytest.fixture(scope="session")
def box_font(tmp_path_factory):
    """A font drawing every Chinese character as a square (built by ``cjk_font.py``, not installed)."""
    from cjk_font import build_box_font

    return build_box_font(tmp_path_factory.mktemp("font") / "box.ttf")


@pytest.fixture
def cjk_font(box_font, monkeypatch):
    """The chart code sees one font on the machine, the tests' own CJK font, listed as a candidate: chart
    tests then behave the same on a machine with Noto CJK installed and on a bare Python image."""
    from creatio_cli.render import fonts

    monkeypatch.setattr(fonts, "CANDIDATES", (box_font.name, *fonts.CANDIDATES))
    monkeypatch.setattr(fonts, "system_fonts", lambda: [box_font])
    return fonts.find_cjk_font()
