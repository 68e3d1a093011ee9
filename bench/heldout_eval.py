"""How creatio reads ledgers worded by others: the held-out header set, at three levels.

    python bench/heldout_eval.py [--set bench/heldout/headers.yaml] [--details]

``bench/heldout/headers.yaml`` was gathered from documents the matcher and its tests never saw (see its
sources); it is run to measure, never read to tune. Three measures:

1. **headers** — each wording alone (with its group cell): mapped to the expected field, honestly left
   unmapped, mapped to a wrong field, and look-alikes (``expect: null``) mapped to anything.
2. **bands** — each real header band as given, written as a sheet: columns mapped right / left unmapped /
   mapped wrong, against the band's ``expect``.
3. **verdicts** — the acceptance measure of issue 11: ledgers whose every column is headed with a held-out
   wording of its field (rotating through the wordings, each look-alike placed beside), eight
   communities each with values around the thresholds. The truth is the same ledger checked with the
   true mapping given as ``--mapping`` (so only the header matching differs). A (community, indicator)
   verdict is *right* when its status equals the truth's, *unassessed* when creatio honestly could not
   assess it, and *wrong* otherwise (a confident wrong verdict: the defect that must not happen).

Ambiguous wordings (``expect: ambiguous``) are left out: a person could not decide them either.

Several sets may be given (``--set A --set B``: their sources, headers and bands are pooled). ``--half dev`` /
``--half test`` keeps the entries of one half of the sources (CRC-32 of the source key; a synthetic entry by
its wording), so that a set can be split once: the dev half may be read with ``--details`` while the test half
is only ever measured. Verdicts are also counted over the indicators whose every field was headed by a
held-out wording (``worded``): a field the set has no wording for is headed with its own title, which
says nothing about generalisation.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import zlib
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from creatio_cli import api  # noqa: E402
from creatio_cli.ledger.matcher import MARGIN, THRESHOLD, Matcher  # noqa: E402
from creatio_cli.standards import load_standard  # noqa: E402

STANDARD = "liugeyi-sidabiao"
KEYS = ("district", "street", "community")
COMMUNITIES = 8


def _pick(matcher: Matcher, parts: list[str]) -> str | None:
    candidates, _vetoes = matcher.score(parts)
    if not candidates or candidates[0].score < THRESHOLD:
        return None
    if len(candidates) > 1 and candidates[0].score - candidates[1].score < MARGIN:
        return None
    return candidates[0].field


def _outcome(expect: str | None, got: str | None) -> str:
    """right / unmapped / wrong for a field; lookalike_kept_out / lookalike_mapped for a look-alike."""
    if expect is None:
        return "lookalike_kept_out" if got is None else "lookalike_mapped"
    return "right" if got == expect else "unmapped" if got is None else "wrong"


def headers_level(entries: list[dict], matcher: Matcher, details: bool) -> Counter:
    """Each wording alone: right / unmapped / wrong; look-alikes: kept out / mapped."""
    tally: Counter = Counter()
    for e in entries:
        expect = e.get("expect")
        if expect == "ambiguous":
            continue
        parts = [*([e["group"]] if e.get("group") else []), e["header"]]
        got = _pick(matcher, parts)
        outcome = _outcome(expect, got)
        tally[outcome] += 1
        if details and outcome not in ("right", "lookalike_kept_out"):
            print(f"  header {outcome}: {'/'.join(parts)!r} expected {expect}, got {got}")
    return tally


def bands_level(bands: list[dict], matcher: Matcher, details: bool) -> Counter:
    """Each real band as given (its rows, groups spread over their leaves as a merge would): its columns
    mapped by the header matcher, against the band's ``expect``."""
    from creatio_cli.ledger.header import _spread_groups, map_band
    from creatio_cli.ledger.wording import fold

    tally: Counter = Counter()
    for i, band in enumerate(bands):
        rows = [[str(c) for c in r] for r in band["rows"]]
        mapped = map_band(_spread_groups(rows), 0, matcher, title=fold(band.get("title", "")))
        got = {m.letter: m.field for m in mapped.mapping}
        for letter, expect in (band.get("expect") or {}).items():
            if expect == "ambiguous":
                continue
            field = got.get(letter)
            outcome = _outcome(expect, field)
            tally[outcome] += 1
            if details and outcome not in ("right", "lookalike_kept_out"):
                print(f"  band {i} {letter} {outcome}: expected {expect}, got {field}")
    return tally


