"""The NLI scorer for a benchmark script, or one error line and the exit code the CLI gives it."""

import sys

from contradict.backends.nli import load_scorer
from contradict.errors import ContradictError


def scorer_or_exit(name: str):
    try:
        return load_scorer(name)
    except ContradictError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
