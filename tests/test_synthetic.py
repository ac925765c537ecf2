from collections import Counter

from contradict.synthetic import news_pairs


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
