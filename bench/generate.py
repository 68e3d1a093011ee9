"""Generate the benchmark inputs into bench/data/ (deterministic: seeded, no clock, xlsxwriter only).

``python bench/generate.py [--quick] [OUTDIR]`` writes (OUTDIR defaults to bench/data/):

``big-100k.xlsx``
    One sheet ``台账``: a title row with 截至2022年6月30日, the 20 standard headers of tests/ledgers.py,
    100,000 communities (``--quick``: 10,000 in ``big-10k.xlsx``). Plain values, with office notations in a
    few columns: ``420㎡`` (area), ``约600`` (households), 是/否/√/×/有/无/已建 (yes/no), ``8个`` (rooms),
    ``92.5%`` (satisfaction), and a few blank satisfaction cells. About 40 % of rows fall short somewhere.
``folder-300/``
    300 ledgers of 66 rows (one per street, unique names so no community is a duplicate).
``folder-3000/``
    3,000 such ledgers (``--quick`` uses folder-300 in its place).
``notices-1000.xlsx``
    1,000 communities for a ``notices draft`` run, every one with at least one shortfall.

The generator never imports ``creatio_cli`` (the benchmark must not depend on the code it measures) and
writes with xlsxwriter in constant-memory mode, which is ~10× faster than openpyxl. xlsxwriter stamps no
clock into cell values; files are reproducible in values (the docProps creation date is fixed below).
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from random import Random

import xlsxwriter

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
TITLE = "{city}2022年社区创建工作台账（截至2022年6月30日）"
# The 20 headers of tests/ledgers.py (the default standard liugeyi-sidabiao reads them all).
HEADERS = [
    "区县", "街道", "社区", "户数", "常住人口", "社区综合服务设施面积（㎡）", "居民活动用房面积（㎡）",
    "功能室数量（个）", "综合服务场所", "文化服务中心", "道德讲堂", "家长学校", "未成年人活动场所",
    "志愿服务V站", "活动开展次数", "台账整理", "注册志愿者人数", "群众满意度（%）", "帮扶单位", "备注",
]
_YES = ["是"] * 12 + ["√", "有", "已建"]
_NO = ["否", "×", "无"]
_HELPERS = ["市民政局", "市文明办", "区住建局", "区教育局", "市团委", "区妇联", ""]
_FIXED_DATE = datetime.datetime(2022, 7, 1)  # docProps stamp: fixed so no clock leaks into the files


def community_row(rng: Random, district: str, street: str, name: str, fail_rate: float) -> list[object]:
    """One community's 20 cells; with probability ``fail_rate`` one to three indicators fall short."""
    households = rng.randint(500, 4000)
    population = int(households * rng.uniform(2.4, 3.2))
    fails = set(rng.sample(range(10), rng.randint(1, 3))) if rng.random() < fail_rate else set()
    need = households * 0.3
    service = round(need * (rng.uniform(0.6, 0.95) if 0 in fails else rng.uniform(1.03, 1.6)), 1)
    activity = round(service * (rng.uniform(0.3, 0.55) if 1 in fails else rng.uniform(0.62, 0.8)), 1)
    rooms = rng.randint(3, 5) if 2 in fails else rng.randint(7, 10)
    six = [rng.choice(_NO) if 3 + k in fails else rng.choice(_YES) for k in range(6)]
    activities = rng.randint(1, 4) if 9 in fails else rng.randint(8, 20)
    volunteers = int(population * (rng.uniform(0.05, 0.09) if 2 in fails and 0 in fails else rng.uniform(0.11, 0.2)))
    satisfaction: object = round(rng.uniform(80, 88) if 1 in fails and 2 in fails else rng.uniform(92, 99.5), 1)
    # Office notations in a few columns.
    hh: object = f"约{households}" if rng.random() < 0.02 else households
    svc: object = f"{service:g}㎡" if rng.random() < 0.08 else service
    rms: object = f"{rooms}个" if rng.random() < 0.05 else rooms
    roll = rng.random()
    if roll < 0.005:
        satisfaction = None  # blank: a missing value
    elif roll < 0.05:
        satisfaction = f"{satisfaction}%"
    kept = rng.choice(_NO) if 9 in fails and rng.random() < 0.5 else "是"
    return [district, street, name, hh, population, svc, activity, rms, *six, activities, kept, volunteers,
            satisfaction, rng.choice(_HELPERS), "" if rng.random() < 0.97 else "无"]


def write_ledger(path: Path, rows: list[list[object]], city: str = "宿迁市") -> Path:
    """One ledger: merged title row, one header row, the rows; xlsxwriter in constant-memory mode."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    book.set_properties({"created": _FIXED_DATE})
    ws = book.add_worksheet("台账")
    ws.merge_range(0, 0, 0, len(HEADERS) - 1, TITLE.format(city=city))
    ws.write_row(1, 0, HEADERS)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write_number(r, c, value)
    book.close()
    return path


def big_rows(n: int, seed: str) -> list[list[object]]:
    """``n`` communities in 20 districts × 50 streets, each name unique within its street."""
    rng = Random(seed)
    rows = []
    for i in range(n):
        district = f"第{i % 20 + 1}区"
        street = f"{district}{(i // 20) % 50 + 1}号街道"
        rows.append(community_row(rng, district, street, f"社区{i + 1:06d}", fail_rate=0.4))
    return rows


def folder(out: Path, files: int, rows_per_file: int = 66) -> Path:
    """``files`` ledgers of ``rows_per_file`` rows, one street each, names unique across the folder."""
    out.mkdir(parents=True, exist_ok=True)
    rng = Random(f"bench:folder:{files}")
    for f in range(files):
        district = f"第{f // 20 + 1}区"
        street = f"{district}{f % 20 + 1}号街道"
        rows = [community_row(rng, district, street, f"{street}社区{r + 1:02d}", fail_rate=0.4)
                for r in range(rows_per_file)]
        write_ledger(out / f"{f + 1:04d}-{street}.xlsx", rows)
    (out / ".complete").write_text(f"{files}\n")  # an interrupted run is redone, not half-used
    return out


def generate(out: Path, *, quick: bool = False, only: set[str] | None = None) -> list[Path]:
    """Write every input that is not there yet (or only those named in ``only``); return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    n_big = 10_000 if quick else 100_000
    made = []
    targets = {
        "big": (out / f"big-{n_big // 1000}k.xlsx", lambda p: write_ledger(p, big_rows(n_big, f"bench:big:{n_big}"))),
        "folder-300": (out / "folder-300", lambda p: folder(p, 300)),
        # --quick measures --jobs on the 300-file folder (already made above).
        "folder-3000": (out / ("folder-300" if quick else "folder-3000"), lambda p: folder(p, 300 if quick else 3000)),
        "notices": (out / "notices-1000.xlsx", lambda p: write_ledger(
            p, [community_row(Random(f"bench:notice:{i}"), f"第{i // 250 + 1}区", f"第{i // 50 + 1}街道",
                              f"通知社区{i + 1:04d}", fail_rate=1.0) for i in range(1000)])),
    }
    for name, (path, make) in targets.items():
        if only is not None and name not in only:
            continue
        done = path.is_file() or (path.is_dir() and (path / ".complete").exists())
        if not done:
            make(path)
        made.append(path)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=DATA)
    parser.add_argument("--quick", action="store_true", help="10k-row ledger and a 300-file 'large' folder")
    args = parser.parse_args()
    for path in generate(args.outdir, quick=args.quick):
        print(path)


if __name__ == "__main__":
    main()
