"""The standard as pydantic models: fields, indicators with their rules, scoring, schedule.

Every model forbids unknown keys so a typo in a YAML standard is refused at load time with
its key path (yamllint's habit: validate configuration loudly, before any data is read).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from creatio_cli.rules.kinds import Rule

#: Fields a ledger may have that describe a community without being assessed (Standard.context_fields).
CONTEXT_FIELDS: tuple[str, ...] = ("partner",)

FieldType = Literal["number", "percent", "yesno", "count", "date", "text"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Text(Strict):
    """A label in Chinese with an optional English gloss; YAML may give a plain string (Chinese)."""

    zh: str
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, value: object) -> object:
        return {"zh": value} if isinstance(value, str) else value

    def get(self, lang: str) -> str:
        """The label in ``lang``: English falls back to the Chinese when no gloss is given."""
        return (self.en or self.zh) if lang == "en" else self.zh


class FieldSpec(Strict):
    """A canonical ledger field and how offices word its header (see ``ledger/matcher.py``).

    ``aliases`` are exact wordings (an earlier one scores a little higher). ``precedence`` settles two
    columns that both are exact aliases: tiers of aliases, an alias of an earlier tier beats one of a later
    tier (domain: ``[[常住户数, 居民户数], [总户数, 户籍户数]]``); any other pair is ambiguous and the user
    decides with ``--map``. ``terms`` describe the concept for wordings nobody
    listed: every group must be present (any one word of it), e.g. ``[[综合服务设施, 党群服务中心],
    [面积, 用房]]``. ``exclude`` words mark look-alikes (新增志愿者人数 is not the registered volunteers);
    ``fillers`` are words that add nothing (本年, 数量); with ``whole``, a header must consist of the terms
    and fillers only (社区居委会名称 is the community; 社区综合服务设施 is not). In ``extends``, these lists
    are added to the inherited ones; ``replace: [aliases, …]`` on a field replaces them instead.
    """

    title: Text
    type: FieldType
    unit: str | None = None
    aliases: list[str] = Field(default_factory=list)
    # Tiers of aliases: with two exact-alias columns, the earlier tier's is used (replaced, not added, by extends).
    precedence: list[list[str]] = Field(default_factory=list)
    # Header of a group cell above the leaf (two-row headers: 社区综合服务设施 / 总面积).
    group_aliases: list[str] = Field(default_factory=list)
    # Leaf names that count only under one of group_aliases (总面积 alone is ambiguous).
    leaf_aliases: list[str] = Field(default_factory=list)
    terms: list[list[str]] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    # Words of a sheet title that make this field's plain wording count something else (城市低保基本情况统计 /
    # 户数 counts 低保 households, not the community's).
    title_exclude: list[str] = Field(default_factory=list)
    fillers: list[str] = Field(default_factory=list)
    whole: bool = False
    # A total (households, population): a column worded 其中… (of which) is a part of the column before
    # it — 其中：户籍人口 under 总人口 — and never this field.
    total: bool = False
    required: bool = False
    # A percent field computed as 100 × numerator / denominator when its own column is absent or blank.
    derive_from: tuple[str, str] | None = None
    # Values that may be negative (none of the shipped fields); areas and counts may not.
    allow_negative: bool = False
    # Whether a cell may say "not applicable" (`/`, `—`, `不涉及` …) and so take the community out of the
    # indicators that read it. Unset: yes, unless another rule takes the field as its basis (the households of
    # a per-household rule, the whole of a share, a derived share's denominator): a community's households,
    # population or service area cannot be "not applicable". ``false``: never (a figure every community has);
    # ``true``: always, even as a basis. A refused `/` is read as an invalid cell (``cell.na_refused``).
    allow_not_applicable: bool | None = None
    # A percent field's lowest plausible value for a community (satisfaction: 50). A column whose every
    # value lies in (1, 10] is then a score out of 10 or 5 (9.5, 8.8, 4.8), not per cents: its cells are
    # invalid (``cell.percent_score_scale``), never "short by 80 %". Unset: no such test (a volunteer share
    # of 5–8 % is real).
    typical_min: float | None = Field(default=None, gt=10, le=100)

    @model_validator(mode="after")
    def _precedence_names_aliases(self) -> FieldSpec:
        """Every wording of ``precedence`` is one of the field's ``aliases`` (a tier of unknown wordings
        would silently order nothing)."""
        for tier in self.precedence:
            for name in tier:
                if name not in self.aliases:
                    raise PydanticCustomError("standard.precedence_not_alias", "not an alias", {"name": name})
        return self


class Basis(Strict):
    """Where a threshold comes from; ``confidence`` marks local or placeholder numbers."""

    document: str
    ref: str | None = None
    clause: str | None = None
    year: int | None = None
    confidence: Literal["high", "medium", "low", "local", "placeholder"] = "high"
    note: str | None = None

    def cite(self) -> str:
        parts = [f"《{self.document}》" if not self.document.startswith("《") else self.document]
        if self.ref:
            parts.append(f"（{self.ref}）")
        if self.clause:
            parts.append(self.clause)
        return "".join(parts)


class Condition(Strict):
    """``applies_when``: the indicator applies only to communities where this holds."""

    field: str
    op: Literal[">=", ">", "<=", "<", "==", "!=", "in", "not_in"] = ">="
    value: float | str | list[float | str]


class Indicator(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]
    title: Text
    category: Text
    points: float = Field(ge=0)
    department: str
    basis: Basis
    deadline: date | None = None
    applies_when: Condition | None = None
    credit: Literal["all_or_nothing", "proportional"] | None = None
    rule: Rule

    @model_validator(mode="after")
    def _title_names_the_rule(self) -> Indicator:
        """A title template's braces must pair. A placeholder the rule lacks is only a warning
        (``wording.title_problems``): an extension may replace a rule under an inherited title, which then
        reads the rule's own words instead."""
        from creatio_cli.standards.wording import placeholders

        for template in (self.title.zh, self.title.en):
            if template is None:
                continue
            try:
                placeholders(template)
            except ValueError:
                raise PydanticCustomError("standard.title_bad_template", "unbalanced braces in the title") from None
        return self


