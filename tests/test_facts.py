"""Facts (issue 37): claims of one story's articles aligned into facts, with vectors made by hand."""

import datetime as dt

import numpy as np
import pytest

from contradict.stages.facts import Fact, FactParams, align, story_facts
from contradict.types import Claim

THU, SAT = dt.date(2019, 1, 3), dt.date(2019, 1, 5)


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
    vec = {a1.id: unit(1, 0.9, 0), b1.id: unit(1, 0.1, 0.6)}  # related (0.69), not strong
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


def test_a_compound_thing_counted_two_ways_is_aligned_without_a_shared_name():
    a1 = claim("a", "Among the allegations in the 48-page indictment were trips paid from campaign funds.")
    b1 = claim("b", "The goal was to enrich themselves with campaign funds, the 47-page indictment says.")
    b2 = claim("b", "Prosecutors met on Monday.")
    vec = {a1.id: unit(1, 0.2, 0.1), b1.id: unit(0.6, 0, 1), b2.id: unit(1, 0.3, 0)}  # b1 only 0.5 close
    facts = align("s", {"a": [a1], "b": [b1, b2]}, vec)
    pairs = {p for f in facts for p in f.pairs({a1.id: "a", b1.id: "b", b2.id: "b"})}
    assert tuple(sorted((a1.id, b1.id))) in pairs
    # an age or a share is no document: two men's ages, two questions' shares stay unaligned
    for x, y in (("A 35-year-old man was arrested at the scene.", "A 42-year-old man was killed at the scene."),
                 ("40 percent of voters back the wall.", "52 percent of voters oppose the wall.")):
        e1, f1 = claim("a", x), claim("b", y)
        vec = {e1.id: unit(1, 0.2, 0.1), f1.id: unit(0.6, 0, 1)}
        assert align("s", {"a": [e1], "b": [f1]}, vec) == []
    # a plain thing ("people") counted two ways with nothing else shared stays unaligned
    c1 = claim("a", "Some 40 people came to the hall.")
    d1 = claim("b", "He said 60 people had left before noon.")
    vec = {c1.id: unit(1, 0.2, 0.1), d1.id: unit(0.6, 0, 1)}
    assert align("s", {"a": [c1], "b": [d1]}, vec) == []


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


def test_fact_pairs_are_read_ahead_of_the_budget_and_say_so():
    from contradict.stages.pairs import PairParams, select
    from contradict.types import Route

    cs = {}
    for art in ("a", "b", "c"):
        for k in range(4):
            c = Claim(f"{art}:{k}", art, k, 0, 1, f"{art} claim {k} " + "xyz"[k % 3] * (k + 1))
            cs[c.id] = c
    rng = np.random.default_rng(1)
    vec = {cid: unit(*rng.normal(size=8)) for cid in sorted(cs)}
    facts = {("a:3", "c:2"): "Norwalk"}
    sel = select(list(cs), cs, vec, {},
                 PairParams(all_pairs_limit=0, rank_all_limit=1000, pair_budget=2, duplicate_similarity=0.99),
                 fact_pairs=facts)
    keys = [(c.a, c.b) for c in sel.candidates]
    assert keys[0] == ("a:3", "c:2") and len(keys) == 3  # the fact pair, then the budget's two
    assert sel.within_facts == 1
    first = sel.candidates[0]
    assert any(r.route is Route.FACT and r.text == "same fact: Norwalk" for r in first.reasons)
    # a known pair is not read again, and a pair of two old claims is not new work
    again = select(["b:0"], cs, vec, {},
                   PairParams(all_pairs_limit=0, rank_all_limit=1000, pair_budget=0, duplicate_similarity=0.99),
                   fact_pairs=facts)
    assert again.within_facts == 0


