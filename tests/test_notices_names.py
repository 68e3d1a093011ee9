"""Names in a notice are written as a 公文 writes them: full-width brackets and colons (QA probe10 L2)."""

from __future__ import annotations

import pytest

from creatio_cli.notices.draft import addressee, official_name
from creatio_cli.notices.files import safe_filename
from tests.ledgers import write_ledger
from tests.notice_ledgers import behind, title
from tests.test_notices_draft import docx_text


@pytest.mark.parametrize(("name", "written"), [
    ("丙社区(已撤并)", "丙社区（已撤并）"), ("其中:老旧小区", "其中：老旧小区"), ("南关社区", "南关社区"),
    ("Block A (North)", "Block A (North)"),
])
def test_official_name(name, written):
    assert official_name(name) == written


def test_the_addressee_and_the_file_name_keep_full_width_brackets():
    assert addressee("清河街道", "丙社区(已撤并)") == "清河街道丙社区（已撤并）居委会："
    assert safe_filename("丙社区(已撤并)") == "丙社区（已撤并）"


def test_a_notice_to_a_bracketed_community_writes_its_name_full_width(tmp_path, cli):
    """The ledger's 丙社区（已撤并） is folded to half-width when read (its key); the notice and its file name
    write it full-width again, while the register keeps the key."""
    ledger = write_ledger(tmp_path / "l.xlsx", [behind("丙社区（已撤并）")], title=title("2022年6月30日"))
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1
    [path] = out.glob("*.docx")
    assert path.name == "2022-001_古城街道_丙社区（已撤并）.docx"
    text = docx_text(path)
    assert "古城街道丙社区（已撤并）居委会：" in text and "(已撤并)" not in text


def test_by_department_lists_departments_and_never_assigns_to_the_issuer(tmp_path, cli):
    """The piped listing of 交办单 heads its name column 责任单位, not 社区; 群众满意度's department 创文办 is
    the issuing office (代字 创文办): it is sent no 交办单 addressed “创文办：”, and a warning says so
    (QA probe10 L1)."""
    ledger = write_ledger(tmp_path / "l.xlsx", [behind("南关社区")], title=title("2022年6月30日"))
    out = tmp_path / "out"
    code, listing, err = cli("notices", "draft", ledger, "--output", out, "--by", "department")
    assert code == 1
    assert listing.splitlines()[0].split("\t") == ["文号", "责任单位", "问题数", "文件"]
    names = [line.split("\t")[1] for line in listing.splitlines()[1:]]
    assert "创文办" not in names and names
    assert not any("创文办" in p.name for p in out.glob("*.docx"))
    assert "“创文办”是发文机关本身，不向它发交办单" in err