class Grade(Strict):
    """A grade band: a community whose completion (percent) is at least ``min`` gets ``label``."""

    min: float = Field(ge=0, le=100)
    label: Text


class Scoring(Strict):
    credit: Literal["all_or_nothing", "proportional"] = "all_or_nothing"
    grades: list[Grade] = Field(default_factory=list)

    @field_validator("grades")
    @classmethod
    def _sorted_desc(cls, grades: list[Grade]) -> list[Grade]:
        """The bands, highest first, covering every completion from 0 %.

        Sorted, not refused when unsorted: a band means "completion ≥ min gets label", so the band a
        community falls in (the highest min it reaches) is the same whatever order the YAML lists them in.
        Refused: two bands of one ``min`` (which label? ambiguous) and a lowest band above 0 (completions
        under it would get no grade at all). No grades at all is allowed: the report then has none.
        """
        first: dict[float, int] = {}
        for n, grade in enumerate(grades):
            if grade.min in first:
                raise PydanticCustomError("standard.grade_min_twice", "two bands of one min",
                                          {"min": grade.min, "at": (n, "min")})
            first[grade.min] = n
        if grades and min(first) > 0:
            lowest = min(first)
            raise PydanticCustomError("standard.grades_no_floor", "no band down to 0",
                                      {"lowest": lowest, "at": (first[lowest], "min")})
        return sorted(grades, key=lambda g: -g.min)


class Schedule(Strict):
    """The campaign period; unset dates default to the calendar year of as-of."""

    start: date | None = None
    deadline: date | None = None
    convention: Literal["day", "month"] = "day"

    @model_validator(mode="after")
    def _deadline_after_start(self) -> Schedule:
        """A campaign ending before it starts has no 序时进度. Only when both dates are given: a missing one
        defaults from as-of (api.campaign), and ``--start``/``--deadline`` may replace either."""
        if self.start is not None and self.deadline is not None and self.deadline < self.start:
            raise PydanticCustomError("standard.deadline_before_start", "deadline before start",
                                      {"start": self.start.isoformat(), "deadline": self.deadline.isoformat(),
                                       "at": ("deadline",)})
        return self


