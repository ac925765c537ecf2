"""Candidate claim pairs across articles, each with the reasons it was considered.

Contradicting sentences are often far apart in embedding space, so candidates are the union of
(a) the top-k embedding neighbours of each new claim in *other* articles, (b) pairs that share
salient entities, numbers or dates, and, when every cross-article pair fits in
``all_pairs_limit``, simply every pair. The union is ranked by a priority (similarity plus shared
entities) and cut at ``pair_budget``. Near-duplicate claims (cosine >= ``duplicate_similarity``)
are merged: reported as duplicates, never sent to the NLI model.
"""

from __future__ import annotations

import heapq
import logging
import math
from array import array
from collections import defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

import numpy as np

from contradict.stages.entities import entities
from contradict.stages.kinds import numeric_difference, other_values
from contradict.types import Candidate, Claim, Entity, EntityKind, Reason, Route

log = logging.getLogger(__name__)

def describe(shared: Sequence[Entity]) -> str:
    return ", ".join(e.value for e in shared)


def without_numbers(shared: Sequence[Entity]) -> list[Entity]:
    return [e for e in shared if e.kind is not EntityKind.NUMBER]


@dataclass(frozen=True)
class Selection:
    candidates: list[Candidate]
    duplicates: list[Candidate]
    considered: int  # cross-article pairs involving a new claim
    dropped_by_budget: int
    within_story: int = 0  # candidates chosen by the within-story budgets
    within_facts: int = 0  # candidates read because both claims tell one fact (ahead of the budget)


_STORY, _NEIGHBOURS, _ENTITIES, _ALL_PAIRS, _RANKED, _NEAR, _FACT = 1, 2, 4, 8, 16, 32, 64  # routes of a found pair


class _Found:
    """Found pairs (a pair key, :func:`select`'s ``pair_key``) -> the bits of the routes that found them, for the
    millions of pairs a large run finds: each (key, route) is appended to two flat arrays (9 bytes, where a dict
    entry took about 80: 5,000 articles find some 4 million), then sorted and merged once (:meth:`freeze`)."""

    def __init__(self) -> None:
        self._keys, self._bits = array("q"), array("B")
        self.keys, self.bits = np.zeros(0, np.int64), np.zeros(0, np.uint8)

    def add(self, key: int, route: int) -> None:
        self._keys.append(key)
        self._bits.append(route)

    def freeze(self) -> None:
        """Each key once, in order, with the routes of all its additions."""
        keys = np.frombuffer(self._keys, np.int64)
        order = np.argsort(keys)  # routes are OR-ed: the order among one key's additions does not matter
        keys, bits = keys[order], np.frombuffer(self._bits, np.uint8)[order]
        del order
        self._keys, self._bits = array("q"), array("B")  # the added pairs' buffers go before the merge
        new = np.ones(len(keys), dtype=bool)  # where a key starts (sorted: no np.unique, which sorts again)
        np.not_equal(keys[1:], keys[:-1], out=new[1:])
        first = np.flatnonzero(new)
        del new
        self.keys = keys[first]
        self.bits = np.bitwise_or.reduceat(bits, first) if len(keys) else bits

    def mark(self, keys: Sequence[int], route: int) -> None:
        """Add ``route`` to those of ``keys`` already found (others stay unfound)."""
        if not len(self.keys) or not keys:
            return
        want = np.asarray(keys, np.int64)
        at = np.minimum(np.searchsorted(self.keys, want), len(self.keys) - 1)
        hit = at[self.keys[at] == want]
        self.bits[hit] |= np.uint8(route)

    def get(self, key: int) -> int:
        at = int(np.searchsorted(self.keys, key))
        return int(self.bits[at]) if at < len(self.keys) and self.keys[at] == key else 0

    def items(self):
        """(key, routes) in key order, a chunk of Python ints at a time."""
        for s in range(0, len(self.keys), 65_536):
            yield from zip(self.keys[s:s + 65_536].tolist(), self.bits[s:s + 65_536].tolist())


