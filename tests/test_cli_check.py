"""`creatio check` through the real command line: formats, exit codes, parity with the library."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl

from creatio_cli.engine import check
from creatio_cli.ledger.load import load_ledger
from creatio_cli.schedule import campaign_for
from creatio_cli.standards import load_standard
from tests.ledgers import community, write_ledger


def rows():
    return [community(社区="南关社区", 户数=1860, **{"社区综合服务设施面积（㎡）": 420, "居民活动用房面积（㎡）": 260}),
            community(社区="幸福社区"),
            community(社区="二百社区", **{"功能室数量（个）": "二百"})]


def finding_keys_json(report):
    return sorted((c["community"], f["indicator"], f["status"]) for c in report["communities"] for f in c["findings"])


def test_json_equals_the_library_result(cli, tmp_path):
    path = write_ledger(tmp_path / "l.xlsx", rows())
    code, out, err = cli("check", path, "--format", "json")
    assert code == 1
    report = json.loads(out)
    std = load_standard()
    expected = check(load_ledger(path, std), std, date(2022, 6, 30), campaign_for(date(2022, 6, 30)))
    assert report == json.loads(json.dumps(expected.to_dict(), default=str))
    assert "2022-06-30" in err  # the as-of date used is printed on stderr


def test_report_keys_follow_the_contract(cli, tmp_path):
    code, out, _ = cli("check", write_ledger(tmp_path / "l.xlsx", rows()), "-f", "json", "--as-of", "2022-06-30")
    assert code == 1
    report = json.loads(out)
    assert set(report) >= {"tool", "standard", "as_of", "campaign", "expected_progress", "files", "communities",
                           "summary", "warnings"}
    assert report["expected_progress"] == 181 / 365
    nanguan = next(c for c in report["communities"] if c["community"] == "南关社区")
    area = next(f for f in nanguan["findings"] if f["indicator"] == "area.per_100_households")
    assert (area["actual"], area["required"], area["gap"], area["cell"]) == (420, 558, 138, "F3")
    assert report["summary"]["communities"] == 3 and report["summary"]["compliant"] == 1


def test_month_convention_option(cli, tmp_path):
    code, out, _ = cli("check", write_ledger(tmp_path / "l.xlsx", rows()), "-f", "json", "--as-of", "2022-06-30",
                       "--convention", "month")
    assert code == 1
    assert json.loads(out)["expected_progress"] == 0.5


def test_csv_xlsx_md_hold_the_same_finding_rows_as_json(cli, tmp_path):
    path = write_ledger(tmp_path / "l.xlsx", rows())
    _, out, _ = cli("check", path, "-f", "json")
    expected = sorted((c, i) for c, i, _ in finding_keys_json(json.loads(out)))
    out_dir = tmp_path / "out"
    out_dir.mkdir()  # an output's folder must exist (never created silently)
    for suffix in ("csv", "xlsx", "md"):
        code, _, _ = cli("check", path, "--output", out_dir / f"r.{suffix}")
        assert code == 1
    text = (out_dir / "r.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    head = table[0]
    got_csv = sorted((r[head.index("社区")], r[head.index("指标")]) for r in table[1:])
    assert got_csv == expected
    book = openpyxl.load_workbook(out_dir / "r.xlsx", read_only=True)
    sheet = book[book.sheetnames[-1]]
    values = list(sheet.iter_rows(values_only=True))
    xhead = list(values[0])
    got_xlsx = sorted((r[xhead.index("社区")], r[xhead.index("指标")]) for r in values[1:] if r[0] is not None)
    assert got_xlsx == expected
    md = (out_dir / "r.md").read_text(encoding="utf-8")
    assert all(ind in md for _, ind in expected)


def test_compliant_ledger_exits_zero(cli, tmp_path):
    code, _, _ = cli("check", write_ledger(tmp_path / "l.xlsx", [community()]), "-f", "json")
    assert code == 0


def test_usage_errors_exit_two_without_traceback(cli, tmp_path):
    path = write_ledger(tmp_path / "l.xlsx", rows())
    for args in (["--format", "xlsx"], ["--format", "json", "--output", tmp_path / "r.csv"],
                 ["--as-of", "not-a-date"], ["--standard", "no-such"], ["--convention", "weekly"],
                 ["--lang", "fr"], ["--sheet", "nope"], ["--district", "不存在区"]):
        code, _, err = cli("check", path, *args)
        assert code == 2, args
        assert "Traceback" not in err and err.strip(), args


def test_output_onto_the_input_is_refused(cli, tmp_path):
    path = write_ledger(tmp_path / "l.xlsx", rows())
    before = path.read_bytes()
    code, _, err = cli("check", path, "--output", path)
    assert code == 2 and path.read_bytes() == before and str(path) in err


def test_district_filter(cli, tmp_path):
    data = [*rows(), community(区县="宿豫区", 街道="豫新街道", 社区="别区社区")]
    code, out, _ = cli("check", write_ledger(tmp_path / "l.xlsx", data), "-f", "json", "--district", "宿豫区")
    assert code == 0
    assert [c["community"] for c in json.loads(out)["communities"]] == ["别区社区"]


def test_english_table(cli, tmp_path):
    code, out, err = cli("check", write_ledger(tmp_path / "l.xlsx", rows()), "--lang", "en")
    assert code == 1
    assert "南关社区" in out and "138" in out and "shortfall" in out.lower()
    assert "as of 2022-06-30" in err


def test_template_is_read_back_by_the_standard(cli, tmp_path):
    out = tmp_path / "blank.xlsx"
    code, _, _ = cli("template", out)
    assert code == 0
    book = openpyxl.load_workbook(out)
    sheet = book["台账"]
    headers = [c.value for c in sheet[2]]
    sheet.append(["宿城区", "古城街道", "新社区"] + [None] * (len(headers) - 3))
    book.save(out)
    code, stdout, _ = cli("check", out, "-f", "json", "--as-of", "2022-06-30")
    report = json.loads(stdout)
    assert code == 1 and report["communities"][0]["community"] == "新社区"
    assert {f["status"] for f in report["communities"][0]["findings"]} == {"missing"}
    assert not report["warnings"]  # every column the standard reads was found


def test_version_and_module_entry_point(cli):
    import subprocess
    import sys

    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("creatio ")
    proc = subprocess.run([sys.executable, "-m", "creatio_cli", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == out
