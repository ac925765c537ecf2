"""The application object and everything a command prints.

``App`` (on the click context as ``ctx.obj``) holds the settings, the verbosity and the two consoles: data
goes to stdout, progress, warnings and errors to stderr. :func:`handle_errors` turns a library error into
one line and an exit code (``-v`` adds the traceback with its cause); :func:`emit` writes a report in the
chosen format; the rich rendering itself is :mod:`contradict.report.terminal`.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape

from contradict.errors import ContradictError, Exit
from contradict.settings import Settings

if TYPE_CHECKING:  # the report types pull in numpy; `contradict --help` should not
    from contradict.report.build import QueryResult, Report
    from contradict.runs.pipeline import Pipeline

log = logging.getLogger("contradict")


class App:
    def __init__(self, settings: Settings, verbose: int, quiet: bool):
        self.settings = settings
        self.verbose = verbose
        self.quiet = quiet
        self.err = Console(stderr=True, highlight=False)
        self.out = Console(highlight=False, soft_wrap=False)

    def progress(self):
        """A progress callback (stage, done, total): rich bars on an interactive stderr, else plain lines (a
        stage's start, a line every 30 s, its end with the time taken), so a run under cron or nohup is seen."""
        if self.quiet:
            return None
        if not self.err.is_terminal:
            return _line_progress(self.err)
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

        bars = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                        console=self.err, transient=True)
        tasks: dict[str, int] = {}
        bars.start()

        def tick(stage: str, done: int, total: int):
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=total)
            bars.update(tasks[stage], completed=done, total=total)

        tick.stop = bars.stop
        return tick


def _line_progress(err: Console, every: float = 30.0):
    """Plain progress lines for a stage that takes long: its count every ``every`` seconds and when done."""
    import time

    started: dict[str, float] = {}
    last: dict[str, float] = {}

    def tick(stage: str, done: int, total: int):
        now = time.monotonic()
        if stage not in started:
            started[stage] = last[stage] = now
        if done >= total:
            began = started.pop(stage)
            if last.pop(stage) != began:  # it printed progress: say it finished
                err.print(f"{stage}: {done}/{total} done in {now - began:.0f}s", highlight=False, soft_wrap=True)
        elif now - last[stage] >= every:
            last[stage] = now
            err.print(f"{stage}: {done}/{total} ({now - started[stage]:.0f}s)", highlight=False, soft_wrap=True)

    tick.stop = lambda: None  # type: ignore[attr-defined]
    return tick


