"""``contradict facts``: the facts of the index's stories, each outlet's claim side by side."""

from __future__ import annotations

import sys

import click

from contradict.cli.app import handle_errors, make_ctx
from contradict.cli.options import _reading, common


@click.command("facts")
@click.option("--story", default=None, help="Only this story's facts (an id from `contradict stories`).")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True,
              help="Output format: a table per fact, or JSON.")
@common
@handle_errors
def facts_cmd(story, fmt, **kw):
    """List the facts of the index's stories: claims of two or more articles that tell one event, quantity or
    statement, each outlet's claim side by side, and the values they differ on.

    \b
    Examples:
      contradict facts
      contradict facts --story story-1a2b3c4d5e --format json
    """
    ctx = make_ctx(**kw)
    rows = _reading(ctx, "facts", story)
    if fmt == "json":
        from contradict.report.outputs import facts_of
        from contradict.report.render import to_json

        sys.stdout.write(to_json(facts_of(rows)))
        return
    from contradict.report import terminal_views as terminal

    terminal.render_facts(ctx.out, rows)
