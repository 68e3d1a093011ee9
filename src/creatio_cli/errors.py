"""Errors that stop a command with exit code 2, each naming what cannot be used.

A bad *cell* is never an error: it becomes a finding with status ``invalid``.
These exceptions are for a whole file, sheet, standard or option that cannot be used.
"""

from __future__ import annotations


class CreatioError(Exception):
    """Base of every user-facing error; ``str()`` is the one-line message for stderr."""

    exit_code = 2


class UsageError(CreatioError):
    """An option or combination of options that cannot be used."""


class LedgerError(CreatioError):
    """A ledger file or sheet that cannot be used."""

    def __init__(self, path: object, reason: str, sheet: str | None = None, cell: str | None = None) -> None:
        self.path = str(path)
        self.sheet = sheet
        self.cell = cell
        self.reason = reason
        super().__init__(self._message())

    def __reduce__(self) -> tuple[object, ...]:  # picklable: a reader process sends it to its parent
        return (type(self), (self.path, self.reason, self.sheet, self.cell))

    def _message(self) -> str:
        where = self.path
        if self.sheet:
            where += f" [{self.sheet}]"
        if self.cell:
            where += f" {self.cell}"
        return f"{where}: {self.reason}"


class StandardError(CreatioError):
    """A standard (YAML) that cannot be used; ``key`` is the dotted YAML key path."""

    def __init__(self, path: object, reason: str, key: str | None = None) -> None:
        self.path = str(path)
        self.key = key
        self.reason = reason
        where = f"{self.path}: {key}" if key else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.reason, self.key))


class OutputError(CreatioError):
    """An output path that cannot be written (e.g. it would overwrite an input)."""
