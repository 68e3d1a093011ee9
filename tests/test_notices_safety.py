"""Untrusted names and templates: safe file names, no formula injection, templates refused before writing."""

from __future__ import annotations

import csv

import docx
import openpyxl
import pytest

from creatio_cli.notices.files import neutralize, safe_filename
from tests.ledgers import write_ledger
from tests.notice_ledgers import behind, first_ledger, title

EVIL = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("name, expected", [
    ("../../x", "x"),
    (EVIL, "cmd_C_calc_A0"),
    ("CON", "_CON"),
    ("a\\b/c\x00d", "a_b_c_d"),
    ("..", "未命名"),
    ("南关社区", "南关社区"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_safe_filename_is_length_capped():
    assert len(safe_filename("长" * 500)) == 80


@pytest.mark.parametrize("text, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("南关社区", "南关社区"),
])
def test_neutralize(text, expected):
    assert neutralize(text) == expected


def _as_text_cell(path, value: str) -> None:
    """openpyxl stores a str starting with '=' as a formula; an office file would hold it as text."""
    book = openpyxl.load_workbook(path)
    for row in book.active.iter_rows():
        for cell in row:
            if cell.value == value:
                cell.data_type = "s"
    book.save(path)


def test_hostile_community_names_stay_inside_the_folder_and_are_text(tmp_path, cli):
    ledger = write_ledger(tmp_path / "ledger.xlsx", [behind("../../x", street="../.."), behind(EVIL)],
                          title=title("2022年6月30日"))
    _as_text_cell(ledger, EVIL)
    out = tmp_path / "a" / "out"
    out.parent.mkdir()  # the notices' folder may be new, not its parent
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["2022-001_未命名_x.docx", "2022-001_未命名_x.md", "2022-002_古城街道_cmd_C_calc_A0.docx",
                            "2022-002_古城街道_cmd_C_calc_A0.md", "index.csv", "index.xlsx", "register.sqlite"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "ledger.xlsx"]
    with open(out / "index.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[2][4] == "'" + EVIL
    cell = openpyxl.load_workbook(out / "index.xlsx").active["E3"]
    assert cell.value == EVIL and cell.data_type == "s"
    md = (out / "2022-002_古城街道_cmd_C_calc_A0.md").read_text(encoding="utf-8")
    assert "古城街道=cmd\\|' /C calc'!A0居委会：" in md  # a table pipe in a name cannot open a new cell
    assert EVIL in "\n".join(p.text for p in docx.Document(str(out / "2022-002_古城街道_cmd_C_calc_A0.docx")).paragraphs)


def _template(path, text: str):
    doc = docx.Document()
    doc.add_paragraph(text)
    doc.save(path)
    return path


@pytest.mark.parametrize("text, says", [
    ("{{ number }} {{ nosuch }}", "nosuch"),
    ("{{ number ", "syntax error on line"),
    ("{% if kind %}no end", "syntax error on line"),
    ("{{ number.__class__.__mro__ }}", "template error"),  # the sandbox refuses internals
])
def test_bad_template_refused_before_anything_is_written(tmp_path, cli, text, says):
    template = _template(tmp_path / "mine.docx", text)
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out,
                       "--template", template, "--lang", "en")
    assert code == 2
    assert "mine.docx" in err and says in err
    assert "Traceback" not in err
    assert not out.exists()


def test_not_a_docx_template_is_refused(tmp_path, cli):
    (tmp_path / "t.docx").write_text("hello")
    code, _, err = cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", tmp_path / "out",
                       "--template", tmp_path / "t.docx")
    assert code == 2 and "t.docx" in err and not (tmp_path / "out").exists()


def test_init_template_and_an_edited_template_are_used(tmp_path, cli):
    code, _, _ = cli("notices", "init-template", tmp_path / "notice.docx")
    assert code == 0
    doc = docx.Document(str(tmp_path / "notice.docx"))
    doc.add_paragraph("本通知共{{ problems|length }}项问题，编号{{ number }}。")
    doc.save(str(tmp_path / "notice.docx"))
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out,
                     "--template", tmp_path / "notice.docx")
    assert code == 1
    text = "\n".join(p.text for p in docx.Document(str(out / "2022-001_古城街道_南关社区.docx")).paragraphs)
    assert "本通知共7项问题，编号创文办〔2022〕1号。" in text
    code, _, err = cli("notices", "init-template", tmp_path / "notice.docx")
    assert code == 2 and "已存在" in err


def test_init_config_and_settings_are_used(tmp_path, cli):
    config = tmp_path / "notices.yaml"
    assert cli("notices", "init-config", config)[0] == 0
    text = config.read_text(encoding="utf-8").replace("code: 创文办", "code: 宿创文办")
    text = text.replace("phone: 0000-0000000", "phone: 0527-84300000").replace("due_days: 15", "due_days: 20")
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out, "--config", config)
    doc_text = "\n".join(p.text for p in docx.Document(str(out / "2022-001_古城街道_南关社区.docx")).paragraphs)
    assert "宿创文办〔2022〕1号" in doc_text and "0527-84300000" in doc_text
    assert "请于2022年7月20日前整改到位" in doc_text


