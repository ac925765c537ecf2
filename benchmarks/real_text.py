"""The real-text measures of an NLI model (the model cards' "Real text" table), as one JSON object.

    python benchmarks/real_text.py [--nli-model default] [--nli-prefilter auto] [--only vitaminc,cad,...]
    python benchmarks/real_text.py --only cascade --strong DIR --fast DIR[,DIR] [--threshold 0.01,0.005]  # what prefilters lose

Measures (the model as reports run it: ``--nli-model`` behind ``--nli-prefilter``, as the CLI reads them):
  vitaminc     accuracy on VitaminC dev (1,710 pairs)
  cad          accuracy on CAD-SNLI dev (1,000)
  perspectrum  PERSPECTRUM dev (2,071, entailment/contradiction only) read two ways: the larger of
               P(contradiction) and P(entailment)
  seeds        the 12 hand-labelled seed contradictions (benchmarks/seeds_contradictions.json): how many
               read contradiction in at least one direction at P >= 0.5
  cascade      same-event claim pairs of BASIL (two outlets, one event, cosine >= 0.45, a seeded sample):
               of the pairs the strong model alone labels contradiction (both directions, as reports
               combine them), the share each fast model passes to it (P(contradiction) >= each threshold either way)
Dev sets only: nothing here was trained on.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

from contradict.backends.nli import LABELS, combine, load_scorer, scorer_for
from contradict.errors import ContradictError
from contradict.lab.evaluate import evaluate, read_pairs
from contradict.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXTRA = SHARED / "data" / "nli" / "extra"
MEASURES = ("vitaminc", "cad", "perspectrum", "seeds", "cascade")

ap = argparse.ArgumentParser()
ap.add_argument("--nli-model", default="default")
ap.add_argument("--nli-prefilter", default="auto")
ap.add_argument("--activations", default="tensor", help="the int8 models' activations: tensor, token, static or hybrid")
ap.add_argument("--only", default="vitaminc,cad,perspectrum,seeds")
ap.add_argument("--strong", default="contradict-nli-mpnet", help="cascade: the model that rereads")
ap.add_argument("--fast", default="contradict-nli-minilm", help="cascade: the prefilter(s), comma-separated")
ap.add_argument("--threshold", default="0.01", help="cascade: the prefilter's P(contradiction), comma-separated")
ap.add_argument("--pairs", type=int, default=3000, help="cascade: same-event pairs sampled")
a = ap.parse_args()
only = [m for m in a.only.split(",") if m]
if bad := sorted(set(only) - set(MEASURES)):
    sys.exit(f"unknown measure(s): {', '.join(bad)}")
if not SHARED.exists():
    sys.exit(f"{SHARED} not found: the measures read its data")
C, E = LABELS.index("contradiction"), LABELS.index("entailment")
try:
    scorer = scorer_for(Settings(nli_model=a.nli_model, nli_prefilter=a.nli_prefilter,
                                 nli_activations=a.activations)) if set(only) - {"cascade"} else None
except ContradictError as exc:
    sys.exit(f"error: {exc}")
out: dict = {"model": scorer.name if scorer else None}


def timed(name, fn):
    t = time.perf_counter()
    out[name] = fn()
    print(f"{name}: {out[name] if not isinstance(out[name], dict) else ''} ({time.perf_counter() - t:.0f} s)",
          file=sys.stderr)


def accuracy(file):
    return round(evaluate(scorer, read_pairs(file))["accuracy"], 4)


def perspectrum():
    rows = read_pairs(EXTRA / "perspectrum_dev.jsonl")
    probs = scorer.score([(p, h) for p, h, _ in rows])
    pred = ["contradiction" if r[C] > r[E] else "entailment" for r in probs]
    return round(sum(p == g for p, (*_, g) in zip(pred, rows)) / len(rows), 4)


def seeds():
    from contradict.inputs.ingest import load
    from contradict.stages.claims import extract

    labels = json.loads((ROOT / "benchmarks" / "seeds_contradictions.json").read_text())["contradictions"]
    arts, _ = load([SHARED / "seeds"])
    claims = {c.id: c for art in arts for c in extract(art)}
    rows = []
    for x in labels:
        if x["a"] not in claims or x["b"] not in claims:
            rows.append({"why": x["why"], "missing": True})
            continue
        ta, tb = claims[x["a"]].scored_text, claims[x["b"]].scored_text
        ab, ba = scorer.score([(ta, tb), (tb, ta)])
        rows.append({"why": x["why"], "p_contradiction": [round(float(ab[C]), 3), round(float(ba[C]), 3)],
                     "label": combine(ab, ba)[0]})
    hit = sum(1 for r in rows if max(r.get("p_contradiction", [0])) >= 0.5)
    return {"labelled": len(rows), "read_contradiction_one_way_p05": hit,
            "labelled_as_contradiction_both_ways": sum(1 for r in rows if r.get("label") == "contradiction"),
            "pairs": rows}


def cascade():
    from contradict.backends.embed import SentenceTransformerEncoder
    from contradict.inputs.ingest import load
    from contradict.stages.claims import extract

    path = SHARED / "data" / "news" / "basil_triplets.jsonl"
    events = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        events[r["id"]] = r["event"]
    arts, _ = load([path])
    claims = [c for art in arts for c in extract(art) if c.kind == "sentence"]
    vec = SentenceTransformerEncoder().encode([c.text for c in claims])
    by_event: dict[str, list[int]] = {}
    for k, c in enumerate(claims):
        by_event.setdefault(events[c.article_id], []).append(k)
    pairs = []
    for ev in sorted(by_event):
        ks = by_event[ev]
        sims = vec[ks] @ vec[ks].T
        for i in range(len(ks)):
            for j in range(i + 1, len(ks)):
                if claims[ks[i]].article_id != claims[ks[j]].article_id and sims[i, j] >= 0.45:
                    pairs.append((ks[i], ks[j]))
    rng = random.Random(13)
    sample = sorted(rng.sample(pairs, min(a.pairs, len(pairs))))
    texts = [(claims[i].scored_text, claims[j].scored_text) for i, j in sample]
    directional = [t for ab in texts for t in (ab, ab[::-1])]
    strong = load_scorer(a.strong)
    ps = strong.score(directional)
    strong_contra = [k for k in range(len(texts)) if combine(ps[2 * k], ps[2 * k + 1])[0] == "contradiction"]
    result = {"strong": strong.name, "same_event_pairs": len(pairs), "sampled": len(texts),
              "strong_contradictions": len(strong_contra), "prefilters": []}
    for fast_name in a.fast.split(","):
        fast = load_scorer(fast_name)
        pf = fast.score(directional)
        most = [max(pf[2 * k][C], pf[2 * k + 1][C]) for k in range(len(texts))]
        for threshold in (float(t) for t in str(a.threshold).split(",")):
            passed = [k for k in strong_contra if most[k] >= threshold]
            result["prefilters"].append({
                "fast": fast.name, "threshold": threshold, "passed_by_prefilter": len(passed),
                "recall": round(len(passed) / len(strong_contra), 4) if strong_contra else None,
                "share_of_pairs_passed": round(sum(m >= threshold for m in most) / len(texts), 4)})
    return result


for m in only:
    if m == "vitaminc":
        timed("vitaminc_dev_accuracy", lambda: accuracy(EXTRA / "vitaminc_dev.jsonl"))
    elif m == "cad":
        timed("cad_snli_dev_accuracy", lambda: accuracy(EXTRA / "cad_snli_dev.jsonl"))
    elif m == "perspectrum":
        timed("perspectrum_dev_two_way_accuracy", perspectrum)
    elif m == "seeds":
        timed("seeds", seeds)
    elif m == "cascade":
        timed("cascade", cascade)
print(json.dumps(out, indent=2))
