"""Inputs are sacred: no command writes onto a file it reads, whatever the route (same path, a symlink,
a hard link), and only regular files are ever replaced (issue: reliability under faults)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from ledgers import GOOD, community, write_ledger


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def week(tmp_path: Path) -> Path:
    folder = tmp_path / "wk"
    folder.mkdir()
    write_ledger(folder / "洪泽区-朱坝街道.xlsx", [GOOD, community(社区="和平社区", 道德讲堂="否")])
    write_ledger(folder / "淮阴区-淮高街道.xlsx", [community(街道="淮高街道", 社区="东风社区")])
    return folder


@pytest.mark.parametrize("route", ["same path", "symlink", "hard link"])
def test_score_refuses_an_output_that_is_one_of_its_ledgers(cli, week, tmp_path, route):
    ledger = week / "洪泽区-朱坝街道.xlsx"
    target = {"same path": ledger, "symlink": tmp_path / "link.xlsx", "hard link": tmp_path / "hard.xlsx"}[route]
    if route == "symlink":
        target.symlink_to(ledger)
    elif route == "hard link":
        os.link(ledger, target)
    before = _digest(week)
    code, _out, err = cli("score", week, "--output", target)
    assert code == 2, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert ledger.name in err or str(target) in err
    assert _digest(week) == before  # nothing replaced, nothing added beside the ledgers


def test_score_refuses_to_write_over_its_baseline(cli, week, tmp_path):
    baseline = tmp_path / "prev.json"
    assert cli("score", week, "--output", baseline)[0] == 1
    before = baseline.read_bytes()
    code, _out, err = cli("score", week, "--baseline", baseline, "--output", baseline)
    assert code == 2 and "prev.json" in err
    assert baseline.read_bytes() == before


def test_a_new_report_inside_the_folder_is_written_and_skipped_next_time(cli, week):
    report = week / "本周评分.xlsx"
    code, _out, _err = cli("score", week, "--output", report)
    assert code == 1 and report.is_file()
    code, out, _err = cli("score", week, "--format", "json")
    import json

    files = [Path(f["path"]).name for f in json.loads(out)["files"]]
    assert files == ["洪泽区-朱坝街道.xlsx", "淮阴区-淮高街道.xlsx"]
    # And the report may be replaced by the next run: it is not an input.
    assert cli("score", week, "--output", report)[0] == 1


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_never_replaced_by_a_report(cli, week, device):
    before = os.stat(device)
    code, _out, err = cli("check", week / "洪泽区-朱坝街道.xlsx", "--output", device, "--format", "json")
    assert code == 2 and device in err and "Traceback" not in err
    after = os.stat(device)
    assert (after.st_ino, after.st_rdev, after.st_mode) == (before.st_ino, before.st_rdev, before.st_mode)


def test_a_folder_is_never_replaced_by_a_report(cli, week, tmp_path):
    folder = tmp_path / "out.json"
    folder.mkdir()
    code, _out, err = cli("check", week / "洪泽区-朱坝街道.xlsx", "--output", folder)
    assert code == 2 and "out.json" in err
    assert folder.is_dir()