def _setup_logging(verbose: int, quiet: bool, log_file: str | None = None) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose >= 2 else logging.INFO if verbose else logging.WARNING
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
                                  hint="choose a writable --log-file path", exit_code=2) from exc
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        fh.setLevel(logging.INFO)
        root.addHandler(fh)
    run_log = logging.getLogger("contradict.runs.run")
    run_log.handlers[:] = []
    run_log.propagate = True
    run_log.setLevel(logging.NOTSET)
    if not quiet and not verbose and not sys.stderr.isatty():  # off a terminal: the stage lines (counts, seconds)
        run_log.setLevel(logging.INFO)
        stage_handler = logging.StreamHandler(sys.stderr)
        stage_handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        run_log.addHandler(stage_handler)
        run_log.propagate = False
    for noisy in ("sentence_transformers", "transformers", "httpx", "huggingface_hub", "urllib3", "filelock", "faiss"):
        logging.getLogger(noisy).setLevel(logging.ERROR if not verbose else logging.WARNING)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not verbose:
        import warnings

        warnings.filterwarnings("ignore")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def handle_errors(fn):
    """Library errors become one line on stderr and an exit code; -v adds the traceback with its cause.

    The command builds its :class:`App` (``make_ctx``) inside ``fn``: the verbosity and the index directory are
    looked up when an error is handled, not before the command ran."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        def app() -> App | None:
            return click.get_current_context().find_object(App)

        def verbose() -> int:
            ctx = app()
            return ctx.verbose if ctx else int(global_options(kwargs).get("verbose") or 0)

        def err() -> Console:
            ctx = app()
            return ctx.err if ctx else Console(stderr=True, highlight=False)

        try:
            try:
                return fn(*args, **kwargs)
            except sqlite3.Error as exc:  # a store error outside the store's own checks (disk full mid-write)
                from contradict.storage.store import _sqlite_error

                ctx = app()
                where = ctx.settings.store_path if ctx else Settings(index_dir=Path(
                    global_options(kwargs).get("index_dir") or Settings.index_dir)).store_path
                raise _sqlite_error(where, exc) from exc
        except ContradictError as exc:
            if verbose():
                err().print_exception()
            err().print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            err().print("interrupted: nothing half-written was kept; what was stored before is intact")
            sys.exit(Exit.INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except Exception as exc:  # an unexpected failure: still one line unless -v
            if verbose():
                err().print_exception()
            first = (str(exc).splitlines() or [""])[0][:300]
            err().print(f"[bold red]error:[/] unexpected {type(exc).__name__}: {escape(first)}"
                        + ("" if verbose() else " (run with -v for details)"), highlight=False, soft_wrap=True)
            sys.exit(Exit.ERROR)

    return wrapper


GLOBAL = ("index_dir", "nli_model", "nli_prefilter", "nli_gate", "verbose", "quiet")  # on the root group too


def global_options(given: dict) -> dict:
    """The shared options of a command: each one given after the command, else as given before it, on the root
    group (``contradict --index-dir D -v report ...``, as hatch takes its global options); -v counts both places."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root().params if ctx is not None else {}
    out = dict(given)
    for name in GLOBAL:
        if name == "verbose":
            out[name] = int(given.get(name) or 0) + int(root.get(name) or 0)
        elif not given.get(name) and root.get(name):
            out[name] = root[name]
    return out


def make_ctx(**given) -> App:
    """The command's :class:`App`, from its options and the root group's (:func:`global_options`). ``stage_logs``:
    log the progress lines -v gives (``batch``, ``train-nli``) without -v's tracebacks; -q still means errors only."""
    return _make_ctx(**global_options(given))


def _make_ctx(index_dir=None, nli_model=None, verbose=0, quiet=False, stage_logs=False, **extra) -> App:
    _setup_logging(max(verbose, 1) if stage_logs and not quiet else verbose, quiet, extra.pop("log_file", None))
    if extra.pop("no_wait", False):
        extra["lock_timeout"] = 0.0
    settings = Settings.from_env(index_dir=index_dir, nli_model=nli_model, **extra)
    ctx = App(settings, verbose, quiet)
    click.get_current_context().obj = ctx
    return ctx


def pipeline(ctx: App, progress=None, engine: bool = False):
    """The pipeline of the command; ``engine``: its model stages on the engine the settings name (local or Ray)."""
    from contradict.runs.pipeline import Pipeline

    pipe = Pipeline(ctx.settings, progress=progress)
    s = ctx.settings
    try:
        if engine and s.engine == "ray":
            from contradict.runs.ray_engine import RayEngine

            pipe.engine = RayEngine(pipe.nli_settings(), address=s.ray_address, workers=s.ray_workers or None)
        elif engine and s.engine != "local":
            raise ContradictError(f"unknown engine {s.engine!r}", hint="choose local or ray", exit_code=Exit.USAGE)
    except BaseException:
        if progress is not None and hasattr(progress, "stop"):
            progress.stop()
        raise
    return pipe


