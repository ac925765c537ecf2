"""Edited positives for the verifier (issue 36, option (c) of the note): measured, not shipped.

    python benchmarks/verifier_edits.py rows /tmp/abp5k /tmp/edit_rows.jsonl      # edited pairs, as reports meet them
    python benchmarks/verifier_edits.py fit /tmp/verifier_rows.jsonl /tmp/edit_rows.jsonl [--basil ROWS]
    python benchmarks/verifier_edits.py basil /tmp/basil_index /tmp/basil_rows.jsonl   # held-out rows (labels in benchmarks/)

abp_5k holds too few real cross-article contradictions to train a verifier (``news_labels/README.md``). Here the
positives are made: a labelled pair that tells one fact and agrees (same_fact, entailment or neutral) whose two
claims share a number, a weekday or a month gets that value changed in one claim (``lab.news_edits``), so the
pair keeps its real wording on both sides and now differs in one shared slot. The negatives are the real labels.
The verifier is fit on train (real + edited), its threshold chosen on dev (real negatives + edited positives: the
class balance is made, so dev precision is not a reader's), and read on BASIL's hand labels (held out: the report
labels' real / false, and the 16 labelled disagreements).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import verifier_fit  # noqa: E402

from contradict.backends.nli import combine, one_way_entailment, scorer_for  # noqa: E402
from contradict.lab.news_edits import DAYS, MONTHS, _other_number  # noqa: E402
from contradict.settings import Settings  # noqa: E402
from contradict.stages import aggregate  # noqa: E402
from contradict.stages.entities import entities  # noqa: E402
from contradict.stages.verifier import features  # noqa: E402
from contradict.storage.store import Store  # noqa: E402
from contradict.types import Claim, Reason, Route  # noqa: E402

SEED = 36
_NUM = re.compile(r"(?<![\w.,$-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,.-]\d)")
_WORD = re.compile(r"\b(" + "|".join(DAYS + MONTHS) + r")\b")


def shared_edit(a: str, b: str, r: random.Random) -> str | None:
    """``b`` with one value it shares with ``a`` (a number, weekday or month) changed; None when none is shared."""
    nums = sorted(set(_NUM.findall(a)) & set(_NUM.findall(b)) - {"1", "2", "3"})
    words = sorted(set(_WORD.findall(a)) & set(_WORD.findall(b)))
    options = [("n", x) for x in nums] + [("w", x) for x in words]
    if not options:
        return None
    kind, value = r.choice(options)
    if kind == "n":
        new = _other_number(value, r)
    else:
        pool = DAYS if value in DAYS else MONTHS
        new = r.choice([x for x in pool if x != value])
    if not new or new == value:
        return None
    return re.sub(rf"(?<![\w.,$-]){re.escape(value)}(?![\w])", new, b, count=1)


def _pair_rows(pairs_in, claims, dates, story_of, cands, scorer, store, name):
    """[(key, a, b, reasons, shared)] -> feature rows, NLI from the index's cache or scored now (and kept)."""
    texts = [(a.scored_text, b.scored_text) for _, a, b, _, _, _ in pairs_in]
    both = [t for ab in texts for t in (ab, ab[::-1])]
    cached = store.cached_scores(name, both)
    todo = sorted(set(both) - set(cached))
    for k in range(0, len(todo), 256):
        part = todo[k:k + 256]
        got = scorer.score(part)
        cached.update({t: tuple(float(x) for x in p) for t, p in zip(part, got)})
    out = []
    for (key, a, b, reasons, shared, sim), (ta, tb) in zip(pairs_in, texts):
        ab, ba = np.asarray(cached[(ta, tb)]), np.asarray(cached[(tb, ta)])
        label, probs = combine(ab, ba)
        p = aggregate.make_pair(a, b, label, probs, sim, reasons, shared, one_way_entailment(ab, ba))
        p = aggregate.classify(p, story_of, dates)
        out.append((key, p, label))
    return out


