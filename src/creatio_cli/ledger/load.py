"""Ledger file → Ledger: pick the ledger sheets, find their header band, keep data rows, type columns.

Merged cells: python-calamine reports merged ranges for .xlsx/.xlsm and .xls, not for .ods (0.9); csv has
none. Blank district/street cells are therefore also filled downward from the row above, which covers
the usual "street written once per group" in every format. A figure or answer (any field but the keys and
the context fields) merged over several communities is read for none of them (``_merged_figures``). Hidden rows are data (calamine does not
expose row visibility, and an office hides rows to print, not to delete).

Every decision is recorded in SheetInfo (role, header rows, mapping, rows kept and dropped with the
reason) so ``creatio inspect`` can show it and a user can fix a mapping in minutes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from creatio_cli.errors import LedgerError
from creatio_cli.ledger import places
from creatio_cli.ledger.assign import Assignment
from creatio_cli.ledger.columns import normalize_column
from creatio_cli.ledger.header import (
    Band,
    Overrides,
    column_letter,
    filled_top,
    find_band,
    guess_header_row,
    norm,
    remap_band,
)
from creatio_cli.ledger.mapped_cells import mapped_cell_warnings
from creatio_cli.ledger.matcher import THRESHOLD, Matcher
from creatio_cli.ledger.model import Ledger, SheetInfo
from creatio_cli.ledger.normalize import display_text
from creatio_cli.ledger.periods import as_of_hint, different_periods, stacked_periods, title_date, title_year_only
from creatio_cli.ledger.reader import RawSheet, RawWorkbook, read_workbook
from creatio_cli.ledger.rows import (
    KEY_FIELDS,
    MergedCells,
    classify_rows,
    column_values,
    letter_index,
    merged_name_conflicts,
    merged_names,
)
from creatio_cli.ledger.sheet_warnings import sheet_warnings
from creatio_cli.ledger.suggest import Suggestion, better_standard
from creatio_cli.ledger.value_evidence import MIN_CELLS, Doubt, numeric_names, refutation, refuted_candidates
from creatio_cli.messages import Message, msg
from creatio_cli.results import Warning
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_UNMAPPED

_INSTRUCTIONS = re.compile(r"说明|填表|指引|instructions?", re.IGNORECASE)


@dataclass
class SheetPlan:
    """A sheet analysed: its SheetInfo plus, for a ledger sheet, the kept Excel rows (0-based)."""

    info: SheetInfo
    raw: RawSheet
    band: Band | None = None
    kept: tuple[int, ...] = ()
    # Key fields with no column, taken from the title, the 填报单位 row, the sheet or the file name:
    # field → (value, where it came from: "title" | "filled_by" | "sheet" | "file")
    constants: dict[str, tuple[str, str]] = field(default_factory=dict)

    @cached_property
    def title_date(self) -> tuple[int, date] | None:
        """(priority, date) of the date in the sheet's title rows (``periods.title_date``), read once."""
        return title_date(self.raw, self.band)

    @property
    def street_from_name(self) -> str | None:
        """The street taken from outside the columns, if any."""
        found = self.constants.get("street")
        return found[0] if found else None

    @property
    def competing(self) -> tuple[tuple[str, str, str, str, str], ...]:
        """(field, used letter, used header, other letter, other header) — see header.Band."""
        return self.band.competing if self.band is not None else ()


