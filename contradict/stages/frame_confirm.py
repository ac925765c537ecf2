"""The relation model as a second reader of the parse's links (issue 39): a link stays only where the model,
reading the claim with the link's two actors marked, gives its relation at least ``threshold``.

The parse reads a relation wherever a lexicon word ties two named actors; about half of what it reads is not what
a reader reads (`benchmarks/frame_quality.py score`). The relation model (:mod:`contradict.backends.relations`),
trained on abp_5k claims labelled by reading, tells many of those apart: on abp_5k claims it was not trained on it
kept the parse's right links and dropped most of its wrong ones (the figures are in docs/how-it-works.md "Frames").
It adds no link of its own: alone it reads far less surely than the parse.

A link whose actor the parse resolved from the sentence before (no span in the claim) cannot be marked and stays.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from contradict.backends.relations import RELATIONS, RelationScorer, mark
from contradict.stages.frame_reader import Reader
from contradict.types import Claim, ClaimRead, Link, Mention, Relation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConfirmParams:
    threshold: float = 0.1  # the model's probability of the link's relation below which the link goes


def _spans(read: ClaimRead, m: Mention) -> list[tuple[int, int]]:
    """The spans of ``m`` and of every other mention of the claim spelled the same (all are marked, as trained)."""
    key = m.text.casefold()
    return sorted({(x.start, x.end) for x in (*read.mentions, m) if x.start >= 0 and x.text.casefold() == key})


def confirm(reads: Sequence[ClaimRead], texts: dict[str, str], scorer: RelationScorer,
            params: ConfirmParams = ConfirmParams()) -> list[ClaimRead]:
    """``reads`` with the links the model does not confirm removed (mentions kept); ``texts``: claim id -> text."""
    asks: list[str] = []
    where: list[tuple[int, int, int]] = []  # (read, link, column) of each text asked
    for r, read in enumerate(reads):
        for k, link in enumerate(read.links):
            if link.source.start < 0 or link.target.start < 0:
                continue
            col = RELATIONS.index(link.relation.value)
            src, tgt = _spans(read, link.source), _spans(read, link.target)
            if set(src) & set(tgt):
                continue
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
    """A :class:`~contradict.stages.frame_reader.Reader` whose links the relation model confirms (:func:`confirm`);
    ``nlp`` and ``close`` are the inner reader's."""

    def __init__(self, reader: Reader, scorer: RelationScorer, params: ConfirmParams = ConfirmParams()):
        self.reader, self.scorer, self.params = reader, scorer, params

    @property
    def nlp(self):
        return getattr(self.reader, "nlp", None)

    def close(self) -> None:
        close = getattr(self.reader, "close", None)
        if close is not None:
            close()

    def read(self, items: Sequence[tuple[Claim, str]]) -> list[ClaimRead]:
        reads = self.reader.read(items)
        return confirm(reads, {c.id: c.text for c, _ in items}, self.scorer, self.params)
