"""Draw the articles of benchmarks/speaker_dev2_labels.json from abp_5k (issue 40, second round): by article.

    python benchmarks/speaker_dev2_sample.py [N_ARTICLES] [MAX_CLAIMS] [SKIP] > /tmp/dev2_articles.txt

Takes random abp_5k articles (random.Random(4002)) with at least 6 claims and prints every sentence of each in
reading order, paragraph by paragraph, the claims marked with their ids (their first MAX_CLAIMS only; the first
SKIP articles of the draw left out, for a later batch), so a
reader labels who speaks in each claim from the article alone. No speaker of the tool is printed: the draw
and the labels do not depend on its output (the first dev set was drawn by main's rule cues and was too easy).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from contradict.inputs import ingest
from contradict.stages import claims

CORPUS = Path(__file__).parent.parent.parent / "shared" / "data" / "news" / "abp_5k.jsonl"
MIN_CLAIMS = 6


def print_article(a, marked: dict, header: str) -> None:
    """Every sentence of article ``a`` in reading order, paragraph by paragraph, the claims of ``marked`` (text ->
    claim) marked with their ids, after the ``header`` line; no speaker of the tool is printed."""
    print(header)
    para = None
    for s in claims.sentences(a):
        if s.paragraph != para:
            print()
            para = s.paragraph
        c = marked.pop(s.text, None)
        print(f"  [{c.id}] {s.text}" if c is not None else f"      {s.text}")
    print()


def draw(seed: int, n_articles: int, max_claims: int, skip: int = 0, leave_out: frozenset[str] = frozenset(),
         with_source: bool = False) -> None:
    """Print ``n_articles`` random abp_5k articles (``random.Random(seed)``) with at least MIN_CLAIMS claims, their
    first ``max_claims`` claims marked by id; the first ``skip`` of the draw and the ids ``leave_out`` left out.
    The draws of dev2 (seed 4002) and dev4 (seed 77, benchmarks/speaker_dev4_sample.py) are both this one."""
    arts, _ = ingest.load([str(CORPUS)], 500_000_000, 200_000)
    rng = random.Random(seed)
    arts = sorted((a for a in arts if a.id not in leave_out), key=lambda a: a.id)
    rng.shuffle(arts)
    taken = 0
    for a in arts:
        cs = claims.extract(a)
        if len(cs) < MIN_CLAIMS:
            continue
        if skip:
            skip -= 1
            continue
        by_text = {c.text: c for c in cs[:max_claims]}
        print(f"=== {a.id} | {a.source} | {a.title} | {len(cs)} claims" if with_source
              else f"=== {a.id} | {a.title} | {len(cs)} claims")
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


def main() -> int:
    n_articles = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    max_claims = int(sys.argv[2]) if len(sys.argv) > 2 else 14
    skip = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    draw(4002, n_articles, max_claims, skip)
    return 0


if __name__ == "__main__":
    sys.exit(main())
