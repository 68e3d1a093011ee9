"""``creatio bulletin weekly|monthly --history``: the bulletin written from the runs ``score --record`` keeps.

The oracles are the sample generator's (samples/weekly/week*.expected.json, changes-week4.json) and the
report-based bulletin of the same weeks (score JSON reports, the week made with ``score --baseline`` so the
movers are score's own) — never the history adapter's own output.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from history_helpers import WEEKLY, expected, scored

from creatio_cli import api
from creatio_cli.bulletin import data, from_history, from_reports
from creatio_cli.cli import app
from creatio_cli.cli.runner import run

WEEKS = ("week1", "week2", "week3", "week4", "week5")  # as of 06-24, 07-01, 07-08, 07-15, 07-22


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("history") / "creatio-history.sqlite"
    for week in WEEKS:
        api.record_run(scored(week), path, "all")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """week3, and week4 made with ``--baseline week3`` (the weekly routine): the report-based oracle."""
    where = tmp_path_factory.mktemp("reports")
    week3, week4 = where / "week3.json", where / "week4.json"
    assert run(app, ["score", str(WEEKLY / "week3"), "--format", "json", "-o", str(week3), "--jobs", "1"]) in (0, 1)
    assert run(app, ["score", str(WEEKLY / "week4"), "--format", "json", "-o", str(week4), "--jobs", "1",
                     "--baseline", str(week3)]) in (0, 1)
    return {"week3": week3, "week4": week4}


def _document(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """The paragraphs and the tables' cells of a .docx, read with python-docx."""
    from docx import Document

    doc = Document(str(path))
    return [p.text for p in doc.paragraphs], [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]


def _num(value: float) -> str:
    """As the bulletin prints a score: two decimals, trailing zeros dropped (written here, not imported)."""
    return f"{round(value, 2):.2f}".rstrip("0").rstrip(".")


def _oracle(week: str) -> dict:
    """A week's headline figures from the generator's oracle: every community's points lost of 100."""
    found = expected(week)
    rows, summary = found["communities"], found["summary"]
    return {"communities": summary["communities"], "behind": summary["behind_schedule"],
            "compliant": summary["communities"] - summary["with_any_shortfall"],
            "mean": sum(100 - r["points_lost"] for r in rows) / len(rows), "as_of": found["as_of"]}


# ---- weekly --------------------------------------------------------------------------------------------


def test_weekly_from_history_is_the_report_based_bulletin(history, reports, tmp_path):
    period, notes = from_history.weekly_period(history, as_of=date(2022, 7, 15))
    oracle = from_reports.weekly_period(reports["week4"])  # the comparison score --baseline made
    assert (period.current.as_of, period.previous and period.previous.as_of) == (date(2022, 7, 15), date(2022, 7, 8))
    mine, theirs = period.current, oracle.current
    # Every field of the run but where it was read and the points of indicators nobody failed (a report
    # names only those some finding lost).
    for name in (f.name for f in fields(data.Run)):
        if name not in ("source", "points"):
            assert getattr(mine, name) == getattr(theirs, name), name
    assert {k: v for k, v in mine.points.items() if k in theirs.points} == dict(theirs.points)
    assert mine.top_ties == theirs.top_ties and mine.bottom_ties == theirs.bottom_ties
    assert [c.community for c in mine.top] == [c.community for c in theirs.top] and len(mine.top) == 10
    assert period.change is not None and oracle.change is not None
    assert (period.change.since, period.change.before, period.change.after) == \
        (oracle.change.since, oracle.change.before, oracle.change.after)
    assert (period.change.improved, period.change.declined) == (oracle.change.improved, oracle.change.declined)
    assert [n.code for n in notes] == ["note.history_series"]

    # The documents: the same paragraphs and tables, whichever source.
    from_h, from_r = tmp_path / "h.docx", tmp_path / "r.docx"
    api.bulletin(api.BulletinOptions(kind="weekly", history=history, as_of=date(2022, 7, 15), output=from_h))
    api.bulletin(api.BulletinOptions(kind="weekly", report=reports["week4"], output=from_r))
    assert _document(from_h) == _document(from_r)


