import random
from collections import Counter

import pytest

from contradict.lab.synthetic import negate, negated_pairs, news_pairs


def test_pairs_are_balanced_deterministic_and_unique():
    a, b = news_pairs(600, seed=5), news_pairs(600, seed=5)
    assert a == b and a != news_pairs(600, seed=6)
    assert Counter(lab for *_, lab in a) == {"contradiction": 200, "entailment": 200, "neutral": 200}
    assert len({(p, h) for p, h, _ in a}) == len(a)


def test_names_keep_their_capitals_at_the_start_of_a_sentence():
    text = " ".join(p + " " + h for p, h, _ in news_pairs(3000, seed=1))
    assert "The White House" in text and "Al-Nusra" in text
    assert "The white house" not in text and "Al-nusra" not in text


def test_agreement_in_other_words_is_entailment():
    ent = [(p, h) for p, h, lab in news_pairs(3000, seed=2) if lab == "entailment"]
    assert any(p.startswith("No one was killed") and h.startswith(("Nobody died", "There were no deaths", "No lives"))
               for p, h in ent)
    assert any("in the early hours of" in h or "at first light" in h for _, h in ent)


def test_one_event_told_twice_is_not_a_contradiction_unless_the_day_differs():
    pairs = news_pairs(6000, seed=3, version=3)
    same_event = [(p, h, lab) for p, h, lab in pairs if p.startswith("The dam above") or "ceasefire in" in p]
    labels = Counter(lab for *_, lab in same_event)
    assert labels["neutral"] and labels["entailment"] and labels["contradiction"]
    for _p, h, lab in same_event:
        if lab == "contradiction":
            assert " not " in h  # another day, or "has not collapsed"
    # a cause on one side and a consequence on the other: both can be true
    assert any(lab == "neutral" and "after" in h and "," in p for p, h, lab in same_event)
    assert not any("the the" in (p + h).lower() for p, h, _ in pairs)
    assert news_pairs(600, seed=5, version=3) == news_pairs(600, seed=5, version=3)


NEGATIONS = [  # sentence, negation without a random source (None: no safe rule)
    ("A man is playing a guitar.", "A man is not playing a guitar."),
    ("Two dogs are running through a field.", "Two dogs are not running through a field."),
    ("The woman has been shot.", "The woman has not been shot."),
    ("There is a statue in the square.", "There is not a statue in the square."),
    ("the boy is outdoors", "the boy is not outdoors"),
    ("The church has cracks in the ceiling.", None),  # "has" as a main verb
    ("A man poses in front of an ad.", None),  # no auxiliary
    ("The man is not sleeping.", None),  # already negated
    ("No one was hurt.", None),
    ("A man who is tall plays chess.", None),  # the auxiliary sits in a relative clause
    ("The statue is old and people are mad.", None),  # two predicates: negating one is not the negation
    ("Some firemen are putting out a fire.", None),  # "some ... not" is not the negation
    ("Is the man asleep?", None),
    ("A skater does a trick.", None),  # "does" as a main verb
    ("He is to leave.", None),
]


@pytest.mark.parametrize("sentence,expected", NEGATIONS)
def test_negate_golden(sentence, expected):
    assert negate(sentence) == expected


def test_negate_may_use_no_one_or_no_noun_for_an_indefinite_person():
    seen = {negate("A person is selling coconuts.", random.Random(s)) for s in range(20)}
    assert seen == {"A person is not selling coconuts.", "No one is selling coconuts."}
    seen = {negate("A boy is on a playground.", random.Random(s)) for s in range(20)}
    assert seen == {"A boy is not on a playground.", "No boy is on a playground."}  # not "No one": stronger
    assert {negate("A car is parked.", random.Random(s)) for s in range(20)} == {"A car is not parked."}


def test_negated_pairs_keep_neutral_turn_entailment_into_contradiction_and_skip_contradiction():
    rows = [(f"A man plays a guitar on stage {i}.", f"A man is playing music {i}.", "entailment") for i in range(10)]
    rows += [(f"A man plays a guitar on stage {i}.", f"The man is famous {i}.", "neutral") for i in range(10)]
    rows += [(f"A man plays a guitar on stage {i}.", f"The man is sleeping {i}.", "contradiction") for i in range(10)]
    out = negated_pairs(rows, 8, seed=3)
    assert Counter(lab for *_, lab in out) == {"neutral": 4, "contradiction": 4}
    assert all((" not " in h or h.startswith("No ")) for _, h, _ in out)
    assert all(lab == "contradiction" for _, h, lab in out if "music" in h)
    assert all(lab == "neutral" for _, h, lab in out if "famous" in h)
    assert not any("sleeping" in h for _, h, _ in out)
    assert out == negated_pairs(rows, 8, seed=3)
