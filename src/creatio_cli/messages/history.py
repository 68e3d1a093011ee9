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
}
