"""Command-line options the commands share: :func:`common` for every command (the product's commands in
:mod:`contradict.cli`, the lab's in :mod:`contradict.lab.cli`: one module both import, so neither imports the
other), the product's option groups and their checks, and the reading helpers of the commands that only read the
index."""

from __future__ import annotations

from pathlib import Path

import click

from contradict.cli.app import opened
from contradict.settings import Settings, env_names


class SettingOption(click.Option):
    """A flag that sets one setting. Its CONTRADICT_* variable is shown in the help, but read only by
    :meth:`Settings.from_env` (one path for flags and the environment, one check for both): the flag passes None
    when not given, and the setting's default is shown."""

    def __init__(self, *decls, setting: str, **kw):
        kw.setdefault("envvar", env_names(setting)[0])  # the variable shown in the help
        kw["show_envvar"] = True
        if "show_default" not in kw or kw["show_default"] is True:
            kw["show_default"] = True
            self.shown_default = getattr(Settings, setting)
        else:
            self.shown_default = None
        kw["default"] = None
        super().__init__(*decls, **kw)
        self.setting = setting

    def resolve_envvar_value(self, ctx):
        return None  # Settings.from_env reads it

    def get_help_extra(self, ctx):
        extra = super().get_help_extra(ctx)
        if self.shown_default is not None:
            extra["default"] = str(self.shown_default)
        return extra


def setting_option(*decls, setting: str, **kw):
    return click.option(*decls, cls=SettingOption, setting=setting, **kw)


def common(fn):
    """Flags shared by every command; each sets a setting, whose CONTRADICT_* variable it names (flags win)."""
    opts = [
        setting_option("--index-dir", setting="index_dir", type=click.Path(path_type=Path),
                       help="Index and store directory."),
        setting_option("--nli-model", setting="nli_model",
                       show_default="the model the index was scored with, else 'default'",
                     help="NLI model: 'default' (the shipped contradict-nli-mpnet), 'contradict-nli-minilm' "
                          "(shipped, 5x faster, less accurate), a local directory, or a hub name."),
        setting_option("--nli-prefilter", setting="nli_prefilter",
                     help="A fast NLI model that reads every pair first; --nli-model rereads only pairs it gives "
                          "P(contradiction) >= CONTRADICT_PREFILTER_THRESHOLD (0.01) either way. 'auto': "
                          "contradict-nli-minilm in front of the default model, none in front of others; 'none'; "
                          "or a model name."),
        setting_option("--nli-gate", setting="nli_gate",
                     help="A learned gate that reads each pair from its claim vectors in microseconds and sends "
                          "only the pairs that might contradict or agree to the NLI models (the rest are read as "
                          "neutral). 'auto': the shipped gate in front of the shipped cascade; 'none'; or a gate "
                          "directory."),
        click.option("-v", "--verbose", count=True, help="-v: progress logs and tracebacks with their cause; "
                                                         "-vv: debug logs."),
        click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr (no warnings, counts or progress; "
                                                         "the exit code still says 4 when an input was skipped)."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


# input paths: one that cannot be read is a warning of ingest (exit 4), as a file inside a folder is, not a usage
# error that stops the run (click's default readable check)
INPUTS = click.Path(path_type=Path, readable=False)


no_wait_opt = click.option(
    "--no-wait", is_flag=True,
    help="When another run is writing to the index, exit 5 at once instead of waiting for it (up to "
         "CONTRADICT_LOCK_TIMEOUT seconds, 600).")


pair_budget_opt = setting_option(
    "--pair-budget", setting="pair_budget", type=click.IntRange(min=0),
    help="At most N candidate claim pairs go to the NLI model per run (about 40 s on the seed articles); "
         "raise it for large nightly inboxes.")


def engine_opts(fn):
    """--engine and --ray-address (index and batch): where the model stages run."""
    for o in reversed([
        setting_option("--engine", setting="engine", type=click.Choice(["local", "ray"]),
                       help="Where claims, embedding, frames and NLI run: this process, or Ray workers (pip install "
                            "'contradict[ray]'); the store and index are written here either way."),
        setting_option("--ray-address", setting="ray_address", envvar="RAY_ADDRESS",
                       show_default="a local Ray with one worker per core",
                       help="With --engine ray: the cluster to join ('auto' for the one `ray start` runs here, or "
                            "ray://HEAD:10001)."),
        setting_option("--ray-workers", setting="ray_workers", type=click.IntRange(min=0),
                       show_default="one per CPU of the cluster", help="With --engine ray: workers (one CPU each)."),
    ]):
        fn = o(fn)
    return fn


def output_opts(fn):
    for o in reversed([
        setting_option("--format", "fmt", setting="format", type=click.Choice(["rich", "json", "markdown", "html", "csv"]),
                     help="Output format. json and csv go to stdout (csv: one row per pair); markdown and html "
                          "without -o go to a new dated file in CONTRADICT_REPORTS_DIR (reports/), never over an "
                          "earlier one."),
        click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report to this file."),
        setting_option("--top", setting="top", type=click.IntRange(min=0),
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
    with opened(ctx) as pipe:
        return getattr(pipe, method)(*args, **options)


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
