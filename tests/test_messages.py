"""The message catalogue: every code in both languages with the same placeholders; every code the source
uses exists; user data is never translated; one result renders in either language."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from creatio_cli.errors import LedgerError, StandardError, UsageError
from creatio_cli.messages import CATALOGUE, Message, msg, placeholders

SRC = Path(__file__).resolve().parents[1] / "src" / "creatio_cli"
CODE = re.compile(r"^[a-z]+\.[a-z0-9_]+(\.[a-z0-9_]+)*$")
NAMESPACES = {code.split(".")[0] for code in CATALOGUE}
# Codes built at run time from a prefix (f"label.{key}", f"sheet.too_large_{label}"); checked by prefix.
DYNAMIC_PREFIXES = ("label.", "sheet.too_large_")
FILE_SUFFIXES = (".sqlite", ".xlsx", ".csv", ".json", ".yaml", ".docx", ".md", ".xml")


def _constants() -> set[str]:
    """Every string constant in the package that looks like a catalogue code of a known namespace."""
    found = set()
    for path in SRC.rglob("*.py"):
        if "messages" in path.parts and path.name != "__init__.py":
            continue  # the catalogue's data itself
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value) \
                    and node.value.split(".")[0] in NAMESPACES and not node.value.endswith(FILE_SUFFIXES) \
                    and not node.value.startswith(DYNAMIC_PREFIXES):
                found.add(node.value)
    return found


def _label_keys() -> set[str]:
    """The keys passed as constants to ``t(...)`` (render.i18n), which reads ``label.<key>``."""
    keys = set()
    for path in SRC.rglob("*.py"):
        if "from creatio_cli.render.i18n import" not in path.read_text(encoding="utf-8"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                keys.add(node.args[0].value)
    return keys


def test_every_code_has_both_languages_with_the_same_placeholders():
    for code, (zh, en) in CATALOGUE.items():
        assert zh.strip() and en.strip(), code
        assert placeholders(zh) == placeholders(en), code


def test_every_code_the_source_uses_is_in_the_catalogue():
    used = _constants()
    assert len(used) > 100  # the scan sees the package (not an empty walk)
    assert sorted(used - set(CATALOGUE)) == []
    assert sorted(k for k in _label_keys() if f"label.{k}" not in CATALOGUE) == []


def test_every_catalogue_entry_is_used():
    used = _constants()
    unused = [c for c in CATALOGUE if c not in used and not c.startswith(DYNAMIC_PREFIXES)]
    assert unused == []


def _ids() -> set[str]:
    """Words that are identifiers, not English: the YAML keys of standards, settings and mapping files,
    rule kinds, formats, languages and JSON keys — written as they are in either language."""
    from pydantic import BaseModel

    from creatio_cli.notices.config import NoticeSettings
    from creatio_cli.render.formats import Format
    from creatio_cli.rules.kinds import REGISTRY
    from creatio_cli.standards import model

    names: set[str] = {"columns", "replace", "extends", "remove_indicators", "null", "true", "false", "kind",
                       "warnings", "zh", "en", "day", "month", "creatio", "nan", "inf", "range"}
    import creatio_cli.rules as rules_package

    modules = [model, *(m for m in vars(rules_package).values() if hasattr(m, "__file__"))]
    for kind in REGISTRY.values():
        modules.append(__import__(kind.__module__, fromlist=["_"]))
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                names |= set(value.model_fields)
    names |= set(NoticeSettings.model_fields) | set(REGISTRY) | {f.value for f in Format}
    return names


def test_english_templates_hold_no_chinese_and_chinese_templates_no_english_words():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    ids = _ids()
    for code, (zh, en) in CATALOGUE.items():
        assert not cjk.search(en), code
        # In Chinese, Latin text is only placeholders, options, commands, identifiers, file names and units.
        latin = re.sub(r"\{[a-z_]+\}|--[a-z-]+|creatio [a-z -]+|[A-Z][A-Z0-9_-]{2,}|Word|"
                       r"[\w./-]+\.(md|yaml|docx|xlsx|csv|json)|[a-z_]+(?:/[a-z_]+)+|\d+", " ", zh)
        words = set(re.findall(r"[A-Za-z_]{2,}", latin)) - ids - {"xlsx", "xls", "ods", "zip", "MB", "docx"}
        assert not words, (code, zh, words)


@pytest.mark.parametrize("path", ["reports/no such row/column.xlsx", "std/gz-poverty-2row.yaml"])
def test_user_data_comes_back_unchanged_inside_the_message(path):
    error = LedgerError(path, "file.not_found")
    assert error.text("zh") == f"{path}: 文件不存在"
    assert error.text("en") == f"{path}: file not found"
    key = "title.two-row header"
    error = StandardError(path, "standard.unknown_key", key=key)
    assert error.text("zh") == f"{path}: {key}: 未知的键"


def test_params_render_per_language_and_serialise_neutrally():
    from creatio_cli.standards.model import Text

    message = msg("header.field_not_found", title=Text(zh="群众满意度", en="Resident satisfaction"), field="satisfaction")
    assert message.render("zh") == "未找到“群众满意度”列（satisfaction），相关指标未评估"
    assert message.render("en") == "column for “Resident satisfaction” (satisfaction) not found; its indicators are not assessed"
    assert message.to_dict() == {"code": "header.field_not_found", "params": {
        "title": {"zh": "群众满意度", "en": "Resident satisfaction"}, "field": "satisfaction"}}
    listed = msg("standard.unknown_id", shipped=["a", "b"])
    assert listed.render("zh").endswith("a、b）") and listed.render("en").endswith("a, b)")


def test_errors_survive_pickling_with_their_code_params_and_position():
    import pickle

    error = LedgerError("a.xlsx", "sheet.not_found", {"sheet": "台账", "sheets": ["表1"]}, sheet="台账")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.code, dict(copy.message.params), copy.sheet, copy.text("zh")) == (
        LedgerError, "sheet.not_found", {"sheet": "台账", "sheets": ["表1"]}, "台账", error.text("zh"))


def test_an_unknown_key_is_named_with_a_did_you_mean(tmp_path, cli):
    std = tmp_path / "typo.yaml"
    std.write_text("extend: liugeyi-sidabiao\nid: typo\ntitle: 错字\nversion: '1'\n", encoding="utf-8")
    code, _out, err = cli("standards", "validate", std, "--lang", "en")
    assert code == 2
    assert f"{std}: extend: unknown key (did you mean “extends”?)" in err
    rule = tmp_path / "valeu.yaml"
    rule.write_text("""extends: liugeyi-sidabiao
