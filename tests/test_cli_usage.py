"""The command-line parser's refusals in creatio's shape and the user's language: one line naming the option
or argument and what is wrong, then the help hint in the same language; exit 2, never the parser's English
``Usage: … Error: …`` block (cli/usage.py)."""

from __future__ import annotations

import pytest

HINT_ZH = "可运行 creatio check --help 查看用法。"
HINT_EN = "Try 'creatio check --help' for help."


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["--bogus"], "错误：没有这个选项：--bogus", "error: no such option: --bogus"),
    (["--sheeet", "x"], "错误：没有这个选项：--sheeet（是否想用 --sheet、--street？）",
     "error: no such option: --sheeet (did you mean --sheet, --street?)"),
    (["--sheet"], "错误：--sheet 后面缺少取值（NAME）", "error: --sheet needs a value (NAME)"),
    (["--header-rows", "5"], "错误：--header-rows 应在 1 到 3 之间，不是“5”",
     "error: --header-rows must be between 1 and 3, not “5”"),
    (["--header-rows", "abc"], "错误：--header-rows 应为整数，不是“abc”",
     "error: --header-rows must be a whole number, not “abc”"),
    (["--debug=1"], "错误：--debug 是开关，不接受取值", "error: --debug is a switch and takes no value"),
    (["extra.xlsx"], "错误：多余的参数：extra.xlsx", "error: unexpected extra argument(s): extra.xlsx"),
])
def test_check_usage_errors_in_either_language(cli, tmp_path, args, zh, en):
    ledger = tmp_path / "l.xlsx"  # never read: the parser refuses the command line first
    code, out, err = cli("check", ledger, *args)
    assert (code, out, err) == (2, "", f"{zh}\n{HINT_ZH}\n")
    code, out, err = cli("check", ledger, "--lang", "en", *args)
    assert (code, out, err) == (2, "", f"{en}\n{HINT_EN}\n")


def test_lang_after_the_failing_option_counts_too(cli, tmp_path):
    code, _, err = cli("check", tmp_path / "l.xlsx", "--bogus", "--lang", "en")
    assert code == 2 and err == f"error: no such option: --bogus\n{HINT_EN}\n"
    code, _, err = cli("check", tmp_path / "l.xlsx", "--header-rows", "0", "--lang=en")
    assert code == 2 and err == f"error: --header-rows must be between 1 and 3, not “0”\n{HINT_EN}\n"


def test_a_missing_argument_is_named(cli):
    assert cli("check") == (2, "", f"错误：缺少参数 LEDGER\n{HINT_ZH}\n")
    assert cli("check", "--lang", "en") == (2, "", f"error: missing argument LEDGER\n{HINT_EN}\n")
    code, _, err = cli("notices", "mark", "创文办〔2022〕5号", "--lang", "en")
    assert code == 2 and err == ("error: missing argument rectified|cancelled\n"
                                 "Try 'creatio notices mark --help' for help.\n")


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["score", "d", "--jobs", "0"], "--jobs 应不小于 1，不是“0”", "--jobs must be at least 1, not “0”"),
    (["score", "d", "-j", "0"], "--jobs 应不小于 1，不是“0”", "--jobs must be at least 1, not “0”"),
    (["score", "d", "--top", "-1"], "--top 应不小于 0，不是“-1”", "--top must be at least 0, not “-1”"),
    (["notices", "draft", "l.xlsx", "--due-days", "-3"], "--due-days 应在 1 到 365 之间，不是“-3”",
     "--due-days must be between 1 and 365, not “-3”"),
])
def test_numbers_out_of_range_say_the_range(cli, args, zh, en):
    path = " ".join(["creatio", *(a for a in args[:2] if a in ("score", "notices", "draft"))])
    code, _, err = cli(*args)
    assert (code, err) == (2, f"错误：{zh}\n可运行 {path} --help 查看用法。\n")
    code, _, err = cli(*args, "--lang", "en")
    assert (code, err) == (2, f"error: {en}\nTry '{path} --help' for help.\n")


def test_an_unknown_command_lists_the_commands_or_suggests_one(cli):
    code, _, err = cli("bogus")
    assert code == 2 and err == ("错误：没有这个命令：bogus（可用：check、inspect、score、history、template、notices、"
                                 "bulletin、standards）\n可运行 creatio --help 查看用法。\n")
    code, _, err = cli("chek", "--lang", "en")
    assert code == 2 and err == "error: no such command: chek (did you mean check?)\nTry 'creatio --help' for help.\n"
    code, _, err = cli("notices", "drfat")
    assert code == 2 and err == "错误：没有这个命令：drfat（是否想用 draft？）\n可运行 creatio notices --help 查看用法。\n"


def test_debug_adds_the_parsers_own_text(cli, tmp_path):
    code, _, err = cli("check", tmp_path / "l.xlsx", "--header-rows", "9", "--debug")
    assert code == 2 and err == ("错误：--header-rows 应在 1 到 3 之间，不是“9”\n"
                                 "详情：Invalid value for '--header-rows': Input should be less than or equal to 3\n"
                                 f"{HINT_ZH}\n")


def test_an_unknown_kind_keeps_the_parsers_text():
    """A refusal cli/usage.py has no message for is said in the parser's own words, in creatio's shape."""
    import typer
    from typer._click import exceptions as click_errors

    from creatio_cli.cli import app
    from creatio_cli.cli.usage import describe

    exc = click_errors.BadArgumentUsage("Argument 'x' takes 2 values.")
    message, hint = describe(exc, typer.main.get_command(app), ["notices", "draft", "l.xlsx"])
    assert message.render("zh") == "命令行有误：Argument 'x' takes 2 values."
    assert message.render("en") == "Argument 'x' takes 2 values."
    assert hint.render("en") == "Try 'creatio notices draft --help' for help."


def test_help_version_and_bare_groups_are_unchanged(cli):
    code, out, _ = cli("check", "--help")
    assert code == 0 and out.startswith("Usage: creatio check")
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("creatio ")
    code, out, err = cli("notices")  # no subcommand: the group's help, on stderr, exit 2 (as before)
    assert code == 2 and out == "" and err.startswith("Usage: creatio notices")
