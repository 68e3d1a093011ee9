"""Notice templates are bounded (issue 14): loops, huge strings and lists stop fast with exit 2, naming the limit.

Templates are generated with python-docx here (nothing binary is committed). Each hostile construct
below hung or exhausted memory before; the time bounds are generous.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import docx
import pytest

from creatio_cli.errors import UsageError
from creatio_cli.notices.docx import NoticeRenderer
from creatio_cli.notices.sandbox import BoundedSandbox, TemplateLimitError, TemplateTimeout, time_limit
from tests.notice_ledgers import first_ledger


def _template(path, text: str):
    doc = docx.Document()
    doc.add_paragraph(text)
    doc.save(path)
    return path


NESTED_RANGES = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return first_ledger(tmp_path_factory.mktemp("ledger") / "ledger.xlsx")


@pytest.mark.parametrize(("text", "limit"), [
    (NESTED_RANGES, "CREATIO_TEMPLATE_ITEMS"),
    ('{{ "x"|center(1000000000) }}', "CREATIO_TEMPLATE_OUTPUT_MB"),
    ("{{ [1]*1000000000 }}", "CREATIO_TEMPLATE_ITEMS"),
])
def test_hostile_template_is_exit_2_fast_naming_template_and_limit_and_nothing_is_written(
        tmp_path, cli, ledger, text, limit):
    template = _template(tmp_path / "mine.docx", text)
    out = tmp_path / "out"
    start = time.perf_counter()
    code, _, err = cli("notices", "draft", ledger, "--output", out, "--template", template, "--lang", "en")
    assert time.perf_counter() - start < 3.0
    assert code == 2
    assert "mine.docx: template stopped:" in err and limit in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_slow_template_is_stopped_by_the_time_limit_before_anything_is_written(tmp_path, cli, ledger, monkeypatch):
    monkeypatch.setenv("CREATIO_TEMPLATE_SECONDS", "1")
    # 8.1 billion empty iterations over a string: no range, no big value, only time
    text = '{% set s = "x"|center(90000) %}{% for c in s %}{% for d in s %}{% endfor %}{% endfor %}'
    template = _template(tmp_path / "slow.docx", text)
    out = tmp_path / "out"
    start = time.perf_counter()
    code, _, err = cli("notices", "draft", ledger, "--output", out, "--template", template, "--lang", "en")
    assert time.perf_counter() - start < 3.0
    assert code == 2 and "slow.docx: template stopped: rendering took longer than 1 s" in err
    assert "CREATIO_TEMPLATE_SECONDS" in err
    assert not out.exists()


def test_a_template_that_only_explodes_on_real_data_is_stopped_instead_of_written(tmp_path, cli, ledger):
    # the sample notice passes; the second community's notice would build a gigabyte
    text = '{{ community }}{% if community == "北关社区" %}{{ "x"|center(1000000000) }}{% endif %}'
    template = _template(tmp_path / "late.docx", text)
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", ledger, "--output", out, "--template", template, "--lang", "en")
    assert code == 2 and "late.docx: template stopped:" in err
    assert not list(out.glob("*北关社区*"))


@pytest.mark.parametrize("text", [
    '{{ "x"|center(1000000000) }}', NESTED_RANGES, '{{ "{:1000000000}".format(1) }}',
])
def test_validating_a_template_is_bounded_too(tmp_path, text):
    renderer = NoticeRenderer(_template(tmp_path / "t.docx", text))
    start = time.perf_counter()
    with pytest.raises(UsageError, match=r"t\.docx: template stopped: .*\(limit; set CREATIO_TEMPLATE_"):
        renderer.validate()
    assert time.perf_counter() - start < 2.0


# ---- the sandbox, operation by operation --------------------------------------------------------------

# Scaled to small limits (1,000,000 characters, 10,000 items) so that even the operations refused only
# after a first step allocate little: the checks are the same at any scale, and the test process's heap
# stays small (other tests measure a forked reader's memory against it).
SMALL = {"CREATIO_TEMPLATE_OUTPUT_MB": "1", "CREATIO_TEMPLATE_ITEMS": "10000"}

HOSTILE = [
    # operators
    ('{{ "x" * 1000000000 }}', "'*' would build 1,000,000,000 characters"),
    ("{{ 1000000000 * [1] }}", "'*' would build 1,000,000,000 items"),
    ("{{ 10 ** 1000000000 }}", "'**' would build an integer of more than 4300 digits"),
    ("{{ (2 ** 14000) * (2 ** 14000) }}", "'*' would build an integer"),
    ('{{ "%1000000000s" % 1 }}', "'%' would build"),
    ('{{ "%s%s%s%s%s%s" % (("x"|center(200000),) * 6) }}', "'%' would build 1,200,012 characters"),
    # doubling in a loop: each operation is measured, not only the output
    ('{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
     "'~' would build 1,048,576 characters"),
    ('{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}',
     "'+' would build 1,048,576 characters"),
    ("{% set l = [1] %}{% for i in range(64) %}{{ l.extend(l) }}{% endfor %}", "extend() would build 16,384 items"),
    ("{% macro f(n) %}{% if n %}{% set s = f(n-1) %}{{ s }}{{ s }}{% else %}x{% endif %}{% endmacro %}{{ f(40) }}",
     "output passes 1,000,000 characters"),
    # filters
    ('{{ "x"|indent(1000000000) }}', "|indent would build"),
    ('{{ "%1000000000s"|format(1) }}', "|format would build"),
    ('{{ (["a"] * 1000)|join("x"|center(100000)) }}', "|join would build"),
    ('{{ ("x" * 1000)|replace("x", "y"|center(10000)) }}', "|replace would build 10,000,000 characters"),
    ('{{ "ab"|wordwrap(1, wrapstring="x"|center(600000)) }}', "|wordwrap would build"),
    ("{{ [1]|batch(1000000000, 0)|list }}", "|batch would build 1,000,000,000 items"),
    ("{{ [1]|slice(1000000000)|list }}", "|slice would build 1,000,000,000 items"),
    ('{{ ("x"|center(20000))|list|length }}', "|list would build 20,000 items"),
    ("{{ ([range(600)|list] * 20)|sum(start=[]) }}", "|sum would build 12,000 items"),
    # methods
    ('{{ "x".ljust(1000000000) }}', "ljust() would build"),
    ('{{ "x".zfill(1000000000) }}', "zfill() would build"),
    ('{{ "x\\tx".expandtabs(1000000000) }}', "expandtabs() would build"),
    ('{{ "{:1000000000}".format(1) }}', "format() would build 1,000,000,000 characters"),
    ('{{ "{:{w}}".format(1, w=1000000000) }}', "format() would build 1,000,000,000 characters"),
    ('{{ ("{0}" * 20).format("x"|center(100000)) }}', "format() would build"),
    ('{{ "x".join(["y"|center(100000)] * 100) }}', "join() would build 10,000,099 characters"),
    ('{{ ("a " * 15000).split()|length }}', "split() would build 10,001 items"),
    ('{{ ("a," * 15000).split(",")|length }}', "split() would build 15,001 items"),
    ('{{ ("a\\n" * 15000).splitlines()|length }}', "splitlines() would build 15,001 items"),
    ('{{ ("x"|center(100)).translate({32: "y"|center(20000)}) }}', "translate() would build 2,000,000 characters"),
    # globals
    ("{{ range(20000)|length }}", "range() would give more than 10,000 items"),
    ("{{ lipsum(100000000) }}", "lipsum() would build"),
]


@pytest.mark.parametrize(("source", "says"), HOSTILE)
def test_each_growing_operation_is_refused_before_it_runs(monkeypatch, source, says):
    for name, value in SMALL.items():
        monkeypatch.setenv(name, value)
    env = BoundedSandbox()
    start = time.perf_counter()
    with pytest.raises(TemplateLimitError) as info:
        env.from_string(source).render()
    assert time.perf_counter() - start < 2.0
    assert says in str(info.value)
    assert "(limit; set " in str(info.value) and " to raise it)" in str(info.value)


ORDINARY = [
    ('{{ "ab"|center(6) }}', "  ab  "),
    ("{{ [1, 2] * 2 }}", "[1, 2, 1, 2]"),
    ('{{ "ab" * 2 }}{{ 3 * "c" }}', "ababccc"),
    ("{{ 2 ** 10 }} {{ 7 * 6 }} {{ 10 % 3 }} {{ 1 + 2 }}", "1024 42 1 3"),
    ('{{ "%5s|%-3d|" % ("a", 7) }}', "    a|7  |"),
    ('{{ "%(n)s号"|format(n=5) }}{{ "%s-%s"|format(1, 2) }}', "5号1-2"),
    ('{{ "{:>4}|{}".format(1, "x") }}', "   1|x"),
    ('{{ "a" ~ 1 ~ "b" }}', "a1b"),
    ('{{ ["a", "b"]|join("-") }}', "a-b"),
    ('{{ "aXa"|replace("X", "YY") }}', "aYYa"),
    ('{{ "a\nb"|indent(2, true) }}', "  a\n  b"),
    ('{{ "a,b".split(",") }} {{ "a\nb".splitlines()|length }} {{ "a b c".split(None, 1)|length }}',
     "[&#39;a&#39;, &#39;b&#39;] 2 2"),
    ("{{ range(3)|list }} {{ [1, 2, 3]|batch(2)|list|length }}", "[0, 1, 2] 2"),
    ("{{ [[1], [2]]|sum(start=[]) }} {{ [1, 2]|sum }}", "[1, 2] 3"),
    ('{% set l = [] %}{{ l.append(1) }}{{ l }}', "None[1]"),
    ('{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m("&") }}', "<&amp;>"),
    ('{% set x %}块{% endset %}{{ x }}{% filter upper %}ab{% endfilter %}', "块AB"),
    ('{{ "x"|center(3)|length }}{{ "x".ljust(3) }}|', "3x  |"),
]


@pytest.mark.parametrize(("source", "expected"), ORDINARY)
def test_ordinary_uses_of_the_same_operations_render_as_before(source, expected):
    env = BoundedSandbox(autoescape=True)
    assert env.from_string(source).render() == expected


def test_the_limits_can_be_raised_and_lowered(monkeypatch):
    assert BoundedSandbox().from_string('{{ "x"|center(1000001)|length }}').render() == "1000001"
    monkeypatch.setenv("CREATIO_TEMPLATE_OUTPUT_MB", "1")
    with pytest.raises(TemplateLimitError, match="1,000,001 characters, more than 1,000,000"):
        BoundedSandbox().from_string('{{ "x"|center(1000001)|length }}').render()
    monkeypatch.setenv("CREATIO_TEMPLATE_ITEMS", "10")
    with pytest.raises(TemplateLimitError, match="more than 10 items"):
        BoundedSandbox().from_string("{{ range(20)|length }}").render()
    monkeypatch.setenv("CREATIO_TEMPLATE_ITEMS", "3000000")
    assert BoundedSandbox().from_string("{{ range(2000000)|length }}").render() == "2000000"


def test_the_range_budget_is_per_part_not_per_run():
    template = BoundedSandbox().from_string("{{ range(600000)|length }}")
    assert [template.render() for _ in range(3)] == ["600000"] * 3  # 1.8 million over three renders


# ---- the timer -------------------------------------------------------------------------------------

def test_the_time_limit_stops_a_busy_loop_in_the_main_thread_and_restores_the_outer_timer():
    if not hasattr(signal, "setitimer"):
        pytest.skip("no interval timer on this platform")
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *args: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        start = time.perf_counter()
        with pytest.raises(TemplateTimeout, match=r"longer than 0\.2 s"), time_limit(0.2):
            while True:
                pass
        assert time.perf_counter() - start < 1.0
        left, _interval = signal.getitimer(signal.ITIMER_REAL)
        assert 4.0 < left < 5.0 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


THREAD_CHECK = """
import threading, time
from creatio_cli.notices.sandbox import TemplateTimeout, time_limit

def work():
    start = time.perf_counter()
    try:
        with time_limit(0.2):
            while True:
                pass
    except TemplateTimeout as exc:
        print("stopped", round(time.perf_counter() - start, 1), exc)
    with time_limit(0.2):
        pass
    time.sleep(0.4)  # the second timer must not fire into this sleep
    print("after: clean")

thread = threading.Thread(target=work)
thread.start()
thread.join(5)
"""


def test_the_time_limit_works_in_a_thread_and_a_finished_block_is_never_interrupted_later():
    # In a child process: a thread leaves its malloc arena behind, which would change what other tests
    # measure of this process's memory (test_faults_reader's reader limit).
    proc = subprocess.run([sys.executable, "-c", THREAD_CHECK], capture_output=True, text=True, timeout=30)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stderr
    assert lines[0].startswith(("stopped 0.2 ", "stopped 0.3 ")) and "longer than 0.2 s" in lines[0]
    assert lines[1:] == ["after: clean"]


def test_the_bundled_template_renders_within_the_limits_unchanged():
    renderer = NoticeRenderer()
    renderer.validate()
    assert isinstance(renderer.env, BoundedSandbox)
