"""十佳 / 十差 never overlap and never criticise a compliant community (finding H4 of probe10)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ledgers import community, write_ledger

from creatio_cli import api
from creatio_cli.ranking import top_and_bottom


@dataclass(frozen=True)
class _Entry:
    name: str
    rank: int
    score: float
    completion: float
    compliant: bool


def _entries(scores: list[tuple[float, bool]]) -> list[_Entry]:
    out, rank = [], 0
    for i, (score, compliant) in enumerate(scores):
        if i == 0 or score != scores[i - 1][0]:
            rank = i + 1
        out.append(_Entry(f"c{i}", rank, score, score / 100, compliant))
    return out


def test_fewer_than_twice_n_communities_are_split_not_listed_twice():
    entries = _entries([(100, True), (90, False), (80, False), (70, False), (60, False), (54, False), (50, False),
                        (40, False)])
    best, worst, _, _ = top_and_bottom(entries, 10)
    assert [e.name for e in best] == ["c0", "c1", "c2", "c3"]
    assert [e.name for e in worst] == ["c7", "c6", "c5", "c4"]


def test_a_compliant_community_is_never_in_the_bottom_list():
    entries = _entries([(100, True)] * 5 + [(80, False)] + [(95, True)] * 2)
    entries.sort(key=lambda e: -e.score)
    entries = _entries([(e.score, e.compliant) for e in entries])
    _, worst, _, _ = top_and_bottom(entries, 10)
    assert all(not e.compliant for e in worst)
    assert [e.score for e in worst] == [80]
    _, worst, _, _ = top_and_bottom(_entries([(100, True)] * 30), 10)
    assert worst == ()


def test_twice_n_or_more_keep_the_first_and_last_n():
    entries = _entries([(100 - i, False) for i in range(25)])
    best, worst, _, _ = top_and_bottom(entries, 10)
    assert [e.name for e in best] == [f"c{i}" for i in range(10)]
    assert [e.name for e in worst] == [f"c{i}" for i in range(24, 14, -1)]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "eight"
    folder.mkdir()
    rows = [community(社区=f"{n}社区", 活动开展次数=acts, 道德讲堂=hall)
            for n, acts, hall in [("甲", 8, "是"), ("乙", 8, "是"), ("丙", 8, "是"), ("丁", 8, "是"),
                                  ("戊", 8, "是"), ("己", 8, "是"), ("庚", 2, "否"), ("辛", 8, "否")]]
    write_ledger(folder / "a.xlsx", rows)
    return folder


def test_score_json_top_and_bottom_are_disjoint_and_bottom_has_no_compliant(cli, tmp_path):
    _, out, _ = cli("score", _folder(tmp_path), "--format", "json", "--as-of", "2022-06-30")
    report = json.loads(out)
    top = [c["community"] for c in report["top"]]
    bottom = [c["community"] for c in report["bottom"]]
    assert len(top) == 4 and not set(top) & set(bottom)
    assert bottom == ["庚社区", "辛社区"]


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_bulletin_from_an_older_report_with_overlapping_lists_criticises_no_compliant_community(cli, tmp_path):
    report = tmp_path / "r.json"
    cli("score", _folder(tmp_path), "--format", "json", "--as-of", "2022-06-30", "--output", report)
    data = json.loads(report.read_text(encoding="utf-8"))
    ranked = data["rankings"]["communities"]
    data["top"], data["bottom"] = ranked, list(reversed(ranked))  # as reports before the fix had them
    data["top_ties"] = data["bottom_ties"] = None
    report.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "b.docx"
    api.bulletin(api.BulletinOptions(kind="weekly", report=report, output=out))
    text = _docx_text(out)
    criticism = text[text.index("通报批评"):]
    criticism = criticism[:criticism.index("。")]
    assert "庚社区" in criticism and "甲社区" not in criticism
