"""One render registry for check and score; one writer; what every report says about unassessed
indicators; the score reports in check's words; units; the terminal at 80 columns."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console
from test_render import make_result

from creatio_cli.render import RENDERERS, REPORT_AUTHOR, Format, Kind, emit, renderer
from creatio_cli.results import Candidate, CheckResult, IndicatorSummary, UnassessedIndicator

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def score_of(check: CheckResult, top: int = 10):  # type: ignore[no-untyped-def]
    from creatio_cli.ranking import rank

    return rank(check, top=top)


def unassessed_result() -> CheckResult:
    """make_result() where the ledger had no column for 群众满意度 (a close header: 居民评价分, column R)."""
    base = make_result()
    communities = tuple(dataclasses.replace(c, indicators_assessed=c.indicators_total - 1) for c in base.communities)
    summary = dataclasses.replace(base.summary, by_indicator=(
        *base.summary.by_indicator,
        IndicatorSummary("satisfaction.residents", base.summary.by_indicator[0].title.__class__(
            zh="群众满意度（不低于90%）", en="Resident satisfaction (≥ 90 %)"), unassessed=3)))
    return dataclasses.replace(base, communities=communities, summary=summary, unassessed=(
        UnassessedIndicator("satisfaction.residents", "satisfaction", ("台账.xlsx",),
                            (Candidate("居民评价分", "R", 0.625), Candidate("满意", "S", 0.5))),))


# --- the registry ---------------------------------------------------------------------------------------

def test_every_format_has_a_renderer_for_each_kind():
    assert set(RENDERERS) == set(Kind)
    for kind in Kind:
        assert set(RENDERERS[kind]) == set(Format), kind
        for fmt in Format:
            assert callable(renderer(kind, fmt)), (kind, fmt)


def sample(kind: Kind):  # type: ignore[no-untyped-def]
    """A report of each kind: a check, a score, a history."""
    if kind is Kind.history:
        from history_helpers import history_report

        return history_report()
    return make_result() if kind is Kind.check else score_of(make_result())


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("fmt", list(Format))
def test_each_renderer_writes_its_report(tmp_path, kind, fmt):
    result = sample(kind)
    assert Kind.of(result) is kind
    out = tmp_path / f"r.{'txt' if fmt is Format.table else fmt.value}"
    assert emit(result, fmt, out, "en") == [out]
    assert out.stat().st_size > 0
    if fmt is Format.json:
        report = json.loads(out.read_text(encoding="utf-8"))
        standard = report["series"]["standard"] if kind is Kind.history else report["standard"]["id"]
        assert standard == "liugeyi-sidabiao"
    if fmt is Format.xlsx:
        assert openpyxl.load_workbook(out).properties.creator == REPORT_AUTHOR


def test_the_report_author_is_what_score_skips():
    from creatio_cli import batch

    assert REPORT_AUTHOR == batch.CREATOR


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_reports_are_recognised_as_creatios_own(tmp_path, lang):
    from creatio_cli.batch import written_by_creatio

    for result in (sample(kind) for kind in Kind):
        out = tmp_path / f"{Kind.of(result)}-{lang}.csv"
        emit(result, Format.csv, out, lang)
        assert written_by_creatio(out), out.read_text(encoding="utf-8-sig").splitlines()[0]


@pytest.mark.parametrize("fmt", [f for f in Format if f is not Format.xlsx])
def test_stdout_is_written_as_utf8_bytes_even_on_a_gbk_console(fmt):
    for result in (sample(kind) for kind in Kind):
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="gbk", errors="strict")
        assert emit(result, fmt, None, "zh", stream) == []
        stream.flush()
        assert "幸福社区".encode() in raw.getvalue() or "幸福社区".encode("gbk") in raw.getvalue()


@pytest.mark.parametrize("command", ["check", "score"])
def test_output_dash_means_stdout(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    target = SAMPLES / ("city-ledger.xlsx" if command == "check" else "weekly/week1")
    code, out, err = cli(command, target, "--format", "json", "--output", "-", "--jobs", "1") if command == "score" \
        else cli(command, target, "--format", "json", "--output", "-")
    assert code == 1
    assert json.loads(out)["standard"]["id"] == "liugeyi-sidabiao"
    assert list(tmp_path.iterdir()) == []  # no file called "-"
    code, _out, err = cli(command, target, "--format", "xlsx", "--output", "-")
    assert code == 2 and "--output" in err


# --- unassessed is visible in every report --------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_check_report_lists_what_it_could_not_assess(tmp_path, lang):
    from creatio_cli.render.i18n import t

    result = unassessed_result()
    sentence = {"zh": "已评估 2/3 项指标", "en": "Assessed 2 of 3 indicators"}[lang]
    guess = {"zh": "居民评价分（R列，匹配度 0.62）", "en": "居民评价分 (column R, match 0.62)"}[lang]
    buf = io.StringIO()
    emit(result, Format.table, None, lang, Console(file=buf, width=200))
    table = buf.getvalue()
    assert sentence in table and guess in table and "satisfaction" in table
    assert f"{t('assessed', lang)} 14/15" in table  # per community
    assert t("unassessed", lang) in table  # the by-indicator column
    emit(result, Format.md, tmp_path / "r.md", lang)
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert sentence in md and guess in md and "| satisfaction.residents |" in md
    emit(result, Format.xlsx, tmp_path / "r.xlsx", lang)
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert sentence in cells and any(guess in c for c in cells) and "2/3" in cells and "14/15" in cells
    assert t("unassessed", lang) in cells


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compliant_is_qualified_when_some_indicators_were_not_assessed(tmp_path, lang):
    """Meeting the indicators a ledger could show is not meeting the standard: every report says so
    where it counts or lists the compliant communities; a fully assessed report keeps the plain word."""
    from creatio_cli.render.i18n import t

    partial, plain = t("compliant_partial", lang), t("compliant", lang)
    for result, expected in ((unassessed_result(), partial), (make_result(), plain)):
        buf = io.StringIO()
        emit(result, Format.table, None, lang, Console(file=buf, width=200))
        emit(result, Format.md, tmp_path / "r.md", lang)
        emit(result, Format.xlsx, tmp_path / "r.xlsx", lang)
        summary = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
        firsts = [row[0] for row in summary.iter_rows(values_only=True)]
        for text in (buf.getvalue(), (tmp_path / "r.md").read_text(encoding="utf-8"), "\n".join(map(str, firsts))):
            assert (partial in text) == (expected == partial)
            assert expected in text


def test_a_report_that_assessed_everything_does_not_talk_about_it(tmp_path):
    from creatio_cli.render.i18n import t

    buf = io.StringIO()
    emit(make_result(), Format.table, None, "en", Console(file=buf, width=200))
    assert "assessed" not in buf.getvalue().lower() and t("unassessed_heading", "en") not in buf.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_score_report_lists_what_it_could_not_assess(tmp_path, lang):
    from creatio_cli.render.i18n import t

    ranked = score_of(unassessed_result())
    guess = {"zh": "居民评价分（R列，匹配度 0.62）", "en": "居民评价分 (column R, match 0.62)"}[lang]
    for fmt in (Format.table, Format.md, Format.csv):
        out = tmp_path / f"s.{'txt' if fmt is Format.table else fmt.value}"
        emit(ranked, fmt, out, lang)
        text = out.read_text(encoding="utf-8-sig")
        if fmt is not Format.table:  # the terminal keeps to the list of what is missing (80 columns)
            assert "14/15" in text, fmt  # each community's assessed/total
        if fmt is not Format.csv:
            assert guess in text and "2/3" in text, fmt
    emit(ranked, Format.xlsx, tmp_path / "s.xlsx", lang)
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert t("sheet_unassessed", lang) in book.sheetnames
    rates = book[t("pass_rates", lang)]
    heads = [c.value for c in rates[1]]
    assert t("unassessed", lang) in heads
    row = next(r for r in rates.iter_rows(min_row=2, values_only=True) if r[0] == "satisfaction.residents")
    assert row[heads.index(t("unassessed", lang))] == 3


# --- score says it in check's words ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def week1(tmp_path_factory) -> Path:
    from creatio_cli.cli import app
    from creatio_cli.cli.runner import run

    path = tmp_path_factory.mktemp("w1") / "week1.json"
    assert run(app, ["score", str(SAMPLES / "weekly" / "week1"), "--output", str(path), "--jobs", "1"]) == 1
    return path


def test_score_xlsx_uses_checks_labels(cli, tmp_path, week1):
    out = tmp_path / "w2.xlsx"
    code, _, _ = cli("score", SAMPLES / "weekly" / "week2", "--baseline", week1, "--output", out, "--jobs", "1")
    assert code == 1
    book = openpyxl.load_workbook(out)
    findings = [list(r) for r in book["问题明细"].iter_rows(values_only=True)]
    status = findings[0].index("状态")
    assert {r[status] for r in findings[1:]} <= {"未达标", "缺数据", "数据无效"} and findings[1:]
    ranking = [list(r) for r in book["社区排名"].iter_rows(values_only=True)]
    flags = {ranking[0].index("是否达标"), ranking[0].index("慢序时")}
    assert {r[i] for r in ranking[1:] for i in flags} == {"是", "否"}
    assert not any(isinstance(v, bool) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for v in r)


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_movers_show_indicator_titles_in_the_users_language(cli, week1, fmt, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    changes = json.loads((SAMPLES / "weekly" / "changes.json").read_text(encoding="utf-8"))
    fixed = {i for c in changes["changes"] for i in c["fixed"]}
    assert "six.moral_lecture_hall" in fixed  # the sample's design (samples/README.md)
    for lang, title in (("zh", "一个道德讲堂"), ("en", "A moral lecture hall")):
        _code, out, _ = cli("score", SAMPLES / "weekly" / "week2", "--baseline", week1, "--format", fmt,
                           "--lang", lang, "--jobs", "1")
        movers = out[out.index({"zh": "进步最大", "en": "Most improved"}[lang]):]
        assert title in movers
        assert not re.search(r"\b(?:six|area|rooms|activities|ledger|volunteers|satisfaction)\.[a-z_]+", movers)


# --- units ------------------------------------------------------------------------------------------------

def test_every_unit_of_the_shipped_standards_has_an_english_form():
    import yaml

    from creatio_cli.messages import CATALOGUE

    units = set()
    for path in (Path(__file__).resolve().parents[1] / "standards").glob("*.yaml"):
        fields = (yaml.safe_load(path.read_text(encoding="utf-8")).get("fields") or {}).values()
        units |= {f["unit"] for f in fields if isinstance(f, dict) and f.get("unit")}
    assert {"次", "个", "㎡", "%"} <= units
    for unit in units:
        if re.search(r"[\u4e00-\u9fff]", unit):
            zh, en = CATALOGUE[f"label.unit.{unit}"]
            assert zh == unit and not re.search(r"[\u4e00-\u9fff]", en)


def test_units_are_shown_in_english_everywhere_but_json(tmp_path):
    result = make_result()  # 活动开展 is missing with unit 次; the area gap is in ㎡
    buf = io.StringIO()
    emit(result, Format.table, None, "en", Console(file=buf, width=200))
    emit(result, Format.csv, tmp_path / "r.csv", "en")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    assert {r["Unit"] for r in rows} == {"㎡", "times", ""}
    assert "138.5 ㎡" in buf.getvalue()
    emit(result, Format.json, tmp_path / "r.json", "en")
    units = {f["unit"] for c in json.loads((tmp_path / "r.json").read_text())["communities"] for f in c["findings"]}
    assert units == {"㎡", "次", None}  # JSON keeps the standard's own unit


# --- the terminal at 80 columns ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_reports_fit_80_columns_without_cutting(cli, monkeypatch, week1, lang):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    runs = [cli("check", SAMPLES / "city-ledger.xlsx", "--lang", lang),
            cli("score", SAMPLES / "weekly" / "week2", "--baseline", week1, "--lang", lang, "--jobs", "1")]
    for _code, out, _err in runs:
        assert "…" not in out
        assert max(cell_len(line) for line in out.splitlines()) <= 80
    text = runs[0][1]
    assert {"zh": "社区综合服务设施面积（每百户30", "en": "Service facility area"}[lang] in text


# --- one Markdown escaper -----------------------------------------------------------------------------------

def test_score_markdown_escapes_like_check(cli, tmp_path):
    from ledgers import community, write_ledger

    folder = tmp_path / "in"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(社区="<b>x|y</b>"), community(社区="@evil")])
    code, out, _ = cli("score", folder, "--format", "md", "--as-of", "2022-06-30")
    assert code == 0
    assert "&lt;b&gt;x\\|y&lt;/b&gt;" in out and "<b>" not in out and "'@evil" in out


def test_standards_show_reads_the_rule_it_shows(cli, tmp_path):
    std = tmp_path / "strict.yaml"
    std.write_text("extends: liugeyi-sidabiao\nid: strict\ntitle: 严\nversion: '1'\nindicators:\n"
                   "  - id: rooms.function_rooms\n    rule: {kind: threshold, field: function_rooms, value: 8}\n"
                   "  - id: activities.per_year\n    rule: {kind: prorated_count, field: activities, target: 20}\n",
                   encoding="utf-8")
    code, out, _ = cli("standards", "show", std, "--lang", "en")
    assert code == 0
    assert "Rule: Function rooms: at least 8" in out and "Rule: Activities held: at least 20" in out
    code, out, _ = cli("standards", "show", std)
    assert "规则：功能室数量不少于8个" in out and "规则：活动开展次数不少于20次（按序时进度折算）" in out
