"""The commands: parse, call the pipeline, emit. The application object and all printing are in
:mod:`contradict.cli.app`; exit codes in :class:`contradict.errors.Exit`; the model-making commands (``eval``,
``bench``, ``train-nli``) in :mod:`contradict.lab.cli`, loaded only when one of them runs.
"""

from __future__ import annotations

import logging
import sys
from contextlib import nullcontext
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from contradict import __version__
from contradict.cli.app import emit, handle_errors, make_ctx, pipeline, report_problems, reread_line, stats_line
from contradict.cli.options import common
from contradict.errors import Exit
from contradict.settings import Settings

log = logging.getLogger("contradict")


# input paths: one that cannot be read is a warning of ingest (exit 4), as a file inside a folder is, not a usage
# error that stops the run (click's default readable check)
INPUTS = click.Path(path_type=Path, readable=False)


no_wait_opt = click.option(
    "--no-wait", is_flag=True,
    help="When another run is writing to the index, exit 5 at once instead of waiting for it (up to "
         "CONTRADICT_LOCK_TIMEOUT seconds, 600).")


pair_budget_opt = click.option(
    "--pair-budget", type=click.IntRange(min=0), envvar="CONTRADICT_PAIR_BUDGET", show_envvar=True,
    default=Settings.pair_budget, show_default=True,
    help="At most N candidate claim pairs go to the NLI model per run (about 40 s on the seed articles); "
         "raise it for large nightly inboxes.")


def engine_opts(fn):
    """--engine and --ray-address (index and batch): where the model stages run."""
    for o in reversed([
        click.option("--engine", type=click.Choice(["local", "ray"]), envvar="CONTRADICT_ENGINE", show_envvar=True,
                     default=Settings.engine, show_default=True,
                     help="Where claims, embedding, frames and NLI run: this process, or Ray workers (pip install "
                          "'contradict[ray]'); the store and index are written here either way."),
        click.option("--ray-address", envvar="RAY_ADDRESS", show_envvar=True,
                     show_default="a local Ray with one worker per core",
                     help="With --engine ray: the cluster to join ('auto' for the one `ray start` runs here, or "
                          "ray://HEAD:10001)."),
        click.option("--ray-workers", type=click.IntRange(min=0), envvar="CONTRADICT_RAY_WORKERS", show_envvar=True,
                     default=0, show_default="one per CPU of the cluster", help="With --engine ray: workers (one CPU each)."),
    ]):
        fn = o(fn)
    return fn


def output_opts(fn):
    for o in reversed([
        click.option("--format", "fmt", type=click.Choice(["rich", "json", "markdown", "html", "csv"]), default="rich",
                     envvar="CONTRADICT_FORMAT", show_envvar=True, show_default=True,
                     help="Output format. json and csv go to stdout (csv: one row per pair); markdown and html "
                          "without -o go to a new dated file in CONTRADICT_REPORTS_DIR (reports/), never over an "
                          "earlier one."),
        click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report to this file."),
        click.option("--top", type=click.IntRange(min=0), envvar="CONTRADICT_TOP", show_envvar=True,
                     default=Settings.top, show_default=True,
                     help="Show at most N contradictions and N agreements; 0 = all."),
    ]):
        fn = o(fn)
    return fn


def _iso_date(ctx, param, value):
    if not value:
        return ""
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def filter_opts(fn):
    """Restrict a report to a story, an outlet or a date range."""
    for o in reversed([
        click.option("--story", default="", help="Only this story (an id from `contradict stories`, or a unique "
                                                 "prefix of one)."),
        click.option("--source", default="", help="Only pairs with an article of this outlet (e.g. 'Fox News'; "
                                                  "case-insensitive)."),
        click.option("--since", default="", callback=_iso_date, help="Only articles dated on or after this day "
                                                                     "(YYYY-MM-DD); undated articles are left out."),
        click.option("--until", default="", callback=_iso_date, help="Only articles dated on or before this day."),
    ]):
        fn = o(fn)
    return fn


def _read_report(ctx, **options):
    """The index's report for a command that only reads it (``options`` go to ``Pipeline.report``)."""
    return _reading(ctx, "report", **options)


def _reading(ctx, method: str, *args, **options):
    """Call one reading method of the index's pipeline (report, articles, frames) and close it."""
    pipe = pipeline(ctx)
    try:
        return getattr(pipe, method)(*args, **options)
    finally:
        pipe.close()