@contextmanager
def opened(ctx: App, progress: bool = False, engine: bool = False) -> Iterator[Pipeline]:
    """A command's pipeline, closed when the block ends: ``progress``, with the App's progress bars (stopped
    first); ``engine``, its model stages on the settings' engine. The pipeline comes from :func:`pipeline`, looked
    up when the block opens, so a test that replaces ``contradict.cli.app.pipeline`` replaces every command's."""
    tick = ctx.progress() if progress else None
    if engine:
        pipe = pipeline(ctx, tick, engine=True)
    elif progress:
        pipe = pipeline(ctx, tick)
    else:
        pipe = pipeline(ctx)
    try:
        yield pipe
    finally:
        if tick:
            tick.stop()
        pipe.close()


def report_problems(ctx: App, problems) -> int:
    """One warning line per problem; exit 4 when an input was skipped or only partly read.

    With -q (errors only) none is printed: the exit code says an input was skipped, and ``--log-file`` keeps the
    lines.
    """
    for p in problems:
        if ctx.quiet:
            logging.getLogger("contradict.inputs").warning("%s", p)  # the log file's level, not stderr's
            continue
        ctx.err.print(f"[yellow]warning:[/] {escape(str(p))}", highlight=False, soft_wrap=True)
    return Exit.SKIPPED if any(p.skipped or p.partial for p in problems) else Exit.OK


def emit(ctx: App, report: Report | QueryResult, fmt: str, output: Path | None, top: int, title: str,
         kind: str = "report", show_articles: bool | None = None) -> None:
    """Write ``report`` in ``fmt``: to ``output``, to stdout (JSON, CSV, the terminal), or, for Markdown and
    HTML without ``output``, to a new dated file in the reports directory (never over an earlier one)."""
    from contradict.report import render
    from contradict.report.build import QueryResult

    if fmt == "json":
        text = render.to_json(report)
    elif isinstance(report, QueryResult):  # a query is JSON or the terminal's (its --format choices)
        text = None
    elif fmt == "markdown":
        text = render.to_markdown(report, title)
    elif fmt == "html":
        text = render.to_html(report, title)
    elif fmt == "csv":
        text = render.to_csv(report)
    else:
        text = None
    if text is not None and (output or fmt in ("markdown", "html")):
        path = output or _dated(ctx.settings.reports_dir, kind, "md" if fmt == "markdown" else fmt)
        try:
            render.write_atomic(path, text)
        except OSError as exc:
            raise ContradictError(f"cannot write {path}: {exc.strerror or exc}",
                                  hint="check free disk space and permissions, or choose another --output") from exc
        if not ctx.quiet:
            ctx.err.print(f"wrote {path}")
        return
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from contradict.report import terminal, terminal_views
    from contradict.report.build import QueryResult

    if isinstance(report, QueryResult):
        terminal_views.render_query(ctx.out, report)
    else:
        terminal.render(ctx.out, report, top, show_articles)


def _dated(directory: Path, kind: str, ext: str) -> Path:
    """reports/report-20261130T141502Z.html, or with -1, -2 ... when that exists."""
    import time

    stem = f"{kind}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"
    path, n = directory / f"{stem}.{ext}", 1
    while path.exists():
        path, n = directory / f"{stem}-{n}.{ext}", n + 1
    return path


def reread_line(ctx: App, st) -> None:
    if st.articles_reread and not ctx.quiet:
        ctx.err.print(f"claim rules changed since this index was built: {st.articles_reread} stored articles "
                      "read again", highlight=False)


def stats_line(ctx: App, st) -> None:
    if ctx.quiet:
        return
    secs = " ".join(f"{k} {v:.1f}s" for k, v in st.seconds.items())
    reread_line(ctx, st)
    ctx.err.print(
        f"indexed: {st.articles_new} new, {st.articles_changed} changed, {st.articles_unchanged} unchanged, "
        f"{st.articles_skipped} skipped · {st.claims} claims ({st.claims_new} new) · "
        f"{st.candidate_pairs} candidate pairs of {st.pairs_considered} · {st.pairs_scored} NLI scored, "
        f"{st.pairs_cached} cached · {secs}", highlight=False)
