"""A mapping file's misspelt top key is named as an unknown key with the nearest allowed one, never as a
field written as a Python dict (findings probe9 M5: 字段名“{'a': 'households'}”应为文字或 null)."""

from __future__ import annotations

import pytest

from tests.ledgers import community, write_ledger


@pytest.fixture()
def ledger(tmp_path):
    return write_ledger(tmp_path / "hp.xlsx", [community()])


def test_misspelt_columns_is_suggested(cli, ledger, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text('colums:\n  "a": households\n', encoding="utf-8")
    code, _, err = cli("check", ledger, "--mapping", mapping)
    assert code == 2
    assert "未知的键“colums”（是否应为“columns”？）" in err and "{" not in err
    code, _, err = cli("check", ledger, "--mapping", mapping, "--lang", "en")
    assert code == 2 and "did you mean “columns”" in err


def test_another_top_key_beside_columns(cli, ledger, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text('columns:\n  "户数": households\nnotes:\n  - x\n', encoding="utf-8")
    code, _, err = cli("check", ledger, "--mapping", mapping)
    assert code == 2 and "未知的键“notes”" in err


def test_bare_header_mapping_still_reads(cli, ledger, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text('"户数": households\n', encoding="utf-8")
    code, _, err = cli("check", ledger, "--mapping", mapping)
    assert code in (0, 1) and "未知的键" not in err
