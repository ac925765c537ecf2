"""Draw the articles of benchmarks/speaker_dev4_labels.json from abp_5k (issue 40, third round): by article.

    python benchmarks/speaker_dev4_sample.py [N_ARTICLES] [MAX_CLAIMS] > /tmp/dev4_articles.txt

Takes random abp_5k articles (random.Random(77)) with at least 6 claims, leaving out the articles on lines
4201-4500 of the jsonl (kept for a later check), and prints every sentence of each in reading order, paragraph
by paragraph, with its claims (the first MAX_CLAIMS, in order) marked by id. No speaker of the tool is printed:
the labels are written from the article text alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speaker_dev2_sample import CORPUS, draw  # noqa: E402  (the same draw, another seed)

SKIP_LINES = range(4201, 4501)  # 1-based line numbers of the jsonl left out of the draw


def main() -> int:
    n_articles = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    max_claims = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    with CORPUS.open(encoding="utf-8") as f:
        skip_ids = frozenset(json.loads(line)["id"] for no, line in enumerate(f, 1) if no in SKIP_LINES)
    draw(77, n_articles, max_claims, leave_out=skip_ids, with_source=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
