"""Anchored slots (contradict.stages.anchors): a slot difference of two claims counts only where its value hangs from one
event in both. Golden table on spaCy's real parse: the disagreements a reader sees at once fire; bounds, other
quantities, other events of one story, the statement's day, one name written two ways, a part of a count, polls
and one quote transcribed twice stay silent."""

from __future__ import annotations

import datetime as dt

import pytest

from contradict.stages.slots import SlotDifference, slot_differences

THU = dt.date(2019, 1, 3)  # a Thursday

# (claim a, claim b, the slot that must be found and kept)
FIRES = [
    ("The House voted on Wednesday to pass the spending bill.",
     "The House passed the spending bill on Tuesday after a long debate.", "date"),
    ("Senator Warren spoke to a crowd of supporters at a rally in Norfolk.",
     "Senator Warren spoke to hundreds of supporters at a rally in Norwalk.", "place"),
    ("Loretta Sanchez won the Democratic primary in the district, Governor Brown said.",
     "Linda Sanchez won the Democratic primary in the district by a wide margin.", "person"),
    ("Clinton's lawyers turned over 55,000 pages of emails to the State Department.",
     "Clinton's lawyers turned over 50,000 pages of emails to the State Department in December.", "number"),
    ("The flood killed 12 people in Carrow Valley on Monday, the Merrow Dam authority said.",
     "The flood killed 21 people in Carrow Valley on Monday.", "number"),
    # a count told with two verbs: the numeric rule's thing ("page indictment") is the anchor
    ("In a 48-page indictment, prosecutors charged the mayor with fraud.",
     "The 47-page indictment says the mayor took bribes.", "number"),
    # a copula: the subject is the event
    ("The Clintons' effective tax rate for 2014 was 35.7 percent.",
     "The Clintons' tax rate for 2014 was 30 percent, their returns show.", "number"),
    # one transfer told from either side: the count hangs from the thing counted, the event above it
    ("The State Department received 55,000 pages of Clinton's emails.",
     "Boxes with 50,000 pages of Clinton's emails were delivered to the State Department.", "number"),
    # a day's own noun is the event, its phrases its arguments ("attacks in Paris")
    ("The Nov. 13 attacks in Paris killed 130 people, Hollande said.",
     "The Nov. 14 attacks in Paris killed 130 people.", "date"),
    # a participle clause goes on telling the event: its named argument is the event's ("defeating Barbara Lee")
    ("Rep. Loretta Sanchez won the race for vice chair, defeating Representative Barbara Lee.",
     "Representative Linda T. Sánchez defeated Representative Barbara Lee to become vice chair.", "person"),
    ("Minister Okafor denied that he had resigned from the Okoro cabinet.",
     "Minister Okafor resigned from the Okoro cabinet on Wednesday.", "denial"),
]

