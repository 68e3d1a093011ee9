"""Messages for people: Chinese by default, English with ``--lang en``.

The core writes its messages (errors, warnings) in English; ``tr`` renders them in Chinese by
replacing known phrases, so the core never needs to know the user's language and JSON stays stable.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from creatio_cli.results import Warning

W = TypeVar("W", bound="Warning")

# Longest phrases first so a short one never breaks a longer one.
_ZH: list[tuple[str, str]] = sorted([
    ("file not found", "文件不存在"),
    ("is a folder, not a ledger file (use `creatio score` for folders)", "是文件夹，不是台账文件（文件夹请用 creatio score）"),
    ("is a folder, not a YAML standard", "是文件夹，不是 YAML 标准文件"),
    ("empty file", "空文件"),
    ("cannot read", "无法读取"),
    ("not a ledger format", "不是台账文件格式"),
    ("not a spreadsheet (the file's content is not xlsx, xls or ods)", "不是电子表格（文件内容不是 xlsx、xls 或 ods）"),
    ("cannot open as a spreadsheet", "无法作为电子表格打开"),
    ("cannot read sheet", "无法读取工作表"),
    ("no sheet named", "没有工作表"),
    ("sheets:", "现有工作表："),
    ("not a text CSV (unknown encoding; save it as UTF-8 or GB18030)", "不是文本 CSV（编码无法识别，请另存为 UTF-8 或 GB18030）"),
    ("run `creatio inspect` to see what was read", "可用 creatio inspect 查看识别情况"),
    ("no community column found (tried", "未找到社区列（已尝试"),
    ("headers read", "读到的表头"),
    ("run `creatio inspect` for details", "详见 creatio inspect"),
    ("no sheet has a header row", "没有工作表有表头行"),
    ("the ledger header has no data rows under it", "表头下没有数据行"),
    ("no such standard", "没有这个标准"),
    ("shipped:", "内置："),
    ("unknown key", "未知的键"),
    ("unknown rule kind", "未知的规则类型"),
    ("not UTF-8 text", "不是 UTF-8 文本"),
    ("not found", "未找到"),
    ("row", "行"),
    ("is encrypted (password-protected); save an unprotected copy", "已加密（有密码保护），请另存一份无密码的副本"),
    ("not a date", "不是日期"),
    # ledger/guard.py: damaged, hostile and oversized workbooks
    ("damaged or truncated workbook", "工作簿已损坏或不完整"),
    ("not a readable zip archive", "不是可读的 zip 压缩包"),
    ("is a zip archive but not a workbook (no xlsx or ods content inside)", "是 zip 压缩包，但不是工作簿（其中没有 xlsx 或 ods 内容）"),
    ("unsafe XML in", "不安全的 XML："),
    ("(a DTD or entity declaration; no real workbook has one)", "（含 DTD 或实体声明，正常工作簿不会有）"),
    ("(a DTD or entity declaration)", "（含 DTD 或实体声明）"),
    ("damaged workbook", "工作簿已损坏"),
    ("unpacks to", "解压后为"),
    (" MB, above the ", " MB，超过 "),
    (" MB limit ", " MB 上限"),
    ("compression ratio", "压缩比"),
    ("(possible zip bomb; set ", "（疑似压缩炸弹；可设置环境变量 "),
    (" to raise it)", " 调高上限）"),
    ("sheet declares", "工作表声明了"),
    ("sheet uses", "工作表使用了"),
    (" columns, above the limits (", " 列，超过上限（"),
    (" rows × ", " 行 × "),
    (" rows, ", " 行、"),
    (" columns, ", " 列、"),
    (" cells; set ", " 个单元格；可设置环境变量 "),
    ("file larger than", "文件大于"),
    ("(limit; set", "（上限；可设置环境变量"),
    ("zip holds", "压缩包内有"),
    ("is implausibly large", "大得不合理"),
    ("no community matches", "没有符合条件的社区"),
    ("internal error", "内部错误"),
    ("run with --debug for the traceback", "加 --debug 查看详细信息"),
    ("would overwrite an input file", "会覆盖输入文件"),
    # outputs and options
    ("refusing to write", "拒绝写入"),
    ("it is an input file", "它是输入文件"),
    ("cannot write", "无法写入"),
    ("cannot replace", "无法替换"),
    ("(is it open in another program?)", "（是否正被其他程序打开？）"),
    ("unknown --format", "未知的 --format"),
    ("use one of", "可选"),
    ("--format xlsx needs --output FILE.xlsx", "--format xlsx 需要 --output 文件.xlsx"),
    ("(a workbook cannot go to the terminal)", "（工作簿无法输出到终端）"),
    ("contradicts the output file", "与输出文件不符"),
    ("change the suffix or the format", "请修改后缀或格式"),
    ("cannot tell the format from the output file", "无法从输出文件判断格式"),
    ("use a suffix", "请使用后缀"),
    ("or --format", "或 --format"),
    ("unknown --lang", "未知的 --lang"),
    ("use zh or en", "可选 zh 或 en"),
    ("--lang must be zh or en, not", "--lang 只能是 zh 或 en，不是"),
    ("--convention must be day or month, not", "--convention 只能是 day 或 month，不是"),
    ("is not a date (e.g. 2022-06-30)", "不是日期（例如 2022-06-30）"),
    ("campaign deadline", "创建截止日期"),
    ("is before its start", "早于开始日期"),
    ("the ledger has no", "台账中没有"),
    ("column", "列"),
    # folders, batches, baselines, notices
    ("not a folder (use `creatio check` for one ledger)", "不是文件夹（单个台账请用 creatio check）"),
    ("folder not found", "文件夹不存在"),
    ("no ledger files (.xlsx .xlsm .xls .ods .csv) in this folder", "文件夹中没有台账文件（.xlsx .xlsm .xls .ods .csv）"),
    ("no ledger file in this folder could be read", "文件夹中没有能读取的台账文件"),
    ("no ledger could be scored", "没有能评分的台账"),
    ("files, all skipped", "个文件，全部跳过"),
    ("not a creatio JSON report", "不是 creatio 生成的 JSON 报告"),
    ("is a file; notices are written into a folder", "是文件；通知书需写入文件夹"),
    ("status must be rectified or cancelled, not", "状态只能是 rectified 或 cancelled，不是"),
    ("--by must be community or department, not", "--by 只能是 community 或 department，不是"),
    # standards
    ("a standard must be a YAML mapping (id, title, fields, indicators …)", "标准必须是 YAML 映射（id、title、fields、indicators …）"),
    ("circular reference", "循环引用"),
    ("must be a standard id or a path", "必须是标准编号或路径"),
    ("unknown indicator", "未知的指标"),
    ("too large for a standard", "作为标准文件过大"),
], key=lambda pair: -len(pair[0]))

# One pass, longest phrase first, whole words only: "row" never touches "rows" or "throw".
_PATTERN = re.compile("|".join(
    (r"(?<![A-Za-z])" if english[0].isalpha() else "") + re.escape(english)
    + (r"(?![A-Za-z])" if english[-1].isalpha() else "")
    for english, _ in _ZH
))
_LOOKUP = dict(_ZH)


def tr(message: str, lang: str) -> str:
    """``message`` (English, from the core) in the user's language."""
    if lang != "zh":
        return message
    return _PATTERN.sub(lambda match: _LOOKUP[match.group(0)], message)


