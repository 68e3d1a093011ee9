"""Cell readings that must not be generous: the scale of a percent column is decided by the clear majority of
its cells, not by one cell; a yes qualified by "not yet" is not met; "近900" and "1e1" are not numbers an office
reports. Each through ``normalize_column`` / ``parse_cell`` and, where cheap, a ledger through ``check``."""

from __future__ import annotations

import json

import numpy as np
import pytest

from creatio_cli.ledger.columns import SCALE_MAJORITY, normalize_column
from creatio_cli.ledger.normalize import parse_cell
from creatio_cli.status import CELL_INVALID as INVALID
from creatio_cli.status import CELL_OK as OK
from tests.ledgers import community, write_ledger

SAT = "群众满意度（%）"


def _statuses(cli, path, indicator: str) -> dict[str, tuple[str, str | None, str | None]]:
    """cell → (status, reason code, raw) of one indicator's findings in ``check --format json``."""
    code, out, _ = cli("check", path, "-f", "json", "--as-of", "2022-06-30", "--all-findings")
    assert code in (0, 1)
    return {f["cell"]: (f["status"], f.get("reason_code"), f.get("raw"))
            for c in json.loads(out)["communities"] for f in c["findings"] if f["indicator"] == indicator}


# ---- 1. the scale of a percent column ----------------------------------------------------------------------

FRACTIONS = [round(0.95 + (i % 5) / 200, 3) for i in range(64)]  # 0.95 … 0.97, as an Excel percent cell reads


@pytest.mark.parametrize("as_text", [False, True])
def test_one_per_cent_among_64_fractions_is_the_outlier_not_the_fractions(as_text) -> None:
    cells: list[object] = [*FRACTIONS[:10], 92.4, *FRACTIONS[10:]]
    if as_text:  # a CSV copy
        cells = [str(c) for c in cells]
    col = normalize_column(cells, "percent")
    assert col.reasons == {10: "cell.percent_not_fraction"}
    assert col.states[10] == INVALID and np.isnan(col.values[10])
    assert (col.states[np.arange(len(cells)) != 10] == OK).all()
    assert col.values[0] == 95.0


def test_one_fraction_among_per_cents_is_still_not_guessed() -> None:
    col = normalize_column([95, 88, 92, 90, 97, 0.9], "percent")
    assert col.reasons == {5: "cell.percent_ambiguous"}
    assert col.values[:5].tolist() == [95, 88, 92, 90, 97]


def test_95_88_1_flags_the_1() -> None:
    col = normalize_column([95, 88, 1], "percent")  # 2 of 3 per cents: no clear majority, the 1 is not guessed
    assert col.states.tolist() == [OK, OK, INVALID]
    assert col.reasons == {2: "cell.percent_scale_unclear"}


@pytest.mark.parametrize(("n_frac", "n_pct", "flagged"), [
    (4, 1, "cell.percent_not_fraction"),   # 80 %: a clear majority of fractions
    (1, 4, "cell.percent_ambiguous"),      # 80 %: a clear majority of per cents
    (3, 1, "cell.percent_scale_unclear"),  # 75 %: not clear
    (1, 3, "cell.percent_scale_unclear"),
    (5, 5, "cell.percent_scale_unclear"),
])
def test_the_clear_majority_is_80_per_cent(n_frac, n_pct, flagged) -> None:
    assert SCALE_MAJORITY == 0.8
    col = normalize_column([0.9] * n_frac + [90] * n_pct, "percent")
    reasons = set(col.reasons.values())
    assert reasons == {flagged}
    minority = list(range(n_frac)) if flagged != "cell.percent_not_fraction" else list(range(n_frac, n_frac + n_pct))
    assert sorted(col.reasons) == minority


def test_signs_zeros_and_blanks_do_not_vote() -> None:
    # 95% and 0 say nothing of the bare numbers' scale; 0.5% is explicit and never flagged.
    col = normalize_column(["95%", "88%", 0, 0, None, 0.9, 0.92, 0.95, 0.97, "0.5%"], "percent")
    assert col.reasons == {}
    assert col.values[5] == 90.0 and col.values[9] == 0.5


PER_CENTS = [95, 96, 88, 97, 92, 93, 94, 91, 95]


