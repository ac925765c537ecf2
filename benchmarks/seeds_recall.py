"""Recall of the candidate step on hand-labelled contradictions of the seed articles.

For several pair budgets: how many of the labelled contradicting pairs the candidate step
(neighbours + shared entities + budget) proposes, and by which route. With an index built by
`contradict index ../shared/seeds --index-dir DIR`, also prints what the NLI model made of them.

    python benchmarks/seeds_recall.py [--index-dir DIR]
"""

import argparse
import json
from pathlib import Path

from contradict.backends.embed import SentenceTransformerEncoder
from contradict.inputs.ingest import load
from contradict.stages.claims import extract
from contradict.stages.pairs import PairParams, select
from contradict.storage.index import VectorIndex

HERE = Path(__file__).resolve().parent
ap = argparse.ArgumentParser()
ap.add_argument("--seeds", default=str(HERE.parents[1] / "shared/seeds"))
ap.add_argument("--index-dir")
ap.add_argument("--k", type=int, default=10)
ap.add_argument("--rank-all-limit", type=int, default=3_000_000)
a = ap.parse_args()
labels = json.loads((HERE / "seeds_contradictions.json").read_text())["contradictions"]
gold = {tuple(sorted((x["a"], x["b"]))): x["why"] for x in labels}

arts, _ = load([a.seeds])
claims = {c.id: c for art in arts for c in extract(art)}
missing = [k for k in gold if k[0] not in claims or k[1] not in claims]
ids = sorted(claims)
vec = SentenceTransformerEncoder().encode([claims[i].text for i in ids])
vectors = dict(zip(ids, vec))
index = VectorIndex.build(vec.shape[1], ids, vec)
neigh = {}
for cid, row in zip(ids, index.search(vec, a.k * 4 + 20)):
    neigh[cid] = tuple(d for d, _ in row if claims[d].article_id != claims[cid].article_id)[: a.k]
res = {"claims": len(claims), "labelled": len(gold), "labelled_missing_from_claims": len(missing),
       "cosine_of_labelled": sorted(round(float(vectors[x] @ vectors[y]), 3) for x, y in gold if x in vectors and y in vectors)}
for budget in (1000, 2000, 3000, 4000, 6000):
    sel = select(ids, claims, vectors, neigh,
                 PairParams(all_pairs_limit=0, pair_budget=budget, duplicate_similarity=0.95, rank_all_limit=a.rank_all_limit))
    got = {(c.a, c.b): c for c in sel.candidates}
    hit = [k for k in gold if k in got]
    rank = {(c.a, c.b): n for n, c in enumerate(sel.candidates)}
    res[f"budget_{budget}"] = {"candidates": len(sel.candidates), "considered": sel.considered,
                               "recall": round(len(hit) / len(gold), 3),
                               "ranks_of_hits": sorted(rank[k] for k in hit)}
only_knn = select(ids, claims, vectors, neigh,
                  PairParams(all_pairs_limit=0, pair_budget=10**9, duplicate_similarity=0.95, rank_all_limit=0))
res["neighbours_only_recall"] = round(sum(1 for k in gold if any(d == k[1] for d, _ in neigh.get(k[0], [])) or
                                          any(d == k[0] for d, _ in neigh.get(k[1], []))) / len(gold), 3)
res["union_unbounded"] = {"candidates": len(only_knn.candidates),
                          "recall": round(sum(1 for k in gold if k in {(c.a, c.b) for c in only_knn.candidates}) / len(gold), 3)}
if a.index_dir:
    from contradict.runs.pipeline import Pipeline
    from contradict.settings import Settings

    pipe = Pipeline(Settings.from_env(index_dir=Path(a.index_dir)))
    store = pipe.open_existing()
    pairs, _ = pipe.scored_pairs({c.id: c for c in store.claims()}, store.candidates())
    found = {(p.a.id, p.b.id) if p.a.id < p.b.id else (p.b.id, p.a.id): p for p in pairs}
    res["in_index"] = [{"why": why, "label": found[k].label if k in found else None,
                        "p_contradiction": found[k].probs["contradiction"] if k in found else None,
                        "score": found[k].score if k in found else None} for k, why in gold.items()]
print(json.dumps(res, indent=2))
