"""Text renderings of a ScoreResult: json, csv (one row per ranked community) and md (the bulletin).

Kept apart from the check renderers (branch ``render``) so the two can merge independently; the
safety helpers here mirror ``render.safe`` (formula-injection guard, atomic write) and can be
swapped for it once both are on main.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator
from typing import Any

from creatio_cli.render.safe import neutralize_value

#: (JSON key, zh header, en header) of the csv / md community ranking.
RANK_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("rank", "排名", "Rank"), ("district", "区县", "District"), ("street", "街道", "Street"),
    ("community", "社区", "Community"), ("score", "得分", "Score"), ("max_score", "满分", "Max score"),
    ("completion", "完成率", "Completion"), ("grade", "等级", "Grade"), ("compliant", "达标", "Compliant"),
    ("behind_schedule", "慢序时", "Behind schedule"), ("findings", "问题数", "Findings"),
)
CHANGE_COLUMN = ("score_change", "分数变化", "Score change")


def columns(result: Any) -> tuple[tuple[str, str, str], ...]:
    """The ranking columns, with the score change when a baseline was given."""
    return RANK_COLUMNS + ((CHANGE_COLUMN,) if result.baseline is not None else ())


def _label(col: tuple[str, str, str], lang: str) -> str:
    return col[2] if lang == "en" else col[1]


def _cell(value: object, lang: str) -> object:
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    return "" if value is None else value


_COMMUNITIES = "\x00communities\x00"
_RANKED = "\x00rankings.communities\x00"


def iter_json(result: Any, lang: str = "zh") -> Iterator[str]:
    """The JSON report (ScoreResult.to_dict()) as text chunks, laid out as ``render.json_out`` does.

    Above ``FULL_INDENT_MAX`` communities, ``communities`` and ``rankings.communities`` are streamed one
    compact line per community (C encoder); the rest of the report stays indented.
    """
    from creatio_cli.render.json_out import FULL_INDENT_MAX, dumps_report, stream_envelope

    check = result.check
    if len(check.communities) <= FULL_INDENT_MAX and len(result.communities) <= FULL_INDENT_MAX:
        yield dumps_report(result.to_dict(lang), 2) + "\n"
        return
    empty = dataclasses.replace(result, check=dataclasses.replace(check, communities=()), communities=())
    envelope = empty.to_dict(lang)
    envelope["communities"] = _COMMUNITIES
    envelope["rankings"]["communities"] = _RANKED
    baseline = result.baseline

    def checked() -> Iterator[dict[str, Any]]:
        for community in check.communities:
            record = community.to_dict(lang)
            if baseline is not None:
                record.update(baseline.record(community.key))
            yield record

    yield from stream_envelope(envelope, {_COMMUNITIES: ("communities", checked()),
                                          _RANKED: ("communities", (c.to_dict(lang) for c in result.communities))})


def render_json(result: Any) -> bytes:
    """The JSON report: ScoreResult.to_dict() (UTF-8, ends with a newline)."""
    return "".join(iter_json(result)).encode("utf-8")


def render_csv(result: Any, lang: str) -> bytes:
    """One row per ranked community; UTF-8 with BOM so Excel and WPS open it."""
    cols = columns(result)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_label(c, lang) for c in cols])
    for entry in result.communities:
        record = entry.to_dict(lang)
        writer.writerow([neutralize_value(_cell(record.get(c[0]), lang)) for c in cols])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _md(value: object) -> str:
    text = str(neutralize_value(value))
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(_md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def render_md(result: Any, lang: str) -> bytes:
    """The bulletin as Markdown: summary, streets, districts, 十佳 / 十差 and the full ranking."""
    en = lang == "en"
    check, s = result.check, result.check.summary
    ok = sum(f.status == "ok" for f in check.files)
    lines = [f"# {'Score' if en else '评分通报'}: {check.standard.title.get(lang)}", ""]
    lines += _md_table(["" , ""], [
        ["as of" if en else "截至日期", check.as_of.isoformat()],
        ["expected progress" if en else "序时进度", _pct(check.expected_progress)],
        ["files read / skipped" if en else "读取 / 跳过文件", f"{ok} / {len(check.files) - ok}"],
        ["communities" if en else "社区数", s.communities],
        ["compliant" if en else "达标", s.compliant],
        ["with shortfalls" if en else "有问题", s.with_shortfalls],
        ["behind schedule" if en else "慢序时", s.behind_schedule],
    ])
    group_head = (["Rank", "District", "Street", "Communities", "Mean score", "Compliant", "Behind schedule"]
                  if en else ["排名", "区县", "街道", "社区数", "平均分", "达标率", "慢序时比例"])
    for title, groups, street in ((("Streets", "街道排名"), result.streets, True),
                                  (("Districts", "区县排名"), result.districts, False)):
        lines += [f"## {title[0] if en else title[1]}", ""]
        head = group_head if street else group_head[:2] + group_head[3:]
        lines += _md_table(head, [[g.rank, g.district, *([g.street] if street else []), g.communities,
                                   g.mean_score, _pct(g.share_compliant), _pct(g.share_behind_schedule)]
                                  for g in groups])
    cols = columns(result)
    for title, entries in ((("Top", "十佳"), result.top), (("Bottom", "十差"), result.bottom),
                           (("Ranking", "社区排名"), result.communities)):
        lines += [f"## {title[0] if en else title[1]}", ""]
        lines += _md_table([_label(c, lang) for c in cols],
                           [[_cell(e.to_dict(lang).get(c[0]), lang) for c in cols] for e in entries])
    if result.baseline is not None:
        heads = (["District", "Street", "Community", "Score", "Change", "Fixed", "New"] if en else
                 ["区县", "街道", "社区", "得分", "变化", "已整改", "新问题"])
        for title, movers in zip((("Improved", "进步"), ("Declined", "退步")), result.baseline.movers(), strict=True):
            lines += [f"## {title[0] if en else title[1]}", ""]
            lines += _md_table(heads, [[m["district"], m["street"], m["community"], m["score"],
                                        m["score_change"], ", ".join(m["fixed"]), ", ".join(m["new"])]
                                       for m in movers])
    return "\n".join(lines).encode("utf-8")
