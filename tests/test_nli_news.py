"""The shipped default NLI model (as reports run it: the MPNet behind the MiniLM prefilter) on clear
news-style pairs written for this test (issue 19): a changed figure, a changed day, two denials, an alliance
against an enmity, a paraphrase, and an unrelated pair. Each is scored both ways and combined as reports combine
them; the margins leave room for the int8 arithmetic, not for a wrong reading."""

import pytest

from contradict.backends.nli import LABELS, combine, scorer_for
from contradict.settings import Settings

pytestmark = pytest.mark.slow  # the real models

C, E = LABELS.index("contradiction"), LABELS.index("entailment")

CONTRADICTIONS = [
    ("a changed figure", "The fire at the textile factory killed 52 workers, the fire brigade said on Monday.",
     "The fire at the textile factory killed 67 workers, the fire brigade said on Monday."),
    ("a changed day", "The House of Representatives passed the motto resolution on Tuesday by a wide margin.",
     "The House of Representatives passed the motto resolution on Wednesday by a wide margin."),
    ("a denial", "The interior minister resigned on Friday after the wiretapping scandal.",
     "The interior minister did not resign on Friday; he said he would stay in office."),
    ("a company's denial", "The company said it had laid off 300 workers at the plant.",
     "The company denied that it had laid off any workers at the plant."),
    ("an alliance against an enmity", "Iran and the United States are working together as allies against the "
     "militants in Iraq.", "Iran and the United States are bitter enemies, each fighting the other's proxies in Iraq."),
]
AGREEMENT = ("a paraphrase", "The Merrow dam collapsed early on Tuesday, sending a wall of water into the valley.",
             "Early on Tuesday the Merrow dam gave way and the valley below was flooded.")
UNRELATED = ("unrelated news", "The city council approved next year's school budget after a long debate.",
             "A winter storm knocked out power to forty thousand homes along the coast.")


# Read wrong by the shipped model (neutral; P(contradiction) 0.30 one way): a reported denial of the premise itself.
# Strict, so that a model which reads it right shows here and the pair moves up into CONTRADICTIONS.
REPORTED_DENIAL = ("The interior minister resigned on Friday after the wiretapping scandal.",
                   "The interior minister denied on Friday that he had resigned and said he would stay in office.")


@pytest.fixture(scope="module")
def default():
    return scorer_for(Settings())


def _read(scorer, a, b):
    ab, ba = scorer.score([(a, b), (b, a)])
    label, probs = combine(ab, ba)
    return label, probs, ab, ba


@pytest.mark.parametrize("what,a,b", CONTRADICTIONS, ids=[c[0] for c in CONTRADICTIONS])
def test_clear_contradictions_read_as_contradictions(default, what, a, b):
    label, probs, ab, ba = _read(default, a, b)
    assert label == "contradiction", (what, probs)
    assert max(ab[C], ba[C]) >= 0.6, (what, ab, ba)


def test_a_paraphrase_reads_as_agreement(default):
    what, a, b = AGREEMENT
    label, probs, ab, ba = _read(default, a, b)
    assert label == "entailment", (what, probs)
    assert max(ab[C], ba[C]) <= 0.2


def test_unrelated_news_is_neither(default):
    what, a, b = UNRELATED
    label, probs, ab, ba = _read(default, a, b)
    assert label == "neutral", (what, probs)
    assert max(ab[C], ba[C]) <= 0.3 and max(ab[E], ba[E]) <= 0.3


@pytest.mark.xfail(strict=True, reason="known weakness of contradict-nli-mpnet news-8s: a reported denial reads neutral")
def test_a_reported_denial_of_the_premise_reads_as_contradiction(default):
    label, probs, ab, ba = _read(default, *REPORTED_DENIAL)
    assert label == "contradiction", probs
