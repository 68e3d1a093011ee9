"""Small things a tester found: --all-findings in the table, --sheet on a CSV, a dangling link in a score
folder, the --district/--street message, and notices draft's listing on a terminal."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "samples" / "city-ledger.xlsx"
WEEK1 = ROOT / "samples" / "weekly" / "week1"


def test_all_findings_table_lists_every_community_the_json_lists(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = cli("check", LEDGER, "--all-findings")
    assert code == 1
    code, js, _ = cli("check", LEDGER, "--all-findings", "--format", "json")
    report = json.loads(js)
    listed = [c for c in report["communities"] if c["findings"]]
    assert len(listed) == 66
    blocks = re.findall(r"^得分 \d+/\d+", out, re.M)
    assert len(blocks) == len(listed)  # the 34 compliant ones too, with their met (and n/a) findings
    assert "达标" in out


def test_without_all_findings_the_table_lists_only_communities_with_problems(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    _code, out, _ = cli("check", LEDGER)
    assert len(re.findall(r"^得分 \d+/\d+", out, re.M)) == 32


@pytest.mark.parametrize(("args", "zh", "en"), [
    (("--district", "不存在区"), "（--district 不存在区）", "matches --district 不存在区"),
    (("--street", "不存在"), "（--street 不存在）", "matches --street 不存在"),
    (("--district", "不存在区", "--street", "不存在"), "（--district 不存在区、--street 不存在）",
     "matches --district 不存在区, --street 不存在"),
])
def test_a_filter_matching_nothing_names_what_was_given_without_stray_spaces(cli, args, zh, en):
    code, _, err = cli("check", LEDGER, *args)
    assert code == 2 and zh in err and "（ " not in err and " ）" not in err, err
    code, _, err = cli("check", LEDGER, *args, "--lang", "en")
    assert code == 2 and en in err and "( " not in err and " )" not in err, err


def _csv(tmp_path: Path) -> Path:
    ws = openpyxl.load_workbook(LEDGER).worksheets[0]
    path = tmp_path / "l.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for row in ws.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])
    return path


def test_sheet_on_a_csv_is_said_not_silently_ignored(cli, tmp_path):
    path = _csv(tmp_path)
    code, out, err = cli("check", path, "--sheet", "foo", "--lang", "en", "--format", "json")
    assert code == 1
    assert "a CSV file has one sheet: --sheet “foo” does not apply" in err
    assert any(w["code"] == "sheet.csv_one_sheet" for w in json.loads(out)["warnings"])
    code, _, err = cli("check", path)
    assert "CSV" not in err  # no --sheet, nothing to say


def test_a_dangling_link_in_a_score_folder_is_listed_as_skipped(cli, tmp_path):
    folder = tmp_path / "week"
    shutil.copytree(WEEK1, folder)
    (folder / "x.xlsx").symlink_to(tmp_path / "moved-away.xlsx")
    code, out, err = cli("score", folder, "--format", "json", "--lang", "en")
    assert code == 1
    skipped = [f for f in json.loads(out)["files"] if f["status"] == "skipped"]
    assert [Path(f["path"]).name for f in skipped] == ["x.xlsx"]
    assert skipped[0]["reason_code"] == "file.broken_link" and "moved-away.xlsx" in skipped[0]["reason"]
    assert "x.xlsx" in err and "link to a file that does not exist" in err


def test_notices_draft_prints_tab_separated_lines_when_piped(cli, tmp_path):
    code, out, _ = cli("notices", "draft", LEDGER, "--output", tmp_path / "n")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "文号\t社区\t问题数\t文件" and len(lines) == 10
    assert all(len(line.split("\t")) == 4 for line in lines)


def test_notices_draft_prints_a_table_on_a_terminal(cli, tmp_path, monkeypatch):
    from creatio_cli.cli import notices_cmd
    from creatio_cli.render.fill import display_width

    monkeypatch.setattr(notices_cmd, "_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli("notices", "draft", LEDGER, "--output", tmp_path / "n")
    assert code == 1
    assert "\t" not in out and max(display_width(line) for line in out.splitlines()) <= 80
    assert re.search(r"创文办〔2022〕1号\s+幸福街道龙泉社区\s+8\s+2022-001_幸福街道_龙泉社区\.docx", out), out
