"""The same first run on the local engine and on Ray with two local workers: seconds, peak memory, and whether the
two stores hold the same things (issue 41).

    python benchmarks/ray_store_equal.py [--articles 5000] [--work /tmp/ray_equal] [--local INDEX]

Runs `contradict index` on the first N articles of abp_5k twice (``--engine local``, then ``--engine ray
--ray-workers 2``, a local Ray), then compares the two stores table by table: articles (id, content hash),
claims (id, text, speaker, kind), stories, facts, candidate pairs (with their reasons) and NLI scores (max
difference per probability). Prints one JSON object; exit 1 when the stores differ. ``--local INDEX``: an index
already built by the local engine from the same first N articles (a measured run of its own), compared instead of
running the local half again.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "abp_5k.jsonl"


def run(engine: list[str], inbox: Path, index: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.time()
    p = subprocess.run([sys.executable, "-m", "contradict", "index", str(inbox), "--index-dir", str(index), "-q",
                        *engine], capture_output=True, text=True, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    took = time.time() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(engine) or 'local'} failed ({p.returncode}): {p.stderr[-1500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": round(took, 1), "peak_rss_mb_of_any_run_so_far": round(max(before, peak) / 1024, 1)}


def tables(index: Path) -> dict:
    db = sqlite3.connect(str(index / "contradict.sqlite"))
    out = {
        "articles": sorted(db.execute("SELECT id, hash FROM articles")),
        "claims": sorted(db.execute("SELECT id, article_id, text, speaker, kind FROM claims")),
        "stories": sorted(db.execute("SELECT id, label, articles FROM stories")),
        "facts": sorted(db.execute("SELECT * FROM facts")),
        "candidates": sorted(db.execute("SELECT a, b, reasons FROM candidates")),
        "nli": {(m, p, h): (c, e, n) for m, p, h, c, e, n in db.execute("SELECT * FROM nli")},
    }
    db.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/ray_equal"))
    ap.add_argument("--local", type=Path, default=None, help="an index the local engine built from the same articles")
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    inbox = a.work / "inbox"
    inbox.mkdir(parents=True)
    with open(NEWS, encoding="utf-8") as src, open(inbox / "abp.jsonl", "w", encoding="utf-8") as dst:
        for k, line in enumerate(src):
            if k >= a.articles:
                break
            dst.write(line)
    local_index = a.local or a.work / "local"
    local = {"given": str(a.local)} if a.local else run([], inbox, local_index)
    ray = run(["--engine", "ray", "--ray-workers", "2"], inbox, a.work / "ray")
    x, y = tables(local_index), tables(a.work / "ray")
    same = {k: x[k] == y[k] for k in x if k != "nli"}
    shared = set(x["nli"]) & set(y["nli"])
    worst = max((abs(u - v) for k in shared for u, v in zip(x["nli"][k], y["nli"][k])), default=0.0)
    same["nli_keys"] = set(x["nli"]) == set(y["nli"])
    print(json.dumps({"articles": a.articles, "local": local, "ray_2_workers": ray,
                      "counts": {k: len(v) for k, v in x.items()}, "equal": same,
                      "nli_max_abs_difference": worst}, indent=1))
    sys.exit(0 if all(same.values()) and worst <= 1e-6 else 1)


if __name__ == "__main__":
    main()
