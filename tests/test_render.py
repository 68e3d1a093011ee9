"""Renderers: every format from one hand-built CheckResult, safety rules, format resolution."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from creatio_cli.errors import OutputError, UsageError
from creatio_cli.messages import msg
from creatio_cli.render import RENDERERS, Format, Kind, emit, xlsx_layout, xlsx_out
from creatio_cli.render.csv_out import render_csv
from creatio_cli.render.formats import resolve_format
from creatio_cli.render.i18n import t
from creatio_cli.render.json_out import render_json
from creatio_cli.render.md_out import render_md
from creatio_cli.render.records import COLUMNS, finding_rows, fmt_num, headers
from creatio_cli.render.safe import neutralize, refuse_overwriting_inputs, write_atomic
from creatio_cli.render.table import render_table
from creatio_cli.render.xlsx_out import write_xlsx
from creatio_cli.results import (
    Campaign,
    CheckResult,
    CommunityResult,
    FileStatus,
    Finding,
    IndicatorSummary,
    Source,
    StandardRef,
    Summary,
    Warning,
)
from creatio_cli.standards.model import Text


def T(zh: str, en: str | None = None) -> Text:
    return Text(zh=zh, en=en)


EVIL_NAME = "=cmd|' /C calc'!A0"
EVIL_DEPT = "@SUM(A1)"


def _finding(indicator: str, status: str, **kw: object) -> Finding:
    base: dict[str, object] = dict(
        indicator=indicator, title=T(str(kw.pop("title", indicator))), category=T("四达标", "Benchmarks"),
        status=status,
        actual=None, required=None, gap=None, unit=None, points=10.0, points_lost=10.0, cell=None, raw=None,
        department="民政局", basis="民发〔2016〕191号", deadline=date(2022, 6, 30), overdue=False,
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def make_result(extra: tuple[CommunityResult, ...] = ()) -> CheckResult:
    src = "台账.xlsx"
    c1 = CommunityResult(
        community="幸福社区", street="城东街道", district="宿城区", source=Source(src, "台账", 7),
        score=82.0, max_score=100.0, completion=0.82, expected_progress=0.4958904, behind_schedule=False,
        grade=T("良好", "Good"), indicators_met=13, indicators_total=15,
        findings=(
            _finding("area.per_100_households", "shortfall", title="服务设施面积", actual=420.0,
                     required=558.5, gap=138.5, unit="㎡", cell="F7", raw="420㎡"),
            _finding("six.moral_lecture_hall", "shortfall", title="道德讲堂", actual=False, required=True,
                     cell="H7", raw="无", department=EVIL_DEPT, points=5.0, points_lost=5.0),
        ),
    )
    c2 = CommunityResult(
        community=EVIL_NAME, street="城西街道", district="宿城区", source=Source(src, "台账", 8),
        score=40.0, max_score=100.0, completion=0.40, expected_progress=0.4958904, behind_schedule=True,
        grade=T("不合格", "Fail"), indicators_met=9, indicators_total=15,
        findings=(
            _finding("activities.count", "missing", title="活动开展", unit="次", cell="J8"),
            _finding("volunteers.share", "invalid", title="志愿者比例", cell="K8", raw="#REF!"),
        ),
    )
    c3 = CommunityResult(
        community="南关社区", street="城西街道", district="宿城区", source=Source(src, "台账", 9),
        score=100.0, max_score=100.0, completion=1.0, expected_progress=0.4958904, behind_schedule=False,
        grade=T("优秀", "Excellent"), indicators_met=15, indicators_total=15, findings=(),
    )
    communities = (c1, c2, c3, *extra)
    return CheckResult(
        tool_version="0.1.0",
        standard=StandardRef("liugeyi-sidabiao", T("六个一四达标", "Six and four"), "2022.1"),
        as_of=date(2022, 6, 30),
        campaign=Campaign(date(2022, 1, 1), date(2022, 12, 31), "day"),
        expected_progress=0.4958904,
        files=(FileStatus(src, ("台账",), "ok", None, len(communities)),),
        communities=communities,
        summary=Summary(
            communities=len(communities), compliant=1, with_shortfalls=2, behind_schedule=1,
            by_indicator=(IndicatorSummary("area.per_100_households", T("服务设施面积"), met=2, shortfall=1),
                          IndicatorSummary("activities.count", T("活动开展"), met=2, missing=1)),
        ),
        warnings=(Warning(msg("row.duplicate_community", key="城东街道/幸福社区", file=src, sheet="台账", row=9,
                              first_file=src, first_sheet="台账", first_row=7),
                          src, "台账", "D9"),),
    )


@pytest.fixture
def result() -> CheckResult:
    return make_result()


def _json_findings(result: CheckResult) -> list[tuple[str, str]]:
    data = json.loads(render_json(result))
    return [(c["community"], f["indicator"]) for c in data["communities"] for f in c["findings"]]


# --- JSON -----------------------------------------------------------------------------------------------

def test_json_has_contract_keys(result: CheckResult) -> None:
    data = json.loads(render_json(result))
    assert set(data) == {"tool", "standard", "as_of", "campaign", "expected_progress", "files",
                         "communities", "summary", "unassessed", "warnings"}
    assert data["as_of"] == "2022-06-30"
    c = data["communities"][0]
    assert {"community", "street", "district", "source", "score", "max_score", "completion",
            "expected_progress", "behind_schedule", "grade", "indicators_met", "indicators_total",
            "indicators_assessed", "findings"} <= set(c)
    yes_no = c["findings"][1]
    assert yes_no["actual"] is False and yes_no["required"] is True  # JSON keeps booleans
    assert data["communities"][1]["community"] == EVIL_NAME  # JSON is data, not a spreadsheet
    assert "幸福社区" in render_json(result)  # ensure_ascii=False
    assert set(data["summary"]) == {"communities", "compliant", "with_shortfalls", "behind_schedule",
                                    "by_indicator"}


def test_json_nan_becomes_null(result: CheckResult) -> None:
    bad = CheckResult(**{**{f: getattr(result, f) for f in result.__dataclass_fields__},
                         "expected_progress": float("nan")})
    assert json.loads(render_json(bad))["expected_progress"] is None


def test_json_large_layout_same_value(result: CheckResult, monkeypatch: pytest.MonkeyPatch) -> None:
    from creatio_cli.render import json_out

    full = render_json(result)
    monkeypatch.setattr(json_out, "FULL_INDENT_MAX", 1)
    compact = render_json(result)
    assert compact != full
    assert json.loads(compact) == json.loads(full) == json.loads(json.dumps(result.to_dict()))
    assert len(compact.splitlines()) < len(full.splitlines())


# --- records / CSV ------------------------------------------------------------------------------------

def test_finding_rows_repeat_community_and_skip_compliant(result: CheckResult) -> None:
    rows = finding_rows(result, "zh")
    assert [r["indicator"] for r in rows] == [i for _, i in _json_findings(result)]
    assert all(list(r) == list(COLUMNS) for r in rows)
    assert "南关社区" not in {r["community"] for r in rows}
    assert rows[1]["actual"] == "否" and rows[1]["required"] == "是"
    assert rows[0]["status"] == "未达标" and rows[2]["behind_schedule"] == "是"
    assert finding_rows(result, "en")[1]["actual"] == "no"
    assert len(headers("zh")) == len(COLUMNS)
    assert headers("zh")[0] == "区县" and headers("en")[0] == "District"


def test_csv_bom_rows_and_neutralized(result: CheckResult) -> None:
    data = render_csv(result, "zh")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == headers("zh")
    body = rows[1:]
    ind = COLUMNS.index("indicator")
    assert [r[ind] for r in body] == [i for _, i in _json_findings(result)]
    names = {r[COLUMNS.index("community")] for r in body}
    assert "'" + EVIL_NAME in names and EVIL_NAME not in names
    assert "'" + EVIL_DEPT in {r[COLUMNS.index("department")] for r in body}
    first = dict(zip(COLUMNS, body[0], strict=True))
    assert first["actual"] == "420" and first["required"] == "558.5" and first["gap"] == "138.5"
    en = render_csv(result, "en").decode("utf-8-sig")
    assert en.startswith("District,Street,Community")


def test_neutralize_rules() -> None:
    for bad in ("=1+1", "+1", "-1", "@x", "\tx", "\rx"):
        assert neutralize(bad) == "'" + bad
    for ok in ("幸福社区", "1+1", "", "'quoted"):
        assert neutralize(ok) == ok


def test_fmt_num() -> None:
    assert fmt_num(420.0) == "420" and fmt_num(138.5) == "138.5" and fmt_num(None) == ""
    assert fmt_num(0.1 + 0.2) == "0.3" and fmt_num(-5.0) == "-5"


# --- Markdown -----------------------------------------------------------------------------------------

def test_md_summary_and_rows(result: CheckResult) -> None:
    md = render_md(result, "zh")
    assert md.startswith("# 社区台账检查报告")
    assert "- 社区数: 3" in md and "- 达标社区: 1" in md and "- 未达标社区: 2" in md
    assert "- 慢序时社区: 1" in md and "2022-06-30" in md and "六个一四达标" in md and "49.6%" in md
    section = md.split("## 问题明细", 1)[1].split("## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")][2:]
    assert len(table) == len(_json_findings(result))
    assert "'=cmd\\|' /C calc'!A0" in section  # neutralised and pipe-escaped
    assert "'@SUM(A1)" in section
    for line in table:  # the escaped pipe never splits a cell
        assert len(line.replace("\\|", "").split("|")) == len(table[0].replace("\\|", "").split("|"))
    en = render_md(result, "en")
    assert "- Communities: 3" in en and "## Findings" in en


def test_md_escapes_newlines_and_html(result: CheckResult) -> None:
    odd = CommunityResult(
        community="a\nb<script>", street="s", district="d", source=Source("f", "s", 1), score=0.0,
        max_score=10.0, completion=0.0, expected_progress=0.5, behind_schedule=True, grade=None,
        indicators_met=0, indicators_total=1, findings=(_finding("x", "shortfall", gap=-5.0),),
    )
    md = render_md(make_result((odd,)))
    assert "a<br>b&lt;script&gt;" in md
    assert "| -5 |" in md  # a negative number is not formula-guarded


# --- xlsx ---------------------------------------------------------------------------------------------

def _sheet_rows(ws) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_xlsx_sheets_and_findings(result: CheckResult, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "report.xlsx"
    out.parent.mkdir()  # an output's folder must exist (never created silently)
    assert write_xlsx(result, out, "zh") == [out]
    assert [p.name for p in tmp_path.joinpath("sub").iterdir()] == ["report.xlsx"]  # no temp left
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "社区", "问题明细"]
    det, com = wb["问题明细"], wb["社区"]
    for ws in (det, com):
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")
        assert ws.auto_filter.ref
    rows = _sheet_rows(det)
    assert rows[0] == headers("zh")
    ind = COLUMNS.index("indicator")
    assert [r[ind] for r in rows[1:]] == [i for _, i in _json_findings(result)]
    evil = [row for row in det.iter_rows(min_row=2) if row[COLUMNS.index("community")].value == EVIL_NAME]
    assert len(evil) == 2
    assert all(r[COLUMNS.index("community")].data_type == "s" for r in evil)
    dept = [row[COLUMNS.index("department")] for row in det.iter_rows(min_row=2)]
    assert any(c.value == EVIL_DEPT and c.data_type == "s" for c in dept)
    assert det.cell(2, COLUMNS.index("completion") + 1).number_format == "0.0%"
    assert det.cell(2, COLUMNS.index("actual") + 1).value == 420
    assert det.cell(3, COLUMNS.index("actual") + 1).value == "否"
    status = det.cell(2, COLUMNS.index("status") + 1)
    assert status.fill.fgColor.rgb.endswith("FFC7CE")
    crows = _sheet_rows(com)
    assert len(crows) == 4 and crows[2][2] == EVIL_NAME
    assert com.cell(3, 3).fill.fgColor.rgb.endswith("FFEB9C")  # behind schedule highlighted
    summary = _sheet_rows(wb["汇总"])
    assert summary[6][:2] == ["社区数", 3]


def test_xlsx_prints_readably(result: CheckResult, tmp_path: Path) -> None:
    """Seen through LibreOffice (docs/render.py): names ran into the next column, the findings' pages past the
    first showed rows without saying whose, the summary and community sheets spilled sideways onto extra pages."""
    long_district = "经济技术开发区新城片区"  # 11 characters: 24 width units with padding
    extra = CommunityResult(
        community="龙泉社区", street="高良涧街道", district=long_district, source=Source("台账.xlsx", "台账", 10),
        score=100.0, max_score=100.0, completion=1.0, expected_progress=0.4958904, behind_schedule=False,
        grade=T("优秀", "Excellent"), indicators_met=15, indicators_total=15, findings=())
    out = tmp_path / "r.xlsx"
    write_xlsx(make_result((extra,)), out, "zh")
    wb = openpyxl.load_workbook(out)
    com, det, summary = wb["社区"], wb["问题明细"], wb["汇总"]
    assert com.column_dimensions["A"].width >= xlsx_layout.text_width(long_district)
    assert det.column_dimensions["A"].width >= xlsx_layout.text_width(long_district)
    for ws in (com, det):
        assert ws.print_title_rows.replace("$", "") == "1:1"  # the heading row on every printed page
        assert ws.page_setup.paperSize == 9  # A4
    assert det.print_title_cols.replace("$", "") == "A:C"  # 区县/街道/社区 on every page the wide sheet spills onto
    assert det.page_setup.orientation == "landscape"
    for ws in (com, summary):
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)  # 1 is the default
        assert ws.page_setup.fitToHeight == 0
    assert "&P" in com.oddFooter.center.text


def test_xlsx_cap_writes_csv_beside(result: CheckResult, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    many = tuple(
        CommunityResult(
            community=f"社区{i}", street="街", district="区", source=Source("f", "s", 10 + i), score=0.0,
            max_score=10.0, completion=0.0, expected_progress=0.5, behind_schedule=True, grade=None,
            indicators_met=0, indicators_total=1, findings=(_finding("x", "shortfall"),),
        )
        for i in range(5)
    )
    big = make_result(many)
    monkeypatch.setattr(xlsx_out, "MAX_XLSX_FINDINGS", 5)
    out = tmp_path / "big.xlsx"
    paths = write_xlsx(big, out, "en")
    side = tmp_path / "big.findings.csv"
    assert paths == [out, side]
    rows = _sheet_rows(openpyxl.load_workbook(out)["Findings"])
    assert len(rows) == 1 + 5 + 1 and "big.findings.csv" in str(rows[-1][0])
    csv_rows = list(csv.reader(io.StringIO(side.read_bytes().decode("utf-8-sig"))))
    assert len(csv_rows) - 1 == len(_json_findings(big)) == 9


# --- format resolution --------------------------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "output", "expected"), [
    (None, None, Format.table),
    ("table", None, Format.table),
    ("json", None, Format.json),
    ("CSV", None, Format.csv),
    ("md", None, Format.md),
    (None, "r.json", Format.json),
    (None, "r.csv", Format.csv),
    (None, "R.XLSX", Format.xlsx),
    (None, "r.md", Format.md),
    ("xlsx", "r.xlsx", Format.xlsx),
    ("json", "r.json", Format.json),
    ("json", "report.txt", Format.json),  # an unknown suffix does not contradict an explicit format
    ("table", "report.txt", Format.table),
])
def test_resolve_format(fmt: str | None, output: str | None, expected: Format) -> None:
    assert resolve_format(fmt, Path(output) if output else None) is expected


@pytest.mark.parametrize(("fmt", "output"), [
    ("xlsx", None),          # a workbook cannot go to the terminal
    ("json", "r.csv"),       # contradiction
    ("csv", "r.xlsx"),
    ("md", "r.json"),
    ("xlsx", "r.md"),
    ("table", "r.xlsx"),
    ("table", "r.json"),
    (None, "report.txt"),    # unknown suffix
    (None, "report"),        # no suffix
    ("pdf", None),           # unknown format
])
def test_resolve_format_errors(fmt: str | None, output: str | None) -> None:
    with pytest.raises(UsageError) as exc:
        resolve_format(fmt, Path(output) if output else None)
    assert "\n" not in str(exc.value)


def test_every_format_has_a_check_renderer(result: CheckResult, tmp_path: Path) -> None:
    assert set(RENDERERS[Kind.check]) == set(Format)
    for fmt in Format:
        out = tmp_path / f"r.{'txt' if fmt is Format.table else fmt.value}"
        assert emit(result, fmt, out, "zh") == [out]
        assert out.stat().st_size > 0


def test_emit_stdout(result: CheckResult) -> None:
    buf = io.StringIO()
    assert emit(result, Format.json, None, "en", buf) == []
    assert json.loads(buf.getvalue())["summary"]["communities"] == 3
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk")
    emit(result, Format.csv, None, "zh", stream)
    assert raw.getvalue().startswith(b"\xef\xbb\xbf") and "㎡".encode() in raw.getvalue()


def test_emit_refuses_input(result: CheckResult, tmp_path: Path) -> None:
    ledger = tmp_path / "台账.csv"
    ledger.write_bytes(b"x")
    with pytest.raises(OutputError):
        emit(result, Format.csv, tmp_path / "." / "台账.csv", "zh", inputs=[ledger])
    assert ledger.read_bytes() == b"x"


# --- safety -------------------------------------------------------------------------------------------

def test_write_atomic_success_and_replace(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.json"
    target.parent.mkdir(parents=True)  # an output's folder must exist (never created silently)
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(target.parent) == ["out.json"]


def test_write_atomic_failure_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def boom(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match="disk is full"):
        write_atomic(target, b"new")
    assert os.listdir(tmp_path) == ["out.csv"] and target.read_bytes() == b"old"


def test_write_atomic_serialisation_error_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        write_atomic(tmp_path / "x.bin", "not bytes")  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


def test_write_atomic_unwritable_dir_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unwritable folder (simulated: CI runs as root, where chmod does not stop writes)."""
    import tempfile

    def denied(*a: object, **k: object) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(OutputError, match="read-only file system"):
        write_atomic(tmp_path / "out.md", b"x")
    assert os.listdir(tmp_path) == []


