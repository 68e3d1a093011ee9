"""Score and history tables: a header is never cut inside a word (分数变化, not 分数变 / 化), and each number
column has one format — a mean score with two decimals (97.00 above 96.40), a change whole or with two
decimals for the whole column (never +2 beside +0.40)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from history_helpers import WEEKLY, scored

from creatio_cli import api
from creatio_cli.render.fill import display_width


@pytest.fixture(scope="module")
def week1_report(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("w1") / "week1.json"


@pytest.fixture
def baseline(cli, week1_report) -> Path:
    if not week1_report.exists():
        code, _, err = cli("score", WEEKLY / "week1", "--output", week1_report)
        assert code == 1, err
    return week1_report


def _score_table(cli, monkeypatch, baseline, lang="zh") -> str:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = cli("score", WEEKLY / "week2", "--baseline", baseline, "--lang", lang)
    assert code == 1, err
    assert max(display_width(line) for line in out.splitlines()) <= 80
    return out


def test_score_headers_are_never_cut_inside_a_word(cli, monkeypatch, baseline):
    out = _score_table(cli, monkeypatch, baseline)
    assert "分数变化" in out and not re.search(r"分数变\s*$", out, re.M), out
    assert "平均完成率" in out and "慢序时比例" in out  # not 平均完 / 成率, 慢序时 / 比例


def test_score_mean_scores_keep_two_decimals_down_the_column(cli, monkeypatch, baseline):
    out = _score_table(cli, monkeypatch, baseline)
    streets = out.split("街道排名", 1)[1].split("\n\n", 1)[0]
    means = re.findall(r"^\s*\d+\s+\S.*?\s(\d+(?:\.\d+)?)\s+\d+\.\d%", streets, re.M)
    assert len(means) >= 10 and all(re.fullmatch(r"\d+\.\d\d", m) for m in means), means
    assert "97.20" in streets and "96.00" in streets  # were 97.2 and 96


def test_score_md_means_keep_two_decimals(cli, baseline):
    code, out, _ = cli("score", WEEKLY / "week2", "--baseline", baseline, "--format", "md")
    assert code == 1
    assert "| 淮阴区 | 王营街道 | 15 | 97.20 |" in out and "| 淮安区 | 山阳街道 | 13 | 96.00 |" in out


def test_a_change_column_has_one_format():
    from creatio_cli.render.records import fmt_column

    assert fmt_column([2, 0, -10, None], signed=True) == ["+2", "0", "-10", ""]
    assert fmt_column([2.0, 0.0, 0.4, -1.25], signed=True) == ["+2.00", "0.00", "+0.40", "-1.25"]
    assert fmt_column([97, 96.4, 99.333], decimals=2) == ["97.00", "96.40", "99.33"]
    assert fmt_column([-0.0], signed=True) == ["0"]


def test_history_change_column_has_one_format(cli, monkeypatch, tmp_path):
    path = tmp_path / "h.sqlite"
    for week in ("week1", "week2"):
        api.record_run(scored(week), path, "all", source=week)
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = cli("history", "--history", path, "--by", "street")
    assert code == 0, err
    changes = re.findall(r"2022-07-01\s+\d+\.\d\d\s+([+-]?\d+(?:\.\d+)?)\s", out)
    assert len(changes) >= 10, out
    decimals = {len(c.split(".")[1]) if "." in c else 0 for c in changes}
    assert decimals == {2}, changes  # one format: 0.00 beside +0.40, never 0 beside +0.40
