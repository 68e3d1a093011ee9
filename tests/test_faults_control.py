"""Control characters in a ledger (names, cells, sheet and file names) never reach a csv or md report, nor
split an error line on stderr; the formula guard still holds when a control character hides a formula
(issue 14)."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from badfiles import WORKBOOK, ledger_rows, raw_xlsx, sheet_xml
from ledgers import HEADERS, community

from creatio_cli.cli.runner import one_line
from creatio_cli.render.safe import clean_text, neutralize, neutralize_value

ESC = "\x1b"
# Every C0 control but tab/LF/CR, DEL and C1 — what no csv or md report may contain.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A CSV holding a NUL is binary and refused; an xlsx carries NUL and ESC as _x0000_ / _x001B_ escapes.
NASTY = {"社区": f"幸福{ESC}[31m社区\x01", "街道": "古城\x07街道\x9b2J", "区县": "\x02=HYPERLINK(\"http://x\")",
         "居民活动用房面积（㎡）": f"二百{ESC}]0;pwned\x07", "帮扶单位": "市\x08民政局\x7f"}


def _csv_ledger(path: Path) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["宿迁市2022年社区创建工作台账（截至2022年6月30日）"])
    writer.writerow(HEADERS)
    for row in (community(**NASTY), community(社区="和平社区", 道德讲堂="否")):
        writer.writerow([row.get(h) for h in HEADERS])
    writer.writerows([[f"备注{i}"] for i in range(300)])  # enough plain text: a few controls are not "binary"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _xlsx_ledger(path: Path) -> Path:
    def text(value: str) -> str:
        return f'<c r="@@" t="inlineStr"><is><t>{value}</t></is></c>'

    return raw_xlsx(path, sheet_xml(ledger_rows({"2": {
        "A": text("_x0000_=HYPERLINK(&quot;http://x&quot;)"), "C": text("幸福_x001B_[31m社区_x0000_"),
        "G": text("二百_x001B_]0;pwned_x0007_")}})))


def test_clean_text_keeps_text_and_drops_controls():
    assert clean_text("幸福社区\u3000一组\t二组\n三组\r") == "幸福社区\u3000一组\t二组\n三组\r"
    assert clean_text(f"a{ESC}[31mb\x00c\x9bd\x7f") == "a[31mbcd"
    # Cleaned before guarded: a NUL in front of a formula cannot hide it.
    assert neutralize("\x00=1+1") == "'=1+1" and neutralize_value("\x01@x") == "'@x"
    assert neutralize_value(-5.0) == -5.0


@pytest.fixture
def nasty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "wk"
    folder.mkdir()
    # A file name with an escape sequence, too (Windows forbids control characters in names).
    _csv_ledger(folder / (f"a{ESC}[2J.csv" if os.name == "posix" else "a.csv"))
    _xlsx_ledger(folder / "b.xlsx")
    return folder


@pytest.mark.parametrize("fmt", ["csv", "md"])
@pytest.mark.parametrize("command", ["check a.csv", "check b.xlsx", "score"])
def test_reports_carry_no_control_characters(cli, nasty_folder, tmp_path, fmt, command):
    command, _, name = command.partition(" ")
    ledger = next(p for p in nasty_folder.iterdir() if p.suffix == Path(name or "x.csv").suffix)
    target = tmp_path / f"report.{fmt}"
    code, _out, err = cli(command, ledger if command == "check" else nasty_folder, "--output", target,
                          "--as-of", "2022-06-30", "--all-findings" if command == "check" else "--top=3")
    assert code == 1, err
    text = target.read_text(encoding="utf-8-sig")
    assert not FORBIDDEN.search(text), FORBIDDEN.findall(text)
    assert "幸福[31m社区" in text  # the visible text stays
    assert '=HYPERLINK("http://x")' not in text.replace("'=HYPERLINK", "")  # still guarded
    if fmt == "md":
        assert "\r" not in text


@pytest.mark.parametrize("fmt", ["csv", "md", "table"])
def test_stdout_reports_too(cli, nasty_folder, fmt):
    code, out, _err = cli("score", nasty_folder, "--format", fmt, "--as-of", "2022-06-30")
    assert code == 1 and not FORBIDDEN.search(out)


@pytest.mark.parametrize("name", ["a.csv", "b.xlsx"])
def test_the_terminal_table_and_its_warnings_carry_no_escape_sequence(cli, nasty_folder, name):
    # Whoever prints a check at the desk must not have the terminal recoloured or cleared by a cell.
    ledger = next(p for p in nasty_folder.iterdir() if p.suffix == Path(name).suffix)
    code, out, err = cli("check", ledger, "--as-of", "2022-06-30", "--all-findings")
    assert code == 1, err
    assert not FORBIDDEN.search(out), FORBIDDEN.findall(out)
    assert not FORBIDDEN.search(err), FORBIDDEN.findall(err)
    assert "幸福[31m社区" in out


def test_an_error_naming_a_crafted_sheet_stays_on_one_line(cli, tmp_path):
    # A sheet name with a line break (an XML character reference): the error listing the sheets is one
    # line, the break shown escaped.
    workbook = WORKBOOK.replace('name="台账"', 'name="台账&#10;第二行"')
    path = raw_xlsx(tmp_path / "s.xlsx", sheet_xml(ledger_rows()), workbook=workbook)
    code, _out, err = cli("check", path, "--sheet", "没有")
    assert code == 2 and err.count("\n") == 1, err
    assert "台账\\n第二行" in err, err


def test_one_line_escapes_controls():
    assert one_line("a\nb\r\x1b[31m\x00\x85") == "a\\nb\\r\\x1b[31m\\x00\\x85"
    assert one_line("幸福社区\t(1)") == "幸福社区\t(1)"
