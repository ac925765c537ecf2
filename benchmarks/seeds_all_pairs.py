"""Every cross-article claim pair of the seed articles, scored one way (a->b) by the NLI model.

Prints how many get P(contradiction) > 0.5 and how many are labelled contradiction, overall and
by cosine band: the measure of how much an unrelated-pair bias would bury the real tensions.

    python benchmarks/seeds_all_pairs.py [--nli-model default]
"""

import argparse
import json
from pathlib import Path

import numpy as np
from _scorer import scorer_or_exit

from contradict.backends.embed import SentenceTransformerEncoder
from contradict.inputs.ingest import load
from contradict.stages.claims import extract

ap = argparse.ArgumentParser()
ap.add_argument("--seeds", default=str(Path(__file__).resolve().parents[1].parent / "shared/seeds"))
ap.add_argument("--nli-model", default="default")
a = ap.parse_args()
arts, _ = load([a.seeds])
claims = [c for art in arts for c in extract(art)]
vec = SentenceTransformerEncoder().encode([c.text for c in claims])
pairs, sims = [], []
for i, x in enumerate(claims):
    for j in range(i + 1, len(claims)):
        if claims[j].article_id != x.article_id:
            pairs.append((x.text, claims[j].text))
            sims.append(float(vec[i] @ vec[j]))
probs = scorer_or_exit(a.nli_model).score(pairs)
sims = np.array(sims)
pc = probs[:, 0]
lab = probs.argmax(1) == 0
out = {"claims": len(claims), "pairs": len(pairs), "p_contradiction_gt_0.5": round(float((pc > 0.5).mean()), 4),
       "labelled_contradiction": round(float(lab.mean()), 4)}
for lo, hi in ((-1, 0.1), (0.1, 0.3), (0.3, 0.5), (0.5, 1.01)):
    m = (sims >= lo) & (sims < hi)
    out[f"cos[{lo},{hi})"] = {"pairs": int(m.sum()), "labelled_contradiction": round(float(lab[m].mean()), 4) if m.any() else None}
print(json.dumps(out, indent=2))
