"""``contradict index``: ingest and index articles."""

from __future__ import annotations

import sys

import click

from contradict.cli.app import handle_errors, make_ctx, opened, report_problems, stats_line
from contradict.cli.options import INPUTS, common, engine_opts, no_wait_opt, pair_budget_opt


@click.command("index")
@click.argument("paths", nargs=-1, type=INPUTS)
@click.option("--rebuild", is_flag=True, help="Rebuild the faiss index from the stored claims.")
@pair_budget_opt
@no_wait_opt
@engine_opts
@common
@handle_errors
def index_cmd(paths, rebuild, **kw):
    """Ingest and index articles (incremental: unchanged articles are skipped).

    \b
    Example:
      contradict index ../shared/seeds examples/ --index-dir index/
    Example (the model stages on a Ray cluster started with `ray start --head`):
      contradict index inbox/ --engine ray --ray-address auto
    """
    ctx = make_ctx(**kw)
    if not paths and not rebuild:
        raise click.UsageError("give at least one PATH to index, or --rebuild")
    with opened(ctx, progress=True, engine=True) as pipe:
        if rebuild and not paths:
            n = pipe.rebuild_index()
            if not ctx.quiet:
                ctx.err.print(f"rebuilt the index from the store: {n} claim vectors")
            return
        st = pipe.index(paths, rebuild=rebuild)
    code = report_problems(ctx, st.problems)
    stats_line(ctx, st)
    sys.exit(code)
