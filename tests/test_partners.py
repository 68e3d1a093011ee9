"""Partner units (帮扶单位 / 包联单位 …, field ``partner``): read into each community's result and ranked by
``score`` (issue 13, part 3). Every expected value below is computed by hand from the standard's points
(liugeyi-sidabiao: area 10, rooms 8, each 六个一 facility 6, ledger kept 10 …; 序时进度 at 2022-06-30 is
181/365 = 49.6 %), never from creatio's output."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from ledgers import HEADERS, community, write_ledger
from rich.cells import cell_len

from creatio_cli.results import partner_units

NO_PARTNER = [h for h in HEADERS if h != "帮扶单位"]


def _folder(folder: Path) -> Path:
    """Seven communities in three files; the third file has no 帮扶单位 column.

    A 100 市民政局 · B 94 (道德讲堂) 市民政局、市财政局 · C 48 (area 10, rooms 8, four facilities 24, ledger 10; behind
    schedule) 市财政局, 团市委 · D 94 (家长学校) blank · E 100 团市委;市民政局 · G 74 (area 10, ledger 10, 道德讲堂 6)
    市妇联 · F 88 (道德讲堂, 家长学校) no column.
    """
    folder.mkdir()
    write_ledger(folder / "1.xlsx", [
        community(街道="东街道", 社区="A社区", 帮扶单位="市民政局"),
        community(街道="东街道", 社区="B社区", 道德讲堂="否", 帮扶单位="市民政局、市财政局"),
        community(街道="西街道", 社区="C社区", **{"社区综合服务设施面积（㎡）": 200, "居民活动用房面积（㎡）": 150,
                                               "功能室数量（个）": 2}, 综合服务场所="否", 文化服务中心="否",
                  道德讲堂="否", 家长学校="否", 台账整理="否", 帮扶单位=" 市财政局, 团市委 "),
        community(街道="西街道", 社区="D社区", 家长学校="否", 帮扶单位=None),
    ])
    write_ledger(folder / "2.xlsx", [
        community(街道="北街道", 社区="E社区", 帮扶单位="团市委;市民政局"),
        community(街道="北街道", 社区="G社区", **{"社区综合服务设施面积（㎡）": 200, "居民活动用房面积（㎡）": 150},
                  台账整理="否", 道德讲堂="否", 帮扶单位="市妇联"),
    ])
    write_ledger(folder / "3.xlsx", [community(街道="南街道", 社区="F社区", 道德讲堂="否", 家长学校="否")],
                 headers=NO_PARTNER)
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return _folder(tmp_path_factory.mktemp("partners") / "in")


@pytest.fixture(scope="module")
def report(folder) -> dict:
    from creatio_cli.cli import app
    from creatio_cli.cli.runner import run

    out = folder.parent / "report.json"
    assert run(app, ["score", str(folder), "--as-of", "2022-06-30", "--output", str(out), "--jobs", "1"]) == 1
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_cell_naming_several_units_counts_for_each():
    assert partner_units("市民政局、市财政局") == ("市民政局", "市财政局")
    assert partner_units(" 市财政局, 团市委 ") == ("市财政局", "团市委")
    assert partner_units("市财政局，团市委；市妇联;市教育局／市税务局/团市委") == (
        "市财政局", "团市委", "市妇联", "市教育局", "市税务局")
    assert partner_units("市民政局、市民政局") == ("市民政局",)
    assert partner_units("、") == () and partner_units("") == () and partner_units(None) == ()


def test_each_community_carries_its_partner_when_its_ledger_has_the_column(report):
    partners = {c["community"]: c.get("partner", "no key") for c in report["communities"]}
    assert partners == {"A社区": "市民政局", "B社区": "市民政局、市财政局", "C社区": "市财政局, 团市委",
                        "D社区": None, "E社区": "团市委;市民政局", "G社区": "市妇联", "F社区": "no key"}
    scores = {c["community"]: (c["score"], c["behind_schedule"]) for c in report["communities"]}
    assert scores == {"A社区": (100.0, False), "B社区": (94.0, False), "C社区": (48.0, True), "D社区": (94.0, False),
                      "E社区": (100.0, False), "G社区": (74.0, False), "F社区": (88.0, False)}


def test_partner_units_ranked_by_mean_completion_then_score(report):
    # 市民政局: A 100, B 94, E 100 → 98, 2 of 3 compliant. 团市委: C 48, E 100 → 74. 市妇联: G 74 → 74 (tied
    # with 团市委: rank 2 both, listed by name, 团 U+56E2 < 市 U+5E02). 市财政局: B 94, C 48 → 71, C behind.
    # D (blank) and F (no column) are left out.
    assert report["rankings"]["partners"] == [
        {"rank": 1, "partner": "市民政局", "communities": 3, "mean_score": 98.0, "mean_completion": 0.98,
         "share_compliant": 0.666667, "share_behind_schedule": 0.0},
        {"rank": 2, "partner": "团市委", "communities": 2, "mean_score": 74.0, "mean_completion": 0.74,
         "share_compliant": 0.5, "share_behind_schedule": 0.5},
        {"rank": 2, "partner": "市妇联", "communities": 1, "mean_score": 74.0, "mean_completion": 0.74,
         "share_compliant": 0.0, "share_behind_schedule": 0.0},
        {"rank": 4, "partner": "市财政局", "communities": 2, "mean_score": 71.0, "mean_completion": 0.71,
         "share_compliant": 0.0, "share_behind_schedule": 0.5},
    ]


def test_partner_column_is_context_not_an_indicator(cli, tmp_path):
    """A ledger without the column: nothing unassessed, no warning about it, no partner key, no ranking."""
    path = write_ledger(tmp_path / "l.xlsx", [community()], headers=NO_PARTNER)
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    report = json.loads(out)
    assert code == 0 and report["unassessed"] == [] and report["warnings"] == []
    assert "partner" not in report["communities"][0] and "帮扶单位" not in err
    code, out, _ = cli("score", tmp_path, "--format", "json", "--as-of", "2022-06-30")
    assert code == 0 and json.loads(out)["rankings"]["partners"] == []


def test_a_partner_cell_saying_none_is_blank(cli, tmp_path):
    write_ledger(tmp_path / "l.xlsx", [community(社区="甲社区", 帮扶单位="/"), community(社区="乙社区", 帮扶单位="无"),
                                       community(社区="丙社区", 帮扶单位="市民政局")])
    code, out, _ = cli("score", tmp_path, "--format", "json", "--as-of", "2022-06-30")
    assert code == 0
    report = json.loads(out)
    assert [c["partner"] for c in report["communities"]] == [None, None, "市民政局"]
    assert [(p["partner"], p["communities"]) for p in report["rankings"]["partners"]] == [("市民政局", 1)]


def test_partner_ranking_in_table_md_and_xlsx(cli, folder, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for lang, heading, head in (("zh", "帮扶单位排名", "帮扶单位"), ("en", "Partner units", "Partner unit")):
        code, out, _ = cli("score", folder, "--as-of", "2022-06-30", "--lang", lang)
        assert code == 1
        section = out[out.index(heading):]
        assert head in section and "市财政局" in section
        assert max(cell_len(line.rstrip()) for line in out.splitlines()) <= 80  # terminal cells, CJK = 2
        code, out, _ = cli("score", folder, "--as-of", "2022-06-30", "--format", "md", "--lang", lang)
        section = out[out.index(f"## {heading}"):]
        assert "| 2 | 市妇联 | 1 | 74.00 | 74.0% | 0.0% | 0.0% |" in section  # a mean: two decimals
        path = tmp_path / f"r-{lang}.xlsx"
        cli("score", folder, "--as-of", "2022-06-30", "--output", path, "--lang", lang)
        ws = openpyxl.load_workbook(path)[heading]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        assert rows[0][:3] == [{"zh": "排名", "en": "Rank"}[lang], head, {"zh": "社区数", "en": "Communities"}[lang]]
        assert rows[1] == [1, "市民政局", 3, 98, 0.98, 0.666667, 0]
        assert len(rows) == 5 and ws["E2"].number_format == "0.0%"


def test_no_partner_section_without_partners(cli, tmp_path):
    write_ledger(tmp_path / "l.xlsx", [community()], headers=NO_PARTNER)
    _code, out, _ = cli("score", tmp_path, "--format", "md", "--as-of", "2022-06-30")
    assert "帮扶单位" not in out
    path = tmp_path.parent / f"{tmp_path.name}.xlsx"
    cli("score", tmp_path, "--output", path, "--as-of", "2022-06-30")
    assert "帮扶单位排名" not in openpyxl.load_workbook(path).sheetnames


def test_spellings_differing_in_width_or_spaces_are_one_partner_unit():
    """市民政局（一处） and 市民政局(一处) / 市民政局 （一处） are one unit, shown as first written; a unit named
    twice by one cell in two spellings counts that community once."""
    from types import SimpleNamespace

    from creatio_cli.ranking import partners

    def scored(name: str, score: float, cell: str) -> SimpleNamespace:
        return SimpleNamespace(community=name, score=score, completion=score / 100, compliant=score == 100,
                               behind_schedule=False, partner_units=partner_units(cell))

    ranked = partners([scored("A社区", 100, "市民政局（一处）"), scored("B社区", 80, "市民政局(一处)"),
                       scored("C社区", 60, "市民政局 （一处）、市民政局（一处）"), scored("D社区", 90, "团市委")])
    assert [(p.partner, p.communities, p.mean_score) for p in ranked] == [
        ("团市委", 1, 90.0), ("市民政局（一处）", 3, 80.0)]