@pytest.mark.parametrize("text", ["0.9以上", "0.95-0.98", "1以上", "约0.9", "0.9左右"])
def test_a_fraction_written_as_a_bound_among_per_cents_is_not_guessed(text) -> None:
    col = normalize_column([*PER_CENTS, text], "percent")
    assert col.reasons == {9: "cell.percent_ambiguous"}
    assert col.states[9] == INVALID and np.isnan(col.values[9]) and col.warnings == []


@pytest.mark.parametrize(("text", "value"), [("0.9以上", 90.0), ("0.95-0.98", 95.0), ("约0.9", 90.0)])
def test_a_fraction_written_as_a_bound_among_fractions_is_read(text, value) -> None:
    col = normalize_column([*FRACTIONS[:10], text], "percent")
    assert col.states[10] == OK and col.values[10] == value


@pytest.mark.parametrize("text", ["1以上", "0.5-2", "1-2"])
def test_1_or_more_and_a_range_across_1_are_never_guessed(text) -> None:
    for others in (FRACTIONS[:10], PER_CENTS, []):
        col = normalize_column([*others, text], "percent")
        assert col.states[-1] == INVALID, (others, text)
    assert normalize_column([*FRACTIONS[:10], text], "percent").reasons == {10: "cell.percent_bound_unclear"}


def test_bounds_with_no_bare_number_to_vote_are_not_guessed() -> None:
    col = normalize_column(["0.9以上", "0.95-0.98", "95以上", "90%以上", "0.5%以上"], "percent")
    assert col.reasons == {0: "cell.percent_bound_unclear", 1: "cell.percent_bound_unclear", 2: "cell.lower_bound",
                           3: "cell.lower_bound", 4: "cell.lower_bound"}
    assert col.values[2:].tolist() == [95.0, 90.0, 0.5]


def test_a_fraction_written_as_a_bound_in_a_mixed_column_is_not_guessed() -> None:
    col = normalize_column([95, 88, 0.9, 0.8, "0.9以上", "95以上"], "percent")
    assert col.reasons == {2: "cell.percent_scale_unclear", 3: "cell.percent_scale_unclear",
                           4: "cell.percent_scale_unclear", 5: "cell.lower_bound"}


def test_bounds_among_per_cents_through_check(cli, tmp_path) -> None:
    values = [*PER_CENTS, 0.92, "0.9以上", "0.95-0.98", "1以上", "95以上"]
    rows = [community(社区=f"社区{i}", **{SAT: v}) for i, v in enumerate(values)]
    got = _statuses(cli, write_ledger(tmp_path / "l.xlsx", rows), "satisfaction.residents")
    assert {cell: (s, r) for cell, (s, r, _) in got.items() if int(cell[1:]) >= 12} == {
        "R12": ("invalid", "cell.percent_ambiguous"), "R13": ("invalid", "cell.percent_ambiguous"),
        "R14": ("invalid", "cell.percent_ambiguous"), "R15": ("invalid", "cell.percent_ambiguous"),
        "R16": ("met", None)}


def test_a_fractions_column_with_one_per_cent_through_check(cli, tmp_path) -> None:
    rows = [community(社区=f"社区{i}", **{SAT: v}) for i, v in enumerate(FRACTIONS)]
    rows[10][SAT] = 92.4
    got = _statuses(cli, write_ledger(tmp_path / "l.xlsx", rows), "satisfaction.residents")
    assert got["R13"] == ("invalid", "cell.percent_not_fraction", "92.4")
    others = [s for cell, (s, _, _) in got.items() if cell != "R13"]
    assert len(others) == 63 and set(others) == {"met"}


# ---- 2. a yes qualified by "not yet" --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["是（在建）", "有（筹建中）", "是，正在建设中", "已建（待建）", "是 (拟建)",
                                  "是（在建，预计年底完工）", "有【规划中】"])
def test_a_yes_whose_note_says_not_yet_is_a_no(text) -> None:
    assert parse_cell(text, "yesno") == parse_cell("在建", "yesno")
    assert parse_cell(text, "yesno").value == 0.0


@pytest.mark.parametrize("text", ["有，但未挂牌", "是（未挂牌）", "是（暂无牌子）", "有（部分在建）", "是（规划）",
                                  "是，尚在装修", "有，但面积不够", "是（计划年底建成）", "是，不达标", "有（没有专人）"])
