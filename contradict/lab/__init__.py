"""Model-making and measuring: training the NLI models, their data, export, evaluation, benchmarks.

Not part of the product: nothing under ``contradict`` outside this package imports it. It needs the
``train`` extra (``pip install 'contradict[train]'``); the ``train-nli``, ``eval`` and ``bench``
commands load it on demand (:func:`missing_extra`) and say which extra is missing otherwise.
"""

from __future__ import annotations

import importlib.util

from contradict.errors import ContradictError

EXTRA = "train"
NEEDS = ("psutil",)  # what the extra adds to the product's dependencies


def missing_extra() -> ContradictError | None:
    """The error to give when the ``train`` extra is not installed, else None."""
    missing = [m for m in NEEDS if importlib.util.find_spec(m) is None]
    if not missing:
        return None
    return ContradictError(f"this command needs the {EXTRA!r} extra ({', '.join(missing)} is not installed)",
                           hint=f"pip install 'contradict[{EXTRA}]'")