def test_weekly_headline_equals_the_generators_oracle(history, tmp_path, cli):
    out = tmp_path / "w.docx"
    code, stdout, err = cli("bulletin", "weekly", "--history", history, "--as-of", "2022-07-15", "--output", out)
    assert code == 0 and stdout == "", err
    assert "周通报：截至 2022-07-15，对比 2022-07-08" in err
    with zipfile.ZipFile(out) as docx:
        assert docx.testzip() is None
    text = "\n".join(_document(out)[0])
    now, before = _oracle("week4"), _oracle("week3")
    assert f"纳入考核的社区共{now['communities']}个" in text
    assert (f"达到创建标准的社区{now['compliant']}个，占{now['compliant'] / now['communities'] * 100:.1f}%，"
            f"较上周（{before['compliant']}个）") in text
    assert f"慢于序时进度的社区{now['behind']}个，较上周（{before['behind']}个）" in text
    assert f"社区平均得分{_num(now['mean'])}分，较上周（{_num(before['mean'])}分）" in text
    # The movers: a changed community's score moves by the points of what it fixed less what it newly fails.
    changes = json.loads((WEEKLY / "changes-week4.json").read_text(encoding="utf-8"))["changes"]
    points = expected("week4")["points"]
    moves = [sum(points[i] for i in c["fixed"]) - sum(points[i] for i in c["new"]) for c in changes]
    assert f"与上周相比，得分提高的社区共{sum(m > 0 for m in moves)}个" in text
    assert f"与上周相比，得分下降的社区共{sum(m < 0 for m in moves)}个" in text
    # The worst community of the week is the one the generator made lose the most points (ties aside).
    rows = expected("week4")["communities"]
    worst = max(r["points_lost"] for r in rows)
    assert any(r["community"] in text.split("二、")[-1] for r in rows if r["points_lost"] == worst)


def test_weekly_defaults_to_the_latest_run_and_refuses_a_date_before_the_first(history, tmp_path, cli):
    period, _ = from_history.weekly_period(history)
    assert (period.current.as_of, period.change and period.change.since) == (date(2022, 7, 22), date(2022, 7, 15))
    first, _ = from_history.weekly_period(history, as_of=date(2022, 6, 30))  # the first run: nothing before it
    assert first.current.as_of == date(2022, 6, 24) and first.previous is None and first.change is None
    out = tmp_path / "early.docx"
    code, _, err = cli("bulletin", "weekly", "--history", history, "--as-of", "2022-06-01", "--output", out)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "2022-06-24" in err and not out.exists()


# ---- monthly -------------------------------------------------------------------------------------------


def test_monthly_aggregates_the_julys_runs(history, tmp_path, cli):
    out = tmp_path / "m.docx"
    code, _, err = cli("bulletin", "monthly", "--history", history, "--as-of", "2022-07-31", "--output", out)
    assert code == 0, err
    assert "月通报：2022-07，4 次评分（2022-07-01、2022-07-08、2022-07-15、2022-07-22）" in err
    text = "\n".join(_document(out)[0])
    july = [_oracle(w) for w in ("week2", "week3", "week4", "week5")]
    assert [o["as_of"] for o in july] == ["2022-07-01", "2022-07-08", "2022-07-15", "2022-07-22"]
    assert "关于2022年7月全市社区" in text
    assert ("本月共开展检查评分4次（7月1日、7月8日、7月15日、7月22日），各次慢于序时进度的社区数依次为"
            + "、".join(f"{o['behind']}个" for o in july) + "，社区平均得分依次为"
            + "、".join(f"{_num(o['mean'])}分" for o in july) + "。") in text
    first, last = july[0], july[-1]
    assert f"较7月1日（{first['compliant']}个）" in text and f"达到创建标准的社区{last['compliant']}个" in text

    period, _ = from_history.monthly_period(history)  # default: the latest run's month
    assert [r.as_of.day for r in period.runs] == [1, 8, 15, 22] and period.as_of == date(2022, 7, 22)
    june, _ = from_history.monthly_period(history, as_of=date(2022, 6, 30))
    assert [r.as_of for r in june.runs] == [date(2022, 6, 24)] and june.change is None
    code, _, err = cli("bulletin", "monthly", "--history", history, "--as-of", "2022-08-31",
                       "--output", tmp_path / "aug.docx")
    assert code == 2 and "2022-08" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "aug.docx").exists()


