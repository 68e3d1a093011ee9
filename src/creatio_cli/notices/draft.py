"""Notices as data: which communities get one, and every sentence a 整改通知书 needs (pure, no I/O).

The wording follows domain.md ("整改通知书"): 文号 ``代字〔YYYY〕N号``, addressee ``XX街道XX社区居委会：``,
a progress sentence in 百分点, numbered problems 一、二、三 each with actual / required / gap and clause,
requirements, deadline, reply with contact, consequence, and an annex row per problem (问题清单).
Numbers come from the register; this module only formats them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from creatio_cli.messages import Message, param_text
from creatio_cli.notices.config import NoticeSettings
from creatio_cli.results import CheckResult, CommunityResult, Finding
from creatio_cli.status import PROBLEMS

PROBLEM_STATUSES = PROBLEMS
#: 问题清单 (the annex): its column headings and the keys of ``Notice.annex`` rows, in order.
ANNEX_HEADERS = ("序号", "问题", "依据", "整改要求", "责任单位", "完成时限", "整改情况")
ANNEX_KEYS = ("seq", "problem", "basis", "requirement", "department", "due", "status")
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Problem:
    """One unmet indicator, worded for a notice."""

    indicator: str
    status: str
    text: str  # the concrete problem, without its clause
    basis: str
    requirement: str  # 整改要求 for the annex
    department: str
    actual: float | bool | None = None
    required: float | bool | None = None
    gap: float | None = None
    unit: str | None = None

    @property
    def sentence(self) -> str:
        """The problem with its clause: "…差138㎡（依据：《…》）"."""
        return f"{self.text}（依据：{self.basis}）" if self.basis else self.text

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "status": self.status, "text": self.text, "actual": self.actual,
                "required": self.required, "gap": self.gap, "unit": self.unit, "department": self.department}


@dataclass(frozen=True)
class Notice:
    """One document: a 整改通知书 (kind notice), 督办通知 (escalation) or 交办单 (assignment)."""

    kind: str
    number: str
    year: int
    seq: int
    district: str
    street: str
    community: str  # for an assignment: the department
    title: str
    issuer: str
    addressee: str
    as_of: date
    due: date
    basis: str
    progress: str
    problems: tuple[Problem, ...]
    requirements: tuple[str, ...]
    reply: str
    consequence: str
    signature: str
    cc: tuple[str, ...] = ()
    parent: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # 台账未反映 (not in the ledger): indicators the ledger has no column for (drafted only with
    # --allow-unassessed). Listed apart, never as the community's problems.
    unreflected: tuple[str, ...] = ()
    printed_by: str = ""  # 印发机关 of the 版记 (settings.printed_by; blank: the issuer)
    # 成文日期 (落款 and 印发 dates): --date, else the ledger's as-of date (api.notice_date); None (a Notice
    # built without one): the as-of date.
    issued: date | None = None

    @property
    def dated(self) -> date:
        """The date the notice bears: ``issued``, else the as-of date."""
        return self.issued or self.as_of

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.district, self.street, self.community)

    @property
    def indicators(self) -> list[str]:
        return sorted({p.indicator for p in self.problems})

    def annex(self) -> list[dict[str, str]]:
        """问题清单 rows: 序号/问题/依据/整改要求/责任单位/完成时限/整改情况."""
        return [{"seq": str(i), "problem": p.text, "basis": p.basis, "requirement": p.requirement,
                 "department": p.department, "due": cn_date(self.due), "status": ""}
                for i, p in enumerate(self.problems, 1)]

    def context(self) -> dict[str, Any]:
        """The template variables (documented in docx.py and docs/notices.md)."""
        return {
            "kind": self.kind, "number": self.number, "title": self.title, "issuer": self.issuer,
            "addressee": self.addressee, "district": official_name(self.district),
            "street": official_name(self.street), "community": official_name(self.community), "basis": self.basis, "progress": self.progress,
            "problems": [f"{cn_numeral(i)}、{p.sentence}" for i, p in enumerate(self.problems, 1)],
            "requirements": list(self.requirements),
            "deadline": f"请于{cn_date(self.due)}前整改到位。", "due": cn_date(self.due),
            "as_of": cn_date(self.as_of), "reply": self.reply, "consequence": self.consequence,
            "signature": self.signature, "date": cn_date(self.dated),
            "cc": "、".join(self.cc), "parent": self.parent or "", "annex": self.annex(),
            "unreflected": list(self.unreflected),
            "unreflected_note": _UNREFLECTED_NOTE if self.unreflected else "",
            "printed_by": self.printed_by or self.issuer, "printed_on": cn_date(self.dated),
        }


_UNREFLECTED_NOTE = ("另，以下指标在台账中没有相应栏目（台账未反映），本次检查未作评价，不列为你社区的问题；"
                     "请在台账中补充相应栏目并如实填报：")


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五, 105 → 一百零五, 120 → 一百二十; 1000 and above in digits."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if not rest:
            return _DIGITS[hundreds] + "百"
        tail = ("一" + cn_numeral(rest)) if 10 <= rest < 20 else cn_numeral(rest)
        return _DIGITS[hundreds] + "百" + ("零" if rest < 10 else "") + tail
    return str(n)


def cn_date(day: date) -> str:
    """2022-07-15 → 2022年7月15日 (公文 dates carry no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_number(code: str, year: int, seq: int) -> str:
    """文号 代字〔2022〕5号: full-width brackets, no zero padding (GB/T 9704-2012 7.2.4)."""
    return f"{code}〔{year}〕{seq}号"


_NUMBER = re.compile(r"^(?P<code>.*?)[〔\[【(]\s*(?P<year>\d{4})\s*[〕\]】)]\s*第?\s*(?P<seq>\d+)\s*号?$")


def parse_number(text: str) -> tuple[str, int, int] | None:
    """``创文办〔2022〕5号`` and what people type for it: ``[2022]``, ``【2022】``, ``（2022）``/``(2022)``,
    ``第5号``, full-width digits, spaces → (代字, year, seq); None when it is not a 文号 at all."""
    match = _NUMBER.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    return match["code"].strip(), int(match["year"]), int(match["seq"])


def fmt(value: float) -> str:
    """420.0 → "420", 741.9 → "741.9", 6.6332 → "6.6"."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def progress_sentence(completion: float, expected: float) -> str:
    """"综合完成率42.5%，低于序时进度（49.6%）7.1个百分点" (gap from the rounded figures, so it adds up).

    Always one decimal (63.0%, never 63%): two rates side by side in one format, as in the report."""
    done, due = round(completion * 100, 1), round(expected * 100, 1)
    gap = round(abs(due - done), 1)
    if done < due:
        return f"综合完成率{done:.1f}%，低于序时进度（{due:.1f}%）{gap:.1f}个百分点"
    if done > due:
        return f"综合完成率{done:.1f}%，超序时进度（{due:.1f}%）{gap:.1f}个百分点"
    return f"综合完成率{done:.1f}%，达到序时进度（{due:.1f}%）"


def select(result: CheckResult, all_shortfalls: bool = False) -> list[CommunityResult]:
    """Communities that get a notice: behind 序时进度 (default) or with any problem at all."""
    if all_shortfalls:
        return [c for c in result.communities if problem_findings(c)]
    return [c for c in result.communities if c.behind_schedule and problem_findings(c)]


def problem_findings(community: CommunityResult) -> list[Finding]:
    """Shortfall, missing and invalid findings (met ones appear only with --all-findings)."""
    return [f for f in community.findings if f.status in PROBLEM_STATUSES]


def _split_title(title: str) -> tuple[str, str]:
    """"社区综合服务设施面积（每百户30㎡）" → ("社区综合服务设施面积", "每百户30㎡")."""
    for open_, close in (("（", "）"), ("(", ")")):
        if open_ in title and title.endswith(close):
            name, _, rest = title.partition(open_)
            return name.strip(), rest[:-1].strip()
    return title.strip(), ""


def word_problem(f: Finding) -> Problem:
    """A finding as a notice's problem, concrete enough to act on.

    A finding from the engine carries its rule (``f.wording``): the requirement is then worded by the
    rule kind with the rule's numbers (按每百户30㎡标准应不少于558㎡; a share says its % and the area it
    stands for; a count 按序时进度). When those numbers are not the ones the cited clause states (a
    district tightened the rule) or are placeholders, the sentence marks them “（本次检查要求）”, so the
    clause in “（依据：…）” is never presented as saying them.
    """
    name, qualifier = _split_title(f.title.get("zh"))
    name = _part_name(f, name)
    where = f"（{f.cell}）" if f.cell else ""
    if f.status == "missing" and f.basis_field:
        # The blank cell is the requirement's basis (户数, 常住人口), not the measured figure, which may well
        # be filled in: name the blank cell's own field, as the invalid case below does.
        text, todo = (f"台账未填报{f.basis_field}{where}，无法测算{name}是否达标",
                      f"如实补充填报{f.basis_field}")
    elif f.status == "missing":
        text, todo = f"台账未填报{name}{where}", f"如实补充填报{name}"
    elif f.status == "invalid":
        # the catalogue's reason (只写了下限…请填写确切数值), never a bare “无法识别” for a cell that was read
        why = f.reason_message.render("zh") if f.reason_message else "无法识别"
        cell = f"{name}所依据的{f.basis_field}" if f.basis_field else name
        text, todo = f"{cell}填报值“{f.raw}”{why}{where}", f"按规范重新填报{cell}" + ("" if f.reason else "（填写数值）")
    elif isinstance(f.actual, bool) or isinstance(f.required, bool) or f.actual is None or f.required is None:
        facility = name.removeprefix("一个")
        if facility != name:
            text, todo = f"未建成{facility}", f"建成{facility}并挂牌投入使用"
        else:
            text, todo = f"{name}未达标", f"{name}按标准整改到位"
    else:
        text, todo = _numeric(f, name, qualifier, f.actual, f.required)
    return Problem(f.indicator, f.status, text, f.basis, todo, f.department,
                   f.actual, f.required, f.gap, f.unit)


def _marked(phrase: str, marker: Message | None) -> str:
    """“应不少于8个（本次检查要求）”; a phrase already ending in brackets takes the mark inside them:
    “应不低于65%（344.5㎡，本次检查要求）”."""
    if marker is None:
        return phrase
    mark = marker.render("zh")
    return f"{phrase[:-1]}，{mark}）" if phrase.endswith("）") else f"{phrase}（{mark}）"


def _part_name(f: Finding, name: str) -> str:
    """A conjunction's title names the whole (活动用房不少于400㎡且单间不少于200㎡); a problem with one of its
    cells is named after that cell's field."""
    said = f.wording
    if said is None or f.cited_field is None or said.rule.part_for(f.cited_field) is said.rule:
        return name
    spec = said.fields.get(f.cited_field)
    return spec.title.get("zh") if spec is not None else name