def rows(index: Path, out: Path) -> None:
    pairs, labels = verifier_fit.read_labels()
    store = Store(index / "contradict.sqlite", create=False)
    claims = {c.id: c for c in store.claims()}
    dates = {a.id: a.day for a in store.articles()}
    story_of = {x: s.id for s in store.stories() if len(s.articles) > 1 for x in s.articles}
    th = dict(store.db.execute("SELECT id, text_hash FROM claims").fetchall())
    vec = {h: np.frombuffer(v, dtype=np.float32) for h, v in store.db.execute("SELECT text_hash, vec FROM vectors")}
    r = random.Random(SEED)
    todo = []
    for key in sorted(labels):
        lab, pr = labels[key], pairs.get(key)
        if not pr or not lab["same_fact"] or lab["label"] == "contradiction":
            continue
        a, b = claims[pr["a"]], claims[pr["b"]]
        if r.random() < 0.5:
            a, b = b, a
        new = shared_edit(a.text, b.text, r)
        if not new:
            continue
        b2 = Claim(b.id + "~edit", b.article_id, b.position, b.start, b.end, new, b.speaker, b.context, b.kind)
        s = story_of.get(a.article_id)
        reasons = [Reason(Route.STORY, f"same story {s}")] if s and s == story_of.get(b.article_id) else []
        shared = sorted(entities(a.text) & entities(new), key=lambda e: (e.kind.value, e.value))
        sim = float(vec[th[a.id]] @ vec[th[b.id]]) if th.get(a.id) in vec and th.get(b.id) in vec else 0.0
        todo.append(((key, pr["split"]), a, b2, reasons, shared, sim))
    scorer = scorer_for(Settings(index_dir=index))
    got = _pair_rows(todo, claims, dates, story_of, {}, scorer, store, scorer.name)
    with out.open("w", encoding="utf-8") as fh:
        for ((key, split), p, label) in got:
            fh.write(json.dumps({"pair": key, "split": split, "y": 1, "edited": True, "nli_label": label,
                                 "kind": p.kind.value if p.kind else "", "x": features(p, dates)}) + "\n")
    print(f"{len(got)} edited positives", file=sys.stderr)


def pr(y, hit) -> dict:
    """verifier_fit.pr's precision, recall and count, as a dict."""
    precision, recall, n = verifier_fit.pr(y, hit)
    tp = sum(1 for a, b in zip(y, hit) if a and b)
    return {"listed": n, "right": tp, "precision": None if precision != precision else round(precision, 3),
            "recall": None if recall != recall else round(recall, 3)}


def fit(real: Path, edited: Path, basil: Path | None, target: float) -> None:
    R = [json.loads(x) for x in real.read_text().splitlines()]
    E = [json.loads(x) for x in edited.read_text().splitlines()]
    tr = [x for x in R if x["split"] == "train"] + [x for x in E if x["split"] == "train"]
    dv = [x for x in R if x["split"] == "dev"] + [x for x in E if x["split"] == "dev"]
    c, v, p = verifier_fit.choose_c([x["x"] for x in tr], [x["y"] for x in tr], [x["x"] for x in dv],
                                    [x["y"] for x in dv], (0.01, 0.1, 1.0))
    y = [x["y"] for x in dv]
    chosen = verifier_fit.choose_threshold(y, p, target)
    out = {"C": c, "threshold (dev)": chosen, "train": {"real": sum(1 for x in tr if not x.get("edited")),
                                                       "edited positives": sum(1 for x in tr if x.get("edited"))},
           "dev (edited positives, real negatives)": pr(y, [q >= chosen for q in p]),
           "dev real pairs only": pr([x["y"] for x in dv if not x.get("edited")],
                                     [q >= chosen for q, x in zip(p, dv) if not x.get("edited")])}
    if basil:
        B = [json.loads(x) for x in basil.read_text().splitlines()]
        q = v.probabilities([x["x"] for x in B])
        yb = [x["y"] for x in B]
        out["basil (held out)"] = {"pairs": len(B), "real": sum(yb), "verifier": pr(yb, [s >= chosen for s in q]),
                                   "report today": pr(yb, [x["listed_today"] for x in B]),
                                   "by pair": sorted(([round(float(s), 3), x["y"], x["source"], x["listed_today"]]
                                                      for s, x in zip(q, B)), reverse=True)[:40]}
    print(json.dumps(out, indent=1))


