"""Draw the articles of benchmarks/speaker_dev4_labels.json from abp_5k (issue 40, third round): by article.

    python benchmarks/speaker_dev4_sample.py [N_ARTICLES] [MAX_CLAIMS] > /tmp/dev4_articles.txt

Takes random abp_5k articles (random.Random(77)) with at least 6 claims, leaving out the articles on lines
4201-4500 of the jsonl (kept for a later check), and prints every sentence of each in reading order, paragraph
by paragraph, with its claims (the first MAX_CLAIMS, in order) marked by id. No speaker of the tool is printed:
the labels are written from the article text alone.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from contradict.inputs import ingest
from contradict.stages import claims

CORPUS = Path(__file__).parent.parent.parent / "shared" / "data" / "news" / "abp_5k.jsonl"
MIN_CLAIMS = 6
SKIP_LINES = range(4201, 4501)  # 1-based line numbers of the jsonl left out of the draw


def main() -> int:
    n_articles = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    max_claims = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    with CORPUS.open(encoding="utf-8") as f:
        skip_ids = {json.loads(line)["id"] for no, line in enumerate(f, 1) if no in SKIP_LINES}
    arts, _ = ingest.load([str(CORPUS)], 500_000_000, 200_000)
    rng = random.Random(77)
    arts = sorted((a for a in arts if a.id not in skip_ids), key=lambda a: a.id)
    rng.shuffle(arts)
    taken = 0
    for a in arts:
        cs = claims.extract(a)
        if len(cs) < MIN_CLAIMS:
            continue
        by_text = {c.text: c for c in cs[:max_claims]}
        print(f"=== {a.id} | {a.source} | {a.title} | {len(cs)} claims")
        para, after = None, 0
        for s in claims.sentences(a):
            if not by_text:  # two sentences after the last drawn claim, for a tag after a quote
                after += 1
                if after > 2:
                    break
            if s.paragraph != para:
                print()
                para = s.paragraph
            c = by_text.pop(s.text, None)
            print(f"  [{c.id}] {s.text}" if c is not None else f"      {s.text}")
        taken += 1
        if taken >= n_articles:
            break
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
