"""The checks ``notices.sandbox`` runs before an operation that can build far more than it is given.

Each takes the environment (for its limits: ``check_chars`` / ``check_items`` raise TemplateLimitError)
and the operation's arguments, and refuses before anything is allocated where the size can be known
beforehand: widths (``center``, ``ljust``, ``%10s``, ``{:>10}``), repetition (``*``), separators times
items (``join``), replacements times hits (``replace``), counts (``batch``, ``slice``, ``split``). Where
it cannot (a whitespace ``split``), the operation is capped so that it stops one item past the limit.
"""

from __future__ import annotations

import functools
import re
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from creatio_cli.notices.sandbox import BoundedSandbox


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_repeat(env: BoundedSandbox, what: str, seq: Any, times: Any) -> None:
    if not is_int(times) or times <= 0:
        return
    if isinstance(seq, (str, bytes)):
        env.check_chars(what, len(seq) * times)
    elif isinstance(seq, (list, tuple)):
        env.check_items(what, len(seq) * times)


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")


def check_printf(env: BoundedSandbox, what: str, fmt: str, args: Any) -> None:
    """``fmt % args`` (and ``|format``): widths, then a bound on the text, before formatting."""
    values = list(args.values()) if isinstance(args, dict) else list(args) if isinstance(args, tuple) else [args]
    widths = [int(v) for v in values if is_int(v)]
    longest = max((len(v) if isinstance(v, str) else len(str(v)) for v in values), default=0)
    total = len(fmt)
    for width, precision, _kind in _PRINTF.findall(fmt):
        for number in (width, precision):
            if number == "*":
                env.check_chars(what, max(widths, default=0))
            elif number:
                env.check_chars(what, int(number))
        total += max(longest, int(width) if width.isdigit() else 0, int(precision) if precision.isdigit() else 0)
    env.check_chars(what, total)


_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def check_text_method(env: BoundedSandbox, what: str, text: Any, name: str, args: tuple, kwargs: dict):
    """Checks before a string (or bytes) method that can build much more than it is given."""

    def arg(index: int, key: str, default: Any) -> Any:
        return args[index] if len(args) > index else kwargs.get(key, default)

    if name in ("center", "ljust", "rjust", "zfill"):
        width = arg(0, "width", 0)
        if is_int(width):
            env.check_chars(what, width)
    elif name == "expandtabs":
        size = arg(0, "tabsize", 8)
        if is_int(size):
            env.check_chars(what, len(text) + text.count("\t" if isinstance(text, str) else b"\t") * size)
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, type(text)) and isinstance(new, type(text)):
            count = arg(2, "count", -1)
            hits = len(text) + 1 if not old else text.count(old)
            if is_int(count) and count >= 0:
                hits = min(hits, count)
            env.check_chars(what, len(text) + hits * max(len(new) - len(old), 0))
    elif name == "join" and args and (items := _take(env, what, args[0])) is not None:
        env.check_chars(what, sum(len(i) for i in items if isinstance(i, (str, bytes)))
                        + max(len(items) - 1, 0) * len(text))
        args = (items, *args[1:])
    elif name in ("split", "rsplit"):
        sep, limit = arg(0, "sep", None), arg(1, "maxsplit", -1)
        if isinstance(sep, type(text)) and sep:
            pieces = text.count(sep) + 1
            env.check_items(what, min(pieces, limit + 1) if is_int(limit) and limit >= 0 else pieces)
        elif not is_int(limit) or limit < 0 or limit > env.max_items:
            # Whitespace: no cheap count, so at most max_items + 1 pieces are made, then refused.
            kwargs = {**kwargs, "maxsplit": env.max_items}
            args = args[:1]
    elif name == "splitlines" and isinstance(text, str):
        env.check_items(what, sum(text.count(c) for c in _LINE_BREAKS) + 1)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, (str, bytes))), default=1)
        env.check_chars(what, len(text) * longest)
    return args, kwargs


# ---- filters ------------------------------------------------------------------------------------------

