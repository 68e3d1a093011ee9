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
