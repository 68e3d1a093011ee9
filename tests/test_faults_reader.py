"""One crafted file must never cost the good ones: the guard bounds what the parser will allocate (cell
references, dimensions, merged ranges), and every file is read in an isolated process, so a reader that
dies takes only its own file with it — with one worker as with many."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import xlwt
from badfiles import abort_on_bombs, good_xlsx, inline, ledger_rows, raw_xlsx, sheet_xml
from ledgers import community, write_ledger

from creatio_cli import batch
from creatio_cli.ledger import workers
from creatio_cli.standards import load_standard


def _far_cell(path: Path, cell: str) -> Path:
    """A small valid ledger whose first row also holds ``cell`` (raw XML of one <c> element)."""
    rows = ledger_rows()
    rows[0] = rows[0].replace("</row>", cell + "</row>")
    return raw_xlsx(path, sheet_xml(rows))


FAR_CELLS = {
    "last cell of the sheet": '<c r="XFD1048576"><v>1</v></c>',
    "after a line break": '<c\nr="XFD1048576"><v>1</v></c>',
    "leading zeros": '<c r="XFD0001048576"><v>1</v></c>',
    "a row far below": '<c r="A3000000"><v>1</v></c>',
    "five letters": '<c r="ABCDE1"><v>1</v></c>',
}


@pytest.mark.parametrize("label", FAR_CELLS)
def test_a_cell_reference_far_outside_its_rows_is_refused_before_parsing(cli, tmp_path, label):
    path = _far_cell(tmp_path / "far.xlsx", FAR_CELLS[label])
    assert path.stat().st_size < 12_000
    code, _out, err = cli("check", path)
    assert code == 2, err
    assert "far.xlsx" in err and "Traceback" not in err and err.count("\n") == 1


def test_a_cell_reference_inside_the_rows_is_read_as_usual(cli, tmp_path):
    # The same shape with a reference that stays inside the sheet: no false alarm.
    path = _far_cell(tmp_path / "near.xlsx", '<c r="Z1"><v>1</v></c>')
    code, _out, err = cli("check", path, "--format", "json")
    assert code in (0, 1), err


def test_fifty_huge_merged_ranges_are_refused_at_once(cli, tmp_path):
    # 50 distinct 5,000 × 200 ranges: 50 million merged cells in a 13 KB file. Stacked, they also make the
    # sheet too large; shifted one column each, the sheet stays small and the merged area alone refuses it.
    stacked = [f"A{10 + i * 5000}:GR{10 + i * 5000 + 4999}" for i in range(50)]
    letters = [chr(65 + i) for i in range(26)] + [f"A{chr(65 + i)}" for i in range(24)]
    shifted = [f"{letters[i]}10:{letters[i]}5009" for i in range(50)]
    shifted = [f"{first.split(':')[0]}:G{chr(65 + i % 26)}5009" for i, first in enumerate(shifted)]
    for name, merges, limit in (("stacked.xlsx", stacked, "CREATIO_MAX_CELLS"),
                                ("shifted.xlsx", shifted, "CREATIO_MAX_MERGED_CELLS")):
        path = raw_xlsx(tmp_path / name, sheet_xml(ledger_rows(), merges=merges))
        assert path.stat().st_size < 20_000
        code, _out, err = cli("check", path)
        assert code == 2 and name in err and limit in err, err


def test_merged_ranges_of_a_legacy_xls_are_bounded_too(cli, tmp_path, monkeypatch):
    book = xlwt.Workbook()
    sheet = book.add_sheet("台账")
    for c, h in enumerate(["街道", "社区", "户数", "道德讲堂"]):
        sheet.write(0, c, h)
    for r in range(1, 7):
        sheet.write(r, 1, f"社区{r}")
        sheet.write(r, 2, 1000)
        sheet.write(r, 3, "是")
    sheet.write_merge(1, 3, 0, 0, "古城街道")
    sheet.write_merge(4, 6, 0, 0, "幸福街道")
    path = tmp_path / "old.xls"
    book.save(str(path))
    monkeypatch.setenv("CREATIO_MAX_MERGED_RANGES", "1")
    code, _out, err = cli("check", path)
    assert code == 2 and "old.xls" in err and "CREATIO_MAX_MERGED_RANGES" in err
    monkeypatch.delenv("CREATIO_MAX_MERGED_RANGES")
    code, out, err = cli("check", path, "--format", "json", "--all-findings")
    assert code in (0, 1), err
    streets = {c["street"] for c in json.loads(out)["communities"]}
    assert streets == {"古城街道", "幸福街道"}  # merged street cells still fill their rows


def _folder_with(tmp_path: Path, bad: dict[str, callable]) -> Path:
    folder = tmp_path / "wk"
    folder.mkdir()
    for i in range(12):
        write_ledger(folder / f"good{i:02d}.xlsx", [community(街道=f"街道{i}", 社区=f"社区{i}")])
    for name, build in bad.items():
        build(folder / name)
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_score_goes_on_past_a_crafted_file(cli, tmp_path, jobs):
    folder = _folder_with(tmp_path, {"bomb.xlsx": lambda p: _far_cell(p, FAR_CELLS["last cell of the sheet"])})
    report = tmp_path / "report.json"
    code, _out, err = cli("score", folder, "--jobs", jobs, "--output", report)
    assert code == 1, err
    files = {Path(f["path"]).name: f for f in json.loads(report.read_text())["files"]}
    assert files["bomb.xlsx"]["status"] == "skipped"
    assert [n for n, f in files.items() if f["status"] == "ok"] == [f"good{i:02d}.xlsx" for i in range(12)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_reader_that_dies_costs_only_its_own_file(tmp_path, monkeypatch, jobs):
    # Workers are forked from this process, so they run the patched reader.
    monkeypatch.setattr(workers, "read_one", abort_on_bombs(workers.read_one))
    builders = {f"bomb{i}.xlsx": good_xlsx for i in range(3)}
    folder = _folder_with(tmp_path, builders)
    paths = batch.find_ledgers(folder)
    found = batch.read_folder(paths, load_standard(), jobs=jobs)
    status = {Path(f.path).name: (f.status, f.reason) for f in found.files}
    for i in range(3):
        assert status[f"bomb{i}.xlsx"][0] == "skipped"
        assert "SIGABRT" in status[f"bomb{i}.xlsx"][1].render("en")
    assert sorted(n for n, (s, _) in status.items() if s == "ok") == [f"good{i:02d}.xlsx" for i in range(12)]
    assert len(found.ledger.frame) == 12


def test_check_reports_a_dead_reader_as_an_unreadable_file(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "read_one", abort_on_bombs(workers.read_one))
    path = good_xlsx(tmp_path / "bomb.xlsx")
    code, _out, err = cli("check", path)
    assert code == 2 and "bomb.xlsx" in err and "SIGABRT" in err and err.count("\n") == 1


@pytest.mark.parametrize("lang, says", [("zh", "读取进程意外退出（退出码 7："), ("en", "the reader exited (exit code 7:")])
def test_a_reader_that_exits_is_named_with_its_exit_code_in_the_users_language(cli, tmp_path, monkeypatch, lang, says):
    def exit_on_bombs(path, task):
        if path.name.startswith("bomb"):
            os._exit(7)  # a native reader calling exit() instead of aborting
        raise AssertionError("only the bomb is read")

    monkeypatch.setattr(workers, "read_one", exit_on_bombs)
    path = good_xlsx(tmp_path / "bomb.xlsx")
    code, _out, err = cli("check", path, "--lang", lang)
    assert code == 2 and says in err and err.count("\n") == 1, err
    said = err.split("bomb.xlsx", 1)[1]  # the message after the path (the tmp path holds the test's name)
    assert ("exit" not in said) if lang == "zh" else ("退出" not in said)


def _creatio(*args: object, env: dict[str, str]) -> subprocess.CompletedProcess:
    """creatio in a fresh process: its reader starts from a small address space, as a user's does (a
    reader forked from this test process would inherit the memory earlier tests freed)."""
    return subprocess.run([sys.executable, "-m", "creatio_cli", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)


def test_a_reader_over_its_memory_limit_is_stopped_and_named(tmp_path):
    # 300 remarks of 40,000 random characters: reading them takes far more than 8 MB.
    rows = [community(社区=f"社区{i}", 备注=os.urandom(20_000).hex()) for i in range(300)]
    path = write_ledger(tmp_path / "a.xlsx", rows)
    done = _creatio("check", path, "--lang", "en", env={"CREATIO_MAX_READER_MB": "8"})
    assert done.returncode == 2 and "a.xlsx" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "CREATIO_MAX_READER_MB" in done.stderr or "SIGABRT" in done.stderr
    assert _creatio("check", path, env={"CREATIO_MAX_READER_MB": "4096"}).returncode in (0, 1)


def test_columns_come_back_from_a_worker_unchanged(tmp_path, standard):
    # The columns travel by pickle and marshal; every value and type must survive, dates included.
    from creatio_cli.ledger.load import read_columns

    path = write_ledger(tmp_path / "a.xlsx", [community(备注="2022年6月1日"), community(社区="和平社区", 户数="约1200")])
    direct = read_columns(path, standard)
    via = workers.read_isolated(path, workers.ReadTask(standard))
    assert list(via.data) == list(direct.data)
    for name, column in direct.data.items():
        assert list(via.data[name]) == list(column) or all(
            (a != a and b != b) or a == b for a, b in zip(via.data[name], column, strict=True)), name
    assert via.warnings == direct.warnings and via.sheets == direct.sheets


def test_cells_of_inline_xml_rows_survive_the_guard(tmp_path, standard):
    # A sheet written with tabs between attributes is measured exactly (and read as usual).
    rows = [r.replace(' r="', '\tr="') for r in ledger_rows()]
    path = raw_xlsx(tmp_path / "tabs.xlsx", sheet_xml(rows))
    cols = workers.read_isolated(path, workers.ReadTask(standard))
    assert list(cols.data["community"]) == ["幸福社区", "和平社区"]
    assert inline  # the helper used by ledger_rows