@dataclass(frozen=True)
class PairParams:
    """What :func:`select` is tuned with (recorded in the index's manifest). The first three and ``story_pairs``
    come from the settings; the rest are the selection's tuning, chosen on abp_5k."""

    all_pairs_limit: int  # at most this many cross-article pairs: every one is a candidate
    pair_budget: int  # candidates outside facts and story reserves, per run
    duplicate_similarity: float  # cosine from which two claims are one statement (never read by NLI)
    story_pairs: int = 0  # candidates reserved per article pair of a story
    rank_all_limit: int = 3_000_000  # at most this many pairs: every one ranked by priority
    entity_partners: int = 10  # per new claim, the claims sharing the most salient entities
    salient_share: float = 0.05  # an entity in at most this share of the claims is salient ...
    salient_min_claims: int = 30  # ... or in at most this many
    rare_claims: int = 200  # the entity route reads entities in at most this many claims
    overlap_weight: float = 0.02  # priority: cosine + this x shared idf (capped at overlap_cap) ...
    overlap_cap: float = 8.0
    near_bonus: float = 0.1  # ... + this for a nearest-neighbour pair
    near_similarity: float = 0.5  # a pair this similar is said to be similar in its reasons
    paraphrase_similarity: float = 0.85  # within a story: a pair above this is worth less than its similarity
    story_idf_weight: float = 0.03  # within a story: + this x shared idf (capped at story_idf_cap)
    story_idf_cap: float = 10.0
    differs_bonus: float = 0.4  # within a story: a number given another value by rule
    other_values_bonus: float = 0.2  # within a story: one thing counted with other values in any setting


