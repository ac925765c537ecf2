"""What a report reads of an index, as one value: loaded from the store in one consistent state (a statement per
table, and the NLI scores in a statement per few thousand premises), or handed on by the index run that has just
written it (:func:`handed`), so that ``contradict report PATH...`` does not read back what it wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contradict.storage.store import Store
from contradict.types import Article, Candidate, Claim, ClaimRead, Fact, Story


@dataclass(frozen=True)
class Snapshot:
    """The index's content a report is built from. ``frame_reads`` is None when the stored reads were made under
    other frame rules than ``frame_rules_now`` (the caller reads the frames again); ``scores`` holds the stored NLI
    scores, (premise text, hypothesis text) -> (contradiction, entailment, neutral), of ``score_model``'s reading of
    the candidates (both ways), or nothing when no model was named."""

    articles: list[Article]
    claims: list[Claim]
    candidates: list[Candidate]
    stories: list[Story]
    facts: list[Fact]
    frame_reads: list[ClaimRead] | None
    marks: dict[str, tuple[str, str]]
    pairs_left_unread: int
    scores: dict[tuple[str, str], tuple]
    score_model: str = ""
    rule_reads: dict[str, tuple[str, str, str, str]] | None = None  # the index run's rule reads, when current
    actor_merge: tuple[str, str] | None = None  # the index run's actor merge, (basis, text), when frames are read


def both_ways(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each (a, b) text pair followed by (b, a): every pair is scored in both directions."""
    return [t for ab in pairs for t in (ab, ab[::-1])]


def score_texts(claims: dict[str, Claim], candidates: Sequence[Candidate]) -> list[tuple[str, str]]:
    """The directional text pairs the NLI model reads for ``candidates`` (near-duplicates are never read)."""
    return both_ways((claims[c.a].scored_text, claims[c.b].scored_text) for c in candidates if not c.duplicate)


def _rule_reads(store: Store, rule_rules: str | None) -> dict | None:
    return store.rule_reads() if rule_rules and store.get_meta("rule_reads") == rule_rules else None


def _actor_merge(store: Store, reads: list[ClaimRead] | None) -> tuple[str, str] | None:
    return store.actor_merge() if reads else None


def load(store: Store, frame_rules: str | None, score_model: str = "", rule_rules: str | None = None) -> Snapshot:
    """Everything a report reads, in one read transaction (whatever a concurrent writer commits meanwhile).
    ``frame_rules``: the rules the frame reads must have been made under (None: frames are off, none read);
    ``rule_rules``: those the stored rule reads must have been made under (None: none read)."""
    with store.snapshot():
        articles, claims, candidates = store.articles(), store.claims(), store.candidates()
        reads = None
        if frame_rules is None:
            reads = []
        elif store.get_meta("frame_rules") == frame_rules:
            reads = store.frame_reads()
        cl = {c.id: c for c in claims}
        scores = store.cached_scores(score_model, score_texts(cl, candidates)) if score_model else {}
        return Snapshot(articles, claims, candidates, store.stories(), store.facts(), reads, store.marks(),
                        int(store.get_meta("pairs_left_unread") or 0), scores, score_model,
                        _rule_reads(store, rule_rules), _actor_merge(store, reads))


@dataclass(frozen=True)
class Handed:
    """What an index run wrote and still holds, handed on to the report that follows it under the same write
    lock: the parts of a :class:`Snapshot` that need no reading back. ``frame_reads`` is None when the run read
    only some claims' frames (the stored reads of the others are read by the report)."""

    articles: list[Article]
    claims: list[Claim]
    stories: list[Story]
    facts: list[Fact]
    frame_reads: list[ClaimRead] | None
    pairs_left_unread: int


def handed(articles: Iterable[Article], claims: Iterable[Claim], stories: Iterable[Story], facts: Iterable[Fact],
           frame_reads: Iterable[ClaimRead] | None, pairs_left_unread: int) -> Handed:
    """A run's written content in the order and form the store gives it back: by id (claims by article and
    position), the last of an id kept, and only the frame reads that name an actor (the store keeps no others)."""
    last_fact = {f.id: f for f in facts}
    return Handed(
        articles=sorted(articles, key=lambda a: a.id),
        claims=sorted(claims, key=lambda c: (c.article_id, c.position)),
        stories=sorted(stories, key=lambda s: s.id),
        facts=[last_fact[k] for k in sorted(last_fact)],
        frame_reads=None if frame_reads is None else sorted((r for r in frame_reads if r.mentions),
                                                            key=lambda r: r.claim_id),
        pairs_left_unread=pairs_left_unread)


def complete(part: Handed, store: Store, frame_rules: str | None, score_model: str = "",
             rule_rules: str | None = None) -> Snapshot:
    """A handed-on run's content with what it does not hold (candidates, NLI scores, marks, and the frame reads
    when it holds none) read from the store in one read transaction."""
    with store.snapshot():
        candidates = store.candidates()
        reads = [] if frame_rules is None else part.frame_reads
        if reads is None:
            reads = store.frame_reads() if store.get_meta("frame_rules") == frame_rules else None
        cl = {c.id: c for c in part.claims}
        scores = store.cached_scores(score_model, score_texts(cl, candidates)) if score_model else {}
        return Snapshot(part.articles, part.claims, candidates, part.stories, part.facts, reads, store.marks(),
                        part.pairs_left_unread, scores, score_model, _rule_reads(store, rule_rules),
                        _actor_merge(store, reads))
