"""Roll scored claim pairs up into tensions between articles.

Pair score (the ranking score): P(contradiction) x relatedness (see ``pairs.relatedness``), so an
unrelated pair that a model calls contradictory ranks below a related one. Agreements are ranked
by P(entailment), in the direction that reads it best, x relatedness.

A tension is one article pair: its contradictions (pairs labelled contradiction whose score
reaches the threshold, 0.35 by default), agreements (pairs labelled entailment), a topic label (the names most
shared by its contradicting pairs) and a score: the sum of its contradiction scores.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .pairs import describe, relatedness, without_numbers
from .types import Claim, Entity, EntityKind, Pair, Reason, Tension


def make_pair(a: Claim, b: Claim, label: str, probs: dict, similarity: float, reasons: Sequence[Reason],
              shared: Sequence[Entity], entailment_one_way: float = 0.0) -> Pair:
    if (a.article_id, a.id) > (b.article_id, b.id):
        a, b = b, a
    rel = relatedness(similarity, without_numbers(shared))  # a shared number says little about relatedness
    return Pair(a=a, b=b, label=label, probs=probs, similarity=round(similarity, 4),
                score=round(probs["contradiction"] * rel, 4), reasons=tuple(reasons), shared=tuple(shared),
                entailment_one_way=round(entailment_one_way, 4))


def agreement_score(p: Pair) -> float:
    """P(entailment) in the direction that reads it best (one claim implying the other), x relatedness.

    Unlike a pair's score, this counts shared numbers in the relatedness (as it always has; kept so that
    reports do not change without a measured reason)."""
    return round(max(p.probs["entailment"], p.entailment_one_way) * relatedness(p.similarity, p.shared), 4)


def counts_as_contradiction(p: Pair, threshold: float) -> bool:
    return p.label == "contradiction" and p.score >= threshold


def rank(pairs: Iterable[Pair], top: int | None = None) -> tuple[list[Pair], list[Pair]]:
    """(pairs labelled contradiction by score, agreements by agreement score); ties broken by pair id.

    The threshold does not filter this list: it decides which contradictions count in tensions.
    """
    pairs = list(pairs)
    contra = sorted((p for p in pairs if p.label == "contradiction"), key=lambda p: (-p.score, p.id))
    agree = sorted((p for p in pairs if p.label == "entailment"), key=lambda p: (-agreement_score(p), p.id))
    if top is not None:
        contra, agree = contra[:top], agree[:top]
    return contra, agree


def topic(pairs: Sequence[Pair], limit: int = 3) -> str:
    names: Counter[Entity] = Counter()
    for p in pairs:
        names.update(e for e in p.shared if e.kind is EntityKind.NAME)
    if not names:
        for p in pairs:
            names.update(p.shared)
    best = [n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
    if not best:
        return "no shared names"
    text = describe(best)
    return " and ".join(text.rsplit(", ", 1)) if len(best) > 1 else text


def tensions(pairs: Iterable[Pair], threshold: float) -> list[Tension]:
    by_articles: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for p in pairs:
        by_articles[(p.a.article_id, p.b.article_id)].append(p)
    out = []
    for key, ps in by_articles.items():
        contra = [p for p in ps if counts_as_contradiction(p, threshold)]
        agree = [p for p in ps if p.label == "entailment"]
        if not contra and not agree:
            continue
        contra.sort(key=lambda p: (-p.score, p.id))
        out.append(Tension(
            articles=key, topic=topic(contra or agree), contradictions=len(contra), agreements=len(agree),
            score=round(sum(p.score for p in contra), 4), pair_ids=tuple(p.id for p in contra),
        ))
    out.sort(key=lambda t: (-t.score, -t.agreements, t.articles))
    return out
