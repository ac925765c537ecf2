"""Fakes for the unit layer: a deterministic encoder and a rule-based NLI scorer (no model is loaded).

Their behaviour is simple enough to predict in a test:

* ``FakeEncoder`` embeds a text as the normalised sum of hashed word vectors (words shared -> similar).
* ``FakeScorer`` reads a pair as contradiction when the two texts differ only in a negation or in a
  number, as entailment when the hypothesis's words are all in the premise, and as neutral otherwise.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from contradict.nli import LABELS

_WORD = re.compile(r"[a-z0-9]+")
_NEGATIONS = {"not", "no", "never", "nobody"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class FakeEncoder:
    name = "fake-encoder"
    dim = 64

    def encode(self, texts) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in _words(t):
                seed = int.from_bytes(hashlib.sha1(w.encode()).digest()[:4], "little")
                out[i] += np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            n = np.linalg.norm(out[i])
            out[i] = out[i] / n if n else out[i]
        return out


class FakeScorer:
    name = "fake-nli"

    def __init__(self):
        self.calls = 0  # pairs scored: lets a test see what was (not) rescored

    def label(self, premise: str, hypothesis: str) -> str:
        p, h = _words(premise), _words(hypothesis)
        core_p = [w for w in p if w not in _NEGATIONS and not w.isdigit()]
        core_h = [w for w in h if w not in _NEGATIONS and not w.isdigit()]
        if core_p == core_h and (set(p) ^ set(h)):
            return "contradiction"  # the same sentence with a negation or a number changed
        if h and set(h) <= set(p):
            return "entailment"
        return "neutral"

    def score(self, pairs) -> np.ndarray:
        self.calls += len(pairs)
        out = np.full((len(pairs), len(LABELS)), 0.05, dtype=np.float32)
        for i, (a, b) in enumerate(pairs):
            out[i, LABELS.index(self.label(a, b))] = 0.9
        return out
