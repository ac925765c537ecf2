"""Can a class shift (a constant added to a class's logit, the model card's "decision rule") bring an NLI model
to its dev targets? Issue 19's dev measures read under every shift of a grid, fitted on half of each dev split and
read on the other half (so the figure quoted is not the one the shift was chosen on).

    python benchmarks/class_shift.py dump MODEL_DIR OUT.npz [--test]   # probabilities on the dev splits (+ SNLI test)
    python benchmarks/class_shift.py fit OUT.npz [--max-shuffled 0.10]

``dump`` scores VitaminC dev (1,710), CAD-SNLI dev (1,000), PERSPECTRUM dev (2,071), SNLI dev (the 1,273 of
``snli_dev_subset.jsonl``) and the same SNLI dev pairs shuffled (premise with another pair's hypothesis, all
neutral), with the model as reports run it alone (``load_scorer``, int8 ONNX, one pair per run); ``--test`` adds
SNLI test and shuffled SNLI test, read only, never fitted on. ``fit`` searches shifts of the contradiction and
neutral logits (entailment's fixed: only differences count) from -1.5 to 1.5 by 0.1 for the largest smallest
margin over the targets (VitaminC >= 0.75, CAD-SNLI >= 0.80, PERSPECTRUM two ways >= 0.70, SNLI dev >= 0.83),
shuffled SNLI dev at most ``--max-shuffled``; ties go to the smaller shift.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "nli"
TARGETS = {"vitaminc": 0.75, "cad": 0.80, "perspectrum": 0.70, "snli_dev": 0.83}
FITTED = ("vitaminc", "cad", "perspectrum", "snli_dev", "snli_dev_shuffled")


def dump(model: str, out: Path, test: bool) -> None:
    from contradict.backends.nli import load_scorer
    from contradict.lab.evaluate import read_pairs, shuffle_pairs

    extra = SHARED / "extra"
    sets = {"vitaminc": read_pairs(extra / "vitaminc_dev.jsonl"), "cad": read_pairs(extra / "cad_snli_dev.jsonl"),
            "perspectrum": read_pairs(extra / "perspectrum_dev.jsonl"),
            "snli_dev": read_pairs(SHARED / "snli_dev_subset.jsonl")}
    sets["snli_dev_shuffled"] = shuffle_pairs(sets["snli_dev"])
    if test:
        sets["snli_test"] = read_pairs(SHARED / "snli" / "snli_1.0_test.jsonl")
        sets["snli_test_shuffled"] = shuffle_pairs(sets["snli_test"])
    scorer = load_scorer(model)
    got = {}
    for name, rows in sets.items():
        got[name] = scorer.score([(p, h) for p, h, _ in rows])
        got[name + "_gold"] = np.array([g for *_, g in rows])
        print(f"{name}: {len(rows)} pairs", file=sys.stderr)
    np.savez(out, model=np.array(scorer.name), **got)


def measures(d: dict, shift: np.ndarray, rows: dict | None = None) -> dict:
    from contradict.backends.nli import LABELS

    c, e = LABELS.index("contradiction"), LABELS.index("entailment")
    out = {}
    for name in [k for k in d if not k.endswith("_gold") and k != "model"]:
        p, g = d[name], d[name + "_gold"]
        if rows and name in rows:
            p, g = p[rows[name]], g[rows[name]]
        logits = np.log(np.clip(p, 1e-9, 1.0)) + shift
        if name == "perspectrum":  # two ways: the larger of contradiction and entailment
            pred = np.where(logits[:, c] > logits[:, e], "contradiction", "entailment")
        else:
            pred = np.array(LABELS)[logits.argmax(1)]
        out[name] = round(float((pred == "contradiction").mean() if name.endswith("_shuffled") else (pred == g).mean()),
                          4)
    return out


def split_halves(d: dict) -> dict:
    """Each fitted split's rows in two seeded halves (A, B): fit on one, read the other."""
    rng = np.random.default_rng(13)
    halves = {}
    for name in FITTED:
        perm = rng.permutation(len(d[name]))
        halves[name] = (np.sort(perm[: len(perm) // 2]), np.sort(perm[len(perm) // 2:]))
    return halves


def fit(d: dict, rows: dict | None, max_shuffled: float):
    from contradict.backends.nli import LABELS

    c, n = LABELS.index("contradiction"), LABELS.index("neutral")
    best = None
    for sc in np.round(np.arange(-1.5, 1.51, 0.1), 2):
        for sn in np.round(np.arange(-1.5, 1.51, 0.1), 2):
            shift = np.zeros(3)
            shift[c], shift[n] = sc, sn
            m = measures(d, shift, rows)
            if m["snli_dev_shuffled"] > max_shuffled:
                continue
            margin = min(m[k] - t for k, t in TARGETS.items())
            key = (-margin, abs(sc) + abs(sn))
            if best is None or key < best[0]:
                best = (key, {"contradiction": float(sc), "neutral": float(sn)}, shift, round(margin, 4))
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    a_dump = sub.add_parser("dump")
    a_dump.add_argument("model")
    a_dump.add_argument("out", type=Path)
    a_dump.add_argument("--test", action="store_true")
    a_fit = sub.add_parser("fit")
    a_fit.add_argument("npz", type=Path)
    a_fit.add_argument("--max-shuffled", type=float, default=0.10)
    a = ap.parse_args()
    if a.cmd == "dump":
        dump(a.model, a.out, a.test)
        return
    d = dict(np.load(a.npz))
    halves = split_halves(d)
    out = {"model": str(d.get("model", "")), "no_shift": measures(d, np.zeros(3))}
    for label, k in (("fit_on_half_a", 0), ("fit_on_half_b", 1)):
        best = fit(d, {n: h[k] for n, h in halves.items()}, a.max_shuffled)
        if best is None:
            out[label] = None
            continue
        _, shift_named, shift, margin = best
        out[label] = {"shift": shift_named, "margin_on_fitted_half": margin,
                      "other_half": measures(d, shift, {n: h[1 - k] for n, h in halves.items()}),
                      "all": measures(d, shift)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
