"""The bulletin leaves out the district sentence when no ledger names a district (finding M6 of probe10)."""

from __future__ import annotations

from pathlib import Path

from ledgers import HEADERS, community, write_ledger

from creatio_cli import api


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_no_district_sentence_when_no_ledger_names_a_district(cli, tmp_path):
    """M6 of probe10: "各区县社区平均得分由高到低依次为：77.25分。" named no district."""
    folder = tmp_path / "nodistrict"
    folder.mkdir()
    headers = [h for h in HEADERS if h != "区县"]
    write_ledger(folder / "a.xlsx", [community(社区="甲社区"), community(社区="乙社区")], headers=headers)
    report = tmp_path / "r.json"
    cli("score", folder, "--as-of", "2022-06-30", "--output", report)
    out = tmp_path / "b.docx"
    api.bulletin(api.BulletinOptions(kind="weekly", report=report, output=out))
    text = _docx_text(out)
    assert "分区县看" not in text and "分街道看" in text
