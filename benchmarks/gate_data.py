"""The NLI gate's data: candidate pairs of an abp_5k index with their claim vectors and the cascade's scores.

    python benchmarks/gate_data.py INDEX_DIR OUT.npz [--labels benchmarks/news_labels]

INDEX_DIR: an index of abp_5k only (``contradict index ../shared/data/news/abp_5k.jsonl --index-dir INDEX_DIR
--pair-budget 20000``), whose stored scores are the cascade's (MiniLM, MPNet rereading). Every stored candidate
pair and every labelled pair (``news_labels/pairs.jsonl``) scored both ways is one row: the vectors of the two
texts the NLI reads (the claim with its context; vectors not in the index are encoded here with the index's
embedding model), the cascade's probabilities both ways, the reader's label where labelled ("" elsewhere), and
its split by story (``news_pairs_sample.split_of``; a pair is "test" when either side's story is a test story,
so the gate never learns from the test split). Writes OUT.npz (outside the repository: it holds text hashes
and vectors, no text; texts are written beside it as OUT.texts.jsonl for the fit's word features).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from news_labels_stats import read_jsonl  # noqa: E402
from news_pairs_sample import split_of  # noqa: E402

from contradict.backends.embed import load_encoder  # noqa: E402
from contradict.storage.store import content_hash  # noqa: E402

HERE = Path(__file__).parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--labels", type=Path, default=HERE / "news_labels")
    ap.add_argument("--real-text", type=int, default=0, metavar="N",
                    help="also N pairs of each real-text train set (split 'train') and of each dev set (split "
                         "'realdev'), labelled by their annotators (score columns NaN)")
    a = ap.parse_args()
    db = sqlite3.connect(a.index / "contradict.sqlite")
    (model,) = db.execute("SELECT DISTINCT model FROM nli").fetchone()
    claims = {i: (art, (f"{ctx} {t}" if ctx else t)) for i, art, t, ctx in
              db.execute("SELECT id, article_id, text, context FROM claims")}
    story_of = {}
    for sid, arts in db.execute("SELECT id, articles FROM stories"):
        for art in json.loads(arts):
            story_of[art] = sid
    labels = {r["pair"]: r["label"] for f in sorted((a.labels / "labels").glob("first_*.jsonl")) for r in read_jsonl(f)}
    pairs = {(x, y) for x, y in db.execute("SELECT a, b FROM candidates")}
    pairs |= {(r["a"], r["b"]) for r in read_jsonl(a.labels / "pairs.jsonl")}
    scores = {}
    for p, h, c, e, n in db.execute("SELECT premise, hypothesis, contradiction, entailment, neutral FROM nli "
                                    "WHERE model = ?", (model,)):
        scores[(p, h)] = (c, e, n)
    rows = []
    for x, y in sorted(pairs):
        if x not in claims or y not in claims:
            continue
        (ax, tx), (ay, ty) = claims[x], claims[y]
        hx, hy = content_hash(tx), content_hash(ty)
        if (hx, hy) not in scores or (hy, hx) not in scores:
            continue
        keys = [story_of.get(ax) or f"article:{ax}", story_of.get(ay) or f"article:{ay}"]
        splits = {split_of(k) for k in keys}
        split = "test" if "test" in splits else split_of(min(keys))
        rows.append((x, y, tx, ty, scores[(hx, hy)], scores[(hy, hx)], labels.get(f"{x}|{y}", ""), split))
    if a.real_text:
        import random

        from contradict.lab.evaluate import read_pairs

        extra = HERE.parent.parent / "shared" / "data" / "nli" / "extra"
        nan = (float("nan"),) * 3
        for name in ("vitaminc_train", "cad_snli_train", "perspectrum_train", "taxinli", "vitaminc_dev",
                     "cad_snli_dev", "perspectrum_dev"):
            got = read_pairs(extra / f"{name}.jsonl")
            random.Random(f"gate:{name}").shuffle(got)
            split = "realdev" if name.endswith("_dev") else "train"
            rows += [(f"{name}:{i}", "", p, h, nan, nan, lab, split) for i, (p, h, lab) in enumerate(got[:a.real_text])]
    texts = sorted({r[2] for r in rows} | {r[3] for r in rows})
    vec = {}
    for t in texts:
        got = db.execute("SELECT vec FROM vectors WHERE model = ? AND text_hash = ?",
                         ("all-MiniLM-L6-v2", content_hash(t))).fetchone()
        if got:
            vec[t] = np.frombuffer(got[0], dtype=np.float32)
    todo = [t for t in texts if t not in vec]
    print(f"{len(rows)} pairs, {len(texts)} texts, {len(todo)} to encode", file=sys.stderr)
    if todo:
        enc = load_encoder()
        for k in range(0, len(todo), 256):
            part = todo[k:k + 256]
            vec.update(zip(part, np.asarray(enc.encode(part), dtype=np.float32)))
    at = {t: i for i, t in enumerate(texts)}
    np.savez_compressed(
        a.out, model=model, vectors=np.stack([vec[t] for t in texts]),
        a=np.array([at[r[2]] for r in rows]), b=np.array([at[r[3]] for r in rows]),
        ab=np.array([r[4] for r in rows], dtype=np.float32), ba=np.array([r[5] for r in rows], dtype=np.float32),
        label=np.array([r[6] for r in rows]), split=np.array([r[7] for r in rows]),
        ids=np.array([f"{r[0]}|{r[1]}" if r[1] else r[0] for r in rows]))
    a.out.with_suffix(".texts.jsonl").write_text("".join(json.dumps(t) + "\n" for t in texts))
    print(json.dumps({"pairs": len(rows), "splits": {s: sum(r[7] == s for r in rows) for s in ("train", "dev", "test", "realdev")},
                      "labelled": sum(bool(r[6]) for r in rows)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
