"""Helpers for the history tests: the sample weeks scored once, a history file's rows read with plain sqlite3,
small folders of ledgers, and the designed verdicts (samples/weekly/week*.expected.json, the generator's
oracle — never creatio's output)."""

from __future__ import annotations

import json
import sqlite3
from functools import cache
from pathlib import Path

from ledgers import community, write_ledger

ROOT = Path(__file__).resolve().parents[1]
WEEKLY = ROOT / "samples" / "weekly"
TABLES = ("runs", "communities", "statuses", "files", "indicators")


@cache
def scored(week: str):  # type: ignore[no-untyped-def]
    """``api.score_folder`` of samples/weekly/<week> (scored once per test session)."""
    from creatio_cli import api

    return api.score_folder(WEEKLY / week, api.Options(jobs=1))


@cache
def expected(week: str) -> dict:
    return json.loads((WEEKLY / f"{week}.expected.json").read_text(encoding="utf-8"))


def designed(week: str) -> dict[tuple[str, str, str], dict]:
    """(district, street, community) → the generator's entry (fails, points_lost, behind_schedule)."""
    return {(c["district"], c["street"], c["community"]): c for c in expected(week)["communities"]}


def dump(path: Path, run: int | None = None) -> dict[str, list[tuple]]:
    """Every row of the run tables (of one run, or all), sorted; read with plain sqlite3."""
    db = sqlite3.connect(path)
    try:
        out = {}
        for table in TABLES:
            column = "id" if table == "runs" else "run"
            where, params = (f"WHERE {column} = ?", (run,)) if run is not None else ("", ())
            out[table] = sorted(db.execute(f"SELECT * FROM {table} {where}", params).fetchall(), key=repr)
        return out
    finally:
        db.close()


def workbook_partners(week: str) -> dict[tuple[str, str, str], str]:
    """(district, street, community) → the 帮扶单位 cell of the week's ledgers, read with openpyxl."""
    import openpyxl

    found = {}
    for path in sorted((WEEKLY / week).glob("*.xlsx")):
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        head = next(i for i, row in enumerate(rows) if "社区" in row)
        at = {name: rows[head].index(name) for name in ("区县", "街道", "社区", "帮扶单位")}
        for row in rows[head + 1:]:
            if row[at["社区"]]:
                found[(row[at["区县"]], row[at["街道"]], row[at["社区"]])] = row[at["帮扶单位"]] or ""
    return found


def runs(path: Path) -> list[tuple]:
    """(id, standard, as_of, scope) of every run."""
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT id, standard, as_of, scope FROM runs ORDER BY id").fetchall()
    finally:
        db.close()


def small_folder(folder: Path, names: tuple[str, ...] = ("南关社区", "北关社区"), **changes: object) -> Path:
    """A folder with one small ledger (as of 2022-06-30); the first community lacks a 道德讲堂."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [community(社区=name, **({"道德讲堂": "否"} if i == 0 else {}), **changes) for i, name in enumerate(names)]
    write_ledger(folder / "古城街道.xlsx", rows)
    return folder


def history_report(view: str = "community"):  # type: ignore[no-untyped-def]
    """A small HistoryReport built by hand (two runs of one series, every view), for the renderer tests."""
    from datetime import date

    from creatio_cli.trends import (
        CommunityRow,
        GroupRow,
        HistoryReport,
        IndicatorRow,
        RunRow,
        Text2,
        community_changes,
        group_changes,
        indicator_changes,
    )

    title = Text2("六个一四达标", "Six facilities, four standards")
    d1, d2 = date(2022, 6, 24), date(2022, 7, 1)
    p1, p2 = 175 / 365, 182 / 365
    runs = (RunRow(1, "liugeyi-sidabiao", "2022.1", title, "all", d1, p1, 2, 70.0, 0.7, 1, 0, 1, 0,
                   "2022-06-24T08:00:00Z", "week1"),
            RunRow(2, "liugeyi-sidabiao", "2022.1", title, "all", d2, p2, 2, 85.0, 0.85, 0, 1, 1, 0,
                   "2022-07-01T08:00:00Z", "week2"))
    group = lambda run, day, p, district, street, partner, score, behind, ok: GroupRow(  # noqa: E731
        run, day, district, street, partner, 2, score, score / 100, p, behind, ok)
    districts = group_changes([group(1, d1, p1, "宿城区", None, None, 70.0, 1, 0),
                               group(2, d2, p2, "宿城区", None, None, 85.0, 0, 1)])
    streets = group_changes([group(1, d1, p1, "宿城区", "古城街道", None, 70.0, 1, 0),
                             group(2, d2, p2, "宿城区", "古城街道", None, 85.0, 0, 1)])
    partners = group_changes([group(1, d1, p1, None, None, "=市民政局", 70.0, 1, 0),
                              group(2, d2, p2, None, None, "=市民政局", 85.0, 0, 1)])
    moral = Text2("一个道德讲堂", "A moral lecture hall")
    indicators = indicator_changes([IndicatorRow(1, d1, "six.moral_lecture_hall", moral, 1, 2, 1, 0),
                                    IndicatorRow(2, d2, "six.moral_lecture_hall", moral, 2, 2, 0, 0)])
    grade = Text2("合格", "Pass")
    communities = community_changes([
        CommunityRow(1, d1, "宿城区", "古城街道", "=HYPERLINK(\"x\")", "=市民政局", 40.0, 100.0, 0.4, p1, True, False,
                     grade, ("six.moral_lecture_hall",)),
        CommunityRow(2, d2, "宿城区", "古城街道", "=HYPERLINK(\"x\")", "=市民政局", 70.0, 100.0, 0.7, p2, False, False,
                     grade, ()),
        CommunityRow(1, d1, "宿城区", "古城街道", "幸福社区", "", 100.0, 100.0, 1.0, p1, False, True, grade, ()),
        CommunityRow(2, d2, "宿城区", "古城街道", "幸福社区", "", 100.0, 100.0, 1.0, p2, False, True, grade, ())])
    return HistoryReport("h.sqlite", view, runs, "liugeyi-sidabiao", "all", (), districts, streets, partners,
                         indicators, communities, {"six.moral_lecture_hall": moral})
