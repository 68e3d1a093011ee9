"""A notice's dates: the basis names the ledger's as-of date as the date the ledger describes, the notice is
dated that as-of date (or ``--date``), and 整改期限 counts from the notice's date (QA probe10 M7)."""

from __future__ import annotations

from tests.ledgers import write_ledger
from tests.notice_ledgers import behind, title
from tests.test_notices_draft import docx_text


def _ledger(tmp_path):
    return write_ledger(tmp_path / "l.xlsx", [behind("南关社区")], title=title("2022年6月30日"))


def test_a_notice_checks_the_ledger_as_of_its_date_and_is_dated_so(tmp_path, cli):
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", _ledger(tmp_path), "--output", out)
    assert code == 1
    text = docx_text(next(out.glob("*.docx")))
    assert "我办通过查阅台账等方式，对你社区截至2022年6月30日的创建工作台账进行了检查。" in text
    assert "我办于2022年6月30日" not in text  # the as-of date is no day of a check
    assert "2022年6月30日" in text.split("\n")  # 成文日期 (落款): the as-of date by default (design.md)
    assert "请于2022年7月15日前整改到位" in text  # as-of + 15 days


def test_the_date_option_dates_the_notice_and_its_deadline(tmp_path, cli):
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", _ledger(tmp_path), "--output", out, "--date", "2022-07-05")
    assert code == 1
    text = docx_text(next(out.glob("*.docx")))
    lines = text.split("\n")
    assert "2022年7月5日" in lines and "2022年6月30日" not in lines
    assert "请于2022年7月20日前整改到位" in text


def test_a_date_before_the_ledgers_as_of_date_is_refused(tmp_path, cli):
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", _ledger(tmp_path), "--output", out, "--date", "2022-06-01")
    assert code == 2
    assert "2022-06-01" in err and "2022-06-30" in err
    assert not out.exists() or not any(out.glob("*.docx"))
