"""``creatio bulletin``: the 周通报 / 月通报 (issue 13).

The headline numbers are checked against the sample generator's oracle (samples/weekly/*expected*.json:
what each community was made to fail, the standard's points, the designed notice cycle), never against
creatio's own output, and then against what ``score --baseline`` says of the same two weeks. Every number
of a sentence must come from the data: a report changed by hand changes the sentence.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from creatio_cli import api
from creatio_cli.cli import app
from creatio_cli.cli.runner import run

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "weekly"
REGISTER = SAMPLES / "notices" / "register.sqlite"


def _score(folder: Path, out: Path, *extra: str) -> Path:
    assert run(app, ["score", str(folder), "--format", "json", "--output", str(out), "--jobs", "1", *extra]) in (0, 1)
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """week4, week5 (plain) and week5 made with ``--baseline week4`` (the weekly routine)."""
    where = tmp_path_factory.mktemp("reports")
    week4 = _score(SAMPLES / "week4", where / "week4.json")
    week5 = _score(SAMPLES / "week5", where / "week5.json")
    week5b = _score(SAMPLES / "week5", where / "week5-vs-4.json", "--baseline", str(week4))
    return {"week4": week4, "week5": week5, "week5b": week5b}


def _text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _weekly(tmp_path: Path, report: Path, baseline: Path | None = None, **extra) -> tuple[api.BulletinRun, str]:
    out = tmp_path / "bulletin.docx"
    drafted = api.bulletin(api.BulletinOptions(kind="weekly", report=report, baseline=baseline, output=out, **extra))
    assert drafted.path == out
    return drafted, _text(out)


def _num(value: float) -> str:
    """As the bulletin prints a score: two decimals, trailing zeros dropped (written here, not imported)."""
    return f"{round(value, 2):.2f}".rstrip("0").rstrip(".")


def _mean(value: float) -> str:
    """As the bulletin prints a mean score: always two decimals (written here, not imported)."""
    return f"{round(value, 2):.2f}"


def _oracle(week: int) -> dict:
    """A week's headline figures from the generator's oracle: every community's points lost of 100."""
    expected = json.loads((SAMPLES / f"week{week}.expected.json").read_text(encoding="utf-8"))
    rows = expected["communities"]
    summary = expected["summary"]
    return {"communities": summary["communities"], "behind": summary["behind_schedule"],
            "compliant": summary["communities"] - summary["with_any_shortfall"],
            "mean": sum(100 - r["points_lost"] for r in rows) / len(rows), "as_of": expected["as_of"]}


# ---- weekly: the headline against the oracle and against score --baseline -----------------------------


def test_weekly_headline_equals_the_generators_oracle(reports, tmp_path):
    now, before = _oracle(5), _oracle(4)
    assert (now["communities"], now["compliant"], now["behind"]) == (300, 244, 5)  # samples/README.md
    _, text = _weekly(tmp_path, reports["week5"], reports["week4"])
    day = date.fromisoformat(now["as_of"])
    progress = day.timetuple().tm_yday / 365  # 序时进度, day convention (samples/README.md)
    mean_now, mean_before = round(now["mean"], 2), round(before["mean"], 2)
    assert (f"截至{day.month}月{day.day}日，全市纳入考核的社区共{now['communities']}个，"
            f"序时进度为{progress * 100:.1f}%。") in text
    assert (f"达到创建标准的社区{now['compliant']}个，占{now['compliant'] / now['communities'] * 100:.1f}%，"
            f"较上周（{before['compliant']}个）增加{now['compliant'] - before['compliant']}个；") in text
    assert f"慢于序时进度的社区{now['behind']}个，较上周（{before['behind']}个）减少{before['behind'] - now['behind']}个；" in text
    assert f"社区平均得分{_mean(mean_now)}分，较上周（{_mean(mean_before)}分）提高{_num(mean_now - mean_before)}分。" in text

    # The movers: a changed community's score moves by the points of what it fixed less what it newly fails.
    changes = json.loads((SAMPLES / "changes-week5.json").read_text(encoding="utf-8"))
    points = json.loads((SAMPLES / "week5.expected.json").read_text(encoding="utf-8"))["points"]
    moves = [sum(points[i] for i in c["fixed"]) - sum(points[i] for i in c["new"]) for c in changes["changes"]]
    assert f"与上周相比，得分提高的社区共{sum(m > 0 for m in moves)}个" in text
    assert f"与上周相比，得分下降的社区共{sum(m < 0 for m in moves)}个" in text


