"""``contradict query``: the indexed claims that contradict or support a free-text claim."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from contradict.backends.embed import Encoder
from contradict.backends.nli import LABELS, combine
from contradict.errors import ContradictError, Exit
from contradict.report.build import ClaimRow, QueryHit, QueryResult
from contradict.stages import pairs as pairs_mod
from contradict.storage.index import VectorIndex
from contradict.storage.store import Store

ScoreFn = Callable[[Sequence[tuple[str, str]]], dict]


def query(text: str, store: Store, index: VectorIndex, encoder: Encoder, embed_model: str, score: ScoreFn,
          nli_model: str, top: int = 10, budget: int = 400) -> QueryResult:
    text = " ".join(text.split())
    if len(text.split()) < 2:
        raise ContradictError("the claim to query is empty or a single word", exit_code=Exit.USAGE)
    cl = {c.id: c for c in store.claims()}
    arts = {a.id: a for a in store.articles()}
    if not cl:
        raise ContradictError("the index holds no claims", hint="run `contradict index PATH...` first")
    vec = encoder.encode([text])
    hits = index.search(vec, min(budget, max(50, top * 5)))[0]
    cand: dict[str, float | None] = {cid: sim for cid, sim in hits if cid in cl}
    q_ents = pairs_mod.entities(text)
    if q_ents:  # claims that share a name, number or date with the query, however far in embedding space
        for cid, c in cl.items():
            if len(cand) >= budget:
                break
            if cid not in cand and q_ents & pairs_mod.entities(c.text):
                cand[cid] = None
    ids = sorted(cand)
    vecs = store.cached_vectors(embed_model, [cl[i].text for i in ids])
    scores = score([t for cid in ids for t in ((text, cl[cid].scored_text), (cl[cid].scored_text, text))])
    results = []
    for cid in ids:
        c = cl[cid]
        known = cand[cid]
        sim = known if known is not None else float(np.dot(vec[0], vecs[c.text])) if c.text in vecs else 0.0
        implied = scores[(c.scored_text, text)]  # the corpus claim as premise: does it imply the query?
        # combine() counts one-way entailment as agreement: a claim that says more than the query
        # ("…collapsed early on Tuesday, sending a wall of water…") supports it, not the other way round
        label, probs = combine(scores[(text, c.scored_text)], implied)
        shared = sorted(q_ents & pairs_mod.entities(c.text))
        rel = pairs_mod.relatedness(sim, pairs_mod.without_numbers(shared))
        implies = round(float(implied[LABELS.index("entailment")]), 4)
        results.append(QueryHit(
            label=label, probs=tuple((k, probs[k]) for k in LABELS), implies_query=implies, similarity=round(sim, 4),
            score=round(probs["contradiction"] * rel, 4), support=round(max(probs["entailment"], implies) * rel, 4),
            claim=ClaimRow.of(c, arts.get(c.article_id)), shared=tuple(e.value for e in shared)))
    contra = sorted((r for r in results if r.label == "contradiction"), key=lambda r: (-r.score, r.claim.id))
    support = sorted((r for r in results if r.label == "entailment"), key=lambda r: (-r.support, r.claim.id))
    return QueryResult(query=text, nli_model=nli_model, candidates=len(ids), contradicting=tuple(contra[:top]),
                       supporting=tuple(support[:top]))
