"""Choose the contradiction-logit shift on development data (SNLI dev subset + its shuffled pairs).

    python benchmarks/calibrate.py build/nli/phase2/final
"""

import json
import sys
from pathlib import Path

from contradict.evaluate import read_pairs, shuffle_pairs
from contradict.export import choose_shift, logits

model = Path(sys.argv[1])
dev = read_pairs(Path(__file__).resolve().parents[1].parent / "shared/data/nli/snli_dev_subset.jsonl")
shuf = shuffle_pairs(dev, seed=7)
dl, id2label = logits(model, [(p, h) for p, h, _ in dev])
ul, _ = logits(model, [(p, h) for p, h, _ in shuf])
best, rows = choose_shift(dl, [g for *_, g in dev], ul, id2label)
print(json.dumps({"chosen": {"shift": best[0], "dev_accuracy": best[1], "dev_shuffled_contradiction_rate": best[2]},
                  "grid": rows[::5]}, indent=1))
