"""The Jinja environment notice templates render in: sandboxed, and bounded in time, text and items.

A template is a Word file an office edits, or one that arrives by mail; its Jinja code runs on every
notice. ``SandboxedEnvironment`` keeps it away from Python internals but not from loops and allocations:
``{{ "x"|center(1000000000) }}`` or ``{{ [1] * 1000000000 }}`` exhaust memory in one C call (which no
timer can interrupt), and two nested ``range(99999)`` loops run for hours. So every operation that can
allocate far beyond its inputs is checked *before* it runs (the checks themselves are in
``notices.sandbox_checks``), and a timer covers everything else:

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

from creatio_cli.messages import Message
from creatio_cli.notices.sandbox_checks import bounded_filter, check_printf, check_repeat, check_text_method, is_int
from creatio_cli.standards import limits


class TemplateLimitError(SecurityError):
    """A template went past a limit; ``why`` (a catalogue Message) says which and how to raise it.
    (Not ``message``: Jinja's TemplateError already has a property of that name.)"""

    def __init__(self, code: str, **params: Any) -> None:
        self.why = Message(code, params)
        super().__init__(self.why.render("en"))


class TemplateTimeout(TemplateLimitError):
    """Rendering took longer than ``limits.template_seconds`` (raised by the timer, so no arguments)."""

    def __init__(self, seconds: float | None = None) -> None:
        seconds = limits.value("template_seconds") if seconds is None else seconds
        super().__init__("template.limit_time", seconds=seconds, variable=limits.variable("template_seconds"))


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
    environment: BoundedSandbox  # the template_class of BoundedSandbox only

    def render(self, *args: Any, **kwargs: Any) -> str:
        self.environment.range_left = self.environment.max_items
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
        self.filters = {name: bounded_filter(self, name, func) for name, func in self.filters.items()}

    # ---- refusals -------------------------------------------------------------------------------------

    def check_chars(self, what: str, count: int) -> None:
        if count > self.max_chars:
            raise TemplateLimitError("template.limit_chars", what=what, count=count, limit=self.max_chars,
                                     variable=limits.variable("template_output_mb"))

    def check_items(self, what: str, count: int) -> None:
        if count > self.max_items:
            raise TemplateLimitError("template.limit_items", what=what, count=count, limit=self.max_items,
                                     variable=limits.variable("template_items"))

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

    def concat(self, parts: Any) -> str:
        """Join a part's, macro's or block's output, stopping as soon as it passes the limit."""
        out: list[str] = []
        total = 0
        chunks = iter(parts)
        while batch := list(islice(chunks, 512)):  # measured in batches: C speed, and never far past
            total += sum(map(len, batch))
            if total > self.max_chars:
                raise TemplateLimitError("template.limit_output", limit=self.max_chars,
                                         variable=limits.variable("template_output_mb"))
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
            raise TemplateLimitError("template.limit_range", limit=self.max_items,
                                     variable=limits.variable("template_items"))
        return numbers

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        self.check_items("lipsum()", int(n) * int(max))
        self.check_chars("lipsum()", int(n) * int(max) * 12)
        return generate_lorem_ipsum(n, html, min, max)

    # ---- operators ------------------------------------------------------------------------------------

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        what = f"'{operator}'"
        if operator == "*":
            check_repeat(self, what, left, right)
            check_repeat(self, what, right, left)
            if is_int(left) and is_int(right):
                self._check_bits(what, left.bit_length() + right.bit_length())
        elif operator == "**":
            if is_int(left) and is_int(right) and right > 0 and abs(left) > 1:
                self._check_bits(what, int(right * math.log2(abs(left))))
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                (self.check_chars if isinstance(left, str) else self.check_items)(what, len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            check_printf(self, what, left, right)
        return self.check_result(what, super().call_binop(context, operator, left, right))

    def _check_bits(self, what: str, bits: int) -> None:
        if bits > self.max_int_bits:
            raise TemplateLimitError("template.limit_int", what=what, digits=_int_digits())

    # ---- calls: methods of strings and collections ------------------------------------------------------

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        what = f"{name}()" if name else "a call"
        if isinstance(owner, (str, bytes, bytearray)):
            args, kwargs = check_text_method(__self, what, owner, name, args, kwargs)
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
        formatter: _Measuring = (_BoundedEscapeFormatter(self, escape=f_self.escape)
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


class _Measuring(SandboxedFormatter):
    """Base of the bounded formatters: refuses a field width past the limit and stops once the text would be too long."""

    _env: BoundedSandbox  # set by SandboxedFormatter.__init__: the sandbox that built this formatter
    written = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        env = self._env
        for number in re.findall(r"\d+", str(format_spec)):
            env.check_chars("format()", int(number))
        text = super().format_field(value, format_spec)
        self.written += len(text)
        env.check_chars("format()", self.written)
        return text


class _BoundedFormatter(_Measuring, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_Measuring, SandboxedEscapeFormatter):
    pass


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
