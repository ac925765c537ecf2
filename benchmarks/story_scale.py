"""The story stage at the nightly batch's scale (issue 21): 5,000 articles, then 100 more.

    python benchmarks/story_scale.py ../shared/data/news/abp_5k.jsonl --first 5000 --more 100

Embeds the articles' title and lead with the packaged MiniLM, groups them (:func:`contradict.stages.stories.build`),
then adds the next articles of the file and groups again with the first run's ids, as the nightly batch
does. Prints seconds (embedding and grouping apart), peak resident memory, the number of stories and
their size distribution, and the second run's story delta (new stories, stories that gained articles).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

from contradict.backends.embed import SentenceTransformerEncoder
from contradict.inputs import ingest
from contradict.stages import stories


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--first", type=int, default=5000)
    ap.add_argument("--more", type=int, default=100)
    args = ap.parse_args()
    arts, _ = ingest.load([args.corpus], 500_000_000, 200_000)
    arts = sorted(arts, key=lambda a: a.id)  # a fixed order: the first N, then the next ones
    first, more = arts[:args.first], arts[args.first:args.first + args.more]
    enc = SentenceTransformerEncoder()
    t = time.perf_counter()
    vecs = enc.encode([stories.story_text(a) for a in first + more])
    embed_s = time.perf_counter() - t
    t = time.perf_counter()
    one = stories.build(first, vecs[:len(first)], {}, warn_for=set())
    group_s = time.perf_counter() - t
    t = time.perf_counter()
    two = stories.build(first + more, vecs, stories.story_of(one), warn_for=set())
    group2_s = time.perf_counter() - t
    before = {s.id: set(s.articles) for s in one}
    new = [s for s in two if s.id not in before and len(s.articles) > 1]
    grew = [s for s in two if s.id in before and len(s.articles) > len(before[s.id])]
    print(json.dumps({
        "articles": len(first), "more": len(more), "embed_seconds": round(embed_s, 1),
        "group_seconds_first": round(group_s, 2), "group_seconds_second": round(group2_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "stories": stories.summary(one), "sizes": stories.by_size(one),
        "second_run": {"stories": stories.summary(two), "new_stories_of_2_plus": len(new),
                       "stories_that_grew": len(grew), "new_singletons": sum(
                           1 for s in two if s.id not in before and len(s.articles) == 1)},
        "examples_of_large_stories": [{"label": s.label, "articles": len(s.articles), "first": s.first,
                                       "last": s.last} for s in sorted(one, key=lambda s: -len(s.articles))[:5]],
    }, indent=1))


if __name__ == "__main__":
    sys.exit(main())
