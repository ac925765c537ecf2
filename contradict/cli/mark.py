"""``contradict mark``: a finding marked wrong or right."""

from __future__ import annotations

import click

from contradict.cli.app import handle_errors, make_ctx, opened
from contradict.cli.options import common, no_wait_opt


@click.command("mark")
@click.argument("pair_id")
@click.argument("verdict", type=click.Choice(["wrong", "right"]))
@click.option("--note", default="", help="Why (kept with the mark, shown in reports).")
@no_wait_opt
@common
@handle_errors
def mark_cmd(pair_id, verdict, note, **kw):
    """Tell contradict a finding is wrong or right; wrong ones are hidden from later reports.

    PAIR_ID is the pair's id from a report (JSON `id`; the HTML shows the command under each finding), or a
    unique prefix of it. Marks are kept in the index and survive rebuilds and nightly runs.

    \b
    Example:
      contradict mark 'herald_dam_collapse:80a62e91a3|valley_voice_no_warning:e8540ceb27' right
      contradict mark 'wire-0302:1d2c...' wrong --note "two different inspections"
    """
    ctx = make_ctx(**kw)
    with opened(ctx) as pipe:
        pid = pipe.mark(pair_id, verdict, note)
    if not ctx.quiet:
        ctx.err.print(f"marked {pid} {verdict}", highlight=False, soft_wrap=True)
