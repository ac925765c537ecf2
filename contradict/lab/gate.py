"""Fit the NLI gate (``contradict.backends.gate``) on the cascade's own readings of abp_5k candidate pairs.

The target of a pair is "the cascade reads it as contradiction or entailment" (the mean of both directions,
``nli.combine``), or the reader's label where a reader labelled it so: the gate learns which pairs the
cross-encoders would not call neutral. It is fitted on the train stories; its threshold is the largest at
which it keeps ``recall`` of the dev stories' pairs the cascade reads as contradictions (the test stories are
never read here). The data come from ``benchmarks/gate_data.py``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from contradict.backends.gate import WORD_FEATURES, Gate, features, int8_columns
from contradict.backends.nli import combine

log = logging.getLogger(__name__)


def load(data: Path) -> dict:
    d = dict(np.load(data))
    texts = [json.loads(x) for x in Path(data).with_suffix(".texts.jsonl").read_text().splitlines()]
    ta = [texts[i] for i in d["a"]]
    tb = [texts[i] for i in d["b"]]
    d["x"] = features(d["vectors"][d["a"]], d["vectors"][d["b"]], ta, tb)
    d["cascade"] = np.array(["" if np.isnan(x).any() else combine(x, y)[0] for x, y in zip(d["ab"], d["ba"])])
    human = d["label"]
    d["y"] = ((d["cascade"] != "neutral") | ((human != "") & (human != "neutral"))).astype(int)
    return d


def choose_threshold(p: np.ndarray, contradiction: np.ndarray, recall: float) -> float:
    """The largest threshold that keeps at least ``recall`` of the pairs flagged in ``contradiction``."""
    ps = np.sort(p[contradiction])
    if not len(ps):
        return 0.0
    k = int(np.floor((1 - recall) * len(ps)))  # this many may fall under the threshold
    return float(ps[k]) if k < len(ps) else 0.0


def fit(data: Path, out: Path, hidden: int = 128, recall: float = 0.98, seed: int = 41, alpha: float = 1e-2,
        version: str = "") -> dict:
    from sklearn.neural_network import MLPClassifier

    d = load(data)
    tr, dv = d["split"] == "train", d["split"] == "dev"
    x = d["x"]
    mean = x[tr].mean(axis=0)
    scale = x[tr].std(axis=0) + 1e-6
    net = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha, max_iter=300, early_stopping=True,
                        validation_fraction=0.1, random_state=seed)
    net.fit((x[tr] - mean) / scale, d["y"][tr])
    gate = Gate(mean.astype(np.float32), scale.astype(np.float32), int8_columns(net.coefs_[0]),
                net.intercepts_[0].astype(np.float32), net.coefs_[1][:, 0].astype(np.float32),
                float(net.intercepts_[1][0]), 0.0, version or f"g1-{hidden}-s{seed}-int8")
    p = gate.probability(x)
    contra = d["cascade"] == "contradiction"
    ent = d["cascade"] == "entailment"
    threshold = choose_threshold(p[dv], contra[dv], recall)
    report: dict = {}
    gate = Gate(gate.mean, gate.scale, gate.w1, gate.b1, gate.w2, gate.b2, threshold, gate.version)
    real = d["split"] == "realdev"
    if real.any():
        hc, keep = d["label"][real] == "contradiction", p[real] >= threshold
        report["real_text_dev"] = {"pairs": int(real.sum()), "passed": round(float(keep.mean()), 4),
                                   "contradiction_recall": round(float(keep[hc].mean()), 4),
                                   "entailment_recall": round(float(keep[d["label"][real] == "entailment"].mean()), 4)}
    news = d["cascade"] != ""
    for name, m in (("train", tr & news), ("dev", dv)):
        keep = p[m] >= threshold
        report[name] = {"pairs": int(m.sum()), "cascade_contradictions": int(contra[m].sum()),
                        "cascade_entailments": int(ent[m].sum()),
                        "passed": round(float(keep.mean()), 4),
                        "contradiction_recall": round(float(keep[contra[m]].mean()), 4) if contra[m].any() else None,
                        "entailment_recall": round(float(keep[ent[m]].mean()), 4) if ent[m].any() else None}
    card = {"alpha": alpha,
            "features": f"|u-v|, u*v of the claim vectors ({d['vectors'].shape[1]}), then {', '.join(WORD_FEATURES)}",
            "hidden": hidden, "seed": seed, "recall_target": recall, "cascade": str(d["model"]),
            "fitted_on": "abp_5k candidate and labelled pairs of the train stories (target: the cascade reads it as "
                         "contradiction or entailment, or a reader labelled it so), plus real-text train pairs where "
                         "given (their annotators' labels); threshold on abp_5k's dev stories",
            "measured": report}
    gate.save(out, card)
    log.info("gate %s: threshold %.4f; %s", gate.version, threshold, json.dumps(report))
    return {"version": gate.version, "threshold": threshold, **report}
