"""Everything creatio says to a person, in one catalogue: a code, and a template in each language.

Why a catalogue of codes and not gettext: the JSON contract carries each warning and error as a stable,
language-neutral ``code`` with its ``params`` (design.md, "Additions"), so the code — not an English
source sentence, which is gettext's key — must be the identity of a message. The catalogue is plain
Python data (``errors.py``, ``warnings.py``, ``notes.py``, ``labels.py``, and ``history.py`` for the history
file and its charts): two languages, no compile step,
nothing to install, and the tests check it as code (every code has both templates with the same
placeholders; every code the source uses exists). Babel/gettext would add ``.po`` → ``.mo`` builds for
the same two languages and still need this code layer on top.

Rules that keep the text true:

- the core builds :class:`Message` values (code + params) and never chooses a language; rendering
  happens only at the edges (CLI, renderers), with :meth:`Message.render`;
- user data — paths, community names, headers, YAML keys, raw cell text — is a parameter and is
  inserted verbatim, never translated;
- a parameter may itself be bilingual (anything with ``get(lang)``, such as a standard's ``Text``) or
  another Message; lists are joined the way each language joins them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Protocol, runtime_checkable

from creatio_cli.messages import errors, history, labels, notes, rules, warnings

LANGS: tuple[str, ...] = ("zh", "en")

#: code → (zh template, en template). Templates use ``str.format`` fields named after the params.
CATALOGUE: dict[str, tuple[str, str]] = {}
for _part in (errors.MESSAGES, warnings.MESSAGES, notes.MESSAGES, labels.MESSAGES, rules.MESSAGES, history.MESSAGES):
    _clash = set(_part) & set(CATALOGUE)
    if _clash:  # pragma: no cover - a programming error, caught by the catalogue test at once
        raise RuntimeError(f"message codes defined twice: {sorted(_clash)}")
    CATALOGUE.update(_part)


@runtime_checkable
class Localized(Protocol):
    """A value with a text per language (a standard's ``Text``; a :class:`Message`)."""

    def get(self, lang: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Message:
    """A message to render later: its catalogue ``code`` and the values of its placeholders."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``); an unknown code is a programming error (KeyError)."""
        zh, en = CATALOGUE[self.code]
        template = en if lang == "en" else zh
        return template.format_map({k: param_text(v, lang, k) for k, v in self.params.items()})

    def get(self, lang: str) -> str:
        """Same as :meth:`render`, so a Message can be a parameter or a title anywhere text is expected."""
        return self.render(lang)

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "params"}`` — the language-neutral form the JSON report carries."""
        return {"code": self.code, "params": {k: jsonable(v) for k, v in self.params.items()}}


def os_reason(exc: OSError) -> Message:
    """An operating-system error as a catalogue message (the OS's own text is English, or the console's)."""
    import errno

    names = {errno.EACCES: "os.permission_denied", errno.EPERM: "os.permission_denied",
             errno.ENOSPC: "os.disk_full", errno.EROFS: "os.read_only", errno.ENOENT: "os.not_found",
             errno.EISDIR: "os.is_directory", errno.ENOTDIR: "os.not_directory", errno.EBUSY: "os.busy",
             errno.ENAMETOOLONG: "os.name_too_long", errno.EDQUOT: "os.disk_full", errno.EFBIG: "os.file_too_large",
             errno.EBADF: "os.closed"}
    code = names.get(exc.errno or -1)
    if code is not None:
        return Message(code)
    return Message("os.error", {"errno": errno.errorcode.get(exc.errno or -1, str(exc.errno))})


class HeaderRef(str):
    """A column's header as a parameter: ``E「居民户数」0.92`` in Chinese, ``E “居民户数” 0.92`` in English
    (corner brackets are Chinese punctuation). A str of its Chinese form, so the JSON params keep the text
    they always had; :func:`param_text` renders it in the message's language."""

    cell: str
    header: str
    score: float | None
    lookalike: str | None  # the look-alike word that kept the column from the field (no score then)

    def __new__(cls, cell: str, header: str, score: float | None = None, lookalike: str | None = None) -> HeaderRef:
        text = (f"{cell}「{header}」{'' if score is None else f'{score:.2f}'}" if lookalike is None
                else CATALOGUE["label.header_lookalike"][0].format(cell=cell, header=header, word=lookalike))
        self = super().__new__(cls, text)
        self.cell, self.header, self.score, self.lookalike = cell, header, score, lookalike
        return self

    def __getnewargs__(self) -> tuple[str, str, float | None, str | None]:  # type: ignore[override]
        return self.cell, self.header, self.score, self.lookalike

    def get(self, lang: str) -> str:
        if lang != "en":
            return str(self)
        if self.lookalike is not None:
            return CATALOGUE["label.header_lookalike"][1].format(cell=self.cell, header=self.header, word=self.lookalike)
        score = "" if self.score is None else f" {self.score:.2f}"
        return f"{self.cell} “{self.header}”{score}".strip()


def msg(code: str, **params: Any) -> Message:
    """Shorthand: ``msg("file.not_found")``."""
    return Message(code, params)


def render(code: str, lang: str, **params: Any) -> str:
    """Render a catalogue entry at once (for labels and headings at the edges)."""
    return Message(code, params).render(lang)


# Parameters that are positions, not quantities: never written with thousands separators.
_POSITIONS = frozenset({"row", "first_row", "line", "first", "column", "index", "year", "rank"})


def param_text(value: Any, lang: str, name: str = "") -> str:
    """A parameter as text in ``lang``: data verbatim, bilingual values in ``lang``, lists joined; a large
    quantity grouped by thousands (2,000,000), a position (row 12345) never."""
    if isinstance(value, HeaderRef):
        return value.get(lang)
    if isinstance(value, str):
        return value
    if isinstance(value, Message) or (isinstance(value, Localized) and not isinstance(value, Mapping)):
        return value.get(lang)
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, bool):
        return render("label.yes" if value else "label.no", lang)
    if isinstance(value, int) and abs(value) >= 10_000 and name not in _POSITIONS:
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return ("、" if lang == "zh" else ", ").join(param_text(v, lang) for v in items)
    if value is None:
        return "—"
    return str(value)


def jsonable(value: Any) -> Any:
    """A parameter as a language-neutral JSON value (bilingual values keep both languages)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Localized):
        return {lang: value.get(lang) for lang in LANGS}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    return str(value)


def placeholders(template: str) -> set[str]:
    """The named fields of a template (for the catalogue's parity test)."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
