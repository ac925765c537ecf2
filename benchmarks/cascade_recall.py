"""Does the prefilter pass what the strong model finds? On the dev splits (real text, many positives: the
BASIL same-event sample of ``real_text.py --only cascade`` holds one to four), the share of the pairs the
strong model alone labels contradiction that the fast model gives P(contradiction) >= each threshold, and the
share of all pairs it passes. One direction (premise, hypothesis) only: the cascade passes a pair when either
direction reaches the threshold, so these are lower bounds.

    python benchmarks/class_shift.py dump contradict/models/contradict-nli-minilm /tmp/fast.npz --test
    python benchmarks/class_shift.py dump contradict/models/contradict-nli-mpnet /tmp/strong.npz --test
    python benchmarks/cascade_recall.py /tmp/fast.npz /tmp/strong.npz [--thresholds 0.01,0.03,0.05,0.1,0.2]
"""

import argparse
import json
from pathlib import Path

import numpy as np

from contradict.backends.nli import LABELS

ap = argparse.ArgumentParser()
ap.add_argument("fast", type=Path)
ap.add_argument("strong", type=Path)
ap.add_argument("--thresholds", default="0.01,0.03,0.05,0.1,0.2")
a = ap.parse_args()
fast, strong = dict(np.load(a.fast)), dict(np.load(a.strong))
c = LABELS.index("contradiction")
out = {"fast": str(fast.get("model", a.fast)), "strong": str(strong.get("model", a.strong)), "sets": {}}
for name in [k for k in strong if not k.endswith("_gold") and k != "model" and not k.endswith("_shuffled")]:
    if name not in fast:
        continue
    found = strong[name].argmax(1) == c
    row = {"pairs": len(found), "strong_contradictions": int(found.sum())}
    for t in (float(x) for x in a.thresholds.split(",")):
        passed = fast[name][:, c] >= t
        row[f"{t:g}"] = {"recall": round(float(passed[found].mean()), 4), "passed": round(float(passed.mean()), 4)}
    out["sets"][name] = row
print(json.dumps(out, indent=1))
