"""Draw the articles of benchmarks/speaker_heldout4_labels.json (issue 40, fifth round's held-out set): by article.

    python benchmarks/speaker_heldout4_sample.py CORPUS N_ARTICLES [MAX_CLAIMS] [SEED] > /tmp/h4_CORPUS.txt

(heldout4: SEED 2040, the default; heldout5: 2041, drawn after heldout4 was labelled, so its articles are new too.)

CORPUS is basil, abp_5k, pac or seeds. Takes random articles of it (random.Random(2040)) with at least 6 claims,
leaving out every article of an earlier speaker set (benchmarks/speaker_*_labels.json), and prints every sentence
of each in reading order, paragraph by paragraph, its first MAX_CLAIMS claims marked by id (seeds: only claims
no earlier set labelled). No speaker of the tool is printed: the draw and the labels do not depend on its output.
Drawn before the fifth round of rules was written (session 20) and labelled blind by readers who never saw the
tool's speakers, while the rules were written by one who never saw these labels; scored only after they froze.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speaker_dev2_sample import print_article  # noqa: E402

from contradict.inputs import ingest  # noqa: E402
from contradict.stages import claims  # noqa: E402

HERE = Path(__file__).parent
NEWS = HERE.parent.parent / "shared"
CORPORA = {"basil": NEWS / "data" / "news" / "basil_triplets.jsonl", "abp_5k": NEWS / "data" / "news" / "abp_5k.jsonl",
           "pac": NEWS / "data" / "news" / "pac_story_pairs.jsonl", "seeds": NEWS / "seeds"}
MIN_CLAIMS = 6


def main(argv: list[str]) -> int:
    corpus, n_articles = argv[0], int(argv[1])
    max_claims = int(argv[2]) if len(argv) > 2 else 18
    seed = int(argv[3]) if len(argv) > 3 else 2040
    labelled = [lab["id"] for f in sorted(HERE.glob("speaker_*_labels.json")) for lab in json.loads(f.read_text())["claims"]]
    used_claims = frozenset(labelled)
    used_articles = frozenset(i.split(":")[0] for i in labelled)
    arts, _ = ingest.load([str(CORPORA[corpus].resolve())], 500_000_000, 200_000)
    if corpus != "seeds":
        arts = [a for a in arts if a.id not in used_articles]
    arts = sorted(arts, key=lambda a: a.id)
    random.Random(seed).shuffle(arts)
    taken = 0
    for a in arts:
        cs = [c for c in claims.extract(a) if c.id not in used_claims]
        if len(cs) < MIN_CLAIMS:
            continue
        marked = {c.text: c for c in cs[:max_claims]}
        print_article(a, marked, f"=== {a.id} | {a.source} | {a.title} | {len(marked)} claims marked")
        taken += 1
        if taken >= n_articles:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