def _finite(ctx, param, value):
    """A number flag that is not a setting, checked as settings are (:func:`contradict.settings.check_number`)."""
    from contradict.errors import ContradictError
    from contradict.settings import check_number

    if value is None:
        return value
    try:
        lowest, highest = getattr(param.type, "min", None), getattr(param.type, "max", None)
        return check_number(f"--{param.name}", value, lowest, highest, whole=isinstance(value, int))
    except ContradictError as exc:
        raise click.BadParameter(str(exc)) from None


def _only(story, source, since, until):
    from contradict.report.build import Only

    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}")
    return Only(story=story, source=source, since=since, until=until)


# ---------------------------------------------------------------- commands


# Model-making commands live in contradict.lab (the ``train`` extra): listed here with their one-line help,
# imported only when one of them runs, so the product never imports training code.
LAB_COMMANDS = {"bench": "Measure speed: embedding and NLI backends, or the whole pipeline stage by stage.",
                "eval": "Evaluate an NLI model on a premise/hypothesis/label jsonl (or SNLI's own format).",
                "train-nli": "Fine-tune an NLI cross-encoder: the shipped MiniLM or MPNet (resumes from checkpoints)."}


def _short_help(text: str, limit: int) -> str:
    """``text`` cut at a word to ``limit`` characters, as click shortens a command's help in a listing."""
    if len(text) <= limit:
        return text
    return text[:max(0, limit - 3)].rsplit(" ", 1)[0].rstrip(",;:") + "..."


class MainGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(LAB_COMMANDS))

    def get_command(self, ctx, name):
        if name not in LAB_COMMANDS:
            return super().get_command(ctx, name)
        from contradict.lab import missing_extra

        problem = missing_extra()
        if problem is not None:  # the command exists, but says in one line which extra it needs
            @click.command(name, help=LAB_COMMANDS[name],
                           context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
            def needs_extra():
                Console(stderr=True).print(f"[bold red]error:[/] {escape(str(problem))}", soft_wrap=True)
                sys.exit(problem.exit_code)

            return needs_extra
        from contradict.lab.cli import COMMANDS

        return COMMANDS[name]

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            if name in LAB_COMMANDS:
                rows.append((name, _short_help(LAB_COMMANDS[name], formatter.width - 6 - len(name))))
            else:
                cmd = super().get_command(ctx, name)
                rows.append((name, cmd.get_short_help_str(formatter.width - 6 - len(name))))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=MainGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="contradict")
def main():
    """Where news and opinion articles contradict and agree, claim by claim.

    \b
    Example:
      contradict report examples/ --top 5
    """


@main.command("index")
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
    tick = ctx.progress()
    pipe = pipeline(ctx, tick, engine=True)
    try:
        if rebuild and not paths:
            n = pipe.rebuild_index()
            if not ctx.quiet:
                ctx.err.print(f"rebuilt the index from the store: {n} claim vectors")
            return
        st = pipe.index(paths, rebuild=rebuild)
    finally:
        if tick:
            tick.stop()
        pipe.close()
    code = report_problems(ctx, st.problems)
    stats_line(ctx, st)
    sys.exit(code)


@main.command("report")
@click.argument("paths", nargs=-1, type=INPUTS)
@output_opts
@filter_opts
@click.option("--articles", "show_articles", is_flag=True, default=None,
              help="List every article at the end of the terminal report [only when there are at most 20].")
@click.option("--show-dismissed", is_flag=True, help="Also show findings marked wrong (`contradict mark`).")
@pair_budget_opt
@no_wait_opt
@common
@handle_errors
def report_cmd(paths, fmt, output, top, story, source, since, until, show_articles, show_dismissed, **kw):
    """Report tensions in the index by story; index PATHs first if given.

    \b
    Examples:
      contradict report ../shared/seeds
      contradict report --format json > report.json
      contradict report --format html -o reports/seeds.html
      contradict report --story story-1a2b3c --source "Fox News" --since 2019-01-01
    """
    only = _only(story, source, since, until)
    ctx = make_ctx(top=top, **kw)
    tick = ctx.progress()
    pipe = pipeline(ctx, tick)
    code = Exit.OK
    try:
        # indexing first: the write lock is held until the report is built, which takes what the run wrote from it
        with pipe.writing() if paths else nullcontext():
            if paths:
                st = pipe.index(paths)
                code = report_problems(ctx, st.problems)
                stats_line(ctx, st)
            report = pipe.report(top=ctx.settings.top, only=only, show_dismissed=show_dismissed)
    finally:
        if tick:
            tick.stop()
        pipe.close()
    if report.summary.dismissed and not ctx.quiet:
        ctx.err.print(f"{report.summary.dismissed} findings marked wrong are left out (--show-dismissed shows them)")
    if report.summary.restated and not ctx.quiet:
        ctx.err.print(f"{report.summary.restated} NLI contradictions left out: each pair restates one statement "
                      "(the same words but for spelling or punctuation)")
    emit(ctx, report, fmt, output, ctx.settings.top, "contradict report", show_articles=show_articles)
    sys.exit(code)


