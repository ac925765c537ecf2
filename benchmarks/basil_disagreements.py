"""How many hand-labelled BASIL disagreements become candidates and how many are reported, by kind (issue 21).

    contradict report ../shared/data/news/basil_triplets.jsonl --index-dir /tmp/basil --format json --top 0 -o /tmp/basil.json
    python benchmarks/basil_disagreements.py --index-dir /tmp/basil --report /tmp/basil.json
    python benchmarks/basil_disagreements.py --index-dir IDX --report R.json --labels benchmarks/abp5k_disagreements.json

Also counts the index's candidate pairs whose two articles report one BASIL event (the corpus's `event`
field, never an input) and, for the report's stories, how many stories are pure (one event).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from contradict.storage.store import Store

LABELS = Path(__file__).with_name("basil_disagreements.json")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--report", type=Path, required=True, help="the report as JSON (--top 0)")
    ap.add_argument("--labels", type=Path, default=LABELS,
                    help="another set of the same shape (benchmarks/abp5k_disagreements.json: abp_5k stories)")
    args = ap.parse_args()
    labels = json.loads(args.labels.read_text())["pairs"]
    store = Store(args.index_dir / "contradict.sqlite", create=False)
    # BASIL's own event ids (never an input); other corpora have none: each article its own event
    event = {a.id: json.loads(dict(a.meta).get("event") or json.dumps(a.id)) for a in store.articles()}
    claims = {c.id: c for c in store.claims()}
    cands = store.candidates()
    keys = {(c.a, c.b) for c in cands if not c.duplicate}
    same_event = sum(1 for c in cands if not c.duplicate
                     and event[claims[c.a].article_id] == event[claims[c.b].article_id])
    report = json.loads(args.report.read_text())
    reported = {p.get("id") or f"{p['a']['id']}|{p['b']['id']}": p for p in report["pairs"]}
    rows, found, shown = [], 0, Counter()
    for lab in labels:
        a, b = sorted((lab["a"], lab["b"]))
        missing = [x for x in (a, b) if x not in claims]
        is_cand = (a, b) in keys
        p = reported.get(f"{a}|{b}")
        kind = (p.get("kind") or p["label"]) if p else ""
        disagrees = bool(p) and kind in ("numeric", "update", "factual", "framing")
        found += is_cand
        if disagrees:
            shown[kind] += 1
        rows.append({"labelled": lab["kind"], "phrases": lab["phrases"], "candidate": is_cand,
                     "reported_as": kind if disagrees else ("" if not p else f"({kind})"),
                     "score": p["score"] if p else None, "missing_claims": missing})
    stories = report.get("stories", [])
    pure = sum(1 for s in stories if len({event[a] for a in s["articles"]}) == 1)
    print(json.dumps({
        "labelled": len(labels), "candidates": found, "reported": sum(shown.values()), "reported_by_kind": dict(shown),
        "index_candidates": len(keys), "candidates_within_one_event": same_event,
        "report_kinds": report["summary"].get("kinds", {}), "report_contradictions": report["summary"]["contradictions"],
        "stories_of_2_plus": len(stories), "pure_stories": pure, "pairs": rows}, indent=1))


if __name__ == "__main__":
    main()
