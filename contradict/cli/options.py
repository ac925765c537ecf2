"""Command-line options every command shares (the product's commands in :mod:`contradict.cli`, the lab's in
:mod:`contradict.lab.cli`): one module both import, so neither imports the other."""

from __future__ import annotations

from pathlib import Path

import click

from contradict.settings import Settings


def common(fn):
    """Flags shared by every command; each also reads its CONTRADICT_* environment variable (flags win)."""
    opts = [
        click.option("--index-dir", type=click.Path(path_type=Path), envvar="CONTRADICT_INDEX_DIR", show_envvar=True,
                     default=Settings.index_dir, show_default=True, help="Index and store directory."),
        click.option("--nli-model", envvar="CONTRADICT_NLI_MODEL", show_envvar=True,
                     show_default="the model the index was scored with, else 'default'",
                     help="NLI model: 'default' (the shipped contradict-nli-mpnet), 'contradict-nli-minilm' "
                          "(shipped, 5x faster, less accurate), a local directory, or a hub name."),
        click.option("--nli-prefilter", envvar="CONTRADICT_NLI_PREFILTER", show_envvar=True,
                     default=Settings.nli_prefilter, show_default=True,
                     help="A fast NLI model that reads every pair first; --nli-model rereads only pairs it gives "
                          "P(contradiction) >= CONTRADICT_PREFILTER_THRESHOLD (0.01) either way. 'auto': "
                          "contradict-nli-minilm in front of the default model, none in front of others; 'none'; "
                          "or a model name."),
        click.option("--nli-gate", envvar="CONTRADICT_NLI_GATE", show_envvar=True,
                     default=Settings.nli_gate, show_default=True,
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
