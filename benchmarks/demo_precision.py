"""How many of a demo report's contradictions are real, against hand labels (benchmarks/demo_labels.json).

    contradict report examples/ --index-dir DIR --format json --top 0 > demo.json
    python benchmarks/demo_precision.py demo.json

Counts the pairs the report labels contradiction at or above its threshold: labelled contradictions
found (recall), pairs labelled 'either way', and false ones; prints JSON, with the false pairs' texts.
"""

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
labels = json.loads((HERE / "demo_labels.json").read_text())
key = lambda x, y: tuple(sorted((x, y)))  # noqa: E731
gold = {key(x["a"], x["b"]) for x in labels["contradictions"]}
either = {key(x["a"], x["b"]) for x in labels["either_way"]}
ap = argparse.ArgumentParser()
ap.add_argument("report", type=Path, help="a JSON report of the demo corpus, made with --top 0")
report = json.loads(ap.parse_args().report.read_text())
thr = report["summary"]["threshold"]
shown = [p for p in report["pairs"] if p["label"] == "contradiction" and p["score"] >= thr]
if len(shown) < report["summary"]["contradictions"]:
    sys.exit("the report lists fewer pairs than it counts: make it with --top 0")
found = [p for p in shown if key(p["a"]["id"], p["b"]["id"]) in gold]
either_found = [p for p in shown if key(p["a"]["id"], p["b"]["id"]) in either]
false = [p for p in shown if key(p["a"]["id"], p["b"]["id"]) not in gold | either]
rank = [n + 1 for n, p in enumerate(shown) if key(p["a"]["id"], p["b"]["id"]) in gold]
print(json.dumps({"model": report["summary"]["nli_model"], "contradictions": len(shown),
                  "labelled_found": f"{len(found)} of {len(gold)}", "either_way": len(either_found), "false": len(false),
                  "precision": round((len(found) + len(either_found)) / len(shown), 3) if shown else None,
                  "ranks_of_labelled": rank,
                  "false_pairs": [f"{p['score']:.2f} {p['a']['claim'][:60]} | {p['b']['claim'][:60]}" for p in false]},
                 indent=1))
