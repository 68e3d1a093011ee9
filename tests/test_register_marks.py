"""status and mark find the register draft wrote (--output), read 文号 as people type them, keep the history."""

from __future__ import annotations

import json
import shutil

import pytest

from creatio_cli.cli import app
from creatio_cli.cli.runner import run
from creatio_cli.notices.draft import parse_number
from tests.ledgers import write_ledger
from tests.notice_ledgers import first_ledger, good, title
from tests.test_notices_cycle import followup_ledger

# These tests replay 2022 cycles: notices dated each ledger's as-of date, not today (conftest).


@pytest.fixture(scope="module")
def _drafted_once(tmp_path_factory):
    base = tmp_path_factory.mktemp("drafted")
    code = run(app, ["notices", "draft", str(first_ledger(base / "ledger.xlsx")), "--output", str(base / "out")])
    assert code == 1
    return base


@pytest.fixture
def drafted(_drafted_once, tmp_path, monkeypatch):
    """Three notices drafted into tmp/out (copied from one run), from a working directory with no ./notices/."""
    shutil.copytree(_drafted_once, tmp_path, dirs_exist_ok=True)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path / "out"


def _status(cli, out):
    code, stdout, err = cli("notices", "status", "--output", out, "--format", "json")
    assert code == 0, err
    return {e["number"]: e for e in json.loads(stdout)}


def test_status_and_mark_find_the_register_of_the_output_folder(drafted, cli, tmp_path):
    assert len(_status(cli, drafted)) == 3
    code, table, _ = cli("notices", "status", "-o", drafted)
    assert code == 0 and "北关社区" in table
    code, _, _ = cli("notices", "mark", "创文办〔2022〕2号", "rectified", "--output", drafted)
    assert code == 0
    assert _status(cli, drafted)["创文办〔2022〕2号"]["status"] == "rectified"
    assert not (tmp_path / "work" / "notices").exists()
    code, _, err = cli("notices", "status", "--lang", "en")  # without --output: ./notices/, which does not exist
    assert code == 2 and "no notice register here" in err and "--output DIR" in err
    code, _, err = cli("notices", "status", "--output", tmp_path / "ledger.xlsx", "--lang", "en")
    assert code == 2 and "ledger.xlsx: is a file, not a folder (--output)" in err
    code, _, err = cli("notices", "status", "--output", tmp_path / "ledger.xlsx")
    assert code == 2 and "ledger.xlsx: 是文件，不是文件夹" in err


def test_register_option_wins_over_output(drafted, cli, tmp_path):
    code, _, err = cli("notices", "status", "--output", tmp_path / "elsewhere", "--register", drafted / "register.sqlite")
    assert code == 0, err


@pytest.mark.parametrize("typed", [
    "创文办〔2022〕2号", "创文办[2022]2号", "创文办【2022】2号", "创文办（2022）2号", "创文办(2022)2号",
    "创文办〔2022〕第2号", "创文办[2022]第2号", "创文办【2022】第 2 号", "创文办［２０２２］２号", " 创文办 (2022) 2号 ",
    "〔2022〕2号", "[2022]第2号",
])
def test_mark_accepts_the_brackets_people_type(drafted, cli, typed):
    code, stdout, err = cli("notices", "mark", typed, "rectified", "--output", drafted)
    assert code == 0, err
    assert stdout.startswith("创文办〔2022〕2号\t已整改")
    assert [e["status"] for e in _status(cli, drafted).values()] == ["open", "rectified", "open"]


@pytest.mark.parametrize("typed, says", [
    ("宿创文办[2022]2号", "number 2 of 2022 in this register is 创文办〔2022〕2号"),  # another 代字: never guessed
    ("创文办[2021]2号", "no notice numbered “创文办[2021]2号”"),
    ("创文办[2022]9号", "no notice numbered “创文办[2022]9号”"),
    ("2号", "no notice numbered “2号” (a notice number reads like 创文办〔2022〕3号)"),
])
def test_mark_refuses_numbers_that_are_not_in_the_register(drafted, cli, typed, says):
    code, _, err = cli("notices", "mark", typed, "rectified", "--output", drafted, "--lang", "en")
    assert code == 2 and says in err
    assert [e["status"] for e in _status(cli, drafted).values()] == ["open", "open", "open"]


def test_parse_number():
    assert parse_number("创文办〔2022〕第12号") == ("创文办", 2022, 12)
    assert parse_number("宿创文办【2023】5号") == ("宿创文办", 2023, 5)
    assert parse_number("创文办2022年5号") is None


