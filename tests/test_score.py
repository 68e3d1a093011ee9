"""`creatio score`: rankings, 十佳 / 十差, departments, the xlsx bulletin and week-over-week changes."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from ledgers import community, write_ledger

from creatio_cli.ranking import competition_ranks

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "weekly"


@pytest.fixture(scope="module")
def week1_json(tmp_path_factory) -> Path:
    from creatio_cli.cli import app
    from creatio_cli.cli.runner import run

    path = tmp_path_factory.mktemp("week1") / "week1.json"
    assert run(app, ["score", str(SAMPLES / "week1"), "--output", str(path), "--jobs", "1"]) == 1
    return path


def _tie_folder(folder: Path) -> Path:
    """Five communities, scores written by hand from the standard's points (道德讲堂 6, 家长学校 6):
    甲 100, 乙 100, 丙 94, 丁 88, 戊 94."""
    folder.mkdir()
    write_ledger(folder / "1.xlsx", [
        community(街道="东街道", 社区="乙社区"),
        community(街道="东街道", 社区="丙社区", 道德讲堂="否"),
    ])
    write_ledger(folder / "2.xlsx", [
        community(街道="西街道", 社区="甲社区"),
        community(街道="西街道", 社区="丁社区", 道德讲堂="否", 家长学校="否"),
        community(街道="北街道", 社区="戊社区", 道德讲堂="否"),
    ])
    return folder


def test_competition_ranks():
    assert competition_ranks([100, 100, 94, 94, 88]) == [1, 1, 3, 3, 5]
    assert competition_ranks([5.0]) == [1]
    assert competition_ranks([]) == []


def test_ranking_ties_share_a_rank_and_skip_the_next(cli, tmp_path):
    code, out, _ = cli("score", _tie_folder(tmp_path / "t"), "--format", "json", "--as-of", "2022-06-30",
                       "--top", "2")
    assert code == 1
    report = json.loads(out)
    ranking = [(r["rank"], r["street"], r["community"], r["score"]) for r in report["rankings"]["communities"]]
    # Ties are listed by key (district, street, community); by code point 东 < 北 < 西.
    assert ranking == [
        (1, "东街道", "乙社区", 100.0), (1, "西街道", "甲社区", 100.0),
        (3, "东街道", "丙社区", 94.0), (3, "北街道", "戊社区", 94.0),
        (5, "西街道", "丁社区", 88.0),
    ]
    streets = [(s["rank"], s["street"], s["mean_score"], s["share_compliant"]) for s in report["rankings"]["streets"]]
    assert streets == [(1, "东街道", 97.0, 0.5), (2, "北街道", 94.0, 0.0), (2, "西街道", 94.0, 0.5)]
    assert [r["community"] for r in report["top"]] == ["乙社区", "甲社区"]
    assert [r["community"] for r in report["bottom"]] == ["丁社区", "戊社区"]
    assert report["departments"] == [
        {"department": "文明办", "findings": 3, "communities": 3, "shortfall": 3, "missing": 0, "invalid": 0},
        {"department": "妇联", "findings": 1, "communities": 1, "shortfall": 1, "missing": 0, "invalid": 0},
    ]
    assert report["grades"][:2] == [{"grade": "优秀", "communities": 4}, {"grade": "良好", "communities": 1}]
    moral = next(p for p in report["pass_rates"] if p["indicator"] == "six.moral_lecture_hall")
    assert (moral["met"], moral["applicable"], moral["pass_rate"]) == (2, 5, 0.4)


def test_week1_every_community_ranked_once(week1_json):
    report = json.loads(week1_json.read_text(encoding="utf-8"))
    keys = [(r["district"], r["street"], r["community"]) for r in report["rankings"]["communities"]]
    assert len(keys) == len(set(keys)) == 300
    assert set(keys) == {(c["district"], c["street"], c["community"]) for c in report["communities"]}
    ranks = [r["rank"] for r in report["rankings"]["communities"]]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    assert len(report["rankings"]["streets"]) == 20 and len(report["rankings"]["districts"]) == 5
    assert len(report["top"]) == len(report["bottom"]) == 10
    assert sum(s["communities"] for s in report["rankings"]["streets"]) == 300
    assert sum(f["communities"] for f in report["files"]) == 300
    # The generator's design (samples/weekly/week1.expected.json) is the oracle.
    expected = json.loads((SAMPLES / "week1.expected.json").read_text(encoding="utf-8"))["summary"]
    assert report["summary"]["with_shortfalls"] == expected["with_any_shortfall"]
    assert report["summary"]["behind_schedule"] == expected["behind_schedule"]


def test_baseline_reports_exactly_the_designed_changes(cli, week1_json):
    oracle = json.loads((SAMPLES / "changes.json").read_text(encoding="utf-8"))["changes"]
    code, out, _ = cli("score", SAMPLES / "week2", "--format", "json", "--baseline", week1_json)
    assert code == 1
    report = json.loads(out)

    def key(r):
        return r["district"], r["street"], r["community"]

    fixed = {key(c): sorted(c["fixed"]) for c in oracle if c["fixed"]}
    new = {key(c): sorted(c["new"]) for c in oracle if c["new"]}
    assert {key(c): c["fixed"] for c in report["communities"] if c["fixed"]} == fixed
    assert {key(c): c["new"] for c in report["communities"] if c["new"]} == new
    after = {key(c): sorted(c["fails_after"]) for c in oracle}
    before = {key(c): sorted(c["fails_before"]) for c in oracle}
    for c in report["communities"]:
        if key(c) in after:
            assert c["still_open"] == sorted(set(after[key(c)]) & set(before[key(c)]))
        else:
            assert c["score_change"] == 0.0 and c["new"] == [] and c["fixed"] == []
    improved = {key(r) for r in report["changes"]["improved"]}
    declined = {key(r) for r in report["changes"]["declined"]}
    assert improved == {key(c) for c in oracle if c["fixed"] and not c["new"]}
    assert declined == {key(c) for c in oracle if c["new"] and not c["fixed"]}
    assert len(improved) == 30 and len(declined) == 10
    moves = [r["score_change"] for r in report["changes"]["improved"]]
    assert moves == sorted(moves, reverse=True) and all(m > 0 for m in moves)
    assert all(r["score_change"] < 0 for r in report["changes"]["declined"])


def test_a_baseline_later_than_the_run_is_refused(cli, week1_json):
    """week1 (2022-06-24) as the baseline of week1's own ledgers dated a week earlier: changes would run
    backwards — exit 2, naming the file and both dates; the same date (a run redone) is compared."""
    code, out, err = cli("score", SAMPLES / "week1", "--baseline", week1_json, "--as-of", "2022-06-17",
                         "--format", "json")
    as_of = json.loads(week1_json.read_text(encoding="utf-8"))["as_of"]
    assert code == 2 and out == ""
    assert week1_json.name in err and as_of in err and "2022-06-17" in err
    code, out, _err = cli("score", SAMPLES / "week1", "--baseline", week1_json, "--format", "json")
    assert code == 1 and json.loads(out)["baseline"]["matched"] > 0


def test_a_baseline_of_another_standard_is_refused(cli, tmp_path, week1_json):
    """A baseline scored against another standard (another id): every change would be the standard's —
    exit 2 naming the file and both ids; another version of the same standard is compared."""
    report = json.loads(week1_json.read_text(encoding="utf-8"))
    ours = report["standard"]["id"]
    other = tmp_path / "strict.json"
    other.write_text(json.dumps({**report, "standard": {**report["standard"], "id": "strict-test"}}),
                     encoding="utf-8")
    code, out, err = cli("score", SAMPLES / "week2", "--baseline", other, "--format", "json")
    assert code == 2 and out == ""
    assert other.name in err and "strict-test" in err and ours in err
    revised = tmp_path / "revised.json"
    revised.write_text(json.dumps({**report, "standard": {**report["standard"], "version": "0.0-old"}}),
                       encoding="utf-8")
    code, out, err = cli("score", SAMPLES / "week2", "--baseline", revised, "--format", "json")
    assert code == 1 and json.loads(out)["baseline"]["matched"] > 0 and "strict-test" not in err


def test_a_baseline_sharing_no_community_is_said(cli, tmp_path, week1_json):
    folder = tmp_path / "other"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(区县="别区", 街道="别街道", 社区="别社区")])
    code, out, err = cli("score", folder, "--baseline", week1_json, "--format", "json")
    assert code == 0 and json.loads(out)["baseline"]["matched"] == 0
    assert "没有一个相同的社区" in err and week1_json.name in err


@pytest.mark.parametrize("content", [None, "not json", '{"communities": 3}', '{"communities": [{"x": 1}]}'])
def test_bad_baseline_exit_2_naming_it(cli, tmp_path, content):
    folder = tmp_path / "in"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community()])
    base = tmp_path / "last-week.json"
    if content is not None:
        base.write_text(content, encoding="utf-8")
    code, out, err = cli("score", folder, "--baseline", base, "--format", "json")
    assert code == 2 and out == ""
    assert "last-week.json" in err and "Traceback" not in err


def test_xlsx_report_has_its_sheets_and_a_chart(cli, tmp_path, week1_json):
    out = tmp_path / "bulletin.xlsx"
    code, _, _ = cli("score", SAMPLES / "week2", "--output", out, "--baseline", week1_json, "--lang", "en")
    assert code == 1
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Communities", "Top 10", "Bottom 10", "Streets", "Districts",
                               "Partner units", "Pass rates", "Departments", "New, fixed, still open", "Findings",
                               "Files"]
    ranking = book["Communities"]
    assert ranking.freeze_panes == "A2" and ranking.auto_filter.ref
    headers = [c.value for c in ranking[1]]
    assert headers[:4] == ["Rank", "District", "Street", "Community"] and "Score change" in headers
    assert ranking.max_row == 301
    assert book["Streets"].max_row == 21
    assert book["Streets"]["G2"].number_format == "0.0%"  # share compliant
    with zipfile.ZipFile(out) as archive:
        assert "xl/charts/chart1.xml" in archive.namelist()
        assert "<c:barChart>" in archive.read("xl/charts/chart1.xml").decode()
    assert len(book["Files"]["A"]) == 21


def test_csv_and_md_neutralise_formula_text(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(社区="+86社区"), community(社区="@evil")])
    code, out, _ = cli("score", folder, "--format", "csv", "--as-of", "2022-06-30")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0][:4] == ["排名", "区县", "街道", "社区"]
    assert sorted(r[3] for r in rows[1:]) == ["'+86社区", "'@evil"]
    code, out, _ = cli("score", folder, "--format", "md", "--as-of", "2022-06-30")
    assert "'@evil" in out and "| @evil" not in out


def test_terminal_table_names_top_and_bottom(cli, tmp_path):
    code, out, _ = cli("score", _tie_folder(tmp_path / "t"), "--as-of", "2022-06-30", "--lang", "en")
    assert code == 1
    assert "Top" in out and "Bottom" in out and "Streets" in out and "丁社区" in out


def test_an_as_of_before_the_campaign_start_is_said(cli, tmp_path):
    """--start after --as-of gives 序时进度 0: nobody behind, no notices. Said on stderr, in check and score."""
    folder = tmp_path / "in"
    folder.mkdir()
    path = write_ledger(folder / "a.xlsx", [community()])
    for command, target in (("check", path), ("score", folder)):
        _code, _out, err = cli(command, target, "--start", "2022-07-01", "--as-of", "2022-06-30", "--format", "json")
        assert "早于创建开始日期 2022-07-01" in err, command
        _code, _out, err = cli(command, target, "--as-of", "2022-06-30", "--format", "json")
        assert "早于创建开始日期" not in err, command
