"""notices draft: which communities get a notice, and what each .docx / .md / index says."""

from __future__ import annotations

import csv
from datetime import date

import docx
import openpyxl
import pytest

from creatio_cli.notices.draft import cn_numeral, format_number, progress_sentence, word_problem
from creatio_cli.results import Finding
from creatio_cli.standards.model import Text
from tests.ledgers import write_ledger
from tests.notice_ledgers import BEHIND_PROBLEMS, behind, first_ledger, good, title

# These tests replay 2022 cycles: notices dated each ledger's as-of date, not today (conftest).


def docx_text(path) -> str:
    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def read_index(folder) -> list[dict[str, str]]:
    with open(folder / "index.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_progress_sentence_in_percentage_points():
    assert progress_sentence(0.425, 181 / 365) == "综合完成率42.5%，低于序时进度（49.6%）7.1个百分点"
    assert progress_sentence(0.6, 0.5) == "综合完成率60.0%，超序时进度（50.0%）10.0个百分点"
    assert progress_sentence(0.5, 0.5) == "综合完成率50.0%，达到序时进度（50.0%）"


def test_numbers_and_numerals():
    assert format_number("宿创文办", 2022, 5) == "宿创文办〔2022〕5号"
    assert [cn_numeral(n) for n in (1, 9, 10, 11, 20, 25)] == ["一", "九", "十", "十一", "二十", "二十五"]
    # a ledger can give one community a hundred problems or more (issue: IndexError at 100)
    assert [cn_numeral(n) for n in (100, 101, 110, 115, 250, 999, 1000)] == [
        "一百", "一百零一", "一百一十", "一百一十五", "二百五十", "九百九十九", "1000"]


def _finding(**kw) -> Finding:
    base = dict(indicator="area.per_100_households", title=Text(zh="社区综合服务设施面积（每百户30㎡）"), category=Text(zh=""),
                status="shortfall", actual=420.0, required=558.0, gap=138.0, unit="㎡", points=10, points_lost=10,
                cell="F7", raw="420", department="民政局", basis="《规划》", deadline=None, overdue=False)
    base.update(kw)
    return Finding(**base)


def test_problem_wording_for_each_status():
    assert word_problem(_finding()).sentence == "社区综合服务设施面积420㎡，按每百户30㎡标准应不少于558㎡，差138㎡（依据：《规划》）"
    hall = _finding(indicator="six.moral_lecture_hall", title=Text(zh="一个道德讲堂"), actual=False, required=True, gap=None,
                    unit=None)
    assert word_problem(hall).text == "未建成道德讲堂"
    assert word_problem(_finding(status="missing", actual=None, gap=None, raw=None)).text == "台账未填报社区综合服务设施面积（F7）"
    assert word_problem(_finding(status="invalid", actual=None, gap=None, raw="二百")).text == \
        "社区综合服务设施面积填报值“二百”无法识别（F7）"


def test_notices_for_exactly_the_behind_schedule_communities(tmp_path, cli):
    ledger = first_ledger(tmp_path / "ledger.xlsx")
    out = tmp_path / "out"
    code, stdout, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1
    rows = read_index(out)
    assert [r["社区"] for r in rows] == ["南关社区", "北关社区", "河滨社区"]
    assert [r["文号"] for r in rows] == ["创文办〔2022〕1号", "创文办〔2022〕2号", "创文办〔2022〕3号"]
    assert [r["问题数"] for r in rows] == ["7", "7", "7"]
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(r["文件"] for r in rows)
    assert len(list(out.glob("*.md"))) == 3
    assert {"index.csv", "index.xlsx", "register.sqlite"} <= {p.name for p in out.iterdir()}
    assert "南关社区" in stdout


def test_each_docx_has_community_number_every_gap_and_deadline(tmp_path, cli):
    ledger = first_ledger(tmp_path / "ledger.xlsx")
    out = tmp_path / "out"
    cli("notices", "draft", ledger, "--output", out)
    text = docx_text(out / "2022-001_古城街道_南关社区.docx")
    assert "古城街道南关社区居委会：" in text
    assert "创文办〔2022〕1号" in text
    for problem in BEHIND_PROBLEMS:
        assert problem in text
    assert "一、社区综合服务设施面积200㎡" in text and "七、群众满意度80%" in text
    assert "综合完成率44.0%，低于序时进度（49.6%）5.6个百分点" in text
    assert "请于2022年7月15日前整改到位" in text
    assert "2022年7月15日" in [c.text for c in docx.Document(str(out / "2022-001_古城街道_南关社区.docx")).tables[0].rows[1].cells]
    md = (out / "2022-001_古城街道_南关社区.md").read_text(encoding="utf-8")
    assert "创文办〔2022〕1号" in md and "差100㎡" in md and "2022年7月15日" in md


def test_body_styles_carry_east_asian_fonts(tmp_path, cli):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out)
    doc = docx.Document(str(out / "2022-001_古城街道_南关社区.docx"))
    qn = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    fonts = {s.name: s.element.rPr.rFonts.get(qn) for s in doc.styles if s.name.startswith("Creatio")}
    assert fonts["Creatio Body"] == "仿宋_GB2312"
    assert fonts["Creatio Title"] == "方正小标宋简体"
    assert fonts["Creatio Heading"] == "黑体"
    assert round(doc.sections[0].page_width.mm) == 210 and round(doc.sections[0].top_margin.mm) == 37