# (claim a, claim b): no anchored slot difference, whatever the rules of contradict.stages.slots find
SILENT = [
    # the day of the statement, not of the event
    ("Investigators recovered the recorders of flight ET302, which crashed on Sunday.",
     "Investigators have recovered the recorders of flight ET302, Ethiopian Airlines said Monday."),
    # two nights of one story's protests
    ("Protesters clashed with police in Baltimore on Monday night.",
     "Protesters clashed with the National Guard in Ferguson on Tuesday night."),
    # one name written two ways
    ("The strike killed General Qassem Soleimani near the Baghdad airport.",
     "The strike killed General Qasem Soleimani near the Baghdad airport."),
    ("Attorney General William Barr will release the Mueller report on Thursday.",
     "Attorney General Bill Barr will release the Mueller report on Thursday."),
    # a part of a count
    ("The attack on the Benghazi mission killed four Americans.",
     "The attack on the Benghazi mission killed Ambassador Stevens and three other Americans."),
    # polls: another poll, another group
    ("Among likely voters, Romney leads Obama 53 percent to 44 percent.",
     "Among early voters, Obama leads Romney 62 percent to 35 percent."),
    # a bound, and a point of reference
    ("Clinton's lawyers turned over more than 50,000 pages of emails to the State Department.",
     "Clinton's lawyers turned over 55,000 pages of emails to the State Department."),
    ("The Dow fell to its lowest point since 2017.",
     "The Dow fell 2,352 points, the biggest drop since 1987."),
    # two of one family in one claim
    ("Trump pressed Ukraine to investigate Biden and his son, Hunter Biden.",
     "Trump pressed Ukraine to investigate Joe Biden before the election."),
    # places of two events
    ("Thousands joined a protest for George Floyd in Auckland on Monday.",
     "A protest for George Floyd turned violent in Brooklyn on Monday."),
    # two brothers' ages
    ("Police killed the other suspect, Tsarnaev's 26-year-old brother, Tamerlan.",
     "Police captured his 19-year-old brother, Dzhokhar Tsarnaev, that night."),
    # a number in a name
    ("British Airways flies eight new 737 Max planes.", "Lion Air ordered 201 Max planes from Boeing."),
    # one thing counted in two events: the thing counted is no event ("arrested 18 suspects" / "a trial of 11")
    ("Saudi Arabia has arrested 18 suspects in the killing of Jamal Khashoggi.",
     "The envoy dismissed the Saudi Arabia trial of 11 suspects in the killing of Jamal Khashoggi."),
    ("The Hwasong missile has a range of up to 620 miles, Seoul said of the Hwasong.",
     "The Hwasong missile flew about 280 miles before it fell into the sea."),
    # a day that names its own event: two events, whatever the claims go on to share
    ("A March 15 raid on an apartment rented by Khalid led to the arrest of Paris attack suspect Salah Abdeslam.",
     "The bombing comes four days after police arrested Salah Abdeslam, a central suspect in the Nov. 13 attacks "
     "in Paris."),
    # turning down a sum is no transfer of it
    ("Acme Corp turned down $5 million from the state of Ohio.", "Acme Corp received $3 million from the state of Ohio."),
    # a day of a relative clause dates that clause's event, not the one above it
    ("Republicans seized on emails that became public on Friday to attack the White House over Benghazi.",
     "The White House released the emails on Wednesday to answer Republicans over Benghazi."),
    ("Boehner read the preamble before yielding to the woman who handed him the gavel on Wednesday, Nancy Pelosi.",
     "Boehner and Nancy Pelosi read the preamble aloud on Thursday."),
    # one quote transcribed twice: no slot differs
    ('"We will not back down," Mayor Lopez said of the dam.',
     '"We will not back down," Mayor Lopez said of the Merrow dam.'),
]


@pytest.fixture(scope="module")
def nlp():
    from contradict.stages.frames import DEFAULT_SPACY_MODEL, load_spacy

    return load_spacy(DEFAULT_SPACY_MODEL)


@pytest.mark.slow
@pytest.mark.parametrize("a,b,slot", FIRES)
def test_a_slot_told_two_ways_of_one_event_is_kept(nlp, a, b, slot):
    from contradict.stages.anchors import anchored

    found = slot_differences(a, b, THU, THU)
    assert [d.slot for d in found][:1] == [slot]
    assert anchored(nlp(a), nlp(b), found[0])


@pytest.mark.slow
@pytest.mark.parametrize("a,b", SILENT)
def test_a_slot_of_another_event_or_one_value_written_two_ways_is_not(nlp, a, b):
    from contradict.stages.anchors import anchored

    found = slot_differences(a, b, THU, THU)
    assert not any(anchored(nlp(a), nlp(b), d) for d in found)


@pytest.mark.slow
def test_one_weekday_named_on_both_sides_is_no_difference_whatever_the_article_dates():
    from contradict.stages.slots import date_difference

    a, b = "The House voted on Tuesday to pass the bill.", "The House passed the bill on Tuesday."
    assert date_difference(a, b, THU, THU + dt.timedelta(days=2)) is None
    assert date_difference(a, b.replace("Tuesday", "Wednesday"), THU, THU) is not None


@pytest.mark.slow
def test_verify_parses_each_claim_once_and_keeps_only_anchored(nlp):
    from contradict.stages.anchors import verify

    calls: list[str] = []

    def parse(text):
        calls.append(text)
        return nlp(text)

    keep_a, keep_b, _ = FIRES[0]
    drop_a, drop_b = SILENT[0]
    diffs = {"p1": ("a", "b", slot_differences(keep_a, keep_b, THU, THU)[0]),
             "p2": ("a", "c", SlotDifference("date", "day", "Sunday", "Monday")),
             "p3": ("d", "c", SlotDifference("date", "day", "Sunday", "Monday"))}
    texts = {"a": keep_a, "b": keep_b, "c": drop_b, "d": drop_a}
    assert list(verify(diffs, texts, parse)) == ["p1"]
    assert sorted(calls) == sorted(texts.values())


