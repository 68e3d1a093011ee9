"""Display words of the reports, all from the message catalogue (``messages/labels.py``, ``label.<key>``).

Renderers never write a word of their own: a column header, a heading, a status, yes/no or a unit is a
label looked up here in the user's language. JSON keys never go through here (they are always English).
"""

from __future__ import annotations

from typing import Any

from creatio_cli.errors import UsageError
from creatio_cli.messages import CATALOGUE, LANGS, render

__all__ = ["LANGS", "check_lang", "labels", "phrase", "t", "unit", "with_unit", "yes_no"]


def check_lang(lang: str | None) -> str:
    """``lang`` normalised to a supported language; anything else is a usage error (exit 2).

    Here, at the edge, and not in ``messages``: the catalogue stays below the errors that carry its messages.
    """
    norm = (lang or "zh").strip().lower()
    if norm not in LANGS:
        raise UsageError("option.lang", {"value": lang})
    return norm


def t(key: str, lang: str = "zh") -> str:
    """The display label of ``key`` in ``lang`` (catalogue code ``label.<key>``); an unknown key is a
    programming error (KeyError)."""
    zh, en = CATALOGUE[f"label.{key}"]
    return en if lang == "en" else zh


def labels(keys: tuple[str, ...] | list[str], lang: str) -> list[str]:
    """:func:`t` for several keys at once, in order."""
    return [t(k, lang) for k in keys]


def phrase(key: str, lang: str, **params: Any) -> str:
    """A label with placeholders (``label.assessed_of`` …), its params rendered as the catalogue does."""
    return render(f"label.{key}", lang, **params)


def unit(text: str | None, lang: str) -> str:
    """A standard's unit for display: ``次`` → ``times`` in English (``label.unit.<unit>``); a unit with no
    entry (㎡, %) is shown as written. The JSON report keeps the standard's own unit."""
    if not text:
        return ""
    entry = CATALOGUE.get(f"label.unit.{text}")
    if entry is None:
        return text
    return entry[1] if lang == "en" else entry[0]


def with_unit(number: str, unit_text: str | None, lang: str) -> str:
    """``138.5 ㎡``, ``2 times``; the number alone when it is empty or has no unit."""
    shown = unit(unit_text, lang)
    return f"{number} {shown}" if number and shown else number


def yes_no(value: Any, lang: str) -> Any:
    """True/False as 是/否 (yes/no); any other value unchanged."""
    if value is True:
        return t("yes", lang)
    if value is False:
        return t("no", lang)
    return value