def _value(name: str, spec_type: str, rng: random.Random) -> object:
    if name in ("population", "households"):  # larger than any count of people in the row
        return rng.choice([1800, 2600, 4000, 6500])
    if name == "volunteers":  # a share of a few per cent at least (a share under 1 % reads as a fraction)
        return rng.choice([150, 280, 420, 900])
    if spec_type == "yesno":
        return rng.choice(["是", "否", "是", "有", "无"])
    if spec_type == "percent":
        return rng.choice([72, 85, 90, 94, 98])
    return rng.choice([0, 3, 8, 60, 150, 280, 420, 900, 1500, 3200])


def _consistent(row: list[object], names: list[str | None], standard) -> None:
    """A derived share written in the row agrees with its parts (as in a real ledger), so the truth and
    creatio may take either and still agree when both read the right columns."""
    for i, name in enumerate(names):
        parts = standard.fields[name].derive_from if name in standard.fields else None
        if parts and all(p in names for p in parts):
            top, bottom = (row[names.index(p)] for p in parts)
            if isinstance(top, (int, float)) and isinstance(bottom, (int, float)) and bottom:
                row[i] = 100 * top / bottom


def verdict_ledgers(entries: list[dict], standard_id: str, folder: Path, rng: random.Random) -> list[tuple[Path, dict]]:
    """Ledgers headed with held-out wordings (field's wordings rotated; look-alikes beside their field)
    and the true mapping of each (header → field or None)."""
    standard = load_standard(standard_id)
    used = [f for f in standard.used_fields() if f not in KEYS]
    wordings: dict[str, list[dict]] = defaultdict(list)
    lookalikes: dict[str, list[dict]] = defaultdict(list)
    for e in entries:
        if e.get("expect") in standard.fields:
            wordings[e["expect"]].append(e)
        elif e.get("expect") is None and e.get("lookalike_of") in standard.fields:
            lookalikes[e["lookalike_of"]].append(e)
    rounds = max([len(wordings[f]) for f in (*KEYS, *used) if wordings[f]] + [1])
    titled = {f for f in used if not wordings.get(f)}  # fields headed with their own title
    out = []
    for n in range(rounds):
        columns: list[tuple[str | None, str, str | None]] = []  # (group, leaf, true field)
        for name in (*KEYS, *used):
            choices = wordings.get(name)
            if choices:
                e = choices[n % len(choices)]
                columns.append((e.get("group"), e["header"], name))
            else:  # no held-out wording for this field: its own title (counts only where it is right)
                columns.append((None, standard.fields[name].title.get("zh"), name))
            others = lookalikes.get(name)
            if others:
                e = others[n % len(others)]
                columns.append((e.get("group"), e["header"], None))
        # A wording used twice is written once; a look-alike whose leaf is a used leaf (户数（户） under 贫困户
        # beside 户数（户）) is left out: the truth mapping names columns by their header, and without a merged
        # group cell over it the sheet could not tell the two apart either.
        seen: set[str] = set()
        columns = [c for c in columns if not (c[1] in seen or seen.add(c[1]))]
        path = folder / f"ledger{n}.xlsx"
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = "台账"
        ws.append(["社区建设情况统计表（截至2022年6月30日）"])
        # The title merged across, as offices do: a sheet with merges is read as merged (a group cell covers
        # exactly its own columns); without any, a group would spill over the blank cells to its right.
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
        grouped = any(g for g, _l, _f in columns)
        if grouped:
            ws.append([g for g, _l, _f in columns])
        ws.append([leaf for _g, leaf, _f in columns])
        for c in range(COMMUNITIES):
            row = []
            for _g, _leaf, name in columns:
                if name == "district":
                    row.append("宿城区")
                elif name == "street":
                    row.append("古城街道")
                elif name == "community":
                    row.append(f"第{c + 1}社区")
                elif name is None:
                    row.append(rng.choice([0, 5, 12, 80, 300]))
                else:
                    row.append(_value(name, standard.fields[name].type, rng))
            _consistent(row, [name for _g, _l, name in columns], standard)
            ws.append(row)
        book.save(path)
        truth = {("/".join(filter(None, (g, leaf)))): name for g, leaf, name in columns}
        out.append((path, truth, titled))
    return out