def basil_rows(index: Path, out: Path) -> None:
    """Rows for BASIL's hand-labelled pairs: the report labels (real = 1, false = 0, arguable left out) and the
    16 labelled disagreements (1), as a report meets them (scored now where the index did not)."""
    rep = json.loads((ROOT / "benchmarks" / "basil_report_labels.json").read_text())["pairs"]
    dis = json.loads((ROOT / "benchmarks" / "basil_disagreements.json").read_text())["pairs"]
    want = {}
    for x in rep:
        if x["label"] in ("real", "false"):
            want[tuple(sorted((x["a"], x["b"])))] = (int(x["label"] == "real"), "report label")
    for x in dis:
        want[tuple(sorted((x["a"], x["b"])))] = (1, "disagreement")
    store = Store(index / "contradict.sqlite", create=False)
    claims = {c.id: c for c in store.claims()}
    dates = {a.id: a.day for a in store.articles()}
    story_of = {x: s.id for s in store.stories() if len(s.articles) > 1 for x in s.articles}
    cands = {(c.a, c.b): c for c in store.candidates()}
    th = dict(store.db.execute("SELECT id, text_hash FROM claims").fetchall())
    vec = {h: np.frombuffer(v, dtype=np.float32) for h, v in store.db.execute("SELECT text_hash, vec FROM vectors")}
    todo = []
    for (a, b), (y, source) in sorted(want.items()):
        if a not in claims or b not in claims:
            continue
        c = cands.get((a, b))
        s = story_of.get(claims[a].article_id)
        reasons = list(c.reasons) if c else ([Reason(Route.STORY, f"same story {s}")]
                                             if s and s == story_of.get(claims[b].article_id) else [])
        shared = list(c.shared) if c else sorted(entities(claims[a].text) & entities(claims[b].text),
                                                 key=lambda e: (e.kind.value, e.value))
        sim = float(vec[th[a]] @ vec[th[b]]) if th.get(a) in vec and th.get(b) in vec else 0.0
        todo.append(((y, source, c is not None), claims[a], claims[b], reasons, shared, sim))
    scorer = scorer_for(Settings(index_dir=index))
    got = _pair_rows(todo, claims, dates, story_of, cands, scorer, store, scorer.name)
    with out.open("w", encoding="utf-8") as fh:
        for ((y, source, cand), p, label) in got:
            fh.write(json.dumps({"y": y, "source": source, "candidate": cand, "nli_label": label,
                                 "listed_today": int(cand and aggregate.is_disagreement(p) and p.score >= 0.35),
                                 "x": features(p, dates)}) + "\n")
    print(f"{len(got)} BASIL rows", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("rows")
    g.add_argument("index", type=Path)
    g.add_argument("out", type=Path)
    f = sub.add_parser("fit")
    f.add_argument("real", type=Path)
    f.add_argument("edited", type=Path)
    f.add_argument("--basil", type=Path)
    f.add_argument("--precision", type=float, default=0.8)
    b = sub.add_parser("basil")
    b.add_argument("index", type=Path)
    b.add_argument("out", type=Path)
    a = ap.parse_args()
    if a.cmd == "rows":
        rows(a.index, a.out)
    elif a.cmd == "basil":
        basil_rows(a.index, a.out)
    else:
        fit(a.real, a.edited, a.basil, a.precision)


if __name__ == "__main__":
    main()
