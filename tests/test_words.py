"""Acceptance (issue 12): every word creatio prints is in the user's language.

In ``--lang en`` no Chinese character appears outside data; in zh no English word appears outside ids,
data and file formats. *Data* is collected here from the inputs themselves, never from creatio's output:
every cell and sheet name of the ledgers read (openpyxl), the paths, and the standard's own zh-only text
(departments, basis documents, references and clauses, titles without an English form) read from the YAML
files with ``yaml.safe_load``. *Ids* are the standards' ids, versions, indicator ids and field names.

Covered: check (table, json, csv, md, xlsx read back with openpyxl), score (the same five, with a
baseline), standards list / show / validate, template, and the error paths a user reaches (missing file,
a file that is not a workbook, bad options, a bad standard, a bad baseline, an output that is a folder).
Structured formats are checked column by column: a data column (community, raw cell, department …) may
hold Chinese in English; a label, title, status or message may not.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from functools import cache
from pathlib import Path

import openpyxl
import pytest
import yaml
from ledgers import HEADERS, community, write_ledger

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
STANDARDS = ROOT / "standards"

# Chinese characters and Chinese punctuation (、。《》（）…); ㎡ (U+33A1) and ≥ are not language.
CJK = re.compile(r"[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
                 r"\uff5b-\uff65]")
WORD = re.compile(r"[A-Za-z]{2,}")
# Allowed in Chinese text: file formats, option names, commands, the --lang values, units as symbols.
ZH_ALLOWED = re.compile(r"--[a-z][a-z-]*|creatio(?: [a-z][a-z-]*\b){0,2}|\b(?:json|csv|xlsx|xlsm|xls|ods|md|table|yaml|docx|sqlite|zh|en|day|month|"
                        r"creatio|YAML|JSON|CSV|UTF|GB\d+|BOM|MB|jq|extends)\b")
DATA_COLUMNS_EN = {"district", "street", "community", "file", "sheet", "raw", "department", "basis",
                   "sheets", "files", "did_you_mean", "partner"}
# A partner cell naming several units (市民政局、团市委): each unit is data too (score ranks them one by one).
PARTNER_SPLIT = re.compile(r"[、，,；;／/]")


# --- what counts as data and ids (from the inputs, never from creatio) ----------------------------------

def _texts(node: object, found: set[str], zh_only: set[str]) -> None:
    if isinstance(node, dict):
        if set(node) <= {"zh", "en"} and "zh" in node and not node.get("en"):
            zh_only.add(str(node["zh"]))
        for key, value in node.items():
            if key in ("department", "document", "ref", "clause", "note", "reason") and isinstance(value, str):
                found.add(value)
            _texts(value, found, zh_only)
    elif isinstance(node, list):
        for item in node:
            _texts(item, found, zh_only)


@cache
def standard_data() -> tuple[frozenset[str], frozenset[str]]:
    """(the standards' zh-only text, their ids) from the YAML files."""
    data: set[str] = set()
    ids: set[str] = set()
    for path in STANDARDS.glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        zh_only: set[str] = set()
        _texts(doc, data, zh_only)
        data |= zh_only
        ids |= {str(doc.get("id")), str(doc.get("version"))}
        ids |= set((doc.get("fields") or {}).keys())
        ids |= {str(i.get("id")) for i in doc.get("indicators") or [] if isinstance(i, dict)}
        for basis in _find(doc, "basis"):  # a citation as a report prints it: 《document》（ref）clause
            data.add("".join([f"《{basis['document']}》", f"（{basis['ref']}）" if basis.get("ref") else "",
                              basis.get("clause") or ""]))
    return frozenset(data), frozenset(ids)


def _find(node: object, key: str) -> list[dict]:
    out: list[dict] = []
    if isinstance(node, dict):
        if isinstance(node.get(key), dict):
            out.append(node[key])
        for value in node.values():
            out += _find(value, key)
    elif isinstance(node, list):
        for item in node:
            out += _find(item, key)
    return out


def ledger_data(*paths: Path) -> set[str]:
    """Every cell text and sheet name of the ledgers (and of the folders' ledgers), and their paths."""
    found: set[str] = set()
    files = [f for p in paths for f in (sorted(p.rglob("*.xlsx")) if p.is_dir() else [p])]
    for path in files:
        found |= {str(path), path.name, path.stem}
        try:
            book = openpyxl.load_workbook(path, read_only=True)
        except (zipfile.BadZipFile, OSError):
            continue  # a broken file the folder holds on purpose: only its name is data
        for ws in book.worksheets:
            found.add(ws.title)
            for row in ws.iter_rows(values_only=True):
                cells = {str(v).strip() for v in row if v is not None and str(v).strip()}
                found |= cells | {u.strip() for c in cells for u in PARTNER_SPLIT.split(c) if u.strip()}
        book.close()
    return found


def _strip(text: str, data: set[str] | frozenset[str]) -> str:
    for item in sorted((d for d in data if len(d) >= 2), key=len, reverse=True):
        text = text.replace(item, " ")
    return text


def english_leaks(text: str, data: set[str]) -> list[str]:
    """Chinese left in an English text once the data is taken out (with context)."""
    rest = _strip(text, data | standard_data()[0])
    return sorted({rest[max(m.start() - 15, 0):m.end() + 15].replace("\n", " ") for m in CJK.finditer(rest)})


def chinese_leaks(text: str, data: set[str]) -> list[str]:
    """English words left in a Chinese text once data, ids, paths and file formats are taken out."""
    rest = _strip(text, data | standard_data()[0] | standard_data()[1])
    rest = re.sub(r"\S*[/\\]\S*|\S+\.(?:xlsx|json|csv|md|yaml|txt|xls)\b", " ", rest)  # paths, file names
    rest = re.sub(r"\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b", " ", rest)  # dotted ids and codes
    rest = ZH_ALLOWED.sub(" ", rest)
    return sorted({rest[max(m.start() - 15, 0):m.end() + 15].replace("\n", " ") for m in WORD.finditer(rest)})


def assert_language(text: str, lang: str, data: set[str], what: str) -> None:
    leaks = english_leaks(text, data) if lang == "en" else chinese_leaks(text, data)
    assert leaks == [], f"{what} ({lang}): {leaks}"


# --- reading structured reports back ---------------------------------------------------------------------

def xlsx_texts(path: Path, lang: str) -> str:
    """Sheet names, headers, and every non-data text cell (data columns found by their header label);
    chart titles and series names too."""
    from creatio_cli.render.i18n import t

    data_heads = {t(k, lang) for k in DATA_COLUMNS_EN}
    book = openpyxl.load_workbook(path)
    parts: list[str] = []
    for ws in book.worksheets:
        parts.append(ws.title)
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        heads: list[object] = []
        for row in rows:
            texts = [v for v in row if isinstance(v, str)]
            if len(texts) > 1 and all(v in label_texts(lang) for v in texts):
                heads = row  # a header row starts a table: its data columns are known from here on
                parts += texts
                continue
            for i, value in enumerate(row):
                assert not isinstance(value, bool), f"{path.name} [{ws.title}]: a TRUE/FALSE cell, not 是/否"
                if isinstance(value, str) and not (i < len(heads) and heads[i] in data_heads):
                    parts.append(value)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/charts/"):
                parts += re.findall(r"<(?:a:t|c:v)>([^<]*)<", archive.read(name).decode("utf-8"))
    return "\n".join(parts)


@cache
def label_texts(lang: str) -> frozenset[str]:
    """Every label in ``lang`` (a row of them is a header row)."""
    from creatio_cli.messages import CATALOGUE

    return frozenset(pair[1 if lang == "en" else 0] for code, pair in CATALOGUE.items() if code.startswith("label."))


def csv_texts(text: str, lang: str) -> str:
    from creatio_cli.render.i18n import t

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    data_heads = {t(k, lang) for k in DATA_COLUMNS_EN}
    keep = [i for i, h in enumerate(rows[0]) if h not in data_heads]
    return "\n".join(["\t".join(rows[0])] + ["\t".join(r[i] for i in keep if i < len(r)) for r in rows[1:]])


def md_texts(text: str, lang: str) -> str:
    """A Markdown report with the data columns of its tables left out (the rest of the text as is)."""
    from creatio_cli.render.i18n import t

    data_heads = {t(k, lang) for k in DATA_COLUMNS_EN}
    out: list[str] = []
    skip: set[int] = set()
    for line in text.splitlines():
        if not line.startswith("|"):
            skip = set()
            out.append(line)
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if not skip and not line.startswith("|---"):
            skip = {i for i, c in enumerate(cells) if c in data_heads} or {-1}
        out.append(" | ".join(c for i, c in enumerate(cells) if i not in skip))
    return "\n".join(out)


def json_texts(data: object) -> str:
    """The language-bearing values of a JSON report: titles, categories, grades, messages, reasons."""
    out: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("title", "category", "grade", "message", "reason") and isinstance(value, str):
                out.append(value)
            else:
                out.append(json_texts(value))
    elif isinstance(data, list):
        out += [json_texts(v) for v in data]
    return "\n".join(o for o in out if o)


def report_text(fmt: str, out: str, path: Path, lang: str) -> str:
    """What a person reads in a report of ``fmt`` (stdout ``out``, or the workbook at ``path``)."""
    if fmt == "json":
        return json_texts(json.loads(out))
    if fmt == "csv":
        return csv_texts(out, lang)
    if fmt == "md":
        return md_texts(out, lang)
    if fmt == "xlsx":
        return xlsx_texts(path, lang)
    return out


# --- check ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def odd_ledger(tmp_path_factory) -> Path:
    """A ledger with something to say: no 群众满意度 and 台账整理 columns (unassessed), an unreadable cell,
    a blank, a range, a duplicate community."""
    folder = tmp_path_factory.mktemp("odd")
    headers = [h for h in HEADERS if h not in ("群众满意度（%）", "台账整理")]
    return write_ledger(folder / "odd.xlsx", [
        community(社区="南关社区", 道德讲堂="否", 活动开展次数=2, 户数="150-200"),
        community(社区="幸福社区", 功能室数量="二百"),
        community(社区="幸福社区"),
        community(社区="东关社区", 注册志愿者人数=None),
    ], headers=headers)


def _check_inputs(odd_ledger: Path) -> list[tuple[Path, tuple[str, ...]]]:
    return [(SAMPLES / "city-ledger.xlsx", ()), (SAMPLES / "xiangzhou-rooms.xlsx", ("--standard", "huodong-yongfang")),
            (odd_ledger, ())]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md", "xlsx"])
def test_check_speaks_one_language(cli, tmp_path, monkeypatch, odd_ledger, fmt, lang):
    monkeypatch.setenv("COLUMNS", "400")  # no wrapping: a name is never split across lines
    for ledger, extra in _check_inputs(odd_ledger):
        data = ledger_data(ledger) | {str(tmp_path)}
        out_path = tmp_path / f"r-{ledger.stem}.xlsx"
        args = ["check", ledger, *extra, "--lang", lang, "--format", fmt, "--all-findings"]
        code, out, err = cli(*args, *(["--output", out_path] if fmt == "xlsx" else []))
        assert code in (0, 1), err
        report = report_text(fmt, out, out_path, lang)
        assert_language(report, lang, data, f"check {ledger.name} --format {fmt}")
        assert_language(err, lang, data, f"check {ledger.name} stderr")


# --- score ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def week1(tmp_path_factory) -> Path:
    from creatio_cli.cli import app
    from creatio_cli.cli.runner import run

    path = tmp_path_factory.mktemp("w1") / "week1.json"
    assert run(app, ["score", str(SAMPLES / "weekly" / "week1"), "--output", str(path), "--jobs", "1"]) == 1
    return path


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory, odd_ledger) -> Path:
    """Two ledgers (one without two columns) and a broken file, so score has skips and unassessed; a partner
    cell naming two units, so the partner ranking lists units no cell holds alone."""
    folder = tmp_path_factory.mktemp("mixed")
    write_ledger(folder / "a.xlsx", [community(社区="北关社区", 家长学校="否", 帮扶单位="市教育局、团市委")])
    (folder / "b.xlsx").write_bytes(odd_ledger.read_bytes())
    (folder / "c.xlsx").write_bytes(b"not a workbook at all")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md", "xlsx"])
