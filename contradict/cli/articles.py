"""``contradict articles``: the index's articles."""

from __future__ import annotations

import sys

import click

from contradict.cli.app import handle_errors, make_ctx
from contradict.cli.options import _only, _reading, common, filter_opts


@click.command("articles")
@click.option("--format", "fmt", type=click.Choice(["rich", "json", "csv"]), default="rich", show_default=True,
              help="Output format.")
@filter_opts
@common
@handle_errors
def articles_cmd(fmt, story, source, since, until, **kw):
    """List the index's articles: id, outlet, date, title, claims and story.

    \b
    Examples:
      contradict articles
      contradict articles --source "Fox News" --since 2019-01-01 --format csv > fox.csv
    """
    only = _only(story, source, since, until)
    ctx = make_ctx(**kw)
    rows = _reading(ctx, "articles", only)
    from contradict.report import render
    from contradict.report.outputs import articles_of

    if fmt == "json":
        sys.stdout.write(render.to_json(articles_of(rows)))
    elif fmt == "csv":
        sys.stdout.write(render.articles_csv(rows))
    else:
        from contradict.report import terminal_views as terminal

        terminal.render_articles(ctx.out, rows)
