"""``creatio history``: runs and trends per district, street, partner unit, indicator and community.

The expected numbers are computed here from the sample generator's design (samples/weekly/week*.expected.json:
each community's failed indicators and points lost; liugeyi-sidabiao is 100 points, all or nothing) and from
the ledgers' own 帮扶单位 cells (openpyxl) — never from creatio's output. 序时进度 by hand: 2022-06-24 is day
175 of 365, 2022-07-01 day 182.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from collections import defaultdict
from pathlib import Path
from statistics import mean

import openpyxl
import pytest
from history_helpers import designed, expected, scored, small_folder, workbook_partners

from creatio_cli import api
from creatio_cli.batch import written_by_creatio
from creatio_cli.results import partner_units

PROGRESS = {"2022-06-24": 175 / 365, "2022-07-01": 182 / 365}
WEEKS = {"2022-06-24": "week1", "2022-07-01": "week2"}


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("h") / "h.sqlite"
    api.record_run(scored("week1"), path, "all", source="week1")
    api.record_run(scored("week2"), path, "all", source="week2")
    return path


def _json(cli, history, *args):
    code, out, err = cli("history", "--history", history, "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def _score(entry: dict) -> float:
    return 100.0 - entry["points_lost"]


def test_runs_list_each_run_against_its_schedule(cli, history):
    report = _json(cli, history)
    assert report["view"] == "run" and report["series"] is None
    assert [r["as_of"] for r in report["runs"]] == ["2022-06-24", "2022-07-01"]
    for run in report["runs"]:
        entries = expected(WEEKS[run["as_of"]])["communities"]
        assert run["standard"] == "liugeyi-sidabiao" and run["scope"] == "all"
        assert run["communities"] == len(entries) == 300
        assert run["behind_schedule"] == sum(e["behind_schedule"] for e in entries)
        assert run["compliant"] == sum(not e["fails"] for e in entries)
        assert run["mean_score"] == pytest.approx(mean(_score(e) for e in entries), abs=1e-4)
        assert run["mean_completion"] == pytest.approx(mean(_score(e) / 100 for e in entries), abs=1e-6)
        assert run["expected_progress"] == pytest.approx(PROGRESS[run["as_of"]])
        assert run["gap_points"] == pytest.approx((run["mean_completion"] - PROGRESS[run["as_of"]]) * 100, abs=0.01)
        assert (run["files"], run["files_skipped"]) == (20, 0)
    assert [r["behind_schedule"] for r in report["runs"]] == [11, 9]  # the samples' README


@pytest.mark.parametrize("view, keys", [("district", ("district",)), ("street", ("district", "street"))])
def test_district_and_street_trends(cli, history, view, keys):
    report = _json(cli, history, "--by", view)
    assert report["series"] == {"standard": "liugeyi-sidabiao", "scope": "all"}
    rows = report[f"{view}s"]
    want: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for as_of, week in WEEKS.items():
        for key, entry in designed(week).items():
            want[key[:len(keys)]][as_of].append(entry)
    assert len(rows) == sum(len(v) for v in want.values())
    for row in rows:
        group = tuple(row[k] for k in keys)
        entries = want[group][row["as_of"]]
        assert row["communities"] == len(entries)
        assert row["mean_score"] == pytest.approx(mean(_score(e) for e in entries), abs=1e-4)
        assert row["behind_schedule"] == sum(e["behind_schedule"] for e in entries)
        assert row["compliant"] == sum(not e["fails"] for e in entries)
        if row["as_of"] == "2022-06-24":
            assert row["score_change"] is None
        else:
            before = mean(_score(e) for e in want[group]["2022-06-24"])
            assert row["score_change"] == pytest.approx(row["mean_score"] - before, abs=1e-3)


def test_indicator_pass_rates(cli, history):
    report = _json(cli, history, "--by", "indicator", "--lang", "en")
    points = expected("week1")["points"]
    assert {r["indicator"] for r in report["indicators"]} == set(points)
    for row in report["indicators"]:
        entries = expected(WEEKS[row["as_of"]])["communities"]
        met = sum(row["indicator"] not in e["fails"] for e in entries)
        assert (row["met"], row["applicable"], row["problems"]) == (met, 300, 300 - met)
        assert row["pass_rate"] == pytest.approx(met / 300)
    moral = [r for r in report["indicators"] if r["indicator"] == "six.moral_lecture_hall"]
    assert moral[0]["title"] == "A moral lecture hall"  # the standard's English title, kept in the file
    assert moral[1]["change_points"] == pytest.approx((moral[1]["pass_rate"] - moral[0]["pass_rate"]) * 100, abs=0.01)


def test_partner_trends_count_each_named_unit(cli, history):
    report = _json(cli, history, "--by", "partner")
    partners = workbook_partners("week1")
    assert partners == workbook_partners("week2")
    for row in report["partners"]:
        members = [e for k, e in designed(WEEKS[row["as_of"]]).items() if partners[k] == row["partner"]]
        assert row["communities"] == len(members) > 0
        assert row["mean_score"] == pytest.approx(mean(_score(e) for e in members), abs=1e-4)
        assert row["behind_schedule"] == sum(e["behind_schedule"] for e in members)
    assert len({r["partner"] for r in report["partners"]}) == len(set(partners.values()))


def test_a_cell_naming_several_partner_units_counts_for_each(tmp_path, cli):
    assert partner_units(" 市民政局、团市委 / 市税务局，市民政局 ") == ("市民政局", "团市委", "市税务局")
    assert partner_units("") == () and partner_units(None) == ()
    folder = small_folder(tmp_path / "f", names=("南关社区", "北关社区"), 帮扶单位="市民政局、团市委")
    code, _, err = cli("score", folder, "--record", "--history", tmp_path / "h.sqlite", "--format", "json")
    assert code == 1, err
    rows = _json(cli, tmp_path / "h.sqlite", "--by", "partner")["partners"]
    assert {r["partner"]: r["communities"] for r in rows} == {"市民政局": 2, "团市委": 2}
    assert rows[0]["mean_score"] == pytest.approx((94 + 100) / 2)  # 南关 lacks a 道德讲堂 (6 points)


def test_a_community_trajectory(cli, history):
    key = next(k for k, e in designed("week1").items() if e["behind_schedule"] and e["fails"] != designed("week2")[k]["fails"])
    report = _json(cli, history, "--community", key[2], "--street", key[1], "--lang", "en")
    assert report["view"] == "community" and report["filters"] == {"street": key[1], "community": key[2]}
    rows = report["communities"]
    assert [r["as_of"] for r in rows] == ["2022-06-24", "2022-07-01"]
    for row in rows:
        entry = designed(WEEKS[row["as_of"]])[key]
        assert (row["district"], row["street"], row["community"]) == key
        assert row["score"] == _score(entry) and row["behind_schedule"] is entry["behind_schedule"]
        assert row["unmet"] == sorted(entry["fails"])
        assert row["completion"] == pytest.approx(_score(entry) / 100)
    assert rows[1]["score_change"] == _score(designed("week2")[key]) - _score(designed("week1")[key])
    assert [r["communities"] for r in report["runs"]] == [1, 1]  # the runs table follows the filters


def _shared_name() -> tuple[str, set[tuple[str, str]]]:
    """A community name the sample week uses in several streets, and its (district, street) places."""
    names = defaultdict(set)
    for key in designed("week1"):
        names[key[2]].add(key[:2])
    return next((n, p) for n, p in sorted(names.items()) if len(p) > 1)


def test_a_community_name_shared_by_several_streets_lists_each(cli, history):
    name, places = _shared_name()
    rows = _json(cli, history, "--community", name)["communities"]
    assert {(r["district"], r["street"]) for r in rows} == places and len(rows) == 2 * len(places)


def test_a_shared_name_is_said_and_drawn_as_no_single_trajectory(cli, history, tmp_path):
    """Two 同名 communities are not one line: a note names their streets, and no trajectory chart mixes them."""
    name, places = _shared_name()
    code, _out, err = cli("history", "--history", history, "--community", name, "--charts", tmp_path / "c",
                          "--lang", "en")
    assert code == 0, err
    assert f"several communities are named “{name}”" in err and "--street" in err
    assert all(f"{d}/{s}" in err for d, s in places)
    assert not (tmp_path / "c" / "trajectory.png").exists()
    district, street = sorted(places)[0]
    code, _out, err = cli("history", "--history", history, "--community", name, "--street", street,
                          "--district", district, "--charts", tmp_path / "one", "--lang", "en")
    assert code == 0 and "several communities" not in err
    assert (tmp_path / "one" / "trajectory.png").exists()


def test_unknown_community_and_bad_view_are_exit_2(cli, history):
    code, _, err = cli("history", "--history", history, "--community", "没有这个社区", "--lang", "en")
    assert code == 2 and "no community “没有这个社区”" in err and "h.sqlite" in err
    code, _, err = cli("history", "--history", history, "--by", "week", "--lang", "en")
    assert code == 2 and "--by must be one of" in err


def test_several_series_need_a_choice_unless_one_is_all(tmp_path, cli):
    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "district=清江浦区")
    api.record_run(scored("week2"), path, "district=淮安区")
    code, _, err = cli("history", "--history", path, "--by", "district", "--lang", "en")
    assert code == 2 and "several series" in err and "liugeyi-sidabiao / district=淮安区" in err
    assert len(_json(cli, path)["runs"]) == 2  # the run list shows every series
    assert _json(cli, path, "--by", "district", "--scope", "district=淮安区")["series"]["scope"] == "district=淮安区"
    api.record_run(scored("week1"), path, "all")
    code, out, err = cli("history", "--history", path, "--by", "district", "--format", "json", "--lang", "en")
    assert code == 0 and json.loads(out)["series"]["scope"] == "all"
    assert "standard liugeyi-sidabiao, scope all, 1 runs" in err  # says which series it chose


def test_reading_never_writes_and_a_missing_file_is_exit_2(tmp_path, cli, history):
    before = history.read_bytes()
    for args in ((), ("--by", "street"), ("--community", "五里社区")):
        assert cli("history", "--history", history, *args)[0] == 0
    assert history.read_bytes() == before
    assert not Path(f"{history}-journal").exists()
    code, _, err = cli("history", "--history", tmp_path / "none.sqlite", "--lang", "en")
    assert code == 2 and "no history file here" in err and "none.sqlite" in err
    assert not (tmp_path / "none.sqlite").exists()


def test_an_old_file_is_read_without_migrating_it(tmp_path, cli):
    from test_history_migration import v1_file

    path = v1_file(tmp_path / "h.sqlite")
    before = path.read_bytes()
    report = _json(cli, path, "--by", "indicator", "--lang", "en")
    assert [(r["indicator"], r["met"], r["applicable"]) for r in report["indicators"]] == [
        ("area.per_100_households", 2, 2), ("six.moral_lecture_hall", 1, 2)]
    # schema 1 kept no titles: the shipped standard's (test_history_migration), never the bare ids
    assert all(r["title"] != r["indicator"] for r in report["indicators"])
    assert _json(cli, path, "--by", "partner")["partners"] == []
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_is_the_view_asked_for_and_recognised_as_creatios_own(tmp_path, cli, history, lang):
    from creatio_cli.render.i18n import t

    out = tmp_path / "streets.csv"
    code, _, err = cli("history", "--history", history, "--by", "street", "--output", out, "--lang", lang)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == [t("district", lang), t("street", lang), t("as_of", lang)]
    assert len(rows) == 1 + 2 * 20
    assert written_by_creatio(out)  # score never reads it back as a ledger
    for view in ("run", "district", "partner", "indicator", "community"):
        path = tmp_path / f"{view}.csv"
        assert cli("history", "--history", history, "--by", view, "--output", path, "--lang", lang)[0] == 0
        assert written_by_creatio(path), view


def test_xlsx_has_a_sheet_per_view_and_native_line_charts(tmp_path, cli, history):
    out = tmp_path / "history.xlsx"
    code, _, err = cli("history", "--history", history, "--output", out, "--lang", "en")
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Runs", "Districts", "Streets", "Partner units", "Indicator pass rates", "Communities"]
    assert book.properties.creator == "creatio" and written_by_creatio(out)
    runs = book["Runs"]
    assert [c.value for c in runs[1][:3]] == ["As of", "Standard", "Standard version"]
    assert runs["A2"].value == "2022-06-24" and runs["E2"].value == 300
    streets = book["Streets"]
    assert streets.max_row == 1 + 2 * 20
    with zipfile.ZipFile(out) as archive:
        charts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert charts and all("<c:lineChart>" in c for c in charts)
    # runs: mean score, behind schedule, completion vs expected; 2 per group view; pass rates
    assert len(charts) == 3 + 2 * 3 + 1
    street_chart = next(c for c in charts if "Street mean scores" in c)
    assert street_chart.count("<c:ser>") == 20  # a line per street (20 ≤ the limit)


def test_xlsx_of_a_trajectory_charts_completion_against_the_schedule(tmp_path, cli, history):
    out = tmp_path / "t.xlsx"
    key = next(iter(designed("week1")))
    code, _, err = cli("history", "--history", history, "--community", key[2], "--street", key[1], "--output", out,
                       "--lang", "en")
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert f"{key[2]} run by run"[:31] in book.sheetnames
    with zipfile.ZipFile(out) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        texts = [archive.read(n).decode("utf-8") for n in names]
    assert any(f"{key[2]}: completion and expected progress" in c for c in texts)


def test_history_file_is_never_the_report(tmp_path, cli, history):
    copy = tmp_path / "h.sqlite"
    copy.write_bytes(history.read_bytes())
    code, _, err = cli("history", "--history", copy, "--format", "json", "--output", copy, "--lang", "en")
    assert code == 2 and "input" in err
    assert copy.read_bytes() == history.read_bytes()


def test_a_copied_file_reads_the_same_elsewhere(tmp_path, cli, history):
    """No absolute path or machine in the keys: a copy in another folder gives the same report."""
    elsewhere = tmp_path / "other machine"
    elsewhere.mkdir()
    (elsewhere / "h.sqlite").write_bytes(history.read_bytes())
    a = _json(cli, history, "--by", "street")
    b = _json(cli, elsewhere / "h.sqlite", "--by", "street")
    assert a["streets"] == b["streets"] and a["runs"] == b["runs"]
    db = sqlite3.connect(history)
    assert {r[0] for r in db.execute("SELECT source FROM runs")} == {"week1", "week2"}  # as given
    db.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", [("--by", "street"), ("--by", "district"), ("--community", "五里社区", "--street", "朱坝街道")],
                         ids=["street", "district", "community"])
def test_the_terminal_table_reads_at_80_columns(cli, history, monkeypatch, lang, args):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = cli("history", "--history", history, *args, "--lang", lang)
    assert code == 0, err
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 80  # nothing cut at the right edge
    if lang == "en":
        # Headers wrap between words: no "completio" / "n", no "Behin" / "schedul".
        assert not re.search(r"\b(completio|Behin|schedul|expecte)\b", out), out
    # Mean scores keep two decimals down the column (94.40 under 94.13, not 94.4).
    means = re.findall(r"\b\d{2,3}\.\d+\b", "\n".join(line for line in lines if "%" in line))
    assert means and all(len(m.split(".")[1]) in (1, 2) for m in means)
    assert all(len(m.split(".")[1]) == 2 for m in re.findall(r"^\s*2022-\d\d-\d\d\s+(\d+\.\d+)", out, re.M))


def test_one_communitys_rows_name_it_once_in_the_heading(cli, history, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli("history", "--history", history, "--community", "五里社区", "--street", "朱坝街道")
    assert code == 0
    table = out.split("洪泽区 / 朱坝街道 / 五里社区 历次评分", 1)[1].split("未达标指标", 1)[0]
    assert "五里社区" not in table.rsplit("\n", 2)[0]  # the rows carry figures, not the name again
    assert re.search(r"2022-07-01\s+\d+\s+[+-]\d+\s+\d+\.\d%", table)


def test_xlsx_prints_each_table_on_a4_with_its_heading_and_readable_numbers(tmp_path, cli, history):
    from openpyxl.utils import get_column_letter

    out = tmp_path / "trends.xlsx"
    code, _, err = cli("history", "--history", history, "--output", out)
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    for ws in book.worksheets:
        width = next(c for c in range(1, ws.max_column + 2) if ws.cell(1, c).value is None) - 1  # the table's headings
        assert ws.page_setup.paperSize == 9, ws.title  # A4
        assert ws.print_title_rows == "$1:$1", ws.title
        # One page wide, as long as it takes (fitToWidth 1 is the default xlsxwriter leaves out).
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1), ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title
        # The printed area is the table (the pivot blocks and charts to its right stay on screen).
        area = str(ws.print_area)
        assert f"$A$1:${get_column_letter(width)}$" in area, (ws.title, area)
        formats = {ws.cell(r, c).number_format for r in range(2, min(ws.max_row, 40) + 1) for c in range(1, width + 1)
                   if isinstance(ws.cell(r, c).value, int | float)}
        assert not any(".##" in f for f in formats), (ws.title, formats)  # Excel would show 15 as "15."
    streets = book["街道趋势"]
    heads = [c.value for c in streets[1]]
    mean = heads.index("平均分") + 1
    assert {streets.cell(r, mean).number_format for r in range(2, streets.max_row + 1)
            if streets.cell(r, mean).value is not None} == {"0.00"}
    change = heads.index("分数变化") + 1
    changes = [streets.cell(r, change).value for r in range(2, streets.max_row + 1)]
    assert all(v is None or round(v, 2) == v for v in changes) and any(v and v != int(v) for v in changes)
