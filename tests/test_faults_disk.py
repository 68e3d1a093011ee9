"""A full disk, a file-size limit, a read-only folder or a full stdout is the environment, not a bug: exit 2
with one line naming what could not be written, no temp file left behind, the previous report intact
(issue 14). ENOSPC is simulated by monkeypatching; EFBIG (RLIMIT_FSIZE) and /dev/full are real. The reason
is the catalogue's wording of the OS error (``messages.os_reason``), checked in English (``--lang en``)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from badfiles import good_xlsx
from ledgers import community, write_ledger

from creatio_cli.messages import os_reason

FORMATS = ["json", "csv", "md", "table", "xlsx"]


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return good_xlsx(tmp_path / "g.xlsx")


def _why(number: int) -> str:
    """How ``--lang en`` words the OS error ``number`` ("the disk is full" for ENOSPC)."""
    return os_reason(OSError(number, os.strerror(number))).render("en")


def _no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _assert_refused(code: int, err: str, target: Path, why: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err and "内部错误" not in err, err
    last = err.strip().splitlines()[-1]
    assert str(target) in last and why in last, err
    leftovers = [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], leftovers


def _fill_disk(monkeypatch, fmt: str) -> None:
    """ENOSPC where each writer meets it: fsync (text formats, json streamed), xlsxwriter's zip store."""
    monkeypatch.setattr(os, "fsync", _no_space)
    if fmt == "xlsx":
        import xlsxwriter.workbook

        monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", _no_space)


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_on_a_full_disk_keeps_the_previous_report(cli, ledger, tmp_path, monkeypatch, fmt):
    target = tmp_path / "out" / f"report.{ 'txt' if fmt == 'table' else fmt}"
    target.parent.mkdir()
    target.write_bytes(b"previous report")
    _fill_disk(monkeypatch, fmt)
    code, _out, err = cli("check", ledger, "--format", fmt, "--output", target, "--lang", "en")
    _assert_refused(code, err, target, _why(errno.ENOSPC))
    assert target.read_bytes() == b"previous report"


@pytest.mark.parametrize("fmt", FORMATS)
def test_score_on_a_full_disk(cli, tmp_path, monkeypatch, fmt):
    folder = tmp_path / "wk"
    folder.mkdir()
    write_ledger(folder / "a.xlsx", [community(社区="甲社区")])
    write_ledger(folder / "b.xlsx", [community(社区="乙社区")])
    target = tmp_path / "out" / f"score.{'txt' if fmt == 'table' else fmt}"
    target.parent.mkdir()  # an output's folder must exist (never created silently)
    _fill_disk(monkeypatch, fmt)
    code, _out, err = cli("score", folder, "--format", fmt, "--output", target, "--lang", "en")
    _assert_refused(code, err, target, _why(errno.ENOSPC))
    assert not target.exists()


@pytest.mark.parametrize("failure", [errno.EROFS, errno.EACCES, errno.EDQUOT])
def test_a_folder_that_refuses_new_files(cli, ledger, tmp_path, monkeypatch, failure):
    # Read-only file system, no permission (a read-only folder: what chmod 555 gives a non-root user; root
    # writes there anyway, so a chmod test could not run in CI), over quota: the temp file cannot be created.
    def refuse(*_args, **_kwargs):
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "r.json"
    code, _out, err = cli("check", ledger, "--output", target, "--lang", "en")
    _assert_refused(code, err, target, _why(failure))


def _limit_file_size() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # Python ignores SIGXFSZ: writes fail, EFBIG


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")
@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_a_real_write_failure_past_a_file_size_limit(ledger, tmp_path, fmt):
    target = tmp_path / f"big.{fmt}"
    proc = subprocess.run([sys.executable, "-m", "creatio_cli", "check", ledger, "--output", target,
                           "--lang", "en"], preexec_fn=_limit_file_size, capture_output=True, text=True, timeout=60)
    _assert_refused(proc.returncode, proc.stderr, target, _why(errno.EFBIG))
    assert not target.exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="Linux /dev/full")
@pytest.mark.parametrize("command", ["check", "score"])
def test_stdout_on_a_full_device(ledger, command):
    arg = ledger if command == "check" else ledger.parent
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "creatio_cli", command, arg, "--format", "json", "--lang", "en"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "error: cannot write standard output: the disk is full"
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr


def test_an_output_folder_that_is_a_file(cli, ledger, tmp_path):
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder")
    target = blocker / "week" / "r.json"
    code, _out, err = cli("check", ledger, "--output", target, "--lang", "en")
    assert code == 2 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1] == f"error: {target}: cannot write: {blocker} is a file, not a folder"


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")
def test_the_blank_template_on_a_full_disk(tmp_path):
    # `creatio template` wrote through its own temp file: xlsxwriter's FileCreateError was exit 3.
    target = tmp_path / "blank.xlsx"
    proc = subprocess.run([sys.executable, "-m", "creatio_cli", "template", target, "--lang", "en"],
                          preexec_fn=_limit_file_size, capture_output=True, text=True, timeout=60)
    _assert_refused(proc.returncode, proc.stderr, target, _why(errno.EFBIG))
    assert not target.exists()


def _run_with_closed(fd: int, *args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "creatio_cli", *map(str, args)], preexec_fn=lambda: os.close(fd),
                          capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(os.name != "posix", reason="closing a descriptor in the child")
@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_closed_stdout(ledger, fmt):
    # `creatio check x >&-` (and schedulers that start jobs without a stdout): was exit 3, an
    # AttributeError on None; the report cannot go anywhere, which is exit 2 with one line on stderr.
    proc = _run_with_closed(1, "check", ledger, "--format", fmt, "--lang", "en")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "error: cannot write standard output: it was closed"
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(os.name != "posix", reason="closing a descriptor in the child")
def test_a_closed_stderr_loses_the_messages_not_the_report(ledger, tmp_path):
    proc = _run_with_closed(2, "check", ledger, "--format", "json")  # the good ledger: exit 0
    assert proc.returncode == 0 and proc.stdout.startswith("{")
    target = tmp_path / "r.json"
    proc = _run_with_closed(1, "check", ledger, "--output", target)  # stdout closed, report to a file
    assert proc.returncode == 0 and target.is_file(), proc.stderr
