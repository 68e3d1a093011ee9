"""The registry of rule kinds: ``kind:`` in a standard → the class that reads and evaluates it.

Adding a kind: write a module with a RuleBase subclass (``kind: Literal["…"]``, a docstring with a
passing and a failing example, an ``examples`` dict the tests run, and — so its titles, ``standards
show`` and notices say what it requires — ``requirement`` and, if the default does not fit, ``shortfall``;
``compared`` if it compares a field with fixed numbers, so a negative one is refused),
then add one line to ``REGISTRY`` below. ``Rule`` (rules/base.py) validates through this dict, so the
union of kinds is written once, here.
"""

from __future__ import annotations

from creatio_cli.rules.base import Rule, RuleBase
from creatio_cli.rules.combine import AllOf, AnyOf
from creatio_cli.rules.compare import PerHouseholds, Share, Threshold, Tiered
from creatio_cli.rules.presence import Present
from creatio_cli.rules.prorated import ProratedCount

__all__ = ["REGISTRY", "Rule"]

REGISTRY: dict[str, type[RuleBase]] = {
    "threshold": Threshold,
    "per_households": PerHouseholds,
    "share": Share,
    "tiered": Tiered,
    "present": Present,
    "prorated_count": ProratedCount,
    "all_of": AllOf,
    "any_of": AnyOf,
}

