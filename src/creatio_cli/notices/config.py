"""Office settings for notices and bulletins (发文机关, 代字, contact …): a small YAML file validated with pydantic.

``notices init-config OUT.yaml`` writes the commented default below; ``--config`` loads it. Unknown keys
and bad values are refused (exit 2) with the file and the key named, as for standards.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from creatio_cli.errors import UsageError
from creatio_cli.messages import msg


class NoticeSettings(BaseModel):
    """What differs from office to office; every notice of a run shares these."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    issuer: str = Field(default="XX市创建全国文明城市工作指挥部办公室", min_length=1)
    code: str = Field(default="创文办", min_length=1, description="发文机关代字 in 代字〔YYYY〕N号")
    title: str = Field(default="整改通知书", min_length=1)
    contact: str = "XXX"
    phone: str = "0000-0000000"
    signature: str = Field(default="XX市创建全国文明城市工作指挥部办公室", min_length=1)
    due_days: int = Field(default=15, ge=1, le=365)
    cc: list[str] = Field(default_factory=list, description="抄送")
    printed_by: str | None = Field(default=None, min_length=1,
                                   description="印发机关 in the 版记 (unset: the issuer)")
    # Off by default: adding a recipient the office did not list is the office's decision, and notices
    # drafted before this setting existed stay as they were.
    cc_partner: bool = Field(default=False, description="抄送 the community's partner unit(s) (帮扶单位) too")
    # What creatio did: read the ledger. An office that also visited says so in its settings.
    method: str = Field(default="查阅台账", min_length=1, description="how the check was made")
    basis_document: str | None = Field(default=None, min_length=1, description="the document cited in 根据《…》")
    # Bulletins (creatio bulletin weekly|monthly) share issuer, signature and printed_by; these are theirs alone.
    area: str = Field(default="全市", min_length=1, description="what a bulletin covers: 全市, 全区 …")
    bulletin_addressee: str = Field(default="各区创建办，各街道办事处，市各有关单位：", min_length=1,
                                    description="主送 of a bulletin")
    bulletin_cc: list[str] = Field(default_factory=list, description="抄送 of a bulletin")


#: The example values of the default settings: a notice still holding one is not ready to be sent.
PLACEHOLDERS: tuple[str, ...] = ("XX市", "XXX", "0000-0000000")


def placeholder_settings(settings: NoticeSettings) -> list[str]:
    """The settings (issuer, signature, contact, phone …) that still hold an example value: the string
    settings a person fills in (``label.setting.<name>`` names each)."""
    return [name for name in _FILLED_IN if any(p in (getattr(settings, name) or "") for p in PLACEHOLDERS)]


_FILLED_IN = ("issuer", "signature", "contact", "phone", "printed_by", "bulletin_addressee")


DEFAULT_CONFIG = """\
# creatio notices: office settings (整改通知书). Edit and pass with --config notices.yaml.
# Unknown keys are refused, so a typo is reported rather than silently ignored.

# 发文机关 (issuer), printed in red at the top of every notice.
issuer: XX市创建全国文明城市工作指挥部办公室
# 发文机关代字: numbers read 代字〔2022〕5号 (year of the as-of date, counting up per year).
code: 创文办
# Title of a notice: 整改通知书 or 限期整改通知书.
title: 整改通知书
# Who receives the written reply (书面报送) and the photos.
contact: XXX
phone: 0000-0000000
# 落款 (signature line above the date).
signature: XX市创建全国文明城市工作指挥部办公室
# Days from the notice's date (the ledger's as-of date, or --date) to the deadline (--due-days overrides).
due_days: 15
# 抄送 (copied to), e.g. [各区创建办, 市民政局]; leave empty for none.
cc: []
# 印发机关 on the 版记's last line (…印发), e.g. XX市创文办; unset: the issuer above.
# printed_by: XX市创文办
# true: also 抄送 the community's partner unit(s) (the ledger's 帮扶单位 / 包联单位 / 结对单位 column; a cell
# naming several units, 市民政局、团市委, copies each), after the units above. Not for 交办单 (--by department).
cc_partner: false
# How the check was made, in the basis paragraph (通过…等方式): creatio read the ledger; add 实地察看 only
# when the office also visited.
method: 查阅台账
# The document the basis paragraph cites (根据《…》). Unset: the title of the standard the indicators come
# from (the root of its `extends` chain that declares indicators), never a local extension's own title.
# basis_document: 宿迁市文明城市创建社区测评细则

# Bulletins (creatio bulletin weekly|monthly): issuer, signature and printed_by above; a bulletin has no 文号 (creatio
# keeps no register of bulletins: the office numbers it when it is issued).
# What the bulletin covers, as its sentences say it (全市纳入考核的社区共300个): 全市, 全区, 全县 …
area: 全市
# 主送 (addressee line) of a bulletin, ending with a full-width colon.
bulletin_addressee: 各区创建办，各街道办事处，市各有关单位：
# 抄送 of a bulletin, e.g. [市创建工作领导小组各成员单位]; leave empty for none.
bulletin_cc: []
"""


def load_settings(path: Path | None) -> NoticeSettings:
    """The settings from ``path`` (or the defaults); UsageError names the file and the key."""
    if path is None:
        return NoticeSettings()
    if not path.exists():
        raise UsageError("file.not_found", file=path)
    from creatio_cli.standards import yamlsafe

    try:
        # Bounded: a FIFO, /dev/zero or an alias bomb is refused by name; a folder is named as --config's.
        data = yamlsafe.load_file(path, msg("option.is_folder", option="--config",
                                            expected=msg("option.expects_settings")))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise UsageError("settings.not_yaml", file=path) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError("settings.not_mapping", file=path)
    try:
        return NoticeSettings(**data)
    except ValidationError as exc:
        from creatio_cli.standards.validation import to_standard_error

        error = to_standard_error(str(path), data, exc, NoticeSettings)
        raise UsageError(error.code, error.message.params, file=path, key=error.key) from None


def default_config_text() -> str:
    """The commented default settings file (valid: it loads to ``NoticeSettings()``)."""
    return DEFAULT_CONFIG
