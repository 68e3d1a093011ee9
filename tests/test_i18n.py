"""Messages in the user's language: whole-word phrase translation and Chinese errors by default."""

from creatio_cli.i18n import tr


def test_translation_matches_whole_words_only():
    assert tr("throw rows of row 5", "zh") == "throw rows of 行 5"
    assert tr("x.xlsx: file not found", "zh") == "x.xlsx: 文件不存在"
    assert tr("x.xlsx: file not found", "en") == "x.xlsx: file not found"


def test_longest_phrase_wins():
    assert tr("a: is encrypted (password-protected); save an unprotected copy", "zh") == \
        "a: 已加密（有密码保护），请另存一份无密码的副本"


def test_errors_are_chinese_by_default_and_english_on_request(cli, tmp_path):
    missing = tmp_path / "none.xlsx"
    code, _, err = cli("check", missing)
    assert code == 2 and err.strip() == f"错误：{missing}: 文件不存在"
    code, _, err = cli("check", missing, "--lang", "en")
    assert code == 2 and err.strip() == f"error: {missing}: file not found"


def test_warnings_reach_stderr(cli, tmp_path):
    from tests.ledgers import HEADERS, community, write_ledger

    headers = [h for h in HEADERS if h != "群众满意度（%）"]
    path = write_ledger(tmp_path / "l.xlsx", [community()], headers=headers)
    code, out, err = cli("check", path, "--format", "json")
    assert code == 1 and out.startswith("{")
    assert "警告" in err and "群众满意度" in err


def test_warnings_follow_lang(cli, tmp_path):
    from tests.ledgers import community, write_ledger

    rows = [community(), community(户数=5000), community(社区="区间社区", **{"社区综合服务设施面积（㎡）": "400-450"})]
    path = write_ledger(tmp_path / "l.xlsx", rows)
    _, zh_out, _ = cli("check", path, "-f", "json")
    _, en_out, en_err = cli("check", path, "-f", "json", "--lang", "en")
    import json

    zh = [w["message"] for w in json.loads(zh_out)["warnings"]]
    en = [w["message"] for w in json.loads(en_out)["warnings"]]
    assert "区间“400-450”按下限400计" in zh
    assert "range “400-450” read as its lower bound 400" in en
    assert any(m.startswith("社区重复：宿城区/古城街道/幸福社区（第4行）") for m in zh)
    assert any(m.startswith("duplicate community 宿城区/古城街道/幸福社区 (row 4); checked once") for m in en)
    assert "warning:" in en_err and "range “400-450”" in en_err


def test_every_warning_shape_has_an_english_form():
    from creatio_cli.i18n import warning_text

    cases = {
        "户数：E列「常住户数」与D列「总户数」都可作此字段，按别名优先级采用E列「常住户数」":
            "户数: columns E “常住户数” and D “总户数” could both be this field; used E (alias precedence)",
        "无街道列：街道取工作表名「古城街道」": "no street column: street taken from the sheet name “古城街道”",
        "未找到“群众满意度”列（satisfaction），相关指标未评估":
            "column for “群众满意度” (satisfaction) not found; its indicators are not assessed",
        "一句没有英文形式的话": "一句没有英文形式的话",
    }
    for zh, en in cases.items():
        assert warning_text(zh, "en") == en
        assert warning_text(zh, "zh") == zh
