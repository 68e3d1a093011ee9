"""From per-column candidates to one mapping: a field per column at most, and never a guess.

A candidate is used only when its score reaches ``THRESHOLD`` and it leads by ``MARGIN`` both the next
column for the same field and the next field for the same column (OpenRefine's auto-match rule). Of two
exact aliases of one field, the field's ``precedence`` tiers decide (常住/居民户数 before 总/户籍户数 — a
rule of domain.md), or a group cell that names the field (有劳动能力/低保对象 before 无劳动能力/低保对象),
with a warning; two aliases nothing orders (居民户数 beside 户数) are ambiguous like any other close pair. Anything else close is *ambiguous*: not used for verdicts,
named in a warning with its candidates, and shown by ``creatio inspect``.

An office's own mapping comes first: ``--map`` > ``--mapping`` > the standard's ``columns:`` > the matcher
(design.md, "Additions"); a header mapped to ``null`` is never a field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from creatio_cli.ledger.matcher import MARGIN, THRESHOLD, Candidate, Veto
from creatio_cli.ledger.wording import read
from creatio_cli.messages import Message, msg

#: A column of an earlier precedence tier makes a field ambiguous when it scores at least this (the "did you
#: mean" range: 常住人口（风普） 0.69); lower, its words explain too little of it to be the field's column.
TIER_RIVAL_FLOOR = 0.5


@dataclass(frozen=True)
class Choice:
    """A column mapped to a field, with its confidence and why."""

    field: str
    column: int
    header: str
    score: float
    reasons: tuple[Message, ...]
    runner_up: tuple[str, float] | None = None  # (header of the next column for the field, its score)


@dataclass(frozen=True)
class Ambiguity:
    """A field two columns (or a column two fields) fit about as well: not used; the user decides."""

    field: str
    options: tuple[tuple[str, str, float], ...]  # (column letter, header, score), best first


@dataclass(frozen=True)
class Assignment:
    choices: tuple[Choice, ...]
    ambiguous: tuple[Ambiguity, ...]
    competing: tuple[tuple[str, int, str, int, str], ...]  # (field, used col, header, other col, header)
    near: Mapping[str, tuple[tuple[int, str, float], ...]]  # field → best columns below the threshold
    vetoes: Mapping[int, tuple[Veto, ...]]
    used_overrides: frozenset[str] = frozenset()  # the override keys some column matched
    overruled: tuple[tuple[int, Veto], ...] = ()  # a user mapping that overrules the matcher's veto


def override_key(text: str) -> str:
    """A user's header (``组/叶`` or a leaf) folded as the matcher reads headers."""
    return "/".join(read(part).core for part in str(text).split("/") if part.strip())