def plan_workbook(
    book: RawWorkbook, standard: Standard, *, header_rows: int | None = None, sheet: str | None = None,
    overrides: Overrides | None = None,
) -> list[SheetPlan]:
    """Decide each sheet's role and, for ledger sheets, the header band and the rows to keep.

    ``overrides``: an office's own column mapping (``assign.override_key`` → (field or None, origin)).
    """
    matcher = matcher_for(standard)
    plans = []
    for raw in book.sheets:
        file = str(book.path)
        if not any(display_text(v) for row in raw.rows for v in row):
            plans.append(SheetPlan(SheetInfo(file, raw.name, "empty"), raw))
            continue
        if not raw.visible and sheet is None:
            plans.append(SheetPlan(SheetInfo(file, raw.name, "hidden", note="hidden sheet"), raw))
            continue
        band = find_band(raw, matcher, header_rows, overrides)
        if band is None or len(band.mapping) < 2:
            role = "instructions" if _INSTRUCTIONS.search(raw.name) else "other"
            plans.append(SheetPlan(SheetInfo(file, raw.name, role, note="no ledger header found"), raw, band))
            continue
        kept, dropped = classify_rows(raw, band, repeated_header(band, matcher))
        band, doubts = _refute_by_values(raw, band, kept, standard, matcher, overrides)
        mapped = {m.letter for m in band.mapping}
        used = mapped_fields(band)
        unmapped = tuple((column_letter(i), h) for i, h in enumerate(band.headers)
                         if h and column_letter(i) not in mapped)
        first = band.start + 1
        constants = _places(raw, band, book.path) if {"street", "district"} - mapped_fields(band) else {}
        found = band.assignment
        info = SheetInfo(file, raw.name, "ledger", tuple(range(first, first + band.height)), band.mapping,
                         unmapped, len(kept), tuple(dropped), None,
                         near=_near(found, doubts),
                         ambiguous=tuple((a.field, a.options) for a in found.ambiguous
                                         if a.field not in used) if found else (),
                         vetoed=tuple((column_letter(c), band.headers[c], v.field, v.reason)
                                      for c, vs in found.vetoes.items() for v in vs) if found else (),
                         used_overrides=found.used_overrides if found else frozenset(),
                         overruled=tuple((column_letter(c), band.headers[c], v.field, v.reason)
                                         for c, v in found.overruled) if found else (),
                         doubted=tuple((d.field, d.letter, d.header, d.score, d.odd, d.total) for d in doubts))
        plans.append(SheetPlan(info, raw, band, tuple(kept), constants))
    return plans


def _refute_by_values(raw: RawSheet, band: Band, kept: list[int], standard: Standard, matcher: Matcher,
                      overrides: Overrides | None) -> tuple[Band, tuple[Doubt, ...]]:
    """The band mapped again without the candidates its cells contradict (``value_evidence.py``), and the
    doubts worth reporting: a column the header had chosen for a field, or one of a field's ambiguous
    columns — the others (a look-alike that lost anyway) are shown by ``inspect`` among the vetoes."""
    refuted = refuted_candidates(raw, band, kept, standard)
    if not refuted:
        return band, ()
    chosen = {(letter_index(m.letter), m.field) for m in band.mapping}
    found = band.assignment
    letters = {(a.field, letter) for a in found.ambiguous for letter, _h, _s in a.options} if found else set()
    doubts = tuple(d for (col, name), d in refuted.items()
                   if (col, name) in chosen or (name, column_letter(col)) in letters)
    again = remap_band(band, matcher, overrides, {key: refutation(d.kind, d.odd, d.total) for key, d in refuted.items()})
    return again, doubts


def _near(found: Assignment | None, doubts: tuple[Doubt, ...]) -> tuple:
    """Field → closest columns ("did you mean"); a doubted column first for its field."""
    near = {k: tuple((column_letter(c), h, sc) for c, h, sc in v) for k, v in found.near.items()} if found else {}
    for d in doubts:
        near[d.field] = ((d.letter, d.header, d.score), *tuple(o for o in near.get(d.field, ()) if o[0] != d.letter))
    return tuple(near.items())


