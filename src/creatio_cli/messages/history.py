"""Catalogue: the history file (``score --record``, ``creatio history``) — its errors, notes, warnings and
labels, kept together in one module so the feature's words are read and reviewed in one place.

Codes follow the rest of the catalogue: ``history.*`` errors (exit 2, the file named before the message),
``note.history_*`` on stderr, ``chart.*`` warnings, ``label.history_*`` column headers and headings.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- what the file is (refused files are never written) ---------------------------------------------
    "history.not_found": ("没有历史库文件（请先运行 creatio score … --record，或用 --history 指定其文件）",
                          "no history file here (run `creatio score … --record` first, or pass --history FILE)"),
    "history.unreadable": ("无法读取历史库：{reason}", "cannot read the history file: {reason}"),
    "history.not_regular": ("不是普通文件；历史库应是一个文件", "not a regular file; a history file is a file"),
    "history.empty": ("是 0 字节的空文件，不是历史库（请移走它，或用 --history 指定其他文件）；文件未改动",
                      "a 0-byte file, not a history file (move it away, or pass another --history); "
                      "the file was left as it is"),
    "history.not_database": ("不是历史库（不是数据库文件）；文件未改动",
                             "not a history file (not an SQLite database); the file was left as it is"),
    "history.foreign": ("是其他程序（或 creatio 其他用途）的数据库，不是历史库；文件未改动",
                        "an SQLite database of another program (or of another part of creatio), not a history file; "
                        "the file was left as it is"),
    "history.newer": ("由更新版本的 creatio 写入（历史库结构第 {version} 版，本版本只认识第 {known} 版及更早的）；"
                      "请升级 creatio 后使用；文件未改动",
                      "written by a newer creatio (history schema {version}; this creatio knows {known} and older); "
                      "upgrade creatio to use it; the file was left as it is"),
    "history.damaged": ("历史库已损坏，请恢复备份副本（文件未改动；--debug 可看详情）",
                        "damaged history file; restore a backup copy (the file was left as it is; "
                        "--debug shows the detail)"),
    "history.tables_missing": ("历史库已损坏（缺少数据表），请恢复备份副本；文件未改动",
                               "damaged history file (tables missing); restore a backup copy; the file was left as it is"),
    "history.cannot_create": ("无法创建历史库：{reason}", "cannot create the history file: {reason}"),
    "history.backup_failed": ("升级前无法写入备份 {backup}：{reason}；历史库未改动",
                              "cannot write the backup {backup} before migrating: {reason}; the history file was "
                              "left as it is"),
    # ---- using it (locks, permissions, space) -------------------------------------------------------------
    "history.locked": ("历史库正被其他程序锁定（已等待 {seconds} 秒），请待其完成后重试",
                       "the history file is locked by another program (waited {seconds} s); try again when it has "
                       "finished"),
    "history.read_only": ("历史库是只读的，未记录任何内容（请检查该文件及其文件夹的权限）",
                          "the history file is read-only; nothing was recorded (check the file's and its folder's "
                          "permissions)"),
    "history.disk_full": ("写入历史库时磁盘已满，未记录任何内容", "disk full while writing the history file; nothing was recorded"),
    "history.cannot_open": ("无法打开历史库（其文件夹是否存在、是否允许写入？）",
                            "cannot open the history file (does its folder exist and allow writing?)"),
    "history.unusable": ("无法使用历史库（{error}；--debug 可看详情）",
                         "cannot use the history file ({error}; --debug shows the detail)"),
    # ---- options -------------------------------------------------------------------------------------------
    "history.needs_record": ("{option} 只与 --record 一起使用（把本次评分记入历史库）",
                             "{option} goes with --record (which records this run in the history file)"),
    "history.scope_invalid": ("--scope 应是一个简短的名称（1–{limit} 个字符，不含控制字符），不是“{value}”",
                              "--scope takes a short name (1–{limit} characters, no control characters), not “{value}”"),
    "history.is_output": ("历史库与报告是同一个文件（--history 与 --output）", "the history file is the report (--history and --output)"),
    "history.not_recorded": ("报告已写出，但本次评分未记入历史库：{reason}",
                             "the report was written, but this run was not recorded in the history file: {reason}"),
    # ---- reading ------------------------------------------------------------------------------------------------
    "history.no_runs": ("历史库中没有符合条件的评分记录（标准 {standard}，范围 {scope}）",
                        "no recorded run matches (standard {standard}, scope {scope})"),
    "history.series_ambiguous": ("历史库中有多组记录（{series}）；请用 --scope（及 --standard）选择一组",
                                 "the history file holds several series ({series}); choose one with --scope (and "
                                 "--standard)"),
    "history.community_not_found": ("所选记录中没有社区“{community}”{where}",
                                    "no community “{community}”{where} in the selected runs"),
    "history.community_where": ("（{place}）", " ({place})"),
    "history.charts_is_file": ("是文件；--charts 需要一个文件夹", "is a file; --charts takes a folder"),
    # ---- labels: headings and columns of `creatio history` ---------------------------------------------------
    "label.history_heading": ("历史库 {path}：标准 {standard}，范围 {scope}", "History {path}: standard {standard}, scope {scope}"),
    "label.history_heading_all": ("历史库 {path}", "History {path}"),
    "label.history_runs": ("历次评分", "Runs"),
    "label.history_districts": ("区县趋势", "Districts"),
    "label.history_streets": ("街道趋势", "Streets"),
    "label.history_partners": ("帮扶单位趋势", "Partner units"),
    "label.history_indicators": ("指标达标率趋势", "Indicator pass rates"),
    "label.history_communities": ("社区趋势", "Communities"),
    "label.history_trajectory": ("{community} 历次评分", "{community} run by run"),
    "label.history_scope": ("范围", "Scope"),
    "label.history_gap": ("与序时进度差（百分点）", "Vs expected (points)"),
    "label.history_partner": ("帮扶单位", "Partner unit"),
    "label.history_met": ("达标社区数", "Met"),
    "label.history_pass_rate_change": ("达标率变化（百分点）", "Pass rate change (points)"),
    "label.history_problems": ("未达标社区数", "Not met"),
    "label.history_unmet": ("未达标指标", "Indicators not met"),
    # ---- labels: charts ------------------------------------------------------------------------------------------
    "label.chart_mean_score": ("各次评分平均分", "Mean score per run"),
    "label.chart_behind": ("各次评分慢序时社区数", "Communities behind schedule per run"),
    "label.chart_completion": ("平均完成率与序时进度", "Mean completion and expected progress"),
    "label.chart_district_scores": ("各区县平均分", "District mean scores"),
    "label.chart_street_scores": ("各街道平均分", "Street mean scores"),
    "label.chart_partner_scores": ("各帮扶单位平均分", "Partner unit mean scores"),
    "label.chart_pass_rates": ("各指标达标率（{as_of}）", "Pass rate per indicator ({as_of})"),
    "label.chart_trajectory": ("{community} 完成率与序时进度", "{community}: completion and expected progress"),
    "label.chart_more_lines": ("仅画出最近一次平均分最低的 {shown} 条（共 {total} 条）",
                               "only the {shown} lowest by the latest mean score are drawn (of {total})"),
    # ---- notes on stderr ----------------------------------------------------------------------------------------
    "note.history_recorded": ("已记入历史库 {path}：标准 {standard}，截至 {as_of}，范围 {scope}，{communities} 个社区",
                              "recorded in {path}: standard {standard}, as of {as_of}, scope {scope}, "
                              "{communities} communities"),
    "note.history_replaced": ("已替换历史库 {path} 中的记录：标准 {standard}，截至 {as_of}，范围 {scope}，"
                              "{communities} 个社区（原记录写于 {previous}）",
                              "replaced in {path}: standard {standard}, as of {as_of}, scope {scope}, "
                              "{communities} communities (the run recorded at {previous})"),
    "note.history_migrated": ("{path}：历史库结构已从第 {old} 版升级到第 {new} 版；升级前的副本 {backup}",
                              "{path}: history schema {old} → {new}; backup copy {backup}"),
    "note.history_waiting": ("{path}：另一个程序正在写入历史库，等待中 …",
                             "{path}: waiting for another program writing to the history file …"),
    "note.history_series": ("历史库 {path}：标准 {standard}，范围 {scope}，{runs} 次评分",
                            "history {path}: standard {standard}, scope {scope}, {runs} runs"),
    "note.history_versions": ("各次评分所用标准版本不同（{versions}）；指标按编号对照",
                              "the runs used different versions of the standard ({versions}); indicators are "
                              "matched by id"),
    "note.history_titles_shipped": ("历史库为旧格式（未存指标名称），指标名称取自随附标准 {standard}（版本 {version}）",
                                    "the history file is of the old format (no indicator titles kept): titles are "
                                    "taken from the shipped standard {standard} (version {version})"),
    "note.history_community_several": ("有多个社区名为“{community}”（{places}），逐个列出，不画走势图；"
                                       "只看其中一个请加 --street（或 --district）",
                                       "several communities are named “{community}” ({places}): each is listed, no "
                                       "trajectory chart is drawn; add --street (or --district) to follow one"),
    # ---- chart warnings -----------------------------------------------------------------------------------------
    "chart.font_missing": ("未找到能显示中文的字体（{fonts} 等均未安装），图中的中文以编号代替，对照表格查看",
                           "no font that shows Chinese was found (none of {fonts} is installed); Chinese labels in the "
                           "charts are replaced by numbers: see the tables"),
    "chart.glyph_missing": ("字体 {font} 缺少“{text}”中的字符，图中这类名称以编号代替，对照表格查看",
                            "the font {font} lacks characters of “{text}”; such labels in the charts are replaced by "
                            "numbers: see the tables"),
}