def test_xlsx_failure_leaves_no_temp(result: CheckResult, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: object, **k: object) -> None:
        raise RuntimeError("serialisation failed")

    monkeypatch.setattr(xlsx_out, "_findings_sheet", boom)
    with pytest.raises(RuntimeError):
        write_xlsx(result, tmp_path / "r.xlsx")
    assert os.listdir(tmp_path) == []


def test_refuse_overwriting_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "ledger.xlsx"
    src.write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError):
        refuse_overwriting_inputs(Path("ledger.xlsx"), [src])
    with pytest.raises(OutputError):
        refuse_overwriting_inputs(tmp_path / "sub" / ".." / "ledger.xlsx", [Path("ledger.xlsx")])
    link = tmp_path / "link.xlsx"
    link.symlink_to(src)
    with pytest.raises(OutputError):
        refuse_overwriting_inputs(link, [src])
    refuse_overwriting_inputs(tmp_path / "report.xlsx", [src])  # a new file is fine


# --- terminal table -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table(result: CheckResult, lang: str) -> None:
    buf = io.StringIO()
    render_table(result, lang, Console(file=buf, width=120))
    text = buf.getvalue()
    assert "幸福社区" in text and EVIL_NAME in text and "南关社区" in text
    assert "138.5 ㎡" in text and "420" in text and "420.0" not in text
    assert "#REF!" in text  # an invalid value shows its raw text
    assert "49.6%" in text and "82.0%" in text
    assert f"{t('communities', lang)} 3" in text and f"{t('with_shortfalls', lang)} 2" in text
    assert f"[{t('behind_schedule', lang)}]" in text
    assert t("shortfall", lang) in text and t("by_indicator", lang) in text
    if lang == "en":
        assert "Compliant communities (1)" in text and "Score 82/100" in text
    else:
        assert "得分 82/100" in text


