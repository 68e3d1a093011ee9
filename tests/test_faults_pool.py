"""The reader pool never waits on nothing: a reader that dies while the parent is handing it its next file
(the task pipe refuses it) costs only the file it died on, and the batch goes on (issue 14; found as an
intermittent hang of test_faults_reader.py::test_a_reader_that_dies_costs_only_its_own_file under load)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from badfiles import abort_on_bombs
from ledgers import community, write_ledger

from creatio_cli import batch
from creatio_cli.ledger import workers
from creatio_cli.standards import load_standard


def _late_give(real):
    """Give the next file only once the reader had time to die on the bomb it holds: the write then meets
    a closed pipe (EPIPE), the race that left the pool polling an empty set forever."""

    def give(self, path):
        if self.queued and self.queued[-1].name.startswith("bomb"):
            time.sleep(0.3)
        return real(self, path)

    return give


@pytest.fixture
def deadline():
    """Fail (not hang) after 30 s: SIGALRM interrupts the pool's poll()."""

    def expire(_signum, _frame):
        raise TimeoutError("the reader pool hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_reader_dying_while_it_is_given_a_file(tmp_path, monkeypatch, jobs, deadline):
    monkeypatch.setattr(workers, "read_one", abort_on_bombs(workers.read_one))
    monkeypatch.setattr(workers._Worker, "give", _late_give(workers._Worker.give))
    folder = tmp_path / "wk"
    folder.mkdir()
    names = ["a0.xlsx", "bomb1.xlsx", "c2.xlsx", "d3.xlsx", "bomb4.xlsx", "f5.xlsx"]
    for i, name in enumerate(names):
        write_ledger(folder / name, [community(社区=f"社区{i}")])
    start = time.monotonic()
    found = batch.read_folder(batch.find_ledgers(folder), load_standard(), jobs=jobs)
    assert time.monotonic() - start < 20
    status = {Path(f.path).name: (f.status, f.reason.render("en") if f.reason else "") for f in found.files}
    assert {n for n, (s, _) in status.items() if s == "ok"} == {"a0.xlsx", "c2.xlsx", "d3.xlsx", "f5.xlsx"}
    for bomb in ("bomb1.xlsx", "bomb4.xlsx"):
        assert status[bomb][0] == "skipped" and "SIGABRT" in status[bomb][1]