def _places(raw: RawSheet, band: Band, path: Path) -> dict[str, tuple[str, str]]:
    """Street / district for a sheet without their columns: title, 填报单位 row, sheet name, file name."""
    above = [c for row in filled_top(raw, band.start) for c in dict.fromkeys(row) if c.strip()]
    mapped = mapped_fields(band)
    out: dict[str, tuple[str, str]] = {}
    for source, (street, district) in (("title", places.from_texts([t for t in above if "填报" not in t])),
                                       ("filled_by", places.from_filled_by(above)),
                                       ("sheet", places.from_name(raw.name)),
                                       ("file", places.from_name(Path(path).name))):
        for name, value in (("street", street), ("district", district)):
            if value and name not in mapped and name not in out:
                out[name] = (value, source)
    return out


def repeated_header(band: Band, matcher: Matcher) -> Callable[[list], bool]:
    """A test for rows that restate the header (stacked yearly blocks): two or more mapped columns whose
    cell is the band's own header text, or a text the matcher reads as that very column's field.

    Cheap for data rows: one look at a numeric column (a number there is data) before anything else.
    """
    from creatio_cli.ledger.matcher import THRESHOLD

    leaves = {norm(h.split("/")[-1]) for h in band.headers if h} | {norm(h) for h in band.headers if h}
    fields = {letter_index(m.letter): m.field for m in band.mapping}
    numeric = [c for c, name in fields.items() if name not in KEY_FIELDS]
    probe = numeric[0] if numeric else next(iter(fields))

    # Office notations ("约600", "是", "420㎡") repeat down a column: each (column, text) is judged once.
    judged: dict[tuple[int, str], bool] = {}

    def is_label(col: int, name: str, value: str) -> bool:
        hit = judged.get((col, value))
        if hit is None:
            if norm(value) in leaves:
                hit = True
            elif name in KEY_FIELDS:  # a name column holds thousands of names: only its own header restates it
                hit = False
            else:
                candidates, _ = matcher.score([value])
                hit = bool(candidates) and candidates[0].field == name and candidates[0].score >= THRESHOLD
            judged[(col, value)] = hit
        return hit

    def test(row: list) -> bool:
        cell = row[probe] if probe < len(row) else None
        if type(cell) is not str or not cell.strip():
            return False
        hits = 0
        for col, name in fields.items():
            value = row[col] if col < len(row) else None
            if type(value) is str and value.strip() and is_label(col, name, value):
                hits += 1
        return hits >= 2

    return test


_MATCHERS: dict[int, tuple[Standard, Matcher]] = {}


def matcher_for(standard: Standard) -> Matcher:
    """The standard's Matcher, built once per standard object (a batch plans hundreds of files)."""
    cached = _MATCHERS.get(id(standard))
    if cached is None or cached[0] is not standard:  # the standard is kept, so its id is not reused
        _MATCHERS.clear()
        cached = _MATCHERS[id(standard)] = (standard, Matcher(standard))
    return cached[1]


def mapped_fields(band: Band) -> set[str]:
    """The fields a header band found a column for."""
    return {m.field for m in band.mapping}


def ledger_fields(sheets: list[SheetInfo]) -> set[str]:
    """The fields some ledger sheet has a column for."""
    return {c.field for s in sheets if s.role == "ledger" for c in s.columns}


def load_ledger(
    path: Path, standard: Standard, *, sheet: str | None = None, header_rows: int | None = None,
    overrides: Overrides | None = None,
) -> Ledger:
    """Read one ledger file into a Ledger; LedgerError (exit 2) when no sheet can be used."""
    return frame_ledger([read_columns(path, standard, sheet=sheet, header_rows=header_rows, overrides=overrides)])


def read_columns(
    path: Path, standard: Standard, *, sheet: str | None = None, header_rows: int | None = None,
    overrides: Overrides | None = None,
) -> LedgerColumns:
    """Read one ledger file into typed columns, not yet a frame (a batch concatenates many first)."""
    book = read_workbook(Path(path), sheet)
    plans = plan_workbook(book, standard, header_rows=header_rows, sheet=sheet, overrides=overrides)
    columns = columns_from_plans(book, plans, standard)
    columns.warnings[:0] = csv_sheet_warnings(book, sheet)
    return columns


