"""The notice lifecycle: idempotent reruns, follow-up (rectified / overdue → 督办通知), status and mark."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.ledgers import write_ledger
from tests.notice_ledgers import behind, first_ledger, good, slight, title
from tests.test_notices_draft import docx_text, read_index

# These tests replay 2022 cycles: notices dated each ledger's as-of date, not today (conftest).


def _status(cli, register) -> dict[str, dict]:
    code, out, _ = cli("notices", "status", "--register", register, "--format", "json")
    assert code == 0
    return {e["number"]: e for e in json.loads(out)}


def followup_ledger(path, day="2022年7月20日"):
    """南关 fixed everything; 北关 fixed only its floor area; 河滨 unchanged."""
    rows = [good("南关社区"), slight("东风社区"), good("幸福社区"),
            behind("北关社区", **{"社区综合服务设施面积（㎡）": 400, "居民活动用房面积（㎡）": 300}),
            behind("河滨社区", "项里街道"), slight("梅园社区", "项里街道"), good("银河社区", "项里街道")]
    return write_ledger(path, rows, title=title(day))


def test_running_twice_gives_the_same_numbers_and_files(tmp_path, cli):
    ledger = first_ledger(tmp_path / "ledger.xlsx")
    out = tmp_path / "out"
    cli("notices", "draft", ledger, "--output", out)
    first_rows, first_files = read_index(out), sorted(p.name for p in out.iterdir())
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1
    assert read_index(out) == first_rows
    assert sorted(p.name for p in out.iterdir()) == first_files
    assert len(_status(cli, out / "register.sqlite")) == 3


def test_follow_up_marks_rectified_and_overdue_and_escalates_only_overdue(tmp_path, cli):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out)
    later = followup_ledger(tmp_path / "later.xlsx")
    code, _, _ = cli("notices", "draft", later, "--output", out)
    assert code == 1
    register = _status(cli, out / "register.sqlite")
    assert register["创文办〔2022〕1号"]["status"] == "rectified"  # 南关
    assert register["创文办〔2022〕2号"]["status"] == "overdue"  # 北关: rooms, facilities … still unmet
    assert register["创文办〔2022〕3号"]["status"] == "overdue"  # 河滨
    escalations = {e["parent"]: e for e in register.values() if e["kind"] == "escalation"}
    assert sorted(escalations) == ["创文办〔2022〕2号", "创文办〔2022〕3号"]
    assert escalations["创文办〔2022〕2号"]["number"] == "创文办〔2022〕4号"
    # 北关 fixed its floor area: the 督办通知 lists only what is still unmet.
    assert "area.per_100_households" not in escalations["创文办〔2022〕2号"]["indicators"]
    assert "rooms.function_rooms" in escalations["创文办〔2022〕2号"]["indicators"]
    rows = read_index(out)
    assert [(r["类型"], r["社区"]) for r in rows] == [("督办通知", "北关社区"), ("督办通知", "河滨社区")]
    text = docx_text(out / rows[0]["文件"])
    assert "督办通知" in text and "（督办件）" in text and "创文办〔2022〕2号" in text
    assert "功能室数量4个，应不少于6个，差2个" in text and "社区综合服务设施面积200㎡" not in text
    assert "请于2022年8月4日前整改到位" in text
    # rerun of the follow-up: no new numbers, no second escalation
    cli("notices", "draft", later, "--output", out)
    assert _status(cli, out / "register.sqlite").keys() == register.keys()
    assert read_index(out) == rows


def test_before_the_due_date_nothing_is_overdue(tmp_path, cli):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out)
    code, _, _ = cli("notices", "draft", followup_ledger(tmp_path / "mid.xlsx", "2022年7月10日"), "--output", out)
    register = _status(cli, out / "register.sqlite")
    assert [e["status"] for e in register.values()] == ["rectified", "open", "open"]
    assert not any(e["kind"] == "escalation" for e in register.values())
    assert code == 0  # no community needs a new notice: 北关 and 河滨 still have open ones


def test_rectified_community_behind_again_gets_a_new_notice(tmp_path, cli):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out)
    cli("notices", "draft", followup_ledger(tmp_path / "later.xlsx"), "--output", out)
    relapse = write_ledger(tmp_path / "aug.xlsx", [behind("南关社区")], title=title("2022年8月31日"))
    cli("notices", "draft", relapse, "--output", out)
    register = _status(cli, out / "register.sqlite")
    nanguan = [e for e in register.values() if e["community"] == "南关社区"]
    assert [(e["kind"], e["status"]) for e in nanguan] == [("notice", "rectified"), ("notice", "open")]


def test_mark_and_status(tmp_path, cli):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out)
    reg = out / "register.sqlite"
    code, stdout, _ = cli("notices", "mark", "创文办〔2022〕2号", "rectified", "--note", "复查：已整改", "--register", reg)
    assert code == 0 and stdout.split("\t")[:2] == ["创文办〔2022〕2号", "已整改"]
    code, _, _ = cli("notices", "mark", "创文办〔2022〕3号", "cancelled", "--register", reg)
    register = _status(cli, reg)
    assert [(e["status"], e["note"]) for e in register.values()] == [
        ("open", None), ("rectified", "复查：已整改"), ("cancelled", None)]
    code, table, _ = cli("notices", "status", "--register", reg)
    assert code == 0 and "北关社区" in table and "已整改" in table and "已撤销" in table


def test_mark_refuses_unknown_number_status_and_missing_register(tmp_path, cli):
    out = tmp_path / "out"
    cli("notices", "draft", first_ledger(tmp_path / "ledger.xlsx"), "--output", out)
    reg = out / "register.sqlite"
    code, _, err = cli("notices", "mark", "创文办〔2022〕99号", "rectified", "--register", reg)
    assert code == 2 and "99号" in err
    code, _, _ = cli("notices", "mark", "创文办〔2022〕1号", "overdue", "--register", reg)
    assert code == 2
    code, _, err = cli("notices", "status", "--register", tmp_path / "none.sqlite")
    assert code == 2 and "none.sqlite" in err
    assert not (tmp_path / "none.sqlite").exists()


def test_default_output_folder_is_notices_in_the_working_directory(tmp_path, cli, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    ledger = first_ledger(inputs / "ledger.xlsx")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    cli("notices", "draft", ledger)
    assert sorted(p.name for p in inputs.iterdir()) == ["ledger.xlsx"]
    assert (work / "notices" / "index.csv").exists()
    docx.Document(str(work / "notices" / "2022-001_古城街道_南关社区.docx"))
    code, out, _ = cli("notices", "status")
    assert code == 0 and "南关社区" in out


def test_sample_follow_up_cycle_matches_the_generators_oracle(tmp_path, cli):
    """samples/: notice every shortfall at 06-30, follow up with the 07-20 ledger (after the 07-15 due date).

    Expected verdicts come from the sample generator's own oracles (expected.json), not from creatio.
    """
    samples = Path(__file__).resolve().parents[1] / "samples"
    first = json.loads((samples / "city-ledger.expected.json").read_text(encoding="utf-8"))
    later = json.loads((samples / "followup" / "expected.json").read_text(encoding="utf-8"))
    listed = {(c["district"], c["street"], c["community"]): set(c["fails"]) for c in first["communities"] if c["fails"]}
    still = {(c["district"], c["street"], c["community"]): set(c["fails"]) for c in later["communities"]}
    want_overdue = {key for key, fails in listed.items() if fails & still[key]}
    out = tmp_path / "out"
    cli("notices", "draft", samples / "city-ledger.xlsx", "--output", out, "--all-shortfalls")
    cli("notices", "draft", samples / "followup" / "city-ledger-2022-07-20.xlsx", "--output", out, "--all-shortfalls")
    register = _status(cli, out / "register.sqlite").values()
    notices = {(e["district"], e["street"], e["community"]): e for e in register if e["kind"] == "notice"}
    assert set(notices) == set(listed)
    assert {k for k, e in notices.items() if e["status"] == "overdue"} == want_overdue
    assert {k for k, e in notices.items() if e["status"] == "rectified"} == set(listed) - want_overdue
    escalated = {(e["district"], e["street"], e["community"]) for e in register if e["kind"] == "escalation"}
    assert escalated == want_overdue


def test_sample_cycle_notices_exactly_the_behind_schedule_communities(tmp_path, cli):
    """Default mode on samples/: a notice per behind-schedule community, then 5 rectified and 4 overdue.

    The generator's oracles list which communities it designed behind schedule, rectified and overdue.
    """
    samples = Path(__file__).resolve().parents[1] / "samples"
    first = json.loads((samples / "city-ledger.expected.json").read_text(encoding="utf-8"))
    later = json.loads((samples / "followup" / "expected.json").read_text(encoding="utf-8"))

    def keys(items):
        return {(c["district"], c["street"], c["community"]) for c in items}

    behind_keys = keys(c for c in first["communities"] if c["behind_schedule"])
    assert len(behind_keys) == first["behind_schedule_count"] == 9
    out = tmp_path / "out"
    code, _, _ = cli("notices", "draft", samples / "city-ledger.xlsx", "--output", out)
    assert code == 1
    register = _status(cli, out / "register.sqlite").values()
    assert keys(register) == behind_keys
    nanguan = next(e for e in register if e["community"] == "南关社区")
    text = docx_text(out / nanguan["file"])  # the register names files relative to its folder
    assert "差138㎡" in text and nanguan["number"] in text and "2022年7月15日" in text
    code, _, _ = cli("notices", "draft", samples / "followup" / "city-ledger-2022-07-20.xlsx", "--output", out)
    assert code == 1
    register = _status(cli, out / "register.sqlite").values()
    notices = [e for e in register if e["kind"] == "notice"]
    assert keys(e for e in notices if e["status"] == "rectified") == keys(later["rectified"])
    assert keys(e for e in notices if e["status"] == "overdue") == keys(later["overdue"])
    assert keys(e for e in register if e["kind"] == "escalation") == keys(later["overdue"])
