"""Errors that stop a command with exit code 2, each naming what cannot be used.

A bad *cell* is never an error: it becomes a finding with status ``invalid``.
These exceptions are for a whole file, sheet, standard or option that cannot be used. Each carries a
catalogue message (``code`` and ``params``, see ``messages``) and where it happened (file, sheet, cell,
YAML key); the CLI renders it in the user's language as one line on stderr.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from creatio_cli.messages import Message


class CreatioError(Exception):
    """Base of every user-facing error: a catalogue message plus its position."""

    exit_code = 2

    def __init__(self, code: str, params: Mapping[str, Any] | None = None, *, file: object = None,
                 sheet: str | None = None, cell: str | None = None, key: str | None = None) -> None:
        self.message = Message(code, dict(params or {}))
        self.file = None if file is None else str(file)
        self.sheet = sheet
        self.cell = cell
        self.key = key
        super().__init__(self.text("en"))

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def reason(self) -> Message:
        """The message without its position (a batch lists it under the file's name)."""
        return self.message

    def where(self) -> str:
        """``file [sheet] cell`` or ``file: key`` — whichever parts are known, as the user wrote them."""
        where = self.file or ""
        if self.sheet:
            where += f" [{self.sheet}]"
        if self.cell:
            where += f" {self.cell}"
        if self.key:
            where += f": {self.key}" if where else self.key
        return where

    def text(self, lang: str) -> str:
        """The one line for stderr: position, then the message in ``lang``."""
        where = self.where()
        body = self.message.render(lang)
        return f"{where}: {body}" if where else body

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The error as JSON data: code, params, message and position."""
        out = {**self.message.to_dict(), "message": self.message.render(lang)}
        out.update({k: v for k, v in (("file", self.file), ("sheet", self.sheet), ("cell", self.cell),
                                      ("key", self.key)) if v is not None})
        return out

    def __reduce__(self) -> tuple[object, ...]:  # picklable: a reader process sends it to its parent
        return (_rebuild, (type(self), self.message.code, dict(self.message.params), self.file, self.sheet,
                           self.cell, self.key))


def _rebuild(cls: type[CreatioError], code: str, params: dict[str, Any], file: str | None, sheet: str | None,
             cell: str | None, key: str | None) -> CreatioError:
    error = CreatioError.__new__(cls)
    CreatioError.__init__(error, code, params, file=file, sheet=sheet, cell=cell, key=key)
    return error


class UsageError(CreatioError):
    """An option or combination of options that cannot be used."""


class LedgerError(CreatioError):
    """A ledger file or sheet that cannot be used."""

    def __init__(self, path: object, code: str, params: Mapping[str, Any] | None = None, *,
                 sheet: str | None = None, cell: str | None = None) -> None:
        super().__init__(code, params, file=path, sheet=sheet, cell=cell)

    @property
    def path(self) -> str:
        return self.file or ""


class StandardError(CreatioError):
    """A standard (YAML) that cannot be used; ``key`` is the dotted YAML key path."""

    def __init__(self, path: object, code: str, params: Mapping[str, Any] | None = None, *,
                 key: str | None = None) -> None:
        super().__init__(code, params, file=path, key=key)

    @property
    def path(self) -> str:
        return self.file or ""


class OutputError(CreatioError):
    """An output path that cannot be written (e.g. it would overwrite an input)."""
