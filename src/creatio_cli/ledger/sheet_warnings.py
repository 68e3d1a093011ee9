"""The warnings a ledger sheet gives once its header band and rows are known: fields not found (with the
closest headers), ambiguous or doubted columns, rows left out that a reader would look for (nameless rows
with figures, the street office's own rows, hidden rows checked as communities)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from creatio_cli.ledger.header import column_letter
from creatio_cli.ledger.model import KEY_FIELDS
from creatio_cli.ledger.normalize import display_text
from creatio_cli.ledger.rows import OFFICE_ROW, letter_index, office_row_text
from creatio_cli.ledger.value_evidence import refutation
from creatio_cli.messages import HeaderRef, msg
from creatio_cli.results import Warning
from creatio_cli.standards.model import Standard

if TYPE_CHECKING:
    from creatio_cli.ledger.load import SheetPlan

# Where a street or district without a column came from (SheetPlan.constants) → the warning saying so.
_PLACE_CODES = {
    ("street", "title"): "sheet.street_from_title", ("street", "filled_by"): "sheet.street_from_filled_by",
    ("street", "sheet"): "sheet.street_from_sheet", ("street", "file"): "sheet.street_from_file",
    ("district", "title"): "sheet.district_from_title", ("district", "filled_by"): "sheet.district_from_filled_by",
    ("district", "sheet"): "sheet.district_from_sheet", ("district", "file"): "sheet.district_from_file",
}


def _nameless_rows(plan: SheetPlan) -> list[Warning]:
    """Rows dropped for a blank community name that still hold figures: a community silently missing from
    the report, the rankings and the notices unless someone is told (one warning a sheet)."""
    by_field = {m.field: letter_index(m.letter) for m in plan.info.columns}
    community = by_field.get("community")
    if community is None:
        return []
    figures = [c for f, c in by_field.items() if f not in KEY_FIELDS]
    rows = []
    for row, reason in plan.info.rows_dropped:
        if reason != "no community name":
            continue
        cells = plan.raw.rows[row - 1]
        if sum(1 for c in figures if c < len(cells) and cells[c] not in (None, "")) >= 2:
            rows.append(row)
    if not rows:
        return []
    letter = column_letter(community)
    shown = [*map(str, rows[:10]), *(["…"] if len(rows) > 10 else [])]
    return [Warning(msg("rows.no_community_name", rows=shown, letter=letter), plan.info.file, plan.info.sheet,
                    f"{letter}{rows[0]}")]


def _hidden_rows(plan: SheetPlan) -> list[Warning]:
    """The rows an xlsx hides that were checked as communities (one warning a sheet). An office hides rows to
    print, not to delete, so they are read; but a hidden, abolished community was sent a notice without a
    word, so the user is told which rows and communities they are."""
    hidden = plan.raw.hidden_rows
    rows = [r for r in plan.kept if r in hidden] if hidden else []
    if not rows:
        return []
    letter = next((m.letter for m in plan.info.columns if m.field == "community"), "A")
    col = letter_index(letter)
    names = [str(display_text(plan.raw.rows[r][col])) for r in rows[:10]
             if col < len(plan.raw.rows[r]) and display_text(plan.raw.rows[r][col])]
    shown = [*(str(r + 1) for r in rows[:10]), *(["…"] if len(rows) > 10 else [])]
    return [Warning(msg("rows.hidden_checked", rows=shown, names=names or ["—"]), plan.info.file,
                    plan.info.sheet, f"{letter}{rows[0] + 1}")]


def _office_rows(plan: SheetPlan) -> list[Warning]:
    """The street office's own row (街道本级), dropped: its figures are real but belong to no community, so
    the user is told which row was left out (one warning a row; a sheet has one or two)."""
    letter = next((m.letter for m in plan.info.columns if m.field == "community"), "A")
    col = letter_index(letter)
    return [Warning(msg("rows.street_office", row=row, text=office_row_text(plan.raw, row, col)), plan.info.file,
                    plan.info.sheet, f"{letter}{row}")
            for row, reason in plan.info.rows_dropped if reason == OFFICE_ROW]


def sheet_warnings(plan: SheetPlan, standard: Standard, wanted: list[str], letters: dict) -> list[Warning]:
    """Columns used by precedence or left ambiguous, fields not found (with the closest headers), and
    street / district taken from outside the columns."""
    file, sheet = plan.info.file, plan.info.sheet
    row = plan.info.header_rows[-1]
    out = []
    for field_name, used, used_header, other, other_header in plan.competing:
        out.append(Warning(msg("header.competing", title=standard.fields[field_name].title, used=used,
                               used_header=used_header, other=other, other_header=other_header),
                           file, sheet, f"{used}{row}"))
    out += _nameless_rows(plan)
    out += _office_rows(plan)
    out += _hidden_rows(plan)
    for m in plan.info.columns:
        if m.reasons and m.reasons[0].code == "why.community_values":
            two = m.reasons[1] if len(m.reasons) > 1 and m.reasons[1].code == "why.community_two_headers" else None
            if two is not None:  # 社区 beside 社区名称: the cells chose between two headers that name it
                out.append(Warning(msg("header.community_two_columns", letter=m.letter, header=m.header,
                                       **two.params), file, sheet, f"{m.letter}{row}"))
            else:
                out.append(Warning(msg("header.community_by_values", letter=m.letter, header=m.header,
                                       **m.reasons[0].params), file, sheet, f"{m.letter}{row}"))
    ambiguous = dict(plan.info.ambiguous)
    for field_name, options in ambiguous.items():
        if field_name in wanted:
            refs = [HeaderRef(c, h, s) for c, h, s in options]
            # An old column hidden beside the new one: said, so the user knows which to map — never chosen
            # for them (a hidden column may hold the figure the office still means).
            hidden = [r.cell for r in refs if plan.raw.column_hidden(letter_index(r.cell))]
            note = msg("label.hidden_columns_note", letters=hidden) if hidden else ""
            out.append(Warning(msg("header.ambiguous", title=standard.fields[field_name].title, field=field_name,
                                   options=refs, hidden=note), file, sheet))
    in_use = {m.field: m for m in plan.info.columns}
    for field_name, letter, header, _score, odd, total in plan.info.doubted:
        if field_name not in wanted:
            continue
        spec = standard.fields[field_name]
        taken = in_use.get(field_name)
        if taken is not None:  # another column, judged on its own, is the field
            why = refutation(spec.type, odd, total)
            out.append(Warning(msg("header.values_doubt_other", letter=letter, header=header, title=spec.title,
                                   field=field_name, why=why, other=taken.letter, other_header=taken.header),
                               file, sheet, f"{letter}{row}"))
            continue
        code = "header.values_doubt_yesno" if spec.type == "yesno" else "header.values_doubt_number"
        out.append(Warning(msg(code, letter=letter, header=header, title=spec.title, field=field_name, odd=odd,
                               total=total), file, sheet, f"{letter}{row}"))
    doubted = {d[0] for d in plan.info.doubted}
    for letter, header, field_name, why in plan.info.overruled:
        out.append(Warning(msg("mapping.overrules_veto", letter=letter, header=header,
                               title=standard.fields[field_name].title, why=why), file, sheet, f"{letter}{row}"))
    for field_name, (value, source) in plan.constants.items():
        out.append(Warning(msg(_PLACE_CODES[field_name, source], value=value), file, sheet))
    near = dict(plan.info.near)
    for field_name, spec in standard.fields.items():
        if field_name in wanted and field_name not in letters and field_name not in ambiguous \
                and field_name not in doubted and not spec.derive_from and field_name not in plan.constants:
            closest = [HeaderRef(c, h, s) for c, h, s in near.get(field_name, ())]
            closest += [HeaderRef(c, h, lookalike=w) for c, h, w in plan.info.lookalikes(field_name)]
            code = "header.field_not_found_near" if closest else "header.field_not_found"
            if field_name in KEY_FIELDS:  # a key column has no indicators to leave unassessed
                code = "header.key_not_found_near" if closest else "header.key_not_found"
            out.append(Warning(msg(code, title=spec.title, field=field_name, closest=closest), file, sheet))
    return out
