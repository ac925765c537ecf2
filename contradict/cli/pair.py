"""``contradict pair``: where two articles contradict and agree."""

from __future__ import annotations

import click

from contradict.cli.app import emit, handle_errors, make_ctx, opened
from contradict.cli.options import common, no_wait_opt, output_opts, pair_budget_opt
from contradict.report.text import left_out


@click.command("pair")
@click.argument("a")
@click.argument("b")
@output_opts
@pair_budget_opt
@no_wait_opt
@common
@handle_errors
def pair_cmd(a, b, fmt, output, top, **kw):
    """Where two articles (ids or paths) contradict and agree.

    \b
    Example:
      contradict pair 004_71f5d9486d426034 002_2e6800efc9d63492
    """
    ctx = make_ctx(top=top, format=fmt, **kw)
    with opened(ctx, progress=True) as pipe:
        report = pipe.pair(a, b, top=ctx.settings.top)
    if report.summary.dismissed and not ctx.quiet:  # (as `contradict report` says them)
        ctx.err.print(f"{report.summary.dismissed} findings marked wrong are left out")
    left = left_out(report)
    if left and not ctx.quiet:
        ctx.err.print(left)
    emit(ctx, report, ctx.settings.format, output, ctx.settings.top, f"contradict: {a} vs {b}", kind="pair")
