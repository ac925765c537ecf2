"""Does batching NLI pairs pay on this machine? The shipped int8 models read seeded pairs of abp_5k sentences one
pair per run on parallel single-threaded workers (how reports read dynamically quantized models) and in batches
sorted by length: on the parallel workers (one batch each) and in one session with every thread. Batches need a
reading whose scales do not depend on the batch (``--activations static``, the default here, or ``token``).

    python benchmarks/nli_batching.py [--pairs 800] [--mpnet-pairs 200] [--activations static]

Prints the CPU class, pairs/s of each way, the ratio to one pair per run (measured in the same run), and the
largest probability difference a batch made.
"""

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from contradict.backends.int8 import cpu_class
from contradict.backends.nli import OnnxScorer, model_dir
from contradict.stages.claims import split_sentences

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "abp_5k.jsonl"
ap = argparse.ArgumentParser()
ap.add_argument("--pairs", type=int, default=800, help="pairs the MiniLM reads")
ap.add_argument("--mpnet-pairs", type=int, default=200, help="pairs the MPNet reads")
ap.add_argument("--activations", default="static", choices=["tensor", "token", "static", "hybrid"])
a = ap.parse_args()
sents: list[str] = []
with open(NEWS, encoding="utf-8") as fh:
    for line in fh:
        text = json.loads(line)["text"]
        sents += [text[s:e] for s, e in split_sentences(text)][:4]
        if len(sents) > 2000:
            break
rnd = random.Random(3)
pairs = [(rnd.choice(sents), rnd.choice(sents)) for _ in range(max(a.pairs, a.mpnet_pairs))]
print(json.dumps({"cpu": cpu_class()}))
for name, n in (("contradict-nli-minilm", a.pairs), ("contradict-nli-mpnet", a.mpnet_pairs)):
    one = OnnxScorer(model_dir(name), batch_size=1, activations=a.activations)
    one.score(pairs[:20])
    t = time.perf_counter()
    alone = one.score(pairs[:n])
    base = n / (time.perf_counter() - t)
    out = {"model": one.name, "pairs": n, "one_pair_per_run": round(base, 1)}
    for size in (4, 8, 16, 32):
        for way, workers in (("parallel", None), ("threaded", 1)):
            batched = OnnxScorer(model_dir(name), batch_size=size, activations=a.activations, workers=workers)
            batched.score(pairs[:64])
            t = time.perf_counter()
            got = batched.score(pairs[:n])
            rate = n / (time.perf_counter() - t)
            out[f"batch_{size}_{way}"] = {"pairs_per_second": round(rate, 1), "ratio": round(rate / base, 2),
                                          "max_probability_difference": float(f"{float(np.abs(got - alone).max()):.2e}")}
    print(json.dumps(out), flush=True)
