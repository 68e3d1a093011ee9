"""The Jinja environment notice templates render in: sandboxed, and bounded in time, text and items.

A template is a Word file an office edits, or one that arrives by mail; its Jinja code runs on every
notice. ``SandboxedEnvironment`` keeps it away from Python internals but not from loops and allocations:
``{{ "x"|center(1000000000) }}`` or ``{{ [1] * 1000000000 }}`` exhaust memory in one C call (which no
timer can interrupt), and two nested ``range(99999)`` loops run for hours. So every operation that can
allocate far beyond its inputs is checked *before* it runs, and a timer covers everything else:

- ``range()`` items per template part, and items of any list a template builds (``*``, ``+``, ``|list``,
  ``|batch``, ``|slice``, ``.split()``, ``.extend()`` …): ``limits.template_items``;
- characters of any string it builds (``*``, ``+``, ``~``, ``%``, ``|center``, ``|format``, ``|indent``,
  ``|join``, ``|replace``, ``|wordwrap``, ``.format()``, ``.ljust()``, ``.expandtabs()`` …), of a macro's or
  block's output and of a part's output: ``limits.template_output_mb`` (millions of characters);
- integers at most as long as Python will print (``sys.get_int_max_str_digits()``, 4,300 digits unless
  ``PYTHONINTMAXSTRDIGITS`` says otherwise): ``2 ** 1000000000`` never starts;
- time per render: ``limits.template_seconds``, by ``time_limit`` (a POSIX interval timer in the main
  thread, else a watchdog thread that raises in the rendering thread).

Every refusal is a ``TemplateLimitError`` (a Jinja ``SecurityError``) whose message names the limit and
the environment variable that raises it; ``docx.NoticeRenderer`` reports it with the template's path.
"""

from __future__ import annotations

import functools
import math
import re
import signal
import sys
import threading
import time
from itertools import islice
from typing import Any

from jinja2.compiler import CodeGenerator
from jinja2.environment import Template
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter, SecurityError
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from creatio_cli.standards import limits


class TemplateLimitError(SecurityError):
    """A template went past a limit; the message says which and how to raise it."""


class TemplateTimeout(TemplateLimitError):
    """Rendering took longer than ``limits.template_seconds`` (raised by the timer, so no arguments)."""

    def __init__(self, seconds: float | None = None) -> None:
        seconds = limits.value("template_seconds") if seconds is None else seconds
        super().__init__(f"rendering took longer than {seconds:g} s {limits.raise_hint('template_seconds')}")


def _int_digits() -> int:
    get = getattr(sys, "get_int_max_str_digits", None)
    return (get() if get else 0) or 4300


class _CodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to the environment's bounded join (Jinja's own join is a module global)."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.tilde((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), ")
        self.write("context.eval_ctx.autoescape" if frame.eval_ctx.volatile else repr(bool(frame.eval_ctx.autoescape)))
        self.write(")")


