"""The registry of rule kinds: a pydantic discriminated union on ``kind``.

Adding a kind: write a module with a RuleBase subclass (docstring with a passing and a failing
example, an ``examples`` dict the tests run), then list it in ``REGISTRY`` below.
"""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from creatio_cli.rules.combine import AllOf, AnyOf
from creatio_cli.rules.compare import PerHouseholds, Share, Threshold, Tiered
from creatio_cli.rules.presence import Present
from creatio_cli.rules.prorated import ProratedCount

REGISTRY: dict[str, type] = {
    "threshold": Threshold,
    "per_households": PerHouseholds,
    "share": Share,
    "tiered": Tiered,
    "present": Present,
    "prorated_count": ProratedCount,
    "all_of": AllOf,
    "any_of": AnyOf,
}

Rule = Annotated[
    Union[Threshold, PerHouseholds, Share, Tiered, Present, ProratedCount, AllOf, AnyOf],  # noqa: UP007
    Field(discriminator="kind"),
]

AllOf.model_rebuild(_types_namespace={"Rule": Rule})
AnyOf.model_rebuild(_types_namespace={"Rule": Rule})