def test_a_closed_notice_changes_only_with_force_and_the_history_is_kept(drafted, cli):
    code, _, _ = cli("notices", "mark", "创文办〔2022〕2号", "rectified", "--note", "7月22日复查：已整改",
                     "--by", "王五", "--output", drafted)
    assert code == 0
    code, _, err = cli("notices", "mark", "创文办〔2022〕2号", "cancelled", "--output", drafted, "--lang", "en")
    assert code == 2 and "is already rectified (" in err and "by 王五)" in err and "--force" in err
    code, _, err = cli("notices", "mark", "创文办〔2022〕2号", "cancelled", "--output", drafted)
    assert code == 2 and "由 王五 标记为“已整改”" in err and "--force" in err
    code, _, err = cli("notices", "mark", "创文办〔2022〕2号", "rectified", "--output", drafted)
    assert code == 2  # the same status again is a change of a closed notice as well
    entry = _status(cli, drafted)["创文办〔2022〕2号"]
    assert entry["status"] == "rectified" and len(entry["history"]) == 1
    code, _, _ = cli("notices", "mark", "创文办〔2022〕2号", "cancelled", "--force", "--note", "重复发文",
                     "--by", "赵六", "--output", drafted)
    assert code == 0
    entry = _status(cli, drafted)["创文办〔2022〕2号"]
    assert entry["status"] == "cancelled" and entry["note"] == "重复发文"
    assert [(h["by"], h["from"], h["to"], h["note"], h["how"]) for h in entry["history"]] == [
        ("王五", "open", "rectified", "7月22日复查：已整改", "mark"),
        ("赵六", "rectified", "cancelled", "重复发文", "force"),
    ]
    assert all(h["at"][:4].isdigit() and "T" in h["at"] for h in entry["history"])
    assert _status(cli, drafted)["创文办〔2022〕1号"]["history"] == []


def test_a_closed_notice_without_history_is_refused_without_naming_who(drafted, cli):
    import sqlite3

    code, _, _ = cli("notices", "mark", "创文办〔2022〕3号", "cancelled", "--output", drafted)
    assert code == 0
    with sqlite3.connect(drafted / "register.sqlite") as db:
        db.execute("DELETE FROM marks")  # e.g. closed by hand in another SQLite tool
    code, _, err = cli("notices", "mark", "创文办〔2022〕3号", "rectified", "--output", drafted, "--lang", "en")
    assert code == 2 and "创文办〔2022〕3号 is already cancelled; pass --force to change a closed notice" in err
    code, _, err = cli("notices", "mark", "创文办〔2022〕3号", "rectified", "--output", drafted)
    assert code == 2 and "创文办〔2022〕3号 已是“已撤销”；更改已办结的通知请加 --force" in err


class _NoStdin:
    def __getattr__(self, name):
        raise AssertionError(f"mark touched stdin ({name}): it must never prompt")


def test_mark_never_prompts(drafted, cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", _NoStdin())
    cli("notices", "mark", "创文办〔2022〕1号", "cancelled", "--output", drafted)
    code, _, err = cli("notices", "mark", "创文办〔2022〕1号", "rectified", "--output", drafted)
    assert code == 2 and "--force" in err
    code, _, _ = cli("notices", "mark", "创文办〔2022〕1号", "rectified", "--force", "--output", drafted)
    assert code == 0


def test_follow_up_changes_and_escalations_are_in_the_history(tmp_path, cli):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out)
    cli("notices", "draft", followup_ledger(tmp_path / "later.xlsx"), "--output", out)
    register = _status(cli, out)
    assert [(h["from"], h["to"], h["how"]) for h in register["创文办〔2022〕1号"]["history"]] == [
        ("open", "rectified", "follow-up")]
    assert [(h["from"], h["to"]) for h in register["创文办〔2022〕2号"]["history"]] == [("open", "overdue")]
    # Marking the overdue notice closes its 督办通知 (创文办〔2022〕4号) too, each with its own history row.
    code, _, _ = cli("notices", "mark", "创文办〔2022〕2号", "rectified", "--output", out)
    assert code == 0
    register = _status(cli, out)
    assert register["创文办〔2022〕4号"]["status"] == "rectified"
    assert [(h["from"], h["to"], h["how"]) for h in register["创文办〔2022〕4号"]["history"]] == [
        ("open", "rectified", "mark")]
    # Forced to cancelled: the escalation that was closed with it follows again.
    cli("notices", "mark", "创文办〔2022〕2号", "cancelled", "--force", "--output", out)
    register = _status(cli, out)
    assert register["创文办〔2022〕4号"]["status"] == "cancelled"
    assert register["创文办〔2022〕5号"]["status"] == "open"  # 河滨's escalation is not affected


@pytest.mark.parametrize("lang, header", [("zh", "文号\t社区\t问题数\t文件"), ("en", "number\tcommunity\tproblems\tfile")])
def test_draft_prints_a_header_over_its_list(tmp_path, cli, lang, header):
    out = tmp_path / "out"
    code, stdout, _ = cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out, "--lang", lang)
    lines = stdout.splitlines()
    assert code == 1 and lines[0] == header and len(lines) == 4
    assert lines[1].split("\t")[:3] == ["创文办〔2022〕1号", "古城街道南关社区", "7"]
    ok = write_ledger(tmp_path / "ok.xlsx", [good("幸福社区")], title=title("2022年6月30日"))
    code, stdout, _ = cli("notices", "draft", ok, "--output", tmp_path / "out2", "--lang", lang)
    assert code == 0 and stdout.splitlines() == [header]