@main.command("mark")
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
    pipe = pipeline(ctx)
    try:
        pid = pipe.mark(pair_id, verdict, note)
    finally:
        pipe.close()
    if not ctx.quiet:
        ctx.err.print(f"marked {pid} {verdict}", highlight=False, soft_wrap=True)


@main.command("calibrate")
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
    from contradict.report import terminal

    terminal.render_calibration(ctx.out, result)


@main.command("articles")
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

    if fmt == "json":
        sys.stdout.write(render.to_json({"articles": rows}))
    elif fmt == "csv":
        sys.stdout.write(render.articles_csv(rows))
    else:
        from contradict.report import terminal

        terminal.render_articles(ctx.out, rows)


@main.command("facts")
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
        from contradict.report.render import to_json

        sys.stdout.write(to_json({"facts": rows}))
        return
    from contradict.report import terminal

    terminal.render_facts(ctx.out, rows)


@main.command("stories")
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
        from contradict.report.render import to_json

        sys.stdout.write(to_json({"stories": [st.to_json() for st in report.stories],
                                  "summary": report.summary.to_json()}))
        return
    from contradict.report import terminal

    terminal.render_stories(ctx.out, report)


@main.command("frames")
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
    from contradict.report import terminal

    terminal.render_frames(ctx.out, report, chosen)


@main.command("query")
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
    pipe = pipeline(ctx)
    try:
        result = pipe.query(claim, top=ctx.settings.top or 10, budget=pair_budget)
    finally:
        pipe.close()
    emit(ctx, result, fmt, output, ctx.settings.top, "query", kind="query")


@main.command("pair")
@click.argument("a")
@click.argument("b")
@output_opts
@pair_budget_opt
@no_wait_opt
@common
@handle_errors
def pair_cmd(a, b, fmt, output, top, **kw):
    """Where two articles (ids or paths) contradict and agree.

    \b
    Example:
      contradict pair 004_71f5d9486d426034 002_2e6800efc9d63492
    """
    ctx = make_ctx(top=top, **kw)
    tick = ctx.progress()
    pipe = pipeline(ctx, tick)
    try:
        report = pipe.pair(a, b, top=ctx.settings.top)
    finally:
        if tick:
            tick.stop()
        pipe.close()
    emit(ctx, report, fmt, output, ctx.settings.top, f"contradict: {a} vs {b}", kind="pair")


@main.command("batch")
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
    tick = ctx.progress()
    pipe = pipeline(ctx, tick, engine=True)
    try:
        res = batch.run(pipe, inbox, s.reports_dir, s.contradiction_threshold, keep_missing=keep_missing, top=s.top,
                        allow_mass_retire=allow_mass_retire)
    finally:
        if tick:
            tick.stop()
        pipe.close()
    code = report_problems(ctx, res.stats.problems)
    st = res.stats
    d = res.delta
    secs = " ".join(f"{k} {v:.1f}s" for k, v in st.seconds.items())
    reread_line(ctx, st)
    summary = (f"batch: articles {st.articles_new} new, {st.articles_changed} changed, {st.articles_removed} removed, "
               f"{st.articles_skipped} skipped · {st.claims} claims · {st.pairs_scored} pairs scored, {st.pairs_cached} "
               f"from cache · tensions {len(d['new'])} new, {len(d['persisting'])} persisting, "
               f"{len(d['resolved'])} resolved · {res.new_contradictions} new contradictions · {secs}")
    if ctx.quiet:  # errors only on stderr; the log file keeps the summary
        log.info("%s; wrote %s", summary, res.run_dir)
    else:
        ctx.err.print(summary, highlight=False, soft_wrap=True)
        ctx.err.print(f"wrote {res.run_dir}", highlight=False, soft_wrap=True)
    if fail_on_new_tension and res.new_contradictions:
        sys.exit(Exit.NEW_TENSION)
    sys.exit(code)
