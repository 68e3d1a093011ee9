"""An --output whose folder does not exist is exit 2 naming the folder, and nothing is created
(findings probe9 M4: ``--output /nonexistdir/r.json`` made the folder silently)."""

from __future__ import annotations

import pytest

from tests.ledgers import community, write_ledger


@pytest.fixture()
def ledger(tmp_path):
    return write_ledger(tmp_path / "hp.xlsx", [community()])


@pytest.mark.parametrize("name", ["r.json", "r.xlsx", "r.md", "r.csv"])
def test_check_refuses_a_missing_folder(cli, tmp_path, ledger, name):
    target = tmp_path / "nonexistdir" / name
    code, _, err = cli("check", ledger, "--output", target)
    assert code == 2
    assert str(tmp_path / "nonexistdir") in err and "不存在" in err
    assert not (tmp_path / "nonexistdir").exists()


def test_score_and_inspect_refuse_a_missing_folder(cli, tmp_path, ledger):
    folder = tmp_path / "in"
    folder.mkdir()
    ledger.rename(folder / "hp.xlsx")
    code, _, err = cli("score", folder, "--output", tmp_path / "a" / "b" / "s.json", "--lang", "en")
    assert code == 2 and "does not exist" in err and str(tmp_path / "a" / "b") in err
    code, _, err = cli("inspect", folder / "hp.xlsx", "--write-mapping", tmp_path / "a" / "m.yaml")
    assert code == 2 and "不存在" in err
    assert not (tmp_path / "a").exists()


def test_template_refuses_a_missing_folder(cli, tmp_path):
    code, _, err = cli("template", tmp_path / "x" / "t.xlsx")
    assert code == 2 and "不存在" in err and not (tmp_path / "x").exists()


def test_notices_folder_may_be_new_but_not_its_parent(cli, tmp_path, ledger):
    code, _, err = cli("notices", "draft", ledger, "--output", tmp_path / "a" / "notices")
    assert code == 2 and str(tmp_path / "a") in err
    assert not (tmp_path / "a").exists()
    code, _, _ = cli("notices", "draft", ledger, "--output", tmp_path / "notices")
    assert code in (0, 1) and (tmp_path / "notices").is_dir()


def test_a_file_in_place_of_the_folder_is_named(cli, tmp_path, ledger):
    code, _, err = cli("check", ledger, "--output", ledger / "r.json")
    assert code == 2 and str(ledger) in err
