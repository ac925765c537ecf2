"""``contradict report``: the index's tensions by story, after indexing any PATHs given."""

from __future__ import annotations

import sys
from contextlib import nullcontext

import click

from contradict.cli.app import emit, handle_errors, make_ctx, opened, report_problems, stats_line
from contradict.cli.options import INPUTS, _only, common, filter_opts, no_wait_opt, output_opts, pair_budget_opt
from contradict.errors import Exit
from contradict.report.text import left_out


@click.command("report")
@click.argument("paths", nargs=-1, type=INPUTS)
@output_opts
@filter_opts
@click.option("--articles", "show_articles", is_flag=True, default=None,
              help="List every article at the end of the terminal report [only when there are at most 20].")
@click.option("--show-dismissed", is_flag=True, help="Also show findings marked wrong (`contradict mark`).")
@pair_budget_opt
@no_wait_opt
@common
@handle_errors
def report_cmd(paths, fmt, output, top, story, source, since, until, show_articles, show_dismissed, **kw):
    """Report tensions in the index by story; index PATHs first if given.

    \b
    Examples:
      contradict report ../shared/seeds
      contradict report --format json > report.json
      contradict report --format html -o reports/seeds.html
      contradict report --story story-1a2b3c --source "Fox News" --since 2019-01-01
    """
    only = _only(story, source, since, until)
    ctx = make_ctx(top=top, format=fmt, **kw)
    code = Exit.OK
    with opened(ctx, progress=True) as pipe:
        # indexing first: the write lock is held until the report is built, which takes what the run wrote from it
        with pipe.writing() if paths else nullcontext():
            if paths:
                st = pipe.index(paths)
                code = report_problems(ctx, st.problems)
                stats_line(ctx, st)
            report = pipe.report(top=ctx.settings.top, only=only, show_dismissed=show_dismissed)
    if report.summary.dismissed and not ctx.quiet:
        ctx.err.print(f"{report.summary.dismissed} findings marked wrong are left out (--show-dismissed shows them)")
    left = left_out(report)
    if left and not ctx.quiet:
        ctx.err.print(left)
    emit(ctx, report, ctx.settings.format, output, ctx.settings.top, "contradict report", show_articles=show_articles)
    sys.exit(code)
