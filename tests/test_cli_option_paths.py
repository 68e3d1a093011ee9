"""A file option given a folder or nothing says which option and what it takes; an --output folder is
said to be a folder whether or not --format is given."""

from __future__ import annotations

import pytest
from ledgers import GOOD, write_ledger

from creatio_cli.standards import shipped_ids

SHIPPED_ZH = "、".join(shipped_ids())
SHIPPED_EN = ", ".join(shipped_ids())


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "l.xlsx", [GOOD])


def test_a_mapping_folder_is_named_as_the_mapping_option(cli, tmp_path, ledger):
    folder = tmp_path / "maps"
    folder.mkdir()
    code, _, err = cli("check", ledger, "--mapping", folder)
    assert code == 2 and err == (f"错误：{folder}: 是文件夹；--mapping 应为列映射 YAML 文件"
                                 "（creatio inspect --write-mapping 可写出一份）\n")
    code, _, err = cli("check", ledger, "--mapping", folder, "--lang", "en")
    assert code == 2 and err == (f"error: {folder}: is a folder; --mapping takes a column-mapping YAML file "
                                 "(`creatio inspect --write-mapping` writes one)\n")


def test_a_settings_folder_is_named_as_the_config_option(cli, tmp_path, ledger):
    code, _, err = cli("notices", "draft", ledger, "--config", tmp_path, "--output", tmp_path / "out", "--lang", "en")
    assert code == 2 and err == (f"error: {tmp_path}: is a folder; --config takes a settings YAML file "
                                 "(`creatio notices init-config` writes one)\n")


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_standard_is_named_as_the_standard_option(cli, ledger, empty):
    code, _, err = cli("check", ledger, "--standard", empty)
    assert code == 2 and err == f"错误：--standard 的值为空；应为标准编号（内置：{SHIPPED_ZH}）或 YAML 标准文件\n"
    code, _, err = cli("check", ledger, "--standard", empty, "--lang", "en")
    assert code == 2 and err == (f"error: --standard is empty; it takes a standard id (shipped: {SHIPPED_EN}) "
                                 "or a YAML standard file\n")


def test_a_standard_folder_is_named_as_the_standard_option(cli, tmp_path, ledger):
    code, _, err = cli("check", ledger, "--standard", tmp_path, "--lang", "en")
    assert code == 2 and err == (f"error: {tmp_path}: is a folder; --standard takes a standard id "
                                 f"(shipped: {SHIPPED_EN}) or a YAML standard file\n")
    # Given as an argument (no option to name), a folder is still "not a YAML standard".
    code, _, err = cli("standards", "validate", tmp_path, "--lang", "en")
    assert code == 2 and err == f"error: {tmp_path}: is a folder, not a YAML standard\n"
    code, _, err = cli("standards", "show", "", "--lang", "en")
    assert code == 2 and err.startswith("error: no standard given; expected a standard id (shipped: ")


@pytest.mark.parametrize("fmt", [(), ("--format", "json")], ids=["no --format", "--format json"])
def test_an_output_folder_is_said_to_be_a_folder(cli, tmp_path, ledger, fmt):
    folder = tmp_path / "reports"
    folder.mkdir()
    code, out, err = cli("check", ledger, "--output", folder, *fmt)
    assert (code, out, err) == (2, "", f"错误：{folder}: 拒绝写入：它是文件夹\n")
    code, out, err = cli("check", ledger, "--output", folder, *fmt, "--lang", "en")
    assert (code, out, err) == (2, "", f"error: {folder}: refusing to write: it is a folder\n")
    code, _, err = cli("score", tmp_path, "--output", folder, *fmt, "--lang", "en")
    assert code == 2 and err == f"error: {folder}: refusing to write: it is a folder\n"
