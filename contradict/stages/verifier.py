"""The finding verifier (issue 36): P(a reader calls this pair a real disagreement), from what the report knows.

A logistic regression over a classified pair's features (:func:`features`): the NLI cascade's probabilities, the
kind and the slot a rule found different, whether both claims tell one fact of one story, shared names and
numbers, headline / caption / quoted-speaker flags, the days between the articles, what :func:`kinds.differences`
shows, and how much of one claim restates the other. It is trained on cross-article pairs of ``abp_5k`` labelled
by reading (``benchmarks/news_labels/``, ``benchmarks/verifier_fit.py``); its weights ship as JSON beside the NLI
models (``contradict/models/verifier.json``), with the threshold chosen on the dev split for precision.

Values in, values out: :func:`features` reads a :class:`~contradict.types.Pair`, :class:`Verifier` maps feature
rows to probabilities. ``Verifier.fit`` refits it (scikit-learn), for ``contradict calibrate`` on an index's marks.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

from contradict.stages.kinds import differences, plain_words
from contradict.stages.slots import slot_differences
from contradict.types import EntityKind, Kind, Pair, Route

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "verifier.json"

FEATURES = (
    "p_contradiction", "log_p_contradiction", "p_entailment", "entailment_one_way", "similarity",
    "same_story", "same_fact", "kind_numeric", "kind_update", "kind_factual", "kind_restatement", "kind_occasions",
    "kind_furniture",
    "slot_number", "slot_date", "slot_place", "slot_person", "slot_denial",
    "shared_names", "shared_numbers", "heading", "caption", "quoted", "days_apart", "undated",
    "differs_number", "differs_date", "differs_name", "differs_negation", "differs_opposite",
    "restated_ratio", "length_ratio",
)
_SLOTS = ("date", "place", "person", "denial")


def features(p: Pair, days: Mapping[str, dt.date | None] | None = None) -> list[float]:
    """One row of :data:`FEATURES` for a classified pair (:func:`contradict.stages.aggregate.classify`)."""
    days = days or {}
    pc = float(p.probs.get("contradiction", 0.0))
    kind = p.kind
    diff = p.difference
    slot = ""
    if diff is not None:
        slot = diff.thing if kind is Kind.FACTUAL or (kind is Kind.UPDATE and diff.thing in _SLOTS) else "number"
    if not slot and any(r.route is Route.FACT for r in p.reasons):  # a slot difference within a fact (slots.py)
        found = slot_differences(p.a.text, p.b.text, days.get(p.a.article_id), days.get(p.b.article_id),
                                 p.similarity, 1)
        slot = found[0].slot if found else ""
    names = sum(1 for e in p.shared if e.kind is EntityKind.NAME)
    numbers = sum(1 for e in p.shared if e.kind is EntityKind.NUMBER)
    da, db = days.get(p.a.article_id), days.get(p.b.article_id)
    apart = abs((da - db).days) if da and db else 0
    shown = {d["kind"] for d in differences(p.a.text, p.b.text)}
    wa, wb = plain_words(p.a.text), plain_words(p.b.text)
    ratio = SequenceMatcher(None, wa, wb, autojunk=False).ratio() if wa and wb else 0.0
    la, lb = max(len(wa), 1), max(len(wb), 1)
    row = {
        "p_contradiction": pc, "log_p_contradiction": math.log(pc + 1e-4),
        "p_entailment": float(p.probs.get("entailment", 0.0)), "entailment_one_way": float(p.entailment_one_way),
        "similarity": float(p.similarity), "same_story": float(bool(p.story)),
        "same_fact": float(any(r.route is Route.FACT for r in p.reasons)),
        "kind_numeric": float(kind is Kind.NUMERIC), "kind_update": float(kind is Kind.UPDATE),
        "kind_factual": float(kind is Kind.FACTUAL), "kind_restatement": float(kind is Kind.RESTATEMENT),
        "kind_occasions": float(kind is Kind.OCCASIONS), "kind_furniture": float(kind is Kind.FURNITURE),
        "slot_number": float(slot == "number"), "slot_date": float(slot == "date"),
        "slot_place": float(slot == "place"), "slot_person": float(slot == "person"),
        "slot_denial": float(slot == "denial"),
        "shared_names": float(min(names, 5)), "shared_numbers": float(min(numbers, 3)),
        "heading": float(p.a.kind == "heading" or p.b.kind == "heading"),
        "caption": float(p.a.kind == "caption" or p.b.kind == "caption"),
        "quoted": float(bool(p.a.speaker) + bool(p.b.speaker)),
        "days_apart": min(apart, 60) / 30.0, "undated": float(not (da and db)),
        "differs_number": float("number" in shown), "differs_date": float("date" in shown),
        "differs_name": float("name" in shown), "differs_negation": float("negation" in shown),
        "differs_opposite": float("opposite" in shown),
        "restated_ratio": ratio, "length_ratio": min(la, lb) / max(la, lb),
    }
    return [row[f] for f in FEATURES]


@dataclass(frozen=True)
class Verifier:
    """A standardised logistic regression: P = sigmoid(intercept + coef . (x - mean) / scale)."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float  # a finding is listed at or above this probability (chosen on dev for precision)
    revision: str = ""
    about: str = ""

    def probabilities(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        x = (np.asarray(rows, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        z = x @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def probability(self, p: Pair, days: Mapping[str, dt.date | None] | None = None) -> float:
        return float(self.probabilities([features(p, days)])[0])

    def to_json(self) -> dict:
        return {"features": list(self.features), "coef": [round(c, 6) for c in self.coef],
                "intercept": round(self.intercept, 6), "mean": [round(m, 6) for m in self.mean],
                "scale": [round(s, 6) for s in self.scale], "threshold": self.threshold, "revision": self.revision,
                "about": self.about}

    @classmethod
    def from_json(cls, d: dict) -> Verifier:
        if tuple(d["features"]) != FEATURES:
            raise ValueError("the verifier's features are not this version's; refit it (benchmarks/verifier_fit.py)")
        return cls(tuple(d["features"]), tuple(d["coef"]), float(d["intercept"]), tuple(d["mean"]),
                   tuple(d["scale"]), float(d["threshold"]), d.get("revision", ""), d.get("about", ""))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Verifier | None:
        """The shipped verifier, or None when there is none."""
        if not path.exists():
            return None
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def fit(cls, rows: Sequence[Sequence[float]], labels: Sequence[int], c: float = 1.0, threshold: float = 0.5,
            revision: str = "", about: str = "", seed: int = 0) -> Verifier:
        """Fit on feature rows and 0/1 labels (1: a real disagreement)."""
        from sklearn.linear_model import LogisticRegression

        x = np.asarray(rows, dtype=np.float64)
        y = np.asarray(labels, dtype=int)
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale < 1e-9] = 1.0
        model = LogisticRegression(C=c, max_iter=2000, random_state=seed)
        model.fit((x - mean) / scale, y)
        return cls(FEATURES, tuple(float(v) for v in model.coef_[0]), float(model.intercept_[0]),
                   tuple(float(v) for v in mean), tuple(float(v) for v in scale), threshold, revision, about)
