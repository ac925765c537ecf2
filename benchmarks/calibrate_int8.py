"""Calibrate fixed activation ranges for the shipped int8 NLI models (issue 41: a pair's probabilities must not
depend on its batch-mates, so the activation scales must not depend on the batch).

    python benchmarks/calibrate_int8.py extremes --out /tmp/extremes   # per model, each pair's min and max (npz)
    python benchmarks/calibrate_int8.py write --extremes /tmp/extremes --quantile 1.0 --into DIR  # DIR/<model>/

Calibration pairs come from training data only (never a dev or held-out set): VitaminC, CAD-SNLI and PERSPECTRUM
train (seeded samples) and the train split of the labelled abp_5k pairs, each pair both ways. ``write`` copies each
shipped model directory into DIR and writes its ranges there (``model.onnx.ranges.json``), so a copy can be
measured (``real_text.py --nli-model DIR/<model>``) before ranges are shipped (``--into contradict/models``
writes into the shipped directories themselves).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

import numpy as np

from contradict.backends.nli import model_dir
from contradict.lab.bench import news_pairs
from contradict.lab.export import activation_extremes, ranges_from, write_ranges

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared" / "data"
MODELS = ("contradict-nli-mpnet", "contradict-nli-minilm")
PER_SET = {"vitaminc_train": 150, "cad_snli_train": 100, "perspectrum_train": 100}
NEWS = 150


def calibration_pairs(seed: int = 13) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs: list[tuple[str, str]] = []
    for name, n in sorted(PER_SET.items()):
        rows = [json.loads(x) for x in open(SHARED / "nli" / "extra" / f"{name}.jsonl", encoding="utf-8")]
        pairs += [(r["premise"], r["hypothesis"]) for r in rng.sample(rows, n)]
    news = news_pairs(HERE / "news_labels" / "pairs.jsonl", SHARED / "news" / "abp_5k.jsonl", "train")
    pairs += rng.sample(sorted(news), min(NEWS, len(news)))
    return pairs + [(h, p) for p, h in pairs]


ap = argparse.ArgumentParser()
ap.add_argument("step", choices=["extremes", "write"])
ap.add_argument("--out", type=Path, default=Path("/tmp/extremes"))
ap.add_argument("--extremes", type=Path, default=Path("/tmp/extremes"))
ap.add_argument("--quantile", type=float, default=1.0)
ap.add_argument("--into", type=Path)
a = ap.parse_args()
if a.step == "extremes":
    pairs = calibration_pairs()
    a.out.mkdir(parents=True, exist_ok=True)
    for m in MODELS:
        got = activation_extremes(model_dir(m), pairs)
        np.savez(a.out / f"{m}.npz", **{k.replace("/", "|"): v for k, v in got.items()})
        print(json.dumps({"model": m, "pairs": len(pairs), "products": len(got)}))
else:
    for m in MODELS:
        ext = {k.replace("|", "/"): v for k, v in np.load(a.extremes / f"{m}.npz").items()}
        target = a.into / m
        if target.resolve() != model_dir(m).resolve():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(model_dir(m), target)
        n = len(next(iter(ext.values())))
        about = {"calibration": f"{n // 2} pairs read both ways ({n} runs) of VitaminC, CAD-SNLI and PERSPECTRUM train and the labelled "
                                f"abp_5k train split, benchmarks/calibrate_int8.py", "quantile": a.quantile}
        print(write_ranges(target, ranges_from(ext, a.quantile), about))
