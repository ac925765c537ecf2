"""Facts: the claims of one story's articles that tell one event, quantity or statement (issue 37).

Two articles of one story disagree on *facts*: one vote, one sum, one speech, told with another value. A fact is
found by aligning the claims of each pair of the story's articles: a claim and its best match in the other
article (each the other's best, by cosine) tell one fact when they are close (``FactParams.strong``), or related
(``FactParams.related``) and share what a fact is made of: a salient name, a number, a date, or the thing a
quantity counts; a claim that counts the same thing as another of the other article with another value is
aligned to it too, whether or not it is its best match (the disagreements a reader looks for first). Aligned
pairs are joined across article pairs (a claim of the first article aligned with one of the second and one of
the third makes one fact of three claims); a fact holds claims of two or more articles.

Every cross-article pair within a fact is read (NLI and the slot rules of :mod:`contradict.stages.slots`) ahead of the
pair budget: a story with many facts costs more, a corpus of unrelated articles costs nothing more. Values in,
values out: no store, no model.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from contradict.stages.entities import entities
from contradict.stages.kinds import quantities
from contradict.types import Claim, EntityKind, Fact

# what stored facts were aligned under, with the parameters and the embedding model (:func:`basis`): change it with
# any change to how claims are aligned (align, _salient, _things, the word tables they read)
RULES_VERSION = "facts-2026-12-06c"


@dataclass(frozen=True)
class FactParams:
    """How claims are aligned into facts; recorded in the manifest with the run's other stage parameters."""

    strong: float = 0.70  # mutual best matches this close tell one fact with nothing else shared
    # mutual best matches this close tell one fact when they share a name, number or date. Chosen on abp_5k's
    # labelled same-fact flags (train and dev): at 0.50 the pairs within facts were same-fact 0.44 of the time and
    # held 0.54 of the same-fact pairs; at 0.60, 0.49 and 0.53, with a third fewer pairs to read
    related: float = 0.60
    counted: float = 0.45  # two claims counting one thing with other values, this close, tell one fact
    max_claims_per_article: int = 4  # a larger group chains several facts together: only its strong links stay
    max_articles: int = 40  # stories beyond this many articles are aligned on their 40 latest (cost bound)


def _salient(text: str) -> set[str]:
    return {f"{e.kind.value}:{e.value.lower()}" for e in entities(text)
            if e.kind in (EntityKind.NAME, EntityKind.NUMBER, EntityKind.DATE, EntityKind.YEAR)}


def _things(text: str) -> dict[str, set]:
    out: dict[str, set] = defaultdict(set)
    for q in quantities(text):
        if q.thing != "weekday":
            out[q.thing].add(q.value)
    return out


def _one_document(thing: str) -> bool:
    return " " in thing and not thing.startswith(("percent", "year"))


class _Union:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def align(story: str, by_article: Mapping[str, Sequence[Claim]], vectors: Mapping[str, np.ndarray],
          params: FactParams = FactParams()) -> list[Fact]:
    """The facts of one story: ``by_article`` maps each of its articles to its claims (with vectors)."""
    arts = sorted(a for a, cs in by_article.items() if any(c.id in vectors for c in cs))[-params.max_articles:]
    if len(arts) < 2:
        return []
    claims = {a: sorted((c for c in by_article[a] if c.id in vectors), key=lambda c: c.id) for a in arts}
    mats = {a: np.stack([vectors[c.id] for c in claims[a]]) for a in arts}
    sal = {c.id: _salient(c.text) for a in arts for c in claims[a]}
    things = {c.id: _things(c.text) for a in arts for c in claims[a]}
    links: list[tuple[str, str, float, str]] = []  # (a, b, cosine, why)
    for i, x in enumerate(arts):
        for y in arts[i + 1:]:
            sims = mats[x] @ mats[y].T
            best_y = sims.argmax(axis=1)
            best_x = sims.argmax(axis=0)
            for p, q in enumerate(best_y):
                s = float(sims[p, q])
                if best_x[q] != p or s < params.related:
                    continue
                a, b = claims[x][p].id, claims[y][q].id
                shared = sal[a] & sal[b]
                if s >= params.strong or shared:
                    links.append((a, b, s, "strong" if s >= params.strong else "shared"))
            # counted with other values: the same thing counted on both sides, no value in common
            for p, ca in enumerate(claims[x]):
                if not things[ca.id]:
                    continue
                for q, cb in enumerate(claims[y]):
                    s = float(sims[p, q])
                    if s < params.counted or not things[cb.id]:
                        continue
                    common = set(things[ca.id]) & set(things[cb.id])
                    differ = [t for t in common if not (things[ca.id][t] & things[cb.id][t])]
                    # a compound thing ("48-page indictment") names its one document or act: no name need be shared
                    # (an age or a share is no such thing: "a 35-year-old man", "40 percent of voters")
                    if differ and (sal[ca.id] & sal[cb.id] or any(_one_document(t) for t in differ)):
                        links.append((ca.id, cb.id, s, "counted"))
    article_of = {c.id: a for a in arts for c in claims[a]}
    groups = _groups(links, article_of, params)
    out = []
    for members in groups:
        shared = set.intersection(*(sal[c] for c in members)) if members else set()
        if not shared:  # what most of its claims share
            count: dict[str, int] = defaultdict(int)
            for c in members:
                for e in sal[c]:
                    count[e] += 1
            shared = {e for e, n in count.items() if n >= 2}
        about = ", ".join(e.split(":", 1)[1] for e in sorted(shared, key=lambda e: (e.split(":")[0] != "name", e))[:4])
        fid = "fact-" + hashlib.sha256("\n".join(members).encode()).hexdigest()[:10]
        out.append(Fact(fid, story, tuple(members), about))
    return sorted(out, key=lambda f: f.id)


