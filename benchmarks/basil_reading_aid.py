"""A reading aid for labelling cross-outlet disagreements in BASIL (issue 21): for a seeded sample of
events, print claim pairs of two outlets that a reader should look at, from an index of the corpus.

    python benchmarks/basil_reading_aid.py --index-dir /tmp/basil --events 30 --seed 7 > /tmp/aid.txt

Shown: every cross-outlet pair of one event with cosine >= 0.6 that shares a number, day or capitalised
word and where each claim has one of the same sort that the other lacks (a number for a number, a name
for a name). It is broader than the product's rule (no counted
thing is matched, lower similarity, names too), and it only chooses what a person reads: the labels in
benchmarks/basil_disagreements.json are the reader's.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

from contradict.storage.store import Store

_MARK = re.compile(r"\b(?:\d[\d,.]*|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
                   r"april|may|june|july|august|september|october|november|december|[A-Z][a-z]+)\b")


def marks(text: str) -> set[str]:
    return {m.group(0).lower() for m in _MARK.finditer(text)}


def kind(mark: str) -> str:
    return "number" if mark[0].isdigit() else "day" if mark in _DAYS else "name"


_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
         "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}


def swapped(ma: set[str], mb: set[str]) -> bool:
    """Each side has a mark of one kind that the other lacks, and the other has one of that kind too."""
    only_a, only_b = {kind(m) for m in ma - mb}, {kind(m) for m in mb - ma}
    return bool(only_a & only_b)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--events", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-similarity", type=float, default=0.6)
    args = ap.parse_args()
    store = Store(args.index_dir / "contradict.sqlite", create=False)
    arts = {a.id: a for a in store.articles()}
    events = defaultdict(list)
    for a in arts.values():
        events[json.loads(dict(a.meta)["event"])].append(a.id)
    chosen = random.Random(args.seed).sample(sorted(events), min(args.events, len(events)))
    claims = defaultdict(list)
    for c in store.claims():
        claims[c.article_id].append(c)
    for ev in chosen:
        ids = sorted(events[ev])
        print(f"\n=== event {ev}: " + " | ".join(f"{arts[i].source} {arts[i].date} {arts[i].title[:50]}" for i in ids))
        cs = [c for i in ids for c in claims[i]]
        vecs = store.cached_vectors("all-MiniLM-L6-v2", [c.text for c in cs])
        for x in range(len(cs)):
            for y in range(x + 1, len(cs)):
                a, b = cs[x], cs[y]
                if a.article_id == b.article_id:
                    continue
                sim = float(np.dot(vecs[a.text], vecs[b.text]))
                ma, mb = marks(a.text), marks(b.text)
                if sim < args.min_similarity or not swapped(ma, mb) or not (ma & mb):
                    continue
                print(f"- {sim:.2f} [{a.id}] {arts[a.article_id].source}: {a.text}\n"
                      f"       [{b.id}] {arts[b.article_id].source}: {b.text}")


if __name__ == "__main__":
    main()