# ---- what the history does not keep, and what is refused ---------------------------------------------


def test_departments_come_from_the_standard_of_the_runs_version_or_are_left_out(history, tmp_path):
    period, notes = from_history.weekly_period(history)
    rows = expected("week5")["communities"]
    assert sum(d.findings for d in period.current.departments) == sum(len(r["fails"]) for r in rows)
    assert not any(n.code.startswith("note.bulletin_") for n in notes)

    other = tmp_path / "other.sqlite"
    shutil.copyfile(history, other)
    db = sqlite3.connect(other)
    with db:
        db.execute("UPDATE runs SET standard_version = '1999.1'")
    db.close()
    drafted = api.bulletin(api.BulletinOptions(kind="weekly", history=other, output=tmp_path / "v.docx"))
    assert [n.code for n in drafted.notes].count("note.bulletin_departments_version") == 1
    assert drafted.period.current.departments == ()
    text = "\n".join(_document(tmp_path / "v.docx")[0])
    assert "从责任单位看" not in text and "从各项指标看" in text


def test_two_scopes_need_scope(tmp_path, cli):
    path = tmp_path / "two.sqlite"
    api.record_run(scored("week4"), path, "清江浦区")
    api.record_run(scored("week5"), path, "淮安区")
    before = path.read_bytes()
    out = tmp_path / "b.docx"
    code, stdout, err = cli("bulletin", "weekly", "--history", path, "--output", out)
    assert code == 2 and stdout == "" and len(err.strip().splitlines()) == 1 and "--scope" in err, err
    assert "清江浦区" in err and "淮安区" in err and not out.exists() and path.read_bytes() == before
    code, _, err = cli("bulletin", "weekly", "--history", path, "--scope", "淮安区", "--output", out)
    assert code == 0 and "2022-07-22" in err and out.is_file()


@pytest.mark.parametrize("content", [None, b"not a database", b"", "other-sqlite"])
def test_a_missing_or_foreign_history_is_one_line_exit_2_and_nothing_written(tmp_path, cli, content):
    path = tmp_path / "h.sqlite"
    if content == "other-sqlite":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.close()
    elif content is not None:
        path.write_bytes(content)
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    for kind in ("weekly", "monthly"):
        code, stdout, err = cli("bulletin", kind, "--history", path, "--output", tmp_path / "out.docx")
        assert code == 2 and stdout == "" and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1 and str(path) in err, err
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before


def test_sources_do_not_mix(history, reports, tmp_path, cli):
    out = tmp_path / "x.docx"
    code, _, err = cli("bulletin", "weekly", "--history", history, "--report", reports["week4"], "--output", out)
    assert code == 2 and "--history" in err
    code, _, err = cli("bulletin", "weekly", "--report", reports["week4"], "--scope", "all", "--output", out)
    assert code == 2 and "--scope" in err
    code, _, err = cli("bulletin", "weekly", "--history", history, "--output", history)
    assert code == 2 and not out.exists()


def test_the_history_in_this_folder_is_used_when_no_source_is_named(history, tmp_path, monkeypatch):
    # `score --record` writes creatio-history.sqlite here by default; the bulletin reads it by default too.
    monkeypatch.chdir(history.parent)
    named, default = tmp_path / "named.docx", tmp_path / "default.docx"
    assert run(app, ["bulletin", "weekly", "--history", str(history), "-o", str(named)]) == 0
    assert run(app, ["bulletin", "weekly", "-o", str(default)]) == 0
    assert _document(default) == _document(named)
    monkeypatch.chdir(tmp_path)  # no history here and no --report: nothing to report on
    assert run(app, ["bulletin", "weekly", "-o", str(tmp_path / "none.docx")]) == 2
    assert not (tmp_path / "none.docx").exists()