def _numeric(f: Finding, name: str, qualifier: str, actual: float, required: float) -> tuple[str, str]:
    """A numeric shortfall (``actual`` and ``required`` are the finding's numbers): the sentence and the fix."""
    percent = f.unit in ("%", "％")
    unit = "%" if percent else (f.unit or "")
    over = float(actual) > float(required)
    words = ("不高于", "不低于") if percent else ("不超过", "不少于")
    word = words[0] if over else words[1]
    gap = f.gap if f.gap is not None else abs(float(required) - float(actual))
    gap_text = f"{fmt(gap)}个百分点" if percent else f"{fmt(gap)}{unit}"
    verb = ("降低" if over else "提高") if percent else ("压减" if over else "补足")
    todo = f"{verb}{gap_text}，达到{word}{fmt(required)}{unit}"
    gap_said = f"{'超' if over else '差'}{gap_text}"
    figure = f"{fmt(actual)}{unit}"
    if _bounded_inputs(f):
        gap_said, todo = _bounded_gap(f, over, gap_said, gap_text, verb, f"{word}{fmt(required)}{unit}")
    elif _approximate_inputs(f):
        figure, gap_said, todo = _approximate_gap(f, figure, gap_said, gap_text, verb)
    if f.wording is not None:
        said = f.wording.shortfall(float(actual), float(required), f.cited_field)
        subject = param_text(said.subject, "zh") if said.subject is not None else name
        phrase = _marked(said.phrase.render("zh"), f.wording.marker)
        return f"{subject}{figure}，{phrase}，{gap_said}", todo
    basis = ""
    if qualifier.startswith("每") and not qualifier.startswith("每年"):
        basis = f"按{qualifier}标准"
    elif "序时" in qualifier:
        basis = "按序时进度"
    text = f"{name}{figure}，{basis}应{word}{fmt(required)}{unit}，{gap_said}"
    return text, todo


