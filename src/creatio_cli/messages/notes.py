"""Catalogue: notes — what a command says on stderr while it works (dates used, files written, skipped).

Data (stdout, ``--output``) never contains these; they go to stderr so ``--format json | jq`` works.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "note.as_of": ("截至日期 {date}（{source}）；标准 {standard}", "as of {date} ({source}); standard {standard}"),
    "note.as_of_from_option": ("命令行 --as-of", "--as-of option"),
    "note.as_of_from_ledger": ("台账标题中的截至/填报日期", "the date in the ledger's title rows"),
    "note.as_of_from_ledgers": ("多数台账标题中的截至/填报日期", "the date most ledgers give in their title rows"),
    "note.as_of_today": ("今天（台账中未找到截至日期）", "today (no date found in the ledger)"),
    "note.as_of_differ": ("各文件的截至日期不一致（{dates}），统一按 {date}；可用 --as-of 指定",
                          "the files give different as-of dates ({dates}); using {date} (set --as-of)"),
    "note.written": ("已写入 {path}", "written: {path}"),
    "note.skipped": ("跳过 {path}：{reason}", "skipped {path}: {reason}"),
    "note.warning": ("警告：{where}：{message}", "warning: {where}: {message}"),
    "note.more_warnings": ("……另有 {more} 条警告，见 --format json 的 warnings",
                           "… {more} more warnings: see warnings in --format json"),
    "note.reading": ("读取 {name} …", "reading {name} …"),
    "note.reading_ledgers": ("读取台账", "reading ledgers"),
    "note.error": ("错误：{message}", "error: {message}"),
    "note.detail": ("详情：{detail}", "detail: {detail}"),
    "note.notices_done": ("通知 {written} 份；整改到位 {rectified}；逾期 {overdue}；目录 {folder}",
                          "{written} notices; rectified {rectified}; overdue {overdue}; folder {folder}"),
    "note.no_community_column": ("未找到社区列，见上面读到的表头", "no community column found — see the headers read above"),
    "note.validated": ("通过：{path} — {id} {version}，{indicators} 项指标，共 {points} 分",
                       "OK: {path} — {id} {version}, {indicators} indicators, {points} points"),
    "note.field_library": ("（字段库，供 extends）", "(field library for extends)"),
}
