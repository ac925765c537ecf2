"""``contradict calibrate``: the contradiction threshold's precision on the marked findings."""

from __future__ import annotations

import sys

import click

from contradict.cli.app import handle_errors, make_ctx
from contradict.cli.options import _finite, _read_report, common


@click.command("calibrate")
@click.option("--target", type=click.FloatRange(0, 1), default=0.8, show_default=True, callback=_finite,
              help="The precision the suggested threshold should reach on the marked findings.")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
@common
@handle_errors
def calibrate_cmd(target, fmt, **kw):
    """Precision of the contradiction threshold on the findings you marked, and a threshold to use.

    \b
    Example:
      contradict calibrate --target 0.9
    """
    from contradict.runs.calibrate import calibrate

    ctx = make_ctx(**kw)
    report = _read_report(ctx, top=0, show_dismissed=True)
    result = calibrate(report, ctx.settings.contradiction_threshold, target)
    if fmt == "json":
        from contradict.report.render import to_json

        sys.stdout.write(to_json(result))
        return
    from contradict.report import terminal_views as terminal

    terminal.render_calibration(ctx.out, result)
