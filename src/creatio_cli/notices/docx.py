"""Word output: render notices through docxtpl from the bundled or an office's own template.

Templates are untrusted text written by people: they render in a sandboxed Jinja environment
(``jinja2.sandbox.SandboxedEnvironment``, so no attribute tricks reach Python internals) with
``StrictUndefined`` (a misspelt variable fails instead of printing nothing) and autoescape (a ``<`` or
``&`` in a community name cannot break the document's XML). The environment is also bounded
(``notices.sandbox``): ranges, lists, strings, integers and output are measured before they are built, and
each render (the sample notice's too) has a time limit; a template past a limit is a UsageError (exit 2)
naming the template and the limit (``standards.limits`` lists them all). One environment is reused for
every notice of a run. A template is validated by rendering it once with a sample notice before anything
is written.

Variables available in a template (all strings unless said otherwise):

==============  ==================================================================================
kind            ``notice`` (整改通知书), ``escalation`` (督办通知) or ``assignment`` (交办单)
number          文号, e.g. ``宿创文办〔2022〕5号``
title           ``整改通知书`` (settings), ``督办通知`` or ``问题交办单``
issuer          发文机关 (settings)
addressee       ``古城街道南关社区居委会：`` (for a 交办单: ``民政局：``)
district        区县; street: 街道; community: 社区 (for a 交办单: the department)
basis           who checked, when, against which standard, how
progress        ``截至…，你社区综合完成率42.5%，低于序时进度（49.6%）7.1个百分点，存在以下问题：``
problems        list of numbered problems ``一、社区综合服务设施面积420㎡，…差138㎡（依据：…）``
requirements    list of requirement paragraphs ``（一）逐项整改。…``
deadline        ``请于2022年7月15日前整改到位。``;  due: ``2022年7月15日``;  as_of: ``2022年6月30日``
reply           reply requirement with contact and phone (settings)
consequence     复查 / 通报批评 / 纳入年度考核 / 约谈
signature       落款 (settings);  date: the as-of date in Chinese, e.g. ``2022年6月30日``
cc              抄送, joined with ``、`` (empty string when none)
parent          for an escalation, the 文号 of the overdue notice (else empty)
annex           list of rows with keys seq, problem, basis, requirement, department, due, status
==============  ==================================================================================
"""

from __future__ import annotations

import gc
import io
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from creatio_cli.errors import UsageError
from creatio_cli.notices import layout
from creatio_cli.notices.draft import Notice, Problem
from creatio_cli.notices.files import write_atomic

DEFAULT_TEMPLATE = Path(__file__).with_name("default_notice.docx")
_MAX_TEMPLATE_BYTES = 20_000_000


def sample_notice() -> Notice:
    """A complete notice used to validate templates (every variable set, every list non-empty)."""
    problem = Problem("area.per_100_households", "shortfall",
                      "社区综合服务设施面积420㎡，按每百户30㎡标准应不少于558㎡，差138㎡",
                      "《城乡社区服务体系建设规划（2016-2020年）》", "补足138㎡", "民政局", 420.0, 558.0, 138.0, "㎡")
    return Notice("notice", "创文办〔2022〕1号", 2022, 1, "宿城区", "古城街道", "南关社区", "整改通知书",
                  "XX市创建全国文明城市工作指挥部办公室", "古城街道南关社区居委会：", date(2022, 6, 30),
                  date(2022, 7, 15), "根据……", "截至……", (problem,), ("（一）逐项整改。",), "联系人：XXX",
                  "我办将适时组织复查。", "XX市创建全国文明城市工作指挥部办公室", ("市民政局",),
                  unreflected=("群众满意度",))


def _sandbox():
    """A sandboxed, bounded, strict, autoescaping environment that compiles each template part once per run.

    Bounded: ``notices.sandbox`` (items, characters, integers; the limits in ``standards.limits``).
    docxtpl calls ``from_string`` on every part of every notice; the parts' source is the same for all
    notices of a run, so caching the compiled template saves Jinja's parse + compile (a third of the
    render time, measured) without changing what is rendered.
    """
    from jinja2 import StrictUndefined

    from creatio_cli.notices.sandbox import BoundedSandbox

    class CachingSandbox(BoundedSandbox):
        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            compiled = self.compiled.get(source)
            if compiled is None:
                compiled = self.compiled[source] = super().from_string(source)
            return compiled

    env = CachingSandbox(undefined=StrictUndefined, autoescape=True)
    env.compiled = {}
    return env


