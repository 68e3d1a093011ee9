"""Catalogue: warnings (problems that did not stop a file) and why a cell was read as invalid.

Warnings go to stderr and to the report's ``warnings[]`` with their code and params; the ``cell.*``
reasons explain an ``invalid`` finding (the report's ``reason`` and ``reason_code``).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- reading a ledger --------------------------------------------------------------------------
    "header.competing": ("{title}：{used}列「{used_header}」与{other}列「{other_header}」都可作此字段，按别名优先级采用{used}列",
                         "{title}: columns {used} “{used_header}” and {other} “{other_header}” could both be this field; "
                         "used {used} (alias precedence)"),
    "header.field_not_found": ("未找到“{title}”列（{field}），相关指标未评估",
                               "column for “{title}” ({field}) not found; its indicators are not assessed"),
    "sheet.street_from_name": ("无街道列：街道取工作表名「{street}」", "no street column: street taken from the sheet name “{street}”"),
    "row.duplicate_community": ("社区重复：{key}（第{row}行），只检查一次，取自 {first_file} 第{first_row}行",
                                "duplicate community {key} (row {row}); checked once, from {first_file} row {first_row}"),
    "cell.range_lower_bound": ("区间“{raw}”按下限{low}计", "range “{raw}” read as its lower bound {low}"),
    # ---- why a cell is invalid ---------------------------------------------------------------------
    "cell.not_number": ("不是数字", "not a number"),
    "cell.not_finite": ("不是有限数字", "not a finite number"),
    "cell.not_yesno": ("不是是/否", "not a yes/no answer"),
    "cell.negative": ("不能为负数", "cannot be negative"),
    "cell.not_integer": ("不是整数", "not a whole number"),
    "cell.over_100": ("超过100%", "above 100 %"),
    "cell.unit_mismatch": ("单位不符", "wrong unit for this column"),
    "cell.formula_error": ("公式错误", "formula error"),
    "cell.not_date": ("不是日期", "not a date"),
    "cell.bool_not_number": ("是逻辑值，不是数字", "a TRUE/FALSE value, not a number"),
    "cell.datetime_not_number": ("是日期或时间，不是数字", "a date or time, not a number"),
    "cell.unrecognised": ("无法识别", "unrecognised"),
}
