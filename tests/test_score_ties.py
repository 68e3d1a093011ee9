"""十佳 / 十差 that cut through a tie say so (issue 13, part 4): the list still shows N communities — the first
(top) or last (bottom) of the tied ones in (district, street, community) order — and ``top_ties`` /
``bottom_ties`` in the JSON, a sentence in the table and the md, and the workbook's list sheets and summary
say how many share that rank. Expected values are written by hand."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from ledgers import community, write_ledger


def _many_tied(folder: Path) -> Path:
    """Twelve communities at 100 (社区01 … 社区12), ten at 94 (社区13 … 社区22, 道德讲堂) and two below: 社区23 88
    (道德讲堂, 家长学校), 社区24 80 (台账整理 10, 道德讲堂 6, 家长学校 6). 24 communities: 十佳 and 十差 are the
    first and last 10 (with fewer than 20 they are split, and 十差 holds no compliant community)."""
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(社区=f"社区{i:02d}") for i in range(1, 8)])
    write_ledger(folder / "b.xlsx", [
        *(community(社区=f"社区{i:02d}") for i in range(8, 13)),
        *(community(社区=f"社区{i:02d}", 道德讲堂="否") for i in range(13, 23)),
        community(社区="社区23", 道德讲堂="否", 家长学校="否"),
        community(社区="社区24", 台账整理="否", 道德讲堂="否", 家长学校="否"),
    ])
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return _many_tied(tmp_path_factory.mktemp("ties") / "in")


def _json(cli, folder: Path, *args: str) -> dict:
    code, out, _ = cli("score", folder, "--format", "json", "--as-of", "2022-06-30", *args)
    assert code == 1
    return json.loads(out)


def test_a_list_cutting_through_a_tie_says_how_many_share_the_rank(cli, folder):
    report = _json(cli, folder)
    assert [(r["rank"], r["community"]) for r in report["top"]] == [(1, f"社区{i:02d}") for i in range(1, 11)]
    assert report["top_ties"] == {"rank": 1, "tied": 12, "shown": 10, "score": 100.0, "completion": 1.0}
    # 十差, worst first: 社区24 80 (rank 24), 社区23 88 (23), then the last 8 of the ten at 94 (rank 13).
    assert [(r["rank"], r["community"]) for r in report["bottom"]] == [
        (24, "社区24"), (23, "社区23"), *((13, f"社区{i:02d}") for i in range(22, 14, -1))]
    assert report["bottom_ties"] == {"rank": 13, "tied": 10, "shown": 8, "score": 94.0, "completion": 0.94}


def test_no_tie_fact_when_the_list_ends_between_ranks(cli, folder):
    report = _json(cli, folder, "--top", "2")
    assert report["top_ties"] == {"rank": 1, "tied": 12, "shown": 2, "score": 100.0, "completion": 1.0}
    assert [r["community"] for r in report["bottom"]] == ["社区24", "社区23"]
    assert report["bottom_ties"] is None
    for top in ("15", "20", "0"):  # split in halves between ranks (12 at 100 | the rest), or no list: nothing is cut
        report = _json(cli, folder, "--top", top)
        assert report["top_ties"] is None and report["bottom_ties"] is None


def test_table_and_md_state_the_tie_under_the_list(cli, folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    _code, out, _ = cli("score", folder, "--as-of", "2022-06-30")
    top = out[out.index("十佳"):out.index("十差")]
    assert "12 个社区并列第 1 名（得分 100，完成率 100.0%），按区县、街道、社区顺序仅列出其中前 10 个" in top
    assert "10 个社区并列第 13 名（得分 94，完成率 94.0%），按区县、街道、社区顺序仅列出其中最后 8 个" in out
    _code, out, _ = cli("score", folder, "--as-of", "2022-06-30", "--lang", "en")
    assert ("12 communities tied at rank 1 (score 100, completion 100.0%); only the first 10 in district, "
            "street, community order are shown") in out[out.index("Top 10"):out.index("Bottom 10")]
    assert "only the last 8 in district, street, community order are shown" in out
    _code, out, _ = cli("score", folder, "--as-of", "2022-06-30", "--format", "md", "--lang", "en")
    section = out[out.index("## Top 10"):out.index("## Bottom 10")]
    assert section.rstrip().endswith("only the first 10 in district, street, community order are shown")
    _code, out, _ = cli("score", folder, "--as-of", "2022-06-30", "--format", "md", "--top", "2")
    assert "按区县、街道、社区顺序仅列出其中前 2 个" in out and "仅列出其中最后" not in out


def test_the_workbook_states_the_tie_on_the_list_sheet_and_in_the_summary(cli, folder, tmp_path):
    path = tmp_path / "r.xlsx"
    code, _, _ = cli("score", folder, "--as-of", "2022-06-30", "--output", path)
    assert code == 1
    book = openpyxl.load_workbook(path)
    top = [list(r) for r in book["十佳"].iter_rows(values_only=True)]
    assert len(top) == 13 and [r[0] for r in top[1:11]] == [1] * 10  # header, 10 rows, a blank row, the note
    assert top[12][0] == "12 个社区并列第 1 名（得分 100，完成率 100.0%），按区县、街道、社区顺序仅列出其中前 10 个"
    bottom = [list(r) for r in book["十差"].iter_rows(values_only=True)]
    assert [r[0] for r in bottom[1:11]] == [24, 23, *[13] * 8] and "最后 8 个" in bottom[12][0]
    summary = dict(book["汇总"].iter_rows(values_only=True))
    assert summary["十佳"] == top[12][0] and summary["十差"] == bottom[12][0]


def test_the_movers_list_says_what_its_cut_leaves_out(cli, tmp_path, monkeypatch):
    """进步最大 in the terminal is cut at 10: it says how many improved and how many of a tied change it shows.
    The oracle: samples/weekly/changes.json and the standard's points (YAML), not creatio."""
    import yaml

    root = Path(__file__).resolve().parent.parent
    weekly = root / "samples" / "weekly"
    doc = yaml.safe_load((root / "standards" / "liugeyi-sidabiao.yaml").read_text(encoding="utf-8"))
    points = {i["id"]: i["points"] for i in doc["indicators"]}
    changes = json.loads((weekly / "changes.json").read_text(encoding="utf-8"))["changes"]
    improved = sorted((sum(points[i] for i in c["fixed"]) - sum(points[i] for i in c["new"]) for c in changes
                       if c["fixed"] and not c["new"]), reverse=True)
    tenth = improved[9]
    assert improved[10] == tenth  # the sample's design cuts through a tie: the sentence names it
    tied, shown = improved.count(tenth), improved[:10].count(tenth)
    week1 = tmp_path / "week1.json"
    assert cli("score", weekly / "week1", "--output", week1, "--jobs", "1")[0] == 1
    monkeypatch.setenv("COLUMNS", "200")
    _code, out, _ = cli("score", weekly / "week2", "--baseline", week1, "--jobs", "1")
    section = out[out.index("进步最大"):out.index("退步最大")]
    assert f"共 {len(improved)} 个社区，仅列出前 10 个；分数变化同为 +{tenth} 的 {tied} 个社区中列出了 {shown} 个" in section
    _code, out, _ = cli("score", weekly / "week2", "--baseline", week1, "--jobs", "1", "--format", "md")
    assert "仅列出前" not in out  # the md lists every mover