def say(zh: str, en: str, lang: str) -> str:
    """Pick the sentence for ``lang`` (for messages written at the CLI edge)."""
    return en if lang == "en" else zh


# Warnings are written in Chinese by the reader and the engine (they quote the ledger); these are their
# shapes in English, for --lang en. A message of another shape stays as written.
_WARNINGS_EN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^区间“(?P<raw>.+)”按下限(?P<low>.+)计$"), "range “{raw}” read as its lower bound {low}"),
    (re.compile(r"^(?P<title>.+)：(?P<used>[A-Z]+)列「(?P<uh>.*)」与(?P<other>[A-Z]+)列「(?P<oh>.*)」都可作此字段，"
                r"按别名优先级采用(?P=used)列「(?P=uh)」$"),
     "{title}: columns {used} “{uh}” and {other} “{oh}” could both be this field; used {used} (alias precedence)"),
    (re.compile(r"^无街道列：街道取工作表名「(?P<name>.+)」$"), "no street column: street taken from the sheet name “{name}”"),
    (re.compile(r"^未找到“(?P<title>.+)”列（(?P<field>.+)），相关指标未评估$"),
     "column for “{title}” ({field}) not found; its indicators are not assessed"),
    (re.compile(r"^社区重复：(?P<key>.+)（第(?P<row>\d+)行），只检查一次，取自 (?P<file>.+) 第(?P<first>\d+)行$"),
     "duplicate community {key} (row {row}); checked once, from {file} row {first}"),
]


def warning_text(message: str, lang: str) -> str:
    """A warning (written in Chinese) in the user's language."""
    if lang != "en":
        return message
    for pattern, english in _WARNINGS_EN:
        found = pattern.match(message)
        if found:
            return english.format(**found.groupdict())
    return message


def localize_warning(warning: W, lang: str) -> W:
    """The same warning with its message in ``lang``."""
    text = warning_text(warning.message, lang)
    return warning if text == warning.message else replace(warning, message=text)
