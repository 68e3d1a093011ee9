"""Notices may 抄送 the community's partner unit (issue 13, part 4): the office setting ``cc_partner: true``
adds the unit(s) of the ledger's 帮扶单位 column after the settings' ``cc``; off by default. Read back with
python-docx from the drafted .docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from creatio_cli.notices.config import NoticeSettings, default_config_text, load_settings
from tests.ledgers import HEADERS, community, write_ledger
from tests.notice_ledgers import behind, title

# These tests replay 2022 cycles: notices dated each ledger's as-of date, not today (conftest).


def _cc_line(path: Path) -> str | None:
    """The 抄送 paragraph of a drafted notice (None when it has none)."""
    lines = [p.text for p in docx.Document(str(path)).paragraphs if p.text.startswith("抄送")]
    assert len(lines) <= 1
    return lines[0] if lines else None


def _config(tmp_path: Path, *, cc: str = "[各区创建办, 市民政局]", cc_partner: bool = True) -> Path:
    """The init-config template with ``cc`` and ``cc_partner`` edited as an office would."""
    text = default_config_text()
    assert "cc: []" in text and "cc_partner: false" in text
    text = text.replace("cc: []", f"cc: {cc}").replace("cc_partner: false", f"cc_partner: {str(cc_partner).lower()}")
    path = tmp_path / "notices.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _ledger(path: Path, day: str = "2022年6月30日", *, headers: list[str] = HEADERS) -> Path:
    """Three communities behind schedule: 南关 paired with two units (one already in cc), 北关 with one, 河滨
    with none (blank cell)."""
    rows = [behind("南关社区", 帮扶单位="市民政局、团市委"), behind("北关社区", 帮扶单位="市财政局"),
            behind("河滨社区", "项里街道", 帮扶单位=None), community(社区="幸福社区", 帮扶单位="市教育局")]
    return write_ledger(path, rows, title=title(day), headers=headers)


def test_the_default_settings_copy_no_partner():
    assert NoticeSettings().cc_partner is False
    assert load_settings(None) == NoticeSettings()


def test_cc_partner_adds_the_communitys_units_after_the_offices(tmp_path, cli):
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", _ledger(tmp_path / "l.xlsx"), "--output", out,
                       "--config", _config(tmp_path))
    assert code == 1, err
    assert _cc_line(out / "2022-001_古城街道_南关社区.docx") == "抄送：各区创建办、市民政局、团市委。"
    assert _cc_line(out / "2022-002_古城街道_北关社区.docx") == "抄送：各区创建办、市民政局、市财政局。"
    assert _cc_line(out / "2022-003_项里街道_河滨社区.docx") == "抄送：各区创建办、市民政局。"
    assert "抄送：各区创建办、市民政局、团市委。" in (out / "2022-001_古城街道_南关社区.md").read_text(encoding="utf-8")


def test_cc_partner_alone_and_off(tmp_path, cli):
    out = tmp_path / "on"
    cli("notices", "draft", _ledger(tmp_path / "l.xlsx"), "--output", out, "--config", _config(tmp_path, cc="[]"))
    assert _cc_line(out / "2022-001_古城街道_南关社区.docx") == "抄送：市民政局、团市委。"
    assert _cc_line(out / "2022-003_项里街道_河滨社区.docx") is None  # no cc, no partner: no 抄送 line
    off = tmp_path / "off"
    cli("notices", "draft", _ledger(tmp_path / "l.xlsx"), "--output", off)
    assert _cc_line(off / "2022-001_古城街道_南关社区.docx") is None


def test_a_ledger_without_the_column_copies_only_the_offices_list(tmp_path, cli):
    out = tmp_path / "out"
    ledger = _ledger(tmp_path / "l.xlsx", headers=[h for h in HEADERS if h != "帮扶单位"])
    cli("notices", "draft", ledger, "--output", out, "--config", _config(tmp_path))
    assert _cc_line(out / "2022-001_古城街道_南关社区.docx") == "抄送：各区创建办、市民政局。"


def test_the_escalation_copies_the_partner_and_an_assignment_does_not(tmp_path, cli):
    out = tmp_path / "out"
    config = _config(tmp_path, cc="[]")
    cli("notices", "draft", _ledger(tmp_path / "l.xlsx"), "--output", out, "--config", config)
    code, _, _ = cli("notices", "draft", _ledger(tmp_path / "later.xlsx", "2022年7月20日"), "--output", out,
                     "--config", config)
    assert code == 1
    escalations = sorted(out.glob("2022-00[4-9]_*.docx"))
    assert [p.name for p in escalations] == ["2022-004_古城街道_南关社区_督办.docx", "2022-005_古城街道_北关社区_督办.docx",
                                             "2022-006_项里街道_河滨社区_督办.docx"]
    assert [_cc_line(p) for p in escalations] == ["抄送：市民政局、团市委。", "抄送：市财政局。", None]
    by_department = tmp_path / "departments"
    cli("notices", "draft", _ledger(tmp_path / "l.xlsx"), "--output", by_department, "--by", "department",
        "--config", _config(tmp_path))
    files = sorted(by_department.glob("*.docx"))
    assert files and {_cc_line(p) for p in files} == {"抄送：各区创建办、市民政局。"}


@pytest.mark.parametrize("value", ["yes please", "[true]"])
def test_a_bad_cc_partner_names_the_key(tmp_path, cli, value):
    config = tmp_path / "bad.yaml"
    config.write_text(f"cc_partner: {value}\n", encoding="utf-8")
    code, _, err = cli("notices", "draft", _ledger(tmp_path / "l.xlsx"), "--output", tmp_path / "o", "--config", config)
    assert code == 2 and "cc_partner" in err and "bad.yaml" in err
