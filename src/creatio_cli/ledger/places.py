"""Street and district of a sheet that has no column for them: from its title, its 填报单位 row, the sheet's
name or the file's name — in that order — and said which one was used.

``清河街道社区建设情况统计表`` → 清河街道; ``填报单位（盖章）：城东街道办事处`` → 城东街道; a sheet named
``古城街道`` (one sheet per street); ``洪泽区-朱坝街道.xlsx`` → 洪泽区 / 朱坝街道.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# 街道 anywhere; 镇 / 乡 only at a word's end (城乡社区 and 乡村振兴 name no township).
_STREET = re.compile(r"([\u4e00-\u9fff]{1,8}?(?:街道|(?:镇|乡)(?=$|[^\u4e00-\u9fff]|人民政府|政府|党委|社区|各|所辖|辖)))")
_DISTRICT = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:区|县|旗))")
_FILLED_BY = re.compile(r"填报单位|报送单位|填表单位")
# Words that end like a street or district but are not one (市场监管局, 社区 …).
_NOT_A_PLACE = ("城乡", "家乡", "故乡", "社区", "小区", "园区", "景区", "片区", "辖区", "街区")
_NOT_A_DISTRICT = frozenset({"城区", "市区", "地区", "区县", "各区", "县区", "全区", "全县", "本区", "本县"})
_LEADING_DISTRICT = re.compile(r"^.*?[区县市旗](?=[\u4e00-\u9fff]{2,}(?:街道|镇|乡)$)")


def from_texts(texts: list[str]) -> tuple[str | None, str | None]:
    """(street, district) named in ``texts`` (title rows), or None where none is named."""
    street = district = None
    for text in texts:
        folded = unicodedata.normalize("NFKC", text).replace(" ", "")
        if street is None:
            street = _first(_STREET, folded)
        if district is None:
            district = _first(_DISTRICT, folded)
    return street, district


def from_filled_by(texts: list[str]) -> tuple[str | None, str | None]:
    """(street, district) from a 填报单位 row, if the band's preamble has one."""
    rows = [t for t in texts if _FILLED_BY.search(t)]
    return from_texts([t.split("：", 1)[-1].split(":", 1)[-1] for t in rows]) if rows else (None, None)


def from_name(name: str) -> tuple[str | None, str | None]:
    """(street, district) from a sheet or file name (``洪泽区-朱坝街道``, ``古城街道``)."""
    stem = Path(name).stem if "." in name else name
    return from_texts([stem])


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    for found in pattern.finditer(text):
        place = _LEADING_DISTRICT.sub("", found.group(1)) if pattern is _STREET else found.group(1)
        if not place.endswith(_NOT_A_PLACE) and place not in _NOT_A_DISTRICT and len(place) >= 2:
            return place
    return None
