"""Display labels for zh (default) and en; JSON keys never go through here (they are always English)."""

from __future__ import annotations

from creatio_cli.errors import UsageError

LANGS: tuple[str, ...] = ("zh", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # columns
    "district": ("区县", "District"),
    "street": ("街道", "Street"),
    "community": ("社区", "Community"),
    "score": ("得分", "Score"),
    "max_score": ("满分", "Max score"),
    "completion": ("完成率", "Completion"),
    "expected_progress": ("序时进度", "Expected progress"),
    "behind_schedule": ("慢序时", "Behind schedule"),
    "grade": ("等级", "Grade"),
    "indicator": ("指标", "Indicator"),
    "title": ("指标名称", "Title"),
    "category": ("类别", "Category"),
    "status": ("状态", "Status"),
    "actual": ("实际", "Actual"),
    "required": ("要求", "Required"),
    "gap": ("差距", "Gap"),
    "unit": ("单位", "Unit"),
    "points": ("分值", "Points"),
    "points_lost": ("失分", "Points lost"),
    "cell": ("单元格", "Cell"),
    "raw": ("原始值", "Raw"),
    "department": ("责任单位", "Department"),
    "basis": ("依据", "Basis"),
    "deadline": ("完成时限", "Deadline"),
    "overdue": ("逾期", "Overdue"),
    "file": ("文件", "File"),
    "sheet": ("工作表", "Sheet"),
    "row": ("行", "Row"),
    "met_total": ("达标/总数", "Met/total"),
    "message": ("说明", "Message"),
    "reason": ("原因", "Reason"),
    "communities_n": ("社区数", "Communities"),
    # statuses
    "met": ("达标", "met"),
    "shortfall": ("未达标", "shortfall"),
    "missing": ("缺数据", "missing"),
    "invalid": ("数据无效", "invalid"),
    "not_applicable": ("不适用", "not applicable"),
    "waived": ("免检", "waived"),
    "unassessed": ("未评估", "unassessed"),
    # yes / no
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # summary and headings
    "report_title": ("社区台账检查报告", "Community ledger check report"),
    "summary": ("汇总", "Summary"),
    "sheet_communities": ("社区", "Communities"),
    "sheet_findings": ("问题明细", "Findings"),
    "communities": ("社区数", "Communities"),
    "compliant": ("达标社区", "Compliant"),
    "with_shortfalls": ("未达标社区", "With shortfalls"),
    "behind_schedule_n": ("慢序时社区", "Behind schedule"),
    "as_of": ("截至日期", "As of"),
    "standard": ("标准", "Standard"),
    "standard_id": ("标准编号", "Standard id"),
    "standard_version": ("标准版本", "Standard version"),
    "campaign": ("创建周期", "Campaign"),
    "convention": ("计算口径", "Convention"),
    "day": ("按日", "by day"),
    "month": ("按月", "by month"),
    "by_indicator": ("分指标统计", "By indicator"),
    "findings": ("问题明细", "Findings"),
    "files": ("文件", "Files"),
    "warnings": ("警告", "Warnings"),
    "compliant_list": ("达标社区", "Compliant communities"),
    "no_findings": ("无问题", "No findings"),
    "tool": ("工具", "Tool"),
    "truncated_note": (
        "明细超过 {limit} 行，此处仅列出前 {limit} 行；完整明细见 {csv}",
        "More than {limit} findings; only the first {limit} are listed here. Full list: {csv}",
    ),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` normalised, or raise :class:`UsageError` for a language we have no labels for."""
    norm = (lang or "zh").strip().lower()
    if norm not in LANGS:
        raise UsageError(f"unknown --lang {lang!r}; use zh or en")
    return norm


def t(key: str, lang: str = "zh") -> str:
    """The display label of ``key`` in ``lang``; an unknown key is a programming error (KeyError)."""
    zh, en = _LABELS[key]
    return en if lang == "en" else zh


def labels(keys: tuple[str, ...] | list[str], lang: str) -> list[str]:
    """:func:`t` for several keys at once, in order."""
    return [t(k, lang) for k in keys]