def test_weekly_headline_equals_what_score_baseline_reports(reports, tmp_path):
    carried = json.loads(reports["week5b"].read_text(encoding="utf-8"))["summary_change"]
    _, compared_here = _weekly(tmp_path, reports["week5"], reports["week4"])
    _, from_report = _weekly(tmp_path, reports["week5b"])  # the comparison score --baseline made
    compliant, behind, mean = carried["compliant"], carried["behind_schedule"], carried["mean_score"]
    for text in (compared_here, from_report):
        assert f"达到创建标准的社区{compliant['after']}个" in text and f"较上周（{compliant['before']}个）" in text
        assert f"慢于序时进度的社区{behind['after']}个，较上周（{behind['before']}个）" in text
        assert f"社区平均得分{_mean(mean['after'])}分，较上周（{_mean(mean['before'])}分）" in text
    assert compared_here.split("二、表扬")[0] == from_report.split("二、表扬")[0]


def test_register_activity_of_the_week_equals_the_designed_cycle(reports, tmp_path):
    """July 16–22 in the sample register, counted from notices.expected.json (the generator's design). The one
    notice cancelled by hand was marked when make_register.py ran (the clock, long after July), so on July 22
    the register had not cancelled it yet: it is counted with the open ones."""
    cycle = json.loads((SAMPLES / "notices.expected.json").read_text(encoding="utf-8"))["notices"]
    start, end = "2022-07-16", "2022-07-22"
    notices = [n for n in cycle if n["kind"] == "notice" and n["as_of"] <= end]
    issued = sum(start <= n["as_of"] <= end for n in notices)
    escalations = sum(n["kind"] == "escalation" and start <= n["as_of"] <= end for n in cycle)
    in_week = [s for n in notices for d, s in n["history"] if start <= d <= end]
    final = [n["status"] for n in notices]
    _, text = _weekly(tmp_path, reports["week5"], reports["week4"], register=REGISTER)
    assert (f"本周（7月16日至7月22日）共下发整改通知书{issued}份、督办通知{escalations}份；"
            f"经复查整改到位{in_week.count('rectified')}份，逾期未整改{in_week.count('overdue')}份。") in text
    assert (f"累计下发整改通知书{len(notices)}份，其中已整改到位{final.count('rectified')}份，"
            f"逾期未整改{final.count('overdue')}份，正在整改{final.count('open') + final.count('cancelled')}份。") in text
    overdue = [n["community"] for n in notices if n["status"] == "overdue"]
    assert f"整改通知书逾期未整改的社区{len(overdue)}个" in text
    assert all(name in text.split("整改通知书逾期未整改的社区")[1] for name in overdue)


# ---- every number from the data --------------------------------------------------------------------


def _mutated(source: Path, out: Path, change) -> Path:
    report = json.loads(source.read_text(encoding="utf-8"))
    change(report)
    out.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return out


def test_changing_the_report_changes_the_sentences(reports, tmp_path):
    _, plain = _weekly(tmp_path, reports["week5"], reports["week4"])

    def edit(report: dict) -> None:
        report["summary"]["communities"] = 301
        report["summary"]["compliant"] = 243
        report["summary"]["behind_schedule"] = 7
        report["expected_progress"] = 0.5
        first = report["rankings"]["streets"][0]
        first["mean_score"] = 99.87
        report["rankings"]["districts"][0]["mean_score"] = 12.5
        for row in report["pass_rates"]:
            if row["indicator"] == "volunteers.share":
                row["pass_rate"], row["met"] = 0.5, row["applicable"] // 2

    changed = _mutated(reports["week5"], tmp_path / "changed.json", edit)
    _, text = _weekly(tmp_path, changed, reports["week4"])
    assert "全市纳入考核的社区共301个，序时进度为50.0%。" in text and "共300个" in plain
    assert "达到创建标准的社区243个，占80.7%，较上周（236个）增加7个；" in text
    assert "慢于序时进度的社区7个，较上周（6个）增加1个；" in text
    street = json.loads(reports["week5"].read_text(encoding="utf-8"))["rankings"]["streets"][0]
    assert f"{street['district']}{street['street']}（99.87分）" in text
    assert f"{street['district']}{street['street']}（99.87分）" not in plain
    assert "12.50分" in text.split("分区县看")[1].split("。")[0]  # a mean always has two decimals
    assert "（合格率50.0%，150个社区未达标）" in text


