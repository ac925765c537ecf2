"""Facts at scale (issue 37): align every story of an index into facts and time it, on the stored claims and vectors.

    python benchmarks/facts_scale.py INDEX_DIR [--stories-only]

Prints the stories aligned, the facts, their cross-article pairs, how many of those the index's candidates
already hold (chosen by the story budgets or the pair budget), and the seconds the alignment took, beside the
index's own candidate stage (from its last batch report, when there is one, else give --pairs-seconds).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from contradict.stages.facts import FactParams, fact_pairs, story_facts  # noqa: E402
from contradict.storage.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index", type=Path)
    ap.add_argument("--pairs-seconds", type=float, default=None, help="the index run's candidate stage, to compare")
    a = ap.parse_args()
    store = Store(a.index / "contradict.sqlite", create=False)
    t0 = time.perf_counter()
    claims = {c.id: c for c in store.claims()}
    th = dict(store.db.execute("SELECT id, text_hash FROM claims").fetchall())
    by_hash = {h: np.frombuffer(v, dtype=np.float32) for h, v in store.db.execute("SELECT text_hash, vec FROM vectors")}
    vectors = {cid: by_hash[th[cid]] for cid in claims if th.get(cid) in by_hash}
    stories = store.stories()
    story_of = {x: s.id for s in stories if len(s.articles) > 1 for x in s.articles}
    cands = {(r[0], r[1]) for r in store.db.execute("SELECT a, b FROM candidates")}
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    facts = story_facts(claims, vectors, story_of, params=FactParams())
    pairs = fact_pairs(facts, claims)
    align = time.perf_counter() - t0
    sizes = Counter(len(f.claims) for f in facts)
    print(json.dumps({"claims": len(claims), "stories_multi": len({s for s in story_of.values()}),
                      "facts": len(facts), "fact_sizes": dict(sorted(sizes.items())[:12]), "fact_pairs": len(pairs),
                      "fact_pairs_already_candidates": sum(1 for p in pairs if p in cands),
                      "candidates": len(cands), "seconds_load": round(load, 1), "seconds_align": round(align, 1),
                      "pairs_stage_seconds": a.pairs_seconds,
                      "ratio": round(align / a.pairs_seconds, 3) if a.pairs_seconds else None}, indent=1))
    store.close()


if __name__ == "__main__":
    main()