def test_a_fact_pair_gets_its_slot_kind_and_the_values_named():
    from contradict.stages.aggregate import classify
    from contradict.types import Kind, Pair, Reason, Route

    a = claim("fox", "The senator spoke to veterans gathered in Norwalk in 2008.")
    b = claim("nyt", "At a 2008 event in Norfolk the senator spoke to veterans.")
    probs = {"contradiction": 0.01, "entailment": 0.2, "neutral": 0.79}
    p = Pair(a=a, b=b, label="neutral", probs=probs, similarity=0.8, score=0.01,
             reasons=(Reason(Route.STORY, "same story s1"), Reason(Route.FACT, "same fact: 2008")), shared=())
    assert classify(p, {"fox": "s1", "nyt": "s1"}, {"fox": THU, "nyt": THU}).kind is None  # off
    got = classify(p, {"fox": "s1", "nyt": "s1"}, {"fox": THU, "nyt": THU}, slot_findings=True)
    assert got.kind is Kind.FACTUAL and (got.difference.thing, got.difference.a, got.difference.b) == (
        "place", "Norwalk", "Norfolk")
    assert got.score >= 0.5 * 0.9  # a rule's finding scores as the numeric rule's do
    # without the fact, the same pair is no finding; a day later it is an update
    plain = classify(Pair(a=a, b=b, label="neutral", probs=probs, similarity=0.8, score=0.01,
                          reasons=(Reason(Route.STORY, "same story s1"),), shared=()), {"fox": "s1", "nyt": "s1"}, {})
    assert plain.kind is None
    later = classify(p, {"fox": "s1", "nyt": "s1"}, {"fox": THU, "nyt": SAT}, slot_findings=True)
    assert later.kind is Kind.UPDATE


def test_facts_table_lists_each_outlet_and_the_values():
    from types import SimpleNamespace

    from contradict.stages.facts import table

    a = claim("fox", "The senator spoke to veterans gathered in Norwalk in 2008.")
    b = claim("nyt", "At a 2008 event in Norfolk the senator spoke to veterans.")
    f = Fact("fact-1", "s1", tuple(sorted((a.id, b.id))), "2008")
    arts = {"fox": SimpleNamespace(source="Fox News", date="2019-01-03", title="T1"),
            "nyt": SimpleNamespace(source="NYT", date="2019-01-02", title="T2")}
    (row,) = table([f], {a.id: a, b.id: b}, arts, {"s1": "Blumenthal"})
    assert [c["source"] for c in row["claims"]] == ["NYT", "Fox News"]  # by date
    assert row["story_label"] == "Blumenthal"
    (d,) = row["differences"]
    assert d["slot"] == "place" and {d["value_a"], d["value_b"]} == {"Norwalk", "Norfolk"}


FACT_ARTICLES = {
    "fox.txt": "Senator Spoke To Veterans In Norwalk\n\nThe senator spoke to veterans gathered in Norwalk in 2008.\n\n"
               "The senator has served in the Army reserve.",
    "nyt.txt": "Senator Spoke To Veterans In Norfolk\n\nAt a 2008 event in Norfolk the senator spoke to veterans.\n\n"
               "The senator has served in the Army reserve.",
}


def fact_pipe(tmp_path, named: bool = False):
    """The two articles of FACT_ARTICLES in ``tmp_path/in`` (the senator ``named`` Warren, for the parse to anchor
    the place on), and a pipeline on ``tmp_path/index`` with the fake encoder and scorer: (pipeline, inputs)."""
    from contradict.runs.pipeline import Pipeline
    from contradict.settings import Settings

    from .fakes import FakeEncoder, FakeScorer

    d = tmp_path / "in"
    d.mkdir()
    for name, text in FACT_ARTICLES.items():
        if named:
            text = text.replace("The senator spoke", "Senator Warren spoke").replace("the senator spoke",
                                                                                   "Senator Warren spoke")
        (d / name).write_text(text)
    settings = Settings(index_dir=tmp_path / "index", story_threshold=0.0)
    return Pipeline(settings, encoder=FakeEncoder(), scorer=FakeScorer()), d


def test_an_index_run_finds_the_fact_and_the_report_names_the_place(tmp_path):
    pipe, d = fact_pipe(tmp_path)
    st = pipe.index([d])
    assert st.facts >= 1 and st.pairs_within_facts >= 1
    rows = pipe.facts()
    report = pipe.report(top=0)
    pipe.close()
    place = [r for r in rows if any(x["slot"] == "place" for x in r["differences"])]
    assert place and {c["source"] or c["article"] for c in place[0]["claims"]} == {"fox", "nyt"}
    assert report.summary.facts == st.facts and report.summary.fact_pairs_read >= 1
    # a slot difference alone is no finding (slot_findings is off): the facts table shows it
    assert not [p for p in report.contradictions if "Norwalk" in (p.explain or "")]