class Waiver(Strict):
    """An indicator an office has excused for one community (e.g. under a 一居一策 plan)."""

    community: str
    street: str | None = None
    district: str | None = None
    indicators: list[str]
    reason: str


class Standard(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Text
    version: str
    description: Text | None = None
    fields: dict[str, FieldSpec]
    indicators: list[Indicator] = Field(default_factory=list)
    scoring: Scoring = Field(default_factory=Scoring)
    schedule: Schedule = Field(default_factory=Schedule)
    waivers: list[Waiver] = Field(default_factory=list)
    # An office's own headers: header (leaf, or group/leaf) → field, or null for "not a field" (--mapping's shape).
    columns: dict[str, str | None] = Field(default_factory=dict)

    # Set by the loader, not read from YAML: the title of the first standard of the ``extends`` chain that
    # declares indicators (what a notice cites, never a user extension's title), and the file read.
    _basis_title: Text | None = PrivateAttr(default=None)
    _source: str | None = PrivateAttr(default=None)
    # assessable() per set of mapped fields: a batch of 300 ledgers of one office has one or two such sets.
    _assessable: dict[frozenset[str], list[str]] = PrivateAttr(default_factory=dict)

    @property
    def basis_title(self) -> Text:
        """The document this standard's indicators come from: the root of its ``extends`` chain that
        declares indicators (``liugeyi-sidabiao`` for a district's extension of it), else its own title."""
        return self._basis_title or self.title

    @property
    def source(self) -> str | None:
        """The YAML file this standard was loaded from (None when built in code)."""
        return self._source

    def heading(self, ind: Indicator) -> Text:
        """The indicator's title with its rule's numbers filled in (standards/wording.py)."""
        from creatio_cli.standards.wording import render_title

        return render_title(ind.title, ind.rule, self.fields)

    @model_validator(mode="after")
    def _references_exist(self) -> Standard:
        """Every field a rule, condition or derivation names must be declared."""
        for key in ("district", "street", "community"):
            if key not in self.fields:
                raise PydanticCustomError("standard.identity_field_required", "identity field", {"field": key})
        seen: set[str] = set()
        for ind in self.indicators:
            if ind.id in seen:
                raise PydanticCustomError("standard.indicator_twice", "duplicate id", {"id": ind.id})
            seen.add(ind.id)
            names = list(ind.rule.fields())
            if ind.applies_when:
                names.append(ind.applies_when.field)
            for name in names:
                if name not in self.fields:
                    raise _unknown_field(("standard.indicator_unknown_field", "standard.indicator_unknown_field_suggest"),
                                         name, self.fields,
                                         {"id": ind.id, "field": name})
        for name, spec in self.fields.items():
            for ref in spec.derive_from or ():
                if ref not in self.fields:
                    raise _unknown_field(("standard.derive_unknown_field", "standard.derive_unknown_field_suggest"),
                                         ref, self.fields, {"field": name, "ref": ref})
        for header, target in self.columns.items():
            if target is not None and target not in self.fields:
                raise _unknown_field(("standard.column_unknown_field", "standard.column_unknown_field_suggest"),
                                     target, self.fields,
                                     {"header": header, "field": target})
        for waiver in self.waivers:
            for ind_id in waiver.indicators:
                if ind_id not in seen:
                    raise PydanticCustomError("standard.waiver_unknown_indicator", "unknown indicator",
                                              {"id": ind_id})
        return self

    @model_validator(mode="after")
    def _no_negative_thresholds(self) -> Standard:
        """A field that cannot be negative (areas, counts, percents: every field without ``allow_negative``)
        compared with a negative number is met by every community (``>= -8``) or by none (``<= -8``): a
        typo, not a requirement. The same for a condition of ``applies_when``."""
        for n, ind in enumerate(self.indicators):
            compared = [(("rule", *key), name, value) for key, name, value in ind.rule.compared()]
            if ind.applies_when is not None:
                cond = ind.applies_when
                values = cond.value if isinstance(cond.value, list) else [cond.value]
                compared += [(("applies_when", "value", *((i,) if isinstance(cond.value, list) else ())),
                              cond.field, v) for i, v in enumerate(values) if isinstance(v, (int, float))]
            for key, name, value in compared:
                spec = self.fields.get(name)
                if value < 0 and spec is not None and not spec.allow_negative:
                    raise PydanticCustomError("standard.negative_threshold", "negative threshold",
                                              {"field": name, "value": value, "at": ("indicators", n, *key)})
        return self

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def assessable(self, mapped: set[str]) -> list[str]:
        """Ids of the indicators a ledger with columns for the ``mapped`` fields can assess.

        Each rule is evaluated on a few rows of readable cells, unmapped fields marked so; derived
        fields count when their inputs are mapped. any_of needs one assessable part, all_of every part.
        """
        key = frozenset(mapped)
        if key not in self._assessable:
            self._assessable[key] = self._probe_assessable(key)
        return list(self._assessable[key])

    def _probe_assessable(self, mapped: frozenset[str]) -> list[str]:
        import numpy as np

        from creatio_cli.rules.base import Columns
        from creatio_cli.status import CELL_OK, CELL_UNMAPPED, UNASSESSED

        available = set(mapped) | {name for name, spec in self.fields.items()
                                   if spec.derive_from and all(part in mapped for part in spec.derive_from)}
        # Four rows of readable values (very small, 0, 1, very large): a part of an any_of that is present
        # can then be met, whichever way its comparison goes.
        probe = np.array([-1e12, 0.0, 1.0, 1e12])
        states = {name: np.full(len(probe), CELL_OK if name in available else CELL_UNMAPPED, dtype=np.int8)
                  for name in self.fields}
        cols = Columns(values=dict.fromkeys(self.fields, probe), states=states, rows=len(probe),
                       expected_progress=0.5)
        with np.errstate(all="ignore"):  # the probe's gaps mean nothing
            return [ind.id for ind in self.indicators if (ind.rule.evaluate(cols).status != UNASSESSED).any()]

    def used_fields(self) -> list[str]:
        """Fields the indicators read, in declaration order (plus the identity fields)."""
        used = {"district", "street", "community"}
        for ind in self.indicators:
            used.update(ind.rule.fields())
            if ind.applies_when:
                used.add(ind.applies_when.field)
        for name in list(used):
            used.update(self.fields[name].derive_from or ())
        return [name for name in self.fields if name in used]

    def basis_fields(self) -> set[str]:
        """Fields some rule takes as the basis its requirement is computed from (``per``, ``of``, ``by``)
        or that a derived share divides by."""
        out = {name for ind in self.indicators for name in ind.rule.basis_fields()}
        return out | {spec.derive_from[1] for spec in self.fields.values() if spec.derive_from}

    def allows_not_applicable(self, name: str) -> bool:
        """Whether a `/` (not applicable) in ``name``'s cells is read as such (see ``FieldSpec``); when not,
        the cell is invalid: a basis or a figure every community has cannot be waived by a dash."""
        spec = self.fields[name]
        if spec.allow_not_applicable is not None:
            return spec.allow_not_applicable
        return name not in self.basis_fields()

    def context_fields(self) -> list[str]:
        """Fields read when a ledger has a column for them, never needed: no indicator reads them, so a
        ledger without the column has nothing unassessed and no "not found" warning.

        Today the partner unit (帮扶单位 / 包联单位 …, field ``partner``): ``score`` ranks partner units and a
        notice may copy (抄送) the community's partner (domain.md, Ankang seed)."""
        used = set(self.used_fields())
        return [name for name in CONTEXT_FIELDS if name in self.fields and name not in used]


def _unknown_field(codes: tuple[str, str], name: str, fields: Mapping[str, Any],
                   params: dict[str, Any]) -> PydanticCustomError:
    """The error for a reference to an undeclared field, with the nearest declared one as a did-you-mean
    (``function_room`` → ``function_rooms``), as unknown keys get (``standards/validation.py``). ``codes``:
    the message without and with the suggestion."""
    import difflib

    near = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
    if near:
        return PydanticCustomError(codes[1], "unknown field", {**params, "suggestion": near[0]})
    return PydanticCustomError(codes[0], "unknown field", params)
