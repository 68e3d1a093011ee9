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
    "standard.looks_like": (
        "按所选标准只能评估 {here}/{here_total} 项指标；这份台账更像“{title}”的台账（按该标准可评估 "
        "{assessed}/{total} 项），是否应使用 --standard {id}？",
        "only {here} of the chosen standard's {here_total} indicators can be assessed; this ledger looks like "
        "one for “{title}” ({assessed} of its {total} indicators can be assessed): did you mean --standard {id}?"),
    "header.field_not_found": ("未找到“{title}”列（{field}），相关指标未评估",
                               "column for “{title}” ({field}) not found; its indicators are not assessed"),
    "header.field_not_found_near": ("未找到“{title}”列（{field}），相关指标未评估；最接近的表头：{closest}（可用 --map 指定）",
                                    "column for “{title}” ({field}) not found; its indicators are not assessed; "
                                    "closest headers: {closest} (map one with --map)"),
    "header.key_not_found": ("未找到“{title}”列（{field}），汇总与排名中不含此项",
                             "column for “{title}” ({field}) not found; totals and rankings go without it"),
    "header.key_not_found_near": ("未找到“{title}”列（{field}），汇总与排名中不含此项；最接近的表头：{closest}（可用 --map 指定）",
                                  "column for “{title}” ({field}) not found; totals and rankings go without it; "
                                  "closest headers: {closest} (map one with --map)"),
    "header.values_doubt_yesno": ("{letter}列「{header}」的表头像“{title}”（{field}），但 {total} 个取值中 {odd} 个是0、1以外的数字，"
                                  "不像是/否；未采用此列，相关指标未评估；如确为此列，请用 --map “{header}={field}” 指定",
                                  "column {letter} (“{header}”) is headed like “{title}” ({field}), but {odd} of its {total} "
                                  "values are numbers other than 0 or 1, not yes/no; the column is not used and its "
                                  "indicators are not assessed — if it is right, map it with --map \"{header}={field}\""),
    "header.values_doubt_number": ("{letter}列「{header}」的表头像“{title}”（{field}），但 {total} 个取值中 {odd} 个不是数字；"
                                   "未采用此列，相关指标未评估；如确为此列，请用 --map “{header}={field}” 指定",
                                   "column {letter} (“{header}”) is headed like “{title}” ({field}), but {odd} of its {total} "
                                   "values are not numbers; the column is not used and its indicators are not assessed — "
                                   "if it is right, map it with --map \"{header}={field}\""),
    "header.community_by_values": (
        "没有表头写明社区列；{letter}列「{header}」的 {total} 个取值中 {named} 个是社区名称（以社区、居委会、村等结尾），"
        "按社区列读取；如不对，请用 --map “表头=community” 指定社区列",
        "no header names the community column; {named} of the {total} values of column {letter} (“{header}”) are "
        "community names (they end as names of residents' or villagers' committees do), so it is read as the community column — if that is wrong, "
        "name the right one with --map \"HEADER=community\""),
    "header.community_two_columns": (
        "两列表头都写明是社区列：{letter}列「{header}」和 {others}；{why}，按{letter}列读取；如不对，请用 --map “表头=community” 指定社区列",
        "two columns are headed as the community column: {letter} (“{header}”) and {others}; {why}, so column "
        "{letter} is read as it — if that is wrong, name the right one with --map \"HEADER=community\""),
    "why.community_two_headers": ("另一列 {others} 也写明是社区列；{why}", "{others} is headed as the community column too; {why}"),
    "why.community_only_names": ("只有{letter}列的取值是社区名称（{total} 个中 {named} 个）",
                                 "only column {letter}'s values are community names ({named} of {total})"),
    "why.community_same_values": ("两列取值相同", "both hold the same values"),
    "header.ambiguous": ("“{title}”（{field}）有多列难以区分：{options}{hidden}，未采用任何一列；请用 --map “表头={field}” 指定",
                         "“{title}” ({field}) fits several columns about equally: {options}{hidden}; none is used — "
                         "choose with --map \"HEADER={field}\""),
    "sheet.csv_one_sheet": ("CSV 文件只有一个表，--sheet “{sheet}” 对它不起作用，已读取整个文件",
                            "a CSV file has one sheet: --sheet “{sheet}” does not apply to it; the whole file is read"),
    "sheet.street_from_title": ("无街道列：街道取自标题「{value}」", "no street column: street taken from the title (“{value}”)"),
    "sheet.street_from_filled_by": ("无街道列：街道取自填报单位「{value}」",
                                    "no street column: street taken from the reporting unit row (“{value}”)"),
    "sheet.street_from_sheet": ("无街道列：街道取工作表名「{value}」", "no street column: street taken from the sheet name “{value}”"),
    "sheet.street_from_file": ("无街道列：街道取自文件名「{value}」", "no street column: street taken from the file name (“{value}”)"),
    "sheet.district_from_title": ("无区县列：区县取自标题「{value}」", "no district column: district taken from the title (“{value}”)"),
    "sheet.district_from_filled_by": ("无区县列：区县取自填报单位「{value}」",
                                      "no district column: district taken from the reporting unit row (“{value}”)"),
    "sheet.district_from_sheet": ("无区县列：区县取工作表名「{value}」",
                                  "no district column: district taken from the sheet name “{value}”"),
    "sheet.district_from_file": ("无区县列：区县取自文件名「{value}」", "no district column: district taken from the file name (“{value}”)"),
    "row.duplicate_community": ("社区重复：{key}（[{sheet}] 第{row}行），只检查一次，取自 {first_file} [{first_sheet}] 第{first_row}行",
                                "duplicate community {key} ([{sheet}] row {row}); checked once, from {first_file} "
                                "[{first_sheet}] row {first_row}"),
    "row.duplicate_other_date": ("社区重复：{key} 在本文件（截至{date}，[{sheet}] 第{row}行）和 {first_file}（截至{first_date}）中都有："
                                 "按本次截至日期取自 {first_file} [{first_sheet}] 第{first_row}行，本文件这一行未检查",
                                 "duplicate community {key}: in this file (as of {date}, [{sheet}] row {row}) and in "
                                 "{first_file} (as of {first_date}); checked once at the run's date, from {first_file} "
                                 "[{first_sheet}] row {first_row}, this row is not checked"),
    "row.merged_community": ("社区名称“{key}”是跨多行的合并单元格（{range}），因此有两行：按社区重复处理，只检查第{first_row}行，"
                             "第{row}行（数字与第{first_row}行相同）未检查；如是两个社区，请各填名称，如是同一社区，请合为一行",
                             "the name of community {key} is one cell merged over several rows ({range}), so it has two "
                             "rows: treated as a duplicate, only row {first_row} is checked and row {row} (the same figures) is not; if "
                             "they are two communities, name each, if one, make it one row"),
    "row.merged_community_differs": ("社区名称“{key}”是跨多行的合并单元格（{range}），因此有两行：按社区重复处理，只检查第{first_row}行，"
                                     "第{row}行未检查，而其{fields}与第{first_row}行不同，这几项按无效处理；如是两个社区，请各填名称，"
                                     "如是同一社区，请合为一行并填写确切数字",
                                     "the name of community {key} is one cell merged over several rows ({range}), so it has two rows: "
                                     "treated as a duplicate, only row {first_row} is checked and row {row} is not, though "
                                     "its {fields} differ from row {first_row}'s, so those are invalid; if they are two communities, name each, "
                                     "if one, make it one row with the exact figures"),
    "rows.no_community_name": ("第 {rows} 行填有数据但社区名称（{letter}列）为空，未作为社区检查；如是社区，请补填名称",
                               "row(s) {rows} hold figures but no community name (column {letter}): not checked as "
                               "communities — if they are, fill in the name"),
    "rows.hidden_checked": ("第 {rows} 行在表格中被隐藏，仍作为社区检查（{names}）：隐藏行通常只为打印；"
                            "如这些社区已撤并或不应检查，请删除这些行",
                            "row(s) {rows} are hidden in the sheet and were still checked as communities ({names}): "
                            "rows are usually hidden for printing; if these communities were abolished or are not to "
                            "be checked, delete the rows"),
    "rows.street_office": ("第 {row} 行“{text}”是街道自身（本级）的数据，不属于任何社区，未作为社区检查、排名或发通知",
                           "row {row} “{text}” holds the street office's own figures, which belong to no community: "
                           "not checked, ranked or sent a notice as one"),
    "rows.merged_figure": ("{range} 是跨 {n} 个社区（第 {rows} 行）的合并单元格：“{title}”的值“{value}”无法确定属于哪个社区"
                           "（各自的数？合计？），不计入任何一个社区，这些社区此项按无效处理；请每个社区各填一格",
                           "{range} is one cell merged over {n} communities (rows {rows}): whose “{title}” value "
                           "“{value}” is (each one's? their total?) cannot be told, so it is read for none of them "
                           "and each is invalid; fill in one cell per community"),
    "cell.range_lower_bound": ("区间“{raw}”按下限{low}计", "range “{raw}” read as its lower bound {low}"),
    "mapping.header_not_found": ("映射文件 {mapping} 中的表头{headers}在此台账中没有找到，这些映射未生效",
                                 "mapping file {mapping}: no column of this ledger is headed {headers}; "
                                 "those entries were not applied"),
    "mapping.map_unused": ("--map 的表头“{header}”在 {file} 中没有找到", "--map: no column headed “{header}” in {file}"),
    "mapping.overrules_veto": ("{letter}列「{header}」按用户指定作为“{title}”，但单位或措辞不符（{why}）",
                               "column {letter} “{header}” is used as “{title}” as mapped, although {why}"),
    "mapping.community_unlikely": ("{letter}列「{header}」按用户指定作为社区列，但取值{what}（如 {examples}），不像社区名称；"
                                   "请检查 --map / --mapping",
                                   "column {letter} “{header}” is used as the community column as mapped, but its values "
                                   "{what} ({examples}), not community names; check --map / --mapping"),
    "mapping.community_unlikely_other": ("{letter}列「{header}」按用户指定作为社区列，但取值{what}（如 {examples}），不像社区名称；"
                                         "社区名称像是在{other}列「{other_header}」：请检查 --map / --mapping",
                                         "column {letter} “{header}” is used as the community column as mapped, but its "
                                         "values {what} ({examples}), not community names; the names look like column "
                                         "{other} “{other_header}”: check --map / --mapping"),
    "why.community_long": ("多为长段文字", "are mostly long free text"),
    "why.community_dates": ("多为日期", "are mostly dates"),
    "mapping.kind_mismatch_yesno": ("{letter}列「{header}」按用户指定作为“{title}”（数字），但 {total} 个取值中 {odd} 个是“是/否”"
                                    "（如 {examples}），这些单元格将判为无效；请检查 --map / --mapping",
                                    "column {letter} “{header}” is used as “{title}” (a number) as mapped, but {odd} of its "
                                    "{total} values are yes/no answers ({examples}), which will be invalid; check --map / "
                                    "--mapping"),
    "mapping.kind_mismatch_number": ("{letter}列「{header}」按用户指定作为“{title}”（是/否），但 {total} 个取值中 {odd} 个是数字"
                                     "（如 {examples}），这些单元格将判为无效；请检查 --map / --mapping",
                                     "column {letter} “{header}” is used as “{title}” (yes/no) as mapped, but {odd} of its "
                                     "{total} values are numbers ({examples}), which will be invalid; check --map / "
                                     "--mapping"),
    # ---- why a column is (or is not) a field: the header matcher's reasons (inspect, warnings) -------
    "why.alias": ("别名“{alias}”（别名表第 {rank} 个）", "alias “{alias}” (no. {rank} in its list)"),
    "why.community_values": ("{total} 个取值中 {named} 个是社区名称（表头未写明）",
                             "{named} of {total} values are community names (the header does not say)"),
    "why.group_other": ("上级表头“{group}”说的是另一项（{field}），此列是它的属性",
                        "the group header “{group}” names another item ({field}): this column is one of its attributes"),
    "why.values_not_yesno": ("{total} 个取值中 {odd} 个是0、1以外的数字，不像是/否",
                             "{odd} of {total} values are numbers other than 0 or 1, not yes/no"),
    "why.values_not_number": ("{total} 个取值中 {odd} 个不是数字", "{odd} of {total} values are not numbers"),
    "header.values_doubt_other": ("{letter}列「{header}」的表头像“{title}”（{field}），但 {why}，未采用；改用{other}列「{other_header}」",
                                  "column {letter} (“{header}”) is headed like “{title}” ({field}), but {why}; it is not "
                                  "used, column {other} (“{other_header}”) is"),
    "why.terms": ("关键词 {words}", "terms {words}"),
    "why.leaf_alone": ("“{leaf}”单独出现，缺少上级表头", "“{leaf}” alone, without the group header that gives its meaning"),
    "why.unit": ("单位：{unit}", "unit: {unit}"),
    "why.group": ("上级表头“{group}”", "group header “{group}”"),
    "why.unexplained": ("多出的字“{text}”", "unexplained “{text}”"),
    "why.mapped": ("用户指定（{origin}）", "mapped by the user ({origin})"),
    "why.part_not_total": ("写作“其中…”，是上一列的一部分，不是总数",
                           "worded “of which …”: a part of the column before it, not the total"),
    "why.lookalike": ("相似但不是：含“{word}”", "look-alike: contains “{word}”"),
    "why.title_lookalike": ("表格标题含“{word}”，此列统计的是别的对象", "the sheet's title says “{word}”: this column counts something else"),
    "why.unit_veto": ("单位是{unit}，不是{wanted}", "its unit is {unit}, not {wanted}"),
    # ---- why a cell is invalid ---------------------------------------------------------------------
    "cell.not_number": ("不是数字", "not a number"),
    "cell.not_finite": ("不是有限数字", "not a finite number"),
    "cell.not_yesno": ("不是是/否", "not a yes/no answer"),
    "cell.yes_qualified": ("写了“是/有”，但附注有保留或说明现在没有（如 未挂牌、但…、暂无、计划…、已拆除、停用、下半年建、"
                           "2023年建成），无法确定截至统计日期是否达标；请只写 是 或 否，说明写在备注",
                           "a yes with a note that holds back or says it is not there now (not yet signposted, “but …”, "
                           "none for now, planned, demolished, out of use, to be built later, or a date): met or not "
                           "on the ledger's date? write yes or no alone and put the note in the remarks column"),
    "cell.no_contradicted": ("写了“否/无”，但附注说已有（如 已建、已挂牌、已设、有…、建成），前后矛盾，无法确定是否达标；"
                             "请只写 是 或 否，说明写在备注",
                             "a no whose note says yes (already built, signposted, set up, “has …”): it contradicts "
                             "itself, so met or not cannot be told; write yes or no alone and put the note in the "
                             "remarks column"),
    "cell.includes_planned": ("附注说明此数含计划或预计的部分（如“12次（含计划）”），实际已完成的数量可能更少，无法判断是否达到要求；"
                              "请只填写截至统计日期已完成的数量，计划写在备注",
                              "the note says the figure includes what is only planned or expected (like “12 (incl. "
                              "planned)”): fewer may have been done, so whether the requirement is met cannot be "
                              "told; write only what was done by the ledger's date and put the plans in the remarks"),
    "cell.below_bound": ("“近”“不足”“以下”等只说明比这个数小，不是实际数字；请填写实际数字",
                         "“nearly”, “under” or “below” says only that the value is less than this number: "
                         "write the actual number"),
    "cell.sum_of_parts": ("填报为几部分之和（如“3+4”），请填写合计数",
                          "written as a sum of parts (like “3+4”): write the total"),
    "cell.scientific_text": ("是科学计数法写成的文本（如 1e1），不像是台账填写的数字；请填写数字本身",
                             "scientific notation typed as text (like 1e1) is not how a ledger is filled in: "
                             "write the number itself"),
    "cell.merged_shared": ("与其他社区合并为一个单元格，无法确定这个值是不是本社区的；请每个社区各填一格",
                           "one cell merged with other communities' rows: whether its value is this community's "
                           "cannot be told; fill in one cell per community"),
    "cell.merged_rows_differ": ("社区名称跨多行合并，各行此项不同（{cells}），无法确定哪一行是本社区的；"
                                "请合为一行并填写确切数字",
                                "the community's name is merged over several rows whose figures differ "
                                "({cells}): which row is the community's cannot be told; make it one row with the "
                                "exact figure"),
    "cell.negative": ("不能为负数", "cannot be negative"),
    "cell.not_integer": ("不是整数", "not a whole number"),
    "cell.over_100": ("超过100%", "above 100 %"),
    "cell.percent_ambiguous": ("本列绝大多数单元格按百分数填写（如 95），此值不大于 1，无法确定是百分之几还是小数；请写成 0.8% 或 80 这样",
                               "most cells of this column are in per cent (e.g. 95) and this one is at most 1: "
                               "0.8 % or 80 %? write it as 0.8% or 80"),
    "cell.percent_not_fraction": ("本列绝大多数单元格按小数填写（如 0.95），此值大于 1，与本列不一致；请核实后统一写成 0.95 或 95%",
                                  "most cells of this column are fractions (e.g. 0.95) and this one is above 1, "
                                  "unlike the rest: check it and write it as 0.95 or 95%"),
    "cell.percent_scale_unclear": ("本列小数（如 0.95）与百分数（如 95）混用，没有明显多数（八成以上），此值不大于 1，"
                                   "无法确定是百分之几还是小数；请统一写成 0.8% 或 80 这样",
                                   "this column mixes fractions (e.g. 0.95) and per cents (e.g. 95) with no clear "
                                   "majority (80 % or more) either way, and this one is at most 1: 0.8 % or 80 %? "
                                   "write it as 0.8% or 80"),
    "cell.percent_bound_unclear": ("不带 % 号的下限、区间或约数，数不大于 1（如 0.9以上、0.95-0.98、1以上）：本列没有足够按小数填写的"
                                   "单元格可据以判断，无法确定是小数还是百分之几（1以上 在任何列都可能是 1% 以上，也可能是 100%）；"
                                   "请写成 90% 或 1% 这样",
                                   "a lower bound, range or approximate figure without a % sign whose numbers are at most 1 "
                                   "(like “0.9 or more”, “0.95 to 0.98”, “1 or more”): this column does not show whether it "
                                   "is a fraction or a per cent (and “1 or more” may be 1 % or 100 % in any column); "
                                   "write it as 90% or 1%"),
    "cell.lower_bound": ("只写了下限（如“10余”“200以上”或区间），真实数值可能更大，无法判断是否达到要求；请填写确切数值",
                         "only a lower bound is written (“10 or more”, “over 200”, a range): the true figure may be "
                         "higher, so whether the requirement is met cannot be told; write the exact figure"),
    "cell.approximate": ("是约数（如“约900”“900左右”），真实数值可能上下浮动（按±10%计），在此范围内是否达到要求结论不同，无法判断；"
                         "请填写确切数值",
                         "an approximate figure (“about 900”, “900 or so”): the true figure may be up to 10 % either "
                         "side, and within that the requirement is met at one end and not at the other; write the "
                         "exact figure"),
    "cell.na_refused": ("是“不适用”记号（如 /、—），但这是每个社区都有的数字（如户数、人口、面积、活动次数，或其他指标据以计算的基数），"
                        "不能不适用；没有请填 0，否则请填写实际数字",
                        "a “not applicable” mark (/, —), but every community has this figure (households, population, "
                        "areas, activities, or the basis another indicator is computed from): it cannot be not "
                        "applicable; write 0 for none, else the actual figure"),
    "ledger.title_year_only": ("台账标题写有{year}年，但没有写截至日期：截至日期按今天（{today}）计，序时进度也按今天计算；"
                               "如台账反映的是{year}年的情况，请加 --as-of {end}（或台账实际截至的日期）",
                               "the ledger's title names {year} but no as-of date: the as-of date is today ({today}) "
                               "and the expected progress follows it; if the ledger shows {year}, add --as-of {end} (or the day it "
                               "was filled in)"),
    "cell.percent_score_scale": ("全列取值都在1到10之间，像是10分制或5分制的得分，不是百分比；请填写百分比（如95%）",
                                 "every value of the column lies between 1 and 10: a score out of 10 or 5, not a "
                                 "per cent; write the per cent (such as 95%)"),
    "cell.na_refused_yesno": ("是“不适用”记号（如 /、—），但本标准要求每个社区都具备此项，不能不适用；有请填“是”，没有请填“否”",
                              "a “not applicable” mark (/, —), but the standard requires this of every community: it "
                              "cannot be not applicable; write yes or no"),
    "cell.basis_zero": ("为0：要求按它计算（如每百户面积、占面积的比例），为0时要求也为0，无法判断；请填写实际数字",
                        "is 0: the requirement is computed from it (area per 100 households, a share of the area), "
                        "so it would be 0 too and nothing can be judged; write the actual figure"),
    "share.columns_disagree": ("“{title}”列与{count_title}÷{population_title}在{off}/{rows}行不符（如第{row}行：占比写为"
                               "{stated}%，而{count}÷{population}＝{computed}%），应是某一列并非表头所指的数据；"
                               "本表不评估该指标，请核对这几列（可用 --map 指定）",
                               "the “{title}” column disagrees with {count_title} ÷ {population_title} on {off} of "
                               "{rows} rows (row {row}: the share says {stated} %, but {count} ÷ {population} = "
                               "{computed} %): one of these columns is not what its header was taken for; the "
                               "indicator is not assessed for this sheet — check these columns (--map can name them)"),
    "cell.share_contradicts": ("与本行{count_title}÷{population_title}不符：占比写为{stated}%，而{count}÷{population}＝{computed}%，"
                               "相差超过0.5个百分点，无法确定哪个数字有误；请核对后改正",
                               "does not agree with the row's {count_title} ÷ {population_title}: the share says "
                               "{stated} %, but {count} ÷ {population} = {computed} %, more than 0.5 points apart, "
                               "so which figure is wrong cannot be told; check them and correct it"),
    "cell.unit_mismatch": ("单位不符", "wrong unit for this column"),
    "cell.formula_error": ("公式错误", "formula error"),
    "cell.not_date": ("不是日期", "not a date"),
    "cell.bool_not_number": ("是逻辑值，不是数字", "a TRUE/FALSE value, not a number"),
    "cell.datetime_not_number": ("是日期或时间，不是数字", "a date or time, not a number"),
    "cell.unrecognised": ("无法识别", "unrecognised"),
}
