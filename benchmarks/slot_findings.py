"""Rule findings of a report, for reading (issue 37): every listed pair whose difference a rule names (a number, a
day, a place, a person, a denial), with both claims and their articles, so a reader labels each real or false.

    contradict report CORPUS --index-dir IDX --format json --top 0 -o report.json
    python benchmarks/slot_findings.py extract report.json CORPUS.jsonl > to_read.jsonl   # text: keep it out of the repo
    python benchmarks/slot_findings.py score LABELS.json [--corpus NAME] [--run NAME]       # precision by slot kind

Labels live in benchmarks/slot_findings_labels.json (ids and short phrases only).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

SLOTS = ("date", "place", "person", "denial")


def slot_of(pair: dict) -> str:
    """number | date | place | person | denial: the slot a rule finding names."""
    thing = (pair.get("difference") or {}).get("thing", "")
    return thing if thing in SLOTS else "number"


def extract(report: Path, corpus: Path) -> None:
    data = json.loads(report.read_text())
    titles = {}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            titles[r["id"]] = r.get("title", "")
    for p in data["pairs"]:
        if "difference" not in p or p.get("kind") not in ("numeric", "factual", "update"):
            continue
        d = p["difference"]
        row = {"pair": p["id"], "kind": p["kind"], "slot": slot_of(p), "values": [d["a"], d["b"]],
               "score": p["score"], "story": p.get("story")}
        for side in ("a", "b"):
            c = p[side]
            row[side] = {"article": c["article"], "source": c.get("source"), "date": c.get("date"),
                         "title": titles.get(c["article"], ""), "speaker": c.get("speaker"), "claim": c["claim"],
                         "context": c.get("context", "")}
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def score(labels: Path, corpus: str | None, run: str | None) -> None:
    data = json.loads(labels.read_text())
    out: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for name, c in sorted(data["corpora"].items()):
        if corpus and name != corpus:
            continue
        for f in c["findings"]:
            if run and f.get("run") != run:
                continue
            slot = f.get("slot_kind") or ("number" if f["kind"] in ("numeric", "update") else f.get("slot", ""))
            out[f"{name} [{f.get('run', '')}]"][slot][f["verdict"]] += 1
    for key, by in out.items():
        print(key)
        for slot, n in sorted(by.items()):
            total = sum(n.values())
            print(f"  {slot:8s} {n['real']:3d} real of {total:3d}  precision {n['real'] / total:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract")
    e.add_argument("report", type=Path)
    e.add_argument("corpus", type=Path)
    s = sub.add_parser("score")
    s.add_argument("labels", type=Path, nargs="?", default=Path(__file__).with_name("slot_findings_labels.json"))
    s.add_argument("--corpus")
    s.add_argument("--run")
    a = ap.parse_args()
    extract(a.report, a.corpus) if a.cmd == "extract" else score(a.labels, a.corpus, a.run)


if __name__ == "__main__":
    main()
