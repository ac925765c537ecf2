"""Activations per token or per tensor, on the labelled news test split (issue 41's accuracy rule).

    python benchmarks/activations_news.py [--split test] [--model contradict-nli-mpnet]

Scores the split's pairs both ways with the shipped model read each way (``OnnxScorer(activations=...)``: per
tensor, per token, with fixed scales and fixed + per token on the feed-forward products where the model holds
calibrated ranges) and
compares each pair's label (``nli.combine``) with the reader's label (``news_labels/labels/first_*.jsonl``):
accuracy, and how many pairs each reading calls a contradiction (the readers found 1 in the test split).
"""

import argparse
import json
import time
from pathlib import Path

from news_labels_stats import labels as read_labels
from news_labels_stats import pairs as read_pairs

from contradict.backends.nli import OnnxScorer, combine, model_dir
from contradict.lab.bench import news_pairs

HERE = Path(__file__).parent
ap = argparse.ArgumentParser()
ap.add_argument("--split", default="test")
ap.add_argument("--model", default="contradict-nli-mpnet")
ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "data" / "news" / "abp_5k.jsonl")
a = ap.parse_args()
rows = [r for r in read_pairs().values() if r["split"] == a.split]
gold = {k: r["label"] for k, r in read_labels("first").items()}
pairs = news_pairs(HERE / "news_labels" / "pairs.jsonl", a.corpus, a.split)
labels = [gold.get(r["pair"], "") for r in rows]
assert len(pairs) == len(rows), "every pair of the split must be found in the corpus"
both = pairs + [(b, x) for x, b in pairs]
out = {"model": a.model, "split": a.split, "pairs": len(pairs), "reader_contradictions": labels.count("contradiction")}
for name, how in (("per_tensor", "tensor"), ("per_token", "token"), ("static", "static"), ("hybrid", "hybrid")):
    scorer = OnnxScorer(model_dir(a.model), activations=how)
    t = time.perf_counter()
    probs = scorer.score(both)
    got = [combine(probs[i], probs[i + len(pairs)])[0] for i in range(len(pairs))]
    right = sum(g == lab for g, lab in zip(got, labels) if lab)
    out[name] = {"accuracy": round(right / sum(1 for lab in labels if lab), 4),
                 "contradictions": got.count("contradiction"), "entailments": got.count("entailment"),
                 "seconds": round(time.perf_counter() - t, 1)}
print(json.dumps(out, indent=1))
