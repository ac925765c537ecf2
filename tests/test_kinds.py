"""The numeric rule's golden table: quantities read from sentences, and which related pairs differ."""

import pytest

from contradict.kinds import kind_of, numeric_difference, quantities
from contradict.types import Kind

QUANTITIES = [
    ("At least 50 people were killed in the blast.", [("people", 50.0, True)]),
    ("52 people died.", [("people", 52.0, False)]),
    ("Police made 47 arrests overnight.", [("arrest", 47.0, False)]),
    ("The bill costs $3.5 million.", [("dollars", 3_500_000.0, False)]),
    ("40 percent of voters backed him.", [("percent of voter", 40.0, False)]),
    ("The 38-word oath was read aloud.", [("word oath", 38.0, False)]),
    ("The House voted 396-9 to affirm the motto.", [("vote", "396-9", False)]),
    ("The measure passed by a vote of 396 to 9.", [("vote", "396-9", False)]),
    ("The dam failed on Tuesday.", [("weekday", "tuesday", False)]),
    ("The talks began on March 3 in Geneva.", [("date", "mar 3", False)]),
    ("The talks began on Mar. 3 in Geneva.", [("date", "mar 3", False)]),
    ("Pelosi has led House Democrats since 2002.", [("since", "2002", False)]),
    ("Twelve engineers signed the letter.", [("engineer", 12, False)]),
    ("In 2019, according to 1,200 residents, the road flooded.", [("resident", 1200.0, False)]),
    ("He works from 9 to 5 every day.", []),  # no thing counted, and no vote
    ("The law was passed in 2014.", []),  # a year alone is no quantity
]


@pytest.mark.parametrize("text,expected", QUANTITIES)
def test_quantities(text, expected):
    assert [(q.thing, q.value, q.bound) for q in quantities(text)] == expected


DIFFERENCES = [
    # (a, b, similarity, shared names, expected thing or None)
    ("10 people were killed in the blast.", "31 people were killed in the blast.", 0.8, 0, "people"),
    ("The House voted 396-9 on Wednesday.", "The measure passed Tuesday by a vote of 396 to 9.", 0.7, 1, None),  # days: never
    ("Iran may keep 660 pounds of uranium.", "Iran may keep 661 pounds of uranium.", 0.9, 0, None),  # a rounding
    ("Jobs rose by 196,000 in March.", "Jobs rose by 223,000 a month in 2018.", 0.8, 0, None),  # two periods
    ("A 38-word oath was read.", "The 35-word oath was read.", 0.7, 0, "word oath"),
    ("The 48-page indictment names him.", "The 47-page indictment was unsealed.", 0.6, 0, "page indictment"),
    ("At least 50 people were killed.", "52 people were killed.", 0.8, 0, None),  # a bound admits the value
    ("52 people were killed.", "52 people were killed on Monday.", 0.9, 0, None),  # the same value
    ("10 people were killed.", "31 people were killed.", 0.3, 0, None),  # not related enough
    ("10 people were killed in Mosul.", "31 people were killed in Mosul.", 0.5, 1, "people"),  # a name lifts it
    ("The dam failed on Tuesday.", "The dam failed on Monday.", 0.55, 0, None),  # days need 0.6
]


@pytest.mark.parametrize("a,b,sim,names,thing", DIFFERENCES)
def test_numeric_difference(a, b, sim, names, thing):
    d = numeric_difference(a, b, sim, names)
    assert (d.thing if d else None) == thing


def test_a_counted_thing_in_the_plural_and_singular_is_one_thing():
    d = numeric_difference("The oath has 38 words.", "The oath has 35 words.", 0.9)
    assert d is not None and (d.thing, d.a, d.b) == ("word", "38", "35")


@pytest.mark.parametrize("label,differs,dates,story,kind", [
    ("neutral", True, ("2020-01-01", "2020-01-01"), True, Kind.NUMERIC),
    ("neutral", True, ("2020-01-01", "2020-01-02"), True, Kind.UPDATE),
    ("neutral", True, ("2020-01-01", "2020-01-02"), False, None),  # across stories: other events
    ("contradiction", False, ("2020-01-01", "2020-01-02"), True, Kind.UPDATE),
    ("contradiction", False, ("", "2020-01-02"), True, Kind.FACTUAL),  # undated: no order
    ("contradiction", False, ("2020-01-01", "2020-01-01"), True, Kind.FACTUAL),
    ("entailment", True, ("2020-01-01", "2020-01-01"), True, Kind.AGREEMENT),  # the model reads agreement
    ("neutral", False, ("2020-01-01", "2020-01-01"), True, None),
])
def test_kind_of(label, differs, dates, story, kind):
    from contradict.types import Difference

    diff = Difference("people", "10", "31") if differs else None
    assert kind_of(label, diff, *dates, same_story=story) is kind
