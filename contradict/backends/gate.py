"""A cheap learned gate in front of the NLI cascade: pairs that cannot contradict (or agree) are not read.

The cross-encoders read a claim pair in milliseconds; most candidate pairs of a news corpus are two claims
that are merely related, which both models call neutral. The gate reads a pair from what is already computed,
the two claims' sentence vectors, plus a few cheap word features (numbers, names, negation), in microseconds,
and gives P(the cascade calls this pair contradiction or entailment). A pair under the gate's threshold is
not read by either model and is scored neutral (``DROPPED``); the rest go to the cascade as before.

Features are symmetric in the two claims (|u - v|, u * v, and symmetric word features), so both directions of
a pair get one decision, and a decision depends on the pair alone (never on its batch-mates): scores stay a
pure function of the pair. The weights (a one-hidden-layer network, ``gate.npz``) and the threshold
(``gate.json``: chosen on abp_5k's dev stories for recall of the cascade's contradictions) ship in
``contradict/models/contradict-gate``; ``contradict.lab.gate`` fits them (``benchmarks/gate_fit.py``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from contradict.backends.models import SHIPPED_DIR
from contradict.errors import ContradictError
from contradict.types import LABELS
from contradict.words import NEGATIONS

log = logging.getLogger(__name__)

GATE_DIR = SHIPPED_DIR / "contradict-gate"
DROPPED = np.array([0.0 if lab != "neutral" else 1.0 for lab in LABELS], dtype=np.float32)

_NUMBER = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’.-]+")
_WORD = re.compile(r"[a-z0-9']+")
_NEGATIONS = frozenset(NEGATIONS)
WORD_FEATURES = ("numbers_a_only", "numbers_shared", "names_a_only", "names_shared", "negation_differs",
                 "negation_any", "word_jaccard", "length_ratio", "cosine", "shorter_words", "longer_words",
                 "unpunctuated_any", "unpunctuated_both")


def _words(text: str) -> tuple[set[str], set[str], set[str], bool]:
    lower = text.lower()
    words = set(_WORD.findall(lower))
    nums = {n.rstrip(".,") for n in _NUMBER.findall(text)}
    names = {n.rstrip(".").lower() for n in _NAME.findall(text)}
    return words, nums, names, bool(words & _NEGATIONS or "n't" in lower)


def _unpunctuated(text: str) -> bool:
    """Ends without a sentence's closing mark: a heading, a title, a caption."""
    return not text.rstrip().rstrip("\"'”’)").endswith((".", "!", "?", ":"))


def word_features(a: str, b: str, cosine: float) -> list[float]:
    """The cheap features of one pair, symmetric in ``a`` and ``b`` (``WORD_FEATURES`` order)."""
    wa, na, ma, ga = _words(a)
    wb, nb, mb, gb = _words(b)
    la, lb = len(a) or 1, len(b) or 1
    return [
        float(len(na ^ nb) > 0), float(len(na & nb) > 0),
        min(len(ma ^ mb), 5) / 5, min(len(ma & mb), 5) / 5,
        float(ga != gb), float(ga or gb),
        len(wa & wb) / max(len(wa | wb), 1), min(la, lb) / max(la, lb), cosine,
        min(len(wa), len(wb), 60) / 60, min(max(len(wa), len(wb)), 60) / 60,
        float(_unpunctuated(a) or _unpunctuated(b)), float(_unpunctuated(a) and _unpunctuated(b)),
    ]


