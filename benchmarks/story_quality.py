"""Story grouping against the event labels a corpus carries (never used as input).

    python benchmarks/story_quality.py ../shared/data/news/pac_story_pairs.jsonl --grid   # tune
    python benchmarks/story_quality.py ../shared/data/news/basil_triplets.jsonl           # held out

Prints the adjusted Rand index, pairwise precision/recall, the number of stories and of stories that
merge two events dated more than a week apart. Embeddings come from the packaged MiniLM (the product's
encoder), over :func:`contradict.stages.stories.story_text`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from itertools import combinations
from math import comb

from contradict.backends.embed import SentenceTransformerEncoder
from contradict.inputs import ingest
from contradict.stages import stories


def ari(truth: list[str], pred: list[str]) -> float:
    n = len(truth)
    table = Counter(zip(truth, pred))
    a, b = Counter(truth), Counter(pred)
    index = sum(comb(v, 2) for v in table.values())
    sa, sb = sum(comb(v, 2) for v in a.values()), sum(comb(v, 2) for v in b.values())
    expected = sa * sb / comb(n, 2)
    top = (sa + sb) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def pairwise(truth: list[str], pred: list[str]) -> tuple[float, float]:
    same_t = {(i, j) for i, j in combinations(range(len(truth)), 2) if truth[i] == truth[j]}
    same_p = {(i, j) for i, j in combinations(range(len(pred)), 2) if pred[i] == pred[j]}
    both = len(same_t & same_p)
    return (both / len(same_p) if same_p else 1.0), (both / len(same_t) if same_t else 1.0)


def evaluate(arts, vecs, params) -> dict:
    found = stories.build(arts, vecs, {}, params, warn_for=set())
    of = stories.story_of(found)
    event = {a.id: dict(a.meta).get("event", a.id) for a in arts}
    ids = [a.id for a in arts]
    truth = [json.loads(event[i]) if event[i].startswith('"') else event[i] for i in ids]
    pred = [of[i] for i in ids]
    p, r = pairwise(truth, pred)
    dates = {a.id: a.day for a in arts}
    wide = 0
    for s in found:
        evs = {}
        for a in s.articles:
            evs.setdefault(event[a], []).append(dates[a])
        if len(evs) > 1:
            firsts = [min(d for d in ds if d) for ds in evs.values() if any(ds)]
            if firsts and (max(firsts) - min(firsts)) > dt.timedelta(days=7):
                wide += 1
    return {"ari": round(ari(truth, pred), 4), "precision": round(p, 4), "recall": round(r, 4),
            "stories": len(found), "events": len(set(truth)), "merged_events_over_a_week": wide}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--grid", action="store_true", help="try thresholds and name weights (tuning)")
    args = ap.parse_args()
    arts, _ = ingest.load([args.corpus], 50_000_000, 200_000)
    arts = sorted(arts, key=lambda a: a.id)
    t = time.perf_counter()
    vecs = SentenceTransformerEncoder().encode([stories.story_text(a) for a in arts])
    print(f"{len(arts)} articles embedded in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    if args.grid:
        for th in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65):
            for w in (0.0, 0.06, 0.1):
                r = evaluate(arts, vecs, stories.StoryParams(threshold=th, name_weight=w))
                print(json.dumps({"threshold": th, "name_weight": w, **r}))
    else:
        t = time.perf_counter()
        r = evaluate(arts, vecs, stories.StoryParams())
        print(json.dumps({**r, "group_seconds": round(time.perf_counter() - t, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
