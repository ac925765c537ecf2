"""``contradict batch``: the nightly job, an incremental index and a dated report with its delta."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from contradict.cli.app import handle_errors, make_ctx, opened, report_problems, reread_line
from contradict.cli.options import INPUTS, common, engine_opts, pair_budget_opt
from contradict.errors import Exit
from contradict.report.text import left_out

log = logging.getLogger("contradict")


@click.command("batch")
@click.argument("inbox", nargs=-1, required=True, type=INPUTS)
@click.option("--reports-dir", type=click.Path(path_type=Path), help="Where dated run directories go [reports/].")
@click.option("--threshold", type=float, default=None,
              help="Pair score from which a contradiction counts (and alerts) [0.35].")
@click.option("--fail-on-new-tension", is_flag=True, help="Exit 3 when new contradictions above --threshold appeared.")
@click.option("--keep-missing", is_flag=True, help="Keep articles that are no longer in the inbox "
              "(default: they are retired with their claims and pairs).")
@click.option("--allow-mass-retire", is_flag=True,
              help="Retire articles gone from the inbox even when they are more than half of the index "
                   "(CONTRADICT_MASS_RETIRE_SHARE, at least CONTRADICT_MASS_RETIRE_MIN of them) or the inbox holds "
                   "none; without it such a run changes nothing and exits 6.")
@click.option("--top", type=int, default=0, show_default=True, help="Cap contradictions/agreements listed; 0 = all.")
@click.option("--log-file", type=click.Path(path_type=Path), help="Also append the log to this file.")
@pair_budget_opt
@engine_opts
@common
@handle_errors
def batch_cmd(inbox, reports_dir, threshold, fail_on_new_tension, keep_missing, allow_mass_retire, top, log_file,
              **kw):
    """The nightly job: index INBOX incrementally and write a dated report with a delta.

    \b
    Exit codes: 0 ok · 1 error · 2 usage · 3 new contradictions (with --fail-on-new-tension)
    · 4 some inputs skipped (a missing, unreadable or empty inbox: nothing is retired) · 5 another batch holds
    the lock · 6 refused, nothing changed: the run would retire more than half of the index (--allow-mass-retire).
    \b
    Example (cron, every night at 02:30):
      30 2 * * *  cd /srv/news && contradict batch inbox/ --fail-on-new-tension --log-file batch.log
    Example (on the Ray cluster this machine belongs to):
      contradict batch inbox/ --engine ray --ray-address auto
    """
    from contradict.runs import batch

    ctx = make_ctx(reports_dir=reports_dir, contradiction_threshold=threshold, top=top,
                   log_file=str(log_file) if log_file else None, stage_logs=True, **kw)
    s = ctx.settings
    with opened(ctx, progress=True, engine=True) as pipe:
        res = batch.run(pipe, inbox, s.reports_dir, s.contradiction_threshold, keep_missing=keep_missing, top=s.top,
                        allow_mass_retire=allow_mass_retire)
    code = report_problems(ctx, res.stats.problems)
    st = res.stats
    d = res.delta
    secs = " ".join(f"{k} {v:.1f}s" for k, v in st.seconds.items())
    by_rule = sum(1 for p in d["new_contradictions"] if p.get("basis") == "rule")
    left = left_out(res.report)
    reread_line(ctx, st)
    summary = (f"batch: articles {st.articles_new} new, {st.articles_changed} changed, {st.articles_removed} removed, "
               f"{st.articles_skipped} skipped · {st.claims} claims · {st.pairs_scored} pairs scored, {st.pairs_cached} "
               f"from cache · tensions {len(d['new'])} new, {len(d['persisting'])} persisting, "
               f"{len(d['resolved'])} resolved · {res.new_contradictions} new contradictions"
               + (f" ({by_rule} by rule)" if res.new_contradictions else "") + f" · {secs}")
    if ctx.quiet:  # errors only on stderr; the log file keeps the summary
        log.info("%s; %swrote %s", summary, left + "; " if left else "", res.run_dir)
    else:
        ctx.err.print(summary, highlight=False, soft_wrap=True)
        if left:  # (as `contradict report` says it)
            ctx.err.print(left, highlight=False, soft_wrap=True)
        ctx.err.print(f"wrote {res.run_dir}", highlight=False, soft_wrap=True)
    if fail_on_new_tension and res.new_contradictions:
        sys.exit(Exit.NEW_TENSION)
    sys.exit(code)