def test_table_gbk_console(result: CheckResult) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk", errors="strict")
    console = Console(file=stream, width=100, legacy_windows=False)
    render_table(result, "zh", console)
    stream.flush()
    assert "幸福社区" in raw.getvalue().decode("gbk")


def test_a_per_cent_rule_shows_its_unit_on_actual_and_required_as_on_the_gap(cli, tmp_path, monkeypatch) -> None:
    # 200 of 2,800 residents = 7.14 % against 10 %, short by 2.86 %: "要求 10" beside "2.86 %" read as a
    # count (QA probe9 L7). The csv keeps numbers and a unit column.
    from tests.ledgers import community, write_ledger

    monkeypatch.delenv("COLUMNS", raising=False)
    path = write_ledger(tmp_path / "l.xlsx", [community(注册志愿者人数=200)])
    _code, out, _err = cli("check", path, "--as-of", "2022-06-30")
    (line,) = [x for x in out.splitlines() if "注册志愿者" in x and "未达标" in x]
    assert "7.14 %" in line and "10 %" in line and "2.86 %" in line
    _code, out, _err = cli("check", path, "--as-of", "2022-06-30", "--format", "csv")
    (row,) = [r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff"))) if r["指标"] == "volunteers.share"]
    assert (row["实际"], row["要求"], row["差距"], row["单位"]) == ("7.1429", "10", "2.8571", "%")
