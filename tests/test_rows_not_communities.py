"""Rows under the header that are not communities: statistics rows (平均, 最大值 …) and the street office's own
row (街道本级). Checked as communities they were ranked in 十佳 and sent a notice “to 西关街道平均居委会”."""

from __future__ import annotations

import json

import pytest
from ledgers import HEADERS, community, write_ledger

from creatio_cli.ledger.load import load_ledger
from creatio_cli.standards import load_standard


def _ledger(tmp_path, *labels: str):
    rows = [community(社区="甲社区"), community(社区="均安社区"), community(社区="中心社区")]
    rows += [community(区县=None, 街道=None, 社区=label) for label in labels]
    return write_ledger(tmp_path / "rows.xlsx", rows)


@pytest.mark.parametrize("label", ["平均", "平均值", "均值", "最大值", "最小值", "中位数", "全街道平均"])
def test_a_statistics_row_is_dropped_and_said_in_inspect(tmp_path, cli, label):
    path = _ledger(tmp_path, label)
    ledger = load_ledger(path, load_standard("liugeyi-sidabiao"))
    # 均安社区 and 中心社区 hold 均 / 中 and stay communities: whole-cell wordings only.
    assert list(ledger.frame["community"]) == ["甲社区", "均安社区", "中心社区"]
    _, out, _ = cli("inspect", path, "--json")
    dropped = json.loads(out)["sheets"][0]["rows_dropped"]
    assert [d["row"] for d in dropped if d["reason"].startswith("statistics row")] == [6]
    _, text, _ = cli("inspect", path)
    assert "平均/最大值等统计行：第 6 行" in text


@pytest.mark.parametrize("label", ["街道本级", "本级", "机关本级", "街道机关", "古城街道本级"])
def test_the_street_office_row_is_dropped_with_a_warning_naming_it(tmp_path, cli, label):
    path = _ledger(tmp_path, label)
    _, out, err = cli("check", path, "--format", "json")
    report = json.loads(out)
    assert [c["community"] for c in report["communities"]] == ["甲社区", "均安社区", "中心社区"]
    warned = [w for w in report["warnings"] if w["code"] == "rows.street_office"]
    assert len(warned) == 1 and warned[0]["cell"].endswith("6")
    assert f"第 6 行“{label}”是街道自身（本级）的数据" in err
    _, text, _ = cli("inspect", path)
    assert "街道本级行（不属于任何社区）：第 6 行" in text


def test_the_probe_ledger_average_and_office_rows_get_no_notice(tmp_path, cli):
    headers = [h for h in HEADERS if h != "区县"]
    rows = [community(社区="西一社区", 户数=2000, 常住人口=5000),
            community(社区="街道本级", 户数=None, 常住人口=None, 注册志愿者人数=100),
            community(街道=None, 社区="平均", **{"功能室数量（个）": 6.5})]
    path = write_ledger(tmp_path / "xg.xlsx", rows, headers=headers)
    cli("notices", "draft", path, "--output", tmp_path / "n", "--allow-unassessed",
                       "--all-shortfalls")
    names = " ".join(p.name for p in (tmp_path / "n").rglob("*"))
    assert "平均" not in names and "本级" not in names


def _named(tmp_path, *labels: str):
    # 汇丰社区 and 全兴社区 hold 汇 / 全 like 汇总 / 全街道, 均安社区 holds 均: real names stay communities.
    rows = [community(社区=name) for name in ("甲社区", "均安社区", "汇丰社区", "全兴社区")]
    rows += [community(区县=None, 街道=None, 社区=label) for label in labels]
    return write_ledger(tmp_path / "rows.xlsx", rows)


@pytest.mark.parametrize("label", ["汇总", "古城街道汇总", "全街道", "全社区", "各社区汇总"])
def test_a_summary_row_worded_otherwise_than_total_is_dropped(tmp_path, cli, label):
    path = _named(tmp_path, label)
    ledger = load_ledger(path, load_standard("liugeyi-sidabiao"))
    assert list(ledger.frame["community"]) == ["甲社区", "均安社区", "汇丰社区", "全兴社区"]
    _, out, _ = cli("inspect", path, "--json")
    dropped = json.loads(out)["sheets"][0]["rows_dropped"]
    assert [d["row"] for d in dropped if d["reason"].startswith("total row")] == [7]


@pytest.mark.parametrize("label", ["算术平均", "社区平均", "古城街道平均"])
def test_an_average_row_with_a_qualifier_is_dropped(tmp_path, label):
    path = _named(tmp_path, label)
    ledger = load_ledger(path, load_standard("liugeyi-sidabiao"))
    assert list(ledger.frame["community"]) == ["甲社区", "均安社区", "汇丰社区", "全兴社区"]


@pytest.mark.parametrize("label", ["街道办事处", "古城街道办事处", "古城街道", "街道办"])
def test_the_office_or_the_streets_own_name_in_the_community_column_is_the_office_row(tmp_path, cli, label):
    path = _named(tmp_path, label)
    _, out, err = cli("check", path, "--format", "json")
    report = json.loads(out)
    assert [c["community"] for c in report["communities"]] == ["甲社区", "均安社区", "汇丰社区", "全兴社区"]
    warned = [w for w in report["warnings"] if w["code"] == "rows.street_office"]
    assert len(warned) == 1 and warned[0]["cell"] == "C7"
    assert f"第 7 行“{label}”是街道自身（本级）的数据" in err


def test_the_street_column_may_name_the_office(tmp_path):
    # 古城街道办事处 in the street column is the street's name, not the office's row.
    path = write_ledger(tmp_path / "rows.xlsx", [community(街道="古城街道办事处", 社区=name)
                                                 for name in ("甲社区", "乙社区")])
    ledger = load_ledger(path, load_standard("liugeyi-sidabiao"))
    assert list(ledger.frame["community"]) == ["甲社区", "乙社区"]


def test_the_probe_summary_row_gets_no_notice(tmp_path, cli):
    rows = [community(社区=name) for name in ("甲社区", "乙社区")]
    rows.append(community(社区="古城街道汇总", 户数=2000, 综合服务场所=None, 文化服务中心=None))
    path = write_ledger(tmp_path / "hz.xlsx", rows)
    cli("notices", "draft", path, "--output", tmp_path / "n", "--allow-unassessed", "--all-shortfalls")
    names = " ".join(p.name for p in (tmp_path / "n").rglob("*"))
    assert "汇总" not in names


@pytest.mark.parametrize("label", ["其中：老旧小区", "其中", "其中:党员志愿者", "#老旧小区", "＃党员"])
def test_a_part_of_the_row_above_is_no_community(tmp_path, cli, label):
    rows = [community(社区="甲社区"),
            {"社区": label, "户数": 400, "常住人口": 1200},
            community(社区="乙社区"), community(社区="其他社区")]
    path = write_ledger(tmp_path / "qz.xlsx", rows)
    ledger = load_ledger(path, load_standard("liugeyi-sidabiao"))
    assert list(ledger.frame["community"]) == ["甲社区", "乙社区", "其他社区"]
    _, out, _ = cli("inspect", path, "--json")
    dropped = json.loads(out)["sheets"][0]["rows_dropped"]
    assert [d["row"] for d in dropped if d["reason"].startswith("part of the row above")] == [4]
    _, text, _ = cli("inspect", path)
    assert "上一行的分项（其中…，不是社区）：第 4 行" in text
    cli("notices", "draft", path, "--output", tmp_path / "n", "--allow-unassessed", "--all-shortfalls")
    assert "其中" not in " ".join(p.name for p in (tmp_path / "n").rglob("*"))