def test_changing_the_top_list_changes_the_praise(reports, tmp_path):
    def edit(report: dict) -> None:
        report["top"] = report["top"][:3]
        report["top_ties"] = None

    _, text = _weekly(tmp_path, _mutated(reports["week5"], tmp_path / "top3.json", edit), reports["week4"])
    names = [r["community"] for r in json.loads(reports["week5"].read_text(encoding="utf-8"))["top"][:3]]
    assert f"本周得分排名前3位的社区（十佳社区）是：{names[0]}（" in text
    assert "并列第1名" not in text.split("二、表扬")[1].split("与上周相比")[0]


def test_a_whole_tie_at_the_top_is_said_first(reports, tmp_path):
    report = json.loads(reports["week5"].read_text(encoding="utf-8"))
    tie = report["top_ties"]
    assert tie is not None and tie["tied"] > len(report["top"])  # 244 communities at 100
    _, text = _weekly(tmp_path, reports["week5"], reports["week4"])
    assert f"本周{tie['tied']}个社区得分并列第{tie['rank']}名（得分{_num(tie['score'])}分" in text
    assert f"十佳社区无法区分先后，按区县、街道、社区顺序列出其中前{tie['shown']}个：{report['top'][0]['community']}" in text


# ---- the page ----------------------------------------------------------------------------------------


def test_page_number_field_headings_kept_with_next_and_title_balanced(reports, tmp_path):
    from docx import Document

    drafted, _ = _weekly(tmp_path, reports["week5"], reports["week4"])
    with zipfile.ZipFile(drafted.path) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert footers and all("PAGE" in f for f in footers)  # — PAGE — in every footer, a field
    assert any("fldSimple" in f or "instrText" in f for f in footers)
    doc = Document(str(drafted.path))

    def kept(paragraph) -> bool:
        if paragraph.paragraph_format.keep_with_next is not None:
            return bool(paragraph.paragraph_format.keep_with_next)
        style = paragraph.style
        while style is not None:
            if style.paragraph_format.keep_with_next is not None:
                return bool(style.paragraph_format.keep_with_next)
            style = style.base_style
        return False

    headings = [p for p in doc.paragraphs if p.text in ("一、总体情况", "二、表扬", "三、通报批评", "四、存在问题", "五、下步要求")]
    assert len(headings) == 5 and all(kept(p) for p in headings)
    pictures = [p for p in doc.paragraphs if p._p.xpath(".//pic:pic")]
    assert len(pictures) == 2 and all(kept(p) for p in pictures)  # never a picture without its caption
    title = next(p for p in doc.paragraphs if p.text.startswith("关于"))
    assert title.text == "关于截至2022年7月22日全市社区\n创建工作进展情况的通报"  # two lines, each reads whole
    assert kept(title)


def test_charts_draw_chinese_labels_or_say_why_not(reports, tmp_path):
    drafted, text = _weekly(tmp_path, reports["week5"], reports["week4"])
    assert set(drafted.charts) == {"streets", "pass_rates"}
    for chart in drafted.charts.values():
        assert chart.png.startswith(b"\x89PNG")
        if chart.fallback:  # no CJK font here: numbered labels, their names under the chart, and a note
            assert "图中序号：1." in text
            assert any(n.code in ("bulletin.no_cjk_font", "bulletin.glyphs_missing") for n in drafted.notes)


def test_bundled_template_is_what_make_template_builds(tmp_path):
    from creatio_cli.bulletin.docx import DEFAULT_TEMPLATE
    from creatio_cli.bulletin.make_template import build

    fresh = build(tmp_path / "fresh.docx")
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(DEFAULT_TEMPLATE) as b:
        assert a.namelist() == b.namelist()
        for part in a.namelist():
            assert a.read(part) == b.read(part), part


# ---- the command -------------------------------------------------------------------------------------


def test_cli_writes_the_default_name_here_and_nothing_beside_the_inputs(reports, tmp_path, monkeypatch, cli):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    inputs = sorted(p.name for p in reports["week5"].parent.iterdir())
    code, out, err = cli("bulletin", "weekly", "--report", reports["week5"], "--baseline", reports["week4"])
    assert code == 0 and out == "", err  # notes go to stderr
    assert sorted(p.name for p in here.iterdir()) == ["周通报-2022-07-22.docx"]
    assert sorted(p.name for p in reports["week5"].parent.iterdir()) == inputs
    assert "周通报：截至 2022-07-22，对比 2022-07-15" in err


