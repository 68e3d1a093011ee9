"""A Word template rendered through docxtpl in the bounded sandbox: the machinery notices and bulletins share.

Templates are untrusted text written by people: they render in a sandboxed Jinja environment
(``jinja2.sandbox.SandboxedEnvironment``, so no attribute tricks reach Python internals) with
``StrictUndefined`` (a misspelt variable fails instead of printing nothing) and autoescape (a ``<`` or
``&`` in a community name cannot break the document's XML). The environment is also bounded
(``notices.sandbox``): ranges, lists, strings, integers and output are measured before they are built, and
each render has a time limit; a template past a limit is a UsageError (exit 2) naming the template and the
limit (``standards.limits`` lists them all). One environment is reused for every document of a run.

:class:`DocxRenderer` reads the template (a .docx no larger than 20 MB that expands to at most 200 MB) and
renders a context into a python-docx document, turning every failure into one catalogue message naming the
template: an undefined variable (with the page that documents the variables, ``guide``), a syntax error
with its line, a limit, an arithmetic error, a damaged file. The layout a template cannot hold
(``notices.layout``: the issuer on one line, the signature centred over the date) is applied after each
render. ``notices.docx.NoticeRenderer`` and ``bulletin.docx.BulletinRenderer`` are its two users.
"""

from __future__ import annotations

import gc
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from creatio_cli.errors import UsageError
from creatio_cli.notices import layout

_MAX_TEMPLATE_BYTES = 20_000_000

#: A context, or a function that builds it from the docxtpl template being rendered (an ``InlineImage``
#: needs that template: a chart's picture is added to the document's own parts).
Context = dict[str, Any] | Callable[[Any], dict[str, Any]]


def sandbox() -> Any:
    """A sandboxed, bounded, strict, autoescaping environment that compiles each template part once per run.

    Bounded: ``notices.sandbox`` (items, characters, integers; the limits in ``standards.limits``).
    docxtpl calls ``from_string`` on every part of every document; the parts' source is the same for all
    documents of a run, so caching the compiled template saves Jinja's parse + compile (a third of the
    render time, measured) without changing what is rendered.
    """
    from jinja2 import StrictUndefined

    from creatio_cli.notices.sandbox import BoundedSandbox

    class CachingSandbox(BoundedSandbox):
        compiled: dict[str, Any]

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


class DocxRenderer:
    """Renders documents from one template; construct once per run, then render each document.

    ``guide``: where the template's variables are documented (named when a variable is undefined).
    """

    guide = "docs/notices.md"

    def __init__(self, template: Path, guide: str | None = None) -> None:
        self.path = Path(template)
        self.guide = guide or self.guide
        self.data = read_template(self.path)
        self.env = sandbox()
        # Each rendered document is a web of lxml/python-docx cycles (~5 MB): the CLI's lazy collector
        # (cli.main) would let 1,000 notices pile up to gigabytes, so collect at Python's usual pace.
        gc.set_threshold(700, 10, 10)

    def render_document(self, context: Context) -> Any:
        """The rendered docxtpl document (its python-docx ``Document`` is ``.docx``), within the limits
        (``standards.limits``): time here, items and characters in the sandbox."""
        from docxtpl import DocxTemplate
        from jinja2 import TemplateError

        from creatio_cli.notices.sandbox import TemplateLimitError, time_limit
        from creatio_cli.standards import limits

        try:
            with time_limit(limits.value("template_seconds")):
                doc = DocxTemplate(io.BytesIO(self.data))
                doc.render(context(doc) if callable(context) else context, self.env)
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
            raise template_error(self.path, exc, self.guide) from None
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise UsageError("template.unusable", {"detail": f"{type(exc).__name__}: {exc}"}, file=self.path) from None
        return doc

    def render_bytes_of(self, context: Context) -> bytes:
        """The rendered document as the bytes of a .docx."""
        doc = self.render_document(context)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()


def template_error(path: object, exc: Exception, guide: str = DocxRenderer.guide) -> UsageError:
    """A Jinja error as a catalogue message: an undefined variable is named, a syntax error located."""
    import re

    from jinja2 import TemplateSyntaxError, UndefinedError

    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, UndefinedError):
        name = re.search(r"'([^']+)' is undefined", str(exc))
        if name:
            return UsageError("template.undefined", {"name": name.group(1), "guide": guide, "detail": detail},
                              file=path)
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        return UsageError("template.syntax", {"line": exc.lineno, "detail": detail}, file=path)
    return UsageError("template.error", {"detail": detail}, file=path)


def read_template(path: Path) -> bytes:
    """The template's bytes, refused (exit 2, naming it) when missing, too large, not a .docx, or a zip
    that expands to too much; a FIFO or a folder is not a template (reading a FIFO would block)."""
    if not path.exists():
        raise UsageError("template.not_found", file=path)
    if not path.is_file():
        raise UsageError("template.not_regular", file=path)
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
