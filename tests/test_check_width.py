"""At COLUMNS=80 every line `check` prints — the report on stdout, the as-of line and notes on stderr — fits
in 80 display columns, in both languages (the English as-of line was 81)."""

from __future__ import annotations

from pathlib import Path

import pytest

from creatio_cli.ledger.tokens import display_width

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_of_check_fits_80_columns(cli, monkeypatch, lang) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _code, out, err = cli("check", SAMPLE, "--lang", lang)
    wide = [line for line in (out + err).splitlines() if display_width(line) > 80]
    assert wide == []
    assert "liugeyi-sidabiao" in err  # the standard is still said, on the as-of line or under it


def test_a_narrow_terminal_wraps_the_as_of_line_and_a_pipe_keeps_it_whole(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    _code, _out, err = cli("check", SAMPLE, "--lang", "en")
    assert err.splitlines()[:2] == ["as of 2022-06-30 (the date in the ledger's title);", "  standard liugeyi-sidabiao"]
    monkeypatch.delenv("COLUMNS", raising=False)
    _code, _out, err = cli("check", SAMPLE, "--lang", "en")
    assert "as of 2022-06-30 (the date in the ledger's title); standard liugeyi-sidabiao" in err.splitlines()
