"""Header matching that understands wording: each (column, field) pair gets a score in 0..1 and its reasons.

How others solve it, and what we took:

- frictionless-py infers a schema from *values* and matches fields by exact name: no help with wording.
- OpenRefine's reconciliation scores every candidate 0..100 and auto-matches only when the best is
  high *and* clearly ahead of the next — the threshold + margin rule used here (T and M below).
- Schema-matching systems (COMA; Rahm & Bernstein's survey) combine element-level linguistic matchers
  (names, synonyms, token overlap) with constraint matchers (data types, units), and the column-type
  annotation work (SemTab) adds cell values. We combine: the field's *aliases* (strong evidence), its
  *terms* (concept words that must all be present), *fillers* (words that add nothing: 社区, 本年, 数量),
  look-alike *exclusions* (新增, 计划, 室外 …) and the *unit* (a veto when it contradicts the field's).
  No learned model: a wrong verdict becomes an official notice, so every mapping must be explainable
  (``Candidate.reasons``) and an office must be able to extend the vocabulary in YAML.

Scores (documented in README, shown by ``creatio inspect``):

- alias written exactly (leaf, group + leaf, or a leaf alias under a group alias): 0.90 − 0.01 × its rank
  (the aliases' order is a precedence: 常住户数 before 总户数);
- a leaf alias without its group (面积 alone): 0.6 — below the threshold, shown as "did you mean";
- every term group present: 0.85 (0.82 when a group cell supplies some of the terms), minus 0.05 per
  character the field's words and fillers do not explain (fields marked ``whole`` allow none);
- a written unit that agrees: +0.05; a unit read from the last word that agrees: +0.03; a group cell that
  speaks of the field: +0.03 (at most 0.98 in all, so a group still tells two exact aliases apart);
- a contradicting unit or an excluded word: no candidate at all (the veto and its reason are kept for
  ``inspect``).

A mapping is used only when its score ≥ ``THRESHOLD`` and it leads the next candidate for the same field
(another column) and for the same column (another field) by ≥ ``MARGIN``; when two columns are exact aliases
of one field, the field's ``precedence`` tiers decide (常住/居民户数 before 总/户籍户数: a rule of the domain,
reported as a warning); two aliases no tier orders (居民户数 beside 户数) are ambiguous, because which one an
office meant is a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from creatio_cli.ledger.model import KEY_FIELDS
from creatio_cli.ledger.wording import FIELD_UNIT, Wording, fold, read
from creatio_cli.messages import Message, msg
from creatio_cli.standards.model import FieldSpec, Standard

THRESHOLD = 0.75
MARGIN = 0.10
_ALIAS, _TERMS_SCORE, _TERMS_WITH_GROUP = 0.90, 0.85, 0.82
_LEAF_ALONE = 0.6  # a leaf alias (总面积, 建筑面积) without the group that gives it its meaning
# A leaf under a group cell that names another thing (道德讲堂 / 活动次数: the lecture hall's sessions, not the
# community's activities): the leaf alone no longer decides. Enough to fall below the threshold.
_OTHER_GROUP = 0.2
_PER_LEFTOVER = 0.08
_PUNCT = re.compile(r"[^\w%]")
_PARENTHESES = re.compile(r"[(（]([^()（）]{2,20})[)）]")
# A group cell joining the names of several columns (户数及人口, 户数和人口, 户数、人口, 户数/人口).
_CONJUNCTION = re.compile(r"以及|及|和|与|、|/|／|&|＆")

# Words that qualify a number or a yes/no answer without changing what it counts. Text fields (names) get
# only their own fillers: 社区数量 is not the community's name.
COMMON_FILLERS: tuple[str, ...] = (
    "本社区", "社区", "辖区", "现有", "目前", "截至目前", "总", "合计", "共计", "累计", "数量", "情况",
    "本年度", "本年", "年度", "全年", "今年以来", "今年", "当年", "以来", "实际", "是否", "有无", "已", "其中",
    "个数", "数", "总数", "建有", "设有", "建设", "各类", "配置", "配备", "结果", "年末", "年底", "期末",
)
# Words that only say a facility exists, for every yes/no field: 是否成立家长学校, 有无道德讲堂, 已建成 V站.
COMMON_YESNO_FILLERS: tuple[str, ...] = (
    "一个", "有", "建", "设", "建立", "建成", "设立", "成立", "挂牌", "开设", "开办", "配有", "拥有", "阵地", "村级",
)
# Words of look-alike columns for every number or yes/no field: a gap, a target, a plan, an average, a
# change or a rank is not the value itself (服务设施面积缺口, 志愿者占比目标, 单间平均面积, 新增志愿者人数).
COMMON_EXCLUDE: tuple[str, ...] = (
    "缺口", "差距", "差额", "目标", "应达", "应有", "标准值", "要求", "计划", "规划", "预计", "拟", "每百户", "平均", "人均",
    "户均", "新增", "增加", "减少", "同比", "环比", "排名", "得分", "分值", "上年", "去年",
)


@dataclass(frozen=True)
class Candidate:
    """A field a column may be: its score (0..1) and why (catalogue messages ``why.*``)."""

    field: str
    score: float
    reasons: tuple[Message, ...]

    @property
    def by_alias(self) -> bool:
        return bool(self.reasons) and self.reasons[0].code == "why.alias"

    tier: int | None = None  # the alias's precedence tier (FieldSpec.precedence), 0 first; None: no tier
    via_group: bool = False  # a group cell above the leaf is part of the evidence
    # The precedence tier of the header's words without their parenthesised note (常住人口（风普） → 0, as
    # 常住人口), alias or not: a column worded in an earlier tier than the one chosen makes the choice a guess.
    word_tier: int | None = None


@dataclass(frozen=True)
class Veto:
    """A field a column may NOT be, and why (a contradicting unit, a look-alike word)."""

    field: str
    reason: Message


@dataclass
class _Rule:
    name: str
    aliases: dict[str, int]  # folded core → rank
    tiers: dict[str, int]  # folded core of an alias → its precedence tier
    group_aliases: set[str]
    leaf_aliases: dict[str, int]
    terms: list[tuple[str, ...]]
    exclude: tuple[str, ...]
    title_exclude: tuple[str, ...]
    fillers: tuple[str, ...]
    whole: bool
    unit: str | None  # category the field's values are in
    yesno: bool
    text: bool
    total: bool = False  # a 其中 (of which) column is never this field
    words: set[str] = field(default_factory=set)


class Matcher:
    """A standard's fields, compiled once, scoring header texts (a column's parts, group → leaf)."""

    def __init__(self, standard: Standard, fields: list[str] | None = None) -> None:
        self.rules = [_compile(name, standard.fields[name]) for name in fields or list(standard.fields)]
        # Fields that name a thing with attributes of its own: the facilities (yes/no) and the partner unit.
        self._owner_fields = {r.name for r in self.rules if r.yesno or (r.text and r.name not in KEY_FIELDS)}
        words = sorted({w for r in self.rules for w in r.words}, key=len, reverse=True)
        self._any = re.compile("|".join(map(re.escape, words))) if words else None
        # Only these words of a title matter (title_exclude); the memo is keyed by them, not by the title,
        # which differs in every file of a folder (its street, its date).
        self._title_words = sorted({w for r in self.rules for w in r.title_exclude if w})
        self._memo: dict[tuple[str, ...], tuple[tuple[Candidate, ...], tuple[Veto, ...]]] = {}

    def score(self, parts: list[str] | tuple[str, ...], title: str = "") -> tuple[tuple[Candidate, ...], tuple[Veto, ...]]:
        """Candidates (best first) and vetoes for a column whose header cells are ``parts`` (top → bottom).

        ``title``: the sheet's title rows, folded; a field's ``title_exclude`` words there (低保 in
        城市低保基本情况统计) mean its plain wording counts something else in this sheet.
        """
        title = "|".join(w for w in self._title_words if w in title) if title else ""
        key = (*parts, "\x00" + title) if title else tuple(parts)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._score(tuple(parts), title)
        return found

    def _score(self, parts: tuple[str, ...], title: str) -> tuple[tuple[Candidate, ...], tuple[Veto, ...]]:
        if not parts:
            return (), ()
        leaf = read(parts[-1])
        groups = [read(p) for p in parts[:-1]]
        everything = leaf.core + "".join(g.core for g in groups)
        if not everything or self._any is None or not self._any.search(everything):
            return (), ()
        candidates, vetoes = [], []
        conjuncts = [self._conjuncts(g) for g in groups]
        for rule in self.rules:
            outcome = _judge(rule, leaf, groups, title, _veto_context(groups, conjuncts, rule.name))
            if isinstance(outcome, Candidate):
                candidates.append(outcome)
            elif isinstance(outcome, Veto):
                vetoes.append(outcome)
        if groups and candidates:
            candidates = self._owned_by_group(candidates, groups)
        candidates.sort(key=lambda c: -c.score)
        return tuple(candidates), tuple(vetoes)

    def unit_veto(self, parts: list[str], name: str) -> Veto | None:
        """The veto of the header's unit for field ``name`` whatever its wording (``（%）`` is never an area),
        or None: for a column the user maps to a field its header gives no evidence for."""
        rule = next((r for r in self.rules if r.name == name), None)
        if rule is None or not parts:
            return None
        why = _unit_veto(rule, read(parts[-1]))
        return Veto(name, why) if why is not None else None

    def _conjuncts(self, group: Wording) -> tuple[tuple[str, str | None], ...]:
        """A group cell that is a conjunction (户数及人口), cut into its parts, each with the field it names on
        its own (户数 → households), or () for any other group. Such a group heads the columns of several
        fields: the words of one part say nothing against the column of another."""
        pieces = [read(p) for p in _CONJUNCTION.split(fold(group.raw))]
        if len(pieces) < 2 or any(len(p.core) < 2 for p in pieces):
            return ()
        out = []
        for piece in pieces:
            cands = self.score([piece.raw])[0]
            out.append((piece.core, cands[0].field if cands and cands[0].score >= THRESHOLD else None))
        return tuple(out) if any(named is not None for _core, named in out) else ()

    def _owned_by_group(self, candidates: list[Candidate], groups: list[Wording]) -> list[Candidate]:
        """Demote a field the leaf alone suggests when a group cell above names a *thing* (a facility, a
        partner unit) that is another field: its leaves are that thing's attributes (道德讲堂 / 活动次数,
        驻村工作队（帮扶单位） / 单位名称). A field the group itself supports (社区综合服务设施 / 面积) is not."""
        owners: dict[str, str] = {}
        supported: set[str] = set()  # fields a group cell is, as written
        for g in groups:
            # The group as written, and what its parentheses say it is (驻村工作队（帮扶单位）: a partner unit).
            for n, text in enumerate((g.raw, *_PARENTHESES.findall(g.raw))):
                for c in self.score([text])[0]:
                    if c.score < THRESHOLD:
                        continue
                    if n == 0:
                        supported.add(c.field)
                    if c.field in self._owner_fields:
                        owners.setdefault(c.field, g.core)
        if not owners:
            return candidates
        out = []
        for c in candidates:
            if c.field in owners or c.via_group or c.field in supported:
                out.append(c)
                continue
            field, group = next(iter(owners.items()))
            out.append(replace(c, score=round(c.score - _OTHER_GROUP, 4),
                               reasons=(*c.reasons, msg("why.group_other", group=group, field=field))))
        return out


def _compile(name: str, spec: FieldSpec) -> _Rule:
    aliases: dict[str, int] = {}
    for rank, alias in enumerate(spec.aliases):
        aliases.setdefault(read(alias).core, rank)
    leaf_aliases: dict[str, int] = {}
    for rank, alias in enumerate(spec.leaf_aliases):
        leaf_aliases.setdefault(read(alias).core, rank)
    terms = [tuple(fold(w) for w in group) for group in spec.terms]
    text = spec.type in ("text", "date")
    fillers = {fold(w) for w in spec.fillers} | (set() if text else set(COMMON_FILLERS))
    if spec.type == "yesno":
        fillers |= set(COMMON_YESNO_FILLERS)
    # Every term word explains itself wherever it occurs (村 and 社区 in 社区（村）名称).
    fillers |= {w for group in terms for w in group if not w.startswith("@")}
    tiers = {read(alias).core: tier for tier, names in enumerate(spec.precedence) for alias in names}
    rule = _Rule(
        name=name, aliases=aliases, tiers=tiers, group_aliases={read(g).core for g in spec.group_aliases},
        leaf_aliases=leaf_aliases, terms=terms,
        exclude=tuple(fold(w) for w in (*spec.exclude, *(() if text else COMMON_EXCLUDE))),
        title_exclude=tuple(fold(w) for w in spec.title_exclude),
        fillers=tuple(sorted(fillers, key=len, reverse=True)),
        whole=spec.whole, unit="yesno" if spec.type == "yesno" else FIELD_UNIT.get(spec.unit or ""),
        yesno=spec.type == "yesno", text=text, total=spec.total,
    )
    rule.words = {*aliases, *leaf_aliases, *rule.group_aliases,
                  *(w for g in terms for w in g if not w.startswith("@"))} - {""}
    return rule


def _veto_context(groups: list[Wording], conjuncts: list[tuple[tuple[str, str | None], ...]], name: str) -> str:
    """The group cells' words that may veto field ``name``: all of them, except the parts of a conjunction
    group (户数 of 户数及人口) that name another field — that is another column's concept, not a look-alike."""
    out = []
    for g, parts in zip(groups, conjuncts, strict=True):
        out.append("".join(core for core, named in parts if named is None or named == name) if parts else g.core)
    return "".join(out)