def select(new_ids: Sequence[str], claims: dict[str, Claim], vectors: dict[str, np.ndarray],
           neighbours: Mapping[str, Sequence[str]], params: PairParams, *, known: Set[tuple[str, str]] = frozenset(),
           story_of: Mapping[str, str] | None = None,
           fact_pairs: Mapping[tuple[str, str], str] | None = None) -> Selection:
    """Candidate pairs that involve at least one of ``new_ids`` (new x new and new x existing), chosen as
    ``params`` (:class:`PairParams`) say.

    Within stories first (``story_of``: article id -> story id): each story whose articles include a new
    one gets ``story_pairs`` x (its article pairs involving a new article) candidates, scaled down together
    when they exceed ``pair_budget``; its pairs are ranked by :func:`story_priority` (a shared number with
    another value, shared names, similarity). The budget left goes to every other pair as follows:

    * at most ``all_pairs_limit`` cross-article pairs: every one;
    * at most ``rank_all_limit``: every pair is ranked by priority (cosine + 0.02 x idf-weighted
      shared names, numbers and dates) and the best ``pair_budget`` are kept;
    * larger: the union of each new claim's ``neighbours`` (the ids of its top-k from the vector index, other
      articles only, best first) and pairs sharing a salient entity (in at most 5% of claims), ranked the same way.

    ``fact_pairs`` ((a, b) -> what the fact is about, :mod:`contradict.stages.facts`): pairs of claims that tell one fact
    of a story. Each that involves a new claim is a candidate ahead of everything else and outside the budget
    (a near-duplicate stays a near-duplicate).

    ``known`` pairs (selected in an earlier run) are never returned again.
    """
    p = params
    all_pairs_limit, pair_budget, duplicate_similarity = p.all_pairs_limit, p.pair_budget, p.duplicate_similarity
    new = sorted(set(new_ids))
    new_set = set(new)
    per_article: dict[str, int] = defaultdict(int)
    for claim in claims.values():
        per_article[claim.article_id] += 1
    total = len(claims)
    considered = sum(total - per_article[claims[c].article_id] for c in new)
    by_art_new: dict[str, int] = defaultdict(int)
    for c in new:
        by_art_new[claims[c].article_id] += 1
    n_new = len(new)
    considered -= (n_new * n_new - sum(v * v for v in by_art_new.values())) // 2  # new x new counted twice

    ents = {cid: entities(c.text) for cid, c in claims.items()}
    df: dict[Entity, int] = defaultdict(int)
    for es in ents.values():
        for e in es:
            df[e] += 1
    max_df = max(p.salient_min_claims, int(p.salient_share * total))

    def idf(e: Entity) -> float:
        return math.log(1 + total / df[e])

    # pair -> its routes, a bit each. Millions of pairs at scale: a pair is one int, i * n + j for the positions
    # i < j of its claims in id order (a tuple of two id strings took 100 MB more per 4 million pairs)
    order = sorted(claims)
    pos = {cid: i for i, cid in enumerate(order)}
    n_ids = len(order)

    def pair_key(x: str, y: str) -> int:
        i, j = pos[x], pos[y]
        return i * n_ids + j if i < j else j * n_ids + i

    found = _Found()
    known_keys = {pair_key(a, b) for a, b in known if a in pos and b in pos}
    story_of = story_of or {}

    def same_story(a: str, b: str) -> str:
        sa = story_of.get(claims[a].article_id, "")
        return sa if sa and sa == story_of.get(claims[b].article_id) else ""

    within = _within_story(new, claims, vectors, story_of, p, known,
                           lambda a, b: math.fsum(idf(e) for e in ents[a] & ents[b]),
                           lambda a, b: sum(1 for e in ents[a] & ents[b] if e.kind is EntityKind.NAME))
    for a, b in within:
        found.add(pair_key(a, b), _STORY)
    fact_about: dict[int, str] = {}
    for (a, b), about in sorted((fact_pairs or {}).items()):
        if (a not in pos or b not in pos or claims[a].article_id == claims[b].article_id
                or not (a in new_set or b in new_set)):
            continue
        key = pair_key(a, b)
        if key not in known_keys:
            found.add(key, _FACT)
            fact_about[key] = about

    def add(x: str, y: str, reason: int):
        if claims[x].article_id == claims[y].article_id:
            return
        key = pair_key(x, y)
        if key not in known_keys:
            found.add(key, reason)

    if considered <= max(all_pairs_limit, p.rank_all_limit):
        why = _ALL_PAIRS if considered <= all_pairs_limit else _RANKED
        for c in new:
            for d in claims:
                if d != c and (d not in new_set or d > c):
                    add(c, d, why)
    else:
        for c in new:
            for d in neighbours.get(c, ()):
                add(c, d, _NEIGHBOURS)
        # entity route, bounded: per new claim, the ``entity_partners`` claims of other articles that
        # share the most (idf-weighted) salient entities with it
        rare_df = min(max_df, p.rare_claims)
        posting: dict[Entity, list[str]] = defaultdict(list)
        for cid in sorted(claims):
            for e in ents[cid]:
                if df[e] <= rare_df:
                    posting[e].append(cid)
        for c in new:
            art = claims[c].article_id
            overlap: dict[str, float] = defaultdict(float)
            for e in sorted(ents[c], key=lambda e: (e.kind.value, e.value)):  # sums in one order, whatever the seed
                for d in posting.get(e, ()):
                    if d != c and claims[d].article_id != art:
                        overlap[d] += idf(e)
            for d in sorted(overlap, key=lambda d: (-overlap[d], d))[:p.entity_partners]:
                add(c, d, _ENTITIES)

    found.freeze()
    found.mark(array("q", (pair_key(c, d) for c in new for d in neighbours.get(c, ()))), _NEAR)  # whichever route
    dup_rows, story_rows, fact_rows, others = [], [], [], [0]

    def scored():
        """(priority, a, b, similarity) of every found pair that is neither a duplicate nor within a story
        (those two are kept aside): cheap for every pair; reasons only for the kept ones."""
        for key, routes in found.items():  # in key order: the rows kept and their order do not depend on it
            a, b = order[key // n_ids], order[key % n_ids]
            sim = float(np.dot(vectors[a], vectors[b])) if a in vectors and b in vectors else 0.0
            overlap = min(p.overlap_cap, math.fsum(idf(e) for e in ents[a] & ents[b]))  # exact: no set-order effect
            row = (max(sim, 0.0) + p.overlap_weight * overlap + (p.near_bonus if routes & _NEAR else 0.0), a, b, sim)
            if sim >= duplicate_similarity:
                dup_rows.append(row)
            elif routes & _FACT:
                fact_rows.append(row)
            elif (a, b) in within:
                story_rows.append(row)
            else:
                others[0] += 1
                yield row

    # the best pair_budget rows, held without the millions of others a large run finds (the same as sorting all)
    if pair_budget > 0:
        rows = heapq.nsmallest(pair_budget, scored(), key=lambda r: (-r[0], r[1], r[2]))
    else:
        rows = []
        for _ in scored():  # the duplicates and counts are still wanted
            pass
    story_rows.sort(key=lambda r: (-within[(r[1], r[2])], r[1], r[2]))
    fact_rows.sort(key=lambda r: (r[1], r[2]))
    left = max(0, pair_budget - len(story_rows))
    dropped = max(0, others[0] - left)
    if dropped:
        log.info("pair budget: %d within stories and %d of %d other candidates kept", len(story_rows), left,
                 others[0])

    def candidate(priority: float, a: str, b: str, sim: float) -> Candidate:
        routes = found.get(pair_key(a, b))
        near_key = bool(routes & _NEAR)
        shared = sorted(ents[a] & ents[b], key=lambda e: (-idf(e), e))
        salient = [e for e in shared if df[e] <= max_df]
        near = near_key or sim >= p.near_similarity
        story = same_story(a, b)
        reasons = [Reason(Route.STORY, f"same story {story}")] if story else []
        if routes & _FACT:
            about = fact_about.get(pair_key(a, b), "")
            reasons.append(Reason(Route.FACT, "same fact" + (f": {about}" if about else "")))
        if near:
            reasons.append(Reason(Route.SIMILAR, f"similarity {sim:.2f}" + (
                " (nearest neighbours)" if near_key else "")))
        names = [e for e in shared if e.kind is EntityKind.NAME]
        if names:
            reasons.append(Reason(Route.ENTITIES, "entities: " + describe(names[:4])))
        nums = [e for e in salient if e.kind is EntityKind.NUMBER]
        if nums:
            reasons.append(Reason(Route.NUMBERS, "numbers: " + describe(nums[:3])))
        dates = [e for e in salient if e.kind in (EntityKind.DATE, EntityKind.YEAR)]
        if dates:
            reasons.append(Reason(Route.DATES, "dates: " + describe(dates[:3])))
        if routes & _ALL_PAIRS:
            reasons.append(Reason(Route.ALL_PAIRS, "all pairs (small corpus)"))
        elif not reasons:
            reasons.append(Reason(Route.RANKED, f"ranked among all pairs (similarity {sim:.2f})"))
        return Candidate(a, b, round(sim, 4), tuple(reasons), tuple(shared[:6]), priority)

    return Selection([candidate(*r) for r in fact_rows + story_rows + rows[:left]],
                     [candidate(*r) for r in sorted(dup_rows, key=lambda r: (r[1], r[2]))], considered, dropped,
                     len(story_rows), len(fact_rows))


def story_priority(similarity: float, shared_idf: float, differs: bool, other: bool = False,
                   p: PairParams = PairParams(0, 0, 1.0)) -> float:
    """How much a pair of one story is worth reading: disagreements between outlets sit at moderate
    similarity and share a name or a number, so a number given another value by rule weighs most (+0.4),
    one thing counted with other values in any setting next (+0.2), then shared names; near-paraphrases
    (cosine >= 0.85) are worth less than their similarity says."""
    sim = max(similarity, 0.0)
    if sim >= p.paraphrase_similarity:
        sim = p.paraphrase_similarity - (sim - p.paraphrase_similarity)
    bonus = p.differs_bonus if differs else p.other_values_bonus if other else 0.0
    return round(sim + p.story_idf_weight * min(shared_idf, p.story_idf_cap) + bonus, 6)


def _within_story(new: Sequence[str], claims: dict[str, Claim], vectors: dict[str, np.ndarray],
                  story_of: Mapping[str, str], p: PairParams, known, shared_idf,
                  shared_names) -> dict[tuple[str, str], float]:
    """(a, b) -> story priority of the pairs the within-story budgets choose."""
    story_pairs, pair_budget, duplicate_similarity = p.story_pairs, p.pair_budget, p.duplicate_similarity
    if not story_of or story_pairs <= 0 or pair_budget <= 0:
        return {}
    members: dict[str, list[str]] = defaultdict(list)
    for cid in sorted(claims):
        s = story_of.get(claims[cid].article_id)
        if s:
            members[s].append(cid)
    new_set = set(new)
    budgets: dict[str, int] = {}
    for s, cids in members.items():
        arts = {claims[c].article_id for c in cids}
        fresh = {claims[c].article_id for c in cids if c in new_set}
        n, m = len(arts), len(fresh)
        if n > 1 and m:
            budgets[s] = story_pairs * (m * (n - m) + m * (m - 1) // 2)
    total = sum(budgets.values())
    scale = min(1.0, pair_budget / total) if total else 1.0
    out: dict[tuple[str, str], float] = {}
    for s in sorted(budgets):
        budget = max(1, int(budgets[s] * scale))
        cids = [c for c in members[s] if c in vectors]
        news = [c for c in cids if c in new_set]
        if not news:
            continue
        mat = np.stack([vectors[c] for c in cids])
        sims = np.stack([vectors[c] for c in news]) @ mat.T
        rows = []
        for i, c in enumerate(news):
            art = claims[c].article_id
            for j, d in enumerate(cids):
                if claims[d].article_id == art or (d in new_set and d < c):
                    continue
                key = (c, d) if c < d else (d, c)
                sim = float(sims[i, j])
                if key in known or sim >= duplicate_similarity:
                    continue
                names = shared_names(c, d)
                differs = numeric_difference(claims[c].text, claims[d].text, sim, names) is not None
                other = not differs and other_values(claims[c].text, claims[d].text)
                rows.append((story_priority(sim, shared_idf(c, d), differs, other, p), key))
        rows.sort(key=lambda r: (-r[0], r[1]))
        for priority, key in rows[:budget]:
            out[key] = priority
    return out


@dataclass(frozen=True)
class RelatednessParams:
    """relatedness = clamp(base + per_cosine * max(cos, 0) + per_shared * min(shared, shared_cap), 0, 1)."""

    base: float = 0.3
    per_cosine: float = 1.4
    per_shared: float = 0.1
    shared_cap: int = 3


def relatedness(similarity: float, shared: Sequence[object], p: RelatednessParams = RelatednessParams()) -> float:
    """How related two claims are, 0..1: cosine similarity lifted by shared names, numbers and dates.

    relatedness = clamp(0.3 + 1.4 * max(cos, 0) + 0.1 * min(shared, 3), 0, 1) (:class:`RelatednessParams`).
    Contradicting news sentences often have cosine 0.2-0.35 (-> 0.6-0.8), unrelated ones below 0.1 (-> under 0.45).
    """
    return max(0.0, min(1.0, p.base + p.per_cosine * max(similarity, 0.0) + p.per_shared * min(len(shared),
                                                                                                p.shared_cap)))
