"""Choose the contradiction-logit shift on development data (SNLI dev subset + its shuffled pairs).

    python benchmarks/calibrate.py build/nli/phase2/final      # fp32 (PyTorch) logits
    python benchmarks/calibrate.py path/to/int8-export         # a directory with model.onnx: the export's own scores
    python benchmarks/calibrate.py path/to/int8-export --test  # and read SNLI test + shuffled test at each shift

Quantization moves the curve, so a shift for a shipped int8 model is best chosen on the export.
With ``--test``, the shift is still chosen on dev; the test figures at that shift are the ones to
quote. The "test front" (best test accuracy with shuffled test <= 5%) is chosen on test itself, so
it is an upper bound for reading, never a figure to claim.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from _scorer import scorer_or_exit

from contradict.backends.nli import LABELS
from contradict.lab.evaluate import read_pairs, shuffle_pairs
from contradict.lab.export import choose_shift, logits

ap = argparse.ArgumentParser()
ap.add_argument("model", type=Path)
ap.add_argument("--test", action="store_true", help="also score SNLI test and its shuffled pairs (int8 exports)")
a = ap.parse_args()
nli = Path(__file__).resolve().parents[1].parent / "shared/data/nli"
dev = read_pairs(nli / "snli_dev_subset.jsonl")
shuf = shuffle_pairs(dev, seed=7)
onnx = (a.model / "model.onnx").exists()
if not onnx and not (a.model / "config.json").exists():  # one line, as the CLI gives, not a loader traceback
    sys.exit(f"error: no NLI model in {a.model} (expected model.onnx, or a Hugging Face config.json)")
scorer = scorer_or_exit(str(a.model)) if onnx else None


def log_probs(rows):
    # log-probabilities differ from logits by a per-row constant, which argmax after a shift ignores
    return np.log(np.clip(scorer.score([(p, h) for p, h, _ in rows]), 1e-9, 1))


if onnx:
    id2label = dict(enumerate(LABELS))
    dl, ul = log_probs(dev), log_probs(shuf)
else:
    if a.test:
        ap.error("--test reads an int8 export (a directory with model.onnx)")
    dl, id2label = logits(a.model, [(p, h) for p, h, _ in dev])
    ul, _ = logits(a.model, [(p, h) for p, h, _ in shuf])
best, rows = choose_shift(dl, [g for *_, g in dev], ul, id2label)
out = {"chosen": {"shift": best[0], "dev_accuracy": best[1], "dev_shuffled_contradiction_rate": best[2]},
       "grid": rows[::5]}
if a.test:
    test = read_pairs(nli / "snli/snli_1.0_test.jsonl")
    _, trows = choose_shift(log_probs(test), [g for *_, g in test], log_probs(shuffle_pairs(test)), id2label)
    at = {r[0]: r for r in trows}
    out["test_at_chosen"] = {"shift": best[0], "accuracy": at[best[0]][1], "shuffled_contradiction_rate": at[best[0]][2]}
    front = max((r for r in trows if r[2] <= 0.05), key=lambda r: r[1], default=None)
    out["test_front_oracle"] = front and {"shift": front[0], "accuracy": front[1], "shuffled_contradiction_rate": front[2]}
    out["test_grid"] = trows[::5]
print(json.dumps(out, indent=1))
