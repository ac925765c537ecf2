"""Choose the contradiction-logit shift on development data (SNLI dev subset + its shuffled pairs).

    python benchmarks/calibrate.py build/nli/phase2/final      # fp32 (PyTorch) logits
    python benchmarks/calibrate.py path/to/int8-export         # a directory with model.onnx: the export's own scores

Quantization moves the curve, so a shift for a shipped int8 model is best chosen on the export.
"""

import json
import sys
from pathlib import Path

import numpy as np

from contradict.evaluate import read_pairs, shuffle_pairs
from contradict.export import choose_shift, logits
from contradict.nli import LABELS, OnnxScorer

model = Path(sys.argv[1])
dev = read_pairs(Path(__file__).resolve().parents[1].parent / "shared/data/nli/snli_dev_subset.jsonl")
shuf = shuffle_pairs(dev, seed=7)
if (model / "model.onnx").exists():
    scorer = OnnxScorer(model)
    id2label = dict(enumerate(LABELS))
    # log-probabilities differ from logits by a per-row constant, which argmax after a shift ignores
    dl, ul = (np.log(np.clip(scorer.score([(p, h) for p, h, _ in rows]), 1e-9, 1)) for rows in (dev, shuf))
else:
    dl, id2label = logits(model, [(p, h) for p, h, _ in dev])
    ul, _ = logits(model, [(p, h) for p, h, _ in shuf])
best, rows = choose_shift(dl, [g for *_, g in dev], ul, id2label)
print(json.dumps({"chosen": {"shift": best[0], "dev_accuracy": best[1], "dev_shuffled_contradiction_rate": best[2]},
                  "grid": rows[::5]}, indent=1))
