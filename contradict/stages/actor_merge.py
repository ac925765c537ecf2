"""The corpus's actor merge (:func:`contradict.stages.actors.actors`) kept between runs: the index run merges the
spellings of every stored frame read once and stores the result with its :func:`basis`, the digest of everything
the merge reads; a report takes the stored merge when the basis of the reads it holds is the same, and merges
again otherwise (another version's index, reads stored since, frames read again by the report).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from contradict.stages.actors import MIN_ARTICLES, ActorMap, actors
from contradict.types import Actor, ClaimRead

# what the merge is made under: change it with any change to the actor rules or tables (contradict.stages.actors,
# contradict.words' aliases and titles) so that a stored merge is made again
RULES_VERSION = "actors-2026-12-06-merge4b"


@dataclass(frozen=True)
class Merge:
    """:func:`contradict.stages.actors.actors`'s answer, with the basis it was made on."""

    basis: str
    actors: list[Actor]
    key_to_actor: ActorMap

    def to_text(self) -> str:
        return json.dumps({"actors": [a.to_json() for a in self.actors], "keys": dict(sorted(self.key_to_actor.items())),
                           "local": sorted([art, key, actor] for (art, key), actor in self.key_to_actor.local.items())},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, basis: str, text: str) -> Merge:
        data = json.loads(text)
        return cls(basis, [Actor.from_json(a) for a in data["actors"]],
                   ActorMap(data["keys"], local={(art, key): actor for art, key, actor in data["local"]}))


def basis(reads: Sequence[ClaimRead], article_of: Mapping[str, str], positions: Mapping[str, int]) -> str:
    """The digest of all the merge reads: the rules, and each read's claim (its article and position) and its
    mentions (text, label, start), in the order given."""
    h = hashlib.sha256(f"{RULES_VERSION}\x1d{MIN_ARTICLES}".encode())
    for r in reads:
        parts = [r.claim_id, article_of.get(r.claim_id, ""), str(positions.get(r.claim_id, -1))]
        for m in r.mentions:
            parts += [m.text, m.label, str(m.start)]
        h.update(("\x1e" + "\x1f".join(parts)).encode())
    return h.hexdigest()


def merge(reads: Sequence[ClaimRead], article_of: Mapping[str, str], positions: Mapping[str, int],
          stored: tuple[str, str] | None = None) -> Merge:
    """The actors of ``reads``: the ``stored`` merge, (basis, text) as the store keeps it, when it was made on the
    same basis; else merged now."""
    b = basis(reads, article_of, positions)
    if stored is not None and stored[0] == b:
        return Merge.from_text(*stored)
    found, key_to_actor = actors(reads, article_of, positions=positions)
    return Merge(b, found, key_to_actor)
