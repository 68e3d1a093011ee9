"""English mode says English things: the template's instructions sheet is in English (the headers stay as the
standard words them, and the sheet says why), and a header quoted in an English message is in “…”, not in
Chinese corner brackets 「…」 (the JSON params keep their text)."""

from __future__ import annotations

import json

import openpyxl
from ledgers import HEADERS, community, write_ledger

from creatio_cli.ledger.template import template_headers
from creatio_cli.standards import load_standard

TWO_CULTURE = [*HEADERS[:10], "文化活动室", *HEADERS[10:]]  # 文化服务中心 beside 文化活动室: ambiguous


def test_template_in_english_has_english_instructions_and_the_standards_headers(cli, tmp_path):
    out = tmp_path / "blank.xlsx"
    code, _, err = cli("template", out, "--lang", "en")
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["台账", "Instructions"]
    headers = [h for h, _ in template_headers(load_standard("liugeyi-sidabiao"))]
    assert [c.value for c in book["台账"][2]] == headers  # what the office fills in: as the standard words it
    rows = [list(r) for r in book["Instructions"].iter_rows(values_only=True)]
    assert "stay in Chinese" in rows[0][0] and "creatio reads" in rows[0][0]
    assert rows[1] == ["Column (as in 台账)", "Meaning", "What to write", "Other headers accepted"]
    by_header = {r[0]: r for r in rows[2:]}
    assert list(by_header) == headers
    assert by_header["常住户数"][1:3] == ["Households", "a whole number: 12"]
    assert by_header["群众满意度（%）"][2] == "a percentage: 92.5% or 92.5"
    assert not any("整数" in str(r[2]) or "文字" in str(r[2]) or "百分比" in str(r[2]) for r in rows[2:])


def test_template_in_chinese_is_unchanged(cli, tmp_path):
    out = tmp_path / "blank.xlsx"
    assert cli("template", out)[0] == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["台账", "填表说明"]
    assert [c.value for c in book["填表说明"][1]] == ["列名", "填写要求", "可用的列名"]


def test_the_english_template_reads_back_like_the_chinese_one(cli, tmp_path):
    """The Instructions sheet is skipped as instructions, as 填表说明 is: both blanks say the same thing."""
    en, zh = tmp_path / "en.xlsx", tmp_path / "zh.xlsx"
    cli("template", en, "--lang", "en")
    cli("template", zh)
    code_en, _, err_en = cli("check", en, "--lang", "en")
    code_zh, _, err_zh = cli("check", zh, "--lang", "en")
    assert code_en == code_zh == 2 and err_en.replace("en.xlsx", "x") == err_zh.replace("zh.xlsx", "x")


def test_headers_in_english_messages_are_quoted_in_english(cli, tmp_path):
    rows = [community(社区=f"第{i + 1}社区", 文化服务中心="是", 文化活动室="否") for i in range(4)]
    path = write_ledger(tmp_path / "alike.xlsx", rows, headers=TWO_CULTURE)
    reports = {}
    for lang in ("zh", "en"):
        _code, out, err = cli("check", path, "--format", "json", "--lang", lang)
        reports[lang] = json.loads(out)
        ambiguous = next(w for w in reports[lang]["warnings"] if w["code"] == "header.ambiguous")
        if lang == "en":
            assert "J “文化服务中心”" in ambiguous["message"] and "「" not in ambiguous["message"], ambiguous
            assert "「" not in err and "」" not in err, err
        else:
            assert "J「文化服务中心」" in ambiguous["message"]
    # The params are language-neutral and the same in both reports.
    params = [next(w for w in r["warnings"] if w["code"] == "header.ambiguous")["params"] for r in reports.values()]
    assert params[0] == params[1] and any("文化服务中心" in o for o in params[0]["options"])