def bounded_filter(env: BoundedSandbox, name: str, func: Any) -> Any:
    """``func`` with the check its name needs before it runs, and its result measured after."""
    check = _FILTER_CHECKS.get(name)
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context / eval_ctx / environment
    what = f"|{name}"  # as the template writes it: the what of a limit message is the template's own syntax

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if check is not None and len(args) > skip:
            value = check(env, what, args[skip], args[skip + 1:], kwargs)
            args = (*args[:skip], value, *args[skip + 1:])
        return env.check_result(what, func(*args, **kwargs))

    return bounded


def _option(rest: tuple, kwargs: dict, index: int, key: str, default: Any) -> Any:
    return rest[index] if len(rest) > index else kwargs.get(key, default)


def _f_center(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    width = _option(rest, kwargs, 0, "width", 80)
    if is_int(width):
        env.check_chars(what, width)
    return value


def _f_format(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    if isinstance(value, str):
        check_printf(env, what, value, kwargs if kwargs else tuple(rest))
    return value


def _f_indent(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    width = _option(rest, kwargs, 0, "width", 4)
    size = len(width) if isinstance(width, str) else width if is_int(width) else 0
    text = str(value)
    env.check_chars(what, len(text) + (text.count("\n") + 1) * size)
    return value


def _take(env: BoundedSandbox, what: str, value: Any) -> list[Any] | None:
    """``value``'s items as a list, refused past the limit (None when it is not iterable: Jinja says so)."""
    try:
        items = list(islice(value, env.max_items + 1))
    except TypeError:
        return None
    env.check_items(what, len(items))
    return items


def _f_join(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    items = _take(env, what, value)
    if items is None:
        return value
    sep = str(_option(rest, kwargs, 0, "d", ""))
    seen: dict[int, int] = {}
    total = max(len(items) - 1, 0) * len(sep)
    for item in items:  # each distinct object measured once: [big] * 1000 is one string, 1000 times
        size = seen.get(id(item))
        if size is None:
            size = seen[id(item)] = len(item) if isinstance(item, str) else len(str(item))
        total += size
        env.check_chars(what, total)
    return items


def _f_replace(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    if len(rest) >= 2:
        text, old, new = str(value), str(rest[0]), str(rest[1])
        count = _option(rest, kwargs, 2, "count", None)
        hits = len(text) + 1 if not old else text.count(old)
        if is_int(count) and count >= 0:
            hits = min(hits, count)
        env.check_chars(what, len(text) + hits * max(len(new) - len(old), 0))
    return value


def _f_wordwrap(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    width = _option(rest, kwargs, 0, "width", 79)
    wrap = _option(rest, kwargs, 2, "wrapstring", None)
    text = str(value)
    lines = len(text) // max(width if is_int(width) else 1, 1) + text.count("\n") + 1
    env.check_chars(what, len(text) + lines * len(str(wrap or "\n")))
    return value


def _f_count_arg(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    count = _option(rest, kwargs, 0, "linecount" if "batch" in what else "slices", 1)
    if is_int(count):
        env.check_items(what, count)
    return value


def _f_list(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    if hasattr(value, "__len__"):
        env.check_items(what, len(value))
        return value
    items = _take(env, what, value)
    return value if items is None else items


def _f_sum(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    items = _take(env, what, value)
    if items is None:
        return value
    start = _option(rest, kwargs, 1, "start", 0)
    if not isinstance(start, (int, float)):  # summing sequences concatenates them, once per item
        total = len(start) if hasattr(start, "__len__") else 0
        total += sum(len(i) for i in items if hasattr(i, "__len__"))
        env.check_items(what, total)
    return items


def _f_urlize(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    text = str(value)
    extra = sum(len(str(kwargs.get(k) or "")) for k in ("target", "rel")) + 64
    env.check_chars(what, len(text) * 2 + (text.count(" ") + text.count("\n") + 1) * extra)
    return value


_FILTER_CHECKS = {
    "center": _f_center, "format": _f_format, "indent": _f_indent, "join": _f_join, "replace": _f_replace,
    "wordwrap": _f_wordwrap, "batch": _f_count_arg, "slice": _f_count_arg, "list": _f_list, "sum": _f_sum,
    "urlize": _f_urlize,
}
