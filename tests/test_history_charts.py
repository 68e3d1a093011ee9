"""PNG charts (render.charts) never draw a tofu box: with a CJK font found on the system every Chinese label is
drawn in it; with none (the font finder given an empty list) or a label the font lacks, the label becomes a
safe ASCII one and one catalogue warning says so. matplotlib's own "Glyph … missing from font(s)" warning is
the witness that a box would have been drawn. The CJK font is one the tests build (``cjk_font.py``), so they
need no font installed on the machine. ``creatio history --charts DIR`` writes the pictures."""

from __future__ import annotations

import io
import warnings

import pytest
from history_helpers import history_report, scored
from PIL import Image

from creatio_cli import api
from creatio_cli.messages import Message
from creatio_cli.render import charts, fonts
from creatio_cli.render.fonts import ChartFonts, FontEntry

NAMES = ["清江浦区", "淮安区", "洪泽区"]
MONGOLIAN = "ᠰᠤᠮᠤ嘎查"  # a name in Mongolian script: no CJK font covers it


def _draw(chart_fonts: ChartFonts) -> list[bytes]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pictures = [
            charts.line_chart(["2022-06-24", "2022-07-01"], [(n, [90.0 + i, 91.0 + i]) for i, n in enumerate(NAMES)],
                              chart_fonts, title="各区县平均分", title_fallback="District mean scores",
                              reference=("序时进度", [0.48, 0.5])),
            charts.bar_chart(["一个道德讲堂", "一个家长学校"], [0.5, 0.75], chart_fonts, title="各指标达标率",
                             title_fallback="Pass rates", percent=True, reference=0.5,
                             fallbacks=["six.moral_lecture_hall", "six.parent_school"]),
        ]
    tofu = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert tofu == []  # matplotlib would say so for every box it drew
    return pictures


def test_a_cjk_font_is_found_and_draws_every_label(cjk_font):
    font = fonts.find_cjk_font()
    assert font is not None and font == cjk_font
    assert font.name in fonts.CANDIDATES and font.covers("清江浦区各区县平均分序时进度")
    said: list[Message] = []
    pictures = _draw(ChartFonts(font, said.append))
    assert said == []
    for data in pictures:
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.size[0] == 960 and image.size[1] >= 540
    assert ChartFonts(font).labels(NAMES) == NAMES


def test_without_a_cjk_font_labels_become_numbers_and_one_warning_says_so():
    said: list[Message] = []
    chart_fonts = ChartFonts.find(said.append, fonts=[])  # the finder sees no font at all
    assert chart_fonts.font is None
    assert chart_fonts.labels(NAMES) == ["#1", "#2", "#3"]
    assert chart_fonts.label("Mean score", "x") == "Mean score"  # ASCII needs no CJK font
    assert chart_fonts.labels(["一个道德讲堂"], ["six.moral_lecture_hall"]) == ["six.moral_lecture_hall"]
    _draw(chart_fonts)
    assert [m.code for m in said] == ["chart.font_missing"]  # once, however many labels and charts
    assert "Noto Sans CJK SC" in said[0].render("en")


def test_a_font_with_only_latin_glyphs_is_not_taken_for_chinese():
    from matplotlib import font_manager

    dejavu = font_manager.findfont("DejaVu Sans")
    assert fonts.find_cjk_font([FontEntry("Noto Sans CJK SC", dejavu)]) is None  # named like one, covers no 汉字


def test_a_label_the_font_lacks_falls_back_with_a_warning(cjk_font):
    font = cjk_font
    said: list[Message] = []
    chart_fonts = ChartFonts(font, said.append)
    assert chart_fonts.labels([MONGOLIAN, "清江浦区", MONGOLIAN]) == ["#1", "清江浦区", "#3"]
    assert [m.code for m in said] == ["chart.glyph_missing"]
    assert MONGOLIAN in said[0].render("zh") and font.name in said[0].render("en")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.line_chart(["2022-06-24"], [(MONGOLIAN, [90.0])], chart_fonts, title=MONGOLIAN, title_fallback="x")
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_the_same_chart_is_the_same_bytes(cjk_font):
    font = cjk_font
    one, two = _draw(ChartFonts(font)), _draw(ChartFonts(font))
    assert one == two


@pytest.mark.parametrize("found", [True, False], ids=["cjk-font", "no-font"])
def test_history_charts_writes_the_pictures(tmp_path, cli, monkeypatch, cjk_font, found):
    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "all")
    api.record_run(scored("week2"), path, "all")
    if not found:
        monkeypatch.setattr(fonts, "system_fonts", lambda: [])
    out = tmp_path / "charts"
    code, _, err = cli("history", "--history", path, "--charts", out, "--community", "五里社区", "--street", "朱坝街道",
                       "--lang", "en")
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["behind-schedule.png", "completion.png", "districts.png", "mean-score.png", "partners.png",
                     "pass-rates.png", "streets.png", "trajectory.png"]
    assert all(Image.open(out / n).format == "PNG" for n in names)
    warned = err.count("no font that shows Chinese was found")
    assert warned == (0 if found else 1)


def test_charts_into_a_file_is_exit_2(tmp_path, cli):
    path = tmp_path / "h.sqlite"
    api.record_run(scored("week1"), path, "all")
    (tmp_path / "charts").write_text("x")
    code, _, err = cli("history", "--history", path, "--charts", tmp_path / "charts", "--lang", "en")
    assert code == 2 and "--charts takes a folder" in err


def test_charts_need_one_series(tmp_path):
    from dataclasses import replace

    from creatio_cli.render.history_charts import write_charts

    report = history_report("run")
    other = replace(report.runs[1], scope="district=宿城区")
    assert write_charts(replace(report, runs=(report.runs[0], other)), tmp_path, "zh") == []
    assert len(write_charts(report, tmp_path, "zh")) >= 5


def test_the_tofu_witness_works():
    """Without the label check, matplotlib draws boxes for Chinese in DejaVu Sans — and says so."""

    class Unchecked(ChartFonts):
        def label(self, text: str, fallback: str) -> str:
            return text

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.line_chart(["2022-06-24"], [("清江浦区", [90.0])], Unchecked(None), title="各区县平均分")
    assert [w for w in caught if "missing from font" in str(w.message)]
