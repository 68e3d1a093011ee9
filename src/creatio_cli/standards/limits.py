"""Limits for the files people write to configure a run: standards (YAML) and notice templates (Word + Jinja).

Workbooks have their own table in ``creatio_cli.ledger.limits``; this is the same pattern for the two other
kinds of untrusted input. Every limit is far above anything a real standard or template needs (the shipped
standards are 2–8 kB with at most 568 YAML nodes and no aliases, their largest rule has 3 nodes in 2 levels;
the bundled notice renders in ~7 ms, and a 交办单 of 5,000 problems in ~1 s to 13 million characters of
XML) and exists so that a hostile or broken file is refused at once, naming the file and the limit,
instead of hanging or exhausting memory. Each can be raised with an environment variable, e.g.
``CREATIO_MAX_STANDARD_KB=10000``.

=========================  ===============================  =========  =============================================
limit                      environment variable             default    what it bounds
=========================  ===============================  =========  =============================================
standard_kb                CREATIO_MAX_STANDARD_KB          2000       size of one standard file, kB (checked before
                                                                       reading; only regular files are read at all)
yaml_nodes                 CREATIO_MAX_YAML_NODES           100000     YAML nodes of one standard file, counting a
                                                                       node again each time an alias repeats it
yaml_aliases               CREATIO_MAX_YAML_ALIASES         1000       aliases (``*name``) in one standard file
rule_nodes                 CREATIO_MAX_RULE_NODES           1000       rules in one indicator's rule tree
rule_depth                 CREATIO_MAX_RULE_DEPTH           16         nesting of ``all_of`` / ``any_of`` in a rule
template_seconds           CREATIO_TEMPLATE_SECONDS         10         time to render one notice (or the sample
                                                                       notice that validates a template), seconds
template_output_mb         CREATIO_TEMPLATE_OUTPUT_MB       50         text one template part may produce, and any
                                                                       one string it builds, millions of characters
template_items             CREATIO_TEMPLATE_ITEMS           1000000    items of any one list a template builds, and
                                                                       ``range()`` items per template part
=========================  ===============================  =========  =============================================

One more bound is Python's own: an integer a template computes may have at most the digits Python will
print (4,300 unless ``PYTHONINTMAXSTRDIGITS`` says otherwise), so ``{{ 10 ** 1000000000 }}`` never starts.

Where each is enforced: ``standards.yamlsafe`` (file, nodes, aliases; also duplicate keys and alias loops,
which are errors at any size), ``standards.loader`` (rule trees, after ``extends:`` is merged),
``notices.sandbox``, ``notices.sandbox_checks`` and ``notices.docx`` (templates). The expanded size of a YAML file is computed on the
parsed node graph before any Python object is built from it, so an alias bomb costs the parse of its few
hundred bytes, never its expansion.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

# name → (environment variable, default, what it bounds)
DEFAULTS: dict[str, tuple[str, int, str]] = {
    "standard_kb": ("CREATIO_MAX_STANDARD_KB", 2000, "size of one standard file, kB"),
    "yaml_nodes": ("CREATIO_MAX_YAML_NODES", 100_000, "YAML nodes of one standard file, aliases expanded"),
    "yaml_aliases": ("CREATIO_MAX_YAML_ALIASES", 1000, "aliases in one standard file"),
    "rule_nodes": ("CREATIO_MAX_RULE_NODES", 1000, "rules in one indicator's rule tree"),
    "rule_depth": ("CREATIO_MAX_RULE_DEPTH", 16, "nesting of all_of / any_of in one rule"),
    "template_seconds": ("CREATIO_TEMPLATE_SECONDS", 10, "time to render one notice, seconds"),
    "template_output_mb": ("CREATIO_TEMPLATE_OUTPUT_MB", 50,
                           "text a template part produces or any one string it builds, millions of characters"),
    "template_items": ("CREATIO_TEMPLATE_ITEMS", 1_000_000,
                       "items of one list a template builds, and range() items per template part"),
}


@dataclass(frozen=True)
class Limits:
    """The effective limits (defaults, overridden by environment variables)."""

    standard_kb: int
    yaml_nodes: int
    yaml_aliases: int
    rule_nodes: int
    rule_depth: int
    template_seconds: int
    template_output_mb: int
    template_items: int

    def env(self, name: str) -> str:
        """The environment variable that overrides limit ``name`` (for messages)."""
        return DEFAULTS[name][0]

    @property
    def standard_bytes(self) -> int:
        return self.standard_kb * 1000

    @property
    def template_chars(self) -> int:
        return self.template_output_mb * 1_000_000


def current() -> Limits:
    """Read the limits now (environment variables win over the defaults; bad values are ignored)."""
    return Limits(**{name: value(name) for name in DEFAULTS})


def value(name: str) -> int:
    """One limit, read now (a standard is loaded often enough that reading all of them each time shows)."""
    variable, default, _what = DEFAULTS[name]
    raw = os.environ.get(variable, "").strip().replace("_", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def variable(name: str) -> str:
    """The environment variable that raises limit ``name`` (for messages)."""
    return DEFAULTS[name][0]
