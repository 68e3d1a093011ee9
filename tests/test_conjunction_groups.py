"""A group cell naming the concepts of several columns (户数及人口 over 辖区户数 and 辖区常住人口): the words
of one part (户数) do not veto the leaf of another (the population), while a look-alike word that qualifies
the whole group (低保户数及人口) still does; and the population's plainer wordings (常住居民数)."""

from __future__ import annotations

import pytest
from matching import decide


@pytest.mark.parametrize("group", ["户数及人口", "户数和人口", "户数与人口", "户数、人口", "户数/人口", "户数以及人口"])
@pytest.mark.parametrize(("leaf", "field"), [("辖区常住人口（人）", "population"), ("辖区户数（户）", "households"),
                                             ("常住人口", "population")])
def test_a_conjunction_group_does_not_veto_the_leaf_of_its_other_part(group, leaf, field):
    assert decide(group, leaf) == field


@pytest.mark.parametrize("parts", [
    ("低保户数及人口", "人口（人）"),  # 低保 qualifies both parts: still a look-alike
    ("户数及人口", "辖区常住人口（户）"),  # a unit of households is never the population
    ("户数人口", "辖区常住人口（人）"),  # no conjunction: the group's 户数 still vetoes
    ("流动人口及户数", "人口（人）"),
])
def test_look_alikes_under_a_conjunction_group_stay_out(parts):
    assert decide(*parts) != "population"


@pytest.mark.parametrize("parts", [("基本情况", "常住居民数（人）"), ("常住居民数",), ("常住居民（人）",),
                                   ("居民数（人）",)])
def test_plain_wordings_of_the_resident_population(parts):
    assert decide(*parts) == "population"


@pytest.mark.parametrize("parts", [("常住居民数（户）",), ("基本情况", "居民户数（人）"), ("党员居民数",),
                                   ("其中：户籍居民数（人）",)])
def test_look_alikes_of_the_resident_population_stay_out(parts):
    assert decide(*parts) != "population"


def _ledger(tmp_path, population_header: str):
    from ledgers import HEADERS, community, write_ledger

    headers = [population_header if h == "常住人口" else h for h in HEADERS]
    rows = [{(population_header if k == "常住人口" else k): v for k, v in community(社区=f"{n}社区").items()}
            for n in "甲乙丙"]
    return write_ledger(tmp_path / "l.xlsx", rows, headers=headers)


def test_a_column_only_a_look_alike_word_kept_out_is_still_named_as_the_closest(cli, tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("COLUMNS", "300")  # the table's lines whole
    path = _ledger(tmp_path, "户数人口")  # 户数 vetoes the population; 人口 (persons) vetoes the households
    code, out, err = cli("check", path, "-f", "json")
    assert code == 1  # the volunteer share is unassessed
    report = json.loads(out)
    (entry,) = [u for u in report["unassessed"] if u["field"] == "population"]
    assert entry["candidates"] == [{"header": "户数人口", "column": "E", "score": 0.0, "lookalike": "户数"}]
    assert "最接近的表头：E「户数人口」（含“户数”，未采用）" in err
    _code, out, _err = cli("check", path)
    assert "户数人口（E列，含“户数”，未采用）" in out
    _code, out, _err = cli("inspect", path)
    assert "最接近：E「户数人口」（含“户数”，未采用）" in out
    _code, out, _err = cli("inspect", path, "--lang", "en")
    assert "E “户数人口” (contains “户数”, not used)" in out
    _code, out, _err = cli("inspect", path, "--json")
    (missing,) = [m for m in json.loads(out)["sheets"][0]["missing_fields"] if m["field"] == "population"]
    assert missing["closest"] == [{"cell": "E", "header": "户数人口", "score": None, "lookalike": "户数"}]


def test_a_column_its_unit_rules_out_is_not_named_as_the_closest(cli, tmp_path):
    import json

    path = _ledger(tmp_path, "常住人口（户）")  # a unit of households is never the population
    _code, out, err = cli("check", path, "-f", "json")
    (entry,) = [u for u in json.loads(out)["unassessed"] if u["field"] == "population"]
    assert entry["candidates"] == []
    assert "未采用" not in err
