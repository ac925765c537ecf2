"""Training speed in fp32 and in bf16 mixed precision (`train-nli --precision`), on real SNLI batches.

Runs the same optimiser steps (batches of 32 SNLI dev pairs, padded per batch, as training pads them)
in each precision, alternating, and prints pairs/s for each and, last, `ratio: X` (bf16 over fp32).
bf16 pays on CPUs with AMX (Sapphire Rapids and later); elsewhere it can be slower.

    python benchmarks/train_precision.py [--model DIR] [--steps 6] [--rounds 2]

DIR: a Hugging Face model directory, e.g. build/nli-mpnet/base/all-mpnet-base-v2 [the packaged MiniLM].
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("--model", default=None)
ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared/data/nli/snli_dev_subset.jsonl"))
ap.add_argument("--steps", type=int, default=6)
ap.add_argument("--rounds", type=int, default=2)
a = ap.parse_args()
if not Path(a.data).exists():
    sys.exit(f"{a.data} not found")

import torch  # noqa: E402
from transformers import AutoModelForSequenceClassification, AutoTokenizer  # noqa: E402
from transformers.utils import logging as hf_logging  # noqa: E402

from contradict.backends.models import packaged_minilm_path  # noqa: E402
from contradict.lab.train import MODEL_LABELS as LABELS  # noqa: E402
from contradict.lab.train import PRECISIONS, autocast, read_snli  # noqa: E402

path = a.model or str(packaged_minilm_path())
if not Path(path).is_dir():
    sys.exit(f"{path}: not a model directory")
hf_logging.set_verbosity_error()  # the fresh classifier head is expected, not news
torch.manual_seed(13)
rows = read_snli(Path(a.data), limit=32 * a.steps)
tok = AutoTokenizer.from_pretrained(path)
batches = [tok([r[0] for r in rows[i:i + 32]], [r[1] for r in rows[i:i + 32]], padding=True, truncation=True,
               max_length=128, return_tensors="pt") for i in range(0, len(rows), 32)]
labels = [torch.tensor([LABELS.index(r[2]) for r in rows[i:i + 32]])
          for i in range(0, len(rows), 32)]
model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=3)
model.train()
opt = torch.optim.AdamW(model.parameters(), lr=1e-5)


def run(precision: str) -> float:
    t = time.perf_counter()
    for enc, y in zip(batches, labels):
        with autocast(precision):
            loss = model(**enc, labels=y).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
    return len(rows) / (time.perf_counter() - t)


rates: dict[str, list[float]] = {}
for precision in PRECISIONS:  # warm-up: first calls build kernels and caches
    run(precision)
    rates[precision] = []
for _ in range(a.rounds):
    for precision in rates:
        rates[precision].append(run(precision))
print(f"model: {path}, {len(rows)} SNLI pairs a round, {torch.get_num_threads()} threads")
for precision, r in rates.items():
    print(f"{precision}: {statistics.median(r):.1f} pairs/s (rounds: {', '.join(f'{x:.1f}' for x in r)})")
print(f"ratio: {statistics.median(rates['bf16']) / statistics.median(rates['fp32']):.2f}")
