"""Yes/no rule kind: a facility exists (六个一: 综合服务场所, 文化服务中心, 道德讲堂, …)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np

from creatio_cli.messages import Message, msg
from creatio_cli.rules.base import MET, SHORTFALL, Columns, Outcome, RuleBase, input_status

if TYPE_CHECKING:
    from creatio_cli.rules.text import FieldLike


class Present(RuleBase):
    """The yes/no field says yes (是/有/√/已建/已挂牌/达标).

    Passes: ``{kind: present, field: moral_lecture_hall}`` with 道德讲堂 = 有.
    Fails:  the same rule with 道德讲堂 = 在建 (under construction counts as no).
    """

    kind: Literal["present"]
    field: str

    examples: ClassVar[dict] = {
        "rule": {"kind": "present", "field": "moral_lecture_hall"},
        "pass": {"moral_lecture_hall": "有"},
        "fail": {"moral_lecture_hall": "在建"},
        "fail_gap": None,
    }

    def fields(self) -> Iterator[str]:
        yield self.field

    def evaluate(self, cols: Columns) -> Outcome:
        status, cite = input_status(cols, [self.field])
        actual = cols.value(self.field)
        status = np.where((status == MET) & (actual != 1.0), SHORTFALL, status).astype(np.int8)
        required = np.ones(cols.rows)
        ratio = (status == MET).astype(float)
        return Outcome(status, actual, required, np.full(cols.rows, np.nan), cite, ratio, boolean=True)

    def requirement(self, fields: Mapping[str, FieldLike]) -> Message:
        """应为“是” / yes."""
        return msg("rule.present")
