"""The two caches in the store: claim vectors by (embedding model, text) and NLI probabilities by (NLI
model, premise, hypothesis). Both are pure functions of model and text, so they are committed in chunks as
they are computed: a killed run resumes where it stopped, and nothing is computed twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import numpy as np

from contradict.backends.embed import Encoder
from contradict.backends.nli import Scorer
from contradict.storage.store import Store

log = logging.getLogger(__name__)

Tick = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Cached:
    """Values for every key asked for, and how many were computed now or read from the cache."""

    values: dict
    computed: int
    cached: int


def embeddings(store: Store, encoder: Encoder, model: str, texts: Sequence[str], chunk: int,
               tick: Tick | None = None, persist: bool = True) -> Cached:
    """Vectors for ``texts`` (text -> float32[d]), encoding only those not cached (and caching them, unless
    ``persist`` is false: a read-only index)."""
    out = store.cached_vectors(model, texts)
    todo = sorted(set(texts) - set(out), key=lambda t: (len(t), t))  # chunks of like length: little padding
    for k in range(0, len(todo), chunk):
        part = todo[k:k + chunk]
        vecs = encoder.encode(part)
        if persist:
            with store.transaction():
                store.put_vectors(model, part, vecs)
        out.update(zip(part, np.asarray(vecs, dtype=np.float32)))
        log.debug("embed: %d/%d claim texts embedded and stored", k + len(part), len(todo))
        if tick:
            tick("embed", k + len(part), len(todo))
    return Cached(out, len(todo), len(set(texts)) - len(todo))


def scores(store: Store, scorer: Scorer, pairs: Sequence[tuple[str, str]], chunk: int, tick: Tick | None = None,
           persist: bool = True, lock: Callable[[], AbstractContextManager] = nullcontext) -> Cached:
    """Directional NLI probabilities ((premise, hypothesis) -> (contradiction, entailment, neutral)), scoring
    only pairs not cached under ``scorer.name``. ``persist=False`` (a read-only index) caches nothing; ``lock``
    is held while new scores are written."""
    out = store.cached_scores(scorer.name, pairs)
    todo = sorted(set(pairs) - set(out))
    cached = len(set(pairs)) - len(todo)
    if not todo:
        return Cached(out, 0, cached)
    with lock() if persist else nullcontext():
        for k in range(0, len(todo), chunk):
            part = todo[k:k + chunk]
            probs = scorer.score(part)
            if persist:
                with store.transaction():
                    store.put_scores(scorer.name, part, probs)
            out.update({p: tuple(float(x) for x in r) for p, r in zip(part, probs)})
            log.debug("nli: %d/%d directional pairs scored%s", k + len(part), len(todo), " and stored" * persist)
            if tick:
                tick("nli", k + len(part), len(todo))
    return Cached(out, len(todo), cached)
