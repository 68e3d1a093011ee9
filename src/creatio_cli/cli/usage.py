"""The command-line parser's refusals (Typer's vendored Click) as creatio's own messages.

The parser raises ``UsageError`` and its subclasses — an unknown option or command, an option without
its value, a value out of range or not a number, a missing argument — with English text of its own
shape (``Usage: …`` / ``Error: …``). The runner catches them and prints what :func:`describe` returns:
one catalogue message in the user's language, naming the option, the value and what it must be, and
the hint line ("Try 'creatio check --help' for help."), exit 2 as before. The parser keeps most of
what it knew as attributes (``option_name``, ``possibilities``, ``param``, the pydantic error behind a
bad value); the rest is read from its message. A kind not recognised here keeps the parser's own
English text (``usage.other``): nothing the parser said is lost.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from typer.core import TyperGroup

try:  # recent Typer vendors Click as typer._click; older releases use Click itself (pyproject: typer>=0.12)
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - exercised only with an older Typer installed
    from click import exceptions as click_errors  # type: ignore[no-redef]

from creatio_cli.messages import Message, msg

_NO_SUCH_COMMAND = re.compile(r"^No such command (?P<name>'.*'|\".*\")\.")
_EXTRA = re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", re.S)
_NEEDS = re.compile(r"requires (?:an argument|(?P<count>\d+) arguments)\.$")
_NO_VALUE = re.compile(r"does not take a value\.$")


def describe(exc: click_errors.UsageError, root: Any, args: Sequence[str]) -> tuple[Message, Message]:
    """The error and the hint line for a usage error raised while parsing ``args`` for ``root``."""
    command = exc.ctx.command if exc.ctx is not None else None
    path = exc.ctx.command_path if exc.ctx is not None else None
    if command is None or path is None:  # the parser raised it without its context (an option's value)
        command, path = _walk(root, args)
    try:
        message = _message(exc, command)
    except Exception:  # the parser's internals changed: its own text rather than a traceback
        message = msg("usage.other", detail=exc.format_message())
    return message, msg("usage.hint", command=path)


def _message(exc: click_errors.UsageError, command: Any) -> Message:
    text = exc.format_message()
    if isinstance(exc, click_errors.NoSuchOption):
        if exc.possibilities:
            return msg("usage.no_such_option_suggest", option=exc.option_name, suggestions=sorted(exc.possibilities))
        return msg("usage.no_such_option", option=exc.option_name)
    if isinstance(exc, click_errors.BadOptionUsage):
        needs = _NEEDS.search(exc.message)
        if needs and needs["count"]:
            return msg("usage.option_needs_values", option=exc.option_name, count=int(needs["count"]))
        if needs:
            metavar = _metavar(command, exc.option_name)
            if metavar:
                return msg("usage.option_needs_value_metavar", option=exc.option_name, metavar=metavar)
            return msg("usage.option_needs_value", option=exc.option_name)
        if _NO_VALUE.search(exc.message):
            return msg("usage.option_takes_no_value", option=exc.option_name)
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        if exc.param.param_type_name == "argument":
            return msg("usage.missing_argument", name=_argument_name(exc.param))
        return msg("usage.missing_option", option=_option_name(exc.param))
    if isinstance(exc, click_errors.BadParameter) and exc.param is not None:
        bad = _bad_value(exc)
        if bad is not None:
            return bad
    if type(exc) is click_errors.UsageError:
        found = _NO_SUCH_COMMAND.match(exc.message)
        if found and isinstance(command, TyperGroup) and exc.ctx is not None:
            return _no_such_command(found["name"][1:-1], list(command.list_commands(exc.ctx)))
        extra = _EXTRA.match(exc.message)
        if extra:
            return msg("usage.extra_arguments", args=extra["args"])
    return msg("usage.other", detail=text)


def _no_such_command(name: str, commands: list[str]) -> Message:
    close = difflib.get_close_matches(name, commands)
    if close:
        return msg("usage.no_such_command_suggest", name=name, suggestions=close)
    return msg("usage.no_such_command", name=name, commands=commands)


def _bad_value(exc: click_errors.BadParameter) -> Message | None:
    """A value the option's type refused (pydantic's error behind it says which way), or None."""
    errors = getattr(exc.__cause__, "errors", None)
    if not callable(errors):
        return None
    try:
        first = errors(include_url=False)[0]
    except (IndexError, TypeError):
        return None
    option = _option_name(exc.param)
    value = first.get("input")
    value = value if isinstance(value, str) else str(value)
    kind = first.get("type", "")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return msg("usage.not_integer", option=option, value=value)
    if kind in ("float_parsing", "float_type"):
        return msg("usage.not_number", option=option, value=value)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        info = getattr(getattr(exc.param, "type_descriptor", None), "parameter_info", None)
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        bounds = first.get("ctx") or {}
        low = low if low is not None else bounds.get("ge")
        high = high if high is not None else bounds.get("le")
        if low is not None and high is not None:
            return msg("usage.range_between", option=option, value=value, min=low, max=high)
        if low is not None:
            return msg("usage.range_at_least", option=option, value=value, min=low)
        if high is not None:
            return msg("usage.range_at_most", option=option, value=value, max=high)
    return None


def _option_name(param: Any) -> str:
    """How the user names an option: its long form (``--jobs``, not ``-j``); an argument by its metavar."""
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")] or list(getattr(param, "opts", ()))
    return opts[0] if opts else _argument_name(param)


def _argument_name(param: Any) -> str:
    """An argument as its help shows it: its metavar (``LEDGER``), else its name in capitals."""
    metavar = getattr(param, "metavar", None)
    return metavar if isinstance(metavar, str) and metavar else str(param.name or "").upper()


def _metavar(command: Any, option: str) -> str | None:
    """The value an option takes, as its help shows it (``NAME``, ``N``), when the option declares one."""
    for param in getattr(command, "params", ()):
        if option in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            metavar = getattr(param, "metavar", None)
            return metavar if isinstance(metavar, str) and metavar else None
    return None


def _walk(root: Any, args: Sequence[str]) -> tuple[Any, str]:
    """The (sub)command that ``args`` name and its path (``creatio notices draft``), without a context:
    the parser raises an option's missing value before it makes one. Groups here take no options that
    take values, so every word that is not an option is the next command's name until one is not."""
    command, path = root, ["creatio"]
    for arg in args:
        if arg.startswith("-"):
            continue
        sub = command.commands.get(arg) if isinstance(command, TyperGroup) else None
        if sub is None:
            break
        command = sub
        path.append(arg)
    return command, " ".join(path)
