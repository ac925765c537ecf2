"""Fit the finding verifier on the labelled abp_5k pairs (issue 36), choose it on dev, read test once.

    python benchmarks/verifier_fit.py features /tmp/abp5k /tmp/verifier_rows.jsonl   # NLI both ways + features
    python benchmarks/verifier_fit.py fit /tmp/verifier_rows.jsonl [--write]          # train, choose on dev
    python benchmarks/verifier_fit.py fit /tmp/verifier_rows.jsonl --test             # the test split, once

``features`` rebuilds every labelled pair as a report meets it: the claims from the index of
``../shared/data/news/abp_5k.jsonl`` (``news_pairs_sample.py`` says how it was built), the shipped NLI cascade
both ways (cached scores of the index where it holds them), the pair's story and fact (:mod:`contradict.stages.facts`
on the index's stories), then :func:`contradict.stages.aggregate.classify` and :func:`contradict.stages.verifier.features`.
``fit`` trains a logistic regression on the train split for each C of a small grid, keeps the C with the best dev
log loss, and chooses the threshold on dev: the lowest probability at which dev precision reaches ``--precision``
(0.80). ``--write`` puts it in ``contradict/models/verifier.json``. The NLI cascade alone (its label
"contradiction", and the report's rule of today: a disagreement kind at score >= 0.35) is measured beside it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import news_labels_stats  # noqa: E402

from contradict.backends.nli import combine, one_way_entailment, scorer_for  # noqa: E402
from contradict.settings import Settings  # noqa: E402
from contradict.stages import aggregate  # noqa: E402
from contradict.stages import facts as facts_mod  # noqa: E402
from contradict.stages.pairs import entities  # noqa: E402
from contradict.stages.verifier import FEATURES, Verifier, features  # noqa: E402
from contradict.storage.store import Store  # noqa: E402
from contradict.types import Reason, Route  # noqa: E402

GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)


def read_labels() -> tuple[dict, dict]:
    """The drawn pairs and their first readings, by pair id (``news_labels_stats``)."""
    return news_labels_stats.pairs(), news_labels_stats.labels("first")


def build_features(index: Path, out: Path) -> None:
    pairs, labels = read_labels()
    store = Store(index / "contradict.sqlite", create=False)
    claims = {c.id: c for c in store.claims()}
    arts = {a.id: a for a in store.articles()}
    dates = {a.id: a.day for a in arts.values()}
    stories = store.stories()
    story_of = {a: s.id for s in stories if len(s.articles) > 1 for a in s.articles}
    cands = {(c.a, c.b): c for c in store.candidates()}
    model = store.db.execute("SELECT value FROM meta WHERE key='nli_model'").fetchone()
    wanted = [k for k in sorted(labels) if k in pairs]
    need = {pairs[k]["a"] for k in wanted} | {pairs[k]["b"] for k in wanted}
    vec_rows = store.db.execute("SELECT model, text_hash, vec FROM vectors").fetchall()
    by_hash = {h: np.frombuffer(v, dtype=np.float32) for _, h, v in vec_rows}
    # the facts of the stories the labelled pairs come from
    touched = {story_of.get(claims[c].article_id) for c in need if c in claims} - {None}
    story_claims = {cid: c for cid, c in claims.items() if story_of.get(c.article_id) in touched}
    th = dict(store.db.execute("SELECT id, text_hash FROM claims").fetchall())
    vectors = {cid: by_hash[th[cid]] for cid in story_claims if th.get(cid) in by_hash}
    fact_pairs = facts_mod.fact_pairs(facts_mod.story_facts(story_claims, vectors, story_of, params=facts_mod.FactParams()),
                                      story_claims)
    scorer = scorer_for(Settings(index_dir=index))
    name = scorer.name
    texts = [(claims[pairs[k]["a"]].scored_text, claims[pairs[k]["b"]].scored_text) for k in wanted]
    both = [t for ab in texts for t in (ab, ab[::-1])]
    cached = store.cached_scores(name, both)
    todo = sorted(set(both) - set(cached))
    print(f"{len(wanted)} labelled pairs; NLI cached {len(set(both)) - len(todo)}, to score {len(todo)} "
          f"({name}; index scored with {model[0] if model else '?'})", file=sys.stderr)
    if todo:  # scored in parts, each kept in the index's cache (a rerun reads them back)
        for k in range(0, len(todo), 512):
            part = todo[k:k + 512]
            got = scorer.score(part)
            with store.transaction():
                store.put_scores(name, part, got)
            cached.update({t: tuple(float(x) for x in r) for t, r in zip(part, got)})
    with out.open("w", encoding="utf-8") as fh:
        for k, (ta, tb) in zip(wanted, texts):
            a, b = claims[pairs[k]["a"]], claims[pairs[k]["b"]]
            ab, ba = np.asarray(cached[(ta, tb)]), np.asarray(cached[(tb, ta)])
            label, probs = combine(ab, ba)
            key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            cand = cands.get(key)
            va, vb = by_hash.get(th.get(a.id)), by_hash.get(th.get(b.id))
            sim = float(va @ vb) if va is not None and vb is not None else 0.0
            if cand is not None:
                reasons, shared = list(cand.reasons), list(cand.shared)
            else:
                s = story_of.get(a.article_id)
                reasons = [Reason(Route.STORY, f"same story {s}")] if s and s == story_of.get(b.article_id) else []
                shared = sorted(entities(a.text) & entities(b.text), key=lambda e: (e.kind.value, e.value))
            if key in fact_pairs:
                reasons.append(Reason(Route.FACT, f"same fact: {fact_pairs[key]}"))
            p = aggregate.make_pair(a, b, label, probs, sim, reasons, shared, one_way_entailment(ab, ba))
            p = aggregate.classify(p, story_of, dates)
            row = {"pair": k, "split": pairs[k]["split"], "stratum": pairs[k]["stratum"],
                   "y": int(labels[k]["label"] == "contradiction"), "label": labels[k]["label"],
                   "trap": labels[k].get("trap"), "nli_label": label, "kind": p.kind.value if p.kind else "",
                   "score": p.score, "listed_today": int(aggregate.is_disagreement(p) and p.score >= 0.35),
                   "x": features(p, dates)}
            fh.write(json.dumps(row) + "\n")
    store.close()


def pr(y, hit) -> tuple[float, float, int]:
    hit = [bool(h) for h in hit]
    tp = sum(1 for a, b in zip(y, hit) if a and b)
    n_hit, n_pos = int(sum(hit)), int(sum(y))
    return (tp / n_hit if n_hit else float("nan")), (tp / n_pos if n_pos else float("nan")), n_hit


def choose_c(xtr, ytr, xdv, ydv, grid) -> tuple[float, Verifier, np.ndarray]:
    """The C of ``grid`` with the lowest dev log loss: (C, its verifier, its dev probabilities)."""
    best = None
    for c in grid:
        v = Verifier.fit(xtr, ytr, c=c)
        p = np.clip(v.probabilities(xdv), 1e-6, 1 - 1e-6)
        loss = -float(np.mean([math.log(q) if y else math.log(1 - q) for q, y in zip(p, ydv)]))
        print(f"C={c}: dev log loss {loss:.4f}", file=sys.stderr)
        if best is None or loss < best[0]:
            best = (loss, c, v, p)
    return best[1], best[2], best[3]


def choose_threshold(y, p, target: float, min_listed: int = 5, default: float = 0.5) -> float:
    """The lowest dev probability at which dev precision reaches ``target`` over at least ``min_listed`` pairs
    (the most recall); ``default`` when none does."""
    for t in sorted(set(np.round(p, 4))):
        prec, _, n = pr(y, [q >= t for q in p])
        if n >= min_listed and prec >= target:
            return float(t)
    return default


def fit(rows_path: Path, write: bool, test: bool, target: float) -> None:
    rows = [json.loads(x) for x in rows_path.read_text().splitlines()]
    split = defaultdict(list)
    for r in rows:
        split[r["split"]].append(r)
    tr, dev = split["train"], split["dev"]
    xtr, ytr = [r["x"] for r in tr], [r["y"] for r in tr]
    xdv, ydv = [r["x"] for r in dev], [r["y"] for r in dev]
    c, v, p = choose_c(xtr, ytr, xdv, ydv, GRID)
    threshold = choose_threshold(ydv, p, target)
    v = Verifier(v.features, v.coef, v.intercept, v.mean, v.scale, threshold, "news-labels-1",
                 f"logistic regression, C={c}, fit on {len(tr)} labelled abp_5k train pairs "
                 f"({sum(ytr)} contradictions); threshold {threshold} chosen on {len(dev)} dev pairs for precision "
                 f">= {target}")
    out = {"C": c, "threshold": threshold, "train": {"pairs": len(tr), "contradictions": sum(ytr)},
           "dev": {"pairs": len(dev), "contradictions": sum(ydv)}}
    for name, part in (("dev", dev),) + ((("test", split["test"]),) if test else ()):
        y = [r["y"] for r in part]
        q = v.probabilities([r["x"] for r in part])
        out[name] = {"pairs": len(part), "contradictions": sum(y)}
        for what, hit in (("verifier", [x >= threshold for x in q]),
                          ("nli_label_contradiction", [r["nli_label"] == "contradiction" for r in part]),
                          ("report_today (kind, score >= 0.35)", [bool(r["listed_today"]) for r in part])):
            prec, rec, n = pr(y, hit)
            out[name][what] = {"precision": round(prec, 3), "recall": round(rec, 3), "listed": n}
    out["weights"] = dict(sorted(zip(FEATURES, (round(x, 3) for x in v.coef)), key=lambda kv: -abs(kv[1])))
    print(json.dumps(out, indent=1))
    if write:
        (ROOT / "contradict" / "models" / "verifier.json").write_text(json.dumps(v.to_json(), indent=1) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("features")
    f.add_argument("index", type=Path)
    f.add_argument("out", type=Path)
    g = sub.add_parser("fit")
    g.add_argument("rows", type=Path)
    g.add_argument("--write", action="store_true")
    g.add_argument("--test", action="store_true", help="also read the test split (once, at the end)")
    g.add_argument("--precision", type=float, default=0.80)
    a = ap.parse_args()
    if a.cmd == "features":
        build_features(a.index, a.out)
    else:
        fit(a.rows, a.write, a.test, a.precision)


if __name__ == "__main__":
    main()
