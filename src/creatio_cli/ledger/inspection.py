"""What `creatio inspect` reports: the reader's decisions as data, and as text for people.

For every field: the column chosen, its confidence (0..1), the runner-up and why — or why no column was
used (not found, with the closest headers; or ambiguous, with the candidates). For every other column:
why it is no field (a look-alike word, a unit that contradicts). Then the rows kept and dropped. The
data (``inspect_ledger``) is the ``--json`` output; ``describe`` lays it out for a person fixing a
mapping; ``mapping_file`` writes what was decided as a file ``--mapping`` reads back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from creatio_cli.errors import LedgerError
from creatio_cli.ledger.header import guess_header_row
from creatio_cli.ledger.load import KEY_FIELDS, csv_sheet_warnings, ledger_from_plans, plan_workbook
from creatio_cli.ledger.matcher import MARGIN, THRESHOLD
from creatio_cli.ledger.periods import as_of_hint
from creatio_cli.ledger.reader import read_workbook
from creatio_cli.ledger.rows import OFFICE_ROW, PART_ROW, STATISTIC_ROW, UNITS_ROW
from creatio_cli.ledger.tokens import display_width
from creatio_cli.messages import HeaderRef, render
from creatio_cli.standards.model import Standard

_DROPPED = {"column-number row": "column_number", "total row (小计/合计)": "total", "footer": "footer",
            "no community name": "no_community", "repeated header row": "repeated_header", "title row": "title",
            STATISTIC_ROW: "statistic", OFFICE_ROW: "street_office", UNITS_ROW: "units",
            PART_ROW: "part_of_above"}


def inspect_ledger(path: Path, standard: Standard, *, sheet: str | None = None, header_rows: int | None = None,
                   lang: str = "zh", overrides: dict | None = None) -> dict[str, Any]:
    """The reading of ``path`` as a JSON-ready dict (sheets, fields, columns, rows, warnings)."""
    book = read_workbook(Path(path), sheet)
    plans = plan_workbook(book, standard, header_rows=header_rows, sheet=sheet, overrides=overrides)
    used = standard.used_fields()
    sheets = []
    for plan in plans:
        info = plan.info
        guess = guess_header_row(plan.raw) if info.role in ("other", "instructions") else None
        vetoed: dict[str, list[dict[str, str]]] = {}
        for letter, _header, name, why in info.vetoed:
            vetoed.setdefault(letter, []).append({"field": name, "why": why.render(lang)})
        found = {c.field for c in info.columns}
        near, ambiguous = dict(info.near), dict(info.ambiguous)
        sheets.append({
            "sheet": info.sheet, "role": info.role, "note": info.note, "header_rows": list(info.header_rows),
            "columns": [{"cell": c.letter, "header": c.header, "field": c.field,
                         "title": standard.fields[c.field].title.get(lang), "score": c.score, "why": c.why(lang),
                         "runner_up": {"header": c.runner_up[0], "score": c.runner_up[1]} if c.runner_up else None}
                        for c in info.columns],
            "unmapped": [{"cell": letter, "header": header, "vetoed": vetoed.get(letter, [])}
                         for letter, header in info.unmapped],
            "competing": [{"field": f, "used": {"cell": uc, "header": uh}, "ignored": {"cell": oc, "header": oh}}
                          for f, uc, uh, oc, oh in plan.competing],
            "ambiguous": [{"field": f, "options": [{"cell": c, "header": h, "score": s} for c, h, s in options]}
                          for f, options in ambiguous.items()],
            "doubted": [{"field": f, "cell": c, "header": h, "score": s, "odd": odd, "total": total}
                        for f, c, h, s, odd, total in info.doubted],
            "missing_fields": [{"field": f, "title": standard.fields[f].title.get(lang),
                                "closest": [{"cell": c, "header": h, "score": s} for c, h, s in near.get(f, ())]
                                + [{"cell": c, "header": h, "score": None, "lookalike": w}
                                   for c, h, w in info.lookalikes(f)],
                                "aliases_tried": standard.fields[f].aliases}
                               for f in used if info.role == "ledger" and f not in found and f not in ambiguous
                               and f not in {d[0] for d in info.doubted}
                               and not standard.fields[f].derive_from and f not in plan.constants],
            "places": {k: {"value": v, "source": src} for k, (v, src) in plan.constants.items()},
            "headers_seen": {"row": guess[0], "headers": guess[1]} if guess else None,
            "rows_kept": info.rows_kept,
            "rows_dropped": [{"row": r, "reason": reason} for r, reason in info.rows_dropped],
        })
    ledger_plans = [p for p in plans if p.info.role == "ledger"]
    hint = as_of_hint(ledger_plans)
    report: dict[str, Any] = {
        "file": str(path), "standard": standard.id, "threshold": THRESHOLD, "margin": MARGIN,
        "as_of_hint": hint.isoformat() if hint else None, "ledger_found": bool(ledger_plans), "sheets": sheets,
        "warnings": [], "error": None,
    }
    if not ledger_plans:
        report["community_aliases_tried"] = standard.fields["community"].aliases
    try:
        report["warnings"] = [w.to_dict(lang) for w in [*csv_sheet_warnings(book, sheet),
                                                           *ledger_from_plans(book, plans, standard).warnings]]
    except LedgerError as exc:
        report["error"] = exc.message.render(lang)
    return report


def describe(report: dict[str, Any], lang: str, width: int | None = None) -> str:
    """The inspection as text for a person fixing a mapping (Chinese, or English with lang="en").

    ``width``: the terminal's columns; when the field table would be wider, each field takes two lines (its
    column, header and score; then, indented, why and the runner-up) instead of one a terminal breaks anywhere.
    """
    def t(key: str, **params: object) -> str:
        return render(f"label.inspect.{key}", lang, **params)

    lines = [t("file", file=report["file"], standard=report["standard"]),
             *wrap(t("as_of_hint", date=report["as_of_hint"] or t("not_found_short")), width, ""),
             *wrap(t("rule", threshold=report["threshold"], margin=report["margin"]), width, "")]
    for sheet in report["sheets"]:
        lines += ["", t("sheet", sheet=sheet["sheet"], role=t(f"role_{sheet['role']}"))]
        if sheet["role"] == "ledger":
            lines += _ledger_lines(sheet, t, width, lang)
        elif sheet["headers_seen"]:
            seen = sheet["headers_seen"]
            lines.append("  " + t("headers_seen", row=seen["row"], headers=" | ".join(seen["headers"][:20])))
    if not report["ledger_found"]:
        lines += ["", t("no_ledger", tried="、".join(report.get("community_aliases_tried", [])))]
    elif report["error"]:
        lines += ["", t("error", message=report["error"])]
    if report["warnings"]:
        lines += ["", t("warnings", n=len(report["warnings"]))]
        for w in report["warnings"]:
            where = " ".join(x for x in (f"[{w['sheet']}]" if w["sheet"] else "", w["cell"] or "") if x)
            lines += wrap(f"{where}  {w['message']}".strip(), width, "  ")
    return "\n".join(line.rstrip() for line in lines)


def _ledger_lines(sheet: dict[str, Any], t: Callable[..., str], width: int | None = None,
                  lang: str = "zh") -> list[str]:
    def q(cell: str, header: str, score: float | None = None, lookalike: str | None = None) -> str:
        # E「居民户数」0.92, E “居民户数” 0.92; a look-alike: E「户数及人口/辖区常住人口」（含“户数”，未采用）
        return HeaderRef(cell, header, score, lookalike).get(lang)

    rows = sheet["header_rows"]
    out = ["  " + t("header_rows", rows=f"{rows[0]}–{rows[-1]}" if len(rows) > 1 else str(rows[0]))]
    table = [(t("col_field"), t("col_cell"), t("col_header"), t("col_score"), t("col_why"), t("col_runner_up"))]
    for c in sheet["columns"]:
        runner = q("", c["runner_up"]["header"], c["runner_up"]["score"]) if c["runner_up"] else "—"
        table.append((f"{c['field']} {c['title']}", c["cell"], c["header"], f"{c['score']:.2f}", c["why"], runner))
    for a in sheet["ambiguous"]:
        options = t("list_sep").join(q(o["cell"], o["header"], o["score"]) for o in a["options"])
        table.append((a["field"], "?", t("ambiguous"), "", options, ""))
    for d in sheet["doubted"]:
        table.append((d["field"], d["cell"], d["header"], f"{d['score']:.2f}",
                      t("doubted", odd=d["odd"], total=d["total"]), ""))
    for m in sheet["missing_fields"]:
        closest = t("list_sep").join(q(o["cell"], o["header"], o["score"], o.get("lookalike"))
                                     for o in m["closest"]) or "—"
        table.append((f"{m['field']} {m['title']}", "—", t("not_found"), "", t("closest", headers=closest), ""))
    for name, place in sheet["places"].items():
        table.append((name, "—", place["value"], "", t(f"place_{place['source']}"), ""))
    out += _table(table, width, t("col_runner_up"))
    if sheet["unmapped"]:
        out.append("  " + t("unmapped"))
        for c in sheet["unmapped"]:
            sep = "：" if lang == "zh" else ": "
            reasons = [f"{v['field']}{sep}{v['why']}" for v in c["vetoed"]] or [t("no_field")]
            line = f"    {q(c['cell'], c['header'])} {'；'.join(reasons)}"
            if width is None or display_width(line) <= width:
                out.append(line)
            else:  # one reason a line, under the column, on a narrow terminal
                out.append(f"    {q(c['cell'], c['header'])}")
                for r in reasons:
                    out += wrap(r, width, "        ")
    for c in sheet["competing"]:
        out.append("  " + t("competing", field=c["field"], used=q(c["used"]["cell"], c["used"]["header"]),
                             ignored=q(c["ignored"]["cell"], c["ignored"]["header"])))
    dropped = sheet["rows_dropped"]
    out.append("  " + t("rows", kept=sheet["rows_kept"], dropped=len(dropped)))
    by_reason: dict[str, list[int]] = {}
    for d in dropped:
        by_reason.setdefault(d["reason"], []).append(d["row"])
    for reason, numbers in by_reason.items():
        text = t("dropped", reason=t(f"dropped_{_DROPPED.get(reason, 'other')}"), rows=_ranges(numbers, t("list_sep")))
        out += wrap(text, width, "    ")
    return out


def mapping_file(report: dict[str, Any], lang: str = "zh") -> str:
    """The decisions as a mapping file (``--mapping`` reads it back), with the confidence of each line."""
    import json

    lines = [f"# {render('label.inspect.mapping_head', lang, file=report['file'], standard=report['standard'])}",
             "columns:"]
    seen: set[str] = set()

    def add(header: str, entry: str, comment: str = "", *, used: bool = True) -> None:
        """One line per header text: used ones as entries, candidates commented out (``# "H": field``)."""
        if header in seen:
            return
        seen.add(header)
        key = json.dumps(header, ensure_ascii=False)
        lines.append(f"  {'' if used else '# '}{key}: {entry}" + (f"  # {comment}" if comment else ""))

    for sheet in report["sheets"]:
        for c in sheet["columns"]:
            add(c["header"], c["field"], f"{c['score']:.2f} {c['why']}")
        for a in sheet["ambiguous"]:
            for o in a["options"]:
                add(o["header"], a["field"], f"? {o['score']:.2f}", used=False)
        for d in sheet["doubted"]:
            add(d["header"], d["field"], f"? {d['score']:.2f} ({d['odd']}/{d['total']})", used=False)
        for m in sheet["missing_fields"]:
            if m["field"] in KEY_FIELDS and not m["closest"]:
                continue
            for o in m["closest"][:1]:
                note = f"? {o['score']:.2f}" if o["score"] is not None else \
                    "? " + render("label.lookalike_note", lang, word=o["lookalike"])
                add(o["header"], m["field"], note, used=False)
        for c in sheet["unmapped"]:
            add(c["header"], "null")
    return "\n".join(lines) + "\n"


def _table(rows: Sequence[tuple[str, ...]], width: int | None = None, runner_label: str = "") -> list[str]:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = ["    " + "  ".join(_pad(r[i], widths[i]) for i in range(len(widths))) + "  " + r[-1] for r in rows]
    if width is None or max(map(display_width, lines)) <= width:
        return lines
    # Too wide for the terminal: field, column, score and header on one line (the header last, unpadded, and
    # on a line of its own when even that is too wide); why and the runner-up under it, wrapped at its "；".
    # When the fields' titles push many headers onto lines of their own (English titles are long), the id
    # alone is shown: it is what --map takes, and the header beside it says what the column holds.
    with_titles = _narrow(rows, [r[0] for r in rows], widths, width, runner_label)
    ids_only = _narrow(rows, [r[0].split(" ", 1)[0] for r in rows], widths, width, runner_label)
    return with_titles if len(with_titles) <= len(ids_only) + len(rows) // 4 else ids_only


def _narrow(rows: Sequence[tuple[str, ...]], names: list[str], widths: list[int], width: int,
            runner_label: str) -> list[str]:
    name_width = max(map(display_width, names))
    out = []
    for name, r in zip(names, rows, strict=True):
        head = "    " + _pad(name, name_width) + "  " + _pad(r[1], widths[1]) + "  " + _pad(r[3], max(widths[3], 4)) + "  "
        if display_width(head + r[2]) <= width:
            out.append((head + r[2]).rstrip())
        else:
            out += [head.rstrip(), "        " + r[2]]
        runner = f"  {runner_label} {r[5]}" if r[5] not in ("", "—") and r is not rows[0] else ""
        if r[4] or runner:
            out += wrap((r[4] if r is not rows[0] else f"{r[4]} / {r[5]}") + runner, width, "        ")
    return out


def wrap(text: str, width: int | None, indent: str) -> list[str]:
    """``indent + text``, broken after its separators (；、，。 , ; and English ", " "; ") into lines of at most
    ``width`` columns.

    A piece longer than the width breaks at its spaces; a word longer than that stays whole (a header or a
    name is never cut).
    """
    line = indent + text
    if width is None or display_width(line) <= width:
        return [line.rstrip()]
    pieces = re.findall(r".+?(?:[；、，。：]|[;,:] |$)", text)
    # A piece still too wide breaks at its spaces (English); a word, header or name is never cut.
    room = width - display_width(indent) - 2
    pieces = [word for piece in pieces
              for word in (re.findall(r"\S+\s*", piece) if display_width(piece) > room else [piece])]
    lines = [indent]
    for piece in pieces:
        if display_width(lines[-1] + piece) > width and lines[-1].strip():
            lines.append(indent + "  ")
        lines[-1] += piece
    return [line.rstrip() for line in lines]


def _ranges(numbers: list[int], separator: str = "、") -> str:
    """[5, 13, 84, 85, 86] → "5、13、84–86" (", " in English)."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return separator.join(parts)




def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))