def _judge(rule: _Rule, leaf: Wording, groups: list[Wording], title: str = "",
           veto_context: str | None = None) -> Candidate | Veto | None:
    """Score one field for one column, or veto it, or say nothing (no evidence either way).

    ``veto_context``: the group words that may veto when the leaf is evidence on its own (see
    :func:`_veto_context`); the whole group by default."""
    context = "".join(g.core for g in groups)
    hit = _evidence(rule, leaf, groups, context)
    if hit is None:
        return None
    base, reasons, via_group = hit
    # A leaf that is the field on its own is vetoed only by the group words that speak of *its* column.
    vetoing = context if via_group or veto_context is None else veto_context
    veto = _unit_veto(rule, leaf)
    if veto:
        return Veto(rule.name, veto)
    if rule.total and leaf.part:  # 其中：户籍人口 is a part of the population column beside it
        return Veto(rule.name, msg("why.part_not_total"))
    # A declared alias is the office's own word: the look-alike words it contains (户口 in 户口数) do not
    # veto it, though a look-alike group over it still does.
    alias = str(reasons[0].params.get("alias")) if reasons[0].code == "why.alias" else ""
    for word in rule.exclude:
        if word and ((word in leaf.core and word not in alias) or word in vetoing):
            return Veto(rule.name, msg("why.lookalike", word=word))
    for word in rule.title_exclude:
        if word in title:
            return Veto(rule.name, msg("why.title_lookalike", word=word))
    score = base
    if leaf.unit is not None and leaf.unit == rule.unit:
        score += 0.05 if leaf.explicit else 0.03
        reasons += (msg("why.unit", unit=msg(f"label.unit_kind.{leaf.unit}")),)
    if groups and any(g.core in rule.group_aliases or _all_terms(rule.terms, g.core) for g in groups):
        score += 0.03
        reasons += (msg("why.group", group=groups[-1].core),)
        # Only a declared group alias makes the group part of the evidence; a term word inside it (村 in
        # 驻村工作队) is a hint, not a claim on the column.
        via_group = via_group or any(g.core in rule.group_aliases for g in groups)
    tier = rule.tiers.get(str(reasons[0].params.get("alias"))) if reasons[0].code == "why.alias" else None
    # The leaf without its parenthesised notes (常住人口（风普） → 常住人口): an alias of a tier then is that tier's
    # column whatever the note says; a word around it (负责居民户数) makes it another thing, not a tier.
    plain = read(_PARENTHESES.sub("", leaf.raw)).core if "(" in leaf.raw or "（" in leaf.raw else leaf.core
    word_tier = rule.tiers.get(plain, tier)
    return Candidate(rule.name, round(min(score, 1.0), 4), reasons, tier, via_group, word_tier)


