"""The store's cache tables: claim vectors, candidate pairs and NLI scores, each read a few thousand to a
statement (a part of :class:`contradict.storage.store.Store`). Vectors and scores are pure functions of the model
and the text, so they are kept across failed runs: the next run resumes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

import numpy as np

from contradict.storage import sql
from contradict.types import Candidate, Entity, Reason, content_hash


class CacheRows:
    """Rows a run computes and may compute again: vectors by text, candidate pairs by claim ids, NLI scores by
    (model, premise, hypothesis)."""

    db: sqlite3.Connection

    # ------------------------------------------------------------ vectors

    def cached_vectors(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those of ``texts`` that have one (text -> vector), in a statement per
        few thousand texts."""
        by_hash = {content_hash(t): t for t in set(texts)}
        out = {}
        for part, marks in sql.in_parts(sorted(by_hash), sql.params(self.db) - 1):
            for h, vec in self.db.execute(f"SELECT text_hash, vec FROM vectors WHERE model = ? AND text_hash IN ({marks})",
                                          [model, *part]):
                out[by_hash[h]] = np.frombuffer(vec, dtype=np.float32)
        return out

    def put_vectors(self, model: str, texts: Sequence[str], vecs: np.ndarray) -> None:
        sql.insert(self.db, "INSERT OR REPLACE INTO vectors",
                [(model, content_hash(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vecs)])

    # ------------------------------------------------------------ candidate pairs and NLI scores

    def candidate_keys(self) -> set[tuple[str, str]]:
        return set(self.db.execute("SELECT a, b FROM candidates"))

    def put_candidates(self, cands: Iterable[Candidate]) -> None:
        """Store candidate pairs; a pair already stored is kept as it is."""
        sql.insert(self.db, "INSERT OR IGNORE INTO candidates",
                [(c.a, c.b, c.similarity, _encode_reasons(c), json.dumps([e.encode() for e in c.shared]))
                 for c in cands])

    def candidates_touching(self, claim_ids: Iterable[str]) -> list[Candidate]:
        """The candidate pairs with ``claim_ids`` on either side, as :meth:`candidates` gives them."""
        out, read = {}, _Reader()
        for part, marks in sql.in_parts(sorted(set(claim_ids)), 400):  # each id bound twice
            for row in self.db.execute(
                    f"SELECT a, b, similarity, reasons, shared FROM candidates WHERE a IN ({marks}) OR b IN ({marks})",
                    part + part):
                out[(row[0], row[1])] = read(*row)
        return [out[k] for k in sorted(out)]

    def candidates(self) -> list[Candidate]:
        """Every stored candidate pair, by claim ids."""
        read = _Reader()
        return [read(*row) for row in
                self.db.execute("SELECT a, b, similarity, reasons, shared FROM candidates ORDER BY a, b")]

    def cached_scores(self, model: str, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple]:
        """The stored scores of those of the (premise, hypothesis) text ``pairs`` that have one: the rows of their
        premises, a statement per few thousand premises, kept where the hypothesis is one asked for."""
        hashes: dict[str, str] = {}
        want: dict[tuple[str, str], tuple[str, str]] = {}
        for p, h in pairs:
            hp = hashes.get(p) or hashes.setdefault(p, content_hash(p))
            hh = hashes.get(h) or hashes.setdefault(h, content_hash(h))
            want[(hp, hh)] = (p, h)
        out = {}
        for part, marks in sql.in_parts(sorted({hp for hp, _ in want}), sql.params(self.db) - 1):
            for hp, hh, *row in self.db.execute(
                    "SELECT premise, hypothesis, contradiction, entailment, neutral FROM nli "
                    f"WHERE model = ? AND premise IN ({marks})", [model, *part]):
                texts = want.get((hp, hh))
                if texts is not None:
                    out[texts] = tuple(row)
        return out

    def put_scores(self, model: str, pairs: Sequence[tuple[str, str]],
                   probs: Sequence[Sequence[float]] | np.ndarray) -> None:
        """probs rows are (contradiction, entailment, neutral)."""
        sql.insert(self.db, "INSERT OR REPLACE INTO nli",
                [(model, content_hash(p), content_hash(h), float(r[0]), float(r[1]), float(r[2]))
                 for (p, h), r in zip(pairs, probs)])


# A near-duplicate is stored as a candidate whose reasons end with this marker (the store's own encoding).
_DUPLICATE = "near-duplicate"


def _encode_reasons(c: Candidate) -> str:
    return json.dumps([r.text for r in c.reasons] + ([_DUPLICATE] if c.duplicate else []))


class _Reader:
    """Stored candidate rows as candidates: a reason or a list of shared entities met again (a story's reason,
    a name) is the same frozen value, decoded once per read."""

    def __init__(self) -> None:
        self.reasons: dict[str, Reason] = {}
        self.shared: dict[str, tuple[Entity, ...]] = {}

    def _reason(self, text: str) -> Reason:
        r = self.reasons.get(text)
        if r is None:
            r = self.reasons[text] = Reason.parse(text)
        return r

    def __call__(self, a: str, b: str, similarity: float, reasons: str, shared: str) -> Candidate:
        texts = json.loads(reasons)
        duplicate = _DUPLICATE in texts
        ents = self.shared.get(shared)
        if ents is None:
            ents = self.shared[shared] = tuple(Entity.decode(e) for e in json.loads(shared))
        return Candidate(a, b, similarity, tuple(self._reason(t) for t in texts if t != _DUPLICATE), ents,
                         duplicate=duplicate)
