"""Workbooks are opened by their content, not their suffix: offices rename .xls ↔ .xlsx freely."""

import json
import shutil

import xlwt

from tests.ledgers import HEADERS, community, write_ledger


def _xls(path, rows):
    book = xlwt.Workbook()
    sheet = book.add_sheet("台账")
    for col, header in enumerate(HEADERS):
        sheet.write(0, col, header)
    for r, row in enumerate(rows, start=1):
        for col, header in enumerate(HEADERS):
            if row.get(header) is not None:
                sheet.write(r, col, row[header])
    book.save(str(path))
    return path


def _verdicts(cli, path):
    code, out, err = cli("check", path, "-f", "json", "--as-of", "2022-06-30")
    assert code == 1, err
    return [(c["community"], sorted(f["indicator"] for f in c["findings"])) for c in json.loads(out)["communities"]]


def test_renamed_files_read_like_the_originals(cli, tmp_path):
    rows = [community(社区="南关社区", 户数=1860, **{"社区综合服务设施面积（㎡）": 420}), community()]
    xlsx = write_ledger(tmp_path / "a.xlsx", rows)
    xls = _xls(tmp_path / "b.xls", rows)
    want = _verdicts(cli, xlsx)
    assert want[0] == ("南关社区", ["area.per_100_households"])
    assert _verdicts(cli, xls) == want
    assert _verdicts(cli, shutil.copy(xlsx, tmp_path / "xlsx-named.xls")) == want
    assert _verdicts(cli, shutil.copy(xls, tmp_path / "xls-named.xlsx")) == want
