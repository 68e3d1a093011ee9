"""A blank *basis* cell (户数, 常住人口) is worded by its own field, never as the measured figure being blank
(findings probe9 H2: “台账未填报社区综合服务设施面积（D4）” when D4 is the households and the area was filled)."""

from __future__ import annotations

from tests.ledgers import community, write_ledger


def test_blank_basis_cells_are_named_by_their_own_field(cli, tmp_path):
    ledger = write_ledger(tmp_path / "xg.xlsx", [community(), community(社区="和平社区", 户数=None, 常住人口=None)])
    out = tmp_path / "n"
    code, _, _ = cli("notices", "draft", ledger, "--output", out, "--allow-unassessed", "--all-shortfalls")
    assert code in (0, 1)
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.md"))
    assert "台账未填报户数（D4），无法测算社区综合服务设施面积是否达标" in text
    assert "台账未填报常住人口（E4），无法测算注册志愿者占常住人口比例是否达标" in text
    assert "如实补充填报户数" in text and "如实补充填报常住人口" in text
    assert "台账未填报社区综合服务设施面积" not in text  # the area (F4) was filled in


def test_a_blank_measured_cell_keeps_its_wording(cli, tmp_path):
    ledger = write_ledger(tmp_path / "l.xlsx", [community(), community(社区="和谐社区", **{"社区综合服务设施面积（㎡）": None})])
    out = tmp_path / "n"
    cli("notices", "draft", ledger, "--output", out, "--allow-unassessed", "--all-shortfalls")
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.md"))
    assert "台账未填报社区综合服务设施面积（F4）" in text and "无法测算社区综合服务设施面积" not in text
