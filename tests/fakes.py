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

from contradict.backends.nli import LABELS

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


_RELATION = re.compile(r"\b([A-Z][A-Za-z]+) (supports|funds|arms|backs|fights|attacks|opposes|threatens|allies with) "
                       r"([A-Z][A-Za-z]+)\b")
_VERBS = {"supports": "supports", "funds": "supports", "arms": "supports", "backs": "supports", "fights": "opposes",
          "attacks": "opposes", "opposes": "opposes", "threatens": "threatens", "allies with": "allied with"}


class FakeFrameReader:
    """A frame reader without spaCy: capitalised words after a claim's first are actors (ORG), and
    "X supports|funds|arms|backs|fights|attacks|opposes|threatens|allies with Y" is a relation (p 0.9)."""

    def __init__(self, model: str = "", **options):
        self.claims_read = 0  # lets a test see what was (not) read again

    def read(self, items):
        from contradict.types import ClaimRead, Link, Mention, Relation

        out = []
        for claim, _ in items:
            self.claims_read += 1
            text = claim.text
            mentions = tuple(Mention(m.group(0), "ORG", m.start(), m.end())
                             for m in re.finditer(r"\b[A-Z][A-Za-z]+\b", text) if m.start() > 0)
            by_start = {m.start: m for m in mentions}
            links = tuple(Link(by_start[m.start(1)], by_start[m.start(3)], Relation(_VERBS[m.group(2)]), 0.9,
                               m.group(2)) for m in _RELATION.finditer(text)
                          if m.start(1) in by_start and m.start(3) in by_start)
            out.append(ClaimRead(claim.id, mentions, links))
        return out


class FakeModels:
    """The fakes, built in each Ray worker (``RayEngine(factories=FakeModels())``); ``die_once`` names a file:
    the first worker to embed creates it and then exits, as a worker killed mid-stage; ``die_always`` exits
    every time."""

    def __init__(self, die_once: str | None = None, die_always: bool = False):
        self.die_once, self.die_always = die_once, die_always

    def encoder(self):
        if not (self.die_once or self.die_always):
            return FakeEncoder()
        return _DyingEncoder(self.die_once, self.die_always)

    def scorer(self):
        return FakeScorer()

    def reader(self):
        return FakeFrameReader()


class _DyingEncoder(FakeEncoder):
    def __init__(self, marker, always):
        self.marker, self.always = marker, always

    def encode(self, texts):
        import os
        from pathlib import Path

        if len(texts) > 1 and (self.always or not Path(self.marker).exists()):
            if self.marker:
                Path(self.marker).touch()
            os._exit(1)  # the worker process dies mid-stage
        return super().encode(texts)