def _approximate_inputs(f: Finding) -> _Inputs:
    """The approximate inputs (“约6”) of the (sub-)rule the finding reports."""
    return _part_inputs(f, f.approximate)


def _approximate_gap(f: Finding, figure: str, gap_said: str, gap_text: str, verb: str) -> tuple[str, str, str]:
    """The actual figure, the gap and the fix of a shortfall some of whose inputs are approximate (“约6”):
    the verdict holds across ±10 % (bounds.py), the figures are the cell's number and only about right.
    The actual is quoted as written (文化活动开展约6次（台账填报“约6”）), the gap said as approximate (约差2次),
    and an approximate basis of the requirement (户数“约900”) named after the gap — as :func:`_bounded_gap`
    does for a lower bound."""
    inputs = _approximate_inputs(f)
    own = [raw for name, _, _, raw in inputs if name == f.cited_field and f.basis_field is None]
    others = [b for b in inputs if b[0] != f.cited_field or f.basis_field is not None]
    if own:
        figure = f"约{figure}（台账填报“{own[0]}”）"
    gap_said = f"约{gap_said}"
    if others:
        cells = "、".join(f"{title}填报“{raw}”{f'（{cell}）' if cell else ''}" for _, title, cell, raw in others)
        gap_said = f"{gap_said}（{cells}，是约数，按填报数计算）"
    titles = "、".join(dict.fromkeys(title for _, title, *_ in inputs))
    return figure, gap_said, f"如实填报{titles}确切数值，并{verb}差额（约{gap_text}）"


