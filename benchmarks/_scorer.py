"""The NLI scorer for a benchmark script, or one error line and the exit code the CLI gives it."""

import sys

from contradict.errors import ContradictError
from contradict.nli import load_scorer


def scorer_or_exit(name: str):
    try:
        return load_scorer(name)
    except ContradictError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
