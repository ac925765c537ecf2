"""The relation model as a second reader of the parse's links (issue 39): a link stays only where the model,
reading the claim with the link's two actors marked, gives its relation at least ``threshold``.

The parse reads a relation wherever a lexicon word ties two named actors; about half of what it reads is not what
a reader reads (`benchmarks/frame_quality.py score`). A relation model (:mod:`contradict.backends.relations`),
trained on abp_5k claims labelled by reading (`benchmarks/frame_learned.py`), tells many of those apart on news, and
fails on registers it never saw: docs/how-it-works.md "Frames" gives the figures, and why it is off by default
(setting ``relation_model``). It adds no link of its own: alone it reads far less surely than the parse.

A link whose actor the parse resolved from the sentence before (no span in the claim) cannot be marked and stays.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from contradict.backends.relations import RELATIONS, RelationScorer, mark
from contradict.stages.actors import country_table, mention_key
from contradict.stages.frame_reader import Reader
from contradict.stages.frames import rules_of
from contradict.types import Claim, ClaimRead, Link, Mention, Relation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConfirmParams:
    threshold: float = 0.5  # the model's probability of the link's relation below which the link goes


def _actor(m: Mention) -> str:
    """A mention's actor as training marked them (``frame_learned.pairs``): its key, or its country's."""
    key = mention_key(m.text)
    table = country_table()
    return mention_key(table[key]) if key in table else key


def _same(a: Mention, b: Mention) -> bool:
    """Whether two mentions of one claim name one actor: one key or country, or a surname and the person's full
    name that ends with it ("Cruz", "Ted Cruz"), as the labelled actor maps merged them in training; not a place
    or a body whose name ends another's ("Sudan", "South Sudan"; "House", "White House")."""
    x, y = _actor(a), _actor(b)
    if x == y:
        return True
    (short, _), (full, label) = sorted(((x, a.label), (y, b.label)), key=lambda t: len(t[0]))
    return label == "PERSON" and " " not in short and full.endswith(" " + short)


def _spans(read: ClaimRead, m: Mention) -> list[tuple[int, int]]:
    """The spans of ``m`` and of every other mention of the claim naming its actor (all are marked, as trained)."""
    return sorted({(x.start, x.end) for x in (*read.mentions, m) if x.start >= 0 and _same(x, m)})


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def confirm(reads: Sequence[ClaimRead], texts: dict[str, str], scorer: RelationScorer,
            params: ConfirmParams = ConfirmParams()) -> list[ClaimRead]:
    """``reads`` with the links the model does not confirm removed (mentions kept); ``texts``: claim id -> text.
    A link the model cannot be asked about stays: an actor from the sentence before, or two actors whose mentions
    overlap."""
    asks: list[str] = []
    where: list[tuple[int, int, int]] = []  # (read, link, column) of each text asked
    for r, read in enumerate(reads):
        for k, link in enumerate(read.links):
            if link.source.start < 0 or link.target.start < 0:
                continue
            src, tgt = _spans(read, link.source), _spans(read, link.target)
            if _overlap(src, tgt):
                continue
            col = RELATIONS.index(link.relation.value)
            asks.append(mark(texts[read.claim_id], src, tgt))
            where.append((r, k, col))
            if link.relation is Relation.ALLIED:  # symmetric: either order may carry it
                asks.append(mark(texts[read.claim_id], tgt, src))
                where.append((r, k, col))
    if not asks:
        return list(reads)
    probs = scorer.score(asks)
    best: dict[tuple[int, int], float] = {}
    for (r, k, col), p in zip(where, probs):
        best[(r, k)] = max(best.get((r, k), 0.0), float(p[col]))
    out, dropped = [], 0
    for r, read in enumerate(reads):
        keep: list[Link] = [link for k, link in enumerate(read.links) if best.get((r, k), 1.0) >= params.threshold]
        dropped += len(read.links) - len(keep)
        out.append(read if len(keep) == len(read.links) else dataclasses.replace(read, links=tuple(keep)))
    log.info("frames: the relation model confirmed %d of %d links it read", len(best) - dropped, len(best))
    return out


class ConfirmedReader:
    """A :class:`~contradict.stages.frame_reader.Reader` whose links the relation model confirms (:func:`confirm`).
    ``inner`` is the reader that parses (the pipeline, the claim split and the speakers are its); ``rules`` is
    what its reads are stored under: the inner reader's rules, the model and the threshold."""

    def __init__(self, reader: Reader, scorer: RelationScorer, params: ConfirmParams = ConfirmParams()):
        self.inner, self.scorer, self.params = reader, scorer, params
        self.rules = f"{rules_of(reader)} {scorer.name} t={params.threshold:g}"

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()

    def read(self, items: Sequence[tuple[Claim, str]]) -> list[ClaimRead]:
        reads = self.inner.read(items)
        return confirm(reads, {c.id: c.text for c, _ in items}, self.scorer, self.params)
