"""NLI scores of claim pairs for a run: from the workspace's cache, or read by the model set's scorer (both
directions) and cached; and stored candidate pairs turned into scored :class:`~contradict.types.Pair` values.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from contradict.backends.nli import combine, one_way_entailment
from contradict.runs import caches
from contradict.runs.modelset import ModelSet
from contradict.runs.run import RunStats
from contradict.runs.workspace import Workspace
from contradict.stages import aggregate
from contradict.storage import snapshot as snapshot_mod
from contradict.types import Candidate, Claim, Pair

log = logging.getLogger(__name__)

Tick = Callable[[str, int, int], None]

both_ways = snapshot_mod.both_ways


def score(ws: Workspace, models: ModelSet, pairs: Sequence[tuple[str, str]], tick: Tick,
          st: RunStats | None = None) -> dict:
    """Directional NLI probabilities for text pairs, from the cache or the model (then cached)."""
    got = caches.scores(ws.reader, models.scorer, pairs, ws.s.chunk_size, tick, persist=ws.writable,
                        lock=ws.writing)
    if st is not None:
        st.pairs_scored += got.computed
        st.pairs_cached += got.cached
    return got.values


def score_pending(ws: Workspace, models: ModelSet, cl: dict[str, Claim], rows: list[Candidate], tick: Tick,
                  budget: int | None = None, scores: dict | None = None) -> int:
    """Score the stored candidate pairs (both directions) that the current model has not scored.

    At most ``budget`` pairs are scored, the most similar first; the number left unscored is returned.
    A read-only index scores nothing: what is stored is reported, and the rest is counted. ``scores``: the
    stored scores already read (a snapshot's), then read from nowhere else and given the new ones.
    """
    store = ws.reader
    rows = [c for c in rows if not c.duplicate]
    texts = {c.key: (cl[c.a].scored_text, cl[c.b].scored_text) for c in rows}
    name = models.nli_name
    cached = store.cached_scores(name, both_ways(texts.values())) if scores is None else scores
    pending = [c for c in rows if texts[c.key] not in cached or texts[c.key][::-1] not in cached]
    if not pending:
        return 0
    if not ws.writable:
        log.warning("%d candidate pairs are not scored by %s and the index directory is read-only: "
                    "they are left out", len(pending), name)
        return len(pending)
    left = 0
    if budget is not None and len(pending) > budget:
        left = len(pending) - budget
        pending = sorted(pending, key=lambda c: (-c.similarity, c.a, c.b))[:budget]
    log.warning("scoring %d candidate pairs not yet read by %s%s", len(pending), name,
                f"; {left} more are left out (raise --pair-budget to read them)" if left > 0 else "")
    got = score(ws, models, both_ways([texts[c.key] for c in pending]), tick)
    if scores is not None:
        scores.update(got)
    return left


def scored_pairs(ws: Workspace, models: ModelSet, cl: dict[str, Claim], rows: list[Candidate],
                 scores: dict | None = None) -> tuple[list[Pair], list]:
    """Stored candidate pairs with their combined NLI label (those scored both ways); plus the merged
    near-duplicates. ``scores``: the stored scores already read, when they are."""
    store = ws.open_existing()
    dups = [c for c in rows if c.duplicate]
    rows = [c for c in rows if not c.duplicate]
    texts = [(cl[c.a].scored_text, cl[c.b].scored_text) for c in rows]
    if scores is None:
        scores = store.cached_scores(models.nli_name, both_ways(texts))
    out = []
    for c, (ta, tb) in zip(rows, texts):
        if (ta, tb) not in scores or (tb, ta) not in scores:
            continue
        ab, ba = scores[(ta, tb)], scores[(tb, ta)]
        label, probs = combine(ab, ba)
        out.append(aggregate.make_pair(cl[c.a], cl[c.b], label, probs, c.similarity, c.reasons, c.shared,
                                       one_way_entailment(ab, ba)))
    out.sort(key=lambda p: p.id)
    return out, [(cl[c.a], cl[c.b], c.similarity) for c in dups]
