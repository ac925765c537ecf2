"""``contradict frames``: who each article casts as sponsor, ally, enemy or threat of whom."""

from __future__ import annotations

import sys

import click

from contradict.cli.app import handle_errors, make_ctx
from contradict.cli.options import _only, _reading, common, filter_opts, no_wait_opt


@click.command("frames")
@click.option("--actor", default="", help="Only this actor: its relations with every other actor, article by "
                                          "article, and its framing tensions (a name, a spelling or an id).")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True,
              help="Output format: tables, or the report's actors, frames and framing_tensions as JSON.")
@filter_opts
@no_wait_opt
@common
@handle_errors
def frames_cmd(actor, fmt, story, source, since, until, **kw):
    """Who each article casts as sponsor, ally, enemy or threat of whom: an actor-by-article table.

    \b
    Examples:
      contradict frames
      contradict frames --actor ISIS
      contradict frames --actor "United States" --format json
    """
    only = _only(story, source, since, until)
    ctx = make_ctx(**kw)
    report = _reading(ctx, "frames", only)
    chosen = report.find_actor(actor) if actor else None
    if fmt == "json":
        from contradict.report.render import frames_json, to_json

        sys.stdout.write(to_json(frames_json(report, chosen)))
        return
    from contradict.report import terminal_views as terminal

    terminal.render_frames(ctx.out, report, chosen)