id: valeu
title: 错字
version: '1'
indicators:
  - id: rooms.function_rooms
    rule: {kind: threshold, field: function_rooms, valeu: 8}
""", encoding="utf-8")
    code, _out, err = cli("standards", "validate", rule, "--lang", "en")
    assert code == 2 and "indicators[rooms.function_rooms].rule.valeu: unknown key (did you mean “value”?)" in err


def test_one_result_renders_in_either_language_in_json(cli, tmp_path):
    from ledgers import community, write_ledger

    path = write_ledger(tmp_path / "a.xlsx", [community(道德讲堂="否", 户数="150-200")])
    reports = {}
    for lang in ("zh", "en"):
        _code, out, _err = cli("check", path, "--format", "json", "--lang", lang)
        reports[lang] = json.loads(out)
    zh, en = reports["zh"], reports["en"]
    assert zh["communities"][0]["findings"][0]["title"] == "一个道德讲堂"
    assert en["communities"][0]["findings"][0]["title"] == "A moral lecture hall"
    assert [w["code"] for w in zh["warnings"]] == [w["code"] for w in en["warnings"]] == ["cell.range_lower_bound"]
    assert zh["warnings"][0]["params"] == en["warnings"][0]["params"]
    assert zh["warnings"][0]["message"] != en["warnings"][0]["message"]


def test_usage_errors_are_rendered_in_the_users_language(cli, tmp_path):
    code, _out, err = cli("check", tmp_path / "x.xlsx", "--format", "pdf", "--lang", "en")
    assert code == 2 and err == "error: unknown --format “pdf” (use one of table, json, csv, xlsx, md)\n"
    code, _out, err = cli("check", tmp_path / "x.xlsx", "--format", "pdf")
    assert code == 2 and err.startswith("错误：未知的 --format")


def test_message_is_a_value():
    assert Message("file.empty") == msg("file.empty")
    assert UsageError("option.lang", {"value": "fr"}).text("en") == "--lang must be zh or en, not “fr”"
