"""Vectors for a run: claim and story vectors from the workspace's cache or the encoder, the faiss index
brought up to the claims, each new claim's nearest neighbours in other articles, and the manifest saved
beside the index.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence, Set

import numpy as np

from contradict.backends.nli import activations, gate_name, prefilter_name, resolve_name
from contradict.inputs.ingest import EnglishParams
from contradict.runs import caches
from contradict.runs.modelset import ModelSet
from contradict.runs.workspace import Workspace
from contradict.settings import Settings
from contradict.stages import facts as facts_mod
from contradict.stages import pairs as pairs_mod
from contradict.stages import stories as stories_mod
from contradict.storage.index import VectorIndex, ivf_cells
from contradict.storage.store import Store
from contradict.types import Article, Story

Tick = Callable[[str, int, int], None]


def vectors(ws: Workspace, models: ModelSet, texts: Sequence[str], tick: Tick | None = None) -> caches.Cached:
    """Claim vectors, cached in the store (written: the index run holds the lock)."""
    return caches.embeddings(ws.store, models.encoder, ws.s.embed_model, texts, ws.s.chunk_size, tick)


def read_vectors(ws: Workspace, models: ModelSet, texts: Sequence[str]) -> dict:
    """Vectors a reading run needs (text -> vector): the index's cached ones, the others encoded and cached when
    the index is writable."""
    return caches.embeddings(ws.reader, models.encoder, ws.s.embed_model, texts, ws.s.chunk_size,
                             persist=ws.writable).values


def gate_vectors(ws: Workspace, models: ModelSet, texts: Sequence[str]) -> np.ndarray:
    """The sentence vectors of the texts the NLI reads, for the gate: the index's cached vectors (a claim with
    context is embedded with it once, and cached)."""
    got = read_vectors(ws, models, texts)
    return np.stack([got[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)


def pair_params(s: Settings) -> pairs_mod.PairParams:
    """The candidate selection's parameters: the settings' four, the selection's own tuning."""
    return pairs_mod.PairParams(all_pairs_limit=s.all_pairs_limit, pair_budget=s.pair_budget,
                                duplicate_similarity=s.duplicate_similarity, story_pairs=s.story_pairs)


def story_params(s: Settings) -> stories_mod.StoryParams:
    return stories_mod.StoryParams(threshold=s.story_threshold, max_days=s.story_days)


def stories_of(ws: Workspace, models: ModelSet, articles: Sequence[Article], previous: dict[str, str],
               warn_for: Set[str] | None = frozenset()) -> list[Story]:
    """Group ``articles`` into stories; ``previous`` (article id -> story id) keeps earlier ids."""
    articles = sorted(articles, key=lambda a: a.id)
    texts = [stories_mod.story_text(a) for a in articles]
    got = read_vectors(ws, models, texts)
    if not texts:
        return []
    vecs = VectorIndex.stack([got[t] for t in texts])
    return stories_mod.build(articles, vecs, previous, story_params(ws.s), warn_for=warn_for)


def vector_index(ws: Workspace, vecs: dict, rebuild: bool, matrix: np.ndarray | None = None) -> VectorIndex:
    """The stored faiss index brought up to ``vecs`` (claim id -> vector), or a new one. ``matrix``: the
    same vectors stacked in id order, when the caller has them so (not stacked again)."""
    s = ws.s
    ids = sorted(vecs)
    index = None
    if not rebuild and (s.index_dir / "manifest.json").exists():
        index = VectorIndex.load(s.index_dir, expect_model=s.embed_model)
        stale = set(index.ids) - set(ids)
        if stale and not index.remove(sorted(stale)):
            index = None
        elif (VectorIndex.kind_for(len(ids), s.vector_index) != index.kind
              or index.cells and ivf_cells(len(ids)) > 2 * index.cells):
            index = None  # grown past exact search, another kind asked for, or beyond its IVF cells: built anew
    if index is None:
        if matrix is not None:
            return VectorIndex.build(matrix.shape[1], ids, matrix, choice=s.vector_index)
        return VectorIndex.from_vectors(ids, vecs, choice=s.vector_index)
    add = [i for i in ids if i not in index]
    if add:
        index.add(add, VectorIndex.stack([vecs[i] for i in add]))
    return index


def neighbours(ws: Workspace, index: VectorIndex, ids: Sequence[str], vecs, claims) -> dict[str, tuple[str, ...]]:
    """The ids of each claim's top-k neighbours among claims of *other* articles, best first (ids only: at
    200,000 claims their similarities took 130 MB, and the candidates recompute the ones they keep)."""
    k = ws.s.neighbours
    out = {}
    for s in range(0, len(ids), 1024):
        part = ids[s:s + 1024]
        hits = index.search(VectorIndex.stack([vecs[i] for i in part]), k * 4 + 20)
        for cid, row in zip(part, hits):
            art = claims[cid].article_id
            out[cid] = tuple(d for d, _ in row if d in claims and claims[d].article_id != art)[:k]
    return out


def manifest(ws: Workspace, models: ModelSet, store: Store, fact_params: facts_mod.FactParams) -> dict:
    """What the index was made with: the models, the activations, the stage parameters, and its counts."""
    from contradict import __version__

    c = store.counts()
    nli = models.nli_settings()
    return {"contradict_version": __version__, "embed_model": ws.s.embed_model,
            "nli_model": resolve_name(nli.nli_model),
            "nli_prefilter": prefilter_name(nli) or None, "nli_gate": gate_name(nli) or None,
            "nli_activations": activations(nli), "articles": c["articles"], "claims": c["claims"],
            "facts": dataclasses.asdict(fact_params), "pairs": dataclasses.asdict(pair_params(ws.s)),
            "stories": dataclasses.asdict(story_params(ws.s)),
            "relatedness": dataclasses.asdict(pairs_mod.RelatednessParams()),
            "english": dataclasses.asdict(EnglishParams()),
            "created_at": store.get_meta("created_at") or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def rebuild_index(ws: Workspace, models: ModelSet, fact_params: facts_mod.FactParams, tick: Tick | None = None) -> int:
    """Rebuild the faiss index from the store's vectors (for a corrupt or missing index)."""
    store = ws.open_existing()
    with ws.writing():
        cl = {c.id: c for c in store.claims()}
        by_text = vectors(ws, models, [c.text for c in cl.values()], tick).values
        index = vector_index(ws, {cid: by_text[c.text] for cid, c in cl.items()}, rebuild=True)
        index.save(ws.s.index_dir, manifest(ws, models, store, fact_params))
    return len(index)
