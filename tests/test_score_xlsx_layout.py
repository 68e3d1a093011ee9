"""`creatio score --output x.xlsx` reads on screen and on paper (seen through LibreOffice with docs/render.py):
before, every column was as wide as its heading (a street name ran into the next column), nothing was set up
for printing (the 问题明细 sheet printed on a page per few columns), and the street chart beside the table had its
value axis reversed (100 on the left), starting at 86 and split across two pages."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest
from ledgers import community, write_ledger

from creatio_cli.render import xlsx_layout

WEEKLY = Path(__file__).resolve().parent.parent / "samples" / "weekly"
LONG_STREET = "经济技术开发区新城片区清江浦街道"  # 16 characters: 34 width units with padding


def _score(tmp: Path, folder: Path, lang: str, *extra: str) -> openpyxl.Workbook:
    from creatio_cli.cli import app
    from creatio_cli.cli.runner import run

    out = tmp / f"score-{lang}.xlsx"
    assert run(app, ["score", str(folder), "--output", str(out), "--lang", lang, "--jobs", "1", *extra]) in (0, 1)
    return openpyxl.load_workbook(out)


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, openpyxl.Workbook]:
    """week5 against week4 (score changes), in both languages."""
    from creatio_cli.cli import app
    from creatio_cli.cli.runner import run

    tmp = tmp_path_factory.mktemp("scorexlsx")
    base = tmp / "week4.json"
    assert run(app, ["score", str(WEEKLY / "week4"), "--output", str(base), "--jobs", "1"]) == 1
    return {lang: _score(tmp, WEEKLY / "week5", lang, "--baseline", str(base)) for lang in ("zh", "en")}


def _col(ws, header: str) -> str:
    """The column letter of ``header`` in the heading row."""
    return next(c.column_letter for c in ws[1] if c.value == header)


def _cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


def test_columns_fit_a_long_chinese_street_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(街道=LONG_STREET, 社区="甲社区"), community(街道="东街道", 社区="乙社区")])
    book = _score(tmp_path, folder, "zh")
    need = xlsx_layout.text_width(LONG_STREET)  # 32: each Chinese character counts 2
    for name in ("社区排名", "街道排名", "问题明细"):
        ws = book[name]
        if ws.max_row < 2:
            continue
        assert ws.column_dimensions[_col(ws, "街道")].width >= need, name
    # ... and no wider than the text asks: the narrow 排名 column is not padded to the street's width.
    ranking = book["社区排名"]
    assert ranking.column_dimensions[_col(ranking, "排名")].width < 10


def test_every_sheet_is_set_up_for_print(books):
    for lang, book in books.items():
        for ws in book.worksheets:
            where = f"{lang}/{ws.title}"
            assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), where  # heading row frozen
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), where
            assert ws.print_title_rows.replace("$", "") == "1:1", where  # heading row on every printed page
            assert ws.page_setup.paperSize == 9, where  # A4
            assert "&P" in ws.oddFooter.center.text, where
            fitted = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
            if fitted:  # one page wide, as many long as it takes
                assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0, where
            else:  # too wide to shrink legibly: spills sideways with whose row it is repeated
                assert ws.print_title_cols, where
        summary, findings = book.worksheets[0], book.worksheets[-2]
        assert summary.page_setup.orientation in (None, "portrait"), lang  # two columns: portrait
        assert findings.page_setup.orientation == "landscape", lang  # fifteen columns: landscape


def test_numbers_have_one_format_a_column(books):
    book = books["zh"]
    ranking = book["社区排名"]
    assert ranking[f"{_col(ranking, '完成率')}2"].number_format == "0.0%"
    assert ranking[f"{_col(ranking, '分数变化')}2"].number_format.startswith("+0;-0")
    assert ranking[f"{_col(ranking, '得分')}2"].number_format in ("0", "0.0")  # the sample's scores are whole
    streets = book["街道排名"]
    assert streets[f"{_col(streets, '平均分')}2"].number_format == "0.00"  # 99.33: as the other formats show it
    assert streets[f"{_col(streets, '达标率')}2"].number_format == "0.0%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_street_chart_starts_at_zero_is_not_reversed_and_sits_under_the_table(books, lang):
    book = books[lang]
    streets = book.worksheets[4]
    charts = streets._charts
    assert len(charts) == 1
    chart = charts[0]
    value_axis, category_axis = chart.y_axis, chart.x_axis  # openpyxl: a bar chart's numbers on y
    assert type(value_axis).__name__ == "NumericAxis" and type(category_axis).__name__ == "TextAxis"
    assert value_axis.scaling.orientation == "minMax"  # not reversed: 0 on the left
    assert value_axis.scaling.min == 0
    assert value_axis.scaling.max == 100  # the full score, not far beyond the data
    assert category_axis.scaling.orientation == "maxMin"  # rank 1 on top, as in the table
    anchor = chart.anchor._from
    below = anchor.row >= streets.max_row  # 0-based anchor row: past the last data row (1-based max_row)
    beside = anchor.col >= streets.max_column
    assert below or beside, (anchor.row, anchor.col, streets.max_row, streets.max_column)
    title = "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))
    assert title == {"zh": "各街道平均分", "en": "Street mean scores"}[lang]
    assert chart.series[0].tx.v == {"zh": "平均分", "en": "Mean score"}[lang]


def test_english_report_has_english_sheets_and_headings(books):
    book = books["en"]
    for ws in book.worksheets:
        assert not _cjk(ws.title), ws.title
        headings = [c.value for c in ws[1]]
        assert all(isinstance(h, str) and h and not _cjk(h) for h in headings), (ws.title, headings)
        assert "&A" in (ws.oddHeader.center.text or "")  # the sheet's (English) name above each page
    assert book.worksheets[0].title == "Summary"
