"""Clear news-style pairs written for this project, read by an NLI model as reports read them (both ways,
combined), to compare models (the SNLI-trained default read 3 of these 6; the shipped real-text default
reads 5: the reported denial reads neutral). tests/test_nli_news.py holds the shipped model to them, with
a plain denial beside the reported one (an expected failure there).

    python benchmarks/news_pairs.py [--nli-model default] [--nli-prefilter auto]
"""

import argparse
import json

from contradict.backends.nli import LABELS, combine, scorer_for
from contradict.settings import Settings

PAIRS = [  # (what, premise, hypothesis, expected label)
    ("a changed figure", "The fire at the textile factory killed 52 workers, the fire brigade said on Monday.",
     "The fire at the textile factory killed 67 workers, the fire brigade said on Monday.", "contradiction"),
    ("a changed day", "The House of Representatives passed the motto resolution on Tuesday by a wide margin.",
     "The House of Representatives passed the motto resolution on Wednesday by a wide margin.", "contradiction"),
    ("a denial", "The interior minister resigned on Friday after the wiretapping scandal.",
     "The interior minister denied on Friday that he had resigned and said he would stay in office.",
     "contradiction"),
    ("an alliance against an enmity", "Iran and the United States are working together as allies against the "
     "militants in Iraq.", "Iran and the United States are bitter enemies, each fighting the other's proxies in Iraq.",
     "contradiction"),
    ("a paraphrase", "The Merrow dam collapsed early on Tuesday, sending a wall of water into the valley.",
     "Early on Tuesday the Merrow dam gave way and the valley below was flooded.", "entailment"),
    ("unrelated news", "The city council approved next year's school budget after a long debate.",
     "A winter storm knocked out power to forty thousand homes along the coast.", "neutral"),
]

ap = argparse.ArgumentParser()
ap.add_argument("--nli-model", default="default")
ap.add_argument("--nli-prefilter", default="auto")
a = ap.parse_args()
scorer = scorer_for(Settings(nli_model=a.nli_model, nli_prefilter=a.nli_prefilter))
C, E = LABELS.index("contradiction"), LABELS.index("entailment")
rows = []
for what, p, h, want in PAIRS:
    ab, ba = scorer.score([(p, h), (h, p)])
    label, _ = combine(ab, ba)
    rows.append({"what": what, "expected": want, "label": label, "p_contradiction": [round(float(ab[C]), 3),
                 round(float(ba[C]), 3)], "p_entailment": [round(float(ab[E]), 3), round(float(ba[E]), 3)]})
print(json.dumps({"model": scorer.name, "right": sum(r["label"] == r["expected"] for r in rows), "of": len(rows),
                  "pairs": rows}, indent=2))
