"""Draw the claims of benchmarks/speaker_dev_labels.json from abp_5k (issue 40): who speaks, read by a person.

    python benchmarks/speaker_dev_sample.py [N_ARTICLES]

Extracts the claims of a seeded sample of abp_5k articles with the rule speakers (no parse) and draws, with
random.Random(40), claims of four kinds so each is represented: a quote mark in the claim, "according to",
a pronoun before or after a reporting verb ("he said", "said she"), and any other claim (mostly the article's
own voice). Prints each with the three sentences before it and two after, for labelling by reading.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from contradict.inputs import ingest
from contradict.stages import claims

CORPUS = Path(__file__).parent.parent.parent / "shared" / "data" / "news" / "abp_5k.jsonl"
QUOTAS = {"quote": 40, "according": 35, "pronoun": 35, "other": 45}
_PRONOUN = re.compile(r"\b(he|she|they|we|it)\s+(said|says|told|added|argued|claimed|wrote|noted|warned)\b"
                      r"|\b(said|says|added|told)\s+(he|she|they)\b", re.I)


def kind_of(text: str) -> str:
    if re.search(r"according to", text, re.I):
        return "according"
    if _PRONOUN.search(text):
        return "pronoun"
    if re.search("[\"“”]", text):
        return "quote"
    return "other"


def main() -> int:
    n_articles = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    arts, _ = ingest.load([str(CORPUS)], 500_000_000, 200_000)
    rng = random.Random(40)
    arts = sorted(arts, key=lambda a: a.id)
    sample = rng.sample(arts, n_articles)
    pools: dict[str, list] = {k: [] for k in QUOTAS}
    for a in sample:
        sents = claims.sentences(a)
        texts = [s.text for s in sents]
        for c in claims.extract(a):
            k = texts.index(c.text) if c.text in texts else -1
            pools[kind_of(c.text)].append((c, texts[max(0, k - 3):k], texts[k + 1:k + 3]))
    out = []
    for kind, n in QUOTAS.items():
        picked = rng.sample(pools[kind], min(n, len(pools[kind])))
        for c, before, after in picked:
            out.append({"id": c.id, "kind": kind, "rules": c.speaker or "article", "before": before,
                        "text": c.text, "after": after})
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