def csv_sheet_warnings(book: RawWorkbook, sheet: str | None) -> list[Warning]:
    """``--sheet`` given for a .csv: said, not silently ignored (a CSV has one sheet; in a folder the option
    still picks the sheet of every workbook, so the file is read, not refused)."""
    if sheet is None or book.path.suffix.lower() != ".csv":
        return []
    return [Warning(msg("sheet.csv_one_sheet", sheet=sheet), str(book.path))]


@dataclass
class LedgerColumns:
    """A Ledger before its frame: the frame's columns (lists or numpy arrays) and what came with them.

    pandas costs milliseconds per small frame; ``score`` reads hundreds of 66-row files, so it builds
    one frame from all their columns (:func:`frame_ledger`) instead of one per file plus a concat.
    """

    data: dict[str, np.ndarray | Sequence[Any]]
    sheets: list[SheetInfo]
    warnings: list[Warning]
    as_of_hint: date | None
    files: list[str]


def ledger_from_plans(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> Ledger:
    """Type the kept rows of every ledger sheet and concatenate them into one frame."""
    return frame_ledger([columns_from_plans(book, plans, standard)])


def frame_ledger(parts: list[LedgerColumns], as_of_hint: date | None = None) -> Ledger:
    """One Ledger from one or more files' columns, in order (the frame model.py describes).

    With one part its own as-of hint is kept; a batch passes ``as_of_hint`` (it weighs the files' hints).
    """
    import pandas as pd

    data: dict[str, object] = {}
    # ``f.reason`` columns exist only in files with an invalid cell: the others get blanks.
    names = dict.fromkeys(name for p in parts for name in p.data)
    for name in names:
        first = next(p.data[name] for p in parts if name in p.data)
        if len(parts) == 1:
            column = first
        elif name.endswith(".reason"):
            column = np.concatenate([p.data[name] if name in p.data
                                     else np.full(len(p.data["_file"]), None, dtype=object) for p in parts])
        elif isinstance(first, np.ndarray):
            column = np.concatenate([p.data[name] for p in parts])
        else:
            column = [v for p in parts for v in p.data[name]]
        object_column = name.endswith(".raw") or (isinstance(column, np.ndarray) and column.dtype == object)
        data[name] = pd.Series(column, dtype=object) if object_column else column
    hint = parts[0].as_of_hint if len(parts) == 1 else as_of_hint
    return Ledger(pd.DataFrame(data), [s for p in parts for s in p.sheets], [w for p in parts for w in p.warnings],
                  hint, [f for p in parts for f in p.files],
                  {f: p.as_of_hint for p in parts if p.as_of_hint is not None for f in p.files})


def columns_from_plans(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> LedgerColumns:
    """The typed columns of the kept rows of every ledger sheet; LedgerError when no sheet can be used."""
    ledger_plans = [p for p in plans if p.info.role == "ledger"]
    if not ledger_plans:
        raise _no_community(book, plans, standard)
    if not any(p.kept for p in ledger_plans):
        raise LedgerError(book.path, "sheet.no_data_rows", sheet=ledger_plans[0].info.sheet)
    periods = different_periods(ledger_plans)
    if periods is not None:
        raise LedgerError(book.path, "sheet.different_dates", periods)
    for plan in ledger_plans:
        blocks = stacked_periods(plan)
        if blocks:
            raise LedgerError(book.path, "sheet.blocks_different_dates", {"blocks": blocks}, sheet=plan.info.sheet)
        _community_names_are_names(book, plan)
    mapped = ledger_fields([p.info for p in ledger_plans]) | {name for p in ledger_plans for name in p.constants}
    assessable = standard.assessable(mapped) if standard.indicators else []
    # Little assessable: perhaps the wrong --standard; a shipped standard that fits is named (a hint only).
    suggestion = better_standard([p.raw for p in ledger_plans], standard, len(assessable)) \
        if standard.indicators else None
    if standard.indicators and not assessable:
        raise _nothing_assessable(book, ledger_plans, standard, mapped, suggestion)
    wanted = standard.used_fields()
    # Context fields (the partner unit) are read where a sheet has the column; no warning where it has not.
    read = wanted + standard.context_fields()
    columns: dict[str, list] = {"_file": [], "_sheet": [], "_row": []}
    cells: dict[str, list[object]] = {name: [] for name in read}
    unmapped: dict[str, list[tuple[int, int]]] = {name: [] for name in read}  # row spans with no column
    # A figure or answer merged over several communities: whose it is cannot be told (see _merged_figures).
    shared: dict[str, list[int]] = {name: [] for name in read}
    # A community name merged over two rows whose figures differ: which row is right is the office's call.
    conflicts: dict[str, dict[int, str | Message]] = {name: {} for name in read}
    warnings: list[Warning] = []
    infos: dict[int, SheetInfo] = {}  # a sheet's info with its merged community names (merged_names)
    for plan in ledger_plans:
        band = plan.band
        merged = MergedCells(plan.raw, band.start + band.height if band else 0)
        letters = {m.field: letter_index(m.letter) for m in plan.info.columns}
        n = len(plan.kept)
        columns["_file"] += [plan.info.file] * n
        columns["_sheet"] += [plan.info.sheet] * n
        columns["_row"] += [r + 1 for r in plan.kept]
        for name in read:
            if name in plan.constants:
                cells[name] += [plan.constants[name][0]] * n
                continue
            col = letters.get(name)
            if col is None:
                unmapped[name].append((len(cells[name]), len(cells[name]) + n))
            at = len(cells[name])
            cells[name] += column_values(plan.raw, col, plan.kept, merged, name in KEY_FIELDS)
            if col is not None and col in merged.columns and name in wanted and name not in KEY_FIELDS:
                for rows, warning in _merged_figures(plan, merged, col, standard.fields[name].title):
                    shared[name] += [at + i for i in rows]
                    warnings.append(warning)
        warnings += sheet_warnings(plan, standard, wanted, letters)
        if letters.get("community") in merged.columns:  # one name over two lines: the engine says which is read
            figures = {name: col for name, col in letters.items() if name in wanted and name not in KEY_FIELDS}
            infos[id(plan)] = replace(plan.info, merged_names=merged_names(
                plan.raw, merged, letters["community"], plan.kept, figures))
            at = len(columns["_row"]) - n
            for name, found in merged_name_conflicts(plan.raw, merged, letters["community"], plan.kept,
                                                     figures).items():
                conflicts[name].update(
                    (at + i, Message("cell.merged_rows_differ",
                                     {"cells": [f"{c}“{v}”" for c, v in zip(where, said, strict=True)]}))
                    for i, (where, said) in found.items())
        # A --map the cells do not bear out (备注=community, a yes/no column as a count): said, still used.
        # A column already warned of for its header's unit (mapping.overrules_veto) is not warned of twice.
        row, overruled = plan.info.header_rows[-1], {letter for letter, *_ in plan.info.overruled}
        warnings += [Warning(m, plan.info.file, plan.info.sheet, f"{m.params['letter']}{row}")
                     for m in mapped_cell_warnings(plan.raw, band, plan.kept, plan.info.columns, standard)
                     if m.params["letter"] not in overruled]
    if suggestion is not None:
        warnings.append(Warning(msg("standard.looks_like", **suggestion.params()), str(book.path)))
    data: dict[str, np.ndarray | Sequence[Any]] = dict(columns)
    for name in read:
        spec = standard.fields[name]
        read_cells = cells[name]
        if shared[name]:  # parsed as blanks (no warning, no vote on a percent column's scale), then invalid
            read_cells = list(read_cells)
            for i in shared[name]:
                read_cells[i] = None
        column = normalize_column(read_cells, spec.type, allow_negative=spec.allow_negative,
                                  typical_min=spec.typical_min,
                                  allow_na=standard.allows_not_applicable(name))
        if shared[name]:
            column = replace(column.invalidated(dict.fromkeys(shared[name], "cell.merged_shared")),
                             cells=cells[name])
        if conflicts[name]:
            column = column.invalidated(conflicts[name])
        data[name] = column.values  # float64, or object (text, date): frame_ledger makes the Series
        for start, stop in unmapped[name]:
            column.states[start:stop] = CELL_UNMAPPED  # no column in that sheet: its indicators are unassessed
        data[f"{name}.state"] = column.states
        # The cells as read: the engine formats (display_text) only those its findings cite.
        data[f"{name}.raw"] = column.cells
        if column.reasons:  # why each invalid cell is invalid (a catalogue code), for its finding
            reasons = np.full(len(column.cells), None, dtype=object)
            reasons[list(column.reasons)] = list(column.reasons.values())
            data[f"{name}.reason"] = reasons
        for i, message in column.warnings:
            warnings.append(_cell_warning(plans, columns, i, name, message))
    if (year_only := title_year_only(ledger_plans)) is not None:
        warnings.insert(0, Warning(year_only, str(book.path)))  # first: it qualifies every verdict below
    return LedgerColumns(data, [infos.get(id(p), p.info) for p in plans], warnings, as_of_hint(ledger_plans),
                         [str(book.path)])


def _community_names_are_names(book: RawWorkbook, plan: SheetPlan) -> None:
    """LedgerError (exit 2) when the community column holds numbers, not names (more than half of at least
    3 non-blank cells): ``--map "户数=community"`` would name communities 2580, 2843 … in every report and
    notice, and merge two of equal count as one. Named with the column that looks like the community's."""
    used = next((m for m in plan.info.columns if m.field == "community"), None)
    if used is None or plan.band is None:
        return
    col = letter_index(used.letter)
    odd, total, examples = numeric_names(plan.raw, col, plan.kept)
    if total < MIN_CELLS or 2 * odd <= total:
        return
    params = {"letter": used.letter, "header": used.header, "odd": odd, "total": total, "examples": examples}
    other = next(((column_letter(c), plan.band.headers[c]) for c, cands in enumerate(plan.band.candidates)
                  if c != col and any(x.field == "community" and x.score >= THRESHOLD for x in cands)), None)
    if other is not None:
        raise LedgerError(book.path, "ledger.community_numbers_other",
                          {**params, "other": other[0], "other_header": other[1]}, sheet=plan.info.sheet,
                          cell=f"{used.letter}{plan.info.header_rows[-1]}")
    raise LedgerError(book.path, "ledger.community_numbers", params, sheet=plan.info.sheet,
                      cell=f"{used.letter}{plan.info.header_rows[-1]}")


def _merged_figures(plan: SheetPlan, merged: MergedCells, col: int, title: object) -> list[tuple[list[int], Warning]]:
    """The merged ranges of a figure/answer column that span several kept rows (communities), each with the
    positions it covers in ``plan.kept`` and the warning naming it.

    A key column (district, street) merged over a street's communities is a label they share and is filled
    down; a figure is each community's own. 活动开展次数 merged over two communities may be each one's count,
    their joint count or the first one's: nothing says which, so the value is given to none of them (each
    cell ``invalid``, ``cell.merged_shared``), never copied into a community that did not report it. A range
    with nothing written is left alone (each cell is ``missing``).
    """
    out = []
    for (r0, c0, r1, c1), rows in merged.shared(col, plan.kept):
        shown_r, shown_c = plan.raw.shown_cell(r0, c0, r1, c1)
        row = plan.raw.rows[shown_r] if shown_r < len(plan.raw.rows) else []
        value = display_text(row[shown_c]) if shown_c < len(row) else None
        if value is None:
            continue
        where = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        out.append((rows, Warning(msg("rows.merged_figure", range=where, n=len(rows), title=title, value=value,
                                      rows=[plan.kept[i] + 1 for i in rows]),
                                  plan.info.file, plan.info.sheet, where)))
    return out


def _no_community(book: RawWorkbook, plans: list[SheetPlan], standard: Standard) -> LedgerError:
    """Exit 2: no sheet has a community column. Name the aliases tried and the headers that were seen."""
    tried = standard.fields["community"].aliases
    for plan in plans:  # a hidden sheet is skipped unless --sheet names it: say so when it holds the ledger
        band = find_band(plan.raw, matcher_for(standard)) if plan.info.role == "hidden" else None
        if band is not None and len(band.mapping) >= 2:
            return LedgerError(book.path, "ledger.hidden_ledger_sheet",
                               {"sheet": plan.info.sheet, "row": band.start + band.height,
                                "headers": [h for h in band.headers if h][:8]}, sheet=plan.info.sheet)
    for plan in plans:
        guess = guess_header_row(plan.raw) if plan.info.role in ("other", "instructions") else None
        named = _community_headers(filled_top(plan.raw, guess[0])[guess[0] - 1], standard) if guess else []
        if guess and len(named) > 1:  # 社区 beside 社区名称, their cells no help: the user chooses
            return LedgerError(book.path, "ledger.community_two_columns",
                               {"n": len(named), "columns": [f"{c}「{h}」" for c, h in named], "header": named[0][1]},
                               sheet=plan.info.sheet, cell=f"{named[0][0]}{guess[0]}")
        if guess:
            return LedgerError(book.path, "ledger.no_community_column",
                               {"tried": tried, "row": guess[0], "headers": guess[1][:8]}, sheet=plan.info.sheet)
    if all(plan.info.role == "empty" for plan in plans):
        return LedgerError(book.path, "ledger.empty_workbook")
    return LedgerError(book.path, "ledger.no_header_row", {"tried": tried})


def _community_headers(headers: list[str], standard: Standard) -> list[tuple[str, str]]:
    """(letter, header) of the cells of a header row that name the community column (an alias or its terms)."""
    matcher = matcher_for(standard)
    out = []
    for c, header in enumerate(headers):
        found = matcher.score([header])[0] if header else ()
        if found and found[0].field == "community" and found[0].score >= THRESHOLD:
            out.append((column_letter(c), header))
    return out


def _nothing_assessable(book: RawWorkbook, plans: list[SheetPlan], standard: Standard, mapped: set[str],
                        suggestion: Suggestion | None) -> LedgerError:
    """Exit 2: the ledger has a community column but no indicator has all the columns it needs. Names the
    fields without a column (and, when a shipped standard fits the ledger, that standard)."""
    needed = [name for name in standard.used_fields() if name not in KEY_FIELDS and name not in mapped
              and not standard.fields[name].derive_from]
    titles = [standard.fields[name].title for name in needed[:8]]
    # Every header read, the mapped ones too: listing only the unmapped ones said "headers read: —" of a
    # ledger headed 区县/街道/社区/备注, as if no header had been read.
    band = plans[0].band
    read = [h for h in band.headers if h] if band is not None else []
    headers = [*read[:10], *(["…"] if len(read) > 10 else [])] or ["—"]
    params: dict[str, object] = {"fields": titles, "headers": headers}
    if suggestion is not None:
        return LedgerError(book.path, "ledger.nothing_assessable_looks_like", {**params, **suggestion.params()},
                           sheet=plans[0].info.sheet)
    return LedgerError(book.path, "ledger.nothing_assessable", params, sheet=plans[0].info.sheet)


def _cell_warning(plans, columns, i: int, name: str, message: Message) -> Warning:
    file, sheet, row = columns["_file"][i], columns["_sheet"][i], columns["_row"][i]
    letter = next((p.info.letter(name) for p in plans if p.info.file == file and p.info.sheet == sheet), None)
    return Warning(message, file, sheet, f"{letter}{row}" if letter else None)
