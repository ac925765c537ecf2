"""Unrelated news pairs: sentences from *different* BASIL events (all neutral by construction).

Prints the share the NLI model labels contradiction (target <= 0.10).

    python benchmarks/basil_unrelated.py [--n 2000] [--nli-model default] [--seed 13]
"""

import argparse
import json
import random
import sys
from pathlib import Path

from _scorer import scorer_or_exit

from contradict.inputs.ingest import load
from contradict.lab.evaluate import evaluate
from contradict.stages.claims import extract

ap = argparse.ArgumentParser()
ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared/data/news/basil_triplets.jsonl"))
ap.add_argument("--n", type=int, default=2000)
ap.add_argument("--nli-model", default="default")
ap.add_argument("--seed", type=int, default=13)
a = ap.parse_args()
if not Path(a.data).exists():
    sys.exit(f"{a.data} not found")
events = {json.loads(line)["id"]: json.loads(line)["event"] for line in open(a.data, encoding="utf-8")}
articles, _ = load([a.data])
sents = [(c.text, events[art.id]) for art in articles for c in extract(art) if c.kind == "sentence"]
rng = random.Random(a.seed)
pairs = []
while len(pairs) < a.n:
    x, y = rng.choice(sents), rng.choice(sents)
    if x[1] != y[1]:
        pairs.append((x[0], y[0], "neutral"))
res = evaluate(scorer_or_exit(a.nli_model), pairs, shuffled=True)
print(json.dumps({"file": a.data, "pairs": len(pairs), "sentences": len(sents), "model": res["model"],
                  "contradiction_rate": res["shuffled_contradiction_rate"],
                  "neutral_rate": res["per_class"]["neutral"]["recall"], "pairs_per_second": res["pairs_per_second"]},
                 indent=2))
