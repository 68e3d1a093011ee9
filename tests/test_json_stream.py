"""The streamed JSON layout (one community per line above FULL_INDENT_MAX) is the same JSON value.

The oracle is the standard library: ``json.dumps(result.to_dict())`` parsed back. Chunk boundaries are
forced small so every path of the streaming writer (first chunk, middle chunks, the tail) is crossed.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from ledgers import community, write_ledger
from test_render import make_result

from creatio_cli.render import Format, emit, json_out
from creatio_cli.results import CommunityResult, Source


def _many(n: int) -> tuple[CommunityResult, ...]:
    base = make_result().communities[0]
    return tuple(dataclasses.replace(base, community=f"社区{i}", source=Source("台账.xlsx", "台账", 10 + i))
                 for i in range(n))


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_out, "FULL_INDENT_MAX", 1)
    monkeypatch.setattr(json_out, "_CHUNK", 2)


@pytest.mark.parametrize("extra", [0, 1, 2, 5])
def test_streamed_file_is_the_same_value(streamed: None, tmp_path: Path, extra: int) -> None:
    result = make_result(_many(extra))
    out = tmp_path / "r.json"
    assert emit(result, Format.json, out) == [out]
    text = out.read_text(encoding="utf-8")
    assert json.loads(text) == json.loads(json.dumps(result.to_dict()))
    # One line per community between the indented envelope's lines.
    lines = text.splitlines()
    start = lines.index('  "communities": [')
    assert all(line.startswith('    {"community": ') for line in lines[start + 1:start + 1 + 3 + extra])
    assert lines[start + 3 + extra + 1] == "  ],"


def test_streamed_stdout_writes_utf8_bytes(streamed: None) -> None:
    result = make_result(_many(3))
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="gbk")  # a Chinese Windows console: bytes still UTF-8
    emit(result, Format.json, None, console_out=stdout)
    assert json.loads(raw.getvalue().decode("utf-8")) == json.loads(json.dumps(result.to_dict()))


def test_streamed_nan_in_one_community_becomes_null(streamed: None) -> None:
    bad = dataclasses.replace(make_result().communities[1], completion=float("nan"))
    result = make_result((bad,))
    data = json.loads(json_out.render_json(result))
    assert data["communities"][3]["completion"] is None
    assert data["communities"][1]["completion"] == 0.40


def test_score_streamed_with_baseline_same_value(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    write_ledger(folder / "1.xlsx", [community(街道="东街道", 社区="乙社区"),
                                     community(街道="东街道", 社区="丙社区", 道德讲堂="否")])
    write_ledger(folder / "2.xlsx", [community(街道="西街道", 社区="甲社区", 家长学校="否")])
    args = ("score", folder, "--format", "json", "--as-of", "2022-06-30", "--jobs", "1")
    code, full, _ = cli(*args)
    assert code == 1
    base = tmp_path / "base.json"
    base.write_text(full, encoding="utf-8")
    _, full_bl, _ = cli(*args, "--baseline", base)
    monkeypatch.setattr(json_out, "FULL_INDENT_MAX", 1)
    monkeypatch.setattr(json_out, "_CHUNK", 2)
    code, lines, _ = cli(*args)
    assert code == 1 and lines != full and json.loads(lines) == json.loads(full)
    _, lines_bl, _ = cli(*args, "--baseline", base)
    assert json.loads(lines_bl) == json.loads(full_bl)
    assert json.loads(lines_bl)["communities"][0]["fixed"] == []  # the baseline's keys are in the stream
    assert len(json.loads(lines)["rankings"]["communities"]) == 3
