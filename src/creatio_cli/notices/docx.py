"""Word output: render notices through docxtpl from the bundled or an office's own template.

Templates are untrusted text written by people: they render in the bounded, sandboxed, strict Jinja
environment of ``notices.template`` (shared with the bulletins), each render (the sample notice's too)
within a time limit; a template past a limit is a UsageError (exit 2) naming the template and the limit.
One environment is reused for every notice of a run. A template is validated by rendering it once with a
sample notice before anything is written.

Variables available in a template (all strings unless said otherwise):

==============  ==================================================================================
kind            ``notice`` (整改通知书), ``escalation`` (督办通知) or ``assignment`` (交办单)
number          文号, e.g. ``宿创文办〔2022〕5号``
title           ``整改通知书`` (settings), ``督办通知`` or ``问题交办单``
issuer          发文机关 (settings)
addressee       ``古城街道南关社区居委会：`` (for a 交办单: ``民政局：``)
district        区县; street: 街道; community: 社区 (for a 交办单: the department)
basis           who checked, when, against which standard, how
progress        ``截至…，你社区综合完成率42.5%，低于序时进度（49.6%）7.1个百分点，存在以下问题：``
problems        list of numbered problems ``一、社区综合服务设施面积420㎡，…差138㎡（依据：…）``
requirements    list of requirement paragraphs ``（一）逐项整改。…``
deadline        ``请于2022年7月15日前整改到位。``;  due: ``2022年7月15日``;  as_of: ``2022年6月30日``
reply           reply requirement with contact and phone (settings)
consequence     复查 / 通报批评 / 纳入年度考核 / 约谈
signature       落款 (settings);  date: 成文日期 (the ledger's as-of date, or --date) in Chinese, e.g. ``2022年7月2日``
cc              抄送, joined with ``、`` (empty string when none)
printed_by      印发机关 of the 版记 (settings ``printed_by``, else the issuer);  printed_on: 印发日期, the date
parent          for an escalation, the 文号 of the overdue notice (else empty)
annex           list of rows with keys seq, problem, basis, requirement, department, due, status
==============  ==================================================================================
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from creatio_cli.notices.draft import Notice, Problem
from creatio_cli.notices.files import write_atomic
from creatio_cli.notices.template import DocxRenderer

DEFAULT_TEMPLATE = Path(__file__).with_name("default_notice.docx")


def sample_notice() -> Notice:
    """A complete notice used to validate templates (every variable set, every list non-empty)."""
    problem = Problem("area.per_100_households", "shortfall",
                      "社区综合服务设施面积420㎡，按每百户30㎡标准应不少于558㎡，差138㎡",
                      "《城乡社区服务体系建设规划（2016-2020年）》", "补足138㎡", "民政局", 420.0, 558.0, 138.0, "㎡")
    return Notice("notice", "创文办〔2022〕1号", 2022, 1, "宿城区", "古城街道", "南关社区", "整改通知书",
                  "XX市创建全国文明城市工作指挥部办公室", "古城街道南关社区居委会：", date(2022, 6, 30),
                  date(2022, 7, 15), "根据……", "截至……", (problem,), ("（一）逐项整改。",), "联系人：XXX",
                  "我办将适时组织复查。", "XX市创建全国文明城市工作指挥部办公室", ("市民政局",),
                  unreflected=("群众满意度",))


class NoticeRenderer(DocxRenderer):
    """Renders notices from one template; construct once per run, then ``render`` each notice."""

    guide = "docs/notices.md"

    def __init__(self, template: Path | None = None) -> None:
        super().__init__(Path(template) if template is not None else DEFAULT_TEMPLATE)

    def validate(self, kinds: tuple[str, ...] = ("notice",)) -> None:
        """Render the sample notice as each of ``kinds``, in memory; UsageError (exit 2) names the template
        and the problem. (An error only some data triggers is caught during the run; nothing is kept then.)"""
        sample = sample_notice()
        for kind in kinds:
            self.render_document(replace(sample, kind=kind, parent=sample.number if kind == "escalation" else None)
                                 .context())

    def render(self, notice: Notice, out: Path) -> Path:
        """Write ``notice`` as a .docx at ``out`` (atomically)."""
        return write_atomic(out, self.render_bytes(notice))

    def render_bytes(self, notice: Notice) -> bytes:
        """``notice`` as the bytes of a .docx (the run writes them under a temporary name; staging.py)."""
        return self.render_bytes_of(notice.context())


def copy_default_template(out: Path) -> Path:
    """``notices init-template``: the bundled template, for an office to restyle in Word or WPS."""
    return write_atomic(out, DEFAULT_TEMPLATE.read_bytes())