@pytest.mark.slow
def test_a_report_lists_an_anchored_day_of_one_news_cycle_and_not_of_two(nlp):
    """rule_differences, as the report reads them: the House's vote dated Tuesday and Wednesday by two articles
    of one day is a date difference; the same two sentences in articles four days apart (or one undated) tell
    two events and are not; an unanchored pair is not either."""
    from contradict.dates import day_of
    from contradict.stages.aggregate import classify, make_pair
    from contradict.stages.anchors import rule_differences
    from contradict.types import Claim, Kind, Reason, Route

    a_text, b_text, _ = FIRES[0]
    fact = (Reason(Route.FACT, "same fact: House"),)

    def pair(x: str, y: str):
        return make_pair(Claim(f"{x}:1", x, 0, 0, len(a_text), a_text), Claim(f"{y}:1", y, 0, 0, len(b_text), b_text),
                         "neutral", {"contradiction": 0.01, "entailment": 0.01, "neutral": 0.98}, 0.8, fact, ())

    pairs = [pair("a", "b"), pair("c", "d"), pair("e", "f")]
    story_of = {x: "s1" for x in "abcdef"}
    dates = {k: day_of(v) for k, v in
             {"a": "2019-01-03", "b": "2019-01-03", "c": "2019-01-03", "d": "2019-01-07", "e": "2019-01-03"}.items()}
    ruled = rule_differences(pairs, story_of, dates, nlp)
    assert list(ruled) == [pairs[0].id] and ruled[pairs[0].id][0] == "date"
    got = [classify(p, story_of, dates, ruled=ruled) for p in pairs]
    assert got[0].kind is Kind.FACTUAL and got[0].difference is not None
    assert [g.kind for g in got[1:]] == [None, None]


def test_a_ray_run_on_the_real_models_anchors_its_report_as_a_local_run_does(tmp_path):
    """The driver of a Ray run parses the report's few rule differences itself: its reader on the real models has
    a pipeline to give (loaded only when a pair needs it); on test models (factories) it has none, as the fakes."""
    from contradict.runs.pipeline import Pipeline
    from contradict.runs.ray_engine import ParsingRayReader, RayReader
    from contradict.settings import Settings

    class Engine:
        def __init__(self, reader):
            self.made = reader

        def reader(self):
            return self.made(self)

    real = Pipeline(Settings(index_dir=tmp_path / "a"), engine=Engine(lambda e: ParsingRayReader(e, "any_model")))
    fake = Pipeline(Settings(index_dir=tmp_path / "b"), engine=Engine(RayReader))
    assert real.slot_parser is not None and fake.slot_parser is None


def test_a_capitalised_phrase_with_no_name_in_it_is_no_place():
    """The parse must read a place as a name labelled a place: "at Very Serious public events" (an adverb and an
    adjective, capitalised for irony) names none, though no word of it is a name labelled otherwise."""
    from types import SimpleNamespace

    from contradict.stages.anchors import _labelled

    text = "behave at Very Serious events in Memphis"
    tags = [("behave", "VERB", ""), ("at", "ADP", ""), ("Very", "ADV", ""), ("Serious", "ADJ", ""),
            ("events", "NOUN", ""), ("in", "ADP", ""), ("Memphis", "PROPN", "GPE")]
    toks, at = [], 0
    for word, pos, ent in tags:
        at = text.index(word, at)
        toks.append(SimpleNamespace(text=word, idx=at, pos_=pos, ent_type_=ent))
    class Doc(list):  # what _labelled reads of a spaCy Doc: its text and tokens
        pass

    parsed = Doc(toks)
    parsed.text = text
    assert not _labelled(parsed, "Very Serious", {"GPE", "LOC", "FAC"})
    assert _labelled(parsed, "Memphis", {"GPE", "LOC", "FAC"})
