"""Every ledger a user can hand over gives exit 0/1 or exit 2 with one line naming the file — never exit 3,
never a hang (issue 14: exit codes mean what the README says). One test per fault class."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile

import pytest
import subproc
from badfiles import WORKBOOK, good_xlsx, raw_ods, raw_xlsx, sheet_xml
from ledgers import GOOD, HEADERS, community


def _csv_text(rows: list[dict[str, object]] | None = None) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["宿迁市2022年社区创建工作台账（截至2022年6月30日）"])
    writer.writerow(HEADERS)
    for row in rows or [GOOD, community(社区="和平社区")]:
        writer.writerow([row.get(h) for h in HEADERS])
    return buf.getvalue()


def _one_line_refusal(code: int, err: str, name: str) -> None:
    assert code == 2, err
    assert name in err and "Traceback" not in err and err.count("\n") == 1, err


def _communities(out: str) -> list[str]:
    return [c["community"] for c in json.loads(out)["communities"]]


# --- CSV: line endings, long fields, encodings, binary content ---------------------------------------


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_csv_with_any_line_ending_is_read(cli, tmp_path, ending):
    # Old Mac Excel wrote CR alone; the csv module refused it ("new-line character seen in unquoted field").
    path = tmp_path / "cr.csv"
    path.write_bytes(_csv_text().replace("\r\n", ending).encode("utf-8"))
    code, out, err = cli("check", path, "--format", "json", "--all-findings")
    assert code in (0, 1), err
    assert _communities(out) == ["幸福社区", "和平社区"]
    assert cli("inspect", path)[0] == 0  # inspect reads in-process: no crash there either


def test_csv_line_break_inside_a_quoted_field_stays_in_the_cell(cli, tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_bytes(_csv_text([community(备注="第一行\r第二行")]).replace("\r\n", "\r").encode("utf-8"))
    code, out, err = cli("check", path, "--format", "json", "--all-findings")
    assert code in (0, 1), err and _communities(out) == ["幸福社区"]


def test_csv_field_longer_than_the_csv_modules_limit_is_read(cli, tmp_path):
    # csv.field_size_limit() is 131,072 characters; a long 备注 is no reason to refuse a ledger.
    path = tmp_path / "long.csv"
    path.write_text(_csv_text([community(备注="很长" * 100_000)]), encoding="utf-8")
    code, _out, err = cli("check", path, "--format", "json")
    assert code in (0, 1), err
    assert cli("inspect", path)[0] == 0
    assert csv.field_size_limit() == 131_072  # the process-wide setting is restored


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-32", "utf-8-sig", "gb18030"])
def test_csv_in_unicode_with_a_byte_order_mark_or_gb18030_is_read(cli, tmp_path, encoding):
    text = _csv_text()
    data = b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    path = tmp_path / "u.csv"
    path.write_bytes(data)
    code, out, err = cli("check", path, "--format", "json", "--all-findings")
    assert code in (0, 1), err
    assert _communities(out) == ["幸福社区", "和平社区"]


def test_a_quote_that_never_closes_is_refused_naming_its_line(cli, tmp_path):
    """Read leniently, the rest of the file would become one community named by all the data below it."""
    path = tmp_path / "open.csv"
    text = _csv_text([GOOD, community(社区="和平社区"), community(社区="东风社区")])
    path.write_text(text.replace(",和平社区,", ',"和平社区,'), encoding="utf-8")
    for command in ("check", "inspect"):
        code, _out, err = cli(command, path)
        _one_line_refusal(code, err, "open.csv")
        assert "第4行" in err  # title 1, header 2, 幸福社区 3, the quote opens on 4


def test_a_lone_quote_inside_a_field_reads_as_excel_reads_it(cli, tmp_path):
    """门牌3"号 or "x"y: odd quotes that do not swallow the file are text, as in Excel."""
    path = tmp_path / "inch.csv"
    text = _csv_text([community(备注="门牌3号"), community(社区="和平社区")])
    path.write_text(text.replace("门牌3号", '门牌3"号'), encoding="utf-8")
    code, out, err = cli("check", path, "--format", "json")
    assert code in (0, 1), err
    assert _communities(out) == ["幸福社区", "和平社区"]


