"""A folder holding ledgers of several periods: which file a community found twice is taken from, and the
file list saying each file's own date (findings C5, H6 of probe10)."""

from __future__ import annotations

import json
from pathlib import Path

from ledgers import community, write_ledger

JUNE = "清河街道社区台账（截至2022年6月30日）"
SEPT = "清河街道社区台账（截至2022年9月30日）"


def _two_periods(folder: Path) -> Path:
    """June (6 and 7 activities: behind at 09-30) first in path order, then September (10, 11: met)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_ledger(folder / "清河_2022年6月.xlsx",
                 [community(社区="甲社区", 活动开展次数=6), community(社区="乙社区", 活动开展次数=7)], title=JUNE)
    write_ledger(folder / "清河_2022年9月.xlsx",
                 [community(社区="甲社区", 活动开展次数=10), community(社区="乙社区", 活动开展次数=11)], title=SEPT)
    return folder


def test_a_community_in_two_periods_is_taken_from_the_file_of_the_runs_date(cli, tmp_path):
    folder = _two_periods(tmp_path / "S3")
    _, out, _ = cli("score", folder, "--format", "json")
    report = json.loads(out)
    assert report["as_of"] == "2022-09-30"
    sources = {c["community"]: Path(c["source"]["file"]).name for c in report["communities"]}
    assert sources == {"甲社区": "清河_2022年9月.xlsx", "乙社区": "清河_2022年9月.xlsx"}
    assert all(c["findings"] == [] for c in report["communities"])
    dropped = [w for w in report["warnings"] if w["code"] == "row.duplicate_other_date"]
    assert len(dropped) == 2
    assert all(Path(w["file"]).name == "清河_2022年6月.xlsx" for w in dropped)
    assert "2022-06-30" in dropped[0]["message"] and "2022-09-30" in dropped[0]["message"]


def test_duplicates_in_files_of_one_date_still_keep_the_first_file(cli, tmp_path):
    folder = tmp_path / "same"
    folder.mkdir()
    write_ledger(folder / "1.xlsx", [community(社区="甲社区", 活动开展次数=6)], title=SEPT)
    write_ledger(folder / "2.xlsx", [community(社区="甲社区", 活动开展次数=10)], title=SEPT)
    _, out, _ = cli("score", folder, "--format", "json")
    report = json.loads(out)
    assert Path(report["communities"][0]["source"]["file"]).name == "1.xlsx"
    assert [w["code"] for w in report["warnings"] if w["code"].startswith("row.duplicate")] == ["row.duplicate_community"]


def test_each_file_says_its_own_date_and_whether_it_was_judged_at_another(cli, tmp_path):
    folder = _two_periods(tmp_path / "S3")
    _, out, _ = cli("score", folder, "--format", "json")
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert files["清河_2022年6月.xlsx"]["as_of_hint"] == "2022-06-30"
    assert files["清河_2022年6月.xlsx"]["judged_at_other_date"] is True
    assert files["清河_2022年9月.xlsx"]["as_of_hint"] == "2022-09-30"
    assert files["清河_2022年9月.xlsx"]["judged_at_other_date"] is False
    md = tmp_path / "r.md"
    cli("score", folder, "--output", md)
    text = md.read_text(encoding="utf-8")
    section = text[text.index("## 按本次截至日期而非台账自身日期评判的文件"):]
    assert "清河_2022年6月.xlsx | 2022-06-30 | 2022-09-30" in section and "清河_2022年9月" not in section
    _, term, _ = cli("score", folder)
    assert "按本次截至日期而非台账自身日期评判的文件" in term and "2022-06-30" in term


def test_the_xlsx_file_sheet_has_each_files_date(cli, tmp_path):
    import openpyxl

    folder = _two_periods(tmp_path / "S3")
    book = tmp_path / "r.xlsx"
    cli("score", folder, "--output", book)
    ws = openpyxl.load_workbook(book)["文件"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(r for r in rows if "台账日期" in r)
    at, mark = head.index("台账日期"), head.index("按其他日期评判")
    june = next(r for r in rows if r[0] and str(r[0]).endswith("清河_2022年6月.xlsx"))
    sept = next(r for r in rows if r[0] and str(r[0]).endswith("清河_2022年9月.xlsx"))
    assert (june[at], june[mark]) == ("2022-06-30", "是")
    assert (sept[at], sept[mark] or "") == ("2022-09-30", "")