def test_lang_en_speaks_english(reports, tmp_path, cli):
    out = tmp_path / "en.docx"
    code, _, err = cli("bulletin", "weekly", "--report", reports["week5"], "--baseline", reports["week4"],
                       "--output", out, "--lang", "en")
    assert code == 0 and out.is_file()
    assert "weekly bulletin as of 2022-07-22, compared with 2022-07-15" in err
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in err.replace(str(out), ""))
    code, _, err = cli("bulletin", "weekly", "--report", tmp_path / "missing.json", "--lang", "en")
    assert code == 2 and "file not found" in err


@pytest.mark.parametrize("content", [None, "not json {", "{}", '{"communities": []}', "[1, 2]", "folder",
                                     '{"communities": [], "rankings": {}}'])
def test_a_bad_report_is_one_line_exit_2_and_nothing_written(tmp_path, cli, content):
    report = tmp_path / "r.json"
    if content == "folder":
        report.mkdir()
    elif content is not None:
        report.write_text(content, encoding="utf-8")
    out = tmp_path / "out.docx"
    code, stdout, err = cli("bulletin", "weekly", "--report", report, "--output", out)
    assert code == 2 and stdout == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and str(report) in err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["r.json"] * (content is not None)


def test_a_bad_baseline_or_an_output_over_an_input_is_refused(reports, tmp_path, cli):
    code, _, err = cli("bulletin", "weekly", "--report", reports["week4"], "--baseline", reports["week5"],
                       "--output", tmp_path / "x.docx")
    assert code == 2 and "不早于" in err and not (tmp_path / "x.docx").exists()
    before = reports["week5"].read_bytes()
    code, _, err = cli("bulletin", "weekly", "--report", reports["week5"], "--output", reports["week5"])
    assert code == 2 and reports["week5"].read_bytes() == before
    code, _, err = cli("bulletin", "weekly")
    assert code == 2 and "--report" in err


def test_monthly_from_the_months_reports(reports, tmp_path, cli):
    out = tmp_path / "m.docx"
    code, _, err = cli("bulletin", "monthly", "--report", reports["week4"], "--report", reports["week5"],
                       "--output", out)
    assert code == 0, err
    text = _text(out)
    now, first = _oracle(5), _oracle(4)
    assert text.startswith("关于2022年7月全市社区\n创建工作情况的通报") or "关于2022年7月全市社区\n创建工作情况的通报" in text
    assert (f"本月共开展检查评分2次（7月15日、7月22日），各次慢于序时进度的社区数依次为{first['behind']}个、"
            f"{now['behind']}个，社区平均得分依次为{_mean(first['mean'])}分、{_mean(now['mean'])}分。") in text
    assert f"较7月15日（{first['compliant']}个）增加{now['compliant'] - first['compliant']}个" in text
    code, _, err = cli("bulletin", "monthly", "--report", reports["week5"], "--as-of", "2022-06-30",
                       "--output", tmp_path / "june.docx")
    assert code == 2 and "2022-06" in err and not (tmp_path / "june.docx").exists()


def test_without_a_chinese_font_the_charts_use_numbers_and_say_what_they_stand_for(reports, tmp_path, monkeypatch):
    from creatio_cli.render import fonts

    monkeypatch.setattr(fonts, "find_cjk_font", lambda *a, **k: None)
    drafted, text = _weekly(tmp_path, reports["week5"], reports["week4"])
    streets = json.loads(reports["week5"].read_text(encoding="utf-8"))["rankings"]["streets"]
    assert all(chart.fallback == "no_font" and chart.legend for chart in drafted.charts.values())
    assert f"图中序号：1. {streets[0]['street']}；2. {streets[1]['street']}；" in text
    assert [n.code for n in drafted.notes].count("bulletin.no_cjk_font") == 1


@pytest.mark.parametrize("settings, office", [("", "XX市创建全国文明城市工作指挥部办公室"), ("printed_by: 宿迁市创文办\n", "宿迁市创文办")])
def test_the_colophon_names_the_printing_office_and_the_bulletins_date(tmp_path, reports, settings, office):
    # GB/T 9704 7.4.3: the 版记 ends with 印发机关 and 印发日期 (the bulletin's own date) before the last rule.
    config = tmp_path / "notices.yaml"
    config.write_text(settings or "cc: []\n", encoding="utf-8")
    _weekly(tmp_path, reports["week5"], reports["week4"], config=config)
    lines = _text(tmp_path / "bulletin.docx").split("\n")  # paragraphs; the last is the rule
    assert lines[-2] == f"{office}\t2022年7月22日印发" and lines[-1] == ""