_Inputs = tuple[tuple[str, str, str | None, str | None], ...]


def _part_inputs(f: Finding, inputs: _Inputs) -> _Inputs:
    """Those of ``inputs`` (lower-bound or approximate cells) that the (sub-)rule the finding reports reads:
    another part of a conjunction does not move this part's figures."""
    if not inputs or f.wording is None:
        return inputs
    part = set(f.wording.rule.part_for(f.cited_field).fields())
    return tuple(b for b in inputs if b[0] in part)


def _bounded_inputs(f: Finding) -> _Inputs:
    """The lower-bound inputs (“2000多”) of the (sub-)rule the finding reports."""
    return _part_inputs(f, f.bounded)


def _bounded_gap(f: Finding, over: bool, gap_said: str, gap_text: str, verb: str,
                 requirement: str) -> tuple[str, str]:
    """The gap and the fix of a shortfall some of whose inputs are only a lower bound (“2000多” households):
    the verdict holds at both ends (bounds.py) but the figures are the lower end's. Every input only raises
    its side, so a bounded requirement makes the true gap of a minimum larger (至少差70㎡) and a bounded
    actual smaller (至多差7次); both bounded, no figure is true. The bounded cells are named."""
    main, bounded = f.cited_field, _bounded_inputs(f)
    on_actual = any(name == main for name, *_ in bounded)
    on_required = any(name != main for name, *_ in bounded)
    cells = "、".join(f"{title}填报“{raw}”{f'（{cell}）' if cell else ''}" for _, title, cell, raw in bounded)
    note = f"（{cells}，只写了下限，按下限计算）"
    exact = "如实填报" + "、".join(dict.fromkeys(title for _, title, *_ in bounded)) + "确切数值"
    sign = "超" if over else "差"
    if on_actual and on_required:
        return f"未达到要求{note}", f"{exact}，并按标准整改到位"
    if on_required != over:  # the true gap is larger: the requirement of a minimum, the actual of a maximum
        return f"至少{sign}{gap_text}{note}", f"{exact}，并{verb}差额（至少{gap_text}）"
    return f"至多{sign}{gap_text}{note}", f"{exact}，并达到{requirement}" if not on_required \
        else f"{exact}，并{verb}差额（至多{gap_text}）"


def basis_document(result: CheckResult, settings: NoticeSettings) -> str:
    """《…》 a notice cites as its authority: ``basis_document`` of the office settings, else the title of
    the standard the indicators come from (the root of the ``extends`` chain that declares them) — never
    the title of an extension that only adds header aliases or tightens a rule."""
    ref = result.standard
    name = settings.basis_document or (ref.basis_title or ref.title).get("zh")
    return f"《{name.strip().removeprefix('《').removesuffix('》')}》"


def placeholder_indicators(result: CheckResult) -> dict[str, Any]:
    """Indicator id → title of every indicator this run assessed whose threshold is a placeholder: what a
    notice of the run (new, follow-up or assignment) could cite."""
    return {s.indicator: s.title for s in result.summary.by_indicator
            if s.basis_confidence == "placeholder"
            and s.met + s.shortfall + s.missing + s.invalid + s.not_applicable + s.waived > 0}


