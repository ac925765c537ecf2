"""Facts (issue 37): claims of one story's articles aligned into facts, with vectors made by hand."""

import numpy as np

from contradict.facts import Fact, FactParams, align, story_facts
from contradict.types import Claim


def claim(article: str, text: str) -> Claim:
    return Claim(Claim.make_id(article, text), article, 0, 0, len(text), text)


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_mutual_best_matches_sharing_a_name_make_a_fact():
    a1 = claim("a", "The senator spoke to veterans in Norwalk in 2008.")
    a2 = claim("a", "The weather was cold.")
    b1 = claim("b", "At a 2008 event in Norfolk the senator spoke.")
    b2 = claim("b", "Officials met on the budget.")
    vec = {a1.id: unit(1, 0.6, 0, 0), a2.id: unit(0, 0, 1, 0), b1.id: unit(1, 0.5, 0.1, 0), b2.id: unit(0, 0.1, 0, 1)}
    facts = align("story-1", {"a": [a1, a2], "b": [b1, b2]}, vec)
    assert [set(f.claims) for f in facts] == [{a1.id, b1.id}]
    assert facts[0].story == "story-1" and "2008" in facts[0].about
    assert facts[0].pairs({a1.id: "a", b1.id: "b"}) == [tuple(sorted((a1.id, b1.id)))]


def test_related_but_nothing_shared_is_no_fact():
    a1 = claim("a", "the plan was criticised widely")
    b1 = claim("b", "critics spoke against it")
    vec = {a1.id: unit(1, 0.9, 0), b1.id: unit(1, -0.2, 0.6)}  # related, not strong
    cos = float(vec[a1.id] @ vec[b1.id])
    assert FactParams().related <= cos < FactParams().strong
    assert align("s", {"a": [a1], "b": [b1]}, vec) == []


def test_a_count_with_another_value_is_aligned_even_when_not_the_best_match():
    a1 = claim("a", "Clinton gave the State Department 50,000 pages of emails.")
    b1 = claim("b", "Clinton's lawyers reviewed her emails at the State Department.")
    b2 = claim("b", "Clinton turned over 55,000 pages of emails to the State Department.")
    vec = {a1.id: unit(1, 0.3, 0), b1.id: unit(1, 0.25, 0), b2.id: unit(1, 0, 0.9)}
    facts = align("s", {"a": [a1], "b": [b1, b2]}, vec)
    pairs = {p for f in facts for p in f.pairs({a1.id: "a", b1.id: "b", b2.id: "b"})}
    assert tuple(sorted((a1.id, b2.id))) in pairs


def test_facts_join_across_three_articles_and_ids_do_not_depend_on_order():
    cs = [claim(x, f"The House voted 396-9 on the motto, {x} reported.") for x in ("a", "b", "c")]
    vec = {c.id: unit(1, 0.05 * i, 0) for i, c in enumerate(cs)}
    by = {c.article_id: [c] for c in cs}
    f1 = align("s", by, vec)
    f2 = align("s", dict(reversed(list(by.items()))), vec)
    assert f1 == f2 and len(f1) == 1 and len(f1[0].claims) == 3
    assert f1[0].id.startswith("fact-")


def test_story_facts_only_within_stories():
    a1, b1 = claim("a", "The dam failed on Tuesday in Merrow."), claim("b", "The dam failed on Tuesday in Merrow!")
    vec = {a1.id: unit(1, 0), b1.id: unit(1, 0.01)}
    claims = {a1.id: a1, b1.id: b1}
    assert story_facts(claims, vec, {"a": "s1", "b": "s2"}) == []
    assert [type(f) for f in story_facts(claims, vec, {"a": "s1", "b": "s1"})] == [Fact]
