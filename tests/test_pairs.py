import numpy as np

from contradict.stages.pairs import PairParams, entities, relatedness, select
from contradict.types import Claim, Entity, EntityKind, Route


def test_entities_normalize_aliases_numbers_and_dates():
    e = entities("The U.S. armed the Islamic State in Mosul on June 10, killing 42 people in 2014.")
    assert {Entity.decode(x) for x in ("US", "ISIS", "Mosul", "num:42", "year:2014", "date:june 10")} <= e
    assert Entity(EntityKind.NAME, "The") not in e
    assert Entity(EntityKind.NUMBER, "42").encode() == "num:42" and Entity.decode("num:42").kind is EntityKind.NUMBER
    assert sorted(e, key=Entity.encode) == sorted(e)  # entities sort as their stored form


def _claims(spec):
    out = {}
    for aid, n in spec:
        for k in range(n):
            c = Claim(id=f"{aid}:{k}", article_id=aid, position=k, start=0, end=1, text=f"{aid} claim " + "xyz"[k % 3] * (k + 1))
            out[c.id] = c
    return out


def _vecs(ids, seed=0):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(len(ids), 8)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return dict(zip(sorted(ids), v))


def test_small_corpus_takes_every_cross_article_pair_once():
    cl = _claims([("a", 3), ("b", 2), ("c", 1)])
    sel = select(list(cl), cl, _vecs(cl), {},
                 PairParams(all_pairs_limit=100, pair_budget=100, duplicate_similarity=0.99))
    keys = {(c.a, c.b) for c in sel.candidates}
    assert len(keys) == 3 * 2 + 3 * 1 + 2 * 1 == sel.considered
    assert all(cl[a].article_id != cl[b].article_id and a < b for a, b in keys)
    assert all(any(r.route is Route.ALL_PAIRS and r.text == "all pairs (small corpus)" for r in c.reasons)
               for c in sel.candidates)


def test_new_claims_pair_with_existing_but_known_pairs_are_not_repeated():
    cl = _claims([("a", 2), ("b", 2)])
    first = select(["a:0", "a:1"], cl, _vecs(cl), {},
                   PairParams(all_pairs_limit=100, pair_budget=100, duplicate_similarity=0.99))
    known = {(c.a, c.b) for c in first.candidates}
    cl.update(_claims([("c", 1)]))
    second = select(["c:0"], cl, _vecs(cl), {},
                    PairParams(all_pairs_limit=100, pair_budget=100, duplicate_similarity=0.99), known=known)
    assert {(c.a, c.b) for c in second.candidates} == {("a:0", "c:0"), ("a:1", "c:0"), ("b:0", "c:0"), ("b:1", "c:0")}


def test_large_corpus_uses_neighbours_and_budget_ranked_by_priority():
    cl = _claims([("a", 20), ("b", 20)])
    vecs = _vecs(cl)
    neigh = {"a:0": ("b:3", "b:4"), "a:1": ("b:5",)}
    sel = select(["a:0", "a:1"], cl, vecs, neigh,
                 PairParams(all_pairs_limit=10, pair_budget=2, duplicate_similarity=0.99, rank_all_limit=0))
    assert len(sel.candidates) == 2 and sel.dropped_by_budget == 1
    pri = [c.priority for c in sel.candidates]
    assert pri == sorted(pri, reverse=True)


def test_shared_entities_make_candidates_beyond_neighbours():
    texts = {"a:0": "Barzani struck a deal with the militants over Mosul.",
             "b:0": "There was no agreement between Barzani and anyone.",
             "b:1": "Rain fell in the south."}
    cl = {cid: Claim(id=cid, article_id=cid[0], position=0, start=0, end=1, text=t) for cid, t in texts.items()}
    sel = select(["a:0"], cl, _vecs(cl), {},
                 PairParams(all_pairs_limit=0, pair_budget=10, duplicate_similarity=0.99, rank_all_limit=0))
    (c,) = sel.candidates
    assert (c.a, c.b) == ("a:0", "b:0")
    assert any(r.route is Route.ENTITIES and r.text.startswith("entities: Barzani") for r in c.reasons)


def test_near_duplicates_are_merged_not_paired():
    cl = _claims([("a", 1), ("b", 1)])
    v = np.ones(8, dtype=np.float32) / np.sqrt(8)
    sel = select(["a:0"], cl, {"a:0": v, "b:0": v}, {},
                 PairParams(all_pairs_limit=10, pair_budget=10, duplicate_similarity=0.95))
    assert sel.candidates == [] and len(sel.duplicates) == 1


def test_relatedness_rises_with_similarity_and_shared_names():
    assert relatedness(0.0, []) < relatedness(0.3, []) < relatedness(0.3, ["Iran"]) <= 1.0
    assert relatedness(0.9, ["a", "b", "c", "d"]) == 1.0


def test_mid_size_corpus_ranks_every_pair_and_keeps_the_budget():
    cl = _claims([("a", 10), ("b", 10), ("c", 10)])
    vecs = _vecs(cl, seed=5)
    sel = select(list(cl), cl, vecs, {}, PairParams(all_pairs_limit=10, pair_budget=25, duplicate_similarity=0.99))
    assert sel.considered == 300 and len(sel.candidates) == 25 and sel.dropped_by_budget == 275
    best = sorted((float(vecs[a] @ vecs[b]), a, b) for a in cl for b in cl
                  if a < b and cl[a].article_id != cl[b].article_id)[-1]
    assert (sel.candidates[0].a, sel.candidates[0].b) == best[1:]


def test_the_found_pairs_table_merges_each_keys_routes_and_marks_only_found_keys():
    from contradict.stages.pairs import _Found

    empty = _Found()
    empty.freeze()
    empty.mark([1, 2], 32)
    assert list(empty.items()) == [] and empty.get(1) == 0
    f = _Found()
    for key, route in ((9, 1), (3, 2), (9, 4), (5, 2), (3, 2), (10**10, 8)):
        f.add(key, route)
    f.freeze()
    f.mark([9, 4, 10**10], 32)  # 4 was never found: stays unfound
    assert list(f.items()) == [(3, 2), (5, 2), (9, 1 | 4 | 32), (10**10, 8 | 32)]
    assert (f.get(9), f.get(4), f.get(11)) == (37, 0, 0)