def test_score_speaks_one_language(cli, tmp_path, monkeypatch, week1, mixed_folder, fmt, lang):
    monkeypatch.setenv("COLUMNS", "400")
    runs = [(SAMPLES / "weekly" / "week2", ("--baseline", week1, "--top", "5")), (mixed_folder, ("--as-of", "2022-06-30"))]
    for folder, extra in runs:
        data = ledger_data(folder) | {str(tmp_path), str(week1), "c.xlsx"}
        out_path = tmp_path / "bulletin.xlsx"
        code, out, err = cli("score", folder, *extra, "--lang", lang, "--format", fmt, "--jobs", "1",
                             *(["--output", out_path] if fmt == "xlsx" else []))
        assert code == 1, err
        report = report_text(fmt, out, out_path, lang)
        assert_language(report, lang, data, f"score {folder.name} --format {fmt}")
        assert_language(err, lang, data, f"score {folder.name} stderr")


# --- standards, template ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_standards_and_template_speak_one_language(cli, tmp_path, lang, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # whole lines: the data (a basis) is found as written
    outputs = [cli("standards", "list", "--lang", lang)]
    outputs += [cli("standards", "show", std, "--lang", lang)
                for std in ("liugeyi-sidabiao", "huodong-yongfang", "jingzhi-xingfu", "common-fields")]
    outputs.append(cli("standards", "validate", STANDARDS / "liugeyi-sidabiao.yaml", "--lang", lang))
    outputs.append(cli("template", tmp_path / "blank.xlsx", "--lang", lang))
    data = {str(tmp_path), str(STANDARDS)}
    for code, out, err in outputs:
        assert code == 0, err
        assert_language(out + err, lang, data, "standards/template")


