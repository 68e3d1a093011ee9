"""`creatio score FOLDER`: every ledger of a folder, one run, ranked — the 周通报 (weekly bulletin)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from creatio_cli.cli.common import Common, FormatOpt, OutputOpt, with_common_options

#: Below this many files one process reads them all: a worker pool's start-up costs more than it saves
#: (20 files: 0.7–0.9 s with --jobs 1, 0.9–1.0 s with --jobs 2; bench/README.md).
SMALL_FOLDER = 40


def default_jobs(files: int) -> int:
    """Worker processes for ``files`` files when --jobs is not given."""
    return 1 if files < SMALL_FOLDER else os.cpu_count() or 1


def register(app: typer.Typer) -> None:
    app.command("score")(with_common_options(score))


def score(
    folder: Annotated[Path, typer.Argument(help="Folder of ledgers (.xlsx .xlsm .xls .ods .csv), searched recursively.")],
    format: FormatOpt = None,
    output: OutputOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help=f"Processes reading files in parallel (default: 1 for fewer than {SMALL_FOLDER} files, where starting workers costs more than it saves; else the machine's cores).")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="An earlier `score --format json` report: add score changes and new/fixed findings.")] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="How many communities in 十佳 / 十差 (top / bottom).")] = 10,
    *,
    opts: Common,
) -> None:
    """Score every ledger in FOLDER against one standard at one as-of date and rank the communities.

    Exit codes: 0 every file read and every community meets the standard; 1 some finding or some
    file skipped; 2 no file could be scored, or the standard/options cannot be used; 3 internal error.
    """
    from creatio_cli import batch
    from creatio_cli.errors import LedgerError, UsageError
    from creatio_cli.render.formats import resolve_format
    from creatio_cli.render.safe import check_output, protecting
    from creatio_cli.standards import load_standard

    fmt = resolve_format(format, output).value
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder (use `creatio check` for one ledger)"
                         if folder.exists() else f"{folder}: folder not found")
    std = load_standard(opts.standard)
    # Every ledger of the folder, the output path included: a report may replace an earlier report
    # (recognised by content and never listed here) but never a ledger that this run reads.
    paths = batch.find_ledgers(folder)
    if not paths:
        raise LedgerError(folder, "no ledger files (.xlsx .xlsm .xls .ods .csv) in this folder")
    inputs = [*paths, *([baseline] if baseline is not None else [])]
    if output is not None:
        check_output(output, inputs)
    with protecting(inputs):
        _run(folder, paths, std, fmt, output, jobs, baseline, top, opts)


def _run(folder: Path, paths: list[Path], std, fmt: str, output: Path | None, jobs: int | None,
         baseline: Path | None, top: int, opts: Common) -> None:
    from creatio_cli import batch
    from creatio_cli.cli import common as c
    from creatio_cli.errors import LedgerError
    from creatio_cli.i18n import say, tr

    found = batch.read_folder(paths, std, sheet=opts.sheet, header_rows=opts.header_rows,
                              jobs=jobs or default_jobs(len(paths)), progress=_progress(len(paths), opts.lang))
    for f in found.files:
        if f.status != "ok":
            c.info(say(f"跳过 {f.path}：{tr(f.reason or '', 'zh')}", f"skipped {f.path}: {f.reason}", opts.lang))
    if found.ledger is None:
        raise LedgerError(folder, f"no ledger could be scored ({len(paths)} files, all skipped)")
    result = _score(found, std, opts, baseline, top)
    c.show_warnings(result.check.warnings, opts.lang)
    written = _emit(result, fmt, output, opts.lang, top)
    for path in written:
        c.info(say(f"已写入 {path}", f"written: {path}", opts.lang))
    raise typer.Exit(result.exit_code)


def _score(found, std, opts, baseline_path: Path | None, top: int):
    """Check the concatenated ledger once, then rank (and compare with the baseline)."""
    import dataclasses

    from creatio_cli import batch
    from creatio_cli.baseline import compare
    from creatio_cli.cli import common as c
    from creatio_cli.engine import check
    from creatio_cli.i18n import say
    from creatio_cli.ranking import rank

    ledger = c.select(found.ledger, opts)
    hint, differ = batch.common_as_of(found.as_of_hints)
    day, source = c.resolve_as_of(opts, hint)
    if differ and not opts.as_of:
        dates = ", ".join(sorted({d.isoformat() for d in found.as_of_hints}))
        c.info(say(f"各文件的截至日期不一致（{dates}），统一按 {day.isoformat()}；可用 --as-of 指定",
                   f"the files give different as-of dates ({dates}); using {day.isoformat()} (set --as-of)",
                   opts.lang))
    period = c.campaign(opts, std, day)
    c.info(say(f"截至日期 {day.isoformat()}（{source}）；标准 {std.id}",
               f"as of {day.isoformat()} ({source}); standard {std.id}", opts.lang))
    result = check(ledger, std, day, period, lang=opts.lang, files=found.files)
    files = batch.count_communities(found.files, [x.source.file for x in result.communities])
    result = dataclasses.replace(result, files=tuple(files))
    points = {ind.id: ind.points for ind in std.indicators}
    comparison = compare(result, baseline_path, points) if baseline_path is not None else None
    labels = [g.label.get(opts.lang) for g in std.scoring.grades]
    return rank(result, top=top, grade_labels=labels, baseline=comparison)


def _progress(total: int, lang: str):
    """A transient rich progress bar on stderr, or nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("读取台账" if lang == "zh" else "reading ledgers", total=total)
    bar.start()

    def advance(_path: Path) -> None:
        bar.advance(task)
        if bar.tasks[0].completed >= total:
            bar.stop()

    return advance


def _emit(result, fmt: str, output: Path | None, lang: str, top: int) -> list[Path]:
    from creatio_cli.render import score_text, write_bytes

    if fmt == "xlsx":
        from creatio_cli.render.score_xlsx import write_score_xlsx

        return write_score_xlsx(result, output, lang)  # type: ignore[arg-type]
    if fmt == "table":
        from rich.console import Console

        from creatio_cli.render.score_table import render_score_table

        if output is None:
            render_score_table(result, lang, Console(), limit=top or 10)
            return []
        import io

        buf = io.StringIO()
        render_score_table(result, lang, Console(file=buf, width=120, no_color=True), limit=top or 10)
        data = buf.getvalue().encode("utf-8")
    elif fmt == "json":  # streamed: neither the text nor every community's dict held at once
        from creatio_cli.render.json_out import write_chunks

        return write_chunks(score_text.iter_json(result), output, sys.stdout)
    else:
        data = {"csv": lambda: score_text.render_csv(result, lang), "md": lambda: score_text.render_md(result, lang)}[fmt]()
    return write_bytes(data, output, sys.stdout)
