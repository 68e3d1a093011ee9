"""The office's own YAML files (notices --config, --mapping) are read under the same bounds as a standard:
a FIFO or device is refused by name without being opened for long, an alias bomb stops at the node limit,
a duplicate key is refused. Each case is exit 2 with one line naming the file, and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

LEDGER = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"
BOMB = "".join(f"{a}: &{a} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['x'] * 9)}]\n"
               for a, p in zip("abcdefg", ["", *"abcdef"], strict=True))


def _cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    twice = tmp_path / "twice.yaml"
    twice.write_text("columns:\n  户数: households\n  户数: population\n", encoding="utf-8")
    return {"fifo": (fifo, "named pipe"), "bomb": (bomb, "100,000 YAML nodes"),
            "twice": (twice, "duplicate key"), "device": (Path("/dev/zero"), "is a device")}


@pytest.mark.parametrize("case", ["fifo", "bomb", "twice", "device"])
@pytest.mark.parametrize("option", ["--config", "--mapping"])
def test_a_hostile_settings_or_mapping_file_is_refused_by_name(cli, tmp_path, case, option):
    path, says = _cases(tmp_path)[case]
    out = tmp_path / "notices"
    args = (("notices", "draft", LEDGER, "--output", out, "--config", path) if option == "--config"
            else ("check", LEDGER, "--mapping", path))
    code, stdout, err = cli(*args, "--lang", "en")
    assert stdout == ""
    assert code == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and str(path) in err and says in err
    assert not out.exists()
