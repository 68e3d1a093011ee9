"""Where a threshold comes from is visible: placeholder, low and local confidence are marked in reports and
`standards show`; placeholders are warned once by check/score and refused by `notices draft` without
--allow-placeholder; a notice cites basis_document, else the root standard, never a user extension."""

from __future__ import annotations

import json

from creatio_cli.standards import load_standard
from tests.ledgers import community, write_ledger
from tests.notice_ledgers import first_ledger

# jingzhi-xingfu's placeholder indicators, in the standard's order (service.area cites 民发〔2016〕191号).
PLACEHOLDERS = ["team.volunteers", "governance.ledger", "environment.activity_share", "culture.activities",
                "satisfaction.residents"]


def _ledger(tmp_path):
    # Below jingzhi's placeholder thresholds (activities, satisfaction) and liugeyi's low/local ones.
    return write_ledger(tmp_path / "l.xlsx", [community(**{"活动开展次数": 2, "群众满意度（%）": 50,
                                                          "功能室数量（个）": 3})])


def test_check_warns_once_naming_the_placeholder_indicators(tmp_path, cli):
    code, out, err = cli("check", _ledger(tmp_path), "--standard", "jingzhi-xingfu", "--format", "json")
    assert code == 1
    report = json.loads(out)
    placeholder = [w for w in report["warnings"] if w["code"] == "indicator.placeholder_thresholds"]
    assert len(placeholder) == 1
    assert placeholder[0]["params"]["indicators"] == PLACEHOLDERS
    assert err.count("占位值") == 1 and "team.volunteers" in err
    confidence = {f["indicator"]: f["basis_confidence"] for f in report["communities"][0]["findings"]}
    assert confidence["culture.activities"] == "placeholder" and confidence["satisfaction.residents"] == "placeholder"
    rows = {r["indicator"]: r["basis_confidence"] for r in report["summary"]["by_indicator"]}
    assert rows == {"team.volunteers": "placeholder", "governance.ledger": "placeholder", "service.area": "high",
                    "environment.activity_share": "placeholder", "culture.activities": "placeholder",
                    "satisfaction.residents": "placeholder"}


def test_score_warns_once_too(tmp_path, cli):
    folder = tmp_path / "week"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(社区="甲社区")])
    write_ledger(folder / "b.xlsx", [community(社区="乙社区")])
    code, _out, err = cli("score", folder, "--standard", "jingzhi-xingfu", "--format", "json")
    assert code in (0, 1)
    assert err.count("占位值") == 1


def test_low_and_local_are_marked_not_warned(tmp_path, cli):
    code, out, err = cli("check", _ledger(tmp_path), "--format", "json")
    assert code == 1
    report = json.loads(out)
    confidence = {f["indicator"]: f["basis_confidence"] for f in report["communities"][0]["findings"]}
    assert confidence == {"rooms.function_rooms": "local", "activities.per_year": "medium",
                          "satisfaction.residents": "low"}
    assert not [w for w in report["warnings"] if w["code"] == "indicator.placeholder_thresholds"]
    assert "占位值" not in err


