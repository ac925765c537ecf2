"""Fit the NLI gate and write it where the product reads it (``contradict/models/contradict-gate``).

    python benchmarks/gate_data.py INDEX_DIR /tmp/gate_data.npz      # an abp_5k index (see its docstring)
    python benchmarks/gate_fit.py /tmp/gate_data.npz [--out DIR] [--hidden 128] [--recall 0.98] [--alpha 0.01] [--seed 41]

Prints the threshold and, on the train and dev stories, the share of pairs passed and the recall of the
cascade's contradictions and entailments (``contradict.lab.gate.fit``). The test stories are not read.
"""

import argparse
import json
import logging
from pathlib import Path

from contradict.backends.gate import GATE_DIR
from contradict.lab.gate import fit

ap = argparse.ArgumentParser()
ap.add_argument("data", type=Path)
ap.add_argument("--out", type=Path, default=GATE_DIR)
ap.add_argument("--hidden", type=int, default=128)
ap.add_argument("--recall", type=float, default=0.98)
ap.add_argument("--alpha", type=float, default=1e-2)
ap.add_argument("--seed", type=int, default=41)
a = ap.parse_args()
logging.basicConfig(level=logging.INFO)
print(json.dumps(fit(a.data, a.out, a.hidden, a.recall, a.seed, a.alpha), indent=1))
