"""Catalogue: notes — what a command says on stderr while it works (dates used, files written, skipped).

Data (stdout, ``--output``) never contains these; they go to stderr so ``--format json | jq`` works.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "note.as_of": ("截至日期 {date}（{source}）；标准 {standard}", "as of {date} ({source}); standard {standard}"),
    "note.baseline_no_common": ("--baseline（{file}）与本次没有一个相同的社区，变化无从比较；是否选错了报告？",
                                "--baseline ({file}) has no community in common with this run: nothing to compare "
                                "— the wrong report?"),
    "note.settings_placeholders": ("通知中的{keys}仍是默认设置的示例值，不宜发出；请用 creatio notices init-config "
                                   "写出设置文件，填好本办信息后以 --config 传入",
                                   "the notices' {keys} still hold the default settings' example values and are not "
                                   "ready to send: write the settings with creatio notices init-config, fill in the "
                                   "office's details and pass them with --config"),
    "note.as_of_before_campaign": ("截至日期 {as_of} 早于创建开始日期 {start}，序时进度为 0，没有社区慢于序时；"
                                   "请核对 --as-of、--start 或标准的 schedule",
                                   "the as-of date {as_of} is before the campaign starts ({start}): expected progress "
                                   "is 0 and no community is behind schedule — check --as-of, --start or the "
                                   "standard's schedule"),
    "note.as_of_from_option": ("命令行 --as-of", "--as-of option"),
    "note.as_of_from_ledger": ("台账标题中的截至/填报日期", "the date in the ledger's title"),
    "note.as_of_from_ledgers": ("多数台账标题中的截至/填报日期", "the date most ledgers give in their title rows"),
    "note.as_of_today": ("今天（台账中未找到截至日期）", "today (no date found in the ledger)"),
    "note.as_of_option_differs": ("按 --as-of {as_of} 检查；台账自身的截至日期是 {dates}",
                                  "checked as of --as-of {as_of}; the ledger's own date is {dates}"),
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
    "note.issuer_department": (
        "警告：责任单位“{department}”是发文机关本身，不向它发交办单；它的 {problems} 个问题（{communities} 个社区）"
        "由本办自行整改，请另行安排",
        "warning: the responsible department “{department}” is the issuing office itself, so it is sent no "
        "assignment; its {problems} problems ({communities} communities) are the office's own to fix"),
    "note.notices_done": ("通知 {written} 份；整改到位 {rectified}；逾期 {overdue}；目录 {folder}",
                          "{written} notices; rectified {rectified}; overdue {overdue}; folder {folder}"),
    # ---- the notice register: waits, migrations, interrupted runs --------------------------------------
    "note.register_waiting": ("{path}：另一个程序正在写入通知书登记簿，等待中 …",
                              "{path}: waiting for another program writing to the notice register …"),
    "note.folder_waiting": ("{folder}：另一个 creatio 进程正在向此文件夹写入通知书，等待中 …",
                            "{folder}: waiting for another creatio run writing notices into this folder …"),
    "note.folder_waiting_by": ("{folder}：另一个 creatio 进程（{holder}）正在向此文件夹写入通知书，等待中 …",
                               "{folder}: waiting for another creatio run writing notices into this folder ({holder}) …"),
    "note.lock_holder": ("进程 {pid}，主机 {host}，始于 {since}", "pid {pid} on {host} since {since}"),
    "note.register_migrated": ("{path}：登记簿结构已从第 {old} 版升级到第 {new} 版；升级前的副本 {backup}",
                               "{path}: register schema {old} → {new}; backup copy {backup}"),
    "note.register_pending": ("{path}：一次中断的运行有 {count} 个文件尚未放到位；下次向其文件夹运行 creatio notices draft"
                              "（或 creatio notices mark）时会放到位",
                              "{path}: {count} files of an interrupted run are not in place yet; the next "
                              "`creatio notices draft` into their folder (or `notices mark`) puts them there"),
    "note.register_recovered": ("{folder}：已将一次中断的运行的 {count} 个文件放到位",
                                "{folder}: {count} files of an interrupted run put in place"),
    "note.register_lost_file": ("{path}：{number} 的文件在一次中断的运行后丢失；用同一台账再次运行 creatio notices draft "
                                "可按原文号重新生成",
                                "{path}: the file of {number} was lost after an interrupted run; draft the same ledger "
                                "again to re-create it under the same number"),
    # ---- bulletins ---------------------------------------------------------------------------------
    "note.bulletin_weekly": ("周通报：截至 {date}，对比 {since}", "weekly bulletin as of {date}, compared with {since}"),
    "note.bulletin_monthly": ("月通报：{month}，{count} 次评分（{dates}）", "monthly bulletin for {month}: {count} runs ({dates})"),
    "note.bulletin_no_departments": ("历史库不记录责任单位，也找不到标准 {standard}：通报略去“从责任单位看”一段",
                                     "the history keeps no departments and standard {standard} is not found: the "
                                     "bulletin leaves the departments out"),
    "note.bulletin_departments_version": (
        "历史库不记录责任单位，而标准 {standard} 现为 {found} 版（评分时为 {recorded} 版）：通报略去“从责任单位看”一段",
        "the history keeps no departments and standard {standard} is now version {found} (the run used "
        "{recorded}): the bulletin leaves the departments out"),
    "bulletin.no_cjk_font": ("未找到能显示中文的字体：图中以序号代替名称，名称见各图下的注",
                             "no font with Chinese characters found: the charts show numbers instead of names, "
                             "listed in a note under each chart"),
    "bulletin.glyphs_missing": ("字体 {font} 缺少“{chars}”的字形：相关图中以序号代替名称，名称见图下的注",
                                "the font {font} lacks “{chars}”: those charts show numbers instead of names, listed "
                                "in a note under each"),
    "note.no_community_column": ("未找到社区列，见上面读到的表头", "no community column found — see the headers read above"),
    "note.validated": ("通过：{path} — {id} {version}，{indicators} 项指标，共 {points} 分",
                       "OK: {path} — {id} {version}, {indicators} indicators, {points} points"),
    "note.field_library": ("（字段库，供 extends）", "(field library for extends)"),
    "note.validated_library": ("通过，但只能作字段库：{path} — {id} {version} 没有指标，可供其他标准 extends，"
                               "不能用来检查、评分或起草通知",
                               "valid as a field library only: {path} — {id} {version} has no indicators; other "
                               "standards may extend it, but it cannot check, score or draft notices"),
}