def test_a_yes_whose_note_holds_back_is_asked_not_met(text) -> None:
    got = parse_cell(text, "yesno")
    assert (got.state, got.reason) == (INVALID, "cell.yes_qualified")


@pytest.mark.parametrize("text", ["有（200㎡）", "是，已挂牌", "有（已挂牌，面积200㎡）", "有（未成年人之家）", "有（2000㎡）",
                                  "有（无障碍通道）", "是（面积将近200㎡）"])
def test_a_yes_with_a_plain_note_is_still_yes(text) -> None:
    assert parse_cell(text, "yesno").value == 1.0


# A yes whose note says it is gone, not there yet or dates it: the cell does not know the ledger's as-of date, so
# 是（2021年建成） is asked too (it was read as met; 是（2023年建成） as of 2022-06-30 was a confident wrong met).
@pytest.mark.parametrize("text", ["是（已拆除）", "是（停用）", "有（已关闭）", "是（已撤销）", "是（取消）", "是（原有，现无）",
                                  "是（被占用）", "是（无）", "有（缺）", "是（待验收）", "是（整改中）", "是（2023年建成）",
                                  "是（2021年建成）", "是（2023.6挂牌）", "是（6月挂牌）", "是（下半年建）", "有，年底建成",
                                  "是（预计投用）", "是，将挂牌"])
def test_a_yes_whose_note_says_gone_or_later_is_asked_not_met(text) -> None:
    got = parse_cell(text, "yesno")
    assert (got.state, got.reason) == (INVALID, "cell.yes_qualified")


@pytest.mark.parametrize("text", ["否（已建）", "否（已挂牌）", "无（已设）", "否（有活动室）", "否，已建成", "否（2023年建成）"])
def test_a_no_whose_note_says_yes_is_asked_not_a_shortfall(text) -> None:
    got = parse_cell(text, "yesno")
    assert (got.state, got.reason) == (INVALID, "cell.no_contradicted")


@pytest.mark.parametrize("text", ["否（没有）", "否（未建成）", "无（尚未挂牌）", "否（原有，已拆除）", "否（计划年底建成）",
                                  "否（在建）", "否，暂无场地"])
def test_a_no_whose_note_agrees_is_still_no(text) -> None:
    assert parse_cell(text, "yesno") == parse_cell("否", "yesno")


def test_gone_later_and_contradicted_through_check(cli, tmp_path) -> None:
    rows = [community(社区=f"社区{i}", 家长学校=v)
            for i, v in enumerate(["是（已拆除）", "是（2023年建成）", "是（下半年建）", "否（已建）", "是（在建，预计年底完工）",
                                   "有（未成年人之家）", "否（原有，已拆除）"])]
    got = _statuses(cli, write_ledger(tmp_path / "l.xlsx", rows), "six.parent_school")
    assert {cell: (s, r) for cell, (s, r, _) in got.items()} == {
        "L3": ("invalid", "cell.yes_qualified"), "L4": ("invalid", "cell.yes_qualified"),
        "L5": ("invalid", "cell.yes_qualified"), "L6": ("invalid", "cell.no_contradicted"),
        "L7": ("shortfall", None), "L8": ("met", None), "L9": ("shortfall", None)}


@pytest.mark.parametrize("text", ["拟建", "拟建中", "待建", "待建中", "筹建中", "在建中", "正在建设", "规划中"])
def test_every_not_yet_word_alone_is_a_no(text) -> None:
    assert parse_cell(text, "yesno").value == 0.0


def test_qualified_yes_through_check(cli, tmp_path) -> None:
    rows = [community(社区=f"社区{i}", 家长学校=v)
            for i, v in enumerate(["是（在建）", "有，但未挂牌", "在建", "拟建", "待建", "有（已挂牌）"])]
    got = _statuses(cli, write_ledger(tmp_path / "l.xlsx", rows), "six.parent_school")
    assert {cell: (s, r) for cell, (s, r, _) in got.items()} == {
        "L3": ("shortfall", None), "L4": ("invalid", "cell.yes_qualified"), "L5": ("shortfall", None),
        "L6": ("shortfall", None), "L7": ("shortfall", None), "L8": ("met", None)}


# ---- 3. numbers that are not the number ------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["近900", "近 900", "将近900户", "接近900", "不足900", "不到900", "少于900", "900以下",
                                  "900户以下", "900以内"])
