"""Week over week (issue 13, part 4): ``summary_change`` (compliant, behind schedule, mean score, before →
after) and the 新增 / 已整改 / 仍未整改 list — one row per (community, indicator) with its state, key, title,
department and partner — in the xlsx and the md. The oracle is the sample generator's (samples/weekly:
changes.json, week1/week2.expected.json), the departments come from the standard's YAML and the partners
from the ledgers' cells (openpyxl), never from creatio."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WEEKLY = ROOT / "samples" / "weekly"


def _load(name: str) -> dict:
    return json.loads((WEEKLY / name).read_text(encoding="utf-8"))


def _key(r: dict) -> tuple[str, str, str]:
    return r["district"], r["street"], r["community"]


@pytest.fixture(scope="module")
def week1(tmp_path_factory) -> Path:
    from creatio_cli.cli import app
    from creatio_cli.cli.runner import run

    path = tmp_path_factory.mktemp("gaps") / "week1.json"
    assert run(app, ["score", str(WEEKLY / "week1"), "--output", str(path), "--jobs", "1"]) == 1
    return path


@pytest.fixture(scope="module")
def oracle() -> set[tuple[str, tuple[str, str, str], str]]:
    """(state, community key, indicator) of every pair the generator changed or left failing."""
    changes = _load("changes.json")["changes"]
    before = {_key(c): set(c["fails"]) for c in _load("week1.expected.json")["communities"]}
    after = {_key(c): set(c["fails"]) for c in _load("week2.expected.json")["communities"]}
    pairs = {("new", _key(c), i) for c in changes for i in c["new"]}
    pairs |= {("fixed", _key(c), i) for c in changes for i in c["fixed"]}
    pairs |= {("still_open", key, i) for key in after for i in after[key] & before.get(key, set())}
    return pairs


@pytest.fixture(scope="module")
def departments() -> dict[str, str]:
    doc = yaml.safe_load((ROOT / "standards" / "liugeyi-sidabiao.yaml").read_text(encoding="utf-8"))
    return {i["id"]: i["department"] for i in doc["indicators"]}


@pytest.fixture(scope="module")
def partners() -> dict[tuple[str, str, str], str]:
    """The 帮扶单位 cell of every week-2 community, read with openpyxl."""
    out = {}
    for path in sorted((WEEKLY / "week2").glob("*.xlsx")):
        rows = [list(r) for r in openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)]
        head = next(i for i, r in enumerate(rows) if "帮扶单位" in r)
        at = {h: rows[head].index(h) for h in ("区县", "街道", "社区", "帮扶单位")}
        for r in rows[head + 1:]:
            if r[at["社区"]]:
                out[(r[at["区县"]], r[at["街道"]], r[at["社区"]])] = r[at["帮扶单位"]]
    return out


def test_summary_change_before_and_after(cli, week1):
    code, out, _ = cli("score", WEEKLY / "week2", "--baseline", week1, "--format", "json", "--jobs", "1")
    assert code == 1
    w1, w2 = _load("week1.expected.json"), _load("week2.expected.json")

    def mean(expected: dict) -> float:
        return round(sum(100 - c["points_lost"] for c in expected["communities"]) / len(expected["communities"]), 4)

    assert json.loads(out)["summary_change"] == {
        "compliant": {"before": 300 - w1["summary"]["with_any_shortfall"], "after": 300 - w2["summary"]["with_any_shortfall"]},
        "behind_schedule": {"before": w1["summary"]["behind_schedule"], "after": w2["summary"]["behind_schedule"]},
        "mean_score": {"before": mean(w1), "after": mean(w2)},
    }
    assert (w1["summary"]["behind_schedule"], w2["summary"]["behind_schedule"]) == (11, 9)  # samples/README.md
    code, out, _ = cli("score", WEEKLY / "week2", "--format", "json", "--jobs", "1")
    assert "summary_change" not in json.loads(out)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_and_md_say_the_change_in_the_summary(cli, week1, monkeypatch, lang):
    monkeypatch.setenv("COLUMNS", "80")
    line = {"zh": r"慢序时社区（上期 → 本期）\s+11 → 9", "en": r"Behind schedule \(baseline → now\)\s+11 → 9"}[lang]
    _code, out, _ = cli("score", WEEKLY / "week2", "--baseline", week1, "--lang", lang, "--jobs", "1")
    assert re.search(line, out)
    assert re.search({"zh": r"达标社区（上期 → 本期）\s+199 → 215", "en": r"Compliant \(baseline → now\)\s+199 → 215"}[lang], out)
    _code, out, _ = cli("score", WEEKLY / "week2", "--baseline", week1, "--lang", lang, "--format", "md", "--jobs", "1")
    assert {"zh": "| 慢序时社区（上期 → 本期） | 11 → 9 |", "en": "| Behind schedule (baseline → now) | 11 → 9 |"}[lang] in out


def test_the_workbook_lists_new_fixed_and_still_open(cli, week1, tmp_path, oracle, departments, partners):
    path = tmp_path / "w2.xlsx"
    code, _, _ = cli("score", WEEKLY / "week2", "--baseline", week1, "--output", path, "--jobs", "1")
    assert code == 1
    rows = [list(r) for r in openpyxl.load_workbook(path)["新增、已整改、仍未整改"].iter_rows(values_only=True)]
    assert rows[0] == ["整改状态", "区县", "街道", "社区", "指标", "指标名称", "责任单位", "帮扶单位"]
    states = {"新增": "new", "已整改": "fixed", "仍未整改": "still_open"}
    found = [(states[r[0]], (r[1], r[2], r[3]), r[4]) for r in rows[1:]]
    assert len(found) == len(set(found)) and set(found) == oracle
    assert [s for s, _k, _i in found] == sorted((s for s, _k, _i in found), key=list(states.values()).index)
    assert sum(s == "new" for s, _k, _i in found) == 10 and sum(s == "fixed" for s, _k, _i in found) >= 30
    for r in rows[1:]:
        assert r[6] == departments[r[4]] and r[7] == partners[(r[1], r[2], r[3])] and r[5]
    summary = dict(openpyxl.load_workbook(path)["汇总"].iter_rows(values_only=True))
    assert summary["慢序时社区（上期 → 本期）"] == "11 → 9"
    assert [summary[k] for k in ("新增问题", "已整改问题", "仍未整改问题")] == [
        sum(s == state for s, _k, _i in found) for state in ("new", "fixed", "still_open")]


def test_the_md_has_the_same_lists(cli, week1, oracle):
    code, out, _ = cli("score", WEEKLY / "week2", "--baseline", week1, "--format", "md", "--lang", "en", "--jobs", "1")
    assert code == 1
    report = json.loads(cli("score", WEEKLY / "week2", "--format", "json", "--lang", "en", "--jobs", "1")[1])
    ids = {s["title"]: s["indicator"] for s in report["summary"]["by_indicator"]}
    found = set()
    for state, heading in (("new", "New problems"), ("fixed", "Fixed problems"), ("still_open", "Problems still open")):
        section = out[out.index(f"## {heading}\n"):].split("\n## ")[0]
        lines = [line for line in section.splitlines() if line.startswith("| ")]
        assert lines[0] == "| District | Street | Community | Title | Department | Partner unit |"
        for line in lines[1:]:
            district, street, name, title, _department, _partner = (c.strip() for c in line.strip("|").split(" | "))
            found.add((state, (district, street, name), ids[title]))
    assert found == oracle
