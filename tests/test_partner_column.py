"""The partner unit (帮扶单位, the standard's ``partner`` field) of each community is carried into the results when
the ledger has such a column — never assessed, blank otherwise — by the one reader (the ledger's context
fields, as for rankings.partners); the history stores ``CommunityResult.partner``. Expected values are the cells
the tests write."""

from __future__ import annotations

import json

import openpyxl
from ledgers import HEADERS, community, write_ledger

from creatio_cli import api


def _partners(path):
    return {c.community: c.partner for c in api.check_file(path).result.communities}


def test_the_partner_column_is_read_as_written(tmp_path):
    ledger = write_ledger(tmp_path / "l.xlsx", [
        community(社区="南关社区", 帮扶单位="  市民政局 "), community(社区="北关社区", 帮扶单位="市民政局、团市委"),
        community(社区="东关社区", 帮扶单位=None), community(社区="西关社区", 帮扶单位=2022)])
    assert _partners(ledger) == {"南关社区": "市民政局", "北关社区": "市民政局、团市委", "东关社区": None,
                                 "西关社区": "2022"}


def test_another_wording_of_the_column_and_none_at_all(tmp_path):
    worded = write_ledger(tmp_path / "a.xlsx", [community(社区="南关社区", 包联单位="市税务局")],
                          headers=[h if h != "帮扶单位" else "包联单位" for h in HEADERS])
    book = openpyxl.load_workbook(worded)
    assert book.active.cell(2, HEADERS.index("帮扶单位") + 1).value == "包联单位"
    assert _partners(worded) == {"南关社区": "市税务局"}
    without = write_ledger(tmp_path / "b.xlsx", [community(社区="南关社区")],
                           headers=[h for h in HEADERS if h != "帮扶单位"])
    assert _partners(without) == {"南关社区": None}
    report = json.loads(json.dumps(api.check_file(without).result.to_dict()))
    assert "partner" not in report["communities"][0]  # no partner column: the JSON record has no partner key


def test_a_responsible_department_is_not_a_partner(tmp_path):
    ledger = write_ledger(tmp_path / "l.xlsx", [community(社区="南关社区", 责任单位="市民政局")],
                          headers=[h if h != "帮扶单位" else "责任单位" for h in HEADERS])
    assert _partners(ledger) == {"南关社区": None}


def test_a_partner_merged_over_several_communities_counts_for_each(tmp_path):
    ledger = write_ledger(tmp_path / "l.xlsx", [community(社区="南关社区", 帮扶单位="市委宣传部"),
                                                 community(社区="北关社区", 帮扶单位=None),
                                                 community(社区="东关社区", 帮扶单位="团市委")])
    book = openpyxl.load_workbook(ledger)
    column = HEADERS.index("帮扶单位") + 1
    book.active.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    book.save(ledger)
    assert _partners(ledger) == {"南关社区": "市委宣传部", "北关社区": "市委宣传部", "东关社区": "团市委"}


def test_a_folder_carries_each_files_partners(tmp_path):
    write_ledger(tmp_path / "a.xlsx", [community(社区="南关社区", 帮扶单位="市民政局")])
    write_ledger(tmp_path / "b.xlsx", [community(社区="北关社区", 街道="项里街道")],
                 headers=[h for h in HEADERS if h != "帮扶单位"])
    run = api.score_folder(tmp_path, api.Options(jobs=1))
    assert {c.community: c.partner for c in run.result.communities} == {"南关社区": "市民政局", "北关社区": None}
