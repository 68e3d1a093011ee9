"""Every (community, indicator) verdict of a run is kept compactly beside the findings (results.StatusMatrix),
so the history can record met, not applicable and unassessed as well as the problems.

The oracle is the sample generator's own design (samples/city-ledger.expected.json: which community was
made to fail which indicator), never creatio's output.
"""

from __future__ import annotations

import json
from pathlib import Path

from ledgers import HEADERS, community, write_ledger

from creatio_cli import api
from creatio_cli.status import PROBLEMS

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_the_matrix_holds_the_designed_verdicts_of_the_sample():
    expected = json.loads((SAMPLES / "city-ledger.expected.json").read_text(encoding="utf-8"))
    run = api.check_file(SAMPLES / "city-ledger.xlsx")
    matrix = run.result.statuses
    assert matrix is not None
    assert matrix.codes.shape == (66, len(matrix.indicators)) == (66, len(expected["points"]))
    designed = {(c["district"], c["street"], c["community"]): c for c in expected["communities"]}
    for i, c in enumerate(run.result.communities):
        want = designed[c.key]
        got = dict(zip(matrix.indicators, matrix.row(i), strict=True))
        missing = set(want.get("missing", []))
        assert {k for k, v in got.items() if v == "missing"} == missing, c.key
        assert {k for k, v in got.items() if v in PROBLEMS} == set(want["fails"]), c.key
        assert {v for k, v in got.items() if k not in want["fails"]} <= {"met"}, c.key


def test_the_matrix_agrees_with_all_findings_and_marks_unassessed(tmp_path):
    headers = [h for h in HEADERS if h != "群众满意度（%）"]  # satisfaction cannot be assessed
    ledger = write_ledger(tmp_path / "l.xlsx", [community(社区="南关社区", 道德讲堂="否"),
                                                 community(社区="北关社区", 家长学校="/")], headers=headers)
    run = api.check_file(ledger, api.Options(all_findings=True))
    matrix = run.result.statuses
    assert matrix is not None
    rows = {c.community: dict(zip(matrix.indicators, matrix.row(i), strict=True))
            for i, c in enumerate(run.result.communities)}
    assert rows["南关社区"]["six.moral_lecture_hall"] == "shortfall"
    # 六个一 requires each facility of every community: a `/` is an unusable cell, not a waiver.
    assert rows["北关社区"]["six.parent_school"] == "invalid"
    assert rows["南关社区"]["satisfaction.residents"] == rows["北关社区"]["satisfaction.residents"] == "unassessed"
    for i, c in enumerate(run.result.communities):
        findings = {f.indicator: f.status for f in c.findings}
        assert findings == {k: v for k, v in rows[c.community].items() if v != "unassessed"}
        assert i == list(rows).index(c.community)
