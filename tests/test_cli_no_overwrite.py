"""Files a user then edits (a ledger-to-be, a notice or bulletin template, the office settings) are never
replaced unasked: an existing OUT is exit 2 naming it, unless --force (findings probe9 H1)."""

from __future__ import annotations

import hashlib

import pytest

from tests.ledgers import community, write_ledger


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_template_refuses_an_existing_ledger(cli, tmp_path):
    ledger = write_ledger(tmp_path / "hp.xlsx", [community()])
    before = _digest(ledger)
    code, _, err = cli("template", ledger)
    assert code == 2
    assert str(ledger) in err and "--force" in err
    assert len(err.strip().splitlines()) <= 2  # the error, and at most the help hint
    assert _digest(ledger) == before


def test_template_replaces_with_force(cli, tmp_path):
    ledger = write_ledger(tmp_path / "hp.xlsx", [community()])
    before = _digest(ledger)
    code, _, _ = cli("template", ledger, "--force")
    assert code == 0
    assert _digest(ledger) != before


def test_template_english_refusal(cli, tmp_path):
    ledger = write_ledger(tmp_path / "hp.xlsx", [community()])
    code, _, err = cli("template", ledger, "--lang", "en")
    assert code == 2 and "already exists" in err and "--force" in err


@pytest.mark.parametrize("command, name", [(("notices", "init-template"), "t.docx"),
                                           (("notices", "init-config"), "c.yaml"),
                                           (("bulletin", "init-template"), "b.docx")])
def test_init_commands_refuse_then_force(cli, tmp_path, command, name):
    out = tmp_path / name
    out.write_bytes(b"edited by the office")
    code, _, err = cli(*command, out)
    assert code == 2 and str(out) in err and "--force" in err
    assert out.read_bytes() == b"edited by the office"
    code, _, _ = cli(*command, out, "--force")
    assert code == 0
    assert out.read_bytes() != b"edited by the office"