def test_nearly_or_under_a_number_is_not_that_number(text) -> None:
    got = parse_cell(text, "count")
    assert (got.state, got.reason) == (INVALID, "cell.below_bound")


def test_nearly_a_per_cent_is_not_it_either() -> None:
    assert parse_cell("近95%", "percent").reason == "cell.below_bound"


@pytest.mark.parametrize(("text", "value"), [("约900", 900.0), ("大约900户", 900.0), ("900余", 900.0),
                                             ("900左右", 900.0), ("达900", 900.0)])
def test_about_a_number_is_still_read_as_it(text, value) -> None:
    assert parse_cell(text, "count").value == value


@pytest.mark.parametrize(("text", "kind"), [("1e1", "count"), ("1E1", "count"), ("1.2e3", "number"),
                                            ("1.2e3㎡", "number"), ("9.5e-1", "percent"), ("100-1e3", "count")])
def test_scientific_notation_typed_as_text_is_invalid(text, kind) -> None:
    got = parse_cell(text, kind)
    assert (got.state, got.reason) == (INVALID, "cell.scientific_text")


def test_floats_excel_stores_as_numbers_are_unaffected() -> None:
    assert parse_cell(10.0, "count").value == 10.0
    assert parse_cell(1e-05, "number").value == 1e-05
    assert parse_cell(1.5e20, "number").value == 1.5e20
    col = normalize_column([10.0, 1e3, "1e1", 12], "count")
    assert col.values[[0, 1, 3]].tolist() == [10.0, 1000.0, 12.0]
    assert col.reasons == {2: "cell.scientific_text"}


def test_nearly_and_scientific_counts_through_check(cli, tmp_path) -> None:
    values = ["近900", "不足900", "1e1", "约900", 1000.0] + [1000] * 15  # mostly numbers: the column is not vetoed
    rows = [community(社区=f"社区{i}", 户数=v) for i, v in enumerate(values)]
    got = _statuses(cli, write_ledger(tmp_path / "l.xlsx", rows), "area.per_100_households")
    assert {cell: (s, r) for cell, (s, r, _) in got.items() if cell in ("D3", "D4", "D5", "F6", "F7")} == {
        "D3": ("invalid", "cell.below_bound"), "D4": ("invalid", "cell.below_bound"),
        "D5": ("invalid", "cell.scientific_text"), "F6": ("met", None), "F7": ("met", None)}  # met cites the area


# --- a lower bound decides only the verdicts it can decide ------------------------------------------------


def test_a_lower_bound_gives_only_the_verdicts_its_true_value_cannot_overturn(cli, tmp_path):
    """活动开展次数 is prorated to 序时进度 (6 of 12 at 2022-06-30); the area rule needs 30 ㎡ per 100 households.
    10余 (10 to 19) against 6: met whatever the true count. 5余 (more than 5) against 6: may be met, so not a
    shortfall but invalid, citing the cell; 3-4 (a range) against 6: a shortfall at both ends. 2000多 households with 400 ㎡: at least 600 ㎡ needed: a shortfall for sure.
    1000多 households with 400 ㎡: 300 to 600 needed: invalid. 300以上 ㎡ for 1000 households: met."""
    from ledgers import community, write_ledger

    area = "社区综合服务设施面积（㎡）"
    rows = [community(社区="甲社区", 活动开展次数="10余次"), community(社区="乙社区", 活动开展次数="5余次"),
            community(社区="己社区", 活动开展次数="3-4次"),
            community(社区="丙社区", 户数="2000多", **{area: 400}),
            community(社区="丁社区", 户数="1000多", **{area: 400}),
            community(社区="戊社区", 户数=1000, **{area: "300以上"})]
    path = write_ledger(tmp_path / "bounds.xlsx", rows)
    _code, out, _err = cli("check", path, "--format", "json", "--all-findings")
    found = {(c["community"], f["indicator"]): f for c in json.loads(out)["communities"] for f in c["findings"]}
    assert found["甲社区", "activities.per_year"]["status"] == "met"
    assert found["乙社区", "activities.per_year"]["status"] == "invalid"
    assert found["乙社区", "activities.per_year"]["reason"].startswith("只写了下限")
    assert found["己社区", "activities.per_year"]["status"] == "shortfall"
    assert found["丙社区", "area.per_100_households"]["status"] == "shortfall"
    assert found["丁社区", "area.per_100_households"]["status"] == "invalid"
    assert found["丁社区", "area.per_100_households"]["cell"].startswith("D")  # the households cell
    assert found["戊社区", "area.per_100_households"]["status"] == "met"


