"""How many of a BASIL report's contradictions are real, against hand labels (benchmarks/basil_report_labels.json;
--labels benchmarks/lcr_report_labels.json for a report of abp_lcr_triplets_sample.jsonl, never tuned on).

    python benchmarks/model_card.py MODEL --nli-prefilter FAST --only basil_report --keep DIR
    python benchmarks/basil_report_precision.py DIR/basil_report.json
    contradict report ../shared/data/news/abp_lcr_triplets_sample.jsonl --index-dir /tmp/lcr --format json --top 0 > lcr.json
    python benchmarks/basil_report_precision.py lcr.json --labels benchmarks/lcr_report_labels.json

Every pair the report lists as a contradiction (the NLI model's, at or above its threshold, and the numeric
rule's) is looked up by its claim ids; a pair nobody has labelled yet is printed to be read and labelled.
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("report", type=Path, help="a JSON report of basil_triplets.jsonl, made with --top 0")
ap.add_argument("--labels", type=Path, default=Path(__file__).resolve().parent / "basil_report_labels.json")
a = ap.parse_args()
labels = json.loads(a.labels.read_text())
known = {tuple(sorted((x["a"], x["b"]))): x["label"] for x in labels["pairs"]}
report = json.loads(a.report.read_text())
thr = report["summary"]["threshold"]
listed = [p for p in report["pairs"] if p["score"] >= thr and p["label"] != "entailment"]
if len(listed) < report["summary"]["contradictions"]:
    sys.exit("the report lists fewer pairs than it counts: make it with --top 0")
got = [known.get(tuple(sorted((p["a"]["id"], p["b"]["id"]))), "unlabelled") for p in listed]
count = Counter(got)
print(json.dumps({"model": report["summary"]["nli_model"], "listed": len(listed), **{k: count[k] for k in
                  ("real", "arguable", "false", "unlabelled")},
                  "real_share": round(count["real"] / len(listed), 3) if listed else None,
                  "unlabelled_pairs": [f"{p['a']['claim'][:70]} | {p['b']['claim'][:70]}"
                                       for p, g in zip(listed, got) if g == "unlabelled"]}, indent=1))