def _evidence(rule: _Rule, leaf: Wording, groups: list[Wording],
              context: str) -> tuple[float, tuple[Message, ...], bool] | None:
    """The base score from aliases or terms, with its reasons and whether a group cell is part of it."""
    core = leaf.core
    rank = rule.aliases.get(core)
    grouped = False
    if rank is None:
        rank = next((rule.aliases[g.core + core] for g in groups if g.core + core in rule.aliases), None)
        grouped = rank is not None
    if rank is None and core in rule.leaf_aliases and any(g.core in rule.group_aliases for g in groups):
        rank = rule.leaf_aliases[core]
        grouped = True
    if rank is not None:
        return _ALIAS - 0.01 * min(rank, 5), (msg("why.alias", alias=core, rank=rank + 1),), grouped
    if core in rule.leaf_aliases and not groups:
        # 面积 alone may be this field or any room's area: suggested ("did you mean"), never used.
        return _LEAF_ALONE, (msg("why.leaf_alone", leaf=core),), False
    if not rule.terms:
        return None
    used, via_group = [], False
    for group in rule.terms:
        # "@area" in a group: the header's unit says it (最大单间（㎡） needs no 面积).
        word = next((w for w in group if w in core or (w[:1] == "@" and leaf.unit == w[1:])), None)
        if word is None:
            word = next((w for w in group if w[:1] != "@" and w in context), None)
            via_group = via_group or word is not None
        if word is None:
            return None
        used.append(word)
    leftover = _leftover(core + (context if via_group else ""), used, rule.fillers)
    if rule.whole and leftover:
        return None
    base = (_TERMS_WITH_GROUP if via_group else _TERMS_SCORE) - _PER_LEFTOVER * len(leftover)
    words = [w if w[:1] != "@" else msg(f"label.unit_kind.{w[1:]}") for w in used]
    reasons = (msg("why.terms", words=words),) + ((msg("why.unexplained", text=leftover),) if leftover else ())
    return base, reasons, via_group