def verdicts_level(entries: list[dict], standard_id: str, folder: Path, details: bool) -> Counter:
    """(community, indicator) verdicts: right / unassessed / wrong, against the true mapping's."""
    tally: Counter = Counter()
    missed: Counter = Counter()  # (ledger, indicator) → communities left unassessed
    standard = load_standard(standard_id)
    fields_of = {ind.id: set(ind.rule.fields()) for ind in standard.indicators}
    for path, truth, titled in verdict_ledgers(entries, standard_id, folder, random.Random(11)):
        mapping = path.with_suffix(".truth.yaml")
        mapping.write_text(yaml.safe_dump({"columns": truth}, allow_unicode=True), encoding="utf-8")
        options = api.Options(standard=standard_id, all_findings=True)
        try:
            checked = api.check_file(path, options).result
            got = _statuses(checked)
            if details:
                for w in checked.warnings:
                    if w.message.code in ("header.ambiguous", "header.field_not_found", "header.field_not_found_near",
                                          "header.values_doubt_yesno", "header.values_doubt_number"):
                        print(f"  {path.name}: {w.message.render('en')[:160]}")
        except Exception as exc:  # refused (exit 2): every verdict of this ledger is unassessed
            if details:
                print(f"  {path.name}: refused: {exc}")
            got = None
        try:
            want = _statuses(api.check_file(path, api.Options(standard=standard_id, mapping=mapping,
                                                              all_findings=True)).result)
        except Exception as exc:  # the true mapping itself cannot be applied: no truth, the ledger is left out
            tally["ledgers_without_truth"] += 1
            if details:
                print(f"  {path.name}: no truth: {exc}")
            continue
        for key, status in want.items():
            mine = None if got is None else got.get(key)
            outcome = "right" if mine == status else "unassessed" if mine in (None, "unassessed") else "wrong"
            tally[outcome] += 1
            if not fields_of.get(key[1], set()) & titled:
                tally[f"worded_{outcome}"] += 1
            if details and outcome == "wrong":
                print(f"  {path.name} {key}: {mine}, truth {status}")
            if outcome == "unassessed":
                missed[(path.name, key[1])] += 1
    if details:
        for (name, indicator), n in sorted(missed.items()):
            print(f"  {name}: {indicator} unassessed for {n} communities")
    return tally


def _statuses(result) -> dict[tuple[str, str], str]:
    """(community, indicator) → status; run with all_findings, so an indicator absent is unassessed."""
    out = {}
    for c in result.communities:
        found = {f.indicator: f.status for f in c.findings}
        for ind in result.summary.by_indicator:
            out[(c.community, ind.indicator)] = found.get(ind.indicator, "unassessed")
    return out


def _share(tally: Counter, good: str, of: tuple[str, ...]) -> str:
    total = sum(tally[k] for k in of)
    return f"{100 * tally[good] / total:.1f} %" if total else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append",
                        help="a held-out set (repeatable; default bench/heldout/headers.yaml)")
    parser.add_argument("--half", choices=("dev", "test"), help="one half of the sources only")
    parser.add_argument("--standard", default=STANDARD)
    parser.add_argument("--details", action="store_true", help="list every miss (reading them tunes to the set)")
    args = parser.parse_args()
    data = _pooled(args.set or [HERE / "heldout" / "headers.yaml"], args.half)
    matcher = Matcher(load_standard("common-fields"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        heads = headers_level(data["headers"], matcher, args.details)
        bands = bands_level(data.get("bands", []), matcher, args.details)
        verdicts = verdicts_level(data["headers"], args.standard, folder, args.details)
    print(f"headers  {dict(heads)}  right {_share(heads, 'right', ('right', 'unmapped', 'wrong'))}")
    print(f"bands    {dict(bands)}")
    plain = Counter({k: v for k, v in verdicts.items() if not k.startswith("worded_") and k != "ledgers_without_truth"})
    if verdicts["ledgers_without_truth"]:
        print(f"ledgers left out (their true mapping could not be applied): {verdicts['ledgers_without_truth']}")
    worded = Counter({k[7:]: v for k, v in verdicts.items() if k.startswith("worded_")})
    print(f"verdicts {dict(plain)}  right {_share(plain, 'right', ('right', 'unassessed', 'wrong'))}")
    print(f"  worded {dict(worded)}  right {_share(worded, 'right', ('right', 'unassessed', 'wrong'))}")


def _half(key: str) -> str:
    return "dev" if zlib.crc32(key.encode("utf-8")) % 2 == 0 else "test"


def _pooled(paths: list[Path], half: str | None) -> dict:
    """The sets' headers and bands pooled; with ``half``, only the entries of that half of the sources."""
    headers: list[dict] = []
    bands: list[dict] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        headers += data["headers"]
        bands += data.get("bands") or []
    if half:
        headers = [e for e in headers if _half(e.get("source") or e["header"]) == half]
        bands = [b for b in bands if _half(b.get("source") or repr(b["rows"])) == half]
    return {"headers": headers, "bands": bands}


if __name__ == "__main__":
    main()