# --- notices (the notices themselves are Chinese 公文; what the commands print follows --lang) -------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notices_commands_speak_one_language(cli, tmp_path, lang):
    import getpass

    ledger = SAMPLES / "city-ledger.xlsx"
    out = tmp_path / "out"
    data = {str(tmp_path), str(ledger), getpass.getuser(), *ledger_data(ledger)}  # the login name marks notices
    code, stdout, err = cli("notices", "draft", ledger, "--output", out, "--lang", lang)
    assert code == 1, err
    numbers = {line.split("\t")[0] for line in stdout.splitlines()[1:]}
    files = {line.split("\t")[3] for line in stdout.splitlines()[1:]}
    data |= numbers | files | {"创文办"}
    assert_language(stdout + err, lang, data, "notices draft")
    code, stdout, err = cli("notices", "status", "--output", out, "--lang", lang)
    assert code == 0, err
    assert_language(stdout + err, lang, data, "notices status")
    number = sorted(numbers)[0]
    outputs = [cli("notices", "mark", number, "cancelled", "--output", out, "--lang", lang),
               cli("notices", "mark", number, "rectified", "--output", out, "--lang", lang),  # closed: exit 2
               cli("notices", "mark", "创文办〔2099〕1号", "rectified", "--output", out, "--lang", lang),
               cli("notices", "status", "--output", tmp_path / "nowhere", "--lang", lang)]
    assert [code for code, _o, _e in outputs] == [0, 2, 2, 2]
    for _code, stdout, err in outputs:
        assert_language(stdout + err, lang, data | {"创文办〔2099〕1号"}, "notices mark/status")