class _BoundedTemplate(Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        self.environment.range_left = self.environment.max_items  # type: ignore[attr-defined]
        return super().render(*args, **kwargs)


class BoundedSandbox(SandboxedEnvironment):
    """``SandboxedEnvironment`` whose every growing operation is measured before it runs."""

    code_generator_class = _CodeGenerator
    template_class = _BoundedTemplate
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_chars = limits.value("template_output_mb") * 1_000_000
        self.max_items = limits.value("template_items")
        self.max_int_bits = int(_int_digits() * math.log2(10))  # bits of the longest integer Python prints
        self.range_left = self.max_items
        self.globals["range"] = self._range
        self.globals["lipsum"] = self._lipsum
        self.filters = {name: _bounded_filter(self, name, func) for name, func in self.filters.items()}

    # ---- refusals -------------------------------------------------------------------------------------

    def check_chars(self, what: str, count: int) -> None:
        if count > self.max_chars:
            raise TemplateLimitError(f"{what} would build {count:,} characters, more than {self.max_chars:,} "
                                     f"{limits.raise_hint('template_output_mb')}")

    def check_items(self, what: str, count: int) -> None:
        if count > self.max_items:
            raise TemplateLimitError(f"{what} would build {count:,} items, more than {self.max_items:,} "
                                     f"{limits.raise_hint('template_items')}")

    def check_result(self, what: str, value: Any) -> Any:
        """After an operation: a string or collection it returned (or grew) must fit the limits."""
        if isinstance(value, (str, bytes, bytearray)):
            self.check_chars(what, len(value))
        elif isinstance(value, (list, tuple, dict, set, frozenset)):
            self.check_items(what, len(value))
        elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > self.max_int_bits:
            self._check_bits(what, value.bit_length())
        return value

    # ---- output, concatenation, ranges ---------------------------------------------------------------

    def concat(self, parts: Any) -> str:  # type: ignore[override]
        """Join a part's, macro's or block's output, stopping as soon as it passes the limit."""
        out: list[str] = []
        total = 0
        chunks = iter(parts)
        while batch := list(islice(chunks, 512)):  # measured in batches: C speed, and never far past
            total += sum(map(len, batch))
            if total > self.max_chars:
                raise TemplateLimitError(f"the template's output passes {self.max_chars:,} characters "
                                         f"{limits.raise_hint('template_output_mb')}")
            out += batch
        return "".join(out)

    def tilde(self, parts: tuple[Any, ...], autoescape: bool) -> str:
        """``a ~ b``: the sum of the parts' lengths is known before they are joined."""
        texts = [part if isinstance(part, str) else str(part) for part in parts]
        total = sum(len(t) for t in texts)
        if autoescape and any(hasattr(t, "__html__") for t in texts):
            total += 4 * sum(len(t) for t in texts if not hasattr(t, "__html__"))  # escaping: & → &amp;
        self.check_chars("'~'", total)
        return markup_join(texts) if autoescape else str_join(texts)

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        self.range_left -= len(numbers)
        if self.range_left < 0:
            raise TemplateLimitError(f"range() would give more than {self.max_items:,} items in one template part "
                                     f"{limits.raise_hint('template_items')}")
        return numbers

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        self.check_items("lipsum()", int(n) * int(max))
        self.check_chars("lipsum()", int(n) * int(max) * 12)
        return generate_lorem_ipsum(n, html, min, max)

    # ---- operators ------------------------------------------------------------------------------------

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        what = f"'{operator}'"
        if operator == "*":
            _check_repeat(self, what, left, right)
            _check_repeat(self, what, right, left)
            if _is_int(left) and _is_int(right):
                self._check_bits(what, left.bit_length() + right.bit_length())
        elif operator == "**":
            if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
                self._check_bits(what, int(right * math.log2(abs(left))))
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                (self.check_chars if isinstance(left, str) else self.check_items)(what, len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_printf(self, what, left, right)
        return self.check_result(what, super().call_binop(context, operator, left, right))

    def _check_bits(self, what: str, bits: int) -> None:
        if bits > self.max_int_bits:
            raise TemplateLimitError(f"{what} would build an integer of more than {_int_digits():,} digits "
                                     "(limit; set PYTHONINTMAXSTRDIGITS to raise it)")

    # ---- calls: methods of strings and collections ------------------------------------------------------

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        what = f"{name}()" if name else "a call"
        if isinstance(owner, (str, bytes, bytearray)):
            args, kwargs = _check_text_method(__self, what, owner, name, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(owner, (list, dict, set, bytearray)):
            __self.check_result(what, owner)  # grown in place (append, extend, update …)
        return __self.check_result(what, result)

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format`` / ``format_map`` through a formatter that measures each field it writes."""
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        f_self = value.__self__
        formatter: SandboxedFormatter = (_BoundedEscapeFormatter(self, escape=f_self.escape)
                                         if isinstance(f_self, Markup) else _BoundedFormatter(self))
        is_format_map = value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    return wrapper(*args, **kwargs)  # Jinja's own wrapper words the TypeError
                kwargs, args = args[0], ()
            formatter.written = len(f_self)
            return type(f_self)(formatter.vformat(f_self, args, kwargs))

        return functools.update_wrapper(bounded, value)


class _Measuring:
    """Formatter mix-in: refuses a field width past the limit and stops once the text would be too long."""

    written = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        env: BoundedSandbox = self._env  # type: ignore[attr-defined]
        for number in re.findall(r"\d+", str(format_spec)):
            env.check_chars("format()", int(number))
        text = super().format_field(value, format_spec)  # type: ignore[misc]
        self.written += len(text)
        env.check_chars("format()", self.written)
        return text


class _BoundedFormatter(_Measuring, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_Measuring, SandboxedEscapeFormatter):
    pass


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_repeat(env: BoundedSandbox, what: str, seq: Any, times: Any) -> None:
    if not _is_int(times) or times <= 0:
        return
    if isinstance(seq, (str, bytes)):
        env.check_chars(what, len(seq) * times)
    elif isinstance(seq, (list, tuple)):
        env.check_items(what, len(seq) * times)


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")


def _check_printf(env: BoundedSandbox, what: str, fmt: str, args: Any) -> None:
    """``fmt % args`` (and ``|format``): widths, then a bound on the text, before formatting."""
    values = list(args.values()) if isinstance(args, dict) else list(args) if isinstance(args, tuple) else [args]
    widths = [int(v) for v in values if _is_int(v)]
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


def _check_text_method(env: BoundedSandbox, what: str, text: Any, name: str, args: tuple, kwargs: dict):
    """Checks before a string (or bytes) method that can build much more than it is given."""

    def arg(index: int, key: str, default: Any) -> Any:
        return args[index] if len(args) > index else kwargs.get(key, default)

    if name in ("center", "ljust", "rjust", "zfill"):
        width = arg(0, "width", 0)
        if _is_int(width):
            env.check_chars(what, width)
    elif name == "expandtabs":
        size = arg(0, "tabsize", 8)
        if _is_int(size):
            env.check_chars(what, len(text) + text.count("\t" if isinstance(text, str) else b"\t") * size)
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, type(text)) and isinstance(new, type(text)):
            count = arg(2, "count", -1)
            hits = len(text) + 1 if not old else text.count(old)
            if _is_int(count) and count >= 0:
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
            env.check_items(what, min(pieces, limit + 1) if _is_int(limit) and limit >= 0 else pieces)
        elif not _is_int(limit) or limit < 0 or limit > env.max_items:
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

def _bounded_filter(env: BoundedSandbox, name: str, func: Any) -> Any:
    """``func`` with the check its name needs before it runs, and its result measured after."""
    check = _FILTER_CHECKS.get(name)
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context / eval_ctx / environment
    what = f"the {name} filter"

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
    if _is_int(width):
        env.check_chars(what, width)
    return value


def _f_format(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    if isinstance(value, str):
        _check_printf(env, what, value, kwargs if kwargs else tuple(rest))
    return value


def _f_indent(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    width = _option(rest, kwargs, 0, "width", 4)
    size = len(width) if isinstance(width, str) else width if _is_int(width) else 0
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
        if _is_int(count) and count >= 0:
            hits = min(hits, count)
        env.check_chars(what, len(text) + hits * max(len(new) - len(old), 0))
    return value


def _f_wordwrap(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    width = _option(rest, kwargs, 0, "width", 79)
    wrap = _option(rest, kwargs, 2, "wrapstring", None)
    text = str(value)
    lines = len(text) // max(width if _is_int(width) else 1, 1) + text.count("\n") + 1
    env.check_chars(what, len(text) + lines * len(str(wrap or "\n")))
    return value


def _f_count_arg(env: BoundedSandbox, what: str, value: Any, rest: tuple, kwargs: dict) -> Any:
    count = _option(rest, kwargs, 0, "linecount" if "batch" in what else "slices", 1)
    if _is_int(count):
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


# ---- time ---------------------------------------------------------------------------------------------

class time_limit:
    """Raise TemplateTimeout in this thread once ``seconds`` have passed inside the block.

    POSIX main thread: ``signal.setitimer`` (the previous SIGALRM handler and timer are restored).
    Elsewhere (Windows, or a worker thread): a timer thread raises the exception asynchronously in the
    rendering thread. Either way the exception arrives between two Python bytecodes, which is why the
    single operations that could allocate without end are refused beforehand (``BoundedSandbox``).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False

    def __enter__(self) -> time_limit:
        self.started = time.monotonic()
        self.use_signal = (hasattr(signal, "setitimer")
                           and threading.current_thread() is threading.main_thread())
        if self.use_signal:
            try:
                self.previous = signal.signal(signal.SIGALRM, self._on_alarm)
            except ValueError:  # not the main interpreter: signals are not ours to set
                self.use_signal = False
        if self.use_signal:
            self.outer = signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self.lock = threading.Lock()
            self.done = False
            self.thread_id = threading.get_ident()
            self.timer = threading.Timer(self.seconds, self._from_thread)
            self.timer.daemon = True
            self.timer.start()
        return self

    def _on_alarm(self, signum: int, frame: Any) -> None:
        self.fired = True
        raise TemplateTimeout(self.seconds)

    def _from_thread(self) -> None:
        import ctypes

        with self.lock:
            if self.done:
                return
            self.fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), ctypes.py_object(TemplateTimeout))

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self.use_signal:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            left, interval = self.outer
            if left > 0:  # an outer timer was running: give it back what remains of it
                signal.setitimer(signal.ITIMER_REAL, max(left - (time.monotonic() - self.started), 0.001), interval)
        else:
            import ctypes

            with self.lock:
                self.done = True
            self.timer.cancel()
            if self.fired:  # not delivered yet (the block ended first): withdraw it
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), None)
        if self.fired and (exc_type is None or issubclass(exc_type, TemplateTimeout)):
            # Worded with this block's limit (the thread's exception is raised without arguments); also when
            # the block outlived the limit because something swallowed the exception.
            raise TemplateTimeout(self.seconds) from None
