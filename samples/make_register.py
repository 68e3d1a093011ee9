"""Build samples/weekly/notices/: the notice register of the weekly city, made BY creatio.

Unlike generate.py (the oracle, which never uses creatio), this script runs creatio itself — the register
is creatio's output, a sample of what an office keeps. It plays the cycle that weekly/notices.expected.json
describes (written by generate.py from the design), each draft dated its week's as-of date (``--date``):

    creatio notices draft samples/weekly/week2 --output samples/weekly/notices --config samples/weekly/notices.yaml
    creatio notices draft samples/weekly/week3 --output samples/weekly/notices --config samples/weekly/notices.yaml
    creatio notices draft samples/weekly/week4 --output samples/weekly/notices --config samples/weekly/notices.yaml
    creatio notices mark <the clerical community's notice> cancelled --note "…" --by 市创文办 --output samples/weekly/notices
    creatio notices draft samples/weekly/week5 --output samples/weekly/notices --config samples/weekly/notices.yaml
    creatio notices status --output samples/weekly/notices

Run from anywhere: ``python samples/make_register.py [OUTDIR]`` (default samples/weekly/notices, replaced
as a whole; paths in the commands are relative to the repository). creatio is the checkout's own
(src/ first on PYTHONPATH). The register records who (LOGNAME, set to 市创文办 here) and when (the clock,
in Asia/Shanghai time) of every status change, so rebuilding changes those and the files' bytes, not
the notices, numbers, statuses or texts.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WEEKLY = HERE / "weekly"
BY = "市创文办"


def creatio(*args: object, env: dict[str, str]) -> str:
    """Run ``python -m creatio_cli ARGS`` in the repository root; stdout, or exit on exit code ≥ 2."""
    words = [str(a) for a in args]
    print("$ creatio " + shlex.join(words), flush=True)
    proc = subprocess.run([sys.executable, "-m", "creatio_cli", *words], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    sys.stdout.write(proc.stderr)
    if proc.returncode >= 2:
        raise SystemExit(f"creatio exited with {proc.returncode}")
    return proc.stdout


def main(argv: list[str]) -> int:
    out = Path(argv[1]).resolve() if len(argv) > 1 else WEEKLY / "notices"
    plan = json.loads((WEEKLY / "notices.expected.json").read_text(encoding="utf-8"))
    if out.exists():  # only a folder this script made (a register in it) or an empty one is replaced
        if any(out.iterdir()) and not (out / "register.sqlite").is_file():
            raise SystemExit(f"{out} exists and holds no register.sqlite: not replacing it")
        shutil.rmtree(out)
    env = {**os.environ, "TZ": "Asia/Shanghai", "LOGNAME": BY, "USER": BY,
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    rel = os.path.relpath(out, ROOT)
    config = os.path.relpath(WEEKLY / "notices.yaml", ROOT)
    cancel = plan["cancel"]
    for run in plan["runs"]:
        folder = os.path.relpath(WEEKLY / run["folder"], ROOT)
        # Each run's notices are dated the week's as-of date (--date): the weekly office drafts them the day
        # the ledgers come in, and the register stays the same whatever day this script is run.
        sys.stdout.write(creatio("notices", "draft", folder, "--output", rel, "--config", config,
                                 "--date", run["as_of"], env=env))
        if run["folder"] == cancel["after"]:
            status = json.loads(creatio("notices", "status", "--output", rel, "--format", "json", env=env))
            number = next(n["number"] for n in status if n["kind"] == "notice" and n["status"] == "open"
                          and (n["district"], n["street"], n["community"])
                          == (cancel["district"], cancel["street"], cancel["community"]))
            creatio("notices", "mark", number, "cancelled", "--note", cancel["note"], "--by", BY, "--output", rel,
                    env=env)
    sys.stdout.write(creatio("notices", "status", "--output", rel, env=env))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
