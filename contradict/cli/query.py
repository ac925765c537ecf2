"""``contradict query``: the indexed claims that contradict or support one claim."""

from __future__ import annotations

from pathlib import Path

import click

from contradict.cli.app import emit, handle_errors, make_ctx, opened
from contradict.cli.options import common, no_wait_opt, setting_option


@click.command("query")
@click.argument("claim")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True,
              help="Output format (a query has no Markdown or HTML form).")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the result to this file.")
@setting_option("--top", setting="top", type=click.IntRange(min=0),
                help="Show at most N contradicting and N supporting claims.")
@setting_option("--pair-budget", setting="query_budget", type=click.IntRange(min=1),
                help="At most N corpus claims are read against the query (the nearest, then those sharing a name, "
                   "number or date).")
@no_wait_opt
@common
@handle_errors
def query_cmd(claim, fmt, output, top, pair_budget, **kw):
    """Find the indexed claims that contradict or support CLAIM.

    \b
    Example:
      contradict query "The US was caught by surprise by the fall of Mosul." --top 5
    """
    ctx = make_ctx(top=top, query_budget=pair_budget, **kw)
    with opened(ctx) as pipe:
        result = pipe.query(claim, top=ctx.settings.top or 10, budget=ctx.settings.query_budget)
    emit(ctx, result, fmt, output, ctx.settings.top, "query", kind="query")