def test_standards_show_marks_placeholder_low_and_local(cli, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # one line an indicator, as piped (80 columns wrap the mark)
    _code, out, _ = cli("standards", "show", "jingzhi-xingfu")
    assert out.count("[占位值]") == 5
    _code, out, _ = cli("standards", "show", "liugeyi-sidabiao", "--lang", "en")
    lines = {line.split()[0]: line for line in out.splitlines() if line[:1].isalpha() and "." in line.split()[0]}
    assert lines["satisfaction.residents"].endswith("[low confidence]")
    assert lines["rooms.function_rooms"].endswith("[local norm]")
    assert "[" not in lines["area.per_100_households"]


def test_notices_refuse_placeholders_before_writing_anything(tmp_path, cli):
    out = tmp_path / "notices"
    code, _out, err = cli("notices", "draft", _ledger(tmp_path), "--standard", "jingzhi-xingfu", "--all-shortfalls",
                          "--output", out, "--lang", "en")
    assert code == 2
    assert not out.exists()
    assert "--allow-placeholder" in err and "extends" in err
    for ind in PLACEHOLDERS:
        assert ind in err


def test_allow_placeholder_drafts_and_marks_the_numbers_as_this_checks(tmp_path, cli):
    out = tmp_path / "notices"
    code, _out, _err = cli("notices", "draft", _ledger(tmp_path), "--standard", "jingzhi-xingfu", "--all-shortfalls",
                           "--output", out, "--allow-placeholder")
    assert code == 1
    (notice,) = out.glob("*.md")
    text = notice.read_text(encoding="utf-8")
    assert "文化精彩：文化活动开展2次，按序时进度应不少于6次（本次检查要求），差4次" in text
    assert "群众满意：满意度50%，应不低于90%（本次检查要求），差40个百分点" in text


def _extension(tmp_path, body: str = "", title: str = "清河街道表头别名"):
    path = tmp_path / "qinghe.yaml"
    path.write_text(f"extends: liugeyi-sidabiao\nid: qinghe\ntitle: {title}\nversion: '1'\n{body}", encoding="utf-8")
    return path


def test_the_basis_document_is_the_root_standard_not_an_extension(tmp_path):
    assert load_standard(_extension(tmp_path)).basis_title.zh == "社区创建“六个一”“四达标”标准"
    # liugeyi itself extends the field library, which declares no indicators: not a document to cite.
    assert load_standard("liugeyi-sidabiao").basis_title.zh == "社区创建“六个一”“四达标”标准"
    own = tmp_path / "own.yaml"
    own.write_text("""extends: common-fields
id: own
title: 某市自定标准
version: '1'
indicators:
  - id: rooms.function_rooms
    title: 功能室
    category: 功能室
    points: 5
    department: 民政局
    basis: {document: 某市办法}
    rule: {kind: threshold, field: function_rooms, value: 5}
""", encoding="utf-8")
    assert load_standard(own).basis_title.zh == "某市自定标准"


def test_a_notice_cites_the_root_standard_or_the_configured_document(tmp_path, cli):
    ledger = first_ledger(tmp_path / "ledger.xlsx")
    std = _extension(tmp_path)
    out = tmp_path / "a"
    code, _out, _err = cli("notices", "draft", ledger, "--standard", std, "--output", out)
    assert code == 1
    text = sorted(out.glob("*.md"))[0].read_text(encoding="utf-8")
    assert "根据《社区创建“六个一”“四达标”标准》，我办通过查阅台账等方式，对你社区截至2022年6月30日的创建工作台账" in text
    assert "清河街道表头别名" not in text
    config = tmp_path / "notices.yaml"
    config.write_text("basis_document: 《宿迁市文明城市创建社区测评细则》\n", encoding="utf-8")
    out = tmp_path / "b"
    code, _out, _err = cli("notices", "draft", ledger, "--standard", std, "--output", out, "--config", config)
    assert code == 1
    text = sorted(out.glob("*.md"))[0].read_text(encoding="utf-8")
    assert "根据《宿迁市文明城市创建社区测评细则》，我办通过" in text
    out = tmp_path / "c"
    code, _out, _err = cli("notices", "draft", ledger, "--standard", std, "--output", out, "--config", config,
                           "--by", "department")
    assert "根据《宿迁市文明城市创建社区测评细则》，我办通过" in sorted(out.glob("*.md"))[0].read_text(encoding="utf-8")


def test_the_default_config_still_loads_to_the_defaults(tmp_path):
    from creatio_cli.notices.config import NoticeSettings, default_config_text, load_settings

    path = tmp_path / "n.yaml"
    path.write_text(default_config_text(), encoding="utf-8")
    assert load_settings(path) == NoticeSettings() and NoticeSettings().basis_document is None
