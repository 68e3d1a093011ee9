"""Catalogue: errors (exit 2) — a file, sheet, standard, option or output that cannot be used.

Each entry: code → (Chinese, English). Placeholders are named after the params; user data (paths,
sheet names, headers, YAML keys, raw cells) arrives as params and is never translated. The position
(file, sheet, cell, YAML key) is printed before the message by the error itself, so it is not repeated.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- ledger files ---------------------------------------------------------------------------
    "file.broken_link": ("是指向不存在文件的链接（{target}）", "is a link to a file that does not exist ({target})"),
    "file.not_found": ("文件不存在", "file not found"),
    "file.is_folder": ("是文件夹，不是台账文件（文件夹请用 creatio score）",
                       "is a folder, not a ledger file (use `creatio score` for folders)"),
    "file.unreadable": ("无法读取：{reason}", "cannot read: {reason}"),
    "file.not_regular_file": ("不是普通文件（是管道、设备或套接字），请将台账保存为文件",
                              "is not a regular file (a pipe, device or socket); save the ledger as a file"),
    "file.empty": ("空文件", "empty file"),
    "file.too_large": ("文件大于 {limit} MB（上限；可设置环境变量 {variable} 调高）",
                       "file larger than {limit} MB (limit; set {variable} to raise it)"),
    "file.not_ledger_format": ("不是台账文件格式（{formats}）", "not a ledger format ({formats})"),
    "file.not_spreadsheet": ("不是电子表格（文件内容不是 xlsx、xls 或 ods）",
                             "not a spreadsheet (the file's content is not xlsx, xls or ods)"),
    "file.not_openable": ("无法作为电子表格打开（文件已损坏或格式不受支持；--debug 可看详情）",
                          "cannot open as a spreadsheet (damaged or unsupported; --debug shows the detail)"),
    "file.encrypted": ("已加密（有密码保护），请另存一份无密码的副本",
                       "is encrypted (password-protected); save an unprotected copy"),
    "file.csv_encoding": ("不是文本 CSV（编码无法识别，请另存为 UTF-8 或 GB18030）",
                          "not a text CSV (unknown encoding; save it as UTF-8 or GB18030)"),
    "file.csv_is_zip_workbook": ("是工作簿（xlsx 或 ods），不是文本 CSV，只是文件名以 .csv 结尾；请将其改名为 .xlsx"
                                 "（ods 表格改为 .ods）",
                                 "is a workbook (xlsx or ods), not a text CSV, only named .csv; rename it to .xlsx "
                                 "(.ods for an OpenDocument spreadsheet)"),
    "file.csv_is_ole_workbook": ("是 xls 工作簿（OLE 复合文档），不是文本 CSV，只是文件名以 .csv 结尾；请将其改名为 .xls",
                                 "is an xls workbook (an OLE compound file), not a text CSV, only named .csv; "
                                 "rename it to .xls"),
    "file.csv_damaged": ("CSV 文件已损坏（第{line}行；--debug 可看详情）", "damaged CSV (line {line}; --debug shows the detail)"),
    "file.csv_unclosed_quote": ("CSV 文件第{line}行有一个引号没有闭合，其后的内容会被读成一个单元格；请检查该行的引号",
                                "damaged CSV: a quote opened on line {line} never closes, so the rest of the file "
                                "would be read as one cell; check the quotes on that line"),
    "file.damaged_zip": ("工作簿已损坏或不完整（不是可读的 zip 压缩包）",
                         "damaged or truncated workbook (not a readable zip archive)"),
    "file.zip_not_workbook": ("是 zip 压缩包，但不是工作簿（其中没有 xlsx 或 ods 内容）",
                              "is a zip archive but not a workbook (no xlsx or ods content inside)"),
    "file.damaged_part": ("工作簿已损坏（{part} 无法读取；--debug 可看详情）",
                          "damaged workbook ({part} cannot be read; --debug shows the detail)"),
    "file.part_too_large": ("{part} 大得不合理（{mb} MB）", "{part} is implausibly large ({mb} MB)"),
    "file.unsafe_xml": ("不安全的 XML：{part}（含 DTD 或实体声明，正常工作簿不会有）",
                        "unsafe XML in {part} (a DTD or entity declaration; no real workbook has one)"),
    "file.zip_entries": ("压缩包内有 {entries} 个文件（上限 {limit}；可设置环境变量 {variable}）",
                         "zip holds {entries} files (limit {limit}; set {variable})"),
    "file.zip_too_big": ("解压后为 {mb} MB，超过 {limit} MB 上限（疑似压缩炸弹；可设置环境变量 {variable} 调高）",
                         "unpacks to {mb} MB, above the {limit} MB limit (possible zip bomb; set {variable} to raise it)"),
    "file.zip_ratio": ("压缩比 {ratio}:1 超过 {limit}:1（疑似压缩炸弹；可设置环境变量 {variable} 调高）",
                       "compression ratio {ratio}:1 is above {limit}:1 (possible zip bomb; set {variable} to raise it)"),
    "file.reader_memory": ("读取所需内存超过上限（{limit} MB；可设置环境变量 {variable} 调高）",
                           "needs more memory than a reader may use ({limit} MB; set {variable} to raise it)"),
    "file.reader_stopped": ("无法读取：读取进程意外终止（{how}：{said}），文件可能已损坏或被恶意构造",
                            "cannot be read: the reader stopped ({how}: {said}); the file may be damaged or crafted"),
    "file.reader_exited": ("无法读取：读取进程意外退出（退出码 {status}：{said}），文件可能已损坏或被恶意构造",
                           "cannot be read: the reader exited (exit code {status}: {said}); the file may be damaged or crafted"),
    "file.reader_exception": ("无法读取（读取时出错；--debug 可看详情）",
                              "cannot read (the reader failed; --debug shows the detail)"),
    "file.reader_panic": ("无法作为电子表格打开（表格读取组件出错；--debug 可看详情）",
                          "cannot open as a spreadsheet (the spreadsheet reader failed; --debug shows the detail)"),
    "file.reason_in_sheet": ("[{sheet}] {reason}", "[{sheet}] {reason}"),
    # ---- a legacy .xls's OLE container (ledger/cfb.py); the detail says what is wrong -----------------
    "file.ole_damaged": ("无法作为电子表格打开（OLE 容器已损坏：{detail}）",
                         "cannot open as a spreadsheet (damaged OLE container: {detail})"),
    "ole.no_header": ("没有复合文档文件头", "no compound-file header"),
    "ole.sector_size": ("扇区大小无效", "bad sector size"),
    "ole.truncated": ("文件不完整", "truncated"),
    "ole.no_root": ("没有根目录项", "no root directory entry"),
    "ole.declares_sectors": ("{part}声明了 {declared} 个扇区，而文件只有 {sectors} 个",
                             "the {part} declares {declared} sectors in a file of {sectors}"),
    "ole.declares_bytes": ("{part}声明了 {length} 字节，而文件只有 {size} 字节",
                           "the {part} declares {length} bytes in a file of {size}"),
    "ole.sector_outside": ("第 {index} 扇区在文件之外（文件共 {sectors} 个扇区）",
                           "sector {index} is outside the file ({sectors} sectors)"),
    "ole.chain_loops": ("{part}的扇区链形成循环", "the {part} chain loops"),
    "ole.chain_leaves": ("{part}的扇区链指向文件之外", "the {part} chain leaves the file"),
    "ole.part.directory": ("目录", "directory"),
    "ole.part.fat": ("扇区分配表", "allocation table"),
    "ole.part.mini_fat": ("短扇区分配表", "mini allocation table"),
    "ole.part.difat": ("主扇区分配表（DIFAT）", "DIFAT"),
    "ole.part.mini_stream": ("短流", "mini stream"),
    "ole.part.stream": ("数据流", "stream"),
    # ---- sheets ---------------------------------------------------------------------------------
    "sheet.not_found": ("没有名为“{sheet}”的工作表（现有：{sheets}）", "no sheet named “{sheet}” (sheets: {sheets})"),
    "sheet.unreadable": ("无法读取该工作表（--debug 可看详情）", "cannot read this sheet (--debug shows the detail)"),
    "sheet.part_missing": ("无法读取该工作表（工作簿列出了它，但其内容部件缺失或无法读取；--debug 可看详情）",
                           "cannot read this sheet (the workbook lists it, but its part is missing or unreadable; "
                           "--debug shows the detail)"),
    "sheet.reader_panic": ("无法读取该工作表（表格读取组件出错；--debug 可看详情）",
                           "cannot read this sheet (the spreadsheet reader failed; --debug shows the detail)"),
    "sheet.too_large_declared": (
        "工作表声明了 {rows} 行 × {columns} 列，超过上限（{max_rows} 行、{max_columns} 列、{max_cells} 个单元格；"
        "可设置环境变量 {variables}）",
        "sheet declares {rows} rows × {columns} columns, above the limits ({max_rows} rows, {max_columns} columns, "
        "{max_cells} cells; set {variables})"),
    "sheet.too_large_used": (
        "工作表使用了 {rows} 行 × {columns} 列，超过上限（{max_rows} 行、{max_columns} 列、{max_cells} 个单元格；"
        "可设置环境变量 {variables}）",
        "sheet uses {rows} rows × {columns} columns, above the limits ({max_rows} rows, {max_columns} columns, "
        "{max_cells} cells; set {variables})"),
    "sheet.too_many_merges": (
        "工作表有 {ranges} 个合并区域，共 {cells} 个单元格，超过上限（{max_ranges} 个区域、{max_cells} 个单元格；"
        "可设置环境变量 {variables}）",
        "sheet has {ranges} merged ranges covering {cells} cells, above the limits ({max_ranges} ranges, "
        "{max_cells} cells; set {variables})"),
    "sheet.no_data_rows": ("表头下没有数据行", "the ledger header has no data rows under it"),
    "sheet.different_dates": (
        "工作簿中 {n} 张台账表的日期不同：{sheets}。不同时期的台账不能合并检查（同一社区会出现两次，截至日期也无法确定）；"
        "请用 --sheet 指定要检查的一张表，如 --sheet \"{latest}\"",
        "{n} ledger sheets of this workbook carry different dates: {sheets}. Ledgers of different periods cannot be "
        "checked together (a community would appear twice and the as-of date would be a guess): pick the sheet to "
        "check with --sheet, e.g. --sheet \"{latest}\""),
    "sheet.blocks_different_dates": (
        "工作表上下叠放了不同时期的台账块：{blocks}。合在一起检查，上面一块会顶替下面各块中的同名社区，截至日期也无法确定；"
        "请把要检查的一块单独存为一张工作表，再用 --sheet 指定",
        "this sheet stacks ledger blocks of different periods: {blocks}. Checked together, the upper block would "
        "stand in for the same communities below it and the as-of date would be a guess: save the block to check on "
        "a sheet of its own and pick it with --sheet"),
    # ---- what a ledger lacks ----------------------------------------------------------------------
    "ledger.no_community_column": (
        "未找到社区列（已尝试：{tried}）；第{row}行读到的表头：{headers}；详见 creatio inspect",
        "no community column found (tried: {tried}); headers read in row {row}: {headers}; "
        "run `creatio inspect` for details"),
    "ledger.community_numbers": (
        "{letter}列「{header}」被用作社区列，但 {total} 个取值中 {odd} 个是数字（如 {examples}），不是社区名称；"
        "请用 --map 指定写有社区名称的列",
        "column {letter} (“{header}”) is used as the community column, but {odd} of its {total} values are "
        "numbers ({examples} …), not community names; map the column that holds the names with --map"),
    "ledger.community_numbers_other": (
        "{letter}列「{header}」被用作社区列，但 {total} 个取值中 {odd} 个是数字（如 {examples}），不是社区名称；"
        "社区名称像是在{other}列「{other_header}」：请检查 --map / --mapping",
        "column {letter} (“{header}”) is used as the community column, but {odd} of its {total} values are "
        "numbers ({examples} …), not community names; the names look like column {other} (“{other_header}”): "
        "check --map / --mapping"),
    "ledger.community_two_columns": (
        "{n} 列表头都写明是社区列：{columns}，无法确定用哪一列；请用 --map 指定，如 --map “{header}=community”",
        "{n} columns are headed as the community column: {columns}; which one is meant cannot be told — choose "
        "with --map, e.g. --map \"{header}=community\""),
    "ledger.hidden_ledger_sheet": (
        "可见的工作表中没有台账；隐藏的工作表「{sheet}」像是台账（第{row}行表头：{headers}）；如要检查它，请加 --sheet {sheet}",
        "no visible sheet holds a ledger; the hidden sheet “{sheet}” looks like one (headers in row {row}: {headers}); "
        "to check it, add --sheet {sheet}"),
    "ledger.no_header_row": ("未找到社区列（已尝试：{tried}）；没有工作表有表头行",
                             "no community column found (tried: {tried}); no sheet has a header row"),
    "ledger.empty_workbook": ("工作簿是空的（没有任何单元格有内容）", "the workbook is empty (no cell has content)"),
    "ledger.nothing_assessable": (
        "标准的指标一项也无法评估：未找到 {fields} 等列；读到的表头：{headers}；可用 --map 指定列，详见 creatio inspect",
        "none of the standard's indicators can be assessed: no column for {fields}; headers read: {headers}; "
        "map columns with --map, see `creatio inspect`"),
    "ledger.nothing_assessable_looks_like": (
        "标准的指标一项也无法评估：未找到 {fields} 等列；读到的表头：{headers}。这份台账更像“{title}”的台账"
        "（按该标准可评估 {assessed}/{total} 项指标），是否应使用 --standard {id}？",
        "none of the standard's indicators can be assessed: no column for {fields}; headers read: {headers}. "
        "This ledger looks like one for “{title}” ({assessed} of its {total} indicators can be assessed): "
        "did you mean --standard {id}?"),
    # ---- folders and batches ----------------------------------------------------------------------
    "folder.not_found": ("文件夹不存在", "folder not found"),
    "folder.not_folder": ("不是文件夹（单个台账请用 creatio check）", "not a folder (use `creatio check` for one ledger)"),
    "folder.no_ledgers": ("文件夹中没有台账文件（{formats}）", "no ledger files ({formats}) in this folder"),
    "folder.nothing_scored": ("没有能评分的台账（{files} 个文件，全部跳过）",
                              "no ledger could be scored ({files} files, all skipped)"),
    "folder.nothing_read": ("文件夹中没有能读取的台账文件", "no ledger file in this folder could be read"),
    # ---- standards --------------------------------------------------------------------------------
    "standard.is_folder": ("是文件夹，不是 YAML 标准文件", "is a folder, not a YAML standard"),
    "standard.empty_ref": ("没有给出标准；应为{expected}", "no standard given; expected {expected}"),
    "standard.unknown_id": ("没有这个标准（内置：{shipped}）", "no such standard (shipped: {shipped})"),
    "standard.too_large": ("作为 YAML 文件过大（{size} 字节，上限 {limit}；可设置环境变量 {variable} 调高）",
                           "too large for a YAML file ({size} bytes, limit {limit}; set {variable} to raise it)"),
    "standard.is_device": ("是设备，不是 YAML 文件", "is a device, not a YAML file"),
    "standard.is_fifo": ("是命名管道（FIFO），不是 YAML 文件", "is a named pipe (FIFO), not a YAML file"),
    "standard.not_regular": ("不是普通文件，不是 YAML 文件", "is not a regular file, not a YAML file"),
    "standard.alias_loop": ("YAML 别名指向包含它的节点（循环）", "an alias refers to the node that contains it (a loop)"),
    "standard.yaml_nodes": ("展开后超过 {limit} 个 YAML 节点（上限；可设置环境变量 {variable} 调高）",
                            "expands to more than {limit} YAML nodes (limit; set {variable} to raise it)"),
    "standard.yaml_aliases": ("一个文件中的 YAML 别名超过 {limit} 个（上限；可设置环境变量 {variable} 调高）",
                              "more than {limit} aliases in one file (limit; set {variable} to raise it)"),
    "standard.duplicate_key": ("第{line}行的键重复（首次出现在第{first}行；YAML 只会保留最后一个）",
                               "duplicate key at line {line} (first at line {first}; YAML would keep only the last)"),
    "standard.rule_nodes": ("一条规则树中的规则超过 {limit} 条（上限；可设置环境变量 {variable} 调高）",
                            "more than {limit} rules in one rule tree (limit; set {variable} to raise it)"),
    "standard.rule_depth": ("规则嵌套超过 {limit} 层（上限；可设置环境变量 {variable} 调高）",
                            "rules nested more than {limit} levels deep (limit; set {variable} to raise it)"),
    "standard.nested_too_deeply": ("嵌套过深", "nested too deeply"),
    "standard.not_utf8": ("不是 UTF-8 文本", "not UTF-8 text"),
    "standard.yaml_syntax": ("不是有效的 YAML（--debug 可看详情）", "not valid YAML (--debug shows the detail)"),
    "standard.yaml_syntax_at": ("第{line}行第{column}列：不是有效的 YAML（--debug 可看详情）",
                                "line {line}, column {column}: not valid YAML (--debug shows the detail)"),
    "standard.not_mapping": ("标准必须是 YAML 映射（id、title、fields、indicators …）",
                             "a standard must be a YAML mapping (id, title, fields, indicators …)"),
    "standard.extends_circular": ("循环引用", "circular reference"),
    "standard.extends_type": ("必须是标准编号或路径", "must be a standard id or a path"),
    "standard.extends_unusable": ("{ref}：{reason}", "{ref}: {reason}"),
    "standard.unknown_indicator": ("未知的指标“{id}”", "unknown indicator “{id}”"),
    "standard.with_more": ("{problem}（另有 {more} 处问题）", "{problem} (and {more} more problem(s))"),
    "standard.unknown_key": ("未知的键", "unknown key"),
    "standard.unknown_key_suggest": ("未知的键（是否应为“{suggestion}”？）", "unknown key (did you mean “{suggestion}”?)"),
    "standard.unknown_rule_kind": ("未知的规则类型“{kind}”（可用：{kinds}）", "unknown rule kind “{kind}” (known: {kinds})"),
    "standard.rule_kind_missing": ("规则缺少 kind", "the rule has no kind"),
    "standard.key_required": ("缺少必填的键", "required key missing"),
    "standard.not_a_number": ("应为数字，实为“{value}”", "should be a number, not “{value}”"),
    "standard.not_an_integer": ("应为整数，实为“{value}”", "should be a whole number, not “{value}”"),
    "standard.not_finite": ("应为有限的数字，不能是 .nan 或 .inf", "must be a finite number, not .nan or .inf"),
    "standard.not_text": ("应为文字，实为“{value}”", "should be text, not “{value}”"),
    "standard.not_yes_no": ("应为 true 或 false，实为“{value}”", "should be true or false, not “{value}”"),
    "standard.not_a_date": ("应为日期（如 2022-06-30），实为“{value}”", "should be a date (e.g. 2022-06-30), not “{value}”"),
    "standard.choices": ("{items}或{last}", "{items} or {last}"),
    "standard.not_one_of": ("“{value}”不是可选值（{expected}）", "“{value}” is not one of {expected}"),
    "standard.must_exceed": ("应大于 {limit}，实为“{value}”", "should be greater than {limit}, not “{value}”"),
    "standard.must_be_at_least": ("应不小于 {limit}，实为“{value}”", "should be at least {limit}, not “{value}”"),
    "standard.must_be_below": ("应小于 {limit}，实为“{value}”", "should be less than {limit}, not “{value}”"),
    "standard.must_be_at_most": ("应不大于 {limit}，实为“{value}”", "should be at most {limit}, not “{value}”"),
    "standard.bad_id": ("“{value}”不符合编号格式（{pattern}）", "“{value}” does not match the id format ({pattern})"),
    "standard.too_short": ("至少需要 {limit} 项", "needs at least {limit} item(s)"),
    "standard.too_long": ("最多 {limit} 项", "at most {limit} item(s)"),
    "standard.not_a_list": ("应为列表", "should be a list"),
    "standard.not_a_mapping": ("应为映射（键: 值）", "should be a mapping (key: value)"),
    "standard.invalid_value": ("取值无效（{detail}）", "invalid value ({detail})"),
    "standard.identity_field_required": ("缺少字段 fields.{field}（用于识别社区）",
                                         "fields.{field} is required (communities are identified by it)"),
    "standard.precedence_not_alias": ("precedence 中的“{name}”不在该字段的 aliases 中",
                                      "“{name}” in precedence is not one of the field's aliases"),
    "standard.indicator_twice": ("指标编号“{id}”出现两次", "indicator id “{id}” appears twice"),
    "standard.no_indicators": ("标准 {id} 没有指标：它是供其他标准 extends 的字段库，不能用来检查、评分或起草通知",
                               "standard {id} has no indicators: it is a field library for other standards to extend, "
                               "and cannot check, score or draft notices"),
    "standard.indicator_unknown_field": ("指标 {id} 引用了未定义的字段“{field}”",
                                         "indicator {id} names an undeclared field “{field}”"),
    "standard.indicator_unknown_field_suggest": ("指标 {id} 引用了未定义的字段“{field}”（是否应为“{suggestion}”？）",
                                                 "indicator {id} names an undeclared field “{field}” (did you mean "
                                                 "“{suggestion}”?)"),
    "standard.derive_unknown_field_suggest": ("fields.{field}.derive_from 引用了未定义的字段“{ref}”（是否应为“{suggestion}”？）",
                                              "fields.{field}.derive_from names an undeclared field “{ref}” (did you "
                                              "mean “{suggestion}”?)"),
    "standard.column_unknown_field_suggest": ("columns 中的表头“{header}”对应了未定义的字段“{field}”（是否应为“{suggestion}”？）",
                                              "columns: the header “{header}” names an undeclared field “{field}” "
                                              "(did you mean “{suggestion}”?)"),
    "standard.derive_unknown_field": ("fields.{field}.derive_from 引用了未定义的字段“{ref}”",
                                      "fields.{field}.derive_from names an undeclared field “{ref}”"),
    "standard.bad_replace": ("replace 只能列出这些键：{keys}", "replace may list only: {keys}"),
    "standard.column_unknown_field": ("columns 中的表头“{header}”对应了未定义的字段“{field}”",
                                      "columns: the header “{header}” names an undeclared field “{field}”"),
    "standard.waiver_unknown_indicator": ("waivers 引用了未知的指标“{id}”", "waivers name an unknown indicator “{id}”"),
    "standard.deadline_before_start": ("截止日期 {deadline} 早于开始日期 {start}",
                                       "the deadline {deadline} is before the start {start}"),
    "standard.deadline_before_campaign_start": ("截止日期 {deadline} 早于创建开始日期 {start}（{source}）",
                                                "the deadline {deadline} is before the campaign start {start} ({source})"),
    "standard.start_from_as_of": ("标准未写 schedule.start，取截至日期所在年份的1月1日；可用 --start 指定",
                                  "no schedule.start: 1 January of the as-of year; --start sets another"),
    "standard.start_after_campaign_deadline": ("开始日期 {start} 晚于创建截止日期 {deadline}（{source}）",
                                               "the start {start} is after the campaign deadline {deadline} ({source})"),
    "standard.grade_min_twice": ("两档的 min 都是 {min}，不知该给哪个等级", "two grade bands have min {min}: which label is meant?"),
    "standard.grades_no_floor": ("最低一档从 {lowest} 起：完成率低于 {lowest}% 的社区将没有等级（最低一档应为 min: 0）",
                                 "the lowest band starts at {lowest}: communities below {lowest} % would get no grade "
                                 "(the lowest band needs min: 0)"),
    "standard.negative_threshold": ("字段 {field} 不会是负数，以 {value} 为门槛没有意义（可为负数的字段在 fields 中写 "
                                    "allow_negative: true）",
                                    "the field {field} is never negative, so {value} is no threshold (a field that "
                                    "can be negative says allow_negative: true)"),
    "standard.tier_below_missing": ("只有最后一档可以省略 below", "only the last tier may omit 'below'"),
    "standard.tiers_not_ascending": ("各档 below 须从小到大排列", "tiers must be in ascending order of 'below'"),
    # ---- an office's own column mapping (--map, --mapping) -----------------------------------------
    "mapping.bad_map": ("--map “{value}” 应写成“表头=字段”", "--map “{value}” should read HEADER=field"),
    "mapping.not_yaml": ("不是可读的 YAML 映射文件", "not a readable YAML mapping file"),
    "mapping.not_mapping": ("应为表头到字段的映射（columns: 表头: 字段）",
                            "expected a mapping of headers to fields (columns: HEADER: field)"),
    "mapping.unknown_key": ("未知的键“{key}”（映射文件的键只能是 {keys}）", "unknown key “{key}” (a mapping file's keys: {keys})"),
    "mapping.unknown_key_suggest": ("未知的键“{key}”（是否应为“{suggestion}”？）", "unknown key “{key}” (did you mean “{suggestion}”?)"),
    "mapping.bad_field": ("字段名“{field}”应为文字或 null", "the field “{field}” should be a name or null"),
    "mapping.unknown_field": ("标准中没有字段“{field}”（可用：{fields}）", "the standard has no field “{field}” (fields: {fields})"),
    "mapping.map_not_found": ("--map 的表头“{header}”在台账中没有找到", "--map: no column of the ledger is headed “{header}”"),
    # ---- the command line as the parser reads it (cli/usage.py) ------------------------------------
    "usage.no_such_option": ("没有这个选项：{option}", "no such option: {option}"),
    "usage.no_such_option_suggest": ("没有这个选项：{option}（是否想用 {suggestions}？）",
                                     "no such option: {option} (did you mean {suggestions}?)"),
    "usage.option_needs_value": ("{option} 后面缺少取值", "{option} needs a value"),
    "usage.option_needs_value_metavar": ("{option} 后面缺少取值（{metavar}）", "{option} needs a value ({metavar})"),
    "usage.option_needs_values": ("{option} 后面需要 {count} 个取值", "{option} needs {count} values"),
    "usage.option_takes_no_value": ("{option} 是开关，不接受取值", "{option} is a switch and takes no value"),
    "usage.not_integer": ("{option} 应为整数，不是“{value}”", "{option} must be a whole number, not “{value}”"),
    "usage.not_number": ("{option} 应为数字，不是“{value}”", "{option} must be a number, not “{value}”"),
    "usage.range_between": ("{option} 应在 {min} 到 {max} 之间，不是“{value}”",
                            "{option} must be between {min} and {max}, not “{value}”"),
    "usage.range_at_least": ("{option} 应不小于 {min}，不是“{value}”", "{option} must be at least {min}, not “{value}”"),
    "usage.range_at_most": ("{option} 应不大于 {max}，不是“{value}”", "{option} must be at most {max}, not “{value}”"),
    "usage.missing_argument": ("缺少参数 {name}", "missing argument {name}"),
    "usage.missing_option": ("缺少选项 {option}", "missing option {option}"),
    "usage.no_such_command": ("没有这个命令：{name}（可用：{commands}）", "no such command: {name} (commands: {commands})"),
    "usage.no_such_command_suggest": ("没有这个命令：{name}（是否想用 {suggestions}？）",
                                      "no such command: {name} (did you mean {suggestions}?)"),
    "usage.extra_arguments": ("多余的参数：{args}", "unexpected extra argument(s): {args}"),
    # A kind of refusal cli/usage.py does not know: the parser's own (English) text, nothing lost.
    "usage.other": ("命令行有误：{detail}", "{detail}"),
    "usage.hint": ("可运行 {command} --help 查看用法。", "Try '{command} --help' for help."),
    "usage.aborted": ("已中止", "aborted"),
    # ---- options ----------------------------------------------------------------------------------
    "option.lang": ("--lang 只能是 zh 或 en，不是“{value}”", "--lang must be zh or en, not “{value}”"),
    "option.convention": ("--convention 只能是 day 或 month，不是“{value}”",
                          "--convention must be day or month, not “{value}”"),
    "option.date": ("{option}：“{value}”不是日期（例如 2022-06-30）", "{option}: “{value}” is not a date (e.g. 2022-06-30)"),
    "option.deadline_before_start": ("创建截止日期 {deadline} 早于开始日期 {start}",
                                     "campaign deadline {deadline} is before its start {start}"),
    "option.format_unknown": ("未知的 --format“{value}”（可选：{choices}）", "unknown --format “{value}” (use one of {choices})"),
    "option.format_contradicts_suffix": ("--format {format} 与输出文件后缀 {suffix} 不符，请修改后缀或格式",
                                         "--format {format} contradicts the output file's suffix {suffix}; "
                                         "change the suffix or the format"),
    "option.format_from_suffix": ("无法从输出文件判断格式，请使用后缀（{suffixes}）或 --format",
                                  "cannot tell the format from the output file; use a suffix ({suffixes}) or --format"),
    "option.xlsx_needs_output": ("--format xlsx 需要 --output 文件.xlsx（工作簿无法输出到终端）",
                                 "--format xlsx needs --output FILE.xlsx (a workbook cannot go to the terminal)"),
    "option.no_filter_column": ("--{option}：台账中没有{column}列", "--{option}: the ledger has no {column} column"),
    "option.filter_no_match": ("没有符合条件的社区（{given}）", "no community matches {given}"),
    "option.empty": ("{option} 的值为空；应为{expected}", "{option} is empty; it takes {expected}"),
    "option.is_folder": ("是文件夹；{option} 应为{expected}", "is a folder; {option} takes {expected}"),
    "option.expects_standard": ("标准编号（内置：{shipped}）或 YAML 标准文件", "a standard id (shipped: {shipped}) or a YAML standard file"),
    "option.expects_mapping": ("列映射 YAML 文件（creatio inspect --write-mapping 可写出一份）",
                               "a column-mapping YAML file (`creatio inspect --write-mapping` writes one)"),
    "option.expects_settings": ("设置 YAML 文件（creatio notices init-config 可写出一份）",
                                "a settings YAML file (`creatio notices init-config` writes one)"),
    "option.choice": ("{option} 只能是 {choices}，不是“{value}”", "{option} must be one of {choices}, not “{value}”"),
    "option.exists": ("已存在，未覆盖（如要替换，请加 --force）", "already exists; not overwritten (use --force to replace it)"),
    "option.template_suffix": ("模板应为 .xlsx 文件", "the template is an .xlsx file"),
    "option.output_is_file": ("是文件；通知书需写入文件夹", "is a file; notices are written into a folder"),
    # ---- outputs ----------------------------------------------------------------------------------
    "output.is_input": ("拒绝写入：它是输入文件（{input}）", "refusing to write: it is an input file ({input})"),
    "output.is_folder": ("拒绝写入：它是文件夹", "refusing to write: it is a folder"),
    "output.not_regular": ("拒绝写入：它不是普通文件（设备、管道或套接字）",
                           "refusing to write: not a regular file (a device, pipe or socket)"),
    "output.cannot_write": ("无法写入：{reason}", "cannot write: {reason}"),
    "output.no_folder": ("文件夹 {folder} 不存在（不会自动创建）", "folder {folder} does not exist (it is not created)"),
    "output.folder_is_file": ("无法写入：{blocker} 是文件，不是文件夹", "cannot write: {blocker} is a file, not a folder"),
    "output.stdout": ("无法写入标准输出：{reason}", "cannot write standard output: {reason}"),
    "output.cannot_create_folder": ("无法创建文件夹：{reason}", "cannot create the folder: {reason}"),
    "output.cannot_replace": ("无法替换：{reason}（是否正被其他程序打开？）",
                              "cannot replace: {reason} (is it open in another program?)"),
    # ---- operating-system reasons (os_reason) -----------------------------------------------------
    "os.permission_denied": ("没有权限", "permission denied"),
    "os.disk_full": ("磁盘已满", "the disk is full"),
    "os.read_only": ("只读文件系统", "read-only file system"),
    "os.not_found": ("路径不存在", "no such file or folder"),
    "os.is_directory": ("是文件夹", "is a folder"),
    "os.not_directory": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "os.busy": ("正被占用", "in use"),
    "os.name_too_long": ("文件名过长", "file name too long"),
    "os.file_too_large": ("文件超过允许的大小", "file too large"),
    "os.closed": ("已被关闭", "it was closed"),
    "os.error": ("系统错误 {errno}", "system error {errno}"),
    # ---- notices: settings, templates, register ---------------------------------------------------
    "settings.not_yaml": ("不是可读的 YAML 文件", "not a readable YAML file"),
    "settings.not_mapping": ("应为设置项的映射（issuer、code …）", "expected a mapping of settings (issuer, code, …)"),
    "template.not_found": ("模板文件不存在", "template not found"),
    "template.not_regular": ("不是普通文件（是文件夹、管道或设备），模板应是一个 .docx 文件",
                             "not a regular file (a folder, pipe or device); a template is a .docx file"),
    "template.too_large": ("模板大于 {limit} MB", "template larger than {limit} MB"),
    "template.not_docx": ("不是 .docx 文件（Word 2007 及以后），请将模板另存为 .docx",
                          "not a .docx file (Word 2007+); save the template as .docx"),
    "template.expands_too_much": ("模板解压后数据过多", "template expands to too much data"),
    "template.unusable": ("不是可用的 Word 模板（--debug 可看详情）", "not a usable Word template (--debug shows the detail)"),
    "template.undefined": ("模板中的变量“{name}”未定义（可用变量见 {guide}）",
                           "template variable “{name}” is undefined (see {guide} for the variables)"),
    "template.syntax": ("模板第{line}行有语法错误（--debug 可看详情）",
                        "template syntax error on line {line} (--debug shows the detail)"),
    "template.error": ("模板出错（--debug 可看详情）", "template error (--debug shows the detail)"),
    "template.stopped": ("模板已停止：{limit}", "template stopped: {limit}"),
    "template.too_deep": ("模板嵌套过深（宏是否调用了自己？）", "template error: it nests too deeply (a macro that calls itself?)"),
    "template.out_of_memory": ("模板已停止：所需内存超过可用内存", "template stopped: it needs more memory than is available"),
    "template.arithmetic": ("模板中的计算出错（--debug 可看详情）", "template error in a calculation (--debug shows the detail)"),
    "template.limit_chars": ("{what} 将生成 {count} 个字符，超过 {limit}（上限；可设置环境变量 {variable} 调高）",
                             "{what} would build {count} characters, more than {limit} (limit; set {variable} to raise it)"),
    "template.limit_items": ("{what} 将生成 {count} 项，超过 {limit}（上限；可设置环境变量 {variable} 调高）",
                             "{what} would build {count} items, more than {limit} (limit; set {variable} to raise it)"),
    "template.limit_output": ("模板输出超过 {limit} 个字符（上限；可设置环境变量 {variable} 调高）",
                              "the template's output passes {limit} characters (limit; set {variable} to raise it)"),
    "template.limit_range": ("range() 在一个模板部分中将给出超过 {limit} 项（上限；可设置环境变量 {variable} 调高）",
                             "range() would give more than {limit} items in one template part (limit; set {variable} to raise it)"),
    "template.limit_int": ("{what} 将生成超过 {digits} 位的整数（上限；可设置环境变量 PYTHONINTMAXSTRDIGITS 调高）",
                           "{what} would build an integer of more than {digits} digits (limit; set PYTHONINTMAXSTRDIGITS to raise it)"),
    "template.limit_time": ("渲染超过 {seconds} 秒（上限；可设置环境变量 {variable} 调高）",
                            "rendering took longer than {seconds} s (limit; set {variable} to raise it)"),
    # ---- the notice register: finding it, what the file is (refused files are never written) ---------
    "register.not_found": ("这里没有通知书登记簿（请先运行 creatio notices draft，或用 --output 指定其文件夹、--register 指定其文件）",
                           "no notice register here (run `creatio notices draft` first, or pass --output DIR or --register FILE)"),
    "register.output_is_file": ("是文件，不是文件夹（--output）；请指定 creatio notices draft 写入的文件夹，或用 --register 指定登记簿文件",
                                "is a file, not a folder (--output); pass the folder `creatio notices draft` wrote into, "
                                "or --register FILE"),
    "register.unreadable": ("无法读取通知书登记簿：{reason}", "cannot read the notice register: {reason}"),
    "register.is_folder": ("是文件夹；--register 应指定登记簿文件，文件夹请用 --output {folder}",
                           "is a folder; --register takes the register file, a folder is --output {folder}"),
    "register.not_regular": ("不是普通文件；通知书登记簿应是一个文件", "not a regular file; a notice register is a file"),
    "register.empty": ("是 0 字节的空文件，不是通知书登记簿（请移走它，或用 --register 指定其他文件）；文件未改动",
                       "a 0-byte file, not a notice register (move it away, or pass another --register); "
                       "the file was left as it is"),
    "register.not_register": ("不是通知书登记簿（不是数据库文件）；文件未改动",
                              "not a notice register (not an SQLite database); the file was left as it is"),
    "register.foreign": ("是其他程序的数据库，不是通知书登记簿；文件未改动",
                         "an SQLite database of another program, not a notice register; the file was left as it is"),
    "register.newer": ("由更新版本的 creatio 写入（登记簿结构第 {version} 版，本版本只认识第 {known} 版及更早的）；"
                       "请升级 creatio 后使用；文件未改动",
                       "written by a newer creatio (register schema {version}; this creatio knows {known} and older); "
                       "upgrade creatio to use it; the file was left as it is"),
    "register.damaged": ("通知书登记簿已损坏，请恢复备份副本（文件未改动；--debug 可看详情）",
                         "damaged notice register; restore a backup copy (the file was left as it is; "
                         "--debug shows the detail)"),
    "register.tables_missing": ("通知书登记簿已损坏（缺少数据表），请恢复备份副本；文件未改动",
                                "damaged notice register (tables missing); restore a backup copy; the file was left as it is"),
    "register.cannot_create": ("无法创建通知书登记簿：{reason}", "cannot create the notice register: {reason}"),
    "register.backup_failed": ("升级前无法写入备份 {backup}：{reason}；登记簿未改动",
                               "cannot write the backup {backup} before migrating: {reason}; the register was left as it is"),
    # ---- the notice register: using it (locks, permissions, space) -------------------------------------
    "register.locked": ("通知书登记簿正被其他程序锁定（已等待 {seconds} 秒），请待其完成后重试",
                        "the notice register is locked by another program (waited {seconds} s); "
                        "try again when it has finished"),
    "register.read_only": ("通知书登记簿是只读的，未记录任何内容（请检查该文件及其文件夹的权限）",
                           "the notice register is read-only; nothing was recorded (check the file's and its "
                           "folder's permissions)"),
    "register.disk_full": ("写入通知书登记簿时磁盘已满，未记录任何内容",
                           "disk full while writing the notice register; nothing was recorded"),
    "register.cannot_open": ("无法打开通知书登记簿（其文件夹是否存在、是否允许写入？）",
                             "cannot open the notice register (does its folder exist and allow writing?)"),
    "register.unusable": ("无法使用通知书登记簿（{error}；--debug 可看详情）",
                          "cannot use the notice register ({error}; --debug shows the detail)"),
    "register.folder_busy": ("另一个 creatio 进程正在向此文件夹写入通知书；已等待 {seconds} 秒，请待其完成后重试",
                             "another creatio run is writing notices into this folder; waited {seconds} s, "
                             "try again when it has finished"),
    "register.folder_busy_by": ("另一个 creatio 进程（{holder}）正在向此文件夹写入通知书；已等待 {seconds} 秒，请待其完成后重试",
                                "another creatio run is writing notices into this folder ({holder}); waited {seconds} s, "
                                "try again when it has finished"),
    # ---- the notice register and its folder ------------------------------------------------------------
    "register.folder_without_register": (
        "此文件夹已有 {count} 份编号的通知书，但没有登记簿 {register}；请恢复登记簿或用 --register 指定，或改用空文件夹；"
        "未写入任何内容",
        "this folder has numbered notices ({count}) but no register {register}; restore the register or pass it "
        "with --register, or draft into an empty folder; nothing was written"),
    "register.behind_folder": (
        "已有此编号的通知书文件，但登记簿 {register} 中没有 {number}；该登记簿与此文件夹不符（被删除，或从较早的副本恢复？）；"
        "未写入任何内容",
        "a notice file with this number exists but {register} has no {number}; the register does not belong to "
        "this folder (deleted, or restored from an older copy?); nothing was written"),
    "register.cannot_publish": ("无法放到位：{reason}（是否正被其他程序打开？）；下次向 {folder} 运行 creatio notices draft 时会补完",
                                "cannot put it in place: {reason} (is it open in another program?); the next "
                                "`creatio notices draft` into {folder} finishes it"),
    # ---- the notice register: 文号 and marks ----------------------------------------------------------
    "register.no_number": ("登记簿中没有文号“{number}”", "no notice numbered “{number}”"),
    "register.not_a_number": ("登记簿中没有文号“{number}”（文号形如 {example}）",
                              "no notice numbered “{number}” (a notice number reads like {example})"),
    "register.other_code": ("登记簿中没有文号“{number}”；本登记簿 {year} 年第 {seq} 号是 {stored}",
                            "no notice numbered “{number}”; number {seq} of {year} in this register is {stored}"),
    "register.closed": ("{number} 已是“{status}”；更改已办结的通知请加 --force",
                        "{number} is already {status}; pass --force to change a closed notice"),
    "register.closed_by": ("{number} 已于 {at} 由 {by} 标记为“{status}”；更改已办结的通知请加 --force",
                           "{number} is already {status} ({at} by {by}); pass --force to change a closed notice"),
    # ---- baselines --------------------------------------------------------------------------------
    "baseline.not_found": ("--baseline 文件不存在", "--baseline: file not found"),
    "baseline.not_regular": ("--baseline 不是普通文件（是文件夹、管道或设备），应是一份 JSON 报告",
                             "--baseline is not a regular file (a folder, pipe or device); it should be a JSON report"),
    "baseline.not_report": ("--baseline 不是 creatio 生成的 JSON 报告", "--baseline: not a creatio JSON report"),
    "baseline.later": ("--baseline 截至 {baseline}，晚于本次（{report}）：变化会反着算；请用更早的一份报告",
                       "--baseline is as of {baseline}, later than this run ({report}): the changes would run "
                       "backwards; give an earlier report"),
    "baseline.other_standard": ("--baseline 按标准 {baseline} 评分，本次按 {standard}：变化会是标准的变化，不是社区的；"
                                "请用按同一标准评分的报告",
                                "--baseline was scored against {baseline}, this run against {standard}: the changes "
                                "would be the standard's, not the communities'; give a report of the same standard"),
    "baseline.bad_record": ("--baseline 第 {index} 个社区缺少 district/street/community/score/findings",
                            "--baseline: communities[{index}] lacks district/street/community/score/findings"),
    # ---- bulletins (creatio bulletin weekly|monthly) -----------------------------------------------
    "bulletin.not_score_report": ("不是 creatio score 生成的 JSON 报告（用 creatio score 文件夹 --output 报告.json 生成）",
                                  "not a JSON report of creatio score (make one with creatio score FOLDER --output "
                                  "report.json)"),
    "bulletin.report_is_folder": ("是文件夹，不是 JSON 报告", "is a folder, not a JSON report"),
    "bulletin.check_report": ("是 creatio check 的报告，没有排名；通报需要 creatio score 的 JSON 报告",
                              "is a report of creatio check (no rankings); a bulletin needs a JSON report of "
                              "creatio score"),
    "bulletin.bad_report": ("报告缺少 {key} 或其值无法读取（是否为 creatio score 的 JSON 报告？）",
                            "the report lacks {key} or its value cannot be read (a JSON report of creatio score?)"),
    "bulletin.as_of_mismatch": ("报告截至 {report}，与 --as-of {as_of} 不符", "the report is as of {report}, not --as-of {as_of}"),
    "bulletin.baseline_not_earlier": ("--baseline 截至 {baseline}，不早于报告（{report}）",
                                      "--baseline is as of {baseline}, not earlier than the report ({report})"),
    "bulletin.other_standard": ("按标准 {standard} 评分，其他报告按 {expected}；通报只比较按同一标准的评分",
                                "scored against {standard}, the other reports against {expected}; a bulletin "
                                "compares runs of one standard"),
    "bulletin.same_date": ("与 {other} 的截至日期相同（{date}）", "has the same as-of date as {other} ({date})"),
    "bulletin.no_run_in_month": ("{month} 没有评分报告（报告截至：{dates}）", "no report in {month} (reports as of {dates})"),
    "bulletin.no_source": ("没有可通报的评分：请用 --history 指定历史库（creatio score … --record），或用 --report 指定 "
                           "creatio score 的 JSON 报告",
                           "nothing to report on: give --history with the history file (creatio score … --record) or "
                           "--report with a JSON report of creatio score"),
    "bulletin.monthly_needs_history": (
        "月通报需要本月各次评分：用 --history 指定历史库，或每次评分一个 --report（creatio score 文件夹 --output 报告.json）",
        "a monthly bulletin needs the month's runs: give --history with the history file, or one --report per run "
        "(creatio score FOLDER --output report.json)"),
    "bulletin.weekly_one_report": ("周通报只用一个 --report（上周的报告用 --baseline 指定）",
                                   "a weekly bulletin takes one --report (give last week's with --baseline)"),
    "bulletin.history_and_report": ("--history 与 --report / --baseline 只能选一种来源",
                                    "give either --history or --report / --baseline, not both"),
    "bulletin.standard_needs_history": ("--standard 与 --scope 只与 --history 一起使用",
                                        "--standard and --scope go with --history only"),
    "bulletin.history_none_before": ("所选记录中没有 {as_of} 及以前的评分（最早一次截至 {first}）",
                                     "no recorded run as of {as_of} or earlier (the first is as of {first})"),
    "bulletin.history_no_run_in_month": ("所选记录中 {month} 没有评分（共 {count} 次评分，截至 {first} 至 {last}）",
                                         "no recorded run in {month} ({count} runs, as of {first} to {last})"),
    "bulletin.baseline_monthly": ("月通报不用 --baseline（它比较本月第一次与最后一次评分）",
                                  "a monthly bulletin takes no --baseline (it compares the month's first and last runs)"),
    # ---- bugs -------------------------------------------------------------------------------------
    "internal.error": ("内部错误：{error}（加 --debug 查看详细信息）",
                       "internal error: {error} (run with --debug for the traceback)"),
    "internal.error_debug": ("内部错误：{error}", "internal error: {error}"),
    "cli.interrupted": ("已中断", "interrupted"),
    "cli.terminated": ("已终止", "terminated"),
}
