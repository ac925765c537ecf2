"""Vector index kinds on real claim vectors (issue 24): build time, the time to search every vector for its
neighbours as the candidate stage does (k = 60), resident memory, and recall@10 against exact search on a
sample of queries (flat: its search time measured on 10,000 queries and scaled). Reads the vectors of an existing index (e.g. the one benchmarks/batch_scale.py leaves).

    python benchmarks/vector_index.py /tmp/contradict-scale/index [--n 200000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from pathlib import Path

import numpy as np
import psutil


def load(index_dir: Path, n: int) -> np.ndarray:
    db = sqlite3.connect(str(index_dir / "contradict.sqlite"))
    rows = db.execute("SELECT vec FROM vectors ORDER BY text_hash LIMIT ?", (n,)).fetchall()
    return np.stack([np.frombuffer(r[0], dtype=np.float32) for r in rows])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("--n", type=int, default=10**9)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--k", type=int, default=60, help="neighbours per search (the candidate stage asks 4 x 10 + 20)")
    ap.add_argument("--kinds", default="flat,hnsw,ivf", help="comma-separated; ivf:N sets nprobe N")
    ap.add_argument("--timed-queries", type=int, default=0,
                    help="time the search of this many vectors and scale it to all (0: search all; flat: 10,000)")
    a = ap.parse_args()
    import faiss

    from contradict.storage.index import VectorIndex

    vecs = load(a.index_dir, a.n)
    ids = [f"c{i:07d}" for i in range(len(vecs))]
    rng = np.random.default_rng(0)
    sample = rng.choice(len(vecs), size=min(a.queries, len(vecs)), replace=False)
    exact = faiss.IndexFlatIP(vecs.shape[1])
    exact.add(vecs)
    _, truth = exact.search(vecs[sample], 10)
    del exact
    out = {"vectors": len(vecs), "k": a.k}
    proc = psutil.Process()
    for name in a.kinds.split(","):
        kind, _, nprobe = name.partition(":")
        before = proc.memory_info().rss
        t = time.perf_counter()
        idx = VectorIndex(vecs.shape[1], kind, size_hint=len(vecs))
        idx.add(ids, vecs)
        if nprobe:
            faiss.extract_index_ivf(idx._index).nprobe = int(nprobe)
        build = time.perf_counter() - t
        mem = (proc.memory_info().rss - before) / 2**20
        part = min(len(vecs), a.timed_queries or (10_000 if kind == "flat" else len(vecs)))
        t = time.perf_counter()
        for s in range(0, part, 1024):
            idx.search(vecs[s:min(s + 1024, part)], a.k)
        search_all = (time.perf_counter() - t) * len(vecs) / part
        got = idx.search(vecs[sample], 10)
        recall = np.mean([len({int(h[0][1:]) for h in row} & set(tr.tolist())) / 10 for row, tr in zip(got, truth)])
        out[name] = {"build_s": round(build, 1), "search_all_s": round(search_all, 1), "rss_mb": round(mem),
                     "recall_at_10": round(float(recall), 4)}
        del idx
        print(name, out[name], flush=True)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