def _groups(links, article_of: Mapping[str, str], params: FactParams) -> list[tuple[str, ...]]:
    """Connected groups of aligned claims; a group holding more than ``max_claims_per_article`` claims of one
    article is joined again by its strong links only (and any group still too large is split into its links)."""
    def join(which) -> list[tuple[str, ...]]:
        u = _Union()
        for a, b, _, _ in which:
            u.join(a, b)
        members: dict[str, list[str]] = defaultdict(list)
        for c in sorted({x for a, b, _, _ in which for x in (a, b)}):
            members[u.find(c)].append(c)
        return [tuple(m) for m in members.values()]

    def too_big(g) -> bool:
        count: dict[str, int] = defaultdict(int)
        for c in g:
            count[article_of[c]] += 1
        return max(count.values()) > params.max_claims_per_article

    out = []
    for g in join(links):
        if not too_big(g):
            out.append(g)
            continue
        inside = set(g)
        strong = [lk for lk in links if lk[0] in inside and lk[3] == "strong"]
        for h in join(strong):
            out.append(h) if not too_big(h) else out.extend(tuple(sorted((a, b))) for a, b, _, _ in strong
                                                            if a in h)
        weak = [lk for lk in links if lk[0] in inside and lk[3] != "strong"]
        out.extend(tuple(sorted((a, b))) for a, b, _, _ in weak)
    uniq = sorted(set(out))
    return [g for g in uniq if len({article_of[c] for c in g}) >= 2]


def story_facts(claims: Mapping[str, Claim], vectors: Mapping[str, np.ndarray], story_of: Mapping[str, str],
                stories: Collection[str] | None = None, params: FactParams = FactParams()) -> list[Fact]:
    """The facts of every story (or of ``stories``): ``story_of`` maps article ids to story ids."""
    by_story: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims.values():
        s = story_of.get(c.article_id)
        if s and (stories is None or s in stories):
            by_story[s][c.article_id].append(c)
    out = []
    for s in sorted(by_story):
        out += align(s, by_story[s], vectors, params)
    return out


def basis(params: FactParams, embed_model: str) -> str:
    """What a story's facts depend on besides its claims and their vectors: a run keeps a story's stored facts only
    under the same basis (``meta.fact_basis``)."""
    return json.dumps({"rules": RULES_VERSION, "params": dataclasses.asdict(params), "embed_model": embed_model},
                      sort_keys=True)


def fact_pairs(facts: Sequence[Fact], claims: Mapping[str, Claim]) -> dict[tuple[str, str], str]:
    """(a, b) -> what its fact is about, for every cross-article pair of claims within a fact."""
    article_of = {cid: claims[cid].article_id for f in facts for cid in f.claims if cid in claims}
    out: dict[tuple[str, str], str] = {}
    for f in facts:
        if all(c in article_of for c in f.claims):
            for p in f.pairs(article_of):
                out.setdefault(p, f.about)
    return out


def table(facts: Sequence[Fact], claims: Mapping[str, Claim], articles: Mapping[str, object],
          labels: Mapping[str, str] | None = None, parse=None) -> list[dict]:
    """Each fact as an analyst writes it by hand: every article's claim side by side (outlet, date, the claim),
    and the slot differences between them ("place: Norwalk vs Norfolk"). ``articles`` maps ids to objects with
    ``source``, ``date`` and ``title``; ``labels`` story ids to their labels. With ``parse`` (spaCy's pipeline)
    each difference says whether the parse anchors it to one event (:mod:`contradict.stages.anchors`: only those are
    report findings); without, ``anchored`` is None."""
    from contradict.stages.anchors import (  # anchors and slots import kinds, as facts does: kept local
        SAME_NEWS_DAYS,
        anchored,
    )
    from contradict.stages.slots import slot_differences

    docs: dict[str, object] = {}

    def doc(c: Claim):
        if c.id not in docs:
            docs[c.id] = parse(c.text)
        return docs[c.id]

    out = []
    for f in facts:
        members = [claims[c] for c in f.claims if c in claims]
        if len({c.article_id for c in members}) < 2:
            continue
        rows = []
        for c in sorted(members, key=lambda c: (getattr(articles.get(c.article_id), "date", "") or "", c.article_id, c.id)):
            art = articles.get(c.article_id)
            rows.append({"claim": c.id, "article": c.article_id, "source": getattr(art, "source", "") or "",
                         "date": getattr(art, "date", "") or "", "title": getattr(art, "title", "") or "",
                         "speaker": c.speaker, "text": c.text})
        diffs = []
        by_id = {c.id: c for c in members}
        article_of = {c.id: c.article_id for c in members}
        for a, b in f.pairs(article_of):
            ca, cb = by_id[a], by_id[b]
            da = getattr(articles.get(ca.article_id), "day", None)
            db = getattr(articles.get(cb.article_id), "day", None)
            for d in slot_differences(ca.text, cb.text, da, db):
                held = None if parse is None else anchored(doc(ca), doc(cb), d) and (
                    d.slot != "date" or bool(da and db and abs((da - db).days) <= SAME_NEWS_DAYS))
                diffs.append({"a": a, "b": b, "slot": d.slot, "thing": d.thing, "value_a": d.a, "value_b": d.b,
                              "anchored": held})
        out.append({"id": f.id, "story": f.story, "story_label": (labels or {}).get(f.story, ""), "about": f.about,
                    "claims": rows, "differences": diffs})
    return out
