"""Evaluate an NLI model on labelled pairs: accuracy, per-class precision/recall/F1, confusion, speed."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

from contradict.backends.nli import LABELS
from contradict.errors import ContradictError

GOLD = {"entailment": "entailment", "neutral": "neutral", "contradiction": "contradiction",
        "0": "entailment", "1": "neutral", "2": "contradiction"}


def read_pairs(path: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(premise, hypothesis, label) from premise/hypothesis/label jsonl or SNLI's sentence1/sentence2/gold_label.

    Rows whose label is not one of the three classes (SNLI's "-") are skipped.
    """
    rows = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise ContradictError(f"cannot read {path}: {exc.strerror}") from exc
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ContradictError(f"{path}:{n}: malformed JSON ({exc.msg})") from exc
            if not isinstance(r, dict):
                raise ContradictError(f"{path}:{n}: expected a JSON object")
            p = r.get("premise", r.get("sentence1"))
            h = r.get("hypothesis", r.get("sentence2"))
            lab = GOLD.get(str(r.get("label", r.get("gold_label", ""))).lower())
            if lab is None:
                continue
            if not isinstance(p, str) or not isinstance(h, str):
                raise ContradictError(f"{path}:{n}: needs premise/hypothesis (or sentence1/sentence2) strings")
            rows.append((p, h, lab))
            if limit and len(rows) >= limit:
                break
    if not rows:
        raise ContradictError(f"{path}: no labelled pairs found")
    return rows


def shuffle_pairs(rows: Sequence[tuple[str, str, str]], seed: int = 13) -> list[tuple[str, str, str]]:
    """Each premise with another row's hypothesis (a seeded derangement); all labelled neutral."""
    idx = list(range(len(rows)))
    rng = random.Random(seed)
    rng.shuffle(idx)
    perm = idx[1:] + idx[:1]  # a cycle over the shuffled order: nobody keeps their own hypothesis
    target = {idx[k]: perm[k] for k in range(len(idx))}
    return [(rows[i][0], rows[target[i]][1], "neutral") for i in range(len(rows))]


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict:
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred):
        confusion[g][p] += 1
    per_class = {}
    for lab in LABELS:
        tp = confusion[lab][lab]
        predicted = sum(confusion[g][lab] for g in LABELS)
        support = sum(confusion[lab].values())
        prec = tp / predicted if predicted else 0.0
        rec = tp / support if support else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": support}
    correct = sum(confusion[lab][lab] for lab in LABELS)
    return {"accuracy": round(correct / len(gold), 4) if gold else 0.0, "per_class": per_class,
            "confusion": confusion, "n": len(gold)}


def evaluate(scorer, rows: Sequence[tuple[str, str, str]], shuffled: bool = False, seed: int = 13,
             reverse: bool = False) -> dict:
    """Accuracy and per-class figures; with ``reverse``, each pair is scored hypothesis first.

    A pair that is consistent one way (entailment, neutral) is consistent the other way too, and a
    contradiction stays one: so reversed, the figures are the share of consistent pairs labelled
    contradiction (``reversed_false_contradiction_rate``, which should be near 0) and the share of
    contradictions still labelled so (``reversed_contradiction_recall``). The pipeline scores every
    pair in both directions, so both matter as much as the usual accuracy. The confusion matrix keeps
    the original gold rows; accuracy and per-class figures are left out (there is no gold label for
    a reversed entailment).
    """
    t = time.perf_counter()
    probs = scorer.score([(h, p) if reverse else (p, h) for p, h, _ in rows])
    took = time.perf_counter() - t
    pred = [LABELS[int(i)] for i in probs.argmax(axis=1)]
    gold = [g for *_, g in rows]
    out = metrics(gold, pred)
    out.update({"model": scorer.name, "seconds": round(took, 2), "pairs_per_second": round(len(rows) / took, 1)})
    if shuffled:
        out["shuffled_contradiction_rate"] = round(sum(p == "contradiction" for p in pred) / len(pred), 4)
    if reverse:
        del out["accuracy"], out["per_class"]
        consistent = [p for g, p in zip(gold, pred) if g != "contradiction"]
        contra = [p for g, p in zip(gold, pred) if g == "contradiction"]
        out["reversed_false_contradiction_rate"] = (
            round(consistent.count("contradiction") / len(consistent), 4) if consistent else 0.0)
        out["reversed_contradiction_recall"] = round(contra.count("contradiction") / len(contra), 4) if contra else 0.0
    return out
