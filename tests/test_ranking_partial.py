"""十佳 / 十差 and the street ranking say what a ranking alone hides (findings probe9 H3): a community assessed
on 1 of 13 indicators may lead by completion (the contract's order, kept), so each entry shows assessed/total
and a note says why; a ledger without a street column never gives a street row with no name."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.ledgers import community, write_ledger

CSV = "社区名称,常住户数,常住人口,社区综合服务设施面积\n幸福里社区,2000,5000,700\n和谐社区,1000,3000,200\n"


@pytest.fixture()
def folder(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(), community(社区="和美社区", **{"功能室数量（个）": 3})])
    (folder / "gbk.csv").write_bytes(CSV.encode("gbk"))
    return folder


def test_terminal_top_list_shows_assessed_and_a_note(cli, folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = cli("score", folder)
    assert code == 1
    top = out.split("前 2 名")[1].split("后 2 名")[0]  # 4 communities: split in halves, never listed twice
    assert "已评估/总数" in top and "1/13" in top and "13/13" in top
    assert "完成率按已评估的指标计算" in top
    streets = out.split("街道排名")[1]
    assert "（未填街道）" in streets and "（未填区县）" in streets


def test_english_labels(cli, folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    _, out, _ = cli("score", folder, "--lang", "en")
    assert "(no street)" in out and "completion is over the indicators assessed" in out


def test_md_xlsx_json(cli, folder, tmp_path):
    cli("score", folder, "--output", tmp_path / "s.md")
    md = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "| 已评估/总数 |" in md.split("前 2 名")[1] and "（未填街道）" in md
    cli("score", folder, "--output", tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    cells = [str(v) for v in next(iter(wb["前 2 名"].iter_rows(values_only=True))) if v is not None]
    assert cells[-1] == "已评估/总数"
    assert any("完成率按已评估" in str(v) for row in wb["前 2 名"].iter_rows(values_only=True) for v in row if v)
    assert any(v == "（未填街道）" for row in wb["街道排名"].iter_rows(values_only=True) for v in row)
    cli("score", folder, "--output", tmp_path / "s.json")
    report = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    partial = next(e for e in report["top"] if e["community"] == "幸福里社区")
    assert (partial["indicators_assessed"], partial["indicators_total"]) == (1, 13)


def test_fully_assessed_lists_stay_as_they_were(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    folder = tmp_path / "f"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(), community(社区="和美社区", **{"功能室数量（个）": 3})])
    _, out, _ = cli("score", folder)
    assert "已评估/总数" not in out.split("前 1 名")[1].split("街道排名")[0]
    assert "完成率按已评估的指标计算" not in out
