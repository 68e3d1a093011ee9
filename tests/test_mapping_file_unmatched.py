"""A --mapping entry whose header is in no column of a ledger is a warning naming the entry and the mapping
file, once per ledger file, in check, inspect, notices and score (findings probe9 H4: it was ignored silently)."""

from __future__ import annotations

import json

import pytest

from tests.ledgers import community, write_ledger


@pytest.fixture()
def files(tmp_path):
    ledger = write_ledger(tmp_path / "hp.xlsx", [community(), community(社区="和美社区")])
    mapping = tmp_path / "m.yaml"
    mapping.write_text('columns:\n  "不存在": households\n  "户数": households\n', encoding="utf-8")
    return ledger, mapping


def test_check_warns_and_reports_it(cli, files, tmp_path):
    ledger, mapping = files
    code, _, err = cli("check", ledger, "--mapping", mapping)
    assert code in (0, 1)
    lines = [line for line in err.splitlines() if "不存在" in line]
    assert len(lines) == 1 and str(mapping) in lines[0] and str(ledger) in lines[0]
    assert "户数”" not in lines[0]  # the entry that matched is not named
    cli("check", ledger, "--mapping", mapping, "--output", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [w for w in report["warnings"] if w["code"] == "mapping.header_not_found"]


def test_english(cli, files):
    ledger, mapping = files
    _, _, err = cli("check", ledger, "--mapping", mapping, "--lang", "en")
    assert "no column of this ledger is headed “不存在”" in err


def test_inspect_notices_score(cli, files, tmp_path):
    ledger, mapping = files
    _, _, err = cli("inspect", ledger, "--mapping", mapping)
    assert sum("不存在" in line for line in err.splitlines()) == 1
    _, _, err = cli("notices", "draft", ledger, "--mapping", mapping, "--output", tmp_path / "n")
    assert sum("不存在" in line for line in err.splitlines()) == 1
    folder = tmp_path / "f"
    folder.mkdir()
    ledger.rename(folder / "a.xlsx")
    write_ledger(folder / "b.xlsx", [community(社区="乙社区")])
    _, _, err = cli("score", folder, "--mapping", mapping)
    warned = [line for line in err.splitlines() if "不存在" in line]
    assert len(warned) == 2  # once per ledger file
    assert any("a.xlsx" in line for line in warned) and any("b.xlsx" in line for line in warned)


def test_all_entries_found_no_warning(cli, tmp_path):
    ledger = write_ledger(tmp_path / "hp.xlsx", [community()])
    mapping = tmp_path / "m.yaml"
    mapping.write_text('columns:\n  "户数": households\n', encoding="utf-8")
    _, _, err = cli("check", ledger, "--mapping", mapping)
    assert "映射文件" not in err
