"""Draw the articles of benchmarks/speaker_dev5_labels.json from abp_5k (issue 40, fourth round): by article.

    python benchmarks/speaker_dev5_sample.py [N_ARTICLES] [MAX_CLAIMS] > /tmp/dev5_articles.txt

Takes random abp_5k articles (random.Random(555)) with 6..MAX_CLAIMS claims, leaving out every article of the
earlier dev sets (benchmarks/speaker_dev*_labels.json), and keeps those whose text favours the hard classes: at
least 8 quotation marks, a quotation that runs over a sentence end, and at least one pronoun tag ("he said",
"she told", "they say"). Each is printed sentence by sentence, paragraph by paragraph, with every claim marked by
id. The choice reads the text only; no speaker of the tool is printed.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speaker_dev2_sample import CORPUS, print_article  # noqa: E402

from contradict.inputs import ingest  # noqa: E402
from contradict.stages import claims  # noqa: E402

HERE = Path(__file__).parent
_PRONOUN_TAG = re.compile(r"\b(?:he|she|they)\s+(?:said|says|told|added|explained|wrote|argued|continued)\b", re.I)
_LONG_QUOTE = re.compile(r"[\"“][^\"“”\n]{0,400}[.?!]\s+[A-Z][^\"“”\n]{0,400}[\"”]")


def _favoured(text: str) -> bool:
    marks = sum(text.count(q) for q in ('"', "“", "”"))
    return marks >= 8 and bool(_LONG_QUOTE.search(text)) and len(_PRONOUN_TAG.findall(text)) >= 1


def main() -> int:
    n_articles = int(sys.argv[1]) if len(sys.argv) > 1 else 13
    max_claims = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    used = frozenset(lab["id"].split(":")[0] for f in sorted(HERE.glob("speaker_dev*_labels.json"))
                     for lab in json.loads(f.read_text())["claims"])
    with CORPUS.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    leave_out = frozenset(r["id"] for r in rows if r["id"] in used or not _favoured(r.get("text") or ""))
    arts, _ = ingest.load([str(CORPUS)], 500_000_000, 200_000)
    arts = sorted((a for a in arts if a.id not in leave_out), key=lambda a: a.id)
    random.Random(555).shuffle(arts)
    taken = 0
    for a in arts:
        cs = claims.extract(a)
        if not 6 <= len(cs) <= max_claims:
            continue
        print_article(a, {c.text: c for c in cs}, f"=== {a.id} | {a.source} | {a.title} | {len(cs)} claims")
        taken += 1
        if taken >= n_articles:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
