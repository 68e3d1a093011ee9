"""Subcommands built on first use, so `creatio --help` and each command start without the others.

Typer builds a command by reading its function's signature (every option, its type, its help). Built
eagerly, all eight commands cost more than the rest of `creatio --help` together, and every `check`
paid for `notices` and `bulletin` too. This group knows each command's module and one-line summary;
the root help is written from the summaries, and a command is imported and built only when it runs or
shows its own help. `tests/test_cli_lazy.py` holds each summary to the command's own docstring.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class LazyCommand:
    """Where a subcommand lives (``creatio_cli.cli.<module>``, whose ``register(app)`` adds it) and its summary."""

    module: str
    summary: str


def build_command(name: str, spec: LazyCommand) -> Any:
    """Import the command's module and build its Click command with the root's settings."""
    module = importlib.import_module(f"creatio_cli.cli.{spec.module}")
    holder = typer.Typer(rich_markup_mode=None, add_completion=False, pretty_exceptions_enable=False)
    holder.callback()(_no_options)  # with a callback Typer always builds a group, even for one command
    module.register(holder)
    return typer.main.get_command(holder).commands[name]  # type: ignore[attr-defined]


def _no_options() -> None:
    """A group callback with nothing to do."""


class _Commands(MutableMapping[str, Any]):
    """The group's command table: names known up front, each command built when first looked up."""

    def __init__(self, specs: dict[str, LazyCommand]) -> None:
        self._specs = specs
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._specs:
                raise KeyError(name)
            self._built[name] = build_command(name, self._specs[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._built.pop(name, None)
        self._specs.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._specs
        yield from (name for name in self._built if name not in self._specs)

    def __len__(self) -> int:
        return len(set(self._specs) | set(self._built))


class LazyGroup(TyperGroup):
    """A Typer group whose subcommands (``COMMANDS``, set by the subclass) are built on first use."""

    COMMANDS: ClassVar[dict[str, LazyCommand]] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        table = _Commands(dict(self.COMMANDS))
        for name, command in dict(self.commands).items():  # any added eagerly (none today) stay
            table[name] = command
        self.commands = table

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command's name, in the table's order, without building any."""
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command, built now if this is its first use; None for an unknown name."""
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The root help's command list, from the summaries: no command is built to list it."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            spec = self.COMMANDS.get(name)
            command = TyperCommand(name=name, help=spec.summary) if spec else self.commands[name]
            rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)
