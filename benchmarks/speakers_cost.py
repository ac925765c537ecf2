"""What speakers from the parse cost, and that they change no claim (issue 40).

    python benchmarks/speakers_cost.py [N_ARTICLES]

Times claim extraction with the rule speakers (main's way) and with the parse speakers on the first N articles
of abp_5k (default 1,000; the spaCy load is timed apart, as the frames stage loads it anyway), and checks on
those articles and on the seeds that both ways give the same claims: ids, spans, texts, kinds, positions.
Prints JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from contradict.inputs import ingest
from contradict.stages import claims
from contradict.stages.frames import DEFAULT_SPACY_MODEL, load_spacy

SHARED = Path(__file__).parent.parent.parent / "shared"


def _shape(cs) -> list[tuple]:
    return [(c.id, c.start, c.end, c.text, c.kind, c.position) for c in cs]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    arts, _ = ingest.load([str(SHARED / "data" / "news" / "abp_5k.jsonl")], 500_000_000, 200_000)
    arts = arts[:n]
    seeds, _ = ingest.load([str(SHARED / "seeds")], 500_000_000, 200_000)
    t = time.perf_counter()
    nlp = load_spacy(DEFAULT_SPACY_MODEL)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    rules = [claims.extract(a) for a in arts]
    rules_s = time.perf_counter() - t
    t = time.perf_counter()
    parsed = [claims.extract(a, nlp=nlp) for a in arts]
    parse_s = time.perf_counter() - t
    same = sum(_shape(a) == _shape(b) for a, b in zip(rules, parsed))
    n_claims = sum(len(cs) for cs in rules)
    changed = sum(x.speaker != y.speaker for a, b in zip(rules, parsed) for x, y in zip(a, b))
    seeds_same = all(_shape(claims.extract(a)) == _shape(claims.extract(a, nlp=nlp)) for a in seeds)
    print(json.dumps({
        "articles": len(arts), "claims": n_claims, "spacy_load_s": round(load_s, 2),
        "claims_rules_s": round(rules_s, 2), "claims_parse_s": round(parse_s, 2),
        "ratio": round(parse_s / rules_s, 2), "articles_same_claims": same,
        "claims_with_another_speaker": changed, "seeds": len(seeds), "seeds_same_claims": seeds_same,
    }, indent=1))
    return 0 if same == len(arts) and seeds_same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
