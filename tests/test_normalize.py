"""Cell normaliser: hand-written notation tables (domain.md "Values as written in cells") + properties."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creatio_cli.ledger.columns import normalize_column, parse_column
from creatio_cli.ledger.normalize import (
    KINDS,
    display_text,
    find_date_in_text,
    parse_cell,
    parse_date,
)
from creatio_cli.status import CELL_INVALID, CELL_MISSING, CELL_NA, CELL_OK

OK, MISSING, INVALID, NA = CELL_OK, CELL_MISSING, CELL_INVALID, CELL_NA
D = dt.date

NUMBER_CASES = [
    ("200", 200.0, OK),
    ("200㎡", 200.0, OK),
    ("200平方米", 200.0, OK),
    ("200 m2", 200.0, OK),
    ("200m²", 200.0, OK),
    ("200 平米", 200.0, OK),
    ("200M2", 200.0, OK),
    ("约200", 200.0, OK),
    ("约 200 ㎡", 200.0, OK),
    ("200余", 200.0, OK),
    ("200多", 200.0, OK),
    ("200余平方米", 200.0, OK),
    ("1,200", 1200.0, OK),
    ("1，200", 1200.0, OK),
    ("1,234,567.5", 1234567.5, OK),
    ("２００", 200.0, OK),
    ("２００㎡", 200.0, OK),
    ("  420.5 ", 420.5, OK),
    ("320（其中活动用房210）", 320.0, OK),
    ("320(含活动室)", 320.0, OK),
    ("320，其中活动用房210", 320.0, OK),
    ("150-200", 150.0, OK),
    ("150~200", 150.0, OK),
    ("150～200㎡", 150.0, OK),
    ("150至200", 150.0, OK),
    ("1860户", 1860.0, OK),
    (420, 420.0, OK),
    (420.0, 420.0, OK),
    (0.5, 0.5, OK),
    ("0", 0.0, OK),
    ("二百", None, INVALID),
    ("两百平方米", None, INVALID),
    ("待核实", None, INVALID),
    ("200/300", None, INVALID),
    ("1,2345", None, INVALID),
    ("200-150", None, INVALID),  # not a range: the upper end is below the lower
    ("-5", None, INVALID),
    (-5, None, INVALID),
    (-0.5, None, INVALID),
    (True, None, INVALID),
    (False, None, INVALID),
    (D(2022, 6, 30), None, INVALID),
    (float("inf"), None, INVALID),
    ("13.5%", None, INVALID),  # a percent written in a number field
    ("#REF!", None, INVALID),
    ("#DIV/0!", None, INVALID),
    (None, None, MISSING),
    ("", None, MISSING),
    ("   ", None, MISSING),
    ("\u3000\n", None, MISSING),
    (float("nan"), None, MISSING),
    ("/", None, NA),
    ("／", None, NA),
    ("—", None, NA),
    ("——", None, NA),
    ("-", None, NA),
    ("--", None, NA),
    ("－", None, NA),
    ("无此项", None, NA),
    ("不涉及", None, NA),
]

COUNT_CASES = [
    ("12次", 12.0, OK),
    ("6个", 6.0, OK),
    ("1860户", 1860.0, OK),
    ("5000人", 5000.0, OK),
    ("12场", 12.0, OK),
    ("12场次", 12.0, OK),
    ("12.0", 12.0, OK),
    (12, 12.0, OK),
    (12.0, 12.0, OK),
    ("1,860户", 1860.0, OK),
    ("12~15次", 12.0, OK),
    ("12.5", None, INVALID),
    (12.5, None, INVALID),
    ("-3", None, INVALID),
    (-3, None, INVALID),
    ("200㎡", None, INVALID),  # an area unit in a count field
    ("十二次", None, INVALID),
    ("-", None, NA),
    ("", None, MISSING),
]

PERCENT_CASES = [
    ("13.5%", 13.5, OK),
    ("13.5％", 13.5, OK),
    ("13.5", 13.5, OK),
    ("0.135", 13.5, OK),
    (0.135, 13.5, OK),
    (13.5, 13.5, OK),
    (0.9, 90.0, OK),
    (1.0, 100.0, OK),
    ("1", 100.0, OK),  # bare number ≤ 1 is a fraction
    ("1%", 1.0, OK),
    ("0.5%", 0.5, OK),
    (0, 0.0, OK),
    ("100%", 100.0, OK),
    ("90", 90.0, OK),
    ("150%", None, INVALID),
    (150, None, INVALID),
    (1.5, 1.5, OK),  # > 1: already percent
    ("-5%", None, INVALID),
    (-0.1, None, INVALID),
    ("九成", None, INVALID),
    ("13.5个", None, INVALID),
    ("#N/A", None, INVALID),
    ("/", None, NA),
    (None, None, MISSING),
]

YESNO_CASES = [
    *[(t, 1.0, OK) for t in ("是", "有", "√", "✓", "✔", "已建", "已挂牌", "达标", "已完成")],
    *[(t, 1.0, OK) for t in ("规范", "已设立")],
    *[(t, 1.0, OK) for t in ("Y", "y", "yes", "YES", "true", "TRUE", "1", "Ｙ", " 是 ")],
    *[(t, 0.0, OK) for t in ("否", "无", "×", "✗", "✘", "未建", "在建", "未挂牌", "未达标", "未完成")],
    *[(t, 0.0, OK) for t in ("不规范", "未设立", "N", "no", "false", "FALSE", "0")],
    ("有（200㎡）", 1.0, OK),
    ("是，已挂牌", 1.0, OK),
    ("无(正在筹建)", 0.0, OK),
    ("未建（计划2023年）", 0.0, OK),
    ("是否", None, INVALID),
    (True, 1.0, OK),
    (False, 0.0, OK),
    (1, 1.0, OK),
    (0.0, 0.0, OK),
    (2, None, INVALID),
    (0.5, None, INVALID),
    ("可能", None, INVALID),
    ("200", None, INVALID),
    ("#VALUE!", None, INVALID),
    ("/", None, NA),
    ("—", None, NA),
    ("-", None, NA),
    ("无此项", None, NA),
    (None, None, MISSING),
    ("", None, MISSING),
]

DATE_CASES = [
    ("2022年6月30日", D(2022, 6, 30), OK),
    ("2022 年 6 月 30 日", D(2022, 6, 30), OK),
    ("2022.6.30", D(2022, 6, 30), OK),
    ("2022/6/30", D(2022, 6, 30), OK),
    ("2022-06-30", D(2022, 6, 30), OK),
    ("2022-06-30 00:00:00", D(2022, 6, 30), OK),
    ("20220630", D(2022, 6, 30), OK),
    ("２０２２年６月３０日", D(2022, 6, 30), OK),
    ("二〇二二年六月三十日", D(2022, 6, 30), OK),
    ("44742", D(2022, 6, 30), OK),
    (44742, D(2022, 6, 30), OK),
    (44742.0, D(2022, 6, 30), OK),
    (44742.75, D(2022, 6, 30), OK),
    (D(2022, 6, 30), D(2022, 6, 30), OK),
    (dt.datetime(2022, 6, 30, 15, 30), D(2022, 6, 30), OK),
    ("2022年2月30日", None, INVALID),
    ("6月30日", None, INVALID),
    ("上半年", None, INVALID),
    (12, None, INVALID),  # too small for a serial
    (True, None, INVALID),
    (dt.time(12, 0), None, INVALID),
    ("#REF!", None, INVALID),
    ("/", None, NA),
    (None, None, MISSING),
    (float("nan"), None, MISSING),
]

TEXT_CASES = [
    ("  阳光社区 ", "阳光社区", OK),
    ("民政局\n文明办", "民政局 文明办", OK),
    ("民政局\u3000\u3000文明办", "民政局 文明办", OK),
    ("ＡＢＣ社区", "ABC社区", OK),
    (420.0, "420", OK),
    (12, "12", OK),
    (D(2022, 6, 30), "2022-06-30", OK),
    ("/", None, NA),
    ("无此项", None, NA),
    ("#NAME?", None, INVALID),
    ("", None, MISSING),
    (None, None, MISSING),
]


def _check(raw: object, kind: str, value: object, state: int) -> None:
    got = parse_cell(raw, kind)
    assert got.state == state, got
    if isinstance(value, float):
        assert got.value == pytest.approx(value), got
    else:
        assert got.value == value, got
    # A readable lower bound (150-200, 200余) carries its reason, an approximate figure (约200) its own; any
    # other readable cell none.
    lower = kind != "date" and isinstance(raw, str) and any(w in raw for w in ("余", "多", "以上", "-", "~", "～", "至"))
    about = kind != "date" and isinstance(raw, str) and any(w in raw for w in ("约", "左右"))
    if state == OK:
        assert got.reason == ("cell.lower_bound" if lower else "cell.approximate" if about else None), got
    else:
        assert (got.reason is not None) == (state == INVALID), got


@pytest.mark.parametrize(("raw", "value", "state"), NUMBER_CASES)
def test_number(raw: object, value: object, state: int) -> None:
    _check(raw, "number", value, state)


@pytest.mark.parametrize(("raw", "value", "state"), COUNT_CASES)
def test_count(raw: object, value: object, state: int) -> None:
    _check(raw, "count", value, state)


@pytest.mark.parametrize(("raw", "value", "state"), PERCENT_CASES)
def test_percent(raw: object, value: object, state: int) -> None:
    _check(raw, "percent", value, state)


@pytest.mark.parametrize(("raw", "value", "state"), YESNO_CASES)
def test_yesno(raw: object, value: object, state: int) -> None:
    _check(raw, "yesno", value, state)


@pytest.mark.parametrize(("raw", "value", "state"), DATE_CASES)
def test_date(raw: object, value: object, state: int) -> None:
    _check(raw, "date", value, state)


@pytest.mark.parametrize(("raw", "value", "state"), TEXT_CASES)
def test_text(raw: object, value: object, state: int) -> None:
    _check(raw, "text", value, state)


def test_allow_negative() -> None:
    assert parse_cell("-5", "number", allow_negative=True).value == -5.0
    assert parse_cell(-5.5, "number", allow_negative=True).value == -5.5
    assert parse_cell(-5, "count", allow_negative=True).state == INVALID  # counts are never negative


def test_reasons_and_warnings() -> None:
    assert parse_cell("150-200", "number").warning.render("zh") == "区间“150-200”按下限150计"
    assert parse_cell("200", "number").warning is None
    assert parse_cell("#REF!", "number").reason == "cell.formula_error"
    assert parse_cell("#div/0!", "count").reason == "cell.formula_error"
    assert parse_cell("二百", "number").reason == "cell.not_number"
    assert parse_cell("-1", "number").reason == "cell.negative"
    assert parse_cell("12.5", "count").reason == "cell.not_integer"
    assert parse_cell("120%", "percent").reason == "cell.over_100"


def test_unknown_kind() -> None:
    with pytest.raises(ValueError):
        parse_cell("1", "money")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        (" 200㎡ ", "200㎡"),
        (420.0, "420"),
        (420.5, "420.5"),
        (12, "12"),
        (True, "TRUE"),
        (False, "FALSE"),
        (D(2022, 6, 30), "2022-06-30"),
        (dt.datetime(2022, 6, 30), "2022-06-30"),
        (dt.datetime(2022, 6, 30, 8, 5), "2022-06-30 08:05:00"),
        (dt.time(8, 5), "08:05:00"),
        (float("nan"), None),
    ],
)
def test_display_text(raw: object, shown: str | None) -> None:
    assert display_text(raw) == shown


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("XX区2022年社区创建工作台账（截至2022年6月30日）", D(2022, 6, 30)),
        ("填报日期：2022.6.30", D(2022, 6, 30)),
        ("填报单位（盖章）：XX街道  填报人：张三  联系电话：0527-1234567  填报日期：2022/7/5", D(2022, 7, 5)),
        ("2021年度台账（截止2022-01-10）", D(2022, 1, 10)),
        ("2022年1月1日至2022年6月30日活动记录（截至2022年6月30日）", D(2022, 6, 30)),
        ("2022年1月1日起执行", D(2022, 1, 1)),
        ("XX区社区创建工作台账（截至二〇二二年六月三十日）", D(2022, 6, 30)),
        ("填报日期：二〇二一年十二月一日", D(2021, 12, 1)),
        ("二零二二年十月二十一日", D(2022, 10, 21)),
        ("XX区社区创建工作台账", None),
        ("2022年社区台账", None),
        # a period: the ledger is as of its end, never its start
        ("宿迁市社区创建工作台账（2022年1月1日至2022年6月30日）", D(2022, 6, 30)),
        ("台账（2022年1月1日—6月30日）", D(2022, 6, 30)),
        ("统计时段：2022.1.1-2022.6.30", D(2022, 6, 30)),
        ("二〇二二年一月一日至二〇二二年六月三十日", D(2022, 6, 30)),
        ("2022年1月1日至今", None),  # up to today: no date written for the end
        # a period without days: as of its last day — never "1-6月" read as 6 January
        ("宿迁市社区创建工作台账（2022年1-6月）", D(2022, 6, 30)),
        ("（2022年1月-6月）", D(2022, 6, 30)),
        ("（2022年上半年）", D(2022, 6, 30)),
        ("（2022年第二季度）", D(2022, 6, 30)),
        ("2022年12月社区台账", D(2022, 12, 31)),
        ("2022年1月1日起执行", D(2022, 1, 1)),
    ],
)
def test_find_date_in_text(text: str, found: dt.date | None) -> None:
    assert find_date_in_text(text) == found


def test_parse_date_direct() -> None:
    assert parse_date("2022年6月30日") == D(2022, 6, 30)
    assert parse_date(44742) == D(2022, 6, 30)
    assert parse_date(19999) is None
    assert parse_date(None) is None
    assert parse_date(True) is None


def test_normalize_column_mixed() -> None:
    cells = [420.0, "150-200", None, "二百", "/", 12, "#REF!", "200㎡", float("nan"), "150-200"]
    col = normalize_column(cells, "number")
    assert col.values.dtype == np.float64
    assert col.states.dtype == np.int8
    assert col.states.tolist() == [OK, OK, MISSING, INVALID, NA, OK, INVALID, OK, MISSING, OK]
    assert col.values[[0, 1, 5, 7, 9]].tolist() == [420.0, 150.0, 12.0, 200.0, 150.0]
    assert np.isnan(col.values[[2, 3, 4, 6, 8]]).all()
    assert col.raw == ["420", "150-200", None, "二百", "/", "12", "#REF!", "200㎡", None, "150-200"]
    assert [(i, w.render("zh")) for i, w in col.warnings] == [(1, "区间“150-200”按下限150计"),
                                                              (9, "区间“150-200”按下限150计")]
    assert col.reasons == {1: "cell.lower_bound", 3: "cell.not_number", 6: "cell.formula_error", 9: "cell.lower_bound"}


def test_normalize_column_floats_and_dates() -> None:
    col = normalize_column([0.135, 0.5, -1.0, 1.0, float("nan")], "percent")  # fractions
    assert col.values[[0, 1, 3]].tolist() == pytest.approx([13.5, 50.0, 100.0])
    assert col.states.tolist() == [OK, OK, INVALID, OK, MISSING]
    assert col.reasons == {2: "cell.negative"}
    dates = normalize_column([44742, 44742.5, "2022.6.30", 5.0, None], "date")
    assert dates.values.dtype == object
    assert dates.values.tolist() == [D(2022, 6, 30)] * 3 + [None, None]
    assert dates.states.tolist() == [OK, OK, OK, INVALID, MISSING]
    counts = normalize_column([12.0, 12.5, -1], "count")
    assert counts.reasons == {1: "cell.not_integer", 2: "cell.negative"}
    empty = normalize_column([], "text")
    assert len(empty.values) == 0 and empty.raw == []


# ---- properties -------------------------------------------------------------------------------------

_texts = st.text(
    alphabet=st.sampled_from(
        list("0123456789.,，-~%％㎡平方米约余多是否有无√×/—（）()#REF!年月日 \u3000\n二百eE+")
    ),
    max_size=12,
) | st.text(max_size=12)
_cells = st.one_of(
    st.none(),
    _texts,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)


@settings(max_examples=400, deadline=None)
@given(raw=_cells, kind=st.sampled_from(KINDS))
def test_parse_cell_never_raises(raw: object, kind: str) -> None:
    got = parse_cell(raw, kind)
    assert got.state in (OK, MISSING, INVALID, NA)
    assert (got.value is None) == (got.state != OK)
    display_text(raw)


_nonneg = st.floats(min_value=0.0, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(x=_nonneg, suffix=st.sampled_from(["", "㎡", "平方米", " m2"]))
def test_number_round_trip(x: float, suffix: str) -> None:
    for text in (f"{x}{suffix}", f"{x:,}{suffix}"):
        got = parse_cell(text, "number")
        if "e" in text:  # Python writes 1e-05 and 1e+16 in scientific notation: text an office never types
            assert (got.state, got.reason) == (INVALID, "cell.scientific_text"), (text, got)
            continue
        assert got.state == OK, (text, got)
        assert math.isclose(got.value, x, rel_tol=1e-12, abs_tol=0.0), (text, got)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(p=st.floats(min_value=0.0, max_value=100.0) | st.integers(min_value=0, max_value=100))
def test_percent_with_sign_round_trip(p: float) -> None:
    got = parse_cell(f"{p}%", "percent")
    if "e" in f"{p}":  # 1.67e-288%: scientific notation, text an office never types
        assert got.reason == "cell.scientific_text"
        return
    assert got.state == OK
    assert got.value == p


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(_cells, max_size=30), kind=st.sampled_from(KINDS), neg=st.booleans())
def test_parse_column_agrees_with_parse_cell(cells: list[object], kind: str, neg: bool) -> None:
    col = parse_column(cells, kind, allow_negative=neg)
    assert len(col.values) == len(col.states) == len(col.raw) == len(cells)
    warnings = dict(col.warnings)
    for i, raw in enumerate(cells):
        one = parse_cell(raw, kind, allow_negative=neg)
        assert col.states[i] == one.state, (i, raw)
        if one.state == OK:
            assert col.values[i] == one.value, (i, raw)
        elif col.values.dtype == np.float64:
            assert np.isnan(col.values[i])
        else:
            assert col.values[i] is None
        assert col.reasons.get(i) == one.reason, (i, raw)
        assert warnings.get(i) == one.warning, (i, raw)
        assert col.raw[i] == display_text(raw)


@pytest.mark.parametrize("cells", [
    [95, 0.85, 90.0, 1, 0, "0.5%"],        # numbers as read
    ["95", "0.85", "90", "1", "0", "0.5%"],  # the same typed as text (csv)
])
def test_a_fraction_in_a_column_written_in_per_cent_is_not_guessed(cells) -> None:
    col = normalize_column(cells, "percent")  # two per cents, two fractions: no clear majority
    assert col.states.tolist() == [OK, INVALID, OK, INVALID, OK, OK]
    assert col.reasons == {1: "cell.percent_scale_unclear", 3: "cell.percent_scale_unclear"}
    assert col.values[[0, 2, 4, 5]].tolist() == [95.0, 90.0, 0.0, 0.5]
