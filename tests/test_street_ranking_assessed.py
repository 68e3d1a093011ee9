"""The street ranking says when a street is ranked on partly assessed indicators, as 十佳 / 十差 do (finding
M3 of probe10): 城东 ranked first on 11 of 13 indicators above 河西 on 13 of 13 said nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from ledgers import HEADERS, community, write_ledger

NOTE = "未全部评估的街道（见“已评估/总数”）可能排在全部评估的街道之前"


def _folder(tmp_path: Path) -> Path:
    """东街道's file has no 群众满意度 column (12 of 13 assessed); 西街道's has every column."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(街道="东街道", 社区="甲社区")],
                 headers=[h for h in HEADERS if h != "群众满意度（%）"])
    write_ledger(folder / "b.xlsx", [community(街道="西街道", 社区="乙社区"),
                                     community(街道="西街道", 社区="丙社区", 道德讲堂="否")])
    return folder


def test_the_street_ranking_shows_assessed_of_total_and_a_note(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    folder = _folder(tmp_path)
    _, out, _ = cli("score", folder, "--as-of", "2022-06-30")
    section = out[out.index("街道排名"):]
    assert "已评估/总数" in section.splitlines()[2] and NOTE in section
    row = next(line for line in section.splitlines() if "东街道" in line)
    assert row.split()[-1] == "12/13"
    _, md, _ = cli("score", folder, "--as-of", "2022-06-30", "--format", "md")
    streets = md[md.index("## 街道排名"):md.index("## 区县排名")]
    assert "| 12/13 |" in streets and "| 13/13 |" in streets and NOTE in streets
    book = tmp_path / "r.xlsx"
    cli("score", folder, "--as-of", "2022-06-30", "--output", book)
    cells = [c for r in openpyxl.load_workbook(book)["街道排名"].iter_rows(values_only=True) for c in r]
    assert "已评估/总数" in cells and "12/13" in cells and any(isinstance(c, str) and NOTE in c for c in cells)


def test_fully_assessed_streets_add_no_column(cli, tmp_path):
    folder = tmp_path / "full"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(街道="东街道", 社区="甲社区"), community(街道="西街道", 社区="乙社区")])
    _, md, _ = cli("score", folder, "--as-of", "2022-06-30", "--format", "md")
    assert "已评估/总数" not in md and NOTE not in md
