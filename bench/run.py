"""Time creatio against its floors in the same run and print the ratios of issue 8's targets.

``python bench/run.py``            full run (100k-row ledger, 300- and 3,000-file folders), best of 3
``python bench/run.py --quick``    smoke run (10k rows, 300 files for the jobs target), best of 1
``python bench/run.py --only check-100k,help --repeat 5``
``python bench/run.py --markdown`` also print the table as Markdown (for bench/README.md)
``python bench/run.py --src /path/to/other/src``  measure another tree (e.g. a merge candidate)

Every figure is a separate process timed by wall clock (best of N); peak RSS comes from ``os.wait4`` of
that very process. creatio runs from this checkout (``PYTHONPATH=src``) with the interpreter running
this script, its modules compiled to bytecode first (as an installed wheel would be). Inputs are generated on first use into bench/data/ (bench/generate.py). A target whose
command does not exist yet (``score``, ``notices`` on other branches) is reported as skipped.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
OUT = DATA / "out"
PY = sys.executable
SRC = ROOT / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": "0"}
CREATIO = [PY, "-m", "creatio_cli"]

sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402  (bench/ is not a package)


@dataclass
class Timing:
    seconds: float
    rss_mb: float
    code: int


@dataclass
class Row:
    name: str
    what: str
    creatio: Timing | None = None
    floor: Timing | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


def timed(cmd: list[str], repeat: int, before=None, stdout=subprocess.DEVNULL) -> Timing:
    """Best wall time of ``repeat`` runs of ``cmd``; peak RSS (MB) over them; the last exit code."""
    best, rss, code = float("inf"), 0.0, 0
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=ENV, cwd=ROOT, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        best = min(best, time.perf_counter() - start)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        rss = max(rss, usage.ru_maxrss / 1024)  # Linux reports KiB
    return Timing(best, rss, code)


def available(*words: str) -> bool:
    """True when ``creatio <words> --help`` succeeds (the command exists on this branch)."""
    done = subprocess.run([*CREATIO, *words, "--help"], env=ENV, cwd=ROOT, capture_output=True)
    return done.returncode == 0


def fresh(path: Path):
    """A ``before`` hook: remove an output left by the previous repetition."""
    def clear() -> None:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    return clear


def ratio_row(name, what, creatio, floor, limit, rss_limit=None) -> Row:
    """A row whose target is creatio/floor ≤ limit (and peak RSS ≤ rss_limit MB when given)."""
    ratio = creatio.seconds / floor.seconds
    met = ratio <= limit and (rss_limit is None or creatio.rss_mb <= rss_limit)
    target = f"≤ {limit}×" + (f", RSS ≤ {rss_limit} MB" if rss_limit else "")
    note = f"ratio {ratio:.2f}×" + (f", RSS {creatio.rss_mb:.0f} MB" if rss_limit else "")
    if creatio.code not in (0, 1):
        met, note = False, f"exit {creatio.code}! " + note
    return Row(name, what, creatio, floor, target, met, note)


def run_targets(args) -> list[Row]:
    quick, n = args.quick, args.repeat
    # An installed wheel ships compiled bytecode; a checkout run with PYTHONDONTWRITEBYTECODE=1 would
    # recompile every creatio module in every process (~25 ms), so compile once, as pip would.
    subprocess.run([PY, "-m", "compileall", "-q", str(SRC)], check=True)
    inputs = generate(DATA, quick=quick)
    big, folder300, folder_big, notices_in = inputs
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    want = set(args.only.split(",")) if args.only else None

    def on(name: str) -> bool:
        return want is None or name in want

    if on("check-100k"):
        out = OUT / "check-big.json"
        c = timed([*CREATIO, "check", str(big), "--format", "json", "--output", str(out)], n, fresh(out))
        f = timed([PY, str(HERE / "floors.py"), "read", str(big)], n)
        rows.append(ratio_row("check-100k", f"check {big.name} --format json --output", c, f, 1.8, 600))
    if on("check-66"):
        out = OUT / "check-66.json"
        c = timed([*CREATIO, "check", "samples/city-ledger.xlsx", "--format", "json", "--output", str(out)], n,
                  fresh(out))
        f = timed([PY, "-c", "import pandas, pydantic, yaml, python_calamine"], n)
        rows.append(ratio_row("check-66", "check city-ledger.xlsx (66 rows) vs import pandas, pydantic, yaml, "
                              "python_calamine", c, f, 1.5))
    if on("help"):
        c = timed([*CREATIO, "--help"], n)
        f = timed([PY, "-c", "import typer"], n)
        rows.append(ratio_row("help", "creatio --help vs import typer", c, f, 1.3))
        c = timed([*CREATIO, "standards", "list"], n)
        rows.append(Row("standards-list", "standards list (no target; vs import typer)", c, f, "—", None,
                        f"ratio {c.seconds / f.seconds:.2f}×"))
    if on("rules"):
        rows += rules_rows(big, n)
    if on("score-300") or on("score-jobs"):
        rows += score_rows(folder300, folder_big, n, on)
    if on("notices"):
        rows.append(notices_row(notices_in, n))
    return rows


def rules_rows(big: Path, n: int) -> list[Row]:
    """Rule evaluation and the whole engine vs pandera, measured inside one process (bench/rules_bench.py)."""
    if importlib.util.find_spec("pandera") is None:
        return [Row("rules", "10 checks vs pandera", note="skipped: pandera not installed (pip install -e .[bench])")]
    done = subprocess.run([PY, str(HERE / "rules_bench.py"), str(big), "--repeat", str(n)], env=ENV, cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        return [Row("rules", "10 checks vs pandera", met=False, note="failed: " + done.stderr.strip()[-200:])]
    r = json.loads(done.stdout)
    pandera = Timing(r["pandera"], 0, 0)
    rules = Row("rules", f"10 rules → statuses and failing rows, {r['rows']:,} rows vs pandera lazy validate",
                Timing(r["creatio_rules"], 0, 0), pandera, "≤ 0.5×", r["creatio_rules"] / r["pandera"] <= 0.5,
                f"ratio {r['creatio_rules'] / r['pandera']:.2f}×; plain pandas masks {r['pandas_floor']:.3f} s")
    whole = Row("rules-check", f"engine.check with the same 10 indicators ({r['creatio_findings']:,} Finding "
                f"objects + {r['rows']:,} CommunityResult) vs pandera", Timing(r["creatio_check"], 0, 0), pandera,
                "(info)", None, f"ratio {r['creatio_check'] / r['pandera']:.2f}×")
    return [rules, whole]


def score_rows(folder300: Path, folder_big: Path, n: int, on) -> list[Row]:
    """score on 300 files vs calamine reading them; --jobs 2 vs --jobs 1 on the large folder."""
    if not available("score"):
        return [Row("score", "score targets", note="skipped: `creatio score` is not on this branch")]
    rows = []
    if on("score-300"):
        out = OUT / "score-300.json"
        c = timed([*CREATIO, "score", str(folder300), "--jobs", "1", "--format", "json", "--output", str(out)],
                  n, fresh(out))
        f = timed([PY, str(HERE / "floors.py"), "read", str(folder300)], n)
        rows.append(ratio_row("score-300", "score 300 × 66 rows --jobs 1 vs calamine reading all 300", c, f, 3))
    if on("score-jobs"):
        outs = {j: OUT / f"score-big-j{j}.json" for j in (1, 2)}
        t = {j: timed([*CREATIO, "score", str(folder_big), "--jobs", str(j), "--format", "json", "--output",
                       str(outs[j])], n, fresh(outs[j])) for j in (1, 2)}
        same = outs[1].exists() and outs[1].read_bytes() == outs[2].read_bytes()
        speedup = t[1].seconds / t[2].seconds
        files = len(list(folder_big.glob("*.xlsx")))
        rows.append(Row("score-jobs", f"score {files:,} files: --jobs 2 (creatio) vs --jobs 1 (floor)", t[2], t[1],
                        "≥ 1.6× faster, identical", speedup >= 1.6 and same,
                        f"speed-up {speedup:.2f}×, output {'identical' if same else 'DIFFERS'}"))
    return rows


def notices_row(ledger: Path, n: int) -> Row:
    """notices draft for 1,000 communities vs python-docx loading and saving the template 1,000 times."""
    if not available("notices", "draft"):
        return Row("notices", "1,000 notices", note="skipped: `creatio notices` is not on this branch")
    template = OUT / "notice-template.docx"
    if not template.exists():
        subprocess.run([*CREATIO, "notices", "init-template", str(template)], env=ENV, cwd=ROOT, check=True,
                       capture_output=True)
    out = OUT / "notices"
    # Every community of the input falls short; --all-shortfalls drafts one notice each (not only overdue).
    c = timed([*CREATIO, "notices", "draft", str(ledger), "--output", str(out), "--template", str(template),
               "--all-shortfalls"], n, fresh(out))
    f = timed([PY, str(HERE / "floors.py"), "docx", str(template), "1000", str(OUT / "docx-floor")], n,
              fresh(OUT / "docx-floor"))
    row = ratio_row("notices", "notices draft 1,000 communities vs python-docx load+save ×1,000", c, f, 2)
    drafted = len(list(out.rglob("*.docx")))
    if drafted < 1000:
        row.met, row.note = False, f"only {drafted} .docx drafted! " + row.note
    return row


def fmt(t: Timing | None) -> str:
    return "—" if t is None else f"{t.seconds:.3f} s" + (f" / {t.rss_mb:.0f} MB" if t.rss_mb else "")


def table(rows: list[Row], markdown: bool) -> str:
    head = ["target", "creatio (time / peak RSS)", "floor", "ratio / note", "goal", "met?"]
    body = [[r.name, fmt(r.creatio), fmt(r.floor), r.note, r.target or "—",
             "—" if r.met is None else ("yes" if r.met else "NO")] for r in rows]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(lines + ["| " + " | ".join(b) + " |" for b in body])
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]
    return "\n".join("  ".join(x.ljust(w) for x, w in zip(line, widths, strict=True)) for line in [head, *body])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, one repetition")
    parser.add_argument("--repeat", type=int, help="repetitions per figure (best is kept); default 3, quick 1")
    parser.add_argument("--only", help="comma-separated: check-100k,check-66,help,rules,score-300,score-jobs,notices")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown too")
    parser.add_argument("--src", type=Path, help="measure the creatio_cli under this src/ folder (default: ./src)")
    args = parser.parse_args()
    if args.src:
        global SRC
        SRC = args.src.resolve()
        ENV["PYTHONPATH"] = str(SRC)
    args.repeat = args.repeat or (1 if args.quick else 3)
    rows = run_targets(args)
    machine = f"{os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}"
    print(f"{datetime.date.today().isoformat()} · {machine} · best of {args.repeat}{' · QUICK' if args.quick else ''}")
    print(table(rows, False))
    if args.markdown:
        print()
        print(table(rows, True))
    (OUT / "last-run.json").write_text(json.dumps({"machine": machine, "rows": [
        {"name": r.name, "what": r.what, "creatio": r.creatio and vars(r.creatio), "floor": r.floor and vars(r.floor),
         "target": r.target, "met": r.met, "note": r.note} for r in rows]}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
