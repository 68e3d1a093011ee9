"""A group cell naming the concepts of several columns (户数及人口 over 辖区户数 and 辖区常住人口): the words
of one part (户数) do not veto the leaf of another (the population), while a look-alike word that qualifies
the whole group (低保户数及人口) still does; and the population's plainer wordings (常住居民数)."""

from __future__ import annotations

import pytest

from creatio_cli.ledger.matcher import MARGIN, THRESHOLD, Matcher
from creatio_cli.standards import load_standard

MATCHER = Matcher(load_standard("common-fields"))


def _decide(*parts: str) -> str | None:
    candidates, _vetoes = MATCHER.score(list(parts))
    if not candidates or candidates[0].score < THRESHOLD:
        return None
    if len(candidates) > 1 and candidates[0].score - candidates[1].score < MARGIN:
        return None
    return candidates[0].field


@pytest.mark.parametrize("group", ["户数及人口", "户数和人口", "户数与人口", "户数、人口", "户数/人口", "户数以及人口"])
@pytest.mark.parametrize(("leaf", "field"), [("辖区常住人口（人）", "population"), ("辖区户数（户）", "households"),
                                             ("常住人口", "population")])
def test_a_conjunction_group_does_not_veto_the_leaf_of_its_other_part(group, leaf, field):
    assert _decide(group, leaf) == field


@pytest.mark.parametrize("parts", [
    ("低保户数及人口", "人口（人）"),  # 低保 qualifies both parts: still a look-alike
    ("户数及人口", "辖区常住人口（户）"),  # a unit of households is never the population
    ("户数人口", "辖区常住人口（人）"),  # no conjunction: the group's 户数 still vetoes
    ("流动人口及户数", "人口（人）"),
])
def test_look_alikes_under_a_conjunction_group_stay_out(parts):
    assert _decide(*parts) != "population"


@pytest.mark.parametrize("parts", [("基本情况", "常住居民数（人）"), ("常住居民数",), ("常住居民（人）",),
                                   ("居民数（人）",)])
def test_plain_wordings_of_the_resident_population(parts):
    assert _decide(*parts) == "population"


@pytest.mark.parametrize("parts", [("常住居民数（户）",), ("基本情况", "居民户数（人）"), ("党员居民数",),
                                   ("其中：户籍居民数（人）",)])
def test_look_alikes_of_the_resident_population_stay_out(parts):
    assert _decide(*parts) != "population"
