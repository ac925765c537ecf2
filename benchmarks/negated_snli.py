"""Does the model read a negation as a contradiction by itself? SNLI test, hypotheses negated.

A premise that neither implies nor rules out a sentence does the same for its negation, so a negated
neutral hypothesis is still neutral; a negated entailed hypothesis is a contradiction. Prints the
share labelled contradiction for each (the first should be low, the second high) and, for reference,
the same model on the un-negated pairs.

    python benchmarks/negated_snli.py [--nli-model default] [--data SNLI_TEST.jsonl]
"""

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from _scorer import scorer_or_exit

from contradict.backends.nli import LABELS
from contradict.lab.synthetic import negate
from contradict.lab.train import read_snli

ap = argparse.ArgumentParser()
ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared/data/nli/snli/snli_1.0_test.jsonl"))
ap.add_argument("--nli-model", default="default")
ap.add_argument("--seed", type=int, default=13)
a = ap.parse_args()
if not Path(a.data).exists():
    sys.exit(f"{a.data} not found")
rng = random.Random(a.seed)
groups: dict[str, list] = {"neutral": [], "entailment": []}
for p, h, lab, _ in read_snli(Path(a.data)):
    neg = negate(h, rng) if lab in groups else None
    if neg:
        groups[lab].append((p, h, neg))
scorer = scorer_or_exit(a.nli_model)
C = LABELS.index("contradiction")
out = {"model": a.nli_model, "file": a.data}
for lab, rows in groups.items():
    neg = scorer.score([(p, n) for p, _, n in rows]).argmax(1) == C
    plain = scorer.score([(p, h) for p, h, _ in rows]).argmax(1) == C
    out[lab] = {"pairs": len(rows), "negated_contradiction_rate": round(float(np.mean(neg)), 4),
                "plain_contradiction_rate": round(float(np.mean(plain)), 4)}
print(json.dumps(out, indent=2))