# --- history (score --record, creatio history) ------------------------------------------------------------------

@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[Path, list[str]]:
    """week1 and week2 recorded in a history file, and what `score --record` said on stderr (zh, then en)."""
    from creatio_cli.cli import app
    from creatio_cli.cli.runner import run

    path = tmp_path_factory.mktemp("history") / "h.sqlite"
    said = []
    for week, lang in (("week1", "zh"), ("week2", "en")):
        import contextlib
        import io as _io

        err = _io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(_io.StringIO()):
            code = run(app, ["score", str(SAMPLES / "weekly" / week), "--record", "--history", str(path), "--jobs", "1",
                             "--format", "json", "--lang", lang])
        assert code == 1
        said.append(err.getvalue())
    return path, said


def _history_data(path: Path, tmp_path: Path) -> set[str]:
    return ledger_data(SAMPLES / "weekly" / "week1", SAMPLES / "weekly" / "week2") | {str(path), str(tmp_path), "all"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md", "xlsx"])
def test_history_speaks_one_language(cli, tmp_path, monkeypatch, recorded, fmt, lang):
    monkeypatch.setenv("COLUMNS", "400")
    path, said = recorded
    data = _history_data(path, tmp_path)
    assert_language(said[0 if lang == "zh" else 1], lang, data, "score --record stderr")
    views = ["run", "district", "street", "partner", "indicator", "community"] if fmt != "xlsx" else ["run"]
    for view in views:
        out_path = tmp_path / "history.xlsx"
        extra = ["--community", "五里社区"] if view == "community" else []
        code, out, err = cli("history", "--history", path, "--by", view, *extra, "--format", fmt, "--lang", lang,
                             *(["--output", out_path] if fmt == "xlsx" else []))
        assert code == 0, err
        assert_language(report_text(fmt, out, out_path, lang), lang, data, f"history --by {view} --format {fmt}")
        assert_language(err, lang, data, f"history --by {view} stderr")
    if fmt == "json":  # the titles of unmet indicators and the standard's title follow --lang too
        report = json.loads(cli("history", "--history", path, "--community", "五里社区", "--format", "json", "--lang",
                                lang)[1])
        texts = [r["standard_title"] for r in report["runs"]] + [t for c in report["communities"] for t in c["unmet_titles"]]
        assert texts and all(t for t in texts)
        assert_language("\n".join(texts), lang, data, "history json titles")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_history_errors_speak_one_language(cli, tmp_path, recorded, lang):
    path, _ = recorded
    foreign = tmp_path / "foreign.sqlite"
    import sqlite3

    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE users (id INTEGER)")
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    cases = [
        ("history", "--history", tmp_path / "missing.sqlite"),
        ("history", "--history", foreign),
        ("history", "--history", empty),
        ("history", "--history", path, "--community", "没有这个社区"),
        ("history", "--history", path, "--by", "week"),
        ("history", "--history", path, "--scope", "district=无"),
        ("score", SAMPLES / "weekly" / "week1", "--scope", "x"),
        ("score", SAMPLES / "weekly" / "week1", "--record", "--history", foreign),
    ]
    views = {"run", "district", "street", "community", "indicator", "partner"}  # --by's values: ids, like json or csv
    data = _history_data(path, tmp_path) | {str(foreign), str(empty), "没有这个社区", "week", "district=无", "x"} | views
    for case in cases:
        code, out, err = cli(*case, "--lang", lang)
        assert code == 2, (case, err)
        assert err.strip() and "Traceback" not in err, case
        assert_language(out + err, lang, data, " ".join(map(str, case)))


# --- errors ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_errors_speak_one_language(cli, tmp_path, week1, lang):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\x00\x01 not a workbook")
    std = tmp_path / "typo.yaml"
    std.write_text("extend: liugeyi-sidabiao\nid: typo\ntitle: 错字\nversion: '1'\n", encoding="utf-8")
    value = tmp_path / "value.yaml"
    value.write_text("extends: liugeyi-sidabiao\nid: v\ntitle: 严\nversion: '1'\nindicators:\n"
                     "  - id: rooms.function_rooms\n    rule: {kind: threshold, field: function_rooms, value: many}\n",
                     encoding="utf-8")
    ledger = SAMPLES / "city-ledger.xlsx"
    baseline = tmp_path / "base.json"
    baseline.write_text("{}", encoding="utf-8")
    folder = tmp_path / "out-folder.json"
    folder.mkdir()
    cases = [
        ("check", tmp_path / "nothing here.xlsx"),
        ("check", bad),
        ("check", ledger, "--format", "pdf"),
        ("check", ledger, "--format", "json", "--output", tmp_path / "r.csv"),
        ("check", ledger, "--format", "xlsx"),
        ("check", ledger, "--output", tmp_path / "report.txt"),
        ("check", ledger, "--as-of", "someday"),
        ("check", ledger, "--convention", "week"),
        ("check", ledger, "--sheet", "没有这个表"),
        ("check", ledger, "--standard", "no-such-standard"),
        ("check", ledger, "--standard", std),
        ("check", ledger, "--output", folder),
        ("check", ledger, "--output", ledger),
        ("score", ledger),
        ("score", SAMPLES / "weekly" / "week2", "--baseline", baseline),
        ("standards", "validate", std),
        ("standards", "validate", value),
        ("standards", "show", "no-such-standard"),
        ("template", tmp_path / "blank.txt"),
    ]
    data = {str(tmp_path), str(ledger), str(bad), str(std), str(value), "没有这个表", "台账", "错字", "严", "pdf",
            "someday", "week", "no-such-standard", "extend", "many",
            "indicators", "rule", "value", "id", "title", "version",  # YAML keys the user wrote: data
            *ledger_data(ledger)}
    for case in cases:
        code, out, err = cli(*case, "--lang", lang)
        assert code == 2, (case, err)
        assert err.strip() and "Traceback" not in err, case
        assert_language(out + err, lang, data, " ".join(map(str, case)))


# --- the checks can fail ------------------------------------------------------------------------------------

def test_the_language_checks_find_leaks():
    assert english_leaks("Function rooms 6 次", set()) != []
    assert english_leaks("Community 幸福社区 shortfall", {"幸福社区"}) == []
    assert chinese_leaks("功能室 shortfall 6", set()) != []
    assert chinese_leaks("功能室 rooms.function_rooms --format json 幸福 abc.xlsx", set()) == []
