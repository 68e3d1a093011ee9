"""Display labels for zh (default) and en, from the message catalogue (``messages/labels.py``); JSON keys
never go through here (they are always English)."""

from __future__ import annotations

from creatio_cli.messages import CATALOGUE, LANGS, check_lang

__all__ = ["LANGS", "check_lang", "labels", "t"]


def t(key: str, lang: str = "zh") -> str:
    """The display label of ``key`` in ``lang`` (catalogue code ``label.<key>``); an unknown key is a
    programming error (KeyError)."""
    zh, en = CATALOGUE[f"label.{key}"]
    return en if lang == "en" else zh


def labels(keys: tuple[str, ...] | list[str], lang: str) -> list[str]:
    """:func:`t` for several keys at once, in order."""
    return [t(k, lang) for k in keys]