def test_notices_with_the_example_settings_are_said_not_ready_to_send(tmp_path, cli):
    """XX市 as issuer, XXX as contact, 0000-0000000 as phone: a 公文 that must not go out as it is. Each
    setting still holding an example value is named; filled in, nothing is said. The basis paragraph
    claims only what creatio did (查阅台账) unless the office says it also visited."""
    ledger = first_ledger(tmp_path / "ledger.xlsx")
    code, _out, err = cli("notices", "draft", ledger, "--output", tmp_path / "a")
    assert code == 1 and "示例值" in err
    named = err[:err.index("仍是默认设置的示例值")]
    assert all(key in named for key in ("发文机关", "联系人", "联系电话", "落款")) and "代字" not in named
    doc = docx.Document(str(tmp_path / "a" / "2022-001_古城街道_南关社区.docx"))
    basis = next(p.text for p in doc.paragraphs if p.text.startswith("根据"))
    assert "通过查阅台账等方式" in basis and "实地察看" not in basis
    config = tmp_path / "notices.yaml"
    config.write_text("issuer: 宿迁市创建全国文明城市工作指挥部办公室\nsignature: 宿迁市创建全国文明城市工作指挥部办公室\n"
                      "contact: 王某\nphone: 0527-84300000\nmethod: 查阅台账、实地察看\n", encoding="utf-8")
    code, _out, err = cli("notices", "draft", ledger, "--output", tmp_path / "b", "--config", config)
    assert code == 1 and "示例值" not in err
    doc = docx.Document(str(tmp_path / "b" / "2022-001_古城街道_南关社区.docx"))
    assert "通过查阅台账、实地察看等方式" in "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("yaml_text, says", [
    ("isuer: 某办\n", "isuer"),
    ("due_days: -3\n", "due_days"),
    ("- a\n- b\n", "mapping"),
    ("code: [unclosed\n", "YAML"),
])
def test_bad_config_names_file_and_key(tmp_path, cli, yaml_text, says):
    config = tmp_path / "bad.yaml"
    config.write_text(yaml_text, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out, "--config", config,
                       "--lang", "en")
    assert code == 2 and "bad.yaml" in err and says in err
    assert not out.exists()


def test_bad_by_option_is_a_usage_error(tmp_path, cli):
    code, _, err = cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", tmp_path / "o",
                       "--by", "street")
    assert code == 2 and "--by" in err


def test_bundled_template_is_what_make_template_builds(tmp_path):
    """The committed default_notice.docx must not drift from its generator script."""
    import zipfile

    from creatio_cli.notices.docx import DEFAULT_TEMPLATE
    from creatio_cli.notices.make_template import build

    fresh = build(tmp_path / "fresh.docx")
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(DEFAULT_TEMPLATE) as b:
        assert a.namelist() == b.namelist()
        for part in a.namelist():  # the footers and settings (odd/even page numbers) as well as the body
            assert a.read(part) == b.read(part), part


def _notice_text(path) -> str:
    """A notice's paragraphs and table cells, one per line."""
    doc = docx.Document(str(path))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_lower_bound_inputs_and_invalid_cells_are_said_as_they_are(tmp_path, cli):
    """A shortfall whose requirement rests on "2000多" households is at least the lower end's gap, one whose
    actual is "2余" at most; neither is stated as exact, and the bounded cell is named. An invalid cell says
    the catalogue's reason (a qualified yes, a lower bound, a refused “/” in the population the share needs),
    never “无法识别”."""
    ledger = write_ledger(tmp_path / "l.xlsx", [
        behind("龙泉社区", 户数="2000多", 道德讲堂="有，但未挂牌", 活动开展次数="5余", 常住人口="/"),
        behind("南关社区", 活动开展次数="2余")], title=title("2022年6月30日"))
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1
    longquan = _notice_text(out / "2022-001_古城街道_龙泉社区.docx")
    assert ("社区综合服务设施面积200㎡，按每百户30㎡标准应不少于600㎡，至少差400㎡（户数填报“2000多”（D3），"
            "只写了下限，按下限计算）") in longquan
    assert "如实填报户数确切数值，并补足差额（至少400㎡）" in longquan
    assert "一个道德讲堂填报值“有，但未挂牌”写了“是/有”，但附注有保留" in longquan
    assert "文化活动开展填报值“5余”只写了下限（如“10余”“200以上”或区间），真实数值可能更大，无法判断是否达到要求；请填写确切数值（O3）" \
        in longquan
    assert "注册志愿者占常住人口比例所依据的常住人口填报值“/”是“不适用”记号" in longquan and "（E3）" in longquan
    assert "无法识别" not in longquan and "差400㎡（" not in longquan.replace("至少差400㎡（", "")
    nanguan = _notice_text(out / "2022-002_古城街道_南关社区.docx")
    assert ("文化活动开展2次，按序时进度应不少于6次，至多差4次（活动开展次数填报“2余”（O4），只写了下限，按下限计算）"
            in nanguan)
    assert "如实填报活动开展次数确切数值，并达到不少于6次" in nanguan
    assert "社区综合服务设施面积200㎡，按每百户30㎡标准应不少于300㎡，差100㎡" in nanguan  # exact inputs: exact gap


def test_approximate_inputs_are_quoted_and_their_gap_said_as_approximate(tmp_path, cli):
    """“约3” held against 6 is a shortfall at both ends of ±10 %, but “3” is only about right: the notice
    says 约3次 and quotes the cell, the gap is 约差3次; an approximate basis (户数“约2000”) is named after the
    gap. The check table's 实际 shows the cell as written, never a bare 3 (QA probe10 M1)."""
    ledger = write_ledger(tmp_path / "l.xlsx", [behind("龙泉社区", 户数="约2000", 活动开展次数="约3次")],
                          title=title("2022年6月30日"))
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1
    text = _notice_text(out / "2022-001_古城街道_龙泉社区.docx")
    assert "文化活动开展约3次（台账填报“约3次”），按序时进度应不少于6次，约差3次" in text
    assert "如实填报活动开展次数确切数值，并补足差额（约3次）" in text
    assert ("社区综合服务设施面积200㎡，按每百户30㎡标准应不少于600㎡，约差400㎡（户数填报“约2000”（D3），是约数，"
            "按填报数计算）") in text
    code, table, _ = cli("check", ledger, "--lang", "zh")
    assert "约3次" in table
