"""``contradict stories``: the index's stories and their disagreements by kind."""

from __future__ import annotations

import sys

import click

from contradict.cli.app import handle_errors, make_ctx
from contradict.cli.options import _only, _read_report, common, filter_opts, no_wait_opt, pair_budget_opt


@click.command("stories")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True,
              help="Output format: a table, or the report's `stories` and `summary` as JSON.")
@filter_opts
@pair_budget_opt
@no_wait_opt
@common
@handle_errors
def stories_cmd(fmt, story, source, since, until, **kw):
    """List the stories of the index (articles that report one event) with their disagreements by kind.

    \b
    Examples:
      contradict stories
      contradict stories --source "Fox News" --format json
    """
    only = _only(story, source, since, until)
    ctx = make_ctx(**kw)
    report = _read_report(ctx, top=0, only=only)
    if fmt == "json":
        from contradict.report.outputs import stories_of
        from contradict.report.render import to_json

        sys.stdout.write(to_json(stories_of(report)))
        return
    from contradict.report import terminal_views as terminal

    terminal.render_stories(ctx.out, report)
