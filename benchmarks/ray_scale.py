"""The Ray engine's scaling (issue 24): embedding claims/s and NLI pairs/s (the default cascade) with the local
engine, Ray with 1 and 2 workers on this machine, and Ray on two "nodes" of this machine (`ray start --head`
plus a second `ray start --address`, separate raylets, one CPU each). Same claims and pairs in every run; the
model loading is left out (each engine is warmed up first); the vectors and scores are checked equal to local.

    python benchmarks/ray_scale.py [--claims 4000] [--pairs 600]

Prints one JSON object: per setup claims/s, pairs/s, their ratio to local, and the largest difference to the
local results.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "abp_5k.jsonl"


def inputs(n_claims: int, n_pairs: int) -> tuple[list[str], list[tuple[str, str]]]:
    from contradict.inputs.ingest import iter_articles
    from contradict.stages.claims import extract
    from contradict.types import Article

    texts: list[str] = []
    for item in iter_articles([NEWS]):
        if isinstance(item, Article):
            texts += [c.text for c in extract(item)]
        if len(texts) >= n_claims:
            break
    texts = sorted(set(texts[:n_claims]))
    pairs = []
    for a, b in zip(texts[: n_pairs // 2], texts[1: n_pairs // 2 + 1]):  # neighbours in sort order: related-ish
        pairs += [(a, b), (b, a)]
    return texts, pairs


def measure(encoder, scorer, texts, pairs) -> dict:
    encoder.encode(texts[:64])
    scorer.score(pairs[:8])
    t = time.perf_counter()
    vecs = encoder.encode(texts)
    te = time.perf_counter() - t
    t = time.perf_counter()
    probs = scorer.score(pairs)
    tn = time.perf_counter() - t
    return {"claims_per_s": round(len(texts) / te, 1), "pairs_per_s": round(len(pairs) / tn, 1),
            "_v": vecs, "_p": probs}


def ray_run(settings, texts, pairs, workers: int, address: str | None = None) -> dict:
    from contradict.runs.ray_engine import RayEngine

    t = time.perf_counter()
    eng = RayEngine(settings, address=address, workers=workers)
    start = time.perf_counter() - t
    try:
        out = measure(eng.encoder(), eng.scorer(), texts, pairs)
        out["nodes"] = len({n["NodeID"] for n in eng.ray.nodes() if n["Alive"]})
    finally:
        eng.close()
        import ray

        if ray.is_initialized():
            ray.shutdown()
    out["start_s"] = round(start, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=4000)
    ap.add_argument("--pairs", type=int, default=600)
    a = ap.parse_args()
    from contradict.backends.embed import load_encoder
    from contradict.backends.nli import scorer_for
    from contradict.settings import Settings

    s = Settings()
    texts, pairs = inputs(a.claims, a.pairs)
    rows = {"local": measure(load_encoder(), scorer_for(s), texts, pairs)}
    import ray

    for n in (1, 2):
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        rows[f"ray {n} worker{'s' * (n > 1)}"] = ray_run(s, texts, pairs, n)
    port = "6391"
    env = dict(os.environ, RAY_ADDRESS="")
    ray_bin = str(Path(sys.executable).parent / "ray")
    subprocess.run([ray_bin, "start", "--head", "--port", port, "--num-cpus", "1", "--include-dashboard=false"],
                   check=True, capture_output=True, env=env)
    try:
        subprocess.run([ray_bin, "start", "--address", f"127.0.0.1:{port}", "--num-cpus", "1"], check=True,
                       capture_output=True, env=env)
        rows["ray 2 nodes x 1 worker"] = ray_run(s, texts, pairs, 2, address=f"127.0.0.1:{port}")
    finally:
        subprocess.run([ray_bin, "stop", "--force"], capture_output=True, env=env)
    base = rows["local"]
    out = {"claims": len(texts), "pairs": len(pairs), "cpus": os.cpu_count()}
    for name, r in rows.items():
        out[name] = {k: v for k, v in r.items() if not k.startswith("_")}
        out[name]["embed_ratio"] = round(r["claims_per_s"] / base["claims_per_s"], 2)
        out[name]["nli_ratio"] = round(r["pairs_per_s"] / base["pairs_per_s"], 2)
        out[name]["max_vector_diff"] = float(np.abs(r["_v"] - base["_v"]).max())
        out[name]["max_prob_diff"] = float(np.abs(r["_p"] - base["_p"]).max())
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
