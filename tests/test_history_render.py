"""The history report's formats: a name that looks like a formula stays text in csv, md and xlsx; the terminal
shows each view in 80 columns without dropping a value; shares, points and changes are formatted as people
read them. The report is built by hand (history_helpers.history_report)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from history_helpers import history_report
from rich.console import Console

from creatio_cli.render import Format, emit


@pytest.mark.parametrize("view", ["run", "district", "street", "partner", "indicator", "community"])
def test_csv_keeps_formula_like_names_as_text(tmp_path, view):
    out = tmp_path / "h.csv"
    emit(history_report(view), Format.csv, out, "zh")
    fields = [f for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))) for f in row]
    assert not [f for f in fields if f.startswith("=")]
    if view in ("partner", "community"):
        assert "'=市民政局" in fields


def test_xlsx_writes_formula_like_names_as_string_cells(tmp_path):
    out = tmp_path / "h.xlsx"
    emit(history_report(), Format.xlsx, out, "zh")
    book = openpyxl.load_workbook(out)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
             and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
    assert {c.value for c in cells} == {'=HYPERLINK("x")', "=市民政局"}


def test_md_guards_and_escapes(tmp_path):
    out = tmp_path / "h.md"
    emit(history_report("community"), Format.md, out, "en")
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK(\"x\")" in text and "| =HYPERLINK" not in text
    assert "| 40.0% |" in text and "| +30 |" in text  # completion as a percent, the score change signed


@pytest.mark.parametrize("view", ["run", "district", "street", "partner", "indicator", "community"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_terminal_fits_80_columns_without_cutting_a_value(view, lang):
    buf = io.StringIO()
    emit(history_report(view), Format.table, None, lang, Console(file=buf, width=80))
    text = buf.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    for value in ("2022-06-24", "2022-07-01", "49.9%"):
        assert value in text, (view, value)
    if view == "run":
        assert "+22.1" in text and "+35.1" in text  # 70 % − 175/365 and 85 % − 182/365, in points
    if view == "community":
        assert "-10" not in text and "+30" in text  # 40 → 70


def test_a_trajectory_lists_the_unmet_indicators_under_its_table():
    from dataclasses import replace

    report = replace(history_report("community"), filters=(("community", '=HYPERLINK("x")'),))
    buf = io.StringIO()
    emit(report, Format.table, None, "en", Console(file=buf, width=80))
    text = buf.getvalue()
    assert '=HYPERLINK("x") run by run' in text
    assert "Indicators not met:" in text and "A moral lecture hall" in text