def test_the_terminal_table_says_why_each_invalid_cell_cannot_be_used(cli, tmp_path, monkeypatch):
    """The office fixing a cell needs the reason (in JSON as ``reason``); the table prints it under itself,
    with the cell, in the user's language, and nothing for a plain shortfall."""
    monkeypatch.setenv("COLUMNS", "80")
    path = write_ledger(tmp_path / "why.xlsx", [community(社区="乙社区", 活动开展次数="5余次", 道德讲堂="否")])
    for lang, says in (("zh", "只写了下限"), ("en", "only a lower bound is written")):
        _code, out, _err = cli("check", path, "--lang", lang)
        lines = [line.strip() for line in out.splitlines()]
        reasons = [line for line in lines if says in line]
        assert len(reasons) == 1 and reasons[0].startswith("O3"), out
        assert not any(line.startswith("K3") for line in lines)  # 道德讲堂 否: a shortfall needs no reason


def test_bounded_cells_are_judged_at_every_corner_and_in_a_share(cli, tmp_path):
    """2000多 households with 800多 ㎡: 600 ㎡ needed at the least, up to 900 — 800 could be short, so not met
    (low area against high households is the hard corner, which low-low and high-high both miss). A
    population of 10000以上 under 1100 volunteers: 11 % at the least population, under 10 % above 11000 —
    not met either. 2000多 households with 1000 ㎡ is met at every corner."""
    area = "社区综合服务设施面积（㎡）"
    rows = [community(社区="甲社区", 户数="2000多", **{area: "800多"}),
            community(社区="乙社区", 常住人口="10000以上", 注册志愿者人数=1100),
            community(社区="丙社区", 户数="2000多", **{area: 1000})]
    path = write_ledger(tmp_path / "corners.xlsx", rows)
    _code, out, _err = cli("check", path, "--format", "json", "--all-findings")
    found = {(c["community"], f["indicator"]): f["status"] for c in json.loads(out)["communities"] for f in c["findings"]}
    assert found["甲社区", "area.per_100_households"] == "invalid"
    assert found["乙社区", "volunteers.share"] == "invalid"
    assert found["丙社区", "area.per_100_households"] == "met"


@pytest.mark.parametrize(("text", "reason"), [
    ("≥10", "cell.lower_bound"), (">10", "cell.lower_bound"), ("不少于10次", "cell.lower_bound"),
    ("至少10", "cell.lower_bound"), ("≤10", "cell.below_bound"), ("<10", "cell.below_bound"),
    ("不超过10", "cell.below_bound"),
])
def test_comparison_signs_and_words_are_bounds_not_numbers(text, reason):
    """≥10 / 不少于10 say "10 or more" like 10以上 (read as a lower bound); ≤10 / 不超过10 say "at most",
    under the number like 不足10 (invalid). Neither is "not a number" any more, nor the number itself."""
    got = parse_cell(text, "count")
    assert got.reason == reason
    assert (got.state == OK) == (reason == "cell.lower_bound")


# --- a count that includes what is only planned -----------------------------------------------------------


@pytest.mark.parametrize("text", ["12次（含计划）", "12次(含预计2次)", "12次（含拟开展的3次）", "12次（包括计划）",
                                  "12次（计划中）", "12次，含计划3次", "300（含在建50）"])
def test_a_figure_that_includes_planned_items_is_not_that_figure(text) -> None:
    """12次（含计划）: some of the 12 are only planned, so fewer were held and how many fewer is not written —
    never read as 12 met (QA probe10 M2)."""
    got = parse_cell(text, "count" if "次" in text else "number")
    assert (got.state, got.reason) == (INVALID, "cell.includes_planned")


@pytest.mark.parametrize(("text", "value"), [("12次（已完成）", 12.0), ("12次（不含计划）", 12.0),
                                             ("290（另有在建50）", 290.0), ("320（其中活动用房210）", 320.0)])
def test_a_note_that_does_not_include_plans_keeps_the_figure(text, value) -> None:
    got = parse_cell(text, "number")
    assert (got.state, got.value) == (OK, value)
