"""Speaker attribution accuracy on the claims labelled in benchmarks/speaker_labels.json (issue 22).

    python benchmarks/speakers.py

Re-extracts the claims of each labelled claim's article with the current rules (from the corpora in
../shared) and compares its speaker with the label: "article" for the article's own claim, else a word
that must appear in the speaker (case-insensitive; alternatives joined by |).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from contradict import claims, ingest

HERE = Path(__file__).parent
CORPORA = [HERE.parent.parent / "shared" / "data" / "news" / f for f in
           ("basil_triplets.jsonl", "abp_lcr_triplets_sample.jsonl")]


def main() -> int:
    labels = json.loads((HERE / "speaker_labels.json").read_text())["claims"]
    want = {lab["id"].split(":")[0] for lab in labels}
    arts, _ = ingest.load([str(p) for p in CORPORA], 500_000_000, 200_000)
    found = {}
    for a in arts:
        if a.id in want:
            for c in claims.extract(a):
                found[c.id] = c.speaker or "article"
    right, missing, wrong = 0, 0, []
    for lab in labels:
        got = found.get(lab["id"])
        if got is None:
            missing += 1
            continue
        options = lab["speaker"].split("|")
        ok = any(o == "article" and got == "article" or o != "article" and o.lower() in got.lower() for o in options)
        right += ok
        if not ok:
            wrong.append({"id": lab["id"], "want": lab["speaker"], "got": got, "claim": lab["phrase"]})
    n = len(labels) - missing
    print(json.dumps({"labelled": len(labels), "found": n, "right": right, "accuracy": round(right / n, 3),
                      "claims_no_longer_found": missing, "wrong": wrong}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
