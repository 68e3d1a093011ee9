"""``score --baseline`` and ``bulletin`` say when the two runs cover different communities (finding H3 of
probe10): "达标社区 3 → 2" when one baseline community is simply not in this run must not read as a fall."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from ledgers import community, write_ledger

from creatio_cli import api


def _runs(cli, tmp_path: Path) -> tuple[Path, Path]:
    """Week 1: 甲 乙 丙 (all compliant); week 2: 甲 乙 only, 乙 now short — the baseline's 丙 is absent."""
    week1, week2 = tmp_path / "w1", tmp_path / "w2"
    week1.mkdir()
    week2.mkdir()
    write_ledger(week1 / "a.xlsx", [community(社区="甲社区"), community(社区="乙社区"), community(社区="丙社区")])
    write_ledger(week2 / "a.xlsx", [community(社区="甲社区"), community(社区="乙社区", 道德讲堂="否")])
    report1 = tmp_path / "w1.json"
    cli("score", week1, "--as-of", "2022-06-30", "--output", report1)
    return week2, report1


def test_score_says_beside_the_totals_how_many_baseline_communities_are_not_in_this_run(cli, tmp_path,
                                                                                        monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    week2, report1 = _runs(cli, tmp_path)
    _, out, _ = cli("score", week2, "--as-of", "2022-07-07", "--baseline", report1)
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("上期社区不在本次"))
    assert lines[at].split()[-1] == "1"
    assert lines[at + 1].startswith("达标社区（上期 → 本期）") and "3 → 1" in lines[at + 1]
    _, md, _ = cli("score", week2, "--as-of", "2022-07-07", "--baseline", report1, "--format", "md")
    assert "| 上期社区不在本次（上期 → 本期按各自社区统计） | 1 |" in md
    book = tmp_path / "r.xlsx"
    cli("score", week2, "--as-of", "2022-07-07", "--baseline", report1, "--output", book)
    summary = dict(r[:2] for r in openpyxl.load_workbook(book)["汇总"].iter_rows(values_only=True) if r[0])
    assert summary["上期社区不在本次（上期 → 本期按各自社区统计）"] == 1


def test_the_same_communities_add_no_line(cli, tmp_path):
    week2, _ = _runs(cli, tmp_path)
    report2 = tmp_path / "w2.json"
    cli("score", week2, "--as-of", "2022-07-01", "--output", report2)
    _, out, _ = cli("score", week2, "--as-of", "2022-07-07", "--baseline", report2)
    assert "不在本次" not in out


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_the_bulletin_sentence_says_the_compared_communities_differ(cli, tmp_path):
    week2, report1 = _runs(cli, tmp_path)
    report2 = tmp_path / "w2.json"
    cli("score", week2, "--as-of", "2022-07-07", "--baseline", report1, "--output", report2)
    plain = tmp_path / "w2-plain.json"
    cli("score", week2, "--as-of", "2022-07-07", "--output", plain)
    for report, baseline in ((report2, None), (plain, report1)):  # the embedded comparison, and one made here
        out = tmp_path / "b.docx"
        api.bulletin(api.BulletinOptions(kind="weekly", report=report, baseline=baseline, output=out))
        text = _docx_text(out)
        sentence = text[text.index("达到创建标准的社区"):]
        sentence = sentence[:sentence.index("。")]
        assert "较上周（3个）减少2个" in sentence
        assert "上周纳入考核的社区中有1个不在本次" in sentence