def test_all_shortfalls_and_due_days(tmp_path, cli):
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out,
                     "--all-shortfalls", "--due-days", "10")
    assert code == 1
    rows = read_index(out)
    assert [r["社区"] for r in rows] == ["南关社区", "东风社区", "北关社区", "河滨社区", "梅园社区"]
    assert {r["整改期限"] for r in rows} == {"2022年7月10日"}
    assert "未建成道德讲堂" in docx_text(out / rows[1]["文件"])


def test_no_notice_needed_exits_0_with_an_empty_index(tmp_path, cli):
    ledger = write_ledger(tmp_path / "ok.xlsx", [good("幸福社区"), good("银河社区")], title=title("2022年6月30日"))
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 0
    assert read_index(out) == []
    assert not list(out.glob("*.docx"))


def test_by_department_drafts_one_assignment_per_department(tmp_path, cli):
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out, "--by", "department")
    assert code == 1
    rows = read_index(out)
    # BEHIND fails indicators of six departments (liugeyi-sidabiao.yaml: department of each indicator).
    # … and 创文办 (satisfaction), the issuing office itself (代字 创文办): never sent a 交办单 (a warning says so).
    assert sorted(r["社区"] for r in rows) == sorted(["民政局", "文明办", "妇联", "团委", "街道办事处"])
    minzheng = next(r for r in rows if r["社区"] == "民政局")
    assert minzheng["问题数"] == "6"  # area + rooms for each of the three behind communities
    text = docx_text(out / minzheng["文件"])
    assert "民政局：" in text and "问题交办单" in text
    assert "古城街道南关社区：社区综合服务设施面积200㎡" in text and "项里街道河滨社区：功能室数量4个" in text


def test_index_xlsx_matches_csv(tmp_path, cli):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out)
    sheet = openpyxl.load_workbook(out / "index.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["文号", "类型", "区县", "街道", "社区", "问题数", "整改期限", "文件"]
    assert [v[4] for v in values[1:]] == ["南关社区", "北关社区", "河滨社区"]
    assert values[1][5] == 7


def test_folder_of_ledgers_skips_unreadable_files(tmp_path, cli):
    folder = tmp_path / "city"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [behind("南关社区")], title=title("2022年6月30日"))
    write_ledger(folder / "b.xlsx", [behind("河滨社区", "项里街道"), good("银河社区")], title=title("2022年6月30日"))
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", folder, "--output", out)
    assert code == 1
    assert [r["社区"] for r in read_index(out)] == ["南关社区", "河滨社区"]
    assert "broken.xlsx" in err


@pytest.mark.parametrize("as_of, due", [("2022-06-30", "2022年7月15日"), ("2022-12-20", "2023年1月4日")])
def test_as_of_option_sets_year_and_due(tmp_path, cli, as_of, due):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out, "--as-of", as_of)
    rows = read_index(out)
    assert rows[0]["文号"] == f"创文办〔{date.fromisoformat(as_of).year}〕1号"
    assert rows[0]["整改期限"] == due


def _without_satisfaction(path):
    from tests.ledgers import HEADERS
    from tests.notice_ledgers import behind

    headers = [h for h in HEADERS if h != "群众满意度（%）"]
    return write_ledger(path, [behind("南关社区"), good("北关社区")], headers=headers)


def test_a_ledger_with_unassessed_indicators_is_refused_before_anything_is_written(tmp_path, cli):
    ledger = _without_satisfaction(tmp_path / "ledger.xlsx")
    out = tmp_path / "out"
    code, stdout, err = cli("notices", "draft", ledger, "--output", out, "--lang", "en")
    assert code == 2 and stdout == ""
    assert "--allow-unassessed" in err and "HEADER=satisfaction" in err and "Resident satisfaction" in err
    assert not out.exists() or not any(out.iterdir())


def test_allow_unassessed_lists_them_apart_never_as_problems(tmp_path, cli):
    ledger = _without_satisfaction(tmp_path / "ledger.xlsx")
    out = tmp_path / "out"
    code, _stdout, _err = cli("notices", "draft", ledger, "--output", out, "--allow-unassessed")
    assert code == 1
    (row,) = read_index(out)
    assert row["社区"] == "南关社区" and row["问题数"] == "6"  # BEHIND_PROBLEMS less the satisfaction one
    text = docx_text(out / row["文件"])
    assert "台账未反映" in text
    problems_part, _, rest = text.partition("台账未反映")
    assert "群众满意度" not in problems_part  # not a problem of the community …
    assert "1. 群众满意度" in rest.split("整改要求")[0]  # … but listed apart
    for problem in BEHIND_PROBLEMS[:-1]:
        assert problem in problems_part
    md = (out / row["文件"]).with_suffix(".md").read_text(encoding="utf-8")
    assert "台账未反映" in md and "1. 群众满意度" in md


def test_the_library_api_drafts_what_the_command_drafts(tmp_path):
    from creatio_cli import api
    from creatio_cli.errors import UsageError

    ledger = first_ledger(tmp_path / "ledger.xlsx")
    drafted = api.draft_notices(ledger, api.Options(), api.NoticeOptions(output=tmp_path / "out"))
    assert drafted.exit_code == 1
    assert [n.community for n, _file in drafted.outcome.written] == ["南关社区", "北关社区", "河滨社区"]
    assert [r["文件"] for r in read_index(tmp_path / "out")] == [f for _n, f in drafted.outcome.written]
    with pytest.raises(UsageError) as refused:
        api.draft_notices(_without_satisfaction(tmp_path / "b.xlsx"), api.Options(),
                          api.NoticeOptions(output=tmp_path / "out2"))
    assert refused.value.code == "notices.unassessed_refused"
    assert not (tmp_path / "out2").exists()
