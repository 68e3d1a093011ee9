"""Folder reading for `creatio score`: which files are read, which are skipped and why, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest
from ledgers import community, write_ledger
from msoffcrypto.format.ooxml import OOXMLFile

from creatio_cli.batch import find_ledgers

WEEK1 = Path(__file__).resolve().parent.parent / "samples" / "weekly" / "week1"


def _good_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_ledger(folder / "a.xlsx", [community(社区="甲社区"), community(社区="乙社区")])
    write_ledger(folder / "b.xlsx", [community(街道="新街道", 社区="丙社区")])
    return folder


def _encrypted(path: Path) -> Path:
    plain = path.with_name("plain-source.xlsx.tmp")
    write_ledger(plain, [community(社区="密社区")])
    with plain.open("rb") as src, path.open("wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    plain.unlink()
    return path


def _json(cli, *args) -> tuple[int, dict, str]:
    code, out, err = cli("score", *args, "--format", "json", "--as-of", "2022-06-30")
    return code, (json.loads(out) if out.strip() else {}), err


def test_good_ledgers_score_and_exit_0(cli, tmp_path):
    folder = _good_folder(tmp_path / "in")
    code, report, _ = _json(cli, folder)
    assert code == 0
    assert [c["community"] for c in report["communities"]] == ["甲社区", "乙社区", "丙社区"]
    assert [(Path(f["path"]).name, f["status"], f["communities"]) for f in report["files"]] == [
        ("a.xlsx", "ok", 2), ("b.xlsx", "ok", 1)]


def test_bad_files_are_skipped_with_reasons_and_exit_1(cli, tmp_path):
    folder = _good_folder(tmp_path / "in")
    (folder / "c-corrupt.xlsx").write_bytes(os.urandom(2048))
    (folder / "d-empty.xlsx").write_bytes(b"")
    (folder / "e-text.xlsx").write_text("这不是表格\nnot a workbook\n", encoding="utf-8")
    _encrypted(folder / "f-locked.xlsx")
    code, report, err = _json(cli, folder)
    assert code == 1
    status = {Path(f["path"]).name: f for f in report["files"]}
    assert [name for name in status] == ["a.xlsx", "b.xlsx", "c-corrupt.xlsx", "d-empty.xlsx", "e-text.xlsx",
                                         "f-locked.xlsx"]
    assert {n for n, f in status.items() if f["status"] == "ok"} == {"a.xlsx", "b.xlsx"}
    assert status["d-empty.xlsx"]["reason_code"] == "file.empty" and status["d-empty.xlsx"]["reason"] == "空文件"
    assert status["c-corrupt.xlsx"]["reason_code"] == "file.not_spreadsheet"
    assert status["e-text.xlsx"]["reason_code"] == "file.not_spreadsheet"
    assert status["f-locked.xlsx"]["reason_code"] == "file.encrypted" and "密码" in status["f-locked.xlsx"]["reason"]
    assert all(f["communities"] == 0 and f["sheets"] == [] for n, f in status.items() if f["status"] != "ok")
    assert len(report["communities"]) == 3
    assert "f-locked.xlsx" in err  # each skipped file is named on stderr too


def test_only_bad_files_exit_2_naming_the_folder(cli, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "x.xlsx").write_bytes(b"")
    (folder / "y.xlsx").write_bytes(os.urandom(100))
    code, out, err = cli("score", folder, "--format", "json")
    assert code == 2
    assert out == ""
    assert str(folder) in err and "Traceback" not in err


def test_folder_without_ledgers_exit_2(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    code, _, err = cli("score", tmp_path, "--lang", "en")
    assert code == 2
    assert str(tmp_path) in err and "no ledger files" in err


def test_missing_folder_exit_2(cli, tmp_path):
    code, _, err = cli("score", tmp_path / "nowhere")
    assert code == 2 and "nowhere" in err


def test_lock_hidden_and_other_files_are_not_read(tmp_path):
    folder = _good_folder(tmp_path / "in")
    (folder / "~$a.xlsx").write_bytes(b"\x00lock")
    write_ledger(folder / ".hidden.xlsx", [community(社区="隐社区")])
    (folder / ".git").mkdir()
    write_ledger(folder / ".git" / "old.xlsx", [community(社区="旧社区")])
    (folder / "sub").mkdir()
    write_ledger(folder / "sub" / "c.csv.xlsx", [community(社区="子社区")])
    (folder / "readme.txt").write_text("x", encoding="utf-8")
    (folder / "report.json").write_text("{}", encoding="utf-8")
    names = [p.relative_to(folder).as_posix() for p in find_ledgers(folder)]
    assert names == ["a.xlsx", "b.xlsx", "sub/c.csv.xlsx"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_score_never_reads_its_own_report(cli, tmp_path, suffix):
    folder = _good_folder(tmp_path / "in")
    report = folder / f"周通报{suffix}"
    code, _, _ = cli("score", folder, "--output", report, "--as-of", "2022-06-30")
    assert code == 0 and report.exists()
    # The report is in the folder now: a later run, writing elsewhere, must still not read it.
    code, second, _ = _json(cli, folder)
    assert code == 0
    assert [Path(f["path"]).name for f in second["files"]] == ["a.xlsx", "b.xlsx"]
    assert len(second["communities"]) == 3


def test_a_ledger_by_someone_else_is_still_read(tmp_path):
    folder = _good_folder(tmp_path / "in")
    book = openpyxl.load_workbook(folder / "a.xlsx")
    book.properties.creator = "区民政局"
    book.save(folder / "a.xlsx")
    assert [p.name for p in find_ledgers(folder)] == ["a.xlsx", "b.xlsx"]


def test_duplicate_community_across_files_counted_once_first_file_wins(cli, tmp_path):
    folder = tmp_path / "dup"
    folder.mkdir()
    write_ledger(folder / "1.xlsx", [community(社区="甲社区", 户数=1000)])
    write_ledger(folder / "2.xlsx", [community(社区="甲社区", 道德讲堂="否"), community(社区="乙社区")])
    code, report, _ = _json(cli, folder)
    names = [c["community"] for c in report["communities"]]
    assert names == ["甲社区", "乙社区"]
    first = report["communities"][0]
    assert Path(first["source"]["file"]).name == "1.xlsx" and first["findings"] == []
    assert any("社区重复" in w["message"] and Path(w["file"]).name == "2.xlsx" for w in report["warnings"])
    assert [r["community"] for r in report["rankings"]["communities"]].count("甲社区") == 1
    assert code == 0


def test_jobs_2_gives_the_same_report_as_jobs_1(cli):
    code1, out1, _ = cli("score", WEEK1, "--format", "json", "--jobs", "1")
    code2, out2, _ = cli("score", WEEK1, "--format", "json", "--jobs", "2")
    assert code1 == code2 == 1
    assert json.loads(out1) == json.loads(out2)
    assert out1 == out2
