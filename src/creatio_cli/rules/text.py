"""How a rule says what it requires, in both languages: comparison words, units, numbers.

Every phrase is a catalogue message (``messages/rules.py``) whose numbers are the rule's own parameters,
so a standard that tightens a threshold changes every sentence that states it: the indicator's title,
``standards show`` and the notice. Rules name fields; the titles and units come from the standard's
field specs, passed in as ``fields`` (anything with ``title``, ``unit`` and ``type``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from creatio_cli.messages import Localized, Message, msg

# (op, percent field) → the catalogue word. Percent fields say 不低于/不高于 (a level), others 不少于/不超过 (a
# quantity), as notices and standards write them.
_WORDS = {
    (">=", False): "rule.op.at_least", (">", False): "rule.op.more_than", ("<=", False): "rule.op.at_most",
    ("<", False): "rule.op.less_than", ("==", False): "rule.op.exactly",
    (">=", True): "rule.op.not_below", (">", True): "rule.op.above", ("<=", True): "rule.op.not_above",
    ("<", True): "rule.op.below", ("==", True): "rule.op.exactly",
}
_CJK = re.compile(r"[\u3400-\u9fff]")
_PERCENT = ("%", "％")


class FieldLike(Protocol):
    """What a rule's text needs of a field: the standard's FieldSpec fits (read-only, so its Literal
    ``type`` and frozen fields match)."""

    @property
    def title(self) -> Localized: ...

    @property
    def unit(self) -> str | None: ...

    @property
    def type(self) -> str: ...


def word(op: str, percent: bool) -> Message:
    """不少于 / at least (and the other comparisons)."""
    return msg(_WORDS.get((op, percent), "rule.op.at_least"))


def is_percent(fields: Mapping[str, FieldLike], name: str) -> bool:
    spec = fields.get(name)
    return spec is not None and (spec.type == "percent" or (spec.unit or "") in _PERCENT)


def field_title(fields: Mapping[str, FieldLike], name: str) -> Localized | str:
    """The field's title (bilingual), or its name when the standard does not declare it."""
    spec = fields.get(name)
    return spec.title if spec is not None else name


def unit_of(fields: Mapping[str, FieldLike], name: str) -> Unit:
    spec = fields.get(name)
    return Unit(spec.unit if spec is not None else None)


@dataclass(frozen=True, slots=True)
class Unit:
    """A field's unit as each language writes it after a number: ``8个`` / ``8``, ``30㎡`` / ``30 ㎡``.

    English drops a Chinese counter (个, 次, 户, 人): "at least 8", never "at least 8个".
    """

    text: str | None

    def get(self, lang: str) -> str:
        unit = "%" if self.text in _PERCENT else (self.text or "")
        if lang != "en":
            return unit
        return "" if not unit or _CJK.search(unit) else f" {unit}"


def number(value: float) -> str:
    """A parameter as written in a standard: 30.0 → "30", 0.5 → "0.5" (never "30.0")."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"


def amount(value: float) -> str:
    """A computed amount (required, actual, gap), one decimal at most: 741.93 → "741.9", 558.0 → "558"."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}"


def template_value(value: float) -> int | float:
    """A parameter for a title template: an int when whole, so ``{value}`` prints 8, not 8.0."""
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


_ARABIC = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.])")
_YEAR = re.compile(r"^\d{4}$")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千]+")


def arabic_numbers(text: str) -> set[float]:
    """Numbers written in digits that could be a requirement: dates (2022年, 6月30日, 2016-2020) and
    ordinals (第3项) left out — they place a text in time or order, they do not require anything."""
    out = set()
    for match in _ARABIC.finditer(text):
        digits = match.group(1).replace(",", "")
        after = text[match.end():match.end() + 1]
        before = text[max(0, match.start() - 1):match.start()]
        if after in ("年", "月", "日", "号") or before == "第":
            continue
        if _YEAR.match(digits) and (after in ("-", "—", "–", "）", ")") or before in ("-", "—", "–", "（", "(")):
            continue
        out.add(float(digits))
    return out


def chinese_numbers(text: str) -> set[float]:
    """Numbers written in Chinese numerals (六个功能室, 十二次), up to 9999."""
    out = set()
    for run in _CN_RUN.findall(text):
        total, current = 0, 0
        for char in run:
            if char in _CN_DIGITS:
                current = _CN_DIGITS[char]
            else:
                total += (current or 1) * _CN_UNITS[char]
                current = 0
        out.add(float(total + current))
    return out


@dataclass(frozen=True, slots=True)
class MidSentence:
    """A title used inside an English sentence: "at least 60 % of community service facility floor area"."""

    text: Any  # Localized or str

    def get(self, lang: str) -> str:
        from creatio_cli.messages import param_text

        value = param_text(self.text, lang)
        if lang != "en" or not value or (len(value) > 1 and value[1].isupper()):
            return value
        return value[0].lower() + value[1:]