class NoticeRenderer:
    """Renders notices from one template; construct once per run, then ``render`` each notice."""

    def __init__(self, template: Path | None = None) -> None:
        self.path = Path(template) if template is not None else DEFAULT_TEMPLATE
        self.data = _read_template(self.path)
        self.env = _sandbox()
        # Each rendered document is a web of lxml/python-docx cycles (~5 MB): the CLI's lazy collector
        # (cli.main) would let 1,000 notices pile up to gigabytes, so collect at Python's usual pace.
        gc.set_threshold(700, 10, 10)

    def validate(self, kinds: tuple[str, ...] = ("notice",)) -> None:
        """Render the sample notice as each of ``kinds``, in memory; UsageError (exit 2) names the template
        and the problem. (An error only some data triggers is caught during the run; nothing is kept then.)"""
        sample = sample_notice()
        for kind in kinds:
            self._render(replace(sample, kind=kind, parent=sample.number if kind == "escalation" else None).context())

    def render(self, notice: Notice, out: Path) -> Path:
        """Write ``notice`` as a .docx at ``out`` (atomically)."""
        return write_atomic(out, self.render_bytes(notice))

    def render_bytes(self, notice: Notice) -> bytes:
        """``notice`` as the bytes of a .docx (the run writes them under a temporary name; staging.py)."""
        doc = self._render(notice.context())
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    def _render(self, context: dict[str, Any]):
        """Render within the limits (``standards.limits``): time here, items and characters in the sandbox."""
        from docxtpl import DocxTemplate
        from jinja2 import TemplateError

        from creatio_cli.notices.sandbox import TemplateLimitError, time_limit
        from creatio_cli.standards import limits

        try:
            with time_limit(limits.value("template_seconds")):
                doc = DocxTemplate(io.BytesIO(self.data))
                doc.render(context, self.env)
                layout.apply(doc.docx)  # issuer on one line, signature over the date (notices.layout)
        except TemplateLimitError as exc:
            raise UsageError("template.stopped", {"limit": exc.why}, file=self.path) from None
        except RecursionError:
            raise UsageError("template.too_deep", file=self.path) from None
        except MemoryError:
            raise UsageError("template.out_of_memory", file=self.path) from None
        except (ArithmeticError, TypeError) as exc:  # 1/0, "a" + 1 in the template's own expressions
            raise UsageError("template.arithmetic", {"detail": f"{type(exc).__name__}: {exc}"}, file=self.path) from None
        except TemplateError as exc:
            raise _template_error(self.path, exc) from None
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise UsageError("template.unusable", {"detail": f"{type(exc).__name__}: {exc}"}, file=self.path) from None
        return doc


def _template_error(path: object, exc: Exception) -> UsageError:
    """A Jinja error as a catalogue message: an undefined variable is named, a syntax error located."""
    import re

    from jinja2 import TemplateSyntaxError, UndefinedError

    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, UndefinedError):
        name = re.search(r"'([^']+)' is undefined", str(exc))
        if name:
            return UsageError("template.undefined", {"name": name.group(1), "detail": detail}, file=path)
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        return UsageError("template.syntax", {"line": exc.lineno, "detail": detail}, file=path)
    return UsageError("template.error", {"detail": detail}, file=path)


def _read_template(path: Path) -> bytes:
    if not path.is_file():
        raise UsageError("template.not_found", file=path)
    if path.stat().st_size > _MAX_TEMPLATE_BYTES:
        raise UsageError("template.too_large", {"limit": _MAX_TEMPLATE_BYTES // 1_000_000}, file=path)
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UsageError("template.not_docx", file=path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise UsageError("template.not_docx", file=path)
        if sum(i.file_size for i in archive.infolist()) > 10 * _MAX_TEMPLATE_BYTES:
            raise UsageError("template.expands_too_much", file=path)
    return data


def copy_default_template(out: Path) -> Path:
    """``notices init-template``: the bundled template, for an office to restyle in Word or WPS."""
    return write_atomic(out, DEFAULT_TEMPLATE.read_bytes())