def refuse_placeholders(result: CheckResult, allow: bool) -> None:
    """``notices draft`` cites no placeholder threshold unless ``--allow-placeholder`` (design.md,
    "Additions"): a UsageError (exit 2) naming the indicators, raised before anything is written.

    The whole standard is refused, not only the communities that would get a notice today: the office
    decides once whether placeholder numbers may appear in official documents, and a run that drafts no
    notice now still follows up earlier ones."""
    cited = placeholder_indicators(result)
    if cited and not allow:
        from creatio_cli.errors import UsageError

        raise UsageError("notices.placeholder_refused", {"indicators": list(cited), "titles": list(cited.values())})


#: A Chinese character: a name holding one is written as a 公文 writes it (official_name).
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})


def official_name(name: str) -> str:
    """A Chinese name as a 公文 writes it: ``丙社区(已撤并)`` → ``丙社区（已撤并）``, ``其中:老旧小区`` →
    ``其中：老旧小区``. Names are NFKC-folded when read (the register's and reports' keys), which turns the
    ledger's full-width brackets and colons half-width; only a notice's text turns them back — a name
    without Chinese characters (``Block A (North)``) stays as it is."""
    return name.translate(_FULL_WIDTH) if _CJK.search(name) else name


def addressee(street: str, community: str) -> str:
    """"古城街道南关社区居委会：" (full-width colon; the names' brackets full-width too, official_name)."""
    name = community if community.endswith(("居委会", "居民委员会")) else f"{community}居委会"
    return f"{official_name(street)}{official_name(name)}："


def _requirements(due: date) -> tuple[str, ...]:
    return (
        "（一）逐项整改。对照问题清单逐项制定整改措施，明确责任人和完成时限，做到整改一项、销号一项。",
        "（二）建立整改台账。如实记录整改过程，整改完成后及时更新社区创建工作台账。",
        f"（三）按时销号。{cn_date(due)}前完成全部整改，逐项对照销号，不留死角。",
    )


def _reply(settings: NoticeSettings) -> str:
    return (f"整改情况请以书面形式报送{settings.issuer}，附整改前后对比照片。"
            f"联系人：{settings.contact}，联系电话：{settings.phone}。")


_CONSEQUENCE = ("我办将适时组织复查（“回头看”）。对整改不力、逾期未完成整改的，将予以通报批评，"
                "并纳入年度考核；情节严重的，约谈相关负责人。")
_ESCALATED = ("对本次督办事项仍未按期整改到位的，将在全市通报批评，约谈街道和社区主要负责人，"
              "并在年度考核中扣分。")


def unreflected(community: CommunityResult, result: CheckResult) -> tuple[str, ...]:
    """台账未反映: the titles of the indicators the community's ledger file has no column for."""
    titles = {s.indicator: s.title.get("zh") for s in result.summary.by_indicator}
    ids = dict.fromkeys(u.indicator for u in result.unassessed if community.source.file in u.files)
    return tuple(titles.get(i, i) for i in ids)


def refuse_unassessed(result: CheckResult, allow: bool) -> None:
    """``notices draft`` refuses a ledger with unassessed indicators unless ``--allow-unassessed`` (design.md,
    "Additions"): a UsageError (exit 2) naming the fields and how to map them, before anything is written."""
    if result.unassessed and not allow:
        from creatio_cli.errors import UsageError

        fields = list(dict.fromkeys(u.field for u in result.unassessed))
        titles = {s.indicator: s.title for s in result.summary.by_indicator}
        indicators = list(dict.fromkeys(u.indicator for u in result.unassessed))
        raise UsageError("notices.unassessed_refused", {
            "count": len(indicators), "titles": [titles[i] for i in indicators if i in titles],
            "fields": fields, "example": fields[0]})


def copied_to(settings: NoticeSettings, community: CommunityResult | None = None) -> tuple[str, ...]:
    """抄送: the settings' ``cc``, then — with ``cc_partner`` — the community's partner unit(s), each once."""
    partners = community.partner_units if community is not None and settings.cc_partner else ()
    return tuple(dict.fromkeys([*settings.cc, *partners]))


def check_basis(result: CheckResult, settings: NoticeSettings, whose: str) -> str:
    """The basis paragraph: what was checked — the ledger as of its date — and against which document.

    The as-of date is the date the ledger describes, not the day of the check (a ledger 截至6月30日 is filed
    days later), so it dates the ledger: "根据《…》，我办通过查阅台账等方式，对你社区截至2022年6月30日的创建工作
    台账进行了检查。"."""
    return (f"根据{basis_document(result, settings)}，我办通过{settings.method}等方式，"
            f"对{whose}截至{cn_date(result.as_of)}的创建工作台账进行了检查。")