def _leftover(text: str, used: list[str], fillers: tuple[str, ...]) -> str:
    """What the field's words do not explain: the fewest characters left when the text is cut into known
    words (村居委会 → 村 + 居委会, 乡镇街道 → 乡镇 + 街道), by dynamic programming over positions."""
    words = {*(w for w in used if w[:1] != "@"), *fillers}
    longest = max(map(len, words), default=0)
    # best[i] = (characters left unexplained in text[:i], where the last step started, whether that step
    # was one unexplained character). Back-pointers, not the strings themselves: a long cell (a 备注 of
    # 200,000 characters in a csv) would otherwise hold a string per position, quadratic memory.
    n = len(text)
    best: list[tuple[int, int, bool]] = [(0, 0, False)] + [(n + 1, 0, False)] * n
    for i in range(n):
        count = best[i][0]
        if count + 1 < best[i + 1][0]:
            best[i + 1] = (count + 1, i, True)
        for size in range(1, min(longest, n - i) + 1):
            if text[i:i + size] in words and count < best[i + size][0]:
                best[i + size] = (count, i, False)
    left: list[str] = []
    i = n
    while i > 0:
        _count, start, unexplained = best[i]
        if unexplained:
            left.append(text[start])
        i = start
    return _PUNCT.sub("", "".join(reversed(left)))


def _all_terms(terms: list[tuple[str, ...]], text: str) -> bool:
    return bool(terms) and all(any(w in text for w in group) for group in terms[:1])


def _unit_veto(rule: _Rule, leaf: Wording) -> Message | None:
    """Why the header's unit rules the field out, or None. A unit never *proves* a field, it only refutes."""
    unit = leaf.unit
    if unit is None or (rule.text and unit == "date"):
        return None
    if rule.yesno and unit == "yesno":
        return None
    if not rule.text and not rule.yesno and (rule.unit is None or unit == rule.unit):
        return None
    wanted = "text" if rule.text else rule.unit or "number"
    return msg("why.unit_veto", unit=msg(f"label.unit_kind.{unit}"), wanted=msg(f"label.unit_kind.{wanted}"))
