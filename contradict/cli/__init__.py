"""The root group ``contradict``: one module per command (:mod:`contradict.cli.index` ... :mod:`contradict.cli.batch`),
registered here. The application object, the pipeline's lifecycle and all printing are in :mod:`contradict.cli.app`;
the shared options in :mod:`contradict.cli.options`; exit codes in :class:`contradict.errors.Exit`; the model-making
commands (``eval``, ``bench``, ``train-nli``) in :mod:`contradict.lab.cli`, loaded only when one of them runs.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.markup import escape

from contradict import __version__
from contradict.cli.articles import articles_cmd
from contradict.cli.batch import batch_cmd
from contradict.cli.calibrate import calibrate_cmd
from contradict.cli.facts import facts_cmd
from contradict.cli.frames import frames_cmd
from contradict.cli.index import index_cmd
from contradict.cli.mark import mark_cmd
from contradict.cli.options import common
from contradict.cli.pair import pair_cmd
from contradict.cli.query import query_cmd
from contradict.cli.report import report_cmd
from contradict.cli.stories import stories_cmd

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
@common
def main(**global_options):
    """Where news and opinion articles contradict and agree, claim by claim.

    The options below hold for the command after them; every command also takes them after its name, where
    they win: "contradict --index-dir nightly -v report" is "contradict report --index-dir nightly -v".

    \b
    Examples:
      contradict report examples/ --top 5
      contradict --index-dir nightly -q articles --format json
    """


for _command in (index_cmd, report_cmd, mark_cmd, calibrate_cmd, articles_cmd, facts_cmd, stories_cmd, frames_cmd,
                 query_cmd, pair_cmd, batch_cmd):
    main.add_command(_command)