def assign(columns: list[tuple[str, list[str], tuple[Candidate, ...], tuple[Veto, ...]]],
           overrides: Mapping[str, tuple[str | None, str]] | None = None,
           letter=None, unit_veto: Callable[[list[str], str], Veto | None] | None = None) -> Assignment:
    """Map ``columns`` — (joined header, parts, candidates, vetoes) per column — to fields.

    ``overrides``: folded header (see :func:`override_key`) → (field or None, where it came from).
    ``letter``: column index → letter (for messages).
    ``unit_veto``: (header parts, field) → the veto of the header's unit, for a column the user maps to a
    field its wording gave no evidence for (the matcher vetoes only the fields a header is a candidate
    for): ``群众满意度（%）=service_area`` is mapped as asked, with the warning a unit veto overruled gets.
    """
    overrides = overrides or {}
    forced: dict[int, Choice] = {}
    excluded: set[int] = set()
    used: set[str] = set()
    overruled: list[tuple[int, Veto]] = []
    for col, (header, parts, _cands, col_vetoes) in enumerate(columns):
        hit = _override(parts, overrides)
        if hit is None:
            continue
        key, (name, origin) = hit
        used.add(key)
        if name is None:
            excluded.add(col)
        else:
            forced[col] = Choice(name, col, header, 1.0, (msg("why.mapped", origin=origin),))
            own = [v for v in col_vetoes if v.field == name]
            if not own and unit_veto is not None and (veto := unit_veto(parts, name)) is not None:
                own = [veto]
            overruled += [(col, v) for v in own]
    taken_fields = {c.field for c in forced.values()}
    by_field: dict[str, list[tuple[float, int, Candidate]]] = {}
    by_col: dict[int, list[Candidate]] = {}
    for col, (_header, _parts, cands, _vetoes) in enumerate(columns):
        if col in forced or col in excluded:
            continue
        for cand in cands:
            if cand.field in taken_fields:
                continue
            by_field.setdefault(cand.field, []).append((cand.score, col, cand))
            by_col.setdefault(col, []).append(cand)
    for options in by_field.values():
        options.sort(key=lambda o: (-o[0], o[1]))
    chosen: dict[str, Choice] = {c.field: c for c in forced.values()}
    used_cols = set(forced)
    ambiguous: dict[str, Ambiguity] = {}
    competing = []
    pool = sorted(((s, col, c) for options in by_field.values() for s, col, c in options if s >= THRESHOLD),
                  key=lambda o: (-o[0], o[1]))
    for score, col, cand in pool:
        name = cand.field
        if name in chosen or name in ambiguous or col in used_cols:
            continue
        rivals = [(s, c, o) for s, c, o in by_field[name] if c != col and c not in used_cols]
        others = [o for o in by_col.get(col, []) if o.field != name and o.field not in chosen]
        field_gap = score - (rivals[0][0] if rivals else 0.0)
        col_gap = score - max((o.score for o in others), default=0.0)
        # Two exact aliases: settled only by the field's precedence tiers (an earlier tier beats a later one).
        rival = rivals[0][2] if rivals else None
        if rival is not None and rival.by_alias and cand.tier is not None and rival.tier is not None \
                and rival.tier < cand.tier:
            continue  # a column of an earlier precedence tier is this field: it is chosen when its turn comes
        # Or by the group cell: 有劳动能力/低保对象(人) (a group alias of the field above the alias) beats
        # 无劳动能力/低保对象(人).
        by_precedence = rival is not None and rival.by_alias and cand.by_alias and (
            (cand.tier is not None and rival.tier is not None and cand.tier < rival.tier)
            or (_grouped(cand) and not _grouped(rival)))
        # A column worded in an earlier precedence tier (常住人口（风普）, scored low for its unexplained 风普) beside
        # the one chosen (人口（人）, no tier): which one the office meant is a guess, however the scores compare.
        earlier = [(c, s) for s, c, o in rivals if s >= TIER_RIVAL_FLOOR and _earlier_tier(o, cand)
                   and max(by_col[c], key=lambda x: x.score).field == name]
        if earlier:
            ambiguous[name] = Ambiguity(name, tuple((_letter(letter, c), columns[c][0], s)
                                                    for c, s in [(col, cand.score), *earlier]))
            continue
        if (field_gap < MARGIN and not by_precedence) or col_gap < MARGIN:
            close = [(col, cand.score)] + [(c, s) for s, c, _ in rivals if score - s < MARGIN]
            if col_gap < MARGIN:
                close += [(col, o.score) for o in others if score - o.score < MARGIN]
            ambiguous[name] = Ambiguity(name, tuple((_letter(letter, c), columns[c][0], s) for c, s in close))
            continue
        runner = (columns[rivals[0][1]][0], rivals[0][0]) if rivals else None
        chosen[name] = Choice(name, col, columns[col][0], score, cand.reasons, runner)
        used_cols.add(col)
        if by_precedence:
            for _s, c, o in rivals:
                if o.by_alias:
                    competing.append((name, col, columns[col][0], c, columns[c][0]))
    near = {name: tuple((c, columns[c][0], s) for s, c, _ in options[:3])
            for name, options in by_field.items() if name not in chosen}
    vetoes = {col: v for col, (_h, _p, _c, v) in enumerate(columns) if v}
    return Assignment(tuple(sorted(chosen.values(), key=lambda c: c.column)), tuple(ambiguous.values()),
                      tuple(competing), near, vetoes, frozenset(used), tuple(overruled))


def _earlier_tier(rival: Candidate, chosen: Candidate) -> bool:
    """``rival``'s words put it in an earlier precedence tier than ``chosen`` (untiered counts as last)."""
    return rival.word_tier is not None and (chosen.word_tier is None or rival.word_tier < chosen.word_tier)


def _grouped(cand: Candidate) -> bool:
    """The candidate's group cell names its field (a group alias, or the field's terms)."""
    return any(r.code == "why.group" for r in cand.reasons)


def _override(parts: list[str], overrides: Mapping[str, tuple[str | None, str]],
              ) -> tuple[str, tuple[str | None, str]] | None:
    """(the key that matched, (field or None, origin)) for a column, or None."""
    if not overrides or not parts:
        return None
    cores = [read(p).core for p in parts]
    keys = ["/".join(cores), cores[-1], *(f"{g}/{cores[-1]}" for g in cores[:-1])]
    # A cell whose own text has a slash (居/村委会) is written the same way in a mapping, where the slash would
    # otherwise read as group/leaf: its key as the user writes it.
    keys += [override_key(part) for part in parts if "/" in part or "／" in part]
    return next(((k, overrides[k]) for k in keys if k in overrides), None)


def _letter(letter, col: int) -> str:
    return letter(col) if letter is not None else str(col)
