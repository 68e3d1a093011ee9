"""The 126-community activity-room sample gives the verdicts its generator designed (independent oracle)."""

import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_xiangzhou_verdicts_match_the_generator_design(cli):
    expected = json.loads((SAMPLES / "xiangzhou-rooms.expected.json").read_text(encoding="utf-8"))
    code, out, _ = cli("check", SAMPLES / "xiangzhou-rooms.xlsx", "--standard", "huodong-yongfang", "-f", "json")
    assert code == 1
    report = json.loads(out)
    got = {(c["district"], c["street"], c["community"]): sorted(f["indicator"] for f in c["findings"])
           for c in report["communities"]}
    want = {(c["district"], c["street"], c["community"]): sorted(c["fails"]) for c in expected["communities"]}
    assert got == want
    assert report["summary"]["communities"] == 126
    by_id = {s["indicator"]: s for s in report["summary"]["by_indicator"]}
    assert by_id["rooms.activity_200"]["met"] == 126 and by_id["rooms.activity_400"]["met"] == 42
