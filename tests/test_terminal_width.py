"""Every terminal listing reads at 80 columns (``COLUMNS=80``), in both languages: ``notices status``,
``standards list`` and ``show``, ``history`` (a file with several series, or runs of different community
counts). Piped without COLUMNS, a listing may keep its long lines (nothing is squeezed for a file)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from history_helpers import WEEKLY, scored

from creatio_cli import api
from creatio_cli.render.fill import display_width, fill

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "samples" / "weekly" / "notices"


def widest(text: str) -> int:
    return max(display_width(line) for line in text.splitlines())


@pytest.fixture
def narrow(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notices_status_fits_80_columns_and_keeps_every_notice(cli, narrow, lang):
    code, out, err = cli("notices", "status", "--output", REGISTER, "--lang", lang)
    assert code == 0, err
    assert widest(out) <= 80, out
    for n in range(1, 18):  # every notice, its number whole on one line
        assert re.search(rf"淮创文办〔2022〕{n}号\s", out), n
    assert re.search(r"2022-07-16\s", out) and "2022-07-1\n" not in out  # dates never folded
    # The notes are not dropped: they follow the table.
    assert "撤销本通知" in out and "4项逾期未整改" in out


def test_notices_status_piped_without_columns_keeps_one_row_a_notice(cli, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = cli("notices", "status", "--output", REGISTER)
    assert code == 0
    row = next(line for line in out.splitlines() if "淮创文办〔2022〕10号" in line)
    assert "2022-07-15" in row and "撤销本通知" in row  # as of, due and note on the notice's own row


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", [("list",), ("show", "liugeyi-sidabiao"), ("show", "jingzhi-xingfu"),
                                  ("show", "huodong-yongfang")], ids=["list", "show", "show-jz", "show-hd"])
def test_standards_listings_fit_80_columns(cli, narrow, lang, args):
    code, out, err = cli("standards", *args, "--lang", lang)
    assert code == 0, err
    assert widest(out) <= 80, out
    if args[0] == "show":  # nothing lost: every indicator id starts a line, whole
        from creatio_cli.standards import load_standard

        starts = {line.split(" ", 1)[0] for line in out.splitlines()}
        assert {i.id for i in load_standard(args[1]).indicators} <= starts, out


def test_standards_list_piped_keeps_one_line_a_standard(cli, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = cli("standards", "list", "--lang", "en")
    assert code == 0
    assert len(out.splitlines()) == 4 and "(field library for extends)" in out.splitlines()[0]


def test_fill_breaks_between_items_and_never_inside_a_latin_word():
    lines = fill("area.activity_share  Resident activity share of the area (≥ 60 %)  6 points  民政局", 70, "",
                 "    ")
    assert lines == ["area.activity_share  Resident activity share of the area (≥ 60 %)",
                     "    6 points  民政局"]
    zh = fill("依据：《完整社区建设试点工作方案》（住建部、民政部 2022）社区综合服务设施中用于居民活动的面积不低于60%", 40,
              "    ", "      ")
    assert all(display_width(line) <= 40 for line in zh)
    assert not any(line.strip()[0] in "，。）」、" for line in zh[1:])  # no line starts with closing punctuation
    assert "".join(line.strip() for line in zh).replace(" ", "") == \
        "依据：《完整社区建设试点工作方案》（住建部、民政部2022）社区综合服务设施中用于居民活动的面积不低于60%"


@pytest.fixture(scope="module")
def uneven_history(tmp_path_factory) -> Path:
    """Two runs of different community counts (a file missing in week 2), and a second scope."""
    tmp = tmp_path_factory.mktemp("uneven")
    week2 = tmp / "week2"
    shutil.copytree(WEEKLY / "week2", week2)
    next(iter(sorted(week2.glob("*.xlsx")))).unlink()
    path = tmp / "h.sqlite"
    api.record_run(scored("week1"), path, "all", source="week1")
    api.record_run(api.score_folder(week2, api.Options(jobs=1)), path, "all", source="week2")
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_history_runs_of_different_sizes_fit_80_columns_with_whole_dates(cli, narrow, uneven_history, lang):
    code, out, err = cli("history", "--history", uneven_history, "--lang", lang)
    assert code == 0, err
    assert widest(out) <= 80, out
    assert re.search(r"^\s*2022-06-24\s+\d", out, re.M) and re.search(r"^\s*2022-07-01\s+\d", out, re.M), out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_history_with_several_series_shows_each_with_its_standard_and_scope(cli, narrow, tmp_path, lang):
    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "all", source="week1")
    api.record_run(scored("week1"), path, "district=清江浦区", source="week1")
    code, out, err = cli("history", "--history", path, "--lang", lang)
    assert code == 0, err
    assert widest(out) <= 80, out
    assert "liugeyi-sidabiao / all" in out and "liugeyi-sidabiao / district=清江浦区" in out
    assert len(re.findall(r"^\s*2022-06-24\s+\d", out, re.M)) == 2, out