@pytest.mark.parametrize("content", ["utf-16 without a mark", "random bytes", "a zip", "control characters"])
def test_a_csv_that_is_not_text_is_refused_in_one_line(cli, tmp_path, content):
    import random

    rng = random.Random(14)
    data = {
        "utf-16 without a mark": _csv_text().encode("utf-16-le"),
        "random bytes": bytes(rng.randrange(256) for _ in range(4000)),
        "a zip": good_xlsx(tmp_path / "g.xlsx").read_bytes(),
        "control characters": bytes(rng.choice(b"\x01\x02\x1b\x7f,ab") for _ in range(4000)),
    }[content]
    path = tmp_path / "bin.csv"
    path.write_bytes(data)
    for command in ("check", "inspect"):
        code, _out, err = cli(command, path)
        _one_line_refusal(code, err, "bin.csv")


# --- paths that are not ledger files -----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("name", ["fifo.xlsx", "fifo.csv"])
def test_a_fifo_named_like_a_ledger_is_refused_at_once(tmp_path, name):
    # Opening a FIFO for reading waits for a writer: the reader must not (a subprocess, so a hang fails).
    fifo = tmp_path / name
    os.mkfifo(fifo)
    run = subproc.creatio("check", fifo, "--lang", "en", timeout=20)
    assert not run.hung
    _one_line_refusal(run.code, run.err, name)
    assert "regular file" in run.err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="a character device")
def test_a_device_behind_a_ledger_name_is_refused(cli, tmp_path):
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")  # read to its end, it would never end
    for command in ("check", "inspect"):
        code, _out, err = cli(command, link)
        _one_line_refusal(code, err, "zero.csv")


def test_a_folder_named_like_a_workbook_is_refused(cli, tmp_path):
    folder = tmp_path / "x.xlsx"
    folder.mkdir()
    code, _out, err = cli("check", folder)
    _one_line_refusal(code, err, "x.xlsx")


def test_a_dangling_symlink_and_a_symlink_loop_are_refused(cli, tmp_path):
    (tmp_path / "gone.xlsx").symlink_to(tmp_path / "nowhere.xlsx")
    (tmp_path / "loop.xlsx").symlink_to(tmp_path / "loop.xlsx")
    for name in ("gone.xlsx", "loop.xlsx"):
        code, _out, err = cli("check", tmp_path / name)
        _one_line_refusal(code, err, name)


# --- workbooks without what a ledger needs -----------------------------------------------------------


def test_a_sheet_name_that_does_not_exist_is_named(cli, tmp_path):
    path = good_xlsx(tmp_path / "g.xlsx")
    code, _out, err = cli("check", path, "--sheet", "不存在")
    _one_line_refusal(code, err, "g.xlsx")
    assert "不存在" in err and "台账" in err  # the sheet asked for, and the sheets there are


@pytest.mark.parametrize("kind", ["ods with an empty table", "ods without a table", "ods with empty content",
                                  "xlsx without sheets", "xlsx with an empty sheet"])
def test_an_empty_workbook_is_refused_in_one_line(cli, tmp_path, kind):
    path = tmp_path / ("e.ods" if kind.startswith("ods") else "e.xlsx")
    if kind == "ods with an empty table":
        raw_ods(path, [])
    elif kind.startswith("ods"):
        body = "" if kind.endswith("empty content") else (
            '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
            'xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>')
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", body)
    elif kind == "xlsx without sheets":
        raw_xlsx(path, sheet_xml([]), workbook=WORKBOOK.replace('<sheet name="台账" sheetId="1" r:id="rId1"/>', ""))
    else:
        raw_xlsx(path, sheet_xml([]))
    for command in ("check", "inspect"):
        code, _out, err = cli(command, path)
        assert code == 2 and path.name in err and "Traceback" not in err, err
    code, _out, err = cli("check", path)
    _one_line_refusal(code, err, path.name)


def test_a_path_too_long_for_the_file_system_is_refused(cli, tmp_path):
    path = tmp_path / ("台" * 200 + ".xlsx")  # 600 bytes of UTF-8: past NAME_MAX (255)
    for command in ("check", "inspect"):
        code, _out, err = cli(command, path, "--lang", "en")
        _one_line_refusal(code, err, ".xlsx")
        assert "Error:" not in err  # not "cannot be read: OSError: …"