@pytest.mark.slow
def test_with_the_parse_the_facts_table_and_the_report_name_one_event_in_two_places(tmp_path):
    """Real spaCy (the frames' pipeline), fake embeddings and NLI: the place told two ways of one named senator's
    speech is anchored in the facts table and is a factual finding of the report with both places; the years the
    two articles share differ in nothing."""
    pipe, d = fact_pipe(tmp_path, named=True)
    pipe.index([d])
    rows = pipe.facts()
    report = pipe.report(top=0)
    pipe.close()
    places = [x for r in rows for x in r["differences"] if x["slot"] == "place"]
    assert places and all(x["anchored"] is True for x in places)
    found = [p for p in report.pairs if p.difference and p.difference[0] == "place"]
    assert found and set(found[0].difference[1:]) == {"Norwalk", "Norfolk"} and found[0].kind == "factual"


@pytest.mark.slow
def test_a_report_reads_the_index_runs_rule_reads_and_parses_nothing_again(tmp_path, monkeypatch):
    """The index run reads every candidate pair's rule difference on the parse and stores it; a report from the
    built index takes those reads (no spaCy parse: it would fail here) and finds what parsing found."""
    from contradict.runs.pipeline import Pipeline
    from contradict.stages import anchors

    from .fakes import FakeEncoder, FakeScorer

    pipe, d = fact_pipe(tmp_path, named=True)
    settings = pipe.s
    pipe.index([d])
    reads = pipe.store.rule_reads()
    assert pipe.store.get_meta("rule_reads") == f"{anchors.RULES_VERSION} {settings.spacy_model}"
    assert [r for r in reads.values() if r[0] == "place" and {r[2], r[3]} == {"Norwalk", "Norfolk"}]
    real, read_again = anchors.rule_differences, []

    def counting(pairs, *a):
        read_again.extend(p.id for p in pairs)
        return real(pairs, *a)

    monkeypatch.setattr(anchors, "rule_differences", counting)
    (d / "other.txt").write_text("A Storm Hit The Coast\n\nA storm hit the coast of Maine on Friday.")
    pipe.index([d])  # a run that changes no story of the two: their pairs keep their reads, unparsed
    assert pipe.store.rule_reads().items() >= reads.items()
    assert not set(read_again) & set(reads)
    monkeypatch.setattr(anchors, "rule_differences", real)
    pipe.close()

    def no_parse(*a, **k):
        raise AssertionError("parsed again")

    monkeypatch.setattr(anchors, "rule_differences", no_parse)
    again = Pipeline(settings, encoder=FakeEncoder(), scorer=FakeScorer())
    report = again.report(top=0)
    again.close()
    found = [p for p in report.pairs if p.difference and p.difference[0] == "place"]
    assert found and set(found[0].difference[1:]) == {"Norwalk", "Norfolk"} and found[0].kind == "factual"


def test_a_later_run_aligns_only_the_stories_it_changed_and_keeps_the_others_facts(tmp_path, monkeypatch):
    """A story whose articles are those of the last run, none read again, keeps its stored facts; the facts after
    a run that adds an article equal those of an index built from nothing on the same inputs."""
    from contradict.stages import facts as facts_mod

    aligned: list[set] = []
    real = facts_mod.story_facts

    def spy(claims, vectors, story_of, stories=None, params=facts_mod.FactParams()):
        aligned.append(set(stories) if stories is not None else {"<all>"})
        return real(claims, vectors, story_of, stories=stories, params=params)

    monkeypatch.setattr(facts_mod, "story_facts", spy)
    pipe, d = fact_pipe(tmp_path)
    pipe.index([d])
    first = pipe.ws.open_existing().facts()
    assert first and len(aligned[-1]) == 1
    pipe.index([d])  # nothing changed: nothing aligned again, the same facts
    assert aligned[-1] == set() and pipe.ws.open_existing().facts() == first
    (d / "wapo.txt").write_text("Senator Spoke To Veterans In Norwalk\n\nThe senator spoke to veterans in Norwalk "
                                "last week.\n\nThe senator has served in the Army reserve for years.")
    pipe.index([d])
    assert len(aligned[-1]) == 1
    after = pipe.ws.open_existing().facts()
    pipe.close()
    (tmp_path / "fresh").mkdir()
    fresh, _ = fact_pipe(tmp_path / "fresh")
    fresh.index([d])
    assert fresh.ws.open_existing().facts() == after
    fresh.close()