def build_notice(community: CommunityResult, result: CheckResult, settings: NoticeSettings,
                 number: str, year: int, seq: int, due: date, issued: date | None = None) -> Notice:
    """The 整改通知书 for one community, dated ``issued`` (``--date``, else the as-of date)."""
    problems = tuple(word_problem(f) for f in problem_findings(community))
    basis = check_basis(result, settings, "你社区")
    progress = (f"截至{cn_date(result.as_of)}，你社区{progress_sentence(community.completion, community.expected_progress)}，"
                f"存在以下问题：")
    return Notice("notice", number, year, seq, community.district, community.street, community.community,
                  settings.title, settings.issuer, addressee(community.street, community.community),
                  result.as_of, due, basis, progress, problems, _requirements(due), _reply(settings),
                  _CONSEQUENCE, settings.signature, copied_to(settings, community),
                  unreflected=unreflected(community, result), printed_by=settings.printed_by or settings.issuer,
                  issued=issued)


def build_escalation(parent: dict[str, Any], community: CommunityResult, result: CheckResult,
                     settings: NoticeSettings, number: str, year: int, seq: int, due: date,
                     issued: date | None = None) -> Notice:
    """The 督办通知 for an overdue notice: the problems it listed that are still unmet."""
    listed = set(parent["indicators"])
    problems = tuple(word_problem(f) for f in problem_findings(community) if f.indicator in listed)
    # The register keeps the parent's as-of date, not the day it was sent: the parent is named by its 文号 and
    # the ledger it was drafted from, and the follow-up by the later ledger's date.
    basis = (f"根据你社区截至{cn_date(parent['as_of'])}的创建工作台账，我办向你社区印发《{settings.title}》"
             f"（{parent['number']}），要求于{cn_date(parent['due'])}前整改到位。经查阅你社区截至"
             f"{cn_date(result.as_of)}的创建工作台账复查，下列问题逾期仍未整改到位，现予督办。")
    progress = (f"截至{cn_date(result.as_of)}，你社区{progress_sentence(community.completion, community.expected_progress)}，"
                f"逾期未整改问题如下：")
    return Notice("escalation", number, year, seq, community.district, community.street, community.community,
                  "督办通知", settings.issuer, addressee(community.street, community.community),
                  result.as_of, due, basis, progress, problems, _requirements(due), _reply(settings),
                  _ESCALATED, settings.signature, copied_to(settings, community), parent=parent["number"],
                  unreflected=unreflected(community, result), printed_by=settings.printed_by or settings.issuer,
                  issued=issued)


def group_by_department(communities: list[CommunityResult]) -> dict[str, list[tuple[CommunityResult, Problem]]]:
    """Department → its (community, problem) pairs, departments sorted, communities in ledger order."""
    groups: dict[str, list[tuple[CommunityResult, Problem]]] = {}
    for c in communities:
        for f in problem_findings(c):
            groups.setdefault(f.department or "未指定责任单位", []).append((c, word_problem(f)))
    return dict(sorted(groups.items()))


def is_issuer(department: str, settings: NoticeSettings) -> bool:
    """Whether ``department`` is the issuing office itself (its 代字 创文办, its name, or the end of its name:
    XX市创文办 → 创文办): a 交办单 is never addressed to the office that issues it."""
    name = department.strip()
    offices = [settings.code, settings.issuer, settings.signature, settings.printed_by or ""]
    return bool(name) and any(name == o.strip() or (len(name) >= 2 and o.strip().endswith(name)) for o in offices if o)


def build_assignment(department: str, items: list[tuple[CommunityResult, Problem]], result: CheckResult,
                     settings: NoticeSettings, number: str, year: int, seq: int, due: date,
                     issued: date | None = None) -> Notice:
    """One 交办单 to a responsible department listing its communities' problems."""
    problems = tuple(
        Problem(p.indicator, p.status, f"{official_name(c.street + c.community)}：{p.text}", p.basis, p.requirement,
                department, p.actual, p.required, p.gap, p.unit)
        for c, p in items)
    count = len({c.key for c, _ in items})
    basis = check_basis(result, settings, "各社区")
    progress = f"经检查，涉及你单位职责的问题共{len(problems)}个（{count}个社区），现交办如下："
    return Notice("assignment", number, year, seq, "", "", department, "问题交办单", settings.issuer,
                  f"{department}：", result.as_of, due, basis, progress, problems, _requirements(due),
                  _reply(settings), _CONSEQUENCE, settings.signature, copied_to(settings),
                  printed_by=settings.printed_by or settings.issuer, issued=issued)
