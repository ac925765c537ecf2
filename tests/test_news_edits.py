"""Rule-edited news pairs: the rule gives the label, so each rule is pinned by a golden table."""
import random
from collections import Counter

import pytest

from contradict.lab.news_edits import change_number, contradiction_edit, drop_detail, news_edit_pairs

NUMBER = [  # sentence, whether a number may change
    ("The House voted 396-9 on Wednesday to reaffirm the motto.", True),
    ("The fire killed 52 people in the city.", True),
    ("More than 200 people were arrested.", False),  # a bound: "more than 150" is not ruled out
    ("At least 15 people were injured.", False),
    ("Unemployment fell to 4.5% in May.", False),  # a percentage after the number is left alone
    ("Turnout was about 30,000 voters.", False),
]


@pytest.mark.parametrize("sentence,changes", NUMBER)
def test_only_unbounded_numbers_change(sentence, changes):
    new = change_number(sentence, random.Random(1))
    assert (new is not None and new != sentence) == changes
    if new:
        assert new.split()[:1] == sentence.split()[:1] and len(new.split()) == len(sentence.split())


DROPS = [
    ("President Donald Trump signed full pardons for two Oregon ranchers on Tuesday.",
     "President Donald Trump signed full pardons for two Oregon ranchers."),
    ("The senator announced his bid for the presidency, and his campaign raised two million dollars.",
     "The senator announced his bid for the presidency."),
    ("The group has a tangential connection to at least one candidate.", None),  # would cut the object
    ("The clashes left at least 15 injured in Cairo.", "The clashes left at least 15 injured."),
    ("The governor said the vote would happen, and officials said it was delayed.", None),  # a "said" clause
]


@pytest.mark.parametrize("sentence,expected", DROPS)
def test_a_trailing_detail_is_dropped_only_where_the_rest_stands_alone(sentence, expected):
    assert drop_detail(sentence) == expected


def test_a_weekday_edit_names_another_day():
    new = contradiction_edit("The ranchers were pardoned on Tuesday by the president.", random.Random(3))
    assert new and new != "The ranchers were pardoned on Tuesday by the president."


def test_pairs_are_seeded_labelled_in_proportion_and_from_one_article_when_neutral():
    sents = []
    for a in range(40):
        for k in range(8):
            sents.append((f"Officials in district {a} counted {k + 12} ballots on Monday in Springfield County.",
                          f"art{a}", "", ""))
    one, two = news_edit_pairs(sents, 200, 7), news_edit_pairs(sents, 200, 7)
    assert one == two
    counts = Counter(lab for *_, lab in one)
    assert counts == {"contradiction": 90, "entailment": 60, "neutral": 50}
    for p, h, lab in one:
        if lab == "neutral":
            assert p.split()[3] == h.split()[3] and p != h  # the same district: the same article
        else:
            assert p != h


def test_a_statement_becomes_its_denial():
    from contradict.lab.news_edits import deny

    assert deny("The Health Ministry said 77 people had been killed in the attack.") == \
        "The Health Ministry denied that 77 people had been killed in the attack."
    assert deny("Officials said on Friday that the minister had resigned after the scandal.") == \
        "Officials denied on Friday that the minister had resigned after the scandal."
    assert deny("He said the bill would pass easily in the end.") is None  # who "he" is, the pair does not say
    assert deny("\"We will win,\" the mayor said.") is None
