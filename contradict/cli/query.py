"""``contradict query``: the indexed claims that contradict or support one claim."""

from __future__ import annotations

from pathlib import Path

import click

from contradict.cli.app import emit, handle_errors, make_ctx, opened
from contradict.cli.options import common, no_wait_opt
from contradict.settings import Settings


@click.command("query")
@click.argument("claim")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True,
              help="Output format (a query has no Markdown or HTML form).")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the result to this file.")
@click.option("--top", type=click.IntRange(min=0), envvar="CONTRADICT_TOP", show_envvar=True, default=Settings.top,
              show_default=True, help="Show at most N contradicting and N supporting claims.")
@click.option("--pair-budget", type=click.IntRange(min=1), envvar="CONTRADICT_QUERY_BUDGET", show_envvar=True,
              default=400, show_default=True,
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
    ctx = make_ctx(top=top, **kw)
    with opened(ctx) as pipe:
        result = pipe.query(claim, top=ctx.settings.top or 10, budget=pair_budget)
    emit(ctx, result, fmt, output, ctx.settings.top, "query", kind="query")
