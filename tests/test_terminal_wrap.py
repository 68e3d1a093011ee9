"""The terminal tables at 80 and 60 columns, in both languages (QA probe 9, L1–L3 and M3): a number stays
with its sign and unit (``不低于10%）``, ``≥ 90 %``, ``≥ 200 ㎡``, ``400平方米``), closing punctuation never
starts a line, a list of names breaks between names, and every non-zero count of the per-indicator table
is on screen."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import openpyxl
import pytest

from creatio_cli.ledger.tokens import display_width

WIDTHS = [80, 60]
LANGS = ["zh", "en"]
#: Characters a line never starts with (box rules and padding aside).
CLOSING = "，。、；：％%）」』)"


def widest(text: str) -> int:
    return max(display_width(line) for line in text.splitlines())


def cell_lines(out: str) -> list[str]:
    """Each line's pieces between box rules, stripped: what a reader sees as the start of a line."""
    return [piece.strip() for line in out.splitlines() for piece in re.split(r"[│┃]", line) if piece.strip()]


def assert_laid_out(out: str, width: int, whole: list[str]) -> None:
    """No line wider than ``width``, each of ``whole`` on one line, no line starting with closing marks."""
    assert widest(out) <= width, out
    flat = "\n".join(cell_lines(out))
    for text in whole:
        assert text in flat, (text, out)
    starts = [line for line in cell_lines(out) if line[0] in CLOSING]
    assert not starts, (starts, out)


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory) -> Path:
    """hp.xlsx (a two-row header, invalid and unassessed cells), cn.xlsx (four compliant communities) and
    bh.xlsx (``/`` in the six facility columns), as the QA tester built them."""
    tmp = tmp_path_factory.mktemp("wrap")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws["A1"] = "和平街道2022年度社区创建工作推进情况统计表（截至2022年6月30日）"
    top = ["序号", "社区名称", "基本情况", None, "场所建设", None, None, "六个一建设情况", None, None, None, None,
           None, "工作开展", None, None, None, None, "备注"]
    sub = [None, None, "辖区户数（户）", "居住人口（人）", "党群服务中心建筑面积（㎡）", "居民活动用房（平方米）",
           "功能用房间数（间）", "综合服务场所", "文化服务中心", "道德讲堂", "家长学校", "未成年人活动场所",
           "志愿服务站", "本年度组织活动场次", "台账是否规范", "注册志愿者（名）", "居民满意率", "包联单位", "备注"]
    for i, (a, b) in enumerate(zip(top, sub, strict=True), 1):
        if a:
            ws.cell(2, i, a)
        if b:
            ws.cell(3, i, b)
    for rng in ("A2:A3", "B2:B3", "C2:D2", "E2:G2", "H2:M2", "N2:R2", "S2:S3"):
        ws.merge_cells(rng)
    rows = [[1, "幸福社区", 2800, 7600, 900, 600, 7, "是", "是", "是", "是", "是", "是", "约5次", "是", 800, "95%"],
            [2, "阳光社区", 1500, 4100, "/", 300, 6, "是", "是", "/", "是", "是", "是", 0, "是", 420, "0.93"],
            [3, "新华社区", 2400, 6500, 720, 450, 6, "是", "是", "是", "是", "是", "是", 7, "是", "六百", "91"]]
    for r, row in enumerate(rows, 4):
        for c, v in enumerate(row, 1):
            ws.cell(r, c, v)
    wb.save(tmp / "hp.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "城南街道社区测评情况（截至2022年6月30日）"
    for i, h in enumerate(["社区名称", "常住户数（户）", "常住人口（人）", "社区综合服务设施面积（㎡）"], 1):
        ws.cell(2, i, h)
    for r, name in enumerate(["城南一社区", "城南二社区", "城南三社区", "城南四社区"], 3):
        for c, v in enumerate([name, 1000, 3000, 400], 1):
            ws.cell(r, c, v)
    wb.save(tmp / "cn.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "北湖街道“六个一”建设情况统计表"
    ws["A2"] = "统计时间：2022年1-9月"
    hdr = ["社区名称", "常住户数（户）", "常住人口（人）", "社区综合服务设施面积（㎡）", "居民活动用房面积（㎡）",
           "功能室数量（个）", "综合服务场所", "文化服务中心", "道德讲堂", "家长学校", "未成年人活动场所",
           "志愿服务站", "活动开展次数（次）", "台账规范", "注册志愿者人数（人）", "群众满意度（%）"]
    for i, h in enumerate(hdr, 1):
        ws.cell(3, i, h)
    marks = {"北湖一社区": "是", "北湖二社区": "/", "北湖三社区": "否", "北湖四社区": "无"}
    for r, (name, mark) in enumerate(marks.items(), 4):
        for c, v in enumerate([name, 1000, 3000, 400, 300, 6, *[mark] * 6, 12, "是", 400, 95], 1):
            ws.cell(r, c, v)
    wb.save(tmp / "bh.xlsx")
    # 六个一 refuses `/` in its facilities (an invalid cell); a standard exempting them gives not-applicable counts.
    six = ("comprehensive_venue", "culture_center", "moral_lecture_hall", "parent_school", "minors_venue",
           "volunteer_station")
    (tmp / "lenient.yaml").write_text(
        "id: lenient\nextends: liugeyi-sidabiao\ntitle: {zh: 宽松, en: Lenient}\nversion: '1'\nfields:\n"
        + "".join(f"  {name}: {{allow_not_applicable: true}}\n" for name in six), encoding="utf-8")
    return tmp


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_check_keeps_numbers_with_their_units_and_brackets_with_their_text(cli, monkeypatch, ledgers, width,
                                                                          lang):
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = cli("check", ledgers / "hp.xlsx", "--lang", lang)
    assert code == 1, err
    whole = (["10%）", "90%）", "60%）", "30㎡）", "（如 /、—），"] if lang == "zh"
             else ["(≥ 90 %)", "(≥ 60 %)", "(≥ 10 %", "(/, —),"])
    assert_laid_out(out, width, whole)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_standards_show_keeps_quantities_whole(cli, monkeypatch, width, lang):
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = cli("standards", "show", "huodong-yongfang", "--lang", lang)
    assert code == 0, err
    assert_laid_out(out, width, ["400平方米", "200平方米"] + (["≥ 200 ㎡", "≥ 400 ㎡"] if lang == "en" else []))


def test_fill_tokens_keep_quantities_and_marks_together():
    from creatio_cli.render.fill import break_offsets

    def lines(text: str, width: int) -> list[str]:
        cuts = [0, *break_offsets(text, width), len(text)]
        return [text[a:b].rstrip() for a, b in pairwise(cuts)]

    assert lines("Resident satisfaction (≥ 90 %)", 27) == ["Resident satisfaction", "(≥ 90 %)"]
    assert lines("注册志愿者占常住人口比例（不低于10%）", 33) == ["注册志愿者占常住人口比例（不低于", "10%）"]
    assert lines("社区综合服务设施面积（每百户30㎡）", 30) == ["社区综合服务设施面积（每百户", "30㎡）"]
    assert lines("截至2022年6月30日的数据", 14) == ["截至", "2022年6月30日", "的数据"]
    assert lines("E7：是“不适用”记号（如 /、—），但", 24)[1].startswith("（如 /、—），")
    assert lines("liugeyi-sidabiao abc123", 10) == ["liugeyi-si", "dabiao", "abc123"]  # wider than a line: cut


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_lists_of_names_break_between_names(cli, monkeypatch, ledgers, tmp_path, width, lang):
    """The 达标社区 list and the files of the unassessed table: a name or a path is never cut in two."""
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = cli("check", ledgers / "cn.xlsx", "--lang", lang)
    assert code in (0, 1), err  # 1: indicators not assessed
    assert_laid_out(out, width, [f"城南街道/城南{n}社区" for n in "一二三四"])

    folder = tmp_path / "folder"
    folder.mkdir()
    text = "社区名称,常住户数,常住人口,社区综合服务设施面积\n幸福社区,2000,5000,700\n和谐社区,1000,3000,200\n"
    (folder / "gbk.csv").write_bytes(text.encode("gbk"))
    (folder / "dc.csv").write_bytes(text.replace("幸福", "东风").replace("和谐", "东升").encode("gbk"))
    (folder / "hp.xlsx").write_bytes((ledgers / "hp.xlsx").read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("score", "folder", "--lang", lang)
    assert code in (0, 1), err
    assert_laid_out(out, width, ["folder/dc.csv", "folder/gbk.csv"])


def test_a_name_wider_than_the_column_is_still_cut_by_kinsoku():
    from creatio_cli.render.fill import break_offsets

    names = "城南街道/城南一社区、城南街道/城南二社区、城南街道/城南四社区"
    cuts = [0, *break_offsets(names, 44, "、"), len(names)]
    assert [names[a:b] for a, b in pairwise(cuts)] == ["城南街道/城南一社区、城南街道/城南二社区、",
                                                       "城南街道/城南四社区"]
    cuts = [0, *break_offsets("城南街道/城南一社区、城南二社区", 12, "、"), 17]
    assert all(not "城南街道/城南一社区、城南二社区"[c].startswith("、") for c in cuts[1:-1])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_per_indicator_table_shows_not_applicable_counts(cli, monkeypatch, ledgers, width, lang):
    """bh.xlsx: 北湖二社区 wrote ``/`` in the six facility columns; the table says so (probe9 M3)."""
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = cli("check", ledgers / "bh.xlsx", "--lang", lang, "--standard", ledgers / "lenient.yaml")
    assert code == 1, err
    table = out[out.index("分指标统计" if lang == "zh" else "By indicator"):]
    assert_laid_out(table, width, ["不适用" if lang == "zh" else "not applicable"])
    row = next(line for line in table.splitlines() if ("一个综合服务场所" if lang == "zh" else "A comprehensive") in line)
    assert re.findall(r"\d+", row) == ["1", "2", "1"], table  # met, shortfall, not applicable


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_per_indicator_table_keeps_every_nonzero_count(cli, monkeypatch, ledgers, width, lang):
    """hp.xlsx has invalid, not applicable and unassessed counts: in their own columns when they fit
    beside the titles, else together in one column, each with its label."""
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = cli("check", ledgers / "hp.xlsx", "--lang", lang, "--standard", ledgers / "lenient.yaml")
    assert code == 1, err
    table = out[out.index("分指标统计" if lang == "zh" else "By indicator"):]
    table = table[:table.index("未评估的指标" if lang == "zh" else "Indicators not assessed")]
    assert widest(table) <= width, table
    labels = {"zh": ["数据无效", "不适用", "未评估"], "en": ["invalid", "not applicable", "unassessed"]}
    flat = " ".join(cell_lines(table))
    if width == 80:
        head = " ".join(cell_lines(table)[:10])
        assert all(label in head for label in labels[lang]), table
    else:  # 60: one column, each count with its label
        na, unassessed = labels[lang][1], labels[lang][2]
        # the volunteer share is unassessed for all three (no population column), 新华社区 too
        assert f"{na} 1" in flat and f"{unassessed} 3" in flat, table


@pytest.mark.parametrize("lang", LANGS)
def test_inspect_fills_its_warnings_and_vetoes_to_the_terminal(cli, monkeypatch, tmp_path, lang):
    """probe10 L3: the street-office warning (106 columns) and a veto reason (86) ran past 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["清河街道社区创建工作台账（截至2022年6月30日）"])
    ws.append(["社区名称", "常住户数（户）", "常住人口（人）", "其中：户籍人口（人）", "社区综合服务设施面积（㎡）"])
    for name in ("甲社区", "乙社区", "街道本级"):
        ws.append([name, 1000, 3000, 2000, 400])
    wb.save(tmp_path / "o.xlsx")
    code, out, err = cli("inspect", tmp_path / "o.xlsx", "--lang", lang)
    assert code == 0, err
    body = out.split("\n", 1)[1]  # the first line names the file: a path is never cut
    assert widest(body) <= 80, out
    assert ("第 5 行" if lang == "zh" else "row 5") in out  # the office row's warning is there, only filled
