"""A period written as a 通报: every sentence, table row and caption of the bulletin (pure, no I/O).

The bulletin reads as an office writes one (domain.md: 日考核、周通报、月总结): a lead paragraph, then
一、总体情况 (progress against 序时进度 and the change since the last run or the month's first; districts;
streets, with a chart; the trend of the month; what the notice register did), 二、表扬 (十佳, the biggest
risers), 三、通报批评 (十差, the communities behind schedule, the biggest fallers, notices overdue), 四、存在问题
(the indicators with the lowest pass rates, with a chart; the responsible departments and partner units with
the most open problems) and 五、下步要求 (static text in the template, for the office to word).

Every number in a sentence is one of the run's own figures, formatted once here: scores to two decimals
(trailing zeros dropped), shares as percent to one decimal, counts as they are; a change is the difference
of the two figures *as printed* (96.35 → 96.67 is "提高0.32分"), so the reader's arithmetic agrees with the
page. 十佳 / 十差, their ties and the movers are the run's own lists (``score``'s), in its order; a list cut
at ``top`` says so, as ``score`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from creatio_cli.bulletin.charts import axis_floor
from creatio_cli.bulletin.data import Change, Community, Figures, Mover, NoticeActivity, PassRate, Period, Run, Tie
from creatio_cli.notices.draft import cn_date

#: How many of the lowest pass rates, streets at either end and departments / partner units are named.
LOWEST_RATES = 3
STREETS_NAMED = 3
UNITS_NAMED = 3
#: Behind-schedule communities named one by one (more are counted).
BEHIND_NAMED = 20


def num(value: float) -> str:
    """A score or a mean in a sentence: two decimals, trailing zeros dropped (96.6667 → 96.67, 78.0 → 78)."""
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def mean(value: float) -> str:
    """A mean score in a sentence: always two decimals, so a list of means reads evenly (94.40 beside 99.33)."""
    return f"{round(float(value), 2):.2f}"


def pct(share: float) -> str:
    """A share as a percent with one decimal (0.786667 → 78.7%)."""
    return f"{round(share * 100, 1):.1f}%"


def md(day: Any) -> str:
    """7月15日 (a date within the bulletin's year)."""
    return f"{day.month}月{day.day}日"


def short_title(title: str) -> str:
    """An indicator's title without its requirement in brackets: 功能室数量（不少于6个） → 功能室数量."""
    for open_ in ("（", "("):
        if open_ in title:
            head = title.split(open_, 1)[0].strip()
            if head:
                return head
    return title


def place(c: Community | Mover) -> str:
    return f"{c.district}{c.street}"


@dataclass(frozen=True)
class Figure:
    """A chart the bulletin embeds: its number, caption (a title) and note (units, where the axis starts, what
    the marks mean), the kind drawn (``streets``, ``pass_rates``, ``trend``) and the data (``bulletin.docx.draw``)."""

    key: str
    number: int
    caption: str
    note: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Bulletin:
    """Everything the template shows, as text (``docs/bulletin.md`` lists the template variables)."""

    kind: str
    title: str
    addressee: str
    lead: str
    overall: tuple[str, ...]
    praise: tuple[str, ...]
    criticism: tuple[str, ...]
    problems: tuple[str, ...]
    figures: tuple[Figure, ...]
    streets: tuple[dict[str, str], ...]
    top_note: str
    bottom_note: str
    date: str
    period: str
    title_break: int = 0  # where a title too long for one line is broken (after 全市社区), 0: nowhere

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The title as two lines broken at ``title_break`` (GB/T 9704 7.3.1: 回行时词意完整)."""
        if 0 < self.title_break < len(self.title):
            return self.title[:self.title_break], self.title[self.title_break:]
        return (self.title,)


def _change(before: float | int, after: float | int, unit: str, up: str, down: str) -> str:
    if after > before:
        return f"{up}{num(after - before)}{unit}"
    if after < before:
        return f"{down}{num(before - after)}{unit}"
    return "持平"


def _versus(change: Change, kind: str) -> str:
    if kind == "weekly":
        return "上周"
    return md(change.since) if change.since is not None else "月初"


def progress(period: Period, area: str = "全市") -> str:
    """总体情况's first paragraph: communities, 序时进度, compliant, behind schedule, mean score, and each
    figure's change since the run compared with."""
    run, change = period.current, period.change
    s = run.summary
    share = s.compliant / s.communities if s.communities else 0.0
    text = f"截至{md(run.as_of)}，{area}纳入考核的社区共{s.communities}个，序时进度为{pct(run.expected_progress)}。"
    before: Figures | None = change.before if change is not None else None
    vs = _versus(change, period.kind) if change is not None else ""

    def compared(after: int, then: int | None, unit: str) -> str:
        if then is None:
            return ""
        return f"，较{vs}（{then}{unit}）{_change(then, after, unit, '增加', '减少')}"

    text += (f"达到创建标准的社区{s.compliant}个，占{pct(share)}"
             f"{compared(s.compliant, before.compliant if before else None, '个')}；")
    text += (f"慢于序时进度的社区{s.behind_schedule}个"
             f"{compared(s.behind_schedule, before.behind_schedule if before else None, '个')}；")
    if s.mean_score is not None:
        text += f"社区平均得分{mean(s.mean_score)}分"
        if before is not None and before.mean_score is not None:
            then, now = round(before.mean_score, 2), round(s.mean_score, 2)
            text += f"，较{vs}（{mean(then)}分）{_change(then, now, '分', '提高', '下降')}"
        text += "。"
    else:
        text = text[:-1] + "。"
    if change is not None and before is not None:
        text = text[:-1] + _other_communities(change, vs) + "。"
    return text


def _other_communities(change: Change, vs: str) -> str:
    """The clause saying the totals compared cover different communities (empty when both runs have the same
    ones): "达标社区 6 → 2" when six of the earlier run's communities are simply not in this one misleads."""
    parts = []
    if change.not_in_this_run:
        parts.append(f"{vs}纳入考核的社区中有{change.not_in_this_run}个不在本次")
    if change.not_in_baseline:
        parts.append(f"本次有{change.not_in_baseline}个社区{vs}未纳入考核")
    if not parts:
        return ""
    return f"（{'，'.join(parts)}，以上增减并非同一批社区的比较）"


def month_trend(period: Period) -> str:
    """The month run by run: dates, behind-schedule counts and mean scores (monthly only)."""
    runs = period.runs
    days = "、".join(md(r.as_of) for r in runs)
    behind = "、".join(f"{r.summary.behind_schedule}个" for r in runs)
    means = "、".join(f"{mean(r.summary.mean_score)}分" if r.summary.mean_score is not None else "—" for r in runs)
    return (f"本月共开展检查评分{len(runs)}次（{days}），各次慢于序时进度的社区数依次为{behind}，"
            f"社区平均得分依次为{means}。")


def districts(run: Run) -> str:
    """分区县看 …: every district's mean score, best first; empty when no ledger names a district (a sentence
    "依次为：77.25分。" names nobody). A blank district beside named ones is （未填区县）, as ``score`` shows it."""
    if not any(g.district for g in run.districts):
        return ""
    order = "、".join(f"{g.district or '（未填区县）'}{mean(g.mean_score)}分" for g in run.districts)
    return f"分区县看，各区县社区平均得分由高到低依次为：{order}。"


def _ends(items: Sequence[Any], n: int) -> tuple[list[Any], list[Any]]:
    """The first and last ``n`` of a ranking, each extended to the whole tie at its cut (by ``rank``)."""
    if len(items) <= 2 * n:
        half = (len(items) + 1) // 2
        return list(items[:half]), list(reversed(items[half:]))
    head_rank, tail_rank = items[n - 1].rank, items[-n].rank
    return [g for g in items if g.rank <= head_rank], [g for g in reversed(items) if g.rank >= tail_rank]


def streets(run: Run, figure: int, area: str = "全市") -> str:
    """The best and worst streets (whole ties at either cut) and where the chart and the table are."""
    best, worst = _ends(run.streets, STREETS_NAMED)

    def names(groups: list[Any]) -> str:
        return "、".join(f"{g.district}{g.street}（{mean(g.mean_score)}分）" for g in groups)

    tie = "（含并列）" if len(best) > STREETS_NAMED else ""
    tie_w = "（含并列）" if len(worst) > STREETS_NAMED else ""
    return (f"分街道看，{area}{len(run.streets)}个街道中，社区平均得分最高的{len(best)}个街道{tie}是{names(best)}；"
            f"最低的{len(worst)}个街道{tie_w}是{names(worst)}。各街道社区平均得分见图{figure}，排名见附件。")


def notices(activity: NoticeActivity, kind: str) -> str:
    """What the register did in the period, and where every notice stood at its end."""
    span = f"{md(activity.start)}至{md(activity.end)}"
    when = "本周" if kind == "weekly" else "本月"
    issued = f"下发整改通知书{activity.notices}份、督办通知{activity.escalations}份"
    if activity.assignments:
        issued += f"、问题交办单{activity.assignments}份"
    text = (f"{when}（{span}）共{issued}；经复查整改到位{activity.rectified}份，"
            f"逾期未整改{activity.overdue}份。截至{md(activity.end)}，累计下发整改通知书{activity.total}份，"
            f"其中已整改到位{activity.total_rectified}份，逾期未整改{activity.total_overdue}份，"
            f"正在整改{activity.total_open}份")
    if activity.total_cancelled:
        text += f"，撤销{activity.total_cancelled}份"
    return text + "。"


def community(c: Community, with_score: bool = True) -> str:
    return f"{c.community}（{place(c)}，{num(c.score)}分）" if with_score else f"{c.community}（{place(c)}）"


def tie_note(tie: Tie | None, where: str) -> str:
    """The sentence a cut tie needs: ``where`` is 前 (十佳) or 最后 (十差)."""
    if tie is None:
        return ""
    return (f"{tie.tied}个社区并列第{tie.rank}名（得分{num(tie.score)}分，完成率{pct(tie.completion)}），"
            f"名单按区县、街道、社区顺序仅列出其中{where}{tie.shown}个。")


def _whole_tie(listed: Sequence[Community], tie: Tie | None) -> bool:
    """Whether every community of a 十佳 / 十差 list shares the tied place (the list ranks nobody)."""
    return tie is not None and bool(listed) and all(c.rank == tie.rank for c in listed)


def top_list(run: Run, kind: str) -> str:
    return _ten(kind, run.top, run.top_ties, "十佳", "前", "前")


def bottom_list(run: Run, kind: str) -> str:
    return _ten(kind, run.bottom, run.bottom_ties, "十差", "后", "最后")


def _ten(kind: str, listed: Sequence[Community], tie: Tie | None, name: str, side: str, edge: str) -> str:
    """The 十佳 (``side`` 前) or 十差 (后) sentence; a list that is one whole tie says so first."""
    when = "本周" if kind == "weekly" else "本月末"
    names = "、".join(community(c) for c in listed)
    if tie is not None and _whole_tie(listed, tie):
        return (f"{when}{tie.tied}个社区得分并列第{tie.rank}名（得分{num(tie.score)}分，完成率{pct(tie.completion)}），"
                f"{name}社区无法区分先后，按区县、街道、社区顺序列出其中{edge}{tie.shown}个：{names}。")
    return f"{when}得分排名{side}{len(listed)}位的社区（{name}社区）是：{names}。{tie_note(tie, edge)}"


def cut_note(rows: Sequence[Mover], shown: int) -> str:
    """What a movers list cut at ``shown`` leaves out, and the tie it cuts through (as ``score`` says it)."""
    if shown >= len(rows):
        return ""
    last = rows[shown - 1].score_change if shown else None
    if last is None or rows[shown].score_change != last:
        return f"以上仅列出前{shown}个。"
    tied = sum(r.score_change == last for r in rows)
    tied_shown = sum(r.score_change == last for r in rows[:shown])
    verb = "提高" if last > 0 else "下降"
    return f"以上仅列出前{shown}个，得分{verb}{num(abs(last))}分的{tied}个社区中列出了{tied_shown}个。"


def movers(rows: Sequence[Mover], shown: int, vs: str, rising: bool) -> str:
    if not rows:
        return f"与{vs}相比，没有得分{'提高' if rising else '下降'}的社区。"
    listed = rows[:shown]
    verb, into = ("提高", "提高到") if rising else ("下降", "降至")
    names = "、".join(f"{m.community}（{place(m)}，由{num(m.previous_score)}分{into}{num(m.score)}分，"
                      f"{verb}{num(abs(m.score_change))}分）" for m in listed)
    return f"与{vs}相比，得分{verb}的社区共{len(rows)}个，{verb}较多的是：{names}。{cut_note(rows, shown)}"


def behind(run: Run) -> str:
    rows = run.behind
    if not rows:
        return "各社区均达到序时进度。"
    due = round(run.expected_progress * 100, 1)

    def one(c: Community) -> str:
        done = round(c.completion * 100, 1)
        return f"{c.community}（{place(c)}，完成率{done:.1f}%，低于序时进度{round(due - done, 1):.1f}个百分点）"

    named = "、".join(one(c) for c in rows[:BEHIND_NAMED])
    more = f"等{len(rows)}个" if len(rows) > BEHIND_NAMED else ""
    return f"慢于序时进度的社区{len(rows)}个，按完成率由低到高依次为：{named}{more}。"


def overdue(activity: NoticeActivity) -> str:
    if not activity.overdue_now:
        return ""
    named = "、".join(f"{community}（{district}{street}，{number}）"
                      for number, district, street, community in activity.overdue_now)
    return f"截至{md(activity.end)}，整改通知书逾期未整改的社区{len(activity.overdue_now)}个：{named}。"


def lowest_rates(run: Run) -> list[PassRate]:
    """The indicators with the lowest pass rates: ``LOWEST_RATES`` of them, extended to the whole tie at the
    cut; in the standard's order among equals."""
    rated = [p for p in run.pass_rates if p.pass_rate is not None]
    order = sorted(rated, key=lambda p: (round(p.pass_rate or 0.0, 6), run.pass_rates.index(p)))
    if len(order) <= LOWEST_RATES:
        return order
    cut = round(order[LOWEST_RATES - 1].pass_rate or 0.0, 6)
    return [p for p in order if round(p.pass_rate or 0.0, 6) <= cut]


def rates(run: Run, figure: int) -> str:
    lowest = lowest_rates(run)
    if not lowest:
        return ""
    named = "、".join(f"“{p.title}”（合格率{pct(p.pass_rate or 0.0)}，{p.failed}个社区未达标）" for p in lowest)
    return f"从各项指标看，合格率最低的是：{named}。各项指标合格率见图{figure}。"


def departments(run: Run) -> str:
    named = "、".join(f"{d.department}（{d.findings}项，涉及{d.communities}个社区）"
                      for d in run.departments[:UNITS_NAMED] if d.findings)
    return f"从责任单位看，问题较多的是：{named}。" if named else ""


def partners(run: Run) -> str:
    rows = [r for r in run.partner_problems() if r[1]][:UNITS_NAMED]
    if not rows:
        return ""
    named = "、".join(f"{p.partner}（帮扶社区存在问题{n}项、涉及{k}个社区，帮扶单位排名第{p.rank}位）"
                      for p, n, k in rows)
    return f"从帮扶单位看，所帮扶社区问题较多的是：{named}。"


def street_rows(run: Run) -> tuple[dict[str, str], ...]:
    """附件 (街道排名) rows: rank, district, street, communities, mean score, share compliant, behind schedule."""
    return tuple({"rank": str(g.rank), "district": g.district, "street": g.street or "",
                  "communities": str(g.communities), "mean_score": f"{g.mean_score:.2f}",
                  "compliant": pct(g.share_compliant), "behind": str(g.behind_schedule)}
                 for g in run.streets)


def title(period: Period, area: str) -> tuple[str, int]:
    """The title, and where it breaks when it needs two lines: after ``{area}社区``, so each line reads whole."""
    if period.kind == "weekly":
        head = f"关于截至{cn_date(period.current.as_of)}{area}社区"
        return head + "创建工作进展情况的通报", len(head)
    head = f"关于{period.as_of.year}年{period.as_of.month}月{area}社区"
    return head + "创建工作情况的通报", len(head)


def lead(period: Period) -> str:
    run = period.current
    basis = f"《{run.standard_title}》"
    if period.kind == "weekly":
        since = (f"，并与上周（{md(period.change.since)}）情况进行了对比"
                 if period.change is not None and period.change.since is not None else "")
        return (f"按照“日考核、周通报、月总结”工作要求，我办依据{basis}，对截至{cn_date(run.as_of)}各社区报送的"
                f"创建工作台账进行了检查评分{since}。现将有关情况通报如下：")
    dates = "、".join(md(r.as_of) for r in period.runs)
    return (f"按照“日考核、周通报、月总结”工作要求，我办依据{basis}，对{period.as_of.year}年{period.as_of.month}月"
            f"各次检查评分（{dates}）情况进行了汇总。现将有关情况通报如下：")


def write(period: Period, *, area: str = "全市", addressee: str = "", top: int | None = None) -> Bulletin:
    """The bulletin's text for ``period``. ``top``: how many movers to name each way (default: as many as
    the run's 十佳, i.e. ``score --top``)."""
    run, change = period.current, period.change
    shown = top if top is not None else (len(run.top) or 10)
    figures: list[Figure] = []

    def figure(key: str, caption: str, note: str, **data: Any) -> int:
        figures.append(Figure(key, len(figures) + 1, caption, note, data))
        return len(figures)

    overall = [progress(period, area)]
    if period.kind == "monthly" and len(period.runs) > 1:
        overall.append(month_trend(period))
        figure("trend", "各次检查社区平均得分与慢于序时进度的社区数",
               "注：上图为社区平均得分（分），下图为慢于序时进度的社区数（个）。", days=[r.as_of for r in period.runs], behind=[r.summary.behind_schedule for r in period.runs],
               means=[r.summary.mean_score for r in period.runs])
    if districts(run):
        overall.append(districts(run))
    if run.streets:
        number = len(figures) + 1
        overall.append(streets(run, number, area))
        labels = [g.street or "" for g in run.streets]
        if len(set(labels)) < len(labels):  # the same street name in two districts
            labels = [f"{g.district}{g.street}" for g in run.streets]
        floor = axis_floor([g.mean_score for g in run.streets], 5.0)
        average = (f"；虚线为{area}社区平均得分（{mean(run.summary.mean_score)}分）"
                   if run.summary.mean_score is not None else "")
        figure("streets", "各街道社区平均得分", f"注：单位为分，横轴自{num(floor)}分起{average}。",
               streets=[(g.rank, label, g.mean_score) for g, label in zip(run.streets, labels, strict=True)],
               mean=run.summary.mean_score)
    if period.notices is not None:
        overall.append(notices(period.notices, period.kind))

    vs = _versus(change, period.kind) if change is not None else ""
    praise = [top_list(run, period.kind)] if run.top else []
    criticism = [bottom_list(run, period.kind)] if run.bottom else []
    if change is not None:
        praise.append(movers(change.improved, shown, vs, True))
    criticism.append(behind(run))
    if change is not None:
        criticism.append(movers(change.declined, shown, vs, False))
    if period.notices is not None and period.notices.overdue_now:
        criticism.append(overdue(period.notices))

    problems = []
    lowest = lowest_rates(run)
    if lowest:
        number = len(figures) + 1
        problems.append(rates(run, number))
        order = sorted(run.pass_rates, key=lambda p: (-(p.pass_rate if p.pass_rate is not None else -1.0),
                                                      -run.pass_rates.index(p)))
        rated = [p for p in order if p.pass_rate is not None]
        floor = axis_floor([(p.pass_rate or 0.0) * 100 for p in rated], 5.0)
        figure("pass_rates", "各项指标合格率",
               f"注：单位为%，横轴自{num(floor)}%起；红色为合格率最低的{len(lowest)}项指标。",
               rates=[(short_title(p.title), (p.pass_rate or 0.0) * 100) for p in rated], marked=len(lowest))
    problems += [text for text in (departments(run), partners(run)) if text]

    heading, title_break = title(period, area)
    return Bulletin(
        kind=period.kind, title=heading, title_break=title_break, addressee=addressee, lead=lead(period),
        overall=tuple(overall), praise=tuple(praise), criticism=tuple(criticism), problems=tuple(problems),
        figures=tuple(figures), streets=street_rows(run), top_note=tie_note(run.top_ties, "前"),
        bottom_note=tie_note(run.bottom_ties, "最后"), date=cn_date(run.as_of),
        period=(f"{md(period.start)}至{md(run.as_of)}" if period.kind == "weekly"
                else f"{period.as_of.year}年{period.as_of.month}月"),
    )
