"""The community column found by its cells when no header names it (ledger/community_values.py): used
only when exactly one unmapped column holds community names, and always said so."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ledgers import HEADERS, community, write_ledger

from creatio_cli.ledger.community_values import community_column

NAMES = ["东风社区", "南湖社区", "北山村", "西关居委会", "杨庄村民委员会"]


def _ledger(tmp_path, header: str, names: list[object], *, extra: tuple[str, list[object]] | None = None):
    headers = [h if h != "社区" else header for h in HEADERS]
    if extra:
        headers.insert(3, extra[0])
    rows = []
    for i, name in enumerate(names):
        row = {**community(), header: name}
        if extra:
            row[extra[0]] = extra[1][i]
        rows.append(row)
    return write_ledger(tmp_path / "values.xlsx", rows, headers=headers)


def test_an_unknown_community_header_is_read_by_its_names_and_said(cli, tmp_path):
    path = _ledger(tmp_path, "上报单位", NAMES)
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    assert code == 0, err
    report = json.loads(out)
    assert [c["community"] for c in report["communities"]] == NAMES
    warning = next(w for w in report["warnings"] if w["code"] == "header.community_by_values")
    assert warning["cell"].startswith("C") and "上报单位" in warning["message"]
    assert "5 个取值中 5 个" in warning["message"] and "--map" in warning["message"]


def test_inspect_says_why_and_the_mapping_file_keeps_the_column(cli, tmp_path):
    path = _ledger(tmp_path, "上报单位", NAMES)
    code, out, _err = cli("inspect", path, "--json")
    assert code == 0
    column = next(c for c in json.loads(out)["sheets"][0]["columns"] if c["field"] == "community")
    assert column["cell"] == "C" and "社区名称" in column["why"]
    target = tmp_path / "office.yaml"
    cli("inspect", path, "--write-mapping", target)
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["columns"]["上报单位"] == "community"
    # Read back, the office's own mapping: the key column is theirs now, not a values inference.
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30", "--mapping", target)
    assert code == 0, err
    assert "header.community_by_values" not in {w["code"] for w in json.loads(out)["warnings"]}


def test_two_columns_of_names_are_a_guess_and_the_ledger_is_refused(cli, tmp_path):
    path = _ledger(tmp_path, "上报单位", NAMES, extra=("联系单位", ["甲社区", "乙社区", "丙村", "丁社区", "戊村"]))
    code, _out, err = cli("check", path, "--as-of", "2022-06-30")
    assert code == 2
    assert "社区" in err and "Traceback" not in err


def test_a_header_that_names_the_community_wins_over_values(cli, tmp_path):
    """社区 is the key even when another column (上报单位) also holds names; no values warning."""
    headers = [*HEADERS[:3], "上报单位", *HEADERS[3:]]
    rows = [community(社区=name, 上报单位="北山村") for name in NAMES]
    path = write_ledger(tmp_path / "both.xlsx", rows, headers=headers)
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    assert code == 0, err
    report = json.loads(out)
    assert [c["community"] for c in report["communities"]] == NAMES
    assert "header.community_by_values" not in {w["code"] for w in report["warnings"]}


@pytest.mark.parametrize(("header", "names"), [
    ("小区名称", ["曹杨新村", "阳光花园", "田林新村", "康健新村", "长风新村"]),  # compounds named 新村
    ("上报单位", ["清河街道", "古城街道", "河西街道", "城北街道", "新区街道"]),  # streets, not communities
    ("上报单位", ["东风社区", "南湖社区", "市民政局", "区文明办", "街道办"]),  # 2 of 5 names: too few
])
def test_columns_that_are_not_communities_are_not_chosen(cli, tmp_path, header, names):
    path = _ledger(tmp_path, header, names)
    code, _out, err = cli("check", path, "--as-of", "2022-06-30")
    assert code == 2, err


@pytest.mark.parametrize(("cells", "chosen"), [
    (["东风社区", "南湖社区", "北山村", "西关居委会", "备用"], True),  # 4 of 5 (80 %)
    (["东风社区", "南湖社区", "北山村", "备用", "待定"], False),  # 3 of 5
    (["东风社区", "南湖社区"], False),  # too few to say
    (["东风社区", "南湖社区", "北山村", "合计", None], True),  # a total row and a blank do not count
    (["社区", "村", "居委会", "社区"], False),  # the word alone is no name
])
def test_the_share_of_names_decides(cells, chosen):
    rows = [["单位", "户数"], *[[c, 100] for c in cells]]
    found = community_column(rows, 1, [(0, "单位")])
    assert (found is not None) == chosen
    if chosen:
        assert found.column == 0 and found.total == len([c for c in cells if c and c != "合计"])


def test_a_missing_district_column_is_not_said_to_leave_indicators_unassessed(cli, tmp_path):
    """district has no indicators: its warning says what its absence does (rankings go without it)."""
    path = write_ledger(tmp_path / "nodistrict.xlsx", [community()], headers=HEADERS[1:])
    code, out, _err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    warnings = {w["code"]: w for w in json.loads(out)["warnings"]}
    assert code == 0
    assert "header.key_not_found" in warnings and "未评估" not in warnings["header.key_not_found"]["message"]
    assert not any(w["code"].startswith("header.field_not_found") for w in warnings.values())


def test_inspect_fits_a_narrow_terminal_and_keeps_one_line_rows_in_a_pipe(cli, tmp_path, monkeypatch):
    """At 80 columns each field takes two lines (why under it); piped, without COLUMNS, one line per field."""
    import unicodedata

    def width(line: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)

    # 社区综合服务设施 holding areas: its veto reasons make a long "columns used for no field" line
    headers = [h if h != "综合服务场所" else "社区综合服务设施" for h in HEADERS if h != "社区"]
    headers.insert(2, "上报单位")
    rows = [{**community(), "上报单位": name, "社区综合服务设施": 400 + i} for i, name in enumerate(NAMES)]
    path = write_ledger(tmp_path / "narrow.xlsx", rows, headers=headers)
    monkeypatch.setenv("COLUMNS", "80")
    _code, narrow, _err = cli("inspect", path)
    fields = narrow[narrow.index("表头：第"):narrow.index("数据行")].splitlines()[1:]
    assert all(width(line) <= 80 for line in fields), [line for line in fields if width(line) > 80]
    unused = narrow[narrow.index("未对应字段的列"):narrow.index("数据行")].splitlines()
    assert all(width(line) <= 80 for line in unused), [line for line in unused if width(line) > 80]
    at = next(i for i, line in enumerate(fields) if line.strip().startswith("community"))
    assert "5 个取值中 5 个是社区名称" in fields[at + 1] and fields[at + 1].startswith("        ")
    monkeypatch.delenv("COLUMNS")
    _code, piped, _err = cli("inspect", path)
    line = next(line for line in piped.splitlines() if line.strip().startswith("community"))
    assert "5 个取值中 5 个是社区名称" in line

_CELL = st.one_of(st.sampled_from(["东风社区", "北山村", "西关居委会", "阳光花园", "市民政局", "合计"]),
                  st.integers(0, 5000), st.none())


@settings(max_examples=60, deadline=None)
@given(columns=st.lists(st.lists(_CELL, min_size=6, max_size=6), min_size=1, max_size=4), data=st.data())
def test_the_choice_follows_the_column_not_the_order_of_rows_or_columns(columns, data):
    """Shuffling the data rows changes nothing; moving the columns moves the chosen one with them."""
    rows = [[col[r] for col in columns] for r in range(6)]
    headers = [(i, f"列{i}") for i in range(len(columns))]
    found = community_column([["h"] * len(columns), *rows], 1, headers)
    shuffled = data.draw(st.permutations(rows))
    again = community_column([["h"] * len(columns), *shuffled], 1, headers)
    assert (found is None) == (again is None) and (found is None or found.column == again.column)
    order = data.draw(st.permutations(range(len(columns))))
    moved = [[row[i] for i in order] for row in rows]
    third = community_column([["h"] * len(columns), *moved], 1, headers)
    assert (found is None) == (third is None) and (found is None or order[third.column] == found.column)