def features(u: np.ndarray, v: np.ndarray, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """One row per pair: |u - v|, u * v of the unit vectors, then :func:`word_features`."""
    u = u / np.maximum(np.linalg.norm(u, axis=1, keepdims=True), 1e-12)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    prod = u * v
    cos = prod.sum(axis=1)
    cheap = np.array([word_features(x, y, float(c)) for x, y, c in zip(a, b, cos)], dtype=np.float32)
    return np.hstack([np.abs(u - v), prod, cheap.reshape(len(a), len(WORD_FEATURES))]).astype(np.float32)


def _quantize(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = (np.abs(w).max(axis=0, keepdims=True) / 127).astype(np.float32)
    scale[scale == 0] = 1.0
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def int8_columns(w: np.ndarray) -> np.ndarray:
    """``w`` rounded to int8 with one scale per column (hidden unit): the weights the gate ships and runs."""
    q, s = _quantize(np.asarray(w, dtype=np.float32))
    return q.astype(np.float32) * s


@dataclass(frozen=True)
class Gate:
    """A one-hidden-layer network over :func:`features`, its input scaling, and a threshold on its output."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: float
    threshold: float
    version: str

    def probability(self, x: np.ndarray) -> np.ndarray:
        if x.shape[1] != len(self.mean):
            raise ContradictError(f"the NLI gate {self.version} reads {len(self.mean)} features, these claim vectors "
                                  f"give {x.shape[1]}: it was fitted on another embedding model",
                                  hint="run with --nli-gate none, or fit a gate on this model (benchmarks/gate_fit.py)")
        h = np.maximum((x - self.mean) / self.scale @ self.w1 + self.b1, 0.0)
        z = h @ self.w2 + self.b2
        return (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)

    def save(self, directory: Path, card: dict) -> None:
        """``gate.npz`` (the weight matrix as int8 with a scale per hidden unit: :func:`int8_columns`, which the
        gate's own weights must already be rounded to) and ``gate.json`` (version, threshold, ``card``)."""
        q, s = _quantize(self.w1)
        if not np.array_equal(q.astype(np.float32) * s, self.w1):
            raise ValueError("the gate's weights are not int8 columns: round them with int8_columns first")
        directory.mkdir(parents=True, exist_ok=True)
        np.savez(directory / "gate.npz", mean=self.mean, scale=self.scale, w1_int8=q, w1_scale=s, b1=self.b1,
                 w2=self.w2, b2=np.float32(self.b2))
        (directory / "gate.json").write_text(json.dumps({"version": self.version, "threshold": self.threshold,
                                                         **card}, indent=1, sort_keys=True) + "\n")

    @classmethod
    def load(cls, directory: Path = GATE_DIR, threshold: float | None = None) -> Gate:
        try:
            meta = json.loads((Path(directory) / "gate.json").read_text())
            w = np.load(Path(directory) / "gate.npz")
            w1 = w["w1_int8"].astype(np.float32) * w["w1_scale"]
            return cls(w["mean"], w["scale"], w1, w["b1"], w["w2"], float(w["b2"]),
                       float(meta["threshold"] if threshold is None else threshold), str(meta["version"]))
        except (OSError, KeyError, ValueError) as exc:
            raise ContradictError(f"cannot load the NLI gate from {directory}: {exc}",
                                  hint="reinstall contradict, or run with --nli-gate none") from exc


def gated_name(inner: str, gate: Gate) -> str:
    """The name of a :class:`GatedScorer` in front of the scorer named ``inner``."""
    return f"{inner} (gate {gate.version} >= {gate.threshold:g})"


class GatedScorer:
    """``inner`` reads only the pairs ``gate`` keeps; the others are scored :data:`DROPPED` (neutral).

    ``vectors(texts) -> float32[n, d]`` gives the sentence vectors the gate reads (the index's own claim
    vectors, cached). The name names the gate and its threshold, so scores cached without it (or with another
    threshold) are not read as its own. ``dropped`` counts the directional pairs the gate kept from ``inner``.
    """

    def __init__(self, inner, gate: Gate, vectors: Callable[[Sequence[str]], np.ndarray]):
        self.inner, self.gate, self.vectors = inner, gate, vectors
        self.name = gated_name(inner.name, gate)
        self.dropped = 0

    def keep(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Which pairs the gate passes (one bool per pair, the same for (a, b) and (b, a))."""
        texts = sorted({t for p in pairs for t in p})
        at = {t: i for i, t in enumerate(texts)}
        vecs = np.asarray(self.vectors(texts), dtype=np.float32)
        ia = [at[a] for a, _ in pairs]
        ib = [at[b] for _, b in pairs]
        x = features(vecs[ia], vecs[ib], [a for a, _ in pairs], [b for _, b in pairs])
        return self.gate.probability(x) >= self.gate.threshold

    def score(self, pairs: Sequence[tuple[str, str]], progress: Callable | None = None) -> np.ndarray:
        pairs = list(pairs)
        out = np.tile(DROPPED, (len(pairs), 1))
        if not pairs:
            return out
        keep = np.flatnonzero(self.keep(pairs))
        self.dropped += len(pairs) - len(keep)
        log.info("nli gate: %d of %d directional pairs passed to %s", len(keep), len(pairs), self.inner.name)
        if len(keep):
            kw = {"progress": progress} if progress else {}
            out[keep] = self.inner.score([pairs[i] for i in keep], **kw)
        elif progress:
            progress(len(pairs), len(pairs))
        return out
