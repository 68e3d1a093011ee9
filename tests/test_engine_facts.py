"""engine.check on small hand-built ledgers: identities, waivers, all findings, cell references, rounding.

The engine builds findings and communities column-wise (numpy), so these pin the per-row facts a person
acts on: which cell, which raw text, which numbers, and which community was checked.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from ledgers import HEADERS, community, write_ledger

from creatio_cli.engine import check
from creatio_cli.ledger.load import load_ledger
from creatio_cli.schedule import campaign_for
from creatio_cli.scoring import grades_for, round_half_even
from creatio_cli.standards import load_standard

AS_OF = date(2022, 6, 30)
AREA = "社区综合服务设施面积（㎡）"


def run(path, standard, **options):
    return check(load_ledger(path, standard), standard, AS_OF, campaign_for(AS_OF), **options)


def by_name(result):
    return {c.community: c for c in result.communities}


def test_shortfall_finding_carries_cell_raw_and_numbers(tmp_path, standard):
    path = write_ledger(tmp_path / "a.xlsx", [community(), community(社区="南关社区", **{AREA: "250㎡"})])
    result = run(path, standard)
    (finding,) = by_name(result)["南关社区"].findings
    assert (finding.indicator, finding.status, finding.cell, finding.raw) == (
        "area.per_100_households", "shortfall", "F4", "250㎡")
    assert (finding.actual, finding.required, finding.gap, finding.unit) == (250.0, 300.0, 50.0, "㎡")
    assert (finding.points, finding.points_lost, finding.department) == (10.0, 10.0, "民政局")
    assert finding.deadline == date(2022, 6, 30) and finding.overdue is False  # due that very day
    nanguan = by_name(result)["南关社区"]
    assert (nanguan.score, nanguan.max_score, nanguan.completion, nanguan.grade.get("zh")) == (90.0, 100.0, 0.9, "优秀")
    assert nanguan.source.row == 4 and not nanguan.compliant
    assert (result.summary.communities, result.summary.compliant, result.summary.with_shortfalls) == (2, 1, 1)


def test_derived_share_cites_the_count_cell(tmp_path, standard):
    # 200 volunteers of 2,800 residents = 7.142857 % < 10 %: the share is derived, so cite 注册志愿者人数 (Q).
    path = write_ledger(tmp_path / "a.xlsx", [community(注册志愿者人数=200)])
    (finding,) = run(path, standard).communities[0].findings
    assert (finding.indicator, finding.cell, finding.raw) == ("volunteers.share", "Q3", "200")
    assert (finding.actual, finding.required, finding.gap) == (7.1429, 10.0, 2.8571)


def test_missing_and_invalid_cells(tmp_path, standard):
    path = write_ledger(tmp_path / "a.xlsx", [community(**{"群众满意度（%）": None, "道德讲堂": "二百"})])
    findings = {f.indicator: f for f in run(path, standard).communities[0].findings}
    assert findings["satisfaction.residents"].status == "missing"
    assert (findings["satisfaction.residents"].actual, findings["satisfaction.residents"].cell) == (None, "R3")
    hall = findings["six.moral_lecture_hall"]
    assert (hall.status, hall.actual, hall.required, hall.raw, hall.unit) == ("invalid", None, True, "二百", None)


def test_duplicate_community_checked_once_with_a_warning(tmp_path, standard):
    rows = [community(), community(社区=" 幸福社区 ", 户数=5000), community(社区="运河社区")]
    path = write_ledger(tmp_path / "a.xlsx", rows)
    result = run(path, standard)
    assert [c.community for c in result.communities] == ["幸福社区", "运河社区"]
    assert result.communities[0].compliant  # the first row (1000 households) is the one checked
    (warning,) = [w for w in result.warnings if w.code == "row.duplicate_community"]
    assert warning.message.render("zh") == f"社区重复：宿城区/古城街道/幸福社区（[台账] 第4行），只检查一次，取自 {path} [台账] 第3行"
    assert warning.message.render("en") == (f"duplicate community 宿城区/古城街道/幸福社区 ([台账] row 4); checked once, "
                                            f"from {path} [台账] row 3")
    assert (warning.file, warning.sheet, warning.cell) == (str(path), "台账", "C4")


def test_waiver_excuses_one_community_on_its_street_only(tmp_path):
    std_path = tmp_path / "waived.yaml"
    std_path.write_text(
        "id: test-waived\nextends: liugeyi-sidabiao\ntitle: {zh: 测试, en: Test}\nversion: t\n"
        "waivers:\n  - {community: 幸福社区, street: 古城街道, indicators: [area.per_100_households], reason: 一居一策}\n",
        encoding="utf-8")
    std = load_standard(std_path)
    rows = [community(**{AREA: 250}), community(街道="运河街道", **{AREA: 250})]
    result = run(write_ledger(tmp_path / "a.xlsx", rows), std, all_findings=True)
    waived, other = result.communities
    area = {c.street: next(f for f in c.findings if f.indicator == "area.per_100_households") for c in (waived, other)}
    assert (area["古城街道"].status, area["古城街道"].points_lost) == ("waived", 0.0)
    assert (waived.score, waived.max_score, waived.indicators_total, waived.compliant) == (90.0, 90.0, 12, True)
    assert (area["运河街道"].status, other.score, other.max_score) == ("shortfall", 90.0, 100.0)
    assert result.summary.by_indicator[0].waived == 1 and result.summary.by_indicator[0].shortfall == 1


def test_all_findings_lists_every_indicator(tmp_path, standard):
    result = run(write_ledger(tmp_path / "a.xlsx", [community()]), standard, all_findings=True)
    (only,) = result.communities
    assert len(only.findings) == 13 and {f.status for f in only.findings} == {"met"}
    assert (only.indicators_met, only.indicators_total, only.compliant) == (13, 13, True)
    rooms = next(f for f in only.findings if f.indicator == "rooms.function_rooms")
    assert (rooms.actual, rooms.required, rooms.gap, rooms.cell, rooms.points_lost) == (7.0, 6.0, None, "H3", 0.0)


def test_cells_follow_each_sheet_layout(tmp_path, standard):
    # Two ledger sheets whose area and households columns are swapped: each finding cites its own sheet's letter.
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    for sheet, headers, name in (("一片", HEADERS, "甲社区"), ("二片", _swapped(HEADERS), "乙社区")):
        ws = book.create_sheet(sheet)
        ws.append(headers)
        row = community(社区=name, **{AREA: 250})
        ws.append([row[h] for h in headers])
    del book["Sheet"]
    book.save(path)
    result = run(path, standard)
    cells = {c.community: (c.source.sheet, c.findings[0].cell) for c in result.communities}
    assert cells == {"甲社区": ("一片", "F2"), "乙社区": ("二片", "D2")}


def _swapped(headers: list[str]) -> list[str]:
    out = list(headers)
    d, f = out.index("户数"), out.index(AREA)
    out[d], out[f] = out[f], out[d]
    return out


@pytest.mark.parametrize(("value", "digits", "expected"), [
    (2.675, 2, 2.67),  # 2.675 is 2.67499999… in binary: Python's round, not rint(x·100)/100
    (0.125, 2, 0.12),  # an exact tie rounds to even
    (0.375, 2, 0.38),
    (-0.00004, 4, 0.0),  # and never -0.0
    (7.142857142857143, 4, 7.1429),
    (1e300, 4, 1e300),
])
def test_round_half_even_matches_python_round(value, digits, expected):
    (out,) = round_half_even([value], digits).tolist()
    assert repr(out) == repr(expected)


def test_grades_for_uses_the_band_reached(standard):
    # liugeyi-sidabiao: 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, else 不合格; 0.8999999999 rounds to 90.0 %.
    assert [g.get("zh") for g in grades_for(standard, [1.0, 0.9, 0.8999999999, 0.75, 0.6, 0.59])] == [
        "优秀", "优秀", "优秀", "良好", "合格", "不合格"]
